// bench_rawreply: Qt's own cost of a streamed response, the floor under sse::EventSource.
// A bare QNetworkReply on a QNetworkAccessManager reads and discards the body of URL as it
// arrives (readyRead, read into a 64 KiB buffer, as EventSource reads) and prints the bytes.
//
//   bench_rawreply URL [--h2c] [--read-buffer BYTES]
//
// --h2c: cleartext HTTP/2 with prior knowledge (QNetworkRequest::Http2DirectAttribute), for a
// server that speaks only HTTP/2 on a plain port.
// --read-buffer: QNetworkReply::setReadBufferSize(BYTES), as EventSource bounds what Qt buffers
// (default 0: unbounded, Qt's default).
//
// TLS certificate errors are ignored (the benchmark's nginx uses a self-signed certificate);
// HTTP/2 is used over TLS when the server offers it, as QNetworkAccessManager does by default.
//
// Exit status: 0 when the response ended without a network error, 1 otherwise.

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    bool h2c = false;
    qint64 readBuffer = 0;
    bool usage = argc < 2;
    for (int i = 2; i < argc && !usage; ++i) {
        if (qstrcmp(argv[i], "--h2c") == 0)
            h2c = true;
        else if (qstrcmp(argv[i], "--read-buffer") == 0 && i + 1 < argc) {
            bool ok = false;
            readBuffer = QByteArray(argv[++i]).toLongLong(&ok);
            usage = !ok || readBuffer < 0;
        } else {
            usage = true;
        }
    }
    if (usage) {
        std::fprintf(stderr, "usage: bench_rawreply URL [--h2c] [--read-buffer BYTES]\n");
        return 2;
    }
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl::fromUserInput(QString::fromLocal8Bit(argv[1])));
    request.setRawHeader("Accept", "text/event-stream");
    if (h2c)
        request.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
    QNetworkReply *reply = nam.get(request);
    reply->setReadBufferSize(readBuffer);
#if QT_CONFIG(ssl)
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
#endif
    QByteArray buffer(64 * 1024, Qt::Uninitialized);
    qint64 bytes = 0;
    QObject::connect(reply, &QIODevice::readyRead, reply, [&] {
        qint64 n;
        while ((n = reply->read(buffer.data(), buffer.size())) > 0)
            bytes += n;
    });
    QObject::connect(reply, &QNetworkReply::finished, &app, [&] {
        qint64 n;
        while ((n = reply->read(buffer.data(), buffer.size())) > 0)
            bytes += n;
        app.exit(reply->error() == QNetworkReply::NoError ? 0 : 1);
    });
    const int status = app.exec();
    std::printf("%lld\n", static_cast<long long>(bytes));
    return status;
}
