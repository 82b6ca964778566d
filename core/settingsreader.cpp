#include "settingsreader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QCryptographicHash>
#include <QRegularExpression>
#include <QUrl>

namespace sse::settingsdetail {

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

namespace {

/** The stream's request headers; a secret one saved without its value is listed in
 *  StoredStream::missingSecrets. */
void readHeaders(Reader &r, const QString &prefix, StoredStream &stream)
{
    StreamConfig &c = stream.config;
    const auto k = [&prefix](const QString &name) { return key(prefix, name); };
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
}

/** The request's body, initial Last-Event-ID, TLS option and HTTP/2 prior knowledge. */
void readRequestBody(Reader &r, const QString &prefix, StreamRequest &request)
{
    const auto k = [&prefix](const QString &name) { return key(prefix, name); };
    request.body = r.bytes(k(QStringLiteral("body")), SettingsStore::tr("The body"),
                             SettingsStore::MaxBodyBytes);
    const QByteArray lastEventId = r.bytes(k(QStringLiteral("lastEventId")),
                                           SettingsStore::tr("The initial Last-Event-ID"), 65536);
    if (hasLineBreakOrNul(lastEventId))
        r.notice(SettingsStore::tr("The initial Last-Event-ID contains a line break or NUL; it "
                                   "was ignored."));
    else
        request.lastEventId = lastEventId;
    // Insecure: anything but a clear "true" reads as false (r.boolean says why).
    request.ignoreTlsErrors = r.boolean(k(QStringLiteral("ignoreTlsErrors")),
                                          SettingsStore::tr("Ignore TLS certificate errors"),
                                          false);
    // Absent in files written before the option existed: plain HTTP/1.1, as then.
    request.http2PriorKnowledge = r.boolean(k(QStringLiteral("http2PriorKnowledge")),
                                              SettingsStore::tr("HTTP/2 with prior knowledge"),
                                              false);
}

/** The reconnect policy, the timeouts and limits, and the connection flags. */
void readPolicy(Reader &r, const QString &prefix, StoredStream &stream)
{
    StreamConfig &c = stream.config;
    const auto k = [&prefix](const QString &name) { return key(prefix, name); };
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
}

/** The tab's state, a JSON object the app defines. */
void readUiState(Reader &r, const QString &prefix, StoredStream &stream)
{
    const auto k = [&prefix](const QString &name) { return key(prefix, name); };
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
}

/** The alert rules (the stream id is assigned by the caller once ids are settled). */
void readAlertRules(Reader &r, const QString &prefix, StoredStream &stream)
{
    const auto k = [&prefix](const QString &name) { return key(prefix, name); };
    const QString alertsGroup = k(QStringLiteral("alerts"));
    for (const int a : r.arrayIndices(alertsGroup, SettingsStore::tr("alert rules"),
                                      SettingsStore::MaxAlertRules)) {
        const QString ap = key(alertsGroup, QString::number(a));
        QVariantMap map;
        for (const QString &name : r.childKeys(ap))
            map.insert(name, r.raw(key(ap, name)));
        QStringList problems;
        const AlertRule rule = AlertRule::fromVariantMap(map, &problems);
        // A pattern that does not compile is kept as written (the rule matches nothing until it
        // is corrected), so it is worth telling but no damage: counted as damage, the file
        // saved with it would be reported damaged, and copied aside, at every later load.
        // fromVariantMap() names it last; values it ignored or reset are damage.
        const qsizetype damage = problems.size() - (rule.isValid() ? 0 : 1);
        for (qsizetype i = 0; i < problems.size(); ++i) {
            const QString text = SettingsStore::tr("Alert rule %1: %2").arg(QString::number(a), problems.at(i));
            if (i < damage)
                r.notice(text);
            else
                r.info(text);
        }
        stream.alertRules.append(rule);
    }
}

/** The notification preferences. */
ToastPreferences readToastPreferences(Reader &r)
{
    ToastPreferences t;
    const ToastPreferences td;
    t.enabled = r.boolean(QStringLiteral("toasts/enabled"), SettingsStore::tr("Showing "
                                                               "notifications"), td.enabled);
    t.useSystemTray = r.boolean(QStringLiteral("toasts/useSystemTray"),
                                SettingsStore::tr("Notifying in the system tray"), td.useSystemTray);
    t.durationMs = int(r.integer(QStringLiteral("toasts/durationMs"),
                                 SettingsStore::tr("The notification duration"), ToastPreferences::MinDurationMs,
                                 ToastPreferences::MaxDurationMs, td.durationMs));
    t.maxVisible = int(r.integer(QStringLiteral("toasts/maxVisible"),
                                 SettingsStore::tr("The number of notifications shown"), 1,
                                 ToastPreferences::MaxVisibleLimit, td.maxVisible));
    t.onConnected = r.boolean(QStringLiteral("toasts/onConnected"),
                              SettingsStore::tr("Notifying on connection"), td.onConnected);
    t.onConnectionLost = r.boolean(QStringLiteral("toasts/onConnectionLost"),
                                   SettingsStore::tr("Notifying on a lost connection"), td.onConnectionLost);
    t.onFailed = r.boolean(QStringLiteral("toasts/onFailed"), SettingsStore::tr("Notifying on failure"),
                           td.onFailed);
    t.onServerError = r.boolean(QStringLiteral("toasts/onServerError"),
                                SettingsStore::tr("Notifying on server errors"), td.onServerError);
    t.onAlertRule = r.boolean(QStringLiteral("toasts/onAlertRule"), SettingsStore::tr("Notifying on alert rules"),
                              td.onAlertRule);
    return t;
}

/** The open tabs and the current one: only streams that were loaded (\a ids), each once. */
void readOpenTabs(Reader &r, const Values &s, const QSet<QString> &ids, AppPreferences &p)
{
    const QVariant tabsValue = r.damaged(QStringLiteral("session/openTabs"), SettingsStore::tr("The list of open tabs"))
        ? QVariant()
        : s.value(QStringLiteral("session/openTabs"));
    QStringList tabs;
    if (tabsValue.typeId() == QMetaType::QStringList)
        tabs = tabsValue.toStringList();
    else if (const auto single = settingvalue::toString(tabsValue))
        tabs = QStringList{*single};
    else if (tabsValue.isValid())
        r.notice(SettingsStore::tr("The list of open tabs %1 is not valid; no tabs were restored.")
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
        r.notice(SettingsStore::tr("Open tabs that referred to streams that were not loaded were dropped: %1.")
                     .arg(unknownTabs));
    p.currentTab = r.string(QStringLiteral("session/currentTab"), SettingsStore::tr("The current tab"), {}, 256);
    if (!p.currentTab.isEmpty() && !p.openTabs.contains(p.currentTab)) {
        r.notice(SettingsStore::tr("The current tab is not an open tab; the first tab is shown."));
        p.currentTab.clear();
    }
}

} // namespace

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

