// One rule decides which header is secret (sse::isSecretHeaderName, beside sse::Header), and
// every door a header comes through agrees with it: typed in the stream dialog, pasted as a
// curl command, given to `ssecat -H`; and every place that acts on it: the diagnostics report
// (masking), redirects to another origin (stripping), stream-set files and the settings file
// (storage). X-Api-Key typed in the dialog without ticking "Secret" is as secret as the same
// header from curl.

#include "curlcommand.h"
#include "diagnostics.h"
#include "options.h"
#include "scenarioserver.h"
#include "settingsstore.h"
#include "streamdialog.h"
#include "streamset.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace sse;

namespace {

constexpr int Timeout = 20000;
const QByteArray Canary = "CANARY-VALUE-5d1c";

/** The headers of \a config whose name is \a name. */
Header find(const QList<Header> &headers, const QByteArray &name)
{
    for (const Header &h : headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return h;
    }
    return {};
}

} // namespace

class TestSecretRule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void doorsAgree_data() { names(); }
    void doorsAgree();
    void storageAgrees_data() { names(); }
    void storageAgrees();
    void networkAgrees_data() { names(); }
    void networkAgrees();

private:
    static void names();
    QUrl m_url{QStringLiteral("http://127.0.0.1:1/events")};
};

void TestSecretRule::names()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("secret");

    QTest::newRow("Authorization") << QByteArray("Authorization") << true;
    QTest::newRow("Cookie") << QByteArray("Cookie") << true;
    QTest::newRow("X-Api-Key") << QByteArray("X-Api-Key") << true;
    QTest::newRow("x-auth-token") << QByteArray("x-auth-token") << true;
    QTest::newRow("X-Session-Id") << QByteArray("X-Session-Id") << true;
    QTest::newRow("X-Request-Id") << QByteArray("X-Request-Id") << false;
    QTest::newRow("Accept-Language") << QByteArray("Accept-Language") << false;
}

void TestSecretRule::doorsAgree()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, secret);
    QCOMPARE(isSecretHeaderName(name), secret);
    const Header unflagged{name, Canary, false};

    // The stream dialog: a header typed into a new row (the box left as it was) ...
    {
        StreamDialog dialog;
        StreamConfig config;
        config.request.url = m_url;
        config.request.headers = {Header{"X-Placeholder", Canary, false}};
        dialog.setConfig(config);
        auto *table = dialog.findChild<QTableWidget *>();
        QVERIFY(table);
        table->item(0, 0)->setText(QString::fromLatin1(name)); // typed over the name
        QCOMPARE(table->item(0, 2)->checkState() == Qt::Checked, secret);
        const Header typed = find(dialog.config().request.headers, name);
        QCOMPARE(typed.name, name);
        QCOMPARE(typed.isSecret(), secret);
        // ... and one loaded without the flag (an older settings file, a stream set).
        config.request.headers = {unflagged};
        dialog.setConfig(config);
        QCOMPARE(table->item(0, 2)->checkState() == Qt::Checked, secret);
        QCOMPARE(find(dialog.config().request.headers, name).isSecret(), secret);
    }

    // A pasted curl command.
    const CurlCommand::Result curl = CurlCommand::parse(
            QStringLiteral("curl -H '%1: %2' %3")
                    .arg(QString::fromLatin1(name), QString::fromLatin1(Canary), m_url.toString()));
    QVERIFY2(curl.ok, qPrintable(curl.error));
    QCOMPARE(find(curl.request.headers, name).isSecret(), secret);

    // ssecat -H.
    const ssecat::ParseOutcome cli = ssecat::parseOptions(
            {QStringLiteral("ssecat"), QStringLiteral("-H"),
             QString::fromLatin1(name + ": " + Canary), m_url.toString()});
    QCOMPARE(int(cli.action), int(ssecat::ParseOutcome::Action::Run));
    QCOMPARE(find(cli.options.request.headers, name).isSecret(), secret);

}

/** A header with the name's verdict is kept out of stream sets (written without secrets) and
 *  of the settings file (without the opt-in) exactly when it is secret. */
void TestSecretRule::storageAgrees()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, secret);
    const Header unflagged{name, Canary, false};
    StreamConfig stored;
    stored.name = QStringLiteral("s");
    stored.request.url = m_url;
    stored.request.headers = {unflagged};
    QCOMPARE(StreamSet::hasSecrets({stored}), secret);
    QCOMPARE(StreamSet::serialize({stored}, false).contains(Canary), !secret);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SettingsStore settings(dir.filePath(QStringLiteral("settings.conf")));
    StoredStream storedStream;
    storedStream.id = QStringLiteral("one");
    storedStream.config = stored;
    QVERIFY(settings.saveStreams({storedStream}));
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().contains(Canary), !secret);

}

/** The diagnostics report masks it, and a cross-origin redirect drops it, exactly when it is
 *  secret. */
void TestSecretRule::networkAgrees()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, secret);
    const Header unflagged{name, Canary, false};
    ScenarioServer server;
    QVERIFY(server.listen());

    // Masking: the diagnostics report of a request that carried the header.
    {
        EventSource source;
        Diagnostics diagnostics;
        diagnostics.setSource(&source);
        StreamRequest request;
        request.url = server.url(QStringLiteral("/ticker?rate=50&count=1"));
        request.headers = {unflagged};
        source.setRequest(request);
        QSignalSpy responses(&source, &EventSource::responseReceived);
        source.open();
        QVERIFY(responses.wait(Timeout));
        QVERIFY(diagnostics.hasRequest());
        QCOMPARE(find(diagnostics.request().headers, name).value == Canary, !secret);
        QCOMPARE(diagnostics.toText().toUtf8().contains(Canary), !secret);
        QCOMPARE(QJsonDocument(diagnostics.toJson()).toJson().contains(Canary), !secret);
        source.close();
    }

    // A redirect to another origin: the engine sends a secret header to the first origin only.
    QList<HttpRequest> second;
    connect(&server, &ScenarioServer::requestServed, this,
            [&](const HttpRequest &request, int) {
                if (request.localPort == server.secondPort())
                    second.append(request);
            });
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("origin"), QStringLiteral("second"));
    query.addQueryItem(QStringLiteral("to"), QStringLiteral("%2Fticker%3Frate%3D50%26count%3D1"));
    EventSource source;
    StreamRequest request;
    request.url = server.url(QStringLiteral("/redirect?") + query.query(QUrl::FullyEncoded));
    request.headers = {unflagged};
    source.setRequest(request);
    source.open();
    QTRY_COMPARE_WITH_TIMEOUT(second.size(), 1, Timeout);
    QCOMPARE(second.constFirst().hasHeader(name), !secret);
    source.close();
}

QTEST_MAIN(TestSecretRule)
#include "tst_secretrule.moc"
