#include "watcher.h"

#include "diagnostics.h"
#include "transcript.h"

#include <QDateTime>
#include <QHash>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace ssecat {

namespace {

void printError(const QString &message)
{
    const QByteArray line = QByteArrayLiteral("ssecat: ") + message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

QString describe(const sse::Error &error)
{
    QString text = error.message.isEmpty() ? QStringLiteral("unknown error") : error.message;
    text += QStringLiteral(" [") + error.kindName();
    if (error.httpStatus)
        text += QStringLiteral(", HTTP %1").arg(error.httpStatus);
    text += QLatin1Char(']');
    return text;
}

} // namespace

Watcher::Watcher(const Options &options, OutputWriter *output, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_output(output)
    , m_formatter(options.format)
{
    using sse::EventSource;
    // Browsers limit HTTP/1.1 connections per host: the diagnostics want to know how many
    // streams this run opens to each.
    const QList<sse::StreamConfig> configs = streamConfigs(options);
    QHash<QString, int> streamsPerOrigin;
    for (const sse::StreamConfig &config : configs)
        ++streamsPerOrigin[sse::Diagnostics::originOf(config.request.url)];
    m_streams.reserve(configs.size());
    for (int i = 0; i < configs.size(); ++i) {
        Stream stream;
        stream.session = new sse::Session(configs.at(i), this);
        stream.session->setLogging(false); // events are printed as they come, not kept
        stream.url = configs.at(i).request.url;
        m_streams.append(stream);
        if (options.diagnose) {
            sse::Diagnostics *diagnostics = stream.session->diagnostics();
            sse::DiagnosticsThresholds thresholds = diagnostics->thresholds();
            thresholds.proxyIdleMs = options.proxyIdleMs;
            diagnostics->setThresholds(thresholds);
            diagnostics->setPageOrigin(options.pageOrigin);
            diagnostics->setConcurrentStreamsToHost(
                streamsPerOrigin.value(sse::Diagnostics::originOf(stream.url)));
        }

        if (options.format == Format::Transcript) {
            sse::Transcript *transcript = stream.session->transcript();
            transcript->setShape(options.llmShape);
            transcript->setTextPath(options.llmTextPath);
            connect(transcript, &sse::Transcript::changed, this,
                    [this, i] { onTranscriptChanged(i); });
            connect(transcript, &sse::Transcript::responseFinished, this,
                    [this, i](const sse::LlmResponse &response) { onResponseFinished(i, response); });
        }

        const EventSource *source = stream.session->source();
        connect(source, &EventSource::stateChanged, this,
                [this, i](EventSource::State state) { onStateChanged(i, state); });
        connect(source, &EventSource::responseReceived, this,
                [this, i](const sse::ResponseInfo &response) { onResponse(i, response); });
        connect(source, &EventSource::eventsReceived, this,
                [this, i](const QList<sse::Event> &events) { onEvents(i, events); });
        connect(source, &EventSource::bytesReceived, this, [this](qint64 count) {
            if (!m_finished)
                m_totals.bodyBytes += count;
        });
        connect(source, &EventSource::errorOccurred, this,
                [this, i](const sse::Error &error) { onError(i, error); });
        connect(source, &EventSource::reconnectScheduled, this,
                [this, i](const sse::ReconnectInfo &info) { onReconnectScheduled(i, info); });
        connect(source, &EventSource::tlsErrorsIgnored, this,
                [this, i](const QUrl &url, const QStringList &errors) {
                    onTlsErrorsIgnored(i, url, errors);
                });
    }
}

Watcher::~Watcher()
{
    // Sessions are deleted here, while this object is whole: closing their sources may emit
    // signals, and the slots must not run on a half-destroyed Watcher.
    m_finished = true;
    for (Stream &stream : m_streams) {
        stream.session->source()->disconnect(this);
        delete stream.session;
        stream.session = nullptr;
    }
}

void Watcher::start()
{
    m_clock.start();
    if (m_options.durationMs > 0) {
        m_deadline = QDeadlineTimer(m_options.durationMs, Qt::PreciseTimer);
        m_durationTimer = new QTimer(this);
        m_durationTimer->setSingleShot(true);
        m_durationTimer->setTimerType(Qt::PreciseTimer);
        connect(m_durationTimer, &QTimer::timeout, this, [this] {
            if (m_deadline.hasExpired())
                finish(exitStatus());
            else
                armDurationTimer();
        });
        armDurationTimer();
    }
    for (const Stream &stream : std::as_const(m_streams)) {
        if (m_finished)
            break;
        stream.session->connectStream();
    }
}

void Watcher::armDurationTimer()
{
    // QTimer takes an int of milliseconds: re-arm in steps for very long durations.
    constexpr qint64 step = 3600 * 1000;
    m_durationTimer->start(int(std::clamp<qint64>(m_deadline.remainingTime(), 0, step)));
}

void Watcher::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_durationTimer)
        m_durationTimer->stop();
    for (int i = 0; i < m_streams.size(); ++i)
        reportFailure(i);
    if (m_options.diagnose) {
        QList<const sse::Diagnostics *> reports;
        bool problems = false;
        for (const Stream &stream : std::as_const(m_streams)) {
            reports.append(stream.session->diagnostics());
            problems |= stream.session->diagnostics()->hasProblems();
        }
        Formatter::appendDiagnostics(m_output->buffer(), m_options.diagnoseFormat, reports);
        if (exitCode == 0 && problems)
            exitCode = ExitDiagnosticProblems;
    } else if (m_options.format == Format::Count) {
        m_totals.elapsedNs = m_clock.isValid() ? m_clock.nsecsElapsed() : 0;
        Formatter::appendTotals(m_output->buffer(), m_totals);
    }
    if (!m_output->flush()) {
        printError(QStringLiteral("cannot write the output: %1").arg(m_output->errorString()));
        if (exitCode == 0)
            exitCode = 1;
    }
    Q_EMIT finished(exitCode);
}

