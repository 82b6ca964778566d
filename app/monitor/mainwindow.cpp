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
#include "streamtabs.h"
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

namespace {

using StatusStyle::isDark;

Toast::Severity severityOf(sse::Notice::Kind kind)
{
    switch (kind) {
    case sse::Notice::Kind::Connected: return Toast::Severity::Success;
    case sse::Notice::Kind::ConnectionLost: return Toast::Severity::Warning;
    case sse::Notice::Kind::Failed: return Toast::Severity::Error;
    case sse::Notice::Kind::ServerError: return Toast::Severity::Error;
    case sse::Notice::Kind::Alert: return Toast::Severity::Info;
    case sse::Notice::Kind::TlsErrorsIgnored: return Toast::Severity::Warning;
    }
    return Toast::Severity::Info;
}

bool wanted(const sse::ToastPreferences &p, sse::Notice::Kind kind)
{
    if (!p.enabled)
        return false;
    switch (kind) {
    case sse::Notice::Kind::Connected: return p.onConnected;
    case sse::Notice::Kind::ConnectionLost: return p.onConnectionLost;
    case sse::Notice::Kind::Failed: return p.onFailed;
    case sse::Notice::Kind::ServerError: return p.onServerError;
    case sse::Notice::Kind::Alert: return p.onAlertRule;
    case sse::Notice::Kind::TlsErrorsIgnored: return true; // security: no opt-out of its own
    }
    return true;
}

const QString MutedKey = QStringLiteral("muted");

} // namespace

