#include "scenarioserver.h"

#include "llmscript.h"
#include "pacer.h"
#include "scenarioparams.h"
#include "streamplan.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>

#include <functional>
#include <memory>
#include <string>

// The scenarios of sse::ScenarioServer, one handler each, in the order of its table.

namespace sse {

using namespace testbed;

namespace {

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

} // namespace

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

#include "scenarios.moc"
