// Widget tests of sse-monitor (offscreen): the indicator and countdown, the live log view,
// toasts, the stream dialog with curl pasting, settings round trips, export and import.

#include "alertrulesdialog.h"
#include "diagnosticsview.h"
#include "eventlog.h"
#include "httpserver.h"
#include "mainwindow.h"
#include "matchdelegate.h"
#include "notificationcenter.h"
#include "statspanel.h"
#include "statuspanel.h"
#include "streamdialog.h"
#include "streamview.h"
#include "timelinestrip.h"
#include "toastmanager.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QMessageBox>
#include <QTimer>
#include <QTabBar>
#include <QElapsedTimer>
#include <QFile>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTableWidget>
#include <QTreeWidget>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QLineEdit>
#include <QLabel>
#include <QPointer>
#include <QImage>
#include <QTest>

using namespace sse;

namespace {

constexpr int Timeout = 10000;

const HttpHeaders &streamHeaders()
{
    static const HttpHeaders h{{"Content-Type", "text/event-stream"}};
    return h;
}

StoredStream streamFor(const QUrl &url, const QString &name = QStringLiteral("test stream"))
{
    StoredStream s;
    s.id = StoredStream::newId();
    s.config.name = name;
    s.config.request.url = url;
    s.config.policy.initialDelayMs = 60000; // a countdown long enough to read
    s.config.policy.maxDelayMs = 60000;
    s.config.policy.jitter = false;
    s.config.policy.maxRetries = 5;
    return s;
}

QString toastTitles(const ToastManager *toasts)
{
    QStringList titles;
    for (const Toast *t : toasts->toasts())
        titles << t->title();
    return titles.join(QStringLiteral(" | "));
}

/** What answerMessageBox() saw. */
struct SeenBox
{
    bool shown = false;
    QString objectName;
    QString text;             ///< text and informative text
    QMessageBox::Icon icon = QMessageBox::NoIcon;
    bool cancelIsDefault = false;
};

/** Once the next modal QMessageBox is up, records it into \a seen and clicks \a answer
 *  (polls the event loop: the box appears inside the exec() of the code under test). */
void answerMessageBox(QMessageBox::StandardButton answer, SeenBox *seen)
{
    auto *poll = new QTimer;
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer, seen] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        poll->stop();
        poll->deleteLater();
        seen->shown = true;
        seen->objectName = box->objectName();
        seen->text = box->text() + u'\n' + box->informativeText();
        seen->icon = box->icon();
        seen->cancelIsDefault = box->defaultButton() == box->button(QMessageBox::Cancel);
        box->button(answer)->click();
    });
    poll->start(10);
}

} // namespace

class tst_Monitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void indicatorFollowsStatus();
    void closesWithSeveralOpenTabs();
    void countdownWhileReconnectScheduled();
    void stopRetryingEndsReconnects();
    void failedShowsLastErrorOnHover();
    void logFollowsAndJumpButton();
    void filterAppliesToStoredAndLiveEvents();
    void pauseKeepsReceiving();
    void detailPanePrettyPrintsJson();
    void detailPaneShowsThePayloadExactly();
    void toastsForNoticesAndActivation();
    void mutedStreamRaisesNoToast();
    void toastsCoalesceRepeats();
    void failureSurvivesAStormOfRoutineNotices();
    void notificationHistoryOpensTheStream();
    void keyboardSwitchesStreamsAnywhere();
    void failureReasonOnScreen();
    void inspectingStopsFollowingAndCountsShown();
    void connectionStoryInTheLogAndTimeline();
    void streamDialogRoundTrip();
    void streamDialogValidates();
    void streamDialogUncompressedOption();
    void curlCommandFillsDialog();
    void ignoreTlsErrorsNeedsConfirmation();
    void insecureBadgeWhileTlsErrorsIgnored();
    void alertRulesDialogValidates();
    void alertRuleRaisesToast();
    void settingsRoundTrip();
    void corruptSettingsFallBackWithNotice();
    void changesReachTheDiskWithinASecond();
    void connectedStreamsResumeOnLaunch_data();
    void connectedStreamsResumeOnLaunch();
    void connectAllAndDisconnectAll();
    void noRestoreLeavesTheSavedSessionAlone();
    void openUrlFocusesTheSameStream();
    void streamSetExportAndImport();
    void secretsNotSavedWithoutOptIn();
    void exportImportRoundTrip_data();
    void exportImportRoundTrip();
    void welcomePageAndDemo();
    void renameDoesNotReconnect();
    void diagnosticsPaneShowsFindings();

private:
    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_settingsFile;
};

void tst_Monitor::init()
{
    m_server = std::make_unique<HttpServer>();
    QVERIFY(m_server->listen() != 0);
    m_dir = std::make_unique<QTemporaryDir>();
    m_settingsFile = m_dir->filePath(QStringLiteral("settings.ini"));
}

void tst_Monitor::cleanup()
{
    m_settingsFile.clear();
    m_dir.reset();
    m_server.reset();
}

void tst_Monitor::indicatorFollowsStatus()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: hi\n\n");
    });
    MainWindow window(m_settingsFile);
    StreamView *view = window.addStream(streamFor(m_server->url()), false);
    StatusPanel *status = view->statusPanel();
    QVERIFY(status->stateText().startsWith(Session::statusText(Session::Status::Idle)));
    view->session()->connectStream();
    QVERIFY2(status->stateText().startsWith(QStringLiteral("Connecting")), qPrintable(status->stateText()));
    QTRY_VERIFY_WITH_TIMEOUT(status->stateText().startsWith(QStringLiteral("Open")), Timeout);
    QVERIFY(status->stateText().contains(QStringLiteral(" s"))); // time in the state
    QVERIFY(!status->isCountdownVisible());
    // The tab carries the state too, as an icon and in its tooltip.
    QVERIFY(!window.tabWidget()->tabIcon(0).isNull());
    QVERIFY(window.tabWidget()->tabToolTip(0).contains(QStringLiteral("Open")));
    view->session()->disconnectStream();
    QVERIFY(status->stateText().startsWith(QStringLiteral("Not connected")));
}

void tst_Monitor::closesWithSeveralOpenTabs()
{
    // Closing the window with tabs open (the common way to quit) must not touch a tab it has
    // already deleted: deleting one view makes the tab widget select another.
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: hi\n\n");
    });
    auto window = std::make_unique<MainWindow>(m_settingsFile);
    QList<StreamView *> views;
    for (int i = 0; i < 4; ++i)
        views.append(window->addStream(streamFor(m_server->url()), true));
    window->show();
    window->tabWidget()->setCurrentIndex(1);
    for (StreamView *view : std::as_const(views))
        QTRY_COMPARE_WITH_TIMEOUT(view->session()->status(), Session::Status::Open, Timeout);
    QSignalSpy destroyed(views.last(), &QObject::destroyed);
    window.reset();
    QCOMPARE(destroyed.size(), 1);
}

void tst_Monitor::countdownWhileReconnectScheduled()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) { r->respond(503, "text/plain", "busy"); });
    MainWindow window(m_settingsFile);
    window.show(); // the countdown ticks while it can be seen
    StreamView *view = window.addStream(streamFor(m_server->url()), true);
    StatusPanel *status = view->statusPanel();
    QTRY_VERIFY_WITH_TIMEOUT(status->isCountdownVisible(), Timeout);
    QVERIFY(status->stateText().startsWith(QStringLiteral("Reconnecting")));
    const QString text = status->countdownText();
    QVERIFY2(text.contains(QStringLiteral("Reconnecting in")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("attempt 1 of 5")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("503")), qPrintable(text));
    // The countdown counts down.
    QTRY_VERIFY_WITH_TIMEOUT(status->countdownText() != text, Timeout);

    // "Retry now" connects at once.
    auto *retry = status->findChild<QPushButton *>();
    QVERIFY(retry);
    QCOMPARE(retry->text(), QStringLiteral("Retry now"));
    retry->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 2, Timeout);
}

