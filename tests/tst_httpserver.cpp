#include "httpserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr int Timeout = 10000;

/** A raw client: sends bytes, collects everything until the server closes. */
struct RawClient
{
    QTcpSocket socket;
    QByteArray received;
    bool closed = false;

    explicit RawClient(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                         [this] { received += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [this] {
            if (socket.isOpen())
                received += socket.readAll();
            closed = true;
        });
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    }
    void send(const QByteArray &bytes) { socket.write(bytes); }
    int status() const
    {
        if (!received.startsWith("HTTP/1.1 ") || received.size() < 12)
            return 0;
        return received.mid(9, 3).toInt();
    }
    /** The body, with chunked transfer encoding undone when the head announced it. */
    QByteArray body() const { return decodedBody().first; }
    /** The chunked body's last (empty) chunk arrived: the server ended the body normally. */
    bool bodyComplete() const { return decodedBody().second; }
    QPair<QByteArray, bool> decodedBody() const
    {
        const qsizetype end = received.indexOf("\r\n\r\n");
        if (end < 0)
            return {};
        const QByteArray raw = received.mid(end + 4);
        if (!received.left(end).toLower().contains("\r\ntransfer-encoding: chunked"))
            return {raw, false};
        QByteArray out;
        qsizetype pos = 0;
        for (;;) {
            const qsizetype lineEnd = raw.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return {out, false};
            bool ok = false;
            const qsizetype size = raw.mid(pos, lineEnd - pos).toLongLong(&ok, 16);
            if (!ok)
                return {out, false};
            if (size == 0)
                return {out, true};
            if (raw.size() < lineEnd + 2 + size)
                return {out + raw.mid(lineEnd + 2), false};
            out += raw.mid(lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
    }
};

} // namespace

class TestHttpServer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestHeaderLookup();
    void getWithQueryAndHeaders();
    void postBody();
    void bodyArrivingInPieces();
    void malformedRequest_data();
    void malformedRequest();
    void garbageNeverCrashes();
    void oversizedHead();
    void streamingBodyIsIncremental();
    void abortIsAnErrorForTheClient();
    void abortAllDropsEveryConnection();
    void callsAfterDisconnectAreNoOps();
    void twoListeningPorts();
    void fiftyConcurrentStreams();
    void recordedRequestsAreCapped();
};

void TestHttpServer::requestHeaderLookup()
{
    sse::HttpRequest request;
    request.target = "/a/b?x=1&y=2";
    request.localPort = 1234;
    request.headers = {{"Content-Type", "text/plain"}, {"X-Twice", "first"}, {"x-twice", "second"}};
    QCOMPARE(request.header("content-type"), "text/plain");
    QCOMPARE(request.header("CONTENT-TYPE"), "text/plain");
    QCOMPARE(request.header("x-TWICE"), "first");
    QVERIFY(request.hasHeader("X-TWICE"));
    QVERIFY(!request.hasHeader("Missing"));
    QVERIFY(request.header("Missing").isEmpty());
    QCOMPARE(request.path(), "/a/b");
    QCOMPARE(request.url(), QUrl(u"http://127.0.0.1:1234/a/b?x=1&y=2"_s));
}

void TestHttpServer::getWithQueryAndHeaders()
{
    sse::HttpServer server;
    QVERIFY(server.listen() != 0);
    server.setHandler([](const sse::HttpRequest &request, sse::HttpResponder *responder) {
        responder->respond(200, "text/plain", "token=" + request.header("x-token"),
                           {{"X-Reply", "yes"}});
    });
    QSignalSpy received(&server, &sse::HttpServer::requestReceived);

    QNetworkAccessManager nam;
    QNetworkRequest request(server.url(u"/hello/world?a=1&b=two"_s));
    request.setRawHeader("X-Token", "abc");
    std::unique_ptr<QNetworkReply> reply(nam.get(request));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), Timeout);

    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->rawHeader("x-reply"), "yes");
    QCOMPARE(reply->rawHeader("Connection"), "close");
    QCOMPARE(reply->readAll(), "token=abc");

    QCOMPARE(received.size(), 1);
    QCOMPARE(server.requests().size(), 1);
    const sse::HttpRequest &seen = server.requests().constFirst();
    QCOMPARE(seen.method, "GET");
    QCOMPARE(seen.target, "/hello/world?a=1&b=two");
    QCOMPARE(seen.path(), "/hello/world");
    QCOMPARE(seen.version, "HTTP/1.1");
    QCOMPARE(seen.localPort, server.port());
    QCOMPARE(seen.header("X-TOKEN"), "abc");
    QCOMPARE(received.at(0).at(0).value<sse::HttpRequest>().target, seen.target);
}

