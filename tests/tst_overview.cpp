// Widget tests of the "All streams" overview (offscreen), driving the real main window with
// streams against a loopback server in four states: open, silent, reconnecting, failed.

#include "diagnostics.h"
#include "httpserver.h"
#include "mainwindow.h"
#include "notificationcenter.h"
#include "overviewfilter.h"
#include "overviewmodel.h"
#include "overviewpage.h"
#include "streamview.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace sse;

namespace {

constexpr int Timeout = 10000;

StoredStream streamFor(const QUrl &url, const QString &name)
{
    StoredStream s;
    s.id = StoredStream::newId();
    s.config.name = name;
    s.config.request.url = url;
    s.config.policy.initialDelayMs = 60000; // a countdown that lasts the whole test
    s.config.policy.maxDelayMs = 60000;
    s.config.policy.jitter = false;
    s.config.silentAfterMs = 400;           // "bravo" turns Silent quickly
    return s;
}

/** The text of column \a column in the overview row of stream \a id (source model). */
QString cell(const OverviewModel *model, const QString &id, int column)
{
    return model->index(model->rowOf(id), column).data().toString();
}

QStringList names(const char *commaSeparated)
{
    return QString::fromLatin1(commaSeparated).split(u',');
}

/** The stream names in the table's order, as a user reads them. */
QStringList shownNames(const QTableView *table)
{
    QStringList names;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        names.append(table->model()->index(r, OverviewModel::Name).data().toString());
    return names;
}

int proxyRowOf(const QTableView *table, const QString &id)
{
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()->index(r, 0).data(OverviewModel::StreamIdRole).toString() == id)
            return r;
    return -1;
}

} // namespace

class tst_Overview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void rowsShowStatesAndReasons();
    void sortsByAColumn();
    void filtersByTextAndHealth();
    void enterAndDoubleClickOpenTheTab();
    void summaryCountsAndOpensThePage();
    void contextMenuDisconnects();
    void unchangedRowsAreNotSignalled();
    void reopensWhereItWas();

private:
    /** Opens the four streams and waits for their states. */
    void openFour(MainWindow *window);

    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_settingsFile;
    QString m_alpha, m_bravo, m_charlie, m_delta; // open, silent, reconnecting, failed
};

void tst_Overview::init()
{
    m_server = std::make_unique<HttpServer>();
    QVERIFY(m_server->listen() != 0);
    m_server->setHandler([](const HttpRequest &request, HttpResponder *r) {
        const QByteArray path = request.path();
        if (path == "/open") {
            r->writeHead(200, {{"Content-Type", "text/event-stream"}});
            // An event, then a comment every 100 ms: open, never silent.
            r->write("data: hi\n\n");
            auto *beat = new QTimer(r);
            QObject::connect(beat, &QTimer::timeout, r, [r] { r->write(":\n"); });
            beat->start(100);
        } else if (path == "/quiet") {
            r->writeHead(200, {{"Content-Type", "text/event-stream"}});
        } else if (path == "/busy") {
            r->respond(503, "text/plain", "busy, come back later");
        } else {
            r->respond(404, "text/plain", "no such stream");
        }
    });
    m_dir = std::make_unique<QTemporaryDir>();
    m_settingsFile = m_dir->filePath(QStringLiteral("settings.ini"));
}

void tst_Overview::cleanup()
{
    m_dir.reset();
    m_server.reset();
}

