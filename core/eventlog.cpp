#include "eventlog.h"

#include "eventformat.h"
#include "eventstore.h"

#include <QDateTime>
#include <QHash>
#include <QTimer>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <vector>

namespace sse {

// ---------------------------------------------------------------------------------------------
// EventView / EventSnapshot

Event EventView::toEvent() const
{
    Event e;
    e.type = type.toByteArray();
    e.data = data.toByteArray();
    e.lastEventId = lastEventId.toByteArray();
    e.receivedAtMs = receivedAtMs;
    e.hasId = hasId;
    return e;
}

struct EventSnapshot::Data
{
    struct Row
    {
        const char *record;
        qint64 sequence;
    };
    std::vector<std::shared_ptr<char[]>> blocks; // keeps the rows' blocks alive
    std::vector<Row> rows;
    QByteArrayList types;
    // Snapshots of plain events (fromEvents()) keep them as they are.
    QList<Event> events;
    QList<LogMarker> markers;
    qint64 firstSequence = 1;
    bool plain = false;
};

EventSnapshot::EventSnapshot() = default;

EventSnapshot EventSnapshot::fromEvents(const QList<Event> &events, qint64 firstSequence)
{
    auto d = std::make_shared<Data>();
    d->events = events;
    d->firstSequence = firstSequence;
    d->plain = true;
    EventSnapshot s;
    s.d = std::move(d);
    return s;
}

qsizetype EventSnapshot::size() const
{
    if (!d)
        return 0;
    return d->plain ? d->events.size() : qsizetype(d->rows.size());
}

Event EventSnapshot::event(qsizetype i) const
{
    if (d->plain)
        return d->events.at(i);
    return makeEvent(decodeRecord(d->rows[size_t(i)].record, d->types), d->types);
}

qint64 EventSnapshot::sequence(qsizetype i) const
{
    return d->plain ? d->firstSequence + i : d->rows[size_t(i)].sequence;
}

QList<LogMarker> EventSnapshot::markers() const
{
    return d ? d->markers : QList<LogMarker>();
}

QList<Event> EventSnapshot::toList() const
{
    if (d && d->plain)
        return d->events;
    QList<Event> list;
    list.reserve(size());
    for (qsizetype i = 0; i < size(); ++i)
        list.append(event(i));
    return list;
}

// ---------------------------------------------------------------------------------------------
// LogMarker

QByteArray LogMarker::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Connected: return QByteArrayLiteral("connected");
    case Kind::Resumed: return QByteArrayLiteral("resumed");
    case Kind::Dropped: return QByteArrayLiteral("dropped");
    case Kind::Retrying: return QByteArrayLiteral("retrying");
    case Kind::Failed: return QByteArrayLiteral("failed");
    case Kind::Stopped: return QByteArrayLiteral("stopped");
    case Kind::Disconnected: return QByteArrayLiteral("disconnected");
    case Kind::FirstEvent: return QByteArrayLiteral("first-event");
    }
    return {};
}

