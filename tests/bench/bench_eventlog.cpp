// bench_eventlog: cost of keeping events in sse::EventLogModel, on the small.sse workload of
// /work/shared/bench/gen_workloads.py (1,000,000 events of ~80 bytes).
//
//   python3 gen_workloads.py /tmp/sse-workloads
//   bench_eventlog /tmp/sse-workloads [--flush-every N] [--no-io]
//
// small.sse is parsed with sse::Parser in 64 KiB feeds (as EventSource reads) and every
// ParseResult is appended to a model of capacity 1,000,000, flushed whenever N events are
// pending (default 2,500: a 50 ms flush at 50,000 events/s). Printed:
//  - append throughput: events/s spent in appendEvents() + flush() (parsing excluded), and
//    end to end with parsing;
//  - resident memory growth (VmRSS, after malloc_trim) for the 1,000,000 stored events versus
//    the raw bytes of those events (the file size), against the target of < 2.5x;
//  - the ceiling measured in the same run: the same events kept as a plain QList<sse::Event>;
//  - data() cost per call on random rows, and EventFilterModel timings on 100,000 rows
//    (re-filtering, and live flushes at capacity with a filter active);
//  - export of the 1,000,000 rows to each format and import of .jsonl / .sse (temporary
//    files, ~250 MB; --no-io skips it).
// Exit status: 0 when the event count matches expected.json (a missed target is reported,
// not fatal), 1 on a mismatch, 2 on a usage or I/O error.

#include "../support/memory.h"
#include "eventfilter.h"
#include "eventlog.h"
#include "logio.h"
#include "parser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <random>

namespace {

using Clock = std::chrono::steady_clock;

constexpr qsizetype FeedBytes = 64 * 1024;
constexpr int Capacity = 1'000'000;
constexpr double TargetRatio = 2.5;
constexpr qint64 CloseSlackBytes = 30 * 1000 * 1000; // the issue: within +30 MB of a fresh start

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}


double mb(qint64 bytes)
{
    return double(bytes) / 1e6;
}

