#include "session.h"

#include <QDateTime>

namespace sse {

Session::Session(const StreamConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_source(new EventSource(this))
{
    applyConfig();
    connect(m_source, &EventSource::stateChanged, this, &Session::onStateChanged);
    connect(m_source, &EventSource::eventsReceived, this, &Session::onEvents);
    connect(m_source, &EventSource::bytesReceived, this,
            [this](qint64 count) { m_stats.bodyBytes += count; });
    connect(m_source, &EventSource::commentsReceived, this,
            [this](const QList<QByteArray> &comments) { m_stats.comments += comments.size(); });
    connect(m_source, &EventSource::responseReceived, this, [this](const ResponseInfo &info) {
        if (info.status == 200)
            ++m_stats.connections;
    });
    connect(m_source, &EventSource::reconnectScheduled, this,
            [this](const ReconnectInfo &) { ++m_stats.reconnects; });
}

void Session::applyConfig()
{
    m_source->setRequest(m_config.request);
    m_source->setPolicy(m_config.policy);
    m_source->setIdleTimeout(m_config.idleTimeoutMs);
    m_source->setMaxEventBytes(m_config.maxEventBytes);
}

void Session::setConfig(const StreamConfig &config)
{
    const bool running = m_source->state() != EventSource::State::Closed;
    const bool requestChanged = !(config.request == m_config.request);
    m_config = config;
    if (requestChanged) {
        applyConfig();
    } else {
        // Keep the last event ID received so far when only the policy or limits change.
        m_source->setPolicy(m_config.policy);
        m_source->setIdleTimeout(m_config.idleTimeoutMs);
        m_source->setMaxEventBytes(m_config.maxEventBytes);
    }
    if (running)
        m_source->reconnectNow();
}

Statistics Session::statistics() const
{
    Statistics s = m_stats;
    if (m_openSince.isValid())
        s.connectedMs += m_openSince.elapsed();
    if (m_monitoredSince.isValid())
        s.monitoredMs = m_monitoredSince.elapsed();
    return s;
}

void Session::connectStream()
{
    if (!m_monitoredSince.isValid())
        m_monitoredSince.start();
    m_source->open();
}

void Session::disconnectStream()
{
    m_source->close();
}

void Session::reconnectNow()
{
    if (!m_monitoredSince.isValid())
        m_monitoredSince.start();
    m_source->reconnectNow();
}

void Session::onStateChanged(EventSource::State state)
{
    if (state == EventSource::State::Open) {
        m_openSince.start();
    } else if (m_openSince.isValid()) {
        m_stats.connectedMs += m_openSince.elapsed();
        m_openSince.invalidate();
    }
}

void Session::onEvents(const QList<Event> &events)
{
    for (const Event &e : events) {
        m_stats.dataBytes += e.data.size();
        if (e.type == "error")
            ++m_stats.serverErrors;
    }
    m_stats.events += events.size();
    if (!events.isEmpty())
        m_stats.lastEventAtMs = events.constLast().receivedAtMs;
}

} // namespace sse
