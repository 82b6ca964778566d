#include "scenarioserver.h"

#include "llmscript.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMap>
#include <QRandomGenerator>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <QUrlQuery>

#include <zlib.h>

#include <charconv>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

Q_LOGGING_CATEGORY(lcScenario, "sse.scenario")

namespace sse {

namespace {

constexpr qint64 MaxCount = 1'000'000'000;
constexpr qint64 ChunkBytes = 64 * 1024;      // one write of the bulk writers; below mmap size
constexpr int MaxCatchUpTicks = 1000;         // events a late timer may send at once
constexpr int MaxTrackedUrls = 10000;         // `status` attempt counters kept
const QString TimerName = QStringLiteral("sse-scenario-timer"); // per-connection timers

} // namespace

// ---------------------------------------------------------------------------------------------
// Query parameters

/** The query string of one request, read with validation: every bad value and every unknown
 *  name becomes one line of the explanation sent with the 400 answer. */
class ScenarioParams
{
public:
    explicit ScenarioParams(const QByteArray &target)
    {
        const qsizetype q = target.indexOf('?');
        if (q < 0)
            return;
        const QUrlQuery query(QString::fromUtf8(target.mid(q + 1)));
        const auto items = query.queryItems(QUrl::FullyDecoded);
        for (const auto &[name, value] : items) {
            if (m_values.contains(name))
                reject(QStringLiteral("parameter “%1” is given more than once").arg(name));
            m_values.insert(name, value);
        }
    }

    bool has(const QString &name) const { return m_values.contains(name); }

    qint64 integer(const QString &name, qint64 fallback, qint64 min, qint64 max)
    {
        const std::optional<QString> value = take(name);
        if (!value)
            return fallback;
        bool ok = false;
        const qint64 n = value->toLongLong(&ok);
        if (!ok || n < min || n > max) {
            reject(QStringLiteral("%1: expected a whole number from %2 to %3, got “%4”")
                       .arg(name).arg(min).arg(max).arg(*value));
            return fallback;
        }
        return n;
    }

    double number(const QString &name, double fallback, double min, double max)
    {
        const std::optional<QString> value = take(name);
        if (!value)
            return fallback;
        bool ok = false;
        const double n = value->toDouble(&ok);
        if (!ok || !(n >= min && n <= max)) {
            reject(QStringLiteral("%1: expected a number from %2 to %3, got “%4”")
                       .arg(name).arg(min).arg(max).arg(*value));
            return fallback;
        }
        return n;
    }

    QString choice(const QString &name, const QString &fallback, const QStringList &allowed)
    {
        const std::optional<QString> value = take(name);
        if (!value)
            return fallback;
        if (!allowed.contains(*value)) {
            reject(QStringLiteral("%1: expected one of %2, got “%3”")
                       .arg(name, allowed.join(u", "), *value));
            return fallback;
        }
        return *value;
    }

    /** Free text of 1 to \a maxLength printable ASCII characters, none of them in \a forbidden. */
    QString text(const QString &name, const QString &fallback, int maxLength,
                 QStringView forbidden = {})
    {
        const std::optional<QString> value = take(name);
        if (!value)
            return fallback;
        bool ok = !value->isEmpty() && value->size() <= maxLength;
        for (QChar c : *value)
            ok = ok && c.unicode() >= 0x20 && c.unicode() < 0x7f && !forbidden.contains(c);
        if (!ok) {
            reject(QStringLiteral("%1: expected 1 to %2 printable ASCII characters%3, got “%4”")
                       .arg(name).arg(maxLength)
                       .arg(forbidden.isEmpty() ? QString()
                                                : QStringLiteral(" without “%1”").arg(forbidden),
                            *value));
            return fallback;
        }
        return *value;
    }

    void reject(const QString &problem) { m_problems.append(problem); }

    /** Every problem found, unknown parameters included; empty when all is well. Call it after
     *  reading every parameter the scenario accepts. */
    QStringList problems() const
    {
        QStringList problems = m_problems;
        for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
            if (!m_used.contains(it.key()))
                problems.append(QStringLiteral("unknown parameter “%1”").arg(it.key()));
        }
        return problems;
    }

private:
    std::optional<QString> take(const QString &name)
    {
        m_used.insert(name);
        const auto it = m_values.constFind(name);
        if (it == m_values.cend())
            return std::nullopt;
        return it.value();
    }

    QMap<QString, QString> m_values;
    QSet<QString> m_used;
    QStringList m_problems;
};

// ---------------------------------------------------------------------------------------------
// Event formatting

/** How the events of one stream look and when the stream ends. */
struct StreamPlan
{
    enum class Payload {
        Tick,     ///< {"seq","ts","value"} with the current time
        Workload, ///< the same with gen_workloads.py's timestamps: small.sse byte for byte
        Unicode   ///< {"seq","msg"} as in gen_workloads.py's unicode.sse
    };
    double rate = 1;                  ///< events per second
    qint64 count = 0;                 ///< id of the last event; 0 = endless
    QByteArray eventType;             ///< `event:` of normal events; empty = none
    qint64 retryMs = -1;              ///< `retry:` sent first; -1 = none
    QByteArray contentType = QByteArrayLiteral("text/event-stream"); ///< empty = no header
    QByteArray lineEnd = QByteArrayLiteral("\n");
    /** What the `id:` lines carry. */
    enum class Ids {
        Sequence,   ///< the event's number, increasing; resumes after Last-Event-ID
        None,       ///< no id lines
        Decreasing, ///< 1000000 minus the number: numeric, counting down
        Text,       ///< "evt-<number>": not numeric
        Replay      ///< the number, but Last-Event-ID is ignored: reconnects start over at 1
    };
    Payload payload = Payload::Tick;
    Ids ids = Ids::Sequence;
    QByteArray cacheControl = QByteArrayLiteral("no-cache"); ///< empty = no header
    HttpHeaders extraHeaders;         ///< more response headers (scenario-specific)
    bool bom = false;                 ///< a UTF-8 byte order mark first
    bool comments = false;            ///< comment lines before, inside and after events
    bool gzip = false;                ///< Content-Encoding: gzip, flushed per event
    qint64 errorEvery = 0;            ///< normal events between `event: error`s; 0 = none
    qint64 dropEvery = 0;             ///< events per connection before a cut; 0 = never
    std::optional<quint32> dropSeed;  ///< cut after a pseudo-random 1..2*dropEvery events
};

namespace {

/** gen_workloads.py's lcg(): a deterministic 32-bit mix of an integer. */
quint32 lcg(qint64 n)
{
    return quint32((quint64(n) * 2654435761ULL + 0x9E3779B9ULL) & 0xFFFFFFFFULL);
}

// Events are appended to a std::string with std::to_chars (QByteArray::append is several times
// slower on Qt 6.4): `burst` formats millions of events per second, so that the server is
// never the bottleneck of a client benchmark.

void appendNumber(std::string &out, qint64 n)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, n);
    out.append(digits, result.ptr - digits);
}