QString LogMarker::kindLabel(Kind kind)
{
    switch (kind) {
    case Kind::Connected: return EventLogModel::tr("connected");
    case Kind::Resumed: return EventLogModel::tr("resumed");
    case Kind::Dropped: return EventLogModel::tr("dropped");
    case Kind::Retrying: return EventLogModel::tr("retrying");
    case Kind::Failed: return EventLogModel::tr("failed");
    case Kind::Stopped: return EventLogModel::tr("stopped");
    case Kind::Disconnected: return EventLogModel::tr("disconnected");
    case Kind::FirstEvent: return EventLogModel::tr("first event");
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// EventLogModel

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(std::make_unique<EventStore>())
    , m_flushTimer(new QTimer(this))
{
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setTimerType(Qt::CoarseTimer);
    m_flushTimer->setInterval(m_flushIntervalMs);
    connect(m_flushTimer, &QTimer::timeout, this, &EventLogModel::flush);
    m_sinceFlush.start();
}

EventLogModel::~EventLogModel()
{
    const qint64 freed = m_store->bytes();
    m_store.reset();
    returnFreedMemory(freed);
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_store->rows.size() + m_liveMarkers);
}

int EventLogModel::eventCount() const
{
    return int(m_store->rows.size());
}

// Marker j sits before the event numbered beforeSequence, after the j markers before it.
qint64 EventLogModel::markerRow(qsizetype marker) const
{
    return m_markers[size_t(marker)].beforeSequence - m_firstSequence + marker;
}

EventLogModel::Location EventLogModel::locate(int row) const
{
    if (m_liveMarkers == 0)
        return {row, false};
    // The number of markers at or above the row (marker rows strictly increase).
    qsizetype low = 0;
    qsizetype high = m_liveMarkers;
    while (low < high) {
        const qsizetype middle = (low + high) / 2;
        if (markerRow(middle) <= row)
            low = middle + 1;
        else
            high = middle;
    }
    if (low > 0 && markerRow(low - 1) == row)
        return {low - 1, true};
    return {row - low, false};
}

qint64 EventLogModel::sequence(int row) const
{
    const Location at = locate(row);
    return at.marker ? m_markers[size_t(at.index)].beforeSequence : m_firstSequence + at.index;
}

bool EventLogModel::isMarker(int row) const
{
    return row >= 0 && row < rowCount() && locate(row).marker;
}

LogMarker EventLogModel::marker(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const Location at = locate(row);
    return at.marker ? m_markers[size_t(at.index)] : LogMarker();
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

EventView EventLogModel::eventView(int row) const
{
    const qsizetype index = locate(row).index;
    EventView v = m_store->view(m_store->rows[index]);
    v.sequence = m_firstSequence + index;
    return v;
}

EventView EventLogModel::eventAt(int index) const
{
    EventView v = m_store->view(m_store->rows[index]);
    v.sequence = m_firstSequence + index;
    return v;
}

Event EventLogModel::event(int row) const
{
    if (row < 0 || row >= rowCount() || isMarker(row))
        return {};
    return makeEvent(eventView(row), m_store->types());
}

const QByteArrayList &EventLogModel::typeNames() const
{
    return m_store->types();
}

qint64 EventLogModel::storageBytes() const
{
    return m_store->bytes();
}

int EventLogModel::pendingCount() const
{
    return int(m_store->pending.size());
}

QString EventLogModel::previewText(const EventView &view, int maxLength, bool keepNewlines) const
{
    // Decode only what can be shown: a UTF-16 unit takes at most 3 UTF-8 bytes.
    const qsizetype maxBytes = qsizetype(maxLength) * 3 + 4;
    bool truncated = view.data.size() > maxBytes;
    QString text = QString::fromUtf8(view.data.first(std::min(view.data.size(), maxBytes)));
    if (text.size() > maxLength) {
        qsizetype n = maxLength;
        if (text.at(n - 1).isHighSurrogate())
            --n;
        text.truncate(n);
        truncated = true;
    }
    for (QChar &c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x20 && u != 0x7F)
            continue;
        if (u == '\n')
            c = keepNewlines ? c : QChar(0x23CE); // ⏎
        else if (u == '\t')
            c = QLatin1Char(' ');
        else
            c = QChar(u == 0x7F ? char16_t(0x2421) : char16_t(0x2400 + u)); // control pictures
    }
    if (truncated)
        text.append(QChar(0x2026)); // …
    return text;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const Location at = locate(index.row());
    if (at.marker)
        return markerData(m_markers[size_t(at.index)], index.column(), role);
    if (role == IsMarkerRole)
        return false;
    const EventView v = eventView(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SequenceColumn: return QString::number(v.sequence);
        case ReceivedAtColumn:
            if (v.receivedAtMs == 0)
                return QString();
            return QDateTime::fromMSecsSinceEpoch(v.receivedAtMs)
                .toString(QStringLiteral("HH:mm:ss.zzz"));
        case TypeColumn: return QString::fromUtf8(v.type);
        case IdColumn: return QString::fromUtf8(v.id());
        case PreviewColumn: return previewText(v, PreviewLength, false);
        case SizeColumn: return QString::number(v.data.size());
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ReceivedAtColumn:
            if (v.receivedAtMs == 0)
                return tr("Time unknown");
            return QDateTime::fromMSecsSinceEpoch(v.receivedAtMs)
                       .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"))
                + QLatin1Char('\n') + QString::fromLatin1(isoTimestamp(v.receivedAtMs));
        case IdColumn:
            if (v.hasId && v.lastEventId.isEmpty())
                return tr("Empty id: resets the last event ID");
            if (!v.hasId && !v.lastEventId.isEmpty())
                return tr("No id of its own; last event ID: %1").arg(QString::fromUtf8(v.lastEventId));
            return {};
        case PreviewColumn:
            // Rich text so that data that looks like HTML is shown as it is, line breaks kept.
            return QStringLiteral("<div style=\"white-space:pre-wrap\">%1</div>")
                .arg(previewText(v, ToolTipLength, true).toHtmlEscaped());
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SequenceColumn || index.column() == SizeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case SortRole:
        switch (index.column()) {
        case SequenceColumn: return 2 * v.sequence; // a marker before it sorts at 2 × its number - 1
        case ReceivedAtColumn: return v.receivedAtMs;
        case TypeColumn: return QString::fromUtf8(v.type);
        case IdColumn: return QString::fromUtf8(v.id());
        case PreviewColumn: return previewText(v, PreviewLength, false);
        case SizeColumn: return qint64(v.data.size());
        }
        return {};
    case EventRole: return QVariant::fromValue(makeEvent(v, m_store->types()));
    case DataRole: return v.data.toByteArray();
    case TypeRole: return v.typeIndex >= 0 ? m_store->types().at(v.typeIndex) : v.type.toByteArray();
    case LastEventIdRole: return v.lastEventId.toByteArray();
    case HasIdRole: return v.hasId;
    case SequenceRole: return v.sequence;
    case IsServerErrorRole: return v.isServerError();
    case ReceivedAtMsRole: return v.receivedAtMs;
    case DataSizeRole: return qint64(v.data.size());
    case TypeIndexRole: return v.typeIndex;
    default: return {};
    }
}

QVariant EventLogModel::markerData(const LogMarker &marker, int column, int role) const
{
    const auto time = [&marker] {
        return QDateTime::fromMSecsSinceEpoch(marker.atMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ReceivedAtColumn: return time();
        case TypeColumn: return LogMarker::kindLabel(marker.kind);
        case PreviewColumn: return marker.text;
        default: return QString();
        }
    case Qt::ToolTipRole:
        if (column == ReceivedAtColumn)
            return QDateTime::fromMSecsSinceEpoch(marker.atMs)
                       .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"))
                + QLatin1Char('\n') + QString::fromLatin1(isoTimestamp(marker.atMs));
        return tr("Connection: %1").arg(marker.text);
    case SortRole:
        switch (column) {
        case SequenceColumn: return 2 * marker.beforeSequence - 1;
        case ReceivedAtColumn: return marker.atMs;
        case TypeColumn: return LogMarker::kindLabel(marker.kind);
        case PreviewColumn: return marker.text;
        default: return qint64(-1);
        }
    case IsMarkerRole: return true;
    case MarkerKindRole: return int(marker.kind);
    case SequenceRole: return marker.beforeSequence;
    case ReceivedAtMsRole: return marker.atMs;
    default: return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case SequenceColumn: return tr("#");
        case ReceivedAtColumn: return tr("Received");
        case TypeColumn: return tr("Type");
        case IdColumn: return tr("ID");
        case PreviewColumn: return tr("Data");
        case SizeColumn: return tr("Size");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case SequenceColumn: return tr("Number of the event in the stream");
        case ReceivedAtColumn: return tr("Local time the event was received");
        case TypeColumn: return tr("Event type");
        case IdColumn: return tr("The event's own id");
        case PreviewColumn: return tr("Event data");
        case SizeColumn: return tr("Data size in bytes");
        }
    } else if (role == Qt::TextAlignmentRole) {
        if (section == SequenceColumn || section == SizeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    }
    return {};
}

Qt::ItemFlags EventLogModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> EventLogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(EventRole, QByteArrayLiteral("event"));
    names.insert(DataRole, QByteArrayLiteral("eventData"));
    names.insert(TypeRole, QByteArrayLiteral("type"));
    names.insert(LastEventIdRole, QByteArrayLiteral("lastEventId"));
    names.insert(HasIdRole, QByteArrayLiteral("hasId"));
    names.insert(SequenceRole, QByteArrayLiteral("sequence"));
    names.insert(IsServerErrorRole, QByteArrayLiteral("isServerError"));
    names.insert(ReceivedAtMsRole, QByteArrayLiteral("receivedAtMs"));
    names.insert(DataSizeRole, QByteArrayLiteral("dataSize"));
    names.insert(TypeIndexRole, QByteArrayLiteral("typeIndex"));
    names.insert(SortRole, QByteArrayLiteral("sortKey"));
    names.insert(IsMarkerRole, QByteArrayLiteral("isMarker"));
    names.insert(MarkerKindRole, QByteArrayLiteral("markerKind"));
    return names;
}

