// sse::Diagnostics through the core API: every finding triggered by a scenario of the
// in-process scenario server on 127.0.0.1, with short thresholds; a healthy ticker yields none.

#include "diagnostics.h"
#include "eventsource.h"
#include "serverthread.h"
#include "session.h"

#include "tlsserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <numeric>

using namespace Qt::StringLiterals;
using sse::Diagnostics;
using sse::DiagnosticsThresholds;
using sse::Finding;

namespace {

constexpr int Timeout = 15000;

/** Thresholds for tests: short silences, a proxy idle time no test stream reaches by chance. */
DiagnosticsThresholds fastThresholds()
{
    DiagnosticsThresholds t;
    t.proxyIdleMs = 3000;
    t.burstMinEvents = 4;
    t.burstMinSilenceMs = 250;
    return t;
}

/** An EventSource on one URL with Diagnostics attached, connected at once. */
class Probe
{
public:
    explicit Probe(const QUrl &url, const QList<sse::Header> &headers = {},
                   const DiagnosticsThresholds &thresholds = fastThresholds())
    {
        sse::StreamRequest request;
        request.url = url;
        request.headers = headers;
        source.setRequest(request);
        sse::ReconnectPolicy policy;
        policy.initialDelayMs = 50;
        policy.maxDelayMs = 300;
        policy.jitter = false;
        source.setPolicy(policy);
        diagnostics.setThresholds(thresholds);
        diagnostics.setSource(&source);
    }

    void open() { source.open(); }

    QStringList ids(bool problemsOnly) const
    {
        QStringList list;
        for (const Finding &f : diagnostics.findings()) {
            if (!problemsOnly || f.severity != Finding::Severity::Info)
                list.append(f.id);
        }
        list.sort();
        return list;
    }
    /** Warnings and errors, sorted by id. */
    QStringList problems() const { return ids(true); }
    QStringList all() const { return ids(false); }
    bool has(const QString &id) const { return all().contains(id); }
    Finding finding(const QString &id) const
    {
        for (const Finding &f : diagnostics.findings()) {
            if (f.id == id)
                return f;
        }
        return {};
    }
    qint64 events() const { return diagnostics.timing().events; }

    sse::EventSource source;
    Diagnostics diagnostics; // declared after the source: destroyed first
};

sse::Header header(const char *name, const char *value)
{
    return sse::Header{QByteArray(name), QByteArray(value), false};
}

QStringList sortedList(QStringList list)
{
    list.sort();
    return list;
}

/** A TLS server with the self-signed certificate of tests/data (as in tst_eventsource) that
 *  answers with a healthy event stream and keeps the connection open. */

} // namespace

class TestDiagnostics final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void healthyTicker();
    void healthyTickerWithRetryHasNoFindings();
    void requestRecordedWithSecretsMasked();
    void responseAndTimingRecorded();
    void headerFindings_data();
    void headerFindings();
    void bufferingFindings_data();
    void bufferingFindings();
    void fastStreamIsNoBurst();
    void cors_data();
    void cors();
    void connectionLimit();
    void noHeartbeatWhileSilent();
    void commentHeartbeatDetected();
    void idFindings_data();
    void idFindings();
    void retryFindings_data();
    void retryFindings();
    void serverErrors();
    void tlsErrorsIgnored();
    void findingsUpdateLiveAndReset();
    void jsonExport();
    void textReport();
    void maskedValues_data();
    void maskedValues();
    void originOf_data();
    void originOf();
    void sessionOwnsDiagnostics();
    void noResponseIsReportedLive();
    void refusedConnectionIsAnError();

private:
    /** On its own thread: buffering and silences are judged from timing (serverthread.h). */
    std::unique_ptr<ScenarioServerThread> m_server;
};

void TestDiagnostics::init()
{
    m_server = std::make_unique<ScenarioServerThread>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void TestDiagnostics::cleanup()
{
    m_server.reset();
}

void TestDiagnostics::healthyTicker()
{
    Probe probe(m_server->url(u"/ticker?rate=10"_s));
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.events() >= 8, Timeout);
    QCOMPARE(probe.problems(), QStringList());
    QVERIFY(!probe.diagnostics.hasProblems());
    // Only the hint that the server leaves the reconnection time to the client.
    QCOMPARE(probe.all(), QStringList{u"retry-absent"_s});
    QCOMPARE(probe.finding(u"retry-absent"_s).severity, Finding::Severity::Info);

    const sse::StreamTiming t = probe.diagnostics.timing();
    QCOMPARE(t.connections, 1);
    QCOMPARE(t.bursts, 0);
    QCOMPARE(t.heartbeatSource, sse::StreamTiming::HeartbeatSource::Events);
    QVERIFY2(t.heartbeatIntervalMs >= 50 && t.heartbeatIntervalMs <= 250,
             QByteArray::number(t.heartbeatIntervalMs).constData());
    QCOMPARE(t.eventsWithId, t.events);
    QCOMPARE(t.idRegressions, 0);
}

