// Tests for sse::SettingsStore against INI files in a temporary directory: full round trips,
// secrets kept out of the file unless the user opted in, and corrupt values of every kind
// falling back to defaults with a notice.
//
// Checks of what is on disk read the bytes (or a copy under a new name) with a new store;
// files in the older layout are written by hand or with QSettings, as earlier versions did.

#include "settingsfile.h"
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

namespace {

const QByteArray SecretToken = QByteArrayLiteral("sk-live-7f3a9c1e5b");
const QByteArray SecretCookie = QByteArrayLiteral("sessionid=c0ffee99beef");
const QByteArray SecretApiKey = QByteArrayLiteral("k3y-0000-feed-face");
const QString UrlPassword = QStringLiteral("hunter2pw");

StoredStream tickerStream()
{
    StoredStream s;
    s.id = QStringLiteral("11111111-aaaa-4bbb-8ccc-000000000001");
    s.config.name = QStringLiteral("Ticker");
    s.config.request.url = QUrl(QStringLiteral("https://stream.example.com/prices?sym=BTC&x=a%20b"));
    s.config.request.headers = {
        Header{"Accept-Language", "en", false},
        Header{"X-Trace", "on", false},
    };
    s.config.request.lastEventId = "evt-41";
    s.config.autoConnect = true;
    s.uiState = {
        {QStringLiteral("typeFilter"), QStringLiteral("tick")},
        {QStringLiteral("textFilter"), QStringLiteral("BTC|ETH")},
        {QStringLiteral("regex"), true},
        {QStringLiteral("errorsOnly"), false},
        {QStringLiteral("logCapacity"), 250000},
        {QStringLiteral("mutedNotices"),
         QVariantList{QStringLiteral("connected"), QStringLiteral("connectionLost")}},
        {QStringLiteral("nested"), QVariantMap{{QStringLiteral("ratio"), 0.5}}},
    };
    s.alertRules = {
        AlertRule(s.id, QStringLiteral("tick"), QStringLiteral("\"price\":\\s*1\\d{5}")),
        AlertRule(s.id, QString(), QStringLiteral("(?i)halt"), false),
    };
    return s;
}

StoredStream chatStream()
{
    StoredStream s;
    s.id = QStringLiteral("22222222-aaaa-4bbb-8ccc-000000000002");
    s.config.name = QStringLiteral("Chat “completions” – ünïcode");
    s.config.request.url = QUrl(QStringLiteral("https://api.example.com/v1/chat/completions"));
    s.config.request.method = "POST";
    s.config.request.headers = {
        Header{"Authorization", "Bearer " + SecretToken, true},
        Header{"Content-Type", "application/json", false},
        Header{"X-Api-Key", SecretApiKey, true},
        Header{"Cookie", SecretCookie, false}, // a credential by name, flag or not
    };
    s.config.request.body = R"({"model":"m","stream":true,"messages":[{"role":"user","content":"hi\n"}]})";
    s.config.request.ignoreTlsErrors = true;
    s.config.policy.mode = sse::ReconnectPolicy::Mode::SpecStrict;
    s.config.policy.initialDelayMs = 250;
    s.config.policy.maxDelayMs = 5000;
    s.config.policy.jitter = false;
    s.config.policy.maxRetries = 12;
    s.config.idleTimeoutMs = 45000;
    s.config.connectTimeoutMs = 12000;
    s.config.silentAfterMs = 45000;
    s.config.maxEventBytes = 65536;
    s.alertRules = {AlertRule(s.id, QStringLiteral("error"), QString())};
    return s;
}

StoredStream plainStream()
{
    StoredStream s;
    s.id = QStringLiteral("plain-3");
    s.config.name = QStringLiteral("Local");
    s.config.request.url = QUrl(QStringLiteral("http://alice:") + UrlPassword
                                + QStringLiteral("@127.0.0.1:8080/events"));
    s.config.request.method = "REPORT";
    s.config.request.body = QByteArray("\x00\x01\xff binary\r\n", 13);
    s.config.maxEventBytes = 1;
    s.config.policy.maxRetries = 0;
    return s;
}

AppPreferences samplePreferences()
{
    AppPreferences p;
    p.windowGeometry = QByteArray("\x01\xd9\xd0\xcb\x00\x03\x00\x00geometry", 16);
    p.windowState = QByteArray(300, '\x7f') + QByteArray("\x00state", 6);
    p.viewStates = {
        {QStringLiteral("mainSplitter"), QByteArray("\x00\x00\x00\xff split", 10)},
        {QStringLiteral("log/header"), QByteArray("cols")},
        {QStringLiteral("détail pane 2"), QByteArray("x")},
    };
    p.toasts.enabled = true;
    p.toasts.useSystemTray = false;
    p.toasts.durationMs = 9000;
    p.toasts.maxVisible = 7;
    p.toasts.onConnected = false;
    p.toasts.onServerError = false;
    p.language = QStringLiteral("zh_CN");
    p.lastExportDirectory = QStringLiteral("/home/ü/exports, 2024");
    p.defaultLogCapacity = 500000;
    p.openTabs = {chatStream().id, tickerStream().id};
    p.currentTab = tickerStream().id;
    return p;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

/** The values in the file, as the line reader sees them. (QSettings reads these files too,
 *  but finds keys written without a section only after allKeys().) */
QMap<QString, QVariant> rawValues(const QString &path)
{
    const sse::SettingsFile::Content content = sse::SettingsFile::parse(readAll(path));
    if (!content.problems.isEmpty() || content.seal != sse::SettingsFile::Seal::Intact)
        qWarning("%s: not an intact file", qPrintable(path));
    return content.values;
}

} // namespace

class tst_SettingsStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyLoadsDefaults();
    void roundTrip();
    void roundTripSingleTabAndEmptyLists();
    void secretsNotWrittenWithoutOptIn();
    void secretsWrittenWithOptIn();
    void turningOptInOffErasesSecrets();
    void storeSecretsIsPersisted();
    void saveReplacesStreams();
    void idsAreAssigned();
    void otherKeysSurvive();
    void loadNeverWrites();
    void corruptValues_data();
    void corruptValues();
    void absurdCounts();
    void garbageFile_data();
    void garbageFile();
    void damagedFileIsKept();
    void unversionedAndNewerSchema();

private:
    QString newPath();
    /** A copy of \a path under a new name, so QSettings parses it from disk. */
    QString freshCopy(const QString &path);
    QString writeIni(const QByteArray &content);
    static QString writeIniAt(const QString &path, const QByteArray &content);
    SettingsStore::LoadResult loadFrom(const QString &path);

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_counter = 0;
};

