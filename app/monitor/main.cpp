// sse-monitor: the desktop application.

#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QUrl>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SSE Monitor"));
    QApplication::setOrganizationName(QStringLiteral("SSE Monitor"));
    QApplication::setOrganizationDomain(QStringLiteral("ssemonitor.example.org"));
    QApplication::setApplicationVersion(QStringLiteral(SSE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.example.SseMonitor"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Watches Server-Sent Events streams: live log, reconnects, diagnostics."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QApplication::translate("main", "Open the built-in demo streams."));
    const QCommandLineOption fresh(QStringLiteral("no-restore"),
                                   QApplication::translate("main", "Do not restore the previous session."));
    parser.addOption(demo);
    parser.addOption(fresh);
    parser.addPositionalArgument(QStringLiteral("URL"),
                                 QApplication::translate("main", "Streams to open as tabs."),
                                 QStringLiteral("[URL...]"));
    parser.process(app);

    QList<QUrl> urls;
    for (const QString &arg : parser.positionalArguments()) {
        const QUrl url = QUrl::fromUserInput(arg);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")) {
            std::fprintf(stderr, "sse-monitor: not an http or https URL: %s\n", qPrintable(arg));
            return 2;
        }
        urls.append(url);
    }

    MainWindow window;
    window.start(!parser.isSet(fresh), parser.isSet(demo), urls);
    window.show();
    return app.exec();
}
