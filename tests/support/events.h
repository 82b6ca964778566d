#pragma once

// The one event builder of the suites that store, filter or export events (the parser's own
// tests build what the parser emits, without a receive time, in tst_parser).

#include "types.h"

#include <QByteArray>

namespace testsupport {

/** The receive time of test events: 2026-11-22T10:00:00.123Z. */
constexpr qint64 BaseMs = 1'795'341'600'123;

inline sse::Event ev(const QByteArray &data, const QByteArray &type = QByteArrayLiteral("message"),
                     const QByteArray &lastEventId = {}, bool hasId = false, qint64 ms = BaseMs)
{
    sse::Event e;
    e.type = type;
    e.data = data;
    e.lastEventId = lastEventId;
    e.hasId = hasId;
    e.receivedAtMs = ms;
    return e;
}

} // namespace testsupport
