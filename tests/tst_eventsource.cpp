// EventSource against an in-process loopback server that scripts statuses, bytes, stalls and
// disconnects. Redirects across two origins and TLS: tst_redirectstls.

#include "openingbytes.h"
#include "sourcefixture.h"

using namespace sourcefixture;

class tst_EventSource : public QObject, protected SourceFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpFixture(); }
    void cleanup() { tearDownFixture(); }

    void opensAndReceivesEvents();
    void sendsStandardAndCustomHeaders();
    void postsMethodAndBody();
    void acceptsContentTypeParametersAndCase();
    void cleanEndReconnectsAfterServerRetry();
    void lastEventIdSentOnReconnectOnlyWhenCommitted();
    void initialLastEventIdSent();
    void backoffGrowsToMaximum();
    void jitterStaysWithinBackoff();
    void retryAfterIsHonoured();
    void retryAfterIsSpreadWithJitter();
    void status204ClosesWithoutReconnect();
    void fatalStatusesFailPermanently_data();
    void fatalStatusesFailPermanently();
    void transientStatusesReconnect_data();
    void transientStatusesReconnect();
    void wrongContentTypeFails();
    void specStrictFailsOnAnyErrorStatus();
    void specStrictReconnectsAfterEndWithoutBackoff();
    void maxRetriesExhausted();
    void successfulOpenResetsAttemptCount();
    void idleTimeoutDropsAndReconnects();
    void waitingForTheHeadIsNotAConnectTimeout();
    void refusedResponseKeepsItsBody();
    void connectionRefusedReconnects();
    void http2PriorKnowledgeTakesEffectOnReconnect();
    void resetMidStreamIsNetworkError();
    void manyStreamsToOneHostAllLive();
    void serverReportedErrorEvent();
    void overLargeEventIsReportedAndStreamContinues();
    void reconnectNowCancelsScheduledReconnect();
    void closeStopsEverything();
    void closeFromEventHandlerStopsDelivery();
};

void tst_EventSource::opensAndReceivesEvents()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write(": hello\n\nid: 1\ndata: first\n\nevent: tick\ndata: a\ndata: b\n\n");
    });
    Probe p(m_server->url(QStringLiteral("/stream")));
    QCOMPARE(p.source.state(), State::Closed);
    p.source.open();
    QCOMPARE(p.source.state(), State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(p.eventCount(), 2, Timeout);
    QCOMPARE(p.source.state(), State::Open);
    QCOMPARE(p.states.at(0).at(0).value<State>(), State::Connecting);
    QCOMPARE(p.states.at(1).at(0).value<State>(), State::Open);

    const QList<Event> events = allEvents(p.events);
    QCOMPARE(events[0].type, QByteArray("message"));
    QCOMPARE(events[0].data, QByteArray("first"));
    QCOMPARE(events[0].lastEventId, QByteArray("1"));
    QVERIFY(events[0].hasId);
    QCOMPARE(events[1].type, QByteArray("tick"));
    QCOMPARE(events[1].data, QByteArray("a\nb"));
    QCOMPARE(events[1].lastEventId, QByteArray("1"));
    QVERIFY(!events[1].hasId);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(events[0].receivedAtMs > now - 60000 && events[0].receivedAtMs <= now);
    QCOMPARE(p.comments.size(), 1);
    QCOMPARE(p.comments.at(0).at(0).value<QList<QByteArray>>(), QList<QByteArray>{" hello"});
    QCOMPARE(p.responses.size(), 1);
    QCOMPARE(p.responses.at(0).at(0).value<ResponseInfo>().status, 200);
    QCOMPARE(p.source.lastEventId(), QByteArray("1"));
    QVERIFY(p.errors.isEmpty());
}

void tst_EventSource::sendsStandardAndCustomHeaders()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) { streamAndClose(r, "data: x\n\n"); });
    Probe p(m_server->url(QStringLiteral("/h")));
    StreamRequest request = p.source.request();
    request.headers = {{"X-Trace", "abc"}, {"Authorization", "Bearer t0ken"}};
    p.source.setRequest(request);
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 1, Timeout);
    const HttpRequest &req = m_server->requests().first();
    QCOMPARE(req.method, QByteArray("GET"));
    QCOMPARE(req.header("accept"), QByteArray("text/event-stream"));
    QCOMPARE(req.header("Cache-Control"), QByteArray("no-cache"));
    QCOMPARE(req.header("x-trace"), QByteArray("abc"));
    QCOMPARE(req.header("Authorization"), QByteArray("Bearer t0ken"));
    QVERIFY(!req.hasHeader("Last-Event-ID"));
    p.source.close();
}

