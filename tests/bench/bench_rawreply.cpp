// bench_rawreply: Qt's own cost of a streamed response, the floor under sse::EventSource.
// A bare QNetworkReply on a QNetworkAccessManager reads and discards the body of URL as it
// arrives (readyRead, read into a 64 KiB buffer, as EventSource reads) and prints the bytes.
//
//   bench_rawreply URL
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
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_rawreply URL\n");
        return 2;
    }
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl::fromUserInput(QString::fromLocal8Bit(argv[1])));
    request.setRawHeader("Accept", "text/event-stream");
    QNetworkReply *reply = nam.get(request);
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