void tst_Monitor::stopRetryingEndsReconnects()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) { r->respond(500, "text/plain", "x"); });
    MainWindow window(m_settingsFile);
    StreamView *view = window.addStream(streamFor(m_server->url()), true);
    StatusPanel *status = view->statusPanel();
    QTRY_VERIFY_WITH_TIMEOUT(status->isCountdownVisible(), Timeout);
    QPushButton *stop = nullptr;
    for (QPushButton *b : status->findChildren<QPushButton *>())
        if (b->text() == QStringLiteral("Stop retrying"))
            stop = b;
    QVERIFY(stop);
    stop->click();
    QVERIFY(!status->isCountdownVisible());
    QCOMPARE(view->session()->status(), Session::Status::Idle);
    QVERIFY(!view->session()->isReconnectPending());
}

void tst_Monitor::failedShowsLastErrorOnHover()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) { r->respond(404, "text/plain", "gone"); });
    MainWindow window(m_settingsFile);
    StreamView *view = window.addStream(streamFor(m_server->url()), true);
    QTRY_VERIFY_WITH_TIMEOUT(view->statusPanel()->stateText().startsWith(QStringLiteral("Failed")), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(view->statusPanel()->toolTip().contains(QStringLiteral("404")), Timeout);
}

void tst_Monitor::logFollowsAndJumpButton()
{
    QPointer<HttpResponder> stream;
    m_server->setHandler([&stream](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        QByteArray body;
        for (int i = 0; i < 300; ++i)
            body += "data: event " + QByteArray::number(i) + "\n\n";
        r->write(body);
        stream = r;
    });
    MainWindow window(m_settingsFile);
    window.resize(900, 600);
    window.show();
    StreamView *view = window.addStream(streamFor(m_server->url()), true);
    view->markersSwitch()->setChecked(false); // the events alone: rows are events here
    QAbstractItemModelTester tester(view->table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(view->table()->model()->rowCount(), 300, Timeout);
    QScrollBar *bar = view->table()->verticalScrollBar();
    QTRY_COMPARE_WITH_TIMEOUT(bar->value(), bar->maximum(), Timeout);
    QVERIFY(view->isFollowing());

    // Scrolled away: new events do not move the view, a jump button counts them.
    bar->setValue(0);
    QVERIFY(!view->isFollowing());
    QVERIFY(stream);
    stream->write("data: late 1\n\ndata: late 2\n\n");
    QTRY_COMPARE_WITH_TIMEOUT(view->unseenCount(), 2, Timeout);
    QCOMPARE(bar->value(), 0);
    view->jumpToNewest();
    QTRY_COMPARE_WITH_TIMEOUT(bar->value(), bar->maximum(), Timeout);
    QVERIFY(view->isFollowing());
    QCOMPARE(view->unseenCount(), 0);
}

void tst_Monitor::filterAppliesToStoredAndLiveEvents()
{
    QPointer<HttpResponder> stream;
    m_server->setHandler([&stream](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("event: tick\ndata: a1\n\nevent: tock\ndata: b1\n\nevent: error\ndata: {\"code\":1}\n\n");
        stream = r;
    });
    MainWindow window(m_settingsFile);
    StreamView *view = window.addStream(streamFor(m_server->url()), true);
    view->markersSwitch()->setChecked(false); // the events alone: rows are events here
    QTRY_COMPARE_WITH_TIMEOUT(view->filterModel()->rowCount(), 3, Timeout);
    QVariantMap state = view->uiState();
    state[QStringLiteral("filterTypes")] = QVariantList{QStringLiteral("tick")};
    view->applyUiState(state);
    QCOMPARE(view->filterModel()->rowCount(), 1);
    stream->write("event: tick\ndata: a2\n\nevent: tock\ndata: b2\n\n");
    QTRY_COMPARE_WITH_TIMEOUT(view->filterModel()->rowCount(), 2, Timeout);

    state[QStringLiteral("filterTypes")] = QVariantList{};
    state[QStringLiteral("filterText")] = QStringLiteral("^b\\d$");
    state[QStringLiteral("filterRegex")] = true;
    view->applyUiState(state);
    QCOMPARE(view->filterModel()->rowCount(), 2);

    state[QStringLiteral("filterText")] = QString();
    state[QStringLiteral("errorsOnly")] = true;
    view->applyUiState(state);
    QCOMPARE(view->filterModel()->rowCount(), 1);
    QCOMPARE(view->filterModel()->index(0, 0).data(EventLogModel::TypeRole).toByteArray(), QByteArray("error"));
}

void tst_Monitor::pauseKeepsReceiving()
{
    QPointer<HttpResponder> stream;
    m_server->setHandler([&stream](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: 1\n\n");
        stream = r;
    });
    MainWindow window(m_settingsFile);
    StreamView *view = window.addStream(streamFor(m_server->url()), true);
    view->markersSwitch()->setChecked(false); // the events alone: rows are events here
    QTRY_COMPARE_WITH_TIMEOUT(view->table()->model()->rowCount(), 1, Timeout);
    view->setPaused(true);
    stream->write("data: 2\n\ndata: 3\n\n");
    QTRY_COMPARE_WITH_TIMEOUT(view->session()->statistics().events, 3, Timeout);
    QCOMPARE(view->table()->model()->rowCount(), 1);
    QCOMPARE(view->session()->log()->pendingCount(), 2);
    view->setPaused(false);
    QTRY_COMPARE_WITH_TIMEOUT(view->table()->model()->rowCount(), 3, Timeout);
}

void tst_Monitor::detailPaneShowsThePayloadExactly()
{
    // Pretty re-indents; it never re-sorts keys or rewrites numbers. Raw is as received.
    const QByteArray payload = R"({"z":12345678901234567890123,"a":0.1000,"m":1e3,"n":-0.0,"s":"\u00e9"})";
    m_server->setHandler([&payload](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: " + payload + "\n\n");
    });
    MainWindow window(m_settingsFile);
    StreamView *view = window.addStream(streamFor(m_server->url()), true);
    view->markersSwitch()->setChecked(false); // the events alone: rows are events here
    QTRY_COMPARE_WITH_TIMEOUT(view->table()->model()->rowCount(), 1, Timeout);
    view->table()->selectRow(0);
    QVERIFY(view->isPrettyDetail());
    QCOMPARE(view->detailText(),
             QStringLiteral("{\n  \"z\": 12345678901234567890123,\n  \"a\": 0.1000,\n  \"m\": 1e3,\n"
                            "  \"n\": -0.0,\n  \"s\": \"\\u00e9\"\n}"));
    view->setPrettyDetail(false);
    QCOMPARE(view->detailText(), QString::fromUtf8(payload));
    view->setPrettyDetail(true);
    QVERIFY(view->detailText().startsWith(QStringLiteral("{\n  \"z\"")));
}

void tst_Monitor::detailPanePrettyPrintsJson()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: {\"a\":1,\"b\":[true,null]}\n\ndata: plain text\n\n");
    });
    MainWindow window(m_settingsFile);
    StreamView *view = window.addStream(streamFor(m_server->url()), true);
    view->markersSwitch()->setChecked(false); // the events alone: rows are events here
    QTRY_COMPARE_WITH_TIMEOUT(view->table()->model()->rowCount(), 2, Timeout);
    view->table()->selectRow(0);
    QVERIFY2(view->detailText().contains(QStringLiteral("\"a\": 1")), qPrintable(view->detailText()));
    QVERIFY(view->detailText().contains(u'\n'));
    view->table()->selectRow(1);
    QCOMPARE(view->detailText(), QStringLiteral("plain text"));
    view->copyJsonLine();
    const QString line = QApplication::clipboard()->text();
    QVERIFY2(line.startsWith(QStringLiteral("{\"type\":\"message\",\"data\":\"plain text\"")), qPrintable(line));
}

