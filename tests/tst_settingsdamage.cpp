// sse::SettingsStore with damaged and hostile files: corrupt values of every kind, absurd
// counts and garbage fall back to defaults with a notice; a damaged file is kept aside before
// anything is written over it; older and newer schemas are read for what they hold.

#include "settingsfile.h"
#include "settingsfiles.h"
#include "settingsstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using sse::AlertRule;
using sse::AppPreferences;
using sse::Header;
using sse::SettingsStore;
using sse::StoredStream;

using namespace settingsfiles;

class tst_SettingsDamage : public QObject, private SettingsFiles
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void corruptValues_data();
    void corruptValues();
    void invalidAlertPatternIsNoDamage();
    void absurdCounts();
    void garbageFile_data();
    void garbageFile();
    void damagedFileIsKept();
    void unversionedAndNewerSchema();
};

void tst_SettingsDamage::initTestCase()
{
    QVERIFY(makeDirectory());
}

void tst_SettingsDamage::corruptValues_data()
{
    QTest::addColumn<QByteArray>("lines");    // added to a valid file with one stream "s1"
    QTest::addColumn<QString>("field");       // what to look at (see field())
    QTest::addColumn<QVariant>("expected");
    QTest::addColumn<QString>("notice");      // a substring of a notice
    QTest::addColumn<int>("notices");         // how many notices

    const sse::ReconnectPolicy policy;
    const sse::StreamConfig config;
    const sse::ToastPreferences toasts;
    const auto row = [](const char *name, const QByteArray &lines, const char *field,
                        const QVariant &expected, const char *notice, int notices = 1) {
        QTest::newRow(name) << lines << QString::fromLatin1(field) << expected
                            << QString::fromUtf8(notice) << notices;
    };

    // Stream values.
    row("method not a token", "1\\method=GE T", "method", QStringLiteral("GET"), "method");
    row("method is a list", "1\\method=GET, POST", "method", QStringLiteral("GET"), "method");
    row("method too long", "1\\method=" + QByteArray(40, 'A'), "method", QStringLiteral("GET"),
        "method");
    row("unknown policy mode", "1\\policy\\mode=bogus", "mode", int(policy.mode), "reconnect mode");
    row("negative delay", "1\\policy\\initialDelayMs=-5", "initialDelayMs", policy.initialDelayMs,
        "initial reconnect delay");
    row("delay not a number", "1\\policy\\initialDelayMs=abc", "initialDelayMs",
        policy.initialDelayMs, "not a number");
    row("delay in exponent form", "1\\policy\\initialDelayMs=1e9", "initialDelayMs",
        policy.initialDelayMs, "not a number");
    row("delay too large", "1\\policy\\maxDelayMs=99999999999", "maxDelayMs", policy.maxDelayMs,
        "outside");
    row("delay overflows", "1\\policy\\maxDelayMs=999999999999999999999999", "maxDelayMs",
        policy.maxDelayMs, "not a number");
    row("retries below -1", "1\\policy\\maxRetries=-2", "maxRetries", policy.maxRetries, "retries");
    row("jitter not a bool", "1\\policy\\jitter=maybe", "jitter", policy.jitter, "Jitter");
    row("negative idle timeout", "1\\idleTimeoutMs=-1", "idleTimeoutMs", config.idleTimeoutMs,
        "idle timeout");
    row("text connect timeout", "1\\connectTimeoutMs=soon", "connectTimeoutMs",
        config.connectTimeoutMs, "connect timeout");
    row("zero event size", "1\\maxEventBytes=0", "maxEventBytes", qlonglong(config.maxEventBytes),
        "maximum event size");
    row("negative event size", "1\\maxEventBytes=-100", "maxEventBytes",
        qlonglong(config.maxEventBytes), "maximum event size");
    row("auto-connect yes", "1\\autoConnect=yes", "autoConnect", config.autoConnect,
        "Auto-connect");
    // Insecure when true: anything but a clear true is false, and never on by default.
    row("ignore TLS errors absent", "", "ignoreTlsErrors", false, "", 0);
    row("ignore TLS errors true", "1\\ignoreTlsErrors=true", "ignoreTlsErrors", true, "", 0);
    row("ignore TLS errors yes", "1\\ignoreTlsErrors=yes", "ignoreTlsErrors", false,
        "Ignore TLS certificate errors");
    row("ignore TLS errors 2", "1\\ignoreTlsErrors=2", "ignoreTlsErrors", false,
        "Ignore TLS certificate errors");
    row("ignore TLS errors a list", "1\\ignoreTlsErrors=true, true", "ignoreTlsErrors", false,
        "Ignore TLS certificate errors");
    // Absent in files from before the option: HTTP/1.1 as then, without a notice.
    row("h2c absent", "", "http2PriorKnowledge", false, "", 0);
    row("h2c true", "1\\http2PriorKnowledge=true", "http2PriorKnowledge", true, "", 0);
    row("h2c on", "1\\http2PriorKnowledge=on", "http2PriorKnowledge", false,
        "HTTP/2 with prior knowledge");
    row("h2c a list", "1\\http2PriorKnowledge=true, false", "http2PriorKnowledge", false,
        "HTTP/2 with prior knowledge");
    row("ui state not JSON", "1\\uiState={not json", "uiState", QVariantMap(), "tab state");
    row("ui state an array", "1\\uiState=\"[1,2]\"", "uiState", QVariantMap(), "tab state");
    row("ui state a list", "1\\uiState=a, b", "uiState", QVariantMap(), "tab state");
    row("Last-Event-ID with NUL", "1\\lastEventId=@ByteArray(a\\0b)", "lastEventId",
        QByteArray(), "Last-Event-ID");
    row("Last-Event-ID with LF", "1\\lastEventId=@ByteArray(a\\nb)", "lastEventId", QByteArray(),
        "Last-Event-ID");
    row("body a list", "1\\body=a, b", "body", QByteArray(), "body");
    row("name a list", "1\\name=a, b", "name", QStringLiteral("e.com"), "name");
    row("invalid id", "1\\id=has space", "idReplaced", true, "identifier");
    row("invalid header name",
        "1\\headers\\size=1\n1\\headers\\1\\name=Bad Name\n1\\headers\\1\\value=x", "headers",
        QStringList(), "no valid name");
    row("header without name", "1\\headers\\size=1\n1\\headers\\1\\value=x", "headers",
        QStringList(), "no valid name");
    row("header value with LF",
        "1\\headers\\size=1\n1\\headers\\1\\name=X-A\n1\\headers\\1\\value=@ByteArray(a\\nb)",
        "headers", QStringList(), "line break");
    row("header secret flag garbage",
        "1\\headers\\size=1\n1\\headers\\1\\name=X-A\n1\\headers\\1\\value=v\n"
        "1\\headers\\1\\secret=perhaps",
        "headers", QStringList{QStringLiteral("!X-A: v")}, "secret flag");
    row("header count absurd",
        "1\\headers\\size=1000000000\n1\\headers\\1\\name=X-A\n1\\headers\\1\\value=v", "headers",
        QStringList{QStringLiteral("X-A: v")}, "number of headers");
    row("header count negative",
        "1\\headers\\size=-4\n1\\headers\\1\\name=X-A\n1\\headers\\1\\value=v", "headers",
        QStringList{QStringLiteral("X-A: v")}, "number of headers");
    row("header count missing", "1\\headers\\1\\name=X-A\n1\\headers\\1\\value=v", "headers",
        QStringList{QStringLiteral("X-A: v")}, "number of headers");
    row("header past the count is a leftover",
        "1\\headers\\size=1\n1\\headers\\1\\name=X-A\n1\\headers\\1\\value=v\n"
        "1\\headers\\2\\name=X-B\n1\\headers\\2\\value=w",
        "headers", QStringList{QStringLiteral("X-A: v")}, "", 0);
    row("alert enabled garbage", "1\\alerts\\size=1\n1\\alerts\\1\\enabled=sometimes",
        "alerts", 1, "enabled");

    // Streams that cannot be used at all.
    row("URL not a URL", "1\\url=not a url", "streams", 0, "skipped");
    row("URL of another scheme", "1\\url=ftp://e.com/x", "streams", 0, "skipped");
    row("URL without host", "1\\url=https://", "streams", 0, "skipped");
    row("URL empty", "1\\url=", "streams", 0, "skipped");
    row("URL a list", "1\\url=https://a.example, https://b.example", "streams", 0, "skipped");
    row("URL missing", "1\\name=x\n1\\urlmissing=1", "streams", 0, "no URL");
    row("stream count absurd", "size=1000000000", "streams", 1, "number of streams");
    row("stream count in exponent form", "size=1e9", "streams", 1, "number of streams");
    row("stream count not a number", "size=lots", "streams", 1, "number of streams");
    row("duplicate id",
        "size=2\n2\\url=https://f.example/t\n2\\id=s1", "streams", 2, "same identifier");

    // Preferences.
    row("toast duration too short", "[toasts]\ndurationMs=5", "toasts.durationMs",
        toasts.durationMs, "notification duration");
    row("toast count zero", "[toasts]\nmaxVisible=0", "toasts.maxVisible", toasts.maxVisible,
        "number of notifications");
    row("toasts enabled garbage", "[toasts]\nenabled=perhaps", "toasts.enabled", toasts.enabled,
        "Showing notifications");
    row("log capacity negative", "[app]\ndefaultLogCapacity=-1", "defaultLogCapacity",
        AppPreferences::DefaultLogCapacity, "log capacity");
    row("log capacity huge", "[app]\ndefaultLogCapacity=1000000000000", "defaultLogCapacity",
        AppPreferences::DefaultLogCapacity, "log capacity");
    row("language a path", "[app]\nlanguage=../../etc/passwd", "language", QString(), "language");
    row("language a list", "[app]\nlanguage=de, fr", "language", QString(), "language");
    row("export folder a list", "[app]\nlastExportDirectory=a, b", "lastExportDirectory",
        QString(), "export folder");
    row("geometry a list", "[window]\ngeometry=a, b", "geometry", QByteArray(), "geometry");
    row("view state a list", "[views]\nsplitter=a, b", "viewStates", 0, "splitter");
    row("open tab of an unknown stream", "[session]\nopenTabs=s1, ghost, s1\ncurrentTab=ghost",
        "openTabs", QStringList{QStringLiteral("s1")}, "not loaded", 2);
    row("current tab not open", "[session]\ncurrentTab=s1", "currentTab", QString(), "current tab");
    // Not a value this program writes: the line counts as damaged (kept aside, then named).
    row("open tabs not a list", "[session]\nopenTabs=@Variant(\\0\\0\\0\\x2\\0\\0\\0\\x5)",
        "openTabs", QStringList(), "open tabs");
    row("store secrets garbage", "[security]\nstoreSecrets=perhaps", "streams", 1,
        "store secrets");
}

