#include "formatter.h"

#include "diagnostics.h"
#include "eventformat.h"
#include "llmstream.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace ssecat {

namespace {

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
        sse::appendJsonString(m_out, name);
        m_out.append(':');
    }
    void string(QByteArrayView name, QByteArrayView value)
    {
        key(name);
        sse::appendJsonString(m_out, value);
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
    // What the server sent with it (a refused response's body, an `event: error`'s data),
    // as received; a view of it, not a copy of the whole.
    if (!error.body.isEmpty())
        w.string("body", QString::fromUtf8(error.body).toUtf8()); // repairs invalid UTF-8
    w.end();
}

} // namespace

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
    case Format::Transcript: // responses, not events: appendTranscriptRecord()
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

void Formatter::appendJsonl(QByteArray &out, int stream, const sse::Event &event)
{
    sse::appendJsonLine(out, event, stream);
}

void Formatter::appendRaw(QByteArray &out, const sse::Event &event)
{
    m_raw.append(out, event);
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
        w.string("dueAt", sse::isoTimestamp(r.dueAtMs));
    }
    if (r.cleanEnd)
        w.boolean("cleanEnd", *r.cleanEnd);
    if (r.error) {
        w.key("error");
        appendError(out, *r.error);
    }
    w.string("at", sse::isoTimestamp(r.atMs));
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

void Formatter::appendTranscriptRecord(QByteArray &out, int stream, const sse::LlmResponse &r)
{
    const sse::LlmTiming t = r.timing();
    ObjectWriter w(out);
    w.integer("stream", stream);
    w.string("shape", sse::llmShapeName(r.shape).toUtf8());
    w.string("state", sse::LlmResponse::stateName(r.state).toUtf8());
    w.string("id", r.id.toUtf8());
    w.string("model", r.model.toUtf8());
    w.string("text", r.text().toUtf8());
    const QString thinking = r.thinking();
    if (!thinking.isEmpty())
        w.string("thinking", thinking.toUtf8());
    w.key("toolCalls");
    out.append('[');
    bool first = true;
    for (const sse::LlmPart &part : r.parts) {
        if (part.kind != sse::LlmPart::Kind::ToolCall)
            continue;
        if (!first)
            out.append(',');
        first = false;
        ObjectWriter call(out);
        call.string("id", part.toolId.toUtf8());
        call.string("name", part.toolName.toUtf8());
        call.string("arguments", part.text.toUtf8());
        call.end();
    }
    out.append(']');
    w.string("stopReason", r.stopReason.toUtf8());
    w.raw("usage", QJsonDocument(r.usage).toJson(QJsonDocument::Compact));
    if (r.state == sse::LlmResponse::State::Failed) {
        w.key("error");
        ObjectWriter error(out);
        error.string("code", r.error.code.toUtf8());
        error.string("message", r.error.message.toUtf8());
        error.end();
    }
    w.integer("ttftMs", t.ttftMs);
    w.integer("chunks", t.chunks);
    w.raw("chunksPerSecond", QByteArray::number(t.chunksPerSecond, 'f', 1));
    w.integer("gapP50Ms", t.gapP50Ms);
    w.integer("gapP99Ms", t.gapP99Ms);
    w.integer("longestStallMs", t.longestStallMs);
    w.integer("stallAtChar", t.stallAtChar);
    w.integer("durationMs", t.durationMs);
    w.end();
    out.append('\n');
}

void Formatter::appendDiagnostics(QByteArray &out, DiagnoseFormat format,
                                  const QList<const sse::Diagnostics *> &streams)
{
    if (format == DiagnoseFormat::Text) {
        for (qsizetype i = 0; i < streams.size(); ++i) {
            if (i > 0)
                out.append('\n');
            if (streams.size() > 1)
                out.append("Stream " + QByteArray::number(i) + '\n');
            out.append(streams.at(i)->toText().toUtf8());
        }
        return;
    }
    QJsonArray list;
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    for (qsizetype i = 0; i < streams.size(); ++i) {
        QJsonObject report = streams.at(i)->toJson();
        const QJsonObject summary = report.value(QStringLiteral("summary")).toObject();
        errors += summary.value(QStringLiteral("errors")).toInt();
        warnings += summary.value(QStringLiteral("warnings")).toInt();
        infos += summary.value(QStringLiteral("infos")).toInt();
        report.insert(QStringLiteral("stream"), int(i));
        list.append(report);
    }
    const QJsonObject root{{QStringLiteral("streams"), list},
                           {QStringLiteral("summary"),
                            QJsonObject{{QStringLiteral("errors"), errors},
                                        {QStringLiteral("warnings"), warnings},
                                        {QStringLiteral("infos"), infos}}}};
    out.append(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

} // namespace ssecat
