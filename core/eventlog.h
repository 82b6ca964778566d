#pragma once

#include "types.h"

#include <QAbstractTableModel>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QList>

#include <memory>

QT_BEGIN_NAMESPACE
class QTimer;
QT_END_NAMESPACE

namespace sse {

class EventStore;

/** A read-only look at one stored event, straight from the log's compact storage (no copy).
 *  The byte views point into the model's memory: they are valid until the model next changes
 *  (flush(), clear(), setCapacity()); call toEvent() to keep the event. */
struct EventView
{
    QByteArrayView type;         ///< UTF-8
    QByteArrayView data;         ///< UTF-8, lines joined by LF
    QByteArrayView lastEventId;  ///< UTF-8
    qint64 receivedAtMs = 0;
    qint64 sequence = 0;         ///< 1-based number of the event in the stream
    int typeIndex = -1;          ///< index in EventLogModel::typeNames(); -1 when stored inline
    bool hasId = false;

    /** The event's own id: lastEventId when its block carried one, else empty. */
    QByteArrayView id() const { return hasId ? lastEventId : QByteArrayView(); }
    /** A server-reported error: type "error". */
    bool isServerError() const { return type == QByteArrayView("error"); }
    Event toEvent() const;
};

/** An immutable copy of some rows of a log, cheap to take and safe to read from any thread
 *  (e.g. an exporter's worker) while the model goes on receiving and dropping events: it
 *  shares the model's storage blocks instead of copying events (16 bytes per row). */
class EventSnapshot
{
public:
    EventSnapshot();
    /** A snapshot of plain events, numbered from \a firstSequence. */
    static EventSnapshot fromEvents(const QList<Event> &events, qint64 firstSequence = 1);

