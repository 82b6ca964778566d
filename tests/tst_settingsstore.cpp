// Tests for sse::SettingsStore against INI files in a temporary directory: full round trips,
// and secrets kept out of the file unless the user opted in (damaged files: tst_settingsdamage).
//
// Checks of what is on disk read the bytes (or a copy under a new name) with a new store;
// files in the older layout are written by hand or with QSettings, as earlier versions did.

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

class tst_SettingsStore : public QObject, private SettingsFiles
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
};

void tst_SettingsStore::initTestCase()
{
    QVERIFY(makeDirectory());
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
        QCOMPARE(got.config.request.http2PriorKnowledge, want.config.request.http2PriorKnowledge);
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
    QCOMPARE(raw.value(QStringLiteral("streams/3/http2PriorKnowledge")).toBool(), true);
    QCOMPARE(raw.value(QStringLiteral("streams/1/http2PriorKnowledge")).toBool(), false);
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

QTEST_GUILESS_MAIN(tst_SettingsStore)
#include "tst_settingsstore.moc"
