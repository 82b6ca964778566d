// bench_gui: the real sse-monitor main window (shown, so its views paint) fed by the built-in
// scenario server, measuring what issue 4's GUI benchmark asks for:
//
//   QT_QPA_PLATFORM=offscreen bench_gui [--seconds N] [--idle-seconds N]
//                                       [--runs paced,ticker,burst,tabs,idle,memory,...]
//   (or under xvfb-run; with no display and no QT_QPA_PLATFORM it picks offscreen itself)
//
//  1. One tab absorbing a fast stream, with the UI thread's event-loop latency measured by a
//     10 ms PreciseTimer (latency = actual interval - 10 ms; p50/p99/max over the window).
//     Target: 50,000 events/s with p99 < 50 ms. The scenario server's ticker stops at
//     rate=10000, so 50,000 events/s are offered three ways:
//       paced  - one tab at 50,000 events/s from a pacer in this file (burst's event format,
//                written every millisecond on an sse::HttpServer next to the scenario server);
//       ticker - 5 tabs on /ticker?rate=10000 (50,000 events/s in total, only one tab visible);
//       burst  - one tab on /burst (as fast as the socket takes them): what the UI sustains.
//  2. tabs   - 20 tabs on /ticker?rate=500 (10,000 events/s in total). Target: p99 < 50 ms.
//  3. memory - resident memory after 1,000,000 small events (/burst?count=1000000) stored in
//     one tab of capacity 1,000,000, versus the raw bytes received (Statistics::bodyBytes).
//     Target: < 2.5x. Ceiling measured in the same run: the same stream kept by a bare
//     sse::EventSource as a QList<sse::Event>. Then the tab is closed (its close button) and the
//     resident memory compared, without trimming the heap, with the window before the tab was
//     opened. Target: within +30 MB.
//  5. idle   - 20 tabs on /ticker?rate=1 (one event a second each), the first shown, for
//     --idle-seconds (20): CPU and wake-ups (voluntary context switches) of every thread of the
//     process but the servers'. Floor in the same run: the same streams read and discarded by
//     20 bare QNetworkReplies. Targets: <= 1 % of a core, <= the floor + 10 wake-ups/s.
//  4. hostile input (issue 6), one tab each, from a third server in the server thread:
//       huge  - one event of --huge-mib MiB (default 1024), then a normal event;
//       line  - a line of --huge-mib MiB without a newline, then a normal event;
//       tiny  - 3,000,000 events "data:x" as fast as the socket takes them;
//       bytes - 2,000 events written one byte per socket write (Nagle off).
//     Printed: ingest time, UI latency p50/p99/max, peak resident growth (VmHWM, reset before
//     the run, and sampled at every body read) against the 16 MiB event cap. Targets: p99 < 50 ms,
//     peak growth < 2 x cap + 32 MiB. Measured in the same run: the idle window's latency (the
//     floor), and a bare QNetworkReply reading and discarding the same stream in the UI thread
//     (the ceiling of the ingest rate, and the memory that Qt's networking alone costs).
//
// The servers run in their own thread (a real server is another process), so the latency
// measured is the GUI's own. Events/s are those counted by each Session's statistics over the
// measuring window, after a warm-up. Under each run: the first tab's body reads (count and
// largest, as EventSource::bytesReceived reports them) and the UI-thread event deliveries that
// took 2 ms or more, by receiver and event type (BenchApplication::notify), to tell where the
// latency comes from. Exit status: 0 when every run delivered its events (a
// missed target is reported, not fatal); 1 when events were lost, a stream did not connect
// or reconnected, or the memory run did not store its 1,000,000 events; 2 on a usage error.

#include "../support/hostile.h"
#include "../support/memory.h"
#include "eventlog.h"
#include "eventsource.h"
#include "httpserver.h"
#include "mainwindow.h"
#include "scenarioserver.h"
#include "session.h"
#include "settingsstore.h"
#include "streamview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLocale>
#include <QMap>
#include <QMetaEnum>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QTableView>
#include <QTimer>
#include <QUrlQuery>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>

#include <malloc.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace {

constexpr int ProbeIntervalMs = 10;
constexpr double TargetRate = 50000;
constexpr double TargetP99Ms = 50;
constexpr double TargetMemoryRatio = 2.5;
constexpr double IdleCpuTarget = 0.01;     // of one core, 20 quiet tabs
constexpr int IdleSpreadMs = 50;           // between the idle run's connections (20 x 50 ms: a second)
constexpr double IdleExtraWakeups = 10;    // per second above bare readers of the same streams
constexpr qint64 CloseSlackBytes = 30'000'000; // resident after closing the tab of 1 M events
constexpr int MemoryEvents = 1'000'000;
constexpr int TickerMaxRate = 10000;   // ScenarioServer's readStreamParams(): rate <= 10000
constexpr qint64 HighWaterBytes = sse::ScenarioServer::HighWaterBytes;
constexpr qint64 EventCap = sse::Parser::DefaultMaxEventBytes;
// Hostile runs: the parser may hold up to the cap (twice while a buffer grows), plus Qt's and
// the reply's buffers (4 MiB read buffer) and the server thread's queue.
constexpr qint64 HostilePeakTarget = 2 * EventCap + 32 * 1024 * 1024;
constexpr qint64 TinyEvents = 3'000'000;
constexpr qint64 ByteEvents = 2000;

// ---------------------------------------------------------------------------------------------
// Measuring

double cpuSeconds(clockid_t clock)
{
    timespec ts{};
    if (clock_gettime(clock, &ts) != 0)
        return 0;
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

QByteArray loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("?");
    const QList<QByteArray> parts = file.readAll().split(' ');
    return parts.size() >= 3 ? parts[0] + ' ' + parts[1] + ' ' + parts[2] : QByteArrayLiteral("?");
}

/** CPU time and sleeps of threads of this process: each voluntary context switch is the thread
 *  going to sleep, so also one wake-up (from /proc/self/task/TID/schedstat and status). */
struct ThreadUse
{
    qint64 cpuNs = 0;
    qint64 wakeups = 0;
    int threads = 0;
    QMap<QByteArray, qint64> wakeupsByName; // by thread name (comm)
    QMap<QString, QPair<qint64, qint64>> byTid; // CPU ns and wake-ups of each thread
    QMap<QString, QByteArray> names;            // of each thread

    /** The use since \a o, thread by thread: a thread that ended in between is not counted
     *  (its earlier wake-ups must not be subtracted from the others'). */
    ThreadUse operator-(const ThreadUse &o) const
    {
        ThreadUse d{cpuNs, wakeups, threads, wakeupsByName, {}, {}};
        for (auto it = o.byTid.cbegin(); it != o.byTid.cend(); ++it) {
            if (!byTid.contains(it.key()))
                continue;
            d.cpuNs -= it.value().first;
            d.wakeups -= it.value().second;
            d.wakeupsByName[names.value(it.key())] -= it.value().second;
        }
        return d;
    }
};

ThreadUse threadUse(const QString &tid)
{
    ThreadUse u;
    QFile sched(QStringLiteral("/proc/self/task/%1/schedstat").arg(tid));
    if (sched.open(QIODevice::ReadOnly))
        u.cpuNs = sched.readAll().split(' ').value(0).toLongLong();
    QFile status(QStringLiteral("/proc/self/task/%1/status").arg(tid));
    if (status.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> lines = status.readAll().split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith("voluntary_ctxt_switches:"))
                u.wakeups = line.mid(24).trimmed().toLongLong();
        }
    }
    u.threads = 1;
    u.byTid[tid] = {u.cpuNs, u.wakeups};
    return u;
}

