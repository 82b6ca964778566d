// Golden tests of the LLM stream assembler: one fixture per shape, written from the public
// documentation of each API, replayed with the pacing its `: at N` comments script.

#include "llmstream.h"
#include "parser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonDocument>
#include <QTest>

using sse::LlmAssembler;
using sse::LlmPart;
using sse::LlmResponse;
using sse::LlmShape;

namespace {

constexpr qint64 RequestAtMs = 1'700'000'000'000;

/** What a replay produced: the assembler after the connection ended, and the in-stream
 *  errors it reported along the way. */
struct Replay
{
    LlmAssembler assembler;
    QList<sse::ErrorPayload> serverErrors;
    qint64 lastAtMs = 0;
};

/** Feeds a fixture's events, each stamped RequestAtMs + the `: at N` before it; the
 *  connection ends 10 ms after the last event. */
void replay(Replay &out, const QString &name, qint64 offsetMs = 0, bool endConnection = true)
{
    QFile file(QFINDTESTDATA(QStringLiteral("data/llm/") + name));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(name));
    const QByteArray bytes = file.readAll();
    if (offsetMs == 0)
        out.assembler.connectionStarted(RequestAtMs);
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        qsizetype end = bytes.indexOf("\n\n", pos);
        if (end < 0)
            end = bytes.size();
        const QByteArray block = bytes.mid(pos, end - pos + 2);
        pos = end + 2;
        qint64 at = -1;
        if (block.startsWith(": at "))
            at = block.mid(5, block.indexOf('\n') - 5).toLongLong();
        sse::Parser parser;
        sse::ParseResult result;
        parser.feed(block, result);
        for (sse::Event event : result.events) {
            QVERIFY2(at >= 0, "every event of a fixture has its `: at N`");
            event.receivedAtMs = RequestAtMs + offsetMs + at;
            out.lastAtMs = offsetMs + at;
            const LlmAssembler::Result fed = out.assembler.feed(event);
            if (fed.serverError)
                out.serverErrors.append(*fed.serverError);
        }
    }
    if (endConnection)
        out.assembler.connectionEnded(RequestAtMs + out.lastAtMs + 10);
}

QString usageText(const LlmResponse &response)
{
    return QString::fromUtf8(QJsonDocument(response.usage).toJson(QJsonDocument::Compact));
}

} // namespace

class TestLlmStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data();
    void golden();
    void truncatedIsIncomplete();
    void errorsInsideTheStream_data();
    void errorsInsideTheStream();
    void responsesOfOneStreamSeparately();
    void forcedShapeIgnoresOthers();
    void genericPath();
    void notAnLlmStream();
    void shapeNames();
    void memoryBounded();
};

void TestLlmStream::golden_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<LlmShape>("shape");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("thinking");
    QTest::addColumn<QString>("toolName");
    QTest::addColumn<QString>("toolId");
    QTest::addColumn<QString>("toolArguments");
    QTest::addColumn<QString>("stopReason");
    QTest::addColumn<QString>("usage");
    // ttft, chunks, gap p50, gap p99, longest stall, stall at char, duration; chunks/s x 1000
    QTest::addColumn<QList<qint64>>("timing");
    QTest::addColumn<qint64>("milliChunksPerSecond");

    QTest::newRow("openai-chat") << QStringLiteral("openai-chat.sse") << LlmShape::OpenAiChat
        << QStringLiteral("The weather in Paris:") << QString() << QStringLiteral("get_weather")
        << QStringLiteral("call_abc123")
        << QStringLiteral(R"({"location": "Paris", "unit": "celsius"})")
        << QStringLiteral("tool_calls")
        << QStringLiteral(R"({"completion_tokens":17,"prompt_tokens":82,"total_tokens":99})")
        << QList<qint64>{320, 6, 20, 1500, 1500, 41, 1980} << qint64(3125);
    QTest::newRow("openai-responses") << QStringLiteral("openai-responses.sse")
        << LlmShape::OpenAiResponses << QStringLiteral("2 + 2 = 4.") << QStringLiteral("Compute 2+2.")
        << QString() << QString() << QString() << QStringLiteral("completed")
        << QStringLiteral(R"({"input_tokens":12,"output_tokens":9,"total_tokens":21})")
        << QList<qint64>{300, 4, 50, 70, 70, 12, 500} << qint64(20000);
    QTest::newRow("anthropic") << QStringLiteral("anthropic.sse") << LlmShape::Anthropic
        << QStringLiteral("Hello!") << QStringLiteral("User wants a greeting.")
        << QStringLiteral("get_time") << QStringLiteral("toolu_01T1x1fJ34qAmk2tNTrN7Up6")
        << QStringLiteral(R"({"tz": "UTC"})") << QStringLiteral("tool_use")
        << QStringLiteral(R"({"input_tokens":25,"output_tokens":42})")
        << QList<qint64>{450, 5, 40, 60, 60, 28, 650} << qint64(23529);
}

