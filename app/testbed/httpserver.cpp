#include "httpserver.h"

#include "types.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

Q_LOGGING_CATEGORY(lcHttpServer, "sse.httpserver")

namespace sse {

namespace {

constexpr qsizetype MaxHeadBytes = 64 * 1024;
constexpr qint64 MaxBodyBytes = 16 * 1024 * 1024;
constexpr qsizetype MaxRecordedRequests = 1000;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return QByteArrayLiteral("Continue");
    case 101: return QByteArrayLiteral("Switching Protocols");
    case 200: return QByteArrayLiteral("OK");
    case 201: return QByteArrayLiteral("Created");
    case 202: return QByteArrayLiteral("Accepted");
    case 204: return QByteArrayLiteral("No Content");
    case 206: return QByteArrayLiteral("Partial Content");
    case 301: return QByteArrayLiteral("Moved Permanently");
    case 302: return QByteArrayLiteral("Found");
    case 303: return QByteArrayLiteral("See Other");
    case 304: return QByteArrayLiteral("Not Modified");
    case 307: return QByteArrayLiteral("Temporary Redirect");
    case 308: return QByteArrayLiteral("Permanent Redirect");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 406: return QByteArrayLiteral("Not Acceptable");
    case 408: return QByteArrayLiteral("Request Timeout");
    case 409: return QByteArrayLiteral("Conflict");
    case 410: return QByteArrayLiteral("Gone");
    case 411: return QByteArrayLiteral("Length Required");
    case 413: return QByteArrayLiteral("Content Too Large");
    case 414: return QByteArrayLiteral("URI Too Long");
    case 415: return QByteArrayLiteral("Unsupported Media Type");
    case 416: return QByteArrayLiteral("Range Not Satisfiable");
    case 418: return QByteArrayLiteral("I'm a teapot");
    case 422: return QByteArrayLiteral("Unprocessable Content");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 501: return QByteArrayLiteral("Not Implemented");
    case 502: return QByteArrayLiteral("Bad Gateway");
    case 503: return QByteArrayLiteral("Service Unavailable");
    case 504: return QByteArrayLiteral("Gateway Timeout");
    case 505: return QByteArrayLiteral("HTTP Version Not Supported");
    default: return QByteArrayLiteral("Unknown");
    }
}

bool hasControlChars(QByteArrayView text)
{
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return true;
    }
    return false;
}

/** Where the head ends (index of the first body byte), or -1 when it is not complete. */
qsizetype headEnd(const QByteArray &buffer)
{
    const qsizetype crlf = buffer.indexOf("\r\n\r\n");
    const qsizetype lf = buffer.indexOf("\n\n");
    if (crlf >= 0 && (lf < 0 || crlf + 1 < lf))
        return crlf + 4;
    if (lf >= 0)
        return lf + 2;
    return -1;
}

/** Closes with RST instead of FIN (linger 0), like a crashed server, discarding unsent bytes. */
void resetSocket(QTcpSocket *socket)
{
#ifdef Q_OS_UNIX
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        const ::linger lingerOff{1, 0};
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &lingerOff, sizeof lingerOff);
    }
#endif
    socket->abort();
}

} // namespace

// ---------------------------------------------------------------------------------------------
// HttpRequest

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray HttpRequest::path() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

QUrl HttpRequest::url() const
{
    return QUrl::fromEncoded(QByteArrayLiteral("http://127.0.0.1:") + QByteArray::number(localPort)
                             + target);
}

// ---------------------------------------------------------------------------------------------
// HttpResponder

HttpResponder::HttpResponder(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    connect(socket, &QTcpSocket::bytesWritten, this, [this] { Q_EMIT bytesWritten(); });
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        Q_EMIT disconnected();
        deleteLater();
    });
}