static QVariant field(const SettingsStore::LoadResult &r, const QString &name)
{
    const AppPreferences &p = r.preferences;
    if (name == u"streams")
        return int(r.streams.size());
    if (name == u"toasts.durationMs")
        return p.toasts.durationMs;
    if (name == u"toasts.maxVisible")
        return p.toasts.maxVisible;
    if (name == u"toasts.enabled")
        return p.toasts.enabled;
    if (name == u"defaultLogCapacity")
        return p.defaultLogCapacity;
    if (name == u"language")
        return p.language;
    if (name == u"lastExportDirectory")
        return p.lastExportDirectory;
    if (name == u"geometry")
        return p.windowGeometry;
    if (name == u"viewStates")
        return int(p.viewStates.size());
    if (name == u"openTabs")
        return p.openTabs;
    if (name == u"currentTab")
        return p.currentTab;
    if (r.streams.isEmpty())
        return QStringLiteral("(no stream)");
    const StoredStream &s = r.streams.first();
    const sse::StreamConfig &c = s.config;
    if (name == u"method")
        return QString::fromLatin1(c.request.method);
    if (name == u"mode")
        return int(c.policy.mode);
    if (name == u"initialDelayMs")
        return c.policy.initialDelayMs;
    if (name == u"maxDelayMs")
        return c.policy.maxDelayMs;
    if (name == u"maxRetries")
        return c.policy.maxRetries;
    if (name == u"jitter")
        return c.policy.jitter;
    if (name == u"idleTimeoutMs")
        return c.idleTimeoutMs;
    if (name == u"connectTimeoutMs")
        return c.connectTimeoutMs;
    if (name == u"maxEventBytes")
        return qlonglong(c.maxEventBytes);
    if (name == u"autoConnect")
        return c.autoConnect;
    if (name == u"ignoreTlsErrors")
        return c.request.ignoreTlsErrors;
    if (name == u"http2PriorKnowledge")
        return c.request.http2PriorKnowledge;
    if (name == u"uiState")
        return s.uiState;
    if (name == u"lastEventId")
        return c.request.lastEventId;
    if (name == u"body")
        return c.request.body;
    if (name == u"name")
        return c.name;
    if (name == u"idReplaced")
        return !s.id.isEmpty() && s.id != u"has space";
    if (name == u"headers") {
        QStringList out;
        for (const Header &h : c.request.headers) {
            out.append((h.secret ? QStringLiteral("!") : QString()) + QString::fromLatin1(h.name)
                       + QStringLiteral(": ") + QString::fromUtf8(h.value));
        }
        return out;
    }
    if (name == u"alerts")
        return int(s.alertRules.size());
    if (name == u"alertValid")
        return !s.alertRules.isEmpty() && s.alertRules.first().isValid();
    return QStringLiteral("(unknown field)");
}