void tst_Monitor::toastsForNoticesAndActivation()
{
    m_server->setHandler([](const HttpRequest &req, HttpResponder *r) {
        if (req.path() == "/gone") {
            r->respond(404, "text/plain", "x");
            return;
        }
        r->writeHead(200, streamHeaders());
        r->write("event: error\ndata: {\"code\":\"E42\",\"message\":\"disk full\"}\n\n");
    });
    MainWindow window(m_settingsFile);
    window.show();
    window.addStream(streamFor(m_server->url(QStringLiteral("/ok")), QStringLiteral("alpha")), true);
    window.addStream(streamFor(m_server->url(QStringLiteral("/gone")), QStringLiteral("beta")), true);
    ToastManager *toasts = window.toasts();
    QTRY_VERIFY_WITH_TIMEOUT(toastTitles(toasts).contains(QStringLiteral("Server error on alpha")), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(toastTitles(toasts).contains(QStringLiteral("beta failed")), Timeout);
    // Connecting is routine: a quiet line in the history, not a toast.
    QVERIFY(!toastTitles(toasts).contains(QStringLiteral("alpha connected")));
    bool connectedLine = false;
    for (const NotificationCenter::Entry &e : window.notifications()->entries())
        connectedLine |= e.routine && e.title == QStringLiteral("alpha connected") && !e.unread;
    QVERIFY(connectedLine);
    // Failures and server errors stay until acknowledged, and the bell counts them.
    for (Toast *t : toasts->toasts())
        QVERIFY(t->isPersistent());
    QCOMPARE(window.notifications()->unreadCount(), 2);
    QCOMPARE(window.notificationButton()->text(), QStringLiteral("2 unread"));
    Toast *error = nullptr;
    for (Toast *t : toasts->toasts())
        if (t->title().contains(QStringLiteral("Server error")))
            error = t;
    QVERIFY(error);
    QVERIFY(error->message().contains(QStringLiteral("disk full")));
    // Clicking a toast focuses its tab.
    QCOMPARE(window.tabWidget()->currentIndex(), 1);
    QTest::mouseClick(error, Qt::LeftButton);
    QCOMPARE(window.tabWidget()->currentIndex(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!toastTitles(toasts).contains(QStringLiteral("Server error")), Timeout);
}

void tst_Monitor::mutedStreamRaisesNoToast()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) { r->respond(404, "text/plain", "x"); });
    MainWindow window(m_settingsFile);
    StreamView *view = window.addStream(streamFor(m_server->url(), QStringLiteral("quiet")), false);
    window.setMuted(0, true);
    view->session()->connectStream();
    QTRY_COMPARE_WITH_TIMEOUT(view->session()->status(), Session::Status::Failed, Timeout);
    QCoreApplication::processEvents();
    QVERIFY2(!toastTitles(window.toasts()).contains(QStringLiteral("quiet")), qPrintable(toastTitles(window.toasts())));
}

void tst_Monitor::toastsCoalesceRepeats()
{
    QWidget host;
    host.resize(800, 600);
    ToastManager toasts(&host);
    toasts.setMaxVisible(3);
    toasts.show(QStringLiteral("k"), Toast::Severity::Error, QStringLiteral("Server error"), QStringLiteral("one"));
    toasts.show(QStringLiteral("k"), Toast::Severity::Error, QStringLiteral("Server error"), QStringLiteral("two"));
    QCOMPARE(toasts.toasts().size(), 1);
    QCOMPARE(toasts.toasts().first()->repeatCount(), 2);
    QCOMPARE(toasts.toasts().first()->message(), QStringLiteral("two"));
    for (int i = 0; i < 5; ++i)
        toasts.show(QString::number(i), Toast::Severity::Info, QStringLiteral("n%1").arg(i), QString());
    QCOMPARE(toasts.toasts().size(), 3); // the oldest go first
    QVERIFY2(toasts.toasts().last()->title().endsWith(QStringLiteral(" · n4")),
             qPrintable(toasts.toasts().last()->title())); // with the time it happened
    toasts.setDuration(500);
    toasts.show(QStringLiteral("short"), Toast::Severity::Info, QStringLiteral("short"), QString());
    QTRY_VERIFY_WITH_TIMEOUT(!toastTitles(&toasts).contains(QStringLiteral("short")), Timeout);
}

void tst_Monitor::failureSurvivesAStormOfRoutineNotices()
{
    // A permanent failure stays on screen while a flaky stream reconnects again and again;
    // it goes only when the user dismisses it (× or Esc).
    ToastManager toasts;
    toasts.setMaxVisible(4);
    toasts.setDuration(60000);
    toasts.show(QStringLiteral("gone:failed"), Toast::Severity::Error, QStringLiteral("gone failed"),
                QStringLiteral("The server answered 410 Gone."), {}, true);
    for (int i = 0; i < 40; ++i) {
        toasts.show(QStringLiteral("flaky%1:connected").arg(i % 7), Toast::Severity::Success,
                    QStringLiteral("flaky%1 reconnected").arg(i % 7), QString());
    }
    QCOMPARE(toasts.toasts().size(), 4);
    QVERIFY(toastTitles(&toasts).contains(QStringLiteral("gone failed")));
    Toast *failed = toasts.toasts().constFirst();
    QVERIFY(failed->isPersistent());
    // Keyboard: Esc on a focused toast dismisses it.
    toasts.QWidget::show();
    failed->setFocus();
    QTest::keyClick(failed, Qt::Key_Escape);
    QVERIFY(!toastTitles(&toasts).contains(QStringLiteral("gone failed")));
    // The × button dismisses too.
    Toast *other = toasts.toasts().constFirst();
    const QString title = other->title();
    other->closeButton()->click();
    QVERIFY(!toastTitles(&toasts).contains(title));
}

