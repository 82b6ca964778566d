// Widget tests of sse-monitor (offscreen): the stream dialog with curl pasting, alert rules,
// settings round trips and launch, stream sets, log export and import, the welcome page.

#include "monitorfixture.h"
#include "openingbytes.h"

#include <functional>

using namespace monitorfixture;

namespace {

/** Once the next modal StreamDialog is up, hands it to \a edit, which accepts or rejects it
 *  (polls the event loop: the dialog appears inside the exec() of the code under test). */
void onStreamDialog(const std::function<void(StreamDialog *)> &edit)
{
    auto *poll = new QTimer;
    QObject::connect(poll, &QTimer::timeout, poll, [poll, edit] {
        auto *dialog = qobject_cast<StreamDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        edit(dialog);
    });
    poll->start(10);
}

QAction *actionNamed(const QWidget &window, const QString &text)
{
    for (QAction *a : window.findChildren<QAction *>())
        if (a->text() == text)
            return a;
    return nullptr;
}

} // namespace

class tst_MonitorSettings : public QObject, protected MonitorFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpFixture(); }
    void cleanup() { tearDownFixture(); }

    void streamDialogRoundTrip();
    void streamDialogValidates();
    void streamDialogUncompressedOption();
    void streamDialogHttp2Option();
    void http2PriorKnowledgeFromTheDialog();
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
};

void tst_MonitorSettings::streamDialogRoundTrip()
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

void tst_MonitorSettings::streamDialogValidates()
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

void tst_MonitorSettings::streamDialogUncompressedOption()
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

void tst_MonitorSettings::streamDialogHttp2Option()
{
    // Cleartext HTTP/2 with prior knowledge: for http:// URLs only (https negotiates HTTP/2 in
    // the TLS handshake); the choice survives typing the URL through https and back.
    StreamDialog dialog;
    QCheckBox *box = dialog.http2PriorKnowledgeBox();
    QVERIFY(!box->isChecked()); // never the default
    StreamConfig config;
    config.name = QStringLiteral("local");
    config.request.url = QUrl(QStringLiteral("http://127.0.0.1:8080/events"));
    config.request.http2PriorKnowledge = true;
    dialog.setConfig(config);
    QVERIFY(box->isEnabled());
    QVERIFY(box->isChecked());
    QCOMPARE(dialog.config(), config);

    dialog.urlEdit()->setText(QStringLiteral("https://127.0.0.1:8080/events"));
    QVERIFY(!box->isEnabled());
    QVERIFY(!box->isChecked());
    QVERIFY(!dialog.config().request.http2PriorKnowledge);
    QVERIFY(box->toolTip().contains(QStringLiteral("https")));
    dialog.urlEdit()->setText(QStringLiteral("http://127.0.0.1:8080/events"));
    QVERIFY(box->isChecked());
    QVERIFY(dialog.config().request.http2PriorKnowledge);
    QVERIFY(box->toolTip().contains(QStringLiteral("h2c")));

    box->click();
    QVERIFY(!dialog.config().request.http2PriorKnowledge);
    config.request.http2PriorKnowledge = false;
    QCOMPARE(dialog.config(), config);

    // A pasted curl command carries it.
    QVERIFY(dialog.applyCurlCommand(QStringLiteral("curl -N --http2-prior-knowledge "
                                                   "http://127.0.0.1:9000/feed")).isEmpty());
    QVERIFY(box->isChecked());
    QVERIFY(dialog.config().request.http2PriorKnowledge);
}

