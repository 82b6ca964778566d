// Hostile streams (issue 6), through the real sse::EventSource and sse::Session: a single 1 GiB
// event, a 1 GiB line without a newline, 3 million tiny events, a byte-by-byte stream, invalid
// UTF-8 and NUL bytes. Memory stays under the caps (the engine's own memory measured apart from
// Qt's: threadheap.h), the stream goes on after the bad part, and the client's thread keeps
// turning its event loop while it ingests (EventSource parses at most 256 KiB per turn).
//
// No wall-clock assertion anywhere: times are printed (qInfo) for the report; the figures that
// have targets are measured by tests/bench/bench_gui. The hostile servers run in their own
// thread (serverthread.h), as a real server is another process, so the test's thread is only
// the client's.

#include "hostile.h"
#include "memory.h"
#include "threadheap.h"
#include "eventlog.h"
#include "eventsource.h"
#include "httpserver.h"
#include "serverthread.h"
#include "stresskit.h"
#include "session.h"

#include <QAbstractEventDispatcher>
#include <QAbstractItemModelTester>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

using namespace sse;

using namespace sse;
using namespace stresskit;

namespace {

/** A byte-exact literal: keeps embedded NUL bytes that QByteArray(const char *) would cut. */
template <std::size_t N>
QByteArray bytes(const char (&s)[N])
{
    return QByteArray(s, qsizetype(N - 1));
}

/** Writes a body one byte per socket write, the next byte only once the client has read the
 *  one before: every read at the client is then exactly one byte. (Written as fast as the socket
 *  takes them instead, the bytes reached EventSource in anything from 2 to 460 reads: Qt and
 *  the kernel merge them.) The writer lives in the server thread; the client's thread asks for
 *  the next byte through Lockstep::attach(). */
class ByteWriter final : public QObject
{
public:
    ByteWriter(HttpResponder *responder, QByteArray body)
        : QObject(responder)
        , m_responder(responder)
        , m_body(std::move(body))
    {
        next();
    }

    void next()
    {
        if (m_pos < m_body.size())
            m_responder->write(QByteArrayView(m_body).sliced(m_pos++, 1));
    }

private:
    HttpResponder *m_responder;
    QByteArray m_body;
    qsizetype m_pos = 0;
};

/** Connects a server's ByteWriter with the client that reads it. */
struct Lockstep
{
    /** After each read of \a source, the writer sends its next byte (from its own thread). The
     *  writer outlives the reads: its connection stays open until the client disconnects. */
    void attach(EventSource *source)
    {
        QObject::connect(source, &EventSource::bytesReceived, source, [this] {
            if (ByteWriter *w = writer.load())
                QMetaObject::invokeMethod(w, [w] { w->next(); }, Qt::QueuedConnection);
        });
    }

    std::atomic<ByteWriter *> writer{nullptr};
};

/** Turns Nagle's algorithm off on the server's sockets, so each one-byte write leaves at once
 *  instead of waiting for the (possibly delayed) acknowledgement of the one before. The
 *  responder's parent is the HttpServer, whose QTcpServers parent the accepted sockets. */
void disableNagle(HttpResponder *responder)
{
    if (QObject *server = responder->parent()) {
        const auto sockets = server->findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets)
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    }
}

/** Proof that the client's thread kept turning its event loop during an ingest.
 *
 *  Turns are counted where the event dispatcher reports them (aboutToBlock/awake: once per
 *  QEventLoop iteration), and each body read (EventSource::bytesReceived, at most one 256 KiB
 *  slice per turn) records whether the loop turned since the read before: that is the mechanism
 *  that keeps a UI responsive, checked without timing anything. A 1 ms timer counts how often
 *  timers fired between the first and the last read; its longest gap is printed, not checked.
 *  (Not a zero-interval timer: with the GLib dispatcher one keeps the loop from ever blocking and
 *  delays the data QNetworkAccessManager's thread posts: a byte-by-byte stream then arrived in
 *  5 reads instead of 200.) */