/** {"seq":N,"ts":T,"value":V}: gen_workloads.py's small_data() when T = 1700000000000 + 37 N. */
void appendTickJson(std::string &out, qint64 seq, qint64 timestampMs)
{
    const quint32 v = lcg(seq);
    const quint32 thousandths = (v >> 14) % 1000;
    out.append("{\"seq\":");
    appendNumber(out, seq);
    out.append(",\"ts\":");
    appendNumber(out, timestampMs);
    out.append(",\"value\":");
    appendNumber(out, v % 10000);
    const char fraction[] = {'.', char('0' + thousandths / 100), char('0' + thousandths / 10 % 10),
                             char('0' + thousandths % 10), '}'};
    out.append(fraction, sizeof fraction);
}

/** {"seq":N,"msg":"..."} as in gen_workloads.py's unicode.sse. */
void appendUnicodeJson(std::string &out, qint64 seq)
{
    // gen_workloads.py's PALETTE: ASCII, Latin-1, CJK, Hangul and emoji (outside the BMP).
    static constexpr std::u32string_view palette =
            U"日本語の文字列テスト漢字中文字符한국어데이터 😀🚀🎉👍🔥🌏🍣🧪 ñéüßçøå ✨★→∑ abcXYZ";
    const qsizetype start = lcg(seq) % palette.size();
    const qsizetype length = 16 + seq % 17;
    std::u32string message;
    for (qsizetype i = 0; i < length; ++i)
        message += palette[(start + i) % palette.size()];
    out.append("{\"seq\":");
    appendNumber(out, seq);
    out.append(",\"msg\":\"");
    out.append(QString::fromUcs4(message.data(), qsizetype(message.size())).toStdString());
    out.append("\"}");
}

void appendErrorJson(std::string &out, qint64 seq)
{
    static const char *const codes[][2] = {
        {"upstream_timeout", "The upstream feed did not answer in time."},
        {"rate_limited", "Too many updates; some were skipped."},
        {"bad_record", "A record could not be decoded."},
    };
    const auto &code = codes[seq % 3];
    out.append("{\"code\":\"");
    out.append(code[0]);
    out.append("\",\"message\":\"");
    out.append(code[1]);
    out.append(" (event ");
    appendNumber(out, seq);
    out.append(")\"}");
}

void appendEvent(std::string &out, const StreamPlan &plan, qint64 seq)
{
    const std::string_view nl(plan.lineEnd.constData(), size_t(plan.lineEnd.size()));
    const bool isError = plan.errorEvery > 0 && seq % (plan.errorEvery + 1) == 0;
    const std::string_view type = isError
            ? std::string_view("error")
            : std::string_view(plan.eventType.constData(), size_t(plan.eventType.size()));

    if (plan.comments) {
        out.append(": event ");
        appendNumber(out, seq);
        out.append(" follows").append(nl);
    }
    switch (plan.ids) {
    case StreamPlan::Ids::Sequence:
    case StreamPlan::Ids::Replay:
        out.append("id: ");
        appendNumber(out, seq);
        out.append(nl);
        break;
    case StreamPlan::Ids::None:
        break;
    case StreamPlan::Ids::Decreasing:
        out.append("id: ");
        appendNumber(out, 1000000 - seq);
        out.append(nl);
        break;
    case StreamPlan::Ids::Text:
        out.append("id: evt-");
        appendNumber(out, seq);
        out.append(nl);
        break;
    }
    if (!type.empty())
        out.append("event: ").append(type).append(nl);
    if (plan.comments)
        out.append(": a comment between fields").append(nl);
    out.append("data: ");
    if (isError)
        appendErrorJson(out, seq);
    else if (plan.payload == StreamPlan::Payload::Unicode)
        appendUnicodeJson(out, seq);
    else if (plan.payload == StreamPlan::Payload::Workload)
        appendTickJson(out, seq, 1700000000000LL + seq * 37);
    else
        appendTickJson(out, seq, QDateTime::currentMSecsSinceEpoch());
    out.append(nl).append(nl);
    if (plan.comments)
        out.append(": a comment-only block, which is not an event").append(nl).append(nl);
}

QByteArray formatEvent(const StreamPlan &plan, qint64 seq)
{
    std::string out;
    appendEvent(out, plan, seq);
    return QByteArray::fromStdString(out);
}

/** The resumption point a client sent; 0 when absent or not a number. */
qint64 lastEventId(const HttpRequest &request)
{
    bool ok = false;
    const qint64 id = request.header("last-event-id").trimmed().toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

/** http://<host the client used>:<port>, for links and redirects to either origin. */
QByteArray origin(const HttpRequest &request, quint16 port)
{
    QByteArray host = request.header("host");
    if (host.startsWith('[')) {
        host = host.left(host.indexOf(']') + 1);
    } else if (const qsizetype colon = host.lastIndexOf(':'); colon >= 0) {
        host = host.left(colon);
    }
    for (char c : std::as_const(host)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
        if (!ok)
            host.clear();
    }
    if (host.isEmpty())
        host = QByteArrayLiteral("127.0.0.1");
    return "http://" + host + ':' + QByteArray::number(port);
}

/** 64 KiB of gen_workloads.py's FILL characters, for huge events and endless lines. */
const QByteArray &filler()
{
    static const QByteArray bytes = [] {
        const QByteArray fill("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
        return fill.repeated(ChunkBytes / fill.size());
    }();
    return bytes;
}

/** gzip (RFC 1952) output, flushed per call so each event can be decoded as soon as it arrives. */
class GzipEncoder
{
public:
    GzipEncoder()
    {
        if (deflateInit2(&m_stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                         Z_DEFAULT_STRATEGY) != Z_OK) {
            qCWarning(lcScenario) << "zlib failed to initialise; gzip output will be empty";
            m_valid = false;
        }
    }
    ~GzipEncoder()
    {
        if (m_valid)
            deflateEnd(&m_stream);
    }
    Q_DISABLE_COPY_MOVE(GzipEncoder)

    QByteArray encode(QByteArrayView bytes, bool finish)
    {
        QByteArray out;
        if (!m_valid)
            return out;
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data()));
        m_stream.avail_in = uInt(bytes.size());
        char buffer[16384];
        do {
            m_stream.next_out = reinterpret_cast<Bytef *>(buffer);
            m_stream.avail_out = sizeof buffer;
            deflate(&m_stream, finish ? Z_FINISH : Z_SYNC_FLUSH);
            out.append(buffer, qsizetype(sizeof buffer - m_stream.avail_out));
        } while (m_stream.avail_out == 0);
        return out;
    }

private:
    z_stream m_stream{};
    bool m_valid = true;
};

// ---------------------------------------------------------------------------------------------
// Per-connection writers. Both are children of the responder, so they die with the connection.

/** Calls tick() \a rate times per second, the first time at once, until it returns false or the
 *  client disconnects; then stops its timer and deletes itself. A late timer is caught up, but
 *  ticks are skipped while the client is not reading, so the socket queue stays bounded. */
