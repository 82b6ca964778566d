// Tests for the event formats (sse/eventformat.h) and log export/import (sse/logio.h): exact
// output of each format, export -> import round trips of tricky events for JSON Lines, CSV
// (parsed here per RFC 4180) and text/event-stream, filtered export, atomic writes, corrupt
// and missing files, and the threaded LogExporter / LogImporter.

#include "events.h"
#include "eventfilter.h"
#include "eventformat.h"
#include "eventlog.h"
#include "logio.h"
#include "parser.h"
#include "types.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

namespace {

using testsupport::BaseMs;
using testsupport::ev;

/** Events that stress every format: quoting, escaping, line structure, ids, Unicode. */
QList<sse::Event> trickyEvents()
{
    return {
        ev("plain", "message", "1", true, BaseMs),
        ev("say \"hi\", then \"bye\"", "quote", "1", false, BaseMs + 1),       // inherits id 1
        ev("a,b,,c,", "csv", "2", true, BaseMs + 2),
        ev("line one\nline two\n\nline four", "multi", "3", true, BaseMs + 3),
        ev("C:\\path\\to\\file \\n not a newline \\\\", "backslash", "3", false, BaseMs + 4),
        ev(QByteArray("ctl:\x01\x02\x1f tab\t bs\b ff\f nul:") + QByteArray(1, '\0') + "!",
           "control", "ctl", true, BaseMs + 5),
        ev("emoji 🎉😀 and 世界, Grüße, ünïcödé", "ünïcödé", "ид-🎉", true, BaseMs + 6),
        ev("", "empty", "ctl", false, BaseMs + 7),                       // empty data
        ev("after an empty id", "message", "", true, BaseMs + 8),        // empty id after non-empty
        ev("no own id", "message", "", false, BaseMs + 9),
        ev("\n", "newlines", "", false, BaseMs + 10),                    // two empty lines
        ev("ends with LF\n", "message", "x y", true, BaseMs + 11),       // id with a space
        ev(" leading space and trailing space ", " spaced", "", false, BaseMs + 12),
        ev(": looks like a comment", "message", "", false, BaseMs + 13),
        ev("data: looks like a field\nid: 99\nevent: fake", "message", "", false, BaseMs + 14),
        ev("changed id, not carried", "message", "silent", false, BaseMs + 15),  // id-only block
        ev("{\"json\":[1,2,{\"k\":\"v\"}]}", "error", "silent", false, BaseMs + 16),
        ev("old time", "message", "silent", false, 0),
        ev("before 1970", "message", "silent", false, -86'400'001),
        ev(QByteArray(70'000, 'x') + "\"end\"", "big", "big", true, BaseMs + 17),
    };
}

/** parseIsoTimestamp() with "invalid" as a comparable value. */
qint64 iso(QByteArrayView text)
{
    return sse::parseIsoTimestamp(text).value_or(std::numeric_limits<qint64>::min());
}

constexpr qint64 Invalid = std::numeric_limits<qint64>::min();

/** logFormatFromFileName() with "none" as -1. */
int formatOf(const QString &fileName)
{
    const auto f = sse::logFormatFromFileName(fileName);
    return f ? int(*f) : -1;
}

int detected(const QString &fileName)
{
    const auto f = sse::detectImportFormat(fileName);
    return f ? int(*f) : -1;
}

QByteArray readAll(const QString &fileName)
{
    QFile f(fileName);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

bool writeFile(const QString &fileName, const QByteArray &bytes)
{
    QFile f(fileName);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

/** An RFC 4180 reader: CRLF-separated records, commas, quoted fields with "" and line breaks. */
QList<QByteArrayList> parseCsv(const QByteArray &text, bool *ok)
{
    *ok = true;
    QList<QByteArrayList> records;
    QByteArrayList record;
    QByteArray field;
    qsizetype i = 0;
    const qsizetype n = text.size();
    bool fieldStarted = false;
    while (i < n) {
        const char c = text.at(i);
        if (!fieldStarted && c == '"') {
            ++i;
            for (;;) {
                if (i >= n) {
                    *ok = false;          // unterminated quoted field
                    return records;
                }
                if (text.at(i) == '"') {
                    if (i + 1 < n && text.at(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field.append(text.at(i++));
            }
            fieldStarted = true;
            if (i < n && text.at(i) != ',' && text.at(i) != '\r') {
                *ok = false;              // junk after a closing quote
                return records;
            }
            continue;
        }
        if (c == ',') {
            record.append(field);
            field.clear();
            fieldStarted = false;
            ++i;
        } else if (c == '\r') {
            if (i + 1 >= n || text.at(i + 1) != '\n') {
                *ok = false;              // a bare CR outside quotes
                return records;
            }
            record.append(field);
            records.append(record);
            record.clear();
            field.clear();
            fieldStarted = false;
            i += 2;
        } else if (c == '\n' || c == '"') {
            *ok = false;                  // must have been quoted
            return records;
        } else {
            field.append(c);
            fieldStarted = true;
            ++i;
        }
    }
    if (fieldStarted || !record.isEmpty()) {
        *ok = false;                      // the last record lacks its CRLF
    }
    return records;
}

void compareEvent(const sse::Event &actual, const sse::Event &expected, bool withTime)
{
    QCOMPARE(actual.type, expected.type);
    QCOMPARE(actual.data, expected.data);
    QCOMPARE(actual.lastEventId, expected.lastEventId);
    QCOMPARE(actual.hasId, expected.hasId);
    if (withTime)
        QCOMPARE(actual.receivedAtMs, expected.receivedAtMs);
}

/** A model holding \a events, numbered from \a firstSequence (earlier ones dropped). */
std::unique_ptr<sse::EventLogModel> modelWith(const QList<sse::Event> &events,
                                              qint64 firstSequence = 1)
{
    auto model = std::make_unique<sse::EventLogModel>();
    model->setCapacity(int(events.size()));
    QList<sse::Event> all;
    for (qint64 i = 1; i < firstSequence; ++i)
        all.append(ev("dropped"));
    all.append(events);
    model->appendEvents(all);
    model->flush();
    return model;
}

QList<sse::Event> manyEvents(int count)
{
    QList<sse::Event> events;
    events.reserve(count);
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i);
        events.append(ev("{\"seq\":" + n + ",\"value\":\"x\"}", "tick", n, true, BaseMs + i));
    }
    return events;
}

} // namespace

class tst_LogIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void markersInJsonLinesOnlyWhenAsked();

    void isoTimestamp_data();
    void isoTimestamp();
    void isoTimestampParse();
    void jsonLine();
    void csvFields();
    void eventStreamText();
    void eventStreamParsesBack();
    void formatNames();

    void roundTrip_data();
    void roundTrip();
    void filteredExport();
    void exportReplacesFile();
    void cancelledExportLeavesFile();
    void asyncCancelLeavesFile();
    void failedExport();
    void corruptJsonLines();
    void jsonLinesVariants();
    void importMissingOrUnreadable();
    void importEventStreamDetails();
    void asyncImport();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }
};

void tst_LogIo::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_LogIo::isoTimestamp_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("epoch") << qint64(0) << QByteArray("1970-01-01T00:00:00.000Z");
    QTest::newRow("example") << BaseMs << QByteArray("2026-11-22T10:00:00.123Z");
    QTest::newRow("before epoch") << qint64(-1) << QByteArray("1969-12-31T23:59:59.999Z");
    QTest::newRow("a day before") << qint64(-86'400'001) << QByteArray("1969-12-30T23:59:59.999Z");
    QTest::newRow("leap day") << qint64(951'782'400'000) << QByteArray("2000-02-29T00:00:00.000Z");
    QTest::newRow("end of 2024") << qint64(1'735'689'599'999) << QByteArray("2024-12-31T23:59:59.999Z");
    QTest::newRow("year 9999") << qint64(253'402'300'799'999) << QByteArray("9999-12-31T23:59:59.999Z");
    QTest::newRow("year 1") << qint64(-62'135'596'800'000) << QByteArray("0001-01-01T00:00:00.000Z");
}

void tst_LogIo::isoTimestamp()
{
    QFETCH(qint64, ms);
    QFETCH(QByteArray, text);
    QCOMPARE(sse::isoTimestamp(ms), text);
    QCOMPARE(iso(text), ms);
    // Same as QDateTime's for years it formats the same way.
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1(), text);
}

void tst_LogIo::isoTimestampParse()
{
    // Every ms of a sample across 600 years round-trips.
    for (qint64 ms = -5'000'000'000'000; ms < 15'000'000'000'000; ms += 9'876'543'211)
        QCOMPARE(iso(sse::isoTimestamp(ms)), ms);
    QCOMPARE(iso("2026-11-22T11:00:00.123+01:00"), BaseMs);
    QCOMPARE(iso("2026-11-22T10:00:00Z"), BaseMs - 123);
    QCOMPARE(iso("2026-02-29T10:00:00.000Z"), Invalid);  // not a leap year
    QCOMPARE(iso("2026-13-01T10:00:00.000Z"), Invalid);
    QCOMPARE(iso("2026-11-22T24:00:00.000Z"), Invalid);
    QCOMPARE(iso("yesterday"), Invalid);
    QCOMPARE(iso(""), Invalid);
}

void tst_LogIo::jsonLine()
{
    QByteArray out;
    sse::appendJsonLine(out, ev("{\"a\":\"b\\c\"}\n\t\x01", "message", "7", true));
    QCOMPARE(out, QByteArray("{\"type\":\"message\",\"data\":\"{\\\"a\\\":\\\"b\\\\c\\\"}\\n\\t\\u0001\","
                             "\"lastEventId\":\"7\",\"id\":\"7\",\"receivedAt\":\"2026-11-22T10:00:00.123Z\"}\n"));
    out.clear();
    sse::appendJsonLine(out, ev("é🎉\x7f", "tick", "7", false, 0), 3);
    QCOMPARE(out, QByteArray("{\"stream\":3,\"type\":\"tick\",\"data\":\"é🎉\x7f\","
                             "\"lastEventId\":\"7\",\"receivedAt\":\"1970-01-01T00:00:00.000Z\"}\n"));
    out.clear();
    sse::appendJsonString(out, QByteArray("\b\f\r\x1f\"", 5));
    QCOMPARE(out, QByteArray("\"\\b\\f\\r\\u001f\\\"\""));
    // A large value is escaped in slices without losing bytes.
    out.clear();
    const QByteArray big = QByteArray(20000, 'a') + QByteArray(20000, '\n');
    sse::appendJsonString(out, big);
    QCOMPARE(out.size(), 2 + 20000 + 2 * 20000);
}

void tst_LogIo::csvFields()
{
    QByteArray out;
    sse::appendCsvField(out, "plain");
    out.append('|');
    sse::appendCsvField(out, "a,b");
    out.append('|');
    sse::appendCsvField(out, "say \"hi\"");
    out.append('|');
    sse::appendCsvField(out, "two\nlines");
    out.append('|');
    sse::appendCsvField(out, "cr\r");
    out.append('|');
    sse::appendCsvField(out, "");
    QCOMPARE(out, QByteArray("plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"cr\r\"|"));

    out.clear();
    sse::appendCsvRow(out, ev("x,\"y\"", "tick", "9", true), 42);
    sse::appendCsvRow(out, ev("z", "tick", "9", false), 43);
    QCOMPARE(sse::csvHeader(), QByteArray("sequence,receivedAt,type,id,lastEventId,data\r\n"));
    QCOMPARE(out, QByteArray("42,2026-11-22T10:00:00.123Z,tick,9,9,\"x,\"\"y\"\"\"\r\n"
                             "43,2026-11-22T10:00:00.123Z,tick,,9,z\r\n"));
}

void tst_LogIo::eventStreamText()
{
    sse::EventStreamWriter writer;
    QByteArray out;
    writer.append(out, ev("hello"));                                   // no id at all
    writer.append(out, ev("a\n\nb", "update", "1", true));
    writer.append(out, ev("same id, inherited", "message", "1", false)); // no id line
    writer.append(out, ev("same id, own", "message", "1", true));        // id line again
    writer.append(out, ev("silent change", "message", "2", false));      // id-only block
    writer.append(out, ev("empty id", "message", "", true));             // bare "id"
    writer.append(out, ev(" spaced", "", "", false));                    // empty type = message
    writer.append(out, ev("", "e", "", false));
    QCOMPARE(out, QByteArray("data: hello\n\n"
                             "id: 1\nevent: update\ndata: a\ndata:\ndata: b\n\n"
                             "data: same id, inherited\n\n"
                             "id: 1\ndata: same id, own\n\n"
                             "id: 2\n\ndata: silent change\n\n"
                             "id\ndata: empty id\n\n"
                             "data:  spaced\n\n"
                             "event: e\ndata:\n\n"));
    QCOMPARE(writer.lastEventId(), QByteArray());

    // What a parser can never produce is normalised rather than breaking the stream.
    out.clear();
    sse::EventStreamWriter normaliser;
    normaliser.append(out, ev("cr\rcrlf\r\nend", "two\nlines", "i\rd", true));
    QCOMPARE(out, QByteArray("id: id\nevent: twolines\ndata: cr\ndata: crlf\ndata: end\n\n"));
}

void tst_LogIo::eventStreamParsesBack()
{
    // The writer's output, fed to sse::Parser, gives the very same events; also when the
    // reading parser starts from a non-empty last event ID.
    const QList<sse::Event> events = trickyEvents();
    for (const QByteArray &start : {QByteArray(), QByteArray("resume-7")}) {
        sse::EventStreamWriter writer(start);
        QByteArray out;
        for (const sse::Event &e : events)
            writer.append(out, e);
        sse::Parser parser;
        parser.setLastEventId(start);
        sse::ParseResult result;
        parser.feed(out, result);
        QCOMPARE(result.errors.size(), 0);
        QCOMPARE(result.events.size(), events.size());
        for (int i = 0; i < events.size(); ++i)
            compareEvent(result.events.at(i), events.at(i), false);
    }
}

void tst_LogIo::formatNames()
{
    QCOMPARE(sse::logFormatSuffix(sse::LogFormat::JsonLines), QStringLiteral("jsonl"));
    QCOMPARE(sse::logFormatSuffix(sse::LogFormat::Csv), QStringLiteral("csv"));
    QCOMPARE(sse::logFormatSuffix(sse::LogFormat::EventStream), QStringLiteral("sse"));
    QCOMPARE(formatOf(QStringLiteral("/a/b.JSONL")), int(sse::LogFormat::JsonLines));
    QCOMPARE(formatOf(QStringLiteral("x.ndjson")), int(sse::LogFormat::JsonLines));
    QCOMPARE(formatOf(QStringLiteral("x.csv")), int(sse::LogFormat::Csv));
    QCOMPARE(formatOf(QStringLiteral("x.sse")), int(sse::LogFormat::EventStream));
    QCOMPARE(formatOf(QStringLiteral("x.log")), -1);
}

void tst_LogIo::roundTrip_data()
{
    QTest::addColumn<int>("formatNumber");
    QTest::addColumn<bool>("threaded");
    QTest::newRow("jsonl") << int(sse::LogFormat::JsonLines) << false;
    QTest::newRow("jsonl, LogExporter") << int(sse::LogFormat::JsonLines) << true;
    QTest::newRow("csv") << int(sse::LogFormat::Csv) << false;
    QTest::newRow("csv, LogExporter") << int(sse::LogFormat::Csv) << true;
    QTest::newRow("sse") << int(sse::LogFormat::EventStream) << false;
    QTest::newRow("sse, LogExporter") << int(sse::LogFormat::EventStream) << true;
}

void tst_LogIo::roundTrip()
{
    QFETCH(int, formatNumber);
    QFETCH(bool, threaded);
    const auto format = sse::LogFormat(formatNumber);
    const QList<sse::Event> events = trickyEvents();
    constexpr qint64 FirstSequence = 1001; // the first 1000 events were dropped
    const auto model = modelWith(events, FirstSequence);
    QCOMPARE(model->rowCount(), events.size());
    QCOMPARE(model->firstSequence(), FirstSequence);
    const QString file = path(QStringLiteral("log.") + sse::logFormatSuffix(format));

    if (threaded) {
        sse::LogExporter exporter;
        QSignalSpy progress(&exporter, &sse::LogExporter::progressChanged);
        QSignalSpy finished(&exporter, &sse::LogExporter::finished);
        QVERIFY(exporter.start(file, format, model->snapshot()));
        QVERIFY(exporter.isRunning());
        QVERIFY(!exporter.start(file, format, model->snapshot())); // one at a time
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(finished.at(0).at(1).toString(), QString());
        QVERIFY(!exporter.isRunning());
        QVERIFY(exporter.result().ok);
        QCOMPARE(exporter.result().events, events.size());
        QVERIFY(progress.count() >= 1);
        QCOMPARE(progress.last().at(0).toLongLong(), events.size());
        QCOMPARE(progress.last().at(1).toLongLong(), events.size());
    } else {
        const sse::ExportResult result = sse::exportEvents(file, format, model->snapshot());
        QVERIFY2(result.ok, qPrintable(result.errorString));
        QCOMPARE(result.events, events.size());
        QCOMPARE(result.bytes, QFileInfo(file).size());
    }

    if (format == sse::LogFormat::Csv) {
        bool ok = false;
        const QList<QByteArrayList> records = parseCsv(readAll(file), &ok);
        QVERIFY(ok);
        QCOMPARE(records.size(), events.size() + 1);
        QCOMPARE(records.at(0), (QByteArrayList{"sequence", "receivedAt", "type", "id",
                                                "lastEventId", "data"}));
        for (int i = 0; i < events.size(); ++i) {
            const QByteArrayList &r = records.at(i + 1);
            const sse::Event &e = events.at(i);
            QCOMPARE(r.size(), 6);
            QCOMPARE(r.at(0).toLongLong(), FirstSequence + i);
            QCOMPARE(iso(r.at(1)), e.receivedAtMs);
            QCOMPARE(r.at(2), e.type);
            QCOMPARE(r.at(3), e.hasId ? e.lastEventId : QByteArray());
            QCOMPARE(r.at(4), e.lastEventId);
            QCOMPARE(r.at(5), e.data);
        }
        return;
    }

    const sse::ImportResult imported = sse::importEvents(file);
    QVERIFY2(imported.ok(), qPrintable(imported.errorString));
    QCOMPARE(int(imported.format), int(format));
    QVERIFY2(imported.issues.isEmpty(), qPrintable(imported.issuesText()));
    QCOMPARE(imported.events.size(), events.size());
    const bool withTime = format == sse::LogFormat::JsonLines;
    for (int i = 0; i < events.size(); ++i)
        compareEvent(imported.events.at(i), events.at(i), withTime);
    if (!withTime) {
        for (const sse::Event &e : imported.events)
            QCOMPARE(e.receivedAtMs, 0); // text/event-stream carries no times
    }
    // Imported events fill a read-only log exactly as they were.
    const auto reloaded = modelWith(imported.events);
    for (int i = 0; i < events.size(); ++i)
        compareEvent(reloaded->event(i), events.at(i), withTime);
}

void tst_LogIo::filteredExport()
{
    QList<sse::Event> events;
    for (int i = 0; i < 300; ++i) {
        const QByteArray type = i % 3 == 0 ? QByteArrayLiteral("error") : QByteArrayLiteral("tick");
        events.append(ev("item " + QByteArray::number(i), type, QByteArray::number(i), true, BaseMs + i));
    }
    const auto model = modelWith(events);
    sse::EventFilterModel filter;
    filter.setSourceModel(model.get());
    filter.setErrorsOnly(true);
    filter.setSearchText(QStringLiteral("item 1"));
    QList<sse::Event> expected;
    for (const sse::Event &e : events) {
        if (e.type == "error" && e.data.startsWith("item 1"))
            expected.append(e);
    }
    QCOMPARE(filter.rowCount(), expected.size());

    for (const sse::LogFormat format : {sse::LogFormat::JsonLines, sse::LogFormat::EventStream}) {
        const QString file = path(QStringLiteral("filtered.") + sse::logFormatSuffix(format));
        QVERIFY(sse::exportEvents(file, format, filter.snapshot()).ok);
        const sse::ImportResult imported = sse::importEvents(file);
        QVERIFY(imported.ok());
        QCOMPARE(imported.events.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i)
            compareEvent(imported.events.at(i), expected.at(i), format == sse::LogFormat::JsonLines);
    }
    // CSV keeps each row's own sequence number.
    const QString csv = path(QStringLiteral("filtered.csv"));
    QVERIFY(sse::exportEvents(csv, sse::LogFormat::Csv, filter.snapshot()).ok);
    bool ok = false;
    const QList<QByteArrayList> records = parseCsv(readAll(csv), &ok);
    QVERIFY(ok);
    QCOMPARE(records.size(), expected.size() + 1);
    QCOMPARE(records.at(1).at(0), QByteArray("13")); // "item 12" is the 13th event
    QCOMPARE(records.at(1).at(5), QByteArray("item 12"));
}

void tst_LogIo::markersInJsonLinesOnlyWhenAsked()
{
    sse::EventLogModel model;
    model.appendEvents({ev("a", "tick", "1", true, BaseMs), ev("b", "tick", "2", true, BaseMs + 1)});
    model.appendMarker({sse::LogMarker::Kind::Dropped, BaseMs + 2, QStringLiteral("Connection lost: \"reset\"")});
    model.appendMarker({sse::LogMarker::Kind::Resumed, BaseMs + 3, QStringLiteral("Resumed: 200, HTTP/1.1")});
    model.appendEvents({ev("c", "tick", "3", true, BaseMs + 4)});
    model.appendMarker({sse::LogMarker::Kind::Dropped, BaseMs + 5, QStringLiteral("Connection lost again")});
    model.flush();
    QCOMPARE(model.rowCount(), 6);
    QList<int> rows{0, 1, 2, 3, 4, 5};

    // By default: events only, in every format.
    const QString plain = path(QStringLiteral("plain.jsonl"));
    QCOMPARE(sse::exportEvents(plain, sse::LogFormat::JsonLines, model.snapshot()).events, 3);
    QVERIFY(!readAll(plain).contains("marker"));

    // Asked: the markers stand between the events where they happened.
    const QString marked = path(QStringLiteral("marked.jsonl"));
    const sse::ExportResult result = sse::exportEvents(marked, sse::LogFormat::JsonLines, model.snapshot(rows, true));
    QCOMPARE(result.events, 3); // markers are not events
    const QByteArrayList lines = readAll(marked).trimmed().split('\n');
    QCOMPARE(lines.size(), 6);
    QVERIFY(lines.at(0).contains("\"data\":\"a\""));
    QVERIFY(lines.at(1).contains("\"data\":\"b\""));
    QCOMPARE(lines.at(2), QByteArray("{\"marker\":\"dropped\",\"text\":\"Connection lost: \\\"reset\\\"\","
                                     "\"at\":\"2026-11-22T10:00:00.125Z\",\"beforeSequence\":3}"));
    QVERIFY(lines.at(3).startsWith("{\"marker\":\"resumed\""));
    QVERIFY(lines.at(4).contains("\"data\":\"c\""));
    QVERIFY(lines.at(5).startsWith("{\"marker\":\"dropped\""));
    // CSV and .sse have no place for them.
    const QString csv = path(QStringLiteral("marked.csv"));
    QVERIFY(sse::exportEvents(csv, sse::LogFormat::Csv, model.snapshot(rows, true)).ok);
    QVERIFY(!readAll(csv).contains("Connection lost"));

    // Importing the file gives back the events, and no complaint about the marker lines.
    const sse::ImportResult imported = sse::importEvents(marked);
    QVERIFY(imported.ok());
    QCOMPARE(imported.events.size(), 3);
    QVERIFY2(imported.issues.isEmpty(), qPrintable(imported.issuesText()));
    QCOMPARE(imported.events.at(2).data, QByteArray("c"));
}

void tst_LogIo::exportReplacesFile()
{
    const QString file = path(QStringLiteral("out.jsonl"));
    QVERIFY(writeFile(file, "old content that is longer than the new one\n"));
    const auto model = modelWith({ev("new")});
    QVERIFY(sse::exportEvents(file, sse::LogFormat::JsonLines, model->snapshot()).ok);
    QVERIFY(readAll(file).startsWith("{\"type\":\"message\",\"data\":\"new\""));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList{QStringLiteral("out.jsonl")});
}

void tst_LogIo::cancelledExportLeavesFile()
{
    const QByteArray precious("precious existing content\n");
    const auto model = modelWith(manyEvents(60000));
    for (const sse::LogFormat format : {sse::LogFormat::JsonLines, sse::LogFormat::Csv,
                                        sse::LogFormat::EventStream}) {
        const QString file = path(QStringLiteral("keep.") + sse::logFormatSuffix(format));
        QVERIFY(writeFile(file, precious));
        int calls = 0;
        const sse::ExportResult result = sse::exportEvents(
            file, format, model->snapshot(), [&](qint64 done, qint64 total) {
                Q_UNUSED(done);
                Q_UNUSED(total);
                return ++calls < 10; // cancel in the middle (after 36,864 events)
            });
        QVERIFY(!result.ok);
        QVERIFY(result.canceled);
        QVERIFY(!result.errorString.isEmpty());
        QVERIFY(result.bytes > 0);   // it had written part of the file already
        QCOMPARE(readAll(file), precious);
    }
    // No temporary files are left behind.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files).size(), 3);
}

void tst_LogIo::asyncCancelLeavesFile()
{
    const QByteArray precious("precious existing content\n");
    const QString file = path(QStringLiteral("keep.jsonl"));
    QVERIFY(writeFile(file, precious));
    const auto model = modelWith(manyEvents(300000));
    sse::LogExporter exporter;
    QSignalSpy finished(&exporter, &sse::LogExporter::finished);
    QVERIFY(exporter.start(file, sse::LogFormat::JsonLines, model->snapshot()));
    exporter.cancel();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(exporter.result().canceled);
    QVERIFY(!finished.at(0).at(1).toString().isEmpty());
    QCOMPARE(readAll(file), precious);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files).size(), 1);

