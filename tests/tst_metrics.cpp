// ssecat --metrics (issue 17): the exposition of real sessions (checked by promtool), the
// bounded HTTP endpoint, the option and the real ssecat process as an agent.

#include "metricsexporter.h"
#include "metricsserver.h"
#include "diagnostics.h"
#include "options.h"
#include "scenarioserver.h"
#include "session.h"

#include "metricsclient.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

#include <signal.h>

using namespace ssecat;
using metricstest::samples;

namespace {

constexpr int Timeout = 20000;

/** The value of the one sample of \a name for stream \a stream with \a extra among its
 *  labels (e.g. `reason="network"`); NaN when there is none or more than one. */
double value(const QHash<QByteArray, double> &all, const QByteArray &name, int stream,
             const QByteArray &extra = {})
{
    const QByteArray prefix = name + "{stream=\"" + QByteArray::number(stream) + "\",";
    double found = qQNaN();
    int matches = 0;
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        if (it.key().startsWith(prefix) && (extra.isEmpty() || it.key().contains(extra))) {
            found = it.value();
            ++matches;
        }
    }
    return matches == 1 ? found : qQNaN();
}

/** promtool's verdict on a text exposition: empty when it is valid and lint-clean. */
QString promtoolProblems(const QByteArray &exposition)
{
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (promtool.isEmpty())
        return QStringLiteral("promtool is not installed: run .ci/deps (Debian package prometheus)");
    QProcess process;
    process.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
    process.write(exposition);
    process.closeWriteChannel();
    if (!process.waitForFinished(Timeout))
        return QStringLiteral("promtool did not finish");
    const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0
        || !output.trimmed().isEmpty())
        return QStringLiteral("promtool check metrics (exit %1): %2")
            .arg(process.exitCode())
            .arg(QString::fromUtf8(output));
    return {};
}

sse::StreamConfig config(const QUrl &url, int maxRetries = -1)
{
    sse::StreamConfig c;
    c.request.url = url;
    c.policy.initialDelayMs = 20;
    c.policy.maxDelayMs = 100;
    c.policy.jitter = false;
    c.policy.maxRetries = maxRetries;
    return c;
}

QByteArray statusLine(const QByteArray &response)
{
    return response.left(response.indexOf("\r\n"));
}

QByteArray header(const QByteArray &response, const QByteArray &name)
{
    const QByteArray head = response.left(response.indexOf("\r\n\r\n"));
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void option_data();
    void option();
    void negotiate_data();
    void negotiate();
    void urlLabel_data();
    void urlLabel();
    void exposition();
    void labelEscaping();
    void endpoint_data();
    void endpoint();
    void slowClientDoesNotBlockScrapes();
    void connectionCap();
    void readerThatNeverReads();
    void ssecatAgent();
    void portInUse();
};

void TestMetrics::option_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("printEvents");

    const QString url = QStringLiteral("http://127.0.0.1:1/s");
    QTest::newRow("port only: loopback")
        << QStringList{QStringLiteral("--metrics"), QStringLiteral("9464"), url} << true
        << QStringLiteral("127.0.0.1") << 9464 << false;
    QTest::newRow("empty address: loopback")
        << QStringList{QStringLiteral("--metrics"), QStringLiteral(":0"), url} << true
        << QStringLiteral("127.0.0.1") << 0 << false;
    QTest::newRow("localhost")
        << QStringList{QStringLiteral("--metrics=localhost:9464"), url} << true
        << QStringLiteral("127.0.0.1") << 9464 << false;
    QTest::newRow("every IPv4 address")
        << QStringList{QStringLiteral("--metrics"), QStringLiteral("0.0.0.0:9464"), url} << true
        << QStringLiteral("0.0.0.0") << 9464 << false;
    QTest::newRow("IPv6 in brackets")
        << QStringList{QStringLiteral("--metrics"), QStringLiteral("[::1]:9464"), url} << true
        << QStringLiteral("::1") << 9464 << false;
    QTest::newRow("--format prints events too")
        << QStringList{QStringLiteral("--metrics"), QStringLiteral("9464"),
                       QStringLiteral("--format"), QStringLiteral("jsonl"), url}
        << true << QStringLiteral("127.0.0.1") << 9464 << true;
    QTest::newRow("host name") << QStringList{QStringLiteral("--metrics"),
                                              QStringLiteral("example.org:9464"), url}
                               << false << QString() << 0 << false;
    QTest::newRow("port out of range")
        << QStringList{QStringLiteral("--metrics"), QStringLiteral("65536"), url} << false
        << QString() << 0 << false;
    QTest::newRow("IPv6 without brackets")
        << QStringList{QStringLiteral("--metrics"), QStringLiteral("::1:9464"), url} << false
        << QString() << 0 << false;
    QTest::newRow("no port") << QStringList{QStringLiteral("--metrics"),
                                            QStringLiteral("127.0.0.1:"), url}
                             << false << QString() << 0 << false;
    QTest::newRow("with --diagnose")
        << QStringList{QStringLiteral("--metrics"), QStringLiteral("9464"),
                       QStringLiteral("--diagnose"), url}
        << false << QString() << 0 << false;
    QTest::newRow("--states without --format")
        << QStringList{QStringLiteral("--metrics"), QStringLiteral("9464"),
                       QStringLiteral("--states"), url}
        << false << QString() << 0 << false;
}

