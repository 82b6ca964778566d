// Exporter cost benchmark: the CPU time of an ssecat process watching silent streams over an
// idle window, with --metrics off (the baseline, measured in the same run), on without scrapes,
// and on with a scrape every second; plus the thread wake-ups per second of each.
// CPU time is read from /proc/PID/task/*/schedstat (nanoseconds, every thread of ssecat).
//
// Usage: bench_metrics [--streams N] [--seconds S] [--runs R] [--heartbeat MS]
//   --heartbeat: the streams send a ":" comment every MS ms instead of staying silent.
//   ssecat is found through $SSECAT, else $SSE_BUILD_DIR/app/ssecat/ssecat, else next to this
//   build's tests/bench directory.

#include "scenarioserver.h"

#include "../support/metricsclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>

#include <algorithm>
#include <cstdio>

namespace {

void fail(const QString &message)
{
    std::fprintf(stderr, "bench_metrics: %s\n", message.toUtf8().constData());
    std::exit(1);
}

QString ssecatPath()
{
    const QByteArray explicitPath = qgetenv("SSECAT");
    if (!explicitPath.isEmpty())
        return QString::fromLocal8Bit(explicitPath);
    const QByteArray buildDir = qgetenv("SSE_BUILD_DIR");
    const QString base = buildDir.isEmpty()
        ? QCoreApplication::applicationDirPath() + QStringLiteral("/../..")
        : QString::fromLocal8Bit(buildDir);
    return QDir(base).filePath(QStringLiteral("app/ssecat/ssecat"));
}

/** CPU time (ns) and context switches of every thread of \a pid so far. */
struct Usage
{
    qint64 cpuNs = 0;
    qint64 switches = 0;
};

Usage usage(qint64 pid)
{
    Usage u;
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile schedstat(tasks.filePath(task + QStringLiteral("/schedstat")));
        if (schedstat.open(QIODevice::ReadOnly))
            u.cpuNs += schedstat.readAll().split(' ').value(0).toLongLong();
        QFile status(tasks.filePath(task + QStringLiteral("/status")));
        if (!status.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("voluntary_ctxt_switches:")
                || line.startsWith("nonvoluntary_ctxt_switches:"))
                u.switches += line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
        }
    }
    return u;
}

enum class Mode { Off, OnIdle, OnScraped };

struct Window
{
    double cpuMs = 0;
    double wakeupsPerSecond = 0;
    int scrapes = 0;
};

