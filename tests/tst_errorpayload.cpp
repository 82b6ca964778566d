// The message inside a server's error payload: the shapes servers use, read as one sentence.

#include "errorpayload.h"

#include <QTest>

using namespace sse;
using namespace Qt::StringLiterals;

class tst_ErrorPayload final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shapes_data();
    void shapes();
    void longMessageIsCut();
};

void tst_ErrorPayload::shapes_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("error string") << QByteArray(R"({"error": "database connection lost"})")
                                  << QString() << u"database connection lost"_s;
    QTest::newRow("OpenAI error object")
        << QByteArray(R"({"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}})")
        << u"rate_limit_exceeded"_s << u"Rate limit reached"_s;
    QTest::newRow("Anthropic error event")
        << QByteArray(R"({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})")
        << u"overloaded_error"_s << u"Overloaded"_s;
    QTest::newRow("message and code") << QByteArray(R"({"code": "rate_limited", "message": "Too many tokens"})")
                                      << u"rate_limited"_s << u"Too many tokens"_s;
    QTest::newRow("numeric code") << QByteArray(R"({"code": 42, "message": "no"})") << u"42"_s << u"no"_s;
    QTest::newRow("FastAPI detail") << QByteArray(R"({"detail": "unknown parameter 'x'"})")
                                    << QString() << u"unknown parameter 'x'"_s;
    QTest::newRow("FastAPI validation")
        << QByteArray(R"({"detail": [{"loc": ["query", "n"], "msg": "value is not a valid integer", "type": "type_error.integer"}]})")
        << QString() << u"query.n: value is not a valid integer"_s;
    QTest::newRow("RFC 9457 problem") << QByteArray(R"({"type": "about:blank", "title": "Not Found", "detail": "no stream 7"})")
                                      << QString() << u"no stream 7"_s;
    QTest::newRow("JSON string") << QByteArray(R"("stream closed")") << QString() << u"stream closed"_s;
    QTest::newRow("JSON without message") << QByteArray(R"({"status": 500})") << QString()
                                          << uR"({"status": 500})"_s;
    QTest::newRow("plain text") << QByteArray("  upstream   timed out\n(retry later) ") << QString()
                                << u"upstream timed out (retry later)"_s;
    QTest::newRow("HTML page") << QByteArray("<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>")
                               << QString() << u"502 Bad Gateway"_s;
    QTest::newRow("HTML without title") << QByteArray("<p>oops</p>") << QString() << QString();
    QTest::newRow("empty") << QByteArray("  ") << QString() << QString();
}

void tst_ErrorPayload::shapes()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const ErrorPayload read = readErrorPayload(payload);
    QCOMPARE(read.code, code);
    QCOMPARE(read.message, message);
}

void tst_ErrorPayload::longMessageIsCut()
{
    const QByteArray payload = R"({"error": ")" + QByteArray(1000, 'x') + R"("})";
    const ErrorPayload read = readErrorPayload(payload, 50);
    QCOMPARE(read.message.size(), 50);
    QVERIFY(read.message.endsWith(QChar(0x2026)));
}

QTEST_GUILESS_MAIN(tst_ErrorPayload)
#include "tst_errorpayload.moc"
