// Tests for sse::EventLogModel (batched, bounded, pausable log over compact storage), watched
// by QAbstractItemModelTester. Its connection markers: tst_logmarkers; the filter: tst_eventfilter.

#include "logfixture.h"
#include "memory.h"

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

class tst_EventLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initialState();
    void batchedInsert();
    void timerFlush();
    void capacityDrops();
    void capacityDropsBeforeInsertion();
    void setCapacity();
    void pauseResume();
    void pauseBeyondCapacity();
    void clear();
    void eventRoundTrip();
    void displayAndRoles();
    void previewTruncation();
    void manyDistinctTypes();
    void storageFreedAsRowsDrop();
    void memoryReturnedToSystem();
    void snapshotOutlivesRows();
    void testerThroughEverything();
};

void tst_EventLog::initialState()
{
    sse::EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(sse::EventLogModel::ColumnCount));
    QCOMPARE(model.columnCount(), 6);
    QCOMPARE(model.capacity(), 100000);
    QCOMPARE(model.pendingCount(), 0);
    QCOMPARE(model.droppedCount(), 0);
    QCOMPARE(model.totalCount(), 0);
    QCOMPARE(model.firstSequence(), 1);
    QVERIFY(!model.isPaused());
    QCOMPARE(model.headerData(sse::EventLogModel::SequenceColumn, Qt::Horizontal).toString(),
             QStringLiteral("#"));
    QCOMPARE(model.headerData(sse::EventLogModel::PreviewColumn, Qt::Horizontal).toString(),
             QStringLiteral("Data"));
    QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
    QVERIFY(model.roleNames().contains(sse::EventLogModel::EventRole));
    QCOMPARE(model.event(0).data, QByteArray()); // invalid row: default event
}

void tst_EventLog::batchedInsert()
{
    sse::EventLogModel model;
    model.setFlushInterval(60 * 60 * 1000); // only explicit flushes in this test
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy pending(&model, &sse::EventLogModel::pendingCountChanged);

    model.appendEvents(numbered(10, 1));
    model.appendEvents(numbered(10, 11));
    model.appendEvent(numbered(1, 21).constFirst());
    model.appendEvents({});
    QCOMPARE(model.rowCount(), 0);      // appends only buffer
    QCOMPARE(model.pendingCount(), 21);
    QCOMPARE(model.totalCount(), 21);
    QCOMPARE(inserted.count(), 0);

    model.flush();
    QCOMPARE(inserted.count(), 1);      // one insert for the whole batch
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 20);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(model.rowCount(), 21);
    QCOMPARE(model.pendingCount(), 0);
    QCOMPARE(pending.count(), 0);       // nothing was reported pending before this flush
    checkContiguous(model);

    model.flush();                      // nothing pending: no signal
    QCOMPARE(inserted.count(), 1);

    model.appendEvents(numbered(5, 22));
    model.flush();
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 21);
    QCOMPARE(inserted.at(1).at(2).toInt(), 25);
    QCOMPARE(model.rowCount(), 26);
    checkContiguous(model);
}

void tst_EventLog::timerFlush()
{
    sse::EventLogModel model;
    model.setFlushInterval(20);
    QCOMPARE(model.flushInterval(), 20);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 5; ++i)
        model.appendEvents(numbered(100, 1 + 100 * i));
    QCOMPARE(model.rowCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 500, 2000);
    QCOMPARE(inserted.count(), 1);
    checkContiguous(model);
}

void tst_EventLog::capacityDrops()
{
    sse::EventLogModel model;
    model.setFlushInterval(60 * 60 * 1000);
    model.setCapacity(10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy dropped(&model, &sse::EventLogModel::droppedCountChanged);

    model.appendEvents(numbered(8, 1));
    model.flush();
    QCOMPARE(model.rowCount(), 8);

    // 8 rows + 6 new > 10: ONE removal of the 4 oldest at the front, then ONE insertion.
    model.appendEvents(numbered(6, 9));
    model.flush();
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 3);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 4);
    QCOMPARE(inserted.at(1).at(2).toInt(), 9);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.firstSequence(), 5);
    QCOMPARE(model.droppedCount(), 4);
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(dropped.at(0).at(0).toLongLong(), 4);
    checkContiguous(model);

    // Many flushes at capacity: the window slides, the numbers stay right.
    for (int i = 0; i < 50; ++i) {
        model.appendEvents(numbered(3, model.totalCount() + 1));
        model.flush();
        QCOMPARE(model.rowCount(), 10);
    }
    QCOMPARE(model.totalCount(), 164);
    QCOMPARE(model.droppedCount(), 154);
    QCOMPARE(model.firstSequence(), 155);
    checkContiguous(model);
}