/** All threads of this process but \a excluded (the in-process servers stand for another
 *  process): what the application itself costs. */
ThreadUse processUse(pid_t excluded)
{
    ThreadUse sum;
    const QStringList tids = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids) {
        if (tid.toInt() == excluded)
            continue;
        const ThreadUse u = threadUse(tid);
        sum.cpuNs += u.cpuNs;
        sum.wakeups += u.wakeups;
        sum.threads += 1;
        sum.byTid[tid] = u.byTid.value(tid);
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(tid));
        if (comm.open(QIODevice::ReadOnly))
            sum.names[tid] = comm.readAll().trimmed();
        sum.wakeupsByName[sum.names.value(tid)] += u.wakeups;
    }
    return sum;
}

/** The UI thread's event-loop latency: a 10 ms precise timer whose lateness is recorded. */
class LatencyProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyProbe)
public:
    struct Summary
    {
        double p50 = 0, p99 = 0, max = 0;
        qsizetype samples = 0;
    };

    explicit LatencyProbe(QObject *parent = nullptr)
        : QObject(parent)
        , m_timer(new QTimer(this))
    {
        m_timer->setTimerType(Qt::PreciseTimer);
        m_timer->setInterval(ProbeIntervalMs);
        connect(m_timer, &QTimer::timeout, this, &LatencyProbe::onTimeout);
        m_clock.start();
        m_timer->start();
    }

    /** The probe's own timer wakes the UI thread 100 times a second: stopped for the idle run. */
    void pause() { m_timer->stop(); }
    void resume()
    {
        m_last = 0;
        m_timer->start();
    }

    void begin()
    {
        m_samples.clear();
        m_samples.reserve(100000);
        m_recording = true;
    }

    Summary end()
    {
        m_recording = false;
        Summary s;
        std::vector<double> v = m_samples;
        s.samples = qsizetype(v.size());
        if (v.empty())
            return s;
        std::sort(v.begin(), v.end());
        const auto at = [&v](double q) { return v[size_t(std::llround(q * double(v.size() - 1)))]; };
        s.p50 = at(0.50);
        s.p99 = at(0.99);
        s.max = v.back();
        return s;
    }

private:
    void onTimeout()
    {
        const qint64 now = m_clock.nsecsElapsed();
        if (m_recording && m_last > 0)
            m_samples.push_back(std::max(0.0, double(now - m_last) / 1e6 - ProbeIntervalMs));
        m_last = now;
    }

    QTimer *m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    bool m_recording = false;
    std::vector<double> m_samples;
};

/** Runs the event loop for \a ms (the probe keeps ticking meanwhile). */
void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

/** Runs the event loop until \a done() or \a timeoutMs; true when done. */
bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer check;
    check.setInterval(5);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() >= timeoutMs)
            loop.quit();
    });
    check.start();
    if (!done())
        loop.exec();
    return done();
}

/** Counts the paint events of one widget: evidence that the view really draws during a run. */
class PaintCounter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaintCounter)
public:
    explicit PaintCounter(QWidget *widget)
        : QObject(widget)
    {
        widget->installEventFilter(this);
    }
    qint64 count() const { return m_count; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++m_count;
        return QObject::eventFilter(watched, event);
    }

private:
    qint64 m_count = 0;
};

/** QApplication that times every top-level event delivery while recording, to tell which
 *  handlers make the UI thread late: slices of 2 ms or more, by receiver and event type. */
class BenchApplication final : public QApplication
{
public:
    static constexpr qint64 LongSliceNs = 2'000'000;

    struct Slices
    {
        qint64 count = 0;
        qint64 totalNs = 0;
        qint64 maxNs = 0;
    };

    using QApplication::QApplication;

    void beginRecording()
    {
        m_slices.clear();
        m_recording = true;
    }
    /** Long slices by "receiver class (parent class) / event type", longest total first. */
    QList<QPair<QByteArray, Slices>> endRecording()
    {
        m_recording = false;
        QList<QPair<QByteArray, Slices>> list;
        for (auto it = m_slices.cbegin(); it != m_slices.cend(); ++it)
            list.append({it.key(), it.value()});
        std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) {
            return a.second.totalNs > b.second.totalNs;
        });
        return list;
    }

    /** Counts every top-level UI-thread delivery by receiver and event type (the idle run:
     *  what wakes the UI thread when nothing changes). */
    void beginCounting()
    {
        m_counts.clear();
        m_counting = true;
    }
    QList<QPair<QByteArray, qint64>> endCounting()
    {
        m_counting = false;
        QList<QPair<QByteArray, qint64>> list;
        for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
            list.append({it.key(), it.value()});
        std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
        return list;
    }

    bool notify(QObject *receiver, QEvent *event) override
    {
        // notify() runs in every thread that delivers events (servers, QNAM): UI thread only.
        if (m_counting && m_depth == 0 && QThread::currentThread() == thread())
            ++m_counts[deliveryKey(receiver, event->type())];
        if (!m_recording || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        if (m_depth > 0) {
            ++m_depth;
            const bool result = QApplication::notify(receiver, event);
            --m_depth;
            return result;
        }
        // Static strings only: the receiver may be gone after delivery.
        const int type = event->type();
        const char *className = receiver->metaObject()->className();
        const QObject *parent = receiver->parent();
        const char *parentName = parent ? parent->metaObject()->className() : nullptr;
        QElapsedTimer clock;
        clock.start();
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const qint64 ns = clock.nsecsElapsed();
        if (ns >= LongSliceNs) {
            Slices &s = m_slices[deliveryKey(className, parentName, type)];
            ++s.count;
            s.totalNs += ns;
            s.maxNs = std::max(s.maxNs, ns);
        }
        return result;
    }

private:
    static QByteArray deliveryKey(const QObject *receiver, int type)
    {
        const QObject *parent = receiver->parent();
        return deliveryKey(receiver->metaObject()->className(),
                           parent ? parent->metaObject()->className() : nullptr, type);
    }
    /** "receiver class (in parent class) / event type" */
    static QByteArray deliveryKey(const char *className, const char *parentName, int type)
    {
        QByteArray key = className;
        if (parentName)
            key += QByteArrayLiteral(" (in ") + parentName + ')';
        const char *typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
        return key + QByteArrayLiteral(" / ") + (typeName ? QByteArray(typeName) : QByteArray::number(type));
    }

    bool m_recording = false;
    bool m_counting = false;
    int m_depth = 0;
    QHash<QByteArray, Slices> m_slices;
    QHash<QByteArray, qint64> m_counts;
};

BenchApplication *benchApp()
{
    return static_cast<BenchApplication *>(QCoreApplication::instance());
}

// ---------------------------------------------------------------------------------------------
// Servers, in their own thread

std::atomic<qint64> g_pacedSkipped{0}; // events the pacer skipped because the client lagged

void appendNumber(std::string &out, qint64 n)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, n);
    out.append(digits, size_t(result.ptr - digits));
}