    // Destroying an exporter while it runs cancels and waits: no crash, file untouched.
    {
        sse::LogExporter doomed;
        QVERIFY(doomed.start(file, sse::LogFormat::Csv, model->snapshot()));
    }
    QCOMPARE(readAll(file), precious);
}

void tst_LogIo::failedExport()
{
    const QString file = path(QStringLiteral("no/such/dir/out.jsonl"));
    const auto model = modelWith({ev("x")});
    const sse::ExportResult result = sse::exportEvents(file, sse::LogFormat::JsonLines, model->snapshot());
    QVERIFY(!result.ok);
    QVERIFY(!result.canceled);
    QVERIFY2(result.errorString.contains(QDir::toNativeSeparators(file)), qPrintable(result.errorString));

    sse::LogExporter exporter;
    QSignalSpy finished(&exporter, &sse::LogExporter::finished);
    QVERIFY(exporter.start(file, sse::LogFormat::JsonLines, model->snapshot()));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(finished.at(0).at(1).toString().contains(QStringLiteral("out.jsonl")));

    // A directory in the way of the target.
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("taken.jsonl")));
    QVERIFY(!sse::exportEvents(path(QStringLiteral("taken.jsonl")), sse::LogFormat::JsonLines,
                               model->snapshot()).ok);
}

