#pragma once

#include <QList>
#include <QRegularExpression>
#include <QStyledItemDelegate>

/** Draws the log's data column with the filter's matches highlighted (a marker behind each
 *  match, as a browser's find does), so a user sees why a row is shown. */
class MatchDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatchDelegate)
public:
    explicit MatchDelegate(QObject *parent = nullptr);

    /** The filter's text (a regular expression when \a regex); empty highlights nothing. */
    void setPattern(const QString &text, bool regex, bool caseSensitive);
    /** Where the pattern matches in \a text: (start, length) pairs in UTF-16 units. */
    QList<QPair<int, int>> matches(const QString &text) const;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    QRegularExpression m_regex; // invalid or empty pattern: nothing to highlight
};
