#pragma once

// A local HTTPS server for the tests: the self-signed certificate of tests/data (CN localhost),
// so a client fails with a certificate error unless it trusts or ignores it.

#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

class TlsServer
{
public:
    enum class After { Close, StayOpen };

    /** Answers every request with \a response (raw HTTP: status line, headers, body), then
     *  closes the connection or keeps it open. */
    bool start(const QByteArray &response, After after = After::Close)
    {
        QFile certFile(QFINDTESTDATA("data/localhost.crt"));
        QFile keyFile(QFINDTESTDATA("data/localhost.key"));
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return false;
        m_certificate = QSslCertificate(certFile.readAll());
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(m_certificate);
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
        m_server.setSslConfiguration(config);
        QObject::connect(&m_server, &QTcpServer::pendingConnectionAvailable, &m_server,
                         [this, response, after] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QIODevice::readyRead, socket, [socket, response, after] {
                    if (socket->readAll().contains("\r\n\r\n")) {
                        socket->write(response);
                        if (after == After::Close)
                            socket->disconnectFromHost();
                    }
                });
                QObject::connect(socket, &QAbstractSocket::disconnected, socket,
                                 &QObject::deleteLater);
            }
        });
        return m_server.listen(QHostAddress::LocalHost);
    }

    QUrl url() const
    {
        return QUrl(QStringLiteral("https://127.0.0.1:%1/").arg(m_server.serverPort()));
    }
    QSslCertificate certificate() const { return m_certificate; }

private:
    QSslServer m_server;
    QSslCertificate m_certificate;
};