void tst_LogIo::corruptJsonLines()
{
    const QString file = path(QStringLiteral("corrupt.jsonl"));
    QByteArray good1, good2;
    sse::appendJsonLine(good1, ev("one", "tick", "1", true));
    sse::appendJsonLine(good2, ev("two\nlines", "tick", "2", true), 5); // "stream" is ignored
    QByteArray content;
    content += good1;                                            // 1
    content += "this is not json\n";                             // 2
    content += good2;                                            // 3
    content += "[1,2,3]\n";                                      // 4
    content += "{\"type\":\"x\"}\n";                             // 5 no data
    content += "{\"data\":5}\n";                                 // 6 data not a string
    content += "{\"data\":\"ok\",\"receivedAt\":\"yesterday\"}\n"; // 7 bad time
    content += "\n";                                             // 8 blank: ignored
    content += "{\"data\":\"crlf\",\"id\":\"9\"}\r\n";           // 9 good, CRLF, minimal
    content += "{\"data\":\"truncated";                          // 10 cut off
    content += "\n{\"data\":\"numeric time\",\"receivedAt\":1234}\n"; // 11 good
    content += "\xff\xfe garbage \x01\n";                        // 12
    content += "{\"data\":\"last line without LF\"}";            // 13 good
    QVERIFY(writeFile(file, content));

    const sse::ImportResult result = sse::importEvents(file);
    QVERIFY(result.ok());
    QCOMPARE(int(result.format), int(sse::LogFormat::JsonLines));
    QList<qint64> lines;
    for (const sse::ImportIssue &issue : result.issues)
        lines.append(issue.line);
    QCOMPARE(lines, (QList<qint64>{2, 4, 5, 6, 7, 10, 12}));
    QVERIFY(result.issuesText().contains(QStringLiteral("line 5:")));
    QVERIFY(result.issuesText(2).contains(QStringLiteral("5")));
    QCOMPARE(result.events.size(), 5);
    compareEvent(result.events.at(0), ev("one", "tick", "1", true), true);
    compareEvent(result.events.at(1), ev("two\nlines", "tick", "2", true), true);
    compareEvent(result.events.at(2), ev("crlf", "message", "9", true, 0), true);
    compareEvent(result.events.at(3), ev("numeric time", "message", {}, false, 1234), true);
    compareEvent(result.events.at(4), ev("last line without LF", "message", {}, false, 0), true);
}

