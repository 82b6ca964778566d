#pragma once

// The per-connection writers of the timed scenarios (sse::ScenarioServer). Both are children of
// the responder, so they die with the connection.

#include "gzipencoder.h"
#include "httpserver.h"
#include "scenarioserver.h"
#include "streamplan.h"

#include <QElapsedTimer>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

#include <functional>
#include <memory>

namespace sse::testbed {

constexpr int MaxCatchUpTicks = 1000;         // events a late timer may send at once
const QString TimerName = QStringLiteral("sse-scenario-timer"); // per-connection timers

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

} // namespace sse::testbed
