#include "eventsource.h"
#include "scenarioserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr int Timeout = 15000;

/** An sse::EventSource on one scenario URL that records everything it reports. */
class Client
{
public:
    explicit Client(const QUrl &url, const QList<sse::Header> &headers = {},
                    const QByteArray &lastEventId = {})
    {
        sse::StreamRequest request;
        request.url = url;
        request.headers = headers;
        request.lastEventId = lastEventId;
        source.setRequest(request);
        sse::ReconnectPolicy policy;
        policy.initialDelayMs = 20;
        policy.maxDelayMs = 300;
        policy.jitter = false;
        source.setPolicy(policy);
        QObject::connect(&source, &sse::EventSource::eventsReceived, &source,
                         [this](const QList<sse::Event> &list) { events += list; });
        QObject::connect(&source, &sse::EventSource::commentsReceived, &source,
                         [this](const QList<QByteArray> &list) { comments += list; });
        QObject::connect(&source, &sse::EventSource::errorOccurred, &source,
                         [this](const sse::Error &error) { errors.append(error); });
        QObject::connect(&source, &sse::EventSource::responseReceived, &source,
                         [this](const sse::ResponseInfo &info) { responses.append(info); });
        QObject::connect(&source, &sse::EventSource::reconnectScheduled, &source,
                         [this](const sse::ReconnectInfo &info) { reconnects.append(info); });
        QObject::connect(&source, &sse::EventSource::bytesReceived, &source,
                         [this](qint64) { ++reads; });
    }

    bool isClosed() const { return source.state() == sse::EventSource::State::Closed; }
    bool endedByServer() const
    {
        return isClosed() && source.closeReason() == sse::EventSource::CloseReason::ServerRequested;
    }
    bool failed() const
    {
        return isClosed() && source.closeReason() == sse::EventSource::CloseReason::Failed;
    }
    QList<QByteArray> ids() const
    {
        QList<QByteArray> list;
        for (const sse::Event &e : events)
            list.append(e.lastEventId);
        return list;
    }
    int errorCount(sse::ErrorKind kind) const
    {
        int n = 0;
        for (const sse::Error &e : errors)
            n += e.kind == kind ? 1 : 0;
        return n;
    }

    sse::EventSource source;
    QList<sse::Event> events;
    QList<QByteArray> comments;
    QList<sse::Error> errors;
    QList<sse::ResponseInfo> responses;
    QList<sse::ReconnectInfo> reconnects;
    int reads = 0;
};

QList<QByteArray> idRange(int first, int last)
{
    QList<QByteArray> ids;
    for (int i = first; i <= last; ++i)
        ids.append(QByteArray::number(i));
    return ids;
}

QJsonObject json(const sse::Event &event)
{
    return QJsonDocument::fromJson(event.data).object();
}

/** The requests one scenario path received, in order. */
QList<sse::HttpRequest> requestsTo(const sse::ScenarioServer &server, QByteArrayView path)
{
    QList<sse::HttpRequest> list;
    for (const sse::HttpRequest &r : server.httpServer()->requests()) {
        if (r.path() == path)
            list.append(r);
    }
    return list;
}

} // namespace

class TestScenarioServer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void indexListsEveryScenario();
    void unknownPathAndMethod();
    void badParameters_data();
    void badParameters();
    void ticker();
    void tickerResumesAfterLastEventId();
    void fiftyConcurrentTickers();
    void burstGenerated();
    void burstFromFile();
    void burstKeepsMemoryBoundedAndLoopResponsive();
    void flaky();
    void flakySeededIsReproducible();
    void errors();
    void statusThenStream();
    void statusRetryAfter();
    void statusFinal_data();
    void statusFinal();
    void contentType_data();
    void contentType();
    void stallSilent();
    void stallHeartbeat();
    void slow();
    void hugeEvent();
    void hugeEndlessLine();
    void redirect_data();
    void redirect();
    void redirectChain();
    void redirectToSecondOriginDropsCredentials();
    void auth();
    void gzip();
    void formatting_data();
    void formatting();
    void timersStopWhenClientsLeave();
    void requestServedReportsStatus();
    void llmBodyMustBeJson();

private:
    std::unique_ptr<sse::ScenarioServer> m_server;
};