MainWindow::MainWindow(const QString &settingsFile, QWidget *parent)
    : QMainWindow(parent)
    , m_store(std::make_unique<sse::SettingsStore>(
          settingsFile.isEmpty() ? sse::SettingsStore::defaultFileName() : settingsFile))
    , m_saveTimer(new QTimer(this))
    , m_checkpointTimer(new QTimer(this))
    , m_settingsBar(new QFrame(this))
    , m_settingsText(new QLabel(m_settingsBar))
    , m_stack(new QStackedWidget(this))
    , m_tabs(new StreamTabs(m_stack))
    , m_welcome(new QWidget(m_stack))
    , m_toasts(new ToastManager)
    , m_notifications(new NotificationCenter(this))
    , m_bell(new QToolButton(this))
    , m_exporter(new sse::LogExporter(this))
    , m_importer(new sse::LogImporter(this))
    , m_progress(new QProgressBar(this))
    , m_progressLabel(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    // Saving: SaveDelayMs after a change that has a signal; view state without one is
    // compared every CheckpointMs. The store writes only when the bytes differ.
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(SaveDelayMs);
    connect(m_saveTimer, &QTimer::timeout, this, &MainWindow::saveSettings);
    m_checkpointTimer->setInterval(CheckpointMs);
    connect(m_checkpointTimer, &QTimer::timeout, this, &MainWindow::saveSettings);
    setWindowTitle(tr("SSE Monitor"));
    QIcon appIcon;
    for (int size : {16, 32, 48, 64, 128, 256})
        appIcon.addFile(QStringLiteral(":/icons/org.ssemonitor.SseMonitor-%1.png").arg(size));
    setWindowIcon(appIcon);

    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->tabBar()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::scheduleSave);
    connect(m_tabs->tabBar(), &QTabBar::tabMoved, this, &MainWindow::scheduleSave);
    connect(m_tabs->tabBar(), &QWidget::customContextMenuRequested, this, &MainWindow::showTabMenu);

    // The welcome page: what a first launch shows.
    auto *welcomeLayout = new QVBoxLayout(m_welcome);
    auto *title = new QLabel(tr("<h2>Watch a Server-Sent Events stream</h2>"
                                "<p>Connect to any <code>text/event-stream</code> endpoint, or start "
                                "with the built-in demo streams: a steady ticker, a flaky stream "
                                "that drops and resumes, a stream with server error events and one "
                                "that stalls.</p>"),
                             m_welcome);
    title->setWordWrap(true);
    title->setAlignment(Qt::AlignCenter);
    auto *demo = new QPushButton(tr("Open the demo streams"), m_welcome);
    auto *fresh = new QPushButton(tr("New stream…"), m_welcome);
    connect(demo, &QPushButton::clicked, this, &MainWindow::openDemo);
    connect(fresh, &QPushButton::clicked, this, &MainWindow::newStream);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(demo);
    buttons->addWidget(fresh);
    buttons->addStretch();
    welcomeLayout->addStretch();
    welcomeLayout->addWidget(title);
    welcomeLayout->addLayout(buttons);
    welcomeLayout->addStretch(2);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_tabs);

    // What could not be restored stays in view until the user dismisses it.
    m_settingsBar->setObjectName(QStringLiteral("settingsBar"));
    m_settingsBar->setFrameShape(QFrame::StyledPanel);
    m_settingsText->setWordWrap(true);
    m_settingsText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *details = new QPushButton(tr("Details…"), m_settingsBar);
    auto *dismiss = new QPushButton(tr("Dismiss"), m_settingsBar);
    connect(details, &QPushButton::clicked, this, [this] {
        QMessageBox box(QMessageBox::Warning, tr("Settings"), m_settingsText->text(), QMessageBox::Close, this);
        box.setDetailedText(m_settingsNotices.join(u'\n'));
        box.exec();
    });
    connect(dismiss, &QPushButton::clicked, m_settingsBar, &QWidget::hide);
    auto *barLayout = new QHBoxLayout(m_settingsBar);
    barLayout->addWidget(m_settingsText, 1);
    barLayout->addWidget(details);
    barLayout->addWidget(dismiss);
    m_settingsBar->hide();
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_settingsBar);
    centralLayout->addWidget(m_stack, 1);
    // Toasts get a row of their own below the tabs: they never cover the log or its buttons.
    centralLayout->addWidget(m_toasts);
    setCentralWidget(central);

    m_bell->setAutoRaise(true);
    m_bell->setIcon(style()->standardIcon(QStyle::SP_MessageBoxInformation));
    m_bell->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_bell, &QToolButton::clicked, this, &MainWindow::showNotificationHistory);
    connect(m_notifications, &NotificationCenter::changed, this, &MainWindow::updateBell);
    createOverview(); // its summary goes left of the bell
    statusBar()->addPermanentWidget(m_bell);
    updateBell();

    m_progress->setMaximumWidth(200);
    m_progress->hide();
    m_progressLabel->hide();
    m_cancel->hide();
    statusBar()->addPermanentWidget(m_progressLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);

    connect(m_exporter, &sse::LogExporter::progressChanged, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(1000 * done / total) : 0);
    });
    connect(m_exporter, &sse::LogExporter::finished, this, [this](bool ok, const QString &error) {
        setBusy(QString(), false);
        const sse::ExportResult &r = m_exporter->result();
        if (ok)
            statusBar()->showMessage(tr("Exported %1 events.").arg(QLocale().toString(r.events)), 8000);
        else if (!r.canceled)
            QMessageBox::warning(this, tr("Export"), tr("The export failed: %1").arg(error));
        Q_EMIT exportFinished(ok, error);
    });
    connect(m_importer, &sse::LogImporter::progressChanged, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(1000 * done / total) : 0);
    });
    connect(m_importer, &sse::LogImporter::finished, this, [this](bool ok, const QString &error) {
        setBusy(QString(), false);
        if (!ok) {
            if (!m_importer->result().canceled)
                QMessageBox::warning(this, tr("Import"), tr("The import failed: %1").arg(error));
            Q_EMIT importFinished(false, error);
            return;
        }
        sse::ImportResult result = m_importer->takeResult();
        sse::StoredStream stream;
        stream.id = sse::StoredStream::newId();
        stream.config.name = m_importName;
        StreamView *view = addStream(stream, false, true);
        sse::EventLogModel *log = view->session()->log();
        log->setCapacity(qMax<int>(log->capacity(), int(qMin<qsizetype>(result.events.size(), 10000000))));
        log->appendEvents(result.events);
        log->flush();
        if (!result.issues.isEmpty())
            m_toasts->show(QStringLiteral("import"), Toast::Severity::Warning,
                           tr("Some lines of %1 were skipped").arg(m_importName), result.issuesText(5),
                           {}, true);
        Q_EMIT importFinished(true, QString());
    });
    connect(m_cancel, &QPushButton::clicked, m_exporter, &sse::LogExporter::cancel);
    connect(m_cancel, &QPushButton::clicked, m_importer, &sse::LogImporter::cancel);

    connect(m_toasts, &ToastManager::activated, this, [this](const QVariant &context) {
        const int index = indexOf(context.toString());
        if (index >= 0)
            m_tabs->setCurrentIndex(index);
        activateWindow();
    });

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(windowTitle());
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            activateWindow();
        });
        m_tray->show();
    }

    createActions();
    createMenus();
    showPageForTabs();
    updateActions();
    resize(1100, 720);
}

