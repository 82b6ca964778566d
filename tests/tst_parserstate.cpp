// sse::Parser beyond the rule table: chunk boundaries (CR at a chunk's end, many chunk sizes),
// state and API (last event ID, reset, BOM, pending blocks, the size cap's accessors) and the
// memory a capped parser uses whatever the input.

#include "memory.h"
#include "parserfixture.h"

#include <QFile>

#include <unistd.h>

#include <optional>

using namespace parserfixture;

class tst_ParserState final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
    void valuesOfEveryShortLength();
    void typesDifferingInOneByte();
    void utf8SequencesAgainstReference();
    void eventsOutliveClearAndParser();
    void copiedParserJoinsItsOwnLines();

    // The size cap bounds memory whatever the input.
    void overLongLineMemoryIsBounded();
    void overLargeEventMemoryIsBounded();
};

void tst_ParserState::crAtChunkEndDispatchesImmediately_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("CR CR") << b("data: x\r\r");
    QTest::newRow("LF CR") << b("data: x\n\r");
    QTest::newRow("CRLF CR") << b("data: x\r\n\r");
    QTest::newRow("CR CR after a comment") << b(":c\rdata: x\r\r");
}

void tst_ParserState::crAtChunkEndDispatchesImmediately()
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

void tst_ParserState::lfAfterCrInNextChunkIsSwallowed()
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

void tst_ParserState::emptyFeedKeepsCrState()
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

void tst_ParserState::feedAppendsToResult()
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

void tst_ParserState::manyChunkSizesAgree()
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

void tst_ParserState::largeEventAcrossManyChunks()
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

void tst_ParserState::lastEventIdCommittedOnlyByBlankLine()
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

void tst_ParserState::reset_data()
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

void tst_ParserState::reset()
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

void tst_ParserState::bomStrippedAgainAfterReset()
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

void tst_ParserState::setLastEventId()
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

void tst_ParserState::hasPendingBlock_data()
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

void tst_ParserState::hasPendingBlock()
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

void tst_ParserState::maxEventBytesAccessors()
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

void tst_ParserState::parseResultClearAndIsEmpty()
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

void tst_ParserState::valuesOfEveryShortLength()
{
    // Small values are copied into the slab in blocks that overlap at the end: every length
    // around and under SmallValueBytes, each byte distinct from its neighbours.
    QByteArray input;
    QList<sse::Event> want;
    for (qsizetype n = 0; n <= sse::Parser::SmallValueBytes + 17; ++n) {
        QByteArray value(n, Qt::Uninitialized);
        for (qsizetype i = 0; i < n; ++i)
            value[i] = char('!' + (i * 7 + n) % 90);
        const QByteArray id = value.left(n % 40);
        input += "id: " + id + "\ndata: " + value + "\n\n";
        want += ev(value, id, true);
    }
    for (const qsizetype size : {qsizetype(7), qsizetype(4096), input.size()}) {
        QList<qsizetype> ends;
        for (qsizetype e = size; e < input.size(); e += size)
            ends += e;
        const Outcome got = parseInChunks(input, ends, DefaultCap);
        QCOMPARE(got.events.size(), want.size());
        for (qsizetype i = 0; i < want.size(); ++i) {
            QCOMPARE(got.events.at(i).data, want.at(i).data);
            QCOMPARE(got.events.at(i).lastEventId, want.at(i).lastEventId);
        }
    }
}

void tst_ParserState::typesDifferingInOneByte()
{
    // A type is compared with the block before's in words that overlap: types of the same
    // length that differ in any one byte, each after the other, must each be seen.
    QByteArray input;
    QByteArrayList want;
    for (qsizetype n = 1; n <= 70; ++n) {
        const QByteArray base(n, 'a');
        for (qsizetype at = 0; at < n; ++at) {
            QByteArray type = base;
            type[at] = 'b';
            for (const QByteArray &t : {base, type, type}) {
                input += "event: " + t + "\ndata: x\n\n";
                want += t;
            }
        }
    }
    const Outcome got = parseInChunks(input, {}, DefaultCap);
    QCOMPARE(got.events.size(), want.size());
    for (qsizetype i = 0; i < want.size(); ++i)
        QCOMPARE(got.events.at(i).type, want.at(i));
}

