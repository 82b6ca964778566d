#pragma once

// A SOCKS5 proxy on 127.0.0.1 that answers every CONNECT with "general failure", which Qt
// reads for a host name as a failed lookup (HostNotFoundError, as from a resolver). With it as
// the application proxy, a DNS failure is tested deterministically and without leaving
// loopback: the system resolver is never asked.

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>

class FailingSocks5Proxy final : public QObject
{
public:
    FailingSocks5Proxy()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }
    /** The host names clients asked to connect to, in order. */
    const QStringList &requestedHosts() const { return m_hosts; }

private:
    void serve(QTcpSocket *socket)
    {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        auto greeted = std::make_shared<bool>(false);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer, greeted] {
            *buffer += socket->readAll();
            if (!*greeted) { // VER NMETHODS METHODS...: choose "no authentication"
                if (buffer->size() < 2 || buffer->size() < 2 + uchar(buffer->at(1)))
                    return;
                buffer->remove(0, 2 + uchar(buffer->at(1)));
                socket->write(QByteArray("\x05\x00", 2));
                *greeted = true;
            }
            // VER CMD RSV ATYP=3 LEN NAME PORT: refuse with REP=1 (general failure)
            if (buffer->size() < 5 || buffer->size() < 5 + uchar(buffer->at(4)) + 2)
                return;
            if (buffer->at(3) == 3)
                m_hosts.append(QString::fromLatin1(buffer->mid(5, uchar(buffer->at(4)))));
            socket->write(QByteArray("\x05\x01\x00\x01\x00\x00\x00\x00\x00\x00", 10));
            socket->disconnectFromHost();
        });
    }

    QTcpServer m_server;
    QStringList m_hosts;
};