void tst_Monitor::notificationHistoryOpensTheStream()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) { r->respond(404, "text/plain", "x"); });
    MainWindow window(m_settingsFile);
    window.show();
    window.addStream(streamFor(m_server->url(), QStringLiteral("lost")), true);
    window.addStream(streamFor(m_server->url(QStringLiteral("/other")), QStringLiteral("other")), false);
    QCOMPARE(window.tabWidget()->currentIndex(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(window.notifications()->unreadCount(), 1, Timeout);
    QCOMPARE(window.notificationButton()->text(), QStringLiteral("1 unread"));
    // The bell opens the history; Enter on the newest line opens its stream.
    QString listed;
    QTimer::singleShot(0, &window, [&listed] {
        auto *dialog = qobject_cast<NotificationHistoryDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        QTreeWidget *list = dialog->list();
        listed = list->topLevelItem(0)->text(1) + u'|' + list->topLevelItem(0)->text(2);
        QTest::keyClick(list, Qt::Key_Return);
    });
    window.notificationButton()->click();
    QVERIFY2(listed.startsWith(QStringLiteral("lost|lost failed")), qPrintable(listed));
    QVERIFY2(listed.contains(QStringLiteral("404")), qPrintable(listed));
    QCOMPARE(window.tabWidget()->currentIndex(), 0);
    QCOMPARE(window.notifications()->unreadCount(), 0);
    QCOMPARE(window.notificationButton()->text(), QStringLiteral("Notifications"));
}

void tst_Monitor::keyboardSwitchesStreamsAnywhere()
{
    MainWindow window(m_settingsFile);
    window.show();
    for (int i = 0; i < 3; ++i)
        window.addStream(streamFor(m_server->url(), QStringLiteral("s%1").arg(i)), false);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    StreamView *view = window.currentView();
    // Focus in the detail pane's own tab widget: Ctrl+Tab still switches streams.
    view->showDiagnostics(false);
    view->findChild<QPlainTextEdit *>()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.tabWidget()->currentIndex(), 0);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(window.tabWidget()->currentIndex(), 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(window.tabWidget()->currentIndex(), 2);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(window.tabWidget()->currentIndex(), 0); // wraps
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(window.tabWidget()->currentIndex(), 2);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_9, Qt::ControlModifier);
    QCOMPARE(window.tabWidget()->currentIndex(), 2); // the last one
    QCOMPARE(window.windowTitle(), QStringLiteral("s2 — SSE Monitor"));
    // The Event/Diagnostics switch has a key of its own.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(window.currentView()->isShowingDiagnostics());
}

