#pragma once

// A loopback server that never answers and keeps what each connection sent: enough to see
// which protocol a client speaks first, an HTTP/1.1 request line or the HTTP/2 preface.

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

class OpeningBytes
{
public:
    /** What a client speaking HTTP/2 with prior knowledge sends first (RFC 9113, 3.4). */
    static constexpr QByteArrayView Http2Preface{"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"};

    OpeningBytes()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) { // a child of m_server
                const qsizetype index = m_received.size();
                m_received.append(QByteArray());
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, index] {
                    m_received[index] += socket->readAll();
                });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    /** What each connection sent so far, in the order they were accepted. */
    const QList<QByteArray> &received() const { return m_received; }
    /** Whether connection \a index (0-based) exists and began with \a prefix. */
    bool began(qsizetype index, QByteArrayView prefix) const
    {
        return index < m_received.size() && m_received.at(index).startsWith(prefix);
    }

private:
    QList<QByteArray> m_received; // declared first: the sockets go before it
    QTcpServer m_server;
};
