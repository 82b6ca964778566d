#include "settingsstore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <limits>
#include <optional>

// Schema version 1. Arrays use QSettings' own layout (group/size, group/1/..., 1-based).
//
//   schemaVersion                  int, 1
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
//   streams/N/maxEventBytes        int
//   streams/N/autoConnect          bool
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
//   session/openTabs               string list of stream ids, in tab order
//   session/currentTab             string, a stream id

namespace sse {

Q_LOGGING_CATEGORY(lcSettings, "sse.settings", QtInfoMsg)

namespace {

const QString SchemaKey = QStringLiteral("schemaVersion");
const QString StoreSecretsKey = QStringLiteral("security/storeSecrets");
const QString StreamsGroup = QStringLiteral("streams");
const QString ViewsGroup = QStringLiteral("views");
// Set on the QSettings once a store has written over a file that failed to parse.
constexpr char RewrittenProperty[] = "_sse_settingsRewritten";

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

std::optional<QString> toStr(const QVariant &v)
{
    if (v.typeId() == QMetaType::QString)
        return v.toString();
    if (v.typeId() == QMetaType::QByteArray)
        return QString::fromUtf8(v.toByteArray());
    return std::nullopt;
}

std::optional<QByteArray> toBytes(const QVariant &v)
{
    if (v.typeId() == QMetaType::QByteArray)
        return v.toByteArray();
    if (v.typeId() == QMetaType::QString)
        return v.toString().toUtf8();
    return std::nullopt;
}

std::optional<qint64> toInteger(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Short:
        return v.toLongLong();
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::UShort: {
        const qulonglong u = v.toULongLong();
        if (u > qulonglong(std::numeric_limits<qint64>::max()))
            return std::nullopt;
        return qint64(u);
    }
    case QMetaType::Double: {
        const double d = v.toDouble();
        if (d != d || d < -9e15 || d > 9e15 || double(qint64(d)) != d)
            return std::nullopt;
        return qint64(d);
    }
    default:
        break;
    }
    if (const auto s = toStr(v)) {
        bool ok = false;
        const qint64 n = s->trimmed().toLongLong(&ok);
        if (ok)
            return n;
    }
    return std::nullopt;
}

std::optional<bool> toBool(const QVariant &v)
{
    if (v.typeId() == QMetaType::Bool)
        return v.toBool();
    if (const auto s = toStr(v)) {
        const QString t = s->trimmed().toLower();
        if (t == u"true" || t == u"1")
            return true;
        if (t == u"false" || t == u"0")
            return false;
        return std::nullopt;
    }
    if (const auto n = toInteger(v); n && (*n == 0 || *n == 1))
        return *n == 1;
    return std::nullopt;
}

bool hasLineBreakOrNul(QByteArrayView s)
{
    return s.contains('\r') || s.contains('\n') || s.contains('\0');
}

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
class Reader
{
    Q_DECLARE_TR_FUNCTIONS(sse::SettingsStore)
public:
    Reader(QSettings &settings, QStringList &notices) : m_s(settings), m_notices(notices) { }

    void setContext(const QString &context) { m_context = context; }

    void notice(const QString &text)
    {
        m_notices.append(m_context.isEmpty() ? text : m_context + QStringLiteral(": ") + text);
    }

    QVariant raw(const QString &k) const { return m_s.value(k); }
    bool has(const QString &k) const { return m_s.contains(k); }

    /** The value at \a k as text; missing -> \a fallback silently, wrong type -> notice. */
    QString string(const QString &k, const QString &what, const QString &fallback = {},
                   qsizetype maxLength = 4096)
    {
        const QVariant v = raw(k);
        if (!v.isValid())
            return fallback;
        const auto s = toStr(v);
        if (!s || s->size() > maxLength || s->contains(QChar(0))) {
            notice(tr("%1 %2 is not valid text; it was ignored.").arg(what, shown(v)));
            return fallback;
        }
        return *s;
    }

    QByteArray bytes(const QString &k, const QString &what, qsizetype maxBytes)
    {
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
     *  a billion streams costs nothing. */
    QList<int> arrayIndices(const QString &group, const QString &what, int max)
    {
        m_s.beginGroup(group);
        const QStringList groups = m_s.childGroups();
        const QVariant sizeValue = m_s.value(QStringLiteral("size"));
        m_s.endGroup();

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
                // Entries past the declared size are leftovers: QSettings reads only `size`.
                indices.erase(std::remove_if(indices.begin(), indices.end(),
                                             [&](int i) { return i > *size; }),
                              indices.end());
            }
        } else if (!indices.isEmpty()) {
            notice(tr("The number of %1 is missing; the entries present (%2) were read.")
                       .arg(what, QString::number(qMin<qsizetype>(indices.size(), max))));
        }
        if (indices.size() > max) {
            notice(tr("Only the first %1 %2 were read.").arg(QString::number(max), what));
            indices.resize(max);
        }
        return indices;
    }