    qsizetype size() const;
    bool isEmpty() const { return size() == 0; }
    Event event(qsizetype i) const;
    /** The row's number in its stream (EventLogModel::SequenceRole). */
    qint64 sequence(qsizetype i) const;
    QList<Event> toList() const;

private:
    friend class EventLogModel;
    struct Data;
    std::shared_ptr<const Data> d;
};

/** The live event log of one stream: a bounded, batched table model over compact storage.
 *
 *  Events are stored packed (timestamp, type index, flags, ID and data bytes back to back) in
 *  blocks of up to 1 MiB; a row costs its bytes plus about 21 bytes. Oldest rows are dropped
 *  beyond capacity() and whole blocks freed as they empty.
 *
 *  appendEvents() only stores the events as pending; a flush (every flushInterval() ms, or
 *  flush()) inserts them with ONE rowsInserted at the end, after at most ONE rowsRemoved at the
 *  front for the rows that fall out of capacity(). Pending events beyond capacity() are
 *  dropped before they are inserted, so rowCount() never exceeds capacity(). While paused,
 *  events stay pending (bounded the same way) and appear on resume.
 *
 *  Rows are always a contiguous run of the stream: row r has sequence firstSequence() + r.
 *  The model is flat (no children) and read-only; colours and icons belong to the views. */
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)
    Q_PROPERTY(int capacity READ capacity WRITE setCapacity NOTIFY capacityChanged)
    Q_PROPERTY(bool paused READ isPaused WRITE setPaused NOTIFY pausedChanged)
    Q_PROPERTY(qint64 droppedCount READ droppedCount NOTIFY droppedCountChanged)
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingCountChanged)
public:
    enum Column {
        SequenceColumn,    ///< "#": 1-based number in the stream, dropped events included
        ReceivedAtColumn,  ///< local time "HH:mm:ss.zzz" (tooltip: full date, local and UTC)
        TypeColumn,
        IdColumn,          ///< the event's own id; empty when it had none (tooltip: last ID)
        PreviewColumn,     ///< data on one line (LF as ⏎), at most PreviewLength characters
        SizeColumn,        ///< data size in bytes
        ColumnCount
    };
    Q_ENUM(Column)

    /** Custom roles; the same value on every column of a row unless stated. */
    enum Role {
        EventRole = Qt::UserRole + 1, ///< sse::Event, the full event
        DataRole,          ///< QByteArray, data (UTF-8)
        TypeRole,          ///< QByteArray, type (UTF-8)
        LastEventIdRole,   ///< QByteArray, the stream's last event ID at this event
        HasIdRole,         ///< bool, the event's block carried an `id`
        SequenceRole,      ///< qint64, number of the event in the stream (1-based)
        IsServerErrorRole, ///< bool, type == "error"
        ReceivedAtMsRole,  ///< qint64, ms since the epoch (UTC); 0 = unknown (e.g. imported .sse)
        DataSizeRole,      ///< qint64, data size in bytes
        TypeIndexRole,     ///< int, index in typeNames() (stable for the model's life), -1 if none
        SortRole           ///< per column: numbers for #, time and size, text otherwise
    };
    Q_ENUM(Role)

    static constexpr int DefaultCapacity = 100000;
    static constexpr int DefaultFlushIntervalMs = 50;
    static constexpr int PreviewLength = 200;   ///< characters (UTF-16 units) in PreviewColumn
    static constexpr int ToolTipLength = 2000;  ///< characters of data in PreviewColumn's tooltip

    explicit EventLogModel(QObject *parent = nullptr);
    ~EventLogModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    /** The event in \a row (a full copy); a default Event for an invalid row. */
    Event event(int row) const;
    /** A zero-copy view of \a row (see EventView for its lifetime); \a row must be valid. */
    EventView eventView(int row) const;
    /** Sequence number of \a row: firstSequence() + row. */
    qint64 sequence(int row) const { return m_firstSequence + row; }
    /** Sequence number of row 0 (of the next event when the model is empty). */
    qint64 firstSequence() const { return m_firstSequence; }

    /** All rows, or the given rows in the given order, for export. */
    EventSnapshot snapshot() const;
    EventSnapshot snapshot(const QList<int> &rows) const;

    /** Distinct event types seen, indexed by TypeIndexRole; only grows (until 65,535 types,
     *  after which further new types are stored inline with their events). */
    const QByteArrayList &typeNames() const;

    /** Maximum number of rows (>= 1; default DefaultCapacity). Lowering it drops the oldest
     *  rows at once. */
    int capacity() const { return m_capacity; }
    void setCapacity(int capacity);

    /** While paused, appended events stay pending (up to capacity(), older ones counted as
     *  dropped) and no rows are inserted; resuming flushes them. */
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);

    int flushInterval() const { return m_flushIntervalMs; }
    void setFlushInterval(int ms);

    /** Events appended but not yet inserted as rows. */
    int pendingCount() const;
    /** Events dropped because of capacity() since construction or clear(). */
    qint64 droppedCount() const { return m_dropped; }
    /** Events ever appended (cleared and dropped ones included). */
    qint64 totalCount() const { return m_total; }
    /** Bytes of storage blocks currently allocated (rows and pending events). */
    qint64 storageBytes() const;

public Q_SLOTS:
    /** Stores \a events as pending; they become rows at the next flush. Cheap: a copy of
     *  their bytes into the log's storage, no model signal. */
    void appendEvents(const QList<sse::Event> &events);
    void appendEvent(const sse::Event &event);
    /** Inserts the pending events now (nothing while paused). */
    void flush();
    /** Removes every row and pending event and resets droppedCount(). Sequence numbers go
     *  on: the next event keeps its number in the stream. */
    void clear();

Q_SIGNALS:
    void droppedCountChanged(qint64 dropped);
    /** Emitted from the flush timer (not per append) while events are pending, and on flush. */
    void pendingCountChanged(int pending);
    void pausedChanged(bool paused);
    void capacityChanged(int capacity);

private:
    void scheduleFlush();
    void dropPendingBeyondCapacity();
    void removeFrontRows(int count);
    QString previewText(const EventView &view, int maxLength, bool keepNewlines) const;

    std::unique_ptr<EventStore> m_store;
    QTimer *m_flushTimer;
    qint64 m_firstSequence = 1;
    qint64 m_total = 0;
    qint64 m_dropped = 0;
    int m_capacity = DefaultCapacity;
    int m_flushIntervalMs = DefaultFlushIntervalMs;
    qint64 m_lastDroppedReported = 0;
    int m_lastPendingReported = 0;
    bool m_paused = false;
    bool m_pendingGap = false;  // pending events were dropped: the rows before them must go
};

} // namespace sse