void TestDiagnostics::healthyTickerWithRetryHasNoFindings()
{
    Probe probe(m_server->url(u"/ticker?rate=10&retry=3000"_s));
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.events() >= 5, Timeout);
    QCOMPARE(probe.all(), QStringList());
    QCOMPARE(probe.diagnostics.timing().serverRetryMs, 3000);
    QVERIFY(probe.diagnostics.toText().contains(u"No problems found."_s));
}

void TestDiagnostics::requestRecordedWithSecretsMasked()
{
    const QByteArray token = m_server->authToken();
    Probe probe(m_server->url(u"/auth?rate=20"_s),
                {sse::Header{"Authorization", "Bearer " + token, false},
                 header("Cookie", "session=s3cr3t; theme=dark"),
                 sse::Header{"X-Api-Key", "k3y", true}, header("X-Trace", "abc")});
    QSignalSpy exchange(&probe.diagnostics, &Diagnostics::exchangeChanged);
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.events() >= 1, Timeout); // the token was sent for real
    QVERIFY(exchange.size() >= 2);

    QVERIFY(probe.diagnostics.hasRequest());
    const sse::RequestInfo &request = probe.diagnostics.request();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.url, m_server->url(u"/auth?rate=20"_s));
    QHash<QByteArray, QByteArray> values;
    for (const sse::Header &h : request.headers)
        values.insert(h.name.toLower(), h.value);
    QCOMPARE(values.value("accept"), QByteArray("text/event-stream"));
    QCOMPARE(values.value("cache-control"), QByteArray("no-cache"));
    QCOMPARE(values.value("authorization"), QByteArray("Bearer ********"));
    QCOMPARE(values.value("cookie"), QByteArray("session=********; theme=********"));
    QCOMPARE(values.value("x-api-key"), QByteArray("********"));
    QCOMPARE(values.value("x-trace"), QByteArray("abc"));

    const QByteArray json = QJsonDocument(probe.diagnostics.toJson()).toJson();
    const QString text = probe.diagnostics.toText();
    for (const QByteArray &secret : {token, QByteArray("s3cr3t"), QByteArray("k3y")}) {
        QVERIFY2(!json.contains(secret), secret.constData());
        QVERIFY2(!text.contains(QString::fromLatin1(secret)), secret.constData());
    }
    // A browser's EventSource cannot send Authorization or custom headers.
    const Finding browser = probe.finding(u"browser-request"_s);
    QCOMPARE(browser.severity, Finding::Severity::Info);
    QVERIFY2(browser.explanation.contains(u"Authorization"_s), qPrintable(browser.explanation));
    QVERIFY2(browser.explanation.contains(u"X-Trace"_s), qPrintable(browser.explanation));
    QVERIFY2(!browser.explanation.contains(u"Cookie"_s), qPrintable(browser.explanation));
}

void TestDiagnostics::responseAndTimingRecorded()
{
    Probe probe(m_server->url(u"/redirect?to=/ticker%3Frate%3D20"_s));
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.events() >= 6, Timeout);

    QVERIFY(probe.diagnostics.hasResponse());
    const sse::ResponseInfo &response = probe.diagnostics.response();
    QCOMPARE(response.status, 200);
    QVERIFY(!response.http2);
    QCOMPARE(response.redirects.size(), 1);
    QCOMPARE(response.url.path(), u"/ticker"_s);
    QCOMPARE(probe.diagnostics.request().redirectHop, 1);
    QCOMPARE(probe.diagnostics.request().url.path(), u"/ticker"_s);

    const sse::StreamTiming t = probe.diagnostics.timing();
    QVERIFY(t.timeToFirstByteMs >= 0);
    QVERIFY(t.timeToFirstEventMs >= t.timeToFirstByteMs);
    QVERIFY(t.observedMs >= t.timeToFirstEventMs);
    QVERIFY(t.reads >= 1 && t.bodyBytes > 0);
    QCOMPARE(t.histogram.size(), qsizetype(sse::StreamTiming::HistogramBoundsMs.size() + 1));
    // Every event but the connection's first has a predecessor.
    QCOMPARE(std::accumulate(t.histogram.cbegin(), t.histogram.cend(), qint64(0)), t.events - 1);
    QVERIFY(t.longestSilenceMs >= 0 && t.longestSilenceMs < 1000);
}

