#include "session.h"

#include "diagnostics.h"
#include "eventlog.h"
#include "transcript.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>

#include <algorithm>

namespace sse {

double Statistics::connectedPercent() const
{
    return monitoredMs > 0 ? qBound(0.0, 100.0 * double(connectedMs) / double(monitoredMs), 100.0)
                           : 0.0;
}

Session::Session(const StreamConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_source(new EventSource(this))
    , m_log(new EventLogModel(this))
    , m_diagnostics(new Diagnostics(this))
    , m_transcript(new Transcript(this))
    , m_statusSinceMs(QDateTime::currentMSecsSinceEpoch())
    , m_silenceTimer(new QTimer(this))
    , m_createdAtMs(m_statusSinceMs)
{
    m_spans.push_back(StatusSpan{Status::Idle, m_createdAtMs, 0, QString()});
    applyConfig();
    m_silenceTimer->setSingleShot(true);
    m_silenceTimer->setTimerType(Qt::PreciseTimer); // "Silent" never before its time
    connect(m_silenceTimer, &QTimer::timeout, this, &Session::checkSilence);
    m_diagnostics->setSource(m_source);
    m_transcript->setSource(m_source);
    m_diagnostics->setTranscript(m_transcript);
    // `event: error` is reported by the source; these are the errors only the shape tells.
    connect(m_transcript, &Transcript::serverErrorReported, this, [this](const ErrorPayload &error) {
        ++m_stats.serverErrors;
        raise(Notice::Kind::ServerError, tr("Server error on %1").arg(m_config.name),
              error.message.isEmpty() ? error.code : error.message);
    });
    connect(m_source, &EventSource::stateChanged, this, &Session::onStateChanged);
    connect(m_source, &EventSource::eventsReceived, this, &Session::onEvents);
    connect(m_source, &EventSource::bytesReceived, this,
            [this](qint64 count) {
        m_stats.bodyBytes += count;
        onActivity(); // any read, events or heartbeat comments, is a sign of life
    });
    connect(m_source, &EventSource::commentsReceived, this,
            [this](const QList<QByteArray> &comments) { m_stats.comments += comments.size(); });
    connect(m_source, &EventSource::errorOccurred, this, [this](const Error &error) {
        if (error.kind == ErrorKind::ServerReported) {
            raise(Notice::Kind::ServerError, tr("Server error on %1").arg(m_config.name), error.message);
            return; // the stream goes on: not its status
        }
        if (error.kind == ErrorKind::Protocol)
            return; // the stream goes on: not its status
        m_lastError = error;
        m_hasError = true;
    });
    connect(m_source, &EventSource::tlsErrorsIgnored, this, &Session::onTlsErrorsIgnored);
    connect(m_source, &EventSource::reconnectScheduled, this, [this](const ReconnectInfo &info) {
        ++m_stats.reconnects;
        m_pendingReconnect = info;
        markReconnect(info, isUp(m_status));
        updateStatus();
        if (m_status == Status::Reconnecting) // each attempt may fail for another reason
            m_spans.back().reason = statusReason();
    });
    connect(m_source, &EventSource::requestSent, this, [this](const RequestInfo &request) {
        if (request.redirectHop != 0)
            return;
        m_idSent = false;
        m_lastIdSent.clear();
        for (const Header &h : request.headers) {
            if (h.name.compare("Last-Event-ID", Qt::CaseInsensitive) == 0) {
                m_idSent = true;
                m_lastIdSent = h.value;
            }
        }
    });
    connect(m_source, &EventSource::responseReceived, this,
            [this](const ResponseInfo &response) { m_lastResponse = response; });
}

QString Session::statusText(Status status)
{
    switch (status) {
    case Status::Idle: return QCoreApplication::translate("sse::Session", "Not connected");
    case Status::Connecting: return QCoreApplication::translate("sse::Session", "Connecting");
    case Status::Open: return QCoreApplication::translate("sse::Session", "Open");
    case Status::Silent: return QCoreApplication::translate("sse::Session", "Silent");
    case Status::Reconnecting: return QCoreApplication::translate("sse::Session", "Reconnecting");
    case Status::Stopped: return QCoreApplication::translate("sse::Session", "Stopped by server");
    case Status::Failed: return QCoreApplication::translate("sse::Session", "Failed");
    }
    return {};
}

void Session::setLogging(bool enabled)
{
    m_logging = enabled;
}

void Session::setAlertRules(const QList<AlertRule> &rules)
{
    m_alertRules = rules;
}

void Session::raise(Notice::Kind kind, const QString &title, const QString &message)
{
    Q_EMIT noticeRaised(Notice{kind, title, message});
}

void Session::mark(int kind, const QString &text)
{
    if (m_logging)
        m_log->appendMarker(LogMarker{LogMarker::Kind(kind), QDateTime::currentMSecsSinceEpoch(), text});
}

void Session::markOpened()
{
    const QString protocol = m_lastResponse.http2 ? QStringLiteral("HTTP/2") : QStringLiteral("HTTP/1.1");
    const QString status = QString::number(m_lastResponse.status)
        + (m_lastResponse.reasonPhrase.isEmpty() ? QString()
                                                 : u' ' + QString::fromUtf8(m_lastResponse.reasonPhrase));
    if (!m_everOpened) {
        mark(int(LogMarker::Kind::Connected), tr("Connected: %1, %2").arg(status, protocol));
        return;
    }
    mark(int(LogMarker::Kind::Resumed),
         m_idSent ? tr("Resumed: %1, %2; sent Last-Event-ID \u201c%3\u201d")
                        .arg(status, protocol, QString::fromUtf8(m_lastIdSent))
                  : tr("Resumed: %1, %2; no Last-Event-ID sent (no event had an id)").arg(status, protocol));
    m_awaitingFirstEvent = true;
}

void Session::markReconnect(const ReconnectInfo &info, bool wasUp)
{
    const QString why = info.cleanEnd ? tr("the server ended the stream") : info.reason.message;
    if (wasUp) {
        mark(int(LogMarker::Kind::Dropped), info.cleanEnd ? tr("The server ended the stream")
                                                          : tr("Connection lost: %1").arg(why));
        m_lastEventBeforeDropMs = m_stats.lastEventAtMs;
    }
    const QString attempt = info.maxRetries >= 0
        ? tr("attempt %1 of %2").arg(info.attempt).arg(info.maxRetries)
        : tr("attempt %1").arg(info.attempt);
    const QString delay = QString::number(double(info.delayMs) / 1000.0, 'f', 1);
    mark(int(LogMarker::Kind::Retrying),
         wasUp ? tr("Reconnecting in %1 s (%2)").arg(delay, attempt)
               : tr("Reconnecting in %1 s (%2): %3").arg(delay, attempt, why));
}

void Session::onTlsErrorsIgnored(const QUrl &url, const QStringList &errors)
{
    // Once per connect, not on every automatic reconnect, unless the certificate changes.
    if (errors == m_tlsNotified)
        return;
    m_tlsNotified = errors;
    raise(Notice::Kind::TlsErrorsIgnored, tr("%1 is not secure").arg(m_config.name),
          tr("TLS certificate errors ignored for %1: %2; the connection is not authenticated.")
              .arg(url.host(), errors.join(u"; ")));
}

void Session::applyConfig()
{
    m_source->setRequest(m_config.request);
    m_source->setPolicy(m_config.policy);
    m_source->setIdleTimeout(m_config.idleTimeoutMs);
    m_source->setConnectTimeout(m_config.connectTimeoutMs);
    m_source->setMaxEventBytes(m_config.maxEventBytes);
}

void Session::setConfig(const StreamConfig &config)
{
    const bool running = m_source->state() != EventSource::State::Closed;
    const bool requestChanged = !(config.request == m_config.request);
    const bool connectionChanged = requestChanged || !(config.policy == m_config.policy)
        || config.idleTimeoutMs != m_config.idleTimeoutMs
        || config.connectTimeoutMs != m_config.connectTimeoutMs
        || config.maxEventBytes != m_config.maxEventBytes;
    m_config = config;
    if (requestChanged) {
        applyConfig();
        m_tlsNotified.clear();
        m_diagnostics->reset(); // what it recorded was about another request
        m_transcript->clear();
    } else {
        // Keep the last event ID received so far when only the policy or limits change.
        m_source->setPolicy(m_config.policy);
        m_source->setIdleTimeout(m_config.idleTimeoutMs);
        m_source->setConnectTimeout(m_config.connectTimeoutMs);
        m_source->setMaxEventBytes(m_config.maxEventBytes);
    }
    Q_EMIT configChanged();
    if (running && connectionChanged) // a new name alone does not reconnect
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
    if (m_source->state() == EventSource::State::Closed)
        m_tlsNotified.clear();
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
    m_tlsNotified.clear();
    m_source->reconnectNow();
}

void Session::onStateChanged(EventSource::State state)
{
    m_silent = false;
    if (state == EventSource::State::Open) {
        ++m_stats.connections;
        m_openSince.start();
        m_hasError = false;
        m_sinceActivity.start();
        m_silenceTimer->start(int(expectedSilenceMs()));
    } else {
        m_silenceTimer->stop();
        m_sinceActivity.invalidate();
        if (m_openSince.isValid()) {
            m_stats.connectedMs += m_openSince.elapsed();
            m_openSince.invalidate();
        }
    }
    updateStatus();
}

qint64 Session::expectedSilenceMs() const
{
    if (m_config.silentAfterMs > 0)
        return m_config.silentAfterMs;
    if (m_gapCount < 3)
        return DefaultSilenceMs;
    std::array<qint64, 31> sorted = m_gaps;
    const auto end = sorted.begin() + m_gapCount;
    const auto middle = sorted.begin() + m_gapCount / 2;
    std::nth_element(sorted.begin(), middle, end);
    return std::clamp<qint64>(4 * *middle, 2000, 600000);
}

void Session::onActivity()
{
    if (!m_sinceActivity.isValid())
        return;
    const qint64 gap = m_sinceActivity.restart();
    m_gaps[size_t(m_nextGap)] = gap;
    m_nextGap = (m_nextGap + 1) % int(m_gaps.size());
    m_gapCount = qMin(m_gapCount + 1, int(m_gaps.size()));
    if (m_silent) {
        m_silent = false;
        updateStatus();
    }
    // The timer is pushed back once less than half of it is left, not on every read: a stream
    // that keeps its rhythm never wakes it (20 quiet tabs would otherwise wake the window
    // every few seconds each), and a fast one restarts it only every half expectation. Now and
    // then (not on every read: it sorts the gaps) it is also brought forward when the learned
    // expectation became shorter than it was armed for.
    const bool pushBack = !m_silenceTimer->isActive()
        || m_silenceTimer->remainingTime() < m_silenceTimer->interval() / 2;
    if (!pushBack && m_gapCount != 3 && m_nextGap % 8 != 0)
        return;
    const qint64 expected = expectedSilenceMs();
    if (pushBack || expected < m_silenceTimer->interval())
        m_silenceTimer->start(int(expected));
}

void Session::checkSilence()
{
    if (!m_sinceActivity.isValid())
        return;
    const qint64 remaining = expectedSilenceMs() - m_sinceActivity.elapsed();
    if (remaining > 0) {
        m_silenceTimer->start(int(remaining));
        return;
    }
    m_silent = true;
    updateStatus();
}

void Session::updateStatus()
{
    Status status = Status::Idle;
    switch (m_source->state()) {
    case EventSource::State::Open:
        status = m_silent ? Status::Silent : Status::Open;
        break;
    case EventSource::State::Connecting:
        status = m_source->attempt() > 0 ? Status::Reconnecting : Status::Connecting;
        break;
    case EventSource::State::Closed:
        switch (m_source->closeReason()) {
        case EventSource::CloseReason::Failed: status = Status::Failed; break;
        case EventSource::CloseReason::ServerRequested: status = Status::Stopped; break;
        default: status = Status::Idle; break;
        }
        break;
    }
    if (status == m_status)
        return;
    const Status previous = m_status;
    m_status = status;
    m_statusSinceMs = QDateTime::currentMSecsSinceEpoch();
    recordSpan(status, m_statusSinceMs);
    if (status == Status::Open && previous != Status::Silent)
        markOpened();
    else if (status == Status::Failed)
        mark(int(LogMarker::Kind::Failed), tr("Failed: %1").arg(m_lastError.message));
    else if (status == Status::Stopped)
        mark(int(LogMarker::Kind::Stopped), tr("The server asked the client to stop (HTTP 204)"));
    else if (status == Status::Idle && previous != Status::Idle)
        mark(int(LogMarker::Kind::Disconnected), tr("Disconnected"));
    Q_EMIT statusChanged(status);

    const QString &name = m_config.name;
    if (status == Status::Silent || (previous == Status::Silent && status == Status::Open))
        return; // quiet and back again: the status says it, no notice
    if (status == Status::Open) {
        raise(Notice::Kind::Connected,
              m_everOpened ? tr("%1 reconnected").arg(name) : tr("%1 connected").arg(name),
              m_config.request.url.toDisplayString());
        m_everOpened = true;
    } else if (isUp(previous) && status == Status::Reconnecting) {
        // The time it is due, not a countdown: the text must still be true when it is read.
        const ReconnectInfo info = m_pendingReconnect;
        raise(Notice::Kind::ConnectionLost, tr("%1 lost its connection").arg(name),
              (info.cleanEnd ? tr("The server ended the stream.") : info.reason.message) + u'\n'
                  + tr("Reconnecting at %1.")
                        .arg(QDateTime::fromMSecsSinceEpoch(info.dueAtMs).toString(QStringLiteral("HH:mm:ss"))));
    } else if (status == Status::Failed) {
        raise(Notice::Kind::Failed, tr("%1 failed").arg(name), m_lastError.message);
    }
}

qint64 Session::slotMs(Window window)
{
    switch (window) {
    case Window::Minute: return 1000;
    case Window::FiveMinutes: return 5000;
    case Window::Hour: return 60000;
    }
    return 1000;
}

QList<int> Session::eventCounts(Window window) const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    switch (window) {
    case Window::Minute: return m_perSecond.counts(now);
    case Window::FiveMinutes: return m_perFiveSeconds.counts(now);
    case Window::Hour: return m_perMinute.counts(now);
    }
    return {};
}

void Session::recordSpan(Status status, qint64 atMs)
{
    StatusSpan &current = m_spans.back();
    current.endMs = atMs;
    const qint64 length = std::max<qint64>(0, atMs - current.startMs);
    if (current.status != Status::Idle)
        m_watchedMsEnded += length;
    if (isUp(current.status))
        m_upMsEnded += length;
    m_spans.push_back(StatusSpan{status, atMs, 0, statusReason()});
    while (m_spans.size() > size_t(MaxSpans)
           || (m_spans.size() > 1 && m_spans.front().endMs < atMs - SpanHistoryMs))
        m_spans.pop_front();
}

QString Session::statusReason() const
{
    switch (m_status) {
    case Status::Reconnecting:
        return m_pendingReconnect.cleanEnd ? tr("The server ended the stream.")
                                           : m_pendingReconnect.reason.message;
    case Status::Failed: return m_lastError.message;
    case Status::Silent:
        return tr("Nothing received for longer than %1 s")
            .arg(QString::number(double(expectedSilenceMs()) / 1000.0, 'f', 1));
    case Status::Stopped: return tr("The server asked the client to stop (HTTP 204).");
    case Status::Idle:
    case Status::Connecting:
    case Status::Open: return {};
    }
    return {};
}

QList<Session::StatusSpan> Session::statusSpans(qint64 sinceMs) const
{
    QList<StatusSpan> spans;
    for (const StatusSpan &span : m_spans) {
        if (span.endMs == 0 || span.endMs > sinceMs)
            spans.append(span);
    }
    return spans;
}

double Session::upPercent(qint64 sinceMs) const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 up = 0;
    qint64 watched = 0;
    if (sinceMs <= m_createdAtMs) {
        up = m_upMsEnded;
        watched = m_watchedMsEnded;
        const StatusSpan &current = m_spans.back();
        if (current.status != Status::Idle)
            watched += now - current.startMs;
        if (isUp(current.status))
            up += now - current.startMs;
    } else {
        for (const StatusSpan &span : m_spans) {
            const qint64 from = std::max(span.startMs, sinceMs);
            const qint64 to = span.endMs == 0 ? now : span.endMs;
            if (to <= from || span.status == Status::Idle)
                continue;
            watched += to - from;
            if (isUp(span.status))
                up += to - from;
        }
    }
    return watched > 0 ? 100.0 * double(up) / double(watched) : -1.0;
}

