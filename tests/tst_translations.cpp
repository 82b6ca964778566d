// Translations: the Simplified Chinese catalogue reaches the widgets, core's messages and Qt's
// own texts; sse-monitor picks the language from its settings or the system; the committed .ts
// files are complete, consistent with the sources and keep their placeholders and accelerators.

#include "alertrulesdialog.h"
#include "eventfilter.h"
#include "eventsource.h"
#include "httpserver.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "session.h"
#include "statuspanel.h"
#include "streamdialog.h"
#include "streamview.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTranslator>
#include <QXmlStreamReader>

#include <memory>

using namespace sse;

namespace {

constexpr int Timeout = 10000;

struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    QString type;               ///< "", "unfinished", "vanished", "obsolete"
    bool numerus = false;
    QStringList translations;   ///< one, or one per numerus form
    qint64 line = 0;            ///< in the .ts file, for failure messages
};

/** The messages of a Qt Linguist .ts file; an empty list and \a error when it is not one. */
QList<TsMessage> readTs(const QString &fileName, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            message = TsMessage{context, {}, {}, {}, xml.attributes().value(QLatin1String("numerus")) == u"yes", {},
                                xml.lineNumber()};
        } else if (name == u"source") {
            message.source = xml.readElementText();
        } else if (name == u"comment") {
            message.comment = xml.readElementText();
        } else if (name == u"translation") {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!message.numerus)
                message.translations = {xml.readElementText()};
            else {
                while (xml.readNextStartElement()) {
                    if (xml.name() == u"numerusform")
                        message.translations.append(xml.readElementText());
                    else
                        xml.skipCurrentElement();
                }
            }
            messages.append(message); // <translation> closes every <message> of lupdate's
        }
    }
    if (xml.hasError()) {
        *error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
        return {};
    }
    return messages;
}

/** %1 … %99, %L1 and %n, as a set: a translation may reorder or repeat them. */
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?(\\d{1,2}|n)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.append(it.next().captured(1));
    found.sort();
    found.removeDuplicates();
    return found;
}

/** The accelerator marks (& before a letter or digit; && is a literal &). */
int accelerators(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("(?<!&)&(?!&)[\\p{L}\\p{N}]"));
    return int(text.count(re));
}

bool hasCjk(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    return false;
}

QString tsFile(const char *name)
{
    return QFINDTESTDATA(QStringLiteral("../translations/") + QLatin1String(name));
}

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void catalogueIsEmbedded();
    void mainWindowMenus();
    void statusTexts_data();
    void statusTexts();
    void eventSourceErrorIsTranslated();
    void streamViewTexts();
    void qtOwnTexts();
    void appFollowsLanguage_data();
    void appFollowsLanguage();
    void tsFileIsComplete_data();
    void tsFileIsComplete();
    void tsFileMatchesSources();
    void layoutFitsAndScreenshots_data();
    void layoutFitsAndScreenshots();
    void dialogsFit_data();
    void dialogsFit();

private:
    void installChinese();
    void removeTranslators();

    QList<QTranslator *> m_installed;
    QTemporaryDir m_dir;
    QString m_settingsFile;
};

void tst_Translations::installChinese()
{
    removeTranslators();
    // What sse-monitor's main() does for zh_CN: Qt's catalogue, then the application's.
    const QLocale zh(QStringLiteral("zh_CN"));
    auto *qt = new QTranslator(this);
    if (qt->load(zh, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))
        && QCoreApplication::installTranslator(qt))
        m_installed.append(qt);
    else
        delete qt;
    auto *own = new QTranslator(this);
    QVERIFY(own->load(zh, QStringLiteral("sse-monitor"), QStringLiteral("_"), QStringLiteral(":/i18n")));
    QVERIFY(QCoreApplication::installTranslator(own));
    m_installed.append(own);
}

void tst_Translations::removeTranslators()
{
    for (QTranslator *t : std::as_const(m_installed)) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    m_installed.clear();
}