void tst_EventLog::capacityDropsBeforeInsertion()
{
    sse::EventLogModel model;
    model.setFlushInterval(60 * 60 * 1000);
    model.setCapacity(10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.appendEvents(numbered(5, 1));
    model.flush();
    // 25 more before the next flush: only the newest 10 are kept; the 5 rows (older than
    // the dropped pending events) go too, so rows stay one contiguous run.
    model.appendEvents(numbered(12, 6));
    model.appendEvents(numbered(13, 18));
    QCOMPARE(model.pendingCount(), 10);
    QCOMPARE(model.droppedCount(), 15); // events 6..20
    QCOMPARE(model.rowCount(), 5);      // nothing visible changes before the flush
    model.flush();
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.firstSequence(), 21);
    QCOMPARE(model.droppedCount(), 20); // and rows 1..5
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 2);
    checkContiguous(model);

    // One batch larger than the capacity: the excess is never stored.
    const qint64 before = model.storageBytes();
    model.appendEvents(numbered(1000, 31));
    QCOMPARE(model.pendingCount(), 10);
    QVERIFY(model.storageBytes() <= before + 64 * 1024);
    model.flush();
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.firstSequence(), 1021);
    QCOMPARE(model.droppedCount(), 1020); // 31..1020 and rows 21..30
    checkContiguous(model);
}

void tst_EventLog::setCapacity()
{
    sse::EventLogModel model;
    model.setFlushInterval(60 * 60 * 1000);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy capacity(&model, &sse::EventLogModel::capacityChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.appendEvents(numbered(20, 1));
    model.flush();

    model.setCapacity(5);               // drops the oldest rows at once, in one removal
    QCOMPARE(capacity.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.firstSequence(), 16);
    QCOMPARE(model.droppedCount(), 15);
    checkContiguous(model);

    model.setCapacity(0);               // 0 is not "unlimited": the minimum is 1
    QCOMPARE(model.capacity(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.sequence(0), 20);
    model.setCapacity(-3);
    QCOMPARE(model.capacity(), 1);

    model.setCapacity(1000);
    model.appendEvents(numbered(30, 21));
    model.flush();
    QCOMPARE(model.rowCount(), 31);
    checkContiguous(model);
}

void tst_EventLog::pauseResume()
{
    sse::EventLogModel model;
    model.setFlushInterval(60 * 60 * 1000);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy paused(&model, &sse::EventLogModel::pausedChanged);
    QSignalSpy pending(&model, &sse::EventLogModel::pendingCountChanged);

    model.appendEvents(numbered(3, 1));
    model.flush();
    model.setPaused(true);
    QVERIFY(model.isPaused());
    QCOMPARE(paused.count(), 1);
    model.setPaused(true);
    QCOMPARE(paused.count(), 1);

    model.appendEvents(numbered(4, 4));
    model.flush();                      // paused: nothing inserted, pending reported
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.pendingCount(), 4);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(pending.count(), 1);
    QCOMPARE(pending.last().at(0).toInt(), 4);

    model.appendEvents(numbered(2, 8));
    model.setPaused(false);             // resume shows everything at once
    QCOMPARE(paused.count(), 2);
    QCOMPARE(model.rowCount(), 9);
    QCOMPARE(model.pendingCount(), 0);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(pending.last().at(0).toInt(), 0);
    checkContiguous(model);
}

void tst_EventLog::pauseBeyondCapacity()
{
    sse::EventLogModel model;
    model.setFlushInterval(10);
    model.setCapacity(100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents(numbered(50, 1));
    model.flush();
    model.setPaused(true);
    for (int i = 0; i < 30; ++i)
        model.appendEvents(numbered(10, 51 + 10 * i));
    QCOMPARE(model.pendingCount(), 100);         // bounded by capacity while paused
    QCOMPARE(model.droppedCount(), 200);
    QTest::qWait(50);                            // flush timer ticks: still nothing inserted
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.sequence(49), 50);
    model.setPaused(false);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.firstSequence(), 251);
    QCOMPARE(model.droppedCount(), 250);
    checkContiguous(model);
}