void tst_SettingsStore::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString tst_SettingsStore::newPath()
{
    return m_dir->filePath(QStringLiteral("settings-%1.ini").arg(++m_counter));
}

QString tst_SettingsStore::freshCopy(const QString &path)
{
    const QString copy = newPath();
    if (!QFile::copy(path, copy))
        qWarning("cannot copy %s", qPrintable(path));
    return copy;
}

QString tst_SettingsStore::writeIni(const QByteArray &content)
{
    const QString path = newPath();
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

QString tst_SettingsStore::writeIniAt(const QString &path, const QByteArray &content)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(content) != content.size())
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

SettingsStore::LoadResult tst_SettingsStore::loadFrom(const QString &path)
{
    return SettingsStore(path).load();
}

void tst_SettingsStore::emptyLoadsDefaults()
{
    const auto r = loadFrom(newPath()); // no file at all
    QVERIFY(r.streams.isEmpty());
    QCOMPARE(r.preferences, AppPreferences());
    QVERIFY2(r.notices.isEmpty(), qPrintable(r.notices.join(u'\n')));

    const auto empty = loadFrom(writeIni(QByteArray()));
    QVERIFY(empty.streams.isEmpty());
    QVERIFY(empty.notices.isEmpty());
}

void tst_SettingsStore::roundTrip()
{
    const QList<StoredStream> streams{tickerStream(), chatStream(), plainStream()};
    const AppPreferences prefs = samplePreferences();
    const QString path = newPath();
    {
        SettingsStore store(path);
        QVERIFY(store.setStoreSecrets(true));
        QVERIFY(store.saveStreams(streams));
        QVERIFY(store.savePreferences(prefs));
    }
    const QString copy = freshCopy(path);
    const auto r = loadFrom(copy);
    QVERIFY2(r.notices.isEmpty(), qPrintable(r.notices.join(u'\n')));
    QCOMPARE(r.streams.size(), streams.size());
    for (qsizetype i = 0; i < streams.size(); ++i) {
        const StoredStream &got = r.streams.at(i);
        const StoredStream &want = streams.at(i);
        QCOMPARE(got.id, want.id);
        QCOMPARE(got.config.name, want.config.name);
        QCOMPARE(got.config.request.url, want.config.request.url);
        QCOMPARE(got.config.request.method, want.config.request.method);
        QCOMPARE(got.config.request.headers, want.config.request.headers);
        QCOMPARE(got.config.request.body, want.config.request.body);
        QCOMPARE(got.config.request.lastEventId, want.config.request.lastEventId);
        QCOMPARE(got.config.request.ignoreTlsErrors, want.config.request.ignoreTlsErrors);
        QVERIFY(got.config.policy == want.config.policy);
        QCOMPARE(got.config.idleTimeoutMs, want.config.idleTimeoutMs);
        QCOMPARE(got.config.connectTimeoutMs, want.config.connectTimeoutMs);
        QCOMPARE(got.config.silentAfterMs, want.config.silentAfterMs);
        QCOMPARE(got.config.maxEventBytes, want.config.maxEventBytes);
        QCOMPARE(got.config.autoConnect, want.config.autoConnect);
        QVERIFY(got.config == want.config);
        QCOMPARE(got.uiState, want.uiState);
        QCOMPARE(got.alertRules, want.alertRules);
        for (const AlertRule &rule : got.alertRules)
            QCOMPARE(rule.streamId(), want.id);
        QVERIFY(got.missingSecrets.isEmpty());
        QVERIFY(!got.urlPasswordMissing);
        QVERIFY(got == want);
    }
    // uiState types: JSON gives integers back as whole numbers, strings and bools as such.
    const QVariantMap ui = r.streams.at(0).uiState;
    QCOMPARE(ui.value(QStringLiteral("logCapacity")).toLongLong(), 250000);
    QCOMPARE(ui.value(QStringLiteral("regex")).typeId(), QMetaType::Bool);
    QCOMPARE(ui.value(QStringLiteral("mutedNotices")).toStringList(),
             QStringList({QStringLiteral("connected"), QStringLiteral("connectionLost")}));

    QCOMPARE(r.preferences.windowGeometry, prefs.windowGeometry);
    QCOMPARE(r.preferences.windowState, prefs.windowState);
    QCOMPARE(r.preferences.viewStates, prefs.viewStates);
    QVERIFY(r.preferences.toasts == prefs.toasts);
    QCOMPARE(r.preferences.language, prefs.language);
    QCOMPARE(r.preferences.lastExportDirectory, prefs.lastExportDirectory);
    QCOMPARE(r.preferences.defaultLogCapacity, prefs.defaultLogCapacity);
    QCOMPARE(r.preferences.openTabs, prefs.openTabs);
    QCOMPARE(r.preferences.currentTab, prefs.currentTab);
    QVERIFY(r.preferences == prefs);

    // The schema is what the header promises.
    const auto raw = rawValues(path);
    QCOMPARE(raw.value(QStringLiteral("schemaVersion")).toInt(), SettingsStore::SchemaVersion);
    QCOMPARE(raw.value(QStringLiteral("streams/size")).toInt(), 3);
    QCOMPARE(raw.value(QStringLiteral("streams/2/name")).toString(), chatStream().config.name);
    QCOMPARE(raw.value(QStringLiteral("streams/2/policy/mode")).toString(), QStringLiteral("spec-strict"));
    QCOMPARE(raw.value(QStringLiteral("streams/2/headers/size")).toInt(), 4);
    QCOMPARE(raw.value(QStringLiteral("streams/2/ignoreTlsErrors")).toBool(), true);
    QCOMPARE(raw.value(QStringLiteral("streams/1/ignoreTlsErrors")).toBool(), false);
    QCOMPARE(raw.value(QStringLiteral("streams/1/alerts/size")).toInt(), 2);
    QCOMPARE(raw.value(QStringLiteral("app/language")).toString(), QStringLiteral("zh_CN"));
}

