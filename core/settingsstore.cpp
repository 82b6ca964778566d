#include "settingsstore.h"

#include "settingsfile.h"
#include "settingsreader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <limits>
#include <optional>

// Schema version 2. Arrays use QSettings' own layout (group/size, group/1/..., 1-based).
// Written in this order: schemaVersion, streams/size, the preferences, preferencesChecksum,
// then each stream's keys; the file's last line seals it (SettingsFile). Version 1 (written
// by QSettings) had no checksums and no seal; it is still read.
//
//   schemaVersion                  int, 2
//   preferencesChecksum            16 hex digits over the lines of every key outside streams/
//   security/storeSecrets          bool: secret values are written in plain text
//   streams/size                   number of streams
//   streams/N/id                   string, unique
//   streams/N/name                 string
//   streams/N/url                  string, fully encoded; password removed without opt-in
//   streams/N/urlPasswordOmitted   bool, only when the password was removed
//   streams/N/method               string, an HTTP token
//   streams/N/headers/size
//   streams/N/headers/M/name       string, an HTTP token
//   streams/N/headers/M/value      byte array; empty for a secret without opt-in
//   streams/N/headers/M/secret     bool
//   streams/N/headers/M/omitted    bool, only when a secret value was not written
//   streams/N/body                 byte array
//   streams/N/lastEventId          byte array
//   streams/N/ignoreTlsErrors      bool, false unless the user confirmed the warning
//   streams/N/http2PriorKnowledge  bool: cleartext HTTP/2 from the first byte (h2c)
//   streams/N/policy/mode          "monitor" | "spec-strict"
//   streams/N/policy/initialDelayMs, maxDelayMs, maxRetries    ints
//   streams/N/policy/jitter        bool
//   streams/N/idleTimeoutMs        int, 0 = none
//   streams/N/connectTimeoutMs     int, 0 = the operating system's
//   streams/N/silentAfterMs        int, 0 = learned from the stream's gaps
//   streams/N/maxEventBytes        int
//   streams/N/autoConnect          bool
//   streams/N/connected            bool: connected when saved (reconnected on launch)
//   streams/N/checksum             16 hex digits over the lines of the stream's other keys
//   streams/N/uiState              string: a JSON object
//   streams/N/alerts/size
//   streams/N/alerts/M/eventType, pattern (strings), enabled (bool)
//   window/geometry, window/state  byte arrays
//   views/<percent-encoded name>   byte arrays (splitter and header states)
//   toasts/enabled, useSystemTray, onConnected, onConnectionLost, onFailed, onServerError,
//   toasts/onAlertRule             bools
//   toasts/durationMs, maxVisible  ints
//   app/language                   string, empty = system
//   app/lastExportDirectory        string
//   app/defaultLogCapacity         int
//   app/reconnectOnLaunch          bool
//   session/openTabs               string list of stream ids, in tab order
//   session/currentTab             string, a stream id

namespace sse {

Q_LOGGING_CATEGORY(lcSettings, "sse.settings", QtInfoMsg)

using namespace settingsdetail;

namespace {

void writeStream(Values &v, const QString &prefix, const StoredStream &stream, const QString &id,
                 bool storeSecrets)
{
    const auto set = [&](const QString &name, const QVariant &value) { v.insert(key(prefix, name), value); };
    const StreamConfig &c = stream.config;
    set(QStringLiteral("id"), id);
    set(QStringLiteral("name"), c.name);
    QUrl url = c.request.url;
    if (!storeSecrets && !url.password().isEmpty()) {
        url.setPassword(QString());
        set(QStringLiteral("urlPasswordOmitted"), true);
    }
    set(QStringLiteral("url"), url.toString(QUrl::FullyEncoded));
    set(QStringLiteral("method"), QString::fromLatin1(c.request.method));

    set(QStringLiteral("headers/size"), int(c.request.headers.size()));
    for (qsizetype i = 0; i < c.request.headers.size(); ++i) {
        const Header &h = c.request.headers.at(i);
        const QString hp = QStringLiteral("headers/%1/").arg(i + 1);
        set(hp + QStringLiteral("name"), QString::fromLatin1(h.name));
        set(hp + QStringLiteral("secret"), h.secret);
        if (h.isSecret() && !storeSecrets) {
            set(hp + QStringLiteral("value"), QByteArray());
            if (!h.value.isEmpty())
                set(hp + QStringLiteral("omitted"), true);
        } else {
            set(hp + QStringLiteral("value"), h.value);
        }
    }

    set(QStringLiteral("body"), c.request.body);
    set(QStringLiteral("lastEventId"), c.request.lastEventId);
    set(QStringLiteral("ignoreTlsErrors"), c.request.ignoreTlsErrors);
    set(QStringLiteral("http2PriorKnowledge"), c.request.http2PriorKnowledge);
    set(QStringLiteral("policy/mode"), modeName(c.policy.mode));
    set(QStringLiteral("policy/initialDelayMs"), c.policy.initialDelayMs);
    set(QStringLiteral("policy/maxDelayMs"), c.policy.maxDelayMs);
    set(QStringLiteral("policy/jitter"), c.policy.jitter);
    set(QStringLiteral("policy/maxRetries"), c.policy.maxRetries);
    set(QStringLiteral("idleTimeoutMs"), c.idleTimeoutMs);
    set(QStringLiteral("connectTimeoutMs"), c.connectTimeoutMs);
    set(QStringLiteral("silentAfterMs"), c.silentAfterMs);
    set(QStringLiteral("maxEventBytes"), qint64(c.maxEventBytes));
    set(QStringLiteral("autoConnect"), c.autoConnect);
    set(QStringLiteral("connected"), stream.wasConnected);
    set(QStringLiteral("uiState"),
        QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(stream.uiState))
                              .toJson(QJsonDocument::Compact)));