void TestMetrics::option()
{
    QFETCH(QStringList, args);
    QFETCH(bool, ok);
    args.prepend(QStringLiteral("ssecat"));
    const ParseOutcome outcome = parseOptions(args);
    if (!ok) {
        QCOMPARE(outcome.action, ParseOutcome::Action::UsageError);
        QVERIFY(!outcome.text.isEmpty());
        return;
    }
    QCOMPARE(outcome.action, ParseOutcome::Action::Run);
    QVERIFY(outcome.options.metrics);
    QTEST(outcome.options.metricsAddress.toString(), "address");
    QTEST(int(outcome.options.metricsPort), "port");
    QTEST(outcome.options.printEvents, "printEvents");
}

void TestMetrics::negotiate_data()
{
    QTest::addColumn<QByteArray>("accept");
    QTest::addColumn<bool>("openMetrics");
    QTest::newRow("none") << QByteArray() << false;
    QTest::newRow("Prometheus 2.42")
        << QByteArray("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                      "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
        << true;
    QTest::newRow("text format") << QByteArray("text/plain;version=0.0.4") << false;
    QTest::newRow("OpenMetrics only") << QByteArray("application/openmetrics-text") << true;
    QTest::newRow("text preferred")
        << QByteArray("application/openmetrics-text; q=0.3, text/plain; q=0.5") << false;
    QTest::newRow("OpenMetrics refused") << QByteArray("application/openmetrics-text;q=0") << false;
    QTest::newRow("anything") << QByteArray("*/*") << false;
    QTest::newRow("upper case")
        << QByteArray("Application/OpenMetrics-Text; Version=1.0.0") << true;
}

void TestMetrics::negotiate()
{
    QFETCH(QByteArray, accept);
    QFETCH(bool, openMetrics);
    QCOMPARE(MetricsExporter::negotiate(accept) == ExpositionFormat::OpenMetrics, openMetrics);
}

void TestMetrics::urlLabel_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("label");
    QTest::newRow("plain") << QStringLiteral("http://h:8080/events?topic=a&n=2")
                           << QStringLiteral("http://h:8080/events?topic=a&n=2");
    QTest::newRow("token masked")
        << QStringLiteral("https://h/s?access_token=s3cr3t&topic=a")
        << QStringLiteral("https://h/s?access_token=********&topic=a");
    QTest::newRow("api key and signature masked")
        << QStringLiteral("https://h/s?apiKey=abc&sig=1&signature=xyz")
        << QStringLiteral("https://h/s?apiKey=********&sig=1&signature=********");
    QTest::newRow("password and fragment dropped")
        << QStringLiteral("https://user:pa55@h/s#frag") << QStringLiteral("https://user@h/s");
}

void TestMetrics::urlLabel()
{
    QFETCH(QString, url);
    QTEST(MetricsExporter::urlLabel(QUrl(url)), "label");
}