void tst_LogIo::jsonLinesVariants()
{
    // Valid JSON written by other tools: any key order, spacing, escapes, extra keys.
    const QString file = path(QStringLiteral("variants.jsonl"));
    QByteArray content;
    content += " { \"receivedAt\" : 1234 , \"data\" : \"sp\\u00e9cial \\ud83c\\udf89 \\/ \\\\\" } \n";
    content += "{\"data\":\"x\",\"extra\":{\"nested\":[1,true,null]},\"type\":\"t\"}\n";
    content += "{\"data\":\"y\",\"stream\":\"named\",\"lastEventId\":\"a\",\"id\":\"b\"}\n";
    content += "{\"data\":\"z\",\"receivedAt\":1.5e3}\n";
    content += "{\"data\":\"\\u0000nul\\u001f\",\"type\":\"\\u6f22\\u5b57\",\"id\":\"\"}\n";
    content += "{\"data\":\"é直接🎉\"}\n";
    content += "{\"data\":\"dup\",\"data\":\"dup\"}\n";
    content += "{\"data\":\"lone \\ud83c surrogate\"}\n";
    content += "{\"data\":\"bad utf-8 \xC3\x28\"}\n";      // rejected, as QJsonDocument does
    content += "{\"data\":\"raw\ttab\"}\n";                  // raw tab: QJsonDocument takes it
    content += "{\"data\":\"n\",\"receivedAt\":01}\n";      // leading zero: invalid JSON
    QVERIFY(writeFile(file, content));
    const sse::ImportResult result = sse::importEvents(file);
    QVERIFY(result.ok());
    QList<qint64> lines;
    for (const sse::ImportIssue &issue : result.issues)
        lines.append(issue.line);
    QVERIFY2(lines == (QList<qint64>{9, 11}), qPrintable(result.issuesText()));
    QCOMPARE(result.events.size(), 9);
    compareEvent(result.events.at(0), ev("spécial 🎉 / \\", "message", {}, false, 1234), true);
    compareEvent(result.events.at(1), ev("x", "t", {}, false, 0), true);
    compareEvent(result.events.at(2), ev("y", "message", "a", true, 0), true);
    compareEvent(result.events.at(3), ev("z", "message", {}, false, 1500), true);
    compareEvent(result.events.at(4), ev(QByteArray("\0nul\x1f", 5), "\xE6\xBC\xA2\xE5\xAD\x97", "", true, 0), true);
    compareEvent(result.events.at(5), ev("é直接🎉"), false);
    QCOMPARE(result.events.at(6).data, QByteArray("dup"));
    QVERIFY(result.events.at(7).data.startsWith("lone "));
    QCOMPARE(result.events.at(8).data, QByteArray("raw\ttab"));
}