void tst_EventSource::postsMethodAndBody()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) { streamAndClose(r, "data: x\n\n"); });
    Probe p(m_server->url(QStringLiteral("/v1/chat")));
    StreamRequest request = p.source.request();
    request.method = "POST";
    request.body = R"({"prompt":"hi","stream":true})";
    request.headers = {{"Content-Type", "application/json"}};
    p.source.setRequest(request);
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 1, Timeout);
    const HttpRequest &req = m_server->requests().first();
    QCOMPARE(req.method, QByteArray("POST"));
    QCOMPARE(req.body, request.body);
    QCOMPARE(req.header("content-type"), QByteArray("application/json"));
    p.source.close();
}

void tst_EventSource::acceptsContentTypeParametersAndCase()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, {{"Content-Type", "Text/Event-Stream ; charset=utf-8"}});
        r->write("data: ok\n\n");
    });
    Probe p(m_server->url());
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.eventCount(), 1, Timeout);
    QCOMPARE(p.source.state(), State::Open);
    p.source.close();
}

void tst_EventSource::cleanEndReconnectsAfterServerRetry()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        streamAndClose(r, "retry: 123\ndata: a\n\n");
    });
    // Jitter on and a long initial delay: after a clean end the server's retry is used as is.
    ReconnectPolicy policy;
    policy.initialDelayMs = 30000;
    Probe p(m_server->url(), policy);
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.reconnects.size(), 1, Timeout);
    const ReconnectInfo info = reconnects(p.reconnects).first();
    QCOMPARE(info.attempt, 1);
    QCOMPARE(info.delayMs, 123);
    QVERIFY(info.cleanEnd);
    QCOMPARE(p.source.reconnectionTimeMs(), 123);
    QCOMPARE(p.source.state(), State::Connecting);
    QVERIFY(p.source.isReconnectScheduled());
    QVERIFY(p.errors.isEmpty());
    // The reconnect happens by itself.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 2, Timeout);
    p.source.close();
}

void tst_EventSource::lastEventIdSentOnReconnectOnlyWhenCommitted()
{
    int n = 0;
    m_server->setHandler([&n](const HttpRequest &, HttpResponder *r) {
        ++n;
        if (n == 1)
            streamAndClose(r, "retry: 10\nid: 7\ndata: a\n\nid: 9\ndata: unterminated");
        else
            streamAndClose(r, "data: b\n\n");
    });
    Probe p(m_server->url());
    p.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requests().size() >= 2, Timeout);
    QCOMPARE(m_server->requests().at(1).header("Last-Event-ID"), QByteArray("7"));
    QCOMPARE(allEvents(p.events).first().data, QByteArray("a"));
    p.source.close();
}

void tst_EventSource::initialLastEventIdSent()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) { streamAndClose(r, "data: x\n\n"); });
    Probe p(m_server->url());
    StreamRequest request = p.source.request();
    request.lastEventId = "résumé-42";
    p.source.setRequest(request);
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 1, Timeout);
    QCOMPARE(m_server->requests().first().header("Last-Event-ID"), QByteArray("résumé-42"));
    p.source.close();
}

void tst_EventSource::backoffGrowsToMaximum()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->respond(503, "text/plain", "busy");
    });
    Probe p(m_server->url(), fastPolicy(20, 160));
    p.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(p.reconnects.size() >= 6, Timeout);
    p.source.close();
    QList<qint64> delays;
    for (const ReconnectInfo &info : reconnects(p.reconnects))
        delays << info.delayMs;
    QCOMPARE(delays.mid(0, 6), (QList<qint64>{20, 40, 80, 160, 160, 160}));
    const ReconnectInfo first = reconnects(p.reconnects).first();
    QCOMPARE(first.attempt, 1);
    QCOMPARE(first.reason.kind, ErrorKind::HttpStatus);
    QCOMPARE(first.reason.httpStatus, 503);
    QVERIFY(!first.cleanEnd);
    QCOMPARE(reconnects(p.reconnects).at(5).attempt, 6);
}

