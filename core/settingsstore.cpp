#include "settingsstore.h"

#include "settingsfile.h"

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

namespace {

const QString SchemaKey = QStringLiteral("schemaVersion");
const QString StoreSecretsKey = QStringLiteral("security/storeSecrets");
const QString StreamsGroup = QStringLiteral("streams");
const QString ViewsGroup = QStringLiteral("views");
const QString PreferencesChecksumKey = QStringLiteral("preferencesChecksum");
const QString ChecksumName = QStringLiteral("checksum");

QString key(const QString &prefix, const QString &name)
{
    return prefix + u'/' + name;
}

/** A short description of a raw value for a notice. */
QString shown(const QVariant &v)
{
    QString text;
    switch (v.typeId()) {
    case QMetaType::QString:
        text = v.toString();
        break;
    case QMetaType::QByteArray:
        text = QString::fromUtf8(v.toByteArray());
        break;
    case QMetaType::QStringList:
        text = v.toStringList().join(QStringLiteral(", "));
        break;
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        text = v.toString();
        break;
    default:
        return v.isValid() ? QString::fromLatin1(v.typeName()) : QStringLiteral("(invalid)");
    }
    if (text.size() > 60)
        text = text.left(57) + QStringLiteral("…");
    return u'“' + text + u'”';
}


std::optional<QByteArray> toBytes(const QVariant &v)
{
    if (v.typeId() == QMetaType::QByteArray)
        return v.toByteArray();
    if (v.typeId() == QMetaType::QString)
        return v.toString().toUtf8();
    return std::nullopt;
}


using settingvalue::toBool;
using settingvalue::toInteger;

bool isValidId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.{}-]{1,64}$"));
    return re.match(id).hasMatch();
}

QString modeName(ReconnectPolicy::Mode mode)
{
    return mode == ReconnectPolicy::Mode::SpecStrict ? QStringLiteral("spec-strict")
                                                     : QStringLiteral("monitor");
}

/** Reads and validates values, collecting a notice for each value it had to replace. */
using Values = QMap<QString, QVariant>;
using Damage = QHash<QString, SettingsFile::Problem>;

/** Keys directly below \a prefix that have children (\a groups) or not. */
QStringList children(const Values &values, const Damage &damage, const QString &prefix, bool groups)
{
    const QString start = prefix + u'/';
    QStringList names;
    const auto consider = [&](const QString &k) {
        if (!k.startsWith(start))
            return;
        const qsizetype slash = k.indexOf(u'/', start.size());
        if ((slash >= 0) != groups)
            return;
        const QString name = k.mid(start.size(), slash >= 0 ? slash - start.size() : -1);
        if (names.isEmpty() || names.constLast() != name)
            names.append(name);
    };
    for (auto it = values.lowerBound(start); it != values.cend() && it.key().startsWith(start); ++it)
        consider(it.key());
    for (auto it = damage.cbegin(); it != damage.cend(); ++it)
        consider(it.key());
    names.removeDuplicates();
    return names;
}

/** A short fingerprint of the lines of the keys under \a prefix (all but \a exclude); an
 *  empty prefix means every key outside the streams. */
QString checksum(const Values &values, const QString &prefix, const QString &exclude)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const bool inStreams = it.key().startsWith(StreamsGroup + u'/');
        const bool mine = prefix.isEmpty() ? !inStreams : it.key().startsWith(prefix + u'/');
        if (!mine || it.key() == exclude)
            continue;
        hash.addData(SettingsFile::encodeLine(it.key(), it.value()));
        hash.addData("\n");
    }
    return QString::fromLatin1(hash.result().toHex().left(16));
}

/** Reads and validates values, collecting a notice for each value it had to replace. */
class Reader
{
    Q_DECLARE_TR_FUNCTIONS(sse::SettingsStore)
public:
    Reader(const Values &values, const Damage &damage, QStringList &notices)
        : m_v(values), m_damage(damage), m_notices(notices)
    {
    }

    void setContext(const QString &context) { m_context = context; }

    /** Something in the file was ignored, reset or dropped. */
    void notice(const QString &text)
    {
        info(text);
        m_rejected = true;
    }
    /** Something the user should know that is no damage (a secret to enter again). */
    void info(const QString &text)
    {
        m_notices.append(m_context.isEmpty() ? text : m_context + QStringLiteral(": ") + text);
    }
    bool rejected() const { return m_rejected; }

