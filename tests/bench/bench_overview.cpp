// bench_overview: the real sse-monitor main window with 100 streams, each receiving 100 events/s
// from the built-in scenario server (in its own thread), measuring what issue 14 asks of the
// "All streams" overview:
//
//   QT_QPA_PLATFORM=offscreen bench_overview [--seconds N] [--warmup N] [--streams N] [--rate N]
//
//  1. baseline - the 100 streams with the overview hidden (one stream tab visible): the UI
//                thread's latency without the page, measured in the same run;
//  2. overview - the same window and connections with the overview shown, refreshing once a
//                second. Target: UI latency p99 < 50 ms.
//  UI latency: the lateness of a 10 ms PreciseTimer on the UI thread (as bench_gui measures it).
//  Rows per refresh: the overview model's dataChanged signals grouped by refresh (everything
//  one refresh emits is emitted before the event loop runs again), beside the rows whose shown
//  values really changed (every cell's DisplayRole and sparkline compared with the previous
//  refresh). Target: only changed rows are signalled, and no changed row is missed.
//  Refresh cost: the time spent in the page's refresh timer's timeout.
//
// Exit status: 0 when every stream delivered (a missed target is reported, not fatal); 1 when a
// stream did not open or reconnected; 2 on a usage error.

#include "mainwindow.h"
#include "overviewmodel.h"
#include "overviewpage.h"
#include "scenarioserver.h"
#include "session.h"
#include "settingsstore.h"
#include "streamview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHeaderView>
#include <QPaintEvent>
#include <QSet>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <time.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <numeric>
#include <vector>

namespace {

constexpr int ProbeIntervalMs = 10;
constexpr double TargetP99Ms = 50;

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
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

struct Percentiles
{
    double p50 = 0, p99 = 0, max = 0;
    qsizetype samples = 0;
};

Percentiles percentiles(std::vector<double> v)
{
    Percentiles p;
    p.samples = qsizetype(v.size());
    if (v.empty())
        return p;
    std::sort(v.begin(), v.end());
    const auto at = [&v](double q) { return v[size_t(std::llround(q * double(v.size() - 1)))]; };
    p.p50 = at(0.50);
    p.p99 = at(0.99);
    p.max = v.back();
    return p;
}

/** The UI thread's event-loop latency: a 10 ms precise timer whose lateness is recorded. */
class LatencyProbe final : public QObject
{
public:
    LatencyProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(ProbeIntervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_recording && m_last > 0)
                m_samples.push_back(std::max(0.0, double(now - m_last) / 1e6 - ProbeIntervalMs));
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    void begin()
    {
        m_samples.clear();
        m_recording = true;
    }
    Percentiles end()
    {
        m_recording = false;
        return percentiles(m_samples);
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    bool m_recording = false;
    std::vector<double> m_samples;
};

/** Times the overview's refresh: timer events delivered to a QTimer owned by OverviewPage. */
class BenchApplication final : public QApplication
{
public:
    using QApplication::QApplication;
    std::vector<double> refreshMs;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (event->type() != QEvent::Timer || QThread::currentThread() != thread()
            || !qobject_cast<QTimer *>(receiver) || !qobject_cast<OverviewPage *>(receiver->parent()))
            return QApplication::notify(receiver, event);
        QElapsedTimer clock;
        clock.start();
        const bool result = QApplication::notify(receiver, event);
        refreshMs.push_back(double(clock.nsecsElapsed()) / 1e6);
        return result;
    }
};

void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        runFor(20);
    return done();
}

/** The scenario server in its own thread: a real server is another process. */
class ServerThread final : public QThread
{
public:
    ~ServerThread() override
    {
        quit();
        wait();
    }
    QUrl startServer()
    {
        start();
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return m_started; });
        return m_base;
    }

protected:
    void run() override
    {
        sse::ScenarioServer server;
        {
            std::lock_guard lock(m_mutex);
            if (server.listen())
                m_base = server.url();
            m_started = true;
        }
        m_ready.notify_all();
        exec();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    bool m_started = false;
    QUrl m_base;
};