class LoopWatch
{
public:
    explicit LoopWatch(EventSource *source)
    {
        QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
        QObject::connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, &m_context,
                         [this] { onTurn(); });
        QObject::connect(dispatcher, &QAbstractEventDispatcher::awake, &m_context,
                         [this] { onTurn(); });
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, &m_context, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_reads > 0) {
                ++m_ticksSinceFirstRead;
                m_longestGapNs = qMax(m_longestGapNs, now - m_lastTickNs);
            }
            m_lastTickNs = now;
        });
        m_timer.start();
        m_clock.start();
        QObject::connect(source, &EventSource::bytesReceived, &m_context, [this, source](qint64 bytes) {
            ++m_reads;
            m_largestRead = qMax(m_largestRead, bytes);
            if (m_turns == m_turnsAtLastRead)
                ++m_readsWithoutTurn;
            m_turnsAtLastRead = m_turns;
            m_ticksAtLastRead = m_ticksSinceFirstRead;
            m_longestGapAtLastReadNs = m_longestGapNs;
            m_peakSampled = qMax(m_peakSampled, residentBytes());
            // Diagnostics only: how much the source's QNetworkReply holds beyond its 4 MiB read
            // buffer (EventSource::ReplyBufferBytes), to tell where a memory peak came from.
            const auto replies = source->findChildren<QNetworkReply *>();
            for (const QNetworkReply *reply : replies)
                m_replyPeak = qMax(m_replyPeak, reply->bytesAvailable());
        });
    }

    qint64 turns() const { return m_turns; }
    qint64 reads() const { return m_reads; }
    qint64 readsWithoutTurn() const { return m_readsWithoutTurn; }
    qint64 largestRead() const { return m_largestRead; }
    qint64 timerTicksDuringReads() const { return m_ticksAtLastRead; }
    /** The longest time between two ticks of the 1 ms timer while reading. */
    double longestTimerGapMs() const { return double(m_longestGapAtLastReadNs) / 1e6; }
    qint64 peakSampled() const { return m_peakSampled; }
    /** The most a QNetworkReply of the source held unread at a read. */
    qint64 replyPeak() const { return m_replyPeak; }

private:
    void onTurn() { ++m_turns; }

    QObject m_context;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_turns = 0;
    qint64 m_lastTickNs = 0;
    qint64 m_longestGapNs = 0;
    qint64 m_longestGapAtLastReadNs = 0;
    qint64 m_turnsAtLastRead = -1;
    qint64 m_reads = 0;
    qint64 m_readsWithoutTurn = 0;
    qint64 m_largestRead = 0;
    qint64 m_ticksSinceFirstRead = 0;
    qint64 m_ticksAtLastRead = 0;
    qint64 m_peakSampled = 0;
    qint64 m_replyPeak = 0;
};

/** A Session on \a url with spies, a loop watch and memory figures. */
struct HostileClient
{
    /** \a keepEvents: record every event (not for millions of them). */
    explicit HostileClient(const QUrl &url, bool keepEvents = true)
        : session(config(url))
        , tester(session.log(), QAbstractItemModelTester::FailureReportingMode::QtTest)
        , errors(session.source(), &EventSource::errorOccurred)
        , watch(session.source())
    {
        if (keepEvents)
            QObject::connect(session.source(), &EventSource::eventsReceived, session.source(),
                             [this](const QList<Event> &e) { events += e; });
    }

    static StreamConfig config(const QUrl &url)
    {
        StreamConfig c;
        c.name = QStringLiteral("hostile");
        c.request.url = url;
        c.policy.initialDelayMs = 60000; // any reconnect would show as a missing event
        // c.maxEventBytes stays at the default cap, Parser::DefaultMaxEventBytes (16 MiB).
        return c;
    }

    /** Memory baseline, then connect. */
    void start()
    {
        rssBefore = settledResidentBytes();
        hwmReset = resetPeakResident();
        threadheap::start(); // this thread is the engine's; Qt's HTTP thread and the server's are not
        clock.start();
        session.connectStream();
    }
    /** Call once done: the elapsed time and the peak. */
    void finish()
    {
        elapsedMs = clock.elapsed();
        rssHwm = hwmReset ? peakResidentBytes() : -1;
        rssPeak = qMax(watch.peakSampled(), rssHwm);
        heap = threadheap::stop();
        session.disconnectStream();
        session.log()->flush();
    }
    qint64 peakGrowth() const { return rssPeak - rssBefore; }

