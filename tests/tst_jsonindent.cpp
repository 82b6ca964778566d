// Pretty JSON that is still the payload: re-indented, never reordered or rewritten.

#include "jsonindent.h"

#include <QTest>

using namespace sse;

class tst_JsonIndent final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reindents_data();
    void reindents();
    void rejects_data();
    void rejects();
    void onlyWhitespaceChanges();
};

void tst_JsonIndent::reindents_data()
{
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<QByteArray>("out");

    QTest::newRow("numbers as sent, keys in order")
        << QByteArray(R"({"b":12345678901234567890123,"a":0.1000,"c":1e3,"d":-0.0,"e":1E+2})")
        << QByteArray("{\n  \"b\": 12345678901234567890123,\n  \"a\": 0.1000,\n  \"c\": 1e3,\n"
                      "  \"d\": -0.0,\n  \"e\": 1E+2\n}");
    QTest::newRow("escapes kept") << QByteArray(R"(["\u00e9\n","\/","é"])")
                                  << QByteArray("[\n  \"\\u00e9\\n\",\n  \"\\/\",\n  \"é\"\n]");
    QTest::newRow("duplicate keys kept") << QByteArray(R"({"a":1,"a":2})")
                                         << QByteArray("{\n  \"a\": 1,\n  \"a\": 2\n}");
    QTest::newRow("nested and empty")
        << QByteArray(" { \"x\" : [ 1 , { } , [ ] , null , true , false ] } \r\n")
        << QByteArray("{\n  \"x\": [\n    1,\n    {},\n    [],\n    null,\n    true,\n    false\n  ]\n}");
    QTest::newRow("scalar") << QByteArray(" 42 ") << QByteArray("42");
    QTest::newRow("string") << QByteArray(R"("hi")") << QByteArray(R"("hi")");
}

void tst_JsonIndent::reindents()
{
    QFETCH(QByteArray, in);
    QFETCH(QByteArray, out);
    QCOMPARE(reindentJson(in), out);
}

void tst_JsonIndent::rejects_data()
{
    QTest::addColumn<QByteArray>("in");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("text") << QByteArray("hello");
    QTest::newRow("two values") << QByteArray("1 2");
    QTest::newRow("trailing comma") << QByteArray("[1,]");
    QTest::newRow("leading zero") << QByteArray("01");
    QTest::newRow("bare dot") << QByteArray("1.");
    QTest::newRow("plus sign") << QByteArray("+1");
    QTest::newRow("single quotes") << QByteArray("{'a':1}");
    QTest::newRow("raw control char") << QByteArray("\"a\tb\"");
    QTest::newRow("bad escape") << QByteArray(R"("\x")");
    QTest::newRow("short unicode escape") << QByteArray(R"("\u12")");
    QTest::newRow("unterminated") << QByteArray(R"({"a": "b)");
    QTest::newRow("missing colon") << QByteArray(R"({"a" 1})");
    QTest::newRow("key not a string") << QByteArray("{1:2}");
    QTest::newRow("too deep") << QByteArray(300, '[') + QByteArray(300, ']');
}

void tst_JsonIndent::rejects()
{
    QFETCH(QByteArray, in);
    QVERIFY(reindentJson(in).isNull());
}

void tst_JsonIndent::onlyWhitespaceChanges()
{
    // Whatever the layout, removing whitespace outside strings gives back the same bytes.
    const QByteArray in = R"({"model":"gpt","choices":[{"delta":{"content":" a  b "},"index":0}],"n":[1.50,2e-7]})";
    const QByteArray out = reindentJson(in, 4);
    QVERIFY(!out.isNull());
    QByteArray squeezed;
    bool inString = false;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const char c = out.at(i);
        if (c == '"' && (i == 0 || out.at(i - 1) != '\\'))
            inString = !inString;
        if (inString || (c != ' ' && c != '\n'))
            squeezed.append(c);
    }
    QCOMPARE(squeezed, in);
}

QTEST_GUILESS_MAIN(tst_JsonIndent)
#include "tst_jsonindent.moc"