/** One event as burst sends it (small.sse's shape, ~80 bytes), stamped with the current time. */
void appendSmallEvent(std::string &out, qint64 seq, qint64 nowMs)
{
    const quint32 v = quint32((quint64(seq) * 2654435761ULL + 0x9E3779B9ULL) & 0xFFFFFFFFULL);
    const quint32 thousandths = (v >> 14) % 1000;
    out.append("id: ");
    appendNumber(out, seq);
    out.append("\nevent: tick\ndata: {\"seq\":");
    appendNumber(out, seq);
    out.append(",\"ts\":");
    appendNumber(out, nowMs);
    out.append(",\"value\":");
    appendNumber(out, v % 10000);
    const char tail[] = {'.', char('0' + thousandths / 100), char('0' + thousandths / 10 % 10),
                         char('0' + thousandths % 10), '}', '\n', '\n'};
    out.append(tail, sizeof tail);
}

/** Writes `rate` events per second on one response, every millisecond what is due, in one
 *  write. Like the scenario server's Pacer it skips (and counts) what falls due while more
 *  than HighWaterBytes are queued, so a lagging client shows as a lower absorbed rate. */
class PacedWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PacedWriter)
public:
    PacedWriter(sse::HttpResponder *responder, double rate)
        : QObject(responder)
        , m_responder(responder)
        , m_rate(rate)
        , m_timer(new QTimer(this))
    {
        m_timer->setTimerType(Qt::PreciseTimer);
        m_timer->setInterval(1);
        connect(m_timer, &QTimer::timeout, this, &PacedWriter::onTimeout);
        connect(responder, &sse::HttpResponder::disconnected, this, [this] {
            m_timer->stop();
            deleteLater();
        });
        m_clock.start();
        m_timer->start();
    }

private:
    void onTimeout()
    {
        const qint64 due = qint64(double(m_clock.nsecsElapsed()) * m_rate / 1e9);
        if (m_responder->bytesToWrite() > HighWaterBytes) {
            g_pacedSkipped += due - m_done;
            m_done = due;
            return;
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        std::string chunk;
        chunk.reserve(size_t(due - m_done) * 90 + 64);
        for (; m_done < due; ++m_done)
            appendSmallEvent(chunk, ++m_lastId, now);
        if (!chunk.empty())
            m_responder->write(QByteArrayView(chunk.data(), qsizetype(chunk.size())));
    }

    sse::HttpResponder *m_responder;
    double m_rate;
    QTimer *m_timer;
    QElapsedTimer m_clock;
    qint64 m_done = 0;
    qint64 m_lastId = 0; // ids stay contiguous: skipped events are never numbered
};

/** Writes a body one byte per socket write, the next once the previous has left the process. */
class ByteWriter final : public QObject
{
public:
    ByteWriter(sse::HttpResponder *responder, QByteArray body)
        : QObject(responder)
        , m_responder(responder)
        , m_body(std::move(body))
    {
        connect(responder, &sse::HttpResponder::bytesWritten, this, &ByteWriter::next);
        next();
    }

private:
    void next()
    {
        if (m_responder->bytesToWrite() > 0 || m_pos >= m_body.size())
            return;
        m_responder->write(QByteArrayView(m_body).sliced(m_pos++, 1));
    }

    sse::HttpResponder *m_responder;
    QByteArray m_body;
    qsizetype m_pos = 0;
};

/** The hostile streams of run 4: /huge?mib=N, /line?mib=N, /tiny?count=N, /bytes?count=N; each
 *  ends with the event "after". */
void serveHostile(const sse::HttpRequest &request, sse::HttpResponder *responder)
{
    const QUrlQuery query(request.url());
    const qint64 mib = query.queryItemValue(QStringLiteral("mib")).toLongLong();
    const qint64 count = query.queryItemValue(QStringLiteral("count")).toLongLong();
    const QByteArray path = request.path();

    const sse::HttpHeaders headers{{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    if ((path == "/huge" || path == "/line") && mib > 0) {
        responder->writeHead(200, headers);
        if (path == "/huge")
            new sse::BodyPump(responder,
                              hugeBody("id: 1\nevent: huge\ndata: ", mib * 1024 * 1024,
                                       "\n\nid: 2\ndata: after\n\n"),
                              sse::BodyPump::AtEnd::KeepOpen);
        else
            new sse::BodyPump(responder,
                              hugeBody("data: ", mib * 1024 * 1024, "\n\ndata: after\n\n"),
                              sse::BodyPump::AtEnd::KeepOpen);
        return;
    }
    if (path == "/tiny" && count > 0) {
        static const QByteArray event("data:x\n\n");
        static const QByteArray chunk = event.repeated(32 * 1024);
        const qint64 chunkEvents = chunk.size() / event.size();
        responder->writeHead(200, headers);
        new sse::BodyPump(responder, [left = count, chunkEvents, end = false]() mutable -> QByteArray {
            if (left <= 0) {
                if (end)
                    return {};
                end = true;
                return QByteArrayLiteral("data: after\n\n");
            }
            const qint64 n = std::min(left, chunkEvents);
            left -= n;
            return n == chunkEvents ? chunk : chunk.left(n * event.size());
        }, sse::BodyPump::AtEnd::KeepOpen);
        return;
    }
    if (path == "/bytes" && count > 0) {
        QByteArray body;
        for (qint64 i = 1; i <= count; ++i)
            body += "id: " + QByteArray::number(i) + "\ndata: h\xC3\xA9llo \xE2\x82\xAC "
                    + QByteArray::number(i) + "\n\n";
        body += "data: after\n\n";
        responder->writeHead(200, headers);
        // Nagle off, so each byte leaves as its own segment (the sockets are the server's).
        if (QObject *server = responder->parent()) {
            const auto sockets = server->findChildren<QTcpSocket *>();
            for (QTcpSocket *socket : sockets)
                socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        }
        new ByteWriter(responder, body);
        return;
    }
    responder->respond(404, "text/plain", "GET /huge?mib=N, /line?mib=N, /tiny?count=N or /bytes?count=N\n");
}

/** The scenario server and the pacer's server, living in their own thread. */
class ServerThread final : public QThread
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerThread)
public:
    ServerThread() = default;
    ~ServerThread() override
    {
        quit();
        wait();
    }

    /** Starts the thread and waits until both servers listen. */
    bool startServers()
    {
        start();
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return m_started; });
        return m_scenarioBase.isValid() && m_pacedBase.isValid() && m_hostileBase.isValid();
    }

    QUrl scenarioUrl(const QString &pathAndQuery) const
    {
        return m_scenarioBase.resolved(QUrl(pathAndQuery));
    }
    QUrl pacedUrl(double rate) const
    {
        QUrl url = m_pacedBase.resolved(QUrl(QStringLiteral("/paced")));
        url.setQuery(QStringLiteral("rate=%1").arg(rate));
        return url;
    }
    QUrl hostileUrl(const QString &pathAndQuery) const
    {
        return m_hostileBase.resolved(QUrl(pathAndQuery));
    }
    pid_t tid() const { return m_tid; }
    double cpuSeconds() const
    {
        clockid_t clock;
        if (pthread_getcpuclockid(m_pthread, &clock) != 0)
            return 0;
        return ::cpuSeconds(clock);
    }