void TestDiagnostics::headerFindings_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("problems");   // the exact warnings and errors
    QTest::addColumn<QString>("info");           // an info finding expected too
    QTest::addColumn<Finding::Severity>("severity"); // of the first problem (or the info)

    using S = Finding::Severity;
    QTest::newRow("no content-type") << u"/content-type?type=none"_s
                                     << QStringList{u"content-type-missing"_s} << QString() << S::Error;
    QTest::newRow("wrong content-type") << u"/content-type?type=application/json"_s
                                        << QStringList{u"content-type-wrong"_s} << QString() << S::Error;
    QTest::newRow("charset") << u"/badheaders?cache=no-cache&rate=20"_s
                             << QStringList{u"charset"_s} << QString() << S::Warning;
    QTest::newRow("utf-8 charset is fine") << u"/badheaders?charset=UTF-8&cache=no-cache&rate=20"_s
                                           << QStringList() << QString() << S::Info;
    QTest::newRow("no cache-control") << u"/badheaders?charset=none&rate=20"_s
                                      << QStringList{u"cache-control"_s} << QString() << S::Warning;
    QTest::newRow("cache-control without no-cache")
        << u"/badheaders?charset=none&cache=max-age%3D60&rate=20"_s
        << QStringList{u"cache-control"_s} << QString() << S::Warning;
    QTest::newRow("content-length")
        << u"/badheaders?charset=none&cache=no-cache&length=100000000&rate=20"_s
        << QStringList{u"content-length"_s} << QString() << S::Warning;
    QTest::newRow("all at once") << u"/badheaders?length=100000000&rate=20"_s
                                 << QStringList{u"cache-control"_s, u"charset"_s, u"content-length"_s}
                                 << QString() << S::Warning;
    QTest::newRow("gzip flushed per event") << u"/gzip?rate=20"_s << QStringList()
                                            << u"content-encoding"_s << S::Info;
    // nginx strips X-Accel-Buffering from what it forwards: without bursts, nothing to say.
    QTest::newRow("nginx, no bursts") << u"/buffered?server=nginx&hold=10&rate=20"_s
                                      << QStringList() << QString() << S::Info;
    QTest::newRow("503") << u"/status?code=503"_s << QStringList{u"http-status"_s} << QString()
                         << S::Error;
    QTest::newRow("204") << u"/status?code=204"_s << QStringList() << u"http-status"_s << S::Info;
}

void TestDiagnostics::headerFindings()
{
    QFETCH(QString, path);
    QFETCH(QStringList, problems);
    QFETCH(QString, info);
    QFETCH(Finding::Severity, severity);

    Probe probe(m_server->url(path));
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.diagnostics.hasResponse(), Timeout);
    // A refused response is read for its body before the source gives up or retries.
    QTRY_VERIFY_WITH_TIMEOUT(probe.source.state() != sse::EventSource::State::Connecting
                                 || probe.source.isReconnectScheduled(),
                             Timeout);
    if (probe.source.state() == sse::EventSource::State::Open) {
        // A stream that opens: let the event checks see enough events too.
        QTRY_VERIFY_WITH_TIMEOUT(probe.events() >= 4, Timeout);
    }
    QCOMPARE(probe.problems(), sortedList(problems));
    if (!info.isEmpty()) {
        QVERIFY2(probe.has(info), qPrintable(probe.all().join(u", ")));
        QCOMPARE(probe.finding(info).severity, severity);
    } else if (!problems.isEmpty()) {
        QCOMPARE(probe.finding(problems.constFirst()).severity, severity);
    }
    for (const Finding &f : probe.diagnostics.findings()) {
        QVERIFY2(!f.title.isEmpty() && !f.explanation.isEmpty() && !f.fix.isEmpty(),
                 qPrintable(f.id));
    }
}

