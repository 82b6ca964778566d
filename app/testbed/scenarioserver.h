#pragma once

#include "httpserver.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

namespace sse {

class ScenarioParams;
struct StreamPlan;

/** An SSE server that misbehaves on purpose: one URL path per scenario (steady ticker,
 *  bursts, dropped connections, error statuses, stalls, redirects, auth, gzip, formatting
 *  variations, buffering, CORS and header mistakes for the diagnostics ...), parameters in the
 *  query string, an HTML index at "/".
 *  Used by the sse-testbed executable, the GUI's demo mode and the tests. It listens on two
 *  ports: the second one is another origin, the target of cross-origin redirects. */
class ScenarioServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioServer)
public:
    /** One scenario as documented on the index page. */
    struct Info
    {
        QString path;        ///< "/ticker"
        QString summary;     ///< one line
        QString parameters;  ///< "rate=events/s (1) ..."
        QString example;     ///< path and query of an example URL
    };

    static constexpr qint64 HighWaterBytes = BodyPump::HighWaterBytes; ///< socket queue limit for writers

    explicit ScenarioServer(QObject *parent = nullptr);
    ~ScenarioServer() override;

    /** Listens on \a address at \a port and \a secondPort (0 = any free port). */
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0,
                quint16 secondPort = 0);
    QString errorString() const { return m_http->errorString(); }
    quint16 port() const;
    quint16 secondPort() const;
    /** The URL of \a pathAndQuery on the first (or the second) origin. */
    QUrl url(const QString &pathAndQuery = QStringLiteral("/")) const;
    QUrl secondOriginUrl(const QString &pathAndQuery = QStringLiteral("/")) const;

    /** The bearer token the `auth` scenario wants. */
    void setAuthToken(const QByteArray &token) { m_authToken = token; }
    QByteArray authToken() const { return m_authToken; }

    HttpServer *httpServer() const { return m_http; }
    /** Per-connection timers still running; 0 once every client has gone. */
    int activeTimerCount() const;

    static QList<Info> scenarios();

Q_SIGNALS:
    /** A response head went out (or the request was refused) with \a status. */
    void requestServed(const sse::HttpRequest &request, int status);

private:
    using Serve = void (ScenarioServer::*)(const HttpRequest &, HttpResponder *, ScenarioParams &);
    struct Scenario
    {
        Info info;
        Serve serve;                           ///< the handler, or
        void (*shape)(StreamPlan &) = nullptr; ///< the ticker's plan with one thing changed
    };
    static const QList<Scenario> &scenarioTable();

    void handle(const HttpRequest &request, HttpResponder *responder);
    /** The common stream parameters read into \a plan, then the stream (or a 400). */
    void servePlan(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params,
                   StreamPlan &plan);

    // One function per scenario.
    void serveIndex(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveTicker(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveBurst(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveFlaky(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveErrors(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveStatus(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveContentType(const HttpRequest &request, HttpResponder *responder,
                          ScenarioParams &params);
    void serveStall(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveSlow(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveHuge(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveRedirect(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveAuth(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveBuffered(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveCors(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveBadHeaders(const HttpRequest &request, HttpResponder *responder,
                         ScenarioParams &params);
    void serveIds(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveLlmChat(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params);
    void serveLlmResponses(const HttpRequest &request, HttpResponder *responder,
                           ScenarioParams &params);
    void serveLlmAnthropic(const HttpRequest &request, HttpResponder *responder,
                           ScenarioParams &params);
    /** The `/llm/...` scenarios: an LLM API's token stream (see llmscript.h). */
    void serveLlm(const HttpRequest &request, HttpResponder *responder, ScenarioParams &params,
                  int shape);

    /** The timed event stream behind most scenarios, shaped by \a plan. */
    void serveStream(const HttpRequest &request, HttpResponder *responder, const StreamPlan &plan);
    /** Sends 400 and returns true when \a params had an unknown or invalid parameter. */
    bool refuseBadParams(const HttpRequest &request, HttpResponder *responder,
                         const ScenarioParams &params);
    void respondText(const HttpRequest &request, HttpResponder *responder, int status,
                     const QByteArray &text, const HttpHeaders &extraHeaders = {});
    void writeHead(const HttpRequest &request, HttpResponder *responder, int status,
                   const HttpHeaders &headers);

    HttpServer *m_http;
    QByteArray m_authToken = QByteArrayLiteral("testbed-token");
    quint16 m_secondPort = 0;
    QHash<QByteArray, int> m_attempts; ///< `status` scenario: requests seen per URL
};

} // namespace sse