void tst_EventSource::jitterStaysWithinBackoff()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->respond(500, "text/plain", "oops");
    });
    ReconnectPolicy policy = fastPolicy(40, 80);
    policy.jitter = true;
    Probe p(m_server->url(), policy);
    p.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(p.reconnects.size() >= 12, Timeout);
    p.source.close();
    const QList<ReconnectInfo> infos = reconnects(p.reconnects);
    QSet<qint64> distinct;
    for (const ReconnectInfo &info : infos) {
        const qint64 ceiling = info.attempt == 1 ? 40 : 80;
        QVERIFY2(info.delayMs >= 0 && info.delayMs <= ceiling,
                 qPrintable(QStringLiteral("attempt %1 delay %2").arg(info.attempt).arg(info.delayMs)));
        distinct.insert(info.delayMs);
    }
    QVERIFY2(distinct.size() > 1, "jitter produced identical delays every time");
}

void tst_EventSource::retryAfterIsHonoured()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->respond(429, "text/plain", "slow down", {{"Retry-After", "2"}});
    });
    Probe p(m_server->url(), fastPolicy(20, 100));
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.reconnects.size(), 1, Timeout);
    const ReconnectInfo info = reconnects(p.reconnects).first();
    QCOMPARE(info.delayMs, 2000);
    QCOMPARE(info.reason.httpStatus, 429);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(info.dueAtMs > now + 1000 && info.dueAtMs <= now + 2000);
    QCOMPARE(p.source.reconnectDueAtMs(), info.dueAtMs);
    p.source.close();
    QVERIFY(!p.source.isReconnectScheduled());
}

void tst_EventSource::retryAfterIsSpreadWithJitter()
{
    // A server that tells every client "Retry-After: 2" must not get them all back at once:
    // with jitter, each waits 2 s plus up to 10 %; never less.
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->respond(503, "text/plain", "busy", {{"Retry-After", "2"}});
    });
    ReconnectPolicy policy = fastPolicy(20, 100);
    policy.jitter = true;
    std::vector<std::unique_ptr<Probe>> probes;
    for (int i = 0; i < 20; ++i) {
        probes.push_back(std::make_unique<Probe>(m_server->url(), policy));
        probes.back()->source.open();
    }
    QSet<qint64> delays;
    for (const auto &p : probes) {
        QTRY_COMPARE_WITH_TIMEOUT(p->reconnects.size(), 1, Timeout);
        const qint64 delay = reconnects(p->reconnects).first().delayMs;
        QVERIFY2(delay >= 2000 && delay <= 2200, qPrintable(QString::number(delay)));
        delays.insert(delay);
        p->source.close();
    }
    // 20 draws from 201 values: all equal has a probability of 201^-19.
    QVERIFY2(delays.size() >= 5, qPrintable(QString::number(delays.size())));
}

void tst_EventSource::status204ClosesWithoutReconnect()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) { r->respond(204, {}, {}); });
    Probe p(m_server->url());
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.source.state(), State::Closed, Timeout);
    QCOMPARE(p.source.closeReason(), EventSource::CloseReason::ServerRequested);
    QVERIFY(p.errors.isEmpty());
    QVERIFY(p.reconnects.isEmpty());
    QVERIFY(!p.source.isReconnectScheduled());
}

void tst_EventSource::fatalStatusesFailPermanently_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("201 Created") << 201;
    QTest::newRow("400 Bad Request") << 400;
    QTest::newRow("401 Unauthorized") << 401;
    QTest::newRow("403 Forbidden") << 403;
    QTest::newRow("404 Not Found") << 404;
    QTest::newRow("410 Gone") << 410;
}

void tst_EventSource::fatalStatusesFailPermanently()
{
    QFETCH(int, status);
    m_server->setHandler([status](const HttpRequest &, HttpResponder *r) {
        r->respond(status, "text/plain", "no");
    });
    Probe p(m_server->url());
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.source.state(), State::Closed, Timeout);
    QCOMPARE(p.source.closeReason(), EventSource::CloseReason::Failed);
    QCOMPARE(p.errors.size(), 1);
    const Error e = errors(p.errors).first();
    QCOMPARE(e.kind, ErrorKind::HttpStatus);
    QCOMPARE(e.httpStatus, status);
    QVERIFY(e.permanent);
    QVERIFY2(e.message.contains(QString::number(status)), qPrintable(e.message));
    QVERIFY(p.reconnects.isEmpty());
    QCOMPARE(m_server->requests().size(), 1);
}

