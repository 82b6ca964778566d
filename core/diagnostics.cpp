#include "diagnostics.h"

#include "diagnosticsutil.h"
#include "eventsource.h"
#include "transcript.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>
#include <optional>

Q_LOGGING_CATEGORY(lcDiagnostics, "sse.diagnostics", QtInfoMsg)

// The recording half of sse::Diagnostics: what the source did, as it happens. The checks that
// turn it into findings are in diagnosticchecks.cpp, the text and JSON reports in
// diagnosticsreport.cpp.

namespace sse {

namespace {

using diagnostics::isNamed;

const QByteArray MaskText = QByteArrayLiteral("********");

/** QByteArray::toLongLong() of an event ID, the usual plain decimal ones (up to 18 digits)
 *  read without its general parser: this runs for every event that has an ID. */
std::optional<qint64> numericId(const QByteArray &id)
{
    if (!id.isEmpty() && id.size() <= 18) {
        qint64 value = 0;
        bool digits = true;
        for (const char c : id) {
            if (c < '0' || c > '9') {
                digits = false;
                break;
            }
            value = value * 10 + (c - '0');
        }
        if (digits)
            return value;
    }
    bool numeric = false;
    const qint64 value = id.toLongLong(&numeric);
    return numeric ? std::optional<qint64>(value) : std::nullopt;
}

} // namespace

// ---------------------------------------------------------------------------------------------

QString Finding::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info: return QStringLiteral("info");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Error: return QStringLiteral("error");
    }
    return {};
}

QString Finding::severityText(Severity severity)
{
    switch (severity) {
    case Severity::Info: return QCoreApplication::translate("sse::Diagnostics", "info");
    case Severity::Warning: return QCoreApplication::translate("sse::Diagnostics", "warning");
    case Severity::Error: return QCoreApplication::translate("sse::Diagnostics", "error");
    }
    return {};
}

void Diagnostics::GapRing::add(qint64 gap)
{
    gaps[size_t(next)] = gap;
    next = (next + 1) % Size;
    count = qMin(count + 1, Size);
}

qint64 Diagnostics::GapRing::median() const
{
    if (count == 0)
        return -1;
    std::array<qint64, Size> sorted = gaps;
    auto end = sorted.begin() + count; // the filled part (order does not matter for a median)
    auto middle = sorted.begin() + count / 2;
    std::nth_element(sorted.begin(), middle, end);
    return *middle;
}

// ---------------------------------------------------------------------------------------------

Diagnostics::Diagnostics(QObject *parent)
    : QObject(parent)
    , m_updateTimer(new QTimer(this))
    , m_silenceTimer(new QTimer(this))
    , m_waitTimer(new QTimer(this))
{
    m_clock.start();
    m_updateTimer->setSingleShot(true);
    m_silenceTimer->setSingleShot(true);
    m_silenceTimer->setTimerType(Qt::PreciseTimer);
    m_waitTimer->setSingleShot(true);
    // A coarse timer may fire 5 % early, before the wait reaches the threshold.
    m_waitTimer->setTimerType(Qt::PreciseTimer);
    connect(m_waitTimer, &QTimer::timeout, this, &Diagnostics::update);
    connect(m_updateTimer, &QTimer::timeout, this, &Diagnostics::update);
    connect(m_silenceTimer, &QTimer::timeout, this, &Diagnostics::update);
    m_timing.histogram.fill(0, qsizetype(StreamTiming::HistogramBoundsMs.size()) + 1);
}

Diagnostics::~Diagnostics() = default;

void Diagnostics::setSource(EventSource *source)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    closeConnection();
    m_source = source;
    if (!source)
        return;
    connect(source, &EventSource::requestSent, this, &Diagnostics::onRequestSent);
    connect(source, &EventSource::responseReceived, this, &Diagnostics::onResponse);
    connect(source, &EventSource::stateChanged, this, &Diagnostics::onStateChanged);
    connect(source, &EventSource::bytesReceived, this, &Diagnostics::onBytes);
    connect(source, &EventSource::eventsReceived, this, &Diagnostics::onEvents);
    connect(source, &EventSource::commentsReceived, this, &Diagnostics::onComments);
    connect(source, &EventSource::tlsErrorsIgnored, this, &Diagnostics::scheduleUpdate);
    connect(source, &EventSource::requestWritten, this, &Diagnostics::onRequestWritten);
    connect(source, &EventSource::errorOccurred, this, &Diagnostics::onError);
    if (source->state() == EventSource::State::Open)
        onStateChanged();
}

