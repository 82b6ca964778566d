#pragma once

#include "alertrule.h"
#include "eventsource.h"
#include "ratewindow.h"
#include "streamconfig.h"
#include "types.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <array>
#include <deque>

QT_BEGIN_NAMESPACE
class QTimer;
QT_END_NAMESPACE

namespace sse {

class Diagnostics;
class EventLogModel;
struct LogMarker;
class Transcript;

/** Something a user should be told about a stream (a toast, a tray message, a log line). */
struct Notice
{
    enum class Kind {
        Connected,      ///< the stream opened (first time, or again after a loss)
        ConnectionLost, ///< an open stream ended or broke; a reconnect is scheduled
        Failed,         ///< the stream failed permanently
        ServerError,    ///< the server sent `event: error`, or an LLM stream reported an error
        Alert,          ///< an event matched one of the user's alert rules
        /** TLS certificate errors were ignored (StreamRequest::ignoreTlsErrors): a warning,
         *  raised once per connect and again when the errors change. */
        TlsErrorsIgnored
    };
    Kind kind = Kind::Connected;
    QString title;
    QString message;
};

/** Running totals of one session. */
struct Statistics
{
    qint64 events = 0;
    qint64 dataBytes = 0;        ///< sum of event data sizes (UTF-8 bytes)
    qint64 bodyBytes = 0;        ///< body bytes received, comments and field names included
    qint64 comments = 0;
    qint64 serverErrors = 0;     ///< `event: error` events and errors inside LLM responses
    int connections = 0;         ///< times the stream opened
    int reconnects = 0;          ///< reconnects scheduled
    qint64 lastEventAtMs = 0;    ///< ms since the epoch, 0 before the first event
    qint64 connectedMs = 0;      ///< time spent Open
    qint64 monitoredMs = 0;      ///< time since the first connect

    /** Share of the monitored time spent connected, 0..100. */
    double connectedPercent() const;
};

/** One monitored stream: the business layer between the connection and every view.
 *  It owns the EventSource (views connect to source() for its data signals and call the
 *  session's slots), keeps the statistics and turns the source's state into the status a
 *  user reads; the GUI and ssecat both use it. */
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)
public:
    /** What a user is told about the stream. */
    enum class Status {
        Idle,          ///< never connected, or closed by the user
        Connecting,    ///< first attempt in progress
        Open,
        /** Open, but nothing (no event, no comment) arrived for longer than expected; the
         *  connection is still up. */
        Silent,
        Reconnecting,  ///< a reconnect is scheduled or a reconnect attempt is in progress
        Stopped,       ///< the server asked to stop (204)
        Failed         ///< failed permanently; lastError() says why
    };
    Q_ENUM(Status)

    /** One period in one status, for timelines. */
    struct StatusSpan
    {
        Status status = Status::Idle;
        qint64 startMs = 0;  ///< ms since the epoch
        qint64 endMs = 0;    ///< 0 while it lasts
        QString reason;      ///< why, for a status that is not healthy; empty otherwise
    };

    /** The windows eventCounts() reads. */
    enum class Window {
        Minute,       ///< 60 one-second slots: the rate now
        FiveMinutes,  ///< 60 five-second slots: a sparkline
        Hour          ///< 60 one-minute slots: density on a timeline
    };

    static constexpr int RateSeconds = 60;
    static constexpr qint64 SpanHistoryMs = 24 * 3600 * 1000; ///< status spans kept this long
    static constexpr int MaxSpans = 10000;                    ///< ... and at most this many

    explicit Session(const StreamConfig &config, QObject *parent = nullptr);

    const StreamConfig &config() const { return m_config; }
    /** Applies a new configuration; an open or connecting stream reconnects with it unless
     *  only its name or auto-connect flag changed. */
    void setConfig(const StreamConfig &config);

    EventSource *source() const { return m_source; }
    /** The live event log (bounded, batched). Filled while logging() is on (the default). */
    EventLogModel *log() const { return m_log; }
    bool logging() const { return m_logging; }
    /** Diagnostics of the stream (response, timing, findings), always attached to source(). */
    Diagnostics *diagnostics() const { return m_diagnostics; }
    /** The stream read as an LLM API's token stream (responses assembled, timed). */
    Transcript *transcript() const { return m_transcript; }
    /** Headless clients that print events as they come turn the log off. */
    void setLogging(bool enabled);

    /** The user's alert rules for this stream; each match raises an Alert notice. */
    const QList<AlertRule> &alertRules() const { return m_alertRules; }
    void setAlertRules(const QList<AlertRule> &rules);
    /** Statistics up to now (time counters included). */
    Statistics statistics() const;

    Status status() const { return m_status; }
    /** ms since the epoch when the current status began. */
    qint64 statusSinceMs() const { return m_statusSinceMs; }
    /** The error that ended the last connection, or made the stream fail. */
    Error lastError() const { return m_lastError; }
    bool hasError() const { return m_hasError; }
    /** The scheduled reconnect, when status() is Reconnecting and one is pending. */
    bool isReconnectPending() const { return m_source->isReconnectScheduled(); }
    ReconnectInfo pendingReconnect() const { return m_pendingReconnect; }
    /** Events in each slot of \a window, oldest first; the last entry is the current
     *  (incomplete) slot. */
    QList<int> eventCounts(Window window) const;
    /** The length of one slot of \a window, in ms. */
    static qint64 slotMs(Window window);

    /** The status periods overlapping [sinceMs, now], oldest first; the last one is the
     *  current status (endMs 0). Kept for SpanHistoryMs, at most MaxSpans. */
    QList<StatusSpan> statusSpans(qint64 sinceMs) const;
    /** The share of watched time the stream was up (Open or Silent), 0..100, from \a sinceMs
     *  (0: since the session was created) to now. Time the user kept it disconnected is not
     *  watched time. -1 when no time was watched. */
    double upPercent(qint64 sinceMs = 0) const;
    /** ms since the epoch when the session was created (launch, or when the stream was added). */
    qint64 createdAtMs() const { return m_createdAtMs; }
    /** Why the stream is in its current status, when that is not healthy: the reconnect's
     *  reason, the failure, the silence. Empty for Open, Connecting and Idle. */
    QString statusReason() const;

    /** The stream's "ignore TLS certificate errors" option is on: the connection may not be
     *  authenticated. Views show it for as long as it is true. */
    bool tlsErrorsIgnored() const { return m_config.request.ignoreTlsErrors; }
    /** The certificate errors ignored most recently, one line each; empty when none were. */
    QStringList ignoredTlsErrors() const { return m_source->ignoredTlsErrors(); }

    static QString statusText(Status status);
    /** True for Open and Silent: the connection is up. */
    static bool isUp(Status status) { return status == Status::Open || status == Status::Silent; }

    /** How long the open stream may stay quiet before it is Silent: the configured
     *  silentAfterMs, else four times the median gap between its reads (at least 2 s, at most
     *  10 min) once it has shown a rhythm, else DefaultSilenceMs. */
    qint64 expectedSilenceMs() const;
    static constexpr qint64 DefaultSilenceMs = 30000;