class Pacer final : public QObject
{
    Q_OBJECT
public:
    Pacer(HttpResponder *responder, double rate, std::function<bool()> tick)
        : QObject(responder)
        , m_responder(responder)
        , m_rate(rate)
        , m_tick(std::move(tick))
        , m_timer(new QTimer(this))
    {
        m_timer->setObjectName(TimerName);
        m_timer->setTimerType(Qt::PreciseTimer);
        m_timer->setInterval(int(qBound(1.0, 1000.0 / rate, 3600.0 * 1000.0)));
        connect(m_timer, &QTimer::timeout, this, &Pacer::onTimeout);
        connect(responder, &HttpResponder::disconnected, this, &Pacer::stop);
    }

    void start()
    {
        m_clock.start();
        m_timer->start();
        onTimeout();
    }

    void stop()
    {
        m_timer->stop();
        deleteLater();
    }

private:
    void onTimeout()
    {
        const qint64 due = 1 + qint64(double(m_clock.elapsed()) * m_rate / 1000.0);
        if (m_responder->bytesToWrite() > ScenarioServer::HighWaterBytes) {
            m_done = due; // the client is not reading: skip rather than queue
            return;
        }
        for (int i = 0; m_done < due && i < MaxCatchUpTicks && m_timer->isActive(); ++i) {
            ++m_done;
            if (!m_tick()) {
                stop();
                return;
            }
        }
        m_done = due;
    }

    HttpResponder *m_responder;
    double m_rate;
    std::function<bool()> m_tick;
    QTimer *m_timer;
    QElapsedTimer m_clock;
    qint64 m_done = 0;
};

/** The state of one timed event stream (serveStream). */
class EventStream
{
public:
    EventStream(const StreamPlan &plan, HttpResponder *responder, qint64 firstSeq)
        : m_plan(plan)
        , m_responder(responder)
        , m_seq(firstSeq)
    {
        if (plan.gzip)
            m_gzip = std::make_unique<GzipEncoder>();
        if (plan.dropSeed) {
            QRandomGenerator random(*plan.dropSeed + quint32(firstSeq));
            m_dropAfter = 1 + random.bounded(2 * plan.dropEvery);
        } else {
            m_dropAfter = plan.dropEvery;
        }
    }

    void send(const QByteArray &bytes, bool last = false)
    {
        m_responder->write(m_gzip ? m_gzip->encode(bytes, last) : bytes);
    }

    /** Sends the next event; false when the stream has ended. */
    bool tick()
    {
        if (m_dropping) {
            // Cut, not reset: a reset makes the client's kernel discard what it has not read
            // yet, so what the client saw (and where it resumes) would depend on timing.
            m_responder->cut();
            return false;
        }
        const QByteArray event = formatEvent(m_plan, m_seq);
        if (m_dropAfter > 0 && m_sentHere == m_dropAfter) {
            // Half an event, then the body is cut short on the next tick: a correct client
            // discards the half and resumes after the last whole event.
            send(event.left(event.size() / 2));
            m_dropping = true;
            return true;
        }
        ++m_sentHere;
        if (m_plan.count > 0 && m_seq >= m_plan.count) {
            send(event, true);
            m_responder->close();
            return false;
        }
        send(event);
        ++m_seq;
        return true;
    }

private:
    const StreamPlan m_plan;
    HttpResponder *m_responder;
    std::unique_ptr<GzipEncoder> m_gzip;
    qint64 m_seq;
    qint64 m_sentHere = 0;
    qint64 m_dropAfter = 0;
    bool m_dropping = false;
};

/** The parameters every ticker-like scenario takes. */
void readStreamParams(ScenarioParams &params, StreamPlan &plan)
{
    plan.rate = params.number(QStringLiteral("rate"), plan.rate, 0.01, 10000);
    plan.count = params.integer(QStringLiteral("count"), plan.count, 0, MaxCount);
    plan.eventType = params.text(QStringLiteral("event"), QString::fromUtf8(plan.eventType), 64,
                                 u" :").toUtf8();
    plan.retryMs = params.integer(QStringLiteral("retry"), plan.retryMs, 0, 3600 * 1000);
}

const QString llmParamsDoc = QStringLiteral(
    "GET or POST (a JSON body's \"model\" is echoed); ttft=ms to the first token (400), "
    "token=ms between chunks (40), tools=1|0 (1: end with a get_weather tool call), "
    "thinking=1|0 (1), fault=none|error|stall|truncate (error: overloaded_error, an error "
    "object or response.failed mid-answer; stall: a silence of stall=ms (3000) mid-answer; "
    "truncate: the body ends mid-answer without its terminator)");

const QString streamParamsDoc = QStringLiteral(
        "rate=events per second (1); count=id of the last event, after which the stream ends and "
        "a reconnect gets 204 (0 = endless); event=event type; retry=ms, sent as retry:");

} // namespace

// ---------------------------------------------------------------------------------------------
// ScenarioServer

ScenarioServer::ScenarioServer(QObject *parent)
    : QObject(parent)
    , m_http(new HttpServer(this))
{
    m_http->setHandler([this](const HttpRequest &request, HttpResponder *responder) {
        handle(request, responder);
    });
}

ScenarioServer::~ScenarioServer()
{
    // Connections (and their writers) go before the members their callbacks use.
    delete m_http;
}

bool ScenarioServer::listen(const QHostAddress &address, quint16 port, quint16 secondPort)
{
    if (m_http->listen(address, port) == 0)
        return false;
    m_secondPort = m_http->listen(address, secondPort);
    return m_secondPort != 0;
}

quint16 ScenarioServer::port() const
{
    return m_http->port();
}

quint16 ScenarioServer::secondPort() const
{
    return m_secondPort;
}

QUrl ScenarioServer::url(const QString &pathAndQuery) const
{
    return m_http->url(pathAndQuery);
}

QUrl ScenarioServer::secondOriginUrl(const QString &pathAndQuery) const
{
    return m_http->url(pathAndQuery, m_secondPort);
}

/** Writes a scripted body step by step, each after its delay, then ends it; stops when the
 *  client leaves. */
class ScriptPlayer final : public QObject
{
    Q_OBJECT
public:
    ScriptPlayer(HttpResponder *responder, QList<LlmScriptStep> steps)
        : QObject(responder)
        , m_responder(responder)
        , m_steps(std::move(steps))
        , m_timer(new QTimer(this))
    {
        m_timer->setObjectName(TimerName);
        m_timer->setSingleShot(true);
        m_timer->setTimerType(Qt::PreciseTimer);
        connect(m_timer, &QTimer::timeout, this, &ScriptPlayer::step);
        connect(responder, &HttpResponder::disconnected, this, &QObject::deleteLater);
    }

    void start() { schedule(); }

private:
    void schedule()
    {
        if (m_next >= m_steps.size()) {
            m_responder->close();
            deleteLater();
            return;
        }
        m_timer->start(m_steps.at(m_next).delayMs);
    }
    void step()
    {
        m_responder->write(m_steps.at(m_next++).bytes);
        schedule();
    }

    HttpResponder *m_responder;
    QList<LlmScriptStep> m_steps;
    QTimer *m_timer;
    qsizetype m_next = 0;
};

int ScenarioServer::activeTimerCount() const
{
    int count = 0;
    const auto timers = m_http->findChildren<QTimer *>(TimerName);
    for (const QTimer *timer : timers)
        count += timer->isActive() ? 1 : 0;
    return count;
}

