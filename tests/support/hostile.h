#pragma once

// Bodies of hostile streams, generated as they are written (1 GiB is never in memory); for
// sse::BodyPump in tst_hostile and bench_gui.

#include <QByteArray>

#include <functional>

/** \a head, then \a size bytes of 'x', then \a tail, 256 KiB at a time; then an empty array. */
inline std::function<QByteArray()> hugeBody(const QByteArray &head, qint64 size,
                                            const QByteArray &tail)
{
    static const QByteArray fill(256 * 1024, 'x');
    return [head, tail, remaining = size, stage = 0]() mutable -> QByteArray {
        if (stage == 0) {
            stage = 1;
            return head;
        }
        if (remaining > 0) {
            const qint64 n = qMin<qint64>(remaining, fill.size());
            remaining -= n;
            return n == fill.size() ? fill : fill.left(n);
        }
        if (stage == 1) {
            stage = 2;
            return tail;
        }
        return {};
    };
}