void Session::onEvents(const QList<Event> &events)
{
    for (const Event &e : events) {
        m_stats.dataBytes += e.data.size();
        // Sizes first: no memcmp call for every event of another type.
        if (QByteArrayView(e.type) == QByteArrayView("error"))
            ++m_stats.serverErrors;
    }
    m_stats.events += events.size();
    if (m_awaitingFirstEvent && !events.isEmpty()) {
        m_awaitingFirstEvent = false;
        const Event &first = events.constFirst();
        QString text = m_lastEventBeforeDropMs > 0
            ? tr("First event after the reconnect, %1 s after the last one before the drop")
                  .arg(QString::number(double(first.receivedAtMs - m_lastEventBeforeDropMs) / 1000.0, 'f', 1))
            : tr("First event after the reconnect");
        if (first.hasId)
            text += tr("; id \u201c%1\u201d").arg(QString::fromUtf8(first.lastEventId));
        mark(int(LogMarker::Kind::FirstEvent), text);
    }
    if (m_logging)
        m_log->appendEvents(events);
    for (const AlertRule &rule : std::as_const(m_alertRules)) {
        if (!rule.isEnabled())
            continue;
        for (const Event &e : events) {
            if (rule.matches(e)) {
                const QString what = rule.eventType().isEmpty()
                    ? rule.pattern()
                    : rule.pattern().isEmpty() ? rule.eventType()
                                               : rule.eventType() + u' ' + rule.pattern();
                raise(Notice::Kind::Alert, tr("Alert on %1: %2").arg(m_config.name, what),
                      QString::fromUtf8(e.data.left(300)));
            }
        }
    }
    if (!events.isEmpty()) {
        m_stats.lastEventAtMs = events.constLast().receivedAtMs;
        m_perSecond.add(m_stats.lastEventAtMs, events.size());
        m_perFiveSeconds.add(m_stats.lastEventAtMs, events.size());
        m_perMinute.add(m_stats.lastEventAtMs, events.size());
    }
}

} // namespace sse
