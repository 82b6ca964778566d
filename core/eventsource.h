#pragma once

#include "parser.h"
#include "streamconfig.h"
#include "types.h"

#include <QElapsedTimer>
#include <QList>
#include <QtNetwork/qtnetworkglobal.h>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
class QTimer;
QT_END_NAMESPACE

namespace sse {

/** An SSE client on QNetworkAccessManager: connects, parses, reconnects and explains.
 *
 *  Each source owns its own QNetworkAccessManager, so its connection never competes for one
 *  of Qt's six connections per host: any number of streams to one host stay live together.
 *
 *  Monitor policy (default): a response is accepted with status 200 and MIME type
 *  text/event-stream only. 204 closes without reconnecting. Other 2xx, 4xx (except 408 and
 *  429) and a wrong content type fail permanently. Network errors, the end of the body, 5xx,
 *  408, 429 and an idle timeout reconnect: after a clean end of body the reconnection time
 *  (server `retry:` or the initial delay), after consecutive failures exponential backoff up
 *  to the maximum with full jitter, never sooner than a Retry-After header asks.
 *  Spec-strict policy: as a browser; anything but 200 + text/event-stream fails permanently,
 *  network errors and the end of the body reconnect after the reconnection time.
 *
 *  Redirects (at most 10) are followed by the source itself: credentials are dropped when
 *  the origin changes and https -> http is refused.
 *
 *  A TLS certificate error fails permanently (ErrorKind::Tls, with the certificate's details)
 *  unless the request sets StreamRequest::ignoreTlsErrors; then exactly the reported errors
 *  are ignored and announced with tlsErrorsIgnored(). */
class EventSource final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventSource)
public:
    enum class State { Connecting, Open, Closed };
    Q_ENUM(State)

    /** Why the source is Closed. */
    enum class CloseReason { NotStarted, User, ServerRequested, Failed };
    Q_ENUM(CloseReason)

    static constexpr int MaxRedirects = 10;
    /** The limit of Qt's read buffer for each reply: backpressure on a fast server, so memory
     *  stays bounded while the thread is busy. Qt pays for it with a signal to its HTTP thread
     *  after each read (README, An idle window). */
    static constexpr qint64 ReplyBufferBytes = 4 * 1024 * 1024;
    /** How long an attempt may take to connect (TCP connect, TLS handshake) and send its
     *  request before it counts as a network failure. Once the request is sent, the source
     *  waits for the response head as long as the connection lives, as browsers and curl do:
     *  a buffering proxy may hold the head back for minutes (awaitingResponseSinceMs()). */
    static constexpr int DefaultConnectTimeoutMs = StreamConfig::DefaultConnectTimeoutMs;
    /** How long a refused response may take to deliver its body (kept in Error::body). */
    static constexpr int ErrorBodyWaitMs = 1000;

    explicit EventSource(QObject *parent = nullptr);
    ~EventSource() override;

    /** Takes effect on the next connection attempt. */
    void setRequest(const StreamRequest &request);
    const StreamRequest &request() const { return m_request; }
    void setPolicy(const ReconnectPolicy &policy);
    const ReconnectPolicy &policy() const { return m_policy; }
    /** Drop and reconnect a connection that received no byte for \a ms; 0 disables. */
    void setIdleTimeout(int ms);
    int idleTimeout() const { return m_idleTimeoutMs; }
    /** Fail an attempt (and reconnect as the policy says) when it has not connected and sent
     *  its request within \a ms; 0 waits as long as the operating system does. */
    void setConnectTimeout(int ms);
    int connectTimeout() const { return m_connectTimeoutMs; }
    void setMaxEventBytes(qsizetype bytes);

    State state() const { return m_state; }
    CloseReason closeReason() const { return m_closeReason; }
    QByteArray lastEventId() const { return m_parser.lastEventId(); }
    /** Current reconnection time: the server's last `retry:` or the policy's initial delay. */
    qint64 reconnectionTimeMs() const;
    /** The server's last valid `retry:` value in ms, -1 while it has sent none. */
    qint64 serverRetryMs() const { return m_serverRetryMs; }
    /** Consecutive attempts since the last successful open (0 while open). */
    int attempt() const { return m_attempt; }
    bool isReconnectScheduled() const;
    /** ms since the epoch when the current request was sent while its response head has not
     *  arrived yet; 0 otherwise. */
    qint64 awaitingResponseSinceMs() const { return m_awaitingSinceMs; }
    /** ms since the epoch when the scheduled reconnect is due, 0 when none is scheduled. */
    qint64 reconnectDueAtMs() const { return m_reconnectDueAtMs; }
    /** The error that ended the last connection (or made the source fail). */
    const Error &lastError() const { return m_lastError; }
    /** The TLS certificate errors ignored most recently because the request has
     *  StreamRequest::ignoreTlsErrors set, one line each (with the certificate's details);
     *  empty when none were. setRequest() clears them. */
    const QStringList &ignoredTlsErrors() const { return m_ignoredTlsErrors; }

