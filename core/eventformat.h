#pragma once

// Event serialisation shared by the log exporters, the importers and ssecat: JSON Lines,
// RFC 4180 CSV and text/event-stream. Everything works on sse::Event and UTF-8 bytes only
// (no models, no QString on the hot path), appending to a caller-owned buffer.

#include "types.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace sse {

/** The file formats of the event log. */
enum class LogFormat {
    JsonLines,   ///< one JSON object per line (.jsonl); see appendJsonLine()
    Csv,         ///< RFC 4180, header row, CRLF records (.csv); export only
    EventStream  ///< text/event-stream (.sse); see EventStreamWriter
};

/** "jsonl", "csv" or "sse" (no dot). */
QString logFormatSuffix(LogFormat format);
/** The format a file name's suffix stands for (.jsonl/.ndjson, .csv, .sse/.txt), if any. */
std::optional<LogFormat> logFormatFromFileName(const QString &fileName);

/** Appends \a utf8 as a JSON string literal, quotes included. The bytes must be valid UTF-8
 *  (every sse::Event is): only '"', '\\' and control characters below 0x20 are escaped
 *  (\n \r \t \b \f, others as \u00XX); all other bytes are copied as they are. */
void appendJsonString(QByteArray &out, QByteArrayView utf8);

/** Appends "2026-11-22T10:00:00.123Z": ISO 8601, UTC, always with milliseconds. */
void appendIsoTimestamp(QByteArray &out, qint64 msSinceEpoch);
QByteArray isoTimestamp(qint64 msSinceEpoch);
/** Parses what appendIsoTimestamp() writes (fast path), or any ISO 8601 date-time with an
 *  offset or 'Z' that QDateTime accepts; a missing offset means UTC. */
std::optional<qint64> parseIsoTimestamp(QByteArrayView text);

/** Appends one JSON Lines record and its LF, keys in this order:
 *    {"stream":N,"type":"…","data":"…","lastEventId":"…","id":"…","receivedAt":"<ISO>"}
 *  "stream" only when \a stream >= 0 (ssecat's multi-stream output), "id" only when the
 *  event's block carried one (Event::hasId; it then equals lastEventId). */
void appendJsonLine(QByteArray &out, const Event &event, int stream = -1);

/** The CSV header record: "sequence,receivedAt,type,id,lastEventId,data" CRLF. */
QByteArray csvHeader();
/** Appends one RFC 4180 field: quoted (with quotes doubled) when it contains a comma, a quote,
 *  CR or LF, as is otherwise. */
void appendCsvField(QByteArray &out, QByteArrayView field);
/** Appends one CSV record and its CRLF: sequence, receivedAt (ISO), type, id (empty unless
 *  hasId), lastEventId, data. Line breaks inside data stay inside the quoted field. */
void appendCsvRow(QByteArray &out, const Event &event, qint64 sequence);

/** Writes events as a text/event-stream that any conforming parser reads back to the same
 *  events (type, data, lastEventId, hasId). Stateful: it remembers the last event ID the
 *  output has set, like the reading parser will.
 *  - `event: T` when the type is not "message" (an empty type also means "message");
 *  - `id: X` (a bare `id` for an empty ID) when the event carried its own id, or when the
 *    stream's last event ID changed without the event carrying one: that ID then goes into a
 *    block of its own, which sets the ID and dispatches nothing;
 *  - one `data:` line per LF-separated line of data, then a blank line.
 *  Values are always written after ": " because a parser strips exactly one leading space.
 *  Bytes no event from a parser can contain are normalised: CR and CRLF in data become line
 *  breaks (LF), CR and LF in a type or ID are dropped. */
class EventStreamWriter
{
public:
    /** \a lastEventId: the ID the reading parser starts with (empty for a fresh stream). */
    explicit EventStreamWriter(const QByteArray &lastEventId = {});

    void append(QByteArray &out, const Event &event);
    const QByteArray &lastEventId() const { return m_lastEventId; }

private:
    QByteArray m_lastEventId;
};

} // namespace sse
