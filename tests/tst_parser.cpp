// Tests for sse::Parser against the WHATWG HTML rules of "Interpreting an event stream"
// (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation)
// plus the UTF-8 decode rules of the Encoding standard it refers to.
//
// Every row of the main table is parsed three ways: in one feed, split into two feeds at every
// byte boundary, and one byte per feed. All three must produce exactly the expected values,
// because a network read can end anywhere (inside a CRLF, a UTF-8 sequence or a BOM).

#include "memory.h"
#include "parser.h"
#include "types.h"

#include <QByteArrayList>
#include <QFile>
#include <QTest>

#include <unistd.h>

#include <optional>

namespace {

/** A byte-exact literal: keeps embedded NUL bytes that QByteArray(const char *) would cut. */
template <std::size_t N>
QByteArray b(const char (&s)[N])
{
    return QByteArray(s, qsizetype(N - 1));
}

const QByteArray R = QByteArrayLiteral("\xEF\xBF\xBD"); // U+FFFD REPLACEMENT CHARACTER
const QByteArray Bom = QByteArrayLiteral("\xEF\xBB\xBF"); // U+FEFF as UTF-8
constexpr qint64 NoRetry = -1;
constexpr qsizetype DefaultCap = sse::Parser::DefaultMaxEventBytes;
constexpr qsizetype SmallCap = 64;

sse::Event ev(const QByteArray &data, const QByteArray &lastEventId = {}, bool hasId = false,
              const QByteArray &type = QByteArrayLiteral("message"))
{
    sse::Event e;
    e.type = type;
    e.data = data;
    e.lastEventId = lastEventId;
    e.hasId = hasId;
    return e;
}

sse::Event typed(const QByteArray &type, const QByteArray &data)
{
    return ev(data, {}, false, type);
}

/** Everything observable after parsing an input, accumulated over all feeds. */
struct Outcome
{
    QList<sse::Event> events;
    QByteArrayList comments;
    qint64 retry = NoRetry;        // the last valid retry value seen in any feed
    QByteArray lastEventId;        // Parser::lastEventId() after the last feed
    int protocolErrors = 0;
    int otherErrors = 0;           // errors of any other kind: always wrong for a parser
};

void collect(const sse::ParseResult &r, Outcome &o)
{
    o.events += r.events;
    o.comments += r.comments;
    if (r.retryMs)
        o.retry = *r.retryMs;
    for (const sse::Error &e : r.errors) {
        if (e.kind == sse::ErrorKind::Protocol)
            ++o.protocolErrors;
        else
            ++o.otherErrors;
    }
}

/** Feeds input[0, ends[0]), input[ends[0], ends[1]) ... input[ends.last(), size) to a fresh
 *  parser, clearing the result between feeds. */
Outcome parseInChunks(const QByteArray &input, const QList<qsizetype> &ends, qsizetype cap)
{
    sse::Parser parser(cap);
    sse::ParseResult result;
    Outcome o;
    qsizetype pos = 0;
    auto feedTo = [&](qsizetype end) {
        result.clear();
        parser.feed(QByteArrayView(input).sliced(pos, end - pos), result);
        collect(result, o);
        pos = end;
    };
    for (qsizetype end : ends)
        feedTo(end);
    feedTo(input.size());
    o.lastEventId = parser.lastEventId();
    return o;
}

QByteArray escaped(QByteArrayView bytes)
{
    QByteArray out = QByteArrayLiteral("\"");
    for (char c : bytes) {
        const auto u = uchar(c);
        if (u == '\n')
            out += "\\n";
        else if (u == '\r')
            out += "\\r";
        else if (u == '\t')
            out += "\\t";
        else if (u == '"' || u == '\\')
            out += '\\' + QByteArray(1, c);
        else if (u >= 0x20 && u < 0x7f)
            out += c;
        else
            out += "\\x" + QByteArray::number(u, 16).rightJustified(2, '0');
    }
    return out + '"';
}

QByteArray describe(const sse::Event &e)
{
    return "{type " + escaped(e.type) + ", data " + escaped(e.data) + ", lastEventId "
        + escaped(e.lastEventId) + (e.hasId ? ", hasId}" : ", no id}");
}

bool sameEvent(const sse::Event &a, const sse::Event &b)
{
    return a.type == b.type && a.data == b.data && a.lastEventId == b.lastEventId
        && a.hasId == b.hasId;
}

/** Empty when equal, else a readable account of every field that differs. */
QByteArray difference(const Outcome &want, const Outcome &got)
{
    QByteArray out;
    const qsizetype n = std::max(want.events.size(), got.events.size());
    for (qsizetype i = 0; i < n; ++i) {
        const bool haveWant = i < want.events.size();
        const bool haveGot = i < got.events.size();
        if (haveWant && haveGot && sameEvent(want.events.at(i), got.events.at(i)))
            continue;
        out += "\n  event #" + QByteArray::number(i) + ": expected "
            + (haveWant ? describe(want.events.at(i)) : QByteArrayLiteral("none"))
            + "\n              actual   "
            + (haveGot ? describe(got.events.at(i)) : QByteArrayLiteral("none"));
        if (out.size() > 4000) {
            out += "\n  ...";
            break;
        }
    }
    if (want.comments != got.comments) {
        auto list = [](const QByteArrayList &l) {
            QByteArrayList parts;
            for (const QByteArray &c : l)
                parts += escaped(c);
            return '[' + parts.join(", ") + ']';
        };
        out += "\n  comments: expected " + list(want.comments) + "\n            actual   "
            + list(got.comments);
    }
    if (want.retry != got.retry)
        out += "\n  retry: expected " + QByteArray::number(want.retry) + ", actual "
            + QByteArray::number(got.retry);
    if (want.lastEventId != got.lastEventId)
        out += "\n  lastEventId(): expected " + escaped(want.lastEventId) + ", actual "
            + escaped(got.lastEventId);
    if (want.protocolErrors != got.protocolErrors)
        out += "\n  protocol errors: expected " + QByteArray::number(want.protocolErrors)
            + ", actual " + QByteArray::number(got.protocolErrors);
    if (got.otherErrors != 0)
        out += "\n  errors of a kind other than Protocol: " + QByteArray::number(got.otherErrors);
    return out;
}


} // namespace

