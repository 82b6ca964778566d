// The event log's connection markers (sse::LogMarker rows between events): interleaving,
// leaving with their events, gaps, bounds, sorting, filtering and snapshots.

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

class tst_LogMarkers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void markersBetweenEvents();
    void markersLeaveWithTheirEvents();
    void markersAfterAGap();
    void markersSortFilterAndExport();
};
void tst_LogMarkers::markersBetweenEvents()
{
    using Kind = sse::LogMarker::Kind;
    sse::EventLogModel model;
    model.setFlushInterval(60 * 60 * 1000);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    // A marker on an empty log is a row of its own at the next flush.
    model.appendMarker(marker(Kind::Connected, QStringLiteral("connected")));
    QCOMPARE(model.rowCount(), 0);
    model.flush();
    QCOMPARE(rowsOf(model), words("connected"));
    QCOMPARE(model.eventCount(), 0);

    model.appendEvents(numbered(3, 1));
    model.appendMarker(marker(Kind::Dropped, QStringLiteral("dropped")));
    model.appendMarker(marker(Kind::Retrying, QStringLiteral("retrying")));
    model.appendEvents(numbered(2, 4));
    model.appendMarker(marker(Kind::Resumed, QStringLiteral("resumed")));
    model.flush();
    QCOMPARE(inserted.count(), 2); // one insertion per flush, markers and events together
    QCOMPARE(inserted.at(1).at(1).toInt(), 1);
    QCOMPARE(inserted.at(1).at(2).toInt(), 8);
    QCOMPARE(rowsOf(model), words("connected 1 2 3 dropped retrying 4 5 resumed"));
    QCOMPARE(model.eventCount(), 5);
    QCOMPARE(model.markerCount(), 4);
    QCOMPARE(model.totalCount(), 5); // markers are not events
    QCOMPARE(model.eventAt(3).data, QByteArrayView("n=4")); // the 4th event, markers skipped
    QCOMPARE(model.eventAt(3).sequence, 4);
    checkContiguous(model);

    // What a view reads off a marker row.
    const int row = 4;
    QCOMPARE(model.index(row, sse::EventLogModel::TypeColumn).data().toString(), QStringLiteral("dropped"));
    QCOMPARE(model.index(row, sse::EventLogModel::PreviewColumn).data().toString(), QStringLiteral("dropped"));
    QCOMPARE(model.index(row, sse::EventLogModel::SequenceColumn).data().toString(), QString());
    QCOMPARE(model.index(row, 0).data(sse::EventLogModel::MarkerKindRole).toInt(), int(Kind::Dropped));
    QCOMPARE(model.index(row, 0).data(sse::EventLogModel::ReceivedAtMsRole).toLongLong(), BaseMs);
    QVERIFY(!model.index(row, 0).data(sse::EventLogModel::EventRole).isValid());
    QVERIFY(!model.index(3, 0).data(sse::EventLogModel::IsMarkerRole).toBool());
    QCOMPARE(model.event(row).data, QByteArray()); // not an event
    QCOMPARE(model.marker(row).kind, Kind::Dropped);
    QCOMPARE(model.marker(row).beforeSequence, 4);
    QCOMPARE(model.marker(3).text, QString()); // an event row holds no marker
    QCOMPARE(sse::LogMarker::kindName(Kind::FirstEvent), QByteArray("first-event"));
}

void tst_LogMarkers::markersLeaveWithTheirEvents()
{
    using Kind = sse::LogMarker::Kind;
    sse::EventLogModel model;
    model.setFlushInterval(60 * 60 * 1000);
    model.setCapacity(5);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.appendEvents(numbered(3, 1));
    model.appendMarker(marker(Kind::Dropped, QStringLiteral("A")));
    model.appendEvents(numbered(3, 4));
    model.appendMarker(marker(Kind::Resumed, QStringLiteral("B")));
    model.flush();
    // Six events into five rows: event 1 goes; marker A still stands before event 4.
    QCOMPARE(rowsOf(model), words("2 3 A 4 5 6 B"));
    QCOMPARE(model.droppedCount(), 1); // markers are not counted as dropped events

    model.appendEvents(numbered(3, 7));
    model.flush();
    // Events 2 to 4 and the marker before event 4 leave in ONE removal at the front.
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 3);
    QCOMPARE(rowsOf(model), words("5 6 B 7 8 9"));
    QCOMPARE(model.droppedCount(), 4);

    // Marker B stands before event 7: when that is the first row, B stays on top of it ...
    model.appendEvents(numbered(2, 10));
    model.flush();
    QCOMPARE(rowsOf(model), words("B 7 8 9 10 11"));
    checkContiguous(model);
    // ... and leaves with it.
    model.appendEvents(numbered(1, 12));
    model.flush();
    QCOMPARE(rowsOf(model), words("8 9 10 11 12"));
    QCOMPARE(model.markerCount(), 0);
    checkContiguous(model);

    model.setCapacity(2);
    QCOMPARE(model.rowCount(), 2);
    model.appendMarker(marker(Kind::Failed, QStringLiteral("C")));
    model.flush();
    QCOMPARE(rowsOf(model), words("11 12 C"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.markerCount(), 0);
}

