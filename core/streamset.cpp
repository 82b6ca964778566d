#include "streamset.h"

#include "settingsstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>
#include <QSet>
#include <QStringDecoder>

#include <cmath>

namespace sse {

namespace {

const QString FormatName = QStringLiteral("sse-monitor-streams");

int lineOf(const QByteArray &text, qsizetype offset)
{
    return int(QByteArrayView(text).first(qBound<qsizetype>(0, offset, text.size())).count('\n')) + 1;
}

/** Where each element of the top-level "streams" array starts: QJsonDocument keeps no
 *  positions, and a refused file must say which line is wrong. */
QList<qsizetype> streamOffsets(const QByteArray &json)
{
    QList<qsizetype> offsets;
    int depth = 0;
    int arrayDepth = -1;
    bool inString = false;
    bool escaped = false;
    qsizetype stringStart = 0;
    QByteArrayView lastString;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"') {
                inString = false;
                if (depth == 1)
                    lastString = QByteArrayView(json).sliced(stringStart, i - stringStart);
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            stringStart = i + 1;
            break;
        case '{':
        case '[':
            if (c == '{' && depth == arrayDepth)
                offsets.append(i);
            if (c == '[' && depth == 1 && lastString == "streams")
                arrayDepth = depth + 1;
            ++depth;
            break;
        case '}':
        case ']':
            --depth;
            if (depth < arrayDepth)
                arrayDepth = -1;
            break;
        default:
            break;
        }
    }
    return offsets;
}

struct Failure
{
    QString message;
};

/** Reads one stream object; throws Failure on the first problem. */
class StreamReader
{
public:
    explicit StreamReader(const QJsonObject &o) : m_o(o) { }

    [[noreturn]] void fail(const QString &message) const { throw Failure{message}; }

    void checkKeys(const QJsonObject &o, const QStringList &known, const QString &where) const
    {
        for (const QString &k : o.keys())
            if (!known.contains(k))
                fail(sse::StreamSet::tr("%1: unknown field “%2”").arg(where, k));
    }

    QString text(const QJsonObject &o, const QString &k, const QString &fallback, qsizetype max) const
    {
        const QJsonValue v = o.value(k);
        if (v.isUndefined())
            return fallback;
        if (!v.isString())
            fail(sse::StreamSet::tr("“%1” must be a string").arg(k));
        if (v.toString().size() > max)
            fail(sse::StreamSet::tr("“%1” is longer than %2 characters").arg(k).arg(max));
        return v.toString();
    }

    /** "k" as UTF-8 text or "kBase64" as base64; not both. */
    QByteArray bytes(const QJsonObject &o, const QString &k, qsizetype max) const
    {
        const QString b64 = k + QStringLiteral("Base64");
        if (o.contains(k) && o.contains(b64))
            fail(sse::StreamSet::tr("“%1” and “%2” cannot both be given").arg(k, b64));
        QByteArray value;
        if (o.contains(b64)) {
            const auto decoded = QByteArray::fromBase64Encoding(text(o, b64, {}, max * 2).toLatin1(),
                                                                QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                fail(sse::StreamSet::tr("“%1” is not valid base64").arg(b64));
            value = decoded.decoded;
        } else {
            value = text(o, k, {}, max).toUtf8();
        }
        if (value.size() > max)
            fail(sse::StreamSet::tr("“%1” is larger than %2 bytes").arg(k).arg(max));
        return value;
    }

    qint64 integer(const QJsonObject &o, const QString &k, qint64 min, qint64 max, qint64 fallback) const
    {
        const QJsonValue v = o.value(k);
        if (v.isUndefined())
            return fallback;
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || std::isnan(d) || d != std::floor(d))
            fail(sse::StreamSet::tr("“%1” must be a whole number").arg(k));
        if (d < double(min) || d > double(max))
            fail(sse::StreamSet::tr("“%1” must be from %2 to %3").arg(k).arg(min).arg(max));
        return qint64(d);
    }

    bool boolean(const QJsonObject &o, const QString &k, bool fallback) const
    {
        const QJsonValue v = o.value(k);
        if (v.isUndefined())
            return fallback;
        if (!v.isBool())
            fail(sse::StreamSet::tr("“%1” must be true or false").arg(k));
        return v.toBool();
    }