void tst_LogIo::importMissingOrUnreadable()
{
    const QString missing = path(QStringLiteral("missing.jsonl"));
    sse::ImportResult result = sse::importEvents(missing);
    QVERIFY(!result.ok());
    QVERIFY(result.events.isEmpty());
    QVERIFY2(result.errorString.contains(QDir::toNativeSeparators(missing)), qPrintable(result.errorString));
    QVERIFY(result.errorString.contains(QStringLiteral("does not exist")));

    result = sse::importEvents(m_dir->path());
    QVERIFY(!result.ok());
    QVERIFY(result.errorString.contains(QStringLiteral("folder")));

    const QString csv = path(QStringLiteral("log.csv"));
    QVERIFY(writeFile(csv, sse::csvHeader()));
    result = sse::importEvents(csv);
    QVERIFY(!result.ok());
    QVERIFY(result.errorString.contains(QStringLiteral(".jsonl")));

    sse::LogImporter importer;
    QSignalSpy finished(&importer, &sse::LogImporter::finished);
    QVERIFY(importer.start(missing));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(finished.at(0).at(1).toString().contains(QStringLiteral("missing.jsonl")));
}

void tst_LogIo::importEventStreamDetails()
{
    // BOM, CRLF, comments and retry lines; the unterminated last block is discarded.
    const QString file = path(QStringLiteral("stream.sse"));
    QVERIFY(writeFile(file, "\xEF\xBB\xBF: comment\r\nretry: 1000\r\nid: 1\r\ndata: a\r\n\r\n"
                            "event: x\ndata: b\n\n"
                            "data: never finished\n"));
    sse::ImportResult result = sse::importEvents(file);
    QVERIFY(result.ok());
    QCOMPARE(result.events.size(), 2);
    compareEvent(result.events.at(0), ev("a", "message", "1", true, 0), true);
    compareEvent(result.events.at(1), ev("b", "x", "1", false, 0), true);

    // Format by content when the suffix says nothing.
    const QString unknownSse = path(QStringLiteral("capture.log"));
    QVERIFY(writeFile(unknownSse, "data: z\n\n"));
    QCOMPARE(detected(unknownSse), int(sse::LogFormat::EventStream));
    QCOMPARE(sse::importEvents(unknownSse).events.size(), 1);
    const QString unknownJson = path(QStringLiteral("capture.out"));
    QVERIFY(writeFile(unknownJson, "\n  {\"data\":\"z\"}\n"));
    QCOMPARE(detected(unknownJson), int(sse::LogFormat::JsonLines));
    QCOMPARE(sse::importEvents(unknownJson).events.size(), 1);
    // An explicit format wins over the suffix.
    result = sse::importEvents(unknownJson, sse::LogFormat::EventStream);
    QVERIFY(result.ok());
    QCOMPARE(result.events.size(), 0);

    const QString empty = path(QStringLiteral("empty.sse"));
    QVERIFY(writeFile(empty, {}));
    result = sse::importEvents(empty);
    QVERIFY(result.ok());
    QVERIFY(result.events.isEmpty());
}

