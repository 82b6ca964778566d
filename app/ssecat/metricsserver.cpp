#include "metricsserver.h"

#include "metricsexporter.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace ssecat {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("OK");
    case 400: return QByteArrayLiteral("Bad Request");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    case 503: return QByteArrayLiteral("Service Unavailable");
    default: return QByteArrayLiteral("Error");
    }
}

const QByteArray TextPlain = QByteArrayLiteral("text/plain; charset=utf-8");

/** Where the request head ends (after its blank line), -1 while it has not. */
qsizetype headEnd(const QByteArray &bytes)
{
    const qsizetype crlf = bytes.indexOf("\r\n\r\n");
    const qsizetype lf = bytes.indexOf("\n\n");
    if (crlf >= 0 && (lf < 0 || crlf < lf))
        return crlf + 4;
    return lf >= 0 ? lf + 2 : -1;
}

} // namespace

MetricsServer::MetricsServer(const MetricsExporter *exporter, QObject *parent)
    : QObject(parent)
    , m_exporter(exporter)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &MetricsServer::onNewConnection);
}

MetricsServer::~MetricsServer()
{
    // The sockets are the server's children: no slot of this object may run while they go.
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it)
        it.key()->disconnect(this);
}

bool MetricsServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_server->listen(address, port))
        return true;
    m_errorString = m_server->errorString();
    return false;
}

QUrl MetricsServer::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_server->serverAddress().toString());
    url.setPort(m_server->serverPort());
    url.setPath(QStringLiteral("/metrics"));
    return url;
}

void MetricsServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_connections.size() >= MaxConnections) {
            // Not tracked: the short answer fits the socket's kernel buffer and the socket
            // closes as soon as it is handed over.
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            answer(socket, 503, TextPlain, "Too many connections to the metrics endpoint.\n");
            continue;
        }
        Connection connection;
        connection.deadline = new QTimer(socket);
        connection.deadline->setSingleShot(true);
        connect(connection.deadline, &QTimer::timeout, socket, &QTcpSocket::abort);
        connection.deadline->start(m_timeoutMs);
        m_connections.insert(socket, connection);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void MetricsServer::onReadyRead(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    if (it->answered) {
        socket->readAll(); // a body or more requests: not read, not kept
        return;
    }
    it->head += socket->read(MaxHeadBytes + 1 - it->head.size());
    const qsizetype end = headEnd(it->head);
    if (end >= 0 && end <= MaxHeadBytes) {
        const QByteArray head = it->head.left(end);
        it->head.clear();
        handle(socket, head);
    } else if (it->head.size() > MaxHeadBytes) {
        it->head.clear();
        answer(socket, 431, TextPlain, "The request head is too large.\n");
    }
}

void MetricsServer::handle(QTcpSocket *socket, const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.constFirst().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")
        || !requestLine.at(1).startsWith('/')) {
        answer(socket, 400, TextPlain, "Malformed request.\n");
        return;
    }
    const QByteArray &method = requestLine.at(0);
    const QByteArray &target = requestLine.at(1);
    const qsizetype query = target.indexOf('?');
    const QByteArray path = query >= 0 ? target.left(query) : target;
    if (path != "/metrics") {
        answer(socket, 404, TextPlain, "Not found: the metrics are at /metrics.\n");
        return;
    }
    if (method != "GET" && method != "HEAD") {
        answer(socket, 405, TextPlain, "Only GET and HEAD are allowed.\n", true,
               QByteArrayLiteral("Allow: GET, HEAD\r\n"));
        return;
    }
    QByteArray accept;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare("accept", Qt::CaseInsensitive) == 0)
            accept += (accept.isEmpty() ? "" : ",") + line.mid(colon + 1).trimmed();
    }
    const ExpositionFormat format = MetricsExporter::negotiate(accept);
    answer(socket, 200, MetricsExporter::contentType(format), m_exporter->render(format),
           method == "GET");
}

void MetricsServer::answer(QTcpSocket *socket, int status, const QByteArray &contentType,
                           const QByteArray &body, bool withBody, const QByteArray &extraHeaders)
{
    const auto it = m_connections.find(socket);
    if (it != m_connections.end())
        it->answered = true;
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n" + extraHeaders + "\r\n";
    if (withBody)
        response += body;
    socket->write(response);
    // Closes once the client has taken everything, or the deadline aborts it.
    socket->disconnectFromHost();
}

void MetricsServer::drop(QTcpSocket *socket)
{
    m_connections.remove(socket);
    socket->deleteLater();
}

} // namespace ssecat