void tst_Monitor::failureReasonOnScreen()
{
    m_server->setHandler([](const HttpRequest &req, HttpResponder *r) {
        if (req.path() == "/flaky") {
            r->respond(503, "text/plain", "busy");
            return;
        }
        r->respond(400, "application/json", R"({"detail": "unknown parameter 'colour'"})");
    });
    MainWindow window(m_settingsFile);
    window.show();
    StreamView *flaky = window.addStream(streamFor(m_server->url(QStringLiteral("/flaky")), QStringLiteral("flaky")), false);
    StreamView *view = window.addStream(streamFor(m_server->url(), QStringLiteral("strict")), true);
    StatusPanel *panel = view->statusPanel();
    const int height = panel->height();
    QTRY_COMPARE_WITH_TIMEOUT(view->session()->status(), Session::Status::Failed, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(panel->isReasonVisible(), Timeout);
    QCOMPARE(panel->reasonText(),
             QStringLiteral("The server answered 400 Bad Request. It said: unknown parameter 'colour'"));
    QCOMPARE(panel->height(), height);
    // The link opens the diagnostics, where the body is kept.
    QLabel *link = nullptr;
    for (QLabel *l : panel->findChildren<QLabel *>())
        if (l->text().contains(QStringLiteral("#diagnostics")))
            link = l;
    QVERIFY(link);
    Q_EMIT link->linkActivated(QStringLiteral("#diagnostics"));
    QVERIFY(view->isShowingDiagnostics());
    // A countdown does not change the row's height either.
    window.tabWidget()->setCurrentIndex(0);
    flaky->session()->connectStream();
    QTRY_VERIFY_WITH_TIMEOUT(flaky->statusPanel()->isCountdownVisible(), Timeout);
    QCOMPARE(flaky->statusPanel()->height(), height);
}

void tst_Monitor::inspectingStopsFollowingAndCountsShown()
{
    QPointer<HttpResponder> stream;
    m_server->setHandler([&stream](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: a1\n\ndata: b2\n\ndata: a3\n\n");
        stream = r;
    });
    MainWindow window(m_settingsFile);
    window.show();
    StreamView *view = window.addStream(streamFor(m_server->url()), true);
    view->markersSwitch()->setChecked(false); // the events alone: rows are events here
    QTRY_COMPARE_WITH_TIMEOUT(view->table()->model()->rowCount(), 3, Timeout);
    QVERIFY(view->isFollowing());
    QVERIFY(view->shownText().isEmpty());
    view->table()->selectRow(0); // inspecting an old event
    QVERIFY(!view->isFollowing());
    stream->write("data: a4\n\n");
    QTRY_COMPARE_WITH_TIMEOUT(view->table()->model()->rowCount(), 4, Timeout);
    QCOMPARE(view->table()->currentIndex().row(), 0);
    QCOMPARE(view->unseenCount(), 1);
    view->jumpToNewest();
    QVERIFY(view->isFollowing());
    // A filter that hides events says how many it shows.
    view->findChild<QLineEdit *>()->setText(QStringLiteral("a"));
    QTRY_COMPARE_WITH_TIMEOUT(view->shownText(), QStringLiteral("3 of 4 shown"), Timeout);
    // The matches are marked in the data column, as a browser's find marks them.
    using Spans = QList<QPair<int, int>>;
    QCOMPARE(view->matchDelegate()->matches(QStringLiteral("a1 bA")), (Spans{{0, 1}, {4, 1}}));
    const QImage shot = view->table()->viewport()->grab().toImage();
    bool marked = false;
    for (int y = 0; y < shot.height() && !marked; ++y)
        for (int x = 0; x < shot.width() && !marked; ++x)
            marked = shot.pixelColor(x, y) == QColor(0xff, 0xe0, 0x82);
    QVERIFY(marked);
    view->findChild<QLineEdit *>()->clear();
    QTRY_COMPARE_WITH_TIMEOUT(view->matchDelegate()->matches(QStringLiteral("a1")), Spans(), Timeout);
}

void tst_Monitor::connectionStoryInTheLogAndTimeline()
{
    // Two events, the server ends the stream, the client resumes from id 2 and gets event 3.
    int n = 0;
    m_server->setHandler([&n](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        if (++n == 1) {
            r->write("id: 1\ndata: a\n\nid: 2\ndata: b\n\n");
            r->close();
        } else {
            r->write("id: 3\ndata: c\n\n");
        }
    });
    MainWindow window(m_settingsFile);
    window.resize(1000, 700);
    window.show();
    StoredStream stored = streamFor(m_server->url());
    stored.config.policy.initialDelayMs = 50;
    StreamView *view = window.addStream(stored, true);
    QAbstractItemModel *rows = view->table()->model();
    QTRY_COMPARE_WITH_TIMEOUT(view->session()->log()->eventCount(), 3, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(rows->rowCount(), 8, Timeout);
    QStringList types;
    for (int row = 0; row < rows->rowCount(); ++row)
        types << rows->index(row, EventLogModel::TypeColumn).data().toString();
    QCOMPARE(types, (QStringList{QStringLiteral("connected"), QStringLiteral("message"),
                                 QStringLiteral("message"), QStringLiteral("dropped"),
                                 QStringLiteral("retrying"), QStringLiteral("resumed"),
                                 QStringLiteral("first event"), QStringLiteral("message")}));
    QVERIFY(view->shownText().isEmpty()); // markers are not events: nothing is hidden

    // A marker is a band of its own in the rendered log, not an event row.
    view->jumpToNewest();
    view->table()->scrollToTop();
    const QImage shot = view->table()->viewport()->grab().toImage();
    const auto rowColour = [&](int row) {
        const QRect r = view->table()->visualRect(rows->index(row, EventLogModel::SizeColumn));
        return shot.pixelColor(r.right() - 3, r.center().y());
    };
    QCOMPARE(rowColour(3), rowColour(5)); // dropped and resumed: the same band
    QVERIFY(rowColour(3) != rowColour(1));
    QVERIFY(rowColour(3) != rowColour(2)); // whatever the alternating colour

    // Selecting it shows the story in the detail pane, the Last-Event-ID sent included.
    view->table()->selectRow(5);
    QVERIFY2(view->detailText().contains(QStringLiteral("\u201c2\u201d")), qPrintable(view->detailText()));

    // The filter bar's switch hides the markers; the events stay.
    view->markersSwitch()->setChecked(false);
    QCOMPARE(rows->rowCount(), 3);
    view->markersSwitch()->setChecked(true);
    QCOMPARE(rows->rowCount(), 8);

    // The timeline strip: connected, then the reconnect, then open again, ending now.
    TimelineStrip *strip = view->timeline();
    QVERIFY(strip && strip->isVisible());
    QList<Session::Status> drawn;
    for (const auto &segment : strip->segments())
        drawn << segment.status;
    QVERIFY2(drawn.size() >= 3, qPrintable(QString::number(drawn.size())));
    QCOMPARE(drawn.mid(drawn.size() - 3), (QList<Session::Status>{Session::Status::Open, Session::Status::Reconnecting,
                                                                  Session::Status::Open}));
    const TimelineStrip::Segment last = strip->segments().constLast();
    QVERIFY2(strip->describeAt(last.right - 1).startsWith(QStringLiteral("Open, ")),
             qPrintable(strip->describeAt(last.right - 1)));
    QVERIFY(strip->describeAt(last.right - 1).contains(QStringLiteral("to now")));
    QCOMPARE(strip->describeAt(strip->width() / 10), QStringLiteral("Not watched yet"));
    QVERIFY(strip->accessibleDescription().startsWith(QStringLiteral("Last hour: up ")));

    // Exports leave the markers out unless JSON Lines is asked for them.
    const auto exportTo = [&](const QString &name) {
        const QString file = m_dir->filePath(name);
        QSignalSpy exported(&window, &MainWindow::exportFinished);
        if (!window.exportCurrentLog(file, false))
            return QByteArrayList();
        if (!QTest::qWaitFor([&] { return exported.size() == 1; }, Timeout))
            return QByteArrayList();
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().split('\n') : QByteArrayList();
    };
    QCOMPARE(exportTo(QStringLiteral("plain.jsonl")).size(), 3);
    window.exportMarkersAction()->setChecked(true);
    const QByteArrayList lines = exportTo(QStringLiteral("story.jsonl"));
    QCOMPARE(lines.size(), 8);
    QVERIFY2(lines.at(3).startsWith("{\"marker\":\"dropped\""), lines.at(3).constData());
    QVERIFY2(lines.at(5).contains("Last-Event-ID"), lines.at(5).constData());
    QCOMPARE(exportTo(QStringLiteral("story.csv")).size(), 4); // header and events: no markers
}

void tst_Monitor::streamDialogRoundTrip()
{
    StreamConfig config;
    config.name = QStringLiteral("LLM");
    config.request.url = QUrl(QStringLiteral("https://api.example.com/v1/chat"));
    config.request.method = "POST";
    config.request.headers = {{"Authorization", "Bearer k", true}, {"X-Trace", "1", false}};
    config.request.body = R"({"stream":true})";
    config.request.lastEventId = "41";
    config.policy.mode = ReconnectPolicy::Mode::SpecStrict;
    config.policy.initialDelayMs = 1500;
    config.policy.maxDelayMs = 20000;
    config.policy.jitter = false;
    config.policy.maxRetries = 7;
    config.idleTimeoutMs = 45000;
    config.connectTimeoutMs = 8000;
    config.silentAfterMs = 90000;
    config.maxEventBytes = 4 * 1024 * 1024;
    config.autoConnect = true;
    StreamDialog dialog;
    dialog.setConfig(config);
    QCOMPARE(dialog.config(), config);
    QVERIFY(dialog.validationError().isEmpty());
}

void tst_Monitor::streamDialogValidates()
{
    StreamDialog dialog;
    QVERIFY(!dialog.validationError().isEmpty()); // no URL
    StreamConfig config;
    config.request.url = QUrl(QStringLiteral("ftp://example.com/x"));
    dialog.setConfig(config);
    QVERIFY(dialog.validationError().contains(QStringLiteral("http")));
    config.request.url = QUrl(QStringLiteral("http://example.com/x"));
    config.request.headers = {{"Bad Header", "v", false}};
    dialog.setConfig(config);
    QVERIFY(dialog.validationError().contains(QStringLiteral("Bad Header")));
}

void tst_Monitor::streamDialogUncompressedOption()
{
    // "Ask for an uncompressed stream" is the header Accept-Encoding: identity, shown as a
    // check box rather than a row, and saved with the other headers.
    StreamConfig config;
    config.request.url = QUrl(QStringLiteral("http://example.com/events"));
    config.request.headers = {{"X-Team", "a", false}, {"accept-encoding", "identity", false}};
    StreamDialog dialog;
    dialog.setConfig(config);
    QVERIFY(dialog.uncompressedBox()->isChecked());
    QCOMPARE(dialog.findChild<QTableWidget *>()->rowCount(), 1);
    QCOMPARE(dialog.config().request.headers,
             (QList<Header>{{"X-Team", "a", false}, {"Accept-Encoding", "identity", false}}));
    dialog.uncompressedBox()->click();
    QCOMPARE(dialog.config().request.headers, (QList<Header>{{"X-Team", "a", false}}));
    dialog.uncompressedBox()->click();
    QCOMPARE(dialog.config().request.headers.constLast(), (Header{"Accept-Encoding", "identity", false}));
}

void tst_Monitor::curlCommandFillsDialog()
{
    StreamDialog dialog;
    const QString error = dialog.applyCurlCommand(QStringLiteral(
        "curl -N https://api.example.com/v1/chat/completions \\\n"
        "  -H \"Authorization: Bearer sk-123\" -H 'Content-Type: application/json' \\\n"
        "  -d '{\"stream\":true}'"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const StreamConfig c = dialog.config();
    QCOMPARE(c.request.url, QUrl(QStringLiteral("https://api.example.com/v1/chat/completions")));
    QCOMPARE(c.request.method, QByteArray("POST"));
    QCOMPARE(c.request.body, QByteArray(R"({"stream":true})"));
    bool sawAuth = false;
    for (const Header &h : c.request.headers)
        if (h.name == "Authorization") {
            sawAuth = true;
            QCOMPARE(h.value, QByteArray("Bearer sk-123"));
            QVERIFY(h.secret);
        }
    QVERIFY(sawAuth);
    QVERIFY(!c.name.isEmpty());
    QVERIFY(!dialog.applyCurlCommand(QStringLiteral("wget http://x")).isEmpty());
}

void tst_Monitor::ignoreTlsErrorsNeedsConfirmation()
{
    StreamDialog dialog;
    QCheckBox *box = dialog.ignoreTlsErrorsBox();
    QVERIFY(!box->isChecked()); // never the default
    QVERIFY(!box->isEnabled()); // no URL yet: nothing to verify
    StreamConfig config;
    config.request.url = QUrl(QStringLiteral("https://127.0.0.1:1/events"));
    dialog.setConfig(config);
    QVERIFY(box->isEnabled());
    QVERIFY(!box->isChecked());
    QVERIFY(!dialog.config().request.ignoreTlsErrors);

    // Checking it warns; declining (Cancel, the default button) leaves it unchecked.
    SeenBox declined;
    answerMessageBox(QMessageBox::Cancel, &declined);
    box->click();
    QTRY_VERIFY_WITH_TIMEOUT(declined.shown, Timeout);
    QCOMPARE(declined.objectName, QStringLiteral("ignoreTlsErrorsWarning"));
    QCOMPARE(declined.icon, QMessageBox::Warning);
    QVERIFY(declined.cancelIsDefault);
    QVERIFY2(declined.text.contains(QStringLiteral("read the stream and alter it"))
                 && declined.text.contains(QStringLiteral("credentials")),
             qPrintable(declined.text));
    QVERIFY(!box->isChecked());
    QVERIFY(!dialog.config().request.ignoreTlsErrors);

    // Accepting keeps it.
    SeenBox accepted;
    answerMessageBox(QMessageBox::Yes, &accepted);
    box->click();
    QTRY_VERIFY_WITH_TIMEOUT(accepted.shown, Timeout);
    QVERIFY(box->isChecked());
    QVERIFY(dialog.config().request.ignoreTlsErrors);

    // Not for http: switching to it turns the option off and disables it.
    dialog.setConfig(dialog.config()); // restoring a confirmed choice does not ask again
    QVERIFY(box->isChecked());
    config.request.url = QUrl(QStringLiteral("http://127.0.0.1:1/events"));
    config.request.ignoreTlsErrors = true;
    dialog.setConfig(config);
    QVERIFY(!box->isEnabled());
    QVERIFY(!box->isChecked());
    QVERIFY(!dialog.config().request.ignoreTlsErrors);
}

void tst_Monitor::insecureBadgeWhileTlsErrorsIgnored()
{
    MainWindow window(m_settingsFile);
    StoredStream insecure = streamFor(QUrl(QStringLiteral("https://127.0.0.1:1/events")));
    insecure.config.request.ignoreTlsErrors = true;
    StreamView *view = window.addStream(insecure, false);
    StatusPanel *status = view->statusPanel();
    QVERIFY(status->isInsecureBadgeVisible());
    QVERIFY2(status->insecureBadgeText().contains(QStringLiteral("Insecure")),
             qPrintable(status->insecureBadgeText()));
    QVERIFY2(status->insecureBadgeToolTip().contains(QStringLiteral("not authenticated")),
             qPrintable(status->insecureBadgeToolTip()));
    QVERIFY(window.tabWidget()->tabToolTip(0).contains(QStringLiteral("Insecure")));

    // Duplicating the stream keeps the option (and its badge).
    QAction *duplicate = nullptr;
    for (QAction *a : window.findChildren<QAction *>())
        if (a->text() == QStringLiteral("D&uplicate"))
            duplicate = a;
    QVERIFY(duplicate);
    duplicate->trigger();
    QCOMPARE(window.tabCount(), 2);
    QVERIFY(window.view(1)->session()->config().request.ignoreTlsErrors);
    QVERIFY(window.view(1)->statusPanel()->isInsecureBadgeVisible());

    // Turning the option off removes the badge at once.
    StreamConfig config = view->session()->config();
    config.request.ignoreTlsErrors = false;
    view->session()->setConfig(config);
    QVERIFY(!status->isInsecureBadgeVisible());

    StreamView *plain = window.addStream(streamFor(QUrl(QStringLiteral("https://127.0.0.1:1/x"))), false);
    QVERIFY(!plain->statusPanel()->isInsecureBadgeVisible());
}

void tst_Monitor::alertRulesDialogValidates()
{
    AlertRulesDialog dialog(QStringLiteral("s1"), {});
    dialog.addRule(AlertRule(QStringLiteral("s1"), QStringLiteral("tick"), QStringLiteral("(unclosed")));
    QVERIFY(dialog.validationError().contains(QStringLiteral("Rule 1")));
    AlertRulesDialog ok(QStringLiteral("s1"), {AlertRule(QStringLiteral("s1"), QStringLiteral("tick"), QStringLiteral("x+"))});
    QVERIFY(ok.validationError().isEmpty());
    QCOMPARE(ok.rules().size(), 1);
    QCOMPARE(ok.rules().first().pattern(), QStringLiteral("x+"));
}

void tst_Monitor::alertRuleRaisesToast()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("event: order\ndata: {\"total\":12}\n\nevent: order\ndata: {\"total\":9001}\n\n");
    });
    MainWindow window(m_settingsFile);
    StoredStream s = streamFor(m_server->url(), QStringLiteral("shop"));
    s.alertRules = {AlertRule(s.id, QStringLiteral("order"), QStringLiteral("\"total\":\\d{4,}"))};
    window.addStream(s, true);
    QTRY_VERIFY_WITH_TIMEOUT(toastTitles(window.toasts()).contains(QStringLiteral("Alert on shop")), Timeout);
    for (Toast *t : window.toasts()->toasts())
        if (t->title().contains(QStringLiteral("Alert")))
            QVERIFY2(t->message().contains(QStringLiteral("9001")) && t->repeatCount() == 1, qPrintable(t->message()));
}

void tst_Monitor::settingsRoundTrip()
{
    StoredStream first = streamFor(m_server->url(QStringLiteral("/a")), QStringLiteral("first"));
    first.config.autoConnect = true;
    StoredStream second = streamFor(m_server->url(QStringLiteral("/b")), QStringLiteral("second"));
    second.alertRules = {AlertRule(second.id, QStringLiteral("x"), QString())};
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: x\n\n");
    });
    {
        MainWindow window(m_settingsFile);
        window.addStream(first, false);
        StreamView *v = window.addStream(second, false);
        QVariantMap state = v->uiState();
        state[QStringLiteral("filterText")] = QStringLiteral("needle");
        state[QStringLiteral("logCapacity")] = 1234;
        v->applyUiState(state);
        window.setMuted(1, true);
        window.tabWidget()->tabBar()->moveTab(0, 1); // order: second, first
        window.tabWidget()->setCurrentIndex(1);
        QVERIFY(window.saveSettings());
    }
    MainWindow restored(m_settingsFile);
    restored.start(true, false, {});
    QVERIFY2(restored.settingsNotices().isEmpty(), qPrintable(restored.settingsNotices().join(u'\n')));
    QCOMPARE(restored.tabCount(), 2);
    QCOMPARE(restored.view(0)->session()->config().name, QStringLiteral("second"));
    QCOMPARE(restored.view(1)->session()->config().name, QStringLiteral("first"));
    QCOMPARE(restored.tabWidget()->currentIndex(), 1);
    QVERIFY(restored.isMuted(0));
    QCOMPARE(restored.view(0)->uiState().value(QStringLiteral("filterText")).toString(), QStringLiteral("needle"));
    QCOMPARE(restored.view(0)->session()->log()->capacity(), 1234);
    QCOMPARE(restored.view(0)->session()->alertRules().size(), 1);
    // Auto-connect streams reconnect on launch; the others wait.
    QTRY_COMPARE_WITH_TIMEOUT(restored.view(1)->session()->status(), Session::Status::Open, Timeout);
    QCOMPARE(restored.view(0)->session()->status(), Session::Status::Idle);
}

