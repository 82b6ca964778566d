// Stress (issue 6), through the real sse::EventSource and sse::Session:
//
//  - reconnect storms: 50 sources that fail at the same moment spread their reconnects (full
//    jitter) and never wait longer than the policy's maximum; without jitter they do reconnect
//    in lock step, which proves the statistic can fail;
//  - 1,000 connect -> event -> end -> reconnect cycles: resident memory and open file
//    descriptors stay flat, and no event is lost or duplicated.
//
// Hostile streams are in tst_hostile. No wall-clock assertion anywhere: times are printed
// (qInfo) for the report. The servers run in their own thread (serverthread.h), as a real
// server is another process, so the test's thread is only the client's.

#include "memory.h"
#include "eventlog.h"
#include "eventsource.h"
#include "httpserver.h"
#include "serverthread.h"
#include "stresskit.h"
#include "session.h"

#include <QAbstractEventDispatcher>
#include <QAbstractItemModelTester>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

using namespace sse;

using namespace sse;
using namespace stresskit;

namespace {

int openFdCount()
{
    return int(QDir(QStringLiteral("/proc/self/fd"))
                       .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                       .size());
}

constexpr int StormSources = 50;
constexpr int StormRounds = 6;        // backoff 50, 100, 200, 400, 400, 400 ms
constexpr int StormInitialMs = 50;
constexpr int StormMaxMs = 400;

qint64 stormCeiling(int attempt)
{
    qint64 backoff = StormInitialMs;
    for (int i = 1; i < attempt && backoff < StormMaxMs; ++i)
        backoff *= 2;
    return qMin<qint64>(backoff, StormMaxMs);
}

/** Every source's ReconnectInfo per attempt: infos[source][attempt - 1]. */
using StormRecord = QList<QList<ReconnectInfo>>;

/** Opens StormSources sources, waits until all are Open, then makes the server fail them all at
 *  the same moment (every connection reset, every later request answered 503 without
 *  Retry-After) and records StormRounds reconnects of each source. */
StormRecord runStorm(bool jitter)
{
    HttpServer server;
    if (server.listen() == 0)
        return {};
    bool failing = false;
    server.setHandler([&failing](const HttpRequest &, HttpResponder *r) {
        if (failing) {
            r->respond(503, "text/plain", "down");
            return;
        }
        r->writeHead(200, streamHeaders());
        r->write("data: hello\n\n");
    });

    ReconnectPolicy policy;
    policy.initialDelayMs = StormInitialMs;
    policy.maxDelayMs = StormMaxMs;
    policy.jitter = jitter;
    std::vector<std::unique_ptr<EventSource>> sources;
    StormRecord record(StormSources);
    for (int i = 0; i < StormSources; ++i) {
        auto source = std::make_unique<EventSource>();
        StreamRequest request;
        request.url = server.url(QStringLiteral("/storm/%1").arg(i));
        source->setRequest(request);
        source->setPolicy(policy);
        QObject::connect(source.get(), &EventSource::reconnectScheduled, source.get(),
                         [&record, i](const ReconnectInfo &info) { record[i].append(info); });
        source->open();
        sources.push_back(std::move(source));
    }
    const auto allOpen = [&sources] {
        return std::all_of(sources.cbegin(), sources.cend(), [](const auto &s) {
            return s->state() == EventSource::State::Open;
        });
    };
    if (!waitUntil(allOpen, Timeout))
        return {};

    failing = true;
    server.abortAll();
    const auto allRounds = [&record] {
        return std::all_of(record.cbegin(), record.cend(),
                           [](const QList<ReconnectInfo> &r) { return r.size() >= StormRounds; });
    };
    const bool done = waitUntil(allRounds, Timeout);
    for (auto &s : sources)
        s->close();
    return done ? record : StormRecord();
}

struct Spread
{
    int count = 0;
    qint64 min = 0, max = 0;
    int distinct = 0;
    double normalizedSd = 0;   // standard deviation / ceiling; full jitter: 1/sqrt(12) = 0.289
    int maxPerDueBucket = 0;   // most sources due in one 10 ms window (by dueAtMs)
};

Spread spreadOf(const QList<ReconnectInfo> &infos, qint64 ceiling)
{
    Spread s;
    s.count = int(infos.size());
    if (infos.isEmpty())
        return s;
    s.min = s.max = infos.first().delayMs;
    QSet<qint64> distinct;
    QHash<qint64, int> buckets;
    double sum = 0, sumSq = 0;
    for (const ReconnectInfo &info : infos) {
        s.min = qMin(s.min, info.delayMs);
        s.max = qMax(s.max, info.delayMs);
        distinct.insert(info.delayMs);
        s.maxPerDueBucket = qMax(s.maxPerDueBucket, ++buckets[info.dueAtMs / 10]);
        sum += double(info.delayMs);
        sumSq += double(info.delayMs) * double(info.delayMs);
    }
    s.distinct = int(distinct.size());
    const double n = double(infos.size());
    const double variance = qMax(0.0, sumSq / n - (sum / n) * (sum / n));
    s.normalizedSd = std::sqrt(variance) / double(ceiling);
    return s;
}

/** Not in lock step: at least a fifth of the sources drew distinct delays, and the delays
 *  spread over the backoff (uniform: 0.289 of it; a value below 0.15 for 50 uniform draws is a
 *  more-than-five-sigma event, so this never flakes). Identical delays fail both. */
bool isSpread(const Spread &s)
{
    return s.distinct * 5 >= s.count && s.normalizedSd >= 0.15;
}

QByteArray describe(int attempt, qint64 ceiling, const Spread &s)
{
    return "attempt " + QByteArray::number(attempt) + ": backoff " + QByteArray::number(ceiling)
        + " ms, delays " + QByteArray::number(s.min) + ".." + QByteArray::number(s.max)
        + " ms, " + QByteArray::number(s.distinct) + " distinct of "
        + QByteArray::number(s.count) + ", sd/backoff "
        + QByteArray::number(s.normalizedSd, 'f', 3) + ", at most "
        + QByteArray::number(s.maxPerDueBucket) + " due in one 10 ms window";
}

} // namespace

