// SSE Monitor next to software nobody on the project wrote: nginx (Debian nginx-light) in front
// of a FastAPI application under uvicorn (python3-fastapi, python3-uvicorn), and a node server
// on better-sse compared with the npm `eventsource` client (tests/realservers/node, installed
// by .ci/deps from its package-lock.json). Every server is a real program started here on
// 127.0.0.1 ports this test picked, with its own temporary configuration, and stopped at the
// end. One test per row of issue 11's table, plus what must keep working.

#include "diagnostics.h"
#include "eventsource.h"
#include "session.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <unistd.h>

using namespace sse;
using namespace Qt::StringLiterals;

namespace {

constexpr int Timeout = 20000;

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return 0;
    return probe.serverPort();
}

/** Waits (bounded) until something accepts connections on 127.0.0.1:\a port. */
bool waitForPort(quint16 port, int timeoutMs = 15000)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(500))
            return true;
        QTest::qWait(100); // the server is a separate process still starting: poll, bounded
    }
    return false;
}

QString buildPath(const QString &relative)
{
    return QDir(qEnvironmentVariable("SSE_BUILD_DIR")).filePath(relative);
}

/** A server program this test runs: stopped (SIGTERM, then SIGKILL) when it goes. */
class ServerProcess
{
public:
    ~ServerProcess() { stop(); }

    bool start(const QString &program, const QStringList &args, quint16 port,
               const QString &workingDir = {})
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        if (!workingDir.isEmpty())
            m_process->setWorkingDirectory(workingDir);
        m_process->start(program, args);
        if (!m_process->waitForStarted(5000)) {
            qWarning() << program << "did not start:" << m_process->errorString();
            return false;
        }
        if (!waitForPort(port)) {
            qWarning() << program << "does not listen on" << port << ":" << output();
            return false;
        }
        return true;
    }
    void kill()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    void stop()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        m_process->terminate();
        if (!m_process->waitForFinished(5000))
            kill();
    }
    QByteArray output() const { return m_process ? m_process->readAll() : QByteArray(); }

private:
    std::unique_ptr<QProcess> m_process;
};

/** A finished command: its exit code and output. */
struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

ReconnectPolicy fastPolicy()
{
    ReconnectPolicy policy;
    policy.initialDelayMs = 100;
    policy.maxDelayMs = 400;
    return policy;
}

/** One stream through a Session, as the GUI runs it, with everything it emitted. */
struct Watch
{
    explicit Watch(const QUrl &url, const QList<Header> &headers = {})
        : session(config(url, headers))
    {
        session.setLogging(false);
        QObject::connect(session.source(), &EventSource::eventsReceived,
                         [this](const QList<Event> &list) { events += list; });
        QObject::connect(session.source(), &EventSource::errorOccurred,
                         [this](const Error &e) { errors.append(e); });
        QObject::connect(session.source(), &EventSource::reconnectScheduled,
                         [this](const ReconnectInfo &info) { reconnects.append(info); });
        QObject::connect(session.source(), &EventSource::requestSent,
                         [this](const RequestInfo &r) { requests.append(r); });
    }
    static StreamConfig config(const QUrl &url, const QList<Header> &headers)
    {
        StreamConfig c;
        c.request.url = url;
        c.request.headers = headers;
        c.policy = fastPolicy();
        return c;
    }
    Diagnostics *diagnostics() const { return session.diagnostics(); }
    QStringList findingIds() const
    {
        QStringList ids;
        for (const Finding &f : diagnostics()->findings())
            ids.append(f.id);
        return ids;
    }
    Finding finding(const QString &id) const
    {
        for (const Finding &f : diagnostics()->findings()) {
            if (f.id == id)
                return f;
        }
        return {};
    }
    /** The numeric ids of the events, in order (FastAPI's count stream). */
    QList<int> ids() const
    {
        QList<int> list;
        for (const Event &e : events)
            list.append(e.lastEventId.toInt());
        return list;
    }

    Session session;
    QList<Event> events;
    QList<Error> errors;
    QList<ReconnectInfo> reconnects;
    QList<RequestInfo> requests;
};

