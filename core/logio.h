#pragma once

// Export of event logs to files and import of .sse / .jsonl files, synchronous (for tools and
// tests) and on a worker thread with progress and cancel (LogExporter / LogImporter, for the UI).

#include "eventformat.h"
#include "eventlog.h"
#include "types.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace sse {

/** Called from the working thread with the work done so far and the total (events for an
 *  export, bytes for an import); return false to cancel. */
using ProgressFunction = std::function<bool(qint64 done, qint64 total)>;

struct ExportResult
{
    bool ok = false;
    bool canceled = false;
    QString errorString;         ///< why it failed (translated), empty on success
    qint64 events = 0;           ///< events written
    qint64 bytes = 0;            ///< bytes written
};

/** Writes \a events to \a fileName in \a format, atomically (QSaveFile): on failure or cancel
 *  an existing file is left exactly as it was. */
ExportResult exportEvents(const QString &fileName, LogFormat format, const EventSnapshot &events,
                          const ProgressFunction &progress = {});

/** One line of an imported file that was skipped. */
struct ImportIssue
{
    qint64 line = 0;             ///< 1-based; 0 when not tied to a line
    QString message;             ///< translated
};

struct ImportResult
{
    QList<Event> events;
    QList<ImportIssue> issues;   ///< skipped lines (the import still succeeds)
    QString errorString;         ///< set when the file could not be read at all
    LogFormat format = LogFormat::JsonLines;
    bool canceled = false;

    bool ok() const { return errorString.isEmpty() && !canceled; }
    /** The first \a maxIssues issues as "line N: message" lines, plus a count of the rest. */
    QString issuesText(int maxIssues = 20) const;
};

/** The format an import of \a fileName uses: by suffix (.sse/.txt, .jsonl/.ndjson), else by
 *  content (a first non-blank byte '{' means JSON Lines, anything else text/event-stream).
 *  CSV is export only: a .csv file gives nullopt. */
std::optional<LogFormat> detectImportFormat(const QString &fileName);

/** Reads \a fileName (format detected when not given).
 *  - text/event-stream: through sse::Parser as a stream would be; an unterminated last block
 *    is discarded; times are unknown (receivedAtMs 0).
 *  - JSON Lines (appendJsonLine()'s format): "data" is required, "type" defaults to
 *    "message", "id" sets hasId, "receivedAt" is ISO 8601 (or ms since the epoch); blank lines
 *    are ignored; malformed lines are skipped and listed in issues with their line numbers. */
ImportResult importEvents(const QString &fileName, std::optional<LogFormat> format = std::nullopt,
                          const ProgressFunction &progress = {});

/** Runs exportEvents() on a worker thread. One export at a time per object; destroying the
 *  object cancels a running export and waits for it. */
class LogExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogExporter)
public:
    explicit LogExporter(QObject *parent = nullptr);
    ~LogExporter() override;

    /** Starts writing \a events (take it with EventLogModel::snapshot() or
     *  EventFilterModel::snapshot()). False if an export is already running. */
    bool start(const QString &fileName, sse::LogFormat format, const sse::EventSnapshot &events);
    bool isRunning() const { return m_thread != nullptr; }
    /** The outcome of the last finished export. */
    const ExportResult &result() const { return m_result; }

public Q_SLOTS:
    /** Stops the running export; finished() follows with ok false and result().canceled. */
    void cancel();

Q_SIGNALS:
    /** Events written so far of \a total; throttled (about 20 per second). */
    void progressChanged(qint64 done, qint64 total);
    /** Emitted once per start(); \a errorString is empty on success, "canceled" text on cancel. */
    void finished(bool ok, const QString &errorString);

private:
    void onThreadFinished();

    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::shared_ptr<ExportResult> m_pending;
    ExportResult m_result;
};

/** Runs importEvents() on a worker thread; the events are then taken with takeResult(). */
class LogImporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogImporter)
public:
    explicit LogImporter(QObject *parent = nullptr);
    ~LogImporter() override;

    /** False if an import is already running. */
    bool start(const QString &fileName, std::optional<sse::LogFormat> format = std::nullopt);
    bool isRunning() const { return m_thread != nullptr; }
    /** The outcome of the last finished import (events, skipped lines, error). */
    const ImportResult &result() const { return m_result; }
    ImportResult takeResult() { return std::exchange(m_result, ImportResult()); }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    /** Bytes read so far of \a total; throttled (about 20 per second). */
    void progressChanged(qint64 done, qint64 total);
    /** \a ok is true when the file was read (some lines may have been skipped, see
     *  result().issues); \a errorString says why not otherwise. */
    void finished(bool ok, const QString &errorString);

private:
    void onThreadFinished();

    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::shared_ptr<ImportResult> m_pending;
    ImportResult m_result;
};

} // namespace sse