void HttpResponder::writeHead(int status, const HttpHeaders &headers, QByteArrayView reason)
{
    if (!isConnected())
        return;
    QByteArray head = QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(status) + ' '
            + (reason.isEmpty() ? reasonPhrase(status) : reason.toByteArray()) + "\r\n";
    bool framed = status < 200 || status == 204 || status == 304;
    for (const auto &h : headers) {
        if (h.first.compare("connection", Qt::CaseInsensitive) == 0)
            continue; // always Connection: close, added below
        if (h.first.compare("content-length", Qt::CaseInsensitive) == 0
            || h.first.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            framed = true;
        head += h.first + ": " + h.second + "\r\n";
    }
    // A body without a length is sent chunked, as HTTP/1.1 servers send event streams: the
    // client can tell a complete body from a reset connection. (A body delimited by the close
    // alone also makes Qt 6.4 re-send the request now and then.)
    m_chunked = !framed;
    if (m_chunked)
        head += "Transfer-Encoding: chunked\r\n";
    head += "Connection: close\r\n\r\n";
    m_socket->write(head);
}

void HttpResponder::write(QByteArrayView bytes)
{
    if (!isConnected() || bytes.isEmpty())
        return;
    if (m_chunked)
        m_socket->write(QByteArray::number(bytes.size(), 16) + "\r\n");
    m_socket->write(bytes.data(), bytes.size());
    if (m_chunked)
        m_socket->write("\r\n", 2);
}

void HttpResponder::respond(int status, QByteArrayView contentType, QByteArrayView body,
                            const HttpHeaders &extraHeaders)
{
    HttpHeaders headers;
    if (!contentType.isEmpty())
        headers.append({QByteArrayLiteral("Content-Type"), contentType.toByteArray()});
    headers.append({QByteArrayLiteral("Content-Length"), QByteArray::number(body.size())});
    headers.append(extraHeaders);
    writeHead(status, headers);
    write(body);
    close();
}

void HttpResponder::close()
{
    if (!isConnected())
        return;
    if (m_chunked) {
        m_socket->write("0\r\n\r\n", 5); // the last chunk: the body is complete
        m_chunked = false;
    }
    // Sends what is queued, then FIN; the socket emits disconnected() when done.
    m_socket->disconnectFromHost();
}

void HttpResponder::cut()
{
    if (!isConnected())
        return;
    m_chunked = false; // no last chunk: the body stays incomplete
    m_socket->disconnectFromHost();
}

void HttpResponder::abort()
{
    if (!m_socket || m_socket->state() == QAbstractSocket::UnconnectedState)
        return;
    resetSocket(m_socket);
}

bool HttpResponder::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 HttpResponder::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

// ---------------------------------------------------------------------------------------------
// HttpServer

/** Parse state of one connection until its request has been handed out. */
struct HttpServer::Connection
{
    QByteArray buffer;
    HttpRequest request;
    bool headParsed = false;
    bool done = false;      ///< request dispatched or refused; further input is discarded
    qint64 contentLength = 0;
};

HttpServer::HttpServer(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<sse::HttpRequest>();
}

HttpServer::~HttpServer()
{
    // Teardown must not run handlers' disconnect callbacks against half-destroyed owners.
    const auto sockets = m_connections.keys();
    for (QTcpSocket *socket : sockets)
        socket->disconnect();
}

quint16 HttpServer::listen(const QHostAddress &address, quint16 port)
{
    auto *server = new QTcpServer(this);
    server->setListenBacklogSize(256);
    if (!server->listen(address, port)) {
        m_errorString = server->errorString();
        delete server;
        return 0;
    }
    connect(server, &QTcpServer::newConnection, this, [this, server] { onNewConnection(server); });
    m_servers.append(server);
    return server->serverPort();
}

quint16 HttpServer::port() const
{
    return m_servers.isEmpty() ? 0 : m_servers.constFirst()->serverPort();
}

QUrl HttpServer::url(const QString &path, quint16 port) const
{
    QHostAddress address(QHostAddress::LocalHost);
    quint16 chosen = this->port();
    for (const QTcpServer *server : m_servers) {
        if (port == 0 || server->serverPort() == port) {
            address = server->serverAddress();
            chosen = server->serverPort();
            break;
        }
    }
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        address = QHostAddress(QHostAddress::LocalHost);
    else if (address == QHostAddress::AnyIPv6)
        address = QHostAddress(QHostAddress::LocalHostIPv6);
    QUrl base;
    base.setScheme(QStringLiteral("http"));
    base.setHost(address.toString());
    base.setPort(chosen);
    return base.resolved(QUrl(path));
}

void HttpServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

int HttpServer::openConnectionCount() const
{
    return int(m_connections.size());
}

void HttpServer::abortAll()
{
    const auto sockets = m_connections.keys();
    for (QTcpSocket *socket : sockets)
        resetSocket(socket);
}

void HttpServer::onNewConnection(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        m_connections.insert(socket, std::make_shared<Connection>());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            socket->deleteLater();
        });
        // A client may have connected and sent its request before we got here.
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void HttpServer::onReadyRead(QTcpSocket *socket)
{
    const auto found = m_connections.constFind(socket);
    if (found == m_connections.constEnd())
        return;
    // A copy on purpose: a handler called below may remove the connection from the map.
    const std::shared_ptr<Connection> connection = found.value(); // NOLINT(performance-unnecessary-copy-initialization)
    if (connection->done) {
        socket->readAll(); // one request per connection: ignore the rest
        return;
    }
    connection->buffer += socket->readAll();

    if (!connection->headParsed) {
        const qsizetype end = headEnd(connection->buffer);
        if (end < 0) {
            if (connection->buffer.size() > MaxHeadBytes) {
                refuse(socket, 431, QByteArrayLiteral("The request head exceeds 64 KiB."));
            }
            return;
        }
        if (end > MaxHeadBytes) {
            refuse(socket, 431, QByteArrayLiteral("The request head exceeds 64 KiB."));
            return;
        }
        if (!parseHead(socket, connection->buffer.left(end), connection.get()))
            return;
        connection->buffer.remove(0, end);
        connection->headParsed = true;
        if (connection->contentLength > 0
            && connection->request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0
            && connection->buffer.isEmpty()) {
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        }
    }

    if (connection->buffer.size() < connection->contentLength)
        return;
    // A copy, not left(): an empty left() shares the whole read buffer (32 KiB capacity), which
    // every recorded request would then keep alive.
    connection->request.body = QByteArray(connection->buffer.constData(),
                                          qsizetype(connection->contentLength));
    connection->buffer.clear();
    connection->done = true;
    dispatch(socket, connection->request);
}