MainWindow::~MainWindow()
{
    // Deleting a view removes its page from m_tabs, which emits currentChanged and would look
    // at the other tabs: take the list first, and silence the tab widget.
    m_tabs->blockSignals(true);
    const QList<Tab *> tabs = std::exchange(m_tabList, {});
    // Views first: they hold pointers into their sessions.
    for (Tab *t : tabs) {
        delete t->view;
        delete t->session;
        delete t;
    }
}

void MainWindow::start(bool restore, bool demo, const QList<QUrl> &urls)
{
    if (restore) {
        const sse::SettingsStore::LoadResult loaded = store()->load();
        m_prefs = loaded.preferences;
        m_settingsNotices = loaded.notices;
        restoreGeometry(m_prefs.windowGeometry);
        restoreState(m_prefs.windowState);
        {
            const QSignalBlocker blocker(m_exportMarkersAct);
            m_exportMarkersAct->setChecked(m_prefs.viewStates.value(QStringLiteral("exportMarkers")) == "1");
        }
        m_toasts->setMaxVisible(m_prefs.toasts.maxVisible);
        m_toasts->setDuration(m_prefs.toasts.durationMs);

        QHash<QString, sse::StoredStream> byId;
        for (const sse::StoredStream &s : loaded.streams)
            byId.insert(s.id, s);
        QStringList order = m_prefs.openTabs;
        for (const sse::StoredStream &s : loaded.streams) // saved but not in the tab order
            if (!order.contains(s.id))
                order.append(s.id);
        for (const QString &id : std::as_const(order)) {
            if (!byId.contains(id))
                continue;
            const sse::StoredStream &s = byId.value(id);
            const bool missing = !s.missingSecrets.isEmpty() || s.urlPasswordMissing;
            const bool resume = s.config.autoConnect || (m_prefs.reconnectOnLaunch && s.wasConnected);
            addStream(s, resume && !missing);
            if (missing) {
                QStringList names;
                for (const QByteArray &n : s.missingSecrets)
                    names.append(QString::fromUtf8(n));
                if (s.urlPasswordMissing)
                    names.append(tr("the URL's password"));
                m_toasts->show(id + QStringLiteral(":secrets"), Toast::Severity::Warning,
                               tr("%1 needs its secrets again").arg(s.config.name),
                               tr("Not saved in plain text: %1. Edit the stream to enter them.")
                                   .arg(names.join(QStringLiteral(", "))),
                               id);
            }
        }
        const int current = indexOf(m_prefs.currentTab);
        if (current >= 0)
            m_tabs->setCurrentIndex(current);
        showSettingsMessage();
    }
    if (demo)
        openDemo();
    for (const QUrl &url : urls)
        openUrl(url);
    showPageForTabs();
    // Without the saved session (--no-restore) nothing is written either: an empty window
    // must not replace the user's streams.
    m_persist = restore;
    if (m_persist)
        m_checkpointTimer->start();
    // Whatever start() changed (new URLs, repaired values) is saved as any other change.
    scheduleSave();
}

void MainWindow::showSettingsMessage()
{
    if (m_settingsNotices.isEmpty()) {
        m_settingsBar->hide();
        return;
    }
    constexpr int Shown = 6;
    QStringList lines = m_settingsNotices.mid(0, Shown);
    if (m_settingsNotices.size() > Shown)
        lines.append(tr("… and %1 more (Details).").arg(m_settingsNotices.size() - Shown));
    m_settingsText->setText(tr("Some settings could not be restored:") + u'\n' + lines.join(u'\n'));
    m_settingsBar->show();
}

