#pragma once

// Servers on a thread of their own, as a real server is another process: for tests that judge
// timing (buffering, heartbeats, silences) a stall of the test's thread (a loaded machine, a slow
// check) then cannot hold back the server's writes and fake what the test looks for, and for
// the stress tests the test's thread is only the client's.

#include "httpserver.h"
#include "scenarioserver.h"

#include <QHostAddress>
#include <QThread>
#include <QUrl>

#include <condition_variable>
#include <mutex>

/** An sse::HttpServer in its own thread. The handler runs in that thread: what it shares with
 *  the test must be immutable or atomic. */
class ServerThread final : public QThread
{
public:
    explicit ServerThread(sse::HttpServer::Handler handler)
        : m_handler(std::move(handler))
    {
    }
    ~ServerThread() override
    {
        quit();
        wait();
    }
    Q_DISABLE_COPY_MOVE(ServerThread)

    /** Starts the thread; the server's URL for \a path, or an invalid URL. */
    QUrl startAndGetUrl(const QString &path)
    {
        start();
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return m_started; });
        return m_base.isValid() ? m_base.resolved(QUrl(path)) : QUrl();
    }

protected:
    void run() override
    {
        sse::HttpServer server;
        server.setHandler(m_handler);
        {
            std::lock_guard lock(m_mutex);
            if (server.listen() != 0)
                m_base = server.url();
            m_started = true;
        }
        m_ready.notify_all();
        exec();
    }

private:
    sse::HttpServer::Handler m_handler;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    bool m_started = false;
    QUrl m_base;
};

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
