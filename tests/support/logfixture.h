#pragma once

// Builders and checks shared by the event log, marker and filter tests.

#include "events.h"
#include "eventfilter.h"
#include "eventlog.h"

#include <QAbstractItemModel>
#include <QTest>

namespace logfixture {

using testsupport::BaseMs;
using testsupport::ev;

/** Events numbered from \a first: data "n=<number>", id "<number>". */
inline QList<sse::Event> numbered(int count, qint64 first = 1,
                           const QByteArray &type = QByteArrayLiteral("tick"))
{
    QList<sse::Event> events;
    events.reserve(count);
    for (qint64 n = first; n < first + count; ++n) {
        const QByteArray number = QByteArray::number(n);
        events.append(ev(QByteArrayLiteral("n=") + number, type, number, true, BaseMs + n));
    }
    return events;
}

/** The number a numbered() event carries. */
inline qint64 numberOf(const sse::Event &e)
{
    return e.data.mid(2).toLongLong();
}

inline void compareEvents(const sse::Event &actual, const sse::Event &expected)
{
    QCOMPARE(actual.type, expected.type);
    QCOMPARE(actual.data, expected.data);
    QCOMPARE(actual.lastEventId, expected.lastEventId);
    QCOMPARE(actual.hasId, expected.hasId);
    QCOMPARE(actual.receivedAtMs, expected.receivedAtMs);
}

/** Every event row's sequence number matches the number the event carries, and they are
 *  consecutive; a marker row carries the number of the event after it. */
inline void checkContiguous(const sse::EventLogModel &model)
{
    qint64 expected = model.firstSequence();
    int markers = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.index(row, 0).data(sse::EventLogModel::SequenceRole).toLongLong(),
                 model.sequence(row));
        if (model.isMarker(row)) {
            ++markers;
            QCOMPARE(model.sequence(row), expected);
            QVERIFY(model.index(row, 0).data(sse::EventLogModel::IsMarkerRole).toBool());
            continue;
        }
        QCOMPARE(model.sequence(row), expected);
        QCOMPARE(numberOf(model.event(row)), model.sequence(row));
        ++expected;
    }
    QCOMPARE(markers, model.markerCount());
    QCOMPARE(model.rowCount(), model.eventCount() + markers);
}

inline sse::LogMarker marker(sse::LogMarker::Kind kind, const QString &text)
{
    return sse::LogMarker{kind, BaseMs, text};
}

inline QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '));
}

/** The rows as a compact string: event numbers, markers as their text. */
inline QStringList rowsOf(const sse::EventLogModel &model)
{
    QStringList rows;
    for (int row = 0; row < model.rowCount(); ++row)
        rows.append(model.isMarker(row) ? model.marker(row).text
                                        : QString::number(numberOf(model.event(row))));
    return rows;
}

inline QString display(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data(Qt::DisplayRole).toString();
}

/** Sources of the filter tests: type, data, id. */
inline QList<sse::Event> filterFixture()
{
    return {
        ev("Hello World", "greeting", "g1", true),               // 0
        ev("user42 logged in", "login", "abc-123", true),        // 1
        ev("Grüße vom ÄRGER-Büro", "greeting"),                  // 2
        ev("{\"code\":500,\"message\":\"boom\"}", "error", "e9", true), // 3
        ev("line one\nline two", "message"),                     // 4
        ev("USER7 logged out", "login"),                         // 5
        ev("disk full", "error"),                                // 6
    };
}

inline QList<int> proxyRowsToSource(const sse::EventFilterModel &proxy)
{
    QList<int> rows;
    for (int row = 0; row < proxy.rowCount(); ++row)
        rows.append(proxy.mapToSource(proxy.index(row, 0)).row());
    return rows;
}

} // namespace logfixture
