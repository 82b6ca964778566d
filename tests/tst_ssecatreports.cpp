// ssecat's reports against the scenario server: --diagnose (sse::Diagnostics itself is tested
// in tst_diagnostics; here the report, the options and the exit status) and --format
// transcript. The server runs on a thread of its own (serverthread.h), so a stalled test
// cannot fake buffering or a stall.

#include "options.h"
#include "scenarioserver.h"
#include "serverthread.h"
#include "ssecatrun.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

using namespace sse;
using namespace ssecattest;

class TestSsecatReports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void diagnoseJson_data();
    void diagnoseJson();
    void diagnoseText();
    void diagnoseStopsAtMaxEvents();
    void transcriptFormat_data();
    void transcriptFormat();
    void transcriptOptionsRejected();
};

void TestSsecatReports::initTestCase()
{
    QVERIFY2(QFileInfo(ssecatPath()).isExecutable(), qPrintable(ssecatPath()));
}

namespace {

/** The ids of the warnings and errors of each stream of a --diagnose-format json report. */
QList<QStringList> problemIds(const QJsonObject &report)
{
    QList<QStringList> streams;
    for (const QJsonValue &stream : report.value(u"streams").toArray()) {
        QStringList ids;
        for (const QJsonValue &f : stream.toObject().value(u"findings").toArray()) {
            if (f.toObject().value(u"severity").toString() != u"info")
                ids.append(f.toObject().value(u"id").toString());
        }
        ids.sort();
        streams.append(ids);
    }
    return streams;
}

} // namespace

void TestSsecatReports::diagnoseJson_data()
{
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("problems"); // of every stream

    const QString healthy = QStringLiteral("/ticker?rate=10&retry=3000");
    const QString page = QStringLiteral("http://localhost:3000");
    const QString duration = QStringLiteral("--duration");
    QTest::newRow("healthy") << QStringList{healthy} << QStringList{duration, QStringLiteral("1")}
                             << 0 << QStringList();
    QTest::newRow("bad headers") << QStringList{QStringLiteral("/badheaders?rate=20")}
                                 << QStringList{duration, QStringLiteral("1")} << 4
                                 << QStringList{QStringLiteral("cache-control"), QStringLiteral("charset")};
    // 7 events held back for 700 ms each time: bursts after more than 500 ms of silence.
    QTest::newRow("buffered behind nginx")
        << QStringList{QStringLiteral("/buffered?server=nginx&hold=700&rate=10&retry=3000")}
        << QStringList{duration, QStringLiteral("2.5")} << 4
        << QStringList{QStringLiteral("buffering"), QStringLiteral("nginx-buffering")};
    QTest::newRow("no heartbeat") << QStringList{QStringLiteral("/stall?events=3")}
                                  << QStringList{duration, QStringLiteral("1"),
                                                 QStringLiteral("--proxy-idle-ms"), QStringLiteral("300")}
                                  << 4 << QStringList{QStringLiteral("no-heartbeat")};
    QTest::newRow("CORS headers missing")
        << QStringList{healthy} << QStringList{duration, QStringLiteral("1"), QStringLiteral("--origin"), page}
        << 4 << QStringList{QStringLiteral("cors-allow-origin-missing")};
    // ssecat sends Origin as a browser would, and this server answers only such requests.
    QTest::newRow("CORS echoed for the Origin sent")
        << QStringList{QStringLiteral("/cors?allow_origin=echo&rate=10&retry=3000")}
        << QStringList{duration, QStringLiteral("1"), QStringLiteral("--origin"), page} << 0
        << QStringList();
    QStringList seven;
    for (int i = 0; i < 7; ++i)
        seven.append(QStringLiteral("/ticker?rate=5&retry=3000"));
    QTest::newRow("seven HTTP/1.1 streams to one host")
        << seven << QStringList{duration, QStringLiteral("1")} << 4
        << QStringList{QStringLiteral("http1-connection-limit")};
    // A failed stream keeps exit status 3; the report still says why, and comes at once.
    QTest::newRow("wrong content type")
        << QStringList{QStringLiteral("/content-type?type=text/plain")}
        << QStringList{duration, QStringLiteral("10")} << 3
        << QStringList{QStringLiteral("content-type-wrong")};
}

void TestSsecatReports::diagnoseJson()
{
    QFETCH(QStringList, paths);
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QStringList, problems);

    ScenarioServerThread server; // its own thread: a stalled test cannot fake buffering
    QVERIFY(server.start());
    QStringList urls;
    for (const QString &path : paths)
        urls.append(server.url(path).toString());
    const Run run = runCat(QStringList{QStringLiteral("--diagnose"), QStringLiteral("--diagnose-format"),
                                       QStringLiteral("json")}
                           + args + urls);
    QVERIFY(run.finished);
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, exitCode);
    if (exitCode == 3)
        QVERIFY2(run.elapsedMs < 8000, QByteArray::number(run.elapsedMs).constData());

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), run.out.constData());
    const QJsonObject report = doc.object();
    const QJsonArray streams = report.value(u"streams").toArray();
    QCOMPARE(streams.size(), urls.size());
    for (qsizetype i = 0; i < streams.size(); ++i) {
        const QJsonObject stream = streams.at(i).toObject();
        QCOMPARE(stream.value(u"stream").toInt(-1), int(i));
        QCOMPARE(stream.value(u"url").toString(), urls.at(i));
        QVERIFY(stream.contains(u"request") && stream.contains(u"response")
                && stream.contains(u"timing"));
    }
    const QList<QStringList> ids = problemIds(report);
    for (const QStringList &streamIds : ids)
        QCOMPARE(streamIds, problems);
    const QJsonObject summary = report.value(u"summary").toObject();
    QCOMPARE(summary.value(u"warnings").toInt() + summary.value(u"errors").toInt(),
             int(problems.size() * urls.size()));
}