void tst_SettingsStore::roundTripSingleTabAndEmptyLists()
{
    // INI writes a one-element list like a plain string and an empty list as @Invalid().
    AppPreferences prefs;
    prefs.openTabs = {QStringLiteral("plain-3")};
    prefs.currentTab = QStringLiteral("plain-3");
    StoredStream s = plainStream();
    s.config.request.url = QUrl(QStringLiteral("http://127.0.0.1:8080/events"));
    const QString path = newPath();
    {
        SettingsStore store(path);
        QVERIFY(store.saveStreams({s}));
        QVERIFY(store.savePreferences(prefs));
    }
    auto r = loadFrom(freshCopy(path));
    QVERIFY2(r.notices.isEmpty(), qPrintable(r.notices.join(u'\n')));
    QCOMPARE(r.preferences.openTabs, prefs.openTabs);
    QCOMPARE(r.streams.size(), 1);
    QVERIFY(r.streams.first() == s);

    {
        SettingsStore store(path);
        QVERIFY(store.saveStreams({}));
        QVERIFY(store.savePreferences(AppPreferences()));
    }
    r = loadFrom(freshCopy(path));
    QVERIFY2(r.notices.isEmpty(), qPrintable(r.notices.join(u'\n')));
    QVERIFY(r.streams.isEmpty());
    QCOMPARE(r.preferences, AppPreferences());
}