bool isConsecutive(const QList<int> &ids)
{
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (ids.at(i) != ids.constFirst() + i)
            return false;
    }
    return true;
}

} // namespace

class tst_RealServers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    // Issue 11's table, row by row.
    void bufferingProxyIsReportedNotHealthy();
    void bufferingProxyDeliversWhatCurlGets();
    void nothingListeningIsAnError();
    void accelBufferingNoIsNotReportedMissing();
    void proxyIdleTimeoutDropsAreInferred();
    void serverErrorEventReadsAsASentence();
    void requestAsSentListsQtsHeaders();
    // The rest of what was built.
    void gzipThroughNginxAndTheIdentityOption();
    void refusedResponseBodyIsShown();
    void tlsFailureIsAnError();
    // What worked and must keep working.
    void http2ThroughNginx();
    void tenStreamsToOneHost_data();
    void tenStreamsToOneHost();
    void betterSseMatchesNodeEventSource();
    void nodeHttp2CleartextWithPriorKnowledge();
    void resumeAfterTheServerWasKilled();

private:
    bool startUvicorn();
    QUrl nginxUrl(const QString &location, const QString &path) const
    {
        return QUrl(u"http://127.0.0.1:%1/%2/%3"_s.arg(m_nginxPort).arg(location, path));
    }
    QUrl appUrl(const QString &path) const
    {
        return QUrl(u"http://127.0.0.1:%1/%2"_s.arg(m_appPort).arg(path));
    }
    QUrl tlsUrl(const QString &path) const
    {
        return QUrl(u"https://localhost:%1/%2"_s.arg(m_tlsPort).arg(path));
    }

    QTemporaryDir m_dir;
    quint16 m_appPort = 0;
    quint16 m_nginxPort = 0;
    quint16 m_tlsPort = 0;
    ServerProcess m_uvicorn;
    ServerProcess m_nginx;
    QString m_node;
};

bool tst_RealServers::startUvicorn()
{
    const QString appDir = QFileInfo(QFINDTESTDATA("realservers/fastapi_app.py")).absolutePath();
    return m_uvicorn.start(u"/usr/bin/python3"_s,
                           {u"-m"_s, u"uvicorn"_s, u"fastapi_app:app"_s, u"--app-dir"_s, appDir,
                            u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(m_appPort),
                            u"--log-level"_s, u"warning"_s},
                           m_appPort);
}

void tst_RealServers::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo::exists(u"/usr/bin/python3"_s) && QFileInfo::exists(u"/usr/sbin/nginx"_s),
             "python3 or nginx is missing: run .ci/deps");
    m_node = QStandardPaths::findExecutable(u"node"_s);
    QVERIFY2(!m_node.isEmpty() && !QStandardPaths::findExecutable(u"curl"_s).isEmpty(),
             "node or curl is missing: run .ci/deps");
    QVERIFY2(QFileInfo::exists(QFINDTESTDATA("realservers/node/node_modules/better-sse/package.json")),
             "better-sse is not installed: run .ci/deps (npm ci in tests/realservers/node)");
    m_appPort = freePort();
    m_nginxPort = freePort();
    m_tlsPort = freePort();
    QVERIFY(m_appPort && m_nginxPort && m_tlsPort);
    QVERIFY(startUvicorn());

    // A stock nginx as a user would put it in front: default buffering on one location, gzip
    // for event streams on another, buffering off with a short proxy_read_timeout on a third,
    // and TLS with HTTP/2 (tests/data's self-signed certificate for localhost).
    const QString dir = m_dir.path();
    const QString upstream = u"http://127.0.0.1:%1/"_s.arg(m_appPort);
    QString conf = uR"(daemon off;