/** Counts the overview table's paints and, for each, the rows its region covers. */
class PaintCounter final : public QObject
{
public:
    explicit PaintCounter(QTableView *table)
        : QObject(table)
        , m_table(table)
    {
        table->viewport()->installEventFilter(this);
    }
    qint64 count = 0;
    qint64 rowsPainted = 0;  // summed over paints
    qint64 rowsVisible = 0;  // summed over paints

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            ++count;
            const QRegion region = static_cast<QPaintEvent *>(event)->region();
            const int width = m_table->viewport()->width();
            for (int r = 0; r < m_table->model()->rowCount(); ++r) {
                const QRect row(0, m_table->rowViewportPosition(r), width, m_table->rowHeight(r));
                if (!row.intersects(m_table->viewport()->rect()))
                    continue;
                ++rowsVisible;
                rowsPainted += region.intersects(row);
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QTableView *m_table;
};

/** Groups the model's dataChanged by refresh and checks them against what really changed. */
class RowAudit final : public QObject
{
public:
    explicit RowAudit(OverviewModel *model)
        : m_model(model)
    {
        m_previous = snapshot();
        QObject::connect(model, &QAbstractItemModel::dataChanged, this,
                         [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            if (!m_open) {
                m_open = true;
                QMetaObject::invokeMethod(this, [this] { close(); }, Qt::QueuedConnection);
            }
            for (int r = topLeft.row(); r <= bottomRight.row(); ++r)
                m_rows.insert(r);
            m_cells += (bottomRight.row() - topLeft.row() + 1) * (bottomRight.column() - topLeft.column() + 1);
            if (m_recording)
                for (int c = topLeft.column(); c <= bottomRight.column(); ++c)
                    cellsByColumn[c] += bottomRight.row() - topLeft.row() + 1;
        });
    }
    void begin()
    {
        refreshes = 0;
        signalledRows.clear();
        signalledCells.clear();
        changedRows.clear();
        signalledUnchanged = 0;
        changedUnsignalled = 0;
        cellsByColumn.fill(0);
        m_recording = true;
    }
    void end() { m_recording = false; }

    int refreshes = 0;
    std::vector<double> signalledRows, signalledCells, changedRows;
    qint64 signalledUnchanged = 0; // rows signalled whose shown values were the same
    qint64 changedUnsignalled = 0; // rows whose shown values changed without a signal
    std::array<qint64, OverviewModel::ColumnCount> cellsByColumn{};

private:
    QList<QVariantList> snapshot() const
    {
        QList<QVariantList> rows;
        for (int r = 0; r < m_model->rowCount(); ++r) {
            QVariantList cells;
            for (int c = 0; c < OverviewModel::ColumnCount; ++c)
                cells.append(m_model->index(r, c).data());
            cells.append(m_model->index(r, OverviewModel::Rate).data(OverviewModel::SparklineRole));
            rows.append(cells);
        }
        return rows;
    }
    void close()
    {
        const QList<QVariantList> now = snapshot();
        if (m_recording && now.size() == m_previous.size()) {
            ++refreshes;
            int changed = 0;
            for (int r = 0; r < now.size(); ++r) {
                const bool differs = now.at(r) != m_previous.at(r);
                changed += differs;
                if (differs && !m_rows.contains(r))
                    ++changedUnsignalled;
                if (!differs && m_rows.contains(r))
                    ++signalledUnchanged;
            }
            signalledRows.push_back(double(m_rows.size()));
            signalledCells.push_back(double(m_cells));
            changedRows.push_back(changed);
        }
        m_previous = now;
        m_rows.clear();
        m_cells = 0;
        m_open = false;
    }