    QVariant raw(const QString &k) const { return m_v.value(k); }
    bool has(const QString &k) const { return m_v.contains(k); }

    /** The unreadable line of \a k, if it had one (then reported once, by whoever asks). */
    std::optional<SettingsFile::Problem> damageAt(const QString &k)
    {
        const auto it = m_damage.constFind(k);
        if (it == m_damage.cend())
            return std::nullopt;
        m_reported.insert(k);
        return *it;
    }

    /** True, after a notice, when the line of \a k could not be read. */
    bool damaged(const QString &k, const QString &what)
    {
        const auto problem = damageAt(k);
        if (problem)
            notice(tr("%1 could not be read (line %2: %3); it was reset to its default.")
                       .arg(what, QString::number(problem->line), problem->reason));
        return problem.has_value();
    }

    /** The damaged lines no value reader asked for (unknown keys, alert rules ...). */
    QList<SettingsFile::Problem> unreported() const
    {
        QList<SettingsFile::Problem> rest;
        for (auto it = m_damage.cbegin(); it != m_damage.cend(); ++it)
            if (!m_reported.contains(it.key()))
                rest.append(*it);
        std::sort(rest.begin(), rest.end(), [](const auto &a, const auto &b) { return a.line < b.line; });
        return rest;
    }

    /** The value at \a k as text; missing -> \a fallback silently, wrong type -> notice. */
    QString string(const QString &k, const QString &what, const QString &fallback = {},
                   qsizetype maxLength = 4096)
    {
        if (damaged(k, what))
            return fallback;
        const QVariant v = raw(k);
        if (!v.isValid())
            return fallback;
        const auto s = settingvalue::toString(v);
        if (!s || s->size() > maxLength || s->contains(QChar(0))) {
            notice(tr("%1 %2 is not valid text; it was ignored.").arg(what, shown(v)));
            return fallback;
        }
        return *s;
    }

    QByteArray bytes(const QString &k, const QString &what, qsizetype maxBytes)
    {
        if (damaged(k, what))
            return {};
        const QVariant v = raw(k);
        if (!v.isValid())
            return {};
        const auto b = toBytes(v);
        if (!b) {
            notice(tr("%1 %2 has the wrong type; it was ignored.").arg(what, shown(v)));
            return {};
        }
        if (b->size() > maxBytes) {
            notice(tr("%1 is larger than %2 bytes; it was ignored.").arg(what, QString::number(maxBytes)));
            return {};
        }
        return *b;
    }

    qint64 integer(const QString &k, const QString &what, qint64 min, qint64 max, qint64 fallback)
    {
        if (damaged(k, what))
            return fallback;
        const QVariant v = raw(k);
        if (!v.isValid())
            return fallback;
        const auto n = toInteger(v);
        if (!n) {
            notice(tr("%1 %2 is not a number; using %3.").arg(what, shown(v), QString::number(fallback)));
            return fallback;
        }
        if (*n < min || *n > max) {
            notice(tr("%1 %2 is outside %3 to %4; using %5.")
                       .arg(what, shown(v), QString::number(min), QString::number(max),
                            QString::number(fallback)));
            return fallback;
        }
        return *n;
    }

    bool boolean(const QString &k, const QString &what, bool fallback)
    {
        if (damaged(k, what))
            return fallback;
        const QVariant v = raw(k);
        if (!v.isValid())
            return fallback;
        const auto b = toBool(v);
        if (!b) {
            notice(tr("%1 %2 is neither true nor false; using %3.")
                       .arg(what, shown(v), fallback ? QStringLiteral("true")
                                                     : QStringLiteral("false")));
            return fallback;
        }
        return *b;
    }

