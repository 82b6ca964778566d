#pragma once

// Plain value types shared by the parser, the client, the session and every view.

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QUrl>

namespace sse {
Q_NAMESPACE

/** One dispatched event. Strings are UTF-8 and already decoded per the spec: invalid byte
 *  sequences arrived as U+FFFD, so every byte array here is valid UTF-8.
 *  UTF-8 bytes are what the log, the exporters and ssecat write, so nothing is converted
 *  on the hot path; views convert the few rows they show. */
struct Event
{
    QByteArray type;          ///< "message" unless the block had an `event` field
    QByteArray data;          ///< data lines joined by LF, no trailing LF
    QByteArray lastEventId;   ///< the stream's last event ID when the event was dispatched
    qint64 receivedAtMs = 0;  ///< ms since the epoch (UTC), stamped by EventSource per read
    bool hasId = false;       ///< the event's own block carried an `id` field
};

/** What went wrong, classified so a view can pick words, icons and actions for it. */
enum class ErrorKind {
    Network,        ///< connection refused, reset, DNS failure, end of body ...
    Tls,            ///< handshake failure or certificate error
    HttpStatus,     ///< a status other than 200 (or 204 under the spec-strict policy)
    ContentType,    ///< a 200 whose MIME type is not text/event-stream
    IdleTimeout,    ///< no byte arrived for the configured idle time
    Protocol,       ///< malformed or over-large stream content
    Redirect,       ///< too many redirects, a redirect without Location, https -> http
    ServerReported, ///< an `event: error` the server sent on an open stream
    RetriesExhausted ///< the maximum number of consecutive reconnects was reached
};
Q_ENUM_NS(ErrorKind)

struct Error
{
    ErrorKind kind = ErrorKind::Network;
    QString message;          ///< human-readable, one sentence, translatable
    int httpStatus = 0;       ///< the status when one was received, else 0
    bool permanent = false;   ///< the source closed and will not reconnect by itself
    /** What the server sent with the failure, as received (at most MaxBodyBytes): the body of
     *  a refused response (HttpStatus, ContentType) or the data of an `event: error`. */
    QByteArray body = {};
    /** For Network errors: the QNetworkReply::NetworkError behind it (TimeoutError for the
     *  connect timeout); for RetriesExhausted: that of the last attempt; else 0. */
    int networkError = 0;

    static constexpr qsizetype MaxBodyBytes = 4096;

    /** Short stable identifier for scripts ("network", "http-status", ...). */
    QString kindName() const;
};

/** The one rule for secret header names, which every door (stream dialog, curl import,
 *  `ssecat -H`, stream sets, settings, reports, redirects, metrics labels) applies through
 *  Header::isSecret(): Authorization, Cookie and Proxy-Authorization, and any name containing
 *  token, key, secret, auth, password, passwd, session, credential or signature
 *  (case-insensitive), e.g. X-API-Key, X-Auth-Token. */
bool isSecretHeaderName(QByteArrayView name);

/** An HTTP header the client sends. A secret header is never sent to another origin after a
 *  redirect, views and reports mask its value, and settings keep it only after an opt-in. */
struct Header
{
    QByteArray name;
    QByteArray value;
    bool secret = false; ///< marked secret by the user; see isSecret()

    /** Marked secret, or secret by its name (isSecretHeaderName()). */
    bool isSecret() const { return secret || isSecretHeaderName(name); }
    friend bool operator==(const Header &, const Header &) = default;
};

/** RFC 9110 token: what methods and header names are made of. */
bool isHttpToken(QByteArrayView text);

/** Whether \a text holds CR, LF or NUL, which a header value or a Last-Event-ID must not: on
 *  the wire they would end the line (or cut it) and smuggle in another header. */
bool hasLineBreakOrNul(QByteArrayView text);

/** The value of one hexadecimal digit (either case), -1 for any other character. */
constexpr int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/** When and how a source reconnects. */
struct ReconnectPolicy
{
    enum class Mode {
        Monitor,    ///< retry transient HTTP failures with backoff; see EventSource
        SpecStrict  ///< exactly a browser's EventSource: only network errors and EOF retry
    };
    Mode mode = Mode::Monitor;
    int initialDelayMs = 3000;  ///< reconnection time until the server sends `retry:`
    int maxDelayMs = 60000;     ///< backoff ceiling (Retry-After may ask for longer)
    bool jitter = true;         ///< full jitter: uniform in [0, backoff]
    int maxRetries = -1;        ///< consecutive attempts before failing; -1 = unlimited