void tst_EventLog::clear()
{
    sse::EventLogModel model;
    model.setFlushInterval(60 * 60 * 1000);
    model.setCapacity(10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy dropped(&model, &sse::EventLogModel::droppedCountChanged);
    model.appendEvents(numbered(15, 1));
    model.flush();
    model.appendEvents(numbered(3, 16));
    QCOMPARE(model.droppedCount(), 5);

    model.clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.pendingCount(), 0);
    QCOMPARE(model.droppedCount(), 0);
    QCOMPARE(dropped.last().at(0).toLongLong(), 0);
    QCOMPARE(model.totalCount(), 18);
    QCOMPARE(model.storageBytes(), 0);
    model.flush();
    QCOMPARE(model.rowCount(), 0);      // the pending events went too

    // Numbering goes on: the next event is the stream's 19th.
    model.appendEvents(numbered(4, 19));
    model.flush();
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.firstSequence(), 19);
    checkContiguous(model);
}

void tst_EventLog::eventRoundTrip()
{
    const QList<sse::Event> events = {
        ev("plain"),
        ev("multi\nline\n\ndata\n", "update", "7", true, 0),
        ev("", "empty", {}, false, -1),
        ev("Grüße, 世界 🎉\nzweite Zeile 😀", "ünïcödé", "ид-1", true, BaseMs + 1),
        ev("after an empty id", "message", {}, true),
        ev("inherits the last id", "message", "42", false, 253402300799999LL),
        ev(QByteArray(300 * 1024, 'x') + "tail", "blob", "big", true),  // a block of its own
        ev(QByteArray(20 * 1024, 'm') + "mid", "blob"),  // larger than the first small block
        ev(QByteArray(100 * 1024, 'n') + "mid", "blob"),
        ev("small after mid-size ones"),
        ev(QByteArray("nul\0byte", 8) + " and \x01 controls\t", "error"),
        ev("quote \" backslash \\ comma ,", QByteArray(), "x", true),
    };
    sse::EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents(events);
    model.flush();
    QCOMPARE(model.rowCount(), events.size());
    const sse::EventSnapshot snapshot = model.snapshot();
    QCOMPARE(snapshot.size(), events.size());
    for (int row = 0; row < events.size(); ++row) {
        compareEvents(model.event(row), events.at(row));
        compareEvents(model.index(row, 2).data(sse::EventLogModel::EventRole).value<sse::Event>(),
                      events.at(row));
        compareEvents(model.eventView(row).toEvent(), events.at(row));
        compareEvents(snapshot.event(row), events.at(row));
        QCOMPARE(snapshot.sequence(row), row + 1);
        const QModelIndex index = model.index(row, 0);
        QCOMPARE(index.data(sse::EventLogModel::DataRole).toByteArray(), events.at(row).data);
        QCOMPARE(index.data(sse::EventLogModel::TypeRole).toByteArray(), events.at(row).type);
        QCOMPARE(index.data(sse::EventLogModel::LastEventIdRole).toByteArray(),
                 events.at(row).lastEventId);
        QCOMPARE(index.data(sse::EventLogModel::HasIdRole).toBool(), events.at(row).hasId);
        QCOMPARE(index.data(sse::EventLogModel::ReceivedAtMsRole).toLongLong(),
                 events.at(row).receivedAtMs);
        QCOMPARE(index.data(sse::EventLogModel::DataSizeRole).toLongLong(),
                 events.at(row).data.size());
    }
    // Repeated types share the type table.
    QCOMPARE(model.index(0, 0).data(sse::EventLogModel::TypeIndexRole).toInt(),
             model.index(4, 0).data(sse::EventLogModel::TypeIndexRole).toInt());
    QCOMPARE(model.typeNames().at(model.index(1, 0).data(sse::EventLogModel::TypeIndexRole).toInt()),
             QByteArray("update"));
}

