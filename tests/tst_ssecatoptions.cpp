// ssecat's formatter and option parser, in process (the binary itself: tst_ssecat).

#include "formatter.h"
#include "options.h"
#include "ssecatrun.h"
#include "streamset.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace sse;
using namespace ssecattest;

class TestSsecatOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonString_data();
    void jsonString();
    void jsonStringLongRoundTrip();
    void isoTimestamp();
    void jsonlLine();
    void rawFormatRoundTrip_data();
    void rawFormatRoundTrip();
    void stateRecordShape();
    void totalsShape();
    void optionsParsed();
    void optionsRejected_data();
    void optionsRejected();
    void diagnoseOptionsParsed();

};

// ---- formatter -------------------------------------------------------------------------

void TestSsecatOptions::jsonString_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QByteArray() << QByteArray(R"("")");
    QTest::newRow("plain") << QByteArray("abc") << QByteArray(R"("abc")");
    QTest::newRow("quote") << QByteArray(R"(a"b)") << QByteArray(R"("a\"b")");
    QTest::newRow("backslash") << QByteArray(R"(a\b)") << QByteArray(R"("a\\b")");
    QTest::newRow("slash kept") << QByteArray("a/b") << QByteArray(R"("a/b")");
    QTest::newRow("named controls") << QByteArray("\n\r\t\b\f") << QByteArray(R"("\n\r\t\b\f")");
    QTest::newRow("other controls") << QByteArray("\x00\x01\x1f", 3)
                                    << QByteArray(R"("\u0000\u0001\u001f")");
    QTest::newRow("DEL kept") << QByteArray("\x7f") << QByteArray("\"\x7f\"");
    QTest::newRow("UTF-8 kept") << QByteArray("\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80")
                                << QByteArray("\"\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80\"");
    QTest::newRow("U+2028 kept") << QByteArray("\xe2\x80\xa8") << QByteArray("\"\xe2\x80\xa8\"");
}

void TestSsecatOptions::jsonString()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QByteArray out("prefix:");
    sse::appendJsonString(out, input);
    QCOMPARE(out, "prefix:" + expected);
}

void TestSsecatOptions::jsonStringLongRoundTrip()
{
    // Long strings cross the escaper's internal slices at every expansion factor.
    QByteArray input;
    for (int i = 0; i < 30000; ++i) {
        switch (i % 7) {
        case 0: input += '"'; break;
        case 1: input += char(i % 32); break;
        case 2: input += "\xc3\xa9"; break;
        case 3: input += '\\'; break;
        case 4: input += "\xf0\x9f\x98\x80"; break;
        default: input += char('a' + i % 26); break;
        }
    }
    input += QByteArray(20000, '\x01');
    QByteArray doc("[");
    sse::appendJsonString(doc, input);
    doc += ']';
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(doc, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(parsed.array().at(0).toString(), QString::fromUtf8(input));
}

void TestSsecatOptions::isoTimestamp()
{
    QCOMPARE(sse::isoTimestamp(0), QByteArray("1970-01-01T00:00:00.000Z"));
    QCOMPARE(sse::isoTimestamp(1700000000123), QByteArray("2023-11-14T22:13:20.123Z"));
}

void TestSsecatOptions::jsonlLine()
{
    ssecat::Formatter f(ssecat::Format::Jsonl);
    Event e;
    e.type = "message";
    e.data = "a\"b";
    e.lastEventId = "7";
    e.receivedAtMs = 1700000000123;
    QByteArray out;
    f.appendEvent(out, 2, e);
    QCOMPARE(out, QByteArray(R"({"stream":2,"type":"message","data":"a\"b","lastEventId":"7",)"
                             R"("receivedAt":"2023-11-14T22:13:20.123Z"})"
                             "\n"));
    out.clear();
    e.hasId = true;
    e.receivedAtMs += 1;
    f.appendEvent(out, 0, e);
    QCOMPARE(out, QByteArray(R"({"stream":0,"type":"message","data":"a\"b","lastEventId":"7",)"
                             R"("id":"7","receivedAt":"2023-11-14T22:13:20.124Z"})"
                             "\n"));
    ssecat::Formatter count(ssecat::Format::Count);
    out.clear();
    count.appendEvent(out, 0, e);
    QVERIFY(out.isEmpty());
}

