#pragma once

// What the metrics tests share: one raw HTTP exchange, a reader of the text exposition, the
// programs they run.

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

namespace metricstest {

/** \a program in the build tree (SSE_BUILD_DIR, else relative to the test). */
inline QString buildProgram(const QString &relativePath)
{
    const QByteArray buildDir = qgetenv("SSE_BUILD_DIR");
    const QString base = buildDir.isEmpty()
        ? QCoreApplication::applicationDirPath() + QStringLiteral("/..")
        : QString::fromLocal8Bit(buildDir);
    return QDir(base).filePath(relativePath);
}

/** Sends \a request on a new connection to 127.0.0.1:\a port and returns everything the
 *  server sent until it closed (or \a timeoutMs passed). The event loop keeps running. */
inline QByteArray exchange(quint16 port, const QByteArray &request, int timeoutMs = 10000)
{
    QTcpSocket socket;
    QByteArray received;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                     [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(request);
    (void)QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; },
                          timeoutMs);
    received += socket.readAll();
    return received;
}

inline QByteArray get(quint16 port, const QByteArray &path = "/metrics",
                      const QByteArray &accept = {})
{
    QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!accept.isEmpty())
        request += "Accept: " + accept + "\r\n";
    return exchange(port, request + "\r\n");
}

/** The body of a whole response. */
inline QByteArray body(const QByteArray &response)
{
    const qsizetype end = response.indexOf("\r\n\r\n");
    return end < 0 ? QByteArray() : response.mid(end + 4);
}

/** Samples of a text exposition, keyed by the sample as written before its value
 *  (`name{label="value",...}`). */
inline QHash<QByteArray, double> samples(const QByteArray &exposition)
{
    QHash<QByteArray, double> result;
    for (const QByteArray &line : exposition.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.lastIndexOf(' ');
        result.insert(line.left(space), line.mid(space + 1).toDouble());
    }
    return result;
}

} // namespace metricstest
