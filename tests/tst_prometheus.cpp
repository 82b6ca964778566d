// ssecat --metrics scraped by a real Prometheus server (issue 17): the Debian `prometheus`
// binary with its own temporary configuration and storage on loopback scrapes ssecat every
// second while ssecat watches three sse-testbed streams (healthy, flaky, failing). Prometheus'
// query API must then report what happened, as ssecat's own --states records tell it; the
// shipped alert rules, loaded by that server, must flag the streams that are down.

#include "metricsclient.h"
#include "testbedprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

#include <signal.h>

namespace {

constexpr int Timeout = 60000;

/** A port that was free a moment ago (Prometheus cannot be told to pick one and say which). */
quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

/** The prometheus program on 127.0.0.1 with a configuration and storage in a temporary
 *  directory; stopped (SIGTERM, then SIGKILL) with the object. */
class PrometheusServer
{
public:
    PrometheusServer() = default;
    ~PrometheusServer() { stop(); }
    Q_DISABLE_COPY_MOVE(PrometheusServer)

    /** Starts it with \a config as prometheus.yml and waits until it is ready. */
    bool start(const QByteArray &config, QString *error)
    {
        const QString program = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
        if (program.isEmpty()) {
            *error = QStringLiteral("prometheus is not installed: run .ci/deps (Debian package "
                                    "prometheus)");
            return false;
        }
        QFile file(m_dir.filePath(QStringLiteral("prometheus.yml")));
        if (!file.open(QIODevice::WriteOnly) || file.write(config) != config.size()) {
            *error = QStringLiteral("cannot write %1").arg(file.fileName());
            return false;
        }
        file.close();
        m_port = freePort();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        QObject::connect(m_process.get(), &QProcess::readyRead, m_process.get(),
                         [this] { m_log += m_process->readAll(); });
#ifdef Q_OS_LINUX
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
        m_process->start(program,
                         {QStringLiteral("--config.file=") + file.fileName(),
                          QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("data")),
                          QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_port),
                          QStringLiteral("--log.level=warn")});
        if (!m_process->waitForStarted(Timeout)) {
            *error = QStringLiteral("cannot start prometheus: ") + m_process->errorString();
            return false;
        }
        const bool ready = QTest::qWaitFor([this] {
            return m_process->state() == QProcess::NotRunning
                || metricstest::get(m_port, "/-/ready").startsWith("HTTP/1.1 200");
        }, Timeout);
        if (!ready || m_process->state() == QProcess::NotRunning) {
            *error = QStringLiteral("prometheus did not become ready:\n") + QString::fromUtf8(m_log);
            return false;
        }
        return true;
    }

    void stop()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        m_process->terminate();
        if (!m_process->waitForFinished(Timeout))
            m_process->kill();
        m_process->waitForFinished(Timeout);
    }

    /** GET \a path with \a query from the HTTP API; the JSON "data" member (null on failure). */
    QJsonValue api(const QString &path, const QUrlQuery &query = {})
    {
        QUrl url(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
        url.setQuery(query);
        QNetworkReply *reply = m_nam.get(QNetworkRequest(url));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(Timeout))
            reply->abort();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return answer.value(QStringLiteral("status")).toString() == QLatin1String("success")
            ? answer.value(QStringLiteral("data"))
            : QJsonValue();
    }

    /** The single value of the PromQL \a expression now; NaN when the result is not exactly
     *  one sample. */
    double query(const QString &expression)
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("query"), expression);
        const QJsonArray result =
            api(QStringLiteral("/api/v1/query"), query).toObject().value(QStringLiteral("result")).toArray();
        if (result.size() != 1)
            return qQNaN();
        return result.at(0).toObject().value(QStringLiteral("value")).toArray().at(1).toString().toDouble();
    }

    const QByteArray &log() const { return m_log; }

private:
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager m_nam;
    QByteArray m_log;
};

/** What ssecat's --states output says happened to one stream. */
struct Truth
{
    qint64 events = 0;
    QHash<QString, qint64> reconnects; ///< by error kind
    QHash<QString, qint64> errors;     ///< by error kind
    QString lastState;
};

