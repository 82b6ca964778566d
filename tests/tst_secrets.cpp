// Credentials end to end (issue 6, security): a stream carries canary values in Authorization,
// Cookie, Proxy-Authorization and a user-marked secret header, is redirected to another
// origin, and then everything the engine and ssecat produce is searched for the canaries.
// The settings file is covered by tst_settingsstore (secrets only with the opt-in) and the
// stream dialog by tst_monitor.

#include "diagnostics.h"
#include "httpserver.h"
#include "scenarioserver.h"
#include "session.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace sse;

namespace {

constexpr int Timeout = 20000;

const QList<Header> &canaryHeaders()
{
    static const QList<Header> headers{
        {"Authorization", "Bearer CANARY-AUTH-1f3a", false},
        {"Cookie", "session=CANARY-COOKIE-77c2", false},
        {"Proxy-Authorization", "Basic CANARY-PROXY-9e0d", false},
        {"X-Api-Key", "CANARY-KEY-4b8e", true},
    };
    return headers;
}

const QList<QByteArray> &canaries()
{
    static const QList<QByteArray> values{"CANARY-AUTH-1f3a", "CANARY-COOKIE-77c2",
                                          "CANARY-PROXY-9e0d", "CANARY-KEY-4b8e"};
    return values;
}

/** The canaries found in \a text (empty when none leaked). */
QList<QByteArray> leaked(const QByteArray &text)
{
    QList<QByteArray> found;
    for (const QByteArray &c : canaries()) {
        if (text.contains(c))
            found.append(c);
    }
    return found;
}

QString describe(const QList<QByteArray> &found, const QByteArray &where)
{
    return QStringLiteral("%1 leaked into %2")
            .arg(QString::fromLatin1(found.join(", ")), QString::fromUtf8(where));
}

#define VERIFY_NO_CANARY(text, where)                                                            \
    do {                                                                                         \
        const QList<QByteArray> found_ = leaked(text);                                           \
        QVERIFY2(found_.isEmpty(), qPrintable(describe(found_, where)));                         \
    } while (false)

QString ssecatPath()
{
    return QDir(QString::fromLocal8Bit(qgetenv("SSE_BUILD_DIR")))
            .filePath(QStringLiteral("app/ssecat/ssecat"));
}

/** /redirect to the second origin's ticker, which ends after \a count events. */
QUrl crossOriginTicker(const ScenarioServer &server, int count)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("origin"), QStringLiteral("second"));
    query.addQueryItem(QStringLiteral("to"),
                       QString::fromLatin1(QUrl::toPercentEncoding(
                               QStringLiteral("/ticker?rate=50&count=%1").arg(count))));
    return server.url(QStringLiteral("/redirect?") + query.query(QUrl::FullyEncoded));
}

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void engineNeverForwardsOrReportsSecrets();
    void reportsMaskSecrets();
    void ssecatNeverPrintsSecrets_data();
    void ssecatNeverPrintsSecrets();

private:
    std::unique_ptr<ScenarioServer> m_server;
    QList<HttpRequest> m_firstOrigin;
    QList<HttpRequest> m_secondOrigin;
};

void TestSecrets::init()
{
    m_firstOrigin.clear();
    m_secondOrigin.clear();
    m_server = std::make_unique<ScenarioServer>();
    QVERIFY(m_server->listen());
    connect(m_server.get(), &ScenarioServer::requestServed, this,
            [this](const HttpRequest &request, int) {
                (request.localPort == m_server->port() ? m_firstOrigin : m_secondOrigin)
                        .append(request);
            });
}

void TestSecrets::engineNeverForwardsOrReportsSecrets()
{
    StreamConfig config;
    config.request.url = crossOriginTicker(*m_server, 3);
    config.request.headers = canaryHeaders();
    config.request.headers.append(Header{"X-Trace", "trace-7", false});
    config.policy.initialDelayMs = 20;
    Session session(config);
    QList<Notice> notices;
    connect(&session, &Session::noticeRaised, this,
            [&notices](const Notice &n) { notices.append(n); });
    session.connectStream();
    QTRY_COMPARE_WITH_TIMEOUT(session.status(), Session::Status::Stopped, Timeout);
    QCOMPARE(session.statistics().events, 3);

    // The first origin got every credential (so the search below can find them) ...
    QVERIFY(!m_firstOrigin.isEmpty());
    const HttpRequest &first = m_firstOrigin.first();
    for (const Header &h : canaryHeaders())
        QCOMPARE(first.header(h.name), h.value);
    // ... the other origin none of them, but the ordinary header.
    QVERIFY(!m_secondOrigin.isEmpty());
    for (const HttpRequest &r : std::as_const(m_secondOrigin)) {
        QCOMPARE(r.header("X-Trace"), QByteArray("trace-7"));
        QByteArray all;
        for (const auto &[name, value] : r.headers)
            all += name + ": " + value + '\n';
        VERIFY_NO_CANARY(all, "a request to the second origin");
    }

    // What the user sees and exports: the diagnostics report, notices, errors.
    const Diagnostics *diagnostics = session.diagnostics();
    VERIFY_NO_CANARY(diagnostics->toText().toUtf8(), "the diagnostics text report");
    VERIFY_NO_CANARY(QJsonDocument(diagnostics->toJson()).toJson(), "the diagnostics JSON");
    QVERIFY(!notices.isEmpty());
    for (const Notice &n : std::as_const(notices))
        VERIFY_NO_CANARY((n.title + n.message).toUtf8(), "a notice");
    VERIFY_NO_CANARY(session.lastError().message.toUtf8(), "the last error");
}

