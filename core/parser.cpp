#include "parser.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <limits>
#include <mutex>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

Q_LOGGING_CATEGORY(lcParser, "sse.parser", QtInfoMsg)

namespace sse {

namespace {

/** The most Parser::m_joined keeps between events. */
constexpr qsizetype JoinedKeepBytes = 64 * 1024;

const QByteArray &messageType()
{
    static const QByteArray type = QByteArrayLiteral("message");
    return type;
}

/** Event types are few and repeat: each distinct short type is stored once for the life of the
 *  process, and events refer to it as raw data, so copying or destroying an event's type
 *  touches no reference count. Bounded: at most MaxTypes types of at most MaxTypeBytes each
 *  (about 64 KiB); others are ordinary copies. */
class TypeTable
{
public:
    static constexpr qsizetype MaxTypes = 1024;
    static constexpr qsizetype MaxTypeBytes = 63;

    static QByteArray intern(QByteArrayView type)
    {
        if (type.isEmpty() || type.size() > MaxTypeBytes)
            return type.toByteArray();
        static TypeTable table;
        std::lock_guard lock(table.m_mutex);
        const auto known = table.m_types.constFind(QByteArray::fromRawData(type.data(), type.size()));
        if (known != table.m_types.constEnd())
            return *known;
        if (table.m_types.size() >= MaxTypes)
            return type.toByteArray();
        char *const at = table.m_storage[table.m_types.size()];
        std::memcpy(at, type.data(), size_t(type.size()));
        at[type.size()] = '\0';
        return *table.m_types.insert(QByteArray::fromRawData(at, type.size()));
    }

private:
    std::mutex m_mutex;
    QSet<QByteArray> m_types;
    char m_storage[MaxTypes][MaxTypeBytes + 1];
};

#if defined(__SSE2__)
/** Skips the 64-byte blocks from \a p that hold no CR or LF; returns where the first block
 *  with one, or the last bytes short of a block, begin. Sets \a highBit as findLineBreak(). */
const char *skipBlocksWithoutBreaks(const char *p, const char *end, bool &highBit)
{
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    const auto isBreak = [lf, cr](__m128i v) {
        return _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr));
    };
    __m128i high = _mm_setzero_si128();
    while (end - p >= 64) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16));
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 32));
        const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 48));
        const __m128i breaks = _mm_or_si128(_mm_or_si128(isBreak(a), isBreak(b)),
                                            _mm_or_si128(isBreak(c), isBreak(d)));
        if (_mm_movemask_epi8(breaks))
            break;
        high = _mm_or_si128(high, _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d)));
        p += 64;
    }
    if (_mm_movemask_epi8(high))
        highBit = true;
    return p;
}
#endif

/** Finds the first CR or LF in [p, end); returns end if there is none. Sets \a highBit when a
 *  byte >= 0x80 was seen before the returned position, so ASCII lines skip UTF-8 checks. */
const char *findLineBreak(const char *p, const char *end, bool &highBit)
{
#if defined(__SSE2__)
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    // 16 bytes a step for a line's first 128 bytes, where most lines end, then 64 bytes a step.
    for (int step = 0; end - p >= 16; ++step) {
        if (step == 8) {
            p = skipBlocksWithoutBreaks(p, end, highBit);
            if (end - p < 16)
                break;
        }
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const int breaks = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lf),
                                                          _mm_cmpeq_epi8(v, cr)));
        const int high = _mm_movemask_epi8(v);
        if (breaks) {
            const int i = __builtin_ctz(static_cast<unsigned>(breaks));
            if (high & ((1 << i) - 1))
                highBit = true;
            return p + i;
        }
        if (high)
            highBit = true;
        p += 16;
    }
#endif
    for (; p < end; ++p) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c == '\n' || c == '\r')
            return p;
        if (c & 0x80)
            highBit = true;
    }
    return end;
}

/** Strict UTF-8 (RFC 3629) as a DFA whose transitions on one byte are packed into one
 *  64-bit word: a state is a shift amount, and the next state is the six bits of the byte's
 *  word at that shift. Error is 0, and its bits are 0 in every word, so it stays. */