void TestDiagnostics::bufferingFindings_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("problems");

    // 10 events held back for 400 ms at a time, the burst threshold is 250 ms of silence.
    QTest::newRow("buffered") << u"/buffered?hold=400&rate=25"_s << QStringList{u"buffering"_s};
    QTest::newRow("nginx") << u"/buffered?hold=400&rate=25&server=nginx/1.24.0"_s
                           << QStringList{u"buffering"_s, u"nginx-buffering"_s};
    QTest::newRow("nginx with X-Accel-Buffering: no")
        << u"/buffered?hold=400&rate=25&server=nginx&accel=no"_s << QStringList{u"buffering"_s};
    QTest::newRow("gzip") << u"/buffered?hold=400&rate=25&gzip=1"_s
                          << QStringList{u"buffering"_s, u"content-encoding"_s};
}

void TestDiagnostics::bufferingFindings()
{
    QFETCH(QString, path);
    QFETCH(QStringList, problems);

    Probe probe(m_server->url(path));
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.diagnostics.timing().bursts >= 2, Timeout);
    QCOMPARE(probe.problems(), sortedList(problems));
    const sse::StreamTiming t = probe.diagnostics.timing();
    QVERIFY2(t.largestBurst >= 4, QByteArray::number(t.largestBurst).constData());
    QVERIFY(t.longestSilenceMs >= 250);
    // Held events arrive together: most inter-arrival times are (almost) 0.
    QVERIFY(t.histogram.at(0) >= t.events / 2);
    for (const QString &id : problems)
        QCOMPARE(probe.finding(id).severity, Finding::Severity::Warning);
}

void TestDiagnostics::fastStreamIsNoBurst()
{
    // Thousands of events per read without a silence before them: a fast stream, not buffering.
    Probe probe(m_server->url(u"/burst?count=20000"_s));
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.events() == 20000, Timeout);
    const sse::StreamTiming t = probe.diagnostics.timing();
    QCOMPARE(t.bursts, 0);
    QVERIFY(t.reads < t.events);
    QCOMPARE(std::accumulate(t.histogram.cbegin(), t.histogram.cend(), qint64(0)), t.events - 1);
    QVERIFY(!probe.has(u"buffering"_s));
}

void TestDiagnostics::cors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("origin");       // page origin; "server" = the stream's own
    QTest::addColumn<QList<sse::Header>>("headers");
    QTest::addColumn<QStringList>("problems");

    const QString page = u"http://localhost:3000"_s;
    const QList<sse::Header> none;
    const QList<sse::Header> cookie{header("Cookie", "session=1")};
    const QList<sse::Header> auth{header("Authorization", "Bearer x")};
    QTest::newRow("no CORS headers") << u"/ticker?rate=20"_s << page << none
                                     << QStringList{u"cors-allow-origin-missing"_s};
    QTest::newRow("same origin needs none") << u"/ticker?rate=20"_s << u"server"_s << none
                                            << QStringList();
    QTest::newRow("no origin, no check") << u"/ticker?rate=20"_s << QString() << none
                                         << QStringList();
    QTest::newRow("wildcard") << u"/cors?allow_origin=*&rate=20"_s << page << none << QStringList();
    QTest::newRow("wildcard with cookie") << u"/cors?allow_origin=*&rate=20"_s << page << cookie
                                          << QStringList{u"cors-wildcard-credentials"_s};
    QTest::newRow("other origin") << u"/cors?allow_origin=http://example.com&rate=20"_s << page
                                  << none << QStringList{u"cors-origin-mismatch"_s};
    QTest::newRow("list of origins")
        << u"/cors?allow_origin=http://localhost:3000, http://example.com&rate=20"_s << page << none
        << QStringList{u"cors-origin-mismatch"_s};
    QTest::newRow("exact origin") << u"/cors?allow_origin=http://localhost:3000&rate=20"_s << page
                                  << none << QStringList();
    QTest::newRow("cookie without allow-credentials")
        << u"/cors?allow_origin=http://localhost:3000&rate=20"_s << page << cookie
        << QStringList{u"cors-credentials-not-allowed"_s};
    QTest::newRow("authorization without allow-credentials")
        << u"/cors?allow_origin=http://localhost:3000&rate=20"_s << page << auth
        << QStringList{u"cors-credentials-not-allowed"_s};
    QTest::newRow("credentials allowed")
        << u"/cors?allow_origin=http://localhost:3000&allow_credentials=true&rate=20"_s << page
        << cookie << QStringList();
    QTest::newRow("echo, Origin sent")
        << u"/cors?allow_origin=echo&rate=20"_s << QString()
        << QList<sse::Header>{header("Origin", "http://localhost:3000")} << QStringList();
    QTest::newRow("echo, no Origin sent") << u"/cors?allow_origin=echo&rate=20"_s << page << none
                                          << QStringList{u"cors-allow-origin-missing"_s};
}