EventSnapshot EventLogModel::snapshot(bool withMarkers) const
{
    QList<int> rows(rowCount());
    std::iota(rows.begin(), rows.end(), 0);
    return snapshot(rows, withMarkers);
}

EventSnapshot EventLogModel::snapshot(const QList<int> &rows, bool withMarkers) const
{
    auto d = std::make_shared<EventSnapshot::Data>();
    d->types = m_store->types();
    d->rows.reserve(size_t(rows.size()));
    std::vector<bool> shared(m_store->blockCount());
    const int count = rowCount();
    for (const int row : rows) {
        if (row < 0 || row >= count)
            continue;
        const Location at = locate(row);
        if (at.marker)
            continue;
        const Entry e = m_store->rows[at.index];
        const size_t block = m_store->blockIndex(e);
        if (!shared[block]) {
            shared[block] = true;
            d->blocks.push_back(m_store->blockBuffer(e));
        }
        d->rows.push_back({m_store->record(e), m_firstSequence + at.index});
    }
    if (withMarkers && !d->rows.empty()) {
        const auto [low, high] = std::minmax_element(
            d->rows.cbegin(), d->rows.cend(),
            [](const auto &a, const auto &b) { return a.sequence < b.sequence; });
        // From just before the first event to just after the last one.
        for (qsizetype j = 0; j < m_liveMarkers; ++j) {
            const LogMarker &m = m_markers[size_t(j)];
            if (m.beforeSequence >= low->sequence && m.beforeSequence <= high->sequence + 1)
                d->markers.append(m);
        }
    }
    EventSnapshot s;
    s.d = std::move(d);
    return s;
}