public Q_SLOTS:
    /** Connects (resetting the retry count) unless already connecting or open. */
    void open();
    /** Aborts any connection or scheduled reconnect; no reconnect follows. */
    void close();
    /** Cancels a scheduled reconnect (or drops the current connection) and connects now. */
    void reconnectNow();

Q_SIGNALS:
    void stateChanged(sse::EventSource::State state);
    /** A request went out: at the start of each attempt and after each redirect. */
    void requestSent(const sse::RequestInfo &request);
    /** The request went out on a connection (after TCP and TLS): from now on the response
     *  head is up to the server, or a proxy in between. */
    void requestWritten(const QUrl &url);
    /** A response was accepted or rejected; emitted once per attempt that got headers. */
    void responseReceived(const sse::ResponseInfo &response);
    /** The events parsed from one read of the body, in order. */
    void eventsReceived(const QList<sse::Event> &events);
    void commentsReceived(const QList<QByteArray> &comments);
    /** Body bytes (after decompression) of one read. */
    void bytesReceived(qint64 count);
    void errorOccurred(const sse::Error &error);
    /** Certificate errors were ignored for a connection to \a url because the request asks
     *  for it (StreamRequest::ignoreTlsErrors): the connection is not authenticated. Emitted
     *  for every handshake that had errors, before the response arrives. */
    void tlsErrorsIgnored(const QUrl &url, const QStringList &errors);
    void reconnectScheduled(const sse::ReconnectInfo &info);

private:
    void beginConnection();
    void sendRequest(const QUrl &url);
    void onMetaDataChanged();
    void onReadyRead();
    void readBody(qint64 limit);
    void onFinished();
    void onRequestWritten();
    /** A refused response: keep reading its body (Error::body) briefly, then fail or retry. */
    void awaitErrorBody(const Error &error, bool permanent, qint64 retryAfterMs);
    void readErrorBody();
    void concludeRefusal();
    void onIdleCheck();
    void onConnectTimeout();
    void handleRedirect(QNetworkReply *reply);
    void deliver(qint64 bytes);
    void dropReply();
    void setState(State state);
    void failPermanently(Error error);
    void connectionLost(const Error &error, bool cleanEnd, qint64 retryAfterMs = 0);
    void scheduleReconnect(const Error &reason, bool cleanEnd, qint64 retryAfterMs);
    Error networkError(QNetworkReply *reply) const;
#if QT_CONFIG(ssl)
    void onSslErrors(QNetworkReply *reply, const QList<QSslError> &errors);
#endif
    ResponseInfo responseInfo(QNetworkReply *reply) const;

    StreamRequest m_request;
    ReconnectPolicy m_policy;
    int m_idleTimeoutMs = 0;
    int m_connectTimeoutMs = DefaultConnectTimeoutMs;
    State m_state = State::Closed;
    CloseReason m_closeReason = CloseReason::NotStarted;

    QNetworkAccessManager *m_nam;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_reconnectTimer;
    QTimer *m_idleTimer;
    QTimer *m_connectTimer;
    QTimer *m_errorBodyTimer;
    QElapsedTimer m_sinceActivity;
    QElapsedTimer m_sinceRequest;
    Parser m_parser;
    ParseResult m_parsed;
    QByteArray m_readBuffer;

    // per attempt
    QUrl m_currentUrl;
    QList<QUrl> m_redirects;
    QByteArray m_method;
    QByteArray m_body;
    bool m_keepCredentials = true;
    bool m_accepted = false;
    bool m_responseHandled = false;
    bool m_sliceQueued = false;
    qint64 m_awaitingSinceMs = 0;
    struct Refusal
    {
        Error error;
        bool permanent = false;
        qint64 retryAfterMs = 0;
    };
    std::optional<Refusal> m_refusal; // a refused response whose body is being read
#if QT_CONFIG(ssl)
    QList<QSslError> m_sslErrors;   // of the current request, unless ignored
#endif
    QStringList m_ignoredTlsErrors;
    bool m_namIgnoredTlsErrors = false; // m_nam's pool may still ignore them (see beginConnection)
    std::optional<bool> m_namHttp2PriorKnowledge; // the mode m_nam's pool connected with, if any

    qint64 m_serverRetryMs = -1;
    int m_attempt = 0;
    qint64 m_reconnectDueAtMs = 0;
    Error m_lastError;
};

} // namespace sse
