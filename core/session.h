#pragma once

#include "eventsource.h"
#include "types.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

namespace sse {

/** Everything that defines one monitored stream; what views edit and settings persist. */
struct StreamConfig
{
    QString name;
    StreamRequest request;
    ReconnectPolicy policy;
    int idleTimeoutMs = 0;                         ///< 0 = no idle timeout
    qsizetype maxEventBytes = Parser::DefaultMaxEventBytes;
    bool autoConnect = false;

    friend bool operator==(const StreamConfig &, const StreamConfig &) = default;
};

/** Running totals of one session. */
struct Statistics
{
    qint64 events = 0;
    qint64 dataBytes = 0;        ///< sum of event data sizes (UTF-8 bytes)
    qint64 bodyBytes = 0;        ///< body bytes received, comments and field names included
    qint64 comments = 0;
    qint64 serverErrors = 0;     ///< `event: error` events
    int connections = 0;         ///< responses accepted
    int reconnects = 0;          ///< reconnects scheduled
    qint64 lastEventAtMs = 0;    ///< ms since the epoch, 0 before the first event
    qint64 connectedMs = 0;      ///< time spent Open
    qint64 monitoredMs = 0;      ///< time since the first open()
};

/** One monitored stream: the business layer between the connection and every view.
 *  It owns the EventSource (views connect to source() for its signals and call the
 *  session's slots) and keeps the statistics; the GUI and ssecat both use it. */
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)
public:
    explicit Session(const StreamConfig &config, QObject *parent = nullptr);

    const StreamConfig &config() const { return m_config; }
    /** Applies a new configuration; an open or connecting stream reconnects with it. */
    void setConfig(const StreamConfig &config);

    EventSource *source() const { return m_source; }
    /** Statistics up to now (time counters included). */
    Statistics statistics() const;

public Q_SLOTS:
    void connectStream();
    void disconnectStream();
    void reconnectNow();

private:
    void applyConfig();
    void onStateChanged(EventSource::State state);
    void onEvents(const QList<sse::Event> &events);

    StreamConfig m_config;
    EventSource *m_source;
    Statistics m_stats;
    QElapsedTimer m_openSince;      // valid while Open
    QElapsedTimer m_monitoredSince; // valid after the first connect
};

} // namespace sse
