#include "typecolors.h"

namespace TypeColors {

QColor color(const QByteArray &type, bool dark)
{
    if (type == "error")
        return dark ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
    if (type == "message")
        return dark ? QColor(0xb0, 0xbe, 0xc5) : QColor(0x45, 0x5a, 0x64);
    quint32 h = 2166136261u; // FNV-1a
    for (const char c : type) {
        h ^= quint8(c);
        h *= 16777619u;
    }
    // Spread hues with the golden ratio and skip the reds kept for errors.
    const double golden = 0.618033988749895;
    const double hue = std::fmod(0.08 + (h % 1000) * golden, 1.0) * 0.86 + 0.06;
    return QColor::fromHslF(float(hue), dark ? 0.65f : 0.75f, dark ? 0.68f : 0.36f);
}

} // namespace TypeColors
