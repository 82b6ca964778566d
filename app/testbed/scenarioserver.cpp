#include "scenarioserver.h"

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

// The server: its origins, the table of scenarios (one handler each, in scenarios.cpp), the
// dispatch of requests, and the responses the scenarios share.

Q_LOGGING_CATEGORY(lcScenario, "sse.scenario")

namespace sse {

using namespace testbed;

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

int ScenarioServer::activeTimerCount() const
{
    int count = 0;
    const auto timers = m_http->findChildren<QTimer *>(TimerName);
    for (const QTimer *timer : timers)
        count += timer->isActive() ? 1 : 0;
    return count;
}

// A table, not logic: one entry per scenario with the documentation the index page shows, so
// adding a scenario is adding a row here (hence longer than a screen).
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
         nullptr, [](StreamPlan &plan) { plan.gzip = true; }},
        {{QStringLiteral("/unicode"),
          QStringLiteral("Events whose data mixes Latin-1, CJK, Hangul and emoji, as in "
                         "unicode.sse."),
          streamParamsDoc, QStringLiteral("/unicode?rate=5")},
         nullptr, [](StreamPlan &plan) { plan.payload = StreamPlan::Payload::Unicode; }},
        {{QStringLiteral("/crlf"), QStringLiteral("The ticker with CRLF line endings."),
          streamParamsDoc, QStringLiteral("/crlf")},
         nullptr, [](StreamPlan &plan) { plan.lineEnd = QByteArrayLiteral("\r\n"); }},
        {{QStringLiteral("/cr"), QStringLiteral("The ticker with CR-only line endings."),
          streamParamsDoc, QStringLiteral("/cr")},
         nullptr, [](StreamPlan &plan) { plan.lineEnd = QByteArrayLiteral("\r"); }},
        {{QStringLiteral("/bom"),
          QStringLiteral("The ticker after a UTF-8 byte order mark."), streamParamsDoc,
          QStringLiteral("/bom")},
         nullptr, [](StreamPlan &plan) { plan.bom = true; }},
        {{QStringLiteral("/comments"),
          QStringLiteral("The ticker with comment lines before, inside and after events."),
          streamParamsDoc, QStringLiteral("/comments")},
         nullptr, [](StreamPlan &plan) { plan.comments = true; }},
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
            if (scenario.shape) { // a ticker with one thing changed
                StreamPlan plan;
                scenario.shape(plan);
                servePlan(request, responder, params, plan);
            } else {
                (this->*scenario.serve)(request, responder, params);
            }
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

} // namespace sse