bool MainWindow::settingsMessageShown() const
{
    return !m_settingsBar->isHidden();
}

void MainWindow::scheduleSave()
{
    if (m_persist && !m_saveTimer->isActive())
        m_saveTimer->start();
}

MainWindow::OpenResult MainWindow::openUrl(const QUrl &url)
{
    sse::StoredStream s;
    s.id = sse::StoredStream::newId();
    s.config.request.url = url;
    s.config.name = StreamDialog::autoName(url);
    for (const Tab *t : std::as_const(m_tabList)) {
        if (!t->readOnly && sse::isSameStream(t->session->config().request, s.config.request)) {
            m_tabs->setCurrentWidget(t->view);
            return OpenResult::Focused;
        }
    }
    addStream(s, true);
    return OpenResult::Added;
}

void MainWindow::connectAll()
{
    for (const Tab *t : std::as_const(m_tabList)) {
        const sse::Session::Status status = t->readOnly ? sse::Session::Status::Open : t->session->status();
        if (status != sse::Session::Status::Open && status != sse::Session::Status::Connecting
            && status != sse::Session::Status::Reconnecting)
            t->session->connectStream();
    }
}

void MainWindow::disconnectAll()
{
    for (const Tab *t : std::as_const(m_tabList))
        if (!t->readOnly)
            t->session->disconnectStream();
}

StreamView *MainWindow::addStream(const sse::StoredStream &stream, bool connectNow, bool transient)
{
    auto *tab = new Tab;
    tab->id = stream.id.isEmpty() ? sse::StoredStream::newId() : stream.id;
    tab->readOnly = !stream.config.request.url.isValid() || stream.config.request.url.isEmpty();
    tab->transient = transient;
    tab->muted = stream.uiState.value(MutedKey).toBool();
    tab->session = new sse::Session(stream.config);
    tab->session->log()->setCapacity(m_prefs.defaultLogCapacity);
    QList<sse::AlertRule> rules = stream.alertRules;
    for (sse::AlertRule &r : rules)
        r.setStreamId(tab->id);
    tab->session->setAlertRules(rules);
    tab->view = new StreamView(tab->session, tab->readOnly, m_tabs);
    tab->view->applyUiState(stream.uiState);
    m_tabList.append(tab);
    if (!tab->readOnly)
        m_overview->model()->addStream(tab->id, tab->session);

    const QString id = tab->id;
    connect(tab->session, &sse::Session::statusChanged, this, [this, id] {
        updateHostCounts();
        const int index = indexOf(id);
        if (Tab *t = tabAt(index))
            updateTab(*t);
        if (index == m_tabs->currentIndex())
            updateActions();
    });
    connect(tab->session, &sse::Session::noticeRaised, this,
            [this, id](const sse::Notice &notice) { onNotice(id, notice); });
    // The connection state is saved too: streams connected at quit resume on launch.
    connect(tab->session, &sse::Session::statusChanged, this, &MainWindow::scheduleSave);
    connect(tab->session, &sse::Session::configChanged, this, &MainWindow::scheduleSave);
    connect(tab->view, &StreamView::pausedChanged, this, [this](bool) { updateActions(); });

    const int index = m_tabs->addTab(tab->view, stream.config.name);
    updateTab(*tab);
    m_tabs->setCurrentIndex(index);
    showPageForTabs();
    if (connectNow && !tab->readOnly)
        tab->session->connectStream();
    updateActions();
    if (!transient && !tab->readOnly)
        scheduleSave();
    return tab->view;
}

int MainWindow::tabCount() const
{
    return m_tabs->count();
}

StreamView *MainWindow::view(int index) const
{
    return qobject_cast<StreamView *>(m_tabs->widget(index));
}

StreamView *MainWindow::currentView() const
{
    return view(m_tabs->currentIndex());
}

MainWindow::Tab *MainWindow::tabAt(int index) const
{
    const QWidget *w = m_tabs->widget(index);
    for (Tab *t : m_tabList)
        if (t->view == w)
            return t;
    return nullptr;
}