void TestSecrets::reportsMaskSecrets()
{
    // Same origin: the report shows the request with every credential, masked.
    StreamConfig config;
    config.request.url = m_server->url(QStringLiteral("/ticker?rate=50&count=2"));
    config.request.headers = canaryHeaders();
    config.policy.initialDelayMs = 20;
    Session session(config);
    session.connectStream();
    QTRY_COMPARE_WITH_TIMEOUT(session.status(), Session::Status::Stopped, Timeout);
    QCOMPARE(m_firstOrigin.last().header("X-Api-Key"), QByteArray("CANARY-KEY-4b8e"));

    const QString text = session.diagnostics()->toText();
    VERIFY_NO_CANARY(text.toUtf8(), "the diagnostics text report");
    VERIFY_NO_CANARY(QJsonDocument(session.diagnostics()->toJson()).toJson(),
                     "the diagnostics JSON");
    QVERIFY2(text.contains(u"Authorization: Bearer ********"), qPrintable(text)); // scheme kept
    QVERIFY2(text.contains(u"Cookie: session=********"), qPrintable(text));       // names kept
    QVERIFY2(text.contains(u"X-Api-Key: ********"), qPrintable(text));
}

void TestSecrets::ssecatNeverPrintsSecrets_data()
{
    QTest::addColumn<QStringList>("mode");
    QTest::newRow("jsonl with states") << QStringList{QStringLiteral("--states")};
    QTest::newRow("raw") << QStringList{QStringLiteral("--format"), QStringLiteral("raw")};
    QTest::newRow("diagnose text")
            << QStringList{QStringLiteral("--diagnose"), QStringLiteral("--duration"),
                           QStringLiteral("1")};
    QTest::newRow("diagnose json")
            << QStringList{QStringLiteral("--diagnose"), QStringLiteral("--duration"),
                           QStringLiteral("1"), QStringLiteral("--diagnose-format"),
                           QStringLiteral("json")};
}

void TestSecrets::ssecatNeverPrintsSecrets()
{
    QFETCH(QStringList, mode);
    QStringList args = mode;
    // ssecat treats headers as secret by their names (X-Api-Key included).
    for (const Header &h : canaryHeaders())
        args << QStringLiteral("-H") << QString::fromLatin1(h.name + ": " + h.value);
    args << QStringLiteral("--retry-initial-ms") << QStringLiteral("20")
         << crossOriginTicker(*m_server, 2).toString();
    QProcess ssecat;
    ssecat.start(ssecatPath(), args);
    QVERIFY2(ssecat.waitForStarted(Timeout), qPrintable(ssecat.errorString()));
    // The in-process server needs this event loop while ssecat runs.
    QTRY_COMPARE_WITH_TIMEOUT(ssecat.state(), QProcess::NotRunning, Timeout);
    const QByteArray out = ssecat.readAllStandardOutput();
    const QByteArray err = ssecat.readAllStandardError();
    QVERIFY2(ssecat.exitCode() == 0 || ssecat.exitCode() == 4, err.constData());
    QVERIFY2(!out.isEmpty(), err.constData());
    VERIFY_NO_CANARY(out, "ssecat's standard output");
    VERIFY_NO_CANARY(err, "ssecat's standard error");

    QVERIFY(!m_firstOrigin.isEmpty());
    for (const Header &h : canaryHeaders())
        QCOMPARE(m_firstOrigin.first().header(h.name), h.value);
    QVERIFY(!m_secondOrigin.isEmpty());
    for (const HttpRequest &r : std::as_const(m_secondOrigin)) {
        for (const Header &h : canaryHeaders())
            QVERIFY2(!r.hasHeader(h.name), h.name.constData());
    }
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