    set(QStringLiteral("alerts/size"), int(stream.alertRules.size()));
    for (qsizetype i = 0; i < stream.alertRules.size(); ++i) {
        QVariantMap map = stream.alertRules.at(i).toVariantMap();
        map.remove(QStringLiteral("streamId")); // implied by the stream it is stored with
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            set(QStringLiteral("alerts/%1/").arg(i + 1) + it.key(), it.value());
    }
}

} // namespace

// ---------------------------------------------------------------------------------------------

QString StoredStream::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

/** One reading of the file: what it holds, and how far it can be trusted. */
struct SettingsStore::FileRead
{
    SettingsFile::Content content;
    Damage damage;              ///< unreadable lines by key
    QList<SettingsFile::Problem> keyless; ///< unreadable lines whose key is unknown
    QStringList mismatched;     ///< stream groups ("3") not matching their checksum
    bool preferencesMismatched = false;
    bool exact = true;
    bool unreadable = false;    ///< could not be opened (other than not existing)
    bool tooLarge = false;
    bool endsEarly = false;     ///< a sealed schema without its seal: cut short
    int lastLine = 0;
    QString damagedCopy;
    QByteArray bytes;
};

QString SettingsStore::defaultFileName()
{
    const QString org = QCoreApplication::organizationName();
    const QString app = QCoreApplication::applicationName();
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u'/'
        + (org.isEmpty() ? app : org) + u'/' + app + QStringLiteral(".conf");
}

SettingsStore::SettingsStore(const QString &fileName) : m_fileName(fileName) { }

namespace {

/** Copies \a bytes (the file as read; empty: copy \a fileName as it is) next to \a fileName
 *  as .damaged, .damaged.2 ... unless an identical copy is already there; returns its path,
 *  or empty if it could not be written. */
QString keepDamaged(const QString &fileName, const QByteArray &bytes)
{
    for (int n = 1; n < 1000; ++n) {
        const QString copy = fileName + QStringLiteral(".damaged")
            + (n == 1 ? QString() : u'.' + QString::number(n));
        QFile existing(copy);
        if (existing.exists()) {
            if (!bytes.isEmpty() && existing.size() == bytes.size()
                && existing.open(QIODevice::ReadOnly) && existing.readAll() == bytes)
                return copy;
            continue;
        }
        if (bytes.isEmpty())
            return QFile::copy(fileName, copy) ? copy : QString();
        QSaveFile f(copy); // never half a copy
        if (f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit())
            return copy;
        qCWarning(lcSettings) << "cannot keep a copy of the damaged settings as" << copy << f.errorString();
        return {};
    }
    return {};
}

} // namespace