EventSource *Diagnostics::source() const
{
    return m_source;
}

void Diagnostics::setTranscript(Transcript *transcript)
{
    if (m_transcript)
        disconnect(m_transcript, nullptr, this, nullptr);
    m_transcript = transcript;
    if (transcript)
        connect(transcript, &Transcript::changed, this, &Diagnostics::scheduleUpdate);
}

void Diagnostics::setThresholds(const DiagnosticsThresholds &thresholds)
{
    m_thresholds = thresholds;
    armSilenceTimer();
    armWaitTimer();
    update();
}

void Diagnostics::setPageOrigin(const QUrl &origin)
{
    m_pageOrigin = origin;
    update();
}

QString Diagnostics::originOf(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (url.host().isEmpty() || scheme.isEmpty())
        return {};
    QString origin = scheme + QStringLiteral("://") + url.host(QUrl::FullyEncoded).toLower();
    const int defaultPort = scheme == u"https" ? 443 : scheme == u"http" ? 80 : -1;
    if (url.port() >= 0 && url.port() != defaultPort)
        origin += u':' + QString::number(url.port());
    return origin;
}

void Diagnostics::setConcurrentStreamsToHost(int count)
{
    m_streamsToHost = qMax(1, count);
    update();
}

QByteArray Diagnostics::maskedValue(const Header &header)
{
    if (isNamed(header.name, "authorization") || isNamed(header.name, "proxy-authorization")) {
        // The scheme ("Bearer", "Basic") says which kind of credential was sent.
        const QByteArray value = header.value.trimmed();
        const qsizetype space = value.indexOf(' ');
        return space > 0 ? value.left(space) + ' ' + MaskText : MaskText;
    }
    if (isNamed(header.name, "cookie")) {
        // Cookie names stay (they tell which session is meant); values go.
        QList<QByteArray> pairs;
        for (const QByteArray &pair : header.value.split(';')) {
            const QByteArray trimmed = pair.trimmed();
            if (trimmed.isEmpty())
                continue;
            const qsizetype equals = trimmed.indexOf('=');
            pairs.append(equals >= 0 ? trimmed.left(equals) + '=' + MaskText : MaskText);
        }
        return pairs.isEmpty() ? MaskText : pairs.join("; ");
    }
    return MaskText;
}

void Diagnostics::reset()
{
    m_hasRequest = false;
    m_request = {};
    m_hasResponse = false;
    m_response = {};
    m_firstRequestAt = -1;
    m_requestAt = -1;
    m_timeToFirstEventMs = -1;
    m_awaitingSince = -1;
    m_waitTimer->stop();
    m_hasFailure = false;
    m_failure = {};
    m_failedAttempts = 0;
    m_lastServerError.clear();
    m_timing = {};
    m_timing.histogram.fill(0, qsizetype(StreamTiming::HistogramBoundsMs.size()) + 1);
    m_eventGaps = {};
    m_commentGaps = {};
    m_haveNumericId = false;
    m_lastNumericId = 0;
    m_open = false;
    m_silenceTimer->stop();
    if (m_source && m_source->state() == EventSource::State::Open)
        onStateChanged(); // measure the open connection from now on
    Q_EMIT exchangeChanged();
    update();
}

// ---- Recording

void Diagnostics::onRequestSent(const RequestInfo &request)
{
    m_request = request;
    for (Header &h : m_request.headers) {
        if (h.isSecret())
            h.value = maskedValue(h);
    }
    m_hasRequest = true;
    m_requestAt = now();
    if (m_firstRequestAt < 0)
        m_firstRequestAt = m_requestAt;
    m_timeToFirstEventMs = -1;
    m_awaitingSince = -1;
    m_waitTimer->stop();
    Q_EMIT exchangeChanged();
}

void Diagnostics::onRequestWritten()
{
    m_awaitingSince = now();
    armWaitTimer();
    scheduleUpdate();
}

void Diagnostics::armWaitTimer()
{
    // Wakes up when the wait for the response head reaches responseWaitMs, so that
    // no-response appears while the wait goes on.
    const qint64 remaining = m_thresholds.responseWaitMs - (now() - m_awaitingSince);
    if (m_awaitingSince >= 0 && m_thresholds.responseWaitMs > 0 && remaining >= 0)
        m_waitTimer->start(int(remaining) + 1);
    else
        m_waitTimer->stop();
}

