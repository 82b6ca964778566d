#pragma once

// The scenario server on a thread of its own, for tests that judge timing (buffering,
// heartbeats, silences): a stall of the test's thread (a loaded machine, a slow check) then
// cannot hold back the server's timed writes and fake what the test looks for.

#include "scenarioserver.h"

#include <QHostAddress>
#include <QThread>
#include <QUrl>

class ScenarioServerThread final
{
public:
    ScenarioServerThread() : m_server(new sse::ScenarioServer) {}
    ~ScenarioServerThread()
    {
        if (!m_thread.isRunning()) {
            delete m_server;
            return;
        }
        m_thread.quit(); // the server is deleted on its own thread (finished -> deleteLater)
        m_thread.wait();
    }
    ScenarioServerThread(const ScenarioServerThread &) = delete;
    ScenarioServerThread &operator=(const ScenarioServerThread &) = delete;

    /** Listens on loopback, then hands the server (and its listening sockets) to the thread. */
    bool start()
    {
        if (!m_server->listen(QHostAddress::LocalHost))
            return false;
        m_server->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
        m_thread.start();
        return true;
    }
    QString errorString() const { return m_server->errorString(); }

    // Fixed once listening: safe to read from the test's thread.
    QUrl url(const QString &pathAndQuery = QStringLiteral("/")) const
    {
        return m_server->url(pathAndQuery);
    }
    QUrl secondOriginUrl(const QString &pathAndQuery = QStringLiteral("/")) const
    {
        return m_server->secondOriginUrl(pathAndQuery);
    }
    QByteArray authToken() const { return m_server->authToken(); }

private:
    QThread m_thread;
    sse::ScenarioServer *m_server; // deleted on m_thread, or here if never started
};
