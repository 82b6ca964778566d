// Widget tests of sse-monitor (offscreen): the indicator and countdown, the live log view and its
// connection story, toasts and the notification history, the keyboard. Dialogs, settings and
// files: tst_monitorsettings.

#include "monitorfixture.h"

using namespace monitorfixture;

class tst_Monitor : public QObject, protected MonitorFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpFixture(); }
    void cleanup() { tearDownFixture(); }

    void indicatorFollowsStatus();
    void closesWithSeveralOpenTabs();
    void countdownWhileReconnectScheduled();
    void stopRetryingEndsReconnects();
    void failedShowsLastErrorOnHover();
    void logFollowsAndJumpButton();
    void filterAppliesToStoredAndLiveEvents();
    void pauseKeepsReceiving();
    void detailPaneShowsThePayloadExactly();
    void detailPanePrettyPrintsJson();
    void toastsForNoticesAndActivation();
    void mutedStreamRaisesNoToast();
    void toastsCoalesceRepeats();
    void failureSurvivesAStormOfRoutineNotices();
    void notificationHistoryOpensTheStream();
    void keyboardSwitchesStreamsAnywhere();
    void failureReasonOnScreen();
    void inspectingStopsFollowingAndCountsShown();
    void connectionStoryInTheLogAndTimeline();
    void tickingLabelsRepaintOnlyThemselves();
};

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

namespace {
/** Counts the paint events a widget receives. */
class PaintCounter final : public QObject
{
public:
    using QObject::QObject;
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};
} // namespace

void tst_Monitor::tickingLabelsRepaintOnlyThemselves()
{
    // The statistics and the time in state change once a second. Each change of a label's text
    // posts a layout request up through every layout above it; QTabWidget answered each by
    // repainting the whole window, tab bar included, and the idle window paid for it.
    MainWindow window(m_settingsFile);
    window.resize(900, 600);
    StreamView *first = window.addStream(streamFor(m_server->url()), false);
    window.addStream(streamFor(m_server->url()), false);
    window.tabWidget()->setCurrentIndex(0);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *tabs = qobject_cast<StreamTabs *>(window.tabWidget());
    QVERIFY(tabs);
    QLabel *label = first->statsPanel()->findChild<QLabel *>();
    QVERIFY(label);
    PaintCounter tabBar, labelPaints;
    window.tabWidget()->tabBar()->installEventFilter(&tabBar);
    label->installEventFilter(&labelPaints);
    const int skipped = tabs->layoutsSkipped();
    for (const QString &text : {QStringLiteral("1 events · 80 B · 1 ev/s"),
                                QStringLiteral("12,345 events · 1.2 MB · 100 ev/s")}) {
        const int before = labelPaints.paints;
        label->setText(text); // as the once-a-second refresh does
        QTRY_VERIFY_WITH_TIMEOUT(labelPaints.paints > before, Timeout);
    }
    QCOMPARE(tabBar.paints, 0);
    QVERIFY(tabs->layoutsSkipped() > skipped);
    QCOMPARE(label->text(), QStringLiteral("12,345 events · 1.2 MB · 100 ev/s"));
    QVERIFY(label->width() >= label->sizeHint().width()); // the page was laid out for the new text

    // A change the tabs' layout depends on still lays it out: a longer tab title.
    const int layouts = tabs->layoutsDone();
    const int titleWidth = tabs->tabBar()->tabRect(0).width();
    tabs->setTabText(0, QStringLiteral("a stream whose name is a good deal longer than before"));
    QTRY_VERIFY_WITH_TIMEOUT(tabs->layoutsDone() > layouts, Timeout);
    QVERIFY(tabs->tabBar()->tabRect(0).width() > titleWidth);
    QTRY_VERIFY_WITH_TIMEOUT(tabBar.paints > 0, Timeout);
}

QTEST_MAIN(tst_Monitor)
#include "tst_monitor.moc"