protected:
    void run() override
    {
        sse::ScenarioServer scenarios;
        sse::HttpServer paced;
        paced.setHandler([](const sse::HttpRequest &request, sse::HttpResponder *responder) {
            const QUrlQuery query(request.url());
            bool ok = false;
            const double rate = query.queryItemValue(QStringLiteral("rate")).toDouble(&ok);
            if (request.path() != "/paced" || !ok || rate <= 0) {
                responder->respond(404, "text/plain", "GET /paced?rate=N\n");
                return;
            }
            responder->writeHead(200, {{"Content-Type", "text/event-stream"},
                                       {"Cache-Control", "no-cache"}});
            new PacedWriter(responder, rate);
        });
        sse::HttpServer hostile;
        hostile.setHandler(&serveHostile);
        {
            std::lock_guard lock(m_mutex);
            m_pthread = pthread_self();
            m_tid = gettid();
            if (hostile.listen() != 0)
                m_hostileBase = hostile.url();
            if (scenarios.listen())
                m_scenarioBase = scenarios.url();
            if (paced.listen() != 0)
                m_pacedBase = paced.url();
            m_started = true;
        }
        m_ready.notify_all();
        exec();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    bool m_started = false;
    pthread_t m_pthread{};
    pid_t m_tid = 0;
    QUrl m_scenarioBase;
    QUrl m_pacedBase;
    QUrl m_hostileBase;
};

// ---------------------------------------------------------------------------------------------
// Runs

struct RunResult
{
    QByteArray name;
    int tabs = 0;
    double offeredRate = 0;   // 0 = as fast as possible
    double absorbedRate = 0;
    LatencyProbe::Summary latency;
    double uiCpu = 0;         // UI thread CPU, share of one core
    double serverCpu = 0;     // server thread CPU, share of one core
    double processCpu = 0;    // whole process, cores
    double paintsPerSecond = 0; // paint events of the visible tab's log viewport
    double readsPerSecond = 0;  // body reads delivered by the first tab's EventSource
    qint64 largestRead = 0;     // bytes
    QList<QPair<QByteArray, BenchApplication::Slices>> longSlices;
    double targetRate = 0;    // 0 = no rate target
    qint64 skipped = 0;       // pacer: events skipped while the client lagged
    bool lost = false;
    QByteArray problem;

    // Events the pacer had to skip were never offered: the client fell behind the rate, so
    // the rate counts as missed however fast the rest was absorbed.
    bool rateMet() const
    {
        return targetRate <= 0 || (skipped == 0 && absorbedRate >= 0.98 * targetRate);
    }
    bool latencyMet() const { return latency.p99 < TargetP99Ms; }
};

sse::StoredStream streamFor(const QUrl &url, const QString &name)
{
    sse::StoredStream s;
    s.id = sse::StoredStream::newId();
    s.config.name = name;
    s.config.request.url = url;
    s.config.policy.initialDelayMs = 60000; // a reconnect would be a failure here: none in a run
    s.config.policy.jitter = false;
    return s;
}

class Bench
{
public:
    Bench(ServerThread *servers, const QString &settings, int seconds)
        : m_servers(servers)
        , m_settings(settings)
        , m_seconds(seconds)
    {
    }

    /** Opens \a urls as tabs of a fresh main window, warms up, measures for m_seconds. */
    RunResult measure(const QByteArray &name, const QList<QUrl> &urls, double offeredRate,
                      double targetRate)
    {
        RunResult r;
        r.name = name;
        r.tabs = int(urls.size());
        r.offeredRate = offeredRate;
        r.targetRate = targetRate;

        MainWindow window(m_settings);
        window.show();
        QList<sse::Session *> sessions;
        for (int i = 0; i < urls.size(); ++i) {
            StreamView *view = window.addStream(
                streamFor(urls[i], QStringLiteral("bench %1").arg(i + 1)), true);
            sessions.append(view->session());
        }
        window.tabWidget()->setCurrentIndex(0);
        auto *paints = new PaintCounter(window.view(0)->table()->viewport());
        qint64 reads = 0;
        qint64 largestRead = 0;
        QObject::connect(sessions.constFirst()->source(), &sse::EventSource::bytesReceived,
                         &window, [&reads, &largestRead](qint64 bytes) {
                             ++reads;
                             largestRead = std::max(largestRead, bytes);
                         });
        const auto total = [&sessions] {
            qint64 n = 0;
            for (const sse::Session *s : sessions)
                n += s->statistics().events;
            return n;
        };
        const bool open = runUntil([&] {
            return std::all_of(sessions.cbegin(), sessions.cend(), [](const sse::Session *s) {
                return s->statistics().events > 0;
            });
        }, 10000);
        if (!open) {
            r.lost = true;
            r.problem = "not every stream delivered events within 10 s";
            return r;
        }
        runFor(1500); // warm-up: connections, first layouts, the log's first flushes

        const qint64 skipped0 = g_pacedSkipped;
        const qint64 events0 = total();
        const double ui0 = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
        const double proc0 = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
        const double server0 = m_servers->cpuSeconds();
        const qint64 paints0 = paints->count();
        reads = 0;
        largestRead = 0;
        QElapsedTimer wall;
        wall.start();
        m_probe.begin();
        benchApp()->beginRecording();
        runFor(m_seconds * 1000);
        r.longSlices = benchApp()->endRecording();
        r.latency = m_probe.end();
        const double elapsed = double(wall.nsecsElapsed()) / 1e9;
        r.absorbedRate = double(total() - events0) / elapsed;
        r.uiCpu = (cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - ui0) / elapsed;
        r.processCpu = (cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - proc0) / elapsed;
        r.serverCpu = (m_servers->cpuSeconds() - server0) / elapsed;
        r.skipped = g_pacedSkipped - skipped0;
        r.paintsPerSecond = double(paints->count() - paints0) / elapsed;
        r.readsPerSecond = double(reads) / elapsed;
        r.largestRead = largestRead;

        // Nothing lost: every stream's events are numbered 1..n and each Session counted n.
        for (sse::Session *s : std::as_const(sessions))
            s->disconnectStream();
        for (sse::Session *s : std::as_const(sessions)) {
            sse::EventLogModel *log = s->log();
            log->flush();
            const sse::Statistics st = s->statistics();
            const qint64 lastId = log->eventCount() > 0
                    ? log->eventAt(log->eventCount() - 1).lastEventId.toByteArray().toLongLong()
                    : -1;
            if (st.connections != 1 || st.reconnects != 0 || lastId != st.events
                || log->totalCount() != st.events) {
                r.lost = true;
                r.problem = QStringLiteral("%1: %2 events counted, last id %3, %4 connections, "
                                           "%5 reconnects")
                                    .arg(s->config().name).arg(st.events).arg(lastId)
                                    .arg(st.connections).arg(st.reconnects)
                                    .toUtf8();
                break;
            }
        }
        runFor(200); // let the connections go before the window does
        return r;
    }

    RunResult paced()
    {
        return measure("1 tab, paced 50,000 ev/s (bench pacer)", {m_servers->pacedUrl(TargetRate)},
                       TargetRate, TargetRate);
    }

    RunResult ticker()
    {
        const int tabs = int(TargetRate / TickerMaxRate);
        QList<QUrl> urls;
        for (int i = 0; i < tabs; ++i)
            urls.append(m_servers->scenarioUrl(
                    QStringLiteral("/ticker?rate=%1&event=tick").arg(TickerMaxRate)));
        return measure(QStringLiteral("%1 tabs x ticker?rate=%2").arg(tabs).arg(TickerMaxRate).toUtf8(),
                       urls, TargetRate, TargetRate);
    }