    int errorCount(ErrorKind kind) const
    {
        int n = 0;
        for (const auto &args : errors)
            n += args.at(0).value<Error>().kind == kind;
        return n;
    }
    void report(const char *what, qint64 bodyBytes) const
    {
        qInfo("%s: %s of body in %lld ms (%.0f MB/s); resident %s before, peak %s (+%s; VmHWM "
              "%s, highest sampled per read %s); "
              "%lld reads (largest %lld KiB), %lld event-loop turns, %lld reads without a turn "
              "since the previous read; a 1 ms timer ticked %lld times while reading, at most "
              "%.1f ms apart; the reply held at most %s unread",
              what, mb(bodyBytes).constData(), static_cast<long long>(elapsedMs),
              double(bodyBytes) / 1e3 / double(qMax<qint64>(1, elapsedMs)),
              mb(rssBefore).constData(), mb(rssPeak).constData(), mb(peakGrowth()).constData(),
              hwmReset ? mb(rssHwm).constData() : "unknown", mb(watch.peakSampled()).constData(),
              static_cast<long long>(watch.reads()),
              static_cast<long long>(watch.largestRead() / 1024),
              static_cast<long long>(watch.turns()),
              static_cast<long long>(watch.readsWithoutTurn()),
              static_cast<long long>(watch.timerTicksDuringReads()), watch.longestTimerGapMs(),
              mb(watch.replyPeak()).constData());
    }

    Session session;
    QAbstractItemModelTester tester;
    QList<Event> events;
    QSignalSpy errors;
    LoopWatch watch;
    QElapsedTimer clock;
    qint64 rssBefore = 0;
    qint64 rssPeak = 0;
    qint64 rssHwm = -1;
    qint64 elapsedMs = 0;
    bool hwmReset = false;
    threadheap::Figures heap; ///< heap blocks by thread: the engine's vs Qt's and the server's
};

/** The event-loop assertions shared by the large ingests: every read was at most one slice,
 *  and the loop turned between reads. A read that follows another in the same turn only comes
 *  from Qt delivering several readyRead signals in one batch of posted events (measured: 0.1 to
 *  2 % of the reads; each is still at most one slice); a client that parsed its backlog in one
 *  go would fail the slice size, one that looped over slices within a turn would have nearly
 *  every read without a turn. Timers kept firing: \a minReads slices take far longer than
 *  10 ms. */
void verifyLoopTurned(const LoopWatch &watch, qint64 minReads)
{
    QVERIFY2(watch.reads() >= minReads,
             qPrintable(QStringLiteral("only %1 reads").arg(watch.reads())));
    QVERIFY2(watch.largestRead() <= 256 * 1024,
             qPrintable(QStringLiteral("a read of %1 bytes: more than one slice in one turn")
                                .arg(watch.largestRead())));
    QVERIFY2(watch.readsWithoutTurn() * 4 <= watch.reads(),
             qPrintable(QStringLiteral("%1 of %2 reads had no event-loop turn since the previous one")
                                .arg(watch.readsWithoutTurn()).arg(watch.reads())));
    QVERIFY2(watch.timerTicksDuringReads() >= 10,
             qPrintable(QStringLiteral("a 1 ms timer fired %1 times while %2 reads were parsed")
                                .arg(watch.timerTicksDuringReads()).arg(watch.reads())));
}

/** The engine's own memory stays under \a bound, measured apart from Qt's: the peak of the heap
 *  blocks allocated on the engine's thread (its parser, read slices, log; threadheap.h), so an
 *  engine that kept a large event fails however much Qt held. Then the peak resident growth of
 *  the whole process stays under \a bound too, unless Qt let its network thread buffer more
 *  than the reply's read buffer allows. Qt 6.4's HTTP code reads the socket without limit in
 *  that thread when the application falls behind (seen only with the machine's cores
 *  saturated, in about 1 of 10 full runs: the reply then held 22 to 830 MiB); that excess is
 *  Qt's (the engine's share was just checked), so the resident bound is then an expected
 *  failure, and the figures are printed. README, Reliability, documents the limitation. */