void TestLlmStream::golden()
{
    QFETCH(QString, fixture);
    QFETCH(LlmShape, shape);
    QFETCH(QString, text);
    QFETCH(QString, thinking);
    QFETCH(QString, toolName);
    QFETCH(QString, toolId);
    QFETCH(QString, toolArguments);
    QFETCH(QString, stopReason);
    QFETCH(QString, usage);
    QFETCH(QList<qint64>, timing);
    QFETCH(qint64, milliChunksPerSecond);

    Replay r;
    replay(r, fixture);
    QCOMPARE(r.assembler.responses().size(), 1);
    const LlmResponse &response = r.assembler.responses().constFirst();
    QCOMPARE(response.shape, shape);
    QCOMPARE(r.assembler.detectedShape(), shape);
    QCOMPARE(response.state, LlmResponse::State::Complete);
    QCOMPARE(response.text(), text);
    QCOMPARE(response.thinking(), thinking);
    QList<LlmPart> tools;
    for (const LlmPart &part : response.parts) {
        if (part.kind == LlmPart::Kind::ToolCall)
            tools.append(part);
    }
    QCOMPARE(tools.size(), toolName.isEmpty() ? 0 : 1);
    if (!tools.isEmpty()) {
        QCOMPARE(tools.constFirst().toolName, toolName);
        QCOMPARE(tools.constFirst().toolId, toolId);
        QCOMPARE(tools.constFirst().text, toolArguments);
    }
    QCOMPARE(response.stopReason, stopReason);
    QCOMPARE(usageText(response), usage);
    QVERIFY(r.serverErrors.isEmpty());

    const sse::LlmTiming t = response.timing();
    const QList<qint64> measured{t.ttftMs, t.chunks, t.gapP50Ms, t.gapP99Ms, t.longestStallMs,
                                 t.stallAtChar, t.durationMs};
    QCOMPARE(measured, timing);
    QCOMPARE(qRound64(t.chunksPerSecond * 1000), milliChunksPerSecond);
}

void TestLlmStream::truncatedIsIncomplete()
{
    Replay r;
    replay(r, QStringLiteral("openai-chat-truncated.sse"), 0, false);
    QCOMPARE(r.assembler.responses().constFirst().state, LlmResponse::State::Streaming);
    r.assembler.connectionEnded(RequestAtMs + 400);
    const LlmResponse &response = r.assembler.responses().constFirst();
    QCOMPARE(response.state, LlmResponse::State::Incomplete);
    QCOMPARE(response.text(), QStringLiteral("Streams can end early"));
    QVERIFY(response.stopReason.isEmpty());
    QCOMPARE(response.timing().durationMs, 400);
    QCOMPARE(LlmResponse::stateName(response.state), QStringLiteral("incomplete"));
}

