// sse-monitor: the desktop application.

#include "mainwindow.h"
#include "settingsstore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
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
    // LANG). Read before anything is translated, --help included. The window gets the same
    // QSettings object: a second one on the same file would not report a damaged file again.
    QSettings settings;
    const QString language = sse::SettingsStore(&settings).load().preferences.language;
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
                                   QCoreApplication::translate("main", "Do not restore the previous session."));
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

    MainWindow window(&settings);
    window.start(!parser.isSet(fresh), parser.isSet(demo), urls);
    window.show();
    return app.exec();
}