    OverviewModel *m_model;
    QList<QVariantList> m_previous;
    QSet<int> m_rows;
    qint64 m_cells = 0;
    bool m_open = false;
    bool m_recording = false;
};

double average(const std::vector<double> &v)
{
    return v.empty() ? 0 : std::accumulate(v.cbegin(), v.cend(), 0.0) / double(v.size());
}

double maximum(const std::vector<double> &v)
{
    return v.empty() ? 0 : *std::max_element(v.cbegin(), v.cend());
}

struct Phase
{
    Percentiles latency;
    double absorbed = 0;
    double uiCpu = 0;
    double paints = 0; // overview table paints per second
    double rowsPerPaint = 0;
    double visiblePerPaint = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    BenchApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral(
            "100 streams at 100 events/s each in the sse-monitor window, the All streams overview "
            "hidden, then shown: UI latency and the rows each refresh signals."));
    cli.addHelpOption();
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("Measuring window of each phase (default 10)."),
                                           QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption streamsOption(QStringLiteral("streams"), QStringLiteral("Streams (default 100)."),
                                           QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption rateOption(QStringLiteral("rate"), QStringLiteral("Events/s per stream (default 100)."),
                                        QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption warmupOption(
            QStringLiteral("warmup"),
            QStringLiteral("Seconds between the streams' first events and the first phase (default 5). "
                           "Young streams' uptime percentages still move every second."),
            QStringLiteral("s"), QStringLiteral("5"));
    cli.addOption(secondsOption);
    cli.addOption(warmupOption);
    cli.addOption(streamsOption);
    cli.addOption(rateOption);
    cli.process(app);
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
    const int warmup = cli.value(warmupOption).toInt(&ok4);
    const int seconds = cli.value(secondsOption).toInt(&ok1);
    const int streams = cli.value(streamsOption).toInt(&ok2);
    const int rate = cli.value(rateOption).toInt(&ok3);
    if (!ok1 || !ok2 || !ok3 || !ok4 || warmup < 0 || warmup > 3600 || seconds < 1 || seconds > 600 || streams < 1 || streams > 1000 || rate < 1
        || rate > 10000) {
        std::fprintf(stderr, "usage: bench_overview [--seconds 1..600] [--warmup 0..3600] [--streams 1..1000] "
                             "[--rate 1..10000]\n");
        return 2;
    }

    ServerThread server;
    const QUrl base = server.startServer();
    if (!base.isValid()) {
        std::fprintf(stderr, "bench_overview: the scenario server could not listen on 127.0.0.1\n");
        return 1;
    }
    QTemporaryDir dir;
    std::printf("bench_overview: Qt %s, platform %s, %d s per phase after %d s of warm-up, %d cores, "
                "load average %s\n",
                qVersion(), qPrintable(QGuiApplication::platformName()), seconds, warmup,
                QThread::idealThreadCount(), loadAverage().constData());
    std::printf("UI latency: lateness of a %d ms precise timer on the UI thread. UI: UI thread CPU "
                "as %% of one core. fps: paints of the overview table.\n\n", ProbeIntervalMs);

    MainWindow window(dir.filePath(QStringLiteral("settings.ini")));
    window.resize(1400, 900);
    window.show();
    QList<sse::Session *> sessions;
    for (int i = 0; i < streams; ++i) {
        sse::StoredStream s;
        s.id = sse::StoredStream::newId();
        s.config.name = QStringLiteral("bench %1").arg(i + 1);
        s.config.request.url = base.resolved(QUrl(QStringLiteral("/ticker?rate=%1&event=tick").arg(rate)));
        s.config.policy.initialDelayMs = 60000; // a reconnect would be a failure here
        s.config.policy.jitter = false;
        sessions.append(window.addStream(s, true)->session());
    }
    window.tabWidget()->setCurrentIndex(0);
    const auto total = [&sessions] {
        qint64 n = 0;
        for (const sse::Session *s : std::as_const(sessions))
            n += s->statistics().events;
        return n;
    };
    if (!runUntil([&] {
            return std::all_of(sessions.cbegin(), sessions.cend(),
                               [](const sse::Session *s) { return s->statistics().events > 0; });
        }, 60000)) {
        std::printf("BROKEN: not every stream delivered events within 60 s\n");
        return 1;
    }
    runFor(warmup * 1000);

    LatencyProbe probe;
    OverviewModel *model = window.overview()->model();
    RowAudit audit(model);
    PaintCounter paints(window.overview()->table());
    const auto measure = [&] {
        Phase p;
        const qint64 events0 = total();
        const double cpu0 = threadCpuSeconds();
        const qint64 paints0 = paints.count;
        const qint64 painted0 = paints.rowsPainted;
        const qint64 visible0 = paints.rowsVisible;
        QElapsedTimer wall;
        wall.start();
        probe.begin();
        runFor(seconds * 1000);
        p.latency = probe.end();
        const double elapsed = double(wall.nsecsElapsed()) / 1e9;
        p.absorbed = double(total() - events0) / elapsed;
        p.uiCpu = (threadCpuSeconds() - cpu0) / elapsed;
        p.paints = double(paints.count - paints0) / elapsed;
        if (paints.count > paints0) {
            p.rowsPerPaint = double(paints.rowsPainted - painted0) / double(paints.count - paints0);
            p.visiblePerPaint = double(paints.rowsVisible - visible0) / double(paints.count - paints0);
        }
        return p;
    };

    const Phase hidden = measure();
    window.showOverview();
    runFor(1500); // the page's first layout
    app.refreshMs.clear();
    audit.begin();
    const Phase shown = measure();
    audit.end();
    const Percentiles refresh = percentiles(app.refreshMs);

    bool broken = false;
    for (const sse::Session *s : std::as_const(sessions)) {
        const sse::Statistics st = s->statistics();
        if (st.connections != 1 || st.reconnects != 0 || !sse::Session::isUp(s->status())) {
            std::printf("BROKEN: %s: %d connections, %d reconnects, %s\n", qPrintable(s->config().name),
                        st.connections, st.reconnects, qPrintable(sse::Session::statusText(s->status())));
            broken = true;
            break;
        }
    }

    std::printf("%-40s %4s %9s %10s %7s %7s %7s %5s %6s  %-24s %s\n", "run", "tabs", "offered",
                "absorbed", "p50 ms", "p99 ms", "max ms", "UI", "fps", "target", "result");
    const auto line = [&](const char *name, const Phase &p, bool judged) {
        const bool met = p.latency.p99 < TargetP99Ms;
        std::printf("%-40s %4d %9d %10.0f %7.1f %7.1f %7.1f %4.0f%% %6.1f  %-24s %s\n", name, streams,
                    streams * rate, p.absorbed, p.latency.p50, p.latency.p99, p.latency.max, 100 * p.uiCpu,
                    p.paints, judged ? "p99 < 50 ms" : "(baseline, same run)",
                    broken ? "BROKEN" : !judged ? "-" : met ? "met" : "MISSED");
    };
    line("overview hidden (baseline)", hidden, false);
    line("overview shown", shown, true);
    const bool onlyChanged = audit.signalledUnchanged == 0 && audit.changedUnsignalled == 0 && audit.refreshes > 0;
    std::printf("    refreshes: %d in %d s, each %.2f ms p50, %.2f ms max (%lld timed)\n", audit.refreshes,
                seconds, refresh.p50, refresh.max, static_cast<long long>(refresh.samples));
    std::printf("    rows signalled per refresh: %.1f avg, %.0f max of %d (cells %.1f avg of %d); rows "
                "whose shown values changed: %.1f avg, %.0f max\n",
                average(audit.signalledRows), maximum(audit.signalledRows), streams,
                average(audit.signalledCells), streams * OverviewModel::ColumnCount,
                average(audit.changedRows), maximum(audit.changedRows));
    QStringList byColumn;
    for (int c = 0; c < OverviewModel::ColumnCount; ++c)
        if (audit.cellsByColumn[size_t(c)] > 0)
            byColumn.append(QStringLiteral("%1 %2").arg(model->headerData(c, Qt::Horizontal).toString())
                                .arg(double(audit.cellsByColumn[size_t(c)]) / std::max(1, audit.refreshes), 0, 'f', 1));
    std::printf("    changed cells per refresh by column: %s\n", qPrintable(byColumn.join(QStringLiteral(", "))));
    std::printf("    table paints: %.1f/s, each covering %.1f of the %.1f visible rows\n", shown.paints,
                shown.rowsPerPaint, shown.visiblePerPaint);
    std::printf("    %-92s %s\n",
                qPrintable(QStringLiteral("signalled but unchanged: %1 rows, changed but not signalled: %2 rows   "
                                          "target: only changed rows")
                               .arg(audit.signalledUnchanged).arg(audit.changedUnsignalled)),
                onlyChanged ? "met" : "MISSED");
    std::printf("\nload average at the end: %s\n", loadAverage().constData());
    std::fflush(stdout);
    for (sse::Session *s : std::as_const(sessions))
        s->disconnectStream();
    runFor(200);
    return broken ? 1 : 0;
}