namespace utf8 {

enum State : int {
    Error = 0, Accept = 6, Need1 = 12, Need2 = 18, Need3 = 24,
    AfterE0 = 30, AfterED = 36, AfterF0 = 42, AfterF4 = 48
};

constexpr std::array<quint64, 256> transitions = [] {
    std::array<quint64, 256> t{};
    const auto on = [&t](State from, State to, int first, int last) {
        for (int b = first; b <= last; ++b)
            t[size_t(b)] |= quint64(to) << from;
    };
    on(Accept, Accept, 0x00, 0x7F);
    on(Accept, Need1, 0xC2, 0xDF);
    on(Accept, AfterE0, 0xE0, 0xE0);   // E0 A0..BF: no overlong 3-byte forms
    on(Accept, Need2, 0xE1, 0xEC);
    on(Accept, AfterED, 0xED, 0xED);   // ED 80..9F: no surrogates
    on(Accept, Need2, 0xEE, 0xEF);
    on(Accept, AfterF0, 0xF0, 0xF0);   // F0 90..BF: no overlong 4-byte forms
    on(Accept, Need3, 0xF1, 0xF3);
    on(Accept, AfterF4, 0xF4, 0xF4);   // F4 80..8F: nothing above U+10FFFF
    on(Need1, Accept, 0x80, 0xBF);
    on(Need2, Need1, 0x80, 0xBF);
    on(Need3, Need2, 0x80, 0xBF);
    on(AfterE0, Need1, 0xA0, 0xBF);
    on(AfterED, Need1, 0x80, 0x9F);
    on(AfterF0, Need2, 0x90, 0xBF);
    on(AfterF4, Need2, 0x80, 0x8F);
    return t;
}();

} // namespace utf8

/** True when \a in is valid UTF-8. ASCII runs are skipped 16 bytes at a time, the rest goes
 *  through the DFA above: a table load and a shift per byte, no branch per character (a check
 *  per sequence mispredicts where 3- and 4-byte characters mix, as CJK text and emoji do);
 *  decodeUtf8() repairs the lines that fail. */
bool isValidUtf8(QByteArrayView in)
{
    const auto *s = reinterpret_cast<const unsigned char *>(in.data());
    const auto *const end = s + in.size();
    quint64 state = utf8::Accept;
    while (s < end) {
#if defined(__SSE2__)
        if ((state & 63) == utf8::Accept && end - s >= 16
            && _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(s))) == 0) {
            s += 16;
            continue;
        }
#endif
        const auto *const stop = end - s > 16 ? s + 16 : end;
        for (; s < stop; ++s)
            state = utf8::transitions[*s] >> (state & 63);
        if ((state & 63) == utf8::Error)
            return false;
    }
    return (state & 63) == utf8::Accept;
}

/** WHATWG "UTF-8 decode" of one line: copies \a in to \a out, replacing each maximal
 *  invalid subpart with U+FFFD. Returns true when \a in was valid (then \a out is unused). */
bool decodeUtf8(QByteArrayView in, QByteArray &out)
{
    static constexpr char replacement[] = "\xEF\xBF\xBD";
    const auto *s = reinterpret_cast<const unsigned char *>(in.data());
    const qsizetype n = in.size();
    qsizetype i = 0;
    qsizetype copiedUpTo = 0;   // bytes of `in` already accounted for in `out`
    bool valid = true;

    auto replace = [&](qsizetype from, qsizetype to) {
        if (valid) {
            out.clear();
            out.reserve(n + 8);
            valid = false;
        }
        out.append(in.data() + copiedUpTo, from - copiedUpTo);
        out.append(replacement, 3);
        copiedUpTo = to;
    };

    while (i < n) {
        const unsigned char b = s[i];
        if (b < 0x80) {
            ++i;
            continue;
        }
        int needed;
        unsigned char lower = 0x80, upper = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            needed = 2;
            if (b == 0xE0) lower = 0xA0;
            if (b == 0xED) upper = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            needed = 3;
            if (b == 0xF0) lower = 0x90;
            if (b == 0xF4) upper = 0x8F;
        } else {
            replace(i, i + 1);
            ++i;
            continue;
        }
        qsizetype j = i + 1;
        int seen = 0;
        while (seen < needed && j < n && s[j] >= lower && s[j] <= upper) {
            lower = 0x80;
            upper = 0xBF;
            ++j;
            ++seen;
        }
        if (seen < needed)
            replace(i, j); // the maximal subpart [i, j) becomes one U+FFFD; s[j] is reprocessed
        i = j;
    }
    if (valid)
        return true;
    out.append(in.data() + copiedUpTo, n - copiedUpTo);
    return false;
}