class TestParser final : public QObject
{
    Q_OBJECT

private:
    static void addParseColumns();
    static void addParseRows();
    static Outcome expectedOutcome();

private Q_SLOTS:
    // The WHATWG rules, one row each, parsed three ways.
    void parseInOneFeed_data() { addParseRows(); }
    void parseInOneFeed();
    void parseSplitInTwoAtEveryByte_data() { addParseRows(); }
    void parseSplitInTwoAtEveryByte();
    void parseOneByteAtATime_data() { addParseRows(); }
    void parseOneByteAtATime();

    // Chunk-boundary behaviour.
    void crAtChunkEndDispatchesImmediately_data();
    void crAtChunkEndDispatchesImmediately();
    void lfAfterCrInNextChunkIsSwallowed();
    void emptyFeedKeepsCrState();
    void feedAppendsToResult();
    void manyChunkSizesAgree();
    void largeEventAcrossManyChunks();

    // State and API.
    void lastEventIdCommittedOnlyByBlankLine();
    void reset_data();
    void reset();
    void bomStrippedAgainAfterReset();
    void setLastEventId();
    void hasPendingBlock_data();
    void hasPendingBlock();
    void maxEventBytesAccessors();
    void parseResultClearAndIsEmpty();

    // The size cap bounds memory whatever the input.
    void overLongLineMemoryIsBounded();
    void overLargeEventMemoryIsBounded();
};

void TestParser::addParseColumns()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<sse::Event>>("events");
    QTest::addColumn<QByteArrayList>("comments");
    QTest::addColumn<qint64>("retry");          // NoRetry: no valid retry field
    QTest::addColumn<QByteArray>("lastEventId"); // Parser::lastEventId() at the end
    QTest::addColumn<int>("errors");             // protocol errors
    QTest::addColumn<qsizetype>("maxEventBytes");
}