void tst_Monitor::corruptSettingsFallBackWithNotice()
{
    const QString path = m_dir->filePath(QStringLiteral("corrupt.ini"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[streams]\nsize=3\n1\\id=\x01\x02\n1\\url=::not a url::\n1\\policy\\mode=warp\n"
                "[window]\ngeometry=@ByteArray(garbage)\n[app]\ndefaultLogCapacity=-5\n");
    }
    MainWindow window(path);
    window.start(true, false, {});
    QVERIFY(!window.settingsNotices().isEmpty());
    QCOMPARE(window.tabCount(), 0);
    QCOMPARE(window.preferences().defaultLogCapacity, AppPreferences::DefaultLogCapacity);
    QVERIFY(window.settingsMessageShown());
    // It names where the original went, and stays until dismissed (not a timed toast).
    QVERIFY2(window.settingsNotices().first().contains(path + QStringLiteral(".damaged")),
             qPrintable(window.settingsNotices().join(u'\n')));
    QTest::qWait(100);
    QVERIFY(window.settingsMessageShown());
}

void tst_Monitor::changesReachTheDiskWithinASecond()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) { r->writeHead(200, streamHeaders()); });
    const auto saved = [this] { return SettingsStore(m_settingsFile).load(); };
    MainWindow window(m_settingsFile);
    window.start(true, false, {});
    QElapsedTimer clock;
    clock.start();
    StreamView *view = window.addStream(streamFor(m_server->url(QStringLiteral("/saved"))), false);
    QTRY_COMPARE_WITH_TIMEOUT(saved().streams.size(), 1, 1000);
    qInfo("a new stream was on disk after %lld ms", qlonglong(clock.elapsed()));

    // State without a change signal of its own (the filter text) follows within a second too.
    QVariantMap state = view->uiState();
    state[QStringLiteral("filterText")] = QStringLiteral("needle");
    view->applyUiState(state);
    QTRY_COMPARE_WITH_TIMEOUT(saved().streams.value(0).uiState.value(QStringLiteral("filterText")).toString(),
                              QStringLiteral("needle"), MainWindow::CheckpointMs + 500);
    window.setMuted(0, true);
    QTRY_VERIFY_WITH_TIMEOUT(saved().streams.value(0).uiState.value(QStringLiteral("muted")).toBool(), 1000);
    window.tabWidget()->tabCloseRequested(0);
    QTRY_COMPARE_WITH_TIMEOUT(saved().streams.size(), 0, 1000);
}