void tst_Translations::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_settingsFile = m_dir.filePath(QStringLiteral("settings.ini"));
    installChinese();
}

void tst_Translations::cleanupTestCase()
{
    removeTranslators();
}

void tst_Translations::catalogueIsEmbedded()
{
    // Linked in through monitorui, so the application and the widget tests carry it.
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/sse-monitor_zh_CN.qm")));
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/sse-monitor_en.qm")));
    QTranslator en;
    QVERIFY(en.load(QLocale(QStringLiteral("en")), QStringLiteral("sse-monitor"), QStringLiteral("_"),
                    QStringLiteral(":/i18n")));
    // English only carries the plural forms.
    QCOMPARE(en.translate("sse::LogIo", "… and %n more", nullptr, 1), QStringLiteral("… and %n more"));
}

void tst_Translations::mainWindowMenus()
{
    MainWindow window(m_settingsFile);
    QStringList menus;
    for (const QAction *a : window.menuBar()->actions())
        menus.append(a->text());
    QCOMPARE(menus, (QStringList{QStringLiteral("文件(&F)"), QStringLiteral("事件流(&S)"),
                                 QStringLiteral("视图(&V)"), QStringLiteral("帮助(&H)")}));
    const QMenu *file = window.menuBar()->actions().constFirst()->menu();
    QVERIFY(file);
    QCOMPARE(file->actions().constFirst()->text(), QStringLiteral("新建事件流(&N)…"));
    QStringList buttons;
    for (const QPushButton *b : window.findChildren<QPushButton *>())
        buttons.append(b->text());
    QVERIFY2(buttons.contains(QStringLiteral("打开演示流")), qPrintable(buttons.join(u", ")));
}

void tst_Translations::statusTexts_data()
{
    QTest::addColumn<Session::Status>("status");
    QTest::addColumn<QString>("expected");
    QTest::newRow("Idle") << Session::Status::Idle << QStringLiteral("未连接");
    QTest::newRow("Connecting") << Session::Status::Connecting << QStringLiteral("正在连接");
    QTest::newRow("Open") << Session::Status::Open << QStringLiteral("已连接");
    QTest::newRow("Reconnecting") << Session::Status::Reconnecting << QStringLiteral("正在重连");
    QTest::newRow("Stopped") << Session::Status::Stopped << QStringLiteral("已被服务器停止");
    QTest::newRow("Failed") << Session::Status::Failed << QStringLiteral("已失败");
}

void tst_Translations::statusTexts()
{
    QFETCH(Session::Status, status);
    QFETCH(QString, expected);
    QCOMPARE(Session::statusText(status), expected);
}

void tst_Translations::eventSourceErrorIsTranslated()
{
    HttpServer server;
    QVERIFY(server.listen() != 0);
    server.setHandler([](const HttpRequest &, HttpResponder *r) {
        r->respond(404, "text/plain", "no such stream\n");
    });
    EventSource source;
    StreamRequest request;
    request.url = server.url(QStringLiteral("/missing"));
    source.setRequest(request);
    QSignalSpy errors(&source, &EventSource::errorOccurred);
    source.open();
    QTRY_COMPARE_WITH_TIMEOUT(source.state(), EventSource::State::Closed, Timeout);
    QVERIFY(!errors.isEmpty());
    const QString message = source.lastError().message;
    QVERIFY2(message.startsWith(QStringLiteral("服务器返回了 404")), qPrintable(message));
    QCOMPARE(errors.constLast().constFirst().value<Error>().message, message);
}

