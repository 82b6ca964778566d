#pragma once

// What the SettingsStore suites share (tst_settingsstore: round trips and secrets;
// tst_settingsdamage: damaged and hostile files): sample streams and preferences, and settings
// files in a temporary directory.

#include "settingsfile.h"
#include "settingsstore.h"

#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace settingsfiles {

using sse::AlertRule;
using sse::AppPreferences;
using sse::Header;
using sse::SettingsStore;
using sse::StoredStream;

inline const QByteArray SecretToken = QByteArrayLiteral("sk-live-7f3a9c1e5b");
inline const QByteArray SecretCookie = QByteArrayLiteral("sessionid=c0ffee99beef");
inline const QByteArray SecretApiKey = QByteArrayLiteral("k3y-0000-feed-face");
inline const QString UrlPassword = QStringLiteral("hunter2pw");

inline StoredStream tickerStream()
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

inline StoredStream chatStream()
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

inline StoredStream plainStream()
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
    s.config.request.http2PriorKnowledge = true; // a local h2c server
    return s;
}

inline AppPreferences samplePreferences()
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

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

/** The values in the file, as the line reader sees them. (QSettings reads these files too,
 *  but finds keys written without a section only after allKeys().) */
inline QMap<QString, QVariant> rawValues(const QString &path)
{
    const sse::SettingsFile::Content content = sse::SettingsFile::parse(readAll(path));
    if (!content.problems.isEmpty() || content.seal != sse::SettingsFile::Seal::Intact)
        qWarning("%s: not an intact file", qPrintable(path));
    return content.values;
}

/** Settings files in a temporary directory, each under a new name. */
class SettingsFiles
{
protected:
    /** Call from initTestCase(). */
    bool makeDirectory()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        return m_dir->isValid();
    }
    QString newPath();
    /** A copy of \a path under a new name, so QSettings parses it from disk. */
    QString freshCopy(const QString &path);
    QString writeIni(const QByteArray &content);
    static QString writeIniAt(const QString &path, const QByteArray &content);
    static SettingsStore::LoadResult loadFrom(const QString &path);

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    int m_counter = 0;
};

inline QString SettingsFiles::newPath()
{
    return m_dir->filePath(QStringLiteral("settings-%1.ini").arg(++m_counter));
}

inline QString SettingsFiles::freshCopy(const QString &path)
{
    const QString copy = newPath();
    if (!QFile::copy(path, copy))
        qWarning("cannot copy %s", qPrintable(path));
    return copy;
}

inline QString SettingsFiles::writeIni(const QByteArray &content)
{
    const QString path = newPath();
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

inline QString SettingsFiles::writeIniAt(const QString &path, const QByteArray &content)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(content) != content.size())
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

inline SettingsStore::LoadResult SettingsFiles::loadFrom(const QString &path)
{
    return SettingsStore(path).load();
}

} // namespace settingsfiles