class tst_Stress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reconnectStormIsSpreadAndCapped();
    void reconnectStormWithoutJitterIsLockStep();
    void thousandReconnectCyclesKeepMemoryAndFdsFlat();
};

void tst_Stress::reconnectStormIsSpreadAndCapped()
{
    const StormRecord record = runStorm(true);
    QVERIFY2(!record.isEmpty(), "the sources did not all open, or did not all reconnect in time");
    qint64 largestAtCap = 0;
    for (int attempt = 1; attempt <= StormRounds; ++attempt) {
        const qint64 ceiling = stormCeiling(attempt);
        QList<ReconnectInfo> round;
        for (const QList<ReconnectInfo> &infos : record) {
            const ReconnectInfo &info = infos.at(attempt - 1);
            QCOMPARE(info.attempt, attempt);
            QVERIFY(!info.cleanEnd);
            // First the reset of an open stream, then the server's 503s.
            QCOMPARE(info.reason.kind, attempt == 1 ? ErrorKind::Network : ErrorKind::HttpStatus);
            if (attempt > 1)
                QCOMPARE(info.reason.httpStatus, 503);
            // Full jitter: uniform in [0, backoff], and never beyond the maximum delay.
            QVERIFY2(info.delayMs >= 0 && info.delayMs <= ceiling && info.delayMs <= StormMaxMs,
                     qPrintable(QStringLiteral("attempt %1: delay %2 ms").arg(attempt).arg(info.delayMs)));
            if (ceiling == StormMaxMs)
                largestAtCap = qMax(largestAtCap, info.delayMs);
            round.append(info);
        }
        const Spread s = spreadOf(round, ceiling);
        qInfo("jitter on,  %s", describe(attempt, ceiling, s).constData());
        QVERIFY2(isSpread(s), describe(attempt, ceiling, s).constData());
        if (attempt == 1) {
            // The storm proper: every source failed within a few ms. No 10 ms window gets half
            // of them (uniform over 50 ms: about 10 per window; 25 is beyond five sigma).
            QVERIFY2(s.maxPerDueBucket <= StormSources / 2, describe(attempt, ceiling, s).constData());
        }
    }
    // The backoff did grow to the cap: 150 uniform draws over [0, 400] all at or below 200 would
    // have a probability of 2^-150.
    QVERIFY2(largestAtCap > StormMaxMs / 2, QByteArray::number(largestAtCap).constData());
}

void tst_Stress::reconnectStormWithoutJitterIsLockStep()
{
    const StormRecord record = runStorm(false);
    QVERIFY2(!record.isEmpty(), "the sources did not all open, or did not all reconnect in time");
    for (int attempt = 1; attempt <= StormRounds; ++attempt) {
        const qint64 ceiling = stormCeiling(attempt);
        QList<ReconnectInfo> round;
        for (const QList<ReconnectInfo> &infos : record) {
            QCOMPARE(infos.at(attempt - 1).delayMs, ceiling);
            round.append(infos.at(attempt - 1));
        }
        const Spread s = spreadOf(round, ceiling);
        qInfo("jitter off, %s", describe(attempt, ceiling, s).constData());
        QCOMPARE(s.distinct, 1);
        QVERIFY(!isSpread(s)); // the statistic the jittered storm passes fails here
    }
}