    StreamSet::Entry read() const
    {
        StreamSet::Entry entry;
        StreamConfig &c = entry.config;
        checkKeys(m_o, {QStringLiteral("name"), QStringLiteral("url"), QStringLiteral("method"),
                        QStringLiteral("headers"), QStringLiteral("body"), QStringLiteral("bodyBase64"),
                        QStringLiteral("lastEventId"), QStringLiteral("autoConnect"),
                        QStringLiteral("ignoreTlsErrors"), QStringLiteral("http2PriorKnowledge"),
                        QStringLiteral("idleTimeoutMs"),
                        QStringLiteral("connectTimeoutMs"), QStringLiteral("silentAfterMs"),
                        QStringLiteral("maxEventBytes"),
                        QStringLiteral("reconnect")},
                  sse::StreamSet::tr("the stream"));
        if (!m_o.contains(QStringLiteral("url")))
            fail(sse::StreamSet::tr("“url” is missing"));
        const QString urlText = text(m_o, QStringLiteral("url"), {}, 65536);
        const QUrl url(urlText, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.host().isEmpty() || (scheme != u"http" && scheme != u"https"))
            fail(sse::StreamSet::tr("“url” %1 is not an http or https URL").arg(urlText.left(200)));
        c.request.url = url;
        c.name = text(m_o, QStringLiteral("name"), url.host() + url.path(), 1024);

        const QByteArray method = text(m_o, QStringLiteral("method"), QStringLiteral("GET"), 32).toUtf8();
        if (!isHttpToken(method))
            fail(sse::StreamSet::tr("“method” %1 is not an HTTP method").arg(QString::fromUtf8(method)));
        c.request.method = method;

        const QJsonValue headers = m_o.value(QStringLiteral("headers"));
        if (!headers.isUndefined() && !headers.isArray())
            fail(sse::StreamSet::tr("“headers” must be a list"));
        const QJsonArray list = headers.toArray();
        if (list.size() > SettingsStore::MaxHeaders)
            fail(sse::StreamSet::tr("more than %1 headers").arg(SettingsStore::MaxHeaders));
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!list.at(i).isObject())
                fail(sse::StreamSet::tr("header %1 must be an object").arg(i + 1));
            const QJsonObject h = list.at(i).toObject();
            checkKeys(h, {QStringLiteral("name"), QStringLiteral("value"), QStringLiteral("valueBase64"),
                          QStringLiteral("secret")},
                      sse::StreamSet::tr("header %1").arg(i + 1));
            Header header;
            header.name = text(h, QStringLiteral("name"), {}, 256).toUtf8();
            if (!isHttpToken(header.name))
                fail(sse::StreamSet::tr("header %1 has no valid “name”").arg(i + 1));
            header.value = bytes(h, QStringLiteral("value"), 65536);
            if (hasLineBreakOrNul(header.value))
                fail(sse::StreamSet::tr("the value of header %1 contains a line break").arg(QString::fromUtf8(header.name)));
            header.secret = boolean(h, QStringLiteral("secret"), false);
            if (header.isSecret() && !h.contains(QStringLiteral("value"))
                && !h.contains(QStringLiteral("valueBase64")))
                entry.missingSecrets.append(header.name);
            c.request.headers.append(header);
        }
        c.request.body = bytes(m_o, QStringLiteral("body"), SettingsStore::MaxBodyBytes);
        c.request.lastEventId = text(m_o, QStringLiteral("lastEventId"), {}, 65536).toUtf8();
        if (hasLineBreakOrNul(c.request.lastEventId))
            fail(sse::StreamSet::tr("“lastEventId” contains a line break"));
        c.autoConnect = boolean(m_o, QStringLiteral("autoConnect"), false);
        c.request.ignoreTlsErrors = boolean(m_o, QStringLiteral("ignoreTlsErrors"), false);
        c.request.http2PriorKnowledge = boolean(m_o, QStringLiteral("http2PriorKnowledge"), false);
        const StreamConfig defaults;
        c.idleTimeoutMs = int(integer(m_o, QStringLiteral("idleTimeoutMs"), 0,
                                      SettingsStore::MaxDelayLimitMs, defaults.idleTimeoutMs));
        c.connectTimeoutMs = int(integer(m_o, QStringLiteral("connectTimeoutMs"), 0,
                                         SettingsStore::MaxDelayLimitMs, defaults.connectTimeoutMs));
        c.silentAfterMs = int(integer(m_o, QStringLiteral("silentAfterMs"), 0,
                                      SettingsStore::MaxDelayLimitMs, defaults.silentAfterMs));
        c.maxEventBytes = qsizetype(integer(m_o, QStringLiteral("maxEventBytes"), 1,
                                            SettingsStore::MaxEventBytesLimit, defaults.maxEventBytes));

        const QJsonValue reconnect = m_o.value(QStringLiteral("reconnect"));
        if (!reconnect.isUndefined()) {
            if (!reconnect.isObject())
                fail(sse::StreamSet::tr("“reconnect” must be an object"));
            const QJsonObject r = reconnect.toObject();
            checkKeys(r, {QStringLiteral("mode"), QStringLiteral("initialDelayMs"),
                          QStringLiteral("maxDelayMs"), QStringLiteral("jitter"), QStringLiteral("maxRetries")},
                      QStringLiteral("“reconnect”"));
            const QString mode = text(r, QStringLiteral("mode"), QStringLiteral("monitor"), 32);
            if (mode == u"spec-strict")
                c.policy.mode = ReconnectPolicy::Mode::SpecStrict;
            else if (mode != u"monitor")
                fail(sse::StreamSet::tr("“mode” must be “monitor” or “spec-strict”"));
            c.policy.initialDelayMs = int(integer(r, QStringLiteral("initialDelayMs"), 0,
                                                  SettingsStore::MaxDelayLimitMs, c.policy.initialDelayMs));
            c.policy.maxDelayMs = int(integer(r, QStringLiteral("maxDelayMs"), 0,
                                              SettingsStore::MaxDelayLimitMs, c.policy.maxDelayMs));
            c.policy.jitter = boolean(r, QStringLiteral("jitter"), c.policy.jitter);
            c.policy.maxRetries = int(integer(r, QStringLiteral("maxRetries"), -1,
                                              SettingsStore::MaxRetriesLimit, c.policy.maxRetries));
        }
        return entry;
    }