void tst_Monitor::connectedStreamsResumeOnLaunch_data()
{
    QTest::addColumn<bool>("preference");
    QTest::newRow("reconnect on launch (default)") << true;
    QTest::newRow("preference off") << false;
}

void tst_Monitor::connectedStreamsResumeOnLaunch()
{
    QFETCH(bool, preference);
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: x\n\n");
    });
    {
        MainWindow window(m_settingsFile);
        window.start(true, false, {});
        window.addStream(streamFor(m_server->url(QStringLiteral("/on"))), true);
        window.addStream(streamFor(m_server->url(QStringLiteral("/off"))), false);
        QTRY_COMPARE_WITH_TIMEOUT(window.view(0)->session()->status(), Session::Status::Open, Timeout);
        QCOMPARE(window.preferences().reconnectOnLaunch, true); // on by default
        QVERIFY(window.saveSettings()); // what a quit does
    }
    SettingsStore store(m_settingsFile);
    auto loaded = store.load();
    loaded.preferences.reconnectOnLaunch = preference; // as the Preferences dialog sets it
    QVERIFY(store.savePreferences(loaded.preferences));

    MainWindow restored(m_settingsFile);
    restored.start(true, false, {});
    QCOMPARE(restored.tabCount(), 2);
    if (preference)
        QTRY_COMPARE_WITH_TIMEOUT(restored.view(0)->session()->status(), Session::Status::Open, Timeout);
    else
        QCOMPARE(restored.view(0)->session()->status(), Session::Status::Idle);
    QCOMPARE(restored.view(1)->session()->status(), Session::Status::Idle); // was not connected
}

void tst_Monitor::connectAllAndDisconnectAll()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: x\n\n");
    });
    MainWindow window(m_settingsFile);
    window.start(false, false, {});
    for (int i = 0; i < 3; ++i)
        window.addStream(streamFor(m_server->url(QStringLiteral("/all%1").arg(i))), false);
    const auto all = [&window](Session::Status status) {
        for (int i = 0; i < window.tabCount(); ++i)
            if (window.view(i)->session()->status() != status)
                return false;
        return true;
    };
    QVERIFY(all(Session::Status::Idle));
    window.connectAll();
    QTRY_VERIFY_WITH_TIMEOUT(all(Session::Status::Open), Timeout);
    QCOMPARE(m_server->requests().size(), 3);
    window.connectAll(); // open streams are left alone
    window.disconnectAll();
    QVERIFY(all(Session::Status::Idle));
    QCOMPARE(m_server->requests().size(), 3);
}

void tst_Monitor::noRestoreLeavesTheSavedSessionAlone()
{
    QVERIFY(SettingsStore(m_settingsFile).saveStreams({streamFor(m_server->url(QStringLiteral("/kept")))}));
    QFile f(m_settingsFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray before = f.readAll();
    f.close();
    {
        MainWindow window(m_settingsFile);
        window.start(false, false, {m_server->url(QStringLiteral("/other"))});
        window.show();
        QTest::qWait(MainWindow::CheckpointMs + 200); // past every save that could come
        window.close();
    }
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
}

void tst_Monitor::openUrlFocusesTheSameStream()
{
    MainWindow window(m_settingsFile);
    window.start(false, false, {m_server->url(QStringLiteral("/x"))});
    QCOMPARE(window.tabCount(), 1);
    window.addStream(streamFor(m_server->url(QStringLiteral("/y"))), false);
    QCOMPARE(window.tabWidget()->currentIndex(), 1);
    QCOMPARE(window.openUrl(m_server->url(QStringLiteral("/x"))), MainWindow::OpenResult::Focused);
    QCOMPARE(window.tabCount(), 2);
    QCOMPARE(window.tabWidget()->currentIndex(), 0);
    // Same URL, other request (a header): another stream.
    StoredStream withHeader = streamFor(m_server->url(QStringLiteral("/z")));
    withHeader.config.request.headers = {Header{"X-A", "1", false}};
    window.addStream(withHeader, false);
    QCOMPARE(window.openUrl(m_server->url(QStringLiteral("/z"))), MainWindow::OpenResult::Added);
    QCOMPARE(window.tabCount(), 4);
}

void tst_Monitor::streamSetExportAndImport()
{
    const QString file = m_dir->filePath(QStringLiteral("team.json"));
    StoredStream secret = streamFor(m_server->url(QStringLiteral("/secret")), QStringLiteral("secret"));
    secret.config.request.headers = {Header{"Authorization", "Bearer TOPSECRET-9", true}};
    QList<StreamConfig> exported;
    {
        MainWindow window(m_settingsFile);
        window.start(false, false, {});
        window.addStream(streamFor(m_server->url(QStringLiteral("/a")), QStringLiteral("a")), false);
        window.addStream(secret, false);
        window.openDemo(); // demo streams are this run's, not part of the set
        QString error;
        QVERIFY2(window.exportStreams(file, false, &error), qPrintable(error));
        for (int i = 0; i < 2; ++i)
            exported.append(window.view(i)->session()->config());
    }
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains("TOPSECRET-9"));

    MainWindow other(m_dir->filePath(QStringLiteral("other.conf")));
    other.start(false, false, {});
    QString error;
    int added = -1;
    QVERIFY2(other.importStreams(file, &error, &added), qPrintable(error));
    QCOMPARE(added, 2);
    QCOMPARE(other.tabCount(), 2);
    QCOMPARE(other.view(0)->session()->config(), exported.at(0));
    QCOMPARE(other.view(1)->session()->config().request.headers.at(0).value, QByteArray());
    QVERIFY(toastTitles(other.toasts()).contains(QStringLiteral("needs its secrets again"))
            || other.view(1)->session()->status() == Session::Status::Idle);
    // Importing again adds nothing: those streams are open.
    QVERIFY(other.importStreams(file, &error, &added));
    QCOMPARE(added, 0);

    // A bad file adds nothing and says where.
    const QString bad = m_dir->filePath(QStringLiteral("bad.json"));
    QFile b(bad);
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write("{\"format\": \"sse-monitor-streams\", \"version\": 1, \"streams\": [\n"
            "  {\"url\": \"https://new.example/1\"},\n  {\"url\": 7}\n]}\n");
    b.close();
    QVERIFY(!other.importStreams(bad, &error, &added));
    QVERIFY2(error.startsWith(QStringLiteral("line 3: stream 2")), qPrintable(error));
    QCOMPARE(other.tabCount(), 2);
}