// Three real sessions against the scenario server, exported: every value is what happened,
// and promtool accepts the text format without a lint warning.
void TestMetrics::exposition()
{
    sse::ScenarioServer server;
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    // healthy: 5 events, then open and silent; flaky: cut after every 2 events, 6 in all, then
    // the end and 204; failing: 500 to every attempt, given up after 2 reconnects.
    sse::Session healthy(config(server.url(QStringLiteral("/stall?events=5"))));
    sse::Session flaky(config(server.url(QStringLiteral("/flaky?every=2&rate=100&count=6&retry=20"))));
    sse::Session failing(config(server.url(QStringLiteral("/status?code=500")), 2));
    MetricsExporter exporter;
    exporter.addStream(QStringLiteral("0"), &healthy);
    exporter.addStream(QStringLiteral("1"), &flaky);
    exporter.addStream(QStringLiteral("2"), &failing);

    auto before = samples(exporter.render(ExpositionFormat::Text));
    QCOMPARE(value(before, "sse_stream_state", 0, "state=\"idle\""), 1.0);
    QCOMPARE(value(before, "sse_stream_up", 0), 0.0);
    QCOMPARE(value(before, "sse_reconnects_total", 1, "reason=\"network\""), 0.0);
    QCOMPARE(value(before, "sse_errors_total", 2, "kind=\"server-reported\""), 0.0);

    healthy.connectStream();
    flaky.connectStream();
    failing.connectStream();
    QTRY_COMPARE_WITH_TIMEOUT(healthy.statistics().events, 5, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(flaky.status(), sse::Session::Status::Stopped, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(failing.status(), sse::Session::Status::Failed, Timeout);

    const QByteArray text = exporter.render(ExpositionFormat::Text);
    const auto s = samples(text);
    QCOMPARE(value(s, "sse_stream_up", 0), 1.0);
    QCOMPARE(value(s, "sse_stream_state", 0, "state=\"open\""), 1.0);
    QCOMPARE(value(s, "sse_stream_state", 0, "state=\"idle\""), 0.0);
    QCOMPARE(value(s, "sse_events_total", 0), 5.0);
    QCOMPARE(value(s, "sse_bytes_total", 0), double(healthy.statistics().bodyBytes));
    QVERIFY(value(s, "sse_bytes_total", 0) > 0);
    QVERIFY(value(s, "sse_connected_seconds_total", 0) > 0);
    QCOMPARE(value(s, "sse_last_event_timestamp_seconds", 0),
             double(healthy.statistics().lastEventAtMs / 1000.0));

    QCOMPARE(value(s, "sse_stream_up", 1), 0.0);
    QCOMPARE(value(s, "sse_stream_state", 1, "state=\"stopped\""), 1.0);
    QCOMPARE(value(s, "sse_events_total", 1), 6.0);
    // Two cuts (errors) and the clean end: three reconnects, all network.
    QCOMPARE(value(s, "sse_reconnects_total", 1, "reason=\"network\""), 3.0);
    QCOMPARE(value(s, "sse_errors_total", 1, "kind=\"network\""), 2.0);
    QCOMPARE(value(s, "sse_reconnects_total", 1, "reason=\"http-status\""), 0.0);

    QCOMPARE(value(s, "sse_stream_state", 2, "state=\"failed\""), 1.0);
    QCOMPARE(value(s, "sse_reconnects_total", 2, "reason=\"http-status\""), 2.0);
    QCOMPARE(value(s, "sse_errors_total", 2, "kind=\"http-status\""), 3.0);
    QCOMPARE(value(s, "sse_errors_total", 2, "kind=\"retries-exhausted\""), 1.0);
    QCOMPARE(value(s, "sse_retry_delay_seconds", 2), 0.0);
    // The findings are the diagnostics' own (an http-status error at least).
    const QList<sse::Finding> findings = failing.diagnostics()->findings();
    const auto errorFindings = std::count_if(findings.cbegin(), findings.cend(), [](const auto &f) {
        return f.severity == sse::Finding::Severity::Error;
    });
    QVERIFY(errorFindings >= 1);
    QCOMPARE(value(s, "sse_findings", 2, "severity=\"error\""), double(errorFindings));
    QCOMPARE(value(s, "sse_events_total", 2), 0.0);
    QCOMPARE(s.value("sse_build_info{version=\"" SSE_VERSION "\",qt_version=\""
                     + QByteArray(qVersion()) + "\"}"),
             1.0);

    // The url label is the stream's URL; nothing of the events (their data or ids) is a label.
    QVERIFY(text.contains("url=\"" + server.url(QStringLiteral("/stall?events=5")).toString().toUtf8()
                          + '"'));
    QVERIFY(!text.contains("seq"));
    const QString problems = promtoolProblems(text);
    QVERIFY2(problems.isEmpty(), qPrintable(problems + QLatin1Char('\n') + QString::fromUtf8(text)));

    // OpenMetrics: counters are named without _total in the metadata, units declared, # EOF.
    const QByteArray open = exporter.render(ExpositionFormat::OpenMetrics);
    QVERIFY(open.endsWith("\n# EOF\n"));
    QVERIFY(open.contains("# TYPE sse_events counter\n"));
    QVERIFY(open.contains("# TYPE sse_build info\n"));
    QVERIFY(open.contains("# UNIT sse_connected_seconds seconds\n"));
    QVERIFY(!open.contains("# TYPE sse_events_total"));
    QList<QByteArray> openKeys = samples(open).keys();
    QList<QByteArray> textKeys = s.keys();
    std::sort(openKeys.begin(), openKeys.end());
    std::sort(textKeys.begin(), textKeys.end());
    QCOMPARE(openKeys, textKeys);
    QCOMPARE(value(samples(open), "sse_events_total", 1), 6.0);

    // A reconnect in progress shows its delay.
    sse::Session retrying(config(server.url(QStringLiteral("/status?code=503&retry_after=2"))));
    exporter.addStream(QStringLiteral("3"), &retrying);
    retrying.connectStream();
    QTRY_VERIFY_WITH_TIMEOUT(retrying.isReconnectPending(), Timeout);
    const auto pending = samples(exporter.render(ExpositionFormat::Text));
    QVERIFY2(value(pending, "sse_retry_delay_seconds", 3) >= 2.0,
             qPrintable(QString::number(value(pending, "sse_retry_delay_seconds", 3))));
    QCOMPARE(value(pending, "sse_stream_state", 3, "state=\"connecting\""), 0.0);
    QCOMPARE(value(pending, "sse_stream_state", 3, "state=\"reconnecting\"")
                 + value(pending, "sse_stream_state", 3, "state=\"connecting\""),
             1.0);
}

void TestMetrics::labelEscaping()
{
    sse::Session session(config(QUrl(QStringLiteral("http://127.0.0.1:1/a\"b"))));
    MetricsExporter exporter;
    exporter.addStream(QStringLiteral("say \"hi\"\\\nbye"), &session);
    const QByteArray text = exporter.render(ExpositionFormat::Text);
    QVERIFY2(text.contains("sse_stream_up{stream=\"say \\\"hi\\\"\\\\\\nbye\",url=\"http://127.0.0.1:1/a"),
             text.constData());
    const QString problems = promtoolProblems(text);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestMetrics::endpoint_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("bodyStart");
    QTest::addColumn<QByteArray>("bodyEnd");

    const QByteArray textType = "text/plain; version=0.0.4; charset=utf-8";
    const QByteArray openType = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    QTest::newRow("GET /metrics")
        << QByteArray("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("HTTP/1.1 200 OK")
        << textType << QByteArray("# HELP sse_stream_up ") << QByteArray("} 1\n");
    QTest::newRow("OpenMetrics by Accept")
        << QByteArray("GET /metrics HTTP/1.1\r\nAccept: application/openmetrics-text;"
                      "version=1.0.0,text/plain;version=0.0.4;q=0.5\r\n\r\n")
        << QByteArray("HTTP/1.1 200 OK") << openType << QByteArray("# HELP sse_stream_up ")
        << QByteArray("# EOF\n");
    QTest::newRow("HTTP/1.0, bare LF, query")
        << QByteArray("GET /metrics?x=1 HTTP/1.0\n\n") << QByteArray("HTTP/1.1 200 OK")
        << textType << QByteArray("# HELP") << QByteArray("\n");
    QTest::newRow("HEAD") << QByteArray("HEAD /metrics HTTP/1.1\r\n\r\n")
                          << QByteArray("HTTP/1.1 200 OK") << textType << QByteArray()
                          << QByteArray();
    QTest::newRow("another path")
        << QByteArray("GET / HTTP/1.1\r\n\r\n") << QByteArray("HTTP/1.1 404 Not Found")
        << QByteArray("text/plain; charset=utf-8") << QByteArray("Not found") << QByteArray();
    QTest::newRow("prefix of the path")
        << QByteArray("GET /metricsx HTTP/1.1\r\n\r\n") << QByteArray("HTTP/1.1 404 Not Found")
        << QByteArray("text/plain; charset=utf-8") << QByteArray("Not found") << QByteArray();
    QTest::newRow("POST")
        << QByteArray("POST /metrics HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
        << QByteArray("HTTP/1.1 405 Method Not Allowed") << QByteArray("text/plain; charset=utf-8")
        << QByteArray("Only GET") << QByteArray();
    QTest::newRow("not HTTP") << QByteArray("hello there\r\n\r\n")
                              << QByteArray("HTTP/1.1 400 Bad Request")
                              << QByteArray("text/plain; charset=utf-8") << QByteArray("Malformed")
                              << QByteArray();
    QTest::newRow("head too large")
        << QByteArray("GET /metrics HTTP/1.1\r\nX-Pad: " + QByteArray(MetricsServer::MaxHeadBytes, 'a')
                      + "\r\n\r\n")
        << QByteArray("HTTP/1.1 431 Request Header Fields Too Large")
        << QByteArray("text/plain; charset=utf-8") << QByteArray("The request head is too large")
        << QByteArray();
}

void TestMetrics::endpoint()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, bodyStart);
    QFETCH(QByteArray, bodyEnd);

    sse::Session session(config(QUrl(QStringLiteral("http://127.0.0.1:1/s"))));
    MetricsExporter exporter;
    exporter.addStream(QStringLiteral("0"), &session);
    MetricsServer server(&exporter);
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    QCOMPARE(server.url().host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(server.url().path(), QStringLiteral("/metrics"));

    const QByteArray response = metricstest::exchange(quint16(server.url().port()), request);
    QCOMPARE(statusLine(response), status);
    QCOMPARE(header(response, "Content-Type"), contentType);
    QCOMPARE(header(response, "Connection"), QByteArray("close"));
    const QByteArray body = metricstest::body(response);
    if (request.startsWith("HEAD")) {
        QVERIFY(body.isEmpty());
        QVERIFY(header(response, "Content-Length").toInt() > 0);
    } else {
        QCOMPARE(header(response, "Content-Length").toInt(), body.size());
    }
    QVERIFY2(body.startsWith(bodyStart), body.constData());
    QVERIFY2(body.endsWith(bodyEnd), body.constData());
    if (status.contains("405"))
        QCOMPARE(header(response, "Allow"), QByteArray("GET, HEAD"));
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, Timeout);
}

// A client that sends half a request and waits does not hold up a scrape, and is cut off
// at the connection timeout.
void TestMetrics::slowClientDoesNotBlockScrapes()
{
    sse::Session session(config(QUrl(QStringLiteral("http://127.0.0.1:1/s"))));
    MetricsExporter exporter;
    exporter.addStream(QStringLiteral("0"), &session);
    MetricsServer server(&exporter);
    server.setConnectionTimeout(3000);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = quint16(server.url().port());

    QTcpSocket slow;
    slow.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(slow.waitForConnected(Timeout));
    slow.write("GET /metr");
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 1, Timeout);

    const QByteArray response = metricstest::get(port);
    QCOMPARE(statusLine(response), QByteArray("HTTP/1.1 200 OK"));
    QCOMPARE(slow.state(), QAbstractSocket::ConnectedState);

    QTRY_COMPARE_WITH_TIMEOUT(slow.state(), QAbstractSocket::UnconnectedState, Timeout);
    QVERIFY(slow.readAll().isEmpty()); // cut off, not answered
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, Timeout);
}

