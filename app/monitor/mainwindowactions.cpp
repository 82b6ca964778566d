// MainWindow's actions, their shortcuts, the menus and the toolbar.

#include "mainwindow.h"

#include "session.h"
#include "streamview.h"

#include <QAction>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>
#include <QToolBar>

void MainWindow::createActions()
{
    const auto action = [this](const QString &text, const QKeySequence &keys, auto slot) {
        auto *a = new QAction(text, this);
        if (!keys.isEmpty())
            a->setShortcut(keys);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    const auto onStream = [this](auto member) {
        return [this, member] {
            if (Tab *t = currentTab(); t && !t->readOnly)
                (t->session->*member)();
        };
    };
    m_newAct = action(tr("&New Stream…"), QKeySequence::New, &MainWindow::newStream);
    m_importAct = action(tr("&Import Log…"), QKeySequence::Open, &MainWindow::chooseImport);
    m_exportAct = action(tr("&Export Log…"), QKeySequence(Qt::CTRL | Qt::Key_E), &MainWindow::chooseExport);
    // Connection markers are not events: exports leave them out unless asked (JSON Lines only).
    m_exportMarkersAct = new QAction(tr("Include Connection &Markers in JSON Lines"), this);
    m_exportMarkersAct->setCheckable(true);
    m_exportMarkersAct->setStatusTip(tr("JSON Lines exports also write the connection markers between the events"));
    connect(m_exportMarkersAct, &QAction::toggled, this, [this](bool on) {
        m_prefs.viewStates.insert(QStringLiteral("exportMarkers"), on ? "1" : "0");
        scheduleSave();
    });
    m_closeTabAct = action(tr("&Close Tab"), QKeySequence::Close, [this] { closeTab(m_tabs->currentIndex()); });
    m_quitAct = action(tr("&Quit"), QKeySequence::Quit, &QWidget::close);
    m_connectAct = action(tr("&Connect"), QKeySequence(Qt::CTRL | Qt::Key_Return), onStream(&sse::Session::connectStream));
    m_disconnectAct = action(tr("&Disconnect"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
                             onStream(&sse::Session::disconnectStream));
    m_reconnectAct = action(tr("&Reconnect Now"), QKeySequence::Refresh, onStream(&sse::Session::reconnectNow));
    m_editAct = action(tr("&Edit Stream…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), &MainWindow::editStream);
    m_duplicateAct = action(tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), &MainWindow::duplicateStream);
    m_renameAct = action(tr("Re&name…"), QKeySequence(Qt::Key_F2), &MainWindow::renameStream);
    m_muteAct = action(tr("&Mute Notifications"), QKeySequence(), [this](bool on) {
        setMuted(m_tabs->currentIndex(), on);
    });
    m_muteAct->setCheckable(true);
    m_alertsAct = action(tr("&Alert Rules…"), QKeySequence(), &MainWindow::editAlertRules);
    m_pauseAct = action(tr("&Pause Display"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), [this](bool on) {
        if (StreamView *v = currentView())
            v->setPaused(on);
    });
    m_pauseAct->setCheckable(true);
    m_clearAct = action(tr("C&lear Log"), QKeySequence(Qt::CTRL | Qt::Key_L), [this] {
        if (StreamView *v = currentView())
            v->session()->log()->clear();
    });
    m_capacityAct = action(tr("Log &Capacity…"), QKeySequence(), &MainWindow::changeCapacity);
    m_findAct = action(tr("&Find / Filter"), QKeySequence::Find, [this] {
        if (StreamView *v = currentView())
            v->focusFilter();
    });
    m_demoAct = action(tr("Open &Demo Streams"), QKeySequence(), &MainWindow::openDemo);
    m_prefsAct = action(tr("&Preferences…"), QKeySequence::Preferences, &MainWindow::showPreferences);
    m_aboutAct = action(tr("&About SSE Monitor"), QKeySequence(), &MainWindow::about);
    m_historyAct = action(tr("&Notification History…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H),
                          &MainWindow::showNotificationHistory);
    m_diagnosticsAct = action(tr("Show &Diagnostics"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
                              [this](bool on) {
        if (StreamView *v = currentView())
            v->showDiagnostics(on);
    });
    m_diagnosticsAct->setCheckable(true);
    // Stream switching wherever the focus is (the detail pane's own tabs included).
    m_nextTabAct = action(tr("Ne&xt Stream"), QKeySequence(Qt::CTRL | Qt::Key_PageDown),
                          [this] { selectTab((m_tabs->currentIndex() + 1) % qMax(1, m_tabs->count())); });
    m_nextTabAct->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_PageDown), QKeySequence(Qt::CTRL | Qt::Key_Tab)});
    m_previousTabAct = action(tr("Pre&vious Stream"), QKeySequence(Qt::CTRL | Qt::Key_PageUp), [this] {
        selectTab((m_tabs->currentIndex() + m_tabs->count() - 1) % qMax(1, m_tabs->count()));
    });
    m_previousTabAct->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_PageUp),
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab)});
    for (int i = 1; i <= 9; ++i) {
        auto *go = new QAction(this);
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + i)));
        connect(go, &QAction::triggered, this, [this, i] { selectTab(i == 9 ? m_tabs->count() - 1 : i - 1); });
        addAction(go);
    }
    m_muteAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_alertsAct->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    // The platform's Preferences key where it has one that is free, and Ctrl+Shift+, always.
    QList<QKeySequence> prefsKeys = QKeySequence::keyBindings(QKeySequence::Preferences);
    prefsKeys.removeAll(m_editAct->shortcut());
    prefsKeys.append(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Comma));
    m_prefsAct->setShortcuts(prefsKeys);
    m_connectAllAct = action(tr("Connec&t All"), QKeySequence(), &MainWindow::connectAll);
    m_disconnectAllAct = action(tr("Disconnect A&ll"), QKeySequence(), &MainWindow::disconnectAll);
    m_exportStreamsAct = action(tr("Export &Streams…"), QKeySequence(), &MainWindow::chooseExportStreams);
    m_importStreamsAct = action(tr("Import S&treams…"), QKeySequence(), &MainWindow::chooseImportStreams);
    m_quitAct->setMenuRole(QAction::QuitRole);
    m_prefsAct->setMenuRole(QAction::PreferencesRole);
    m_aboutAct->setMenuRole(QAction::AboutRole);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAct);
    file->addAction(m_importAct);
    file->addAction(m_exportAct);
    file->addAction(m_exportMarkersAct);
    file->addSeparator();
    file->addAction(m_importStreamsAct);
    file->addAction(m_exportStreamsAct);
    file->addSeparator();
    file->addAction(m_prefsAct);
    file->addSeparator();
    file->addAction(m_closeTabAct);
    file->addAction(m_quitAct);

    QMenu *stream = menuBar()->addMenu(tr("&Stream"));
    for (QAction *a : {m_connectAct, m_disconnectAct, m_reconnectAct})
        stream->addAction(a);
    stream->addSeparator();
    stream->addAction(m_connectAllAct);
    stream->addAction(m_disconnectAllAct);
    stream->addSeparator();
    for (QAction *a : {m_editAct, m_duplicateAct, m_renameAct, m_alertsAct, m_muteAct})
        stream->addAction(a);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QAction *a : {m_findAct, m_pauseAct, m_clearAct, m_capacityAct})
        view->addAction(a);
    view->addSeparator();
    for (QAction *a : {m_overviewAct, m_diagnosticsAct, m_nextTabAct, m_previousTabAct, m_historyAct})
        view->addAction(a);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_demoAct);
    help->addAction(m_aboutAct);

    // Short toolbar labels of their own: translated menu texts carry accelerators like "(&N)"
    // that Qt 6.4 does not strip from tool buttons.
    m_newAct->setIconText(tr("New"));
    m_connectAct->setIconText(tr("Connect"));
    m_disconnectAct->setIconText(tr("Disconnect"));
    m_reconnectAct->setIconText(tr("Reconnect"));
    m_pauseAct->setIconText(tr("Pause"));
    m_exportAct->setIconText(tr("Export"));
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (QAction *a : {m_newAct, m_connectAct, m_disconnectAct, m_reconnectAct, m_pauseAct, m_exportAct})
        bar->addAction(a);
}
