#pragma once

#include "types.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <array>

QT_BEGIN_NAMESPACE
class QJsonObject;
class QTimer;
QT_END_NAMESPACE

namespace sse {

class EventSource;
class Transcript;

/** One result of a diagnostic check: what is wrong (or worth knowing) about a stream, why it
 *  matters and how to fix it. Texts are translated; the id is stable for scripts and tests. */
struct Finding
{
    Q_GADGET
public:
    enum class Severity { Info, Warning, Error };
    Q_ENUM(Severity)

    QString id;           ///< stable, e.g. "cache-control"; see Diagnostics for the list
    Severity severity = Severity::Info;
    QString title;        ///< one line
    QString explanation;  ///< one paragraph: what was seen and why it matters
    QString fix;          ///< what to change on the server (or in the request)

    /** "info", "warning" or "error" (not translated: for JSON and scripts). */
    static QString severityName(Severity severity);
    /** The translated severity, for reports. */
    static QString severityText(Severity severity);

    friend bool operator==(const Finding &, const Finding &) = default;
};

/** Thresholds of the checks. The defaults suit real streams; tests shorten the times. */
struct DiagnosticsThresholds
{
    int proxyIdleMs = 60000;        ///< silence after which common proxies drop a connection
    int burstMinEvents = 4;         ///< events in one read that make a burst ...
    int burstMinSilenceMs = 500;    ///< ... when the read came after at least this silence
    int retryMinMs = 1000;          ///< a `retry:` below this risks reconnect storms
    int retryMaxMs = 60000;         ///< a `retry:` above this makes recovery slow
    int minEvents = 3;              ///< events needed before the id and retry checks report
    int browserConnectionLimit = 6; ///< HTTP/1.1 connections a browser opens per host
    /** Request sent, no response head for this long: report no-response (ssecat --diagnose
     *  runs 10 s by default, so it must see it). */
    int responseWaitMs = 5000;
    int slowHeadMs = 2000;          ///< a response head this late is a sign of buffering
    int dropMinSilenceMs = 1000;    ///< drops after at least this silence may be idle timeouts
    int minIdleDrops = 2;           ///< drops after about the same silence that make a pattern

    friend bool operator==(const DiagnosticsThresholds &, const DiagnosticsThresholds &) = default;
};

/** Timing analysis of a stream, from the reads EventSource reports. Times are monotonic ms;
 *  only time while a connection was open counts as silence. */
struct StreamTiming
{
    /** Where the detected heartbeat interval comes from. */
    enum class HeartbeatSource { None, Comments, Events };

    /** Upper bounds (ms, exclusive) of the inter-arrival histogram's bins; the last bin,
     *  one more than these, holds everything from the last bound on. */
    static constexpr std::array<qint64, 11> HistogramBoundsMs{10, 50, 100, 250, 500, 1000,
                                                              2500, 5000, 10000, 30000, 60000};