    RunResult burst()
    {
        return measure("1 tab, burst (max throughput)",
                       {m_servers->scenarioUrl(QStringLiteral("/burst?count=1000000000"))}, 0,
                       TargetRate);
    }

    RunResult tabs()
    {
        QList<QUrl> urls;
        for (int i = 0; i < 20; ++i)
            urls.append(m_servers->scenarioUrl(QStringLiteral("/ticker?rate=500")));
        return measure("20 tabs x ticker?rate=500", urls, 20 * 500, 0);
    }

    /** Resident memory of 1,000,000 stored events; false when they were not all stored. */
    bool memory()
    {
        std::printf("\n3. Memory: %d small events (/burst?count=%d) in one tab of capacity %d\n",
                    MemoryEvents, MemoryEvents, MemoryEvents);
        std::fflush(stdout);
        MainWindow window(m_settings);
        window.show();
        StreamView *view = window.addStream(
            streamFor(m_servers->scenarioUrl(QStringLiteral("/burst?count=%1").arg(MemoryEvents)),
                      QStringLiteral("memory")),
            false);
        sse::Session *session = view->session();
        sse::EventLogModel *log = session->log();
        log->setCapacity(MemoryEvents);
        runFor(500);
        const qint64 rss0 = settledResidentBytes();

        QElapsedTimer clock;
        clock.start();
        session->connectStream();
        const bool all = runUntil([&] { return session->statistics().events >= MemoryEvents; },
                                  180000);
        const double fillSeconds = double(clock.nsecsElapsed()) / 1e9;
        session->disconnectStream();
        log->flush();
        runFor(500); // the view catches up; the connection's buffers go
        const sse::Statistics st = session->statistics();
        const qint64 rss1 = settledResidentBytes();
        const qint64 growth = rss1 - rss0;
        const double raw = double(st.bodyBytes);
        const double ratio = double(growth) / raw;
        const bool stored = all && st.events == MemoryEvents && log->eventCount() == MemoryEvents
                && log->droppedCount() == 0
                && log->eventAt(MemoryEvents - 1).lastEventId == QByteArrayView("1000000");
        std::printf("  stored:            %d rows, %lld events counted, %lld dropped, filled in "
                    "%.1f s (%.0f ev/s)%s\n",
                    log->rowCount(), static_cast<long long>(st.events),
                    static_cast<long long>(log->droppedCount()), fillSeconds,
                    double(st.events) / fillSeconds, stored ? "" : "  EVENTS MISSING");
        std::printf("  raw bytes:         %8.1f MB received (bodyBytes, %.1f bytes/event)\n",
                    raw / 1e6, raw / double(std::max<qint64>(1, st.events)));
        std::printf("  resident growth:   %8.1f MB = %.2fx raw (%.1f bytes/event)   target < %.1fx: %s\n",
                    double(growth) / 1e6, ratio, double(growth) / double(std::max<qint64>(1, st.events)),
                    TargetMemoryRatio, ratio < TargetMemoryRatio ? "met" : "MISSED");
        std::printf("  log storage:       %8.1f MB in blocks (EventLogModel::storageBytes)\n",
                    double(log->storageBytes()) / 1e6);
        std::fflush(stdout);

        // Closing the tab as the user does (its close button). Measured without trimming the
        // heap here: what stays resident is what the application did not give back itself.
        // The ceiling is the same process before the tab was opened (rss0).
        Q_EMIT window.tabWidget()->tabCloseRequested(0);
        runFor(1000); // deleteLater of the view and the session
        const qint64 afterClose = residentBytes() - rss0;
        const bool closed = window.tabCount() == 0;
        std::printf("  after closing:     %+8.1f MB resident above the window before the tab "
                    "(ceiling: +0 MB)   target within +%.0f MB: %s\n",
                    double(afterClose) / 1e6, double(CloseSlackBytes) / 1e6,
                    !closed ? "BROKEN (the tab did not close)"
                            : afterClose <= CloseSlackBytes ? "met" : "MISSED");
        std::fflush(stdout);

        // Ceiling: the same stream kept as delivered, a QList<sse::Event>, by a bare source.
        qint64 listCount = 0;
        qint64 listBytes = 0;
        qint64 listGrowth = 0;
        {
            const qint64 rss2 = settledResidentBytes();
            QList<sse::Event> list;
            sse::EventSource source;
            sse::StreamRequest request;
            request.url = m_servers->scenarioUrl(QStringLiteral("/burst?count=%1").arg(MemoryEvents));
            source.setRequest(request);
            sse::ReconnectPolicy policy;
            policy.initialDelayMs = 60000;
            source.setPolicy(policy);
            QObject::connect(&source, &sse::EventSource::eventsReceived, &source,
                             [&list](const QList<sse::Event> &events) { list.append(events); });
            QObject::connect(&source, &sse::EventSource::bytesReceived, &source,
                             [&listBytes](qint64 n) { listBytes += n; });
            source.open();
            runUntil([&] { return list.size() >= MemoryEvents; }, 180000);
            source.close();
            runFor(300);
            listGrowth = settledResidentBytes() - rss2;
            listCount = list.size();
        }
        std::printf("  ceiling:           %8.1f MB = %.2fx raw (%.1f bytes/event) for the same "
                    "%lld events as a QList<sse::Event>; the log uses %.0f%% of it\n",
                    double(listGrowth) / 1e6, double(listGrowth) / double(std::max<qint64>(1, listBytes)),
                    double(listGrowth) / double(std::max<qint64>(1, listCount)),
                    static_cast<long long>(listCount),
                    100.0 * double(growth) / double(std::max<qint64>(1, listGrowth)));
        std::fflush(stdout);
        m_memoryRatio = ratio;
        return stored && closed && listCount == MemoryEvents;
    }