worker_processes 1;
pid DIR/nginx.pid;
error_log DIR/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path DIR/client_body;
    proxy_temp_path DIR/proxy;
    fastcgi_temp_path DIR/fastcgi;
    uwsgi_temp_path DIR/uwsgi;
    scgi_temp_path DIR/scgi;
    server {
        listen 127.0.0.1:PLAIN;
        location /buffered/ { proxy_pass UPSTREAM; }
        location /gzip/ {
            proxy_pass UPSTREAM;
            proxy_buffering off;
            gzip on;
            gzip_types text/event-stream;
        }
        location /unbuffered/ {
            proxy_pass UPSTREAM;
            proxy_buffering off;
            proxy_read_timeout 5s;
        }
    }
    server {
        listen 127.0.0.1:TLS ssl http2;
        ssl_certificate CERT;
        ssl_certificate_key KEY;
        location / { proxy_pass UPSTREAM; proxy_buffering off; }
    }
}
)"_s;
    if (geteuid() == 0)
        conf.prepend(u"user root;\n"_s); // workers must reach this test's private directory
    conf.replace(u"DIR"_s, dir)
        .replace(u"UPSTREAM"_s, upstream)
        .replace(u"PLAIN"_s, QString::number(m_nginxPort))
        .replace(u"TLS"_s, QString::number(m_tlsPort))
        .replace(u"CERT"_s, QFINDTESTDATA("data/localhost.crt"))
        .replace(u"KEY"_s, QFINDTESTDATA("data/localhost.key"));
    QFile file(dir + u"/nginx.conf"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(conf.toUtf8());
    file.close();
    QVERIFY(m_nginx.start(u"/usr/sbin/nginx"_s,
                          {u"-c"_s, file.fileName(), u"-p"_s, dir, u"-e"_s, dir + u"/error.log"_s},
                          m_nginxPort));
    QVERIFY(waitForPort(m_tlsPort));
}

void tst_RealServers::cleanupTestCase()
{
    m_nginx.stop();
    m_uvicorn.stop();
}

void tst_RealServers::bufferingProxyIsReportedNotHealthy()
{
    // 1 event/s behind nginx's default proxy_buffering: nginx holds head and events back for
    // minutes. `ssecat --diagnose` (default 10 s) must not say "no problems".
    const Run r = run(buildPath(u"app/ssecat/ssecat"_s),
                      {u"--diagnose"_s, nginxUrl(u"buffered"_s, u"count?interval=1"_s).toString()});
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(!r.out.contains("No problems found"), r.out.constData());
    QVERIFY2(r.out.contains("no-response: Connected, request sent, no response for"), r.out.constData());
    QVERIFY2(r.out.contains("proxy_buffering off"), r.out.constData());
    QVERIFY2(r.out.contains("(connected, request sent, waiting for"), r.out.constData());
    // No connect timeout and no reconnect: one request, still waiting.
    QVERIFY2(!r.out.contains("connect timeout"), r.out.constData());
    QVERIFY2(r.out.contains("connections: 0"), r.out.constData());

    // The same in the GUI's terms: the session's diagnostics count it as a problem.
    Watch w(nginxUrl(u"buffered"_s, u"count?interval=1"_s));
    DiagnosticsThresholds th = w.diagnostics()->thresholds();
    th.responseWaitMs = 1500;
    w.diagnostics()->setThresholds(th);
    w.session.connectStream();
    QTRY_VERIFY_WITH_TIMEOUT(w.diagnostics()->hasProblems(), Timeout);
    QCOMPARE(w.findingIds(), QStringList{u"no-response"_s});
    QCOMPARE(w.session.status(), Session::Status::Connecting);
    QVERIFY(w.session.source()->awaitingResponseSinceMs() > 0);
}