void tst_Translations::streamViewTexts()
{
    MainWindow window(m_settingsFile);
    StoredStream s;
    s.id = StoredStream::newId();
    s.config.name = QStringLiteral("t");
    s.config.request.url = QUrl(QStringLiteral("http://127.0.0.1:9/"));
    StreamView *view = window.addStream(s, false);
    QVERIFY(view);
    const StatusPanel *status = view->findChild<StatusPanel *>();
    QVERIFY(status);
    QVERIFY2(status->stateText().startsWith(QStringLiteral("未连接 · ")), qPrintable(status->stateText()));
    QVERIFY2(status->stateText().endsWith(QStringLiteral(" 秒")), qPrintable(status->stateText()));
    QVERIFY2(view->droppedText().startsWith(QStringLiteral("保留 ")), qPrintable(view->droppedText()));
    // Core's model headers, through the view.
    const QAbstractItemModel *model = view->filterModel();
    QStringList headers;
    for (int c = 0; c < model->columnCount(); ++c)
        headers.append(model->headerData(c, Qt::Horizontal).toString());
    QVERIFY2(headers.contains(QStringLiteral("接收时间")) && headers.contains(QStringLiteral("数据")),
             qPrintable(headers.join(u", ")));
}

void tst_Translations::qtOwnTexts()
{
    const QString qtbase = QLibraryInfo::path(QLibraryInfo::TranslationsPath)
        + QStringLiteral("/qtbase_zh_CN.qm");
    QVERIFY2(QFile::exists(qtbase), "Qt's catalogues are not installed (Debian: qt6-translations-l10n, "
                                    "which .ci/deps installs)");
    QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("取消"));
}

void tst_Translations::appFollowsLanguage_data()
{
    QTest::addColumn<QString>("setting");  // app/language in the settings file
    QTest::addColumn<QString>("language"); // LANGUAGE and LC_ALL
    QTest::addColumn<bool>("chinese");
    QTest::newRow("system zh_CN") << QString() << QStringLiteral("zh_CN") << true;
    QTest::newRow("system C") << QString() << QStringLiteral("C") << false;
    QTest::newRow("system de_DE, no catalogue") << QString() << QStringLiteral("de_DE") << false;
    QTest::newRow("setting zh_CN over system C") << QStringLiteral("zh_CN") << QStringLiteral("C") << true;
    QTest::newRow("setting en over system zh_CN") << QStringLiteral("en") << QStringLiteral("zh_CN") << false;
}