    /** Run 5: 20 tabs of quiet streams (one event a second each), the first tab shown, for
     *  \a seconds: the CPU and wake-ups of every thread but the servers'. Floor in the same run:
     *  the same 20 streams read and discarded by bare QNetworkReplies, one
     *  QNetworkAccessManager each as EventSource has. False when a stream did not deliver. */
    bool idle(int seconds)
    {
        constexpr int Tabs = 20;
        const QUrl url = m_servers->scenarioUrl(QStringLiteral("/ticker?rate=1"));
        std::printf("\n5. Idle window: %d tabs x /ticker?rate=1, the first shown, %d s; every thread "
                    "but the servers'\n", Tabs, seconds);
        std::fflush(stdout);
        m_probe.pause(); // its 10 ms timer would be most of the wake-ups

        IdleUse app;
        QList<QPair<QByteArray, qint64>> deliveries;
        bool ok = false;
        {
            MainWindow window(m_settings);
            window.show();
            QList<sse::Session *> sessions;
            for (int i = 0; i < Tabs; ++i)
                sessions.append(window.addStream(streamFor(url, QStringLiteral("quiet %1").arg(i + 1)), false)
                                        ->session());
            window.tabWidget()->setCurrentIndex(0);
            // Independent streams tick at independent moments: the connections start IdleSpreadMs
            // apart, here and in the floor, so both see the same phases.
            for (int i = 0; i < Tabs; ++i)
                QTimer::singleShot(i * IdleSpreadMs, sessions.at(i), &sse::Session::connectStream);
            const auto total = [&sessions] {
                qint64 n = 0;
                for (const sse::Session *s : std::as_const(sessions))
                    n += s->statistics().events;
                return n;
            };
            ok = runUntil([&] {
                return std::all_of(sessions.cbegin(), sessions.cend(),
                                   [](const sse::Session *s) { return s->statistics().events > 0; });
            }, 10000);
            runFor(3000); // warm-up: layouts, the first flushes and saves
            const qint64 events0 = total();
            benchApp()->beginCounting();
            app = measureIdle(seconds);
            deliveries = benchApp()->endCounting();
            app.events = total() - events0;
            ok = ok && app.events >= qint64(0.8 * Tabs * seconds);
            for (sse::Session *s : std::as_const(sessions))
                s->disconnectStream();
            runFor(200);
        }

        // The floors: the same streams, nothing but reading; without a limit on Qt's read buffer
        // (Qt's cheapest) and with EventSource's (memory bounded while the thread is busy, paid
        // for by Qt with a signal to its HTTP thread after each read). The target is over the
        // second: the bound is a requirement, not a cost of the window.
        const IdleUse bare = bareReaders(url, Tabs, seconds, 0);
        const IdleUse bounded = bareReaders(url, Tabs, seconds, sse::EventSource::ReplyBufferBytes);
        m_probe.resume();

        const bool met = app.cpuShare <= IdleCpuTarget && app.wakeupsPerSecond <= bounded.wakeupsPerSecond + IdleExtraWakeups;
        std::printf("  idle: %.2f%% of a core, %.1f wake-ups/s (UI thread %.1f/s), %.1f events/s, %d threads; "
                    "floor (bare QNetworkReplies): %.2f%%, %.1f wake-ups/s (UI thread %.1f/s), %.1f reads/s; "
                    "with EventSource's read-buffer bound: %.2f%%, %.1f wake-ups/s; "
                    "target <= %.0f%% of a core and <= bounded floor + %.0f wake-ups/s: %s\n",
                    100 * app.cpuShare, app.wakeupsPerSecond, app.uiWakeupsPerSecond,
                    double(app.events) / seconds, app.threads, 100 * bare.cpuShare,
                    bare.wakeupsPerSecond, bare.uiWakeupsPerSecond, double(bare.events) / seconds,
                    100 * bounded.cpuShare, bounded.wakeupsPerSecond,
                    100 * IdleCpuTarget, IdleExtraWakeups, !ok ? "BROKEN" : met ? "met" : "MISSED");
        std::printf("  wake-ups by thread: %s\n  floor's: %s\n  bounded floor's: %s\n", app.byThread.constData(),
                    bare.byThread.constData(), bounded.byThread.constData());
        std::printf("  UI-thread deliveries in the window (per second):\n");
        for (qsizetype i = 0; i < std::min<qsizetype>(40, deliveries.size()); ++i)
            std::printf("      %-80s %7.1f\n", deliveries[i].first.constData(),
                        double(deliveries[i].second) / seconds);
        std::fflush(stdout);
        return ok;
    }

    /** Run 4: one hostile stream into one tab of a fresh main window; false when the stream did
     *  not deliver what it should (events, protocol errors, the final "after" event). */
    bool hostile(const QByteArray &name, const QString &pathAndQuery, qint64 expectedEvents,
                 int expectedProtocolErrors)
    {
        const QUrl url = m_servers->hostileUrl(pathAndQuery);
        MainWindow window(m_settings);
        window.show();
        StreamView *view = window.addStream(streamFor(url, QString::fromUtf8(name)), false);
        sse::Session *session = view->session();
        sse::EventSource *source = session->source();
        qint64 reads = 0;
        qint64 largestRead = 0;
        qint64 sampledPeak = 0;
        int protocolErrors = 0;
        int otherErrors = 0;
        QObject::connect(source, &sse::EventSource::bytesReceived, &window, [&](qint64 bytes) {
            ++reads;
            largestRead = std::max(largestRead, bytes);
            sampledPeak = std::max(sampledPeak, residentBytes());
        });
        QObject::connect(source, &sse::EventSource::errorOccurred, &window,
                         [&](const sse::Error &e) {
                             ++(e.kind == sse::ErrorKind::Protocol ? protocolErrors : otherErrors);
                         });
        runFor(500);
        // The floor: the same window, idle.
        m_probe.begin();
        runFor(1000);
        const LatencyProbe::Summary idle = m_probe.end();

        const qint64 rss0 = settledResidentBytes();
        const bool hwm = resetPeakResident();
        m_probe.begin();
        benchApp()->beginRecording();
        QElapsedTimer clock;
        clock.start();
        session->connectStream();
        const bool done = runUntil([&] { return session->statistics().events >= expectedEvents; },
                                   600000);
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        const LatencyProbe::Summary latency = m_probe.end();
        const auto slices = benchApp()->endRecording();
        const qint64 peakGrowth = std::max(hwm ? peakResidentBytes() : -1, sampledPeak) - rss0;
        const sse::Statistics st = session->statistics();
        session->disconnectStream();
        sse::EventLogModel *log = session->log();
        log->flush();
        const bool lastIsAfter = log->eventCount() > 0
                && log->eventAt(log->eventCount() - 1).data == QByteArrayView("after");
        runFor(300);

        const Bare bare = bareRead(url, st.bodyBytes);
        const double mbps = double(st.bodyBytes) / 1e6 / seconds;
        const bool ok = done && st.events == expectedEvents && protocolErrors == expectedProtocolErrors
                && otherErrors == 0 && lastIsAfter && bare.done;
        const bool met = latency.p99 < TargetP99Ms && peakGrowth < HostilePeakTarget;
        std::printf("%-28s %9.1f %7.2f %7.0f %9lld %7lld %6.1f %6.1f %6.1f %5.1f/%-5.1f %8.1f   %6.2f %7.0f %8.1f   %s\n",
                    name.constData(), double(st.bodyBytes) / 1e6, seconds, mbps,
                    static_cast<long long>(st.events), static_cast<long long>(reads), latency.p50,
                    latency.p99, latency.max, idle.p99, idle.max, double(peakGrowth) / 1048576.0,
                    bare.seconds, double(bare.bytes) / 1e6 / std::max(1e-9, bare.seconds),
                    double(bare.peakGrowth) / 1048576.0, !ok ? "BROKEN" : met ? "met" : "MISSED");
        std::printf("    %lld latency samples, largest read %.1f KB, %d protocol error(s); ",
                    static_cast<long long>(latency.samples), double(largestRead) / 1024,
                    protocolErrors);
        if (slices.isEmpty())
            std::printf("no UI event took 2 ms or more\n");
        else
            std::printf("UI events of 2 ms or more (count, total, max):\n");
        for (qsizetype i = 0; i < std::min<qsizetype>(3, slices.size()); ++i) {
            const auto &[key, sl] = slices[i];
            std::printf("      %-72s %5lld %8.1f ms %6.1f ms\n", key.constData(),
                        static_cast<long long>(sl.count), double(sl.totalNs) / 1e6,
                        double(sl.maxNs) / 1e6);
        }
        if (!ok)
            std::printf("    problem: %lld of %lld events, %d protocol errors (expected %d), %d other "
                        "errors, last event %s, bare read %s\n",
                        static_cast<long long>(st.events), static_cast<long long>(expectedEvents),
                        protocolErrors, expectedProtocolErrors, otherErrors,
                        lastIsAfter ? "\"after\"" : "not \"after\"", bare.done ? "done" : "incomplete");
        std::fflush(stdout);
        return ok;
    }