void TestHttpServer::postBody()
{
    sse::HttpServer server;
    QVERIFY(server.listen() != 0);
    server.setHandler([](const sse::HttpRequest &request, sse::HttpResponder *responder) {
        responder->respond(201, "application/octet-stream", request.body);
    });

    QByteArray body(100000, 'x');
    body[0] = 'A';
    body[body.size() - 1] = 'Z';
    QNetworkAccessManager nam;
    QNetworkRequest request(server.url(u"/submit"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/octet-stream"_s);
    std::unique_ptr<QNetworkReply> reply(nam.post(request, body));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), Timeout);

    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    QCOMPARE(reply->readAll(), body);
    QCOMPARE(server.requests().constFirst().method, "POST");
    QCOMPARE(server.requests().constFirst().body, body);
}

void TestHttpServer::bodyArrivingInPieces()
{
    sse::HttpServer server;
    QVERIFY(server.listen() != 0);
    server.setHandler([](const sse::HttpRequest &request, sse::HttpResponder *responder) {
        responder->respond(200, "text/plain", request.body);
    });

    RawClient client(server.port());
    QTRY_COMPARE_WITH_TIMEOUT(client.socket.state(), QAbstractSocket::ConnectedState, Timeout);
    client.send("PUT /x HTTP/1.1\r\nHost: a\r\nContent-Len");
    client.socket.flush();
    QTRY_COMPARE_WITH_TIMEOUT(client.socket.bytesToWrite(), 0, Timeout);
    client.send("gth: 10\r\n\r\n01234");
    QTRY_COMPARE_WITH_TIMEOUT(client.socket.bytesToWrite(), 0, Timeout);
    // A complete request on another connection gives the server time to (wrongly) answer.
    RawClient barrier(server.port());
    barrier.send("GET / HTTP/1.1\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(barrier.closed, Timeout);
    QCOMPARE(server.requests().size(), 1);
    QVERIFY(client.received.isEmpty());
    client.send("56789");
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, Timeout);
    QCOMPARE(client.status(), 200);
    QCOMPARE(client.body(), "0123456789");
}

void TestHttpServer::malformedRequest_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");

    QTest::newRow("garbage line") << QByteArray("hello there\r\n\r\n") << 400;
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
    QTest::newRow("double space") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("bad method") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("absolute target") << QByteArray("GET http://x/ HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("bad version") << QByteArray("GET / HTTX/1.1\r\n\r\n") << 400;
    QTest::newRow("http 2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost a\r\n\r\n") << 400;
    QTest::newRow("header name with space")
            << QByteArray("GET / HTTP/1.1\r\nBad Name: 1\r\n\r\n") << 400;
    QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: 1\r\n  more\r\n\r\n") << 400;
    QTest::newRow("control char in value")
            << QByteArray("GET / HTTP/1.1\r\nA: x\x01y\r\n\r\n") << 400;
    QTest::newRow("bad content-length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 12x\r\n\r\n") << 400;
    QTest::newRow("negative content-length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("conflicting content-length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") << 400;
    QTest::newRow("chunked body")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n")
            << 411;
    QTest::newRow("body too large")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 16777217\r\n\r\n") << 413;
    QTest::newRow("binary")
            << QByteArray("\x00\xff\xfe\x16\x03\x01\x02\x00\r\n\r\n", 12) << 400;
}

void TestHttpServer::malformedRequest()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);

    sse::HttpServer server;
    QVERIFY(server.listen() != 0);
    bool handled = false;
    server.setHandler([&handled](const sse::HttpRequest &, sse::HttpResponder *responder) {
        handled = true;
        responder->respond(200, "text/plain", "ok");
    });

    RawClient client(server.port());
    client.send(request);
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, Timeout);
    QCOMPARE(client.status(), status);
    QVERIFY(client.received.contains("Content-Type: text/plain"));
    QVERIFY(client.received.contains("Connection: close"));
    QVERIFY2(client.body().size() > 5, client.received.constData()); // an explanation
    QVERIFY(!handled);
    QVERIFY(server.requests().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 0, Timeout);
}

