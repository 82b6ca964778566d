// sse-testbed: serves the scenarios of sse::ScenarioServer until SIGINT or SIGTERM.

#include "scenarioserver.h"
#include "terminationsignals.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTime>

#include <cstdio>
#include <cstdlib>

namespace {

void fail(const QString &message)
{
    std::fprintf(stderr, "sse-testbed: %s\n", qPrintable(message));
    std::exit(2);
}

quint16 portValue(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    bool ok = false;
    const uint port = parser.value(option).toUInt(&ok);
    if (!ok || port > 65535)
        fail(QStringLiteral("--%1 expects a port number from 0 to 65535, got “%2”.")
                 .arg(option.names().constLast(), parser.value(option)));
    return quint16(port);
}

QHostAddress bindAddress(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        return QHostAddress(QHostAddress::LocalHost);
    const QString value = parser.value(option);
    if (value == u"localhost")
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress address;
    if (!address.setAddress(value))
        fail(QStringLiteral("--bind expects an IP address such as 127.0.0.1 or ::1, got “%1”.")
                 .arg(value));
    return address;
}

void logRequest(const sse::HttpRequest &request, int status)
{
    const QByteArray lastEventId = request.header("last-event-id");
    std::fprintf(stderr, "%s %s %s Last-Event-ID: %s -> %d\n",
                 qPrintable(QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz"))),
                 request.method.constData(), request.target.constData(),
                 lastEventId.isEmpty() ? "-" : lastEventId.constData(), status);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sse-testbed"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SSE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "A Server-Sent Events server that misbehaves on purpose, for demos, tests and "
            "benchmarks. Open the printed index URL for the scenarios and their parameters."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(
            QStringList{QStringLiteral("p"), QStringLiteral("port")},
            QStringLiteral("Port of the server (0 = any free port)."), QStringLiteral("N"),
            QStringLiteral("8765"));
    const QCommandLineOption secondPortOption(
            QStringLiteral("second-port"),
            QStringLiteral("Port of the second origin, the target of cross-origin redirects "
                           "(0 = any free port)."),
            QStringLiteral("N"), QStringLiteral("8766"));
    const QCommandLineOption bindOption(
            QStringLiteral("bind"),
            QStringLiteral("Address to listen on; 127.0.0.1 unless given. Only an address named "
                           "here makes the server reachable from other machines."),
            QStringLiteral("ADDR"));
    parser.addOptions({portOption, secondPortOption, bindOption});
    parser.process(app);
    if (!parser.positionalArguments().isEmpty())
        fail(QStringLiteral("unexpected argument “%1”; see --help.")
                 .arg(parser.positionalArguments().constFirst()));

    const QHostAddress address = bindAddress(parser, bindOption);
    const quint16 port = portValue(parser, portOption);
    const quint16 secondPort = portValue(parser, secondPortOption);
    if (port != 0 && port == secondPort)
        fail(QStringLiteral("--port and --second-port must differ."));

    sse::ScenarioServer server;
    if (!server.listen(address, port, secondPort))
        fail(QStringLiteral("cannot listen on %1: %2").arg(address.toString(), server.errorString()));
    QObject::connect(&server, &sse::ScenarioServer::requestServed, &server, &logRequest);

    sse::TerminationSignals termination; // SIGINT (Ctrl-C) and SIGTERM stop the event loop
    if (!termination.isActive())
        fail(QStringLiteral("cannot install the signal handlers."));
    QObject::connect(&termination, &sse::TerminationSignals::received, &app, [] {
        std::fprintf(stderr, "sse-testbed: stopping\n");
        QCoreApplication::quit();
    });

    if (!address.isLoopback())
        std::fprintf(stderr, "sse-testbed: listening on %s: other machines can connect.\n",
                     qPrintable(address.toString()));
    std::printf("sse-testbed %s\nIndex:         %s\nSecond origin: %s\nBearer token for /auth: %s\n\n",
                SSE_VERSION, qPrintable(server.url().toString()),
                qPrintable(server.secondOriginUrl().toString()), server.authToken().constData());
    for (const sse::ScenarioServer::Info &info : sse::ScenarioServer::scenarios())
        std::printf("  %-44s %s\n", qPrintable(server.url(info.example).toString()),
                    qPrintable(info.summary));
    std::fflush(stdout);

    return QCoreApplication::exec();
}
