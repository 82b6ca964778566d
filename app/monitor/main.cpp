// sse-monitor: the desktop application.

#include "mainwindow.h"
#include "settingsstore.h"
#include "singleinstance.h"
#include "terminationsignals.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTranslator>
#include <QUrl>

#include <cstdio>
#include <memory>


namespace {

/** Installs the application's catalogue (embedded under :/i18n) and Qt's own (qtbase, shipped
 *  by Debian's qt6-translations-l10n) for \a locale. A language without a catalogue stays
 *  English, the source language. */
void installTranslators(QCoreApplication &app, const QLocale &locale)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("sse-monitor"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
}

/** --help and --version only print: they must work without a display (over ssh, in scripts,
 *  for help2man), so they get a non-GUI application. */
bool printsOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

/** What the running window did with each URL, for the terminal of the launch that exits. */
void printHandOver(const QList<QUrl> &urls, const QByteArray &reply)
{
    const QJsonArray results = QJsonDocument::fromJson(reply).object().value(QStringLiteral("results")).toArray();
    if (urls.isEmpty())
        std::fprintf(stderr, "sse-monitor: already running; its window was brought to the front\n");
    for (qsizetype i = 0; i < urls.size(); ++i) {
        const QString result = results.at(i).toString();
        const char *what = result == u"focused" ? "already open, focused"
            : result == u"added"                ? "opened"
                                                : "refused";
        std::fprintf(stderr, "sse-monitor: %s in the running window: %s\n", what,
                     qPrintable(urls.at(i).toDisplayString()));
    }
}

} // namespace

int main(int argc, char *argv[])
{
    const std::unique_ptr<QCoreApplication> application = printsOnly(argc, argv)
        ? std::make_unique<QCoreApplication>(argc, argv)
        : std::make_unique<QApplication>(argc, argv);
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("SSE Monitor"));
    QCoreApplication::setOrganizationName(QStringLiteral("SSE Monitor"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("ssemonitor.org"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SSE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.ssemonitor.SseMonitor"));

    // The language chosen in Preferences, else the system's (LANGUAGE, LC_ALL, LC_MESSAGES,
    // LANG). Read before anything is translated, --help included.
    const QString settingsFile = sse::SettingsStore::defaultFileName();
    const QString language = sse::SettingsStore(settingsFile).load().preferences.language;
    QLocale locale = QLocale::system();
    if (!language.isEmpty()) {
        locale = QLocale(language);
        QLocale::setDefault(locale);
    }
    installTranslators(app, locale);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Watches Server-Sent Events streams: live log, reconnects, diagnostics."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QCoreApplication::translate("main", "Open the built-in demo streams."));
    const QCommandLineOption fresh(QStringLiteral("no-restore"),
                                   QCoreApplication::translate("main", "Start without the saved streams; this session is not saved."));
    parser.addOption(demo);
    parser.addOption(fresh);
    parser.addPositionalArgument(QStringLiteral("URL"),
                                 QCoreApplication::translate("main", "Streams to open as tabs."),
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

    // One window per settings file: a later launch hands its URLs over and exits.
    SingleInstance instance(SingleInstance::nameFor(settingsFile));
    const SingleInstance::HandOver handOver = instance.sendToRunning(urls);
    if (handOver.running && !handOver.reply.isEmpty()) {
        printHandOver(urls, handOver.reply);
        return 0;
    }
    if (handOver.running) {
        // A second window would overwrite the first one's settings: better none.
        std::fprintf(stderr, "sse-monitor: a running SSE Monitor does not answer; close it (or end "
                             "it) and start again\n");
        return 1;
    }

    MainWindow window(settingsFile);
    window.start(!parser.isSet(fresh), parser.isSet(demo), urls);
    window.show();
    const bool listening = instance.listen(
        [&window](const QUrl &url) {
            return window.openUrl(url) == MainWindow::OpenResult::Focused ? QStringLiteral("focused")
                                                                          : QStringLiteral("added");
        },
        [&window] { return window.tabCount(); });
    if (!listening)
        std::fprintf(stderr, "sse-monitor: cannot listen for later launches (%s); a second window "
                             "would overwrite this one's settings\n", qPrintable(instance.errorString()));
    QObject::connect(&instance, &SingleInstance::activated, &window, [&window] {
        window.showNormal();
        window.raise();
        window.activateWindow();
    });

    // SIGTERM and SIGINT (logout, kill, Ctrl-C) close the window as the user would: the state
    // is saved and the streams and servers stopped.
    sse::TerminationSignals termination;
    QObject::connect(&termination, &sse::TerminationSignals::received, &window, [&window] {
        window.close(); // saves; the last window closing ends the event loop
        QCoreApplication::quit();
    });
    return app.exec();
}
