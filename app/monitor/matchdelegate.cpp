#include "matchdelegate.h"

#include <QApplication>
#include <QPainter>

MatchDelegate::MatchDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void MatchDelegate::setPattern(const QString &text, bool regex, bool caseSensitive)
{
    m_regex = QRegularExpression();
    if (text.isEmpty())
        return;
    m_regex.setPattern(regex ? text : QRegularExpression::escape(text));
    m_regex.setPatternOptions(caseSensitive ? QRegularExpression::NoPatternOption
                                            : QRegularExpression::CaseInsensitiveOption);
}

QList<QPair<int, int>> MatchDelegate::matches(const QString &text) const
{
    QList<QPair<int, int>> spans;
    if (m_regex.pattern().isEmpty() || !m_regex.isValid())
        return spans;
    for (auto it = m_regex.globalMatch(text); it.hasNext() && spans.size() < 64;) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedLength() > 0)
            spans.append({int(m.capturedStart()), int(m.capturedLength())});
    }
    return spans;
}

void MatchDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    const QList<QPair<int, int>> spans = matches(text);
    if (spans.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The cell without its text (background, selection, focus), then markers, then the text.
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
                               .adjusted(3, 0, -3, 0);
    const QFontMetrics metrics(opt.font);
    const bool selected = opt.state & QStyle::State_Selected;
    const bool dark = opt.palette.color(QPalette::Base).lightness() < 128;
    painter->save();
    painter->setClipRect(textRect);
    const QColor marker = dark ? QColor(0x8d, 0x6e, 0x00) : QColor(0xff, 0xe0, 0x82);
    for (const auto &[start, length] : spans) {
        const int x = textRect.left() + metrics.horizontalAdvance(text.left(start));
        const int width = metrics.horizontalAdvance(text.mid(start, length));
        painter->fillRect(QRect(x, textRect.top() + 1, width, textRect.height() - 2), marker);
    }
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(textRect, int(Qt::AlignLeft | Qt::AlignVCenter) | Qt::TextSingleLine, text);
    painter->restore();
}
