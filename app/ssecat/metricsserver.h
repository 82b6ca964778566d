#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QTcpServer;
class QTcpSocket;
class QTimer;
QT_END_NAMESPACE

namespace ssecat {

class MetricsExporter;

/** The HTTP endpoint of the exporter: GET (or HEAD) /metrics answers the exposition in the
 *  format the Accept header asks for; another path gets 404, another method 405, anything
 *  malformed 400, a request head over MaxHeadBytes 431. One request per connection
 *  (Connection: close). Bounded whatever clients do: at most MaxConnections at once (more get
 *  503), and a connection that has not received its whole answer within the connection
 *  timeout is aborted, so slow or silent clients cost a few KiB for a few seconds each. */
class MetricsServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsServer)
public:
    static constexpr int MaxConnections = 16;
    static constexpr qsizetype MaxHeadBytes = 8 * 1024;
    static constexpr int DefaultConnectionTimeoutMs = 10000; ///< Prometheus' scrape timeout

    explicit MetricsServer(const MetricsExporter *exporter, QObject *parent = nullptr);
    ~MetricsServer() override;

    /** Returns false with errorString() when \a address:\a port cannot be bound. */
    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const { return m_errorString; }
    /** http://ADDR:PORT/metrics of the bound address. */
    QUrl url() const;

    /** The time a client has from connecting to receiving its whole answer. */
    void setConnectionTimeout(int ms) { m_timeoutMs = ms; }
    int connectionCount() const { return int(m_connections.size()); }

private:
    struct Connection
    {
        QByteArray head;
        QTimer *deadline = nullptr;
        bool answered = false;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const QByteArray &head);
    void answer(QTcpSocket *socket, int status, const QByteArray &contentType,
                const QByteArray &body, bool withBody = true, const QByteArray &extraHeaders = {});
    void drop(QTcpSocket *socket);

    const MetricsExporter *m_exporter;
    QTcpServer *m_server;
    QHash<QTcpSocket *, Connection> m_connections;
    QString m_errorString;
    int m_timeoutMs = DefaultConnectionTimeoutMs;
};

} // namespace ssecat
