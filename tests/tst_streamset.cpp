// sse::StreamSet: stream definitions to share. Round trips, secrets left out unless asked,
// and every kind of bad file refused whole, with its line and the reason.

#include "streamset.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using sse::Header;
using sse::StreamConfig;
using sse::StreamSet;

namespace {

StreamConfig fullConfig()
{
    StreamConfig c;
    c.name = QStringLiteral("Chat “completions”, ünïcode");
    c.request.url = QUrl(QStringLiteral("https://alice:pw123@api.example.com:8443/v1/chat?x=a%20b"));
    c.request.method = "POST";
    c.request.headers = {Header{"Authorization", "Bearer sk-live-123", true},
                         Header{"Content-Type", "application/json", false},
                         Header{"X-Api-Key", "k3y", true},
                         Header{"X-Binary", QByteArray("\xff\xfe", 2), false}};
    c.request.body = R"({"stream":true})";
    c.request.lastEventId = "41";
    c.request.ignoreTlsErrors = true;
    c.policy.mode = sse::ReconnectPolicy::Mode::SpecStrict;
    c.policy.initialDelayMs = 250;
    c.policy.maxDelayMs = 5000;
    c.policy.jitter = false;
    c.policy.maxRetries = 12;
    c.idleTimeoutMs = 45000;
    c.connectTimeoutMs = 12000;
    c.silentAfterMs = 45000;
    c.maxEventBytes = 65536;
    c.autoConnect = true;
    return c;
}

StreamConfig plainConfig()
{
    StreamConfig c;
    c.name = QStringLiteral("ticker");
    c.request.url = QUrl(QStringLiteral("http://127.0.0.1:8080/ticker"));
    c.request.body = QByteArray("\x00\x01 binary", 9);
    c.request.http2PriorKnowledge = true;
    return c;
}

} // namespace

class tst_StreamSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripWithSecrets();
    void http2PriorKnowledgeOnlyWhenOn();
    void secretsLeftOut();
    void minimalFile();
    void refused_data();
    void refused();
    void unreadableFile();
    void sameStream();
};

void tst_StreamSet::roundTripWithSecrets()
{
    const QList<StreamConfig> configs{fullConfig(), plainConfig()};
    QVERIFY(StreamSet::hasSecrets(configs));
    const auto back = StreamSet::parse(StreamSet::serialize(configs, true));
    QVERIFY2(back.ok(), qPrintable(back.errorText()));
    QCOMPARE(back.streams.size(), 2);
    QCOMPARE(back.streams.at(0).config, fullConfig());
    QCOMPARE(back.streams.at(1).config, plainConfig());
    QVERIFY(back.streams.at(0).missingSecrets.isEmpty());
}

void tst_StreamSet::http2PriorKnowledgeOnlyWhenOn()
{
    // Written only when on, so a set without it stays readable by versions before the field.
    QVERIFY(!StreamSet::serialize({fullConfig()}, true).contains("http2PriorKnowledge"));
    QVERIFY(StreamSet::serialize({plainConfig()}, true).contains(R"("http2PriorKnowledge": true)"));
}

void tst_StreamSet::secretsLeftOut()
{
    const QByteArray json = StreamSet::serialize({fullConfig()}, false);
    QVERIFY(!json.contains("sk-live-123"));
    QVERIFY(!json.contains("k3y"));
    QVERIFY(!json.contains("pw123"));
    QVERIFY(json.contains("application/json"));
    const auto back = StreamSet::parse(json);
    QVERIFY2(back.ok(), qPrintable(back.errorText()));
    QCOMPARE(back.streams.at(0).missingSecrets, QList<QByteArray>({"Authorization", "X-Api-Key"}));
    StreamConfig expected = fullConfig();
    QUrl url = expected.request.url;
    url.setPassword(QString());
    expected.request.url = url;
    expected.request.headers[0].value.clear();
    expected.request.headers[2].value.clear();
    QCOMPARE(back.streams.at(0).config, expected);
}

void tst_StreamSet::minimalFile()
{
    const auto r = StreamSet::parse(R"({"format": "sse-monitor-streams", "version": 1,
        "streams": [{"url": "https://e.com/events"}]})");
    QVERIFY2(r.ok(), qPrintable(r.errorText()));
    StreamConfig expected;
    expected.request.url = QUrl(QStringLiteral("https://e.com/events"));
    expected.name = QStringLiteral("e.com/events");
    QCOMPARE(r.streams.at(0).config, expected);
}

