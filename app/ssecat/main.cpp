// ssecat: a headless SSE client on the project's engine, for scripts, CI and acceptance tests.

#include "metricsexporter.h"
#include "metricsserver.h"
#include "options.h"
#include "outputwriter.h"
#include "scenarioserver.h"
#include "terminationsignals.h"
#include "watcher.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

/** Qt's HTTP thread reads the socket into a new buffer per read (up to the reply's 4 MiB
 *  read-buffer limit) and frees it once copied. With glibc's defaults the freed memory goes
 *  back to the system (large blocks are mapped and unmapped, heap tops trimmed), so the next
 *  read faults in and zeroes fresh pages: at full rate that was the HTTP thread's largest
 *  cost. Large blocks now come from the heap, and up to 64 MiB freed stays with the process
 *  for the next read; the most the process uses at once does not change. */
void keepReadBuffersMapped()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 16 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
}

void printTo(FILE *stream, const QByteArray &text)
{
    std::fwrite(text.constData(), 1, size_t(text.size()), stream);
    std::fflush(stream);
}

} // namespace

// The program's life from top to bottom: options, output, the streams (and --demo's server),
// signals, metrics, then the event loop; a little over a screen, and read in that order.
int main(int argc, char *argv[])
{
    keepReadBuffersMapped();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ssecat"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SSE_VERSION));

    const ssecat::ParseOutcome parsed = ssecat::parseOptions(QCoreApplication::arguments());
    switch (parsed.action) {
    case ssecat::ParseOutcome::Action::Help:
        printTo(stdout, parsed.text.toUtf8());
        return 0;
    case ssecat::ParseOutcome::Action::Version:
        printTo(stdout, QByteArrayLiteral("ssecat " SSE_VERSION "\n"));
        return 0;
    case ssecat::ParseOutcome::Action::UsageError:
        printTo(stderr, QByteArrayLiteral("ssecat: ") + parsed.text.toUtf8()
                            + QByteArrayLiteral("\nTry 'ssecat --help' for more information.\n"));
        return 2;
    case ssecat::ParseOutcome::Action::Run:
        break;
    }
    ssecat::Options options = parsed.options;

    // --demo: the built-in scenario server, in this process, on free loopback ports.
    std::unique_ptr<sse::ScenarioServer> demoServer;
    if (options.demo) {
        demoServer = std::make_unique<sse::ScenarioServer>();
        if (!demoServer->listen()) {
            printTo(stderr, QStringLiteral("ssecat: cannot start the demo server: %1\n")
                                .arg(demoServer->errorString())
                                .toUtf8());
            return 1;
        }
        for (const char *stream : {"/ticker?rate=2", "/flaky?every=5&rate=4", "/errors?every=3&rate=2",
                                   "/status?code=503&n=2&rate=1"})
            options.urls.append(demoServer->url(QString::fromLatin1(stream)));
        printTo(stderr, QStringLiteral("ssecat: demo server at %1 (Ctrl-C stops)\n")
                            .arg(demoServer->url().toString())
                            .toUtf8());
    }

    ssecat::OutputWriter output;
    const bool opened = options.outputFile.isEmpty() ? output.openStandardOutput()
                                                     : output.openFile(options.outputFile);
    if (!opened) {
        const QString target = options.outputFile.isEmpty() ? QStringLiteral("standard output")
                                                            : options.outputFile;
        printTo(stderr, QStringLiteral("ssecat: cannot open %1: %2\n")
                            .arg(target, output.errorString())
                            .toUtf8());
        return 2;
    }

    ssecat::Watcher watcher(options, &output);
    QObject::connect(&watcher, &ssecat::Watcher::finished, &app,
                     [](int exitCode) { QCoreApplication::exit(exitCode); });

    // --metrics: the exporter reads the watcher's sessions; it lives as long as they do.
    std::unique_ptr<ssecat::MetricsExporter> exporter;
    std::unique_ptr<ssecat::MetricsServer> metricsServer;
    if (options.metrics) {
        exporter = std::make_unique<ssecat::MetricsExporter>();
        const QList<sse::Session *> sessions = watcher.sessions();
        for (int i = 0; i < sessions.size(); ++i)
            exporter->addStream(watcher.streamLabel(i), sessions.at(i));
        metricsServer = std::make_unique<ssecat::MetricsServer>(exporter.get());
        if (!metricsServer->listen(options.metricsAddress, options.metricsPort)) {
            printTo(stderr, QStringLiteral("ssecat: cannot serve metrics on %1 port %2: %3\n")
                                .arg(options.metricsAddress.toString())
                                .arg(options.metricsPort)
                                .arg(metricsServer->errorString())
                                .toUtf8());
            return 1;
        }
        printTo(stderr, QStringLiteral("ssecat: metrics at %1\n")
                            .arg(metricsServer->url().toString())
                            .toUtf8());
    }

    sse::TerminationSignals termination;
    QObject::connect(&termination, &sse::TerminationSignals::received, &watcher,
                     [&watcher, metrics = options.metrics] {
        // Stopping on request is success, unless a stream already failed; an exporter
        // reported its failed streams in the metrics and stops cleanly.
        watcher.finish(metrics ? 0 : watcher.exitStatus());
    });

    // Started from the event loop so that finished() can always end it.
    QMetaObject::invokeMethod(&watcher, &ssecat::Watcher::start, Qt::QueuedConnection);
    return app.exec();
}