void tst_EventSource::transientStatusesReconnect_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("408") << 408;
    QTest::newRow("429") << 429;
    QTest::newRow("500") << 500;
    QTest::newRow("502") << 502;
    QTest::newRow("503") << 503;
}

void tst_EventSource::transientStatusesReconnect()
{
    QFETCH(int, status);
    int n = 0;
    m_server->setHandler([status, &n](const HttpRequest &, HttpResponder *r) {
        if (++n == 1)
            r->respond(status, "text/plain", "later");
        else
            r->writeHead(200, streamHeaders()), r->write("data: back\n\n");
    });
    Probe p(m_server->url());
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.eventCount(), 1, Timeout);
    QCOMPARE(p.source.state(), State::Open);
    QCOMPARE(p.reconnects.size(), 1);
    QCOMPARE(errors(p.errors).first().httpStatus, status);
    QVERIFY(!errors(p.errors).first().permanent);
    QCOMPARE(p.source.attempt(), 0);
    p.source.close();
}

void tst_EventSource::wrongContentTypeFails()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, {{"Content-Type", "text/html"}});
        r->write("<html>");
        r->close();
    });
    Probe p(m_server->url());
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.source.state(), State::Closed, Timeout);
    const Error e = errors(p.errors).first();
    QCOMPARE(e.kind, ErrorKind::ContentType);
    QVERIFY(e.permanent);
    QVERIFY2(e.message.contains(QStringLiteral("text/html")), qPrintable(e.message));
    QCOMPARE(p.source.closeReason(), EventSource::CloseReason::Failed);
}

void tst_EventSource::specStrictFailsOnAnyErrorStatus()
{
    for (int status : {503, 204}) {
        m_server->setHandler([status](const HttpRequest &, HttpResponder *r) {
            r->respond(status, "text/plain", status == 204 ? QByteArray() : QByteArray("x"));
        });
        ReconnectPolicy policy = fastPolicy();
        policy.mode = ReconnectPolicy::Mode::SpecStrict;
        Probe p(m_server->url(), policy);
        p.source.open();
        QTRY_COMPARE_WITH_TIMEOUT(p.source.state(), State::Closed, Timeout);
        QCOMPARE(p.source.closeReason(), EventSource::CloseReason::Failed);
        QCOMPARE(errors(p.errors).first().httpStatus, status);
        QVERIFY(p.reconnects.isEmpty());
    }
}

void tst_EventSource::specStrictReconnectsAfterEndWithoutBackoff()
{
    int n = 0;
    m_server->setHandler([&n](const HttpRequest &, HttpResponder *r) {
        if (++n % 2)
            streamAndClose(r, "data: x\n\n");
        else
            r->abort(); // a network error: still the plain reconnection time
    });
    ReconnectPolicy policy = fastPolicy(30, 10000);
    policy.mode = ReconnectPolicy::Mode::SpecStrict;
    policy.jitter = true;
    Probe p(m_server->url(), policy);
    p.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(p.reconnects.size() >= 4, Timeout);
    p.source.close();
    for (const ReconnectInfo &info : reconnects(p.reconnects))
        QCOMPARE(info.delayMs, 30);
}

void tst_EventSource::maxRetriesExhausted()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->respond(502, "text/plain", "bad gateway");
    });
    ReconnectPolicy policy = fastPolicy(10, 20);
    policy.maxRetries = 2;
    Probe p(m_server->url(), policy);
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.source.state(), State::Closed, Timeout);
    QCOMPARE(p.source.closeReason(), EventSource::CloseReason::Failed);
    QCOMPARE(m_server->requests().size(), 3);  // first attempt + 2 retries
    QCOMPARE(p.reconnects.size(), 2);
    QCOMPARE(reconnects(p.reconnects).at(1).maxRetries, 2);
    const Error last = errors(p.errors).last();
    QCOMPARE(last.kind, ErrorKind::RetriesExhausted);
    QVERIFY(last.permanent);
    QVERIFY2(last.message.contains(QStringLiteral("502")), qPrintable(last.message));
}