void TestParser::addParseRows()
{
    addParseColumns();
    using Events = QList<sse::Event>;
    const QByteArrayList noComments;

    // A row: name, input, events, comments, retry, final lastEventId, errors, cap.
    auto row = [](const char *name, const QByteArray &input, const Events &events,
                  const QByteArrayList &comments = {}, qint64 retry = NoRetry,
                  const QByteArray &lastEventId = {}, int errors = 0,
                  qsizetype cap = DefaultCap) {
        QTest::newRow(name) << input << events << comments << retry << lastEventId << errors
                            << cap;
    };

    // --- Dispatch: a blank line dispatches the event ----------------------------------------
    row("dispatch: one event", b("data: hello\n\n"), {ev("hello")});
    row("dispatch: no blank line yet, no event", b("data: hello\n"), {});
    row("dispatch: unterminated last line is not processed", b("data: hello"), {});
    row("dispatch: blank lines alone dispatch nothing", b("\n\n\n"), {});
    row("dispatch: events in order", b("data: 1\n\ndata: 2\n\ndata: 3\n\n"),
        {ev("1"), ev("2"), ev("3")});
    row("dispatch: extra blank lines between events", b("data: a\n\n\n\n\ndata: b\n\n"),
        {ev("a"), ev("b")});
    {
        QByteArray input;
        Events events;
        for (int i = 1; i <= 100; ++i) {
            const QByteArray n = QByteArray::number(i);
            input += "id: " + n + "\ndata: payload " + n + "\n\n";
            events += ev("payload " + n, n, true);
        }
        row("dispatch: 100 events in one chunk, in order", input, events, noComments, NoRetry,
            QByteArrayLiteral("100"));
    }
    {
        QByteArray input;
        QByteArrayList lines;
        for (int i = 0; i < 50; ++i) {
            input += "data: line " + QByteArray::number(i) + '\n';
            lines += "line " + QByteArray::number(i);
        }
        row("dispatch: one event of 50 data lines", input + '\n', {ev(lines.join('\n'))});
    }

    // --- data: value + LF appended; one trailing LF removed at dispatch ---------------------
    row("data: lines joined by LF", b("data: a\ndata: b\ndata: c\n\n"), {ev("a\nb\nc")});
    row("data: only one trailing LF removed", b("data: a\ndata:\n\n"), {ev("a\n")});
    row("data: bare field appends an empty line", b("data\n\n"), {ev("")});
    row("data: two bare fields give one LF", b("data\ndata\n\n"), {ev("\n")});
    row("data: empty value after colon", b("data:\n\n"), {ev("")});
    row("data: empty value after colon and space", b("data: \n\n"), {ev("")});
    row("data: no space after colon", b("data:x\n\n"), {ev("x")});
    row("data: exactly one leading space removed", b("data:  x\n\n"), {ev(" x")});
    row("data: a leading tab is kept", b("data:\tx\n\n"), {ev("\tx")});
    row("data: trailing spaces kept", b("data: x  \n\n"), {ev("x  ")});
    row("data: value may contain colons", b("data: a: b:c\n\n"), {ev("a: b:c")});
    row("data: NUL byte kept in data", b("data: a\0b\n\n"), {ev(b("a\0b"))});
    row("data: empty data buffer with type dispatches nothing", b("event: x\n\n"), {});

    // --- Field names -------------------------------------------------------------------------
    row("field: names are case-sensitive", b("Data: x\n\nDATA: y\n\n"), {});
    row("field: unknown fields ignored", b("foo: bar\ndata: x\nfoo\n\n"), {ev("x")});
    row("field: space before colon is part of the name", b("data : x\n\n"), {});
    row("field: leading space is part of the name", b(" data: x\n\n"), {});
    row("field: bare name with trailing space is unknown", b("data \n\n"), {});

    // --- Comments ----------------------------------------------------------------------------
    row("comment: text after the colon delivered", b(":hello\n"), {}, {"hello"});
    row("comment: leading space kept as sent", b(": keep alive\n"), {}, {" keep alive"});
    row("comment: empty comment", b(":\n"), {}, {""});
    row("comment: colons inside", b("::x: y\n"), {}, {":x: y"});
    row("comment: comment-only blocks dispatch nothing", b(":a\n\n:b\n\n"), {}, {"a", "b"});
    row("comment: between data lines", b("data: a\n:c\ndata: b\n\n"), {ev("a\nb")}, {"c"});
    row("comment: line terminator not included", b(": ping\r\n:pong\r"), {},
        {" ping", "pong"});

    // --- event: type buffer ------------------------------------------------------------------
    row("event: custom type", b("event: add\ndata: 1\n\n"), {typed("add", "1")});
    row("event: type resets after dispatch", b("event: add\ndata: 1\n\ndata: 2\n\n"),
        {typed("add", "1"), ev("2")});
    row("event: type resets when nothing is dispatched", b("event: add\n\ndata: 2\n\n"),
        {ev("2")});
    row("event: empty value means message", b("event:\ndata: 1\n\n"), {ev("1")});
    row("event: bare field means message", b("event\ndata: 1\n\n"), {ev("1")});
    row("event: last field in block wins", b("event: a\nevent: b\ndata: 1\n\n"),
        {typed("b", "1")});
    row("event: may follow data in the block", b("data: 1\nevent: late\n\n"),
        {typed("late", "1")});
    row("event: exactly one leading space removed", b("event:  x\ndata: 1\n\n"),
        {typed(" x", "1")});
    row("event: name is case-sensitive", b("Event: x\ndata: 1\n\n"), {ev("1")});

    // --- id: last event ID buffer --------------------------------------------------------------
    row("id: sets lastEventId and hasId", b("id: 1\ndata: x\n\n"), {ev("x", "1", true)},
        noComments, NoRetry, "1");
    row("id: carried onto later events without id", b("id: 1\ndata: a\n\ndata: b\n\n"),
        {ev("a", "1", true), ev("b", "1", false)}, noComments, NoRetry, "1");
    row("id: may follow data in the block", b("data: x\nid: 7\n\n"), {ev("x", "7", true)},
        noComments, NoRetry, "7");
    row("id: last field in block wins", b("id: 1\nid: 2\ndata: x\n\n"), {ev("x", "2", true)},
        noComments, NoRetry, "2");
    row("id: block without data still commits the id", b("id: 5\n\n"), {}, noComments,
        NoRetry, "5");
    row("id: committed by a data-less block, used by the next event", b("id: 5\n\ndata: x\n\n"),
        {ev("x", "5", false)}, noComments, NoRetry, "5");
    row("id: empty value resets the id", b("id: 1\ndata: a\n\nid:\ndata: b\n\n"),
        {ev("a", "1", true), ev("b", "", true)}, noComments, NoRetry, "");
    row("id: bare field resets the id", b("id: 1\ndata: a\n\nid\ndata: b\n\n"),
        {ev("a", "1", true), ev("b", "", true)}, noComments, NoRetry, "");
    row("id: empty id without data resets lastEventId", b("id: 1\n\nid\n\n"), {}, noComments,
        NoRetry, "");
    row("id: value containing NUL is ignored", b("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n"),
        {ev("a", "1", true), ev("b", "1", false)}, noComments, NoRetry, "1");
    row("id: lone NUL is ignored", b("id: \0\ndata: x\n\n"), {ev("x")});
    row("id: one leading space removed, the rest kept", b("id:  a b \ndata: x\n\n"),
        {ev("x", " a b ", true)}, noComments, NoRetry, " a b ");
    row("id: name is case-sensitive", b("ID: 1\ndata: x\n\n"), {ev("x")});
    row("id: not committed before the blank line", b("id: 1\n\nid: 2\n"), {}, noComments,
        NoRetry, "1");
    row("id: unterminated block not committed", b("id: 1\ndata: a\n\nid: 2\ndata: b"),
        {ev("a", "1", true)}, noComments, NoRetry, "1");
    row("id: UTF-8 id", b("id: \xC3\xA9\ndata: x\n\n"), {ev("x", "\xC3\xA9", true)},
        noComments, NoRetry, "\xC3\xA9");

    // --- retry: only ASCII digits --------------------------------------------------------------
    row("retry: digits accepted", b("retry: 1000\n"), {}, noComments, 1000);
    row("retry: zero", b("retry: 0\n"), {}, noComments, 0);
    row("retry: leading zeros", b("retry: 0042\n"), {}, noComments, 42);
    row("retry: no space after colon", b("retry:5\n"), {}, noComments, 5);
    row("retry: letter inside ignored", b("retry: 10a0\n"), {});
    row("retry: negative ignored", b("retry: -1\n"), {});
    row("retry: fraction ignored", b("retry: 1.5\n"), {});
    row("retry: empty value ignored", b("retry: \n"), {});
    row("retry: bare field ignored", b("retry\n"), {});
    row("retry: plus sign ignored", b("retry: +5\n"), {});
    row("retry: second leading space ignored", b("retry:  5\n"), {});
    row("retry: trailing space ignored", b("retry: 5 \n"), {});
    row("retry: non-ASCII digits ignored", b("retry: \xEF\xBC\x95\nretry: \xD9\xA5\n"), {});
    row("retry: name is case-sensitive", b("Retry: 5\n"), {});
    row("retry: last valid value wins", b("retry: 1\nretry: 2\nretry: x\n"), {}, noComments, 2);
    row("retry: leaves the event alone", b("data: a\nretry: 7\ndata: b\n\n"), {ev("a\nb")},
        noComments, 7);

    // --- Line endings ----------------------------------------------------------------------------
    row("eol: LF", b("data: a\ndata: b\n\n"), {ev("a\nb")});
    row("eol: CRLF", b("data: a\r\ndata: b\r\n\r\n"), {ev("a\nb")});
    row("eol: CR", b("data: a\rdata: b\r\r"), {ev("a\nb")});
    row("eol: mixed", b("data: a\r\ndata: b\rdata: c\n\r\n"), {ev("a\nb\nc")});
    row("eol: LF CR is two line breaks", b("data: a\n\rdata: b\n\n"), {ev("a"), ev("b")});
    row("eol: CR CR LF is two line breaks", b("data: a\r\r\ndata: b\n\n"), {ev("a"), ev("b")});
    row("eol: CRLF then LF", b("data: a\r\n\ndata: b\r\n\r\n"), {ev("a"), ev("b")});
    row("eol: CR inside a value ends the line", b("data: a\rb\n\n"), {ev("a")});
    row("eol: CR-terminated comment", b(":c\rdata: x\r\r"), {ev("x")}, {"c"});

    // --- BOM -------------------------------------------------------------------------------------
    row("bom: stripped at the start", Bom + "data: x\n\n", {ev("x")});
    row("bom: stripped before a comment", Bom + ":c\n", {}, {"c"});
    row("bom: stripped before a blank line", Bom + "\r\ndata: x\r\n\r\n", {ev("x")});
    row("bom: a second BOM is kept (field name U+FEFF data)",
        Bom + Bom + "data: x\n\ndata: y\n\n", {ev("y")});
    row("bom: a BOM not at the start is kept (field name U+FEFF data)",
        "data: a\n\n" + Bom + "data: b\n\n", {ev("a")});
    row("bom: a BOM inside a value is kept", "data: " + Bom + "x\n\n", {ev(Bom + 'x')});
    row("bom: an incomplete BOM is an invalid sequence", b("\xEF\xBB" "data: x\n\ndata: y\n\n"),
        {ev("y")});

    // --- UTF-8 (Encoding standard, UTF-8 decoder: one U+FFFD per maximal subpart) ----------------
    row("utf8: 2-, 3- and 4-byte sequences",
        b("data: \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\n\n"),
        {ev("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80")});
    row("utf8: boundary code points valid",
        b("data: \xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF"
          "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF\n\n"),
        {ev("\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF"
            "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF")});
    row("utf8: multi-byte in type, id and comment",
        b("event: \xC3\xA9v\nid: \xE2\x82\xAC\n:\xF0\x9F\x98\x80\ndata: x\n\n"),
        {ev("x", "\xE2\x82\xAC", true, "\xC3\xA9v")}, {"\xF0\x9F\x98\x80"}, NoRetry,
        "\xE2\x82\xAC");
    row("utf8: truncated 3-byte sequence then ASCII", b("data: \xE2\x82" "A\n\n"),
        {ev(R + 'A')});
    row("utf8: truncated 3-byte sequence at end of line", b("data: \xE2\x82\n\n"), {ev(R)});
    row("utf8: truncated 2-byte sequence then ASCII", b("data: \xC3" "A\n\n"), {ev(R + 'A')});
    row("utf8: truncated 4-byte sequence then ASCII", b("data: \xF0\x9F\x98" "A\n\n"),
        {ev(R + 'A')});
    row("utf8: truncated 4-byte sequence then a valid one",
        b("data: \xF0\x90\x80\xF0\x9F\x98\x80\n\n"), {ev(R + "\xF0\x9F\x98\x80")});
    row("utf8: truncated 4-byte sequence then a 2-byte one", b("data: \xF1\x80\x80\xC3\xA9\n\n"),
        {ev(R + "\xC3\xA9")});
    row("utf8: lead byte then non-continuation", b("data: \xE2\x28\xA1\n\n"),
        {ev(R + '(' + R)});
    row("utf8: lone continuation byte", b("data: a\x80" "b\n\n"), {ev('a' + R + 'b')});
    row("utf8: two continuation bytes", b("data: \x80\xBF\n\n"), {ev(R + R)});
    row("utf8: overlong C0 AF gives two U+FFFD", b("data: \xC0\xAF\n\n"), {ev(R + R)});
    row("utf8: overlong C1 BF gives two U+FFFD", b("data: \xC1\xBF\n\n"), {ev(R + R)});
    row("utf8: overlong E0 80 AF gives three U+FFFD", b("data: \xE0\x80\xAF\n\n"),
        {ev(R + R + R)});
    row("utf8: overlong F0 80 80 AF gives four U+FFFD", b("data: \xF0\x80\x80\xAF\n\n"),
        {ev(R + R + R + R)});
    row("utf8: surrogate ED A0 80 gives three U+FFFD", b("data: \xED\xA0\x80\n\n"),
        {ev(R + R + R)});
    row("utf8: surrogate ED BF BF gives three U+FFFD", b("data: \xED\xBF\xBF\n\n"),
        {ev(R + R + R)});
    row("utf8: F4 90 80 80 above U+10FFFF gives four U+FFFD", b("data: \xF4\x90\x80\x80\n\n"),
        {ev(R + R + R + R)});
    row("utf8: F5 lead gives four U+FFFD", b("data: \xF5\x80\x80\x80\n\n"),
        {ev(R + R + R + R)});
    row("utf8: FE and FF", b("data: \xFE\xFF\n\n"), {ev(R + R)});
    row("utf8: truncated sequence before CR", b("data: \xE2\rdata: b\r\r"), {ev(R + "\nb")});
    row("utf8: invalid byte in the event type", b("event: \xFF\ndata: x\n\n"),
        {typed(R, "x")});
    row("utf8: invalid byte in the id", b("id: a\xFF\ndata: x\n\n"), {ev("x", 'a' + R, true)},
        noComments, NoRetry, 'a' + R);

    // --- Size cap (SmallCap = 64 bytes) ------------------------------------------------------------
    const QByteArray longValue(200, 'x');
    QByteArray manyLines;
    for (int i = 0; i < 10; ++i)
        manyLines += "data: 0123456789\n"; // 170 bytes in all
    row("cap: event under the cap", b("data: 0123456789\n\n"), {ev("0123456789")}, noComments,
        NoRetry, {}, 0, SmallCap);
    row("cap: over-long line skipped, next event intact",
        "data: " + longValue + "\n\ndata: ok\n\n", {ev("ok")}, noComments, NoRetry, {}, 1,
        SmallCap);
    row("cap: over-long unterminated line reported once", "data: " + longValue, {}, noComments,
        NoRetry, {}, 1, SmallCap);
    row("cap: over-large event of many short lines", manyLines + "\ndata: ok\n\n", {ev("ok")},
        noComments, NoRetry, {}, 1, SmallCap);
    row("cap: over-long line drops its whole event",
        "data: a\ndata: " + longValue + "\ndata: b\n\ndata: ok\n\n", {ev("ok")}, noComments,
        NoRetry, {}, 1, SmallCap);
    row("cap: over-long line ended by CR", "data: " + longValue + "\r\rdata: ok\r\r",
        {ev("ok")}, noComments, NoRetry, {}, 1, SmallCap);
    row("cap: over-long line ended by CRLF", "data: " + longValue + "\r\n\r\ndata: ok\r\n\r\n",
        {ev("ok")}, noComments, NoRetry, {}, 1, SmallCap);
    row("cap: two over-large events, two errors",
        manyLines + '\n' + "data: " + longValue + "\n\ndata: ok\n\n", {ev("ok")}, noComments,
        NoRetry, {}, 2, SmallCap);
    row("cap: events around an over-large one intact",
        "data: a\n\n" + manyLines + "\ndata: b\n\n", {ev("a"), ev("b")}, noComments, NoRetry,
        {}, 1, SmallCap);
    row("cap: type of a skipped event does not leak", "event: big\n" + manyLines
        + "\ndata: ok\n\n", {ev("ok")}, noComments, NoRetry, {}, 1, SmallCap);
    row("cap: over-long comment line skipped", ':' + longValue + "\n\ndata: ok\n\n", {ev("ok")},
        noComments, NoRetry, {}, 1, SmallCap);
    // "A line ... larger than the cap is ... skipped up to its end": a comment is no part of the
    // event around it, which stays within the cap.
    // Any over-long line, whatever its field, discards the block it belongs to.
    row("cap: over-long comment inside an event discards the event",
        "data: a\n:" + longValue + "\ndata: b\n\ndata: c\n\n", {ev("c")}, noComments, NoRetry, {},
        1, SmallCap);
    // A skipped block is discarded as a whole, its id included, wherever the id line is:
    // the order of fields inside a block never matters in the spec.
    row("cap: id before the overflow of a skipped block is discarded",
        "id: 1\ndata: a\n\nid: 2\n" + manyLines + "\ndata: ok\n\n",
        {ev("a", "1", true), ev("ok", "1", false)}, noComments, NoRetry, "1", 1, SmallCap);
    row("cap: id after the overflow of a skipped block is discarded",
        "id: 1\ndata: a\n\n" + manyLines + "id: 2\n\ndata: ok\n\n",
        {ev("a", "1", true), ev("ok", "1", false)}, noComments, NoRetry, "1", 1, SmallCap);
    // The cap is on the event as stored (decoded UTF-8): 30 invalid bytes become 90 bytes of
    // U+FFFD, so both of these events are larger than 64 bytes.
    const QByteArray invalid30(30, '\xFF');
    row("cap: event over the cap once decoded (one line)",
        "data: " + invalid30 + "\n\ndata: ok\n\n", {ev("ok")}, noComments, NoRetry, {}, 1,
        SmallCap);
    row("cap: event over the cap once decoded (two lines)",
        "data: a\ndata: " + invalid30 + "\n\ndata: ok\n\n", {ev("ok")}, noComments, NoRetry, {},
        1, SmallCap);
}