    /** The 1-based indices of the array stored at \a group, at most \a max of them, in order.
     *  The size entry is checked but the entries actually present decide: a file claiming
     *  a billion streams costs nothing. Declared entries that are missing are named. */
    QList<int> arrayIndices(const QString &group, const QString &what, int max)
    {
        const QStringList groups = children(m_v, m_damage, group, true);
        const QString sizeKey = key(group, QStringLiteral("size"));
        const bool sizeDamaged = damaged(sizeKey, tr("The number of %1").arg(what));
        const QVariant sizeValue = sizeDamaged ? QVariant() : raw(sizeKey);

        QList<int> indices;
        for (const QString &g : groups) {
            bool ok = false;
            const int i = g.toInt(&ok);
            if (ok && i >= 1 && QString::number(i) == g)
                indices.append(i);
        }
        std::sort(indices.begin(), indices.end());

        if (sizeValue.isValid()) {
            const auto size = toInteger(sizeValue);
            if (!size || *size < 0 || *size > max) {
                notice(tr("The number of %1 %2 is not valid; the entries present (%3) were read.")
                           .arg(what, shown(sizeValue),
                                QString::number(qMin<qsizetype>(indices.size(), max))));
            } else {
                // In files QSettings wrote, entries past the declared size are leftovers
                // (it reads only `size`). This program writes none: a size that is too
                // small there is damage, and the entries are read.
                if (m_legacyArrays)
                    indices.erase(std::remove_if(indices.begin(), indices.end(),
                                                 [&](int i) { return i > *size; }),
                                  indices.end());
                QStringList missing;
                for (int i = 1; i <= *size && missing.size() <= 20; ++i)
                    if (!indices.contains(i))
                        missing.append(QString::number(i));
                if (!missing.isEmpty())
                    notice(tr("Of the %1 %2 in the file, these are missing (the file was cut "
                              "short or damaged): %3.")
                               .arg(QString::number(*size), what, missing.join(QStringLiteral(", "))));
            }
        } else if (!indices.isEmpty() && !sizeDamaged) {
            notice(tr("The number of %1 is missing; the entries present (%2) were read.")
                       .arg(what, QString::number(qMin<qsizetype>(indices.size(), max))));
        }
        if (indices.size() > max) {
            notice(tr("Only the first %1 %2 were read.").arg(QString::number(max), what));
            indices.resize(max);
        }
        return indices;
    }

    QStringList childKeys(const QString &group) const { return children(m_v, {}, group, false); }

    /** Schema 1 (QSettings) files: arrays may have leftovers past their size. */
    void setLegacyArrays(bool legacy) { m_legacyArrays = legacy; }

private:
    const Values &m_v;
    const Damage &m_damage;
    QStringList &m_notices;
    QString m_context;
    QSet<QString> m_reported;
    bool m_legacyArrays = true;
    bool m_rejected = false;
};