void TestLlmStream::errorsInsideTheStream_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<LlmShape>("shape");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("reportedByTheShape"); // not an `event: error` the SSE layer reports

    QTest::newRow("anthropic overloaded_error") << QStringLiteral("anthropic-overloaded.sse")
        << LlmShape::Anthropic << QStringLiteral("Once upon a time")
        << QStringLiteral("overloaded_error") << QStringLiteral("Overloaded") << false;
    QTest::newRow("responses response.failed") << QStringLiteral("openai-responses-failed.sse")
        << LlmShape::OpenAiResponses << QString() << QStringLiteral("server_error")
        << QStringLiteral("The server had an error while processing your request.") << true;
    QTest::newRow("chat error object") << QStringLiteral("openai-chat-error.sse")
        << LlmShape::OpenAiChat << QStringLiteral("Sure") << QStringLiteral("rate_limit_exceeded")
        << QStringLiteral("Rate limit reached for gpt-4o-mini") << true;
}

void TestLlmStream::errorsInsideTheStream()
{
    QFETCH(QString, fixture);
    QFETCH(LlmShape, shape);
    QFETCH(QString, text);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(bool, reportedByTheShape);

    Replay r;
    replay(r, fixture);
    QCOMPARE(r.assembler.responses().size(), 1);
    const LlmResponse &response = r.assembler.responses().constFirst();
    QCOMPARE(response.shape, shape);
    QCOMPARE(response.state, LlmResponse::State::Failed);
    QCOMPARE(response.text(), text);
    QCOMPARE(response.error.code, code);
    QCOMPARE(response.error.message, message);
    QCOMPARE(r.serverErrors.size(), reportedByTheShape ? 1 : 0);
    if (reportedByTheShape)
        QCOMPARE(r.serverErrors.constFirst().message, message);
}

void TestLlmStream::responsesOfOneStreamSeparately()
{
    // Two answers on one connection: the second one's time to first token counts from its
    // own message_start, not from the request.
    Replay r;
    replay(r, QStringLiteral("anthropic.sse"), 0, false);
    replay(r, QStringLiteral("openai-chat.sse"), 1000, false);
    r.assembler.connectionEnded(RequestAtMs + 5000);
    const QList<LlmResponse> &responses = r.assembler.responses();
    QCOMPARE(responses.size(), 2);
    QCOMPARE(responses.at(0).number, 1);
    QCOMPARE(responses.at(1).number, 2);
    QCOMPARE(responses.at(0).text(), QStringLiteral("Hello!"));
    QCOMPARE(responses.at(1).text(), QStringLiteral("The weather in Paris:"));
    QCOMPARE(responses.at(1).shape, LlmShape::OpenAiChat);
    QCOMPARE(responses.at(1).timing().ttftMs, 20); // first chunk 1320, its first event 1300
    QCOMPARE(responses.at(1).state, LlmResponse::State::Complete);
}

void TestLlmStream::forcedShapeIgnoresOthers()
{
    Replay r;
    r.assembler.setShape(LlmShape::OpenAiChat);
    replay(r, QStringLiteral("anthropic.sse"));
    QVERIFY(r.assembler.responses().isEmpty());
}

void TestLlmStream::genericPath()
{
    Replay r;
    r.assembler.setShape(LlmShape::Generic);
    r.assembler.setTextPath(QStringLiteral("message.content"));
    replay(r, QStringLiteral("generic-ollama.sse"));
    QCOMPARE(r.assembler.responses().size(), 1);
    const LlmResponse &response = r.assembler.responses().constFirst();
    QCOMPARE(response.text(), QStringLiteral("Why is the sky blue?"));
    QCOMPARE(response.state, LlmResponse::State::Complete);
    QCOMPARE(response.stopReason, QStringLiteral("stop"));
    QCOMPARE(response.model, QStringLiteral("llama3.2"));
    QCOMPARE(response.timing().ttftMs, 100);
    QCOMPARE(response.timing().chunks, 4);

    // Without its done flag the same stream cut short is incomplete.
    Replay cut;
    cut.assembler.setShape(LlmShape::Generic);
    cut.assembler.setTextPath(QStringLiteral("message.content"));
    cut.assembler.connectionStarted(RequestAtMs);
    sse::Event event;
    event.data = R"({"message":{"content":"Why"},"done":false})";
    event.receivedAtMs = RequestAtMs + 50;
    cut.assembler.feed(event);
    cut.assembler.connectionEnded(RequestAtMs + 60);
    QCOMPARE(cut.assembler.responses().constFirst().state, LlmResponse::State::Incomplete);

    // Not auto-detected: the path is the user's word.
    Replay automatic;
    replay(automatic, QStringLiteral("generic-ollama.sse"));
    QVERIFY(automatic.assembler.responses().isEmpty());
}