void tst_Stress::thousandReconnectCyclesKeepMemoryAndFdsFlat()
{
    // The in-process server keeps its last 1,000 requests (HttpServer::requests()), each holding
    // on to ~10 KiB (see the report of issue 6): the warm-up goes past that, so what is measured
    // over the next 1,000 cycles is the client's own memory.
    constexpr int WarmUp = 1100;
    constexpr int Cycles = 1000;
    constexpr int Total = WarmUp + Cycles;
    HttpServer server;
    QVERIFY(server.listen() != 0);
    // One event per connection, then a clean end; `retry: 0` makes the next connection
    // immediate. The ids resume after Last-Event-ID; after the last cycle a 204 stops the client.
    server.setHandler([](const HttpRequest &request, HttpResponder *r) {
        const qint64 last = request.header("Last-Event-ID").toLongLong();
        if (last >= Total) {
            r->respond(204, {}, {});
            return;
        }
        const QByteArray id = QByteArray::number(last + 1);
        r->writeHead(200, streamHeaders());
        r->write("retry: 0\nid: " + id + "\ndata: cycle " + id + "\n\n");
        r->close();
    });

    StreamConfig config;
    config.name = QStringLiteral("cycles");
    config.request.url = server.url(QStringLiteral("/cycles"));
    config.policy.initialDelayMs = 50;
    Session session(config);
    // A small log: stored events are not what this test measures, connections are.
    session.log()->setCapacity(50);
    QAbstractItemModelTester tester(session.log(), QAbstractItemModelTester::FailureReportingMode::QtTest);

    qint64 received = 0;
    qint64 outOfOrder = 0;
    qint64 rssWarm = 0, rssEnd = 0;
    int fdsWarm = 0, fdsEnd = 0;
    QElapsedTimer clock;
    qint64 warmMs = 0;
    // Measured in the same phase of a cycle (an event has just arrived on an open connection),
    // so the connection in flight counts the same both times.
    connect(session.source(), &EventSource::eventsReceived, this, [&](const QList<Event> &events) {
        for (const Event &e : events) {
            ++received;
            if (e.lastEventId != QByteArray::number(received) || e.data != "cycle " + e.lastEventId)
                ++outOfOrder;
        }
        if (received == WarmUp || received == Total) {
            const qint64 rss = settledResidentBytes();
            const int fds = openFdCount();
            if (received == WarmUp) {
                rssWarm = rss;
                fdsWarm = fds;
                warmMs = clock.elapsed();
            } else {
                rssEnd = rss;
                fdsEnd = fds;
            }
        }
    });
    const int fdsBefore = openFdCount();
    clock.start();
    session.connectStream();
    QVERIFY(waitUntil([&] { return session.status() == Session::Status::Stopped; }, 120000));
    const qint64 elapsedMs = clock.elapsed();
    QVERIFY(waitUntil([&] { return server.openConnectionCount() == 0; }, Timeout));
    const Statistics st = session.statistics();
    const int fdsAfter = openFdCount();

    qInfo("%d cycles in %lld ms (%.2f ms per cycle); resident %s after %d cycles, %s after %d "
          "(%+lld KiB over %d cycles); open fds %d before, %d after %d cycles, %d after %d, "
          "%d once stopped",
          Total, static_cast<long long>(elapsedMs), double(elapsedMs - warmMs) / double(Cycles),
          mb(rssWarm).constData(), WarmUp, mb(rssEnd).constData(), Total,
          static_cast<long long>((rssEnd - rssWarm) / 1024), Cycles, fdsBefore, fdsWarm, WarmUp,
          fdsEnd, Total, fdsAfter);

    QCOMPARE(received, Total);
    QCOMPARE(outOfOrder, 0);
    QCOMPARE(st.events, Total);
    QCOMPARE(st.connections, Total);
    QCOMPARE(st.reconnects, Total);
    QCOMPARE(session.log()->totalCount(), Total);
    QVERIFY(rssWarm > 0 && rssEnd > 0);
    // A leaked connection costs more than 1 KiB (a QNetworkReply with its buffers, a socket,
    // the parser's state): 1,000 cycles leaking one would grow by 1 MiB or more. Below that is
    // allocator noise (measured: 130 to 200 KiB). Under AddressSanitizer the stack depot keeps
    // every new allocation stack (measured: +4.7 MiB, +0.3 MiB with malloc_context_size=0), so
    // there LeakSanitizer checks for leaks at exit instead.
    if (UnderAsan) {
        qInfo("AddressSanitizer: the resident-memory bound is not checked");
    } else {
        QVERIFY2(rssEnd - rssWarm <= 1 * MiB,
                 qPrintable(QStringLiteral("resident memory grew by %1 KiB over %2 cycles")
                                    .arg((rssEnd - rssWarm) / 1024).arg(Cycles)));
    }
    // Descriptors: one per leaked socket. One more is allowed for a descriptor opened lazily.
    QVERIFY2(fdsEnd - fdsWarm <= 1,
             qPrintable(QStringLiteral("open descriptors went from %1 to %2").arg(fdsWarm).arg(fdsEnd)));
    QVERIFY2(fdsAfter <= fdsWarm, qPrintable(QStringLiteral("%1 descriptors open once stopped, "
                                                            "%2 during the warm-up")
                                                     .arg(fdsAfter).arg(fdsWarm)));
}

QTEST_MAIN(tst_Stress)

#include "tst_stress.moc"