void TestScenarioServer::init()
{
    m_server = std::make_unique<sse::ScenarioServer>();
    QVERIFY(m_server->listen());
    QVERIFY(m_server->port() != 0);
    QVERIFY(m_server->secondPort() != 0);
    QVERIFY(m_server->port() != m_server->secondPort());
}

void TestScenarioServer::cleanup()
{
    m_server.reset();
}

void TestScenarioServer::indexListsEveryScenario()
{
    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(m_server->url())));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), Timeout);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->rawHeader("Content-Type").startsWith("text/html"));
    const QString html = QString::fromUtf8(reply->readAll());
    const auto scenarios = sse::ScenarioServer::scenarios();
    QCOMPARE(scenarios.size(), 25);
    for (const auto &info : scenarios) {
        QVERIFY2(html.contains(u"<code>"_s + info.path + u"</code>"_s), qPrintable(info.path));
        QVERIFY(html.contains(info.example.toHtmlEscaped()));
    }
    QVERIFY(html.contains(QString::number(m_server->secondPort())));

    // Through EventSource: the index is not an event stream.
    Client client(m_server->url());
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.failed(), Timeout);
    QCOMPARE(client.errorCount(sse::ErrorKind::ContentType), 1);
}

void TestScenarioServer::unknownPathAndMethod()
{
    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> missing(nam.get(QNetworkRequest(m_server->url(u"/nope"_s))));
    std::unique_ptr<QNetworkReply> put(nam.put(QNetworkRequest(m_server->url(u"/ticker"_s)), "x"));
    QTRY_VERIFY_WITH_TIMEOUT(missing->isFinished() && put->isFinished(), Timeout);
    QCOMPARE(missing->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    QCOMPARE(put->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);

    Client client(m_server->url(u"/nope"_s));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.failed(), Timeout);
    QCOMPARE(client.errors.constLast().httpStatus, 404);
}

void TestScenarioServer::badParameters_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("rate not a number") << u"/ticker?rate=abc"_s << u"rate"_s;
    QTest::newRow("rate zero") << u"/ticker?rate=0"_s << u"rate"_s;
    QTest::newRow("rate too high") << u"/ticker?rate=1e9"_s << u"rate"_s;
    QTest::newRow("count negative") << u"/ticker?count=-1"_s << u"count"_s;
    QTest::newRow("event with colon") << u"/ticker?event=a:b"_s << u"event"_s;
    QTest::newRow("event with newline") << u"/ticker?event=a%0Ab"_s << u"event"_s;
    QTest::newRow("retry text") << u"/gzip?retry=soon"_s << u"retry"_s;
    QTest::newRow("unknown parameter") << u"/ticker?rte=5"_s << u"rte"_s;
    QTest::newRow("duplicate parameter") << u"/ticker?rate=1&rate=2"_s << u"more than once"_s;
    QTest::newRow("index takes none") << u"/?x=1"_s << u"x"_s;
    QTest::newRow("llm fault") << u"/llm/anthropic?fault=boom"_s << u"fault"_s;
    QTest::newRow("llm tools") << u"/llm/openai-chat?tools=2"_s << u"tools"_s;
    QTest::newRow("burst count zero") << u"/burst?count=0"_s << u"count"_s;
    QTest::newRow("burst not sse") << u"/burst?file=/etc/passwd"_s << u".sse"_s;
    QTest::newRow("burst missing file") << u"/burst?file=/nonexistent/x.sse"_s << u"not a file"_s;
    QTest::newRow("burst both") << u"/burst?count=5&file=/tmp/x.sse"_s << u"either"_s;
    QTest::newRow("flaky every zero") << u"/flaky?every=0"_s << u"every"_s;
    QTest::newRow("flaky seed negative") << u"/flaky?seed=-3"_s << u"seed"_s;
    QTest::newRow("errors every text") << u"/errors?every=often"_s << u"every"_s;
    QTest::newRow("status code 99") << u"/status?code=99"_s << u"code"_s;
    QTest::newRow("status code 600") << u"/status?code=600"_s << u"code"_s;
    QTest::newRow("status n") << u"/status?n=x"_s << u"n"_s;
    QTest::newRow("status retry_after") << u"/status?retry_after=-1"_s << u"retry_after"_s;
    QTest::newRow("content-type control") << u"/content-type?type=a%0Db"_s << u"type"_s;
    QTest::newRow("stall heartbeat tiny") << u"/stall?heartbeat=5"_s << u"heartbeat"_s;
    QTest::newRow("stall events") << u"/stall?events=100000"_s << u"events"_s;
    QTest::newRow("slow delay zero") << u"/slow?delay=0"_s << u"delay"_s;
    QTest::newRow("slow chunk") << u"/slow?chunk=0"_s << u"chunk"_s;
    QTest::newRow("huge size zero") << u"/huge?size=0"_s << u"size"_s;
    QTest::newRow("huge size too big") << u"/huge?size=999999999999"_s << u"size"_s;
    QTest::newRow("huge mode") << u"/huge?mode=forever"_s << u"mode"_s;
    QTest::newRow("redirect code") << u"/redirect?code=200"_s << u"code"_s;
    QTest::newRow("redirect absolute") << u"/redirect?to=http://example.com/"_s << u"to"_s;
    QTest::newRow("redirect protocol relative") << u"/redirect?to=//example.com/"_s << u"to"_s;
    QTest::newRow("redirect origin") << u"/redirect?origin=third"_s << u"origin"_s;
    QTest::newRow("redirect hops") << u"/redirect?hops=0"_s << u"hops"_s;
    QTest::newRow("auth rate") << u"/auth?rate=x"_s << u"rate"_s;
    QTest::newRow("unicode count") << u"/unicode?count=x"_s << u"count"_s;
    QTest::newRow("crlf") << u"/crlf?bogus"_s << u"bogus"_s;
    QTest::newRow("cr") << u"/cr?rate="_s << u"rate"_s;
    QTest::newRow("bom") << u"/bom?count=1.5"_s << u"count"_s;
    QTest::newRow("comments") << u"/comments?rate=-2"_s << u"rate"_s;
}