void Watcher::onStateChanged(int index, sse::EventSource::State state)
{
    using sse::EventSource;
    if (m_finished)
        return;
    Stream &stream = m_streams[index];
    const EventSource *source = stream.session->source();
    if (state == EventSource::State::Connecting) {
        stream.attempt = source->attempt();
        stream.status = 0;
    }

    if (m_options.states) {
        StateRecord record;
        record.kind = StateRecord::Kind::State;
        record.state = state;
        record.attempt = stream.attempt;
        record.atMs = QDateTime::currentMSecsSinceEpoch();
        switch (state) {
        case EventSource::State::Connecting:
            record.url = source->request().url;
            break;
        case EventSource::State::Open:
            record.status = stream.status;
            record.url = stream.responseUrl;
            break;
        case EventSource::State::Closed:
            record.closeReason = source->closeReason();
            break;
        }
        writeRecord(index, record);
    }

    if (m_options.format == Format::Transcript && state != EventSource::State::Open
        && !stream.ended && !stream.session->transcript()->responses().isEmpty()) {
        // An LLM API answers one request per connection: re-sending it would ask again.
        stream.ended = true;
        stream.session->disconnectStream();
        QTimer::singleShot(0, this, &Watcher::checkAllEnded);
        return;
    }
    if (state != EventSource::State::Closed || stream.ended)
        return;
    // Deferred, so that the permanent error and the state change are both known whatever
    // order the source reports them in.
    switch (source->closeReason()) {
    case EventSource::CloseReason::ServerRequested:
        stream.ended = true;
        QTimer::singleShot(0, this, &Watcher::checkAllEnded);
        break;
    case EventSource::CloseReason::Failed:
        stream.ended = true;
        stream.failed = true;
        QTimer::singleShot(0, this, [this, index] {
            if (m_finished)
                return;
            reportFailure(index);
            checkAllEnded();
        });
        break;
    case EventSource::CloseReason::NotStarted:
    case EventSource::CloseReason::User:
        break;
    }
}

void Watcher::onTlsErrorsIgnored(int index, const QUrl &url, const QStringList &errors)
{
    Stream &stream = m_streams[index];
    if (stream.tlsWarned) // once per stream, not on every reconnect
        return;
    stream.tlsWarned = true;
    printError(QStringLiteral("warning: stream %1: TLS certificate errors ignored for %2 "
                              "(--insecure): %3; the connection is not authenticated")
                   .arg(index)
                   .arg(url.host(), errors.join(QStringLiteral("; "))));
}

void Watcher::onResponse(int index, const sse::ResponseInfo &response)
{
    Stream &stream = m_streams[index];
    stream.status = response.status;
    stream.responseUrl = response.url;
}

void Watcher::onEvents(int index, const QList<sse::Event> &events)
{
    if (m_finished)
        return;
    qsizetype count = events.size();
    if (m_options.maxEvents > 0)
        count = qsizetype(std::min<qint64>(count, m_options.maxEvents - m_totals.events));
    m_totals.events += count;
    qint64 dataBytes = 0;
    for (qsizetype i = 0; i < count; ++i)
        dataBytes += events.at(i).data.size();
    m_totals.dataBytes += dataBytes;

    if (m_options.printEvents && m_options.format != Format::Count
        && m_options.format != Format::Transcript && !m_options.diagnose) {
        m_formatter.appendEvents(m_output->buffer(), index, events, count);
        flushOutput();
    }
    if (m_options.maxEvents > 0 && m_totals.events >= m_options.maxEvents)
        finish(exitStatus());
}

void Watcher::onTranscriptChanged(int index)
{
    if (m_finished)
        return;
    Stream &stream = m_streams[index];
    QByteArray &out = m_output->buffer();
    const qsizetype before = out.size();
    for (const sse::LlmResponse &response : stream.session->transcript()->responses()) {
        if (response.number < stream.shownResponse)
            continue;
        if (response.number > stream.shownResponse) {
            stream.shownResponse = response.number;
            stream.shownChars = 0;
        }
        const QString text = response.text();
        if (text.size() > stream.shownChars) {
            out.append(QStringView(text).sliced(stream.shownChars).toUtf8());
            stream.shownChars = text.size();
        }
    }
    if (out.size() != before)
        flushOutput();
}