    int connections = 0;            ///< responses accepted (200 + text/event-stream)
    qint64 observedMs = 0;          ///< since the first request
    qint64 timeToFirstByteMs = -1;  ///< request to response headers, last response; -1 none
    qint64 timeToFirstEventMs = -1; ///< request to the first event, last connection; -1 none
    qint64 reads = 0;               ///< body reads (each a batch of bytes off the network)
    qint64 bodyBytes = 0;
    qint64 events = 0;
    qint64 comments = 0;
    qint64 serverErrors = 0;        ///< `event: error` events
    qint64 eventsWithId = 0;        ///< events whose own block had an `id` field
    qint64 idRegressions = 0;       ///< numeric ids not greater than the previous numeric id
    qint64 serverRetryMs = -1;      ///< the server's last `retry:`; -1 none
    qint64 longestSilenceMs = 0;    ///< longest time without a read while open (ongoing included)
    qint64 currentSilenceMs = 0;    ///< time since the last read of the open connection, else 0
    qint64 heartbeatIntervalMs = -1; ///< median gap between reads with comments (or events)
    HeartbeatSource heartbeatSource = HeartbeatSource::None;
    int bursts = 0;                 ///< reads of >= burstMinEvents events after a silence
                                    ///< (for a connection's first read: since the request)
    int slowHeads = 0;              ///< accepted responses whose head took >= slowHeadMs
    qint64 awaitingResponseMs = 0;  ///< request sent, no response head yet: for this long
    /** Silence before each drop of an open connection (the newest last, at most 16). */
    QList<qint64> dropSilencesMs;
    int largestBurst = 0;           ///< events in the largest such read
    /** Events per bin of the time since the previous event of the same connection (events
     *  of one read after its first count as 0 ms); size HistogramBoundsMs.size() + 1. */
    QList<qint64> histogram;
};

/** Watches one EventSource and tells why its stream will misbehave in browsers, behind
 *  proxies, or at all: it records the request as sent (secret header values masked), the
 *  response, and timing from every read (bounded: counters, a histogram and small rings),
 *  and keeps a list of findings up to date.
 *
 *  Finding ids (severity):
 *    http-status (error; info for 204)        the last response was not 200
 *    content-type-missing / content-type-wrong (error)
 *    charset (warning)                        a charset other than UTF-8 declared
 *    cache-control (warning)                  no Cache-Control: no-cache (or no-store)
 *    content-encoding (info; warning with bursts)
 *    content-length (warning)                 Content-Length on an event stream
 *    buffering (warning)                      bursts (many events in one read after a
 *                                             silence) or a late response head
 *    not-connected (error)                    the stream never opened, or is down (refused,
 *                                             DNS, TLS, connect timeout, retries exhausted)
 *    no-response (warning)                    request sent, no response head for a while
 *    nginx-buffering (warning)                Server: nginx and the timing shows buffering
 *                                             (nginx strips X-Accel-Buffering: never judged)
 *    proxy-idle-drops (warning)               the open stream drops after about the same
 *                                             silence again and again (an idle timeout)
 *    cors-allow-origin-missing, cors-origin-mismatch, cors-wildcard-credentials,
 *    cors-credentials-not-allowed (error)      for the page origin, see setPageOrigin()
 *    browser-request (info)                   method, body or headers a browser cannot send
 *    http1-connection-limit (warning)         HTTP/1.1 and more open streams to the host than
 *                                             a browser allows (setConcurrentStreamsToHost())
 *    no-heartbeat (warning)                   silent for the proxy idle time
 *    no-ids (warning), ids-not-increasing (warning)
 *    retry-absent (info), retry-small (warning), retry-large (warning)
 *    server-errors (warning)                  `event: error` events, with their frequency
 *    llm-error (error)                        an LLM response failed: the server reported an
 *                                             error inside the stream (see setTranscript())
 *    llm-incomplete (warning)                 an LLM response ended before its terminator
 *    llm-stall (warning)                      a gap of Transcript::StallWarningMs or more
 *                                             between the chunks of an LLM response
 *    tls-errors-ignored (warning)             certificate errors were accepted because the
 *                                             request has StreamRequest::ignoreTlsErrors
 *  A healthy stream yields no warning and no error. The stream checks (ids, retry) wait for
 *  thresholds().minEvents events so they do not judge an empty stream. */
class Diagnostics final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Diagnostics)
public:
    /** How often findings are recomputed at most while data arrives. */
    static constexpr int UpdateIntervalMs = 200;

    explicit Diagnostics(QObject *parent = nullptr);
    ~Diagnostics() override;

    /** Watches \a source from now on (nullptr stops watching); keeps what was recorded. */
    void setSource(EventSource *source);
    EventSource *source() const;
    /** Also judges the LLM responses \a transcript assembles (llm-* findings). */
    void setTranscript(Transcript *transcript);

    const DiagnosticsThresholds &thresholds() const { return m_thresholds; }
    void setThresholds(const DiagnosticsThresholds &thresholds);

    /** The origin of the web page that would open the stream (e.g. http://localhost:3000),
     *  for the CORS checks; an empty URL turns them off. Without one, the Origin header of the
     *  request (if any) is used: servers often answer CORS only to requests carrying Origin,
     *  so views should send `Origin: <page origin>` as a browser does. */
    void setPageOrigin(const QUrl &origin);
    QUrl pageOrigin() const { return m_pageOrigin; }
    /** The origin (scheme://host[:port]) of \a url, empty when it has none. */
    static QString originOf(const QUrl &url);

    /** Streams open to this stream's host (this one included) from the monitor; the caller
     *  counts them. Over the browser limit on HTTP/1.1 raises http1-connection-limit. */
    void setConcurrentStreamsToHost(int count);
    int concurrentStreamsToHost() const { return m_streamsToHost; }

    /** The last request sent (after redirects), secret header values masked. */
    bool hasRequest() const { return m_hasRequest; }
    const RequestInfo &request() const { return m_request; }
    /** The last response received (after redirects). */
    bool hasResponse() const { return m_hasResponse; }
    const ResponseInfo &response() const { return m_response; }
    StreamTiming timing() const;
    /** The body of the last response when the source refused it (a status or content type it
     *  does not stream), as received, at most Error::MaxBodyBytes; null otherwise. */
    QByteArray refusedBody() const;

    /** Current findings: errors first, then warnings, then infos. */
    QList<Finding> findings() const;
    /** True when a finding is a warning or an error. */
    bool hasProblems() const;

    /** Everything above as one JSON object: {"url", "request", "response", "timing",
     *  "findings", "summary"} (Set-Cookie values masked, as request secrets are). */
    QJsonObject toJson() const;
    /** A plain text report for copying or printing; translated labels. */
    QString toText() const;

    /** The masked form of a secret header value: the auth scheme or cookie names stay. */
    static QByteArray maskedValue(const Header &header);