SettingsStore::FileRead SettingsStore::readFile()
{
    FileRead r;
    QFile file(m_fileName);
    if (!file.exists())
        return r;
    if (!file.open(QIODevice::ReadOnly)) {
        r.unreadable = true;
        return r;
    }
    if (file.size() > MaxFileBytes) {
        r.tooLarge = true;
        r.exact = false;
        r.damagedCopy = keepDamaged(m_fileName, {}); // copied file to file, not read
        return r;
    }
    r.bytes = file.readAll();
    r.content = SettingsFile::parse(r.bytes);
    for (const SettingsFile::Problem &p : std::as_const(r.content.problems)) {
        if (p.key.isEmpty())
            r.keyless.append(p);
        else
            r.damage.insert(p.key, p);
    }
    const Values &values = r.content.values;
    if (r.content.seal != SettingsFile::Seal::Intact) {
        // Which records no longer match what was written (only files that carry checksums).
        for (const QString &g : children(values, r.damage, StreamsGroup, true)) {
            const QString prefix = key(StreamsGroup, g);
            const QVariant stored = values.value(key(prefix, ChecksumName));
            if (stored.isValid() && stored.toString() != checksum(values, prefix, key(prefix, ChecksumName)))
                r.mismatched.append(g);
        }
        const QVariant stored = values.value(PreferencesChecksumKey);
        r.preferencesMismatched = stored.isValid()
            && stored.toString() != checksum(values, {}, PreferencesChecksumKey);
    }
    const bool sealedSchema = toInteger(values.value(SchemaKey)).value_or(0) >= 2;
    r.endsEarly = sealedSchema && r.content.seal == SettingsFile::Seal::Missing;
    r.lastLine = int(r.bytes.count('\n')) + (r.bytes.endsWith('\n') ? 0 : 1);
    r.exact = r.content.problems.isEmpty() && r.mismatched.isEmpty() && !r.preferencesMismatched
        && (r.content.seal == SettingsFile::Seal::Intact
            || (r.content.seal == SettingsFile::Seal::Missing && !sealedSchema));
    if (!r.exact)
        r.damagedCopy = keepDamaged(m_fileName, r.bytes);
    return r;
}

void SettingsStore::ensureRead()
{
    if (m_read)
        return;
    FileRead r = readFile();
    m_values = r.content.values;
    m_written = r.bytes;
    m_read = true;
}

bool SettingsStore::storeSecrets()
{
    ensureRead();
    return toBool(m_values.value(StoreSecretsKey)).value_or(false);
}

bool SettingsStore::setStoreSecrets(bool store)
{
    ensureRead();
    m_values.insert(StoreSecretsKey, store);
    if (!store)
        scrubSecrets();
    return write();
}

void SettingsStore::scrubSecrets()
{
    // Works on the stored keys directly so nothing else in the file changes.
    for (const QString &g : children(m_values, {}, StreamsGroup, true)) {
        const QString prefix = key(StreamsGroup, g);
        const QString urlKey = key(prefix, QStringLiteral("url"));
        if (const auto text = settingvalue::toString(m_values.value(urlKey))) {
            QUrl url(*text, QUrl::StrictMode);
            if (url.isValid() && !url.password().isEmpty()) {
                url.setPassword(QString());
                m_values.insert(urlKey, url.toString(QUrl::FullyEncoded));
                m_values.insert(key(prefix, QStringLiteral("urlPasswordOmitted")), true);
            }
        }
        const QString headers = key(prefix, QStringLiteral("headers"));
        for (const QString &h : children(m_values, {}, headers, true)) {
            const QString hp = key(headers, h);
            Header header;
            header.name = settingvalue::toString(m_values.value(key(hp, QStringLiteral("name")))).value_or(QString()).toLatin1();
            // An unreadable flag counts as secret: erasing too much is the safe mistake.
            header.secret = toBool(m_values.value(key(hp, QStringLiteral("secret")))).value_or(true);
            const QVariant value = m_values.value(key(hp, QStringLiteral("value")));
            if (header.isSecret() && value.isValid()
                && !toBytes(value).value_or(QByteArray("x")).isEmpty()) {
                m_values.insert(key(hp, QStringLiteral("value")), QByteArray());
                m_values.insert(key(hp, QStringLiteral("omitted")), true);
            }
        }
    }
}