// The request line, then each header, each with the 400 it earns, in the order of RFC 9112:
// one function so that every refusal sits next to the rule it enforces (a little over a screen).
bool HttpServer::parseHead(QTcpSocket *socket, const QByteArray &head, Connection *connection)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    if (lines.isEmpty()) {
        refuse(socket, 400, QByteArrayLiteral("Empty request."));
        return false;
    }

    HttpRequest &request = connection->request;
    request.localPort = socket->localPort();
    request.peerAddress = socket->peerAddress();
    const QList<QByteArray> parts = lines.constFirst().split(' ');
    if (parts.size() != 3) {
        refuse(socket, 400,
               QByteArrayLiteral("The request line must be \"METHOD target HTTP/1.1\" with single spaces."));
        return false;
    }
    request.method = parts.at(0);
    request.target = parts.at(1);
    request.version = parts.at(2);
    if (!isHttpToken(request.method)) {
        refuse(socket, 400, QByteArrayLiteral("The method is not a valid token."));
        return false;
    }
    if (!request.target.startsWith('/') || hasControlChars(request.target)) {
        refuse(socket, 400,
               QByteArrayLiteral("The request target must be a path starting with '/' (origin form)."));
        return false;
    }
    if (!request.version.startsWith("HTTP/") || request.version.size() != 8) {
        refuse(socket, 400, QByteArrayLiteral("The request line does not end with an HTTP version."));
        return false;
    }
    if (request.version != "HTTP/1.1" && request.version != "HTTP/1.0") {
        refuse(socket, 505, QByteArrayLiteral("Only HTTP/1.0 and HTTP/1.1 are supported."));
        return false;
    }

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isHttpToken(QByteArrayView(line).first(colon))) {
            refuse(socket, 400,
                   QByteArrayLiteral("Malformed header line (expected \"Name: value\"): ") + line.left(200));
            return false;
        }
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (hasControlChars(value)) {
            refuse(socket, 400, QByteArrayLiteral("A header value contains control characters."));
            return false;
        }
        request.headers.append({line.left(colon), value});
    }

    if (request.hasHeader("transfer-encoding")) {
        refuse(socket, 411,
               QByteArrayLiteral("Chunked or otherwise encoded request bodies are not supported; send Content-Length."));
        return false;
    }
    QByteArray length;
    for (const auto &h : std::as_const(request.headers)) {
        if (h.first.compare("content-length", Qt::CaseInsensitive) != 0)
            continue;
        if (!length.isNull() && length != h.second) {
            refuse(socket, 400, QByteArrayLiteral("Conflicting Content-Length headers."));
            return false;
        }
        length = h.second;
    }
    if (!length.isNull()) {
        bool ok = !length.isEmpty() && length.size() <= 18;
        for (char c : std::as_const(length))
            ok = ok && c >= '0' && c <= '9';
        if (!ok) {
            refuse(socket, 400, QByteArrayLiteral("Content-Length is not a decimal number."));
            return false;
        }
        connection->contentLength = length.toLongLong();
        if (connection->contentLength > MaxBodyBytes) {
            refuse(socket, 413, QByteArrayLiteral("The request body exceeds 16 MiB."));
            return false;
        }
    }
    return true;
}

void HttpServer::refuse(QTcpSocket *socket, int status, const QByteArray &explanation)
{
    qCDebug(lcHttpServer) << "refusing request with" << status << explanation;
    if (const auto found = m_connections.constFind(socket); found != m_connections.constEnd())
        found.value()->done = true;
    socket->readAll(); // unread input would turn our FIN into a RST that hides the answer
    auto *responder = new HttpResponder(socket, this);
    responder->respond(status, "text/plain; charset=utf-8", explanation + '\n');
}

void HttpServer::dispatch(QTcpSocket *socket, const HttpRequest &request)
{
    m_requests.append(request);
    if (m_requests.size() > MaxRecordedRequests)
        m_requests.removeFirst();
    Q_EMIT requestReceived(request);

    auto *responder = new HttpResponder(socket, this);
    if (m_handler)
        m_handler(request, responder);
    else
        responder->respond(503, "text/plain; charset=utf-8", "No handler is installed.\n");
}

BodyPump::BodyPump(HttpResponder *responder, std::function<QByteArray()> next, AtEnd atEnd)
    : QObject(responder)
    , m_responder(responder)
    , m_next(std::move(next))
    , m_atEnd(atEnd)
{
    connect(responder, &HttpResponder::bytesWritten, this, &BodyPump::fill);
    fill();
}

void BodyPump::fill()
{
    while (m_responder->isConnected() && m_responder->bytesToWrite() < HighWaterBytes) {
        const QByteArray chunk = m_next();
        if (chunk.isEmpty()) {
            disconnect(m_responder, nullptr, this, nullptr);
            if (m_atEnd == AtEnd::Close)
                m_responder->close();
            deleteLater();
            return;
        }
        m_responder->write(chunk);
    }
}

} // namespace sse
