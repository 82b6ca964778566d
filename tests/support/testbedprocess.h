#pragma once

// The sse-testbed program as a child process, for the suites that need a server in another
// process (tst_faults kills and restarts it; tst_prometheus scrapes ssecat watching it).

#include <QCoreApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>

#include <memory>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

constexpr int TestbedTimeoutMs = 15000;

/** The sse-testbed program as a child process that can be killed and started again on the
 *  same port. Its request log (standard error) is kept for the failure report. */
class Testbed
{
public:
    Testbed() = default;
    ~Testbed() { kill(); }
    Q_DISABLE_COPY_MOVE(Testbed)

    static QString program()
    {
        const QString buildDir = qEnvironmentVariable("SSE_BUILD_DIR");
        return (buildDir.isEmpty() ? QCoreApplication::applicationDirPath() + QStringLiteral("/..")
                                   : buildDir)
            + QStringLiteral("/app/testbed/sse-testbed");
    }

    /** Starts the server on \a port (0 = any free port) and waits until it listens. */
    bool start(quint16 port = 0)
    {
        kill();
        m_process = std::make_unique<QProcess>();
        QObject::connect(m_process.get(), &QProcess::readyReadStandardError, m_process.get(),
                         [this] { m_log += m_process->readAllStandardError(); });
#ifdef Q_OS_LINUX
        // Should this test crash, the server dies with it instead of holding the port.
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
        // --second-port 0: parallel runs of this suite must not compete for the default 8766.
        m_process->start(program(), {QStringLiteral("--port"), QString::number(port),
                                     QStringLiteral("--second-port"), QStringLiteral("0")});
        if (!m_process->waitForStarted(TestbedTimeoutMs)) {
            m_log += "cannot start " + program().toUtf8() + ": " + m_process->errorString().toUtf8();
            return false;
        }
        // It prints its URLs once it listens; it exits (status 2) when the port is taken.
        QByteArray out;
        const QRegularExpression index(QStringLiteral("Index:\\s+(\\S+)"));
        QRegularExpressionMatch match;
        (void)QTest::qWaitFor([&] {
            out += m_process->readAllStandardOutput();
            match = index.match(QString::fromUtf8(out));
            return match.hasMatch() || m_process->state() == QProcess::NotRunning;
        }, TestbedTimeoutMs);
        if (!match.hasMatch()) {
            m_log += m_process->readAllStandardError();
            return false;
        }
        m_base = QUrl(match.captured(1));
        return port == 0 || m_base.port() == port;
    }

    /** SIGKILL, as a crash or an OOM kill: no goodbye, the kernel closes the sockets. */
    void kill()
    {
        if (!m_process)
            return;
        if (m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(TestbedTimeoutMs);
        }
        m_log += m_process->readAllStandardError();
        m_process.reset();
    }

    bool restart() { return start(port()); }
    quint16 port() const { return quint16(m_base.port()); }
    QUrl url(const QString &pathAndQuery) const { return m_base.resolved(QUrl(pathAndQuery)); }
    const QByteArray &log() const { return m_log; }

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_base;
    QByteArray m_log;
};