void tst_SettingsDamage::corruptValues()
{
    QFETCH(QByteArray, lines);
    QFETCH(QString, field);
    QFETCH(QVariant, expected);
    QFETCH(QString, notice);
    QFETCH(int, notices);

    const auto has = [&lines](const char *key) {
        return lines.startsWith(key) || lines.contains(QByteArray("\n") + key);
    };
    QByteArray content = "[General]\nschemaVersion=1\n\n[streams]\n";
    if (!has("size="))
        content += "size=1\n";
    if (!has("1\\url"))
        content += "1\\url=https://e.com/s\n";
    if (!has("1\\id="))
        content += "1\\id=s1\n";
    content += lines + '\n';

    const auto r = loadFrom(writeIni(content));
    const QString all = r.notices.join(u'\n');
    QCOMPARE(::field(r, field), expected);
    // A file with values that had to be reset is kept aside first, and the message says so.
    QVERIFY2(r.notices.size() == (notices > 0 ? notices + 1 : 0), qPrintable(all));
    QCOMPARE(r.damagedCopy.isEmpty(), notices == 0);
    if (notices > 0)
        QVERIFY2(r.notices.first().contains(r.damagedCopy), qPrintable(all));
    if (notices > 0)
        QVERIFY2(all.contains(notice), qPrintable(all));
}