public Q_SLOTS:
    /** Forgets everything recorded (the source and settings stay). */
    void reset();

Q_SIGNALS:
    /** The findings changed (at most every UpdateIntervalMs while data arrives). */
    void findingsChanged();
    /** A request or response was recorded. */
    void exchangeChanged();

private:
    /** The state the checks share while findings() runs (diagnosticchecks.cpp). */
    struct Check;
    // The checks behind findings(), one per concern, in report order (diagnosticchecks.cpp).
    void checkTlsErrorsIgnored(Check &c) const;
    void checkNotConnected(Check &c) const;
    void checkNoResponse(Check &c) const;
    void checkHttpStatus(Check &c) const;
    void checkBuffering(Check &c) const;
    void checkStreamHeaders(Check &c) const;
    void checkCors(Check &c) const;
    void checkBrowserRequest(Check &c) const;
    void checkConnectionLimit(Check &c) const;
    void checkHeartbeat(Check &c) const;
    void checkIdleDrops(Check &c) const;
    void checkIds(Check &c) const;
    void checkRetry(Check &c) const;
    void checkServerErrors(Check &c) const;
    void checkLlm(Check &c) const;

    void onRequestSent(const sse::RequestInfo &request);
    void onResponse(const sse::ResponseInfo &response);
    void onStateChanged();
    void onBytes(qint64 count);
    void onEvents(const QList<sse::Event> &events);
    void onComments(const QList<QByteArray> &comments);
    void onRequestWritten();
    void onError(const sse::Error &error);
    void closeConnection();
    void scheduleUpdate();
    void update();
    void armSilenceTimer();
    void armWaitTimer();
    qint64 now() const { return m_clock.elapsed(); }

    /** Fixed-size ring of the latest gaps, for medians. */
    struct GapRing
    {
        static constexpr int Size = 64;
        std::array<qint64, Size> gaps{};
        int count = 0;
        int next = 0;
        void add(qint64 gap);
        qint64 median() const; ///< -1 when empty
    };

    QPointer<EventSource> m_source;
    QPointer<Transcript> m_transcript;
    DiagnosticsThresholds m_thresholds;
    QUrl m_pageOrigin;
    int m_streamsToHost = 1;
    QTimer *m_updateTimer;
    QTimer *m_silenceTimer;
    QTimer *m_waitTimer;            // wakes up when the wait for a response head gets long
    QElapsedTimer m_clock;          // started at construction; all times below are on it

    bool m_hasRequest = false;
    RequestInfo m_request;
    bool m_hasResponse = false;
    ResponseInfo m_response;
    qint64 m_firstRequestAt = -1;
    qint64 m_requestAt = -1;        // the last request
    qint64 m_timeToFirstEventMs = -1;
    qint64 m_awaitingSince = -1;    // request written, no response head yet
    bool m_hasFailure = false;      // m_failure ended the last attempt; cleared on open
    Error m_failure;
    int m_failedAttempts = 0;       // consecutive, since the last open
    QString m_lastServerError;      // the message of the last `event: error`

    // per connection
    bool m_open = false;
    qint64 m_lastUpdateAt = -UpdateIntervalMs; // of the last update()
    qint64 m_lastReadAt = -1;       // or when the connection opened
    qint64 m_lastEventAt = -1;      // of the last read with events
    qint64 m_lastCommentAt = -1;    // of the last read with comments
    qint64 m_gapBeforeRead = 0;     // silence before the current read
    bool m_firstReadPending = false;
    bool m_readIsFirst = false;     // the current read is the connection's first
    bool m_haveNumericId = false;
    qint64 m_lastNumericId = 0;

    StreamTiming m_timing;
    GapRing m_eventGaps;
    GapRing m_commentGaps;

    QList<Finding> m_published;     // as of the last findingsChanged()
};

} // namespace sse

Q_DECLARE_METATYPE(sse::Finding)