const QList<ScenarioServer::Scenario> &ScenarioServer::scenarioTable()
{
    static const QList<Scenario> table = {
        {{QStringLiteral("/"), QStringLiteral("This index."), QString(), QStringLiteral("/")},
         &ScenarioServer::serveIndex},
        {{QStringLiteral("/ticker"),
          QStringLiteral("A steady stream with ids and a JSON payload {seq, ts, value}; resumes "
                         "after Last-Event-ID."),
          streamParamsDoc, QStringLiteral("/ticker?rate=5")},
         &ScenarioServer::serveTicker},
        {{QStringLiteral("/burst"),
          QStringLiteral("As fast as the socket takes them: the events of gen_workloads.py's "
                         "small.sse generated in memory, or any .sse file; then the end."),
          QStringLiteral("count=events (100000), resumes after Last-Event-ID; or file=path of a "
                         ".sse file (clients on this machine only)"),
          QStringLiteral("/burst?count=1000000")},
         &ScenarioServer::serveBurst},
        {{QStringLiteral("/flaky"),
          QStringLiteral("Cuts the connection in the middle of an event every few events and "
                         "resumes after Last-Event-ID: a correct client loses and duplicates "
                         "nothing."),
          QStringLiteral("every=whole events per connection (5); seed=number: cut after a "
                         "pseudo-random 1 to 2×every events instead; retry=ms (250); ")
                  + streamParamsDoc,
          QStringLiteral("/flaky?every=3&rate=5")},
         &ScenarioServer::serveFlaky},
        {{QStringLiteral("/errors"),
          QStringLiteral("Normal events interleaved with event: error carrying "
                         "{\"code\", \"message\"}."),
          QStringLiteral("every=normal events between errors (3); ") + streamParamsDoc,
          QStringLiteral("/errors?every=2&rate=2")},
         &ScenarioServer::serveErrors},
        {{QStringLiteral("/status"),
          QStringLiteral("Answers with a chosen status, optionally only for the first n "
                         "attempts, then streams the ticker."),
          QStringLiteral("code=200..599 (503); n=failing attempts before the stream (0 = fail "
                         "always); retry_after=seconds for Retry-After (1 with 429 and 503); "
                         "client=any text, counts attempts separately; ")
                  + streamParamsDoc,
          QStringLiteral("/status?code=429&n=2")},
         &ScenarioServer::serveStatus},
        {{QStringLiteral("/content-type"),
          QStringLiteral("The ticker with a wrong or odd MIME type."),
          QStringLiteral("type=Content-Type value (text/plain), none = no header; ")
                  + streamParamsDoc,
          QStringLiteral("/content-type?type=application/json")},
         &ScenarioServer::serveContentType},
        {{QStringLiteral("/stall"),
          QStringLiteral("A few events, then the socket stays open and silent, or sends only "
                         "\":\" heartbeats (idle-timeout tests)."),
          QStringLiteral("events=events before the stall (3); heartbeat=ms between \":\" "
                         "comments (0 = silent)"),
          QStringLiteral("/stall?heartbeat=1000")},
         &ScenarioServer::serveStall},
        {{QStringLiteral("/slow"),
          QStringLiteral("Writes one byte (or chunk) at a time with a delay (chunk-boundary "
                         "tests)."),
          QStringLiteral("delay=ms between writes (50); chunk=bytes per write (1); count=id of "
                         "the last event (5, 0 = endless)"),
          QStringLiteral("/slow?delay=20")},
         &ScenarioServer::serveSlow},
        {{QStringLiteral("/huge"),
          QStringLiteral("One event of size bytes, or an endless line with no newline "
                         "(memory-cap tests)."),
          QStringLiteral("size=bytes of data (1048576, at most 268435456); mode=event or line"),
          QStringLiteral("/huge?size=20000000")},
         &ScenarioServer::serveHuge},
        {{QStringLiteral("/redirect"),
          QStringLiteral("Redirects to another scenario, optionally on the second origin (a "
                         "second port) to test credential stripping."),
          QStringLiteral("code=301, 302, 303, 307 or 308 (302); to=path and query (/ticker); "
                         "origin=same or second; hops=redirects in a row (1)"),
          QStringLiteral("/redirect?origin=second&to=/auth")},
         &ScenarioServer::serveRedirect},
        {{QStringLiteral("/auth"),
          QStringLiteral("401 unless the request carries Authorization: Bearer <token>, then "
                         "the ticker."),
          streamParamsDoc, QStringLiteral("/auth")},
         &ScenarioServer::serveAuth},
        {{QStringLiteral("/gzip"),
          QStringLiteral("The ticker, gzip-encoded and flushed per event."), streamParamsDoc,
          QStringLiteral("/gzip?rate=2")},
         &ScenarioServer::serveGzip},
        {{QStringLiteral("/unicode"),
          QStringLiteral("Events whose data mixes Latin-1, CJK, Hangul and emoji, as in "
                         "unicode.sse."),
          streamParamsDoc, QStringLiteral("/unicode?rate=5")},
         &ScenarioServer::serveUnicode},
        {{QStringLiteral("/crlf"), QStringLiteral("The ticker with CRLF line endings."),
          streamParamsDoc, QStringLiteral("/crlf")},
         &ScenarioServer::serveCrlf},
        {{QStringLiteral("/cr"), QStringLiteral("The ticker with CR-only line endings."),
          streamParamsDoc, QStringLiteral("/cr")},
         &ScenarioServer::serveCr},
        {{QStringLiteral("/bom"),
          QStringLiteral("The ticker after a UTF-8 byte order mark."), streamParamsDoc,
          QStringLiteral("/bom")},
         &ScenarioServer::serveBom},
        {{QStringLiteral("/comments"),
          QStringLiteral("The ticker with comment lines before, inside and after events."),
          streamParamsDoc, QStringLiteral("/comments")},
         &ScenarioServer::serveComments},
        {{QStringLiteral("/buffered"),
          QStringLiteral("The ticker held back and released in bursts every hold ms, as a "
                         "buffering proxy or compressor does; optionally posing as nginx "
                         "(diagnostics: buffering, nginx-buffering, content-encoding)."),
          QStringLiteral("hold=ms between releases (1000); server=Server header (none), e.g. "
                         "nginx; accel=X-Accel-Buffering value (none); gzip=1 compresses; ")
                  + streamParamsDoc + QStringLiteral(" (rate 10)"),
          QStringLiteral("/buffered?server=nginx&hold=2000")},
         &ScenarioServer::serveBuffered},
        {{QStringLiteral("/cors"),
          QStringLiteral("The ticker with chosen CORS headers (diagnostics: CORS checks for a "
                         "page origin)."),
          QStringLiteral("allow_origin=Access-Control-Allow-Origin value, echo = the request's "
                         "Origin (none = no header); allow_credentials="
                         "Access-Control-Allow-Credentials value (none); ")
                  + streamParamsDoc,
          QStringLiteral("/cors?allow_origin=echo&allow_credentials=true")},
         &ScenarioServer::serveCors},
        {{QStringLiteral("/badheaders"),
          QStringLiteral("The ticker with response header mistakes: another charset, no "
                         "Cache-Control, a Content-Length (diagnostics)."),
          QStringLiteral("charset=charset parameter of Content-Type (iso-8859-1; none = "
                         "none); cache=Cache-Control value (none = no header, the default); "
                         "length=Content-Length to announce (0 = none, the default; the body "
                         "is then sent unchunked); ")
                  + streamParamsDoc,
          QStringLiteral("/badheaders?length=1000000")},
         &ScenarioServer::serveBadHeaders},
        {{QStringLiteral("/ids"),
          QStringLiteral("The ticker with odd id fields (diagnostics: no-ids, "
                         "ids-not-increasing)."),
          QStringLiteral("mode=none (no id lines, the default), decreasing (numeric, counting "
                         "down), text (\"evt-N\", not numeric) or replay (increasing, but "
                         "Last-Event-ID is ignored: a reconnect starts over at 1); ")
                  + streamParamsDoc,
          QStringLiteral("/ids?mode=replay&count=5")},
         &ScenarioServer::serveIds},
        {{QStringLiteral("/llm/openai-chat"),
          QStringLiteral("An OpenAI Chat Completions token stream (chat.completion.chunk, "
                         "data: [DONE]), as POST /v1/chat/completions with stream: true answers."),
          llmParamsDoc,
          QStringLiteral("/llm/openai-chat?fault=stall")},
         &ScenarioServer::serveLlmChat},
        {{QStringLiteral("/llm/openai-responses"),
          QStringLiteral("An OpenAI Responses API event stream (response.created ... "
                         "response.completed), as POST /v1/responses with stream: true answers."),
          llmParamsDoc,
          QStringLiteral("/llm/openai-responses?fault=error")},
         &ScenarioServer::serveLlmResponses},
        {{QStringLiteral("/llm/anthropic"),
          QStringLiteral("An Anthropic Messages event stream (message_start ... message_stop, "
                         "thinking, tool_use), as POST /v1/messages with stream: true answers."),
          llmParamsDoc,
          QStringLiteral("/llm/anthropic?fault=error")},
         &ScenarioServer::serveLlmAnthropic},
    };
    return table;
}