void TestScenarioServer::badParameters()
{
    QFETCH(QString, target);
    QFETCH(QString, mentions);

    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(m_server->url(target))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), Timeout);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
    QVERIFY(reply->rawHeader("Content-Type").startsWith("text/plain"));
    const QString text = QString::fromUtf8(reply->readAll());
    QVERIFY2(text.contains(mentions), qPrintable(text));

    // EventSource treats it as a permanent failure.
    Client client(m_server->url(target));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.failed(), Timeout);
    QCOMPARE(client.errors.constLast().httpStatus, 400);
}

void TestScenarioServer::ticker()
{
    Client client(m_server->url(u"/ticker?rate=100&count=5&event=tick&retry=30"_s));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);

    QCOMPARE(client.ids(), idRange(1, 5));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 5; ++i) {
        const sse::Event &e = client.events.at(i);
        QCOMPARE(e.type, "tick");
        QVERIFY(e.hasId);
        const QJsonObject payload = json(e);
        QCOMPARE(payload.value(u"seq").toInt(), i + 1);
        QVERIFY(qAbs(qint64(payload.value(u"ts").toDouble()) - now) < 60000);
        QVERIFY(payload.value(u"value").isDouble());
    }
    QCOMPARE(client.source.reconnectionTimeMs(), qint64(30));
    QVERIFY(client.errors.isEmpty());

    // The reconnect after the last event carried Last-Event-ID and got 204.
    const auto requests = requestsTo(*m_server, "/ticker");
    QCOMPARE(requests.size(), 2);
    QVERIFY(!requests.at(0).hasHeader("Last-Event-ID"));
    QCOMPARE(requests.at(1).header("Last-Event-ID"), "5");
}

void TestScenarioServer::tickerResumesAfterLastEventId()
{
    Client client(m_server->url(u"/ticker?rate=100&count=10"_s), {}, "7");
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);
    QCOMPARE(client.ids(), idRange(8, 10));
    QCOMPARE(client.events.constFirst().type, "message");
}