bool SettingsStore::write()
{
    // Order: the schema and the number of streams (so that a file cut short still says how
    // many it had), the preferences and their checksum, then stream after stream, each with
    // its checksum. A file cut short keeps its first streams and names the others.
    m_values.insert(SchemaKey, SchemaVersion);
    QList<std::pair<QString, QVariant>> lines;
    lines.append({SchemaKey, SchemaVersion});
    const QString sizeKey = key(StreamsGroup, QStringLiteral("size"));
    lines.append({sizeKey, m_values.value(sizeKey, 0)});
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        if (it.key() != SchemaKey && it.key() != PreferencesChecksumKey
            && !it.key().startsWith(StreamsGroup + u'/'))
            lines.append({it.key(), it.value()});
    }
    lines.append({PreferencesChecksumKey, checksum(m_values, {}, PreferencesChecksumKey)});
    QList<int> indices;
    for (const QString &g : children(m_values, {}, StreamsGroup, true))
        indices.append(g.toInt());
    std::sort(indices.begin(), indices.end());
    for (const int i : std::as_const(indices)) {
        const QString prefix = key(StreamsGroup, QString::number(i));
        const QString checksumKey = key(prefix, ChecksumName);
        m_values.insert(checksumKey, checksum(m_values, prefix, checksumKey));
        for (auto it = m_values.lowerBound(prefix + u'/');
             it != m_values.cend() && it.key().startsWith(prefix + u'/'); ++it)
            lines.append({it.key(), it.value()});
    }
    const QByteArray bytes = SettingsFile::serialize(lines);
    if (bytes == m_written)
        return true;
    const QString folder = QFileInfo(m_fileName).absolutePath();
    if (!QDir().mkpath(folder)) {
        m_error = tr("cannot create the folder %1").arg(folder);
        qCWarning(lcSettings) << "cannot write settings to" << m_fileName << m_error;
        return false;
    }
    QSaveFile file(m_fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        m_error = file.errorString();
        qCWarning(lcSettings) << "cannot write settings to" << m_fileName << m_error;
        return false;
    }
    m_error.clear();
    m_written = bytes;
    return true;
}

void SettingsStore::setStreams(const QList<StoredStream> &streams)
{
    ensureRead();
    const bool secrets = toBool(m_values.value(StoreSecretsKey)).value_or(false);
    for (auto it = m_values.begin(); it != m_values.end();) {
        if (it.key().startsWith(StreamsGroup + u'/'))
            it = m_values.erase(it);
        else
            ++it;
    }
    m_values.insert(key(StreamsGroup, QStringLiteral("size")), int(streams.size()));
    QSet<QString> ids;
    for (qsizetype i = 0; i < streams.size(); ++i) {
        QString id = streams.at(i).id;
        if (!isValidId(id) || ids.contains(id)) {
            qCWarning(lcSettings) << "stream" << i << "has no usable id" << id
                                  << "; a new one is saved";
            id = StoredStream::newId();
        }
        ids.insert(id);
        writeStream(m_values, key(StreamsGroup, QString::number(i + 1)), streams.at(i), id, secrets);
    }
}

void SettingsStore::setPreferences(const AppPreferences &p)
{
    ensureRead();
    for (auto it = m_values.begin(); it != m_values.end();) {
        const qsizetype slash = it.key().indexOf(u'/');
        const QString group = it.key().left(slash);
        if (slash > 0 && (group == u"window" || group == u"views" || group == u"toasts"
                          || group == u"app" || group == u"session"))
            it = m_values.erase(it);
        else
            ++it;
    }
    const auto set = [this](const QString &k, const QVariant &v) { m_values.insert(k, v); };
    set(QStringLiteral("window/geometry"), p.windowGeometry);
    set(QStringLiteral("window/state"), p.windowState);
    for (auto it = p.viewStates.cbegin(); it != p.viewStates.cend(); ++it) {
        if (it.key().isEmpty())
            continue;
        set(key(ViewsGroup, QString::fromLatin1(QUrl::toPercentEncoding(it.key()))), it.value());
    }
    const ToastPreferences &t = p.toasts;
    set(QStringLiteral("toasts/enabled"), t.enabled);
    set(QStringLiteral("toasts/useSystemTray"), t.useSystemTray);
    set(QStringLiteral("toasts/durationMs"), t.durationMs);
    set(QStringLiteral("toasts/maxVisible"), t.maxVisible);
    set(QStringLiteral("toasts/onConnected"), t.onConnected);
    set(QStringLiteral("toasts/onConnectionLost"), t.onConnectionLost);
    set(QStringLiteral("toasts/onFailed"), t.onFailed);
    set(QStringLiteral("toasts/onServerError"), t.onServerError);
    set(QStringLiteral("toasts/onAlertRule"), t.onAlertRule);
    set(QStringLiteral("app/language"), p.language);
    set(QStringLiteral("app/lastExportDirectory"), p.lastExportDirectory);
    set(QStringLiteral("app/defaultLogCapacity"), p.defaultLogCapacity);
    set(QStringLiteral("app/reconnectOnLaunch"), p.reconnectOnLaunch);
    set(QStringLiteral("session/openTabs"), p.openTabs);
    set(QStringLiteral("session/currentTab"), p.currentTab);
}

bool SettingsStore::saveStreams(const QList<StoredStream> &streams)
{
    setStreams(streams);
    return write();
}