    QStringList childKeys(const QString &group)
    {
        m_s.beginGroup(group);
        const QStringList keys = m_s.childKeys();
        m_s.endGroup();
        return keys;
    }

private:
    QSettings &m_s;
    QStringList &m_notices;
    QString m_context;
};

std::optional<StoredStream> readStream(Reader &r, const QString &prefix, int index)
{
    StoredStream stream;
    StreamConfig &c = stream.config;
    const auto k = [&prefix](const QString &name) { return key(prefix, name); };

    r.setContext(SettingsStore::tr("Stream %1").arg(index));
    c.name = r.string(k(QStringLiteral("name")), SettingsStore::tr("The name"), {}, 1024);
    if (!c.name.isEmpty())
        r.setContext(SettingsStore::tr("Stream %1 (“%2”)").arg(QString::number(index), c.name));

    const QVariant urlValue = r.raw(k(QStringLiteral("url")));
    const auto urlText = toStr(urlValue);
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
        r.notice(SettingsStore::tr("The URL's password was not saved; enter it again."));
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
            r.notice(SettingsStore::tr("The value of secret header %1 was not saved; enter it "
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
    c.maxEventBytes = qsizetype(r.integer(k(QStringLiteral("maxEventBytes")),
                                          SettingsStore::tr("The maximum event size"), 1,
                                          SettingsStore::MaxEventBytesLimit,
                                          configDefaults.maxEventBytes));
    c.autoConnect = r.boolean(k(QStringLiteral("autoConnect")), SettingsStore::tr("Auto-connect"),
                              configDefaults.autoConnect);

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

void writeStream(QSettings &s, const StoredStream &stream, const QString &id, bool storeSecrets)
{
    const StreamConfig &c = stream.config;
    s.setValue(QStringLiteral("id"), id);
    s.setValue(QStringLiteral("name"), c.name);
    QUrl url = c.request.url;
    if (!storeSecrets && !url.password().isEmpty()) {
        url.setPassword(QString());
        s.setValue(QStringLiteral("urlPasswordOmitted"), true);
    }
    s.setValue(QStringLiteral("url"), url.toString(QUrl::FullyEncoded));
    s.setValue(QStringLiteral("method"), QString::fromLatin1(c.request.method));

    s.beginWriteArray(QStringLiteral("headers"), int(c.request.headers.size()));
    for (qsizetype i = 0; i < c.request.headers.size(); ++i) {
        const Header &h = c.request.headers.at(i);
        s.setArrayIndex(int(i));
        s.setValue(QStringLiteral("name"), QString::fromLatin1(h.name));
        s.setValue(QStringLiteral("secret"), h.secret);
        if (h.isCredential() && !storeSecrets) {
            s.setValue(QStringLiteral("value"), QByteArray());
            if (!h.value.isEmpty())
                s.setValue(QStringLiteral("omitted"), true);
        } else {
            s.setValue(QStringLiteral("value"), h.value);
        }
    }
    s.endArray();

    s.setValue(QStringLiteral("body"), c.request.body);
    s.setValue(QStringLiteral("lastEventId"), c.request.lastEventId);
    s.setValue(QStringLiteral("ignoreTlsErrors"), c.request.ignoreTlsErrors);
    s.setValue(QStringLiteral("policy/mode"), modeName(c.policy.mode));
    s.setValue(QStringLiteral("policy/initialDelayMs"), c.policy.initialDelayMs);
    s.setValue(QStringLiteral("policy/maxDelayMs"), c.policy.maxDelayMs);
    s.setValue(QStringLiteral("policy/jitter"), c.policy.jitter);
    s.setValue(QStringLiteral("policy/maxRetries"), c.policy.maxRetries);
    s.setValue(QStringLiteral("idleTimeoutMs"), c.idleTimeoutMs);
    s.setValue(QStringLiteral("connectTimeoutMs"), c.connectTimeoutMs);
    s.setValue(QStringLiteral("maxEventBytes"), qint64(c.maxEventBytes));
    s.setValue(QStringLiteral("autoConnect"), c.autoConnect);
    s.setValue(QStringLiteral("uiState"),
               QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(stream.uiState))
                                     .toJson(QJsonDocument::Compact)));

    s.beginWriteArray(QStringLiteral("alerts"), int(stream.alertRules.size()));
    for (qsizetype i = 0; i < stream.alertRules.size(); ++i) {
        s.setArrayIndex(int(i));
        QVariantMap map = stream.alertRules.at(i).toVariantMap();
        map.remove(QStringLiteral("streamId")); // implied by the stream it is stored with
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            s.setValue(it.key(), it.value());
    }
    s.endArray();
}

} // namespace