QList<ScenarioServer::Info> ScenarioServer::scenarios()
{
    QList<Info> infos;
    for (const Scenario &scenario : scenarioTable())
        infos.append(scenario.info);
    return infos;
}

void ScenarioServer::handle(const HttpRequest &request, HttpResponder *responder)
{
    if (request.method != "GET" && request.method != "POST") {
        respondText(request, responder, 405, "Only GET and POST are served.\n",
                    {{"Allow", "GET, POST"}});
        return;
    }
    const QString path = QString::fromUtf8(request.path());
    for (const Scenario &scenario : scenarioTable()) {
        if (scenario.info.path == path) {
            ScenarioParams params(request.target);
            (this->*scenario.serve)(request, responder, params);
            return;
        }
    }
    respondText(request, responder, 404,
                "There is no scenario at " + request.path() + "; the index at / lists them.\n");
}

// ---- Responses shared by the scenarios

void ScenarioServer::writeHead(const HttpRequest &request, HttpResponder *responder, int status,
                               const HttpHeaders &headers)
{
    responder->writeHead(status, headers);
    Q_EMIT requestServed(request, status);
}

void ScenarioServer::respondText(const HttpRequest &request, HttpResponder *responder, int status,
                                 const QByteArray &text, const HttpHeaders &extraHeaders)
{
    if (status == 204 || status == 304) { // no body, not even Content-Length
        writeHead(request, responder, status, extraHeaders);
        responder->close();
        return;
    }
    responder->respond(status, "text/plain; charset=utf-8", text, extraHeaders);
    Q_EMIT requestServed(request, status);
}

bool ScenarioServer::refuseBadParams(const HttpRequest &request, HttpResponder *responder,
                                     const ScenarioParams &params)
{
    const QStringList problems = params.problems();
    if (problems.isEmpty())
        return false;
    QByteArray text = "Bad query for " + request.path() + ":\n";
    for (const QString &problem : problems)
        text += "- " + problem.toUtf8() + '\n';
    text += "The index at / lists the parameters of every scenario.\n";
    respondText(request, responder, 400, text);
    return true;
}

void ScenarioServer::serveStream(const HttpRequest &request, HttpResponder *responder,
                                 const StreamPlan &plan)
{
    const qint64 resumeAfter = plan.ids == StreamPlan::Ids::Sequence ? lastEventId(request) : 0;
    if (plan.count > 0 && resumeAfter >= plan.count) {
        // The client has every event: 204 tells it to stop reconnecting.
        respondText(request, responder, 204, {});
        return;
    }
    HttpHeaders headers;
    if (!plan.contentType.isEmpty())
        headers.append({QByteArrayLiteral("Content-Type"), plan.contentType});
    if (!plan.cacheControl.isEmpty())
        headers.append({QByteArrayLiteral("Cache-Control"), plan.cacheControl});
    if (plan.gzip)
        headers.append({QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("gzip")});
    headers.append(plan.extraHeaders);
    writeHead(request, responder, 200, headers);

    auto stream = std::make_shared<EventStream>(plan, responder, resumeAfter + 1);
    QByteArray preamble;
    if (plan.bom)
        preamble += "\xEF\xBB\xBF";
    if (plan.retryMs >= 0)
        preamble += "retry: " + QByteArray::number(plan.retryMs) + plan.lineEnd + plan.lineEnd;
    if (!preamble.isEmpty())
        stream->send(preamble);
    auto *pacer = new Pacer(responder, plan.rate, [stream] { return stream->tick(); });
    pacer->start();
}

// ---- The scenarios

void ScenarioServer::serveIndex(const HttpRequest &request, HttpResponder *responder,
                                ScenarioParams &params)
{
    if (refuseBadParams(request, responder, params))
        return;
    const QString second = QString::fromUtf8(origin(request, m_secondPort)).toHtmlEscaped();
    QString html = QStringLiteral(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>sse-testbed</title><style>body{font-family:sans-serif;margin:2em}"
            "td,th{text-align:left;vertical-align:top;padding:.3em .8em}"
            "tr:nth-child(even){background:#f2f2f2}</style></head><body>\n"
            "<h1>sse-testbed</h1>\n<p>Server-Sent Events that misbehave on purpose. Every "
            "scenario is a path; parameters go in the query string (defaults in brackets); a "
            "bad parameter gets 400 with an explanation. Streams number their events from 1 "
            "and resume after <code>Last-Event-ID</code>.</p>\n"
            "<p>Second origin (for cross-origin redirects): <a href=\"%1/\">%1</a>. "
            "Bearer token of <code>/auth</code>: <code>%2</code>.</p>\n"
            "<table><tr><th>Scenario</th><th>What it does</th><th>Parameters</th>"
            "<th>Example</th></tr>\n")
            .arg(second, QString::fromUtf8(m_authToken).toHtmlEscaped());
    for (const Scenario &scenario : scenarioTable()) {
        const Info &info = scenario.info;
        html += QStringLiteral("<tr><td><code>%1</code></td><td>%2</td><td>%3</td>"
                               "<td><a href=\"%4\">%4</a></td></tr>\n")
                        .arg(info.path.toHtmlEscaped(), info.summary.toHtmlEscaped(),
                             info.parameters.toHtmlEscaped(), info.example.toHtmlEscaped());
    }
    html += QStringLiteral("</table>\n</body></html>\n");
    responder->respond(200, "text/html; charset=utf-8", html.toUtf8());
    Q_EMIT requestServed(request, 200);
}