namespace {

/** Strict UTF-8 (RFC 3629) by decoding code points: written apart from the parser's table. */
bool referenceValidUtf8(QByteArrayView bytes)
{
    const auto *s = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned b = s[i];
        int extra = 0;
        unsigned cp = b;
        if (b >= 0x80) {
            extra = (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : -1;
            if (extra < 0)
                return false;
            cp = b & (0x3F >> extra);
        }
        if (i + extra >= n)
            return false; // the sequence is cut by the end
        for (int k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        static constexpr unsigned least[] = {0, 0x80, 0x800, 0x10000};
        if (cp < least[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += 1 + extra;
    }
    return true;
}

} // namespace

void tst_ParserState::utf8SequencesAgainstReference()
{
    // Every lead byte with second to fourth bytes at the boundaries of the ranges UTF-8
    // allows, after ASCII runs of 0 to 20 bytes (the validator skips ASCII 16 bytes at a
    // time), at the end of the line or followed by ASCII. Valid lines arrive unchanged,
    // others repaired into valid UTF-8.
    const unsigned char edges[] = {0x01, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
                                   0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF};
    QByteArray input;
    QByteArrayList lines;
    int variant = 0;
    for (int lead = 0x80; lead <= 0xFF; ++lead) {
        for (const unsigned char b2 : edges) {
            for (const unsigned char b3 : edges) {
                for (const unsigned char b4 : edges) {
                    ++variant;
                    QByteArray line(variant % 21, 'a');
                    line += char(lead);
                    line += char(b2);
                    line += char(b3);
                    line += char(b4);
                    if (variant % 2)
                        line += 'z';
                    lines += line;
                    input += "data: " + line + "\n\n";
                }
            }
        }
    }
    const Outcome got = parseInChunks(input, {}, DefaultCap);
    QCOMPARE(got.events.size(), lines.size());
    int valid = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &data = got.events.at(i).data;
        QVERIFY2(referenceValidUtf8(data), escaped(lines.at(i)).constData());
        if (referenceValidUtf8(lines.at(i))) {
            ++valid;
            QCOMPARE(data, lines.at(i));
        } else {
            QVERIFY2(data.contains(R), escaped(lines.at(i)).constData());
        }
    }
    QVERIFY(valid > 1000); // the valid forms were reached, not only the invalid ones
}

void tst_ParserState::eventsOutliveClearAndParser()
{
    // ParseResult::clear() lets go of the events' slab references in batches: events and
    // lists a consumer copied keep their bytes, after the clear and after the parser.
    QByteArray input;
    for (int i = 0; i < 500; ++i)
        input += "id: " + QByteArray::number(i) + "\nevent: t\ndata: d" + QByteArray::number(i)
            + "\n\n";
    QList<sse::Event> kept;
    QList<sse::Event> keptList;
    QByteArray keptId;
    {
        sse::Parser parser;
        sse::ParseResult result;
        parser.feed(QByteArrayView(input).first(input.size() / 2), result);
        kept += result.events.at(3);
        keptId = result.events.at(5).lastEventId;
        result.clear();
        parser.feed(QByteArrayView(input).sliced(input.size() / 2), result);
        keptList = result.events; // shared with the result when it is cleared
        result.clear();
        QVERIFY(result.isEmpty());
    }
    QCOMPARE(kept.first().data, QByteArrayLiteral("d3"));
    QCOMPARE(kept.first().lastEventId, QByteArrayLiteral("3"));
    QCOMPARE(keptId, QByteArrayLiteral("5"));
    QVERIFY(!keptList.isEmpty());
    QCOMPARE(keptList.last().data, QByteArrayLiteral("d499"));
    QCOMPARE(keptList.last().lastEventId, QByteArrayLiteral("499"));
    QCOMPARE(keptList.last().type, QByteArrayLiteral("t"));
}

void tst_ParserState::copiedParserJoinsItsOwnLines()
{
    // Data lines after the first are joined in a buffer the parser keeps between events; a
    // copy made in the middle of a block shares it until one of them writes.
    sse::Parser parser;
    sse::ParseResult result;
    const QByteArray wide(200, 'w'); // leaves the buffer room for the lines below
    parser.feed("data: " + wide + "\ndata: w\n\n", result);
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.at(0).data, wide + "\nw");
    result.clear();
    parser.feed("data: a\ndata: b\n", result);
    sse::Parser copy = parser;
    sse::ParseResult copyResult;
    parser.feed("data: c\n", result);
    copy.feed("data: d\n\n", copyResult);
    parser.feed("\ndata: e\ndata: f\n\n", result);
    QCOMPARE(result.events.size(), 2);
    QCOMPARE(result.events.at(0).data, QByteArrayLiteral("a\nb\nc"));
    QCOMPARE(result.events.at(1).data, QByteArrayLiteral("e\nf"));
    QCOMPARE(copyResult.events.size(), 1);
    QCOMPARE(copyResult.events.at(0).data, QByteArrayLiteral("a\nb\nd"));
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

void tst_ParserState::overLongLineMemoryIsBounded()
{
    // One 50 MiB line with no line break, fed in 64 KiB chunks.
    feedHugeInput("data: ", QByteArray(64 * 1024, 'x'), 50 * 1024 * 1024);
}

void tst_ParserState::overLargeEventMemoryIsBounded()
{
    // 50 MiB of 64-byte data lines with no blank line, fed in 64 KiB chunks.
    const QByteArray line = "data: " + QByteArray(57, 'y') + '\n';
    QCOMPARE(line.size(), 64);
    feedHugeInput("event: huge\n", line.repeated(1024), 50 * 1024 * 1024);
}

QTEST_GUILESS_MAIN(tst_ParserState)

#include "tst_parserstate.moc"