void tst_Translations::appFollowsLanguage()
{
    QFETCH(QString, setting);
    QFETCH(QString, language);
    QFETCH(bool, chinese);
    const QString app = qEnvironmentVariable("SSE_BUILD_DIR") + QStringLiteral("/app/monitor/sse-monitor");
    QVERIFY2(QFileInfo(app).isExecutable(), "sse-monitor is not built (SSE_BUILD_DIR/app/monitor/sse-monitor)");

    // sse-monitor reads its settings from $XDG_CONFIG_HOME/SSE Monitor/SSE Monitor.conf.
    QTemporaryDir config;
    QVERIFY(config.isValid());
    {
        QSettings s(config.filePath(QStringLiteral("SSE Monitor/SSE Monitor.conf")), QSettings::IniFormat);
        s.setValue(QStringLiteral("schemaVersion"), 1);
        s.setValue(QStringLiteral("app/language"), setting);
        s.sync();
        QCOMPARE(s.status(), QSettings::NoError);
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.remove(QStringLiteral("LC_MESSAGES"));
    env.remove(QStringLiteral("LANG"));
    env.insert(QStringLiteral("LC_ALL"), language == u"C" ? language : language + QStringLiteral(".UTF-8"));
    if (language == u"C")
        env.remove(QStringLiteral("LANGUAGE"));
    else
        env.insert(QStringLiteral("LANGUAGE"), language);
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(app, {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(Timeout));
    QCOMPARE(process.exitCode(), 0);
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    if (chinese) {
        QVERIFY2(out.contains(QStringLiteral("监视服务器发送事件")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("本次会话也不会被保存。")), qPrintable(out));
    } else {
        QVERIFY2(out.contains(QStringLiteral("Watches Server-Sent Events streams")), qPrintable(out));
        QVERIFY2(!hasCjk(out), qPrintable(out));
    }
}

void tst_Translations::tsFileIsComplete_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<bool>("pluralOnly");
    QTest::newRow("zh_CN") << tsFile("sse-monitor_zh_CN.ts") << false;
    QTest::newRow("en") << tsFile("sse-monitor_en.ts") << true;
}

void tst_Translations::tsFileIsComplete()
{
    QFETCH(QString, fileName);
    QFETCH(bool, pluralOnly);
    QVERIFY2(!fileName.isEmpty(), "translations/*.ts not found");
    QString error;
    const QList<TsMessage> messages = readTs(fileName, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!messages.isEmpty());
    QStringList problems;
    for (const TsMessage &m : messages) {
        const QString where = QStringLiteral("line %1 [%2] “%3”: ").arg(m.line).arg(m.context, m.source);
        if (m.type == u"vanished" || m.type == u"obsolete")
            continue; // lrelease leaves them out; tsFileMatchesSources() reports stale files
        if (m.type == u"unfinished")
            problems.append(where + QStringLiteral("unfinished"));
        if (pluralOnly && !m.numerus)
            problems.append(where + QStringLiteral("not a plural form (run update_translations)"));
        if (m.translations.isEmpty())
            problems.append(where + QStringLiteral("no translation"));
        for (const QString &t : m.translations) {
            if (t.trimmed().isEmpty()) {
                problems.append(where + QStringLiteral("empty translation"));
                continue;
            }
            QStringList expected = placeholders(m.source);
            if (m.numerus && !expected.contains(u"n")) {
                expected.append(QStringLiteral("n"));
                expected.sort();
            }
            if (placeholders(t) != expected)
                problems.append(where + QStringLiteral("placeholders %1 in “%2”")
                                            .arg(placeholders(t).join(u','), t));
            if (accelerators(t) != qMin(accelerators(m.source), 1))
                problems.append(where + QStringLiteral("accelerator mismatch in “%1”").arg(t));
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void tst_Translations::tsFileMatchesSources()
{
    // lupdate over the same sources as the update_translations target (core/ and app/monitor/)
    // must find exactly the messages of the committed Chinese file: a new or changed string
    // without its translation fails here rather than showing up in English.
    const QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
    QVERIFY2(QFileInfo(lupdate).isExecutable(), "lupdate is not installed (Debian: qt6-l10n-tools, which .ci/deps installs)");
    const QString committed = tsFile("sse-monitor_zh_CN.ts");
    const QString anchor = QFINDTESTDATA("../core/session.cpp");
    QVERIFY(!committed.isEmpty() && !anchor.isEmpty());
    const QDir root = QFileInfo(anchor).dir().filePath(QStringLiteral(".."));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fresh = dir.filePath(QStringLiteral("fresh_zh_CN.ts"));
    QProcess process;
    process.start(lupdate, {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                            root.filePath(QStringLiteral("core")), root.filePath(QStringLiteral("app/monitor")),
                            QStringLiteral("-ts"), fresh});
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());

    const auto keys = [](const QString &fileName, bool withVanished) {
        QString error;
        QStringList out;
        for (const TsMessage &m : readTs(fileName, &error))
            if (withVanished || (m.type != u"vanished" && m.type != u"obsolete"))
                out.append(m.context + u'|' + m.source + u'|' + m.comment);
        out.sort();
        return out;
    };
    const QStringList wanted = keys(fresh, false);
    const QStringList have = keys(committed, false);
    QVERIFY(!wanted.isEmpty());
    QStringList missing, stale;
    for (const QString &k : wanted)
        if (!have.contains(k))
            missing.append(k);
    for (const QString &k : have)
        if (!wanted.contains(k))
            stale.append(k);
    QVERIFY2(missing.isEmpty() && stale.isEmpty(),
             qPrintable(QStringLiteral("Run `cmake --build <build> --target update_translations` and "
                                       "translate.\nNot in the .ts file:\n  %1\nNo longer in the sources:\n  %2")
                            .arg(missing.join(QStringLiteral("\n  ")), stale.join(QStringLiteral("\n  ")))));
}

void tst_Translations::layoutFitsAndScreenshots_data()
{
    QTest::addColumn<bool>("chinese");
    QTest::newRow("en") << false;
    QTest::newRow("zh_CN") << true;
}

void tst_Translations::layoutFitsAndScreenshots()
{
    QFETCH(bool, chinese);
    if (chinese)
        installChinese();
    else
        removeTranslators();
    const auto restore = qScopeGuard([this] { installChinese(); });

    QTemporaryDir dir;
    MainWindow window(dir.filePath(QStringLiteral("settings.ini")));
    window.start(false, true, {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.tabCount() > 0);
    // Some events in, then the flaky stream's reconnect countdown has a chance to show.
    QTRY_VERIFY_WITH_TIMEOUT(window.view(0)->filterModel()->rowCount() >= 5, Timeout);
    QTest::qWait(qEnvironmentVariableIsSet("SSE_SCREENSHOT_DIR") ? 3000 : 500);

    // The window's content fits its default size in either language: nothing forces it wider.
    QVERIFY2(window.minimumSizeHint().width() <= window.width(),
             qPrintable(QString::number(window.minimumSizeHint().width())));
    for (int i = 0; i < window.tabCount(); ++i)
        QVERIFY2(window.view(i)->minimumSizeHint().width() <= window.tabWidget()->width(),
                 qPrintable(QString::number(window.view(i)->minimumSizeHint().width())));
    // Every toolbar action is on the bar, none hidden in the overflow menu.
    const QToolBar *bar = window.findChild<QToolBar *>();
    QVERIFY(bar);
    QVERIFY2(bar->sizeHint().width() <= bar->width(), qPrintable(QString::number(bar->sizeHint().width())));

    const QString out = qEnvironmentVariable("SSE_SCREENSHOT_DIR");
    if (!out.isEmpty()) {
        const QString name = QDir(out).filePath(chinese ? QStringLiteral("tr-zh.png") : QStringLiteral("tr-en.png"));
        QVERIFY2(window.grab().save(name), qPrintable(name));
        qInfo("screenshot: %s", qPrintable(name));
    }
}

void tst_Translations::dialogsFit_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("welcome") << QStringLiteral("welcome");
    QTest::newRow("stream") << QStringLiteral("stream");
    QTest::newRow("preferences") << QStringLiteral("preferences");
    QTest::newRow("alerts") << QStringLiteral("alerts");
}

void tst_Translations::dialogsFit()
{
    // In Chinese (installed by initTestCase): no dialog grows unreasonably wide.
    QFETCH(QString, name);
    std::unique_ptr<QWidget> widget;
    if (name == u"welcome") {
        widget = std::make_unique<MainWindow>(m_settingsFile);
    } else if (name == u"stream") {
        widget = std::make_unique<StreamDialog>();
    } else if (name == u"preferences") {
        widget = std::make_unique<PreferencesDialog>(AppPreferences{}, false);
    } else {
        widget = std::make_unique<AlertRulesDialog>(
            QStringLiteral("s"), QList<AlertRule>{AlertRule(QStringLiteral("s"), QStringLiteral("error"), QString())});
    }
    widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(widget.get()));
    QVERIFY2(widget->minimumSizeHint().width() <= 1100, qPrintable(QString::number(widget->minimumSizeHint().width())));
    QVERIFY2(widget->minimumSizeHint().width() <= widget->width(), qPrintable(QString::number(widget->width())));
    const QString out = qEnvironmentVariable("SSE_SCREENSHOT_DIR");
    if (!out.isEmpty()) {
        const QString file = QDir(out).filePath(QStringLiteral("tr-zh-%1.png").arg(name));
        QVERIFY2(widget->grab().save(file), qPrintable(file));
    }
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
