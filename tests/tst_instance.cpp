// The sse-monitor program as a user runs it (offscreen, with a temporary HOME, config and
// temp directory of its own, so its settings and socket touch nothing else):
//  - ten streams handed to a running window, the process killed (SIGKILL) a second later: the
//    next launch has all ten, and reconnects them;
//  - `sse-monitor URL` run twice: one window, one stream; SIGTERM then saves and exits cleanly;
//  - what arrives on the single-instance socket is checked like any untrusted input.

#include "httpserver.h"
#include "settingsstore.h"
#include "singleinstance.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <signal.h>
#include <sys/prctl.h>

using sse::HttpRequest;
using sse::HttpResponder;
using sse::HttpServer;

namespace {

constexpr int Timeout = 20000;

QString monitorPath()
{
    return qEnvironmentVariable("SSE_BUILD_DIR") + QStringLiteral("/app/monitor/sse-monitor");
}

/** One user's environment: HOME, XDG_CONFIG_HOME and TMPDIR in a temporary directory. */
class Desktop
{
public:
    Desktop()
    {
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("HOME"), m_dir.path());
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        m_env.insert(QStringLiteral("TMPDIR"), m_dir.path());
        m_env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        m_env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
    }

    QString settingsFile() const
    {
        return m_dir.filePath(QStringLiteral("config/SSE Monitor/SSE Monitor.conf"));
    }
    QString socketPath() const
    {
        return m_dir.filePath(SingleInstance::nameFor(settingsFile()));
    }

    /** Starts sse-monitor; it dies with the test. */
    std::unique_ptr<QProcess> start(const QStringList &args) const
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(m_env);
        p->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        p->start(monitorPath(), args);
        return p;
    }

    /** Runs sse-monitor to its end (a later launch that hands over). */
    bool run(const QStringList &args, int *exitCode, QByteArray *err) const
    {
        const auto p = start(args);
        QSignalSpy finished(p.get(), &QProcess::finished);
        if (!finished.wait(Timeout))
            return false;
        *exitCode = p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1;
        *err = p->readAllStandardError();
        return true;
    }

    /** Speaks the single-instance protocol like a later launch; the answer, or empty. */
    QJsonObject ask(const QByteArray &request) const
    {
        QLocalSocket socket;
        socket.connectToServer(socketPath());
        if (!socket.waitForConnected(1000))
            return {};
        socket.write(request);
        QByteArray reply;
        QElapsedTimer clock;
        clock.start();
        while (!reply.contains('\n') && clock.elapsed() < Timeout) {
            if (!socket.waitForReadyRead(200) && socket.state() != QLocalSocket::ConnectedState)
                break;
            reply += socket.readAll();
        }
        return QJsonDocument::fromJson(reply).object();
    }

    QJsonObject askUrls(const QStringList &urls) const
    {
        return ask(QJsonDocument(QJsonObject{{QStringLiteral("urls"), QJsonArray::fromStringList(urls)}})
                       .toJson(QJsonDocument::Compact)
                   + '\n');
    }

    /** Whether a window answers on the socket. */
    bool answers() const { return askUrls({}).contains(QStringLiteral("streams")); }

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
};

} // namespace

class tst_Instance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedASecondAfterAddingKeepsEverything();
    void secondLaunchHandsOver();
    void untrustedRequests();
    void silentInstanceIsNotDoubled();

private:
    std::unique_ptr<HttpServer> m_server;
};

void tst_Instance::initTestCase()
{
    QVERIFY2(QFileInfo(monitorPath()).isExecutable(), qPrintable(monitorPath()));
    m_server = std::make_unique<HttpServer>();
    QVERIFY(m_server->listen() != 0);
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, {{"Content-Type", "text/event-stream"}});
        r->write("data: hello\n\n");
    });
}