void TestLlmStream::notAnLlmStream()
{
    LlmAssembler assembler;
    assembler.connectionStarted(RequestAtMs);
    sse::Event event;
    event.data = R"({"tick":1})";
    for (int i = 0; i < LlmAssembler::MaxProbeEvents + 5; ++i)
        QVERIFY(!assembler.feed(event).changed);
    // An error event on a stream that showed no LLM shape stays the SSE layer's business.
    event.type = "error";
    event.data = R"({"error":{"message":"boom"}})";
    QVERIFY(!assembler.feed(event).changed);
    QVERIFY(assembler.responses().isEmpty());
}

void TestLlmStream::shapeNames()
{
    for (const LlmShape shape : {LlmShape::Auto, LlmShape::OpenAiChat, LlmShape::OpenAiResponses,
                                 LlmShape::Anthropic, LlmShape::Generic})
        QCOMPARE(sse::llmShapeFromName(sse::llmShapeName(shape)), shape);
    QVERIFY(!sse::llmShapeFromName(QStringLiteral("gemini")));
}

void TestLlmStream::memoryBounded()
{
    LlmAssembler assembler;
    assembler.connectionStarted(RequestAtMs);
    auto chunk = [](const QString &id, const QString &content, qint64 at) {
        sse::Event event;
        event.data = QJsonDocument(QJsonObject{
                         {QStringLiteral("id"), id},
                         {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                         {QStringLiteral("choices"),
                          QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                 {QStringLiteral("delta"),
                                                  QJsonObject{{QStringLiteral("content"), content}}}}}}})
                         .toJson(QJsonDocument::Compact);
        event.receivedAtMs = RequestAtMs + at;
        return event;
    };
    // One answer longer than the cap: the text stops there, timing counts every chunk.
    const QString piece(1000, u'x');
    const int chunks = int(LlmAssembler::MaxResponseChars / 1000) + 50;
    for (int i = 0; i < chunks; ++i)
        assembler.feed(chunk(QStringLiteral("big"), piece, i));
    const LlmResponse &big = assembler.responses().constFirst();
    QCOMPARE(big.text().size(), LlmAssembler::MaxResponseChars);
    QVERIFY(big.parts.constFirst().truncated);
    QCOMPARE(big.timing().chunks, chunks);
    QCOMPARE(big.contentChars, qint64(chunks) * 1000);

    // Many answers: the oldest go.
    for (int i = 0; i < LlmAssembler::MaxResponses + 10; ++i) {
        assembler.feed(chunk(QStringLiteral("r%1").arg(i), QStringLiteral("hi"), 10000 + i));
        sse::Event done;
        done.data = "[DONE]";
        done.receivedAtMs = RequestAtMs + 10000 + i;
        assembler.feed(done);
    }
    QCOMPARE(assembler.responses().size(), LlmAssembler::MaxResponses);
    QCOMPARE(assembler.droppedResponses(), 11);
    QCOMPARE(assembler.responses().constLast().number, LlmAssembler::MaxResponses + 11);

    // An event too large for a token chunk is not parsed.
    sse::Event huge = chunk(QStringLiteral("huge"), QString(LlmAssembler::MaxEventBytes, u'y'), 20000);
    QVERIFY(!assembler.feed(huge).changed);
}

QTEST_GUILESS_MAIN(TestLlmStream)
#include "tst_llmstream.moc"