void tst_EventSource::successfulOpenResetsAttemptCount()
{
    int n = 0;
    m_server->setHandler([&n](const HttpRequest &, HttpResponder *r) {
        ++n;
        if (n == 3)
            streamAndClose(r, "data: ok\n\n");
        else
            r->respond(500, "text/plain", "x");
    });
    Probe p(m_server->url(), fastPolicy(10, 1000));
    p.source.open();
    // 500, 500, then open + clean end, then 500 again.
    QTRY_VERIFY_WITH_TIMEOUT(p.reconnects.size() >= 4, Timeout);
    p.source.close();
    const QList<ReconnectInfo> infos = reconnects(p.reconnects);
    QCOMPARE(infos[0].attempt, 1);
    QCOMPARE(infos[1].attempt, 2);
    QCOMPARE(infos[2].attempt, 1);
    QVERIFY(infos[2].cleanEnd);
    QCOMPARE(infos[2].delayMs, 10);
    QCOMPARE(infos[3].attempt, 2);
    QCOMPARE(infos[3].delayMs, 20);
}

void tst_EventSource::idleTimeoutDropsAndReconnects()
{
    int n = 0;
    m_server->setHandler([&n](const HttpRequest &, HttpResponder *r) {
        ++n;
        r->writeHead(200, streamHeaders());
        r->write("data: then silence\n\n"); // and never anything else
    });
    Probe p(m_server->url(), fastPolicy(10, 50));
    p.source.setIdleTimeout(300);
    // Counted when the connection is dropped: the reconnect 10 ms later brings more events.
    int eventsAtFirstDrop = -1;
    connect(&p.source, &EventSource::reconnectScheduled, this, [&] {
        if (eventsAtFirstDrop < 0)
            eventsAtFirstDrop = p.eventCount();
    });
    p.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(p.reconnects.size() >= 1, Timeout);
    const ReconnectInfo info = reconnects(p.reconnects).first();
    QCOMPARE(info.reason.kind, ErrorKind::IdleTimeout);
    QCOMPARE(errors(p.errors).first().kind, ErrorKind::IdleTimeout);
    QCOMPARE(eventsAtFirstDrop, 1);
    QTRY_VERIFY_WITH_TIMEOUT(n >= 2, Timeout);
    p.source.close();
}

void tst_EventSource::waitingForTheHeadIsNotAConnectTimeout()
{
    // The server reads the request and answers only after three connect timeouts (as a
    // buffering proxy does): connected and sent, the source waits, as curl and browsers do,
    // and says since when. No error, no reconnect, and then the stream opens.
    QPointer<HttpResponder> pending;
    m_server->setHandler([&pending](const HttpRequest &, HttpResponder *r) { pending = r; });
    Probe p(m_server->url(), fastPolicy(10, 50));
    QCOMPARE(p.source.connectTimeout(), EventSource::DefaultConnectTimeoutMs);
    p.source.setConnectTimeout(200);
    QSignalSpy written(&p.source, &EventSource::requestWritten);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, Timeout);
    QCOMPARE(written.constFirst().constFirst().toUrl(), m_server->url());
    QVERIFY(p.source.awaitingResponseSinceMs() >= before);
    QTRY_VERIFY_WITH_TIMEOUT(pending, Timeout);
    QSignalSpy errorSpy(&p.source, &EventSource::errorOccurred);
    QVERIFY(!errorSpy.wait(600)); // three connect timeouts long: nothing gives up
    QCOMPARE(p.source.state(), EventSource::State::Connecting);
    QVERIFY(p.source.awaitingResponseSinceMs() > 0);

    pending->writeHead(200, streamHeaders());
    pending->write("data: at last\n\n");
    QTRY_COMPARE_WITH_TIMEOUT(p.eventCount(), 1, Timeout);
    QCOMPARE(p.source.state(), EventSource::State::Open);
    QCOMPARE(p.source.awaitingResponseSinceMs(), 0);
    QVERIFY(p.reconnects.isEmpty());
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(written.size(), 1);
    p.source.close();
}