void tst_SettingsStore::secretsNotWrittenWithoutOptIn()
{
    const QString path = newPath();
    {
        SettingsStore store(path);
        QVERIFY(!store.storeSecrets());
        QVERIFY(store.saveStreams({tickerStream(), chatStream(), plainStream()}));
    }
    const QByteArray bytes = readAll(path);
    QVERIFY(!bytes.isEmpty());
    QVERIFY2(!bytes.contains(SecretToken), bytes.constData());
    QVERIFY(!bytes.contains(SecretApiKey));
    QVERIFY(!bytes.contains(SecretCookie));
    QVERIFY(!bytes.contains("c0ffee"));
    QVERIFY(!bytes.contains(UrlPassword.toUtf8()));
    // What is not secret is there, names of secret headers included.
    QVERIFY(bytes.contains("Authorization"));
    QVERIFY(bytes.contains("X-Api-Key"));
    QVERIFY(bytes.contains("application/json"));
    QVERIFY(bytes.contains("alice"));

    const auto r = loadFrom(freshCopy(path));
    QCOMPARE(r.streams.size(), 3);
    const StoredStream &chat = r.streams.at(1);
    QCOMPARE(chat.missingSecrets,
             QList<QByteArray>({"Authorization", "X-Api-Key", "Cookie"}));
    const QList<Header> &h = chat.config.request.headers;
    QCOMPARE(h.size(), 4);
    QCOMPARE(h.at(0), (Header{"Authorization", {}, true}));
    QCOMPARE(h.at(1), (Header{"Content-Type", "application/json", false}));
    QCOMPARE(h.at(2), (Header{"X-Api-Key", {}, true}));
    QCOMPARE(h.at(3), (Header{"Cookie", {}, false}));
    QVERIFY(r.streams.at(0).missingSecrets.isEmpty());
    QCOMPARE(r.streams.at(0).config, tickerStream().config);

    const StoredStream &plain = r.streams.at(2);
    QVERIFY(plain.urlPasswordMissing);
    QCOMPARE(plain.config.request.url, QUrl(QStringLiteral("http://alice@127.0.0.1:8080/events")));

    // One notice per missing value, naming the stream and the header.
    QCOMPARE(r.notices.size(), 4);
    QVERIFY(r.notices.at(0).contains(QStringLiteral("Authorization")));
    QVERIFY(r.notices.at(0).contains(chatStream().config.name));
    QVERIFY(r.notices.at(3).contains(QStringLiteral("password")));
}