    double memoryRatio() const { return m_memoryRatio; }

private:
    struct IdleUse
    {
        double cpuShare = 0;          // of one core
        double wakeupsPerSecond = 0;  // every thread but the servers'
        double uiWakeupsPerSecond = 0;
        int threads = 0;
        qint64 events = 0;
        QByteArray byThread;          // wake-ups per second by thread name
    };

    /** \a tabs bare QNetworkReplies on \a url, each on its own QNetworkAccessManager as
     *  EventSource has, reading and discarding (\a readBuffer: Qt's read-buffer limit, 0 = none):
     *  the floor of the idle run. */
    IdleUse bareReaders(const QUrl &url, int tabs, int seconds, qint64 readBuffer)
    {
        IdleUse use;
        std::vector<std::unique_ptr<QNetworkAccessManager>> nams;
        QByteArray buffer(64 * 1024, Qt::Uninitialized);
        qint64 reads = 0;
        for (int i = 0; i < tabs; ++i) {
            nams.push_back(std::make_unique<QNetworkAccessManager>());
            QNetworkAccessManager *nam = nams.back().get();
            QTimer::singleShot(i * IdleSpreadMs, nam, [nam, url, readBuffer, &buffer, &reads] {
                QNetworkRequest request(url);
                request.setRawHeader("Accept", "text/event-stream");
                QNetworkReply *reply = nam->get(request);
                reply->setReadBufferSize(readBuffer);
                QObject::connect(reply, &QIODevice::readyRead, reply, [reply, &buffer, &reads] {
                    while (reply->read(buffer.data(), buffer.size()) > 0)
                        ++reads;
                });
            });
        }
        runFor(3000);
        const qint64 reads0 = reads;
        use = measureIdle(seconds);
        use.events = reads - reads0;
        for (auto &nam : nams) {
            const auto replies = nam->findChildren<QNetworkReply *>();
            for (QNetworkReply *reply : replies)
                reply->abort();
        }
        runFor(200);
        return use;
    }

    IdleUse measureIdle(int seconds) const
    {
        const pid_t server = m_servers->tid();
        const QString ui = QString::number(getpid());
        const ThreadUse all0 = processUse(server);
        const ThreadUse ui0 = threadUse(ui);
        QElapsedTimer clock;
        clock.start();
        runFor(seconds * 1000);
        const double elapsed = double(clock.nsecsElapsed()) / 1e9;
        const ThreadUse all = processUse(server) - all0;
        const ThreadUse uiUse = threadUse(ui) - ui0;
        IdleUse u;
        u.cpuShare = double(all.cpuNs) / 1e9 / elapsed;
        u.wakeupsPerSecond = double(all.wakeups) / elapsed;
        u.uiWakeupsPerSecond = double(uiUse.wakeups) / elapsed;
        u.threads = all.threads;
        for (auto it = all.wakeupsByName.cbegin(); it != all.wakeupsByName.cend(); ++it)
            u.byThread += QByteArray(it.key() + ' ' + QByteArray::number(double(it.value()) / elapsed, 'f', 1) + "/s  ");
        return u;
    }

    struct Bare
    {
        double seconds = 0;
        qint64 bytes = 0;
        qint64 peakGrowth = 0;
        bool done = false;
    };

    /** The ceiling of a hostile run: a bare QNetworkReply in this thread (read buffer 4 MiB, as
     *  EventSource's) reads and discards \a expectedBytes of the same stream, no parsing, no UI. */
    static Bare bareRead(const QUrl &url, qint64 expectedBytes)
    {
        Bare b;
        const qint64 rss0 = settledResidentBytes();
        const bool hwm = resetPeakResident();
        qint64 sampledPeak = 0;
        QNetworkAccessManager nam;
        QNetworkRequest request(url);
        request.setRawHeader("Accept", "text/event-stream");
        QNetworkReply *reply = nam.get(request);
        reply->setReadBufferSize(4 * 1024 * 1024);
        QByteArray buffer(64 * 1024, Qt::Uninitialized);
        QObject::connect(reply, &QIODevice::readyRead, &nam, [&] {
            qint64 n = 0;
            while ((n = reply->read(buffer.data(), buffer.size())) > 0)
                b.bytes += n;
            sampledPeak = std::max(sampledPeak, residentBytes());
        });
        QElapsedTimer clock;
        clock.start();
        b.done = runUntil([&] { return b.bytes >= expectedBytes; }, 600000);
        b.seconds = double(clock.nsecsElapsed()) / 1e9;
        b.peakGrowth = std::max(hwm ? peakResidentBytes() : -1, sampledPeak) - rss0;
        reply->abort();
        return b;
    }

    ServerThread *m_servers;
    QString m_settings;
    int m_seconds;
    LatencyProbe m_probe;
    double m_memoryRatio = -1;
};

QByteArray rateText(double rate)
{
    if (rate <= 0)
        return QByteArrayLiteral("max");
    return QLocale::c().toString(qRound64(rate)).toUtf8();
}

void printResult(const RunResult &r)
{
    QByteArray target;
    bool met = r.latencyMet();
    if (r.targetRate > 0) {
        target = rateText(r.targetRate) + " ev/s, p99 < 50 ms";
        met = met && r.rateMet();
    } else {
        target = "p99 < 50 ms";
    }
    std::printf("%-40s %4d %9s %10s %7.1f %7.1f %7.1f %4.0f%% %4.0f%% %4.2f %6.1f  %-24s %s\n",
                r.name.constData(), r.tabs, rateText(r.offeredRate).constData(),
                rateText(r.absorbedRate).constData(), r.latency.p50, r.latency.p99,
                r.latency.max, 100 * r.uiCpu, 100 * r.serverCpu, r.processCpu, r.paintsPerSecond,
                target.constData(), r.lost ? "BROKEN" : met ? "met" : "MISSED");
    if (r.skipped > 0)
        std::printf("    rate MISSED: the pacer skipped %lld events while more than 1 MiB was "
                    "queued (the client did not read fast enough)\n",
                    static_cast<long long>(r.skipped));
    std::printf("    first tab: %.0f reads/s, largest %.1f KB;", r.readsPerSecond,
                double(r.largestRead) / 1024);
    if (r.longSlices.isEmpty())
        std::printf(" no UI event took 2 ms or more\n");
    else
        std::printf(" UI events of 2 ms or more (count, total, max):\n");
    for (qsizetype i = 0; i < std::min<qsizetype>(4, r.longSlices.size()); ++i) {
        const auto &[key, s] = r.longSlices[i];
        std::printf("      %-72s %5lld %8.1f ms %6.1f ms\n", key.constData(),
                    static_cast<long long>(s.count), double(s.totalNs) / 1e6,
                    double(s.maxNs) / 1e6);
    }
    if (!r.problem.isEmpty())
        std::printf("    problem: %s\n", r.problem.constData());
    std::fflush(stdout);
}

QtMessageHandler g_defaultHandler = nullptr;