void verifyPeakGrowth(const HostileClient &client, qint64 bound)
{
    constexpr qint64 ReplyReadBuffer = 4 * MiB; // EventSource's QNetworkReply::setReadBufferSize
    const QByteArray heap = "heap blocks: the engine's thread held at most "
            + mb(client.heap.ownPeak) + ", Qt's and the server's threads " + mb(client.heap.otherPeak);
    qInfo("%s", heap.constData());
    QVERIFY2(client.heap.complete, "the heap table overflowed: the engine's figure is too low");
    QVERIFY2(client.heap.ownPeak < bound, ("the engine's own memory grew: " + heap + ", bound "
                                           + mb(bound)).constData());
    const QByteArray what = "peak resident growth " + mb(client.peakGrowth()) + ", bound "
            + mb(bound) + "; the QNetworkReply held up to " + mb(client.watch.replyPeak())
            + " unread (its read buffer is 4 MiB); " + heap;
    const QByteArray qtExcess = "Qt buffered beyond the read buffer: " + what;
    if (client.peakGrowth() >= bound && client.watch.replyPeak() > ReplyReadBuffer
        && client.heap.otherPeak > ReplyReadBuffer)
        QEXPECT_FAIL("", qtExcess.constData(), Continue);
    QVERIFY2(client.peakGrowth() < bound, what.constData());
}

/** Peak resident growth allowed while 1 GiB of one event or one line goes by: the parser may hold
 *  up to the cap (16 MiB), twice for a moment while a buffer is reallocated, plus the reply's
 *  4 MiB read buffer, Qt's socket buffers, the server thread's 1 MiB queue and what malloc's
 *  per-thread arenas keep of freed blocks. Measured: 24 to 48 MiB (10 MiB with a 1 MiB cap);
 *  anything that kept the event or the line would be 1 GiB. tests/bench/bench_gui uses the
 *  same target. */
qint64 hugeInputBound()
{
    return 2 * Parser::DefaultMaxEventBytes + 32 * MiB;
}

} // namespace

class tst_Hostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gibibyteIsDiscardedWithinCap_data();
    void gibibyteIsDiscardedWithinCap();
    void millionsOfTinyEventsRespectLogCapacity();
    void byteByByteStreamArrivesIntact();
    void invalidUtf8AndNulAreRepaired_data();
    void invalidUtf8AndNulAreRepaired();
};

void tst_Hostile::gibibyteIsDiscardedWithinCap_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("tail");
    QTest::addColumn<QByteArray>("lastEventId");
    // One 1 GiB event (the parser's default 16 MiB cap applies), then a normal event: the huge
    // block's id goes with it.
    QTest::newRow("1 GiB event") << QByteArray("id: 1\nevent: huge\ndata: ")
                                 << QByteArray("\n\nid: 2\ndata: after\n\n") << QByteArray("2");
    // A line that does not end for 1 GiB, then ends, then a normal event.
    QTest::newRow("1 GiB line") << QByteArray("data: ") << QByteArray("\n\ndata: after\n\n")
                                << QByteArray();
}

void tst_Hostile::gibibyteIsDiscardedWithinCap()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, tail);
    QFETCH(QByteArray, lastEventId);
    constexpr qint64 Size = GiB;
    ServerThread server([head, tail](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        new BodyPump(r, hugeBody(head, Size, tail), BodyPump::AtEnd::KeepOpen);
    });
    const QUrl url = server.startAndGetUrl(QStringLiteral("/huge"));
    QVERIFY(url.isValid());
    HostileClient client(url);
    client.start();
    QVERIFY(waitUntil([&] { return !client.events.isEmpty(); }, 300000));
    client.finish();
    const Statistics st = client.session.statistics();
    client.report(QTest::currentDataTag(), st.bodyBytes);

    const QList<Event> &events = client.events;
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().data, QByteArray("after"));
    QCOMPARE(events.first().lastEventId, lastEventId);
    QCOMPARE(client.errorCount(ErrorKind::Protocol), 1);
    QCOMPARE(client.errors.size(), 1);
    QVERIFY(st.bodyBytes > Size);
    QCOMPARE(client.session.log()->eventCount(), 1);
    verifyPeakGrowth(client, hugeInputBound());
    if (QTest::currentTestFailed())
        return;
    verifyLoopTurned(client.watch, Size / (256 * 1024));
}