void ScenarioServer::servePlan(const HttpRequest &request, HttpResponder *responder,
                               ScenarioParams &params, StreamPlan &plan)
{
    readStreamParams(params, plan);
    if (refuseBadParams(request, responder, params))
        return;
    serveStream(request, responder, plan);
}

void ScenarioServer::serveTicker(const HttpRequest &request, HttpResponder *responder,
                                 ScenarioParams &params)
{
    StreamPlan plan;
    servePlan(request, responder, params, plan);
}

void ScenarioServer::serveBurst(const HttpRequest &request, HttpResponder *responder,
                                ScenarioParams &params)
{
    const qint64 count = params.integer(QStringLiteral("count"), 100000, 1, MaxCount);
    const QString path = params.text(QStringLiteral("file"), QString(), 4096);
    if (params.has(QStringLiteral("count")) && params.has(QStringLiteral("file")))
        params.reject(QStringLiteral("give either count or file, not both"));
    std::shared_ptr<QFile> file;
    if (!path.isEmpty()) {
        // Only event-stream files, and only to this machine: the testbed is no file server.
        file = std::make_shared<QFile>(path);
        if (!path.endsWith(QStringLiteral(".sse")))
            params.reject(QStringLiteral("file: only files ending in .sse are served"));
        else if (!request.peerAddress.isLoopback())
            params.reject(QStringLiteral("file: only served to clients on this machine"));
        else if (!QFileInfo(path).isFile())
            params.reject(QStringLiteral("file: “%1” is not a file").arg(path));
        else if (!file->open(QIODevice::ReadOnly))
            params.reject(QStringLiteral("file: cannot read “%1”: %2").arg(path, file->errorString()));
    }
    if (refuseBadParams(request, responder, params))
        return;

    if (file) {
        writeHead(request, responder, 200,
                  {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"},
                   {"Content-Length", QByteArray::number(file->size())}});
        new BodyPump(responder, [file] { return file->read(ChunkBytes); });
        return;
    }

    const qint64 resumeAfter = lastEventId(request);
    if (resumeAfter >= count) {
        respondText(request, responder, 204, {});
        return;
    }
    writeHead(request, responder, 200,
              {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}});
    StreamPlan plan;
    plan.eventType = QByteArrayLiteral("tick");
    plan.payload = StreamPlan::Payload::Workload;
    new BodyPump(responder, [plan, count, seq = resumeAfter + 1]() mutable {
        std::string chunk;
        chunk.reserve(ChunkBytes + 256);
        while (seq <= count && qint64(chunk.size()) < ChunkBytes)
            appendEvent(chunk, plan, seq++);
        return QByteArray::fromStdString(chunk);
    });
}

void ScenarioServer::serveFlaky(const HttpRequest &request, HttpResponder *responder,
                                ScenarioParams &params)
{
    StreamPlan plan;
    plan.retryMs = 250;
    plan.dropEvery = params.integer(QStringLiteral("every"), 5, 1, 1'000'000);
    if (params.has(QStringLiteral("seed")))
        plan.dropSeed = quint32(params.integer(QStringLiteral("seed"), 0, 0, 0xFFFFFFFFLL));
    servePlan(request, responder, params, plan);
}

void ScenarioServer::serveErrors(const HttpRequest &request, HttpResponder *responder,
                                 ScenarioParams &params)
{
    StreamPlan plan;
    plan.errorEvery = params.integer(QStringLiteral("every"), 3, 1, 1'000'000);
    servePlan(request, responder, params, plan);
}

void ScenarioServer::serveStatus(const HttpRequest &request, HttpResponder *responder,
                                 ScenarioParams &params)
{
    const int code = int(params.integer(QStringLiteral("code"), 503, 200, 599));
    const qint64 failures = params.integer(QStringLiteral("n"), 0, 0, 1'000'000);
    const qint64 retryAfter = params.integer(QStringLiteral("retry_after"),
                                             code == 429 || code == 503 ? 1 : -1, 0, 86400);
    params.text(QStringLiteral("client"), QString(), 200); // only makes the URL distinct
    StreamPlan plan;
    readStreamParams(params, plan);
    if (refuseBadParams(request, responder, params))
        return;

    if (m_attempts.size() >= MaxTrackedUrls)
        m_attempts.clear();
    const int attempt = ++m_attempts[request.target];
    if (failures > 0 && attempt > failures) {
        serveStream(request, responder, plan);
        return;
    }
    HttpHeaders headers;
    if (retryAfter >= 0)
        headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfter)});
    if (code == 401)
        headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"sse-testbed\"")});
    QByteArray text = "Scenario status: answering " + QByteArray::number(code) + " (attempt "
            + QByteArray::number(attempt);
    text += failures > 0 ? "; the stream starts at attempt " + QByteArray::number(failures + 1)
                         : QByteArray("; add n=<attempts> to stream afterwards");
    text += ").\n";
    respondText(request, responder, code, text, headers);
}

void ScenarioServer::serveContentType(const HttpRequest &request, HttpResponder *responder,
                                      ScenarioParams &params)
{
    StreamPlan plan;
    const QString type = params.text(QStringLiteral("type"), QStringLiteral("text/plain"), 200);
    plan.contentType = type == u"none" ? QByteArray() : type.toUtf8();
    servePlan(request, responder, params, plan);
}

void ScenarioServer::serveStall(const HttpRequest &request, HttpResponder *responder,
                                ScenarioParams &params)
{
    const qint64 events = params.integer(QStringLiteral("events"), 3, 0, 1000);
    const qint64 heartbeatMs = params.integer(QStringLiteral("heartbeat"), 0, 0, 3600 * 1000);
    if (heartbeatMs > 0 && heartbeatMs < 10)
        params.reject(QStringLiteral("heartbeat: expected 0 or at least 10 ms"));
    if (refuseBadParams(request, responder, params))
        return;

    writeHead(request, responder, 200,
              {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}});
    const StreamPlan plan;
    const qint64 first = lastEventId(request) + 1;
    for (qint64 seq = first; seq < first + events; ++seq)
        responder->write(formatEvent(plan, seq));
    if (heartbeatMs == 0)
        return; // silent from now on; the connection stays open until the client leaves
    auto *pacer = new Pacer(responder, 1000.0 / double(heartbeatMs), [responder] {
        responder->write(":\n");
        return true;
    });
    pacer->start();
}