QHash<int, Truth> readTruth(const QByteArray &output)
{
    QHash<int, Truth> truth;
    for (const QByteArray &line : output.split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.isEmpty())
            continue;
        Truth &t = truth[o.value(QStringLiteral("stream")).toInt()];
        const QString record = o.value(QStringLiteral("record")).toString();
        const QString kind =
            o.value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString();
        if (record.isEmpty())
            ++t.events;
        else if (record == QLatin1String("reconnect"))
            ++t.reconnects[kind];
        else if (record == QLatin1String("error"))
            ++t.errors[kind];
        else if (record == QLatin1String("state"))
            t.lastState = o.value(QStringLiteral("state")).toString();
    }
    return truth;
}

} // namespace

class TestPrometheus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scrapedByPrometheus();
};

void TestPrometheus::scrapedByPrometheus()
{
    const QString rules = QFINDTESTDATA("../installer/prometheus/ssecat-alerts.yml");
    QVERIFY2(!rules.isEmpty(), "installer/prometheus/ssecat-alerts.yml not found");

    Testbed testbed;
    QVERIFY2(testbed.start(), testbed.log().constData());

    // healthy: 25 events, then open with heartbeats; flaky: cut after every 3 events, 12 in
    // all, then the end and 204 (stopped); failing: 503 to every attempt, given up after 3
    // reconnects. --states records are the truth the metrics are compared with.
    const QStringList urls{
        testbed.url(QStringLiteral("/stall?events=25&heartbeat=200")).toString(),
        testbed.url(QStringLiteral("/flaky?every=3&rate=20&count=12")).toString(),
        testbed.url(QStringLiteral("/status?code=503&retry_after=0")).toString()};
    QProcess ssecat;
    QByteArray err;
    connect(&ssecat, &QProcess::readyReadStandardError, this,
            [&] { err += ssecat.readAllStandardError(); });
    ssecat.start(metricstest::buildProgram(QStringLiteral("app/ssecat/ssecat")),
                 QStringList{QStringLiteral("--metrics"), QStringLiteral("127.0.0.1:0"),
                             QStringLiteral("--format"), QStringLiteral("jsonl"),
                             QStringLiteral("--states"), QStringLiteral("--max-retries"),
                             QStringLiteral("3"), QStringLiteral("--retry-initial-ms"),
                             QStringLiteral("100"), QStringLiteral("--retry-max-ms"),
                             QStringLiteral("400")}
                     + urls);
    QVERIFY2(ssecat.waitForStarted(Timeout), qPrintable(ssecat.errorString()));
    const QRegularExpression announced(QStringLiteral("metrics at http://127\\.0\\.0\\.1:(\\d+)/metrics"));
    QTRY_VERIFY2_WITH_TIMEOUT(announced.match(QString::fromUtf8(err)).hasMatch(), err.constData(),
                              Timeout);
    const QString target =
        QStringLiteral("127.0.0.1:") + announced.match(QString::fromUtf8(err)).captured(1);

    PrometheusServer prometheus;
    const QByteArray config = "global:\n"
                              "  scrape_interval: 1s\n"
                              "  evaluation_interval: 1s\n"
                              "rule_files:\n"
                              "  - '" + rules.toUtf8() + "'\n"
                              "scrape_configs:\n"
                              "  - job_name: ssecat\n"
                              "    static_configs:\n"
                              "      - targets: ['" + target.toUtf8() + "']\n";
    QString error;
    QVERIFY2(prometheus.start(config, &error), qPrintable(error));

    // What must be seen once every stream has settled (and Prometheus has scraped that).
    const QList<QPair<QString, double>> expected{
        {QStringLiteral("up{job=\"ssecat\"}"), 1},
        {QStringLiteral("sse_stream_up{stream=\"0\"}"), 1},
        {QStringLiteral("sse_stream_state{stream=\"0\",state=\"open\"}"), 1},
        {QStringLiteral("sse_events_total{stream=\"0\"}"), 25},
        {QStringLiteral("sum(sse_reconnects_total{stream=\"0\"})"), 0},
        {QStringLiteral("sse_stream_up{stream=\"1\"}"), 0},
        {QStringLiteral("sse_stream_state{stream=\"1\",state=\"stopped\"}"), 1},
        {QStringLiteral("sse_events_total{stream=\"1\"}"), 12},
        {QStringLiteral("sse_reconnects_total{stream=\"1\",reason=\"network\"}"), 4},
        {QStringLiteral("sse_errors_total{stream=\"1\",kind=\"network\"}"), 3},
        {QStringLiteral("sse_stream_up{stream=\"2\"}"), 0},
        {QStringLiteral("sse_stream_state{stream=\"2\",state=\"failed\"}"), 1},
        {QStringLiteral("sse_reconnects_total{stream=\"2\",reason=\"http-status\"}"), 3},
        {QStringLiteral("sse_errors_total{stream=\"2\",kind=\"http-status\"}"), 4},
        {QStringLiteral("sse_errors_total{stream=\"2\",kind=\"retries-exhausted\"}"), 1},
        {QStringLiteral("sse_events_total{stream=\"2\"}"), 0},
        {QStringLiteral("count(sse_build_info)"), 1},
    };
    QStringList mismatches;
    const bool settled = QTest::qWaitFor([&] {
        mismatches.clear();
        for (const auto &[expression, value] : expected) {
            const double seen = prometheus.query(expression);
            if (seen != value)
                mismatches.append(QStringLiteral("%1 = %2, expected %3").arg(expression).arg(seen).arg(value));
        }
        return mismatches.isEmpty();
    }, Timeout);
    QVERIFY2(settled, qPrintable(mismatches.join(u'\n') + QStringLiteral("\nssecat:\n")
                                 + QString::fromUtf8(err) + QStringLiteral("\nprometheus:\n")
                                 + QString::fromUtf8(prometheus.log())));

    // The target is healthy: Prometheus parsed every scrape (it asks for OpenMetrics first).
    const QJsonArray targets = prometheus.api(QStringLiteral("/api/v1/targets"))
                                   .toObject()
                                   .value(QStringLiteral("activeTargets"))
                                   .toArray();
    QCOMPARE(targets.size(), 1);
    QCOMPARE(targets.at(0).toObject().value(QStringLiteral("health")).toString(), QStringLiteral("up"));
    QCOMPARE(targets.at(0).toObject().value(QStringLiteral("lastError")).toString(), QString());

    // The shipped rules were loaded and flag the two streams that are down (pending: for 1m).
    QStringList down;
    QTRY_VERIFY_WITH_TIMEOUT(
        ([&] {
            down.clear();
            const QJsonArray alerts = prometheus.api(QStringLiteral("/api/v1/alerts"))
                                          .toObject()
                                          .value(QStringLiteral("alerts"))
                                          .toArray();
            for (const QJsonValue &alert : alerts) {
                const QJsonObject labels = alert.toObject().value(QStringLiteral("labels")).toObject();
                if (labels.value(QStringLiteral("alertname")).toString() == QLatin1String("SSEStreamDown"))
                    down.append(labels.value(QStringLiteral("stream")).toString());
            }
            down.sort();
            return down == QStringList{QStringLiteral("1"), QStringLiteral("2")};
        }()),
        Timeout);

    // SIGTERM: a clean stop, whatever the streams did.
    ::kill(pid_t(ssecat.processId()), SIGTERM);
    QVERIFY(ssecat.waitForFinished(Timeout));
    QCOMPARE(ssecat.exitStatus(), QProcess::NormalExit);
    QCOMPARE(ssecat.exitCode(), 0);

    // The metrics say what ssecat's own records say.
    const QHash<int, Truth> truth = readTruth(ssecat.readAllStandardOutput());
    QCOMPARE(truth.value(0).events, 25);
    QCOMPARE(truth.value(0).lastState, QStringLiteral("open"));
    QCOMPARE(truth.value(1).events, 12);
    QCOMPARE(truth.value(1).reconnects, (QHash<QString, qint64>{{QStringLiteral("network"), 4}}));
    QCOMPARE(truth.value(1).errors, (QHash<QString, qint64>{{QStringLiteral("network"), 3}}));
    QCOMPARE(truth.value(2).events, 0);
    QCOMPARE(truth.value(2).reconnects, (QHash<QString, qint64>{{QStringLiteral("http-status"), 3}}));
    QCOMPARE(truth.value(2).errors, (QHash<QString, qint64>{{QStringLiteral("http-status"), 4},
                                                            {QStringLiteral("retries-exhausted"), 1}}));
}

QTEST_MAIN(TestPrometheus)
#include "tst_prometheus.moc"