/** memcpy of a value of at most Parser::SmallValueBytes without a call: most are under 64
 *  bytes, where the call and its size dispatch cost more than the copy. */
Q_ALWAYS_INLINE void copyShort(char *to, const char *from, qsizetype n)
{
#if defined(__SSE2__)
    const auto move16 = [](char *t, const char *f) {
        _mm_storeu_si128(reinterpret_cast<__m128i *>(t),
                         _mm_loadu_si128(reinterpret_cast<const __m128i *>(f)));
    };
    if (n >= 16) {
        for (qsizetype i = 0; i + 16 < n; i += 16)
            move16(to + i, from + i);
        move16(to + n - 16, from + n - 16); // the last block may overlap the one before
        return;
    }
    if (n >= 8) {
        quint64 head, tail;
        std::memcpy(&head, from, 8);
        std::memcpy(&tail, from + n - 8, 8);
        std::memcpy(to, &head, 8);
        std::memcpy(to + n - 8, &tail, 8);
        return;
    }
    if (n >= 4) {
        quint32 head, tail;
        std::memcpy(&head, from, 4);
        std::memcpy(&tail, from + n - 4, 4);
        std::memcpy(to, &head, 4);
        std::memcpy(to + n - 4, &tail, 4);
        return;
    }
    if (n > 0) {
        to[0] = from[0];
        to[n / 2] = from[n / 2];
        to[n - 1] = from[n - 1];
    }
#else
    std::memcpy(to, from, size_t(n));
#endif
}

/** \a a == \a b for short values without a memcmp call: an event type is usually the same
 *  few bytes as the block before's. */
Q_ALWAYS_INLINE bool sameShort(QByteArrayView a, QByteArrayView b)
{
    const qsizetype n = a.size();
    if (n != b.size())
        return false;
    const char *const x = a.data();
    const char *const y = b.data();
    const auto same = [](const char *p, const char *q, auto word) {
        decltype(word) u, v;
        std::memcpy(&u, p, sizeof u);
        std::memcpy(&v, q, sizeof v);
        return u == v;
    };
    if (n >= 8 && n <= 16) // two words, overlapping in the middle
        return same(x, y, quint64()) && same(x + n - 8, y + n - 8, quint64());
    if (n >= 4 && n < 8)
        return same(x, y, quint32()) && same(x + n - 4, y + n - 4, quint32());
    if (n < 4) {
        for (qsizetype i = 0; i < n; ++i) {
            if (x[i] != y[i])
                return false;
        }
        return true;
    }
    return std::memcmp(x, y, size_t(n)) == 0;
}

/** Appends \a line to \a to, after an LF if \a separated: QByteArray's append and insert are
 *  two calls with a general path each. \a to grows by doubling; a shared one (a copied
 *  parser's) is detached first. */
Q_NEVER_INLINE void appendLine(QByteArray &to, QByteArrayView line, bool separated)
{
    const qsizetype n = line.size() + (separated ? 1 : 0);
    const qsizetype size = to.size();
    QByteArray::DataPointer &d = to.data_ptr();
    if (d.needsDetach() || d.freeSpaceAtEnd() < n + 1)
        to.reserve(qMax(2 * to.capacity(), size + n + 1));
    char *at = d.data() + size;
    if (separated)
        *at++ = '\n';
    if (!line.isEmpty()) // an empty value may have no data pointer, which memcpy must not get
        std::memcpy(at, line.data(), size_t(line.size()));
    at[line.size()] = '\0';
    d.size = size + n;
}

/** Where the field name of \a line ends: at its first colon, or its end. The usual names are
 *  recognised by their first bytes, without scanning for the colon. */
Q_ALWAYS_INLINE qsizetype fieldEnd(QByteArrayView line)
{
    const char *const s = line.data();
    const qsizetype n = line.size();
    if (n >= 5 && std::memcmp(s, "data:", 5) == 0)
        return 4;
    if (n >= 3 && std::memcmp(s, "id:", 3) == 0)
        return 2;
    if (n >= 6 && std::memcmp(s, "event:", 6) == 0)
        return 5;
    for (qsizetype at = 0; at < n; ++at) {
        if (s[at] == ':')
            return at;
    }
    return n;
}

