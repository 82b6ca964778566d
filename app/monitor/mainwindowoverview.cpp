// MainWindow's wiring of the "All streams" overview: the dock, its action, the status-bar
// summary and the tray tooltip, the stream menu. The page itself is OverviewPage.

#include "mainwindow.h"

#include "overviewmodel.h"
#include "overviewpage.h"
#include "streamview.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>

void MainWindow::createOverview()
{
    // A dock rather than a first tab: stream tabs keep their indexes (Ctrl+1..9, the saved
    // order), the overview can stay in view beside the stream it opened or float on another
    // screen, and saveState() remembers where the user put it.
    m_overview = new OverviewPage(m_notifications, this);
    m_overviewDock = new QDockWidget(tr("All Streams"), this);
    m_overviewDock->setObjectName(QStringLiteral("overviewDock"));
    m_overviewDock->setWidget(m_overview);
    addDockWidget(Qt::TopDockWidgetArea, m_overviewDock);
    m_overviewDock->hide();
    m_overviewAct = m_overviewDock->toggleViewAction();
    m_overviewAct->setText(tr("&All Streams"));
    m_overviewAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_overviewAct, &QAction::triggered, this, [this](bool shown) {
        if (shown)
            m_overview->focusTable();
    });
    connect(m_overview, &OverviewPage::streamActivated, this, [this](const QString &id) {
        selectTab(indexOf(id));
        if (StreamView *v = currentView(); v && indexOf(id) >= 0)
            v->table()->setFocus(Qt::OtherFocusReason);
    });
    connect(m_overview, &OverviewPage::streamMenuRequested, this, &MainWindow::showStreamMenu);

    m_summary = new QToolButton(this);
    m_summary->setAutoRaise(true);
    m_summary->setToolTip(tr("All streams (Ctrl+0)"));
    connect(m_summary, &QToolButton::clicked, this, &MainWindow::showOverview);
    connect(m_overview->model(), &OverviewModel::summaryChanged, this, &MainWindow::updateSummary);
    statusBar()->addPermanentWidget(m_summary);
    updateSummary();
}

void MainWindow::showOverview()
{
    m_overviewDock->show();
    m_overviewDock->raise();
    m_overview->focusTable();
}

void MainWindow::updateSummary()
{
    const QString text = m_overview->model()->summaryText();
    m_summary->setText(text);
    m_summary->setAccessibleName(tr("All streams: %1").arg(text));
    m_summary->setVisible(!text.isEmpty());
    if (m_tray)
        m_tray->setToolTip(text.isEmpty() ? tr("SSE Monitor") : tr("SSE Monitor: %1").arg(text));
}

void MainWindow::showStreamMenu(const QString &id, const QPoint &globalPos)
{
    const int index = indexOf(id);
    if (index < 0)
        return;
    // The stream actions act on the current tab, as from the tab bar's menu.
    m_tabs->setCurrentIndex(index);
    QMenu menu(this);
    for (QAction *a : {m_connectAct, m_disconnectAct, m_reconnectAct})
        menu.addAction(a);
    menu.addSeparator();
    menu.addAction(m_muteAct);
    menu.exec(globalPos);
}