// More clients than MaxConnections at once: the extra ones get 503 at once, and once the idle
// ones have been cut off, scrapes get through again.
void TestMetrics::connectionCap()
{
    sse::Session session(config(QUrl(QStringLiteral("http://127.0.0.1:1/s"))));
    MetricsExporter exporter;
    exporter.addStream(QStringLiteral("0"), &session);
    MetricsServer server(&exporter);
    server.setConnectionTimeout(1000);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = quint16(server.url().port());

    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < MetricsServer::MaxConnections; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(idle.back()->waitForConnected(Timeout));
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), MetricsServer::MaxConnections, Timeout);

    const QByteArray refused = metricstest::get(port);
    QCOMPARE(statusLine(refused), QByteArray("HTTP/1.1 503 Service Unavailable"));
    QCOMPARE(server.connectionCount(), MetricsServer::MaxConnections);

    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, Timeout);
    QCOMPARE(statusLine(metricstest::get(port)), QByteArray("HTTP/1.1 200 OK"));
}

// A client that asks and then never reads cannot keep the answer queued: once the kernel's
// buffers are full the rest waits in the server, until the connection timeout frees it.
void TestMetrics::readerThatNeverReads()
{
    // Enough streams for an exposition twice as large as the kernel lets a socket queue.
    QFile wmem(QStringLiteral("/proc/sys/net/ipv4/tcp_wmem"));
    QVERIFY(wmem.open(QIODevice::ReadOnly));
    const qint64 sendBufferMax = wmem.readAll().simplified().split(' ').value(2).toLongLong();
    QVERIFY(sendBufferMax > 0);
    std::vector<std::unique_ptr<sse::Session>> sessions;
    MetricsExporter exporter;
    while (exporter.render(ExpositionFormat::Text).size() < 2 * sendBufferMax) {
        for (int i = 0; i < 500; ++i) {
            sessions.push_back(std::make_unique<sse::Session>(config(
                QUrl(QStringLiteral("http://127.0.0.1:1/stream/%1").arg(sessions.size())))));
            exporter.addStream(QString::number(sessions.size()), sessions.back().get());
        }
    }

    MetricsServer server(&exporter);
    server.setConnectionTimeout(2000);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket stubborn;
    stubborn.setReadBufferSize(1024); // Qt stops taking bytes off the kernel after 1 KiB
    QVERIFY(stubborn.bind(QHostAddress::LocalHost, 0));
    stubborn.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    stubborn.connectToHost(QHostAddress::LocalHost, quint16(server.url().port()));
    QVERIFY(stubborn.waitForConnected(Timeout));
    stubborn.write("GET /metrics HTTP/1.1\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 1, Timeout);
    QTest::qWait(500);
    QCOMPARE(server.connectionCount(), 1); // still sending: the client does not read
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, Timeout);
}

