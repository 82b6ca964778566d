// Ingest benchmark: `ssecat --format count` against a loopback server that pushes small.sse,
// end to end (process start to exit), with a ceiling measured in the same run: the same
// server read by `curl -sN URL -o /dev/null`.
//
// Usage: bench_ingest WORKLOAD_DIR [--runs N]
//   WORKLOAD_DIR is made by `python3 shared/bench/gen_workloads.py DIR`.
//   ssecat is found through $SSECAT, else $SSE_BUILD_DIR/app/ssecat/ssecat, else next to
//   this build's tests/bench directory.

#include "httpserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace {

constexpr qint64 ChunkBytes = 256 * 1024;
constexpr qint64 HighWaterBytes = 4 * 1024 * 1024; // keep the socket's queue below this
constexpr double TargetEventsPerSecond = 2e6;

void fail(const QString &message)
{
    std::fprintf(stderr, "bench_ingest: %s\n", message.toUtf8().constData());
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

/** Serves one file as text/event-stream, once per arm(): later requests get 204, so a client
 *  that reconnects cannot count the file twice. Written from the memory map with
 *  backpressure: refilled on bytesWritten while less than HighWaterBytes are queued. */
class FileStreamServer
{
public:
    FileStreamServer(const uchar *data, qint64 size)
        : m_data(data)
        , m_size(size)
    {
        if (!m_server.listen())
            fail(QStringLiteral("cannot listen: %1").arg(m_server.errorString()));
        m_server.setHandler([this](const sse::HttpRequest &, sse::HttpResponder *r) { serve(r); });
    }

    QUrl url() const { return m_server.url(QStringLiteral("/small.sse")); }
    void arm() { m_armed = true; }

private:
    void serve(sse::HttpResponder *r)
    {
        if (!m_armed) {
            r->writeHead(204);
            r->close();
            return;
        }
        m_armed = false;
        r->writeHead(200, {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}});
        auto offset = std::make_shared<qint64>(0);
        auto pump = [this, r, offset] {
            if (*offset >= m_size)
                return;
            while (*offset < m_size && r->bytesToWrite() < HighWaterBytes) {
                const qint64 n = std::min(ChunkBytes, m_size - *offset);
                r->write(QByteArrayView(reinterpret_cast<const char *>(m_data) + *offset, n));
                *offset += n;
            }
            if (*offset >= m_size)
                r->close(); // FIN once everything queued has been sent
        };
        QObject::connect(r, &sse::HttpResponder::bytesWritten, r, pump);
        pump();
    }

    sse::HttpServer m_server;
    const uchar *m_data;
    qint64 m_size;
    bool m_armed = false;
};

struct ProcessRun
{
    bool ok = false;
    int exitCode = -1;
    double seconds = 0;
    QByteArray out;
    QByteArray err;
};