void TestScenarioServer::fiftyConcurrentTickers()
{
    constexpr int Count = 50;
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < Count; ++i) {
        clients.push_back(std::make_unique<Client>(m_server->url(u"/ticker?rate=20"_s)));
        clients.back()->source.open();
    }
    for (const auto &client : clients)
        QTRY_VERIFY_WITH_TIMEOUT(client->events.size() >= 3, Timeout);
    // All fifty are live at once, each with its own timer.
    QCOMPARE(m_server->httpServer()->openConnectionCount(), Count);
    QCOMPARE(m_server->activeTimerCount(), Count);
    for (const auto &client : clients) {
        QVERIFY(client->errors.isEmpty());
        QCOMPARE(client->ids().mid(0, 3), idRange(1, 3));
    }
    for (const auto &client : clients)
        client->source.close();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->httpServer()->openConnectionCount(), 0, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->activeTimerCount(), 0, Timeout);
}

void TestScenarioServer::burstGenerated()
{
    constexpr int Count = 20000;
    Client client(m_server->url(u"/burst?count=%1"_s.arg(Count)));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);

    QCOMPARE(client.events.size(), Count);
    QCOMPARE(client.ids(), idRange(1, Count));
    // Byte for byte what gen_workloads.py writes into small.sse (values computed with it).
    QCOMPARE(client.events.at(0).type, "tick");
    QCOMPARE(client.events.at(0).data, R"({"seq":1,"ts":1700000000037,"value":4234.883})");
    QCOMPARE(client.events.at(1).data, R"({"seq":2,"ts":1700000000074,"value":9995.897})");
    QCOMPARE(client.events.at(999).data, R"({"seq":1000,"ts":1700000037000,"value":7841.923})");
    QCOMPARE(client.events.at(Count - 1).data,
             R"({"seq":20000,"ts":1700000740000,"value":9913.058})");
    QVERIFY(client.errors.isEmpty());
}

void TestScenarioServer::burstFromFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"w.sse"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("id: a\nevent: one\ndata: first\n\n: comment\ndata: second\r\n\r\n");
    }
    QUrlQuery query;
    query.addQueryItem(u"file"_s, path);
    QUrl url = m_server->url(u"/burst"_s);
    url.setQuery(query);

    Client client(url);
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.events.size() >= 2, Timeout);
    client.source.close(); // a file has no resumption point: it would be sent again
    QCOMPARE(client.events.at(0).type, "one");
    QCOMPARE(client.events.at(0).data, "first");
    QCOMPARE(client.events.at(1).data, "second");
    QCOMPARE(client.events.at(1).lastEventId, "a");
    QCOMPARE(client.comments.constFirst(), " comment");
}

void TestScenarioServer::burstKeepsMemoryBoundedAndLoopResponsive()
{
    // A client that asks for a huge burst and then reads nothing.
    QTcpSocket stuck;
    stuck.setReadBufferSize(64 * 1024);
    stuck.connectToHost(QHostAddress::LocalHost, m_server->port());
    stuck.write("GET /burst?count=100000000 HTTP/1.1\r\nHost: x\r\n\r\n");

    QPointer<sse::HttpResponder> responder;
    QTRY_VERIFY_WITH_TIMEOUT(
            (responder = m_server->httpServer()->findChild<sse::HttpResponder *>()) != nullptr,
            Timeout);
    // The kernel buffers fill up, then the server's queue reaches the high-water mark and stays.
    QTRY_VERIFY_WITH_TIMEOUT(responder->bytesToWrite() >= sse::ScenarioServer::HighWaterBytes,
                             Timeout);

    // Meanwhile other clients are served normally.
    Client client(m_server->url(u"/ticker?rate=100&count=5"_s));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);
    QCOMPARE(client.ids(), idRange(1, 5));

    QVERIFY(responder);
    QVERIFY2(responder->bytesToWrite() < sse::ScenarioServer::HighWaterBytes + 512 * 1024,
             QByteArray::number(responder->bytesToWrite()).constData());
    stuck.abort();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->httpServer()->openConnectionCount(), 0, Timeout);
}

void TestScenarioServer::flaky()
{
    Client client(m_server->url(u"/flaky?every=3&rate=100&count=20&retry=20"_s));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);

    QCOMPARE(client.ids(), idRange(1, 20)); // nothing lost, nothing twice
    QCOMPARE(client.source.reconnectionTimeMs(), qint64(20));
    const auto requests = requestsTo(*m_server, "/flaky");
    // 20 events, 3 per connection: resets after 3, 6, ..., 18, the end after 20, then 204.
    QCOMPARE(requests.size(), 8);
    for (int i = 1; i < 7; ++i)
        QCOMPARE(requests.at(i).header("Last-Event-ID"), QByteArray::number(i * 3));
    QCOMPARE(requests.at(7).header("Last-Event-ID"), "20");
    // Each cut chunked body is a network error ("Connection closed", not a clean end): seven
    // losses, each followed by a reconnect.
    QCOMPARE(client.reconnects.size(), 7);
}