void tst_RealServers::bufferingProxyDeliversWhatCurlGets()
{
    // Behind buffering nginx the head comes only when nginx's buffer fills. The old client
    // gave up after its connect timeout and restarted nginx's buffer from empty, forever
    // (5 events/s, 30 s timeout: 0 events). Here 100 events/s fill the buffer in about 2 s
    // and the connect timeout is 300 ms: the monitor must wait like curl, get every event curl
    // gets, and say why they came late.
    const QUrl url = nginxUrl(u"buffered"_s, u"count?interval=0.01"_s);
    QProcess curl;
    curl.start(u"curl"_s, {u"-sN"_s, u"--max-time"_s, u"30"_s, url.toString()});
    Watch w(url);
    StreamConfig config = w.session.config();
    config.connectTimeoutMs = 300;
    w.session.setConfig(config);
    w.session.connectStream();

    // curl's first 300 events ...
    QByteArray curlOut;
    QTRY_VERIFY_WITH_TIMEOUT((curlOut += curl.readAllStandardOutput()).count("\n\n") >= 300, Timeout);
    const qsizetype curlEvents = curlOut.count("\n\n");
    curl.kill();
    curl.waitForFinished();
    // ... the monitor has them too, in order, on its first connection.
    QTRY_VERIFY_WITH_TIMEOUT(w.events.size() >= curlEvents, Timeout);
    QVERIFY(w.reconnects.isEmpty());
    QCOMPARE(w.requests.size(), 1);
    QCOMPARE(w.ids().constFirst(), 0);
    QVERIFY(isConsecutive(w.ids()));

    const StreamTiming t = w.diagnostics()->timing();
    QVERIFY2(t.timeToFirstByteMs > config.connectTimeoutMs,
             QByteArray::number(t.timeToFirstByteMs).constData());
    // The first read is the burst: head and a buffer of events together.
    QVERIFY2(t.bursts >= 1 && t.largestBurst >= 20, QByteArray::number(t.largestBurst).constData());
    QTRY_VERIFY_WITH_TIMEOUT(w.findingIds().contains(u"nginx-buffering"_s), Timeout);
    QVERIFY(w.findingIds().contains(u"buffering"_s));
    const Finding nginx = w.finding(u"nginx-buffering"_s);
    QCOMPARE(nginx.severity, Finding::Severity::Warning);
    QVERIFY2(nginx.explanation.contains(u"removes that header"_s), qPrintable(nginx.explanation));
}

void tst_RealServers::nothingListeningIsAnError()
{
    const quint16 port = freePort();
    const QString url = u"http://127.0.0.1:%1/events"_s.arg(port);
    const Run r = run(buildPath(u"app/ssecat/ssecat"_s),
                      {u"--diagnose"_s, u"--duration"_s, u"2"_s, url});
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(!r.out.contains("No problems found"), r.out.constData());
    QVERIFY2(r.out.contains("[error] not-connected: The stream never opened"), r.out.constData());
    QVERIFY2(r.out.contains("Connection refused"), r.out.constData());
    QVERIFY2(r.out.contains(u"Nothing accepts connections on 127.0.0.1:%1"_s.arg(port).toUtf8()),
             r.out.constData());

    // Given up: retries exhausted is an error with the cause's fix (exit status 3, as for
    // every stream that failed permanently).
    const Run gaveUp = run(buildPath(u"app/ssecat/ssecat"_s),
                           {u"--diagnose"_s, u"--duration"_s, u"3"_s, u"--max-retries"_s, u"1"_s,
                            u"--retry-initial-ms"_s, u"50"_s, url});
    QCOMPARE(gaveUp.exitCode, 3);
    QVERIFY2(gaveUp.out.contains("[error] not-connected: The stream never opened"), gaveUp.out.constData());
    QVERIFY2(gaveUp.out.contains("Gave up after 1 consecutive reconnect attempts"), gaveUp.out.constData());
    QVERIFY2(gaveUp.out.contains("Nothing accepts connections"), gaveUp.out.constData());
}