bool parseRetry(QByteArrayView value, qint64 &ms)
{
    if (value.isEmpty())
        return false;
    qint64 v = 0;
    for (const char c : value) {
        if (c < '0' || c > '9')
            return false;
        // Saturate instead of overflowing; a client clamps absurd delays anyway.
        v = v > (std::numeric_limits<qint64>::max() - 9) / 10 ? std::numeric_limits<qint64>::max()
                                                                : v * 10 + (c - '0');
    }
    ms = v;
    return true;
}

/** Lets go of many byte arrays' references with one atomic operation per run of arrays that
 *  share an allocation, where destroying them one by one costs one each: the events of a
 *  chunk hold their data and IDs in a few slabs (Parser::keep), in order. Subtracting n from
 *  a count at once is what n decrements do, so copies the consumer kept stay valid. */
class ReferenceBatch
{
public:
    ReferenceBatch() = default;
    Q_DISABLE_COPY_MOVE(ReferenceBatch)
    ~ReferenceBatch() { flush(); }

    /** Empties \a value; its reference is given back at the next flush(). */
    void drop(QByteArray &value)
    {
        QByteArray::DataPointer &p = value.data_ptr();
        if (p.d == nullptr)
            return; // raw data (interned types, literals): no count to touch
        if (p.d != m_d) {
            flush();
            m_d = p.d;
        }
        ++m_count;
        p.d = nullptr;
        p.ptr = nullptr;
        p.size = 0;
    }

    void flush()
    {
        if (m_d && m_d->ref_.fetchAndSubOrdered(m_count) == m_count)
            QTypedArrayData<char>::deallocate(m_d);
        m_d = nullptr;
        m_count = 0;
    }

private:
    QTypedArrayData<char> *m_d = nullptr;
    int m_count = 0;
};

} // namespace

void ParseResult::clear()
{
    // A list shared with a consumer only loses this reference to it; otherwise its events go
    // now, their slab references in batches.
    if (events.isDetached()) {
        ReferenceBatch batch;
        for (Event &e : events) {
            batch.drop(e.data);
            batch.drop(e.lastEventId);
        }
    }
    events.clear();
    comments.clear();
    retryMs.reset();
    errors.clear();
}

bool ParseResult::isEmpty() const
{
    return events.isEmpty() && comments.isEmpty() && !retryMs && errors.isEmpty();
}

Parser::Parser(qsizetype maxEventBytes)
    : m_maxEventBytes(qMax<qsizetype>(maxEventBytes, 1))
{
}

void Parser::setMaxEventBytes(qsizetype bytes)
{
    m_maxEventBytes = qMax<qsizetype>(bytes, 1);
}

void Parser::setLastEventId(const QByteArray &id)
{
    m_lastEventId = id;
    m_pendingId = QByteArray();
    m_hasPendingId = false;
}

bool Parser::hasPendingBlock() const
{
    return !m_line.isEmpty() || m_skipLine || m_skipBlock || m_inBlock;
}

void Parser::reset()
{
    m_line.clear();
    m_lineHighBit = false;
    resetBlock();
    m_skipLine = false;
    m_skipBlock = false;
    m_afterCR = false;
    m_atStreamStart = true;
}

void Parser::resetBlock()
{
    m_data.clear();
    if (m_joined.capacity() > JoinedKeepBytes)
        m_joined = QByteArray();
    else
        m_joined.resize(0);
    m_dataLines = 0;
    m_hasType = false;
    m_pendingId.clear();
    m_hasPendingId = false;
    m_inBlock = false;
}

void Parser::feed(QByteArrayView chunk, ParseResult &out)
{
    const char *p = chunk.data();
    const char *const end = p + chunk.size();

    if (m_afterCR && p < end) {
        m_afterCR = false;
        if (*p == '\n')
            ++p; // the LF of a CRLF split across chunks; its CR already ended the line
    }

    while (p < end) {
        bool highBit = false;
        const char *lineEnd = findLineBreak(p, end, highBit);
        const qsizetype length = lineEnd - p;

        if (lineEnd == end) {
            // Partial line: keep it for the next chunk, within the size cap.
            if (!m_skipLine) {
                if (m_line.size() + length > m_maxEventBytes) {
                    overflow(out);
                    m_skipLine = true;
                } else {
                    m_line.append(p, length);
                    m_lineHighBit |= highBit;
                }
            }
            break;
        }

        if (m_skipLine) {
            m_skipLine = false; // the over-long line ends here; it was already reported
        } else if (!m_line.isEmpty()) {
            if (m_line.size() + length > m_maxEventBytes) {
                overflow(out);
            } else {
                m_line.append(p, length);
                processLine(m_line, m_lineHighBit || highBit, out);
            }
            m_line.clear();
            m_lineHighBit = false;
        } else if (length > m_maxEventBytes) {
            overflow(out);
        } else {
            processLine(QByteArrayView(p, length), highBit, out);
        }

        // Consume the line break. A CR at the very end of the chunk ends the line now (no
        // waiting for the next byte); an LF starting the next chunk is then skipped.
        if (*lineEnd == '\r') {
            if (lineEnd + 1 < end) {
                if (lineEnd[1] == '\n')
                    ++lineEnd;
            } else {
                m_afterCR = true;
            }
        }
        p = lineEnd + 1;
    }
}