void TestHttpServer::garbageNeverCrashes()
{
    sse::HttpServer server;
    QVERIFY(server.listen() != 0);
    server.setHandler([](const sse::HttpRequest &, sse::HttpResponder *responder) {
        responder->respond(200, "text/plain", "ok");
    });

    // Deterministic pseudo-random bytes, with and without a head terminator.
    quint32 seed = 12345;
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 20; ++i) {
        QByteArray bytes;
        for (int j = 0; j < 300 + i * 50; ++j) {
            seed = seed * 1103515245u + 12345u;
            bytes += char(seed >> 24);
        }
        if (i % 2 == 0)
            bytes += "\r\n\r\n";
        clients.push_back(std::make_unique<RawClient>(server.port()));
        clients.back()->send(bytes);
    }
    for (auto &client : clients) {
        if (client->closed)
            continue;
        // Odd rows have no terminator: the server waits for more; the client gives up.
        QTRY_VERIFY_WITH_TIMEOUT(client->closed || client->socket.bytesToWrite() == 0, Timeout);
    }
    for (int i = 0; i < 20; i += 2)
        QTRY_VERIFY_WITH_TIMEOUT(clients[i]->closed, Timeout);
    clients.clear();
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 0, Timeout);

    // The server still works afterwards.
    RawClient good(server.port());
    good.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(good.closed, Timeout);
    QCOMPARE(good.status(), 200);
}

void TestHttpServer::oversizedHead()
{
    sse::HttpServer server;
    QVERIFY(server.listen() != 0);
    server.setHandler([](const sse::HttpRequest &, sse::HttpResponder *responder) {
        responder->respond(200, "text/plain", "ok");
    });

    // Just under the limit is accepted ...
    {
        RawClient client(server.port());
        client.send("GET / HTTP/1.1\r\nX-Big: " + QByteArray(60 * 1024, 'a') + "\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Timeout);
        QCOMPARE(client.status(), 200);
    }
    // ... over it is refused, whether or not the head ever ends.
    for (const QByteArray &end : {QByteArray("\r\n\r\n"), QByteArray()}) {
        RawClient client(server.port());
        client.send("GET / HTTP/1.1\r\nX-Big: " + QByteArray(70 * 1024, 'a') + end);
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, Timeout);
        QCOMPARE(client.status(), 431);
    }
    QCOMPARE(server.requests().size(), 1);
}

void TestHttpServer::streamingBodyIsIncremental()
{
    sse::HttpServer server;
    QVERIFY(server.listen() != 0);
    QPointer<sse::HttpResponder> stream;
    server.setHandler([&stream](const sse::HttpRequest &, sse::HttpResponder *responder) {
        responder->writeHead(200, {{"Content-Type", "text/event-stream"}});
        responder->write("data: one\n\n");
        stream = responder;
    });

    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(server.url(u"/events"_s))));
    QByteArray body;
    connect(reply.get(), &QNetworkReply::readyRead, this, [&] { body += reply->readAll(); });

    QTRY_COMPARE_WITH_TIMEOUT(body, QByteArray("data: one\n\n"), Timeout);
    QVERIFY(!reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->header(QNetworkRequest::ContentLengthHeader).isNull());
    QVERIFY(stream);
    QVERIFY(stream->isConnected());

    stream->write("data: two\n\n");
    QTRY_COMPARE_WITH_TIMEOUT(body, QByteArray("data: one\n\ndata: two\n\n"), Timeout);
    QVERIFY(!reply->isFinished());

    QSignalSpy disconnected(stream.data(), &sse::HttpResponder::disconnected);
    stream->write("data: three\n\n");
    stream->close();
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), Timeout);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(body, QByteArray("data: one\n\ndata: two\n\ndata: three\n\n"));
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(stream.isNull(), Timeout); // deleted after disconnect
}