Outcome TestParser::expectedOutcome()
{
    QFETCH(QList<sse::Event>, events);
    QFETCH(QByteArrayList, comments);
    QFETCH(qint64, retry);
    QFETCH(QByteArray, lastEventId);
    QFETCH(int, errors);
    Outcome o;
    o.events = events;
    o.comments = comments;
    o.retry = retry;
    o.lastEventId = lastEventId;
    o.protocolErrors = errors;
    return o;
}

void TestParser::parseInOneFeed()
{
    QFETCH(QByteArray, input);
    QFETCH(qsizetype, maxEventBytes);
    const QByteArray diff = difference(expectedOutcome(), parseInChunks(input, {}, maxEventBytes));
    QVERIFY2(diff.isEmpty(), diff.constData());
}

void TestParser::parseSplitInTwoAtEveryByte()
{
    QFETCH(QByteArray, input);
    QFETCH(qsizetype, maxEventBytes);
    const Outcome want = expectedOutcome();
    for (qsizetype cut = 0; cut <= input.size(); ++cut) {
        const QByteArray diff = difference(want, parseInChunks(input, {cut}, maxEventBytes));
        if (!diff.isEmpty()) {
            const QByteArray msg = "split after byte " + QByteArray::number(cut) + " ("
                + escaped(input.first(cut)) + " | " + escaped(input.sliced(cut)) + "):" + diff;
            QFAIL(msg.constData());
        }
    }
}

