#pragma once

#include <QDateTime>
#include <QDialog>
#include <QList>
#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QTreeWidget;
QT_END_NAMESPACE

/** Every notice of the session, newest last: what the bell in the status bar counts and the
 *  history dialog lists. Routine notices (connected, reconnected) keep one line per stream
 *  and kind, updated in place, so a flaky stream cannot flood the history. */
class NotificationCenter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationCenter)
public:
    enum class Severity { Info, Warning, Error };

    struct Entry
    {
        QDateTime at;
        QString streamId;
        QString streamName;
        Severity severity = Severity::Info;
        QString title;
        QString message;
        int count = 1;          ///< routine lines: how many times it happened
        bool routine = false;
        bool unread = true;
    };

    static constexpr int MaxEntries = 500;

    explicit NotificationCenter(QObject *parent = nullptr);

    /** Records a notice. A routine one replaces the stream's previous line of the same
     *  \a kind; others are appended. Returns the entry's position. */
    void add(const QString &streamId, const QString &streamName, int kind, Severity severity,
             const QString &title, const QString &message, bool routine);
    const QList<Entry> &entries() const { return m_entries; }
    /** Unread notices that are not routine (what the bell counts). */
    int unreadCount() const;
    void markAllRead();
    /** A stream was renamed or closed: its lines follow or go. */
    void renameStream(const QString &streamId, const QString &name);

Q_SIGNALS:
    void changed();

private:
    QList<Entry> m_entries;
    QList<int> m_kinds; // parallel to m_entries: the notice kind of each line
};

/** The notification history: time, stream and text of every notice; Enter or a double click
 *  opens the stream. */
class NotificationHistoryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationHistoryDialog)
public:
    NotificationHistoryDialog(NotificationCenter *center, QWidget *parent = nullptr);
    QTreeWidget *list() const { return m_list; }

Q_SIGNALS:
    void streamActivated(const QString &streamId);

private:
    void fill();

    NotificationCenter *m_center;
    QTreeWidget *m_list;
};