void TestSsecatOptions::rawFormatRoundTrip_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::newRow("plain") << QByteArray("data: a\n\ndata: b\n\n");
    QTest::newRow("types") << QByteArray("event: x\ndata: 1\n\nevent: message\ndata: 2\n\ndata: 3\n\n");
    QTest::newRow("multi-line") << QByteArray("data: a\ndata: b\ndata:\ndata: c\n\n");
    QTest::newRow("empty data") << QByteArray("data\n\ndata\ndata\n\n");
    QTest::newRow("leading spaces") << QByteArray("data:  two\n\ndata:   three\ndata: \n\n");
    QTest::newRow("ids") << QByteArray("id: 1\ndata: a\n\ndata: b\n\nid: 1\ndata: c\n\n"
                                       "id\ndata: d\n\ndata: e\n\nid: x y\ndata: f\n\n");
    QTest::newRow("id only block") << QByteArray("id: 5\n\ndata: after\n\n");
    QTest::newRow("colon in data") << QByteArray("data: a: b\n\n:comment\ndata: :c\n\n");
    QTest::newRow("CR and CRLF") << QByteArray("data: a\r\ndata: b\rdata: c\r\n\r\n");
    QTest::newRow("unicode") << QByteArray("event: \xc3\xa9\ndata: \xf0\x9f\x98\x80 \xff\n\n");
}

void TestSsecatOptions::rawFormatRoundTrip()
{
    QFETCH(QByteArray, stream);
    const QList<Event> events = parseStream(stream);
    QVERIFY(!events.isEmpty());
    ssecat::Formatter f(ssecat::Format::Raw);
    QByteArray out;
    for (const Event &e : events)
        f.appendEvent(out, 0, e);
    COMPARE_EVENTS(parseStream(out), events);
}

void TestSsecatOptions::stateRecordShape()
{
    ssecat::StateRecord r;
    r.kind = ssecat::StateRecord::Kind::Reconnect;
    r.state = EventSource::State::Connecting;
    r.attempt = 2;
    r.maxRetries = 5;
    r.delayMs = 250;
    r.dueAtMs = 1700000000123;
    r.cleanEnd = false;
    r.error = Error{ErrorKind::HttpStatus, QStringLiteral("The server answered \"503\"."), 503, false};
    r.atMs = 1700000000000;
    QByteArray out;
    ssecat::Formatter::appendStateRecord(out, 1, r);
    QVERIFY(out.endsWith('\n'));
    QVERIFY(out.startsWith(R"({"stream":1,"state":"connecting","record":"reconnect",)"));
    const QJsonObject o = parseObject(out.trimmed());
    QCOMPARE(keysOf(o), sorted({QStringLiteral("stream"), QStringLiteral("state"),
                                QStringLiteral("record"), QStringLiteral("attempt"),
                                QStringLiteral("maxRetries"), QStringLiteral("delayMs"),
                                QStringLiteral("dueAt"), QStringLiteral("cleanEnd"),
                                QStringLiteral("error"), QStringLiteral("at")}));
    QCOMPARE(o.value(u"dueAt").toString(), QStringLiteral("2023-11-14T22:13:20.123Z"));
    const QJsonObject error = o.value(u"error").toObject();
    QCOMPARE(error.value(u"kind").toString(), QStringLiteral("http-status"));
    QCOMPARE(error.value(u"message").toString(), QStringLiteral("The server answered \"503\"."));
    QCOMPARE(error.value(u"httpStatus").toInt(), 503);
    QCOMPARE(error.value(u"permanent").toBool(true), false);
}

void TestSsecatOptions::totalsShape()
{
    QByteArray out;
    ssecat::Formatter::appendTotals(out, {1000, 80000, 60000, 500'000'000});
    const QJsonObject o = parseObject(out.trimmed());
    QCOMPARE(keysOf(o), sorted({QStringLiteral("events"), QStringLiteral("bytes"),
                                QStringLiteral("dataBytes"), QStringLiteral("seconds"),
                                QStringLiteral("eventsPerSecond")}));
    QCOMPARE(o.value(u"events").toInteger(), 1000);
    QCOMPARE(o.value(u"bytes").toInteger(), 80000);
    QCOMPARE(o.value(u"dataBytes").toInteger(), 60000);
    QCOMPARE(o.value(u"seconds").toDouble(), 0.5);
    QCOMPARE(o.value(u"eventsPerSecond").toInteger(), 2000);
}

// ---- options ---------------------------------------------------------------------------