void TestParser::parseOneByteAtATime()
{
    QFETCH(QByteArray, input);
    QFETCH(qsizetype, maxEventBytes);
    QList<qsizetype> ends;
    for (qsizetype i = 1; i < input.size(); ++i)
        ends += i;
    const QByteArray diff = difference(expectedOutcome(), parseInChunks(input, ends, maxEventBytes));
    QVERIFY2(diff.isEmpty(), diff.constData());
}

void TestParser::crAtChunkEndDispatchesImmediately_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("CR CR") << b("data: x\r\r");
    QTest::newRow("LF CR") << b("data: x\n\r");
    QTest::newRow("CRLF CR") << b("data: x\r\n\r");
    QTest::newRow("CR CR after a comment") << b(":c\rdata: x\r\r");
}

void TestParser::crAtChunkEndDispatchesImmediately()
{
    QFETCH(QByteArray, input);
    sse::Parser parser;
    sse::ParseResult result;
    parser.feed(input, result);
    // No waiting for the next byte to see whether it is an LF.
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.first().data, QByteArrayLiteral("x"));
    QVERIFY(!parser.hasPendingBlock());

    // The LF that may follow belongs to the CR already processed.
    result.clear();
    parser.feed("\ndata: y\r\r", result);
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.first().data, QByteArrayLiteral("y"));
}

