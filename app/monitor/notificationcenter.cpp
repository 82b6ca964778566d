#include "notificationcenter.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

NotificationCenter::NotificationCenter(QObject *parent)
    : QObject(parent)
{
}

void NotificationCenter::add(const QString &streamId, const QString &streamName, int kind,
                             Severity severity, const QString &title, const QString &message,
                             bool routine)
{
    Entry entry{QDateTime::currentDateTime(), streamId, streamName, severity, title, message, 1,
                routine, !routine};
    if (routine) {
        for (qsizetype i = 0; i < m_entries.size(); ++i) {
            if (m_entries.at(i).routine && m_entries.at(i).streamId == streamId && m_kinds.at(i) == kind) {
                entry.count = m_entries.at(i).count + 1;
                m_entries.removeAt(i);
                m_kinds.removeAt(i);
                break;
            }
        }
    }
    m_entries.append(entry);
    m_kinds.append(kind);
    while (m_entries.size() > MaxEntries) {
        m_entries.removeFirst();
        m_kinds.removeFirst();
    }
    Q_EMIT changed();
}

int NotificationCenter::unreadCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [](const Entry &e) { return e.unread && !e.routine; }));
}

void NotificationCenter::markAllRead()
{
    bool any = false;
    for (Entry &e : m_entries) {
        any |= e.unread;
        e.unread = false;
    }
    if (any)
        Q_EMIT changed();
}

void NotificationCenter::renameStream(const QString &streamId, const QString &name)
{
    for (Entry &e : m_entries) {
        if (e.streamId == streamId)
            e.streamName = name;
    }
    Q_EMIT changed();
}

NotificationHistoryDialog::NotificationHistoryDialog(NotificationCenter *center, QWidget *parent)
    : QDialog(parent)
    , m_center(center)
    , m_list(new QTreeWidget(this))
{
    setWindowTitle(tr("Notifications"));
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Time"), tr("Stream"), tr("Notice")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAccessibleName(tr("Notification history"));
    m_list->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(720, 420);
    const auto open = [this](QTreeWidgetItem *item) {
        if (!item)
            return;
        Q_EMIT streamActivated(item->data(0, Qt::UserRole).toString());
        accept();
    };
    connect(m_list, &QTreeWidget::itemActivated, this, [open](QTreeWidgetItem *item, int) { open(item); });
    connect(center, &NotificationCenter::changed, this, &NotificationHistoryDialog::fill);
    fill();
    m_list->setFocus();
}

void NotificationHistoryDialog::fill()
{
    m_list->clear();
    const QList<NotificationCenter::Entry> &entries = m_center->entries();
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) { // newest first
        const NotificationCenter::Entry &e = *it;
        QString text = e.title;
        if (e.count > 1)
            text = tr("%1 (%n times)", nullptr, e.count).arg(e.title);
        if (!e.message.isEmpty())
            text += QStringLiteral(" — ") + e.message;
        auto *item = new QTreeWidgetItem(m_list, {e.at.toString(QStringLiteral("HH:mm:ss")),
                                                  e.streamName, text});
        item->setData(0, Qt::UserRole, e.streamId);
        item->setToolTip(2, text);
        if (e.unread) {
            QFont bold = item->font(2);
            bold.setBold(true);
            for (int c = 0; c < 3; ++c)
                item->setFont(c, bold);
        }
    }
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
}
