#include "formatter.h"

#include <QDateTime>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace ssecat {

namespace {

// 0: copy as is; otherwise the letter after the backslash ('u' = \u00XX).
struct EscapeTable
{
    unsigned char v[256];
};

constexpr EscapeTable makeEscapeTable()
{
    EscapeTable t{};
    for (int c = 0; c < 0x20; ++c)
        t.v[c] = 'u';
    t.v[static_cast<unsigned char>('\n')] = 'n';
    t.v[static_cast<unsigned char>('\r')] = 'r';
    t.v[static_cast<unsigned char>('\t')] = 't';
    t.v[static_cast<unsigned char>('\b')] = 'b';
    t.v[static_cast<unsigned char>('\f')] = 'f';
    t.v[static_cast<unsigned char>('"')] = '"';
    t.v[static_cast<unsigned char>('\\')] = '\\';
    return t;
}

constexpr EscapeTable escapeTable = makeEscapeTable();
constexpr char hexDigits[] = "0123456789abcdef";

void appendInteger(QByteArray &out, qint64 value)
{
    char buf[24];
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, result.ptr - buf);
}

// Tiny ordered-key JSON object writer for the rare records (not the event hot path).
class ObjectWriter
{
public:
    explicit ObjectWriter(QByteArray &out) : m_out(out) { m_out.append('{'); }
    void key(QByteArrayView name)
    {
        if (!m_first)
            m_out.append(',');
        m_first = false;
        appendJsonString(m_out, name);
        m_out.append(':');
    }
    void string(QByteArrayView name, QByteArrayView value)
    {
        key(name);
        appendJsonString(m_out, value);
    }
    void integer(QByteArrayView name, qint64 value)
    {
        key(name);
        appendInteger(m_out, value);
    }
    void boolean(QByteArrayView name, bool value)
    {
        key(name);
        m_out.append(value ? QByteArrayView("true") : QByteArrayView("false"));
    }
    void raw(QByteArrayView name, QByteArrayView json)
    {
        key(name);
        m_out.append(json);
    }
    void end() { m_out.append('}'); }

private:
    QByteArray &m_out;
    bool m_first = true;
};

void appendError(QByteArray &out, const sse::Error &error)
{
    ObjectWriter w(out);
    w.string("kind", error.kindName().toUtf8());
    w.string("message", error.message.toUtf8());
    w.integer("httpStatus", error.httpStatus);
    w.boolean("permanent", error.permanent);
    w.end();
}

} // namespace

void appendJsonString(QByteArray &out, QByteArrayView utf8)
{
    // Reserve the worst case (6 bytes per input byte) slice by slice, so a 16 MiB event does
    // not ask for 96 MiB at once, then write through a raw pointer and trim.
    constexpr qsizetype Slice = 8192;
    const char *src = utf8.data();
    qsizetype left = utf8.size();
    qsizetype used = out.size();
    out.resize(used + 2 + 6 * std::min(left, Slice));
    char *p = out.data() + used;
    *p++ = '"';
    while (left > 0) {
        const qsizetype n = std::min(left, Slice);
        used = p - out.data();
        if (out.size() - used < 6 * n + 1) {
            out.resize(used + 6 * n + 1);
            p = out.data() + used;
        }
        const char *const end = src + n;
        while (src < end) {
            const auto c = static_cast<unsigned char>(*src++);
            const unsigned char e = escapeTable.v[c];
            if (Q_LIKELY(e == 0)) {
                *p++ = static_cast<char>(c);
                continue;
            }
            *p++ = '\\';
            if (e == 'u') {
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = hexDigits[c >> 4];
                *p++ = hexDigits[c & 15];
            } else {
                *p++ = static_cast<char>(e);
            }
        }
        left -= n;
    }
    *p++ = '"';
    out.resize(p - out.data());
}

QByteArray isoTimestamp(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC)
        .toString(Qt::ISODateWithMs)
        .toLatin1();
}

Formatter::Formatter(Format format)
    : m_format(format)
{
}

void Formatter::appendEvent(QByteArray &out, int stream, const sse::Event &event)
{
    switch (m_format) {
    case Format::Jsonl:
        appendJsonl(out, stream, event);
        break;
    case Format::Raw:
        appendRaw(out, event);
        break;
    case Format::Count:
        break;
    }
}

void Formatter::appendEvents(QByteArray &out, int stream, const QList<sse::Event> &events,
                             qsizetype count)
{
    count = std::min(count, events.size());
    if (m_format == Format::Jsonl) {
        for (qsizetype i = 0; i < count; ++i)
            appendJsonl(out, stream, events.at(i));
    } else if (m_format == Format::Raw) {
        for (qsizetype i = 0; i < count; ++i)
            appendRaw(out, events.at(i));
    }
}

const QByteArray &Formatter::streamPrefix(int stream)
{
    while (m_streamPrefixes.size() <= stream) {
        QByteArray prefix("{\"stream\":");
        appendInteger(prefix, m_streamPrefixes.size());
        prefix.append(",\"type\":");
        m_streamPrefixes.append(prefix);
    }
    return m_streamPrefixes.at(stream);
}