void TestParser::lfAfterCrInNextChunkIsSwallowed()
{
    sse::Parser parser;
    sse::ParseResult result;
    parser.feed("data: a\r", result);
    QVERIFY(result.events.isEmpty());
    parser.feed("\ndata: b\n\n", result);
    // Had the LF been a line of its own (a blank line), "a" and "b" would be two events.
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.first().data, QByteArrayLiteral("a\nb"));
}

void TestParser::emptyFeedKeepsCrState()
{
    sse::Parser parser;
    sse::ParseResult result;
    parser.feed("data: a\r", result);
    parser.feed(QByteArrayView(), result);
    parser.feed("", result);
    parser.feed("\ndata: b\n\n", result);
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.first().data, QByteArrayLiteral("a\nb"));
}

void TestParser::feedAppendsToResult()
{
    sse::Parser parser;
    sse::ParseResult result;
    parser.feed("data: 1\n\n:c1\n", result);
    parser.feed("data: 2\n\n:c2\n", result);
    QCOMPARE(result.events.size(), 2);
    QCOMPARE(result.events.at(0).data, QByteArrayLiteral("1"));
    QCOMPARE(result.events.at(1).data, QByteArrayLiteral("2"));
    QCOMPARE(result.comments, (QByteArrayList{"c1", "c2"}));
}

void TestParser::manyChunkSizesAgree()
{
    // A mixed stream of 2000 events; every chunk size must give what one feed gives.
    QByteArray input = Bom;
    for (int i = 0; i < 2000; ++i) {
        const QByteArray n = QByteArray::number(i);
        const char *eol = (i % 3 == 0) ? "\r\n" : (i % 3 == 1) ? "\n" : "\r";
        if (i % 7 == 0)
            input += "id: " + n + eol;
        if (i % 5 == 0)
            input += "event: e" + n + eol;
        if (i % 11 == 0)
            input += ": keepalive " + n + eol;
        if (i % 13 == 0)
            input += "retry: " + n + eol;
        for (int k = 0; k <= i % 4; ++k)
            input += "data: " + n + " \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 " + QByteArray(i % 50, 'z')
                + eol;
        input += eol;
    }
    const Outcome whole = parseInChunks(input, {}, DefaultCap);
    QCOMPARE(whole.events.size(), 2000);
    QCOMPARE(whole.protocolErrors, 0);
    QCOMPARE(whole.events.last().lastEventId, QByteArrayLiteral("1995"));
    for (qsizetype size : {1, 2, 3, 5, 7, 64, 1000, 4096}) {
        QList<qsizetype> ends;
        for (qsizetype e = size; e < input.size(); e += size)
            ends += e;
        const QByteArray diff = difference(whole, parseInChunks(input, ends, DefaultCap));
        QVERIFY2(diff.isEmpty(), ("chunk size " + QByteArray::number(size) + diff).constData());
    }
}

void TestParser::largeEventAcrossManyChunks()
{
    // 4 MiB in one data line plus a few short lines, fed in odd-sized chunks.
    QByteArray big(4 * 1024 * 1024, 'q');
    for (qsizetype i = 0; i < big.size(); i += 4099)
        big[i] = char('a' + i % 26);
    const QByteArray input = "id: big\nevent: blob\ndata: " + big + "\ndata: tail\n\n";
    sse::Parser parser;
    sse::ParseResult result;
    for (qsizetype pos = 0; pos < input.size(); pos += 997) {
        parser.feed(QByteArrayView(input).sliced(pos, std::min<qsizetype>(997, input.size() - pos)),
                    result);
        if (pos + 997 < input.size())
            QVERIFY(result.events.isEmpty());
    }
    QCOMPARE(result.errors.size(), 0);
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.first().type, QByteArrayLiteral("blob"));
    QCOMPARE(result.events.first().lastEventId, QByteArrayLiteral("big"));
    QVERIFY(result.events.first().data == big + "\ntail");
}

void TestParser::lastEventIdCommittedOnlyByBlankLine()
{
    sse::Parser parser;
    sse::ParseResult result;
    parser.feed("id: 7\n", result);
    QCOMPARE(parser.lastEventId(), QByteArray());
    parser.feed("data: x\n", result);
    QCOMPARE(parser.lastEventId(), QByteArray());
    parser.feed("\n", result);
    QCOMPARE(parser.lastEventId(), QByteArrayLiteral("7"));
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.first().lastEventId, QByteArrayLiteral("7"));

    parser.feed("id: 8\n", result);
    QCOMPARE(parser.lastEventId(), QByteArrayLiteral("7"));
    parser.feed("\r", result); // a CR alone is a complete blank line
    QCOMPARE(parser.lastEventId(), QByteArrayLiteral("8"));
}

