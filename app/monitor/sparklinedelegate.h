#pragma once

#include <QStyledItemDelegate>

/** Paints a cell's counts (a QList<int> under a role) as a small filled line, scaled to the
 *  largest count, with the cell's text (the latest rate) right of it. */
class SparklineDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SparklineDelegate)
public:
    explicit SparklineDelegate(int countsRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
};