std::optional<StoredStream> readStream(Reader &r, const QString &prefix, int index, bool altered)
{
    StoredStream stream;
    StreamConfig &c = stream.config;
    const auto k = [&prefix](const QString &name) { return key(prefix, name); };

    r.setContext(SettingsStore::tr("Stream %1").arg(index));
    c.name = r.string(k(QStringLiteral("name")), SettingsStore::tr("The name"), {}, 1024);
    if (!c.name.isEmpty())
        r.setContext(SettingsStore::tr("Stream %1 (“%2”)").arg(QString::number(index), c.name));

    if (altered)
        r.notice(SettingsStore::tr("its entries were altered or damaged in the file; the values "
                                   "that could be read were kept: check them."));
    if (const auto damage = r.damageAt(k(QStringLiteral("url")))) {
        r.notice(SettingsStore::tr("The URL could not be read (line %1: %2); the stream was "
                                   "dropped.").arg(QString::number(damage->line), damage->reason));
        return std::nullopt;
    }
    const QVariant urlValue = r.raw(k(QStringLiteral("url")));
    const auto urlText = settingvalue::toString(urlValue);
    const QUrl url = urlText ? QUrl(*urlText, QUrl::StrictMode) : QUrl();
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http" && scheme != u"https")) {
        r.notice(urlValue.isValid()
                     ? SettingsStore::tr("The URL %1 is not a usable http or https URL; the stream "
                                         "was skipped.").arg(shown(urlValue))
                     : SettingsStore::tr("There is no URL; the stream was skipped."));
        return std::nullopt;
    }
    c.request.url = url;
    if (c.name.isEmpty())
        c.name = url.host();
    if (r.boolean(k(QStringLiteral("urlPasswordOmitted")),
                  SettingsStore::tr("The URL password flag"), false)) {
        stream.urlPasswordMissing = true;
        r.info(SettingsStore::tr("The URL's password was not saved; enter it again."));
    }

    stream.id = r.string(k(QStringLiteral("id")), SettingsStore::tr("The identifier"), {}, 256);
    if (!stream.id.isEmpty() && !isValidId(stream.id)) {
        r.notice(SettingsStore::tr("The identifier %1 is not valid; a new one was assigned.")
                     .arg(shown(stream.id)));
        stream.id.clear();
    }

    const QString method = r.string(k(QStringLiteral("method")), SettingsStore::tr("The method"),
                                    QStringLiteral("GET"), 64);
    if (method.size() > 32 || !isHttpToken(method.toLatin1()) || method.toLatin1() != method.toUtf8()) {
        r.notice(SettingsStore::tr("The method %1 is not an HTTP method; using GET.")
                     .arg(shown(method)));
        c.request.method = QByteArrayLiteral("GET");
    } else {
        c.request.method = method.toLatin1();
    }

    // Headers.
    const QString headersGroup = k(QStringLiteral("headers"));
    for (const int h : r.arrayIndices(headersGroup, SettingsStore::tr("headers"),
                                      SettingsStore::MaxHeaders)) {
        const QString hp = key(headersGroup, QString::number(h));
        const QString name = r.string(key(hp, QStringLiteral("name")),
                                      SettingsStore::tr("Header %1's name").arg(h), {}, 256);
        const QByteArray nameBytes = name.toLatin1();
        if (!isHttpToken(nameBytes) || nameBytes != name.toUtf8()) {
            r.notice(SettingsStore::tr("Header %1 has no valid name; it was skipped.").arg(h));
            continue;
        }
        Header header;
        header.name = nameBytes;
        header.value = r.bytes(key(hp, QStringLiteral("value")),
                               SettingsStore::tr("The value of header %1").arg(name), 65536);
        if (hasLineBreakOrNul(header.value)) {
            r.notice(SettingsStore::tr("The value of header %1 contains a line break; the header "
                                       "was skipped.").arg(name));
            continue;
        }
        // When unsure, mask: a header wrongly shown as secret costs nothing.
        const QString secretKey = key(hp, QStringLiteral("secret"));
        header.secret = r.boolean(secretKey,
                                  SettingsStore::tr("The secret flag of header %1").arg(name),
                                  r.has(secretKey));
        const bool omitted = r.boolean(key(hp, QStringLiteral("omitted")),
                                       SettingsStore::tr("The omitted flag of header %1").arg(name),
                                       false);
        if (omitted && header.value.isEmpty()) {
            stream.missingSecrets.append(header.name);
            r.info(SettingsStore::tr("The value of secret header %1 was not saved; enter it "
                                       "again.").arg(name));
        }
        c.request.headers.append(header);
    }

    c.request.body = r.bytes(k(QStringLiteral("body")), SettingsStore::tr("The body"),
                             SettingsStore::MaxBodyBytes);
    const QByteArray lastEventId = r.bytes(k(QStringLiteral("lastEventId")),
                                           SettingsStore::tr("The initial Last-Event-ID"), 65536);
    if (hasLineBreakOrNul(lastEventId))
        r.notice(SettingsStore::tr("The initial Last-Event-ID contains a line break or NUL; it "
                                   "was ignored."));
    else
        c.request.lastEventId = lastEventId;
    // Insecure: anything but a clear "true" reads as false (r.boolean says why).
    c.request.ignoreTlsErrors = r.boolean(k(QStringLiteral("ignoreTlsErrors")),
                                          SettingsStore::tr("Ignore TLS certificate errors"),
                                          false);

    // Reconnect policy.
    const ReconnectPolicy defaults;
    const QString mode = r.string(k(QStringLiteral("policy/mode")),
                                  SettingsStore::tr("The reconnect "
                                                    "mode"), modeName(defaults.mode), 64);
    if (mode == modeName(ReconnectPolicy::Mode::SpecStrict)) {
        c.policy.mode = ReconnectPolicy::Mode::SpecStrict;
    } else if (mode == modeName(ReconnectPolicy::Mode::Monitor)) {
        c.policy.mode = ReconnectPolicy::Mode::Monitor;
    } else {
        r.notice(SettingsStore::tr("The reconnect mode %1 is unknown; using monitor.")
                     .arg(shown(mode)));
    }
    c.policy.initialDelayMs = int(r.integer(k(QStringLiteral("policy/initialDelayMs")),
                                            SettingsStore::tr("The initial reconnect delay"), 0,
                                            SettingsStore::MaxDelayLimitMs,
                                            defaults.initialDelayMs));
    c.policy.maxDelayMs = int(r.integer(k(QStringLiteral("policy/maxDelayMs")),
                                        SettingsStore::tr("The maximum reconnect delay"), 0,
                                        SettingsStore::MaxDelayLimitMs, defaults.maxDelayMs));
    c.policy.jitter = r.boolean(k(QStringLiteral("policy/jitter")), SettingsStore::tr("Jitter"),
                                defaults.jitter);
    c.policy.maxRetries = int(r.integer(k(QStringLiteral("policy/maxRetries")),
                                        SettingsStore::tr("The maximum number of retries"), -1,
                                        SettingsStore::MaxRetriesLimit, defaults.maxRetries));

    const StreamConfig configDefaults;
    c.idleTimeoutMs = int(r.integer(k(QStringLiteral("idleTimeoutMs")),
                                    SettingsStore::tr("The idle timeout"), 0,
                                    SettingsStore::MaxDelayLimitMs, configDefaults.idleTimeoutMs));
    c.connectTimeoutMs = int(r.integer(k(QStringLiteral("connectTimeoutMs")),
                                       SettingsStore::tr("The connect timeout"), 0,
                                       SettingsStore::MaxDelayLimitMs,
                                       configDefaults.connectTimeoutMs));
    c.silentAfterMs = int(r.integer(k(QStringLiteral("silentAfterMs")),
                                    SettingsStore::tr("The silence before Silent"), 0,
                                    SettingsStore::MaxDelayLimitMs, configDefaults.silentAfterMs));
    c.maxEventBytes = qsizetype(r.integer(k(QStringLiteral("maxEventBytes")),
                                          SettingsStore::tr("The maximum event size"), 1,
                                          SettingsStore::MaxEventBytesLimit,
                                          configDefaults.maxEventBytes));
    c.autoConnect = r.boolean(k(QStringLiteral("autoConnect")), SettingsStore::tr("Auto-connect"),
                              configDefaults.autoConnect);
    stream.wasConnected = r.boolean(k(QStringLiteral("connected")),
                                    SettingsStore::tr("The connection state"), false);

    // UI state.
    const QString uiJson = r.string(k(QStringLiteral("uiState")), SettingsStore::tr("The tab "
                                                                                    "state"),
                                    {}, SettingsStore::MaxStateBytes);
    if (!uiJson.isEmpty()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(uiJson.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            r.notice(SettingsStore::tr("The tab state is not a JSON object; it was reset."));
        else
            stream.uiState = doc.object().toVariantMap();
    }

    // Alert rules (the stream id is assigned by the caller once ids are settled).
    const QString alertsGroup = k(QStringLiteral("alerts"));
    for (const int a : r.arrayIndices(alertsGroup, SettingsStore::tr("alert rules"),
                                      SettingsStore::MaxAlertRules)) {
        const QString ap = key(alertsGroup, QString::number(a));
        QVariantMap map;
        for (const QString &name : r.childKeys(ap))
            map.insert(name, r.raw(key(ap, name)));
        QStringList problems;
        const AlertRule rule = AlertRule::fromVariantMap(map, &problems);
        for (const QString &p : std::as_const(problems))
            r.notice(SettingsStore::tr("Alert rule %1: %2").arg(QString::number(a), p));
        stream.alertRules.append(rule);
    }
    return stream;
}

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

    // Streams.
    QSet<QString> ids;
    for (const int i : r.arrayIndices(StreamsGroup, tr("streams"), MaxStreams)) {
        auto stream = readStream(r, key(StreamsGroup, QString::number(i)), i,
                                 file.mismatched.contains(QString::number(i)));
        r.setContext({});
        if (!stream)
            continue;
        if (stream->id.isEmpty()) {
            stream->id = StoredStream::newId();
        } else if (ids.contains(stream->id)) {
            r.notice(tr("Stream %1 (“%2”) has the same identifier as another stream; a new one "
                        "was assigned.").arg(QString::number(i), stream->config.name));
            stream->id = StoredStream::newId();
        }
        ids.insert(stream->id);
        for (AlertRule &rule : stream->alertRules)
            rule.setStreamId(stream->id);
        result.streams.append(*stream);
    }

    // Preferences.
    AppPreferences &p = result.preferences;
    p.windowGeometry = r.bytes(QStringLiteral("window/geometry"), tr("The window geometry"),
                               MaxStateBytes);
    p.windowState = r.bytes(QStringLiteral("window/state"), tr("The window state"), MaxStateBytes);
    {
        const QStringList names = r.childKeys(ViewsGroup);
        if (names.size() > MaxViewStates)
            r.notice(tr("Only the first %1 view states were read.").arg(MaxViewStates));
        for (const QString &encoded : names.mid(0, MaxViewStates)) {
            const QString name = QUrl::fromPercentEncoding(encoded.toLatin1());
            const QByteArray state = r.bytes(key(ViewsGroup, encoded),
                                             tr("The state of view %1").arg(name), MaxStateBytes);
            if (!state.isEmpty() && !name.isEmpty())
                p.viewStates.insert(name, state);
        }
    }

    ToastPreferences &t = p.toasts;
    const ToastPreferences td;
    t.enabled = r.boolean(QStringLiteral("toasts/enabled"), tr("Showing "
                                                               "notifications"), td.enabled);
    t.useSystemTray = r.boolean(QStringLiteral("toasts/useSystemTray"),
                                tr("Notifying in the system tray"), td.useSystemTray);
    t.durationMs = int(r.integer(QStringLiteral("toasts/durationMs"),
                                 tr("The notification duration"), ToastPreferences::MinDurationMs,
                                 ToastPreferences::MaxDurationMs, td.durationMs));
    t.maxVisible = int(r.integer(QStringLiteral("toasts/maxVisible"),
                                 tr("The number of notifications shown"), 1,
                                 ToastPreferences::MaxVisibleLimit, td.maxVisible));
    t.onConnected = r.boolean(QStringLiteral("toasts/onConnected"),
                              tr("Notifying on connection"), td.onConnected);
    t.onConnectionLost = r.boolean(QStringLiteral("toasts/onConnectionLost"),
                                   tr("Notifying on a lost connection"), td.onConnectionLost);
    t.onFailed = r.boolean(QStringLiteral("toasts/onFailed"), tr("Notifying on failure"),
                           td.onFailed);
    t.onServerError = r.boolean(QStringLiteral("toasts/onServerError"),
                                tr("Notifying on server errors"), td.onServerError);
    t.onAlertRule = r.boolean(QStringLiteral("toasts/onAlertRule"), tr("Notifying on alert rules"),
                              td.onAlertRule);

    p.language = r.string(QStringLiteral("app/language"), tr("The language"), {}, 64);
    static const QRegularExpression languageRe(
        QStringLiteral("^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,3}$"));
    if (!p.language.isEmpty() && !languageRe.match(p.language).hasMatch()) {
        r.notice(tr("The language %1 is not a language code; the system language is used.")
                     .arg(shown(p.language)));
        p.language.clear();
    }
    p.lastExportDirectory = r.string(QStringLiteral("app/lastExportDirectory"),
                                     tr("The last export folder"), {}, 4096);
    p.defaultLogCapacity = int(r.integer(QStringLiteral("app/defaultLogCapacity"),
                                         tr("The default log capacity"),
                                         AppPreferences::MinLogCapacity,
                                         AppPreferences::MaxLogCapacity,
                                         AppPreferences::DefaultLogCapacity));

    p.reconnectOnLaunch = r.boolean(QStringLiteral("app/reconnectOnLaunch"),
                                    tr("Reconnecting on launch"), true);

    // Open tabs: only streams that were loaded, each once.
    const QVariant tabsValue = r.damaged(QStringLiteral("session/openTabs"), tr("The list of open tabs"))
        ? QVariant()
        : s.value(QStringLiteral("session/openTabs"));
    QStringList tabs;
    if (tabsValue.typeId() == QMetaType::QStringList)
        tabs = tabsValue.toStringList();
    else if (const auto single = settingvalue::toString(tabsValue))
        tabs = QStringList{*single};
    else if (tabsValue.isValid())
        r.notice(tr("The list of open tabs %1 is not valid; no tabs were restored.")
                     .arg(shown(tabsValue)));
    int unknownTabs = 0;
    for (const QString &id : std::as_const(tabs)) {
        if (id.isEmpty() || p.openTabs.contains(id))
            continue;
        if (!ids.contains(id)) {
            ++unknownTabs;
            continue;
        }
        p.openTabs.append(id);
    }
    if (unknownTabs > 0)
        r.notice(tr("Open tabs that referred to streams that were not loaded were dropped: %1.")
                     .arg(unknownTabs));
    p.currentTab = r.string(QStringLiteral("session/currentTab"), tr("The current tab"), {}, 256);
    if (!p.currentTab.isEmpty() && !p.openTabs.contains(p.currentTab)) {
        r.notice(tr("The current tab is not an open tab; the first tab is shown."));
        p.currentTab.clear();
    }
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