void tst_Overview::openFour(MainWindow *window)
{
    const auto add = [&](const char *path, const QString &name) {
        const StoredStream s = streamFor(m_server->url(QString::fromLatin1(path)), name);
        window->addStream(s, true);
        return s.id;
    };
    m_alpha = add("/open", QStringLiteral("alpha"));
    m_bravo = add("/quiet", QStringLiteral("bravo"));
    m_charlie = add("/busy", QStringLiteral("charlie"));
    m_delta = add("/gone", QStringLiteral("delta"));
    const auto status = [window](int tab) { return window->view(tab)->session()->status(); };
    QTRY_COMPARE_WITH_TIMEOUT(status(0), Session::Status::Open, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(status(1), Session::Status::Silent, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(status(2), Session::Status::Reconnecting, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(window->view(2)->session()->isReconnectPending(), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(status(3), Session::Status::Failed, Timeout);
}

void tst_Overview::rowsShowStatesAndReasons()
{
    MainWindow window(m_settingsFile);
    window.show();
    OverviewModel *model = window.overview()->model();
    QAbstractItemModelTester modelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(window.overview()->filter(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    openFour(&window);
    window.showOverview();
    QCOMPARE(model->rowCount(), 4);

    QCOMPARE(cell(model, m_alpha, OverviewModel::Name), QStringLiteral("alpha"));
    QCOMPARE(cell(model, m_alpha, OverviewModel::State), QStringLiteral("Open"));
    QCOMPARE(cell(model, m_alpha, OverviewModel::Reason), QString());
    QVERIFY(!model->index(model->rowOf(m_alpha), OverviewModel::State).data(Qt::DecorationRole).isNull());
    QCOMPARE(cell(model, m_bravo, OverviewModel::State), QStringLiteral("Silent"));
    QVERIFY2(cell(model, m_bravo, OverviewModel::Reason).startsWith(QStringLiteral("Nothing received for longer than 0.4 s")),
             qPrintable(cell(model, m_bravo, OverviewModel::Reason)));
    // Reconnecting, with the countdown to the next attempt and why.
    const QString countdown = cell(model, m_charlie, OverviewModel::State);
    QVERIFY2(countdown.startsWith(QStringLiteral("Reconnecting · in ")) && countdown.endsWith(QStringLiteral(" s")),
             qPrintable(countdown));
    QVERIFY2(cell(model, m_charlie, OverviewModel::Reason).contains(QStringLiteral("503")),
             qPrintable(cell(model, m_charlie, OverviewModel::Reason)));
    QCOMPARE(cell(model, m_charlie, OverviewModel::Reconnects), QStringLiteral("1"));
    QCOMPARE(cell(model, m_delta, OverviewModel::State), QStringLiteral("Failed"));
    QVERIFY2(cell(model, m_delta, OverviewModel::Reason).contains(QStringLiteral("404")),
             qPrintable(cell(model, m_delta, OverviewModel::Reason)));

    // Events and time since the last one: alpha had one, the others none.
    QCOMPARE(cell(model, m_delta, OverviewModel::LastEvent), QStringLiteral("never"));
    QVERIFY(cell(model, m_alpha, OverviewModel::LastEvent) != QStringLiteral("never"));
    // Uptime: the failed stream was watched and never up; the open one mostly up.
    QCOMPARE(cell(model, m_delta, OverviewModel::UpSinceStart), QStringLiteral("0.0 %"));
    QCOMPARE(cell(model, m_delta, OverviewModel::UpLastHour), QStringLiteral("0.0 %"));
    QTRY_VERIFY_WITH_TIMEOUT(model->index(model->rowOf(m_alpha), OverviewModel::UpSinceStart)
                                     .data(OverviewModel::SortRole).toDouble() > 50, Timeout);
    // The failure is an unread notice of its stream, and only of its stream.
    QCOMPARE(cell(model, m_delta, OverviewModel::UnreadFailures), QStringLiteral("1"));
    QCOMPARE(cell(model, m_alpha, OverviewModel::UnreadFailures), QStringLiteral("0"));
    // Read in the history, it is no longer counted.
    window.notifications()->markAllRead();
    QCOMPARE(cell(model, m_delta, OverviewModel::UnreadFailures), QStringLiteral("0"));
    // Problems: the diagnostics' errors and warnings of the stream.
    int problems = 0;
    for (const Finding &f : window.view(3)->session()->diagnostics()->findings())
        problems += f.severity != Finding::Severity::Info;
    QVERIFY(problems > 0);
    QTRY_COMPARE_WITH_TIMEOUT(cell(model, m_delta, OverviewModel::Problems), QString::number(problems), Timeout);

    // The sparkline: 59 complete slots of 5 s, and a rate.
    const QList<int> counts = model->index(0, OverviewModel::Rate).data(OverviewModel::SparklineRole).value<QList<int>>();
    QCOMPARE(counts.size(), OverviewModel::SparklineSlots);
    QVERIFY(cell(model, m_alpha, OverviewModel::Rate).endsWith(QStringLiteral("/s")));

    // A renamed stream is renamed in its row; a closed one leaves the table.
    window.tabWidget()->setCurrentIndex(0);
    sse::StreamConfig config = window.view(0)->session()->config();
    config.name = QStringLiteral("alpha prime");
    window.view(0)->session()->setConfig(config);
    QCOMPARE(cell(model, m_alpha, OverviewModel::Name), QStringLiteral("alpha prime"));
    Q_EMIT window.tabWidget()->tabCloseRequested(3);
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->rowOf(m_delta), -1);
}

void tst_Overview::sortsByAColumn()
{
    MainWindow window(m_settingsFile);
    window.show();
    openFour(&window);
    window.showOverview();
    QTableView *table = window.overview()->table();
    QCOMPARE(shownNames(table), names("alpha,bravo,charlie,delta")); // tab order
    // A click on "State" sorts by urgency, the most urgent first; a second click reverses.
    QHeaderView *header = table->horizontalHeader();
    const auto clickHeader = [header](int column) {
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(column) + 10, header->height() / 2));
    };
    clickHeader(OverviewModel::State);
    QCOMPARE(shownNames(table), names("delta,charlie,bravo,alpha"));
    clickHeader(OverviewModel::State);
    QCOMPARE(shownNames(table), names("alpha,bravo,charlie,delta"));
    // Numbers sort as numbers, the most first: the reconnecting stream has reconnected.
    clickHeader(OverviewModel::Reconnects);
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(shownNames(table).constFirst(), QStringLiteral("charlie"));
    // Sorted by name, a renamed stream moves (dynamic sorting).
    clickHeader(OverviewModel::Name);
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    QCOMPARE(shownNames(table), names("alpha,bravo,charlie,delta"));
    sse::StreamConfig config = window.view(0)->session()->config();
    config.name = QStringLiteral("zulu");
    window.view(0)->session()->setConfig(config);
    QCOMPARE(shownNames(table), names("bravo,charlie,delta,zulu"));
}

void tst_Overview::filtersByTextAndHealth()
{
    MainWindow window(m_settingsFile);
    window.show();
    openFour(&window);
    window.showOverview();
    OverviewPage *page = window.overview();
    QTableView *table = page->table();
    // The text matches the name or the URL, in any case.
    QTest::keyClicks(page->filterEdit(), QStringLiteral("CHAR"));
    QCOMPARE(shownNames(table), names("charlie"));
    page->filterEdit()->clear();
    page->filterEdit()->setText(QStringLiteral("/quiet"));
    QCOMPARE(shownNames(table), names("bravo"));
    page->filterEdit()->clear();
    QCOMPARE(table->model()->rowCount(), 4);

    page->unhealthyToggle()->click();
    QCOMPARE(shownNames(table), names("bravo,charlie,delta"));
    // A stream that is no longer unhealthy leaves the filtered list by itself.
    window.view(1)->session()->disconnectStream(); // Not connected is not unhealthy
    QCOMPARE(shownNames(table), names("charlie,delta"));
    page->unhealthyToggle()->click();
    QCOMPARE(table->model()->rowCount(), 4);
}

void tst_Overview::enterAndDoubleClickOpenTheTab()
{
    MainWindow window(m_settingsFile);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    openFour(&window);
    window.tabWidget()->setCurrentIndex(0);
    // Ctrl+0 shows the page with the focus in the table, on the first row.
    QWidget *focus = QApplication::focusWidget() ? QApplication::focusWidget() : &window;
    QTest::keyClick(focus, Qt::Key_0, Qt::ControlModifier);
    OverviewPage *page = window.overview();
    QTableView *table = page->table();
    QTRY_VERIFY(page->isVisible());
    QTRY_VERIFY(table->hasFocus());
    QCOMPARE(table->currentIndex().row(), 0);
    // Arrows move, Enter opens the stream of the current row.
    QTest::keyClick(table, Qt::Key_Down);
    QTest::keyClick(table, Qt::Key_Down);
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(window.tabWidget()->currentIndex(), 2);
    QCOMPARE(window.currentView()->session()->config().name, QStringLiteral("charlie"));
    // A double click opens the row under the pointer (sorted, so rows and tabs differ).
    table->sortByColumn(OverviewModel::Name, Qt::DescendingOrder); // delta first
    const QRect rect = table->visualRect(table->model()->index(proxyRowOf(table, m_bravo), OverviewModel::Name));
    // A real double click: a click, then the second press that Qt turns into a double click
    // (QTest::mouseDClick alone sends no first press, and the view ignores it).
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(window.tabWidget()->currentIndex(), 2); // a single click only selects
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(window.currentView()->session()->config().name, QStringLiteral("bravo"));
    QCOMPARE(window.tabWidget()->currentIndex(), 1);
    // The page stays in view beside the stream it opened.
    QVERIFY(page->isVisible());
}

void tst_Overview::summaryCountsAndOpensThePage()
{
    MainWindow window(m_settingsFile);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QToolButton *summary = window.summaryButton();
    QVERIFY(summary->isHidden()); // nothing to count
    openFour(&window);
    QCOMPARE(summary->text(), QStringLiteral("1 open · 1 silent · 1 reconnecting · 1 failed"));
    QVERIFY(summary->isVisible());
    // Statuses change it at once, with plural forms.
    window.addStream(streamFor(m_server->url(QStringLiteral("/gone2")), QStringLiteral("echo")), true);
    QTRY_COMPARE_WITH_TIMEOUT(summary->text(), QStringLiteral("1 open · 1 silent · 1 reconnecting · 2 failed"), Timeout);
    window.view(0)->session()->disconnectStream();
    QCOMPARE(summary->text(), QStringLiteral("1 silent · 1 reconnecting · 2 failed · 1 not connected"));

    // A click opens the page, keyboard focus in its table.
    QVERIFY(!window.overview()->isVisible());
    QTest::mouseClick(summary, Qt::LeftButton);
    QTRY_VERIFY(window.overview()->isVisible());
    QTRY_VERIFY(window.overview()->table()->hasFocus());
}

void tst_Overview::contextMenuDisconnects()
{
    MainWindow window(m_settingsFile);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    openFour(&window);
    window.tabWidget()->setCurrentIndex(3);
    window.showOverview();
    QTableView *table = window.overview()->table();
    QTRY_VERIFY(table->hasFocus());
    table->setCurrentIndex(table->model()->index(proxyRowOf(table, m_alpha), 0));

    // Shift+F10 opens the stream's menu at its row; the user picks Disconnect.
    QStringList offered;
    bool picked = false;
    QTimer::singleShot(0, &window, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction *a : menu->actions())
            if (!a->isSeparator())
                offered.append(a->text());
        for (QAction *a : menu->actions()) {
            if (a->text() == QStringLiteral("&Disconnect") && a->isEnabled()) {
                menu->setActiveAction(a);
                QTest::keyClick(menu, Qt::Key_Return);
                picked = true;
                return;
            }
        }
        menu->close();
    });
    QTest::keyClick(table, Qt::Key_F10, Qt::ShiftModifier);
    QCOMPARE(offered, names("&Connect,&Disconnect,&Reconnect Now,&Mute Notifications"));
    QVERIFY(picked);
    QTRY_COMPARE_WITH_TIMEOUT(window.view(0)->session()->status(), Session::Status::Idle, Timeout);
    QCOMPARE(cell(window.overview()->model(), m_alpha, OverviewModel::State), QStringLiteral("Not connected"));
    // The other streams were left alone.
    QCOMPARE(window.view(3)->session()->status(), Session::Status::Failed);
    QCOMPARE(window.view(1)->session()->status(), Session::Status::Silent);
}

void tst_Overview::unchangedRowsAreNotSignalled()
{
    MainWindow window(m_settingsFile);
    window.show();
    openFour(&window);
    OverviewModel *model = window.overview()->model();
    window.showOverview();
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    // The page refreshes once a second while shown: the countdown of the reconnecting stream
    // changes every second, the failed stream's row stays as it is.
    const int charlie = model->rowOf(m_charlie);
    const int delta = model->rowOf(m_delta);
    const auto countdownTicks = [&] {
        return std::count_if(changed.cbegin(), changed.cend(), [&](const QList<QVariant> &args) {
            const auto topLeft = args.at(0).toModelIndex();
            return topLeft.row() == charlie && topLeft.column() == OverviewModel::State;
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(countdownTicks() >= 2, Timeout);
    for (const QList<QVariant> &args : std::as_const(changed)) {
        const QModelIndex topLeft = args.at(0).toModelIndex();
        const QModelIndex bottomRight = args.at(1).toModelIndex();
        QVERIFY2(topLeft.row() != delta, "the failed stream's row did not change");
        QCOMPARE(topLeft, bottomRight); // one cell per signal
        if (topLeft.row() == charlie)
            QVERIFY2(topLeft.column() != OverviewModel::Name && topLeft.column() != OverviewModel::Reason
                         && topLeft.column() != OverviewModel::Reconnects,
                     qPrintable(QString::number(topLeft.column())));
    }
    // Hidden, the page does not tick (statuses still update rows).
    const auto ticking = [&] {
        const auto timers = window.overview()->findChildren<QTimer *>(Qt::FindDirectChildrenOnly);
        return std::any_of(timers.cbegin(), timers.cend(), [](const QTimer *t) { return t->isActive(); });
    };
    QVERIFY(ticking());
    window.overview()->parentWidget()->hide();
    QVERIFY(!window.overview()->isVisible());
    QVERIFY(!ticking());
    changed.clear();
    window.view(0)->session()->disconnectStream();
    QCOMPARE(cell(model, m_alpha, OverviewModel::State), QStringLiteral("Not connected"));
    QVERIFY(!changed.isEmpty());
}

void tst_Overview::reopensWhereItWas()
{
    // The dock's place and visibility are part of the saved window state.
    {
        MainWindow window(m_settingsFile);
        window.start(true, false, {});
        window.show();
        QVERIFY(window.overview()->parentWidget()->isHidden()); // hidden on a first launch
        window.showOverview();
        QVERIFY(window.saveSettings());
    }
    MainWindow window(m_settingsFile);
    window.start(true, false, {});
    window.show();
    QVERIFY(!window.overview()->parentWidget()->isHidden());
    QTRY_VERIFY(window.overview()->isVisible());
}

QTEST_MAIN(tst_Overview)
#include "tst_overview.moc"