void TestDiagnostics::cors()
{
    QFETCH(QString, path);
    QFETCH(QString, origin);
    QFETCH(QList<sse::Header>, headers);
    QFETCH(QStringList, problems);

    Probe probe(m_server->url(path), headers);
    if (origin == u"server")
        probe.diagnostics.setPageOrigin(m_server->url());
    else if (!origin.isEmpty())
        probe.diagnostics.setPageOrigin(QUrl(origin));
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.events() >= 4, Timeout);
    QCOMPARE(probe.problems(), problems);
    for (const QString &id : problems) {
        QCOMPARE(probe.finding(id).severity, Finding::Severity::Error);
        if (!origin.isEmpty() && origin != u"server")
            QVERIFY2(probe.finding(id).fix.contains(origin), qPrintable(probe.finding(id).fix));
    }
}

void TestDiagnostics::connectionLimit()
{
    Probe probe(m_server->url(u"/ticker?rate=20"_s));
    probe.diagnostics.setConcurrentStreamsToHost(6);
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.events() >= 3, Timeout);
    QCOMPARE(probe.problems(), QStringList());

    QSignalSpy changed(&probe.diagnostics, &Diagnostics::findingsChanged);
    probe.diagnostics.setConcurrentStreamsToHost(7);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(probe.problems(), QStringList{u"http1-connection-limit"_s});
    QVERIFY(probe.finding(u"http1-connection-limit"_s).fix.contains(u"HTTP/2"_s));
    QCOMPARE(probe.diagnostics.concurrentStreamsToHost(), 7);
}

void TestDiagnostics::noHeartbeatWhileSilent()
{
    DiagnosticsThresholds thresholds = fastThresholds();
    thresholds.proxyIdleMs = 400;
    Probe probe(m_server->url(u"/stall?events=3"_s), {}, thresholds);
    QSignalSpy changed(&probe.diagnostics, &Diagnostics::findingsChanged);
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.events() == 3, Timeout);
    // Nothing arrives any more: the finding must come from the silence alone.
    QTRY_VERIFY_WITH_TIMEOUT(probe.has(u"no-heartbeat"_s), Timeout);
    QVERIFY(changed.size() >= 1);
    QCOMPARE(probe.problems(), QStringList{u"no-heartbeat"_s});
    QCOMPARE(probe.events(), 3);
    QVERIFY(probe.diagnostics.timing().longestSilenceMs >= 400);
    QVERIFY(probe.diagnostics.timing().currentSilenceMs >= 400);
    QCOMPARE(probe.source.state(), sse::EventSource::State::Open);
}

void TestDiagnostics::commentHeartbeatDetected()
{
    DiagnosticsThresholds thresholds = fastThresholds();
    thresholds.proxyIdleMs = 400;
    Probe probe(m_server->url(u"/stall?events=3&heartbeat=50"_s), {}, thresholds);
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.diagnostics.timing().comments >= 16, Timeout); // ~800 ms
    const sse::StreamTiming t = probe.diagnostics.timing();
    QCOMPARE(t.heartbeatSource, sse::StreamTiming::HeartbeatSource::Comments);
    QVERIFY2(t.heartbeatIntervalMs >= 30 && t.heartbeatIntervalMs <= 200,
             QByteArray::number(t.heartbeatIntervalMs).constData());
    QVERIFY(t.longestSilenceMs < 400);
    QVERIFY(!probe.has(u"no-heartbeat"_s));
}

void TestDiagnostics::idFindings_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("problems");

    QTest::newRow("no ids") << u"/ids?mode=none&rate=20"_s << QStringList{u"no-ids"_s};
    QTest::newRow("decreasing") << u"/ids?mode=decreasing&rate=20"_s
                                << QStringList{u"ids-not-increasing"_s};
    QTest::newRow("text ids are not judged") << u"/ids?mode=text&rate=20"_s << QStringList();
    // Three events, the end, a reconnect after 150 ms: the server starts over at 1.
    QTest::newRow("replay after reconnect") << u"/ids?mode=replay&count=3&rate=50&retry=150"_s
                                            << QStringList{u"ids-not-increasing"_s};
}

void TestDiagnostics::idFindings()
{
    QFETCH(QString, path);
    QFETCH(QStringList, problems);

    DiagnosticsThresholds thresholds = fastThresholds();
    thresholds.retryMinMs = 100;
    Probe probe(m_server->url(path), {}, thresholds);
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.events() >= 5, Timeout);
    QCOMPARE(probe.problems(), problems);
    if (problems.contains(u"ids-not-increasing"_s))
        QVERIFY(probe.diagnostics.timing().idRegressions >= 1);
}