void tst_SettingsStore::secretsWrittenWithOptIn()
{
    const QString path = newPath();
    {
        SettingsStore store(path);
        QVERIFY(store.setStoreSecrets(true));
        QVERIFY(store.storeSecrets());
        QVERIFY(store.saveStreams({chatStream(), plainStream()}));
    }
    const QByteArray bytes = readAll(path);
    QVERIFY(bytes.contains(SecretToken));
    QVERIFY(bytes.contains(SecretApiKey));
    QVERIFY(bytes.contains(SecretCookie));
    QVERIFY(bytes.contains(UrlPassword.toUtf8()));

    const auto r = loadFrom(freshCopy(path));
    QVERIFY(r.notices.isEmpty());
    QCOMPARE(r.streams.size(), 2);
    QVERIFY(r.streams.at(0) == chatStream());
    QVERIFY(r.streams.at(1) == plainStream());
}

void tst_SettingsStore::turningOptInOffErasesSecrets()
{
    const QString path = newPath();
    {
        QSettings settings(path, QSettings::IniFormat);
        settings.setValue(QStringLiteral("custom/keep"), QStringLiteral("mine"));
    }
    SettingsStore store(path);
    QVERIFY(store.setStoreSecrets(true));
    QVERIFY(store.saveStreams({chatStream(), plainStream(), tickerStream()}));
    QVERIFY(readAll(path).contains(SecretToken));

    QVERIFY(store.setStoreSecrets(false));
    const QByteArray bytes = readAll(path);
    QVERIFY(!bytes.contains(SecretToken));
    QVERIFY(!bytes.contains(SecretApiKey));
    QVERIFY(!bytes.contains(SecretCookie));
    QVERIFY(!bytes.contains(UrlPassword.toUtf8()));
    QVERIFY(bytes.contains("application/json"));
    QVERIFY(bytes.contains("mine"));

    const auto r = loadFrom(freshCopy(path));
    QCOMPARE(r.streams.size(), 3);
    QCOMPARE(r.streams.at(0).missingSecrets,
             QList<QByteArray>({"Authorization", "X-Api-Key", "Cookie"}));
    QVERIFY(r.streams.at(1).urlPasswordMissing);
    QCOMPARE(r.streams.at(2).config, tickerStream().config); // untouched
    QCOMPARE(r.notices.size(), 4);
}

void tst_SettingsStore::storeSecretsIsPersisted()
{
    const QString path = newPath();
    {
        QVERIFY(SettingsStore(path).setStoreSecrets(true));
    }
    {
        const QString settingsPath = freshCopy(path);
        QVERIFY(SettingsStore(settingsPath).storeSecrets());
    }
    {
        QVERIFY(SettingsStore(path).setStoreSecrets(false));
    }
    const QString settingsPath = freshCopy(path);
    QVERIFY(!SettingsStore(settingsPath).storeSecrets());
}