void TestScenarioServer::flakySeededIsReproducible()
{
    QList<QByteArray> resumePoints[2];
    for (auto &points : resumePoints) {
        Client client(m_server->url(u"/flaky?every=4&seed=42&rate=200&count=30&retry=10"_s));
        client.source.open();
        QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);
        QCOMPARE(client.ids(), idRange(1, 30));
        for (const auto &request : requestsTo(*m_server, "/flaky"))
            points.append(request.header("Last-Event-ID"));
        cleanup();
        init();
    }
    QCOMPARE(resumePoints[0], resumePoints[1]);
    QVERIFY(resumePoints[0].size() >= 4);
    // Not every connection carried the same number of events.
    QSet<int> lengths;
    for (int i = 1; i + 1 < resumePoints[0].size(); ++i)
        lengths.insert(resumePoints[0].at(i).toInt() - resumePoints[0].at(i - 1).toInt());
    QVERIFY(lengths.size() > 1);
}

void TestScenarioServer::errors()
{
    Client client(m_server->url(u"/errors?every=2&rate=100&count=9"_s));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);

    QCOMPARE(client.ids(), idRange(1, 9));
    for (const sse::Event &e : std::as_const(client.events)) {
        const bool isError = e.lastEventId.toInt() % 3 == 0;
        QCOMPARE(e.type, isError ? "error" : "message");
        const QJsonObject payload = json(e);
        if (isError) {
            QVERIFY(!payload.value(u"code").toString().isEmpty());
            QVERIFY(!payload.value(u"message").toString().isEmpty());
        } else {
            QCOMPARE(payload.value(u"seq").toInt(), e.lastEventId.toInt());
        }
    }
    QCOMPARE(client.errorCount(sse::ErrorKind::ServerReported), 3);
    QVERIFY(client.errors.constFirst().message.contains(u"upstream_timeout"));
}

void TestScenarioServer::statusThenStream()
{
    Client client(m_server->url(u"/status?code=503&n=2&retry_after=0&rate=100&count=2"_s));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);

    QCOMPARE(client.errorCount(sse::ErrorKind::HttpStatus), 2);
    for (const sse::Error &e : std::as_const(client.errors)) {
        QCOMPARE(e.httpStatus, 503);
        QVERIFY(!e.permanent);
    }
    QCOMPARE(client.ids(), idRange(1, 2));
    QCOMPARE(client.responses.constFirst().header("Retry-After"), "0");
}

void TestScenarioServer::statusRetryAfter()
{
    Client client(m_server->url(u"/status?code=429&n=1&retry_after=1&rate=100&count=1"_s));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);
    QCOMPARE(client.responses.constFirst().status, 429);
    QCOMPARE(client.responses.constFirst().header("Retry-After"), "1");
    QVERIFY(client.reconnects.constFirst().delayMs >= 1000);
    QCOMPARE(client.ids(), idRange(1, 1));
}

void TestScenarioServer::statusFinal_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("failed");

    QTest::newRow("204 stops") << 204 << false;
    QTest::newRow("401 fails") << 401 << true;
    QTest::newRow("404 fails") << 404 << true;
    QTest::newRow("410 fails") << 410 << true;
}

void TestScenarioServer::statusFinal()
{
    QFETCH(int, code);
    QFETCH(bool, failed);

    Client client(m_server->url(u"/status?code=%1"_s.arg(code)));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), Timeout);
    QCOMPARE(client.failed(), failed);
    QCOMPARE(client.endedByServer(), !failed);
    QCOMPARE(client.responses.size(), 1);
    QCOMPARE(client.responses.constFirst().status, code);
    if (failed)
        QCOMPARE(client.errors.constLast().httpStatus, code);
    QCOMPARE(requestsTo(*m_server, "/status").size(), 1);
}

