// MainWindow: creating and editing streams (dialogs for new, edit, duplicate, rename, alert rules, log capacity).

#include "mainwindow.h"

#include "alertrulesdialog.h"
#include "diagnostics.h"
#include "eventlog.h"
#include "logio.h"
#include "preferencesdialog.h"
#include "scenarioserver.h"
#include "statuspanel.h"
#include "streamdialog.h"
#include "streamset.h"
#include "streamview.h"
#include "notificationcenter.h"
#include "overviewmodel.h"
#include "overviewpage.h"
#include "toastmanager.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QInputDialog>
#include <QLocale>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

void MainWindow::newStream()
{
    StreamDialog dialog(this);
    dialog.setWindowTitle(tr("New Stream"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    sse::StoredStream s;
    s.id = sse::StoredStream::newId();
    s.config = dialog.config();
    addStream(s, true);
}

void MainWindow::editStream()
{
    Tab *t = currentTab();
    if (!t || t->readOnly)
        return;
    StreamDialog dialog(this);
    dialog.setWindowTitle(tr("Edit Stream"));
    dialog.setConfig(t->session->config());
    if (dialog.exec() != QDialog::Accepted)
        return;
    t->session->setConfig(dialog.config()); // reconnects a running stream
    updateTab(*t);
}

void MainWindow::duplicateStream()
{
    const Tab *t = currentTab();
    if (!t || t->readOnly)
        return;
    sse::StoredStream s;
    s.id = sse::StoredStream::newId();
    s.config = t->session->config();
    s.config.name = tr("%1 (copy)").arg(s.config.name);
    s.uiState = t->view->uiState();
    s.alertRules = t->session->alertRules();
    addStream(s, true);
}

void MainWindow::renameStream()
{
    Tab *t = currentTab();
    if (!t)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename Stream"), tr("Name:"), QLineEdit::Normal,
                                               t->session->config().name, &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    sse::StreamConfig c = t->session->config();
    c.name = name;
    t->session->setConfig(c); // a new name alone does not reconnect
    updateTab(*t);
}

void MainWindow::editAlertRules()
{
    Tab *t = currentTab();
    if (!t || t->readOnly)
        return;
    AlertRulesDialog dialog(t->id, t->session->alertRules(), this);
    if (dialog.exec() == QDialog::Accepted) {
        t->session->setAlertRules(dialog.rules());
        scheduleSave();
    }
}

void MainWindow::changeCapacity()
{
    StreamView *v = currentView();
    if (!v)
        return;
    bool ok = false;
    const int capacity = QInputDialog::getInt(
        this, tr("Log Capacity"), tr("Events kept in this tab (the oldest are dropped beyond it):"),
        v->session()->log()->capacity(), sse::AppPreferences::MinLogCapacity,
        sse::AppPreferences::MaxLogCapacity, 10000, &ok);
    if (ok) {
        v->session()->log()->setCapacity(capacity);
        scheduleSave();
    }
}