void Parser::overflow(ParseResult &out)
{
    // One error per over-large block; everything up to its blank line is discarded.
    m_line.clear();
    m_lineHighBit = false;
    m_atStreamStart = false;
    if (m_skipBlock)
        return;
    m_skipBlock = true;
    resetBlock(); // the skipped block's data, type and id are all discarded
    qCDebug(lcParser) << "event larger than" << m_maxEventBytes << "bytes discarded";
    out.errors.append(Error{
        ErrorKind::Protocol,
        QCoreApplication::translate("sse::Parser",
                                    "An event larger than the limit of %1 bytes was discarded.")
            .arg(m_maxEventBytes),
        0, false});
}

Q_ALWAYS_INLINE void Parser::processLine(QByteArrayView line, bool maybeInvalid, ParseResult &out)
{
    if (maybeInvalid && !isValidUtf8(line) && !decodeUtf8(line, m_scratch))
        line = m_scratch;
    if (m_atStreamStart) {
        m_atStreamStart = false;
        if (line.startsWith("\xEF\xBB\xBF"))
            line = line.sliced(3);
    }

    if (line.isEmpty()) {
        if (m_skipBlock) {
            m_skipBlock = false;
            resetBlock();
            return;
        }
        dispatch(out);
        return;
    }
    if (m_skipBlock)
        return;
    m_inBlock = true;

    if (line.front() == ':') {
        out.comments.append(line.sliced(1).toByteArray());
        return;
    }

    const qsizetype colon = fieldEnd(line);
    QByteArrayView value;
    if (colon < line.size()) {
        value = line.sliced(colon + 1);
        if (!value.isEmpty() && value.front() == ' ')
            value = value.sliced(1);
    }
    processField(line.first(colon), value, out);
}

Q_ALWAYS_INLINE void Parser::processField(QByteArrayView field, QByteArrayView value, ParseResult &out)
{
    // The switch has checked the length, so a fixed-size comparison decides the name.
    const auto is = [field](const auto &name) {
        return std::memcmp(field.data(), name, sizeof name - 1) == 0;
    };
    switch (field.size()) {
    case 4:
        if (is("data")) {
            // Lines are joined with LF as they come, so no trailing LF needs removing later.
            const qsizetype separator = m_dataLines > 0 ? 1 : 0;
            const qsizetype size = m_dataLines > 1 ? m_joined.size() : m_data.size();
            if (size + separator + value.size() > m_maxEventBytes) {
                overflow(out);
                return;
            }
            if (m_dataLines == 0) {
                m_data = keep(value);
            } else {
                // Joined in a buffer that keeps its capacity from event to event: appending
                // to the first line's value would detach it and grow it a few times per event.
                if (m_dataLines == 1) {
                    appendLine(m_joined, m_data, false);
                    m_slab.drop(m_data);
                }
                appendLine(m_joined, value, true);
            }
            ++m_dataLines;
        }
        break;
    case 5:
        if (is("event")) {
            // Repeated types share one buffer, so dispatch costs a reference, not a copy.
            if (!sameShort(value, m_lastType))
                m_lastType = TypeTable::intern(value);
            m_hasType = !value.isEmpty();
        } else if (is("retry")) {
            qint64 ms;
            if (parseRetry(value, ms))
                out.retryMs = ms;
        }
        break;
    case 2:
        // IDs are short: a plain loop, not a call of memchr per event.
        if (is("id") && std::find(value.begin(), value.end(), '\0') == value.end()) {
            m_pendingId = keep(value);
            m_hasPendingId = true;
        }
        break;
    default:
        break; // any other field is ignored
    }
}