void TestScenarioServer::contentType_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("text/plain") << u"text/plain"_s << false;
    QTest::newRow("application/json") << u"application/json"_s << false;
    QTest::newRow("no header") << u"none"_s << false;
    QTest::newRow("near miss") << u"text/event-streams"_s << false;
    QTest::newRow("with charset") << u"text/event-stream; charset=utf-8"_s << true;
    QTest::newRow("upper case") << u"TEXT/Event-Stream"_s << true;
}

void TestScenarioServer::contentType()
{
    QFETCH(QString, type);
    QFETCH(bool, accepted);

    QUrlQuery query;
    query.addQueryItem(u"type"_s, QString::fromLatin1(QUrl::toPercentEncoding(type)));
    query.addQueryItem(u"rate"_s, u"100"_s);
    query.addQueryItem(u"count"_s, u"2"_s);
    QUrl url = m_server->url(u"/content-type"_s);
    url.setQuery(query);

    Client client(url);
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), Timeout);
    const QByteArray sent = client.responses.constFirst().header("Content-Type");
    QCOMPARE(sent, type == u"none" ? QByteArray() : type.toUtf8());
    if (accepted) {
        QVERIFY(client.endedByServer());
        QCOMPARE(client.ids(), idRange(1, 2));
    } else {
        QVERIFY(client.failed());
        QCOMPARE(client.errorCount(sse::ErrorKind::ContentType), 1);
        QVERIFY(client.events.isEmpty());
    }
}

void TestScenarioServer::stallSilent()
{
    Client client(m_server->url(u"/stall?events=2"_s));
    client.source.setIdleTimeout(300);
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.errorCount(sse::ErrorKind::IdleTimeout) >= 1, Timeout);
    QCOMPARE(client.ids().mid(0, 2), idRange(1, 2));
    client.source.close();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->httpServer()->openConnectionCount(), 0, Timeout);
}

void TestScenarioServer::stallHeartbeat()
{
    Client client(m_server->url(u"/stall?events=1&heartbeat=20"_s));
    client.source.setIdleTimeout(400);
    client.source.open();
    // 30 heartbeats take at least 580 ms: longer than the idle timeout, which never fires.
    QTRY_VERIFY_WITH_TIMEOUT(client.comments.size() >= 30, Timeout);
    QCOMPARE(client.errorCount(sse::ErrorKind::IdleTimeout), 0);
    QCOMPARE(client.ids(), idRange(1, 1));
    QVERIFY(client.comments.constFirst().isEmpty());
    QCOMPARE(client.source.state(), sse::EventSource::State::Open);
    QCOMPARE(m_server->activeTimerCount(), 1);
    client.source.close();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->activeTimerCount(), 0, Timeout);
}

void TestScenarioServer::slow()
{
    Client client(m_server->url(u"/slow?delay=1&count=3"_s));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);
    QCOMPARE(client.ids(), idRange(1, 3));
    for (const sse::Event &e : std::as_const(client.events))
        QCOMPARE(json(e).value(u"seq").toInt(), e.lastEventId.toInt());
    QVERIFY(client.reads > 1);

    // 7 bytes every 20 ms: ~16 writes for two events, far enough apart to arrive one by one.
    Client chunked(m_server->url(u"/slow?delay=20&chunk=7&count=2"_s));
    chunked.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(chunked.endedByServer(), Timeout);
    QCOMPARE(chunked.ids(), idRange(1, 2));
    QVERIFY2(chunked.reads >= 8, QByteArray::number(chunked.reads).constData());
}

void TestScenarioServer::hugeEvent()
{
    constexpr int Size = 3'000'000;
    Client client(m_server->url(u"/huge?size=%1"_s.arg(Size)));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);
    QCOMPARE(client.events.size(), 1);
    QCOMPARE(client.events.constFirst().data.size(), Size);
    QVERIFY(client.events.constFirst().data.startsWith("abcdefghijklmnopqrstuvwxyzABCDEF"));
    QCOMPARE(client.events.constFirst().lastEventId, "1");
}

void TestScenarioServer::hugeEndlessLine()
{
    Client client(m_server->url(u"/huge?mode=line"_s));
    client.source.setMaxEventBytes(1024 * 1024);
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.errorCount(sse::ErrorKind::Protocol) >= 1, Timeout);
    QVERIFY(client.events.isEmpty());
    client.source.close();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->httpServer()->openConnectionCount(), 0, Timeout);
}

