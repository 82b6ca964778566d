// The Transcript page against the testbed's LLM scenarios: the answer assembled live, the state
// a user must not misread (failed, incomplete), errors inside the stream as server errors, and
// the Markdown export.

#include "diagnostics.h"
#include "scenarioserver.h"
#include "session.h"
#include "streamview.h"
#include "transcript.h"
#include "transcriptview.h"

#include <QFile>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int Timeout = 15000;

QStringList findingIds(const sse::Session &session)
{
    QStringList ids;
    const QList<sse::Finding> findings = session.diagnostics()->findings();
    for (const sse::Finding &finding : findings)
        ids.append(finding.id);
    return ids;
}

sse::StreamConfig llmStream(const QUrl &url)
{
    sse::StreamConfig config;
    config.name = QStringLiteral("llm");
    config.request.url = url;
    config.request.method = "POST";
    config.request.headers = {{"Content-Type", "application/json", false}};
    config.request.body = R"({"model":"m-view","stream":true})";
    config.policy.initialDelayMs = 60000; // one answer: no reconnect within the test
    config.policy.jitter = false;
    return config;
}

} // namespace

class TestTranscriptView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void answerAssembledAndSaved();
    void errorInsideTheStreamIsAServerError();
    void truncatedStreamIsIncomplete();
    void stallIsAFinding();
    void tabBesideEventAndDiagnostics();

private:
    sse::ScenarioServer m_server;
};

void TestTranscriptView::initTestCase()
{
    QVERIFY(m_server.listen());
}

void TestTranscriptView::answerAssembledAndSaved()
{
    sse::Session session(llmStream(m_server.url(QStringLiteral("/llm/anthropic?ttft=20&token=5"))));
    TranscriptView view(session.transcript(), QStringLiteral("llm"));
    QSignalSpy finished(session.transcript(), &sse::Transcript::responseFinished);
    session.connectStream();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, Timeout);
    view.refresh();
    QCOMPARE(view.shownResponse(), 1);
    QCOMPARE(view.summary(), QStringLiteral("Transcript (1)"));
    const QString shown = view.shownText();
    QVERIFY2(shown.contains(QStringLiteral("Server-Sent Events keep one HTTP response open")), qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("The user asks about SSE")));       // thinking
    QVERIFY(shown.contains(QStringLiteral("get_weather")));                   // the tool call
    QVERIFY(shown.contains(QStringLiteral("\"location\": \"Paris\"")));       // pretty-printed
    QVERIFY(shown.contains(QStringLiteral("Stop reason: tool_use")));
    QVERIFY(view.timingText().contains(QStringLiteral("35 chunk")));
    QVERIFY(!view.timingText().contains(QStringLiteral("Incomplete")));
    for (const QString &id : findingIds(session))
        QVERIFY2(!id.startsWith(u"llm-"), qPrintable(id)); // a healthy answer: no LLM finding

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("t.md"));
    QVERIFY(view.saveMarkdown(file));
    QFile saved(file);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QString md = QString::fromUtf8(saved.readAll());
    QVERIFY(md.startsWith(QStringLiteral("# Transcript of llm")));
    QVERIFY(md.contains(QStringLiteral("## Response 1 (anthropic, complete)")));
    QVERIFY(md.contains(QStringLiteral("> **Thinking**")));
    QVERIFY(md.contains(QStringLiteral("**Tool call** `get_weather` (toolu_testbed1)\n\n```json\n{\n    \"location\": \"Paris\",")));
    QVERIFY(md.contains(QStringLiteral("Model: m-view")));
    session.disconnectStream();
}