void TestDiagnostics::retryFindings_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("id");
    QTest::addColumn<Finding::Severity>("severity");

    QTest::newRow("absent") << u"/ticker?rate=20"_s << u"retry-absent"_s << Finding::Severity::Info;
    QTest::newRow("small") << u"/ticker?rate=20&retry=50"_s << u"retry-small"_s
                           << Finding::Severity::Warning;
    QTest::newRow("large") << u"/ticker?rate=20&retry=600000"_s << u"retry-large"_s
                           << Finding::Severity::Warning;
}

void TestDiagnostics::retryFindings()
{
    QFETCH(QString, path);
    QFETCH(QString, id);
    QFETCH(Finding::Severity, severity);

    Probe probe(m_server->url(path));
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.events() >= 3, Timeout);
    QStringList retryIds;
    for (const QString &i : probe.all()) {
        if (i.startsWith(u"retry-"))
            retryIds.append(i);
    }
    QCOMPARE(retryIds, QStringList{id});
    QCOMPARE(probe.finding(id).severity, severity);
}

void TestDiagnostics::serverErrors()
{
    Probe probe(m_server->url(u"/errors?every=2&rate=30"_s));
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.events() >= 9, Timeout);
    QCOMPARE(probe.problems(), QStringList{u"server-errors"_s});
    const sse::StreamTiming t = probe.diagnostics.timing();
    QVERIFY(t.serverErrors >= 3);
    QVERIFY(t.serverErrors * 3 <= t.events + 3); // one in three
    const Finding f = probe.finding(u"server-errors"_s);
    QVERIFY2(f.explanation.contains(u"%"_s) && f.explanation.contains(u"per minute"_s),
             qPrintable(f.explanation));
}

void TestDiagnostics::tlsErrorsIgnored()
{
    TlsServer tls;
    QVERIFY(tls.start("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                      "Cache-Control: no-cache\r\n\r\nid: 1\ndata: x\n\n",
                      TlsServer::After::StayOpen));
    Probe probe(tls.url());
    sse::StreamRequest request = probe.source.request();
    request.ignoreTlsErrors = true;
    probe.source.setRequest(request);
    QSignalSpy changed(&probe.diagnostics, &Diagnostics::findingsChanged);
    probe.open();
    QTRY_COMPARE_WITH_TIMEOUT(probe.events(), 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), Timeout);
    // The only problem of an otherwise healthy stream.
    QCOMPARE(probe.problems(), QStringList{u"tls-errors-ignored"_s});
    const Finding f = probe.finding(u"tls-errors-ignored"_s);
    QCOMPARE(f.severity, Finding::Severity::Warning);
    QVERIFY2(f.explanation.contains(u"self-signed"_s, Qt::CaseInsensitive), qPrintable(f.explanation));
    QVERIFY(f.explanation.contains(u"not authenticated"_s));
    QVERIFY(!f.fix.isEmpty());
    QVERIFY(probe.diagnostics.hasProblems());
    probe.source.close();

    // Without the option the stream fails instead; nothing was ignored.
    Probe strict(tls.url());
    strict.open();
    QTRY_COMPARE_WITH_TIMEOUT(strict.source.state(), sse::EventSource::State::Closed, Timeout);
    QVERIFY(!strict.has(u"tls-errors-ignored"_s));
}

void TestDiagnostics::findingsUpdateLiveAndReset()
{
    Probe probe(m_server->url(u"/badheaders?charset=none&rate=20"_s));
    QSignalSpy changed(&probe.diagnostics, &Diagnostics::findingsChanged);
    probe.open();
    // Emitted as soon as the response arrives, before any event.
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() >= 1, Timeout);
    QVERIFY(probe.has(u"cache-control"_s));

    probe.source.close();
    probe.diagnostics.reset();
    QVERIFY(!probe.diagnostics.hasRequest());
    QVERIFY(!probe.diagnostics.hasResponse());
    QCOMPARE(probe.diagnostics.timing().events, 0);
    QCOMPARE(probe.all(), QStringList());
    QCOMPARE(probe.diagnostics.toJson().value(u"findings").toArray().size(), 0);
    QVERIFY(!probe.diagnostics.hasProblems());
}