/** The offscreen plugin warns about size hints for every window; the rest goes through. */
void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message == u"This plugin does not support propagateSizeHints()")
        return;
    g_defaultHandler(type, context, message);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    g_defaultHandler = qInstallMessageHandler(messageHandler);
    BenchApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral(
            "Drives the sse-monitor main window from the built-in scenario server and prints "
            "events/s absorbed, UI event-loop latency and memory per stored event."));
    cli.addHelpOption();
    const QCommandLineOption secondsOption(
            QStringLiteral("seconds"), QStringLiteral("Measuring window of each run (default 10)."),
            QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption runsOption(
            QStringLiteral("runs"),
            QStringLiteral("Runs to do, comma-separated (default "
                           "paced,ticker,burst,tabs,idle,memory,huge,line,tiny,bytes)."),
            QStringLiteral("list"), QStringLiteral("paced,ticker,burst,tabs,idle,memory,huge,line,tiny,bytes"));
    const QCommandLineOption idleOption(
            QStringLiteral("idle-seconds"),
            QStringLiteral("Window of the idle run, and of its floor (default 20)."),
            QStringLiteral("s"), QStringLiteral("20"));
    const QCommandLineOption hugeOption(
            QStringLiteral("huge-mib"),
            QStringLiteral("Size of the huge event and of the endless line (default 1024 MiB)."),
            QStringLiteral("MiB"), QStringLiteral("1024"));
    cli.addOption(secondsOption);
    cli.addOption(runsOption);
    cli.addOption(hugeOption);
    cli.addOption(idleOption);
    cli.process(app);
    bool idleOk = false;
    const int idleSeconds = cli.value(idleOption).toInt(&idleOk);
    bool hugeOk = false;
    const qint64 hugeMib = cli.value(hugeOption).toLongLong(&hugeOk);
    bool ok = false;
    const int seconds = cli.value(secondsOption).toInt(&ok);
    const QStringList runs = cli.value(runsOption).split(u',', Qt::SkipEmptyParts);
    const QStringList known = {QStringLiteral("paced"), QStringLiteral("ticker"),
                               QStringLiteral("burst"), QStringLiteral("tabs"),
                               QStringLiteral("idle"), QStringLiteral("memory"), QStringLiteral("huge"),
                               QStringLiteral("line"), QStringLiteral("tiny"),
                               QStringLiteral("bytes")};
    const QStringList hostileRuns = {QStringLiteral("huge"), QStringLiteral("line"),
                                     QStringLiteral("tiny"), QStringLiteral("bytes")};
    if (!ok || seconds < 1 || seconds > 600 || !hugeOk || hugeMib < 1 || hugeMib > 64 * 1024
        || !idleOk || idleSeconds < 1 || idleSeconds > 600
        || !std::all_of(runs.cbegin(), runs.cend(), [&](const QString &r) { return known.contains(r); })) {
        std::fprintf(stderr, "usage: bench_gui [--seconds 1..600] [--huge-mib 1..65536] "
                             "[--idle-seconds 1..600] [--runs %s]\n",
                     qPrintable(known.join(u',')));
        return 2;
    }

    ServerThread servers;
    if (!servers.startServers()) {
        std::fprintf(stderr, "bench_gui: the servers could not listen on 127.0.0.1\n");
        return 1;
    }
    QTemporaryDir dir;
    const QString settings = dir.filePath(QStringLiteral("settings.ini"));

    std::printf("bench_gui: Qt %s, platform %s, %d s per run, %d cores, load average %s\n",
                qVersion(), qPrintable(QGuiApplication::platformName()), seconds,
                QThread::idealThreadCount(), loadAverage().constData());
    std::printf("Events/s: counted by the sessions' statistics. UI latency: lateness of a %d ms "
                "precise timer on the UI thread.\nCPU: UI thread and server thread as %% of one "
                "core, process in cores. fps: paints of the visible tab's log.\n\n",
                ProbeIntervalMs);
    Bench bench(&servers, settings, seconds);
    bool broken = false;

    const bool anyRate = std::any_of(runs.cbegin(), runs.cend(), [&](const QString &r) {
        return r != u"memory" && r != u"idle" && !hostileRuns.contains(r);
    });
    if (anyRate) {
        std::printf("%-40s %4s %9s %10s %7s %7s %7s %5s %5s %4s %6s  %-24s %s\n", "run",
                    "tabs", "offered", "absorbed", "p50 ms", "p99 ms", "max ms", "UI", "srv",
                    "proc", "fps", "target", "result");
        std::fflush(stdout);
    }
    const auto rateRun = [&](const QString &name, RunResult (Bench::*run)()) {
        if (!runs.contains(name))
            return;
        const RunResult r = (bench.*run)();
        printResult(r);
        broken = broken || r.lost;
    };
    rateRun(QStringLiteral("paced"), &Bench::paced);
    rateRun(QStringLiteral("ticker"), &Bench::ticker);
    rateRun(QStringLiteral("burst"), &Bench::burst);
    rateRun(QStringLiteral("tabs"), &Bench::tabs);
    if (anyRate)
        std::printf("(ticker runs: the scenario server's ticker accepts at most rate=%d, so "
                    "50,000 ev/s are 5 tabs; burst has no rate; its target is the 50,000 ev/s)\n",
                    TickerMaxRate);

    if (runs.contains(QStringLiteral("idle")) && !bench.idle(idleSeconds)) {
        std::printf("  BROKEN: not every quiet stream delivered its events\n");
        broken = true;
    }
    if (runs.contains(QStringLiteral("memory")) && !bench.memory()) {
        std::printf("  BROKEN: the memory run did not store its %d events\n", MemoryEvents);
        broken = true;
    }
    if (std::any_of(runs.cbegin(), runs.cend(), [&](const QString &r) { return hostileRuns.contains(r); })) {
        std::printf("\n4. Hostile input, one tab each (event cap %lld MiB). Targets: UI p99 < %.0f ms, "
                    "peak resident growth < %lld MiB.\n   idle: the same window's latency before the "
                    "run (floor); bare reply: a QNetworkReply reading and discarding the same "
                    "stream (ceiling)\n",
                    static_cast<long long>(EventCap >> 20), TargetP99Ms,
                    static_cast<long long>(HostilePeakTarget >> 20));
        std::printf("%-28s %9s %7s %7s %9s %7s %6s %6s %6s %11s %8s   %6s %7s %8s   %s\n", "run",
                    "body MB", "time s", "MB/s", "events", "reads", "p50", "p99", "max",
                    "idle p99/max", "peak MiB", "bare s", "MB/s", "peak MiB", "result");
        std::fflush(stdout);
        const QString mib = QString::number(hugeMib);
        if (runs.contains(QStringLiteral("huge")))
            broken |= !bench.hostile(QByteArray::number(hugeMib) + " MiB event",
                                     QStringLiteral("/huge?mib=") + mib, 1, 1);
        if (runs.contains(QStringLiteral("line")))
            broken |= !bench.hostile(QByteArray::number(hugeMib) + " MiB line, no newline",
                                     QStringLiteral("/line?mib=") + mib, 1, 1);
        if (runs.contains(QStringLiteral("tiny")))
            broken |= !bench.hostile("3,000,000 tiny events",
                                     QStringLiteral("/tiny?count=%1").arg(TinyEvents), TinyEvents + 1, 0);
        if (runs.contains(QStringLiteral("bytes")))
            broken |= !bench.hostile("2,000 events byte by byte",
                                     QStringLiteral("/bytes?count=%1").arg(ByteEvents), ByteEvents + 1, 0);
    }
    std::printf("\nload average at the end: %s\n", loadAverage().constData());
    return broken ? 1 : 0;
}

#include "bench_gui.moc"