    friend bool operator==(const ReconnectPolicy &, const ReconnectPolicy &) = default;
};

/** What to connect to. */
struct StreamRequest
{
    QUrl url;
    QByteArray method = QByteArrayLiteral("GET");
    QList<Header> headers;
    QByteArray body;
    QByteArray lastEventId;     ///< sent as Last-Event-ID on the first connection if non-empty
    /** Accept a TLS certificate that fails verification (self-signed, expired, wrong host).
     *  Insecure: the connection is then not authenticated, so anyone on the path can read and
     *  alter the stream, credentials included. Off by default; views must warn before turning
     *  it on and show it while it is on. The errors ignored are still reported
     *  (EventSource::tlsErrorsIgnored). */
    bool ignoreTlsErrors = false;
    /** Speak HTTP/2 from the first byte on a plain http:// URL (cleartext HTTP/2 with prior
     *  knowledge, as curl's --http2-prior-knowledge), for a server the user knows supports
     *  it: one connection, and the body arrives in HTTP/2 frames instead of HTTP/1.1 chunks.
     *  A server that speaks only HTTP/1.1 fails the connection. Not applied after a redirect
     *  to another origin; https negotiates HTTP/2 by itself. */
    bool http2PriorKnowledge = false;

    friend bool operator==(const StreamRequest &, const StreamRequest &) = default;
};

/** Announced whenever a reconnect is scheduled, so a view can show a countdown. */
struct ReconnectInfo
{
    int attempt = 0;            ///< 1 for the first reconnect after a connection ended
    int maxRetries = -1;        ///< the policy's limit, -1 = unlimited
    qint64 delayMs = 0;
    qint64 dueAtMs = 0;         ///< ms since the epoch (UTC)
    Error reason;               ///< why the previous connection ended
    bool cleanEnd = false;      ///< the server ended the body normally (reason is informative)
};

/** A request as EventSource sent it: one per connection attempt and one per redirect hop. */
struct RequestInfo
{
    QUrl url;
    QByteArray method;
    /** The headers the source set, in order, with their real values: mask the values of
     *  those whose isSecret() is true before showing or exporting them. */
    QList<Header> headers;
    /** The headers Qt's HTTP stack adds on the wire when the request does not set them (Host,
     *  Connection, Accept-Encoding, Accept-Language, User-Agent; Content-Length and
     *  Content-Type with a body), as it sends them over HTTP/1.1. */
    QList<Header> implicitHeaders;
    qint64 bodyBytes = 0;
    int redirectHop = 0;       ///< 0 for the first request of an attempt, n after n redirects
};

/** The response a connection attempt received (after redirects). */
struct ResponseInfo
{
    QUrl url;                                    ///< final URL after redirects
    QList<QUrl> redirects;                       ///< URLs that answered with a redirect, in order
    int status = 0;
    QByteArray reasonPhrase;
    QList<QPair<QByteArray, QByteArray>> headers; ///< as received
    bool http2 = false;
    qint64 timeToHeadersMs = 0;                  ///< from sending the request to the headers

    QByteArray header(QByteArrayView name) const; ///< case-insensitive; first match
};

} // namespace sse

Q_DECLARE_METATYPE(sse::Event)
Q_DECLARE_METATYPE(sse::Error)
Q_DECLARE_METATYPE(sse::ReconnectInfo)
Q_DECLARE_METATYPE(sse::ResponseInfo)
Q_DECLARE_METATYPE(sse::RequestInfo)