// ---------------------------------------------------------------------------------------------

QString StoredStream::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

SettingsStore::SettingsStore(QSettings *settings) : m_settings(settings)
{
    Q_ASSERT(settings);
}

bool SettingsStore::storeSecrets() const
{
    return toBool(m_settings->value(StoreSecretsKey)).value_or(false);
}

bool SettingsStore::setStoreSecrets(bool store)
{
    m_settings->setValue(StoreSecretsKey, store);
    m_settings->setValue(SchemaKey, SchemaVersion);
    if (!store)
        scrubSecrets();
    return finish();
}

void SettingsStore::scrubSecrets()
{
    // Works on the stored keys directly so nothing else in the file changes.
    QSettings &s = *m_settings;
    s.beginGroup(StreamsGroup);
    const QStringList streams = s.childGroups();
    for (const QString &stream : streams) {
        s.beginGroup(stream);
        const QVariant urlValue = s.value(QStringLiteral("url"));
        if (const auto text = toStr(urlValue)) {
            QUrl url(*text, QUrl::StrictMode);
            if (url.isValid() && !url.password().isEmpty()) {
                url.setPassword(QString());
                s.setValue(QStringLiteral("url"), url.toString(QUrl::FullyEncoded));
                s.setValue(QStringLiteral("urlPasswordOmitted"), true);
            }
        }
        s.beginGroup(QStringLiteral("headers"));
        const QStringList headers = s.childGroups();
        for (const QString &h : headers) {
            s.beginGroup(h);
            Header header;
            header.name = toStr(s.value(QStringLiteral("name"))).value_or(QString()).toLatin1();
            // An unreadable flag counts as secret: erasing too much is the safe mistake.
            header.secret = toBool(s.value(QStringLiteral("secret"))).value_or(true);
            const QVariant value = s.value(QStringLiteral("value"));
            if (header.isCredential() && value.isValid()
                && !toBytes(value).value_or(QByteArray("x")).isEmpty()) {
                s.setValue(QStringLiteral("value"), QByteArray());
                s.setValue(QStringLiteral("omitted"), true);
            }
            s.endGroup();
        }
        s.endGroup();
        s.endGroup();
    }
    s.endGroup();
}

bool SettingsStore::finish()
{
    m_settings->sync();
    // FormatError means the file we replaced was unreadable: the new content was written.
    if (m_settings->status() == QSettings::AccessError) {
        qCWarning(lcSettings) << "cannot write settings to" << m_settings->fileName();
        return false;
    }
    if (m_settings->status() == QSettings::FormatError)
        m_settings->setProperty(RewrittenProperty, true);
    return true;
}

bool SettingsStore::saveStreams(const QList<StoredStream> &streams)
{
    QSettings &s = *m_settings;
    const bool secrets = storeSecrets();
    s.setValue(SchemaKey, SchemaVersion);
    s.remove(StreamsGroup); // beginWriteArray() leaves entries past the new size behind
    QSet<QString> ids;
    s.beginWriteArray(StreamsGroup, int(streams.size()));
    for (qsizetype i = 0; i < streams.size(); ++i) {
        QString id = streams.at(i).id;
        if (!isValidId(id) || ids.contains(id)) {
            qCWarning(lcSettings) << "stream" << i << "has no usable id" << id
                                  << "; a new one is saved";
            id = StoredStream::newId();
        }
        ids.insert(id);
        s.setArrayIndex(int(i));
        writeStream(s, streams.at(i), id, secrets);
    }
    s.endArray();
    return finish();
}