void tst_LogIo::asyncImport()
{
    const QList<sse::Event> events = manyEvents(100000);
    const auto model = modelWith(events);
    for (const sse::LogFormat format : {sse::LogFormat::JsonLines, sse::LogFormat::EventStream}) {
        const QString file = path(QStringLiteral("big.") + sse::logFormatSuffix(format));
        QVERIFY(sse::exportEvents(file, format, model->snapshot()).ok);

        sse::LogImporter importer;
        QSignalSpy progress(&importer, &sse::LogImporter::progressChanged);
        QSignalSpy finished(&importer, &sse::LogImporter::finished);
        QVERIFY(importer.start(file));
        QVERIFY(importer.isRunning());
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QVERIFY(progress.count() >= 1);
        QCOMPARE(progress.last().at(0).toLongLong(), QFileInfo(file).size());
        sse::ImportResult result = importer.takeResult();
        QCOMPARE(result.events.size(), events.size());
        QVERIFY(importer.result().events.isEmpty());
        for (int i : {0, 1, 50000, 99999})
            compareEvent(result.events.at(i), events.at(i), format == sse::LogFormat::JsonLines);

        // Cancelled imports give no events.
        QVERIFY(importer.start(file));
        importer.cancel();
        finished.clear();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(importer.result().canceled);
        QVERIFY(importer.result().events.isEmpty());
    }
}

QTEST_GUILESS_MAIN(tst_LogIo)
#include "tst_logio.moc"