void tst_RealServers::accelBufferingNoIsNotReportedMissing()
{
    // The application sends X-Accel-Buffering: no, as nginx's documentation recommends:
    // nginx stops buffering and removes the header from what it forwards.
    Watch w(nginxUrl(u"buffered"_s, u"count?interval=0.2&accel=true"_s));
    w.session.connectStream();
    QTRY_VERIFY_WITH_TIMEOUT(w.events.size() >= 6, Timeout);
    const ResponseInfo response = w.diagnostics()->response();
    QVERIFY2(response.header("Server").startsWith("nginx"), response.header("Server").constData());
    QVERIFY(response.header("X-Accel-Buffering").isNull()); // stripped by nginx
    QVERIFY2(response.timeToHeadersMs < 1000, QByteArray::number(response.timeToHeadersMs).constData());
    QTRY_VERIFY_WITH_TIMEOUT(w.diagnostics()->timing().events >= 6, Timeout);
    const QStringList ids = w.findingIds();
    QVERIFY2(!ids.contains(u"nginx-buffering"_s) && !ids.contains(u"buffering"_s),
             qPrintable(ids.join(u", ")));
    QVERIFY(!w.diagnostics()->hasProblems());
    for (const Finding &f : w.diagnostics()->findings())
        QVERIFY2(!f.title.contains(u"X-Accel-Buffering"_s), qPrintable(f.title));
}

void tst_RealServers::proxyIdleTimeoutDropsAreInferred()
{
    // One event every 7 s through proxy_read_timeout 5s: nginx cuts each connection after 5 s
    // of silence. No flag tells the monitor the proxy's idle time; it infers it.
    Watch w(nginxUrl(u"unbuffered"_s, u"count?interval=7"_s));
    w.session.connectStream();
    QTRY_VERIFY_WITH_TIMEOUT(w.findingIds().contains(u"proxy-idle-drops"_s), 30000);
    const StreamTiming t = w.diagnostics()->timing();
    QVERIFY(t.dropSilencesMs.size() >= 2);
    for (qint64 silence : t.dropSilencesMs)
        QVERIFY2(silence >= 4500 && silence < 6500, QByteArray::number(silence).constData());
    const Finding f = w.finding(u"proxy-idle-drops"_s);
    QCOMPARE(f.severity, Finding::Severity::Warning);
    QVERIFY2(f.title.startsWith(u"The connection drops after 5."_s)
                 || f.title.startsWith(u"The connection drops after 4."_s),
             qPrintable(f.title));
    QVERIFY2(f.fix.contains(u"comment line"_s), qPrintable(f.fix));
    // Each reconnect resumed after Last-Event-ID: nothing lost, nothing twice.
    QVERIFY(isConsecutive(w.ids()));
    QTRY_VERIFY_WITH_TIMEOUT(w.requests.size() >= 3, Timeout); // the reconnect after the 2nd drop
    for (const RequestInfo &r : w.requests.mid(1)) {
        bool resumed = false;
        for (const Header &h : r.headers)
            resumed |= h.name == "Last-Event-ID" && w.ids().contains(h.value.toInt());
        QVERIFY(resumed);
    }
}

void tst_RealServers::serverErrorEventReadsAsASentence()
{
    Watch w(appUrl(u"count?interval=0.05&fail_at=3"_s));
    w.session.connectStream();
    QTRY_VERIFY_WITH_TIMEOUT(!w.errors.isEmpty(), Timeout);
    const Error e = w.errors.constFirst();
    QCOMPARE(e.kind, ErrorKind::ServerReported);
    QCOMPARE(e.message, u"The server reported an error: database connection lost"_s);
    QCOMPARE(e.body, QByteArray(R"({"error": "database connection lost"})")); // as received
    QCOMPARE(w.events.at(3).type, QByteArray("error"));
    QTRY_VERIFY_WITH_TIMEOUT(w.findingIds().contains(u"server-errors"_s), Timeout);
    QVERIFY2(w.finding(u"server-errors"_s).explanation.contains(u"“database connection lost”"_s),
             qPrintable(w.finding(u"server-errors"_s).explanation));
}