void Watcher::onResponseFinished(int index, const sse::LlmResponse &response)
{
    if (m_finished)
        return;
    Stream &stream = m_streams[index];
    QByteArray &out = m_output->buffer();
    if (stream.shownResponse == response.number && stream.shownChars > 0
        && !out.endsWith('\n') && !response.text().endsWith(u'\n'))
        out.append('\n');
    Formatter::appendTranscriptRecord(out, index, response);
    flushOutput();
    if (response.state == sse::LlmResponse::State::Complete)
        return;
    stream.unfinished = true;
    const QString what = response.state == sse::LlmResponse::State::Failed
        ? QStringLiteral("failed: %1").arg(response.error.message.isEmpty() ? response.error.code
                                                                           : response.error.message)
        : QStringLiteral("incomplete: the stream ended before the response's terminator");
    printError(QStringLiteral("stream %1: response %2 %3").arg(index).arg(response.number).arg(what));
}

void Watcher::onError(int index, const sse::Error &error)
{
    if (m_finished)
        return;
    Stream &stream = m_streams[index];
    if (error.permanent) {
        stream.lastPermanentError = error;
        stream.hasPermanentError = true;
    }
    if (m_options.states) {
        StateRecord record;
        record.kind = StateRecord::Kind::Error;
        record.state = stream.session->source()->state();
        record.attempt = stream.attempt;
        record.error = error;
        record.atMs = QDateTime::currentMSecsSinceEpoch();
        writeRecord(index, record);
    }
}

void Watcher::onReconnectScheduled(int index, const sse::ReconnectInfo &info)
{
    if (m_finished)
        return;
    // The source stays Connecting across failed attempts: remember which one is next, so that
    // the records of that attempt (error, open) carry its number.
    m_streams[index].attempt = info.attempt;
    if (m_options.states) {
        StateRecord record;
        record.kind = StateRecord::Kind::Reconnect;
        record.state = sse::EventSource::State::Connecting;
        record.attempt = info.attempt;
        record.maxRetries = info.maxRetries;
        record.delayMs = info.delayMs;
        record.dueAtMs = info.dueAtMs;
        record.cleanEnd = info.cleanEnd;
        record.error = info.reason;
        record.atMs = QDateTime::currentMSecsSinceEpoch();
        writeRecord(index, record);
    }
    if (!info.cleanEnd) {
        const QString attempts = info.maxRetries >= 0
            ? QStringLiteral("%1/%2").arg(info.attempt).arg(info.maxRetries)
            : QString::number(info.attempt);
        printError(QStringLiteral("stream %1 (%2): %3; reconnecting in %4 ms (attempt %5)")
                       .arg(index)
                       .arg(m_streams.at(index).url.toDisplayString(), describe(info.reason))
                       .arg(info.delayMs)
                       .arg(attempts));
    }
}

void Watcher::reportFailure(int index)
{
    Stream &stream = m_streams[index];
    if (!stream.failed || stream.reported)
        return;
    stream.reported = true;
    const QString reason = stream.hasPermanentError ? describe(stream.lastPermanentError)
                                                    : QStringLiteral("the stream failed");
    printError(QStringLiteral("stream %1 (%2) failed: %3")
                   .arg(index)
                   .arg(stream.url.toDisplayString(), reason));
}

int Watcher::exitStatus() const
{
    if (std::any_of(m_streams.cbegin(), m_streams.cend(), [](const Stream &s) { return s.failed; }))
        return 3;
    if (std::any_of(m_streams.cbegin(), m_streams.cend(), [](const Stream &s) { return s.unfinished; }))
        return ExitUnfinishedResponses;
    return 0;
}

QList<sse::Session *> Watcher::sessions() const
{
    QList<sse::Session *> sessions;
    for (const Stream &stream : m_streams)
        sessions.append(stream.session);
    return sessions;
}

void Watcher::checkAllEnded()
{
    // An exporter keeps serving streams that stopped or failed: that is what alerts are for.
    if (m_finished || m_options.metrics)
        return;
    const bool allEnded = std::all_of(m_streams.cbegin(), m_streams.cend(),
                                      [](const Stream &s) { return s.ended; });
    if (allEnded)
        finish(exitStatus());
}

void Watcher::writeRecord(int index, const StateRecord &record)
{
    Formatter::appendStateRecord(m_output->buffer(), index, record);
    flushOutput();
}

void Watcher::flushOutput()
{
    if (!m_output->flush() && !m_finished) {
        printError(QStringLiteral("cannot write the output: %1").arg(m_output->errorString()));
        finish(1);
    }
}

QString Watcher::streamLabel(int index) const
{
    const qsizetype fromFile = index - m_options.urls.size();
    if (fromFile >= 0 && fromFile < m_options.fileStreams.size()
        && !m_options.fileStreams.at(fromFile).name.isEmpty())
        return m_options.fileStreams.at(fromFile).name;
    return QString::number(index);
}

} // namespace ssecat