void TestScenarioServer::redirect_data()
{
    QTest::addColumn<int>("code");
    for (int code : {301, 302, 303, 307, 308})
        QTest::addRow("%d", code) << code;
}

void TestScenarioServer::redirect()
{
    QFETCH(int, code);
    Client client(m_server->url(
            u"/redirect?code=%1&to=%2"_s.arg(code).arg(u"/ticker%3Frate%3D100%26count%3D2"_s)));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);
    QCOMPARE(client.ids(), idRange(1, 2));
    const sse::ResponseInfo &response = client.responses.constFirst();
    QCOMPARE(response.redirects.size(), 1);
    QCOMPARE(response.redirects.constFirst().path(), u"/redirect");
    QCOMPARE(response.url, m_server->url(u"/ticker?rate=100&count=2"_s));
}

void TestScenarioServer::redirectChain()
{
    Client three(m_server->url(u"/redirect?hops=3&to=/ticker%3Fcount%3D1"_s));
    three.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(three.endedByServer(), Timeout);
    QCOMPARE(three.responses.constFirst().redirects.size(), 3);
    QCOMPARE(three.ids(), idRange(1, 1));

    Client tooMany(m_server->url(u"/redirect?hops=%1"_s.arg(sse::EventSource::MaxRedirects + 1)));
    tooMany.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(tooMany.failed(), Timeout);
    QCOMPARE(tooMany.errorCount(sse::ErrorKind::Redirect), 1);
}

void TestScenarioServer::redirectToSecondOriginDropsCredentials()
{
    const sse::Header token{"Authorization", "Bearer " + m_server->authToken(), true};

    // Same origin: the token goes along and the stream opens.
    Client same(m_server->url(u"/redirect?to=/auth%3Fcount%3D1"_s), {token});
    same.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(same.endedByServer(), Timeout);
    QCOMPARE(same.ids(), idRange(1, 1));

    // Second origin: the token is dropped, so /auth answers 401.
    Client other(m_server->url(u"/redirect?origin=second&to=/auth%3Fcount%3D1"_s), {token});
    other.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(other.failed(), Timeout);
    QCOMPARE(other.errors.constLast().httpStatus, 401);
    QCOMPARE(other.responses.constFirst().url.port(), int(m_server->secondPort()));

    const auto authRequests = requestsTo(*m_server, "/auth");
    QCOMPARE(authRequests.size(), 3); // same: stream + 204; second origin: 401
    QCOMPARE(authRequests.at(0).localPort, m_server->port());
    QVERIFY(authRequests.at(0).hasHeader("Authorization"));
    QCOMPARE(authRequests.at(2).localPort, m_server->secondPort());
    QVERIFY(!authRequests.at(2).hasHeader("Authorization"));
}

void TestScenarioServer::auth()
{
    Client anonymous(m_server->url(u"/auth"_s));
    anonymous.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(anonymous.failed(), Timeout);
    QCOMPARE(anonymous.errors.constLast().httpStatus, 401);
    QVERIFY(anonymous.responses.constFirst().header("WWW-Authenticate").startsWith("Bearer"));

    Client wrong(m_server->url(u"/auth"_s), {{"Authorization", "Bearer nope", true}});
    wrong.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(wrong.failed(), Timeout);
    QCOMPARE(wrong.errors.constLast().httpStatus, 401);

    m_server->setAuthToken("s3cret");
    Client right(m_server->url(u"/auth?rate=100&count=2"_s),
                 {{"Authorization", "bearer s3cret", true}});
    right.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(right.endedByServer(), Timeout);
    QCOMPARE(right.ids(), idRange(1, 2));
}

void TestScenarioServer::gzip()
{
    // Endless at 20/s: two events arriving on a still-open stream proves the per-event flush.
    Client client(m_server->url(u"/gzip?rate=20"_s));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.events.size() >= 2, Timeout);
    QCOMPARE(client.source.state(), sse::EventSource::State::Open);
    QCOMPARE(client.responses.constFirst().header("Content-Encoding"), "gzip");
    QCOMPARE(client.ids().mid(0, 2), idRange(1, 2));
    QCOMPARE(json(client.events.at(1)).value(u"seq").toInt(), 2);
    client.source.close();

    // With an end: the gzip trailer is written and the stream ends cleanly.
    Client finite(m_server->url(u"/gzip?rate=100&count=3"_s));
    finite.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(finite.endedByServer(), Timeout);
    QCOMPARE(finite.ids(), idRange(1, 3));
    QVERIFY(finite.errors.isEmpty());
}