void tst_MonitorSettings::http2PriorKnowledgeFromTheDialog()
{
    // Edit Stream…, tick the box, OK: the session's configuration carries it and the running
    // stream reconnects speaking HTTP/2 from the first byte; the next edit shows the box ticked,
    // and unticking it goes back to HTTP/1.1. The server only records what arrives.
    OpeningBytes server;
    QVERIFY(server.listen());
    MainWindow window(m_settingsFile);
    Session *session = window.addStream(streamFor(server.url(QStringLiteral("/h2c"))), true)->session();
    QTRY_VERIFY_WITH_TIMEOUT(server.began(0, "GET /h2c HTTP/1.1\r\n"), Timeout);
    QAction *edit = actionNamed(window, QStringLiteral("&Edit Stream…"));
    QVERIFY(edit);

    bool enabled = false;
    onStreamDialog([&enabled](StreamDialog *dialog) {
        enabled = dialog->http2PriorKnowledgeBox()->isEnabled();
        dialog->http2PriorKnowledgeBox()->click();
        dialog->accept();
    });
    edit->trigger();
    QVERIFY(enabled);
    QVERIFY(session->config().request.http2PriorKnowledge);
    QTRY_VERIFY_WITH_TIMEOUT(server.began(1, OpeningBytes::Http2Preface), Timeout);

    bool ticked = false;
    onStreamDialog([&ticked](StreamDialog *dialog) {
        ticked = dialog->http2PriorKnowledgeBox()->isChecked();
        dialog->http2PriorKnowledgeBox()->click();
        dialog->accept();
    });
    edit->trigger();
    QVERIFY(ticked);
    QVERIFY(!session->config().request.http2PriorKnowledge);
    QTRY_VERIFY_WITH_TIMEOUT(server.began(2, "GET /h2c HTTP/1.1\r\n"), Timeout);
}

void tst_MonitorSettings::curlCommandFillsDialog()
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

void tst_MonitorSettings::ignoreTlsErrorsNeedsConfirmation()
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

void tst_MonitorSettings::insecureBadgeWhileTlsErrorsIgnored()
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

void tst_MonitorSettings::alertRulesDialogValidates()
{
    AlertRulesDialog dialog(QStringLiteral("s1"), {});
    dialog.addRule(AlertRule(QStringLiteral("s1"), QStringLiteral("tick"), QStringLiteral("(unclosed")));
    QVERIFY(dialog.validationError().contains(QStringLiteral("Rule 1")));
    AlertRulesDialog ok(QStringLiteral("s1"), {AlertRule(QStringLiteral("s1"), QStringLiteral("tick"), QStringLiteral("x+"))});
    QVERIFY(ok.validationError().isEmpty());
    QCOMPARE(ok.rules().size(), 1);
    QCOMPARE(ok.rules().first().pattern(), QStringLiteral("x+"));
}

void tst_MonitorSettings::alertRuleRaisesToast()
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

void tst_MonitorSettings::settingsRoundTrip()
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

void tst_MonitorSettings::corruptSettingsFallBackWithNotice()
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

void tst_MonitorSettings::changesReachTheDiskWithinASecond()
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

void tst_MonitorSettings::connectedStreamsResumeOnLaunch_data()
{
    QTest::addColumn<bool>("preference");
    QTest::newRow("reconnect on launch (default)") << true;
    QTest::newRow("preference off") << false;
}

void tst_MonitorSettings::connectedStreamsResumeOnLaunch()
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

void tst_MonitorSettings::connectAllAndDisconnectAll()
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

void tst_MonitorSettings::noRestoreLeavesTheSavedSessionAlone()
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

void tst_MonitorSettings::openUrlFocusesTheSameStream()
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

void tst_MonitorSettings::streamSetExportAndImport()
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

void tst_MonitorSettings::secretsNotSavedWithoutOptIn()
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

void tst_MonitorSettings::exportImportRoundTrip_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::newRow("jsonl") << QStringLiteral("jsonl");
    QTest::newRow("sse") << QStringLiteral("sse");
}

void tst_MonitorSettings::exportImportRoundTrip()
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

void tst_MonitorSettings::welcomePageAndDemo()
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

void tst_MonitorSettings::renameDoesNotReconnect()
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

void tst_MonitorSettings::diagnosticsPaneShowsFindings()
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

QTEST_MAIN(tst_MonitorSettings)
#include "tst_monitorsettings.moc"
