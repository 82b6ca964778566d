// EventSource across redirects (two origins, credentials, methods) and TLS (untrusted
// certificates, ignored errors, https to http), against in-process loopback servers.

#include "sourcefixture.h"

using namespace sourcefixture;

class tst_RedirectsTls : public QObject, protected SourceFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpFixture(); }
    void cleanup() { tearDownFixture(); }

    void credentialsDroppedOnCrossOriginRedirect();
    void credentialsKeptOnSameOriginRedirect();
    void tooManyRedirectsFail();
    void redirect303TurnsPostIntoGet();
    void redirect307KeepsPostAndBody();
    void redirectWithoutLocationFails();
    void untrustedCertificateFailsWithDetails();
    void ignoreTlsErrorsOpensAndReportsThem();
    void httpsToHttpRedirectRefused();
};

void tst_RedirectsTls::credentialsDroppedOnCrossOriginRedirect()
{
    const quint16 second = m_server->listen();
    QVERIFY(second != 0);
    const QUrl target = m_server->url(QStringLiteral("/landing"), second);
    m_server->setHandler([target](const HttpRequest &req, HttpResponder *r) {
        if (req.path() == "/start")
            r->respond(307, "text/plain", {}, {{"Location", target.toEncoded()}});
        else
            streamAndClose(r, "data: landed\n\n");
    });
    Probe p(m_server->url(QStringLiteral("/start")));
    StreamRequest request = p.source.request();
    request.headers = {{"Authorization", "Bearer secret"},
                       {"Cookie", "session=1"},
                       {"Proxy-Authorization", "Basic eA=="},
                       {"X-Api-Key", "k", true},
                       {"X-Trace", "t"}};
    p.source.setRequest(request);
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.eventCount(), 1, Timeout);
    QCOMPARE(m_server->requests().size(), 2);
    const HttpRequest first = m_server->requests().at(0);
    QCOMPARE(first.header("Authorization"), QByteArray("Bearer secret"));
    QCOMPARE(first.header("X-Api-Key"), QByteArray("k"));
    const HttpRequest landed = m_server->requests().at(1);
    QCOMPARE(landed.localPort, second);
    QVERIFY(!landed.hasHeader("Authorization"));
    QVERIFY(!landed.hasHeader("Cookie"));
    QVERIFY(!landed.hasHeader("Proxy-Authorization"));
    QVERIFY(!landed.hasHeader("X-Api-Key"));
    QCOMPARE(landed.header("X-Trace"), QByteArray("t"));
    const ResponseInfo info = p.responses.at(0).at(0).value<ResponseInfo>();
    QCOMPARE(info.url, target);
    QCOMPARE(info.redirects, QList<QUrl>{m_server->url(QStringLiteral("/start"))});
    p.source.close();
}

void tst_RedirectsTls::credentialsKeptOnSameOriginRedirect()
{
    m_server->setHandler([](const HttpRequest &req, HttpResponder *r) {
        if (req.path() == "/start")
            r->respond(302, "text/plain", {}, {{"Location", "/next"}});
        else
            streamAndClose(r, "data: ok\n\n");
    });
    Probe p(m_server->url(QStringLiteral("/start")));
    StreamRequest request = p.source.request();
    request.headers = {{"Authorization", "Bearer secret"}};
    p.source.setRequest(request);
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.eventCount(), 1, Timeout);
    QCOMPARE(m_server->requests().at(1).path(), QByteArray("/next"));
    QCOMPARE(m_server->requests().at(1).header("Authorization"), QByteArray("Bearer secret"));
    p.source.close();
}

void tst_RedirectsTls::tooManyRedirectsFail()
{
    m_server->setHandler([](const HttpRequest &req, HttpResponder *r) {
        const int n = req.path().mid(1).toInt();
        r->respond(302, "text/plain", {}, {{"Location", "/" + QByteArray::number(n + 1)}});
    });
    Probe p(m_server->url(QStringLiteral("/0")));
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.source.state(), State::Closed, Timeout);
    QCOMPARE(m_server->requests().size(), EventSource::MaxRedirects + 1);
    const Error e = errors(p.errors).first();
    QCOMPARE(e.kind, ErrorKind::Redirect);
    QVERIFY(e.permanent);
}

void tst_RedirectsTls::redirect303TurnsPostIntoGet()
{
    m_server->setHandler([](const HttpRequest &req, HttpResponder *r) {
        if (req.path() == "/submit")
            r->respond(303, "text/plain", {}, {{"Location", "/events"}});
        else
            streamAndClose(r, "data: ok\n\n");
    });
    Probe p(m_server->url(QStringLiteral("/submit")));
    StreamRequest request = p.source.request();
    request.method = "POST";
    request.body = "payload";
    p.source.setRequest(request);
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.eventCount(), 1, Timeout);
    QCOMPARE(m_server->requests().at(1).method, QByteArray("GET"));
    QVERIFY(m_server->requests().at(1).body.isEmpty());
    p.source.close();
}