void TestScenarioServer::formatting_data()
{
    QTest::addColumn<QString>("path");
    QTest::addRow("crlf") << u"/crlf"_s;
    QTest::addRow("cr") << u"/cr"_s;
    QTest::addRow("bom") << u"/bom"_s;
    QTest::addRow("comments") << u"/comments"_s;
    QTest::addRow("unicode") << u"/unicode"_s;
}

void TestScenarioServer::formatting()
{
    QFETCH(QString, path);
    Client client(m_server->url(path + u"?rate=100&count=3"_s));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);

    // Exactly three events, each with its id (after a BOM too), nothing from comment blocks.
    QCOMPARE(client.ids(), idRange(1, 3));
    for (const sse::Event &e : std::as_const(client.events)) {
        QVERIFY(e.hasId);
        QCOMPARE(e.type, "message");
        QCOMPARE(json(e).value(u"seq").toInt(), e.lastEventId.toInt());
    }
    QVERIFY(client.errors.isEmpty());
    if (path == u"/comments")
        QCOMPARE(client.comments.size(), 9);
    else
        QVERIFY(client.comments.isEmpty());
    if (path == u"/unicode") {
        // As gen_workloads.py's unicode.sse (values computed with it).
        QCOMPARE(QString::fromUtf8(client.events.at(0).data),
                 u"{\"seq\":1,\"msg\":\"ト漢字中文字符한국어데이터 😀🚀🎉\"}"_s);
        QCOMPARE(client.events.at(0).data.size(), 70);
        QCOMPARE(client.events.at(1).data.size(), 75);
    }
}

void TestScenarioServer::timersStopWhenClientsLeave()
{
    const QStringList paths = {u"/ticker?rate=50"_s, u"/stall?heartbeat=20"_s,
                               u"/slow?delay=5&count=0"_s, u"/flaky?rate=50&every=1000"_s,
                               u"/gzip?rate=50"_s, u"/comments?rate=50"_s,
                               u"/llm/openai-chat?fault=stall&stall=60000&ttft=0&token=1"_s};
    std::vector<std::unique_ptr<Client>> clients;
    for (const QString &path : paths) {
        clients.push_back(std::make_unique<Client>(m_server->url(path)));
        clients.back()->source.open();
    }
    for (const auto &client : clients)
        QTRY_VERIFY_WITH_TIMEOUT(client->reads >= 3, Timeout);
    QCOMPARE(m_server->activeTimerCount(), int(paths.size()));
    for (const auto &client : clients)
        client->source.close();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->httpServer()->openConnectionCount(), 0, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->activeTimerCount(), 0, Timeout);
}

void TestScenarioServer::llmBodyMustBeJson()
{
    QNetworkAccessManager nam;
    QNetworkRequest request(m_server->url(u"/llm/anthropic"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    std::unique_ptr<QNetworkReply> reply(nam.post(request, QByteArray("model=claude")));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), Timeout);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
    QVERIFY(reply->readAll().contains("not a JSON object"));
}

void TestScenarioServer::requestServedReportsStatus()
{
    QSignalSpy served(m_server.get(), &sse::ScenarioServer::requestServed);
    Client client(m_server->url(u"/status?code=500&n=1&retry_after=0&rate=100&count=1"_s));
    client.source.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.endedByServer(), Timeout);
    QCOMPARE(served.size(), 3);
    QList<int> statuses;
    for (const auto &arguments : std::as_const(served))
        statuses.append(arguments.at(1).toInt());
    QCOMPARE(statuses, (QList<int>{500, 200, 204}));
    const auto last = served.constLast().at(0).value<sse::HttpRequest>();
    QCOMPARE(last.header("Last-Event-ID"), "1");
}

QTEST_GUILESS_MAIN(TestScenarioServer)
#include "tst_scenarioserver.moc"
