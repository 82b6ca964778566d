#pragma once

#include "session.h"
#include "settingsstore.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

QT_BEGIN_NAMESPACE
class QAction;
class QDockWidget;
class QLabel;
class QProgressBar;
class QFrame;
class QPushButton;
class QStackedWidget;
class QSystemTrayIcon;
class QTabWidget;
class QTimer;
QT_END_NAMESPACE

namespace sse {
class LogExporter;
class LogImporter;
class ScenarioServer;
}
class NotificationCenter;
class OverviewPage;
class StreamView;
class ToastManager;
QT_BEGIN_NAMESPACE
class QToolButton;
QT_END_NAMESPACE

/** The application window: one tab per stream, menus, toasts, settings, export and import. */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    /** \a settingsFile: where streams and preferences live (tests pass their own file); by
     *  default sse::SettingsStore::defaultFileName(). */
    explicit MainWindow(const QString &settingsFile = {}, QWidget *parent = nullptr);

    /** Within this long of a change to streams, tabs or preferences it is on disk. */
    static constexpr int SaveDelayMs = 250;
    /** View state without a change signal (filters, column widths, geometry) is compared
     *  with the file this often, and written when it differs. */
    static constexpr int CheckpointMs = 1000;
    ~MainWindow() override;

    /** Restores the previous session (unless \a restore is false), then opens the demo
     *  streams and \a urls as tabs. With nothing to show, the welcome page offers both.
     *  From then on every change is saved, unless \a restore is false: a session started
     *  without the saved one does not replace it. */
    void start(bool restore, bool demo, const QList<QUrl> &urls);

    int tabCount() const;
    StreamView *view(int index) const;
    StreamView *currentView() const;
    QTabWidget *tabWidget() const { return m_tabs; }
    ToastManager *toasts() const { return m_toasts; }
    NotificationCenter *notifications() const { return m_notifications; }
    /** The status bar's bell: unread notices; clicking it opens the history. */
    QToolButton *notificationButton() const { return m_bell; }
    /** The "All streams" page (in a dock, so stream tabs keep their indexes). */
    OverviewPage *overview() const { return m_overview; }
    /** The status bar's "5 open · 1 silent · 1 failed"; clicking it opens the overview. */
    QToolButton *summaryButton() const { return m_summary; }
    /** Shows the overview with the keyboard focus in its table. */
    void showOverview();
    /** Opens the notification history (and marks everything read). */
    void showNotificationHistory();
    /** Notices about the settings that could not be restored (shown in a bar above the tabs
     *  until dismissed). */
    QStringList settingsNotices() const { return m_settingsNotices; }
    bool settingsMessageShown() const;
    QString settingsFileName() const { return m_store->fileName(); }
    const sse::AppPreferences &preferences() const { return m_prefs; }

    /** Adds a tab for \a stream; \a transient ones (demo streams) are never saved. */
    StreamView *addStream(const sse::StoredStream &stream, bool connectNow, bool transient = false);
    /** Opens the built-in scenario server's demo streams. */
    void openDemo();
    /** Writes streams and preferences now (also done on close, and SaveDelayMs after every
     *  change). */
    bool saveSettings();

    /** What openUrl() did. */
    enum class OpenResult { Added, Focused };
    /** Opens \a url (a GET without headers or body) as a tab, or focuses the tab that already
     *  has the same stream (same URL, method, headers and body). */
    OpenResult openUrl(const QUrl &url);
    /** Writes the saved streams (not demo or imported logs) as a stream set (sse::StreamSet). */
    bool exportStreams(const QString &fileName, bool includeSecrets, QString *error);
    /** Adds the streams of a stream set; streams already open are left as they are. All or
     *  nothing: a bad file adds none and \a error says which line and why. */
    bool importStreams(const QString &fileName, QString *error, int *added = nullptr);
    void connectAll();
    void disconnectAll();
    /** Starts exporting the current tab's log; \a filteredOnly exports what the filter shows;
     *  JSON Lines include the connection markers when exportMarkersAction() is checked. */
    bool exportCurrentLog(const QString &fileName, bool filteredOnly);
    QAction *exportMarkersAction() const { return m_exportMarkersAct; }
    /** Imports a .sse or .jsonl file into a new read-only tab. */
    void importLog(const QString &fileName);
    bool isMuted(int index) const;
    void setMuted(int index, bool muted);