MainWindow::Tab *MainWindow::currentTab() const
{
    return tabAt(m_tabs->currentIndex());
}

int MainWindow::indexOf(const QString &id) const
{
    for (const Tab *t : m_tabList)
        if (t->id == id)
            return m_tabs->indexOf(t->view);
    return -1;
}

bool MainWindow::isMuted(int index) const
{
    const Tab *t = tabAt(index);
    return t && t->muted;
}

void MainWindow::setMuted(int index, bool muted)
{
    if (Tab *t = tabAt(index)) {
        t->muted = muted;
        updateTab(*t);
        updateActions();
        scheduleSave();
    }
}

void MainWindow::updateTab(const Tab &tab)
{
    const int index = m_tabs->indexOf(tab.view);
    if (index < 0)
        return;
    const sse::Session::Status status = tab.session->status();
    const QString name = tab.session->config().name;
    QString text = tab.readOnly ? tr("%1 (imported)").arg(name) : name;
    if (tab.muted)
        text = tr("%1 (muted)").arg(text);
    m_tabs->setTabText(index, text);
    if (index == m_tabs->currentIndex())
        updateWindowTitle();
    m_tabs->setTabIcon(index, StatusStyle::icon(tab.readOnly ? sse::Session::Status::Idle : status, isDark(this)));
    QString tip = tab.readOnly ? tr("Imported log, read-only")
                               : tab.session->config().request.url.toDisplayString() + u'\n'
                                     + sse::Session::statusText(status);
    if (!tab.readOnly && tab.session->tlsErrorsIgnored())
        tip += u'\n' + tr("Insecure: TLS certificate errors are ignored");
    if (tab.muted)
        tip += u'\n' + tr("Notifications muted");
    m_tabs->setTabToolTip(index, tip);
}

void MainWindow::updateHostCounts()
{
    // Browsers open at most six HTTP/1.1 connections per host: each stream's diagnostics
    // needs to know how many streams the monitor itself has open to the same host.
    QHash<QString, int> open;
    for (const Tab *t : std::as_const(m_tabList))
        if (!t->readOnly && sse::Session::isUp(t->session->status()))
            ++open[sse::Diagnostics::originOf(t->session->config().request.url)];
    for (const Tab *t : std::as_const(m_tabList))
        if (!t->readOnly)
            t->session->diagnostics()->setConcurrentStreamsToHost(
                qMax(1, open.value(sse::Diagnostics::originOf(t->session->config().request.url))));
}

void MainWindow::updateActions()
{
    const Tab *t = currentTab();
    const bool live = t && !t->readOnly;
    const sse::Session::Status status = live ? t->session->status() : sse::Session::Status::Idle;
    const bool running = sse::Session::isUp(status) || status == sse::Session::Status::Connecting
        || status == sse::Session::Status::Reconnecting;
    m_connectAct->setEnabled(live && !running);
    m_disconnectAct->setEnabled(live && running);
    m_reconnectAct->setEnabled(live);
    for (QAction *a : {m_editAct, m_duplicateAct, m_alertsAct, m_muteAct})
        a->setEnabled(live);
    for (QAction *a : {m_renameAct, m_exportAct, m_closeTabAct, m_clearAct, m_capacityAct, m_findAct})
        a->setEnabled(t != nullptr);
    m_pauseAct->setEnabled(live); // an imported log receives nothing
    const QSignalBlocker b1(m_muteAct), b2(m_pauseAct);
    m_muteAct->setChecked(t && t->muted);
    m_pauseAct->setChecked(t && t->view->isPaused());
    m_diagnosticsAct->setEnabled(t != nullptr);
    const QSignalBlocker b3(m_diagnosticsAct);
    m_diagnosticsAct->setChecked(t && t->view->isShowingDiagnostics());
    updateWindowTitle();
}

void MainWindow::updateWindowTitle()
{
    const Tab *t = currentTab();
    setWindowTitle(t ? tr("%1 — SSE Monitor").arg(t->session->config().name) : tr("SSE Monitor"));
}