void TestSsecatOptions::optionsParsed()
{
    const auto outcome = ssecat::parseOptions(
        {QStringLiteral("ssecat"), QStringLiteral("-H"), QStringLiteral("X-A:  one two "),
         QStringLiteral("--header"), QStringLiteral("Authorization: Bearer t"),
         QStringLiteral("-X"), QStringLiteral("PATCH"), QStringLiteral("-d"), QStringLiteral("{}"),
         QStringLiteral("--last-event-id"), QStringLiteral("41"), QStringLiteral("-n"),
         QStringLiteral("5"), QStringLiteral("--duration"), QStringLiteral("1.25"),
         QStringLiteral("--max-retries"), QStringLiteral("3"), QStringLiteral("--retry-initial-ms"),
         QStringLiteral("100"), QStringLiteral("--retry-max-ms"), QStringLiteral("900"),
         QStringLiteral("--no-jitter"), QStringLiteral("--idle-timeout-ms"), QStringLiteral("700"),
         QStringLiteral("--spec-strict"), QStringLiteral("--states"), QStringLiteral("-o"),
         QStringLiteral("out.jsonl"), QStringLiteral("http://a.example/x"),
         QStringLiteral("https://b.example:8443/y?z=1")});
    QCOMPARE(outcome.action, ssecat::ParseOutcome::Action::Run);
    const ssecat::Options &o = outcome.options;
    QCOMPARE(o.urls.size(), 2);
    QCOMPARE(o.urls.at(1).port(), 8443);
    QCOMPARE(o.request.method, QByteArray("PATCH"));
    QCOMPARE(o.request.body, QByteArray("{}"));
    QCOMPARE(o.request.lastEventId, QByteArray("41"));
    // -d adds the default Content-Type
    QCOMPARE(o.request.headers.size(), 3);
    QCOMPARE(o.request.headers.at(0), (Header{"X-A", "one two", false}));
    QCOMPARE(o.request.headers.at(1), (Header{"Authorization", "Bearer t", true})); // secret by name
    QCOMPARE(o.request.headers.at(2).name, QByteArray("Content-Type"));
    QCOMPARE(o.maxEvents, 5);
    QCOMPARE(o.durationMs, 1250);
    QCOMPARE(o.policy.maxRetries, 3);
    QCOMPARE(o.policy.initialDelayMs, 100);
    QCOMPARE(o.policy.maxDelayMs, 900);
    QCOMPARE(o.policy.jitter, false);
    QCOMPARE(o.policy.mode, ReconnectPolicy::Mode::SpecStrict);
    QCOMPARE(o.idleTimeoutMs, 700);
    QVERIFY(o.states);
    QCOMPARE(o.format, ssecat::Format::Jsonl);
    QCOMPARE(o.outputFile, QStringLiteral("out.jsonl"));

    const auto defaults = ssecat::parseOptions({QStringLiteral("ssecat"), QStringLiteral("http://h/")});
    QCOMPARE(defaults.action, ssecat::ParseOutcome::Action::Run);
    QCOMPARE(defaults.options.request.method, QByteArray("GET"));
    QCOMPARE(defaults.options.policy, ReconnectPolicy());
    QCOMPARE(defaults.options.maxEvents, 0);
    QCOMPARE(defaults.options.durationMs, 0);
}

void TestSsecatOptions::optionsRejected_data()
{
    QTest::addColumn<QStringList>("args");
    const QString url = QStringLiteral("http://127.0.0.1:1/");
    QTest::newRow("no URL") << QStringList();
    QTest::newRow("ftp URL") << QStringList{QStringLiteral("ftp://h/x")};
    QTest::newRow("no scheme") << QStringList{QStringLiteral("example.com/x")};
    QTest::newRow("no host") << QStringList{QStringLiteral("http://")};
    QTest::newRow("header without colon") << QStringList{QStringLiteral("-H"), QStringLiteral("NoColon"), url};
    QTest::newRow("header empty name") << QStringList{QStringLiteral("-H"), QStringLiteral(": v"), url};
    QTest::newRow("header space in name") << QStringList{QStringLiteral("-H"), QStringLiteral("A B: v"), url};
    QTest::newRow("bad method") << QStringList{QStringLiteral("-X"), QStringLiteral("GE T"), url};
    QTest::newRow("n not a number") << QStringList{QStringLiteral("-n"), QStringLiteral("ten"), url};
    QTest::newRow("n zero") << QStringList{QStringLiteral("-n"), QStringLiteral("0"), url};
    QTest::newRow("n negative") << QStringList{QStringLiteral("-n"), QStringLiteral("-3"), url};
    QTest::newRow("duration text") << QStringList{QStringLiteral("--duration"), QStringLiteral("soon"), url};
    QTest::newRow("duration zero") << QStringList{QStringLiteral("--duration"), QStringLiteral("0"), url};
    QTest::newRow("duration nan") << QStringList{QStringLiteral("--duration"), QStringLiteral("nan"), url};
    QTest::newRow("max-retries negative") << QStringList{QStringLiteral("--max-retries"), QStringLiteral("-1"), url};
    QTest::newRow("retry-initial fraction") << QStringList{QStringLiteral("--retry-initial-ms"), QStringLiteral("1.5"), url};
    QTest::newRow("retry-max overflow") << QStringList{QStringLiteral("--retry-max-ms"), QStringLiteral("99999999999"), url};
    QTest::newRow("idle negative") << QStringList{QStringLiteral("--idle-timeout-ms"), QStringLiteral("-1"), url};
    QTest::newRow("format unknown") << QStringList{QStringLiteral("--format"), QStringLiteral("xml"), url};
    QTest::newRow("states with raw") << QStringList{QStringLiteral("--states"), QStringLiteral("--format"), QStringLiteral("raw"), url};
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate"), url};
    QTest::newRow("missing value") << QStringList{url, QStringLiteral("-n")};
    QTest::newRow("origin without diagnose")
        << QStringList{QStringLiteral("--origin"), QStringLiteral("http://localhost:3000"), url};
    QTest::newRow("diagnose-format without diagnose")
        << QStringList{QStringLiteral("--diagnose-format"), QStringLiteral("json"), url};
    QTest::newRow("proxy-idle without diagnose")
        << QStringList{QStringLiteral("--proxy-idle-ms"), QStringLiteral("100"), url};
    QTest::newRow("diagnose-format unknown")
        << QStringList{QStringLiteral("--diagnose"), QStringLiteral("--diagnose-format"),
                       QStringLiteral("xml"), url};
    QTest::newRow("origin not http") << QStringList{QStringLiteral("--diagnose"), QStringLiteral("--origin"),
                                                    QStringLiteral("ftp://h"), url};
    QTest::newRow("origin without host") << QStringList{QStringLiteral("--diagnose"), QStringLiteral("--origin"),
                                                        QStringLiteral("localhost"), url};
    QTest::newRow("diagnose with format")
        << QStringList{QStringLiteral("--diagnose"), QStringLiteral("--format"), QStringLiteral("raw"), url};
    QTest::newRow("diagnose with states")
        << QStringList{QStringLiteral("--diagnose"), QStringLiteral("--states"), url};
    QTest::newRow("proxy-idle zero")
        << QStringList{QStringLiteral("--diagnose"), QStringLiteral("--proxy-idle-ms"), QStringLiteral("0"), url};
}

