#include "overviewpage.h"

#include "overviewfilter.h"
#include "overviewmodel.h"
#include "sparklinedelegate.h"
#include "statuspanel.h"

#include <QCheckBox>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QScrollBar>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

OverviewPage::OverviewPage(NotificationCenter *notifications, QWidget *parent)
    : QWidget(parent)
    , m_model(new OverviewModel(notifications, this))
    , m_filter(new OverviewFilter(this))
    , m_filterEdit(new QLineEdit(this))
    , m_unhealthy(new QCheckBox(tr("Only &unhealthy"), this))
    , m_table(new QTableView(this))
    , m_ticker(new QTimer(this))
{
    m_filter->setSourceModel(m_model);
    m_filterEdit->setPlaceholderText(tr("Filter by name or URL"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setAccessibleName(tr("Filter streams"));
    m_unhealthy->setToolTip(tr("Show only silent, reconnecting, failed and stopped streams"));
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &OverviewFilter::setText);
    connect(m_unhealthy, &QCheckBox::toggled, m_filter, &OverviewFilter::setOnlyUnhealthy);

    m_table->setModel(m_filter);
    m_table->setAccessibleName(tr("All streams"));
    m_table->setItemDelegateForColumn(OverviewModel::Rate, new SparklineDelegate(OverviewModel::SparklineRole, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves the table, arrows move in it
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    // Fixed widths, not ResizeToContents: measuring every row on every change is what the
    // once-a-second refresh must not cost.
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(OverviewModel::Reason, QHeaderView::Stretch);
    const QFontMetrics fm = m_table->fontMetrics();
    const int digits = fm.horizontalAdvance(QStringLiteral("100.0 %"));
    for (int c = 0; c < OverviewModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, std::max(digits, fm.horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString())) + 24);
    const int x = fm.horizontalAdvance(QLatin1Char('x'));
    m_table->setColumnWidth(OverviewModel::Name, x * 22);
    // The longest state: a reconnect a minute away, after the status icon.
    const QString longestState = OverviewModel::tr("%1 · in %2").arg(
        sse::Session::statusText(sse::Session::Status::Reconnecting), StatusStyle::duration(65000));
    m_table->setColumnWidth(OverviewModel::State, fm.horizontalAdvance(longestState) + 48);
    m_table->setColumnWidth(OverviewModel::Rate, m_table->itemDelegateForColumn(OverviewModel::Rate)
                                                     ->sizeHint(QStyleOptionViewItem(), QModelIndex()).width());
    // Unsorted (the tabs' order) until a header is clicked; a third click unsorts again.
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    m_table->installEventFilter(this);
    m_table->viewport()->installEventFilter(this);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT streamActivated(index.data(OverviewModel::StreamIdRole).toString());
    });

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_unhealthy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    setFocusProxy(m_table);

    // Ticks only while shown; statuses and notices update rows without it.
    m_ticker->setInterval(RefreshMs);
    connect(m_ticker, &QTimer::timeout, m_model, &OverviewModel::refresh);
}

QSize OverviewPage::sizeHint() const
{
    // Room for the filter, the header and VisibleRows rows: what a dock gets when first shown.
    const int rows = m_table->verticalHeader()->defaultSectionSize() * VisibleRows;
    const int height = m_filterEdit->sizeHint().height() + m_table->horizontalHeader()->sizeHint().height()
        + rows + 2 * m_table->frameWidth() + m_table->horizontalScrollBar()->sizeHint().height() + 16;
    return {QWidget::sizeHint().width(), height};
}

void OverviewPage::focusTable()
{
    m_table->setFocus(Qt::ShortcutFocusReason);
    if (!m_table->currentIndex().isValid() && m_filter->rowCount() > 0)
        m_table->setCurrentIndex(m_filter->index(0, 0));
}

void OverviewPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_model->refresh();
    m_ticker->start();
}

void OverviewPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_ticker->stop();
}

bool OverviewPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ContextMenu) {
        auto *e = static_cast<QContextMenuEvent *>(event);
        if (e->reason() == QContextMenuEvent::Keyboard || watched == m_table) {
            const QModelIndex current = m_table->currentIndex();
            requestMenu(current, m_table->viewport()->mapToGlobal(m_table->visualRect(current).center()));
        } else {
            requestMenu(m_table->indexAt(e->pos()), e->globalPos());
        }
        return true;
    }
    // Shift+F10 is the other keyboard way to a context menu; Qt only maps the Menu key.
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        auto *e = static_cast<QKeyEvent *>(event);
        if (e->key() == Qt::Key_F10 && e->modifiers() == Qt::ShiftModifier) {
            const QModelIndex current = m_table->currentIndex();
            requestMenu(current, m_table->viewport()->mapToGlobal(m_table->visualRect(current).center()));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void OverviewPage::requestMenu(const QModelIndex &index, const QPoint &globalPos)
{
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    Q_EMIT streamMenuRequested(index.data(OverviewModel::StreamIdRole).toString(), globalPos);
}
