// Tests for sse::AlertRule: matching by event type, by regular expression over the data, by
// both; invalid rules; and the QVariantMap form SettingsStore persists.

#include "events.h"
#include "alertrule.h"

#include <QTest>

using sse::AlertRule;

namespace {

using testsupport::ev;

} // namespace

class tst_AlertRule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void matches_data();
    void matches();
    void disabledNeverMatches();
    void invalid_data();
    void invalid();
    void setPatternRecompiles();
    void roundTrip_data();
    void roundTrip();
    void fromVariantMapTolerance_data();
    void fromVariantMapTolerance();
};

void tst_AlertRule::defaults()
{
    const AlertRule rule;
    QVERIFY(rule.isValid());
    QVERIFY(rule.isEnabled());
    QVERIFY(rule.streamId().isEmpty());
    QVERIFY(rule.eventType().isEmpty());
    QVERIFY(rule.pattern().isEmpty());
    // No type and no pattern: every event of the stream.
    QVERIFY(rule.matches(ev("", "message")));
    QVERIFY(rule.matches(ev("anything", "tick")));
}

void tst_AlertRule::matches_data()
{
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("match");

    const QString any;
    QTest::newRow("type equal") << QStringLiteral("error") << any << QByteArray("error")
                                << QByteArray("x") << true;
    QTest::newRow("type differs") << QStringLiteral("error") << any << QByteArray("message")
                                  << QByteArray("error") << false;
    QTest::newRow("type is case-sensitive") << QStringLiteral("Error") << any
                                            << QByteArray("error") << QByteArray() << false;
    QTest::newRow("type is not a prefix") << QStringLiteral("err") << any << QByteArray("error")
                                          << QByteArray() << false;
    QTest::newRow("default type is message") << QStringLiteral("message") << any
                                             << QByteArray("message") << QByteArray("x") << true;
    QTest::newRow("non-ASCII type") << QStringLiteral("größe") << any
                                    << QByteArray("gr\xc3\xb6\xc3\x9f" "e") << QByteArray() << true;
    QTest::newRow("regex finds a substring") << any << QStringLiteral("price")
                                             << QByteArray("message")
                                             << QByteArray(R"({"price":42})") << true;
    QTest::newRow("regex no match") << any << QStringLiteral("price") << QByteArray("message")
                                    << QByteArray(R"({"cost":42})") << false;
    QTest::newRow("regex anchors") << any << QStringLiteral("^\\{\"level\":\"(warn|error)\"")
                                   << QByteArray("log") << QByteArray(R"({"level":"error","m":1})")
                                   << true;
    QTest::newRow("regex is case-sensitive") << any << QStringLiteral("ERROR")
                                             << QByteArray("message") << QByteArray("error")
                                             << false;
    QTest::newRow("inline case-insensitive") << any << QStringLiteral("(?i)ERROR")
                                             << QByteArray("message") << QByteArray("an error")
                                             << true;
    QTest::newRow("regex over multi-line data") << any << QStringLiteral("^second$")
                                                << QByteArray("message")
                                                << QByteArray("first\nsecond") << false;
    QTest::newRow("multiline option") << any << QStringLiteral("(?m)^second$")
                                      << QByteArray("message") << QByteArray("first\nsecond")
                                      << true;
    QTest::newRow("regex over UTF-8") << any << QStringLiteral("€\\d+")
                                      << QByteArray("message") << QByteArray("cost \xe2\x82\xac" "12")
                                      << true;
    QTest::newRow("numeric threshold") << any << QStringLiteral("\"temp\":(9\\d|\\d{3,})")
                                       << QByteArray("reading") << QByteArray(R"({"temp":97})")
                                       << true;
    QTest::newRow("empty data, any pattern") << any << QStringLiteral("^$")
                                             << QByteArray("message") << QByteArray() << true;
    QTest::newRow("type and regex both match") << QStringLiteral("trade") << QStringLiteral("BTC")
                                               << QByteArray("trade") << QByteArray("BTC 1")
                                               << true;
    QTest::newRow("type matches, regex does not") << QStringLiteral("trade")
                                                  << QStringLiteral("BTC") << QByteArray("trade")
                                                  << QByteArray("ETH 1") << false;
    QTest::newRow("regex matches, type does not") << QStringLiteral("trade")
                                                  << QStringLiteral("BTC") << QByteArray("quote")
                                                  << QByteArray("BTC 1") << false;
}