void TestHttpServer::abortIsAnErrorForTheClient()
{
    sse::HttpServer server;
    QVERIFY(server.listen() != 0);
    QPointer<sse::HttpResponder> stream;
    server.setHandler([&stream](const sse::HttpRequest &, sse::HttpResponder *responder) {
        // A declared length that is never reached makes the abrupt end visible to any client.
        responder->writeHead(200, {{"Content-Type", "text/plain"}, {"Content-Length", "1000"}});
        responder->write("partial");
        stream = responder;
    });

    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(server.url(u"/"_s))));
    QByteArray body;
    connect(reply.get(), &QNetworkReply::readyRead, this, [&] { body += reply->readAll(); });
    QTRY_COMPARE_WITH_TIMEOUT(body, QByteArray("partial"), Timeout);
    QVERIFY(stream);
    stream->abort();
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), Timeout);
    QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);

    // A raw client sees the connection end without the server's unsent bytes.
    RawClient raw(server.port());
    raw.send("GET / HTTP/1.1\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(raw.body().endsWith("partial"), Timeout);
    QVERIFY(stream);
    QVERIFY(stream->isConnected());
    stream->abort();
    QVERIFY(!stream || !stream->isConnected());
    QTRY_VERIFY_WITH_TIMEOUT(raw.closed, Timeout);
    QVERIFY(raw.body().endsWith("partial"));
    QVERIFY(!raw.bodyComplete()); // the client can tell the body was cut short
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 0, Timeout);
}

void TestHttpServer::abortAllDropsEveryConnection()
{
    sse::HttpServer server;
    QVERIFY(server.listen() != 0);
    server.setHandler([](const sse::HttpRequest &, sse::HttpResponder *responder) {
        responder->writeHead(200, {{"Content-Type", "text/event-stream"}});
        responder->write(": hello\n\n");
    });
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(std::make_unique<RawClient>(server.port()));
        clients.back()->send("GET / HTTP/1.1\r\n\r\n");
    }
    // One more connection that never sent a request is aborted too.
    RawClient idle(server.port());
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 6, Timeout);
    for (auto &client : clients)
        QTRY_VERIFY_WITH_TIMEOUT(client->body().endsWith(": hello\n\n"), Timeout);

    server.abortAll();
    QCOMPARE(server.openConnectionCount(), 0);
    for (auto &client : clients)
        QTRY_VERIFY_WITH_TIMEOUT(client->closed, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle.closed, Timeout);
}