void TestParser::reset_data()
{
    QTest::addColumn<qsizetype>("maxEventBytes");
    QTest::addColumn<QByteArray>("before");  // fed before reset()
    QTest::addColumn<QByteArray>("after");   // fed after reset()
    QTest::addColumn<QList<sse::Event>>("events"); // dispatched by the feed after reset()
    QTest::addColumn<QByteArray>("lastEventId");

    const QByteArray longValue(200, 'x');
    QByteArray manyLines;
    for (int i = 0; i < 10; ++i)
        manyLines += "data: 0123456789\n";

    QTest::newRow("discards the partial line") << DefaultCap << b("data: abc") << b("def\n\n")
                                               << QList<sse::Event>{} << QByteArray();
    QTest::newRow("discards the data buffer") << DefaultCap << b("data: a\n") << b("data: b\n\n")
                                              << QList<sse::Event>{ev("b")} << QByteArray();
    QTest::newRow("discards the event type") << DefaultCap << b("event: foo\n")
                                             << b("data: x\n\n") << QList<sse::Event>{ev("x")}
                                             << QByteArray();
    QTest::newRow("discards an uncommitted id, keeps the committed one")
        << DefaultCap << b("id: 1\n\nid: 2\ndata: a\n") << b("data: x\n\n")
        << QList<sse::Event>{ev("x", "1", false)} << QByteArray("1");
    QTest::newRow("discards an uncommitted first id")
        << DefaultCap << b("id: 2\ndata: a\n") << b("data: x\n\n")
        << QList<sse::Event>{ev("x")} << QByteArray();
    QTest::newRow("discards a partial UTF-8 sequence")
        << DefaultCap << b("data: \xE2\x82") << b("data: x\n\n") << QList<sse::Event>{ev("x")}
        << QByteArray();
    QTest::newRow("discards a line ended by a pending CR")
        << DefaultCap << b("data: a\r") << b("\ndata: b\n\n") << QList<sse::Event>{ev("b")}
        << QByteArray();
    QTest::newRow("ends skipping an over-long line")
        << SmallCap << QByteArray("data: " + longValue) << b("data: ok\n\n")
        << QList<sse::Event>{ev("ok")} << QByteArray();
    QTest::newRow("ends skipping an over-large event")
        << SmallCap << manyLines << b("data: ok\n\n") << QList<sse::Event>{ev("ok")}
        << QByteArray();
    QTest::newRow("strips a BOM again (new response)")
        << DefaultCap << b("data: a\n\n") << QByteArray(Bom + "data: b\n\n")
        << QList<sse::Event>{ev("b")} << QByteArray();
    QTest::newRow("discards a partial BOM") << DefaultCap << b("\xEF\xBB")
                                            << QByteArray(Bom + "data: b\n\n")
                                            << QList<sse::Event>{ev("b")} << QByteArray();
}

void TestParser::reset()
{
    QFETCH(qsizetype, maxEventBytes);
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QList<sse::Event>, events);
    QFETCH(QByteArray, lastEventId);

    // Whole feeds and one byte at a time both.
    for (bool bytewise : {false, true}) {
        sse::Parser parser(maxEventBytes);
        sse::ParseResult result;
        auto feed = [&](const QByteArray &bytes) {
            if (!bytewise) {
                parser.feed(bytes, result);
                return;
            }
            for (qsizetype i = 0; i < bytes.size(); ++i)
                parser.feed(QByteArrayView(bytes).sliced(i, 1), result);
        };
        feed(before);
        parser.reset();
        QVERIFY(!parser.hasPendingBlock());
        result.clear();
        feed(after);

        Outcome want;
        want.events = events;
        want.lastEventId = lastEventId;
        Outcome got;
        collect(result, got);
        got.lastEventId = parser.lastEventId();
        const QByteArray diff = difference(want, got);
        QVERIFY2(diff.isEmpty(), ((bytewise ? "byte at a time:" : "whole feeds:") + diff).constData());
    }
}

void TestParser::bomStrippedAgainAfterReset()
{
    sse::Parser parser;
    sse::ParseResult result;
    parser.feed(Bom + "data: a\n\n", result);
    parser.feed(Bom + "data: b\n\n", result); // same response: kept, so the field is unknown
    parser.reset();
    parser.feed(Bom + "data: c\n\n", result); // new response: stripped
    QCOMPARE(result.events.size(), 2);
    QCOMPARE(result.events.at(0).data, QByteArrayLiteral("a"));
    QCOMPARE(result.events.at(1).data, QByteArrayLiteral("c"));
}

void TestParser::setLastEventId()
{
    sse::Parser parser;
    sse::ParseResult result;
    parser.setLastEventId("abc");
    QCOMPARE(parser.lastEventId(), QByteArrayLiteral("abc"));
    QVERIFY(!parser.hasPendingBlock());

    // The dispatch commits the ID buffer: it must hold the ID that was set.
    parser.feed("data: x\n\n", result);
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.at(0).lastEventId, QByteArrayLiteral("abc"));
    QCOMPARE(result.events.at(0).hasId, false);
    QCOMPARE(parser.lastEventId(), QByteArrayLiteral("abc"));

    // ...and so must a reset that discards an uncommitted id.
    parser.feed("id: 1\ndata: y\n", result);
    parser.reset();
    QCOMPARE(parser.lastEventId(), QByteArrayLiteral("abc"));
    parser.feed("data: z\n\n", result);
    QCOMPARE(result.events.size(), 2);
    QCOMPARE(result.events.at(1).lastEventId, QByteArrayLiteral("abc"));

    // A blank line with an id field of its block still overrides it.
    parser.feed("id: 2\n\n", result);
    QCOMPARE(parser.lastEventId(), QByteArrayLiteral("2"));

    parser.setLastEventId(QByteArray());
    QCOMPARE(parser.lastEventId(), QByteArray());
    parser.feed("data: w\n\n", result);
    QCOMPARE(result.events.size(), 3);
    QCOMPARE(result.events.at(2).lastEventId, QByteArray());
}

