#pragma once

#include "types.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace sse {

/** Everything one call of Parser::feed() produced, in arrival order per kind. */
struct ParseResult
{
    QList<Event> events;
    QList<QByteArray> comments;        ///< comment text after the ':' (UTF-8, as sent)
    std::optional<qint64> retryMs;     ///< the last valid `retry:` value in this chunk
    QList<Error> errors;               ///< ErrorKind::Protocol, e.g. an over-large event

    void clear();
    bool isEmpty() const;
};

/** Incremental parser for text/event-stream, implementing the WHATWG HTML rules of
 *  "Interpreting an event stream" exactly. Pure: bytes in, values out, no I/O or timers.
 *
 *  Memory is bounded by the event size cap: an event (its data) or any single line larger than
 *  the cap is reported once as a protocol error, and the whole block it belongs to (data, type
 *  and id) is discarded up to its blank line without being stored.
 *
 *  Small values (an event's data and id up to SmallValueBytes) are copied into shared slabs
 *  of SlabBytes rather than allocated one by one: the events of a chunk then cost one
 *  allocation instead of two each. An Event kept alive keeps at most one slab alive. */
class Parser
{
public:
    static constexpr qsizetype DefaultMaxEventBytes = 16 * 1024 * 1024;
    static constexpr qsizetype SlabBytes = 4096 - 64;     ///< one page with malloc's header
    static constexpr qsizetype SmallValueBytes = 256;

    explicit Parser(qsizetype maxEventBytes = DefaultMaxEventBytes);

    /** Parses one chunk of the response body; appends what it produced to \a out. */
    void feed(QByteArrayView chunk, ParseResult &out);

    /** Starts a new response: discards any unterminated block (its data, type and id) and
     *  partial line; keeps the last event ID committed by a blank line. */
    void reset();

    /** The stream's last event ID: only updated when a blank line is processed. */
    const QByteArray &lastEventId() const { return m_lastEventId; }
    void setLastEventId(const QByteArray &id);

    qsizetype maxEventBytes() const { return m_maxEventBytes; }
    void setMaxEventBytes(qsizetype bytes);

    /** True while an unterminated line or block is pending (it will be discarded at EOF). */
    bool hasPendingBlock() const;

private:
    void processLine(QByteArrayView line, bool maybeInvalid, ParseResult &out);
    void processField(QByteArrayView field, QByteArrayView value, ParseResult &out);
    void dispatch(ParseResult &out);
    void resetBlock();
    void overflow(ParseResult &out);
    QByteArray keep(QByteArrayView value);
    QByteArray takeJoined();

    qsizetype m_maxEventBytes;
    QByteArray m_line;               // partial line carried between chunks (raw bytes)
    QByteArray m_data;               // data buffer (UTF-8) while the block has one data line
    QByteArray m_joined;             // the data lines joined by LF from the second line on
    QByteArray m_lastType;           // the event type buffer's last value (TypeTable), shared with events
    QByteArray m_pendingId;          // the block's `id` value, committed at its blank line
    QByteArray m_lastEventId;        // the stream's last event ID
    QByteArray m_scratch;            // decoding buffer for lines with invalid UTF-8
    /** Small values are carved from it (see keep()). Writing past its size is safe only for
     *  its one parser, so a copied parser starts a slab of its own.
     *
     *  References to the slab come from a reservation added to its count in one step, so
     *  handing one out (a value, or an event's copy of the last event ID) or taking one back
     *  costs no atomic operation; the unused rest is subtracted when the slab is let go. */
    struct Slab
    {
        Slab() = default;
        Slab(const Slab &) { }
        Slab &operator=(const Slab &other);
        ~Slab() { release(); }
        /** Gives back the unused reserved references and lets the slab go. */
        void release();
        /** A new slab of SlabBytes with a fresh reservation. */
        void renew();
        /** A reference to \a n bytes at \a at inside the slab, from the reservation. */
        QByteArray share(char *at, qsizetype n);
        /** A copy of \a value: from the reservation when it lies in this slab. */
        QByteArray copy(QByteArray &value);
        /** Empties \a value; a reference to this slab returns to the reservation. */
        void drop(QByteArray &value);

        QByteArray bytes;
        int refsLeft = 0;
    };
    Slab m_slab;
    qsizetype m_dataLines = 0;       // data fields in the current block
    bool m_lineHighBit = false;      // m_line has bytes >= 0x80 (needs UTF-8 checking)
    bool m_hasType = false;          // the block set a non-empty event type (m_lastType)
    bool m_hasPendingId = false;
    bool m_inBlock = false;          // a field or comment line of the current block was seen
    bool m_skipLine = false;         // discarding an over-long line up to its end
    bool m_skipBlock = false;        // discarding an over-large event up to the blank line
    bool m_afterCR = false;          // the previous chunk ended with CR: drop a leading LF
    bool m_atStreamStart = true;     // a UTF-8 BOM may still be stripped
};

} // namespace sse