void tst_Monitor::secretsNotSavedWithoutOptIn()
{
    StoredStream s = streamFor(m_server->url(), QStringLiteral("secret"));
    s.config.request.headers = {{"Authorization", "Bearer TOPSECRET-123", true}};
    {
        MainWindow window(m_settingsFile);
        window.addStream(s, false);
        QVERIFY(window.saveSettings());
    }
    QFile f(m_settingsFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains("TOPSECRET-123"));
    MainWindow restored(m_settingsFile);
    restored.start(true, false, {});
    QCOMPARE(restored.tabCount(), 1);
    QVERIFY2(toastTitles(restored.toasts()).contains(QStringLiteral("needs its secrets again")),
             qPrintable(toastTitles(restored.toasts())));
}

void tst_Monitor::exportImportRoundTrip_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::newRow("jsonl") << QStringLiteral("jsonl");
    QTest::newRow("sse") << QStringLiteral("sse");
}

void tst_Monitor::exportImportRoundTrip()
{
    QFETCH(QString, suffix);
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("id: 1\nevent: a\ndata: line1\ndata: line2\n\ndata: \"quoted\", comma\n\nid\nevent: error\ndata: ünïcödé 😀\n\n");
    });
    MainWindow window(m_settingsFile);
    StreamView *view = window.addStream(streamFor(m_server->url()), true);
    QTRY_COMPARE_WITH_TIMEOUT(view->session()->log()->eventCount(), 3, Timeout);
    const QList<Event> original = view->session()->log()->snapshot().toList();

    const QString file = m_dir->filePath(QStringLiteral("log.") + suffix);
    QSignalSpy exported(&window, &MainWindow::exportFinished);
    QVERIFY(window.exportCurrentLog(file, false));
    QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, Timeout);
    QVERIFY2(exported.at(0).at(0).toBool(), qPrintable(exported.at(0).at(1).toString()));

    QSignalSpy imported(&window, &MainWindow::importFinished);
    window.importLog(file);
    QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, Timeout);
    QVERIFY2(imported.at(0).at(0).toBool(), qPrintable(imported.at(0).at(1).toString()));
    QCOMPARE(window.tabCount(), 2);
    StreamView *copy = window.view(1);
    QVERIFY(copy->isReadOnly());
    QVERIFY(window.tabWidget()->tabText(1).contains(QStringLiteral("imported")));
    const QList<Event> back = copy->session()->log()->snapshot().toList();
    QCOMPARE(back.size(), original.size());
    for (int i = 0; i < back.size(); ++i) {
        QCOMPARE(back[i].type, original[i].type);
        QCOMPARE(back[i].data, original[i].data);
        QCOMPARE(back[i].lastEventId, original[i].lastEventId);
        if (suffix == u"jsonl") {
            QCOMPARE(back[i].hasId, original[i].hasId);
            QCOMPARE(back[i].receivedAtMs, original[i].receivedAtMs);
        }
    }
    // An imported tab shows what the file holds, and no live controls.
    QVERIFY2(copy->factsText().startsWith(QStringLiteral("3 events · ")), qPrintable(copy->factsText()));
    QVERIFY2(copy->factsText().contains(QStringLiteral("types: ")) && copy->factsText().contains(QStringLiteral("error")),
             qPrintable(copy->factsText()));
    QVERIFY(!copy->statusPanel() && !copy->statsPanel());
    window.tabWidget()->setCurrentIndex(1);
    const QList<QAction *> actions = window.findChildren<QAction *>();
    for (QAction *a : actions) {
        if (a->text() == QStringLiteral("&Pause Display") || a->text() == QStringLiteral("&Connect"))
            QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
    }
}

void tst_Monitor::welcomePageAndDemo()
{
    MainWindow window(m_settingsFile);
    window.start(false, false, {});
    QCOMPARE(window.tabCount(), 0);
    QVERIFY(!window.tabWidget()->isVisibleTo(&window));
    window.openDemo();
    QCOMPARE(window.tabCount(), 5);
    for (int i = 0; i < 5; ++i)
        QTRY_VERIFY_WITH_TIMEOUT(window.view(i)->session()->statistics().events > 0, Timeout);
    // Demo streams are not saved: they depend on this run's port.
    QVERIFY(window.saveSettings());
    MainWindow again(m_settingsFile);
    again.start(true, false, {});
    QCOMPARE(again.tabCount(), 0);
}

void tst_Monitor::renameDoesNotReconnect()
{
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write("data: x\n\n");
    });
    MainWindow window(m_settingsFile);
    StreamView *view = window.addStream(streamFor(m_server->url()), true);
    QTRY_COMPARE_WITH_TIMEOUT(view->session()->status(), Session::Status::Open, Timeout);
    StreamConfig c = view->session()->config();
    c.name = QStringLiteral("renamed");
    view->session()->setConfig(c);
    QCOMPARE(view->session()->status(), Session::Status::Open);
    QCOMPARE(m_server->requests().size(), 1);
}

void tst_Monitor::diagnosticsPaneShowsFindings()
{
    // A stream without Cache-Control, whose page would live on another origin.
    m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, {{"Content-Type", "text/event-stream"}});
        r->write("data: a\n\n");
    });
    MainWindow window(m_settingsFile);
    window.show();
    StreamView *view = window.addStream(streamFor(m_server->url()), true);
    view->showDiagnostics(true);
    DiagnosticsView *pane = view->diagnosticsView();
    pane->setPageOrigin(QStringLiteral("http://localhost:3000"));
    QTRY_VERIFY_WITH_TIMEOUT(pane->summary().contains(QStringLiteral("problem")), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(pane->shownText().contains(QStringLiteral("Cache-Control")), Timeout);
    QVERIFY2(pane->shownText().contains(QStringLiteral("Access-Control-Allow-Origin")), qPrintable(pane->shownText()));
    QVERIFY(pane->shownText().contains(QStringLiteral("200")));
    // The report goes to a JSON file with its findings.
    const QString file = m_dir->filePath(QStringLiteral("diag.json"));
    QString error;
    QVERIFY2(pane->exportJson(file, &error), qPrintable(error));
    QFile json(file);
    QVERIFY(json.open(QIODevice::ReadOnly));
    QVERIFY(json.readAll().contains("cache-control"));
    // The page origin is part of the tab's saved state.
    QCOMPARE(view->uiState().value(QStringLiteral("pageOrigin")).toString(), QStringLiteral("http://localhost:3000"));
}

QTEST_MAIN(tst_Monitor)
#include "tst_monitor.moc"