void ScenarioServer::serveSlow(const HttpRequest &request, HttpResponder *responder,
                               ScenarioParams &params)
{
    const qint64 delayMs = params.integer(QStringLiteral("delay"), 50, 1, 10000);
    const qint64 chunk = params.integer(QStringLiteral("chunk"), 1, 1, 65536);
    StreamPlan plan;
    plan.count = params.integer(QStringLiteral("count"), 5, 0, MaxCount);
    if (refuseBadParams(request, responder, params))
        return;
    const qint64 resumeAfter = lastEventId(request);
    if (plan.count > 0 && resumeAfter >= plan.count) {
        respondText(request, responder, 204, {});
        return;
    }
    writeHead(request, responder, 200,
              {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}});
    auto *pacer = new Pacer(responder, 1000.0 / double(delayMs),
                            [responder, plan, chunk, seq = resumeAfter + 1,
                             pending = QByteArray()]() mutable {
        if (pending.isEmpty()) {
            if (plan.count > 0 && seq > plan.count) {
                responder->close();
                return false;
            }
            pending = formatEvent(plan, seq++);
        }
        responder->write(QByteArrayView(pending).first(qMin(chunk, pending.size())));
        pending.remove(0, chunk);
        return true;
    });
    pacer->start();
}

void ScenarioServer::serveHuge(const HttpRequest &request, HttpResponder *responder,
                               ScenarioParams &params)
{
    const qint64 size = params.integer(QStringLiteral("size"), 1024 * 1024, 1, 256 * 1024 * 1024);
    const bool endlessLine = params.choice(QStringLiteral("mode"), QStringLiteral("event"),
                                           {QStringLiteral("event"), QStringLiteral("line")})
            == u"line";
    if (refuseBadParams(request, responder, params))
        return;
    if (!endlessLine && lastEventId(request) >= 1) {
        respondText(request, responder, 204, {});
        return;
    }
    writeHead(request, responder, 200,
              {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}});
    if (endlessLine) {
        responder->write("data: ");
        new BodyPump(responder, [] { return filler(); });
        return;
    }
    responder->write("id: 1\ndata: ");
    new BodyPump(responder, [remaining = size]() mutable {
        if (remaining > 0) {
            const qint64 n = qMin(remaining, filler().size());
            remaining -= n;
            return n == filler().size() ? filler() : filler().left(n);
        }
        if (remaining == 0) {
            remaining = -1;
            return QByteArrayLiteral("\n\n");
        }
        return QByteArray(); // the end
    });
}

void ScenarioServer::serveRedirect(const HttpRequest &request, HttpResponder *responder,
                                   ScenarioParams &params)
{
    const QString code = params.choice(QStringLiteral("code"), QStringLiteral("302"),
                                       {QStringLiteral("301"), QStringLiteral("302"),
                                        QStringLiteral("303"), QStringLiteral("307"),
                                        QStringLiteral("308")});
    const QString to = params.text(QStringLiteral("to"), QStringLiteral("/ticker"), 2000, u" ");
    if (!to.startsWith(u'/') || to.startsWith(QStringLiteral("//")))
        params.reject(QStringLiteral("to: expected a path on this server, starting with one /"));
    const QString originName = params.choice(QStringLiteral("origin"), QStringLiteral("same"),
                                             {QStringLiteral("same"), QStringLiteral("second")});
    const qint64 hops = params.integer(QStringLiteral("hops"), 1, 1, 20);
    if (refuseBadParams(request, responder, params))
        return;

    QByteArray location;
    if (hops > 1) {
        QUrlQuery next;
        next.addQueryItem(QStringLiteral("code"), code);
        next.addQueryItem(QStringLiteral("to"),
                          QString::fromLatin1(QUrl::toPercentEncoding(to)));
        next.addQueryItem(QStringLiteral("origin"), originName);
        next.addQueryItem(QStringLiteral("hops"), QString::number(hops - 1));
        location = "/redirect?" + next.query(QUrl::FullyEncoded).toUtf8();
    } else {
        location = to.toUtf8();
    }
    if (originName == u"second") // same origin: a relative Location the client must resolve
        location = origin(request, m_secondPort) + location;
    respondText(request, responder, code.toInt(), "Redirecting to " + location + '\n',
                {{"Location", location}});
}

void ScenarioServer::serveAuth(const HttpRequest &request, HttpResponder *responder,
                               ScenarioParams &params)
{
    StreamPlan plan;
    readStreamParams(params, plan);
    if (refuseBadParams(request, responder, params))
        return;
    const QByteArray authorization = request.header("authorization");
    const bool bearer = authorization.size() > 7
            && authorization.first(7).compare("bearer ", Qt::CaseInsensitive) == 0;
    if (!bearer || authorization.mid(7).trimmed() != m_authToken) {
        respondText(request, responder, 401,
                    authorization.isEmpty()
                            ? "This stream needs Authorization: Bearer <token>; the index at / "
                              "shows the token.\n"
                            : "The bearer token is wrong.\n",
                    {{"WWW-Authenticate", "Bearer realm=\"sse-testbed\""}});
        return;
    }
    serveStream(request, responder, plan);
}

void ScenarioServer::serveGzip(const HttpRequest &request, HttpResponder *responder,
                               ScenarioParams &params)
{
    StreamPlan plan;
    plan.gzip = true;
    servePlan(request, responder, params, plan);
}

void ScenarioServer::serveUnicode(const HttpRequest &request, HttpResponder *responder,
                                  ScenarioParams &params)
{
    StreamPlan plan;
    plan.payload = StreamPlan::Payload::Unicode;
    servePlan(request, responder, params, plan);
}

void ScenarioServer::serveCrlf(const HttpRequest &request, HttpResponder *responder,
                               ScenarioParams &params)
{
    StreamPlan plan;
    plan.lineEnd = QByteArrayLiteral("\r\n");
    servePlan(request, responder, params, plan);
}

void ScenarioServer::serveCr(const HttpRequest &request, HttpResponder *responder,
                             ScenarioParams &params)
{
    StreamPlan plan;
    plan.lineEnd = QByteArrayLiteral("\r");
    servePlan(request, responder, params, plan);
}

void ScenarioServer::serveBom(const HttpRequest &request, HttpResponder *responder,
                              ScenarioParams &params)
{
    StreamPlan plan;
    plan.bom = true;
    servePlan(request, responder, params, plan);
}

void ScenarioServer::serveComments(const HttpRequest &request, HttpResponder *responder,
                                   ScenarioParams &params)
{
    StreamPlan plan;
    plan.comments = true;
    servePlan(request, responder, params, plan);
}