void tst_EventSource::refusedResponseKeepsItsBody()
{
    // A 400 whose JSON body explains it (FastAPI's shape): the error says what the server
    // said and keeps the body as received, at most Error::MaxBodyBytes of it.
    const QByteArray body = R"({"detail": "unknown parameter 'colour'"})";
    m_server->setHandler([&body](const HttpRequest &, HttpResponder *r) {
        r->respond(400, "application/json", body);
    });
    Probe p(m_server->url());
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.source.state(), EventSource::State::Closed, Timeout);
    const Error e = p.source.lastError();
    QCOMPARE(e.kind, ErrorKind::HttpStatus);
    QCOMPARE(e.httpStatus, 400);
    QCOMPARE(e.body, body);
    QCOMPARE(e.message,
             QStringLiteral("The server answered 400 Bad Request. It said: unknown parameter 'colour'"));

    // A long HTML page: its title says nothing new, the body is cut at 4 KiB.
    const QByteArray page = "<html><head><title>502 Bad Gateway</title></head><body>"
        + QByteArray(10000, 'x') + "</body></html>";
    m_server->setHandler([&page](const HttpRequest &, HttpResponder *r) {
        r->respond(502, "text/html", page);
    });
    ReconnectPolicy once = fastPolicy(10, 50);
    once.maxRetries = 0;
    Probe q(m_server->url(), once);
    q.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(q.source.state(), EventSource::State::Closed, Timeout);
    const Error last = q.source.lastError();
    QCOMPARE(last.kind, ErrorKind::RetriesExhausted);
    QCOMPARE(last.body, page.left(Error::MaxBodyBytes));
    QVERIFY2(!last.message.contains(QStringLiteral("It said")), qPrintable(last.message));
}

void tst_EventSource::connectionRefusedReconnects()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 freePort = probe.serverPort();
    probe.close();
    Probe p(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(freePort)));
    p.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(p.reconnects.size() >= 1, Timeout);
    const Error e = errors(p.errors).first();
    QCOMPARE(e.kind, ErrorKind::Network);
    QVERIFY(!e.permanent);
    QVERIFY2(e.message.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(e.message));
    QCOMPARE(p.source.state(), State::Connecting);
    p.source.close();
}

void tst_EventSource::http2PriorKnowledgeTakesEffectOnReconnect()
{
    // Turning prior knowledge on (the stream dialog's switch) for a stream that already
    // connected: the next connection opens with the HTTP/2 preface, although Qt pools
    // connections by host and port alone; turning it off goes back to HTTP/1.1.
    OpeningBytes server;
    QVERIFY(server.listen());
    Probe p(server.url(QStringLiteral("/h2c")));
    p.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(server.began(0, "GET /h2c HTTP/1.1\r\n"), Timeout);

    StreamRequest request = p.source.request();
    request.http2PriorKnowledge = true;
    p.source.setRequest(request);
    p.source.reconnectNow();
    QTRY_VERIFY_WITH_TIMEOUT(server.began(1, OpeningBytes::Http2Preface), Timeout);

    request.http2PriorKnowledge = false;
    p.source.setRequest(request);
    p.source.reconnectNow();
    QTRY_VERIFY_WITH_TIMEOUT(server.began(2, "GET /h2c HTTP/1.1\r\n"), Timeout);
    QCOMPARE(server.received().size(), 3);
    p.source.close();
}

void tst_EventSource::resetMidStreamIsNetworkError()
{
    QPointer<HttpResponder> stream;
    m_server->setHandler([&stream](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("id: 1\ndata: whole\n\nid: 2\ndata: half");
        stream = r;
    });
    Probe p(m_server->url(), fastPolicy(500, 1000));
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.eventCount(), 1, Timeout);
    QVERIFY(stream);
    stream->abort(); // connection reset in the middle of an event
    QTRY_COMPARE_WITH_TIMEOUT(p.reconnects.size(), 1, Timeout);
    const ReconnectInfo info = reconnects(p.reconnects).first();
    QVERIFY(!info.cleanEnd);
    QCOMPARE(info.reason.kind, ErrorKind::Network);
    QCOMPARE(errors(p.errors).first().kind, ErrorKind::Network);
    QCOMPARE(p.eventCount(), 1); // the half event is discarded, with its id
    QCOMPARE(p.source.lastEventId(), QByteArray("1"));
    p.source.close();
}

