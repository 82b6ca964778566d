#pragma once

#include "types.h"

#include <QAbstractTableModel>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QElapsedTimer>
#include <QList>

#include <deque>
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

/** A row between events that tells the connection's story where it happened: connected,
 *  dropped, each retry, resumed (with the Last-Event-ID sent), the first event after it.
 *  Not an event: it has no number of its own, is not counted and is not exported unless an
 *  export asks for it (LogExporter::Options::includeMarkers). */
struct LogMarker
{
    enum class Kind {
        Connected,    ///< the first connection opened: status, protocol
        Resumed,      ///< the stream opened again after a loss: status, protocol, ID sent
        Dropped,      ///< an open connection ended: why
        Retrying,     ///< a reconnect was scheduled: delay, attempt, why
        Failed,       ///< the stream failed permanently: why
        Stopped,      ///< the server asked the client to stop (HTTP 204)
        Disconnected, ///< the user disconnected
        FirstEvent    ///< the first event after a resume follows: the gap it closes
    };
    Kind kind = Kind::Connected;
    qint64 atMs = 0;              ///< ms since the epoch (UTC)
    QString text;                 ///< one line, translated
    /** The number of the event that follows the marker; set by EventLogModel::appendMarker(). */
    qint64 beforeSequence = 0;

    /** A stable identifier for exports and scripts ("connected", "resumed", ...). */
    static QByteArray kindName(Kind kind);
    /** The word a view shows in the type column. */
    static QString kindLabel(Kind kind);
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
    /** The connection markers taken with the events (EventLogModel::snapshot(rows, true)),
     *  in order; each one's beforeSequence places it. */
    QList<LogMarker> markers() const;

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
 *  appendEvents() only stores the events as pending; a flush (scheduled, or flush()) inserts
 *  them with ONE rowsInserted at the end, after at most ONE rowsRemoved at the
 *  front for the rows that fall out of capacity(). The flush is scheduled at most every
 *  flushInterval() ms: the first append after a quiet interval is flushed when control returns
 *  to the event loop (a zero timer, so a slow stream costs no wake-up of its own and its event
 *  shows at once), later ones when the interval since the last flush is over. Pending events beyond capacity() are
 *  dropped before they are inserted, so rowCount() never exceeds capacity(). While paused,
 *  events stay pending (bounded the same way) and appear on resume.
 *
 *  Event rows are always a contiguous run of the stream. Connection markers (LogMarker,
 *  appendMarker()) are rows between them, in the order things happened; they are pending and
 *  flushed like events, leave with the events around them and are never counted as events
 *  (IsMarkerRole tells them apart; eventCount() counts only events). Without markers, row r
 *  has sequence firstSequence() + r.
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
        SortRole,          ///< per column: numbers for #, time and size, text otherwise
        IsMarkerRole,      ///< bool, the row is a connection marker, not an event
        MarkerKindRole     ///< int, LogMarker::Kind of a marker row (invalid for events)
    };
    Q_ENUM(Role)

    static constexpr int DefaultCapacity = 100000;
    static constexpr int DefaultFlushIntervalMs = 50;
    static constexpr int PreviewLength = 200;   ///< characters (UTF-16 units) in PreviewColumn
    static constexpr int ToolTipLength = 2000;  ///< characters of data in PreviewColumn's tooltip
    static constexpr int MaxMarkers = 10000;    ///< oldest markers go beyond this

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
    /** A zero-copy view of \a row (see EventView for its lifetime); \a row must be a valid
     *  event row (not a marker). */
    EventView eventView(int row) const;
    /** The \a index-th kept event, markers skipped (0: the oldest; eventCount() - 1: the
     *  newest); \a index must be valid. Zero-copy like eventView(). */
    EventView eventAt(int index) const;
    /** Sequence number of \a row; for a marker, that of the event after it. */
    qint64 sequence(int row) const;
    /** True when \a row is a connection marker. */
    bool isMarker(int row) const;
    /** The marker in \a row; a default LogMarker when \a row is not one. */
    LogMarker marker(int row) const;
    /** Event rows (rowCount() without the markers). */
    int eventCount() const;
    /** Marker rows. */
    int markerCount() const { return int(m_liveMarkers); }
    /** Sequence number of row 0 (of the next event when the model is empty). */
    qint64 firstSequence() const { return m_firstSequence; }

    /** All event rows, or the given rows in the given order (marker rows skipped), for export;
     *  with \a withMarkers the snapshot also carries the markers between its first and last
     *  event (EventSnapshot::markers()). */
    EventSnapshot snapshot(bool withMarkers = false) const;
    EventSnapshot snapshot(const QList<int> &rows, bool withMarkers = false) const;

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
    /** Stores \a marker as pending, before the next event appended; it becomes a row at the
     *  next flush (scheduled). */
    void appendMarker(const sse::LogMarker &marker);
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
    /** Where \a row is: an index in the event rows, or (marker) an index in m_markers. */
    struct Location { qsizetype index; bool marker; };
    Location locate(int row) const;
    qint64 markerRow(qsizetype marker) const;
    QVariant markerData(const LogMarker &marker, int column, int role) const;
    void dropMarkersBefore(qint64 sequence);
    void trimMarkers();

    std::unique_ptr<EventStore> m_store;
    std::deque<LogMarker> m_markers; // rows (the first m_liveMarkers), then pending
    qsizetype m_liveMarkers = 0;
    QTimer *m_flushTimer;
    QElapsedTimer m_sinceFlush;     // since the last flush (or construction)
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