void TestHttpServer::callsAfterDisconnectAreNoOps()
{
    sse::HttpServer server;
    QVERIFY(server.listen() != 0);
    QPointer<sse::HttpResponder> stream;
    bool calledAfterDisconnect = false;
    server.setHandler([&](const sse::HttpRequest &, sse::HttpResponder *responder) {
        stream = responder;
        responder->writeHead(200, {{"Content-Type", "text/event-stream"}});
        connect(responder, &sse::HttpResponder::disconnected, responder, [&, responder] {
            QVERIFY(!responder->isConnected());
            responder->writeHead(500);
            responder->write("late");
            responder->close();
            responder->abort();
            QCOMPARE(responder->bytesToWrite(), 0);
            calledAfterDisconnect = true;
        });
    });

    {
        RawClient client(server.port());
        client.send("GET / HTTP/1.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(client.received.contains("\r\n\r\n"), Timeout);
    } // the client goes away
    QTRY_VERIFY_WITH_TIMEOUT(calledAfterDisconnect, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(stream.isNull(), Timeout);
    QCOMPARE(server.openConnectionCount(), 0);
}

void TestHttpServer::twoListeningPorts()
{
    sse::HttpServer server;
    const quint16 first = server.listen();
    const quint16 second = server.listen();
    QVERIFY(first != 0);
    QVERIFY(second != 0);
    QVERIFY(first != second);
    QCOMPARE(server.port(), first);
    QCOMPARE(server.url(u"/p?q=1"_s), QUrl(u"http://127.0.0.1:%1/p?q=1"_s.arg(first)));
    QCOMPARE(server.url(u"/p"_s, second), QUrl(u"http://127.0.0.1:%1/p"_s.arg(second)));

    server.setHandler([](const sse::HttpRequest &request, sse::HttpResponder *responder) {
        responder->respond(200, "text/plain", QByteArray::number(request.localPort));
    });
    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> a(nam.get(QNetworkRequest(server.url(u"/"_s))));
    std::unique_ptr<QNetworkReply> b(nam.get(QNetworkRequest(server.url(u"/"_s, second))));
    QTRY_VERIFY_WITH_TIMEOUT(a->isFinished() && b->isFinished(), Timeout);
    QCOMPARE(a->readAll(), QByteArray::number(first));
    QCOMPARE(b->readAll(), QByteArray::number(second));

    // A port already taken is reported, not fatal.
    sse::HttpServer other;
    QCOMPARE(other.listen(QHostAddress::LocalHost, first), quint16(0));
    QVERIFY(!other.errorString().isEmpty());
}

void TestHttpServer::fiftyConcurrentStreams()
{
    constexpr int Count = 50;
    sse::HttpServer server;
    QVERIFY(server.listen() != 0);
    QList<QPointer<sse::HttpResponder>> streams;
    server.setHandler([&streams](const sse::HttpRequest &request, sse::HttpResponder *responder) {
        responder->writeHead(200, {{"Content-Type", "text/event-stream"}});
        responder->write("data: hello " + request.path().mid(1) + "\n\n");
        streams.append(responder);
    });

    // Raw sockets: QNAM would queue all but six connections per host.
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < Count; ++i) {
        clients.push_back(std::make_unique<RawClient>(server.port()));
        clients.back()->send("GET /" + QByteArray::number(i) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    QTRY_COMPARE_WITH_TIMEOUT(streams.size(), Count, Timeout);
    QCOMPARE(server.openConnectionCount(), Count);
    for (int i = 0; i < Count; ++i) {
        const QByteArray expected = "data: hello " + QByteArray::number(i) + "\n\n";
        QTRY_VERIFY_WITH_TIMEOUT(clients[i]->body().endsWith(expected), Timeout);
        QVERIFY(!clients[i]->closed);
    }

    // Every stream is still live: a second event reaches everyone, then all end cleanly.
    for (const auto &stream : std::as_const(streams)) {
        QVERIFY(stream);
        stream->write("data: bye\n\n");
        stream->close();
    }
    for (int i = 0; i < Count; ++i) {
        QTRY_VERIFY_WITH_TIMEOUT(clients[i]->closed, Timeout);
        QVERIFY(clients[i]->body().endsWith("data: bye\n\n"));
        QVERIFY(clients[i]->bodyComplete()); // chunked, ended with the last chunk
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 0, Timeout);
}

void TestHttpServer::recordedRequestsAreCapped()
{
    sse::HttpServer server;
    QVERIFY(server.listen() != 0);
    server.setHandler([](const sse::HttpRequest &, sse::HttpResponder *responder) {
        responder->respond(204, {}, {});
    });
    constexpr int Total = 1010;
    constexpr int Batch = 50;
    for (int start = 0; start < Total; start += Batch) {
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = start; i < qMin(Total, start + Batch); ++i) {
            clients.push_back(std::make_unique<RawClient>(server.port()));
            clients.back()->send("GET /" + QByteArray::number(i) + " HTTP/1.1\r\n\r\n");
        }
        for (auto &client : clients)
            QTRY_VERIFY_WITH_TIMEOUT(client->closed, Timeout);
    }
    QCOMPARE(server.requests().size(), 1000);
    // The oldest were dropped; batches run concurrently, so check the set, not the order.
    QSet<QByteArray> targets;
    for (const auto &request : server.requests())
        targets.insert(request.target);
    QVERIFY(targets.contains("/1009"));
    QCOMPARE(targets.size(), 1000);
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