void Diagnostics::onError(const Error &error)
{
    switch (error.kind) {
    case ErrorKind::Protocol:
    case ErrorKind::ServerReported:
        return; // the stream goes on
    default:
        break;
    }
    m_hasFailure = true;
    m_failure = error;
    // A drop of an open stream is not a failed attempt; a failed reconnect after it is.
    if (!m_open && error.kind != ErrorKind::RetriesExhausted)
        ++m_failedAttempts;
    if (!m_open)
        m_awaitingSince = -1;
    scheduleUpdate();
}

void Diagnostics::onResponse(const ResponseInfo &response)
{
    m_response = response;
    m_hasResponse = true;
    m_timing.timeToFirstByteMs = response.timeToHeadersMs;
    m_awaitingSince = -1;
    m_waitTimer->stop();
    if (response.status == 200 && response.timeToHeadersMs >= m_thresholds.slowHeadMs)
        ++m_timing.slowHeads;
    Q_EMIT exchangeChanged();
    update();
}

void Diagnostics::onStateChanged()
{
    const bool open = m_source && m_source->state() == EventSource::State::Open;
    if (open == m_open)
        return;
    if (!open) {
        // An open connection that ended while the source goes on: a drop. The silence before
        // it tells an idle timeout on the way (see proxy-idle-drops).
        if (m_open && m_source && m_source->state() == EventSource::State::Connecting) {
            const qint64 silence = now() - m_lastReadAt;
            if (silence >= m_thresholds.dropMinSilenceMs) {
                m_timing.dropSilencesMs.append(silence);
                if (m_timing.dropSilencesMs.size() > 16)
                    m_timing.dropSilencesMs.removeFirst();
            }
        }
        if (m_source && m_source->state() == EventSource::State::Closed) {
            m_awaitingSince = -1;
            m_waitTimer->stop();
        }
        closeConnection();
        scheduleUpdate();
        return;
    }
    m_open = true;
    m_hasFailure = false;
    m_failedAttempts = 0;
    ++m_timing.connections;
    m_lastReadAt = now();
    m_lastEventAt = -1;
    m_lastCommentAt = -1;
    m_firstReadPending = true;
    armSilenceTimer();
    scheduleUpdate();
}

void Diagnostics::closeConnection()
{
    if (!m_open)
        return;
    m_open = false;
    m_timing.longestSilenceMs = qMax(m_timing.longestSilenceMs, now() - m_lastReadAt);
    m_silenceTimer->stop();
}

void Diagnostics::onBytes(qint64 count)
{
    if (!m_open)
        return;
    const qint64 t = now();
    m_gapBeforeRead = t - m_lastReadAt;
    m_timing.longestSilenceMs = qMax(m_timing.longestSilenceMs, m_gapBeforeRead);
    m_lastReadAt = t;
    m_readIsFirst = m_firstReadPending;
    m_firstReadPending = false;
    ++m_timing.reads;
    m_timing.bodyBytes += count;
    if (m_source)
        m_timing.serverRetryMs = m_source->serverRetryMs();
    armSilenceTimer();
    scheduleUpdate();
}

void Diagnostics::onEvents(const QList<Event> &events)
{
    if (!m_open || events.isEmpty())
        return;
    const qint64 t = m_lastReadAt; // every event of the read arrived with it
    if (m_timeToFirstEventMs < 0 && m_requestAt >= 0)
        m_timeToFirstEventMs = t - m_requestAt;

    // Inter-arrival: the read's first event after the previous event, the rest at once.
    const auto bin = [](qint64 gap) {
        const auto &bounds = StreamTiming::HistogramBoundsMs;
        return qsizetype(std::upper_bound(bounds.begin(), bounds.end(), gap) - bounds.begin());
    };
    if (m_lastEventAt >= 0) {
        m_eventGaps.add(t - m_lastEventAt);
        ++m_timing.histogram[bin(t - m_lastEventAt)];
    }
    m_timing.histogram[0] += events.size() - 1;
    m_lastEventAt = t;

    // Many events in one read after a silence: they were held back somewhere on the way. For
    // a connection's first read the silence counts from the request: a proxy that buffers
    // holds the head back too, and then releases head and events in one go.
    const qint64 silence = m_readIsFirst && m_requestAt >= 0 ? t - m_requestAt : m_gapBeforeRead;
    if (events.size() >= m_thresholds.burstMinEvents
        && silence >= m_thresholds.burstMinSilenceMs) {
        ++m_timing.bursts;
        m_timing.largestBurst = qMax(m_timing.largestBurst, int(events.size()));
        qCDebug(lcDiagnostics) << "burst of" << events.size() << "events after"
                               << silence << "ms";
    }

    m_timing.events += events.size();
    for (const Event &e : events) {
        if (QByteArrayView(e.type) == QByteArrayView("error")) { // sizes first, as in Session
            ++m_timing.serverErrors;
            m_lastServerError = readErrorPayload(e.data).message;
        }
        if (!e.hasId)
            continue;
        ++m_timing.eventsWithId;
        const std::optional<qint64> id = numericId(e.lastEventId);
        if (!id)
            continue;
        if (m_haveNumericId && *id <= m_lastNumericId)
            ++m_timing.idRegressions;
        m_haveNumericId = true;
        m_lastNumericId = *id;
    }
}

