#pragma once

#include "eventformat.h"
#include "eventsource.h"
#include "options.h"
#include "types.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QUrl>

#include <limits>
#include <optional>

namespace sse {
class Diagnostics;
struct LlmResponse;
}

namespace ssecat {

/** One --states record. Printed with the keys in this order, absent ones left out:
 *    {"stream":0,"state":"connecting|open|closed","record":"state|reconnect|error",
 *     "attempt":N,"maxRetries":N,"status":200,"url":"…","reason":"user|server|failed",
 *     "delayMs":N,"dueAt":"<ISO>","cleanEnd":true,
 *     "error":{"kind":"…","message":"…","httpStatus":N,"permanent":false},"at":"<ISO>"}
 *  record "state":     a state change; "open" carries the accepted status and final URL,
 *                      "connecting" the requested URL, "closed" the reason.
 *  record "reconnect": a reconnect was scheduled (state "connecting"): attempt, maxRetries
 *                      (-1 = unlimited), delayMs, dueAt, cleanEnd and the error that ended the
 *                      previous connection.
 *  record "error":     an error was reported; state is the source's state at that moment.
 *  "attempt" numbers the connection attempt: 0 for the first connection, n for the n-th
 *  consecutive reconnect (the count restarts once a response is accepted). */
struct StateRecord
{
    enum class Kind { State, Reconnect, Error };
    Kind kind = Kind::State;
    sse::EventSource::State state = sse::EventSource::State::Connecting;
    int attempt = 0;
    std::optional<int> maxRetries;
    int status = 0;                       ///< 0 = not printed
    QUrl url;                             ///< empty = not printed
    std::optional<sse::EventSource::CloseReason> closeReason;
    std::optional<qint64> delayMs;
    qint64 dueAtMs = 0;
    std::optional<bool> cleanEnd;
    std::optional<sse::Error> error;
    qint64 atMs = 0;
};

/** Totals printed by --format count. */
struct Totals
{
    qint64 events = 0;
    qint64 bodyBytes = 0;
    qint64 dataBytes = 0;
    qint64 elapsedNs = 0;
};

/** Turns events and records into output bytes, appended to a caller-owned buffer.
 *
 *  jsonl: {"stream":0,"type":"…","data":"…","lastEventId":"…"[,"id":"…"],"receivedAt":"<ISO>"}
 *  with "id" only when the event's own block carried an `id` field.
 *  raw: a text/event-stream that parses back to the same events (type, data, last event ID
 *  and whether the event carried an id); all streams are merged into one.
 *
 *  Both come from core's eventformat (the exporters write the same records); the raw format
 *  remembers the last `id` it wrote so that it repeats ids only when they change. */
class Formatter
{
public:
    explicit Formatter(Format format);

    Format format() const { return m_format; }

    /** Appends one event in the format (nothing for count). */
    void appendEvent(QByteArray &out, int stream, const sse::Event &event);
    void appendEvents(QByteArray &out, int stream, const QList<sse::Event> &events,
                      qsizetype count);

    static void appendStateRecord(QByteArray &out, int stream, const StateRecord &record);
    /** {"events":N,"bytes":N,"dataBytes":N,"seconds":S,"eventsPerSecond":N} + LF */
    static void appendTotals(QByteArray &out, const Totals &totals);

    /** The --diagnose report of \a streams (index = stream number).
     *  text: each stream's Diagnostics::toText(), headed "Stream N" when there are several;
     *  json: one indented document {"streams":[{"stream":0, <Diagnostics::toJson()>...}],
     *        "summary":{"errors":N,"warnings":N,"infos":N}}. */
    static void appendDiagnostics(QByteArray &out, DiagnoseFormat format,
                                  const QList<const sse::Diagnostics *> &streams);

    /** One --format transcript record, after the response's text, keys in this order:
     *  {"stream":0,"shape":"openai-chat|openai-responses|anthropic|generic",
     *   "state":"complete|incomplete|failed","id":"…","model":"…","text":"…","thinking":"…",
     *   "toolCalls":[{"id":"…","name":"…","arguments":"…"}],"stopReason":"…","usage":{…},
     *   "error":{"code":"…","message":"…"},"ttftMs":N,"chunks":N,"chunksPerSecond":N,
     *   "gapP50Ms":N,"gapP99Ms":N,"longestStallMs":N,"stallAtChar":N,"durationMs":N}
     *  "thinking" and "error" only when there are any; ttftMs and the gaps are -1 when not
     *  measured (no chunk, fewer than two chunks). */
    static void appendTranscriptRecord(QByteArray &out, int stream, const sse::LlmResponse &response);

    static QByteArrayView stateName(sse::EventSource::State state);
    static QByteArrayView closeReasonName(sse::EventSource::CloseReason reason);

private:
    void appendJsonl(QByteArray &out, int stream, const sse::Event &event);
    void appendRaw(QByteArray &out, const sse::Event &event);

    Format m_format;
    sse::EventStreamWriter m_raw;         // remembers the last id the raw output set
};

} // namespace ssecat
