#include "singleinstance.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTimer>

#include <unistd.h>

QString SingleInstance::nameFor(const QString &settingsFile)
{
    const QByteArray path = QFileInfo(settingsFile).absoluteFilePath().toUtf8();
    const QByteArray hash = QCryptographicHash::hash(path, QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("sse-monitor-%1-%2").arg(QString::number(::getuid()), QString::fromLatin1(hash));
}

SingleInstance::SingleInstance(const QString &name, QObject *parent) : QObject(parent), m_name(name) { }

SingleInstance::~SingleInstance() = default;

bool SingleInstance::isAcceptable(const QUrl &url)
{
    const QString scheme = url.scheme();
    return url.isValid() && !url.host().isEmpty() && (scheme == u"http" || scheme == u"https");
}

SingleInstance::HandOver SingleInstance::sendToRunning(const QList<QUrl> &urls)
{
    HandOver result;
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(TimeoutMs))
        return result; // none, or a socket left behind by one that was killed
    result.running = true;
    QJsonArray list;
    for (const QUrl &url : urls)
        list.append(url.toString(QUrl::FullyEncoded));
    socket.write(QJsonDocument(QJsonObject{{QStringLiteral("urls"), list}}).toJson(QJsonDocument::Compact) + '\n');
    if (!socket.waitForBytesWritten(TimeoutMs))
        return result;
    QByteArray reply;
    while (!reply.contains('\n') && reply.size() < MaxRequestBytes) {
        if (!socket.waitForReadyRead(TimeoutMs))
            break;
        reply += socket.readAll();
    }
    if (reply.contains('\n'))
        result.reply = reply.left(reply.indexOf('\n'));
    return result;
}

bool SingleInstance::listen(Handler handler, std::function<int()> streamCount)
{
    m_handler = std::move(handler);
    m_streamCount = std::move(streamCount);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name)) {
        // A socket left behind by a killed instance (nobody answered on it): take it over.
        QLocalServer::removeServer(m_name);
        if (!m_server->listen(m_name)) {
            m_error = m_server->errorString();
            return false;
        }
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onConnection);
    return true;
}

void SingleInstance::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        auto *timeout = new QTimer(socket);
        timeout->setSingleShot(true);
        connect(timeout, &QTimer::timeout, socket, &QLocalSocket::abort);
        timeout->start(TimeoutMs);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (socket->property("answered").toBool())
                return;
            const QByteArray pending = socket->peek(MaxRequestBytes + 1);
            const qsizetype end = pending.indexOf('\n');
            if (end < 0) {
                if (pending.size() > MaxRequestBytes)
                    socket->abort();
                return;
            }
            socket->setProperty("answered", true);
            answer(socket, socket->read(end + 1).chopped(1));
        });
    }
}

void SingleInstance::answer(QLocalSocket *socket, const QByteArray &line)
{
    const QJsonValue urls = QJsonDocument::fromJson(line).object().value(QStringLiteral("urls"));
    QJsonArray results;
    const QJsonArray list = urls.toArray();
    for (qsizetype i = 0; i < qMin<qsizetype>(list.size(), MaxUrls); ++i) {
        const QUrl url(list.at(i).toString(), QUrl::StrictMode);
        results.append(isAcceptable(url) ? m_handler(url) : QStringLiteral("invalid"));
    }
    QJsonObject reply{{QStringLiteral("results"), results},
                      {QStringLiteral("streams"), m_streamCount()}};
    if (!urls.isArray())
        reply.insert(QStringLiteral("error"), QStringLiteral("no \"urls\" list"));
    socket->write(QJsonDocument(reply).toJson(QJsonDocument::Compact) + '\n');
    socket->disconnectFromServer();
    Q_EMIT activated();
}