Q_ALWAYS_INLINE QByteArray Parser::keep(QByteArrayView value)
{
    // A QByteArray may point into the middle of its allocation (Qt 6 does so itself after
    // removing from the front), so values can share one reference-counted slab: each holds a
    // reference, and whoever changes one detaches first because the count is above one. The
    // bytes of the slab past its size are written only here, and each value is followed
    // by a NUL as QByteArray promises.
    const qsizetype n = value.size();
    if (n == 0 || n > SmallValueBytes)
        return value.toByteArray();
    if (m_slab.bytes.capacity() - m_slab.bytes.size() < n + 1)
        m_slab.renew();
    QByteArray::DataPointer &slab = m_slab.bytes.data_ptr();
    char *const at = slab.data() + slab.size;
    copyShort(at, value.data(), n);
    at[n] = '\0';
    slab.size += n + 1;
    return m_slab.share(at, n);
}

Q_NEVER_INLINE QByteArray Parser::takeJoined()
{
    // A large event takes the buffer itself (its spare capacity with it); a smaller one a copy
    // of the exact size, and the buffer stays for the next event.
    if (m_joined.size() > JoinedKeepBytes)
        return std::exchange(m_joined, QByteArray());
    QByteArray data = keep(m_joined);
    m_joined.resize(0);
    return data;
}

Parser::Slab &Parser::Slab::operator=(const Slab &other)
{
    if (this != &other)
        release();
    return *this;
}

void Parser::Slab::release()
{
    if (refsLeft > 0)
        bytes.data_ptr().d_ptr()->ref_.fetchAndSubOrdered(refsLeft);
    refsLeft = 0;
    bytes = QByteArray();
}

void Parser::Slab::renew()
{
    release();
    bytes.reserve(SlabBytes);
    // Each value takes at least two bytes (one and its NUL): SlabBytes references cover every
    // value and more; copies of the last event ID renew the reservation when it runs out.
    refsLeft = int(SlabBytes);
    bytes.data_ptr().d_ptr()->ref_.fetchAndAddRelaxed(refsLeft);
}

Q_ALWAYS_INLINE QByteArray Parser::Slab::share(char *at, qsizetype n)
{
    auto *const d = bytes.data_ptr().d_ptr();
    if (refsLeft == 0) {
        refsLeft = int(SlabBytes);
        d->ref_.fetchAndAddRelaxed(refsLeft);
    }
    --refsLeft;
    return QByteArray(QByteArray::DataPointer(d, at, n));
}

Q_ALWAYS_INLINE QByteArray Parser::Slab::copy(QByteArray &value)
{
    QByteArray::DataPointer &p = value.data_ptr();
    if (p.d == nullptr || p.d != bytes.data_ptr().d)
        return value;
    return share(p.ptr, p.size);
}

Q_ALWAYS_INLINE void Parser::Slab::drop(QByteArray &value)
{
    QByteArray::DataPointer &p = value.data_ptr();
    if (p.d == nullptr || p.d != bytes.data_ptr().d) {
        value = QByteArray();
        return;
    }
    p.d = nullptr;    // the reference is not released: the reservation has it again
    p.ptr = nullptr;
    p.size = 0;
    ++refsLeft;
}

void Parser::dispatch(ParseResult &out)
{
    // The last event ID buffer becomes the stream's last event ID only here, at a blank line.
    const bool blockHasId = m_hasPendingId;
    if (m_hasPendingId) {
        m_slab.drop(m_lastEventId);
        m_lastEventId = std::move(m_pendingId);
        m_hasPendingId = false;
    }
    if (m_dataLines == 0) {
        m_hasType = false;
        m_inBlock = false;
        return;
    }
    // Constructed in place from its members where the compiler can (C++20 parenthesised
    // aggregate initialisation; not clang before 16, which builds the fuzzer): a temporary
    // costs a move of each member, about 3 % of the small-event rate.
#if defined(__cpp_aggregate_paren_init)
    out.events.emplaceBack(m_hasType ? m_lastType : messageType(),
                           m_dataLines < 2 ? std::move(m_data) : takeJoined(),
                           m_slab.copy(m_lastEventId), qint64(0), blockHasId);
#else
    out.events.emplaceBack(Event{m_hasType ? m_lastType : messageType(),
                                 m_dataLines < 2 ? std::move(m_data) : takeJoined(),
                                 m_slab.copy(m_lastEventId), 0, blockHasId});
#endif
    m_dataLines = 0;
    m_hasType = false;
    m_inBlock = false;
}

} // namespace sse