void TestSsecatOptions::optionsRejected()
{
    QFETCH(QStringList, args);
    const auto outcome = ssecat::parseOptions(QStringList{QStringLiteral("ssecat")} + args);
    QCOMPARE(outcome.action, ssecat::ParseOutcome::Action::UsageError);
    QVERIFY(!outcome.text.isEmpty());
}

void TestSsecatOptions::diagnoseOptionsParsed()
{
    const QString url = QStringLiteral("http://127.0.0.1:1/");
    const auto outcome = ssecat::parseOptions(
        {QStringLiteral("ssecat"), QStringLiteral("--diagnose"), QStringLiteral("--diagnose-format"),
         QStringLiteral("json"), QStringLiteral("--origin"), QStringLiteral("http://localhost:3000/app"),
         QStringLiteral("--proxy-idle-ms"), QStringLiteral("500"), url});
    QCOMPARE(outcome.action, ssecat::ParseOutcome::Action::Run);
    const ssecat::Options &o = outcome.options;
    QVERIFY(o.diagnose);
    QCOMPARE(o.diagnoseFormat, ssecat::DiagnoseFormat::Json);
    QCOMPARE(o.pageOrigin, QUrl(QStringLiteral("http://localhost:3000/app")));
    QCOMPARE(o.proxyIdleMs, 500);
    QCOMPARE(o.durationMs, ssecat::Options::DefaultDiagnoseMs);
    // As a browser does, the request carries the page's origin.
    QCOMPARE(o.request.headers, (QList<Header>{{"Origin", "http://localhost:3000", false}}));

    // Defaults, and an Origin header of the user's own is kept as it is.
    const auto plain = ssecat::parseOptions(
        {QStringLiteral("ssecat"), QStringLiteral("--diagnose"), QStringLiteral("--duration"),
         QStringLiteral("2"), QStringLiteral("-H"), QStringLiteral("Origin: null"),
         QStringLiteral("--origin"), QStringLiteral("https://a.example"), url});
    QCOMPARE(plain.action, ssecat::ParseOutcome::Action::Run);
    QCOMPARE(plain.options.diagnoseFormat, ssecat::DiagnoseFormat::Text);
    QCOMPARE(plain.options.durationMs, 2000);
    QCOMPARE(plain.options.proxyIdleMs, 60000);
    QCOMPARE(plain.options.request.headers, (QList<Header>{{"Origin", "null", false}}));

    const auto off = ssecat::parseOptions({QStringLiteral("ssecat"), url});
    QVERIFY(!off.options.diagnose);
    QVERIFY(off.options.pageOrigin.isEmpty());
}

QTEST_GUILESS_MAIN(TestSsecatOptions)
#include "tst_ssecatoptions.moc"