void TestParser::hasPendingBlock_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("pending");
    QTest::newRow("nothing fed") << QByteArray() << false;
    QTest::newRow("partial line") << b("data: x") << true;
    QTest::newRow("partial comment line") << b(":c") << true;
    QTest::newRow("data line, no blank line") << b("data: x\n") << true;
    QTest::newRow("event line, no blank line") << b("event: x\n") << true;
    QTest::newRow("id line, no blank line") << b("id: 1\n") << true;
    QTest::newRow("CR-terminated data line") << b("data: x\r") << true;
    QTest::newRow("complete event") << b("data: x\n\n") << false;
    QTest::newRow("complete event, CR CR") << b("data: x\r\r") << false;
    QTest::newRow("complete event, CRLF CR") << b("data: x\r\n\r") << false;
    QTest::newRow("blank line") << b("\n") << false;
    QTest::newRow("complete event then partial line") << b("data: x\n\ndata: y") << true;
}

void TestParser::hasPendingBlock()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, pending);
    sse::Parser whole;
    sse::ParseResult result;
    whole.feed(input, result);
    QCOMPARE(whole.hasPendingBlock(), pending);

    sse::Parser bytewise;
    for (qsizetype i = 0; i < input.size(); ++i)
        bytewise.feed(QByteArrayView(input).sliced(i, 1), result);
    QCOMPARE(bytewise.hasPendingBlock(), pending);

    whole.reset();
    QVERIFY(!whole.hasPendingBlock());
}

void TestParser::maxEventBytesAccessors()
{
    QCOMPARE(sse::Parser().maxEventBytes(), sse::Parser::DefaultMaxEventBytes);
    sse::Parser parser(1000);
    QCOMPARE(parser.maxEventBytes(), qsizetype(1000));
    parser.setMaxEventBytes(SmallCap);
    QCOMPARE(parser.maxEventBytes(), SmallCap);

    // The new cap applies to what is fed next.
    sse::ParseResult result;
    parser.feed("data: " + QByteArray(200, 'x') + "\n\ndata: ok\n\n", result);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().kind, sse::ErrorKind::Protocol);
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.first().data, QByteArrayLiteral("ok"));
}

void TestParser::parseResultClearAndIsEmpty()
{
    sse::ParseResult r;
    QVERIFY(r.isEmpty());
    r.events += ev("x");
    QVERIFY(!r.isEmpty());
    r.clear();
    QVERIFY(r.isEmpty());
    QVERIFY(r.events.isEmpty());

    r.comments += QByteArrayLiteral("c");
    QVERIFY(!r.isEmpty());
    r.clear();
    QVERIFY(r.comments.isEmpty());

    r.retryMs = 5;
    QVERIFY(!r.isEmpty());
    r.clear();
    QVERIFY(!r.retryMs.has_value());

    r.errors += sse::Error{sse::ErrorKind::Protocol, QStringLiteral("x"), 0, false};
    QVERIFY(!r.isEmpty());
    r.clear();
    QVERIFY(r.errors.isEmpty());
    QVERIFY(r.isEmpty());
}

namespace {

/** Feeds \a total bytes of \a chunk (repeated) after \a head with a 1 MiB cap, then a blank line
 *  and a normal event; checks one protocol error, the normal event, and that the resident set
 *  never grew by more than a few caps (the input is 50 MB). */
void feedHugeInput(const QByteArray &head, const QByteArray &chunk, qsizetype total)
{
    constexpr qsizetype Cap = 1024 * 1024;
    sse::Parser parser(Cap);
    sse::ParseResult result;
    Outcome o;

    const qint64 rssBefore = residentBytes();
    QVERIFY(rssBefore > 0);
    qint64 rssPeak = rssBefore;

    parser.feed(head, result);
    collect(result, o);
    for (qsizetype fed = 0; fed < total; fed += chunk.size()) {
        result.clear();
        parser.feed(chunk, result);
        collect(result, o);
        QVERIFY(result.events.isEmpty());
        rssPeak = std::max(rssPeak, residentBytes());
    }
    QVERIFY(parser.hasPendingBlock());
    result.clear();
    parser.feed("\n\ndata: ok\n\n", result);
    collect(result, o);

    QCOMPARE(o.protocolErrors, 1);
    QCOMPARE(o.otherErrors, 0);
    QCOMPARE(o.events.size(), 1);
    QCOMPARE(o.events.first().data, QByteArrayLiteral("ok"));
    QCOMPARE(o.events.first().type, QByteArrayLiteral("message"));
    const qint64 growth = rssPeak - rssBefore;
    QVERIFY2(growth < 8 * Cap,
             ("resident set grew by " + QByteArray::number(growth) + " bytes").constData());
}

} // namespace

void TestParser::overLongLineMemoryIsBounded()
{
    // One 50 MiB line with no line break, fed in 64 KiB chunks.
    feedHugeInput("data: ", QByteArray(64 * 1024, 'x'), 50 * 1024 * 1024);
}

void TestParser::overLargeEventMemoryIsBounded()
{
    // 50 MiB of 64-byte data lines with no blank line, fed in 64 KiB chunks.
    const QByteArray line = "data: " + QByteArray(57, 'y') + '\n';
    QCOMPARE(line.size(), 64);
    feedHugeInput("event: huge\n", line.repeated(1024), 50 * 1024 * 1024);
}

QTEST_GUILESS_MAIN(TestParser)

#include "tst_parser.moc"
