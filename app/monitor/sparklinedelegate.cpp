#include "sparklinedelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace {
constexpr int SparkWidth = 120;
constexpr int Gap = 6;
} // namespace

SparklineDelegate::SparklineDelegate(int countsRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(countsRole)
{
}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background, selection

    const QRect cell = opt.rect.adjusted(4, 3, -4, -3);
    const int textWidth = opt.fontMetrics.horizontalAdvance(QStringLiteral("00000/s"));
    const QRect spark(cell.left(), cell.top(), std::max(0, cell.width() - textWidth - Gap), cell.height());
    const QRect textRect(spark.right() + Gap, cell.top(), cell.right() - spark.right() - Gap, cell.height());
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor ink = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);

    const QList<int> counts = index.data(m_role).value<QList<int>>();
    painter->save();
    if (counts.size() > 1 && spark.width() > 4) {
        const int top = std::max(1, *std::max_element(counts.cbegin(), counts.cend()));
        const qreal step = qreal(spark.width()) / qreal(counts.size() - 1);
        QPainterPath line;
        for (qsizetype i = 0; i < counts.size(); ++i) {
            const QPointF p(spark.left() + step * qreal(i),
                            spark.bottom() - qreal(spark.height() - 1) * counts.at(i) / top);
            if (i == 0)
                line.moveTo(p);
            else
                line.lineTo(p);
        }
        QPainterPath area = line;
        area.lineTo(spark.right(), spark.bottom());
        area.lineTo(spark.left(), spark.bottom());
        area.closeSubpath();
        painter->setRenderHint(QPainter::Antialiasing);
        QColor fill = selected ? ink : opt.palette.color(QPalette::Highlight);
        fill.setAlpha(70);
        painter->fillPath(area, fill);
        painter->setPen(QPen(selected ? ink : opt.palette.color(QPalette::Highlight), 1.2));
        painter->drawPath(line);
    }
    painter->setPen(ink);
    painter->drawText(textRect, Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    const int textWidth = option.fontMetrics.horizontalAdvance(QStringLiteral("00000/s"));
    return {SparkWidth + Gap + textWidth + 8, base.height()};
}