void tst_AlertRule::matches()
{
    QFETCH(QString, eventType);
    QFETCH(QString, pattern);
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, data);
    QFETCH(bool, match);

    const AlertRule rule(QStringLiteral("s1"), eventType, pattern);
    QVERIFY2(rule.isValid(), qPrintable(rule.errorString()));
    QCOMPARE(rule.matches(ev(data, type)), match);
    // The same answer every time (the compiled expression is reused).
    QCOMPARE(rule.matches(ev(data, type)), match);
    const AlertRule copy = rule; // NOLINT(performance-unnecessary-copy-initialization): copies are tested
    QCOMPARE(copy.matches(ev(data, type)), match);
}

void tst_AlertRule::disabledNeverMatches()
{
    AlertRule rule(QStringLiteral("s1"), QString(), QString(), false);
    QVERIFY(rule.isValid());
    QVERIFY(!rule.matches(ev("x", "message")));
    rule.setEnabled(true);
    QVERIFY(rule.matches(ev("x", "message")));
}

void tst_AlertRule::invalid_data()
{
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("error");

    QTest::newRow("unclosed group") << QString() << QStringLiteral("(abc") << QStringLiteral("position");
    QTest::newRow("unclosed class") << QString() << QStringLiteral("[a-") << QStringLiteral("position");
    QTest::newRow("nothing to repeat") << QString() << QStringLiteral("*x") << QStringLiteral("position");
    QTest::newRow("bad escape") << QString() << QStringLiteral("\\") << QStringLiteral("position");
    QTest::newRow("too long") << QString() << QString(AlertRule::MaxPatternLength + 1, u'a')
                              << QStringLiteral("longer");
    QTest::newRow("type with a line break") << QStringLiteral("a\nb") << QString()
                                            << QStringLiteral("line break");
}

void tst_AlertRule::invalid()
{
    QFETCH(QString, eventType);
    QFETCH(QString, pattern);
    QFETCH(QString, error);

    const AlertRule rule(QStringLiteral("s1"), eventType, pattern);
    QVERIFY(!rule.isValid());
    QVERIFY2(rule.errorString().contains(error), qPrintable(rule.errorString()));
    QCOMPARE(rule.pattern(), pattern); // kept, so the user can correct it
    QVERIFY(!rule.matches(ev("abc", "message")));
    QVERIFY(!rule.matches(ev("", "message")));
}

void tst_AlertRule::setPatternRecompiles()
{
    AlertRule rule(QStringLiteral("s1"), QString(), QStringLiteral("a+"));
    QVERIFY(rule.matches(ev("caab", "message")));
    QVERIFY(!rule.matches(ev("xyz", "message")));

    rule.setPattern(QStringLiteral("(broken"));
    QVERIFY(!rule.isValid());
    QVERIFY(!rule.matches(ev("caab", "message")));

    rule.setPattern(QStringLiteral("x"));
    QVERIFY(rule.isValid());
    QVERIFY(rule.errorString().isEmpty());
    QVERIFY(rule.matches(ev("xyz", "message")));
    QVERIFY(!rule.matches(ev("caab", "message")));

    rule.setPattern(QString());
    QVERIFY(rule.matches(ev("caab", "message")));

    rule.setEventType(QStringLiteral("ping"));
    QVERIFY(!rule.matches(ev("caab", "message")));
    QVERIFY(rule.matches(ev("", "ping")));
}

