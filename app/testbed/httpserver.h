#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QTcpServer;
class QTcpSocket;
QT_END_NAMESPACE

namespace sse {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

/** One parsed HTTP/1.1 request. */
struct HttpRequest
{
    QByteArray method;
    QByteArray target;        ///< request target as sent: path and query
    QByteArray version;       ///< "HTTP/1.1"
    HttpHeaders headers;
    QByteArray body;
    quint16 localPort = 0;    ///< which listening port took it
    QHostAddress peerAddress; ///< the client's address

    QByteArray header(QByteArrayView name) const; ///< case-insensitive; first match
    bool hasHeader(QByteArrayView name) const;
    QByteArray path() const;  ///< target without the query
    QUrl url() const;         ///< http://127.0.0.1:<localPort><target>
};

/** A response in progress on one connection. The server closes the connection after each
 *  response (Connection: close). A body without Content-Length is sent with chunked transfer
 *  encoding and ends when close() is called, which is how event streams are served; abort()
 *  cuts it short so the client sees an incomplete body. Owned by the server; deleted after the
 *  socket disconnects. */
class HttpResponder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpResponder)
public:
    explicit HttpResponder(QTcpSocket *socket, QObject *parent = nullptr);

    /** Status line and headers; adds "Connection: close". */
    void writeHead(int status, const HttpHeaders &headers = {}, QByteArrayView reason = {});
    void write(QByteArrayView bytes);
    /** Convenience: head with Content-Type and Content-Length, body, close. */
    void respond(int status, QByteArrayView contentType, QByteArrayView body,
                 const HttpHeaders &extraHeaders = {});
    /** Ends the body gracefully once everything written has been sent. */
    void close();
    /** Ends the connection after everything written has been sent, but leaves a chunked body
     *  incomplete: the client gets every byte, then a body that ended too early. */
    void cut();
    /** Resets the connection at once (RST), discarding unsent bytes (and, at the client, the
     *  bytes it has not read yet). */
    void abort();

    bool isConnected() const;
    qint64 bytesToWrite() const;

Q_SIGNALS:
    /** Written bytes left the process; bytesToWrite() tells how much is still queued. */
    void bytesWritten();
    void disconnected();

private:
    QPointer<QTcpSocket> m_socket;
    bool m_chunked = false;
};

/** A small HTTP/1.1 server on QTcpServer for the scenario server and tests.
 *  It parses one request per connection (headers up to 64 KiB, body by Content-Length up to
 *  16 MiB; anything malformed gets a 400) and hands it to the handler together with a
 *  responder. Serves any number of connections without blocking its event loop. */
class HttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)
public:
    using Handler = std::function<void(const sse::HttpRequest &, sse::HttpResponder *)>;

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    /** Listens on \a address:\a port (0 = any free port). Several calls add more ports, e.g.
     *  a second origin for redirect tests. Returns the bound port, or 0 with errorString(). */
    quint16 listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    QString errorString() const { return m_errorString; }
    /** The first listening port. */
    quint16 port() const;
    /** http://<address>:<port><path> for the first (or the given) listening port. */
    QUrl url(const QString &path = QStringLiteral("/"), quint16 port = 0) const;

    void setHandler(Handler handler);
    /** Every request received so far, for tests' assertions. */
    const QList<HttpRequest> &requests() const { return m_requests; }
    int openConnectionCount() const;
    /** Aborts every open connection (simulates a server crash). */
    void abortAll();

Q_SIGNALS:
    void requestReceived(const sse::HttpRequest &request);

private:
    struct Connection;

    void onNewConnection(QTcpServer *server);
    void onReadyRead(QTcpSocket *socket);
    bool parseHead(QTcpSocket *socket, const QByteArray &head, Connection *connection);
    /** Answers an unacceptable request with \a status and a text/plain explanation. */
    void refuse(QTcpSocket *socket, int status, const QByteArray &explanation);
    void dispatch(QTcpSocket *socket, const HttpRequest &request);

    QList<QTcpServer *> m_servers;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections; ///< every open connection
    Handler m_handler;
    QList<HttpRequest> m_requests;
    QString m_errorString;
};

/** Writes a body as fast as the client takes it without holding it in memory: whatever
 *  \a next returns, whenever less than HighWaterBytes are queued on the socket. When \a next
 *  returns an empty array the body is complete: the response is closed, or left open (so a
 *  client does not reconnect while a test looks at the outcome). Owned by the responder. */
class BodyPump final : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 HighWaterBytes = 1024 * 1024;
    enum class AtEnd { Close, KeepOpen };

    /** Starts writing at once. */
    BodyPump(HttpResponder *responder, std::function<QByteArray()> next,
             AtEnd atEnd = AtEnd::Close);

private:
    void fill();

    HttpResponder *m_responder;
    std::function<QByteArray()> m_next;
    AtEnd m_atEnd;
};

} // namespace sse

Q_DECLARE_METATYPE(sse::HttpRequest)