void MainWindow::selectTab(int index)
{
    if (index >= 0 && index < m_tabs->count())
        m_tabs->setCurrentIndex(index);
}

void MainWindow::updateBell()
{
    const int unread = m_notifications->unreadCount();
    m_bell->setText(unread > 0 ? tr("%n unread", nullptr, unread) : tr("Notifications"));
    m_bell->setToolTip(tr("Notification history (Ctrl+Shift+H)"));
    m_bell->setAccessibleName(unread > 0 ? tr("Notifications: %n unread", nullptr, unread)
                                         : tr("Notifications"));
    QFont font = m_bell->font();
    font.setBold(unread > 0);
    m_bell->setFont(font);
}

void MainWindow::showNotificationHistory()
{
    NotificationHistoryDialog dialog(m_notifications, this);
    connect(&dialog, &NotificationHistoryDialog::streamActivated, this, [this](const QString &id) {
        selectTab(indexOf(id));
    });
    m_notifications->markAllRead();
    dialog.exec();
}

void MainWindow::showPageForTabs()
{
    m_stack->setCurrentWidget(m_tabs->count() > 0 ? static_cast<QWidget *>(m_tabs) : m_welcome);
}

void MainWindow::closeTab(int index)
{
    Tab *t = tabAt(index);
    if (!t)
        return;
    m_tabs->removeTab(index);
    m_tabList.removeOne(t);
    m_overview->model()->removeStream(t->id);
    t->view->deleteLater();
    t->session->disconnectStream();
    t->session->deleteLater();
    delete t;
    showPageForTabs();
    updateActions();
    scheduleSave();
}

void MainWindow::showTabMenu(const QPoint &pos)
{
    const int index = m_tabs->tabBar()->tabAt(pos);
    if (index < 0)
        return;
    m_tabs->setCurrentIndex(index);
    QMenu menu(this);
    for (QAction *a : {m_connectAct, m_disconnectAct, m_reconnectAct})
        menu.addAction(a);
    menu.addSeparator();
    for (QAction *a : {m_editAct, m_duplicateAct, m_renameAct, m_muteAct, m_alertsAct})
        menu.addAction(a);
    menu.addSeparator();
    menu.addAction(m_closeTabAct);
    menu.exec(m_tabs->tabBar()->mapToGlobal(pos));
}

void MainWindow::onNotice(const QString &id, const sse::Notice &notice)
{
    const int index = indexOf(id);
    if (index < 0)
        return;
    // Routine notices are one quiet line per stream in the history; failures, server errors
    // and alerts stay on screen until acknowledged.
    using Kind = sse::Notice::Kind;
    const bool routine = notice.kind == Kind::Connected || notice.kind == Kind::ConnectionLost;
    const bool persistent = notice.kind == Kind::Failed || notice.kind == Kind::ServerError
        || notice.kind == Kind::Alert;
    const Toast::Severity severity = severityOf(notice.kind);
    const auto historySeverity = severity == Toast::Severity::Error ? NotificationCenter::Severity::Error
        : severity == Toast::Severity::Warning                   ? NotificationCenter::Severity::Warning
                                                                  : NotificationCenter::Severity::Info;
    m_notifications->add(id, tabAt(index)->session->config().name, int(notice.kind), historySeverity,
                         notice.title, notice.message, routine);
    if (isMuted(index) || !wanted(m_prefs.toasts, notice.kind))
        return;
    m_toasts->show(id + u':' + QString::number(int(notice.kind)), severity, notice.title,
                   notice.message, id, persistent);
    if (m_tray && m_prefs.toasts.useSystemTray && !isActiveWindow()) {
        const auto icon = notice.kind == sse::Notice::Kind::Failed || notice.kind == sse::Notice::Kind::ServerError
            ? QSystemTrayIcon::Critical
            : notice.kind == sse::Notice::Kind::ConnectionLost
                    || notice.kind == sse::Notice::Kind::TlsErrorsIgnored
                ? QSystemTrayIcon::Warning
                                                                : QSystemTrayIcon::Information;
        m_tray->showMessage(notice.title, notice.message, icon, m_prefs.toasts.durationMs);
    }
}