void tst_AlertRule::roundTrip_data()
{
    QTest::addColumn<QString>("streamId");
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("enabled");

    QTest::newRow("empty") << QString() << QString() << QString() << true;
    QTest::newRow("full") << QStringLiteral("4f1c-stream") << QStringLiteral("error")
                          << QStringLiteral("(?i)timeout|refused") << true;
    QTest::newRow("disabled") << QStringLiteral("s") << QString() << QStringLiteral("x") << false;
    QTest::newRow("non-ASCII") << QStringLiteral("s") << QStringLiteral("événement")
                               << QStringLiteral("€\\d+") << true;
    QTest::newRow("invalid pattern survives") << QStringLiteral("s") << QString()
                                              << QStringLiteral("(abc") << true;
}

void tst_AlertRule::roundTrip()
{
    QFETCH(QString, streamId);
    QFETCH(QString, eventType);
    QFETCH(QString, pattern);
    QFETCH(bool, enabled);

    const AlertRule rule(streamId, eventType, pattern, enabled);
    const QVariantMap map = rule.toVariantMap();
    QCOMPARE(map.value(QStringLiteral("streamId")).toString(), streamId);
    QCOMPARE(map.value(QStringLiteral("eventType")).toString(), eventType);
    QCOMPARE(map.value(QStringLiteral("pattern")).toString(), pattern);
    QCOMPARE(map.value(QStringLiteral("enabled")).toBool(), enabled);

    QStringList problems;
    const AlertRule back = AlertRule::fromVariantMap(map, &problems);
    QCOMPARE(back, rule);
    QCOMPARE(back.isValid(), rule.isValid());
    QCOMPARE(back.errorString(), rule.errorString());
    QCOMPARE(problems.isEmpty(), rule.isValid());

    // As an INI file gives it back: every value a string.
    QVariantMap asStrings;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        asStrings.insert(it.key(), it.value().toString());
    QCOMPARE(AlertRule::fromVariantMap(asStrings), rule);
}

void tst_AlertRule::fromVariantMapTolerance_data()
{
    QTest::addColumn<QVariantMap>("map");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("problems");

    const auto m = [](std::initializer_list<std::pair<const char *, QVariant>> items) {
        QVariantMap map;
        for (const auto &[k, v] : items)
            map.insert(QString::fromLatin1(k), v);
        return map;
    };
    QTest::newRow("empty map") << QVariantMap() << true << QString() << 0;
    QTest::newRow("enabled as 0") << m({{"enabled", QStringLiteral("0")}}) << false << QString() << 0;
    QTest::newRow("enabled as TRUE") << m({{"enabled", QStringLiteral("TRUE")}}) << true
                                     << QString() << 0;
    QTest::newRow("enabled as int") << m({{"enabled", 0}}) << false << QString() << 0;
    QTest::newRow("enabled garbage") << m({{"enabled", QStringLiteral("maybe")}}) << true
                                     << QString() << 1;
    QTest::newRow("enabled out of range") << m({{"enabled", 7}}) << true << QString() << 1;
    QTest::newRow("pattern as a list") << m({{"pattern", QStringList{QStringLiteral("a"), QStringLiteral("b")}}})
                                       << true << QString() << 1;
    QTest::newRow("pattern as bytes") << m({{"pattern", QByteArray("a+")}}) << true
                                      << QStringLiteral("a+") << 0;
    QTest::newRow("unknown keys ignored") << m({{"colour", QStringLiteral("red")}}) << true
                                          << QString() << 0;
    QTest::newRow("invalid pattern reported") << m({{"pattern", QStringLiteral("[")}}) << true
                                              << QStringLiteral("[") << 1;
}

void tst_AlertRule::fromVariantMapTolerance()
{
    QFETCH(QVariantMap, map);
    QFETCH(bool, enabled);
    QFETCH(QString, pattern);
    QFETCH(int, problems);

    QStringList found;
    const AlertRule rule = AlertRule::fromVariantMap(map, &found);
    QCOMPARE(rule.isEnabled(), enabled);
    QCOMPARE(rule.pattern(), pattern);
    QVERIFY2(found.size() == problems, qPrintable(found.join(u'\n')));
    AlertRule::fromVariantMap(map); // no problem list: fine too
}

QTEST_GUILESS_MAIN(tst_AlertRule)
#include "tst_alertrule.moc"