Q_SIGNALS:
    void exportFinished(bool ok, const QString &errorString);
    void importFinished(bool ok, const QString &errorString);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Tab
    {
        QString id;
        sse::Session *session = nullptr;
        StreamView *view = nullptr;
        bool readOnly = false;
        bool transient = false;
        bool muted = false;
    };

    // Actions, menus and the toolbar (mainwindowactions.cpp).
    void createActions();
    void createMenus();
    Tab *tabAt(int index) const;
    Tab *currentTab() const;
    int indexOf(const QString &id) const;
    void updateActions();
    void updateHostCounts();
    void updateTab(const Tab &tab);
    void closeTab(int index);
    void showTabMenu(const QPoint &pos);
    void onNotice(const QString &id, const sse::Notice &notice);
    void showPageForTabs();
    void updateBell();
    // The overview's wiring (mainwindowoverview.cpp).
    void createOverview();
    void updateSummary();
    void showStreamMenu(const QString &id, const QPoint &globalPos);
    void updateWindowTitle();
    void selectTab(int index);
    void scheduleSave();
    void showSettingsMessage();
    void chooseExportStreams();
    void chooseImportStreams();
    QList<sse::StreamConfig> savedConfigs() const;

    void newStream();
    void editStream();
    void duplicateStream();
    void renameStream();
    void editAlertRules();
    void changeCapacity();
    void chooseExport();
    void chooseImport();
    void showPreferences();
    void about();
    void setBusy(const QString &text, bool busy);

    sse::SettingsStore *store() const { return m_store.get(); }

    std::unique_ptr<sse::SettingsStore> m_store;
    QTimer *m_saveTimer;
    QTimer *m_checkpointTimer;
    bool m_saveFailureShown = false;
    bool m_persist = false;           ///< save changes (after start() restored the session)
    QFrame *m_settingsBar;
    QLabel *m_settingsText;
    sse::AppPreferences m_prefs;
    QStringList m_settingsNotices;
    QList<Tab *> m_tabList; // in no particular order; m_tabs holds the order
    QStackedWidget *m_stack;
    QTabWidget *m_tabs;
    QWidget *m_welcome;
    ToastManager *m_toasts;
    NotificationCenter *m_notifications;
    QToolButton *m_bell;
    OverviewPage *m_overview = nullptr;
    QDockWidget *m_overviewDock = nullptr;
    QToolButton *m_summary = nullptr;
    QAction *m_overviewAct = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    std::unique_ptr<sse::ScenarioServer> m_demo;
    sse::LogExporter *m_exporter;
    sse::LogImporter *m_importer;
    QString m_importName;
    QProgressBar *m_progress;
    QLabel *m_progressLabel;
    QPushButton *m_cancel;

    QAction *m_newAct, *m_importAct, *m_exportAct, *m_closeTabAct, *m_quitAct;
    QAction *m_exportMarkersAct = nullptr;
    QAction *m_connectAct, *m_disconnectAct, *m_reconnectAct, *m_editAct, *m_duplicateAct;
    QAction *m_renameAct, *m_muteAct, *m_alertsAct, *m_pauseAct, *m_clearAct, *m_capacityAct;
    QAction *m_findAct, *m_demoAct, *m_prefsAct, *m_aboutAct;
    QAction *m_historyAct, *m_diagnosticsAct, *m_nextTabAct, *m_previousTabAct;
    QAction *m_connectAllAct, *m_disconnectAllAct, *m_exportStreamsAct, *m_importStreamsAct;
};