void tst_RealServers::requestAsSentListsQtsHeaders()
{
    // The application echoes the headers it received; the diagnostics' request must list
    // exactly those (Qt's own included), names compared case-insensitively.
    for (const bool identity : {false, true}) {
        QList<Header> headers;
        if (identity)
            headers.append(Header{"Accept-Encoding", "identity", false});
        Watch w(appUrl(u"headers"_s), headers);
        w.session.connectStream();
        QTRY_VERIFY_WITH_TIMEOUT(!w.events.isEmpty(), Timeout);
        QSet<QPair<QByteArray, QByteArray>> received;
        for (const QJsonValue &pair : QJsonDocument::fromJson(w.events.constFirst().data).array())
            received.insert({pair[0].toString().toLatin1().toLower(), pair[1].toString().toLatin1()});
        QSet<QPair<QByteArray, QByteArray>> listed;
        const RequestInfo &sent = w.diagnostics()->request();
        for (const Header &h : sent.headers + sent.implicitHeaders)
            listed.insert({h.name.toLower(), h.value});
        QCOMPARE(listed, received);
        QCOMPARE(listed.size(), 7); // Host, Connection, User-Agent, Accept(-Encoding, -Language), Cache-Control
        using Pair = QPair<QByteArray, QByteArray>;
        const bool gzipOffered = received.contains(Pair{"accept-encoding", "zstd, br, gzip, deflate"});
        QCOMPARE(gzipOffered, !identity);
        QVERIFY(received.contains(Pair{"accept-encoding", identity ? "identity" : "zstd, br, gzip, deflate"}));
        // The text report marks what Qt added.
        QVERIFY2(w.diagnostics()->toText().contains(u"User-Agent: Mozilla/5.0   (added by Qt)"_s),
                 qPrintable(w.diagnostics()->toText()));
    }
}

void tst_RealServers::gzipThroughNginxAndTheIdentityOption()
{
    // gzip on for text/event-stream: nginx compresses the stream because the client offers
    // gzip. The identity option (Accept-Encoding: identity) gets it uncompressed.
    for (const bool identity : {false, true}) {
        QList<Header> headers;
        if (identity)
            headers.append(Header{"Accept-Encoding", "identity", false});
        Watch w(nginxUrl(u"gzip"_s, u"count?interval=0.05"_s), headers);
        w.session.connectStream();
        QTRY_VERIFY_WITH_TIMEOUT(w.events.size() >= 10, Timeout);
        QVERIFY(isConsecutive(w.ids()));
        const QByteArray encoding = w.diagnostics()->response().header("Content-Encoding");
        QCOMPARE(encoding, identity ? QByteArray() : QByteArray("gzip"));
        QTRY_VERIFY_WITH_TIMEOUT(w.diagnostics()->timing().events >= 10, Timeout);
        QCOMPARE(w.findingIds().contains(u"content-encoding"_s), !identity);
        if (!identity) {
            QVERIFY2(w.finding(u"content-encoding"_s).fix.contains(u"Accept-Encoding: identity"_s),
                     qPrintable(w.finding(u"content-encoding"_s).fix));
        }
    }
}

void tst_RealServers::refusedResponseBodyIsShown()
{
    // FastAPI refuses the parameter with 400 and {"detail": "..."}: the failure says it, the
    // body is kept (ssecat --states, Diagnostics).
    const QString url = appUrl(u"strict?colour=red"_s).toString();
    const Run r = run(buildPath(u"app/ssecat/ssecat"_s), {u"--states"_s, url});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains("The server answered 400 Bad Request. It said: unknown parameter 'colour=red'"),
             r.err.constData());
    QVERIFY2(r.out.contains(R"("body":"{\"detail\":\"unknown parameter 'colour=red'\"}")"),
             r.out.constData());

    Watch w{QUrl(url)};
    w.session.connectStream();
    QTRY_COMPARE_WITH_TIMEOUT(w.session.status(), Session::Status::Failed, Timeout);
    QVERIFY(w.findingIds().contains(u"http-status"_s));
    QCOMPARE(w.finding(u"http-status"_s).title,
             u"The server answered 400 Bad Request: unknown parameter 'colour=red'"_s);
    const QJsonObject report = w.diagnostics()->toJson();
    QCOMPARE(report[u"response"_s][u"body"_s].toString(),
             u"{\"detail\":\"unknown parameter 'colour=red'\"}"_s);
}