/** Runs a program while this thread's event loop keeps the server going. */
ProcessRun runProcess(const QString &program, const QStringList &args)
{
    ProcessRun run;
    QProcess process;
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop,
                     [&loop](QProcess::ProcessError e) {
                         if (e == QProcess::FailedToStart)
                             loop.quit();
                     });
    QElapsedTimer clock;
    clock.start();
    process.start(program, args);
    loop.exec();
    run.seconds = double(clock.nsecsElapsed()) / 1e9;
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
    }
    run.ok = process.exitStatus() == QProcess::NormalExit && process.error() != QProcess::FailedToStart;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments().mid(1);
    int runs = 3;
    const qsizetype runsAt = args.indexOf(QStringLiteral("--runs"));
    if (runsAt >= 0 && runsAt + 1 < args.size()) {
        runs = std::max(1, args.at(runsAt + 1).toInt());
        args.remove(runsAt, 2);
    }
    if (args.size() != 1)
        fail(QStringLiteral("usage: bench_ingest WORKLOAD_DIR [--runs N]\n"
                            "  (make WORKLOAD_DIR with python3 shared/bench/gen_workloads.py DIR)"));
    const QDir dir(args.at(0));

    QFile expectedFile(dir.filePath(QStringLiteral("expected.json")));
    if (!expectedFile.open(QIODevice::ReadOnly))
        fail(QStringLiteral("cannot read %1").arg(expectedFile.fileName()));
    const QJsonObject small =
        QJsonDocument::fromJson(expectedFile.readAll())
              .object()
              .value(u"files")
              .toObject()
              .value(u"small.sse")
              .toObject();
    const qint64 expectedEvents = small.value(u"events").toInteger();
    const qint64 expectedBytes = small.value(u"bytes").toInteger();
    const qint64 expectedDataBytes = small.value(u"data_bytes").toInteger();
    if (expectedEvents <= 0)
        fail(QStringLiteral("expected.json has no small.sse entry"));

    QFile file(dir.filePath(QStringLiteral("small.sse")));
    if (!file.open(QIODevice::ReadOnly))
        fail(QStringLiteral("cannot open %1").arg(file.fileName()));
    const qint64 size = file.size();
    if (size != expectedBytes)
        fail(QStringLiteral("small.sse has %1 bytes, expected.json says %2").arg(size).arg(expectedBytes));
    const uchar *data = file.map(0, size);
    if (!data)
        fail(QStringLiteral("cannot map %1").arg(file.fileName()));
    quint64 touch = 0; // fault the pages in before timing
    for (qint64 i = 0; i < size; i += 4096)
        touch += data[i];
    [[maybe_unused]] volatile quint64 sink = touch;

    const QString ssecat = ssecatPath();
    if (!QFileInfo(ssecat).isExecutable())
        fail(QStringLiteral("ssecat not found at %1 (set SSECAT or SSE_BUILD_DIR)").arg(ssecat));

    FileStreamServer server(data, size);
    const QString url = server.url().toString();
    const double megabytes = double(size) / 1e6;
    std::printf("bench_ingest: small.sse, %lld events, %.1f MB, %d run(s) each\n",
                static_cast<long long>(expectedEvents), megabytes, runs);

    // Ceiling: the same server read by curl, which only moves bytes.
    double curlBest = 0;
    for (int i = 0; i < runs; ++i) {
        server.arm();
        const ProcessRun run = runProcess(QStringLiteral("curl"),
                                          {QStringLiteral("-sN"), url, QStringLiteral("-o"),
                                           QStringLiteral("/dev/null")});
        if (!run.ok || run.exitCode != 0) {
            std::printf("  curl ceiling:       unavailable (%s)\n", run.err.trimmed().constData());
            curlBest = 0;
            break;
        }
        curlBest = curlBest == 0 ? run.seconds : std::min(curlBest, run.seconds);
    }
    if (curlBest > 0)
        std::printf("  curl ceiling:       %7.3f s  %8.1f MB/s  (%.2f M events/s if it parsed)\n",
                    curlBest, megabytes / curlBest, double(expectedEvents) / curlBest / 1e6);

    double best = 0;
    double bestOwn = 0;
    bool verified = true;
    for (int i = 0; i < runs; ++i) {
        server.arm();
        const ProcessRun run = runProcess(ssecat, {QStringLiteral("--format"), QStringLiteral("count"),
                                                   QStringLiteral("-n"),
                                                   QString::number(expectedEvents), url});
        const QJsonObject totals = QJsonDocument::fromJson(run.out.trimmed()).object();
        const qint64 events = totals.value(u"events").toInteger(-1);
        const qint64 dataBytes = totals.value(u"dataBytes").toInteger(-1);
        if (!run.ok || run.exitCode != 0 || events != expectedEvents || dataBytes != expectedDataBytes) {
            std::printf("  ssecat run %d FAILED: exit %d, events %lld (expected %lld), dataBytes %lld "
                        "(expected %lld)\n  output: %s\n  stderr: %s\n",
                        i + 1, run.exitCode, static_cast<long long>(events),
                        static_cast<long long>(expectedEvents), static_cast<long long>(dataBytes),
                        static_cast<long long>(expectedDataBytes), run.out.trimmed().constData(),
                        run.err.trimmed().constData());
            verified = false;
            continue;
        }
        std::printf("  ssecat run %d:       %7.3f s  %8.1f MB/s  %6.2f M events/s  "
                    "(its own clock, connect to last event: %.3f s)\n",
                    i + 1, run.seconds, megabytes / run.seconds,
                    double(expectedEvents) / run.seconds / 1e6, totals.value(u"seconds").toDouble());
        if (best == 0 || run.seconds < best) {
            best = run.seconds;
            bestOwn = totals.value(u"seconds").toDouble();
        }
    }
    if (best > 0) {
        const double rate = double(expectedEvents) / best;
        std::printf("  ssecat end to end:  %7.3f s  %8.1f MB/s  %6.2f M events/s  "
                    "(own clock %.3f s = %.2f M events/s)%s\n",
                    best, megabytes / best, rate / 1e6, bestOwn,
                    bestOwn > 0 ? double(expectedEvents) / bestOwn / 1e6 : 0.0,
                    curlBest > 0 ? qPrintable(QStringLiteral("; %1% of the curl ceiling")
                                                  .arg(100.0 * curlBest / best, 0, 'f', 0))
                                 : "");
        std::printf("  target: >= %.1f M events/s end to end: %s\n", TargetEventsPerSecond / 1e6,
                    rate >= TargetEventsPerSecond ? "MET" : "NOT MET");
    }
    std::printf("  verification (events and dataBytes equal expected.json): %s\n",
                verified && best > 0 ? "OK" : "FAILED");
    return verified && best > 0 ? 0 : 1;
}
