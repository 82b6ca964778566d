#include "overviewmodel.h"

#include "diagnostics.h"
#include "notificationcenter.h"
#include "statuspanel.h"

#include <QApplication>
#include <QDateTime>
#include <QIcon>
#include <QLocale>
#include <QPalette>
#include <QStyle>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

using sse::Session;

namespace {

/** The statuses in the order the summary names them ("5 open · 1 silent · 1 failed"). */
constexpr Session::Status SummaryOrder[] = {
    Session::Status::Open,   Session::Status::Connecting, Session::Status::Silent,
    Session::Status::Reconnecting, Session::Status::Failed, Session::Status::Stopped,
    Session::Status::Idle,
};

/** Higher is more urgent: what sorting the State column by urgency uses. */
int urgency(Session::Status status)
{
    switch (status) {
    case Session::Status::Failed: return 6;
    case Session::Status::Reconnecting: return 5;
    case Session::Status::Silent: return 4;
    case Session::Status::Stopped: return 3;
    case Session::Status::Connecting: return 2;
    case Session::Status::Open: return 1;
    case Session::Status::Idle: break;
    }
    return 0;
}

QString countText(Session::Status status, int n)
{
    switch (status) {
    case Session::Status::Failed: return OverviewModel::tr("%n failed", nullptr, n);
    case Session::Status::Reconnecting: return OverviewModel::tr("%n reconnecting", nullptr, n);
    case Session::Status::Silent: return OverviewModel::tr("%n silent", nullptr, n);
    case Session::Status::Stopped: return OverviewModel::tr("%n stopped", nullptr, n);
    case Session::Status::Connecting: return OverviewModel::tr("%n connecting", nullptr, n);
    case Session::Status::Open: return OverviewModel::tr("%n open", nullptr, n);
    case Session::Status::Idle: break;
    }
    return OverviewModel::tr("%n not connected", nullptr, n);
}

double roundedPercent(double percent)
{
    return percent < 0 ? -1 : std::round(percent * 10) / 10;
}

QString percentText(double percent)
{
    return percent < 0 ? QStringLiteral("—") : OverviewModel::tr("%1 %").arg(QLocale().toString(percent, 'f', 1));
}

bool isDarkPalette()
{
    return StatusStyle::isDark(QApplication::palette());
}

} // namespace

OverviewModel::OverviewModel(NotificationCenter *notifications, QObject *parent)
    : QAbstractTableModel(parent)
    , m_notifications(notifications)
{
    // Unread failures change with notices, not with time: only that column is updated, so a
    // stream raising errors many times a second costs a count, not a refresh of every row.
    connect(m_notifications, &NotificationCenter::changed, this, &OverviewModel::updateUnread);
}

bool OverviewModel::isUnhealthy(Session::Status status)
{
    return status == Session::Status::Silent || status == Session::Status::Reconnecting
        || status == Session::Status::Failed || status == Session::Status::Stopped;
}

void OverviewModel::addStream(const QString &id, Session *session)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append({id, session, compute(session, id, QDateTime::currentMSecsSinceEpoch())});
    endInsertRows();
    const auto update = [this, id] {
        const int r = rowOf(id);
        if (r >= 0)
            refreshRow(r, QDateTime::currentMSecsSinceEpoch());
    };
    connect(session, &Session::statusChanged, this, update);
    connect(session, &Session::statusChanged, this, &OverviewModel::summaryChanged);
    connect(session, &Session::configChanged, this, update);
    Q_EMIT summaryChanged();
}

void OverviewModel::removeStream(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    if (Session *session = m_rows.at(row).session)
        session->disconnect(this);
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    Q_EMIT summaryChanged();
}

int OverviewModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == id)
            return i;
    return -1;
}

QString OverviewModel::streamId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

void OverviewModel::countUnread()
{
    m_unread.clear();
    for (const NotificationCenter::Entry &e : m_notifications->entries())
        if (e.unread && !e.routine && e.severity == NotificationCenter::Severity::Error)
            ++m_unread[e.streamId];
}

void OverviewModel::updateUnread()
{
    countUnread();
    for (int row = 0; row < m_rows.size(); ++row) {
        Shown &shown = m_rows[row].shown;
        const int unread = m_unread.value(m_rows.at(row).id);
        if (shown.unread != unread) {
            shown.unread = unread;
            Q_EMIT dataChanged(index(row, UnreadFailures), index(row, UnreadFailures));
        }
    }
}

