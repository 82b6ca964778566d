#pragma once

// What the stress suites share (tst_stress: reconnect storms and long runs; tst_hostile: hostile
// streams): sizes, an event-stream response head, and a bounded wait that never sleeps.

#include "httpserver.h"

#include <QByteArray>
#include <QEventLoop>
#include <QTimer>

#include <functional>

namespace stresskit {

inline constexpr int Timeout = 20000;
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool UnderAsan = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool UnderAsan = true;
#else
inline constexpr bool UnderAsan = false;
#endif
#else
inline constexpr bool UnderAsan = false;
#endif
inline constexpr qint64 MiB = 1024 * 1024;
inline constexpr qint64 GiB = 1024 * MiB;

inline const sse::HttpHeaders &streamHeaders()
{
    static const sse::HttpHeaders h{{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    return h;
}


/** Bytes as "12.3 MiB", for the figures the tests print. */
inline QByteArray mb(qint64 bytes)
{
    return QByteArray::number(double(bytes) / double(MiB), 'f', 1) + " MiB";
}

/** Runs a real event loop until \a done() or \a timeoutMs; true when done. QTRY_* and
 *  QTest::qWaitFor sleep 10 ms between batches of events (measured: a reconnect cycle took
 *  20 ms under QTRY, 0.7 ms here), which would turn the long runs into a series of sleeps; this
 *  waits the same bounded way without ever sleeping (the check timer only looks at \a done()). */
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    check.setInterval(5);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    check.start();
    loop.exec();
    return done();
}

} // namespace stresskit
