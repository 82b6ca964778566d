#pragma once

#include <QList>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>

QT_BEGIN_NAMESPACE
class QLocalServer;
class QLocalSocket;
QT_END_NAMESPACE

/** One window per user and settings file. The first sse-monitor listens on a local socket
 *  (readable by this user only); a later one sends its URLs there and exits, so two windows
 *  never overwrite each other's settings.
 *
 *  Protocol, one JSON line each way: {"urls": ["https://..."]} and the answer
 *  {"results": ["added" | "focused" | "invalid", ...], "streams": <open streams>}.
 *  What arrives is untrusted: at most MaxRequestBytes, MaxUrls, http(s) URLs only. */
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)
public:
    static constexpr qint64 MaxRequestBytes = 64 * 1024;
    static constexpr int MaxUrls = 100;
    static constexpr int TimeoutMs = 5000;

    /** What the running window does with one URL: "added" or "focused". */
    using Handler = std::function<QString(const QUrl &url)>;

    /** The socket name for \a settingsFile: includes the user and the file, so separate
     *  settings (another HOME or XDG_CONFIG_HOME) get separate instances. */
    static QString nameFor(const QString &settingsFile);

    explicit SingleInstance(const QString &name, QObject *parent = nullptr);
    ~SingleInstance() override;

    struct HandOver
    {
        bool running = false;  ///< an instance accepted the connection
        QByteArray reply;      ///< its answer line; empty if it did not answer in time
    };
    /** Hands \a urls to a running instance. */
    HandOver sendToRunning(const QList<QUrl> &urls);
    /** Becomes the running instance; false (with errorString()) if that failed. */
    bool listen(Handler handler, std::function<int()> streamCount);
    QString errorString() const { return m_error; }

    static bool isAcceptable(const QUrl &url);

Q_SIGNALS:
    /** A later launch handed URLs over: the window should come to the front. */
    void activated();

private:
    void onConnection();
    void answer(QLocalSocket *socket, const QByteArray &line);

    QString m_name;
    QLocalServer *m_server = nullptr;
    Handler m_handler;
    std::function<int()> m_streamCount;
    QString m_error;
};