void tst_SettingsStore::saveReplacesStreams()
{
    const QString path = newPath();
    SettingsStore store(path);
    QVERIFY(store.saveStreams({tickerStream(), chatStream(), plainStream()}));
    QVERIFY(store.saveStreams({chatStream()}));
    QVERIFY(!readAll(path).contains("Ticker"));
    const auto raw = rawValues(path);
    QCOMPARE(raw.value(QStringLiteral("streams/size")).toInt(), 1);
    QVERIFY(!raw.contains(QStringLiteral("streams/2/url")));
    QVERIFY(!raw.contains(QStringLiteral("streams/3/url")));
    const auto r = loadFrom(freshCopy(path));
    QCOMPARE(r.notices.size(), 3); // its three secret values, not stored without opt-in
    QCOMPARE(r.streams.size(), 1);
    QCOMPARE(r.streams.first().id, chatStream().id);
}

void tst_SettingsStore::idsAreAssigned()
{
    StoredStream a = tickerStream();
    a.id.clear();
    StoredStream b = chatStream();
    b.id = QStringLiteral("same");
    StoredStream c = plainStream();
    c.id = QStringLiteral("same");
    const QString path = newPath();
    {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no usable id")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no usable id")));
        QVERIFY(SettingsStore(path).saveStreams({a, b, c}));
    }
    const auto r = loadFrom(freshCopy(path));
    QCOMPARE(r.streams.size(), 3);
    QVERIFY(!r.streams.at(0).id.isEmpty());
    QCOMPARE(r.streams.at(1).id, QStringLiteral("same"));
    QVERIFY(r.streams.at(2).id != QStringLiteral("same"));
    QCOMPARE(QSet<QString>({r.streams.at(0).id, r.streams.at(1).id, r.streams.at(2).id}).size(), 3);
    for (const AlertRule &rule : r.streams.at(0).alertRules)
        QCOMPARE(rule.streamId(), r.streams.at(0).id);
    QVERIFY(StoredStream::newId() != StoredStream::newId());
}

void tst_SettingsStore::otherKeysSurvive()
{
    const QString path = newPath();
    {
        QSettings settings(path, QSettings::IniFormat);
        settings.setValue(QStringLiteral("plugins/foo/enabled"), true);
        settings.setValue(QStringLiteral("topLevel"), 5);
    }
    SettingsStore store(path);
    QVERIFY(store.saveStreams({tickerStream()}));
    QVERIFY(store.savePreferences(samplePreferences()));
    QVERIFY(store.setStoreSecrets(false));
    const auto check = rawValues(path);
    QCOMPARE(check.value(QStringLiteral("plugins/foo/enabled")).toString(), QStringLiteral("true"));
    QCOMPARE(check.value(QStringLiteral("topLevel")).toInt(), 5);
}

void tst_SettingsStore::loadNeverWrites()
{
    const QByteArray content = "[General]\nschemaVersion=1\n[streams]\nsize=2\n1\\url=nonsense\n"
                               "2\\url=https://e.com/s\n2\\method=GE T\n";
    const QString path = writeIni(content);
    {
        const auto r = SettingsStore(path).load();
        QCOMPARE(r.streams.size(), 1);
        QCOMPARE(r.notices.size(), 3); // where the copy is, then the two values
    }
    QCOMPARE(readAll(path), content); // a copy was kept aside; the file itself is untouched
}

void tst_SettingsStore::corruptValues_data()
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
    row("alert with an invalid pattern", "1\\alerts\\size=1\n1\\alerts\\1\\pattern=(abc",
        "alertValid", false, "matches nothing");
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

void tst_SettingsStore::corruptValues()
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

void tst_SettingsStore::absurdCounts()
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

void tst_SettingsStore::garbageFile_data()
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

void tst_SettingsStore::garbageFile()
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

void tst_SettingsStore::damagedFileIsKept()
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

void tst_SettingsStore::unversionedAndNewerSchema()
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

QTEST_GUILESS_MAIN(tst_SettingsStore)
#include "tst_settingsstore.moc"