void tst_EventLog::displayAndRoles()
{
    using M = sse::EventLogModel;
    sse::EventLogModel model;
    model.appendEvents({
        ev("first line\nsecond\tline", "update", "17", true),
        ev("{\"a\":1}", "error", "17", false, 0),
        ev("x", "message", {}, true),
    });
    model.flush();

    QCOMPARE(display(model, 0, M::SequenceColumn), QStringLiteral("1"));
    QCOMPARE(display(model, 0, M::ReceivedAtColumn),
             QDateTime::fromMSecsSinceEpoch(BaseMs).toString(QStringLiteral("HH:mm:ss.zzz")));
    QCOMPARE(display(model, 0, M::TypeColumn), QStringLiteral("update"));
    QCOMPARE(display(model, 0, M::IdColumn), QStringLiteral("17"));
    QCOMPARE(display(model, 0, M::PreviewColumn), QStringLiteral("first line\u23CEsecond line"));
    QCOMPARE(display(model, 0, M::SizeColumn), QStringLiteral("22"));
    QVERIFY(model.index(0, M::PreviewColumn).data(Qt::ToolTipRole).toString()
                .contains(QStringLiteral("first line\nsecond")));
    QVERIFY(model.index(0, M::ReceivedAtColumn).data(Qt::ToolTipRole).toString()
                .contains(QStringLiteral("2026-11-22T10:00:00.123Z")));
    QCOMPARE(model.index(0, M::SizeColumn).data(Qt::TextAlignmentRole).value<Qt::Alignment>(),
             Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    QVERIFY(!model.index(0, M::TypeColumn).data(Qt::DecorationRole).isValid()); // the app's job
    QVERIFY(!model.index(0, M::TypeColumn).data(Qt::ForegroundRole).isValid());

    // Row 2: no id of its own; the tooltip tells the inherited one. Unknown time: empty.
    QCOMPARE(display(model, 1, M::IdColumn), QString());
    QVERIFY(model.index(1, M::IdColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("17")));
    QCOMPARE(display(model, 1, M::ReceivedAtColumn), QString());
    QCOMPARE(model.index(1, 0).data(M::IsServerErrorRole).toBool(), true);
    QCOMPARE(model.index(0, 0).data(M::IsServerErrorRole).toBool(), false);
    QCOMPARE(model.index(1, 0).data(M::SequenceRole).toLongLong(), 2);
    // HTML-looking data is escaped in the rich-text tooltip.
    model.appendEvent(ev("<b>not bold</b>"));
    model.flush();
    QVERIFY(model.index(3, M::PreviewColumn).data(Qt::ToolTipRole).toString()
                .contains(QStringLiteral("&lt;b&gt;not bold")));

    // Sort keys are numbers where the column is numeric.
    QCOMPARE(model.index(0, M::SizeColumn).data(M::SortRole).userType(), QMetaType::LongLong);
    QCOMPARE(model.index(0, M::SequenceColumn).data(M::SortRole).toLongLong(), 2); // 2 × the number: a marker before it sorts at 2 × n - 1;
    // Out of range indexes give nothing.
    QVERIFY(!model.data(model.index(99, 0)).isValid());
}

void tst_EventLog::previewTruncation()
{
    sse::EventLogModel model;
    const QByteArray emoji = QByteArrayLiteral("\xF0\x9F\x98\x80"); // one code point, 2 UTF-16 units
    model.appendEvents({
        ev(QByteArray(5000, 'a')),
        ev(emoji.repeated(150)),          // 300 UTF-16 units
        ev(QByteArray(sse::EventLogModel::PreviewLength, 'b')),
        ev("a\x01" "b\x7f" "c\r"),
    });
    model.flush();
    const QString long0 = display(model, 0, sse::EventLogModel::PreviewColumn);
    QCOMPARE(long0.size(), sse::EventLogModel::PreviewLength + 1);
    QVERIFY(long0.endsWith(QChar(0x2026)));
    const QString long1 = display(model, 1, sse::EventLogModel::PreviewColumn);
    QVERIFY(long1.endsWith(QChar(0x2026)));
    QVERIFY(long1.size() <= sse::EventLogModel::PreviewLength + 1);
    QVERIFY(!long1.at(long1.size() - 2).isHighSurrogate()); // no pair is cut in half
    QVERIFY(!long1.contains(QChar(0xFFFD)));
    const QString exact = display(model, 2, sse::EventLogModel::PreviewColumn);
    QCOMPARE(exact, QString(sse::EventLogModel::PreviewLength, QLatin1Char('b')));
    QCOMPARE(display(model, 3, sse::EventLogModel::PreviewColumn),
             QStringLiteral("a\u2401b\u2421c\u240D"));
}

void tst_EventLog::manyDistinctTypes()
{
    // More types than the 16-bit type table holds: the rest are stored inline.
    sse::EventLogModel model;
    model.setCapacity(80000);
    QList<sse::Event> events;
    for (int i = 0; i < 70000; ++i)
        events.append(ev(QByteArray::number(i), "t" + QByteArray::number(i)));
    model.appendEvents(events);
    model.flush();
    QCOMPARE(model.rowCount(), 70000);
    QCOMPARE(model.typeNames().size(), 65535);
    QCOMPARE(model.eventView(100).typeIndex, 100);
    QCOMPARE(model.eventView(69999).typeIndex, -1);
    for (int row : {0, 65534, 65535, 69999}) {
        compareEvents(model.event(row), events.at(row));
        QCOMPARE(display(model, row, sse::EventLogModel::TypeColumn),
                 QStringLiteral("t%1").arg(row));
    }
    sse::EventFilterModel filter;
    filter.setSourceModel(&model);
    filter.setEventTypes({"t65534", "t69998"});
    QCOMPARE(filter.rowCount(), 2);
}

void tst_EventLog::storageFreedAsRowsDrop()
{
    sse::EventLogModel model;
    model.setCapacity(1000);
    QList<sse::Event> big;
    for (int i = 0; i < 10; ++i)
        big.append(ev(QByteArray(300 * 1024, char('a' + i))));
    model.appendEvents(big);
    model.flush();
    QVERIFY(model.storageBytes() >= 10 * 300 * 1024);
    // Small events push the big ones out; their blocks are freed, the small ones packed.
    for (int i = 0; i < 10; ++i) {
        model.appendEvents(numbered(100, 1 + 100 * i));
        model.flush();
    }
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.droppedCount(), 10);
    QVERIFY2(model.storageBytes() < 256 * 1024, QByteArray::number(model.storageBytes()));
    // Keep sliding for a while (about 1.5 MB written): memory stays bounded by the block
    // being filled and the one before it.
    for (int i = 0; i < 500; ++i) {
        model.appendEvents(numbered(100, 1001 + 100 * i));
        model.flush();
    }
    QVERIFY2(model.storageBytes() <= 2 * 1024 * 1024, QByteArray::number(model.storageBytes()));
    model.clear();
    QCOMPARE(model.storageBytes(), 0);
}