void EventLogModel::appendEvent(const sse::Event &event)
{
    appendEvents(QList<Event>{event});
}

void EventLogModel::appendEvents(const QList<sse::Event> &events)
{
    if (events.isEmpty())
        return;
    // Events that would be dropped before this batch is even flushed are not stored at all.
    qsizetype first = 0;
    if (events.size() > m_capacity) {
        first = events.size() - m_capacity;
        m_dropped += first;
        m_pendingGap = true;
    }
    auto &pending = m_store->pending;
    for (qsizetype i = first; i < events.size(); ++i)
        pending.pushBack(m_store->append(events.at(i)));
    m_total += events.size();
    dropPendingBeyondCapacity();
    scheduleFlush();
}

void EventLogModel::appendMarker(const sse::LogMarker &marker)
{
    LogMarker m = marker;
    m.beforeSequence = m_total + 1;
    m_markers.push_back(std::move(m));
    trimMarkers();
    scheduleFlush();
}

void EventLogModel::trimMarkers()
{
    while (qsizetype(m_markers.size()) > MaxMarkers) {
        if (m_liveMarkers > 0) {
            const int row = int(markerRow(0));
            beginRemoveRows(QModelIndex(), row, row);
            m_markers.pop_front();
            --m_liveMarkers;
            endRemoveRows();
        } else {
            m_markers.pop_front();
        }
    }
}

void EventLogModel::dropMarkersBefore(qint64 sequence)
{
    // Pending markers only: rows leave through removeFrontRows().
    const auto firstPending = m_markers.begin() + m_liveMarkers;
    const auto keep = std::find_if(firstPending, m_markers.end(), [sequence](const LogMarker &m) {
        return m.beforeSequence >= sequence;
    });
    m_markers.erase(firstPending, keep);
}

void EventLogModel::dropPendingBeyondCapacity()
{
    auto &pending = m_store->pending;
    const qsizetype excess = pending.size() - m_capacity;
    if (excess <= 0)
        return;
    for (qsizetype i = 0; i < excess; ++i)
        m_store->release(pending[i]);
    pending.popFront(excess);
    m_dropped += excess;
    m_pendingGap = true;
}

void EventLogModel::scheduleFlush()
{
    if (m_flushTimer->isActive())
        return;
    const qint64 wait = m_flushIntervalMs - m_sinceFlush.elapsed();
    m_flushTimer->start(int(std::max<qint64>(0, wait)));
}