void Formatter::appendJsonl(QByteArray &out, int stream, const sse::Event &event)
{
    out.append(streamPrefix(stream));
    appendJsonString(out, event.type);
    out.append(QByteArrayView(",\"data\":"));
    appendJsonString(out, event.data);
    out.append(QByteArrayView(",\"lastEventId\":"));
    appendJsonString(out, event.lastEventId);
    if (event.hasId) {
        out.append(QByteArrayView(",\"id\":"));
        appendJsonString(out, event.lastEventId);
    }
    if (event.receivedAtMs != m_cachedMs) {
        m_cachedMs = event.receivedAtMs;
        m_cachedSuffix = QByteArrayLiteral(",\"receivedAt\":\"") + isoTimestamp(m_cachedMs)
            + QByteArrayLiteral("\"}\n");
    }
    out.append(m_cachedSuffix);
}

void Formatter::appendRaw(QByteArray &out, const sse::Event &event)
{
    // Always "field: value" with the space: a parser strips exactly one leading space, so
    // values that start with a space survive the round trip.
    // An `id` line is written when the stream's last event ID changes, and when the event
    // carried its own id, so that Event::hasId survives as well. An ID that changed without
    // the event carrying it (an id-only block upstream, --last-event-id) goes into a block of
    // its own: a blank line after it sets the ID and dispatches nothing. An empty ID is a bare
    // "id" line.
    if (event.hasId || event.lastEventId != m_rawLastId) {
        if (event.lastEventId.isEmpty()) {
            out.append(QByteArrayView("id\n"));
        } else {
            out.append(QByteArrayView("id: "));
            out.append(event.lastEventId);
            out.append('\n');
        }
        if (!event.hasId)
            out.append('\n');
        m_rawLastId = event.lastEventId;
    }
    if (event.type != QByteArrayView("message")) {
        out.append(QByteArrayView("event: "));
        out.append(event.type);
        out.append('\n');
    }
    const QByteArrayView data(event.data);
    qsizetype from = 0;
    for (;;) {
        const qsizetype lf = data.indexOf('\n', from);
        const QByteArrayView line = data.sliced(from, (lf < 0 ? data.size() : lf) - from);
        if (line.isEmpty()) {
            out.append(QByteArrayView("data:\n"));
        } else {
            out.append(QByteArrayView("data: "));
            out.append(line);
            out.append('\n');
        }
        if (lf < 0)
            break;
        from = lf + 1;
    }
    out.append('\n');
}

QByteArrayView Formatter::stateName(sse::EventSource::State state)
{
    switch (state) {
    case sse::EventSource::State::Connecting: return "connecting";
    case sse::EventSource::State::Open: return "open";
    case sse::EventSource::State::Closed: return "closed";
    }
    return "unknown";
}

QByteArrayView Formatter::closeReasonName(sse::EventSource::CloseReason reason)
{
    switch (reason) {
    case sse::EventSource::CloseReason::NotStarted: return "not-started";
    case sse::EventSource::CloseReason::User: return "user";
    case sse::EventSource::CloseReason::ServerRequested: return "server";
    case sse::EventSource::CloseReason::Failed: return "failed";
    }
    return "unknown";
}

void Formatter::appendStateRecord(QByteArray &out, int stream, const StateRecord &r)
{
    ObjectWriter w(out);
    w.integer("stream", stream);
    w.string("state", stateName(r.state));
    switch (r.kind) {
    case StateRecord::Kind::State: w.string("record", "state"); break;
    case StateRecord::Kind::Reconnect: w.string("record", "reconnect"); break;
    case StateRecord::Kind::Error: w.string("record", "error"); break;
    }
    w.integer("attempt", r.attempt);
    if (r.maxRetries)
        w.integer("maxRetries", *r.maxRetries);
    if (r.status)
        w.integer("status", r.status);
    if (!r.url.isEmpty())
        w.string("url", r.url.toEncoded());
    if (r.closeReason)
        w.string("reason", closeReasonName(*r.closeReason));
    if (r.delayMs) {
        w.integer("delayMs", *r.delayMs);
        w.string("dueAt", isoTimestamp(r.dueAtMs));
    }
    if (r.cleanEnd)
        w.boolean("cleanEnd", *r.cleanEnd);
    if (r.error) {
        w.key("error");
        appendError(out, *r.error);
    }
    w.string("at", isoTimestamp(r.atMs));
    w.end();
    out.append('\n');
}

void Formatter::appendTotals(QByteArray &out, const Totals &t)
{
    const double seconds = double(t.elapsedNs) / 1e9;
    const double rate = t.elapsedNs > 0 ? double(t.events) / seconds : 0.0;
    ObjectWriter w(out);
    w.integer("events", t.events);
    w.integer("bytes", t.bodyBytes);
    w.integer("dataBytes", t.dataBytes);
    w.raw("seconds", QByteArray::number(seconds, 'f', 3));
    w.integer("eventsPerSecond", std::llround(rate));
    w.end();
    out.append('\n');
}

} // namespace ssecat