void OverviewModel::refresh()
{
    countUnread();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int row = 0; row < m_rows.size(); ++row)
        refreshRow(row, now);
}

void OverviewModel::refreshRow(int row, qint64 nowMs)
{
    Row &r = m_rows[row];
    if (!r.session)
        return;
    const Shown old = std::exchange(r.shown, compute(r.session, r.id, nowMs));
    // One signal per changed cell: an unchanged cell is not repainted.
    for (int column = 0; column < ColumnCount; ++column)
        if (!sameCell(old, r.shown, column))
            Q_EMIT dataChanged(index(row, column), index(row, column));
}

OverviewModel::Shown OverviewModel::compute(const Session *session, const QString &id, qint64 nowMs) const
{
    Shown s;
    const sse::StreamConfig &config = session->config();
    s.name = config.name;
    s.url = config.request.url.toDisplayString();
    s.status = session->status();
    s.state = Session::statusText(s.status);
    if (s.status == Session::Status::Reconnecting && session->isReconnectPending()) {
        const qint64 leftMs = qMax<qint64>(0, session->pendingReconnect().dueAtMs - nowMs);
        s.state = tr("%1 · in %2").arg(s.state, StatusStyle::duration((leftMs + 999) / 1000 * 1000));
    }
    s.reason = isUnhealthy(s.status) ? session->statusReason() : QString();
    const QList<int> counts = session->eventCounts(Session::Window::FiveMinutes);
    s.counts = counts.mid(qMax<qsizetype>(0, counts.size() - 1 - SparklineSlots), SparklineSlots);
    s.rate = s.counts.isEmpty() ? 0 : s.counts.constLast() * 1000.0 / double(Session::slotMs(Session::Window::FiveMinutes));
    const sse::Statistics stats = session->statistics();
    s.lastEventAgeS = stats.lastEventAtMs > 0 ? qMax<qint64>(0, nowMs - stats.lastEventAtMs) / 1000 : -1;
    s.upAll = roundedPercent(session->upPercent(0));
    s.upHour = roundedPercent(session->upPercent(nowMs - 3600 * 1000));
    s.reconnects = stats.reconnects;
    s.unread = m_unread.value(id);
    for (const sse::Finding &f : session->diagnostics()->findings()) {
        s.errors += f.severity == sse::Finding::Severity::Error;
        s.warnings += f.severity == sse::Finding::Severity::Warning;
    }
    return s;
}

bool OverviewModel::sameCell(const Shown &a, const Shown &b, int column)
{
    switch (column) {
    case Name: return a.name == b.name && a.url == b.url;
    case State: return a.status == b.status && a.state == b.state;
    case Reason: return a.reason == b.reason;
    case Rate: return a.counts == b.counts;
    case LastEvent: return a.lastEventAgeS == b.lastEventAgeS;
    case UpSinceStart: return a.upAll == b.upAll;
    case UpLastHour: return a.upHour == b.upHour;
    case Reconnects: return a.reconnects == b.reconnects;
    case UnreadFailures: return a.unread == b.unread;
    case Problems: return a.errors == b.errors && a.warnings == b.warnings;
    }
    return true;
}

QString OverviewModel::summaryText() const
{
    QStringList parts;
    for (Session::Status status : SummaryOrder) {
        const auto n = std::count_if(m_rows.cbegin(), m_rows.cend(), [status](const Row &r) {
            return r.session && r.session->status() == status;
        });
        if (n > 0)
            parts.append(countText(status, int(n)));
    }
    return parts.join(QStringLiteral(" · "));
}

int OverviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OverviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OverviewModel::display(const Shown &s, int column) const
{
    switch (column) {
    case Name: return s.name;
    case State: return s.state;
    case Reason: return s.reason;
    case Rate: return tr("%1/s").arg(QLocale().toString(s.rate, 'f', s.rate < 10 ? 1 : 0));
    case LastEvent:
        if (s.lastEventAgeS < 0)
            return tr("never");
        return s.lastEventAgeS == 0 ? tr("now") : StatusStyle::duration(s.lastEventAgeS * 1000);
    case UpSinceStart: return percentText(s.upAll);
    case UpLastHour: return percentText(s.upHour);
    case Reconnects: return QLocale().toString(s.reconnects);
    case UnreadFailures: return QLocale().toString(s.unread);
    case Problems: return QLocale().toString(s.errors + s.warnings);
    }
    return {};
}