void tst_StreamSet::refused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("reason");

    const QByteArray head = "{\n  \"format\": \"sse-monitor-streams\",\n  \"version\": 1,\n  \"streams\": [\n"
                            "    {\"url\": \"https://e.com/1\"},\n";
    const auto second = [&](const QByteArray &stream) { return head + "    " + stream + "\n  ]\n}\n"; };
    // The second stream starts on line 6.
    QTest::newRow("syntax") << QByteArray(head + "    {\"url\": \"https://e.com/2\",}\n]}") << 6 << "";
    QTest::newRow("cut short") << head.left(head.size() - 10) << 5 << "";
    QTest::newRow("not an object") << QByteArray("[1, 2]") << 1 << "JSON object";
    QTest::newRow("other format") << QByteArray(R"({"format": "x", "version": 1, "streams": []})") << 1 << "format";
    QTest::newRow("newer version") << QByteArray(R"({"format": "sse-monitor-streams", "version": 2, "streams": []})")
                                   << 1 << "version 2";
    QTest::newRow("unknown top field") << QByteArray(R"({"format": "sse-monitor-streams", "version": 1, "streams": [], "x": 1})")
                                       << 1 << "unknown field";
    QTest::newRow("streams not a list") << QByteArray(R"({"format": "sse-monitor-streams", "version": 1, "streams": {}})")
                                        << 1 << "streams";
    QTest::newRow("stream not an object") << second("42") << 1 << "stream 2 must be an object";
    QTest::newRow("url missing") << second(R"({"name": "x"})") << 6 << "“url” is missing";
    QTest::newRow("url not http") << second(R"({"url": "ftp://e.com/"})") << 6 << "not an http or https URL";
    QTest::newRow("url a number") << second(R"({"url": 5})") << 6 << "must be a string";
    QTest::newRow("unknown field") << second(R"({"url": "https://e.com/2", "idleTimeout": 5})") << 6
                                   << "unknown field “idleTimeout”";
    QTest::newRow("method not a token") << second(R"({"url": "https://e.com/2", "method": "GE T"})") << 6
                                        << "not an HTTP method";
    QTest::newRow("header without name") << second(R"({"url": "https://e.com/2", "headers": [{"value": "x"}]})")
                                         << 6 << "no valid “name”";
    QTest::newRow("header with line break") << second(R"({"url": "https://e.com/2", "headers": [{"name": "X", "value": "a\nb"}]})")
                                            << 6 << "line break";
    QTest::newRow("headers not a list") << second(R"({"url": "https://e.com/2", "headers": {}})") << 6 << "must be a list";
    QTest::newRow("negative timeout") << second(R"({"url": "https://e.com/2", "idleTimeoutMs": -1})") << 6
                                      << "must be from 0";
    QTest::newRow("fractional size") << second(R"({"url": "https://e.com/2", "maxEventBytes": 1.5})") << 6
                                     << "whole number";
    QTest::newRow("bool as text") << second(R"({"url": "https://e.com/2", "autoConnect": "yes"})") << 6
                                  << "true or false";
    QTest::newRow("h2c as text") << second(R"({"url": "http://e.com/2", "http2PriorKnowledge": "on"})") << 6
                                 << "“http2PriorKnowledge” must be true or false";
    QTest::newRow("bad base64") << second(R"({"url": "https://e.com/2", "bodyBase64": "!!"})") << 6 << "base64";
    QTest::newRow("body twice") << second(R"({"url": "https://e.com/2", "body": "a", "bodyBase64": "YQ=="})") << 6
                                << "cannot both";
    QTest::newRow("unknown mode") << second(R"({"url": "https://e.com/2", "reconnect": {"mode": "warp"}})") << 6
                                  << "“mode”";
    QTest::newRow("retries too low") << second(R"({"url": "https://e.com/2", "reconnect": {"maxRetries": -2}})") << 6
                                     << "maxRetries";
}

void tst_StreamSet::refused()
{
    QFETCH(QByteArray, json);
    QFETCH(int, line);
    QFETCH(QString, reason);
    const auto r = StreamSet::parse(json);
    QVERIFY(!r.ok());
    QVERIFY(r.streams.isEmpty()); // nothing half: not even the good first stream
    QCOMPARE(r.errorLine, line);
    QVERIFY2(r.error.contains(reason), qPrintable(r.error));
    QVERIFY(r.errorText().startsWith(QStringLiteral("line %1: ").arg(line)));
}

void tst_StreamSet::unreadableFile()
{
    QTemporaryDir dir;
    const auto missing = StreamSet::readFile(dir.filePath(QStringLiteral("none.json")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.errorLine, 0);
    QVERIFY(missing.error.contains(QStringLiteral("none.json")));

    const QString file = dir.filePath(QStringLiteral("set.json"));
    QString error;
    QVERIFY(StreamSet::writeFile(file, {plainConfig()}, false, &error));
    const auto back = StreamSet::readFile(file);
    QVERIFY(back.ok());
    QCOMPARE(back.streams.at(0).config, plainConfig());
}

void tst_StreamSet::sameStream()
{
    sse::StreamRequest a;
    a.url = QUrl(QStringLiteral("https://e.com/a/../b"));
    sse::StreamRequest b;
    b.url = QUrl(QStringLiteral("https://e.com/b"));
    QVERIFY(sse::isSameStream(a, b));
    b.lastEventId = "5"; // not part of what the stream is
    QVERIFY(sse::isSameStream(a, b));
    b.method = "POST";
    QVERIFY(!sse::isSameStream(a, b));
    b.method = "GET";
    b.headers = {Header{"X", "1", false}};
    QVERIFY(!sse::isSameStream(a, b));
    b.headers.clear();
    b.body = "x";
    QVERIFY(!sse::isSameStream(a, b));
}

QTEST_GUILESS_MAIN(tst_StreamSet)
#include "tst_streamset.moc"