void tst_LogMarkers::markersAfterAGap()
{
    using Kind = sse::LogMarker::Kind;
    sse::EventLogModel model;
    model.setFlushInterval(60 * 60 * 1000);
    model.setCapacity(3);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents(numbered(2, 1));
    model.appendMarker(marker(Kind::Dropped, QStringLiteral("A")));
    model.flush();
    QCOMPARE(rowsOf(model), words("1 2 A"));

    // Paused beyond capacity: the kept window starts at event 8; every marker before it goes.
    model.setPaused(true);
    model.appendEvents(numbered(3, 3));
    model.appendMarker(marker(Kind::Retrying, QStringLiteral("B")));
    model.appendEvents(numbered(2, 6));
    model.appendMarker(marker(Kind::Resumed, QStringLiteral("C")));
    model.appendEvents(numbered(3, 8));
    model.appendMarker(marker(Kind::FirstEvent, QStringLiteral("D")));
    model.flush();
    QCOMPARE(model.rowCount(), 3); // nothing while paused
    model.setPaused(false);
    QCOMPARE(rowsOf(model), words("C 8 9 10 D"));
    checkContiguous(model);

    // Markers are bounded too.
    for (int i = 0; i < sse::EventLogModel::MaxMarkers + 5; ++i)
        model.appendMarker(marker(Kind::Retrying, QString::number(i)));
    model.flush();
    QCOMPARE(model.markerCount(), sse::EventLogModel::MaxMarkers);
    QCOMPARE(model.marker(model.rowCount() - 1).text, QString::number(sse::EventLogModel::MaxMarkers + 4));
}

void tst_LogMarkers::markersSortFilterAndExport()
{
    using Kind = sse::LogMarker::Kind;
    sse::EventLogModel model;
    model.setFlushInterval(60 * 60 * 1000);
    model.appendEvents(numbered(2, 1));
    model.appendMarker(marker(Kind::Dropped, QStringLiteral("lost")));
    model.appendEvents(numbered(2, 3, "error"));
    model.flush();

    // Newest first: the marker stays between the events it stood between.
    sse::EventFilterModel sorted;
    sorted.setSourceModel(&model);
    QAbstractItemModelTester tester(&sorted, QAbstractItemModelTester::FailureReportingMode::QtTest);
    sorted.sort(sse::EventLogModel::SequenceColumn, Qt::DescendingOrder);
    QStringList order;
    for (int row = 0; row < sorted.rowCount(); ++row)
        order.append(sorted.index(row, sse::EventLogModel::PreviewColumn).data().toString());
    QCOMPARE(order, words("n=4 n=3 lost n=2 n=1"));

    // Markers pass the other criteria (they explain the events around them) ...
    sorted.setErrorsOnly(true);
    QCOMPARE(sorted.rowCount(), 3);
    sorted.setSearchText(QStringLiteral("n=4"));
    QCOMPARE(sorted.rowCount(), 2);
    // ... unless the filter hides them.
    sorted.setHideMarkers(true);
    QCOMPARE(sorted.rowCount(), 1);
    QVERIFY(sorted.isFiltering());
    sorted.setFilter({});
    QCOMPARE(sorted.rowCount(), 5);
    sse::EventFilter hide;
    hide.hideMarkers = true;
    QVERIFY(!hide.isEmpty());
    sorted.setFilter(hide);
    QCOMPARE(sorted.rowCount(), 4);

    // Exports take events only, unless they ask for the markers between them.
    QCOMPARE(model.snapshot().size(), 4);
    QVERIFY(model.snapshot().markers().isEmpty());
    const sse::EventSnapshot withMarkers = model.snapshot({0, 1, 2, 3, 4}, true);
    QCOMPARE(withMarkers.size(), 4);
    QCOMPARE(withMarkers.markers().size(), 1);
    QCOMPARE(withMarkers.markers().at(0).beforeSequence, 3);
    // Rows after the marker only: it is not between them.
    QCOMPARE(model.snapshot({3, 4}, true).markers().size(), 1); // right before event 3
    QCOMPARE(model.snapshot({4}, true).markers().size(), 0);
}

QTEST_GUILESS_MAIN(tst_LogMarkers)
#include "tst_logmarkers.moc"