bool SettingsStore::savePreferences(const AppPreferences &preferences)
{
    setPreferences(preferences);
    return write();
}

bool SettingsStore::save(const QList<StoredStream> &streams, const AppPreferences &preferences)
{
    setStreams(streams);
    setPreferences(preferences);
    return write();
}


SettingsStore::LoadResult SettingsStore::load()
{
    LoadResult result;
    FileRead file = readFile();
    m_values = file.content.values;
    m_written = file.bytes;
    m_read = true;
    result.damagedCopy = file.damagedCopy;
    if (file.unreadable) {
        result.notices.append(tr("The settings file %1 could not be read; defaults are used.")
                                  .arg(m_fileName));
        return result;
    }
    if (file.endsEarly)
        result.notices.append(tr("The file ends early, after line %1: what followed it is lost.")
                                  .arg(file.lastLine));
    if (file.tooLarge) {
        result.notices.append(tr("The settings file is larger than %1 MiB; defaults are used. The "
                                 "original is kept unchanged as %2.")
                                  .arg(QString::number(MaxFileBytes / (1024 * 1024)), file.damagedCopy));
        return result;
    }
    const Values &s = m_values;
    Reader r(s, file.damage, result.notices);
    r.setLegacyArrays(file.content.seal == SettingsFile::Seal::Missing
                      && toInteger(s.value(SchemaKey)).value_or(1) < 2);
    const QVariant versionValue = s.value(SchemaKey);
    if (r.damaged(SchemaKey, tr("The settings schema version"))) {
    } else if (!versionValue.isValid()) {
        if (!s.isEmpty()) {
            r.notice(tr("The settings have no schema version; only what is recognised was read."));
        } else if (!file.bytes.trimmed().isEmpty()) {
            r.notice(tr("The settings file contains nothing usable; defaults are used."));
        }
    } else if (const auto version = toInteger(versionValue); !version || *version < 1) {
        r.notice(tr("The settings schema version %1 is not valid; only what is recognised was "
                    "read.").arg(shown(versionValue)));
    } else if (*version > SchemaVersion) {
        r.notice(tr("The settings were written by a newer version (schema %1); only what this "
                    "version knows was read, and saving will drop the rest.").arg(*version));
    }
    if (r.damaged(StoreSecretsKey, tr("The “store secrets” choice"))) {
    } else if (const QVariant v = s.value(StoreSecretsKey); v.isValid() && !toBool(v)) {
        r.notice(tr("The “store secrets” choice %1 is not valid; secrets are not stored.")
                     .arg(shown(v)));
    }
    if (file.preferencesMismatched)
        r.notice(tr("The preferences were altered or damaged in the file; the values that could "
                    "be read were kept: check them in Preferences."));

    QSet<QString> ids;
    result.streams = readStreams(r, file.mismatched, ids);
    result.preferences = readPreferences(r, s, ids);

    // Lines no value above asked for: name them too, so nothing goes unmentioned.
    QList<SettingsFile::Problem> rest = r.unreported() + file.keyless;
    std::sort(rest.begin(), rest.end(), [](const auto &a, const auto &b) { return a.line < b.line; });
    constexpr int MaxLineNotices = 20;
    for (qsizetype i = 0; i < qMin<qsizetype>(rest.size(), MaxLineNotices); ++i) {
        const SettingsFile::Problem &p = rest.at(i);
        result.notices.append(p.key.isEmpty()
            ? tr("Line %1 could not be read (%2); it was dropped.").arg(QString::number(p.line), p.reason)
            : tr("Line %1 (%2) could not be read (%3); it was dropped.")
                  .arg(QString::number(p.line), p.key, p.reason));
    }
    if (rest.size() > MaxLineNotices)
        result.notices.append(tr("%1 more lines could not be read.").arg(rest.size() - MaxLineNotices));
    // A file that did not load exactly (unreadable lines, or values that had to be reset or
    // dropped) is kept aside before anything can be written over it. First in the message:
    // what happened and where the original is.
    if (!file.exact || r.rejected() || !rest.isEmpty()) {
        if (file.damagedCopy.isEmpty())
            file.damagedCopy = keepDamaged(m_fileName, file.bytes);
        result.damagedCopy = file.damagedCopy;
        result.notices.prepend(file.damagedCopy.isEmpty()
            ? tr("The settings file %1 was damaged; what could be read was kept. A copy of the "
                 "original could not be written.").arg(m_fileName)
            : tr("The settings file was damaged; what could be read was kept. The original is "
                 "kept unchanged as %1.").arg(file.damagedCopy));
    }
    return result;
}

} // namespace sse
