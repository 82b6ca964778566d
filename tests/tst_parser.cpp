// Tests for sse::Parser against the WHATWG HTML rules of "Interpreting an event stream"
// (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation)
// plus the UTF-8 decode rules of the Encoding standard it refers to.
//
// Every row of the main table is parsed three ways: in one feed, split into two feeds at every
// byte boundary, and one byte per feed. All three must produce exactly the expected values,
// because a network read can end anywhere (inside a CRLF, a UTF-8 sequence or a BOM).
// Chunk boundaries, state and API, and memory bounds: tst_parserstate.

#include "parserfixture.h"

#include <QFile>

#include <optional>

using namespace parserfixture;

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

QTEST_GUILESS_MAIN(TestParser)

#include "tst_parser.moc"