void tst_RealServers::tlsFailureIsAnError()
{
    const Run r = run(buildPath(u"app/ssecat/ssecat"_s),
                      {u"--diagnose"_s, u"--duration"_s, u"2"_s,
                       tlsUrl(u"count?interval=0.2"_s).toString()});
    QCOMPARE(r.exitCode, 3); // failed permanently; the report says why
    QVERIFY2(!r.out.contains("No problems found"), r.out.constData());
    QVERIFY2(r.out.contains("[error] not-connected: The stream never opened"), r.out.constData());
    QVERIFY2(r.out.contains("TLS certificate rejected") && r.out.contains("SHA-256"), r.out.constData());
    QVERIFY2(r.out.contains("trusted authority"), r.out.constData());
}

void tst_RealServers::http2ThroughNginx()
{
    Watch w(tlsUrl(u"count?interval=0.05"_s));
    StreamConfig config = w.session.config();
    config.request.ignoreTlsErrors = true; // tests/data's self-signed certificate
    w.session.setConfig(config);
    QSignalSpy written(w.session.source(), &EventSource::requestWritten);
    w.session.connectStream();
    QTRY_VERIFY_WITH_TIMEOUT(w.events.size() >= 10, Timeout);
    QVERIFY(w.diagnostics()->response().http2);
    QVERIFY(isConsecutive(w.ids()));
    QCOMPARE(written.size(), 1); // Qt reports the request sent over HTTP/2 too
    QVERIFY(w.reconnects.isEmpty());
}

void tst_RealServers::tenStreamsToOneHost_data()
{
    QTest::addColumn<bool>("http2");
    QTest::newRow("HTTP/1.1") << false;
    QTest::newRow("HTTP/2") << true;
}

void tst_RealServers::tenStreamsToOneHost()
{
    QFETCH(bool, http2);
    std::vector<std::unique_ptr<Watch>> watches;
    for (int i = 0; i < 10; ++i) {
        const QString path = u"count?interval=0.1&stream=%1"_s.arg(i);
        auto w = std::make_unique<Watch>(http2 ? tlsUrl(path) : nginxUrl(u"unbuffered"_s, path));
        StreamConfig config = w->session.config();
        config.request.ignoreTlsErrors = http2;
        w->session.setConfig(config);
        w->session.connectStream();
        watches.push_back(std::move(w));
    }
    for (const auto &w : watches) {
        QTRY_VERIFY_WITH_TIMEOUT(w->events.size() >= 3, Timeout);
        QCOMPARE(w->diagnostics()->response().http2, http2);
        QVERIFY(w->reconnects.isEmpty());
    }
}

void tst_RealServers::betterSseMatchesNodeEventSource()
{
    // better-sse's named events, multi-line data, comments, retry and ids: ssecat prints
    // exactly what the npm eventsource client receives.
    const QString nodeDir = QFileInfo(QFINDTESTDATA("realservers/node/server.mjs")).absolutePath();
    const quint16 port = freePort();
    ServerProcess node;
    QVERIFY(node.start(m_node, {u"server.mjs"_s, QString::number(port)}, port, nodeDir));
    const QString url = u"http://127.0.0.1:%1/feed"_s.arg(port);
    constexpr int Count = 8;

    QProcess client;
    client.setWorkingDirectory(nodeDir);
    client.start(m_node, {u"client.mjs"_s, url, QString::number(Count)});
    QVERIFY(client.waitForFinished(30000));
    QCOMPARE(client.exitCode(), 0);
    const QList<QByteArray> reference = client.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(reference.size(), Count);

    const Run ours = run(buildPath(u"app/ssecat/ssecat"_s), {u"-n"_s, QString::number(Count), url});
    QCOMPARE(ours.exitCode, 0);
    const QList<QByteArray> lines = ours.out.trimmed().split('\n');
    QCOMPARE(lines.size(), Count);
    for (int i = 0; i < Count; ++i) {
        const QJsonObject want = QJsonDocument::fromJson(reference.at(i)).object();
        const QJsonObject got = QJsonDocument::fromJson(lines.at(i)).object();
        for (const QString &key : {u"type"_s, u"data"_s, u"lastEventId"_s})
            QCOMPARE(got.value(key).toString(), want.value(key).toString());
    }
    // Multi-line data written as several data: fields arrives joined by LF.
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value(u"data"_s).toString(),
             u"first line\n\nthird line"_s);

    // Comments and retry, through the engine itself.
    EventSource source;
    int comments = 0;
    int events = 0;
    connect(&source, &EventSource::commentsReceived, this,
            [&comments](const QList<QByteArray> &list) { comments += int(list.size()); });
    connect(&source, &EventSource::eventsReceived, this,
            [&events](const QList<Event> &list) { events += int(list.size()); });
    source.setRequest(StreamRequest{QUrl(url), "GET", {}, {}, {}, false});
    source.open();
    QTRY_COMPARE_WITH_TIMEOUT(events, Count, Timeout);
    QCOMPARE(comments, 2);
    QCOMPARE(source.serverRetryMs(), 1500);
    source.close();
}