private:
    const QJsonObject m_o;
};

/** \a value as "k" when it is UTF-8 text, else as "kBase64". */
void putBytes(QJsonObject &o, const QString &k, const QByteArray &value)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(value);
    if (decoder.hasError())
        o.insert(k + QStringLiteral("Base64"), QString::fromLatin1(value.toBase64()));
    else
        o.insert(k, text);
}

} // namespace

QString StreamSet::ReadResult::errorText() const
{
    return errorLine > 0 ? tr("line %1: %2").arg(errorLine).arg(error) : error;
}

StreamSet::ReadResult StreamSet::parse(const QByteArray &json)
{
    ReadResult result;
    const auto refuse = [&result](int line, const QString &message) {
        result.streams.clear();
        result.errorLine = line;
        result.error = message;
        return result;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return refuse(lineOf(json, parseError.offset), parseError.errorString());
    if (!doc.isObject())
        return refuse(1, tr("not a stream set: the file must hold a JSON object"));
    const QJsonObject top = doc.object();
    if (top.value(QStringLiteral("format")).toString() != FormatName)
        return refuse(1, tr("not a stream set: “format” must be “%1”").arg(FormatName));
    const QJsonValue version = top.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() < 1 || version.toDouble() != std::floor(version.toDouble()))
        return refuse(1, tr("“version” must be a whole number from 1"));
    if (version.toDouble() > FormatVersion)
        return refuse(1, tr("the file is version %1; this program reads version %2")
                             .arg(version.toInt()).arg(FormatVersion));
    for (const QString &k : top.keys())
        if (k != u"format" && k != u"version" && k != u"streams")
            return refuse(1, tr("unknown field “%1”").arg(k));
    const QJsonValue streams = top.value(QStringLiteral("streams"));
    if (!streams.isArray())
        return refuse(1, tr("“streams” must be a list"));
    const QJsonArray list = streams.toArray();
    if (list.size() > MaxStreams)
        return refuse(1, tr("more than %1 streams").arg(MaxStreams));
    const QList<qsizetype> offsets = streamOffsets(json);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const int line = i < offsets.size() ? lineOf(json, offsets.at(i)) : 1;
        if (!list.at(i).isObject())
            return refuse(line, tr("stream %1 must be an object").arg(i + 1));
        try {
            result.streams.append(StreamReader(list.at(i).toObject()).read());
        } catch (const Failure &failure) {
            return refuse(line, tr("stream %1: %2").arg(QString::number(i + 1), failure.message));
        }
    }
    return result;
}