bool SettingsStore::savePreferences(const AppPreferences &p)
{
    QSettings &s = *m_settings;
    s.setValue(SchemaKey, SchemaVersion);
    for (const char *group : {"window", "views", "toasts", "app", "session"})
        s.remove(QString::fromLatin1(group));

    s.setValue(QStringLiteral("window/geometry"), p.windowGeometry);
    s.setValue(QStringLiteral("window/state"), p.windowState);
    for (auto it = p.viewStates.cbegin(); it != p.viewStates.cend(); ++it) {
        if (it.key().isEmpty())
            continue;
        s.setValue(key(ViewsGroup, QString::fromLatin1(QUrl::toPercentEncoding(it.key()))),
                   it.value());
    }
    const ToastPreferences &t = p.toasts;
    s.setValue(QStringLiteral("toasts/enabled"), t.enabled);
    s.setValue(QStringLiteral("toasts/useSystemTray"), t.useSystemTray);
    s.setValue(QStringLiteral("toasts/durationMs"), t.durationMs);
    s.setValue(QStringLiteral("toasts/maxVisible"), t.maxVisible);
    s.setValue(QStringLiteral("toasts/onConnected"), t.onConnected);
    s.setValue(QStringLiteral("toasts/onConnectionLost"), t.onConnectionLost);
    s.setValue(QStringLiteral("toasts/onFailed"), t.onFailed);
    s.setValue(QStringLiteral("toasts/onServerError"), t.onServerError);
    s.setValue(QStringLiteral("toasts/onAlertRule"), t.onAlertRule);
    s.setValue(QStringLiteral("app/language"), p.language);
    s.setValue(QStringLiteral("app/lastExportDirectory"), p.lastExportDirectory);
    s.setValue(QStringLiteral("app/defaultLogCapacity"), p.defaultLogCapacity);
    s.setValue(QStringLiteral("session/openTabs"), p.openTabs);
    s.setValue(QStringLiteral("session/currentTab"), p.currentTab);
    return finish();
}

SettingsStore::LoadResult SettingsStore::load() const
{
    LoadResult result;
    QSettings &s = *m_settings;
    QSettings::Status status = s.status();
    // The status sticks to the QSettings object, and a second QSettings on the same file
    // shares its cache (and says NoError): only a save through a store proves the file good.
    if (status == QSettings::FormatError && s.property(RewrittenProperty).toBool())
        status = QSettings::NoError;
    switch (status) {
    case QSettings::NoError:
        break;
    case QSettings::AccessError:
        result.notices.append(tr("The settings could not be read; defaults are used."));
        return result;
    case QSettings::FormatError: {
        // Keep the damaged file: the next save replaces it, and the user may want it back.
        const QString backup = s.fileName() + QStringLiteral(".damaged");
        QFile::remove(backup);
        if (QFile::copy(s.fileName(), backup)) {
            result.notices.append(tr("The settings file is damaged; defaults are used. A copy "
                                     "of it was kept as %1.").arg(backup));
        } else {
            result.notices.append(tr("The settings file is damaged; defaults are used."));
        }
        return result;
    }
    }

    Reader r(s, result.notices);
    const QVariant versionValue = s.value(SchemaKey);
    if (!versionValue.isValid()) {
        if (!s.allKeys().isEmpty()) {
            r.notice(tr("The settings have no schema version; only what is recognised was read."));
        } else if (s.format() == QSettings::IniFormat && QFileInfo(s.fileName()).size() > 0) {
            // Binary junk often parses "successfully" into nothing at all.
            r.notice(tr("The settings file contains nothing usable; defaults are used."));
        }
    } else if (const auto version = toInteger(versionValue); !version || *version < 1) {
        r.notice(tr("The settings schema version %1 is not valid; only what is recognised was "
                    "read.").arg(shown(versionValue)));
    } else if (*version > SchemaVersion) {
        r.notice(tr("The settings were written by a newer version (schema %1); only what this "
                    "version knows was read, and saving will drop the rest.").arg(*version));
    }
    if (const QVariant v = s.value(StoreSecretsKey); v.isValid() && !toBool(v))
        r.notice(tr("The “store secrets” choice %1 is not valid; secrets are not stored.")
                     .arg(shown(v)));

    // Streams.
    QSet<QString> ids;
    for (const int i : r.arrayIndices(StreamsGroup, tr("streams"), MaxStreams)) {
        auto stream = readStream(r, key(StreamsGroup, QString::number(i)), i);
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

    // Open tabs: only streams that were loaded, each once.
    const QVariant tabsValue = s.value(QStringLiteral("session/openTabs"));
    QStringList tabs;
    if (tabsValue.typeId() == QMetaType::QStringList)
        tabs = tabsValue.toStringList();
    else if (const auto single = toStr(tabsValue))
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
    return result;
}

} // namespace sse