void EventLogModel::removeFrontRows(int count)
{
    if (count <= 0)
        return;
    // The markers before the new first event leave with the events: they are the top rows.
    const qint64 newFirst = m_firstSequence + count;
    qsizetype markers = 0;
    while (markers < m_liveMarkers && m_markers[size_t(markers)].beforeSequence < newFirst)
        ++markers;
    beginRemoveRows(QModelIndex(), 0, count + int(markers) - 1);
    auto &rows = m_store->rows;
    for (int i = 0; i < count; ++i)
        m_store->release(rows[i]);
    rows.popFront(count);
    m_markers.erase(m_markers.begin(), m_markers.begin() + markers);
    m_liveMarkers -= markers;
    m_firstSequence = newFirst;
    m_dropped += count;
    endRemoveRows();
}

void EventLogModel::flush()
{
    m_flushTimer->stop();
    m_sinceFlush.start();
    auto &pending = m_store->pending;
    const int incoming = int(pending.size());
    if (!m_paused && (incoming > 0 || qsizetype(m_markers.size()) > m_liveMarkers)) {
        auto &rows = m_store->rows;
        // A gap in the pending events means every current row is older than the window kept.
        const bool gap = m_pendingGap;
        const int remove = gap ? int(rows.size())
                               : std::max(0, int(rows.size()) + incoming - m_capacity);
        removeFrontRows(remove);
        m_pendingGap = false;
        if (gap && m_liveMarkers > 0) { // markers after the last row: older than the window too
            beginRemoveRows(QModelIndex(), 0, int(m_liveMarkers) - 1);
            m_markers.erase(m_markers.begin(), m_markers.begin() + m_liveMarkers);
            m_liveMarkers = 0;
            endRemoveRows();
        }
        if (rows.isEmpty() && incoming > 0)
            m_firstSequence = m_total - incoming + 1;
        dropMarkersBefore(m_firstSequence);
        const int first = rowCount();
        const int inserted = incoming + int(qsizetype(m_markers.size()) - m_liveMarkers);
        if (inserted > 0) {
            beginInsertRows(QModelIndex(), first, first + inserted - 1);
            for (int i = 0; i < incoming; ++i)
                rows.pushBack(pending[i]);
            pending.clear(false);
            m_liveMarkers = qsizetype(m_markers.size());
            endInsertRows();
        }
    }
    // Drops since the last report (appends and this flush) are announced here, once a tick.
    if (m_dropped != m_lastDroppedReported) {
        m_lastDroppedReported = m_dropped;
        Q_EMIT droppedCountChanged(m_dropped);
    }
    if (pendingCount() != m_lastPendingReported) {
        m_lastPendingReported = pendingCount();
        Q_EMIT pendingCountChanged(m_lastPendingReported);
    }
}

void EventLogModel::clear()
{
    m_flushTimer->stop();
    beginResetModel();
    const qint64 freed = m_store->bytes();
    m_store->releaseAll();
    m_markers.clear();
    m_liveMarkers = 0;
    m_firstSequence = m_total + 1;
    m_dropped = 0;
    m_pendingGap = false;
    endResetModel();
    if (m_lastDroppedReported != 0) {
        m_lastDroppedReported = 0;
        Q_EMIT droppedCountChanged(0);
    }
    if (m_lastPendingReported != 0) {
        m_lastPendingReported = 0;
        Q_EMIT pendingCountChanged(0);
    }
    returnFreedMemory(freed);
}

void EventLogModel::setCapacity(int capacity)
{
    capacity = std::max(1, capacity);
    if (capacity == m_capacity)
        return;
    m_capacity = capacity;
    dropPendingBeyondCapacity();
    removeFrontRows(eventCount() - m_capacity);
    Q_EMIT capacityChanged(m_capacity);
    if (m_dropped != m_lastDroppedReported) {
        m_lastDroppedReported = m_dropped;
        Q_EMIT droppedCountChanged(m_dropped);
    }
}

void EventLogModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    Q_EMIT pausedChanged(m_paused);
    if (!m_paused)
        flush();
}

void EventLogModel::setFlushInterval(int ms)
{
    m_flushIntervalMs = std::max(0, ms);
    m_flushTimer->setInterval(m_flushIntervalMs);
}

} // namespace sse