void tst_Hostile::millionsOfTinyEventsRespectLogCapacity()
{
    constexpr qint64 Count = 3'000'000;
    constexpr int Capacity = 10000;
    static const QByteArray event("data:x\n\n");
    ServerThread server([](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        static const QByteArray chunk = event.repeated(32 * 1024); // 256 KiB
        const qint64 chunkEvents = chunk.size() / event.size();
        new BodyPump(r, [left = Count, chunkEvents]() mutable -> QByteArray {
            if (left <= 0)
                return {};
            const qint64 n = qMin(left, chunkEvents);
            left -= n;
            return n == chunkEvents ? chunk : chunk.left(n * event.size());
        }, BodyPump::AtEnd::KeepOpen);
    });
    const QUrl url = server.startAndGetUrl(QStringLiteral("/tiny"));
    QVERIFY(url.isValid());
    HostileClient client(url, false);
    client.session.log()->setCapacity(Capacity);
    client.start();
    QVERIFY(waitUntil([&] { return client.session.statistics().events >= Count; }, 300000));
    client.finish();
    const Statistics st = client.session.statistics();
    client.report("3 M tiny events", st.bodyBytes);
    EventLogModel *log = client.session.log();
    qInfo("log: %d rows, %lld events in total, %lld dropped; %.2f M events/s",
          log->rowCount(), static_cast<long long>(log->totalCount()),
          static_cast<long long>(log->droppedCount()),
          double(Count) / 1e3 / double(qMax<qint64>(1, client.elapsedMs)));

    QCOMPARE(st.events, Count);
    QCOMPARE(st.dataBytes, Count);
    QCOMPARE(st.bodyBytes, Count * event.size());
    QCOMPARE(log->eventCount(), Capacity);
    QCOMPARE(log->totalCount(), Count);
    QCOMPARE(log->droppedCount(), Count - Capacity);
    QCOMPARE(log->eventAt(Capacity - 1).data.toByteArray(), QByteArray("x"));
    QCOMPARE(client.errors.size(), 0);
    // 10,000 stored rows are a few hundred KiB; the rest is one slice's events in flight
    // (256 KiB of 8-byte events: 32,768 sse::Event values), the log's pending events (bounded by
    // its capacity) and Qt's buffers. Measured: 9 to 16 MiB.
    const qint64 bound = 48 * MiB;
    verifyPeakGrowth(client, bound);
    if (QTest::currentTestFailed())
        return;
    verifyLoopTurned(client.watch, st.bodyBytes / (256 * 1024));
}

void tst_Hostile::byteByByteStreamArrivesIntact()
{
    // 300 events in every line-ending style, with multi-byte UTF-8 (2, 3 and 4 bytes), comments,
    // multi-line data, types and ids, written one byte at a time: every chunk boundary falls
    // inside a CRLF, a UTF-8 sequence, a field name.
    constexpr int Count = 300;
    const char *const endings[] = {"\n", "\r\n", "\r"};
    QByteArray body;
    QList<Event> expected;
    for (int i = 1; i <= Count; ++i) {
        const QByteArray eol = endings[i % 3];
        const QByteArray n = QByteArray::number(i);
        const QByteArray text = QStringLiteral("h\u00e9llo \u20ac %1 \U0001F600").arg(i).toUtf8();
        body += ": comment " + n + eol;
        body += "id: " + n + eol + "event: t" + QByteArray::number(i % 7) + eol;
        body += "data: " + text + eol + "data:second line" + eol + eol;
        Event e;
        e.type = "t" + QByteArray::number(i % 7);
        e.data = text + "\nsecond line";
        e.lastEventId = n;
        e.hasId = true;
        expected.append(e);
    }
    Lockstep lockstep;
    ServerThread server([body, &lockstep](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        disableNagle(r);
        lockstep.writer = new ByteWriter(r, body);
    });
    const QUrl url = server.startAndGetUrl(QStringLiteral("/bytes"));
    QVERIFY(url.isValid());
    HostileClient client(url);
    lockstep.attach(client.session.source());
    client.start();
    QVERIFY(waitUntil([&] { return client.session.statistics().events >= Count; }, 120000));
    client.finish();
    const Statistics st = client.session.statistics();
    client.report("byte by byte", st.bodyBytes);

    const QList<Event> &events = client.events;
    QCOMPARE(events.size(), Count);
    for (int i = 0; i < Count; ++i) {
        QCOMPARE(events[i].type, expected[i].type);
        QCOMPARE(events[i].data, expected[i].data);
        QCOMPARE(events[i].lastEventId, expected[i].lastEventId);
        QCOMPARE(events[i].hasId, expected[i].hasId);
    }
    QCOMPARE(st.bodyBytes, body.size());
    QCOMPARE(st.comments, Count);
    QCOMPARE(client.errors.size(), 0);
    QCOMPARE(client.session.log()->eventCount(), Count);
    QCOMPARE(client.session.log()->eventAt(Count - 1).data.toByteArray(), expected.last().data);
    // The stream really reached EventSource one byte per read.
    QCOMPARE(client.watch.reads(), qint64(body.size()));
    QCOMPARE(client.watch.largestRead(), 1);
}

