// Session: the status a user reads, statistics and configuration changes.

#include "diagnostics.h"
#include "eventlog.h"
#include "httpserver.h"
#include "session.h"

#include "tlsserver.h"

#include <QFile>
#include <QPointer>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>

using namespace sse;
using Status = Session::Status;

namespace {

constexpr int Timeout = 10000;

StreamConfig configFor(const QUrl &url)
{
    StreamConfig c;
    c.name = QStringLiteral("test");
    c.request.url = url;
    c.policy.initialDelayMs = 30;
    c.policy.maxDelayMs = 60;
    c.policy.jitter = false;
    return c;
}

QList<Status> statuses(const QSignalSpy &spy)
{
    QList<Status> out;
    for (const auto &args : spy)
        out << args.at(0).value<Status>();
    return out;
}

QList<Notice> notices(const QSignalSpy &spy, Notice::Kind kind)
{
    QList<Notice> out;
    for (const auto &args : spy) {
        const Notice n = args.at(0).value<Notice>();
        if (n.kind == kind)
            out << n;
    }
    return out;
}

/** A TLS server with the self-signed certificate of tests/data (as in tst_eventsource): each
 *  connection gets one event, then the connection closes. */

} // namespace

class tst_Session : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<HttpServer>();
        QVERIFY(m_server->listen() != 0);
    }
    void cleanup() { m_server.reset(); }

    void statusFollowsConnectionLifecycle()
    {
        int n = 0;
        m_server->setHandler([&n](const HttpRequest &, HttpResponder *r) {
            ++n;
            if (n == 2) {
                r->respond(503, "text/plain", "busy");
                return;
            }
            r->writeHead(200, {{"Content-Type", "text/event-stream"}});
            r->write("data: " + QByteArray::number(n) + "\n\n");
            if (n == 1)
                r->close();
        });
        Session session(configFor(m_server->url()));
        QSignalSpy spy(&session, &Session::statusChanged);
        QCOMPARE(session.status(), Status::Idle);
        session.connectStream();
        QCOMPARE(session.status(), Status::Connecting);
        // open, clean end, reconnect, 503, reconnect, open again
        QTRY_COMPARE_WITH_TIMEOUT(n, 3, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(session.status(), Status::Open, Timeout);
        QCOMPARE(statuses(spy), (QList<Status>{Status::Connecting, Status::Open,
                                               Status::Reconnecting, Status::Open}));
        QVERIFY(!session.hasError()); // cleared by the successful open
        QCOMPARE(session.lastError().httpStatus, 503);
        const Statistics stats = session.statistics();
        QCOMPARE(stats.events, 2);
        QCOMPARE(stats.connections, 2);
        QCOMPARE(stats.reconnects, 2);
        QCOMPARE(stats.dataBytes, 2);
        QVERIFY(stats.bodyBytes >= 2 * 9);
        session.disconnectStream();
        QCOMPARE(session.status(), Status::Idle);
    }

    void connectionStoryInLogAndSpans()
    {
        // Open with two events, the server ends the stream, a 503, then a resume from id 2.
        int n = 0;
        QByteArray idSent;
        m_server->setHandler([&](const HttpRequest &request, HttpResponder *r) {
            ++n;
            if (n == 2) {
                r->respond(503, "text/plain", "busy");
                return;
            }
            r->writeHead(200, {{"Content-Type", "text/event-stream"}});
            if (n == 1) {
                r->write("id: 1\ndata: a\n\nid: 2\ndata: b\n\n");
                r->close();
                return;
            }
            idSent = request.header("Last-Event-ID");
            r->write("id: 3\ndata: c\n\n");
        });
        Session session(configFor(m_server->url()));
        EventLogModel *log = session.log();
        log->setFlushInterval(0);
        session.connectStream();
        QTRY_COMPARE_WITH_TIMEOUT(log->eventCount(), 3, Timeout);
        QCOMPARE(idSent, QByteArray("2"));

        QStringList rows;
        for (int row = 0; row < log->rowCount(); ++row)
            rows << (log->isMarker(row) ? QString::fromLatin1(LogMarker::kindName(log->marker(row).kind))
                                        : QString::fromUtf8(log->event(row).data));
        QCOMPARE(rows, (QStringList{QStringLiteral("connected"), QStringLiteral("a"), QStringLiteral("b"),
                                    QStringLiteral("dropped"), QStringLiteral("retrying"),
                                    QStringLiteral("retrying"), QStringLiteral("resumed"),
                                    QStringLiteral("first-event"), QStringLiteral("c")}));
        QVERIFY2(log->marker(0).text.contains(QStringLiteral("200")), qPrintable(log->marker(0).text));
        QVERIFY(log->marker(0).text.contains(QStringLiteral("HTTP/1.1")));
        QCOMPARE(log->marker(3).text, QStringLiteral("The server ended the stream"));
        QVERIFY2(log->marker(4).text.contains(QStringLiteral("attempt 1")), qPrintable(log->marker(4).text));
        QVERIFY2(log->marker(5).text.contains(QStringLiteral("attempt 2"))
                     && log->marker(5).text.contains(QStringLiteral("503")),
                 qPrintable(log->marker(5).text));
        QVERIFY2(log->marker(6).text.contains(QStringLiteral("\u201c2\u201d")), qPrintable(log->marker(6).text));
        QVERIFY2(log->marker(7).text.contains(QStringLiteral("\u201c3\u201d")), qPrintable(log->marker(7).text));
        QCOMPARE(log->marker(7).beforeSequence, 3);
        QCOMPARE(session.statistics().events, 3); // markers are not events

        // The same story as status spans, for timelines.
        const QList<Session::StatusSpan> spans = session.statusSpans(0);
        QList<Status> kinds;
        for (const auto &span : spans)
            kinds << span.status;
        QCOMPARE(kinds, (QList<Status>{Status::Idle, Status::Connecting, Status::Open,
                                       Status::Reconnecting, Status::Open}));
        for (qsizetype i = 0; i + 1 < spans.size(); ++i) {
            QCOMPARE(spans.at(i).endMs, spans.at(i + 1).startMs);
            QVERIFY(spans.at(i).endMs >= spans.at(i).startMs);
        }
        QCOMPARE(spans.constLast().endMs, 0);
        // The reconnecting span says why: the latest attempt's reason.
        QVERIFY2(spans.at(3).reason.contains(QStringLiteral("503")), qPrintable(spans.at(3).reason));
        QVERIFY(spans.at(2).reason.isEmpty());
        const double up = session.upPercent();
        QVERIFY2(up > 0 && up < 100, qPrintable(QString::number(up)));
        QVERIFY(session.statusSpans(spans.constLast().startMs + 1).size() == 1);

        session.disconnectStream();
        QTRY_COMPARE_WITH_TIMEOUT(log->marker(log->rowCount() - 1).kind, LogMarker::Kind::Disconnected, Timeout);
    }

    void upPercentCountsWatchedTimeOnly()
    {
        Session session(configFor(m_server->url()));
        QCOMPARE(session.upPercent(), -1.0); // never watched
        m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
            r->respond(404, "text/plain", "gone");
        });
        session.connectStream();
        QTRY_COMPARE_WITH_TIMEOUT(session.status(), Status::Failed, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(session.upPercent() == 0.0, Timeout);
        QVERIFY2(session.statusReason().contains(QStringLiteral("404")), qPrintable(session.statusReason()));
        QCOMPARE(session.statusSpans(0).constLast().reason, session.statusReason());
        // A stream that never opened tells only its failure.
        QTRY_COMPARE_WITH_TIMEOUT(session.log()->rowCount(), 1, Timeout);
        QCOMPARE(session.log()->marker(0).kind, LogMarker::Kind::Failed);
        QVERIFY(session.log()->marker(0).text.contains(QStringLiteral("404")));
    }

    void quietStreamTurnsSilentAndBack()
    {
        // Ten events 100 ms apart, then nothing: the expectation learned from the stream's
        // own rhythm (4 × 100 ms, at least 2 s) runs out and the open stream reads Silent;
        // a heartbeat comment brings it back to Open, without a notice either way.
        QPointer<HttpResponder> stream;
        m_server->setHandler([&stream](const HttpRequest &, HttpResponder *r) {
            r->writeHead(200, {{"Content-Type", "text/event-stream"}});
            stream = r;
        });
        Session session(configFor(m_server->url()));
        QSignalSpy statusSpy(&session, &Session::statusChanged);
        QSignalSpy noticeSpy(&session, &Session::noticeRaised);
        QCOMPARE(session.expectedSilenceMs(), Session::DefaultSilenceMs);
        session.connectStream();
        QTRY_VERIFY_WITH_TIMEOUT(stream, Timeout);
        for (int i = 0; i < 10; ++i) {
            stream->write("data: " + QByteArray::number(i) + "\n\n");
            QTRY_COMPARE_WITH_TIMEOUT(session.statistics().events, i + 1, Timeout);
            QTest::qWait(100); // the server's rhythm, not synchronisation
        }
        QCOMPARE(session.expectedSilenceMs(), 2000);
        QElapsedTimer quiet;
        quiet.start();
        QTRY_COMPARE_WITH_TIMEOUT(session.status(), Status::Silent, Timeout);
        QVERIFY2(quiet.elapsed() >= 1800, QByteArray::number(quiet.elapsed()).constData());
        QCOMPARE(Session::statusText(Status::Silent), QStringLiteral("Silent"));
        stream->write(": ping\n\n");
        QTRY_COMPARE_WITH_TIMEOUT(session.status(), Status::Open, Timeout);
        QCOMPARE(statuses(statusSpy), (QList<Status>{Status::Connecting, Status::Open,
                                                     Status::Silent, Status::Open}));
        QCOMPARE(notices(noticeSpy, Notice::Kind::Connected).size(), 1);
        QVERIFY(Session::isUp(Status::Silent));

        // Set per stream: 300 ms.
        StreamConfig config = session.config();
        config.silentAfterMs = 300;
        session.setConfig(config);
        QCOMPARE(session.expectedSilenceMs(), 300);
        QTRY_COMPARE_WITH_TIMEOUT(session.status(), Status::Silent, Timeout);
        session.disconnectStream();
        QCOMPARE(session.status(), Status::Idle);
    }

    void pendingReconnectKnownWhenStatusChanges()
    {
        m_server->setHandler([](const HttpRequest &, HttpResponder *r) { r->respond(500, "text/plain", "x"); });
        StreamConfig config = configFor(m_server->url());
        config.policy.initialDelayMs = 5000;
        config.policy.maxDelayMs = 5000;
        Session session(config);
        ReconnectInfo seen;
        connect(&session, &Session::statusChanged, this, [&](Status s) {
            if (s == Status::Reconnecting)
                seen = session.pendingReconnect();
        });
        session.connectStream();
        QTRY_COMPARE_WITH_TIMEOUT(session.status(), Status::Reconnecting, Timeout);
        QCOMPARE(seen.attempt, 1);
        QCOMPARE(seen.delayMs, 5000);
        QCOMPARE(seen.reason.httpStatus, 500);
        QVERIFY(session.isReconnectPending());
        QVERIFY(session.hasError());
        session.disconnectStream(); // "Stop retrying"
        QCOMPARE(session.status(), Status::Idle);
        QVERIFY(!session.isReconnectPending());
    }

    void failedAndStoppedStatuses()
    {
        m_server->setHandler([](const HttpRequest &req, HttpResponder *r) {
            r->respond(req.path() == "/gone" ? 404 : 204, "text/plain", {});
        });
        Session failing(configFor(m_server->url(QStringLiteral("/gone"))));
        failing.connectStream();
        QTRY_COMPARE_WITH_TIMEOUT(failing.status(), Status::Failed, Timeout);
        QVERIFY(failing.hasError());
        QCOMPARE(failing.lastError().httpStatus, 404);
        QVERIFY(failing.lastError().permanent);

        Session stopped(configFor(m_server->url(QStringLiteral("/done"))));
        stopped.connectStream();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.status(), Status::Stopped, Timeout);
        QVERIFY(!stopped.hasError());
    }

    void rateHistoryCountsEventsOfTheCurrentSecond()
    {
        m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
            r->writeHead(200, {{"Content-Type", "text/event-stream"}});
            r->write(QByteArray("data: x\n\n").repeated(25));
        });
        Session session(configFor(m_server->url()));
        session.connectStream();
        QTRY_COMPARE_WITH_TIMEOUT(session.statistics().events, 25, Timeout);
        const QList<int> rate = session.eventCounts(Session::Window::Minute);
        QCOMPARE(rate.size(), Session::RateSeconds);
        int total = 0;
        for (int r : rate)
            total += r;
        QCOMPARE(total, 25); // all within the last minute, wherever the second boundary fell
    }

    void policyChangeKeepsLastEventIdAndReconnects()
    {
        m_server->setHandler([](const HttpRequest &, HttpResponder *r) {
            r->writeHead(200, {{"Content-Type", "text/event-stream"}});
            r->write("id: 41\ndata: x\n\n");
        });
        Session session(configFor(m_server->url()));
        QSignalSpy changed(&session, &Session::configChanged);
        session.connectStream();
        QTRY_COMPARE_WITH_TIMEOUT(session.statistics().events, 1, Timeout);
        StreamConfig config = session.config();
        config.idleTimeoutMs = 5000;
        session.setConfig(config);
        QCOMPARE(changed.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 2, Timeout);
        QCOMPARE(m_server->requests().at(1).header("Last-Event-ID"), QByteArray("41"));
        QCOMPARE(session.source()->idleTimeout(), 5000);

        // A new URL starts from the configured Last-Event-ID again.
        config.request.url = m_server->url(QStringLiteral("/other"));
        session.setConfig(config);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 3, Timeout);
        QVERIFY(!m_server->requests().at(2).hasHeader("Last-Event-ID"));
    }

    void tlsErrorsIgnoredRaisesOneNotice()
    {
        QVERIFY(!Session(StreamConfig{}).tlsErrorsIgnored()); // never the default
        TlsServer tls;
        QVERIFY(tls.start("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: x\n\n"));
        StreamConfig config = configFor(tls.url());
        config.request.ignoreTlsErrors = true;
        Session session(config);
        QVERIFY(session.tlsErrorsIgnored()); // while the option is on, connected or not
        QSignalSpy noticeSpy(&session, &Session::noticeRaised);
        QSignalSpy ignoredSpy(session.source(), &EventSource::tlsErrorsIgnored);
        session.connectStream();
        // Each connection ends after one event and the stream reconnects: wait for several.
        QTRY_VERIFY_WITH_TIMEOUT(session.statistics().events >= 3 && ignoredSpy.size() >= 3,
                                 Timeout);

        // One warning for the connect, not one per automatic reconnect.
        const QList<Notice> warned = notices(noticeSpy, Notice::Kind::TlsErrorsIgnored);
        QCOMPARE(warned.size(), 1);
        QVERIFY2(warned.first().message.contains(QStringLiteral("TLS certificate errors ignored for 127.0.0.1")),
                 qPrintable(warned.first().message));
        QVERIFY2(warned.first().message.contains(QStringLiteral("not authenticated")),
                 qPrintable(warned.first().message));
        QVERIFY2(warned.first().message.contains(QStringLiteral("self-signed"), Qt::CaseInsensitive),
                 qPrintable(warned.first().message));
        QVERIFY(!session.ignoredTlsErrors().isEmpty());
        QVERIFY(session.tlsErrorsIgnored());

        // The diagnostics say so too.
        bool found = false;
        for (const Finding &f : session.diagnostics()->findings()) {
            if (f.id == u"tls-errors-ignored") {
                found = true;
                QCOMPARE(f.severity, Finding::Severity::Warning);
                QVERIFY(!f.fix.isEmpty());
                QVERIFY2(f.explanation.contains(QStringLiteral("self-signed"), Qt::CaseInsensitive),
                         qPrintable(f.explanation));
            }
        }
        QVERIFY(found);
        QVERIFY(session.diagnostics()->hasProblems());

        // Connecting again (after the user stopped it) warns again.
        session.disconnectStream();
        session.connectStream();
        QTRY_COMPARE_WITH_TIMEOUT(notices(noticeSpy, Notice::Kind::TlsErrorsIgnored).size(), 2,
                                  Timeout);
        session.disconnectStream();

        // Turned off, the same server fails the connection with the certificate's details.
        config.request.ignoreTlsErrors = false;
        session.setConfig(config);
        QVERIFY(!session.tlsErrorsIgnored());
        QVERIFY(session.ignoredTlsErrors().isEmpty());
        session.connectStream();
        QTRY_COMPARE_WITH_TIMEOUT(session.status(), Status::Failed, Timeout);
        QCOMPARE(session.lastError().kind, ErrorKind::Tls);
        QCOMPARE(notices(noticeSpy, Notice::Kind::TlsErrorsIgnored).size(), 2);
        for (const Finding &f : session.diagnostics()->findings())
            QVERIFY(f.id != u"tls-errors-ignored");
    }

    void connectedPercent()
    {
        Statistics s;
        QCOMPARE(s.connectedPercent(), 0.0);
        s.monitoredMs = 2000;
        s.connectedMs = 500;
        QCOMPARE(s.connectedPercent(), 25.0);
    }

private:
    std::unique_ptr<HttpServer> m_server;
};

QTEST_GUILESS_MAIN(tst_Session)
#include "tst_session.moc"