/** Starts ssecat on \a urls, waits until every stream is open, then measures \a seconds. */
Window measure(const QStringList &urls, Mode mode, double seconds)
{
    QStringList args{QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--states")};
    if (mode != Mode::Off)
        args << QStringLiteral("--metrics") << QStringLiteral("127.0.0.1:0");
    QProcess ssecat;
    QByteArray out;
    QByteArray err;
    QObject::connect(&ssecat, &QProcess::readyReadStandardOutput, &ssecat,
                     [&] { out += ssecat.readAllStandardOutput(); });
    QObject::connect(&ssecat, &QProcess::readyReadStandardError, &ssecat,
                     [&] { err += ssecat.readAllStandardError(); });
    ssecat.start(ssecatPath(), args + urls);
    if (!ssecat.waitForStarted(10000))
        fail(QStringLiteral("cannot start %1: %2").arg(ssecatPath(), ssecat.errorString()));
    const bool open = QTest::qWaitFor(
        [&] { return out.count("\"state\":\"open\",\"record\":\"state\"") >= urls.size(); },
        20000);
    if (!open)
        fail(QStringLiteral("the streams did not open: %1").arg(QString::fromUtf8(err)));
    quint16 port = 0;
    if (mode != Mode::Off) {
        const QRegularExpression announced(QStringLiteral("metrics at http://127\\.0\\.0\\.1:(\\d+)/"));
        const QRegularExpressionMatch match = announced.match(QString::fromUtf8(err));
        if (!match.hasMatch())
            fail(QStringLiteral("no metrics address: %1").arg(QString::fromUtf8(err)));
        port = quint16(match.captured(1).toUInt());
    }
    QTest::qWait(500); // the first events' diagnostics settle

    Window w;
    const Usage before = usage(ssecat.processId());
    QElapsedTimer clock;
    clock.start();
    const qint64 windowMs = qint64(seconds * 1000);
    while (clock.elapsed() < windowMs) {
        if (mode == Mode::OnScraped) {
            if (!metricstest::get(port).startsWith("HTTP/1.1 200 OK"))
                fail(QStringLiteral("a scrape failed"));
            ++w.scrapes;
        }
        QTest::qWait(int(std::min<qint64>(1000 - clock.elapsed() % 1000,
                                          windowMs - clock.elapsed())));
    }
    const Usage after = usage(ssecat.processId());
    const double elapsedS = double(clock.elapsed()) / 1000.0;
    w.cpuMs = double(after.cpuNs - before.cpuNs) / 1e6;
    w.wakeupsPerSecond = double(after.switches - before.switches) / elapsedS;
    ssecat.terminate();
    ssecat.waitForFinished(10000);
    return w;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int streams = 10;
    double seconds = 10;
    int runs = 3;
    int heartbeatMs = 0;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args.at(i) == QLatin1String("--streams"))
            streams = std::max(1, args.at(i + 1).toInt());
        else if (args.at(i) == QLatin1String("--seconds"))
            seconds = std::max(1.0, args.at(i + 1).toDouble());
        else if (args.at(i) == QLatin1String("--runs"))
            runs = std::max(1, args.at(i + 1).toInt());
        else if (args.at(i) == QLatin1String("--heartbeat"))
            heartbeatMs = std::max(0, args.at(i + 1).toInt());
        else
            fail(QStringLiteral("usage: bench_metrics [--streams N] [--seconds S] [--runs R] "
                                "[--heartbeat MS]"));
    }

    sse::ScenarioServer server;
    if (!server.listen())
        fail(QStringLiteral("cannot listen: %1").arg(server.errorString()));
    // Three events, then open and quiet, or only heartbeats.
    QStringList urls;
    for (int i = 0; i < streams; ++i)
        urls.append(server.url(QStringLiteral("/stall?events=3&heartbeat=%1").arg(heartbeatMs))
                        .toString());

    const QByteArray kind = heartbeatMs > 0
        ? "streams with a heartbeat every " + QByteArray::number(heartbeatMs) + " ms"
        : QByteArray("silent streams");
    std::printf("bench_metrics: ssecat watching %d %s, %.0f s windows, %d run(s) each\n", streams,
                kind.constData(), seconds, runs);
    const struct
    {
        Mode mode;
        const char *name;
    } modes[] = {{Mode::Off, "--metrics off (baseline)"},
                 {Mode::OnIdle, "--metrics on, no scrape"},
                 {Mode::OnScraped, "--metrics on, 1 scrape/s"}};
    double idleOn = 0;
    double idleOff = 0;
    for (const auto &m : modes) {
        double total = 0;
        double worst = 0;
        double wakeups = 0;
        int scrapes = 0;
        for (int r = 0; r < runs; ++r) {
            const Window w = measure(urls, m.mode, seconds);
            total += w.cpuMs;
            worst = std::max(worst, w.cpuMs);
            wakeups += w.wakeupsPerSecond;
            scrapes += w.scrapes;
        }
        const double mean = total / runs;
        std::printf("  %-26s CPU %7.2f ms per %.0f s (worst run %.2f ms), %6.1f wake-ups/s",
                    m.name, mean, seconds, worst, wakeups / runs);
        if (scrapes > 0)
            std::printf(", %.2f ms CPU per scrape", (total - idleOn * runs) / scrapes);
        std::printf("\n");
        if (m.mode == Mode::Off)
            idleOff = mean;
        else if (m.mode == Mode::OnIdle)
            idleOn = mean;
    }
    std::printf("  exporter between scrapes: %+.2f ms CPU per %.0f s against the baseline\n",
                idleOn - idleOff, seconds);
    return 0;
}