void MainWindow::openDemo()
{
    if (!m_demo) {
        m_demo = std::make_unique<sse::ScenarioServer>();
        if (!m_demo->listen()) {
            QMessageBox::warning(this, tr("Demo"), tr("The demo server could not start: %1").arg(m_demo->errorString()));
            m_demo.reset();
            return;
        }
    }
    struct Demo
    {
        const char *name;
        const char *path;
        int idleTimeoutMs;
    };
    const Demo demos[] = {
        {QT_TR_NOOP("Demo: healthy ticker"), "/ticker?rate=5&event=tick", 0},
        {QT_TR_NOOP("Demo: flaky stream"), "/flaky?every=15&rate=5", 0},
        {QT_TR_NOOP("Demo: server errors"), "/errors?every=4&rate=2", 0},
        {QT_TR_NOOP("Demo: stalls"), "/stall?events=3", 4000},
        {QT_TR_NOOP("Demo: LLM answer"), "/llm/anthropic?fault=stall&stall=2500", 0},
    };
    for (const Demo &d : demos) {
        sse::StoredStream s;
        s.id = sse::StoredStream::newId();
        s.config.name = tr(d.name);
        s.config.request.url = m_demo->url(QString::fromLatin1(d.path));
        s.config.idleTimeoutMs = d.idleTimeoutMs;
        s.config.policy.initialDelayMs = 1000;
        s.config.policy.maxDelayMs = 8000;
        addStream(s, true, true);
    }
    m_tabs->setCurrentIndex(m_tabs->count() - int(std::size(demos)));
}

bool MainWindow::saveSettings()
{
    QList<sse::StoredStream> streams;
    m_prefs.openTabs.clear();
    for (int i = 0; i < m_tabs->count(); ++i) {
        const Tab *t = tabAt(i);
        if (!t || t->transient || t->readOnly)
            continue;
        sse::StoredStream s;
        s.id = t->id;
        s.config = t->session->config();
        s.uiState = t->view->uiState();
        s.uiState[MutedKey] = t->muted;
        s.alertRules = t->session->alertRules();
        const sse::Session::Status status = t->session->status();
        s.wasConnected = status == sse::Session::Status::Open || status == sse::Session::Status::Connecting
            || status == sse::Session::Status::Reconnecting;
        streams.append(s);
        m_prefs.openTabs.append(t->id);
    }
    const Tab *current = currentTab();
    m_prefs.currentTab = current && !current->transient ? current->id : QString();
    m_prefs.windowGeometry = saveGeometry();
    m_prefs.windowState = saveState();
    m_saveTimer->stop();
    const bool saved = store()->save(streams, m_prefs);
    // Said once, not every second while the disk stays full.
    if (!saved && !m_saveFailureShown)
        m_toasts->show(QStringLiteral("settings-save"), Toast::Severity::Error, tr("Settings not saved"),
                       tr("%1 could not be written: %2").arg(store()->fileName(), store()->errorString()));
    m_saveFailureShown = !saved;
    return saved;
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(m_prefs, store()->storeSecrets(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_prefs = dialog.preferences(m_prefs);
    store()->setStoreSecrets(dialog.storeSecrets());
    m_toasts->setMaxVisible(m_prefs.toasts.maxVisible);
    m_toasts->setDuration(m_prefs.toasts.durationMs);
    saveSettings();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About SSE Monitor"),
                       tr("<h3>SSE Monitor %1</h3>"
                          "<p>Watches Server-Sent Events streams: a spec-exact parser, a client that "
                          "reconnects like a production client and explains every failure, and a live "
                          "log that copes with hundreds of thousands of events.</p>"
                          "<p>Built with Qt %2 (running on Qt %3).</p>")
                           .arg(QStringLiteral(SSE_VERSION), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_checkpointTimer->stop();
    if (m_persist && !saveSettings())
        QMessageBox::warning(this, tr("SSE Monitor"),
                             tr("The settings could not be saved (%1).").arg(store()->fileName()));
    event->accept();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        for (const Tab *t : std::as_const(m_tabList))
            updateTab(*t);
    QMainWindow::changeEvent(event);
}