// The real program: loopback, port 0 named on standard error, no events on standard output,
// a failed stream keeps it running (in the metrics), SIGTERM ends it with 0.
void TestMetrics::ssecatAgent()
{
    const QString ssecat = metricstest::buildProgram(QStringLiteral("app/ssecat/ssecat"));
    QVERIFY2(QFileInfo(ssecat).isExecutable(), qPrintable(ssecat));
    sse::ScenarioServer streams;
    QVERIFY(streams.listen());

    QProcess process;
    QByteArray err;
    connect(&process, &QProcess::readyReadStandardError, this,
            [&] { err += process.readAllStandardError(); });
    process.start(ssecat, {QStringLiteral("--metrics"), QStringLiteral("0"),
                           streams.url(QStringLiteral("/stall?events=3")).toString(),
                           streams.url(QStringLiteral("/status?code=404")).toString()});
    QVERIFY(process.waitForStarted(Timeout));
    const QRegularExpression announced(QStringLiteral("metrics at (http://127\\.0\\.0\\.1:(\\d+)/metrics)"));
    QTRY_VERIFY_WITH_TIMEOUT(announced.match(QString::fromUtf8(err)).hasMatch(), Timeout);
    const quint16 port = quint16(announced.match(QString::fromUtf8(err)).captured(2).toUInt());

    QHash<QByteArray, double> s;
    QTRY_VERIFY_WITH_TIMEOUT(
        (s = samples(metricstest::body(metricstest::get(port))),
         value(s, "sse_events_total", 0) == 3.0
             && value(s, "sse_stream_state", 1, "state=\"failed\"") == 1.0),
        Timeout);
    QCOMPARE(value(s, "sse_stream_up", 0), 1.0);
    QCOMPARE(value(s, "sse_errors_total", 1, "kind=\"http-status\""), 1.0);
    QVERIFY(err.contains("failed: The server answered 404"));
    QCOMPARE(process.state(), QProcess::Running); // a failed stream does not end the agent

    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(Timeout));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput(), QByteArray()); // no events without --format
}

// A port that is taken: a clear error and exit status 1, before any stream is watched.
void TestMetrics::portInUse()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    QProcess process;
    process.start(metricstest::buildProgram(QStringLiteral("app/ssecat/ssecat")),
                  {QStringLiteral("--metrics"), QString::number(taken.serverPort()),
                   QStringLiteral("http://127.0.0.1:1/never")});
    QVERIFY(process.waitForFinished(Timeout));
    QCOMPARE(process.exitCode(), 1);
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(err.startsWith("ssecat: cannot serve metrics on 127.0.0.1 port "), err.constData());
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

QTEST_MAIN(TestMetrics)
#include "tst_metrics.moc"
