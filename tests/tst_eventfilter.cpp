// Tests for sse::EventFilterModel (type / text / regex / errors-only filter) over the event
// log, watched by QAbstractItemModelTester.

#include "logfixture.h"

#include <QAbstractItemModelTester>
#include <QIdentityProxyModel>
#include <QSignalSpy>
#include <QTest>

#include <cstring>
#include <memory>
#include <vector>

using namespace logfixture;
using testsupport::BaseMs;
using testsupport::ev;

class tst_EventFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filterByType();
    void filterBySubstring_data();
    void filterBySubstring();
    void filterByRegex();
    void invalidRegex();
    void errorsOnly();
    void combinedCriteria();
    void filterLiveRows();
    void filterWithDropsAndClear();
    void filteredSnapshot();
    void filterOverOtherModel();
};

void tst_EventFilter::filterByType()
{
    sse::EventLogModel model;
    model.appendEvents(filterFixture());
    model.flush();
    sse::EventFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(filter.logModel(), &model);
    QVERIFY(!filter.isFiltering());
    QCOMPARE(filter.rowCount(), 7);

    QSignalSpy changed(&filter, &sse::EventFilterModel::eventFilterChanged);
    filter.setEventTypes({"greeting"});
    QCOMPARE(changed.count(), 1);
    QVERIFY(filter.isFiltering());
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{0, 2}));
    filter.setEventTypes({"greeting", "error"});
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{0, 2, 3, 6}));
    filter.setEventTypes({"nothing"});
    QCOMPARE(filter.rowCount(), 0);
    filter.setEventTypes({});
    QCOMPARE(filter.rowCount(), 7);
    filter.setEventTypes({});
    QCOMPARE(changed.count(), 4);       // no change, no signal
}

void tst_EventFilter::filterBySubstring_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<QList<int>>("rows");

    QTest::newRow("ascii, any case") << QStringLiteral("hello") << false << QList<int>{0};
    QTest::newRow("ascii upper") << QStringLiteral("WORLD") << false << QList<int>{0};
    QTest::newRow("ascii, two rows") << QStringLiteral("user") << false << QList<int>{1, 5};
    QTest::newRow("ascii, match case") << QStringLiteral("user") << true << QList<int>{1};
    QTest::newRow("across a newline") << QStringLiteral("one\nline") << false << QList<int>{4};
    QTest::newRow("non-ascii, any case") << QStringLiteral("ärger") << false << QList<int>{2};
    QTest::newRow("non-ascii, match case") << QStringLiteral("ärger") << true << QList<int>{};
    QTest::newRow("non-ascii exact") << QStringLiteral("ÄRGER") << true << QList<int>{2};
    QTest::newRow("the event id") << QStringLiteral("ABC-1") << false << QList<int>{1};
    QTest::newRow("id, match case") << QStringLiteral("ABC-1") << true << QList<int>{};
    QTest::newRow("json") << QStringLiteral("\"code\":500") << false << QList<int>{3};
    QTest::newRow("regex chars are literal") << QStringLiteral("user.*") << false << QList<int>{};
    QTest::newRow("no match") << QStringLiteral("zebra") << false << QList<int>{};
}

void tst_EventFilter::filterBySubstring()
{
    QFETCH(QString, text);
    QFETCH(bool, caseSensitive);
    QFETCH(QList<int>, rows);
    sse::EventLogModel model;
    model.appendEvents(filterFixture());
    model.flush();
    sse::EventFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setCaseSensitive(caseSensitive);
    filter.setSearchText(text);
    QVERIFY(filter.isValid());
    QCOMPARE(proxyRowsToSource(filter), rows);
}

void tst_EventFilter::filterByRegex()
{
    sse::EventLogModel model;
    model.appendEvents(filterFixture());
    model.flush();
    sse::EventFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    sse::EventFilter f;
    f.text = QStringLiteral("^user\\d+ logged");
    f.regularExpression = true;
    filter.setFilter(f);
    QVERIFY(filter.isValid());
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{1, 5}));
    filter.setCaseSensitive(true);
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{1}));
    filter.setSearchText(QStringLiteral("^line two$"));  // no multiline option: whole data
    QCOMPARE(filter.rowCount(), 0);
    filter.setSearchText(QStringLiteral("(?m)^line two$"));
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{4}));
    filter.setSearchText(QStringLiteral("Ä\\w+"));       // Unicode in patterns
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{2}));
    filter.setSearchText(QStringLiteral("^e\\d$"));      // matches the id
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{3}));
}