public Q_SLOTS:
    void connectStream();
    void disconnectStream();
    void reconnectNow();

Q_SIGNALS:
    void statusChanged(sse::Session::Status status);
    void configChanged();
    void noticeRaised(const sse::Notice &notice);

private:
    void applyConfig();
    void updateStatus();
    void onStateChanged(EventSource::State state);
    void onEvents(const QList<sse::Event> &events);
    void onTlsErrorsIgnored(const QUrl &url, const QStringList &errors);
    void onActivity();
    void checkSilence();
    void raise(Notice::Kind kind, const QString &title, const QString &message);
    void mark(int kind, const QString &text);
    void markOpened();
    void markReconnect(const ReconnectInfo &info, bool wasUp);
    void recordSpan(Status status, qint64 atMs);

    StreamConfig m_config;
    EventSource *m_source;
    EventLogModel *m_log;
    Diagnostics *m_diagnostics;
    Transcript *m_transcript;
    bool m_logging = true;
    QList<AlertRule> m_alertRules;
    bool m_everOpened = false;
    Statistics m_stats;
    QElapsedTimer m_openSince;      // valid while Open
    QElapsedTimer m_monitoredSince; // valid after the first connect
    Status m_status = Status::Idle;
    qint64 m_statusSinceMs = 0;
    Error m_lastError;
    bool m_hasError = false;
    ReconnectInfo m_pendingReconnect;
    QStringList m_tlsNotified;      // the ignored TLS errors last told; cleared on connect
    QTimer *m_silenceTimer;
    QElapsedTimer m_sinceActivity;  // since the last read of the open connection
    bool m_silent = false;
    std::array<qint64, 31> m_gaps{}; // the latest gaps between reads, for the median
    int m_gapCount = 0;
    int m_nextGap = 0;
    RateWindow m_perSecond{1000, RateSeconds};
    RateWindow m_perFiveSeconds{5000, 60};
    RateWindow m_perMinute{60000, 60};
    std::deque<StatusSpan> m_spans;  // oldest first; back() is the current status
    qint64 m_createdAtMs = 0;
    qint64 m_upMsEnded = 0;          // up time in spans that ended (pruned ones included)
    qint64 m_watchedMsEnded = 0;     // watched (not Idle) time in spans that ended
    // The connection's story for the log's markers.
    ResponseInfo m_lastResponse;
    QByteArray m_lastIdSent;         // the Last-Event-ID of the latest request
    bool m_idSent = false;
    bool m_awaitingFirstEvent = false; // resumed: the next event closes the gap
    qint64 m_lastEventBeforeDropMs = 0;
};

} // namespace sse

Q_DECLARE_METATYPE(sse::Notice)