void tst_Hostile::invalidUtf8AndNulAreRepaired_data()
{
    QTest::addColumn<bool>("byteByByte");
    QTest::newRow("in one write") << false;
    QTest::newRow("one byte per write") << true;
}

void tst_Hostile::invalidUtf8AndNulAreRepaired()
{
    QFETCH(bool, byteByByte);
    // Invalid UTF-8 becomes U+FFFD (one per maximal subpart), NUL is a character like any other
    // in data and type, and an id containing NUL is ignored (WHATWG: "If the field value does not
    // contain U+0000 NULL, then set the last event ID buffer").
    const QByteArray body = bytes(
            "id: 7\n"
            "event: t\xC3(\n"                 // truncated 2-byte sequence
            "data: a\xFF\xFE" "b\n"           // bytes that never occur in UTF-8
            "data: nul\0inside\n"
            "data: cut \xE2\x82\n"            // truncated 3-byte sequence: one U+FFFD
            "data: \xC0\xAF \xED\xA0\x80\n"   // overlong '/', a surrogate: 2 + 3 U+FFFD
            "\n"
            "id: 8\0x\n"                       // ignored: contains NUL
            "event: n\0l\n"
            "data: second\n"
            "\n"
            "id: 9\xFF\n"                      // valid after repair: no NUL
            "data: third \xF0\x9F\x98\n"      // truncated 4-byte sequence: one U+FFFD
            "\n");
    const QByteArray R("\xEF\xBF\xBD");

    Lockstep lockstep;
    ServerThread server([body, byteByByte, &lockstep](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        if (byteByByte) {
            disableNagle(r);
            lockstep.writer = new ByteWriter(r, body);
        } else {
            r->write(body);
        }
    });
    const QUrl url = server.startAndGetUrl(QStringLiteral("/invalid"));
    QVERIFY(url.isValid());
    HostileClient client(url);
    lockstep.attach(client.session.source());
    client.start();
    QVERIFY(waitUntil([&] { return client.session.statistics().events >= 3; }, Timeout));
    client.finish();

    const QList<Event> &events = client.events;
    QCOMPARE(events.size(), 3);
    QCOMPARE(events[0].type, "t" + R + "(");
    QCOMPARE(events[0].data, "a" + R + R + "b\n" + QByteArray("nul\0inside", 10) + "\ncut " + R
                                 + "\n" + R + R + " " + R + R + R);
    QCOMPARE(events[0].lastEventId, QByteArray("7"));
    QVERIFY(events[0].hasId);
    QCOMPARE(events[1].type, QByteArray("n\0l", 3));
    QCOMPARE(events[1].data, QByteArray("second"));
    QCOMPARE(events[1].lastEventId, QByteArray("7"));
    QVERIFY(!events[1].hasId);
    QCOMPARE(events[2].data, "third " + R);
    QCOMPARE(events[2].lastEventId, "9" + R);
    QVERIFY(events[2].hasId);
    QCOMPARE(client.session.source()->lastEventId(), "9" + R);
    for (const Event &e : events) {
        QVERIFY(QByteArrayView(e.data).isValidUtf8());
        QVERIFY(QByteArrayView(e.type).isValidUtf8());
    }
    QCOMPARE(client.errors.size(), 0);
    if (byteByByte)
        QCOMPARE(client.watch.reads(), qint64(body.size()));
    // What the log stores and a view shows is the repaired text.
    EventLogModel *log = client.session.log();
    QCOMPARE(log->eventCount(), 3);
    QCOMPARE(log->eventAt(2).data.toByteArray(), events[2].data);
}

QTEST_MAIN(tst_Hostile)

#include "tst_hostile.moc"
