#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace sse {

/** Re-indents a JSON text without rewriting it: keys keep their order and every string and
 *  number keeps its exact characters (escapes, `1e3`, `0.1000`, `-0.0`, 23-digit integers);
 *  only the whitespace between tokens changes. Returns a null array when \a json is not one
 *  valid JSON value (RFC 8259) or nests deeper than \a maxDepth. */
QByteArray reindentJson(QByteArrayView json, int indent = 2, int maxDepth = 256);

} // namespace sse