/** Parses \a buffer in FeedBytes feeds, handing every non-empty batch of events to \a sink. */
template <typename Sink>
void parseAll(QByteArrayView buffer, Sink &&sink)
{
    sse::Parser parser;
    sse::ParseResult result;
    for (qsizetype pos = 0; pos < buffer.size(); pos += FeedBytes) {
        parser.feed(buffer.sliced(pos, std::min(FeedBytes, buffer.size() - pos)), result);
        if (!result.events.isEmpty())
            sink(result.events);
        result.clear();
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(
        QStringLiteral("Measures sse::EventLogModel append speed and memory on small.sse."));
    cli.addHelpOption();
    cli.addPositionalArgument(QStringLiteral("dir"),
                              QStringLiteral("Directory written by gen_workloads.py"));
    const QCommandLineOption flushOption(
        QStringLiteral("flush-every"),
        QStringLiteral("Flush when this many events are pending (default 2500)."),
        QStringLiteral("n"), QStringLiteral("2500"));
    const QCommandLineOption noIoOption(
        QStringLiteral("no-io"), QStringLiteral("Skip the export/import timings (temporary files)."));
    cli.addOption(flushOption);
    cli.addOption(noIoOption);
    cli.process(app);
    if (cli.positionalArguments().size() != 1) {
        std::fprintf(stderr, "usage: bench_eventlog DIR [--flush-every N] [--no-io]\n");
        return 2;
    }
    bool ok = false;
    const int flushEvery = cli.value(flushOption).toInt(&ok);
    if (!ok || flushEvery <= 0) {
        std::fprintf(stderr, "bench_eventlog: --flush-every must be a positive number\n");
        return 2;
    }
    const QDir dir(cli.positionalArguments().constFirst());
    const bool skipIo = cli.isSet(noIoOption);

    QFile expectedFile(dir.filePath(QStringLiteral("expected.json")));
    if (!expectedFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_eventlog: cannot read %s\n",
                     qPrintable(expectedFile.fileName()));
        return 2;
    }
    const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll())
                                     .object()
                                     .value(QStringLiteral("files"))
                                     .toObject()
                                     .value(QStringLiteral("small.sse"))
                                     .toObject();
    const qint64 expectedEvents = expected.value(QStringLiteral("events")).toInteger();

    QFile file(dir.filePath(QStringLiteral("small.sse")));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_eventlog: cannot read %s\n", qPrintable(file.fileName()));
        return 2;
    }
    const qint64 rawBytes = file.size();
    const uchar *mapped = file.map(0, rawBytes);
    if (!mapped) {
        std::fprintf(stderr, "bench_eventlog: cannot map %s\n", qPrintable(file.fileName()));
        return 2;
    }
    const QByteArrayView buffer(reinterpret_cast<const char *>(mapped), rawBytes);
    // Make the mapped file resident before any baseline, so it is not counted as growth.
    quint64 checksum = 0;
    for (qint64 i = 0; i < rawBytes; i += 4096)
        checksum += mapped[i];

    std::printf("bench_eventlog: small.sse, %lld bytes, %lld events expected, flush every %d "
                "pending events\n",
                static_cast<long long>(rawBytes), static_cast<long long>(expectedEvents),
                flushEvery);

    // --- 1. EventLogModel: append throughput and memory ---------------------------------
    const qint64 rssBeforeModel = settledResidentBytes();
    auto model = std::make_unique<sse::EventLogModel>();
    model->setCapacity(Capacity);
    model->setFlushInterval(24 * 3600 * 1000); // flushed here, by count
    qint64 parsed = 0;
    qint64 flushes = 0;
    Clock::duration modelTime{};
    const auto start = Clock::now();
    parseAll(buffer, [&](const QList<sse::Event> &events) {
        parsed += events.size();
        const auto t0 = Clock::now();
        model->appendEvents(events);
        if (model->pendingCount() >= flushEvery) {
            model->flush();
            ++flushes;
        }
        modelTime += Clock::now() - t0;
    });
    {
        const auto t0 = Clock::now();
        model->flush();
        ++flushes;
        modelTime += Clock::now() - t0;
    }
    const double totalSeconds = seconds(Clock::now() - start);
    const qint64 rssAfterModel = settledResidentBytes();
    const qint64 modelGrowth = rssAfterModel - rssBeforeModel;
    const double ratio = double(modelGrowth) / double(rawBytes);

    std::printf("\nEventLogModel, capacity %d: %d rows, %lld dropped, %lld flushes\n", Capacity,
                model->rowCount(), static_cast<long long>(model->droppedCount()),
                static_cast<long long>(flushes));
    std::printf("  append + flush:     %8.2f M events/s  (%.3f s for %lld events)\n",
                double(parsed) / seconds(modelTime) / 1e6, seconds(modelTime),
                static_cast<long long>(parsed));
    std::printf("  with parsing:       %8.2f M events/s  (%.3f s)\n",
                double(parsed) / totalSeconds / 1e6, totalSeconds);
    std::printf("  resident growth:    %8.1f MB = %.2f x the raw %.1f MB (%.1f bytes/event)  "
                "target < %.1f x: %s\n",
                mb(modelGrowth), ratio, mb(rawBytes),
                double(modelGrowth) / double(std::max<qint64>(1, parsed)), TargetRatio,
                ratio < TargetRatio ? "met" : "MISSED");
    std::printf("  storage blocks:     %8.1f MB allocated\n", mb(model->storageBytes()));

    // data() on random rows: constant time whatever the row.
    {
        std::mt19937 rng(42);
        std::uniform_int_distribution<int> rowOf(0, model->rowCount() - 1);
        constexpr int Calls = 300'000;
        qint64 chars = 0;
        const auto t0 = Clock::now();
        for (int i = 0; i < Calls; ++i) {
            const QModelIndex index = model->index(rowOf(rng), i % sse::EventLogModel::ColumnCount);
            chars += model->data(index, Qt::DisplayRole).toString().size();
        }
        const double ns = seconds(Clock::now() - t0) * 1e9 / Calls;
        std::printf("  data(DisplayRole):  %8.0f ns per call on random rows, all columns "
                    "(%lld chars)\n", ns, static_cast<long long>(chars));
        const auto t1 = Clock::now();
        qint64 bytes = 0;
        for (int i = 0; i < Calls; ++i)
            bytes += model->eventView(rowOf(rng)).data.size();
        std::printf("  eventView():        %8.0f ns per call on random rows (%lld bytes)\n",
                    seconds(Clock::now() - t1) * 1e9 / Calls, static_cast<long long>(bytes));
    }
    const bool countOk = parsed == expectedEvents && model->rowCount() == std::min<qint64>(parsed, Capacity);

    // Export of the whole log in each format, and import of what can be imported.
    if (!skipIo) {
        QTemporaryDir tmp;
        std::printf("\nExport / import of the %d rows (files in %s):\n", model->rowCount(),
                    qPrintable(tmp.path()));
        const sse::EventSnapshot snapshot = model->snapshot();
        for (const sse::LogFormat format : {sse::LogFormat::JsonLines, sse::LogFormat::Csv,
                                            sse::LogFormat::EventStream}) {
            const QString name = tmp.filePath(QStringLiteral("log.") + sse::logFormatSuffix(format));
            const auto t0 = Clock::now();
            const sse::ExportResult exported = sse::exportEvents(name, format, snapshot);
            const double exportSeconds = seconds(Clock::now() - t0);
            std::printf("  %-6s export %6.2f s (%5.2f M events/s, %6.1f MB)", 
                        qPrintable(sse::logFormatSuffix(format)), exportSeconds,
                        double(exported.events) / exportSeconds / 1e6, mb(exported.bytes));
            if (!exported.ok) {
                std::printf("  FAILED: %s\n", qPrintable(exported.errorString));
                continue;
            }
            if (format == sse::LogFormat::Csv) {
                std::printf("\n");
                continue;
            }
            const auto t1 = Clock::now();
            const sse::ImportResult imported = sse::importEvents(name);
            const double importSeconds = seconds(Clock::now() - t1);
            std::printf("   import %6.2f s (%5.2f M events/s)%s\n", importSeconds,
                        double(imported.events.size()) / importSeconds / 1e6,
                        imported.events.size() == model->rowCount() ? "" : "  COUNT MISMATCH");
        }
    }
    // Closing the log (a tab closed): the process should shrink back to where it started.
    // Measured without trimming here: the model has to give the memory back by itself.
    model.reset();
    const qint64 afterClose = residentBytes() - rssBeforeModel;
    std::printf("  after closing:      %8.1f MB resident above the start (ceiling: the start, "
                "+0 MB)  target within +%.0f MB: %s\n",
                mb(afterClose), mb(CloseSlackBytes), afterClose <= CloseSlackBytes ? "met" : "MISSED");

    // --- 2. Ceiling: the same events as a QList<sse::Event> ------------------------------
    const qint64 rssBeforeList = settledResidentBytes();
    qint64 listCount = 0;
    {
        QList<sse::Event> list;
        const auto t0 = Clock::now();
        parseAll(buffer, [&](QList<sse::Event> &events) {
            list.append(std::move(events));
            events = QList<sse::Event>();
        });
        const double listSeconds = seconds(Clock::now() - t0);
        const qint64 rssAfterList = settledResidentBytes();
        listCount = list.size();
        const qint64 listGrowth = rssAfterList - rssBeforeList;
        std::printf("\nCeiling, QList<sse::Event> of the same events: %lld events\n",
                    static_cast<long long>(listCount));
        std::printf("  resident growth:    %8.1f MB = %.2f x raw (%.1f bytes/event); the log "
                    "uses %.0f%% of it\n",
                    mb(listGrowth), double(listGrowth) / double(rawBytes),
                    double(listGrowth) / double(std::max<qint64>(1, listCount)),
                    100.0 * double(modelGrowth) / double(std::max<qint64>(1, listGrowth)));
        std::printf("  parse + append:     %8.2f M events/s\n",
                    double(listCount) / listSeconds / 1e6);
    }

    // --- 3. EventFilterModel on 100,000 rows ---------------------------------------------
    {
        constexpr int Rows = 100'000;
        sse::EventLogModel log;
        log.setCapacity(Rows);
        log.setFlushInterval(24 * 3600 * 1000);
        QList<QList<sse::Event>> batches; // the last events of the file, for live inserts
        qint64 seen = 0;
        parseAll(buffer, [&](const QList<sse::Event> &events) {
            seen += events.size();
            if (seen <= expectedEvents - 200'000)
                return;
            if (log.rowCount() + log.pendingCount() < Rows) {
                log.appendEvents(events);
                log.flush();
            } else {
                batches.append(events);
            }
        });
        sse::EventFilterModel filter;
        filter.setSourceModel(&log);
        const auto timeFilter = [&](const char *what, const auto &apply) {
            const auto t0 = Clock::now();
            apply();
            const int rows = filter.rowCount(); // the proxy may map lazily
            const double ms = seconds(Clock::now() - t0) * 1e3;
            std::printf("  %-34s %7.1f ms, %6d rows pass\n", what, ms, rows);
        };
        std::printf("\nEventFilterModel over %d rows:\n", log.rowCount());
        timeFilter("substring \"VALUE\":12 (any case)", [&] {
            filter.setSearchText(QStringLiteral("\"VALUE\":12"));
        });
        timeFilter("substring, match case", [&] { filter.setCaseSensitive(true); });
        timeFilter("regex \"value\":\\d{4}\\.0", [&] {
            sse::EventFilter f;
            f.text = QStringLiteral("\"value\":\\d{4}\\.0");
            f.regularExpression = true;
            filter.setFilter(f);
        });
        timeFilter("type tick", [&] {
            sse::EventFilter f;
            f.types = {QByteArrayLiteral("tick")};
            filter.setFilter(f);
        });
        timeFilter("no filter", [&] { filter.setFilter({}); });
        filter.setSearchText(QStringLiteral("\"value\":1"));
        qint64 live = 0;
        const int rowsBefore = filter.rowCount();
        int liveFlushes = 0;
        const auto t0 = Clock::now();
        for (const QList<sse::Event> &events : std::as_const(batches)) {
            log.appendEvents(events);
            live += events.size();
            if (log.pendingCount() >= flushEvery) {
                log.flush();
                ++liveFlushes;
            }
        }
        log.flush();
        ++liveFlushes;
        const double liveSeconds = seconds(Clock::now() - t0);
        std::printf("  live at capacity, substring filter: %lld events in %d flushes, %.2f ms "
                    "per flush (%.2f M events/s); filtered rows %d -> %d\n",
                    static_cast<long long>(live), liveFlushes, liveSeconds * 1e3 / liveFlushes,
                    double(live) / liveSeconds / 1e6, rowsBefore, filter.rowCount());
    }

    std::printf("\n(page-touch checksum %llu)\n", static_cast<unsigned long long>(checksum));
    if (!countOk || listCount != expectedEvents) {
        std::fprintf(stderr, "bench_eventlog: event count mismatch: parsed %lld, expected %lld\n",
                     static_cast<long long>(parsed), static_cast<long long>(expectedEvents));
        return 1;
    }
    return 0;
}