void tst_EventFilter::invalidRegex()
{
    sse::EventLogModel model;
    model.appendEvents(filterFixture());
    model.flush();
    sse::EventFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setRegularExpression(true);
    filter.setSearchText(QStringLiteral("user(\\d+"));
    QVERIFY(!filter.isValid());
    QVERIFY(!filter.errorString().isEmpty());
    QVERIFY2(filter.errorString().contains(QStringLiteral("offset")), qPrintable(filter.errorString()));
    QCOMPARE(filter.rowCount(), 7);     // filters nothing out rather than everything
    QVERIFY(!filter.isFiltering());
    filter.setEventTypes({"login"});    // other criteria still apply
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{1, 5}));
    filter.setSearchText(QStringLiteral("user(\\d+)"));
    QVERIFY(filter.isValid());
    QVERIFY(filter.errorString().isEmpty());
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{1, 5}));
    filter.setRegularExpression(false); // as a substring the same text is fine
    QVERIFY(filter.isValid());
}

void tst_EventFilter::errorsOnly()
{
    sse::EventLogModel model;
    model.appendEvents(filterFixture());
    model.flush();
    sse::EventFilterModel filter;
    filter.setSourceModel(&model);
    filter.setErrorsOnly(true);
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{3, 6}));
    filter.setSearchText(QStringLiteral("boom"));
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{3}));
}

void tst_EventFilter::combinedCriteria()
{
    sse::EventLogModel model;
    model.appendEvents(filterFixture());
    model.flush();
    sse::EventFilterModel filter;
    filter.setSourceModel(&model);
    sse::EventFilter f;
    f.types = {"login", "greeting"};
    f.text = QStringLiteral("o");
    filter.setFilter(f);
    QCOMPARE(filter.filter(), f);
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{0, 1, 2, 5}));
    f.text = QStringLiteral("logged");
    filter.setFilter(f);
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{1, 5}));
    QVERIFY(!f.isEmpty());
    QVERIFY(sse::EventFilter().isEmpty());
}

void tst_EventFilter::filterLiveRows()
{
    sse::EventLogModel model;
    model.setFlushInterval(60 * 60 * 1000);
    sse::EventFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setEventTypes({"error"});
    QSignalSpy inserted(&filter, &QAbstractItemModel::rowsInserted);
    model.appendEvents(filterFixture());
    model.flush();
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{3, 6}));
    model.appendEvents({ev("late error", "error"), ev("not an error", "message")});
    model.flush();
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{3, 6, 7}));
    QCOMPARE(filter.index(2, sse::EventLogModel::PreviewColumn).data().toString(),
             QStringLiteral("late error"));
    QVERIFY(inserted.count() >= 1);
}

void tst_EventFilter::filterWithDropsAndClear()
{
    sse::EventLogModel model;
    model.setFlushInterval(60 * 60 * 1000);
    model.setCapacity(20);
    sse::EventFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setRegularExpression(true);
    filter.setSearchText(QStringLiteral("^n=\\d*[05]$")); // multiples of 5
    for (int i = 0; i < 10; ++i) {
        model.appendEvents(numbered(7, 1 + 7 * i));
        model.flush();
        QCOMPARE(model.rowCount(), std::min(20, 7 * (i + 1)));
        for (int row = 0; row < filter.rowCount(); ++row)
            QCOMPARE(numberOf(filter.index(row, 0).data(sse::EventLogModel::EventRole)
                                  .value<sse::Event>()) % 5, 0);
    }
    // Rows 51..70 are kept: 55, 60, 65, 70.
    QCOMPARE(filter.rowCount(), 4);
    model.clear();
    QCOMPARE(filter.rowCount(), 0);
}

void tst_EventFilter::filteredSnapshot()
{
    sse::EventLogModel model;
    model.appendEvents(filterFixture());
    model.flush();
    sse::EventFilterModel filter;
    filter.setSourceModel(&model);
    filter.setEventTypes({"login", "error"});
    filter.sort(sse::EventLogModel::SequenceColumn, Qt::DescendingOrder);
    const sse::EventSnapshot snapshot = filter.snapshot();
    QCOMPARE(snapshot.size(), 4);
    const QList<int> expected = {6, 5, 3, 1}; // the proxy's order
    for (int i = 0; i < expected.size(); ++i) {
        compareEvents(snapshot.event(i), filterFixture().at(expected.at(i)));
        QCOMPARE(snapshot.sequence(i), expected.at(i) + 1);
    }
}

void tst_EventFilter::filterOverOtherModel()
{
    // Any model with the log's roles can be filtered (through roles instead of the storage).
    sse::EventLogModel model;
    model.appendEvents(filterFixture());
    model.flush();
    QIdentityProxyModel identity;
    identity.setSourceModel(&model);
    sse::EventFilterModel filter;
    filter.setSourceModel(&identity);
    QVERIFY(!filter.logModel());
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSearchText(QStringLiteral("abc"));
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{1}));
    filter.setSearchText({});
    filter.setErrorsOnly(true);
    QCOMPARE(proxyRowsToSource(filter), (QList<int>{3, 6}));
    const sse::EventSnapshot snapshot = filter.snapshot();
    QCOMPARE(snapshot.size(), 2);
    compareEvents(snapshot.event(1), filterFixture().at(6));
}

QTEST_GUILESS_MAIN(tst_EventFilter)
#include "tst_eventfilter.moc"
