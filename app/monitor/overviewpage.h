#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLineEdit;
class QModelIndex;
class QTableView;
class QTimer;
QT_END_NAMESPACE

class NotificationCenter;
class OverviewFilter;
class OverviewModel;

/** "All streams": every stream's health in one sortable, filterable table. It refreshes once
 *  a second while it is shown (statuses change it at once); Enter or a double click asks for
 *  the stream's tab, the context menu (right click, the Menu key or Shift+F10) for the
 *  stream's actions. */
class OverviewPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewPage)
public:
    static constexpr int RefreshMs = 1000;
    /** Rows the page asks room for (sizeHint). */
    static constexpr int VisibleRows = 8;

    explicit OverviewPage(NotificationCenter *notifications, QWidget *parent = nullptr);

    OverviewModel *model() const { return m_model; }
    OverviewFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QCheckBox *unhealthyToggle() const { return m_unhealthy; }
    /** Puts the keyboard focus on the table, with a current row. */
    void focusTable();
    QSize sizeHint() const override;

Q_SIGNALS:
    void streamActivated(const QString &streamId);
    void streamMenuRequested(const QString &streamId, const QPoint &globalPos);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void requestMenu(const QModelIndex &index, const QPoint &globalPos);

    OverviewModel *m_model;
    OverviewFilter *m_filter;
    QLineEdit *m_filterEdit;
    QCheckBox *m_unhealthy;
    QTableView *m_table;
    QTimer *m_ticker;
};
