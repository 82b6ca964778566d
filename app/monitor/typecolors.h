#pragma once

#include <QByteArray>
#include <QColor>

/** Stable, distinct colours for event types: the same type always gets the same colour, in
 *  every session and on every machine (a fixed hash, not Qt's seeded one). */
namespace TypeColors {
QColor color(const QByteArray &type, bool darkPalette);
}