void tst_Instance::killedASecondAfterAddingKeepsEverything()
{
    Desktop desktop;
    auto first = desktop.start({});
    QTRY_VERIFY_WITH_TIMEOUT(desktop.answers(), Timeout);

    QStringList urls;
    for (int i = 1; i <= 10; ++i)
        urls.append(m_server->url(QStringLiteral("/stream-%1").arg(i)).toString());
    int exitCode = -1;
    QByteArray err;
    QVERIFY(desktop.run(urls, &exitCode, &err));
    QElapsedTimer sinceAdded;
    sinceAdded.start();
    QCOMPARE(exitCode, 0);
    QCOMPARE(err.count("opened in the running window"), 10);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 10, Timeout); // all ten connected

    // The scenario: the process is killed one second after the streams were added.
    QTest::qWait(int(qMax<qint64>(0, 1000 - sinceAdded.elapsed())));
    ::kill(pid_t(first->processId()), SIGKILL);
    QVERIFY(first->waitForFinished(Timeout));
    QCOMPARE(first->exitStatus(), QProcess::CrashExit);

    const int before = int(m_server->requests().size());
    auto second = desktop.start({});
    QTRY_VERIFY_WITH_TIMEOUT(desktop.answers(), Timeout);
    QCOMPARE(desktop.askUrls({}).value(u"streams").toInt(), 10);
    const QJsonObject reply = desktop.askUrls(urls);
    QCOMPARE(reply.value(u"streams").toInt(), 10);
    for (const QJsonValue &result : reply.value(u"results").toArray())
        QCOMPARE(result.toString(), QStringLiteral("focused")); // restored, not added again
    // They were connected when killed: monitoring resumes without a click.
    QTRY_COMPARE_WITH_TIMEOUT(int(m_server->requests().size()), before + 10, Timeout);
    second->terminate();
    QVERIFY(second->waitForFinished(Timeout));
}

void tst_Instance::secondLaunchHandsOver()
{
    Desktop desktop;
    const QString url = m_server->url(QStringLiteral("/once")).toString();
    auto first = desktop.start({url});
    QTRY_VERIFY_WITH_TIMEOUT(desktop.answers(), Timeout);

    int exitCode = -1;
    QByteArray err;
    QVERIFY(desktop.run({url}, &exitCode, &err));
    QCOMPARE(exitCode, 0);
    QVERIFY2(err.contains("already open, focused in the running window"), err.constData());
    QCOMPARE(first->state(), QProcess::Running); // one window: the second launch is gone
    QCOMPARE(desktop.askUrls({}).value(u"streams").toInt(), 1);

    // SIGTERM (logout, kill) saves and exits like a click on Quit.
    first->terminate();
    QSignalSpy finished(first.get(), &QProcess::finished);
    QVERIFY(first->state() == QProcess::NotRunning || finished.wait(Timeout));
    QCOMPARE(first->exitStatus(), QProcess::NormalExit);
    QCOMPARE(first->exitCode(), 0);
    const auto loaded = sse::SettingsStore(desktop.settingsFile()).load();
    QVERIFY2(loaded.notices.isEmpty(), qPrintable(loaded.notices.join(u'\n')));
    QCOMPARE(loaded.streams.size(), 1);
    QCOMPARE(loaded.streams.at(0).config.request.url, QUrl(url));
    QVERIFY(loaded.streams.at(0).wasConnected);
}

void tst_Instance::untrustedRequests()
{
    Desktop desktop;
    auto first = desktop.start({});
    QTRY_VERIFY_WITH_TIMEOUT(desktop.answers(), Timeout);

    const QJsonObject reply = desktop.askUrls({QStringLiteral("ftp://e.com/"), QStringLiteral("javascript:alert(1)"),
                                               QStringLiteral("http:///nohost"), QStringLiteral("not a url")});
    QCOMPARE(reply.value(u"results").toArray().size(), 4);
    for (const QJsonValue &result : reply.value(u"results").toArray())
        QCOMPARE(result.toString(), QStringLiteral("invalid"));
    QCOMPARE(reply.value(u"streams").toInt(), 0);
    QVERIFY(desktop.ask("not json\n").contains(QStringLiteral("error")));
    // More than the request limit without a line end: dropped without an answer.
    QVERIFY(desktop.ask(QByteArray(SingleInstance::MaxRequestBytes + 10, 'x')).isEmpty());
    QVERIFY(desktop.answers()); // and the window still serves the next launch
    first->terminate();
    QVERIFY(first->waitForFinished(Timeout));
}

void tst_Instance::silentInstanceIsNotDoubled()
{
    // Something holds the socket but never answers (a hung window): a second window would
    // overwrite its settings, so the launch says so and exits instead.
    Desktop desktop;
    QLocalServer hung;
    QVERIFY(hung.listen(desktop.socketPath()));
    int exitCode = -1;
    QByteArray err;
    QVERIFY(desktop.run({m_server->url().toString()}, &exitCode, &err));
    QCOMPARE(exitCode, 1);
    QVERIFY2(err.contains("does not answer"), err.constData());
    QVERIFY(!QFileInfo::exists(desktop.settingsFile()));
}

QTEST_GUILESS_MAIN(tst_Instance)
#include "tst_instance.moc"