StreamSet::ReadResult StreamSet::readFile(const QString &fileName)
{
    ReadResult result;
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = tr("cannot open %1: %2").arg(fileName, file.errorString());
        return result;
    }
    if (file.size() > MaxFileBytes) {
        result.error = tr("%1 is larger than %2 MiB").arg(fileName).arg(MaxFileBytes / (1024 * 1024));
        return result;
    }
    return parse(file.readAll());
}

QByteArray StreamSet::serialize(const QList<StreamConfig> &streams, bool includeSecrets)
{
    QJsonArray list;
    const StreamConfig defaults;
    for (const StreamConfig &c : streams) {
        QJsonObject o;
        o.insert(QStringLiteral("name"), c.name);
        QUrl url = c.request.url;
        if (!includeSecrets)
            url.setPassword(QString());
        o.insert(QStringLiteral("url"), url.toString(QUrl::FullyEncoded));
        o.insert(QStringLiteral("method"), QString::fromLatin1(c.request.method));
        QJsonArray headers;
        for (const Header &h : c.request.headers) {
            QJsonObject header;
            header.insert(QStringLiteral("name"), QString::fromLatin1(h.name));
            if (!h.isSecret() || includeSecrets)
                putBytes(header, QStringLiteral("value"), h.value);
            if (h.isSecret())
                header.insert(QStringLiteral("secret"), true);
            headers.append(header);
        }
        o.insert(QStringLiteral("headers"), headers);
        putBytes(o, QStringLiteral("body"), c.request.body);
        o.insert(QStringLiteral("lastEventId"), QString::fromUtf8(c.request.lastEventId));
        o.insert(QStringLiteral("autoConnect"), c.autoConnect);
        o.insert(QStringLiteral("ignoreTlsErrors"), c.request.ignoreTlsErrors);
        // Only when on: a file without it stays readable by versions that refuse the field.
        if (c.request.http2PriorKnowledge)
            o.insert(QStringLiteral("http2PriorKnowledge"), true);
        o.insert(QStringLiteral("idleTimeoutMs"), c.idleTimeoutMs);
        o.insert(QStringLiteral("connectTimeoutMs"), c.connectTimeoutMs);
        o.insert(QStringLiteral("silentAfterMs"), c.silentAfterMs);
        o.insert(QStringLiteral("maxEventBytes"), qint64(c.maxEventBytes));
        QJsonObject reconnect;
        reconnect.insert(QStringLiteral("mode"), c.policy.mode == ReconnectPolicy::Mode::SpecStrict
                                                     ? QStringLiteral("spec-strict")
                                                     : QStringLiteral("monitor"));
        reconnect.insert(QStringLiteral("initialDelayMs"), c.policy.initialDelayMs);
        reconnect.insert(QStringLiteral("maxDelayMs"), c.policy.maxDelayMs);
        reconnect.insert(QStringLiteral("jitter"), c.policy.jitter);
        reconnect.insert(QStringLiteral("maxRetries"), c.policy.maxRetries);
        o.insert(QStringLiteral("reconnect"), reconnect);
        list.append(o);
    }
    QJsonObject top;
    top.insert(QStringLiteral("format"), FormatName);
    top.insert(QStringLiteral("version"), FormatVersion);
    top.insert(QStringLiteral("streams"), list);
    return QJsonDocument(top).toJson(QJsonDocument::Indented);
}

bool StreamSet::writeFile(const QString &fileName, const QList<StreamConfig> &streams,
                          bool includeSecrets, QString *error)
{
    const QByteArray bytes = serialize(streams, includeSecrets);
    QSaveFile file(fileName);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (error)
        *error = file.errorString();
    return false;
}

bool StreamSet::hasSecrets(const QList<StreamConfig> &streams)
{
    for (const StreamConfig &c : streams) {
        if (!c.request.url.password().isEmpty())
            return true;
        for (const Header &h : c.request.headers)
            if (h.isSecret() && !h.value.isEmpty())
                return true;
    }
    return false;
}

bool isSameStream(const StreamRequest &a, const StreamRequest &b)
{
    return a.url.adjusted(QUrl::NormalizePathSegments) == b.url.adjusted(QUrl::NormalizePathSegments)
        && a.method == b.method && a.headers == b.headers && a.body == b.body;
}

} // namespace sse
