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

namespace {

/** Installs the application's catalogue (embedded under :/i18n) and Qt's own (qtbase, shipped
 *  by Debian's qt6-translations-l10n) for \a locale. A language without a catalogue stays
 *  English, the source language. */
void installTranslators(QApplication &app, const QLocale &locale)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("sse-monitor"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SSE Monitor"));
    QApplication::setOrganizationName(QStringLiteral("SSE Monitor"));
    QApplication::setOrganizationDomain(QStringLiteral("ssemonitor.example.org"));
    QApplication::setApplicationVersion(QStringLiteral(SSE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.example.SseMonitor"));

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

    MainWindow window(&settings);
    window.start(!parser.isSet(fresh), parser.isSet(demo), urls);
    window.show();
    return app.exec();
}