void tst_EventLog::memoryReturnedToSystem()
{
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("ASan's allocator keeps freed memory in quarantine");
#endif
    // A user who closes or clears a tab of a big log expects the process to shrink again,
    // also the second time (glibc adapts its mmap threshold after the first large free).
    // Whatever the application allocates meanwhile (a view, a toast) may land above the log
    // on the heap and pin its top.
    const QByteArray data(100, 'x');
    std::vector<std::unique_ptr<char[]>> pins;
    const auto fill = [&data, &pins](sse::EventLogModel &model) {
        const auto pin = [&pins] {
            pins.push_back(std::make_unique<char[]>(64 * 1024));
            std::memset(pins.back().get(), 1, 64 * 1024);
        };
        for (int batch = 0; batch < 80; ++batch) {
            if (batch % 10 == 0)
                pin();
            QList<sse::Event> events;
            events.reserve(5000);
            for (int i = 0; i < 5000; ++i)
                events.append(ev(data, QByteArrayLiteral("tick"),
                                 QByteArray::number(batch * 5000 + i), true));
            model.appendEvents(events);
            model.flush();
        }
        pin();
    };
    constexpr qint64 Slack = 16 * 1024 * 1024;
    auto model = std::make_unique<sse::EventLogModel>();
    model->setCapacity(400'000);
    fill(*model);
    model->clear();
    const qint64 baseline = settledResidentBytes();

    fill(*model);
    QVERIFY2(residentBytes() > baseline + 40 * 1024 * 1024, "the log did not grow the process");
    model->clear();
    const qint64 afterClear = residentBytes(); // no trimming by the test itself
    QVERIFY2(afterClear < baseline + Slack,
             qPrintable(QStringLiteral("%1 MB still resident after clear()")
                            .arg((afterClear - baseline) / 1e6, 0, 'f', 1)));

    fill(*model);
    model.reset();
    const qint64 afterClose = residentBytes();
    QVERIFY2(afterClose < baseline + Slack,
             qPrintable(QStringLiteral("%1 MB still resident after the log was destroyed")
                            .arg((afterClose - baseline) / 1e6, 0, 'f', 1)));
}

void tst_EventLog::snapshotOutlivesRows()
{
    sse::EventLogModel model;
    model.setCapacity(100);
    model.appendEvents(numbered(100, 1));
    model.flush();
    const sse::EventSnapshot all = model.snapshot();
    const sse::EventSnapshot some = model.snapshot({99, 3, 500, -1, 50});
    QCOMPARE(some.size(), 3);           // invalid rows are skipped
    // Replace every row, then clear: the snapshots still read their events.
    for (int i = 0; i < 20; ++i) {
        model.appendEvents(numbered(100, 101 + 100 * i));
        model.flush();
    }
    model.clear();
    QCOMPARE(all.size(), 100);
    for (int i = 0; i < 100; ++i) {
        QCOMPARE(numberOf(all.event(i)), i + 1);
        QCOMPARE(all.sequence(i), i + 1);
    }
    QCOMPARE(some.sequence(0), 100);
    QCOMPARE(numberOf(some.event(1)), 4);
    QCOMPARE(some.toList().size(), 3);

    const sse::EventSnapshot plain = sse::EventSnapshot::fromEvents(numbered(3, 1), 10);
    QCOMPARE(plain.size(), 3);
    QCOMPARE(plain.sequence(2), 12);
    QVERIFY(sse::EventSnapshot().isEmpty());
}

void tst_EventLog::testerThroughEverything()
{
    sse::EventLogModel model;
    model.setFlushInterval(60 * 60 * 1000);
    model.setCapacity(50);
    sse::EventFilterModel filter;
    filter.setSourceModel(&model);
    sse::EventFilterModel sorted;       // a second proxy, sorted newest first
    sorted.setSourceModel(&model);
    sorted.sort(sse::EventLogModel::SequenceColumn, Qt::DescendingOrder);
    QAbstractItemModelTester t1(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&sorted, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSearchText(QStringLiteral("n=1"));

    qint64 next = 1;
    const auto add = [&](int n, const QByteArray &type = QByteArrayLiteral("tick")) {
        model.appendEvents(numbered(n, next, type));
        next += n;
    };
    add(30);
    model.appendMarker(marker(sse::LogMarker::Kind::Dropped, QStringLiteral("lost")));
    model.appendMarker(marker(sse::LogMarker::Kind::Retrying, QStringLiteral("retry")));
    model.flush();
    add(30, "error");
    model.appendMarker(marker(sse::LogMarker::Kind::Resumed, QStringLiteral("back")));
    model.flush();                      // drops at the front
    QCOMPARE(model.eventCount(), 50);
    // Newest first: the marker after event 60, then event 60.
    QVERIFY(sorted.index(0, 0).data(sse::EventLogModel::IsMarkerRole).toBool());
    QCOMPARE(sorted.index(1, 0).data(sse::EventLogModel::SequenceRole).toLongLong(), 60);
    model.setPaused(true);
    add(200);
    model.flush();
    filter.setErrorsOnly(true);
    model.setPaused(false);
    filter.setErrorsOnly(false);
    filter.setRegularExpression(true);
    filter.setSearchText(QStringLiteral("n=2\\d*$"));
    add(10);
    model.flush();
    model.setCapacity(7);
    model.appendMarker(marker(sse::LogMarker::Kind::Dropped, QStringLiteral("lost")));
    add(3);
    model.flush();
    QCOMPARE(model.markerCount(), 1);
    checkContiguous(model);
    model.clear();
    add(5);
    model.flush();
    filter.setFilter({});
    QCOMPARE(filter.rowCount(), 5);
    QCOMPARE(sorted.rowCount(), 5);
    checkContiguous(model);
}

QTEST_GUILESS_MAIN(tst_EventLog)
#include "tst_eventlog.moc"