void tst_SettingsDamage::invalidAlertPatternIsNoDamage()
{
    // The rule is kept as written and matches nothing until corrected: the user is told, but
    // the file is not damaged for it (else it would be copied aside again at every load).
    const auto r = loadFrom(writeIni("[General]\nschemaVersion=1\n\n[streams]\nsize=1\n"
                                     "1\\url=https://e.com/s\n1\\id=s1\n"
                                     "1\\alerts\\size=1\n1\\alerts\\1\\pattern=(abc\n"));
    const QString all = r.notices.join(u'\n');
    QCOMPARE(::field(r, QStringLiteral("alertValid")), QVariant(false));
    QCOMPARE(r.streams.constFirst().alertRules.constFirst().pattern(), QStringLiteral("(abc"));
    QVERIFY2(r.notices.size() == 1 && all.contains(QStringLiteral("matches nothing")), qPrintable(all));
    QVERIFY(r.damagedCopy.isEmpty());
}

void tst_SettingsDamage::absurdCounts()
{
    // Far more streams than allowed, with a size that claims a billion: only MaxStreams are
    // read, quickly.
    QByteArray content = "[General]\nschemaVersion=1\n[streams]\nsize=1000000000\n";
    const int stored = SettingsStore::MaxStreams + 50;
    for (int i = 1; i <= stored; ++i) {
        content += QByteArray::number(i) + "\\url=https://e.com/" + QByteArray::number(i) + '\n';
        content += QByteArray::number(i) + "\\alerts\\size=999999999999\n";
    }
    QElapsedTimer timer;
    timer.start();
    const auto r = loadFrom(writeIni(content));
    QCOMPARE(r.streams.size(), SettingsStore::MaxStreams);
    QCOMPARE(r.streams.last().config.request.url,
             QUrl(QStringLiteral("https://e.com/%1").arg(SettingsStore::MaxStreams)));
    QVERIFY2(timer.elapsed() < 20000, "loading a bloated file took too long");
    // First where the copy is, then the stream count and the cap; then each stream's absurd
    // alert count.
    QVERIFY(r.notices.first().contains(r.damagedCopy));
    QVERIFY(r.notices.at(1).contains(QStringLiteral("number of streams")));
    QVERIFY(r.notices.at(2).contains(QString::number(SettingsStore::MaxStreams)));

    // Gaps and huge indices: the entries present are read in order.
    const QByteArray sparse = "[General]\nschemaVersion=1\n[streams]\nsize=1e9\n"
                              "7\\url=https://e.com/7\n2\\url=https://e.com/2\n"
                              "99999999999999\\url=https://e.com/x\nfoo\\url=https://e.com/y\n";
    const auto s = loadFrom(writeIni(sparse));
    QCOMPARE(s.streams.size(), 2);
    QCOMPARE(s.streams.at(0).config.request.url, QUrl(QStringLiteral("https://e.com/2")));
    QCOMPARE(s.streams.at(1).config.request.url, QUrl(QStringLiteral("https://e.com/7")));
    QCOMPARE(s.notices.size(), 2); // the copy kept aside, the count
}