void TestTranscriptView::errorInsideTheStreamIsAServerError()
{
    // The error object inside a chat chunk is not an `event: error`: only the shape tells.
    sse::Session session(llmStream(m_server.url(QStringLiteral("/llm/openai-chat?fault=error&ttft=20&token=5"))));
    TranscriptView view(session.transcript(), QStringLiteral("llm"));
    QSignalSpy notices(&session, &sse::Session::noticeRaised);
    session.connectStream();
    auto serverError = [&notices]() -> QString {
        for (const QList<QVariant> &args : std::as_const(notices)) {
            const auto notice = args.at(0).value<sse::Notice>();
            if (notice.kind == sse::Notice::Kind::ServerError)
                return notice.message;
        }
        return {};
    };
    QTRY_COMPARE_WITH_TIMEOUT(serverError(), QStringLiteral("The server is overloaded, please retry."), Timeout);
    QCOMPARE(session.statistics().serverErrors, 1);
    QTRY_VERIFY_WITH_TIMEOUT(view.timingText().contains(
                                 QStringLiteral("Server error: The server is overloaded, please retry.")),
                             Timeout);
    QVERIFY(view.shownText().contains(QStringLiteral("(openai-chat, failed)")));
    QVERIFY(findingIds(session).contains(QStringLiteral("llm-error")));
    QVERIFY(session.diagnostics()->hasProblems());
    session.disconnectStream();
}

void TestTranscriptView::truncatedStreamIsIncomplete()
{
    sse::Session session(llmStream(m_server.url(QStringLiteral("/llm/openai-responses?fault=truncate&ttft=20&token=5"))));
    TranscriptView view(session.transcript(), QStringLiteral("llm"));
    session.connectStream();
    QTRY_VERIFY_WITH_TIMEOUT(view.timingText().contains(QStringLiteral("Incomplete")), Timeout);
    QVERIFY(view.shownText().contains(QStringLiteral("incomplete: the stream ended before the response's terminator")));
    QCOMPARE(session.transcript()->responses().constFirst().state, sse::LlmResponse::State::Incomplete);
    QVERIFY(findingIds(session).contains(QStringLiteral("llm-incomplete")));
    QVERIFY(!findingIds(session).contains(QStringLiteral("llm-error")));
    session.disconnectStream();
}

void TestTranscriptView::stallIsAFinding()
{
    // Half a second beyond the warning: a client read delayed by a busy machine shortens the
    // measured gap (the chunk before the stall arrives late), never below the warning.
    const int stallMs = int(sse::Transcript::StallWarningMs) + 500;
    sse::Session session(llmStream(m_server.url(
        QStringLiteral("/llm/openai-chat?fault=stall&ttft=20&token=5&stall=%1").arg(stallMs))));
    TranscriptView view(session.transcript(), QStringLiteral("llm"));
    QSignalSpy finished(session.transcript(), &sse::Transcript::responseFinished);
    session.connectStream();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, Timeout);
    view.refresh();
    QVERIFY(session.transcript()->responses().constFirst().longestStallMs >= sse::Transcript::StallWarningMs);
    QVERIFY2(view.timingText().contains(QStringLiteral("Stalled")), qPrintable(view.timingText()));
    QTRY_VERIFY_WITH_TIMEOUT(findingIds(session).contains(QStringLiteral("llm-stall")), Timeout);
    session.disconnectStream();
}

void TestTranscriptView::tabBesideEventAndDiagnostics()
{
    sse::Session session(llmStream(m_server.url(QStringLiteral("/llm/openai-chat?ttft=20&token=5"))));
    StreamView view(&session, false);
    QTabWidget *pages = nullptr;
    const auto tabWidgets = view.findChildren<QTabWidget *>();
    for (QTabWidget *candidate : tabWidgets) {
        if (candidate->indexOf(view.transcriptView()) >= 0)
            pages = candidate;
    }
    QVERIFY(pages);
    QCOMPARE(pages->indexOf(view.transcriptView()), 2); // after Event and Diagnostics
    QCOMPARE(pages->tabText(2), QStringLiteral("Transcript"));
    session.connectStream();
    QTRY_COMPARE_WITH_TIMEOUT(pages->tabText(2), QStringLiteral("Transcript (1)"), Timeout);
    session.disconnectStream();
}

QTEST_MAIN(TestTranscriptView)
#include "tst_transcriptview.moc"