void TestDiagnostics::jsonExport()
{
    Probe probe(m_server->url(u"/badheaders?cache=no-cache&rate=20&retry=2000"_s));
    probe.diagnostics.setPageOrigin(QUrl(u"http://localhost:3000/app"_s));
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.events() >= 4, Timeout);

    const QJsonObject root = probe.diagnostics.toJson();
    // Round trip through text, as an export does.
    const QJsonObject o = QJsonDocument::fromJson(QJsonDocument(root).toJson()).object();
    QCOMPARE(o.value(u"url").toString(),
             m_server->url(u"/badheaders?cache=no-cache&rate=20&retry=2000"_s).toString());
    QCOMPARE(o.value(u"pageOrigin").toString(), u"http://localhost:3000"_s);
    QCOMPARE(o.value(u"concurrentStreamsToHost").toInt(), 1);

    const QJsonObject request = o.value(u"request").toObject();
    QCOMPARE(request.value(u"method").toString(), u"GET"_s);
    QVERIFY(request.value(u"headers").toArray().size() >= 2);

    const QJsonObject response = o.value(u"response").toObject();
    QCOMPARE(response.value(u"status").toInt(), 200);
    QCOMPARE(response.value(u"protocol").toString(), u"HTTP/1.1"_s);
    bool sawContentType = false;
    for (const QJsonValue &h : response.value(u"headers").toArray()) {
        if (h.toObject().value(u"name").toString().compare(u"content-type", Qt::CaseInsensitive) == 0) {
            sawContentType = true;
            QCOMPARE(h.toObject().value(u"value").toString(),
                     u"text/event-stream; charset=iso-8859-1"_s);
        }
    }
    QVERIFY(sawContentType);

    const QJsonObject timing = o.value(u"timing").toObject();
    QVERIFY(timing.value(u"events").toInteger() >= 4);
    QVERIFY(timing.value(u"timeToFirstByteMs").isDouble());
    const QJsonArray histogram = timing.value(u"histogram").toArray();
    QCOMPARE(histogram.size(), qsizetype(sse::StreamTiming::HistogramBoundsMs.size() + 1));
    QCOMPARE(histogram.first().toObject().value(u"belowMs").toInteger(), 10);
    QVERIFY(histogram.last().toObject().value(u"belowMs").isNull());

    const QJsonArray findings = o.value(u"findings").toArray();
    QCOMPARE(findings.size(), 2); // charset (warning), CORS (error: no headers for the page)
    const QJsonObject first = findings.at(0).toObject();
    QCOMPARE(first.value(u"id").toString(), u"cors-allow-origin-missing"_s);
    QCOMPARE(first.value(u"severity").toString(), u"error"_s);
    QCOMPARE(findings.at(1).toObject().value(u"id").toString(), u"charset"_s);
    QCOMPARE(findings.at(1).toObject().value(u"severity").toString(), u"warning"_s);
    for (const QJsonValue &f : findings) {
        QStringList keys = f.toObject().keys();
        keys.sort();
        QCOMPARE(keys, (QStringList{u"explanation"_s, u"fix"_s, u"id"_s, u"severity"_s, u"title"_s}));
    }
    const QJsonObject summary = o.value(u"summary").toObject();
    QCOMPARE(summary.value(u"errors").toInt(), 1);
    QCOMPARE(summary.value(u"warnings").toInt(), 1);
    QCOMPARE(summary.value(u"infos").toInt(), 0);
}

void TestDiagnostics::textReport()
{
    Probe probe(m_server->url(u"/badheaders?charset=none&rate=20&retry=2000"_s));
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(probe.events() >= 4, Timeout);
    const QString text = probe.diagnostics.toText();
    for (const QString &part : {u"Diagnostics of http://127.0.0.1:"_s, u"\nRequest\n"_s,
                                u"  GET http://127.0.0.1:"_s, u"  Accept: text/event-stream"_s,
                                u"\nResponse\n"_s, u"  HTTP/1.1 200 OK"_s,
                                u"\nTiming\n"_s, u"Time to first byte: "_s, u"Inter-arrival: "_s,
                                u"Findings: errors 0, warnings 1, infos 0"_s,
                                u"  [warning] cache-control: "_s, u"Fix: "_s})
        QVERIFY2(text.contains(part), qPrintable(part + u"\n---\n"_s + text));
}