void TestSsecatReports::diagnoseText()
{
    ScenarioServerThread server; // its own thread: a stalled test cannot fake buffering
    QVERIFY(server.start());
    const QString url = server.url(QStringLiteral("/badheaders?rate=20")).toString();
    const Run run = runCat({QStringLiteral("--diagnose"), QStringLiteral("--duration"),
                            QStringLiteral("1"), url});
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 4);
    const QString text = QString::fromUtf8(run.out);
    for (const QString &part : {QStringLiteral("Diagnostics of ") + url, QStringLiteral("\nRequest\n"),
                                QStringLiteral("  GET ") + url, QStringLiteral("\nResponse\n"),
                                QStringLiteral("  HTTP/1.1 200 OK"),
                                QStringLiteral("  Content-Type: text/event-stream; charset=iso-8859-1"),
                                QStringLiteral("\nTiming\n"), QStringLiteral("Findings: errors 0, warnings 2"),
                                QStringLiteral("  [warning] charset: "),
                                QStringLiteral("  [warning] cache-control: "), QStringLiteral("Fix: ")})
        QVERIFY2(text.contains(part), qPrintable(part + QStringLiteral("\n---\n") + text));
    // The report replaces the events.
    QVERIFY(!run.out.contains("{\"stream\""));

    // Healthy: status 0, and the report says so.
    const Run healthy = runCat({QStringLiteral("--diagnose"), QStringLiteral("--duration"),
                                QStringLiteral("1"),
                                server.url(QStringLiteral("/ticker?rate=10&retry=3000")).toString()});
    QCOMPARE(healthy.exitCode, 0);
    QVERIFY2(healthy.out.contains("Findings: errors 0, warnings 0, infos 0\n  No problems found."),
             healthy.out.constData());
}

void TestSsecatReports::diagnoseStopsAtMaxEvents()
{
    ScenarioServerThread server; // its own thread: a stalled test cannot fake buffering
    QVERIFY(server.start());
    // -n ends the observation early; the default observation time (10 s) is not waited for.
    const Run run = runCat({QStringLiteral("--diagnose"), QStringLiteral("-n"), QStringLiteral("5"),
                            QStringLiteral("--diagnose-format"), QStringLiteral("json"),
                            server.url(QStringLiteral("/ids?mode=none&rate=20")).toString()});
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.elapsedMs < 8000, QByteArray::number(run.elapsedMs).constData());
    const QJsonObject report = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(problemIds(report), QList<QStringList>{QStringList{QStringLiteral("no-ids")}});
    QVERIFY(report.value(u"streams").toArray().at(0).toObject().value(u"timing").toObject()
                .value(u"events").toInteger() >= 5);
}

void TestSsecatReports::transcriptFormat_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("shape");
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("chunks");        // -1: not checked
    QTest::addColumn<QString>("message");   // the error's, for a failed response

    QTest::newRow("openai-chat") << QStringLiteral("/llm/openai-chat") << 0
        << QStringLiteral("openai-chat") << QStringLiteral("complete") << 31 << QString();
    QTest::newRow("openai-responses") << QStringLiteral("/llm/openai-responses") << 0
        << QStringLiteral("openai-responses") << QStringLiteral("complete") << 35 << QString();
    QTest::newRow("anthropic") << QStringLiteral("/llm/anthropic") << 0
        << QStringLiteral("anthropic") << QStringLiteral("complete") << 35 << QString();
    QTest::newRow("anthropic overloaded") << QStringLiteral("/llm/anthropic?fault=error") << 5
        << QStringLiteral("anthropic") << QStringLiteral("failed") << -1 << QStringLiteral("Overloaded");
    QTest::newRow("responses failed") << QStringLiteral("/llm/openai-responses?fault=error") << 5
        << QStringLiteral("openai-responses") << QStringLiteral("failed") << -1
        << QStringLiteral("The server had an error while processing your request.");
    QTest::newRow("chat error chunk") << QStringLiteral("/llm/openai-chat?fault=error") << 5
        << QStringLiteral("openai-chat") << QStringLiteral("failed") << -1
        << QStringLiteral("The server is overloaded, please retry.");
    QTest::newRow("chat truncated") << QStringLiteral("/llm/openai-chat?fault=truncate") << 5
        << QStringLiteral("openai-chat") << QStringLiteral("incomplete") << 18 << QString();
    QTest::newRow("anthropic stall") << QStringLiteral("/llm/anthropic?fault=stall&stall=800") << 0
        << QStringLiteral("anthropic") << QStringLiteral("complete") << 35 << QString();
}