void tst_SettingsDamage::garbageFile_data()
{
    QTest::addColumn<QByteArray>("content");

    for (const quint32 seed : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u}) {
        QRandomGenerator rng(seed);
        QByteArray bytes(4096 * int(seed), Qt::Uninitialized);
        for (char &c : bytes)
            c = char(rng.bounded(256));
        QTest::addRow("random %u", seed) << bytes;
    }
    QTest::newRow("zeros") << QByteArray(1000, '\0');
    QTest::newRow("one long line") << QByteArray(200000, 'x');
    QTest::newRow("unbalanced section") << QByteArray("[streams\nsize=3\n1\\url=https://e.com\n");
    QTest::newRow("PNG header") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    QTest::newRow("JSON instead of INI") << QByteArray(R"({"streams":[{"url":"https://e.com"}]})");
}

void tst_SettingsDamage::garbageFile()
{
    QFETCH(QByteArray, content);

    const QString path = writeIni(content);
    {
        SettingsStore store(path);
        const auto r = store.load();
        QVERIFY(r.streams.isEmpty());
        QVERIFY(r.preferences == AppPreferences());
        QVERIFY(!r.notices.isEmpty());
        QVERIFY(!store.storeSecrets());

        // The app saves over it and the next launch is clean.
        QVERIFY(store.saveStreams({tickerStream()}));
        QVERIFY(store.savePreferences(AppPreferences()));
        const auto same = store.load(); // the same QSettings object, after the save
        QVERIFY2(same.notices.isEmpty(), qPrintable(same.notices.join(u'\n')));
        QCOMPARE(same.streams.size(), 1);
    }
    const auto again = loadFrom(freshCopy(path));
    QVERIFY2(again.notices.isEmpty(), qPrintable(again.notices.join(u'\n')));
    QCOMPARE(again.streams.size(), 1);
    QCOMPARE(again.streams.first().config, tickerStream().config);
}

