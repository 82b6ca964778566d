#pragma once

#include "session.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QPointer>
#include <QString>

class NotificationCenter;

/** The "All streams" table: one row per live stream with its status, why it is not healthy,
 *  its event rate of the last five minutes, uptime, reconnects, unread failures and
 *  diagnostics problems. refresh() recomputes what every row shows and emits dataChanged only
 *  for the cells whose shown value changed, so a quiet stream costs no repaint; a status
 *  change updates its row at once. */
class OverviewModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewModel)
public:
    enum Column {
        Name,
        State,
        Reason,
        Rate,           ///< events/s sparkline (SparklineRole) with the latest rate as text
        LastEvent,
        UpSinceStart,
        UpLastHour,
        Reconnects,
        UnreadFailures,
        Problems,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, ///< numbers for numeric columns, text otherwise
        SparklineRole,               ///< QList<int>: events per 5 s slot, oldest first
        StreamIdRole,
        UnhealthyRole,               ///< bool
        UrlRole
    };

    /** Slots of Session::Window::FiveMinutes shown: the complete ones (the current slot is
     *  still filling and would read as a drop). */
    static constexpr int SparklineSlots = 59;

    explicit OverviewModel(NotificationCenter *notifications, QObject *parent = nullptr);

    void addStream(const QString &id, sse::Session *session);
    void removeStream(const QString &id);
    int rowOf(const QString &id) const;
    QString streamId(int row) const;

    /** Recomputes every row; dataChanged for the cells that changed. */
    void refresh();

    /** "5 open · 1 silent · 1 failed": the streams per status, most urgent first; empty
     *  without streams. */
    QString summaryText() const;
    /** Silent, Reconnecting, Failed and Stopped: the connection is not delivering. */
    static bool isUnhealthy(sse::Session::Status status);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /** summaryText() changed (a status changed, a stream came or went). */
    void summaryChanged();

private:
    /** What one row shows; compared cell by cell on every refresh. */
    struct Shown
    {
        QString name;
        QString url;
        sse::Session::Status status = sse::Session::Status::Idle;
        QString state;          // the word, with the countdown while a reconnect is due
        QString reason;
        QList<int> counts;      // SparklineSlots complete slots
        double rate = 0;        // events/s in the latest complete slot
        qint64 lastEventAgeS = -1; // -1: no event yet
        double upAll = -1;      // rounded to 0.1; -1: never watched
        double upHour = -1;
        int reconnects = 0;
        int unread = 0;
        int errors = 0;
        int warnings = 0;
    };
    struct Row
    {
        QString id;
        QPointer<sse::Session> session;
        Shown shown;
    };

    Shown compute(const sse::Session *session, const QString &id, qint64 nowMs) const;
    /** Unread failures (unread error notices) per stream id, into m_unread. */
    void countUnread();
    void updateUnread();
    static bool sameCell(const Shown &a, const Shown &b, int column);
    void refreshRow(int row, qint64 nowMs);
    QVariant display(const Shown &s, int column) const;
    QVariant sortValue(const Shown &s, int column) const;
    QString toolTip(const Row &row, int column) const;
    QIcon statusIcon(sse::Session::Status status) const;

    NotificationCenter *m_notifications;
    QList<Row> m_rows;
    QHash<QString, int> m_unread;
    mutable QHash<int, QIcon> m_icons; // status icons by status and palette (dark or not)
};
