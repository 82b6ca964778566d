// libFuzzer target for sse::Parser (issue 6, "Hostile input"). Build and run: see README.md.
//
// Input layout: byte 0 holds flags, the next few bytes say where chunk boundaries fall, and the
// rest is the response body. So the fuzzer mutates the split points as well as the bytes.
//   byte 0, bits 0-3: n, the number of chunk-length bytes that follow (0 = feed in one piece)
//   byte 0, bits 4-5: the event size cap: 4096, 512, 64 or 8 bytes (small caps reach the
//                     overflow paths with small inputs)
//   bytes 1..n:       chunk lengths, used in turn; 0 feeds an empty chunk
//
// Every input is parsed three times: whole, in chunks, and whole again after reset() on the
// chunked parser. All three must agree, and every feed's output must satisfy the invariants
// the parser documents. A violation prints what failed and aborts, which libFuzzer reports as
// a crash and saves as crash-<sha1>.

#include "parser.h"

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &value = QByteArray())
{
    std::fprintf(stderr, "fuzz_parser: invariant violated: %s\n", what);
    if (!value.isNull())
        std::fprintf(stderr, "  value (%lld bytes, hex): %s\n", static_cast<long long>(value.size()),
                     value.left(256).toHex(' ').constData());
    std::abort();
}

#define CHECK(cond, ...) \
    do { \
        if (!(cond)) \
            fail(#cond __VA_OPT__(, ) __VA_ARGS__); \
    } while (false)

/** Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. Written
 *  here rather than taken from Qt or the parser so that it is an independent check. */
bool isValidUtf8(QByteArrayView bytes)
{
    const auto *s = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char b = s[i];
        int extra;
        std::uint32_t cp;
        if (b < 0x80) {
            ++i;
            continue;
        } else if ((b & 0xE0) == 0xC0) {
            extra = 1;
            cp = b & 0x1F;
        } else if ((b & 0xF0) == 0xE0) {
            extra = 2;
            cp = b & 0x0F;
        } else if ((b & 0xF8) == 0xF0) {
            extra = 3;
            cp = b & 0x07;
        } else {
            return false; // a continuation byte first, or 0xF8..0xFF
        }
        if (n - i <= extra)
            return false;
        for (int k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        static constexpr std::uint32_t minimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

/** Everything a run produced, over all its feeds. */
struct Outcome
{
    QList<sse::Event> events;
    QList<QByteArray> comments;
    std::optional<qint64> lastRetryMs;
    qsizetype errors = 0;
    QByteArray lastEventId;
    bool pending = false;
};

/** Checks one feed's output against the documented guarantees and appends it to \a total. */
void checkAndCollect(const sse::ParseResult &result, qsizetype cap, Outcome &total)
{
    for (const sse::Event &event : result.events) {
        CHECK(isValidUtf8(event.type), event.type);
        CHECK(isValidUtf8(event.data), event.data);
        CHECK(isValidUtf8(event.lastEventId), event.lastEventId);
        CHECK(!event.type.isEmpty());
        CHECK(event.data.size() <= cap, event.data);
        // A line is capped before decoding, and U+FFFD (3 bytes) may replace a single byte.
        CHECK(event.type.size() <= 3 * cap, event.type);
        CHECK(event.lastEventId.size() <= 3 * cap, event.lastEventId);
        CHECK(!event.lastEventId.contains('\0'), event.lastEventId);
        CHECK(event.receivedAtMs == 0);
        total.events.append(event);
    }
    for (const QByteArray &comment : result.comments) {
        CHECK(isValidUtf8(comment), comment);
        CHECK(comment.size() <= 3 * cap, comment);
        total.comments.append(comment);
    }
    if (result.retryMs) {
        CHECK(*result.retryMs >= 0);
        total.lastRetryMs = result.retryMs;
    }
    for (const sse::Error &error : result.errors) {
        CHECK(error.kind == sse::ErrorKind::Protocol);
        CHECK(!error.message.isEmpty());
    }
    total.errors += result.errors.size();
}

void finish(const sse::Parser &parser, Outcome &total)
{
    CHECK(!parser.lastEventId().contains('\0'), parser.lastEventId());
    CHECK(isValidUtf8(parser.lastEventId()), parser.lastEventId());
    total.lastEventId = parser.lastEventId();
    total.pending = parser.hasPendingBlock();
}

void feedWhole(sse::Parser &parser, QByteArrayView body, qsizetype cap, Outcome &total)
{
    sse::ParseResult result;
    parser.feed(body, result);
    checkAndCollect(result, cap, total);
    finish(parser, total);
}

void requireSame(const Outcome &a, const Outcome &b, const char *what)
{
    if (a.events.size() != b.events.size())
        fail(what, QByteArray("event count differs: ") + QByteArray::number(a.events.size())
                       + " vs " + QByteArray::number(b.events.size()));
    for (qsizetype i = 0; i < a.events.size(); ++i) {
        const sse::Event &x = a.events.at(i);
        const sse::Event &y = b.events.at(i);
        if (x.type != y.type || x.data != y.data || x.lastEventId != y.lastEventId
            || x.hasId != y.hasId)
            fail(what, QByteArray("event ") + QByteArray::number(i) + " differs: " + x.data
                           + " | " + y.data);
    }
    if (a.comments != b.comments)
        fail(what, QByteArray("comments differ"));
    if (a.lastRetryMs != b.lastRetryMs)
        fail(what, QByteArray("retry differs"));
    if (a.errors != b.errors)
        fail(what, QByteArray("error count differs"));
    if (a.lastEventId != b.lastEventId)
        fail(what, QByteArray("last event ID differs: ") + a.lastEventId + " | " + b.lastEventId);
    if (a.pending != b.pending)
        fail(what, QByteArray("hasPendingBlock() differs"));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    static constexpr qsizetype caps[] = {4096, 512, 64, 8};
    const qsizetype cap = caps[(data[0] >> 4) & 3];
    const std::size_t lengthCount = qMin<std::size_t>(data[0] & 0x0F, size - 1);
    const std::uint8_t *lengths = data + 1;
    const QByteArrayView body(reinterpret_cast<const char *>(data + 1 + lengthCount),
                              qsizetype(size - 1 - lengthCount));

    // 1. The reference: the whole body in one feed.
    sse::Parser whole(cap);
    Outcome reference;
    feedWhole(whole, body, cap, reference);

    // 2. The same body in chunks; the invariants are checked after every feed.
    sse::Parser chunked;
    chunked.setMaxEventBytes(cap);
    Outcome split;
    std::size_t lengthSum = 0;
    for (std::size_t i = 0; i < lengthCount; ++i)
        lengthSum += lengths[i];
    qsizetype at = 0;
    std::size_t next = 0;
    while (at < body.size()) {
        qsizetype n = body.size() - at;
        if (lengthCount > 0) {
            // All-zero lengths would never advance: then feed byte by byte.
            n = lengthSum == 0 ? 1 : qMin<qsizetype>(lengths[next++ % lengthCount], n);
        }
        sse::ParseResult result;
        chunked.feed(body.sliced(at, n), result);
        checkAndCollect(result, cap, split);
        at += n;
    }
    finish(chunked, split);
    requireSame(reference, split, "whole and chunked feeds disagree");

    // 3. reset() plus a cleared last event ID must make the chunked parser as good as new,
    //    whatever state (partial line, skipped block, CR at the end) the body left it in.
    chunked.reset();
    chunked.setLastEventId(QByteArray());
    Outcome again;
    feedWhole(chunked, body, cap, again);
    requireSame(reference, again, "a reset parser disagrees with a fresh one");
    return 0;
}