void TestDiagnostics::maskedValues_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("masked");
    QTest::newRow("bearer") << QByteArray("Authorization") << QByteArray("Bearer abc.def")
                            << QByteArray("Bearer ********");
    QTest::newRow("bare token") << QByteArray("authorization") << QByteArray("abc")
                                << QByteArray("********");
    QTest::newRow("proxy basic") << QByteArray("Proxy-Authorization") << QByteArray("Basic dTpw")
                                 << QByteArray("Basic ********");
    QTest::newRow("cookies") << QByteArray("Cookie") << QByteArray("a=1;b=2; c")
                             << QByteArray("a=********; b=********; ********");
    QTest::newRow("secret custom") << QByteArray("X-Key") << QByteArray("k") << QByteArray("********");
}

void TestDiagnostics::maskedValues()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, masked);
    QCOMPARE(Diagnostics::maskedValue(sse::Header{name, value, true}), masked);
}

void TestDiagnostics::originOf_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("origin");
    QTest::newRow("port kept") << QUrl(u"http://localhost:3000/x?y"_s) << u"http://localhost:3000"_s;
    QTest::newRow("default port dropped") << QUrl(u"https://Example.COM:443/"_s)
                                          << u"https://example.com"_s;
    QTest::newRow("http default") << QUrl(u"http://a.b:80"_s) << u"http://a.b"_s;
    QTest::newRow("no host") << QUrl(u"file:///tmp"_s) << QString();
}

void TestDiagnostics::originOf()
{
    QFETCH(QUrl, url);
    QFETCH(QString, origin);
    QCOMPARE(Diagnostics::originOf(url), origin);
}

void TestDiagnostics::sessionOwnsDiagnostics()
{
    sse::StreamConfig config;
    config.name = u"ticker"_s;
    config.request.url = m_server->url(u"/ids?mode=none&rate=20"_s);
    sse::Session session(config);
    Diagnostics *diagnostics = session.diagnostics();
    QVERIFY(diagnostics);
    QCOMPARE(diagnostics->source(), session.source());
    QCOMPARE(diagnostics->parent(), &session);
    QSignalSpy changed(diagnostics, &Diagnostics::findingsChanged);
    session.connectStream();
    QTRY_VERIFY_WITH_TIMEOUT(diagnostics->timing().events >= 4, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(diagnostics->hasProblems(), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() >= 1, Timeout);
    bool noIds = false;
    for (const Finding &f : diagnostics->findings())
        noIds |= f.id == u"no-ids";
    QVERIFY(noIds);
    session.disconnectStream();
}

void TestDiagnostics::noResponseIsReportedLive()
{
    // A server that reads the request and never answers (as a buffering proxy does): the
    // finding appears while the wait goes on, announced by findingsChanged.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> held;
    connect(&server, &QTcpServer::newConnection, &server, [&server, &held] {
        while (QTcpSocket *socket = server.nextPendingConnection())
            held.append(socket); // owned by the server
    });
    DiagnosticsThresholds th = fastThresholds();
    th.responseWaitMs = 300;
    Probe probe(QUrl(u"http://127.0.0.1:%1/events"_s.arg(server.serverPort())), {}, th);
    QSignalSpy changed(&probe.diagnostics, &Diagnostics::findingsChanged);
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty() && probe.has(u"no-response"_s), Timeout);
    QCOMPARE(probe.problems(), QStringList{u"no-response"_s});
    QVERIFY(probe.diagnostics.timing().awaitingResponseMs >= 300);
    QVERIFY(probe.diagnostics.toText().contains(u"(connected, request sent, waiting for"_s));
    QCOMPARE(probe.source.state(), sse::EventSource::State::Connecting);
}

void TestDiagnostics::refusedConnectionIsAnError()
{
    quint16 port = 0;
    {
        QTcpServer probePort;
        QVERIFY(probePort.listen(QHostAddress::LocalHost));
        port = probePort.serverPort();
    }
    Probe probe(QUrl(u"http://127.0.0.1:%1/events"_s.arg(port)));
    QSignalSpy changed(&probe.diagnostics, &Diagnostics::findingsChanged);
    probe.open();
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty() && probe.has(u"not-connected"_s), Timeout);
    const Finding f = probe.finding(u"not-connected"_s);
    QCOMPARE(f.severity, Finding::Severity::Error);
    QCOMPARE(f.title, u"The stream never opened"_s);
    QVERIFY2(f.explanation.contains(u"Connection refused"_s), qPrintable(f.explanation));
    QVERIFY2(f.fix.startsWith(u"Nothing accepts connections on 127.0.0.1:%1"_s.arg(port)), qPrintable(f.fix));
    QVERIFY(probe.diagnostics.hasProblems());
}

QTEST_GUILESS_MAIN(TestDiagnostics)
#include "tst_diagnostics.moc"