void tst_RedirectsTls::redirect307KeepsPostAndBody()
{
    m_server->setHandler([](const HttpRequest &req, HttpResponder *r) {
        if (req.path() == "/submit")
            r->respond(307, "text/plain", {}, {{"Location", "/events"}});
        else
            streamAndClose(r, "data: ok\n\n");
    });
    Probe p(m_server->url(QStringLiteral("/submit")));
    StreamRequest request = p.source.request();
    request.method = "POST";
    request.body = "payload";
    p.source.setRequest(request);
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.eventCount(), 1, Timeout);
    QCOMPARE(m_server->requests().at(1).method, QByteArray("POST"));
    QCOMPARE(m_server->requests().at(1).body, QByteArray("payload"));
    p.source.close();
}

void tst_RedirectsTls::redirectWithoutLocationFails()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) { r->respond(302, "text/plain", "x"); });
    Probe p(m_server->url());
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.source.state(), State::Closed, Timeout);
    QCOMPARE(errors(p.errors).first().kind, ErrorKind::Redirect);
    QVERIFY2(errors(p.errors).first().message.contains(QStringLiteral("Location")),
             qPrintable(errors(p.errors).first().message));
}

void tst_RedirectsTls::untrustedCertificateFailsWithDetails()
{
    TlsServer tls;
    QVERIFY(tls.start("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: x\n\n"));
    Probe p(tls.url());
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.source.state(), State::Closed, Timeout);
    QCOMPARE(p.source.closeReason(), EventSource::CloseReason::Failed);
    const Error e = errors(p.errors).first();
    QCOMPARE(e.kind, ErrorKind::Tls);
    QVERIFY(e.permanent);
    QVERIFY2(e.message.contains(QStringLiteral("SSE Monitor test server")), qPrintable(e.message));
    const QString fingerprint = QString::fromLatin1(
        tls.certificate().digest(QCryptographicHash::Sha256).toHex(':'));
    QVERIFY2(e.message.contains(fingerprint), qPrintable(e.message));
    QCOMPARE(p.eventCount(), 0);
}

void tst_RedirectsTls::ignoreTlsErrorsOpensAndReportsThem()
{
    QVERIFY(!StreamRequest{}.ignoreTlsErrors); // never the default
    TlsServer tls;
    QVERIFY(tls.start("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: x\n\n"));
    Probe p(tls.url(), fastPolicy(60000, 60000)); // one connection: no reconnect during the test
    QSignalSpy ignored(&p.source, &EventSource::tlsErrorsIgnored);
    StreamRequest request = p.source.request();
    request.ignoreTlsErrors = true;
    p.source.setRequest(request);
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.eventCount(), 1, Timeout);
    QCOMPARE(allEvents(p.events).first().data, QByteArray("x"));
    QVERIFY(p.states.contains(QVariantList{QVariant::fromValue(State::Open)}));
    for (const Error &e : errors(p.errors))
        QVERIFY2(e.kind != ErrorKind::Tls, qPrintable(e.message));

    // What was ignored is reported: the certificate's errors and details, for this host.
    QCOMPARE(ignored.size(), 1);
    QCOMPARE(ignored.first().at(0).toUrl(), tls.url());
    const QStringList reported = ignored.first().at(1).toStringList();
    QCOMPARE(p.source.ignoredTlsErrors(), reported);
    QVERIFY(!reported.isEmpty());
    const QString all = reported.join(u'\n');
    QVERIFY2(all.contains(QStringLiteral("self-signed"), Qt::CaseInsensitive), qPrintable(all));
    const QString fingerprint = QString::fromLatin1(
        tls.certificate().digest(QCryptographicHash::Sha256).toHex(':'));
    QVERIFY2(all.contains(fingerprint), qPrintable(all));

    // A new request forgets them; with the option off again, the same source (whose pooled
    // connections Qt told to ignore the errors) fails with the certificate error.
    p.source.close();
    request.ignoreTlsErrors = false;
    p.source.setRequest(request);
    QVERIFY(p.source.ignoredTlsErrors().isEmpty());
    p.errors.clear();
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.source.state(), State::Closed, Timeout);
    QCOMPARE(p.source.closeReason(), EventSource::CloseReason::Failed);
    QCOMPARE(errors(p.errors).first().kind, ErrorKind::Tls);
    QCOMPARE(ignored.size(), 1);
    QCOMPARE(p.eventCount(), 1);
}

void tst_RedirectsTls::httpsToHttpRedirectRefused()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) { streamAndClose(r, "data: x\n\n"); });
    TlsServer tls;
    QVERIFY(tls.start("HTTP/1.1 302 Found\r\nLocation: " + m_server->url().toEncoded()
                      + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    // Trust the test certificate for this test only.
    const QSslConfiguration saved = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trusting = saved;
    trusting.addCaCertificate(tls.certificate());
    QSslConfiguration::setDefaultConfiguration(trusting);
    const auto restore = qScopeGuard([&saved] { QSslConfiguration::setDefaultConfiguration(saved); });

    Probe p(tls.url());
    StreamRequest request = p.source.request();
    request.headers = {{"Authorization", "Bearer secret"}};
    p.source.setRequest(request);
    p.source.open();
    QTRY_COMPARE_WITH_TIMEOUT(p.source.state(), State::Closed, Timeout);
    const Error e = errors(p.errors).first();
    QCOMPARE(e.kind, ErrorKind::Redirect);
    QVERIFY(e.permanent);
    QVERIFY2(e.message.contains(QStringLiteral("https")), qPrintable(e.message));
    QVERIFY(m_server->requests().isEmpty());
}

QTEST_GUILESS_MAIN(tst_RedirectsTls)
#include "tst_redirectstls.moc"