void TestSsecatReports::transcriptFormat()
{
    QFETCH(QString, path);
    QFETCH(int, exitCode);
    QFETCH(QString, shape);
    QFETCH(QString, state);
    QFETCH(int, chunks);
    QFETCH(QString, message);

    ScenarioServerThread server; // its own thread: a stalled test cannot fake buffering
    QVERIFY(server.start());
    QUrl url = server.url(path);
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("ttft"), QStringLiteral("150"));
    query.addQueryItem(QStringLiteral("token"), QStringLiteral("8"));
    url.setQuery(query);
    // As the APIs are called: POST with a JSON body; the testbed echoes its model.
    const Run run = runCat({QStringLiteral("--format"), QStringLiteral("transcript"),
                            QStringLiteral("-H"), QStringLiteral("Content-Type: application/json"),
                            QStringLiteral("-d"), QStringLiteral(R"({"model":"m-test","stream":true})"),
                            url.toString()});
    QVERIFY(run.finished);
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, exitCode);

    // The text as it arrived, then the record.
    const QList<QByteArray> lines = run.lines();
    QCOMPARE(lines.size(), 2);
    const QJsonObject record = parseObject(lines.at(1));
    QCOMPARE(QString::fromUtf8(lines.at(0)), record.value(u"text").toString());
    QCOMPARE(record.value(u"stream").toInt(-1), 0);
    QCOMPARE(record.value(u"shape").toString(), shape);
    QCOMPARE(record.value(u"state").toString(), state);
    QCOMPARE(record.value(u"model").toString(), QStringLiteral("m-test"));
    if (chunks >= 0)
        QCOMPARE(record.value(u"chunks").toInt(), chunks);
    QVERIFY(record.value(u"ttftMs").toInteger() >= 150);
    QVERIFY(record.value(u"durationMs").toInteger() >= record.value(u"ttftMs").toInteger());
    for (const auto key : {u"chunksPerSecond", u"gapP99Ms", u"longestStallMs", u"usage", u"stopReason"})
        QVERIFY2(record.contains(key), lines.at(1).constData());

    if (state == u"complete") {
        QCOMPARE(record.value(u"text").toString(),
                 QStringLiteral("Server-Sent Events keep one HTTP response open and push each "
                                "event as soon as it exists. Let me check the weather in Paris too."));
        const QJsonArray calls = record.value(u"toolCalls").toArray();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.at(0).toObject().value(u"name").toString(), QStringLiteral("get_weather"));
        const QJsonObject arguments = QJsonDocument::fromJson(
            calls.at(0).toObject().value(u"arguments").toString().toUtf8()).object();
        QCOMPARE(arguments.value(u"location").toString(), QStringLiteral("Paris"));
        QVERIFY(!record.value(u"stopReason").toString().isEmpty());
        QVERIFY(!record.value(u"usage").toObject().isEmpty());
    } else {
        QVERIFY(run.err.contains("response 1 " + state.toUtf8()));
    }
    if (state == u"failed")
        QCOMPARE(record.value(u"error").toObject().value(u"message").toString(), message);
    if (path.contains(u"stall")) {
        QVERIFY(record.value(u"longestStallMs").toInteger() >= 800);
        QVERIFY(record.value(u"gapP50Ms").toInteger() < 800);
    } else {
        QVERIFY(record.value(u"longestStallMs").toInteger() < 800);
    }
}

void TestSsecatReports::transcriptOptionsRejected()
{
    const QStringList url{QStringLiteral("http://127.0.0.1:1/")};
    for (const QStringList &args : {QStringList{QStringLiteral("--llm-shape"), QStringLiteral("anthropic")},
                                    QStringList{QStringLiteral("--format"), QStringLiteral("transcript"),
                                                QStringLiteral("--llm-shape"), QStringLiteral("gemini")},
                                    QStringList{QStringLiteral("--format"), QStringLiteral("transcript"),
                                                QStringLiteral("--llm-shape"), QStringLiteral("generic")},
                                    QStringList{QStringLiteral("--format"), QStringLiteral("transcript"),
                                                QStringLiteral("--llm-text-path"), QStringLiteral("a..b")}}) {
        const ssecat::ParseOutcome outcome = ssecat::parseOptions(QStringList{QStringLiteral("ssecat")} + args + url);
        QCOMPARE(outcome.action, ssecat::ParseOutcome::Action::UsageError);
    }
    const ssecat::ParseOutcome generic = ssecat::parseOptions(
        {QStringLiteral("ssecat"), QStringLiteral("--format"), QStringLiteral("transcript"),
         QStringLiteral("--llm-text-path"), QStringLiteral("message.content"), url.constFirst()});
    QCOMPARE(generic.action, ssecat::ParseOutcome::Action::Run);
    QCOMPARE(generic.options.llmShape, sse::LlmShape::Generic);
    QCOMPARE(generic.options.llmTextPath, QStringLiteral("message.content"));
}

QTEST_GUILESS_MAIN(TestSsecatReports)
#include "tst_ssecatreports.moc"