void Diagnostics::onComments(const QList<QByteArray> &comments)
{
    if (!m_open || comments.isEmpty())
        return;
    const qint64 t = m_lastReadAt;
    if (m_lastCommentAt >= 0)
        m_commentGaps.add(t - m_lastCommentAt);
    m_lastCommentAt = t;
    m_timing.comments += comments.size();
}

// ---- Updating

void Diagnostics::scheduleUpdate()
{
    // The first change after a quiet interval is published when control returns to the event
    // loop (a zero timer: no wake-up of its own), later ones when the interval since the last
    // update is over: a slow stream costs no timer per event, a fast one an update per interval.
    if (!m_updateTimer->isActive())
        m_updateTimer->start(int(std::max<qint64>(0, UpdateIntervalMs - (now() - m_lastUpdateAt))));
}

void Diagnostics::armSilenceTimer()
{
    // Wakes up when the current silence reaches the proxy idle time, so that no-heartbeat
    // appears while the stream is silent, not only at the next read.
    if (!m_open || m_thresholds.proxyIdleMs <= 0) {
        m_silenceTimer->stop();
        return;
    }
    const qint64 remaining = m_thresholds.proxyIdleMs - (now() - m_lastReadAt);
    if (remaining >= 0)
        m_silenceTimer->start(int(remaining) + 1);
    else
        m_silenceTimer->stop();
}

void Diagnostics::update()
{
    m_updateTimer->stop();
    m_lastUpdateAt = now();
    QList<Finding> current = findings();
    if (current == m_published)
        return;
    m_published = std::move(current);
    Q_EMIT findingsChanged();
}

StreamTiming Diagnostics::timing() const
{
    StreamTiming t = m_timing;
    const qint64 at = now();
    t.observedMs = m_firstRequestAt >= 0 ? at - m_firstRequestAt : 0;
    t.timeToFirstEventMs = m_timeToFirstEventMs;
    if (m_open) {
        t.currentSilenceMs = at - m_lastReadAt;
        t.longestSilenceMs = qMax(t.longestSilenceMs, t.currentSilenceMs);
    }
    t.awaitingResponseMs = m_awaitingSince >= 0 ? at - m_awaitingSince : 0;
    if (m_commentGaps.count > 0) {
        t.heartbeatIntervalMs = m_commentGaps.median();
        t.heartbeatSource = StreamTiming::HeartbeatSource::Comments;
    } else if (m_eventGaps.count > 0) {
        t.heartbeatIntervalMs = m_eventGaps.median();
        t.heartbeatSource = StreamTiming::HeartbeatSource::Events;
    }
    return t;
}

bool Diagnostics::hasProblems() const
{
    const QList<Finding> list = findings();
    return std::any_of(list.cbegin(), list.cend(),
                       [](const Finding &f) { return f.severity != Finding::Severity::Info; });
}


QByteArray Diagnostics::refusedBody() const
{
    // The body the source kept when it refused the last response (a status or content type
    // it does not stream); null otherwise.
    if (!m_hasFailure || !m_hasResponse || m_failure.httpStatus != m_response.status
        || (m_failure.kind != ErrorKind::HttpStatus && m_failure.kind != ErrorKind::ContentType
            && m_failure.kind != ErrorKind::RetriesExhausted))
        return {};
    return m_failure.body.isNull() ? QByteArray("") : m_failure.body;
}

} // namespace sse