void tst_EventSource::manyStreamsToOneHostAllLive()
{
    // Qt runs at most six HTTP/1.1 connections per host in one QNetworkAccessManager; a
    // never-ending stream would starve the seventh.
    m_server->setHandler([](const HttpRequest &req, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: " + req.path() + "\n\n");
    });
    constexpr int Streams = 12;
    std::vector<std::unique_ptr<Probe>> probes;
    for (int i = 0; i < Streams; ++i) {
        probes.push_back(std::make_unique<Probe>(m_server->url(QStringLiteral("/s%1").arg(i))));
        probes.back()->source.open();
    }
    for (int i = 0; i < Streams; ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(probes[i]->eventCount(), 1, Timeout);
        QCOMPARE(allEvents(probes[i]->events).first().data, QStringLiteral("/s%1").arg(i).toUtf8());
    }
    for (auto &p : probes)
        QCOMPARE(p->source.state(), State::Open);
    QCOMPARE(m_server->openConnectionCount(), Streams);
}

void tst_EventSource::serverReportedErrorEvent()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: fine\n\nevent: error\ndata: {\"code\":\"rate_limited\",\"message\":\"Too many tokens\"}\n\n");
    });
    Probe p(m_server->url());
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.errors.size(), 1, Timeout);
    QCOMPARE(p.eventCount(), 2);
    QCOMPARE(allEvents(p.events).at(1).type, QByteArray("error"));
    const Error e = errors(p.errors).first();
    QCOMPARE(e.kind, ErrorKind::ServerReported);
    QVERIFY(!e.permanent);
    QVERIFY2(e.message.contains(QStringLiteral("rate_limited")) && e.message.contains(QStringLiteral("Too many tokens")),
             qPrintable(e.message));
    QCOMPARE(p.source.state(), State::Open);
    p.source.close();
}

void tst_EventSource::overLargeEventIsReportedAndStreamContinues()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: " + QByteArray(5000, 'x') + "\n\ndata: small\n\n");
    });
    Probe p(m_server->url());
    p.source.setMaxEventBytes(1024);
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.eventCount(), 1, Timeout);
    QCOMPARE(allEvents(p.events).first().data, QByteArray("small"));
    QCOMPARE(errors(p.errors).first().kind, ErrorKind::Protocol);
    QCOMPARE(p.source.state(), State::Open);
    p.source.close();
}

void tst_EventSource::reconnectNowCancelsScheduledReconnect()
{
    int n = 0;
    m_server->setHandler([&n](const HttpRequest &, HttpResponder *r) {
        if (++n == 1)
            r->respond(503, "text/plain", "x");
        else
            r->writeHead(200, streamHeaders()), r->write("data: now\n\n");
    });
    Probe p(m_server->url(), fastPolicy(60000, 60000));
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.reconnects.size(), 1, Timeout);
    QVERIFY(p.source.isReconnectScheduled());
    p.source.reconnectNow();
    QVERIFY(!p.source.isReconnectScheduled());
    QCOMPARE(p.source.reconnectDueAtMs(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(p.eventCount(), 1, Timeout);
    QCOMPARE(p.source.state(), State::Open);
    p.source.close();
}

void tst_EventSource::closeStopsEverything()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) { r->respond(503, "text/plain", "x"); });
    Probe p(m_server->url(), fastPolicy(300, 300));
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.reconnects.size(), 1, Timeout);
    p.source.close();
    QCOMPARE(p.source.state(), State::Closed);
    QCOMPARE(p.source.closeReason(), EventSource::CloseReason::User);
    QVERIFY(!p.source.isReconnectScheduled());
    // Wait well past the scheduled delay: no new request may arrive.
    QTest::qWait(700);
    QCOMPARE(m_server->requests().size(), 1);
}

void tst_EventSource::closeFromEventHandlerStopsDelivery()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: 1\n\nevent: error\ndata: {}\n\n: c\n\ndata: 3\n\n");
    });
    Probe p(m_server->url());
    connect(&p.source, &EventSource::eventsReceived, &p.source, &EventSource::close);
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.source.state(), State::Closed, Timeout);
    QCOMPARE(p.events.size(), 1);
    QVERIFY(p.errors.isEmpty()); // the error event was delivered but not surfaced after close
    QCOMPARE(p.source.closeReason(), EventSource::CloseReason::User);
}

QTEST_GUILESS_MAIN(tst_EventSource)
#include "tst_eventsource.moc"