    readHeaders(r, prefix, stream);
    readRequestBody(r, prefix, c.request);
    readPolicy(r, prefix, stream);
    readUiState(r, prefix, stream);
    readAlertRules(r, prefix, stream);
    return stream;
}

/** The streams, each with a unique id; \a ids collects them. \a mismatched: the stream
 *  groups whose checksum did not match (read, with a notice). */
QList<StoredStream> readStreams(Reader &r, const QStringList &mismatched, QSet<QString> &ids)
{
    QList<StoredStream> streams;
    for (const int i :
         r.arrayIndices(StreamsGroup, SettingsStore::tr("streams"), SettingsStore::MaxStreams)) {
        auto stream = readStream(r, key(StreamsGroup, QString::number(i)), i,
                                 mismatched.contains(QString::number(i)));
        r.setContext({});
        if (!stream)
            continue;
        if (stream->id.isEmpty()) {
            stream->id = StoredStream::newId();
        } else if (ids.contains(stream->id)) {
            r.notice(SettingsStore::tr("Stream %1 (“%2”) has the same identifier as another "
                                       "stream; a new one was assigned.")
                         .arg(QString::number(i), stream->config.name));
            stream->id = StoredStream::newId();
        }
        ids.insert(stream->id);
        for (AlertRule &rule : stream->alertRules)
            rule.setStreamId(stream->id);
        streams.append(*stream);
    }
    return streams;
}

/** The application's preferences (window, views, notifications, language, tabs). */
AppPreferences readPreferences(Reader &r, const Values &s, const QSet<QString> &ids)
{
    AppPreferences p;
    p.windowGeometry = r.bytes(QStringLiteral("window/geometry"), SettingsStore::tr("The window geometry"),
                               SettingsStore::MaxStateBytes);
    p.windowState = r.bytes(QStringLiteral("window/state"), SettingsStore::tr("The window state"),
                            SettingsStore::MaxStateBytes);
    {
        const QStringList names = r.childKeys(ViewsGroup);
        if (names.size() > SettingsStore::MaxViewStates)
            r.notice(SettingsStore::tr("Only the first %1 view states were read.")
                         .arg(SettingsStore::MaxViewStates));
        for (const QString &encoded : names.mid(0, SettingsStore::MaxViewStates)) {
            const QString name = QUrl::fromPercentEncoding(encoded.toLatin1());
            const QByteArray state = r.bytes(key(ViewsGroup, encoded),
                                             SettingsStore::tr("The state of view %1").arg(name),
                                             SettingsStore::MaxStateBytes);
            if (!state.isEmpty() && !name.isEmpty())
                p.viewStates.insert(name, state);
        }
    }
    p.toasts = readToastPreferences(r);

    p.language = r.string(QStringLiteral("app/language"), SettingsStore::tr("The language"), {}, 64);
    static const QRegularExpression languageRe(
        QStringLiteral("^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,3}$"));
    if (!p.language.isEmpty() && !languageRe.match(p.language).hasMatch()) {
        r.notice(SettingsStore::tr("The language %1 is not a language code; the system language is used.")
                     .arg(shown(p.language)));
        p.language.clear();
    }
    p.lastExportDirectory = r.string(QStringLiteral("app/lastExportDirectory"),
                                     SettingsStore::tr("The last export folder"), {}, 4096);
    p.defaultLogCapacity = int(r.integer(QStringLiteral("app/defaultLogCapacity"),
                                         SettingsStore::tr("The default log capacity"),
                                         AppPreferences::MinLogCapacity,
                                         AppPreferences::MaxLogCapacity,
                                         AppPreferences::DefaultLogCapacity));

    p.reconnectOnLaunch = r.boolean(QStringLiteral("app/reconnectOnLaunch"),
                                    SettingsStore::tr("Reconnecting on launch"), true);
    readOpenTabs(r, s, ids, p);
    return p;
}

} // namespace sse::settingsdetail