void ScenarioServer::serveBuffered(const HttpRequest &request, HttpResponder *responder,
                                   ScenarioParams &params)
{
    StreamPlan plan;
    plan.rate = 10;
    const qint64 holdMs = params.integer(QStringLiteral("hold"), 1000, 10, 600000);
    const QString server = params.text(QStringLiteral("server"), QString(), 100);
    const QString accel = params.text(QStringLiteral("accel"), QString(), 20);
    plan.gzip = params.choice(QStringLiteral("gzip"), QStringLiteral("0"),
                              {QStringLiteral("0"), QStringLiteral("1")})
            == u"1";
    readStreamParams(params, plan);
    if (refuseBadParams(request, responder, params))
        return;
    const qint64 resumeAfter = lastEventId(request);
    if (plan.count > 0 && resumeAfter >= plan.count) {
        respondText(request, responder, 204, {});
        return;
    }
    HttpHeaders headers{{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    if (plan.gzip)
        headers.append({QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("gzip")});
    if (!server.isEmpty())
        headers.append({QByteArrayLiteral("Server"), server.toUtf8()});
    if (!accel.isEmpty())
        headers.append({QByteArrayLiteral("X-Accel-Buffering"), accel.toUtf8()});
    writeHead(request, responder, 200, headers);

    // Events are made at the rate but written only every hold ms, all at once.
    const qint64 perRelease = qMax<qint64>(1, qRound64(double(holdMs) * plan.rate / 1000.0));
    auto gzip = plan.gzip ? std::make_shared<GzipEncoder>() : nullptr;
    const auto send = [responder, gzip](const QByteArray &bytes, bool last) {
        responder->write(gzip ? gzip->encode(bytes, last) : bytes);
    };
    if (plan.retryMs >= 0)
        send("retry: " + QByteArray::number(plan.retryMs) + "\n\n", false);
    auto *pacer = new Pacer(responder, plan.rate,
                            [responder, plan, perRelease, send, seq = resumeAfter + 1,
                             held = qint64(0), pending = QByteArray()]() mutable {
        pending += formatEvent(plan, seq);
        const bool last = plan.count > 0 && seq >= plan.count;
        ++seq;
        if (++held >= perRelease || last) {
            send(pending, last);
            pending.clear();
            held = 0;
        }
        if (last)
            responder->close();
        return !last;
    });
    pacer->start();
}

void ScenarioServer::serveCors(const HttpRequest &request, HttpResponder *responder,
                               ScenarioParams &params)
{
    StreamPlan plan;
    const QString allowOrigin = params.text(QStringLiteral("allow_origin"), QString(), 200);
    const QString allowCredentials = params.text(QStringLiteral("allow_credentials"), QString(), 20);
    readStreamParams(params, plan);
    if (refuseBadParams(request, responder, params))
        return;
    if (allowOrigin == u"echo") {
        // As many servers do: allow whichever origin asked (nothing when none did).
        const QByteArray origin = request.header("origin").trimmed();
        if (!origin.isEmpty())
            plan.extraHeaders.append({QByteArrayLiteral("Access-Control-Allow-Origin"), origin});
        plan.extraHeaders.append({QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin")});
    } else if (!allowOrigin.isEmpty()) {
        plan.extraHeaders.append({QByteArrayLiteral("Access-Control-Allow-Origin"),
                                  allowOrigin.toUtf8()});
    }
    if (!allowCredentials.isEmpty())
        plan.extraHeaders.append({QByteArrayLiteral("Access-Control-Allow-Credentials"),
                                  allowCredentials.toUtf8()});
    serveStream(request, responder, plan);
}

void ScenarioServer::serveBadHeaders(const HttpRequest &request, HttpResponder *responder,
                                     ScenarioParams &params)
{
    StreamPlan plan;
    const QString charset = params.text(QStringLiteral("charset"), QStringLiteral("iso-8859-1"),
                                        40, u" ;,");
    const QString cache = params.text(QStringLiteral("cache"), QStringLiteral("none"), 100);
    const qint64 length = params.integer(QStringLiteral("length"), 0, 0, MaxCount);
    readStreamParams(params, plan);
    if (refuseBadParams(request, responder, params))
        return;
    if (charset != u"none")
        plan.contentType += "; charset=" + charset.toUtf8();
    plan.cacheControl = cache == u"none" ? QByteArray() : cache.toUtf8();
    if (length > 0) // the responder then sends the body as is, without chunks
        plan.extraHeaders.append({QByteArrayLiteral("Content-Length"), QByteArray::number(length)});
    serveStream(request, responder, plan);
}

void ScenarioServer::serveLlmChat(const HttpRequest &request, HttpResponder *responder,
                                  ScenarioParams &params)
{
    serveLlm(request, responder, params, int(LlmShape::OpenAiChat));
}

void ScenarioServer::serveLlmResponses(const HttpRequest &request, HttpResponder *responder,
                                       ScenarioParams &params)
{
    serveLlm(request, responder, params, int(LlmShape::OpenAiResponses));
}

void ScenarioServer::serveLlmAnthropic(const HttpRequest &request, HttpResponder *responder,
                                       ScenarioParams &params)
{
    serveLlm(request, responder, params, int(LlmShape::Anthropic));
}

void ScenarioServer::serveLlm(const HttpRequest &request, HttpResponder *responder,
                              ScenarioParams &params, int shape)
{
    using Fault = LlmScriptOptions::Fault;
    LlmScriptOptions options;
    options.firstTokenMs = int(params.integer(QStringLiteral("ttft"), 400, 0, 600000));
    options.tokenMs = int(params.integer(QStringLiteral("token"), 40, 0, 60000));
    options.stallMs = int(params.integer(QStringLiteral("stall"), 3000, 0, 3600000));
    options.tools = params.integer(QStringLiteral("tools"), 1, 0, 1) == 1;
    options.thinking = params.integer(QStringLiteral("thinking"), 1, 0, 1) == 1;
    const QString fault = params.choice(QStringLiteral("fault"), QStringLiteral("none"),
                                        {QStringLiteral("none"), QStringLiteral("error"),
                                         QStringLiteral("stall"), QStringLiteral("truncate")});
    options.fault = fault == u"error" ? Fault::Error
        : fault == u"stall"           ? Fault::Stall
        : fault == u"truncate"        ? Fault::Truncate
                                      : Fault::None;
    if (refuseBadParams(request, responder, params))
        return;
    if (!request.body.isEmpty()) {
        QJsonParseError error;
        const QJsonDocument body = QJsonDocument::fromJson(request.body, &error);
        if (error.error != QJsonParseError::NoError || !body.isObject()) {
            respondText(request, responder, 400, "The request body is not a JSON object.\n");
            return;
        }
        options.model = body.object().value(u"model").toString().left(100).toUtf8();
    }
    writeHead(request, responder, 200,
              {{"Content-Type", "text/event-stream; charset=utf-8"}, {"Cache-Control", "no-cache"}});
    auto *player = new ScriptPlayer(responder, llmScript(LlmShape(shape), options));
    player->start();
}

void ScenarioServer::serveIds(const HttpRequest &request, HttpResponder *responder,
                              ScenarioParams &params)
{
    StreamPlan plan;
    const QString mode = params.choice(QStringLiteral("mode"), QStringLiteral("none"),
                                       {QStringLiteral("none"), QStringLiteral("decreasing"),
                                        QStringLiteral("text"), QStringLiteral("replay")});
    readStreamParams(params, plan);
    if (refuseBadParams(request, responder, params))
        return;
    if (mode == u"none")
        plan.ids = StreamPlan::Ids::None;
    else if (mode == u"decreasing")
        plan.ids = StreamPlan::Ids::Decreasing;
    else if (mode == u"text")
        plan.ids = StreamPlan::Ids::Text;
    else
        plan.ids = StreamPlan::Ids::Replay;
    serveStream(request, responder, plan);
}

} // namespace sse

#include "scenarioserver.moc"