void tst_RealServers::nodeHttp2CleartextWithPriorKnowledge()
{
    // node's http2 module on a plain port speaks nothing but HTTP/2: the stream is read when
    // the user says so (StreamRequest::http2PriorKnowledge, ssecat --http2-prior-knowledge),
    // and the response is reported as HTTP/2.
    const QString nodeDir = QFileInfo(QFINDTESTDATA("realservers/node/h2c_server.mjs")).absolutePath();
    const quint16 port = freePort();
    ServerProcess node;
    QVERIFY(node.start(m_node, {u"h2c_server.mjs"_s, QString::number(port)}, port, nodeDir));
    const QUrl url(u"http://127.0.0.1:%1/feed"_s.arg(port));

    EventSource source;
    QList<Event> events;
    QList<ResponseInfo> responses;
    connect(&source, &EventSource::eventsReceived, this,
            [&events](const QList<Event> &list) { events += list; });
    connect(&source, &EventSource::responseReceived, this,
            [&responses](const ResponseInfo &r) { responses.append(r); });
    StreamRequest request;
    request.url = url;
    request.http2PriorKnowledge = true;
    source.setRequest(request);
    source.open();
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 3, Timeout);
    QCOMPARE(responses.size(), 1);
    QVERIFY(responses.constFirst().http2);
    QCOMPARE(events.at(2).type, QByteArray("h2"));
    QCOMPARE(events.at(2).data, QByteArray("frame 3 \xC3\xBC" "ber HTTP/2"));
    QCOMPARE(events.at(2).lastEventId, QByteArray("3"));
    source.close();

    const Run ours = run(buildPath(u"app/ssecat/ssecat"_s),
                         {u"--http2-prior-knowledge"_s, u"-n"_s, u"3"_s, u"--format"_s, u"count"_s,
                          url.toString()});
    QCOMPARE(ours.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(ours.out).object().value(u"events"_s).toInt(), 3);
}

void tst_RealServers::resumeAfterTheServerWasKilled()
{
    // uvicorn is killed (SIGKILL) mid-stream and started again on its port: the stream
    // resumes after the Last-Event-ID it had, nothing lost, nothing twice.
    Watch w(appUrl(u"count?interval=0.05"_s));
    w.session.connectStream();
    QTRY_VERIFY_WITH_TIMEOUT(w.events.size() >= 10, Timeout);
    m_uvicorn.kill();
    QTRY_VERIFY_WITH_TIMEOUT(!w.reconnects.isEmpty(), Timeout);
    const int before = int(w.events.size());
    QVERIFY(startUvicorn());
    QTRY_VERIFY_WITH_TIMEOUT(w.events.size() >= before + 10, Timeout);
    QVERIFY(isConsecutive(w.ids()));
    QCOMPARE(w.ids().constFirst(), 0);
    const QByteArray resumedFrom = QByteArray::number(w.ids().at(before - 1));
    bool sent = false;
    for (const RequestInfo &r : std::as_const(w.requests))
        sent |= r.headers.contains(Header{"Last-Event-ID", resumedFrom, false});
    QVERIFY2(sent, resumedFrom.constData());
}

QTEST_GUILESS_MAIN(tst_RealServers)
#include "tst_realservers.moc"