QVariant OverviewModel::sortValue(const Shown &s, int column) const
{
    switch (column) {
    case Name: return s.name.toLower();
    case State: return urgency(s.status);
    case Reason: return s.reason.toLower();
    case Rate: return s.rate;
    case LastEvent: return s.lastEventAgeS < 0 ? std::numeric_limits<qint64>::max() : s.lastEventAgeS;
    case UpSinceStart: return s.upAll;
    case UpLastHour: return s.upHour;
    case Reconnects: return s.reconnects;
    case UnreadFailures: return s.unread;
    case Problems: return s.errors * 1000 + s.warnings; // errors weigh more than any warnings
    }
    return {};
}

QString OverviewModel::toolTip(const Row &row, int column) const
{
    const Shown &s = row.shown;
    switch (column) {
    case Name: return s.url;
    case State:
        return tr("%1 for %2").arg(Session::statusText(s.status),
                                   StatusStyle::duration(QDateTime::currentMSecsSinceEpoch() - row.session->statusSinceMs()));
    case Reason: return s.reason;
    case Problems: {
        QStringList lines;
        for (const sse::Finding &f : row.session->diagnostics()->findings())
            if (f.severity != sse::Finding::Severity::Info)
                lines.append(sse::Finding::severityText(f.severity) + QStringLiteral(": ") + f.title);
        return lines.join(u'\n');
    }
    default: return {};
    }
}

QVariant OverviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Shown &s = row.shown;
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return display(s, column);
    case Qt::AccessibleTextRole:
        return column == Rate ? tr("%1 events per second").arg(QLocale().toString(s.rate, 'f', 1)) : display(s, column);
    case SortRole: return sortValue(s, column);
    case SparklineRole: return column == Rate ? QVariant::fromValue(s.counts) : QVariant();
    case StreamIdRole: return row.id;
    case UrlRole: return s.url;
    case UnhealthyRole: return isUnhealthy(s.status);
    case Qt::ToolTipRole: return row.session ? QVariant(toolTip(row, column)) : QVariant();
    case Qt::DecorationRole:
        if (column == State)
            return statusIcon(s.status);
        if (column == Problems && s.errors + s.warnings > 0)
            return QApplication::style()->standardIcon(s.errors > 0 ? QStyle::SP_MessageBoxCritical
                                                                    : QStyle::SP_MessageBoxWarning);
        return {};
    case Qt::ForegroundRole:
        if (column == State || (column == Reason && !s.reason.isEmpty()))
            return StatusStyle::color(s.status, isDarkPalette());
        return {};
    case Qt::TextAlignmentRole:
        return column >= LastEvent ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default: return {};
    }
}

QIcon OverviewModel::statusIcon(Session::Status status) const
{
    // data() runs on every paint of a cell: draw each status's icon once per palette.
    const int key = int(status) * 2 + int(isDarkPalette());
    auto it = m_icons.constFind(key);
    if (it == m_icons.cend())
        it = m_icons.insert(key, StatusStyle::icon(status, isDarkPalette()));
    return *it;
}

QVariant OverviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name: return tr("Stream");
        case State: return tr("State");
        case Reason: return tr("Reason");
        case Rate: return tr("Events/s (5 min)");
        case LastEvent: return tr("Last event");
        case UpSinceStart: return tr("Up (total)");
        case UpLastHour: return tr("Up (1 h)");
        case Reconnects: return tr("Reconnects");
        case UnreadFailures: return tr("Unread");
        case Problems: return tr("Problems");
        }
    } else if (role == Qt::InitialSortOrderRole) {
        // A first click puts the worst first: most urgent, most reconnects, longest quiet.
        switch (section) {
        case State:
        case LastEvent:
        case Reconnects:
        case UnreadFailures:
        case Problems: return Qt::DescendingOrder;
        default: return Qt::AscendingOrder;
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case Rate: return tr("Events per second in 5-second steps over the last 5 minutes; the "
                             "number is the latest step");
        case LastEvent: return tr("Time since the last event");
        case UpSinceStart: return tr("Share of the watched time the stream was up (open or silent) since "
                                     "it was opened; time it was disconnected by you does not count");
        case UpLastHour: return tr("Share of the watched time in the last hour the stream was up");
        case Reconnects: return tr("Reconnects scheduled since the stream was opened");
        case UnreadFailures: return tr("Unread failures: failures and server errors not yet seen in the "
                                       "notification history");
        case Problems: return tr("Errors and warnings found by the stream's diagnostics");
        default: return {};
        }
    }
    return {};
}