void tst_SettingsDamage::damagedFileIsKept()
{
    // A bad section header and bytes that are not UTF-8: QSettings gives up on the whole file;
    // line by line, the stream before the damage is kept.
    const QByteArray content = QByteArray("[General]\nschemaVersion=1\n[streams]\nsize=1\n"
                                          "1\\url=https://e.com/s\n[broken\n")
        + QByteArray("\xff\xfe\x00=\n", 5);
    const QString path = writeIni(content);
    SettingsStore store(path);
    auto r = store.load();
    QCOMPARE(r.streams.size(), 1);
    QVERIFY2(r.notices.size() >= 2, qPrintable(r.notices.join(u'\n')));
    QVERIFY(r.notices.first().contains(QStringLiteral("damaged")));
    QCOMPARE(r.damagedCopy, path + QStringLiteral(".damaged"));
    QVERIFY(r.notices.first().contains(r.damagedCopy));
    QCOMPARE(readAll(path + QStringLiteral(".damaged")), content);
    QCOMPARE(readAll(path), content); // loading did not touch it

    // Loading the same damage again keeps no second copy; other damage gets its own.
    QCOMPARE(SettingsStore(path).load().damagedCopy, r.damagedCopy);
    const QByteArray other = content + "[again\n";
    QCOMPARE(SettingsStore(writeIniAt(path, other)).load().damagedCopy, path + QStringLiteral(".damaged.2"));
    QCOMPARE(readAll(path + QStringLiteral(".damaged")), content);
    QCOMPARE(readAll(path + QStringLiteral(".damaged.2")), other);

    // Saving replaces it, and the next load is exact.
    QVERIFY(store.saveStreams({tickerStream()}));
    r = store.load();
    QVERIFY2(r.notices.isEmpty(), qPrintable(r.notices.join(u'\n')));
    QVERIFY(r.damagedCopy.isEmpty());
    QCOMPARE(r.streams.size(), 1);
    QCOMPARE(SettingsStore(path).load().streams.size(), 1);
}

void tst_SettingsDamage::unversionedAndNewerSchema()
{
    const QByteArray streams = "[streams]\nsize=1\n1\\url=https://e.com/s\n";

    // Each is kept aside (first notice), then explained.
    auto r = loadFrom(writeIni(streams));
    QCOMPARE(r.streams.size(), 1);
    QCOMPARE(r.notices.size(), 2);
    QVERIFY(r.notices.at(1).contains(QStringLiteral("no schema version")));

    // Schema 2 and later files end with a seal: without one, the file was cut short.
    r = loadFrom(writeIni("[General]\nschemaVersion=3\n" + streams));
    QCOMPARE(r.streams.size(), 1);
    QCOMPARE(r.notices.size(), 3);
    QVERIFY(r.notices.first().contains(QStringLiteral("damaged")));
    QVERIFY(r.notices.at(1).contains(QStringLiteral("ends early")));
    QVERIFY(r.notices.at(2).contains(QStringLiteral("newer")));

    r = loadFrom(writeIni("[General]\nschemaVersion=abc\n" + streams));
    QCOMPARE(r.streams.size(), 1);
    QCOMPARE(r.notices.size(), 2);
    QVERIFY(r.notices.at(1).contains(QStringLiteral("not valid")));

    r = loadFrom(writeIni("[General]\nschemaVersion=0\n" + streams));
    QCOMPARE(r.notices.size(), 2);

    const QString path = writeIni("[General]\nschemaVersion=1\n[security]\nstoreSecrets=perhaps\n");
    QVERIFY(!SettingsStore(path).storeSecrets());
}

QTEST_GUILESS_MAIN(tst_SettingsDamage)
#include "tst_settingsdamage.moc"
