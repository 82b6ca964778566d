#include "diagnostics.h"

#include "diagnosticsutil.h"
#include "eventsource.h"
#include "transcript.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

// The reports of sse::Diagnostics: the same content as JSON (for scripts) and as text (for
// copying). The findings come from diagnosticchecks.cpp.

namespace sse {

namespace {

using diagnostics::isNamed;
using diagnostics::seconds;

QJsonArray headersJson(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers) {
        array.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)},
                                 {QStringLiteral("value"), QString::fromUtf8(value)}});
    }
    return array;
}

/** Response headers as reported: Set-Cookie values are masked like request secrets. */
QList<QPair<QByteArray, QByteArray>> reportedResponseHeaders(const ResponseInfo &response)
{
    QList<QPair<QByteArray, QByteArray>> headers = response.headers;
    for (auto &[name, value] : headers) {
        if (isNamed(name, "set-cookie"))
            value = Diagnostics::maskedValue(Header{QByteArrayLiteral("Cookie"), value, true});
    }
    return headers;
}

QString protocolName(const ResponseInfo &response)
{
    return response.http2 ? QStringLiteral("HTTP/2") : QStringLiteral("HTTP/1.1");
}

QString heartbeatSourceName(StreamTiming::HeartbeatSource source)
{
    switch (source) {
    case StreamTiming::HeartbeatSource::None: return QStringLiteral("none");
    case StreamTiming::HeartbeatSource::Comments: return QStringLiteral("comments");
    case StreamTiming::HeartbeatSource::Events: return QStringLiteral("events");
    }
    return {};
}

/** The request as sent, secret values already masked by Diagnostics. */
QJsonObject requestJson(const RequestInfo &request)
{
    QJsonArray headers;
    for (const Header &h : request.headers) {
        headers.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(h.name)},
                                   {QStringLiteral("value"), QString::fromUtf8(h.value)},
                                   {QStringLiteral("masked"), h.isSecret()}});
    }
    for (const Header &h : request.implicitHeaders) {
        headers.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(h.name)},
                                   {QStringLiteral("value"), QString::fromUtf8(h.value)},
                                   {QStringLiteral("masked"), false},
                                   {QStringLiteral("addedByQt"), true}});
    }
    return QJsonObject{{QStringLiteral("method"), QString::fromLatin1(request.method)},
                       {QStringLiteral("url"), request.url.toString()},
                       {QStringLiteral("headers"), headers},
                       {QStringLiteral("bodyBytes"), request.bodyBytes}};
}

/** The timing figures; null where there is no figure yet. */
QJsonObject timingJson(const StreamTiming &t)
{
    QJsonArray histogram;
    for (qsizetype i = 0; i < t.histogram.size(); ++i) {
        const bool last = i >= qsizetype(StreamTiming::HistogramBoundsMs.size());
        histogram.append(QJsonObject{
            {QStringLiteral("belowMs"),
             last ? QJsonValue() : QJsonValue(StreamTiming::HistogramBoundsMs[size_t(i)])},
            {QStringLiteral("count"), t.histogram.at(i)}});
    }
    const auto orNull = [](qint64 v) { return v < 0 ? QJsonValue() : QJsonValue(v); };
    return QJsonObject{{QStringLiteral("observedMs"), t.observedMs},
                       {QStringLiteral("connections"), t.connections},
                       {QStringLiteral("timeToFirstByteMs"), orNull(t.timeToFirstByteMs)},
                       {QStringLiteral("awaitingResponseMs"), t.awaitingResponseMs},
                       {QStringLiteral("slowHeads"), t.slowHeads},
                       {QStringLiteral("timeToFirstEventMs"), orNull(t.timeToFirstEventMs)},
                       {QStringLiteral("reads"), t.reads},
                       {QStringLiteral("bodyBytes"), t.bodyBytes},
                       {QStringLiteral("events"), t.events},
                       {QStringLiteral("comments"), t.comments},
                       {QStringLiteral("serverErrors"), t.serverErrors},
                       {QStringLiteral("eventsWithId"), t.eventsWithId},
                       {QStringLiteral("idRegressions"), t.idRegressions},
                       {QStringLiteral("serverRetryMs"), orNull(t.serverRetryMs)},
                       {QStringLiteral("longestSilenceMs"), t.longestSilenceMs},
                       {QStringLiteral("heartbeatIntervalMs"), orNull(t.heartbeatIntervalMs)},
                       {QStringLiteral("heartbeatSource"), heartbeatSourceName(t.heartbeatSource)},
                       {QStringLiteral("bursts"), t.bursts},
                       {QStringLiteral("largestBurst"), t.largestBurst},
                       {QStringLiteral("histogram"), histogram}};
}

} // namespace

QJsonObject Diagnostics::toJson() const
{
    const StreamTiming t = timing();
    const QList<Finding> list = findings();
    QJsonObject root;
    QUrl url = m_hasResponse ? m_response.url : m_hasRequest ? m_request.url : QUrl();
    if (!url.isValid() && m_source)
        url = m_source->request().url;
    root.insert(QStringLiteral("url"), url.toString());
    root.insert(QStringLiteral("pageOrigin"),
                m_pageOrigin.isEmpty() ? QJsonValue() : QJsonValue(originOf(m_pageOrigin)));
    root.insert(QStringLiteral("concurrentStreamsToHost"), m_streamsToHost);

    if (m_hasRequest)
        root.insert(QStringLiteral("request"), requestJson(m_request));
    if (m_hasResponse) {
        QJsonArray redirects;
        for (const QUrl &u : m_response.redirects)
            redirects.append(u.toString());
        root.insert(QStringLiteral("response"),
                    QJsonObject{
                        {QStringLiteral("status"), m_response.status},
                        {QStringLiteral("reasonPhrase"), QString::fromLatin1(m_response.reasonPhrase)},
                        {QStringLiteral("protocol"), protocolName(m_response)},
                        {QStringLiteral("url"), m_response.url.toString()},
                        {QStringLiteral("redirects"), redirects},
                        {QStringLiteral("headers"), headersJson(reportedResponseHeaders(m_response))},
                        {QStringLiteral("timeToFirstByteMs"), m_response.timeToHeadersMs},
                        {QStringLiteral("body"), refusedBody().isNull()
                             ? QJsonValue() : QJsonValue(QString::fromUtf8(refusedBody()))}});
    }
    if (m_hasFailure) {
        root.insert(QStringLiteral("lastError"),
                    QJsonObject{{QStringLiteral("kind"), m_failure.kindName()},
                                {QStringLiteral("message"), m_failure.message},
                                {QStringLiteral("permanent"), m_failure.permanent}});
    }

    root.insert(QStringLiteral("timing"), timingJson(t));

    QJsonArray findingsArray;
    int counts[3] = {0, 0, 0};
    for (const Finding &f : list) {
        ++counts[int(f.severity)];
        findingsArray.append(QJsonObject{{QStringLiteral("id"), f.id},
                                         {QStringLiteral("severity"), Finding::severityName(f.severity)},
                                         {QStringLiteral("title"), f.title},
                                         {QStringLiteral("explanation"), f.explanation},
                                         {QStringLiteral("fix"), f.fix}});
    }
    root.insert(QStringLiteral("findings"), findingsArray);
    root.insert(QStringLiteral("summary"),
                QJsonObject{{QStringLiteral("errors"), counts[int(Finding::Severity::Error)]},
                            {QStringLiteral("warnings"), counts[int(Finding::Severity::Warning)]},
                            {QStringLiteral("infos"), counts[int(Finding::Severity::Info)]}});
    return root;
}

// One function, read top to bottom in the order the report prints (request, response,
// timing, findings), so that the text and its layout can be checked together.
QString Diagnostics::toText() const
{
    const StreamTiming t = timing();
    const QList<Finding> list = findings();
    QString text;
    const auto line = [&text](const QString &s) { text += s + u'\n'; };
    const auto orDash = [](qint64 ms) {
        return ms < 0 ? QStringLiteral("–") : tr("%1 ms").arg(ms);
    };

    QUrl url = m_hasRequest ? m_request.url : QUrl();
    if (!url.isValid() && m_source)
        url = m_source->request().url;
    line(tr("Diagnostics of %1").arg(url.toDisplayString()));
    line(tr("Observed for %1 s; connections: %2").arg(seconds(t.observedMs)).arg(t.connections));
    if (!m_pageOrigin.isEmpty())
        line(tr("Page origin: %1").arg(originOf(m_pageOrigin)));

    line(QString());
    line(tr("Request"));
    if (m_hasRequest) {
        line(QStringLiteral("  ") + QString::fromLatin1(m_request.method) + u' '
             + m_request.url.toDisplayString());
        for (const Header &h : m_request.headers)
            line(QStringLiteral("  ") + QString::fromLatin1(h.name) + QStringLiteral(": ")
                 + QString::fromUtf8(h.value));
        for (const Header &h : m_request.implicitHeaders)
            line(QStringLiteral("  ") + QString::fromLatin1(h.name) + QStringLiteral(": ")
                 + QString::fromUtf8(h.value) + QStringLiteral("   ") + tr("(added by Qt)"));
        if (m_request.bodyBytes > 0)
            line(QStringLiteral("  ") + tr("(request body: %1 bytes)").arg(m_request.bodyBytes));
    } else {
        line(QStringLiteral("  ") + tr("(none sent yet)"));
    }

    line(QString());
    line(tr("Response"));
    if (m_hasResponse) {
        line(QStringLiteral("  ") + protocolName(m_response) + u' '
             + QString::number(m_response.status)
             + (m_response.reasonPhrase.isEmpty()
                    ? QString() : u' ' + QString::fromLatin1(m_response.reasonPhrase)));
        if (!m_response.redirects.isEmpty()) {
            QStringList chain;
            for (const QUrl &u : m_response.redirects)
                chain.append(u.toDisplayString());
            chain.append(m_response.url.toDisplayString());
            line(QStringLiteral("  ") + tr("Redirects: %1").arg(chain.join(QStringLiteral(" → "))));
        }
        for (const auto &[name, value] : reportedResponseHeaders(m_response))
            line(QStringLiteral("  ") + QString::fromLatin1(name) + QStringLiteral(": ")
                 + QString::fromUtf8(value));
        if (!refusedBody().isNull()) {
            line(QStringLiteral("  ") + tr("Body (first %1 bytes):").arg(Error::MaxBodyBytes));
            for (const QString &bodyLine : QString::fromUtf8(refusedBody()).split(u'\n'))
                line(QStringLiteral("    ") + bodyLine);
        }
    } else if (t.awaitingResponseMs > 0) {
        line(QStringLiteral("  ") + tr("(connected, request sent, waiting for %1 s)")
                                        .arg(seconds(t.awaitingResponseMs)));
    } else {
        line(QStringLiteral("  ") + tr("(none received yet)"));
    }
    if (m_hasFailure)
        line(QStringLiteral("  ") + tr("Last error: %1").arg(m_failure.message));

    line(QString());
    line(tr("Timing"));
    line(QStringLiteral("  ") + tr("Time to first byte: %1; to first event: %2")
                                    .arg(orDash(t.timeToFirstByteMs), orDash(t.timeToFirstEventMs)));
    line(QStringLiteral("  ") + tr("Events: %1; comments: %2; event: error: %3; reads: %4 (%5 bytes)")
                                    .arg(t.events).arg(t.comments).arg(t.serverErrors)
                                    .arg(t.reads).arg(t.bodyBytes));
    line(QStringLiteral("  ") + tr("Events with an id: %1; numeric ids not increasing: %2; retry: %3")
                                    .arg(t.eventsWithId).arg(t.idRegressions)
                                    .arg(orDash(t.serverRetryMs)));
    QString heartbeat = tr("none detected");
    if (t.heartbeatSource == StreamTiming::HeartbeatSource::Comments)
        heartbeat = tr("every %1 s (comments)").arg(seconds(t.heartbeatIntervalMs));
    else if (t.heartbeatSource == StreamTiming::HeartbeatSource::Events)
        heartbeat = tr("every %1 s (events)").arg(seconds(t.heartbeatIntervalMs));
    line(QStringLiteral("  ") + tr("Longest silence: %1 s; heartbeat: %2")
                                    .arg(seconds(t.longestSilenceMs), heartbeat));
    line(QStringLiteral("  ") + tr("Bursts: %1; largest: %2 events").arg(t.bursts).arg(t.largestBurst));
    QStringList bins;
    for (qsizetype i = 0; i < t.histogram.size(); ++i) {
        const bool last = i >= qsizetype(StreamTiming::HistogramBoundsMs.size());
        const QString label = last
            ? QStringLiteral("≥") + QString::number(StreamTiming::HistogramBoundsMs.back())
            : QStringLiteral("<") + QString::number(StreamTiming::HistogramBoundsMs[size_t(i)]);
        bins.append(label + QStringLiteral(" ms: ") + QString::number(t.histogram.at(i)));
    }
    line(QStringLiteral("  ") + tr("Inter-arrival: %1").arg(bins.join(QStringLiteral(", "))));

    line(QString());
    int counts[3] = {0, 0, 0};
    for (const Finding &f : list)
        ++counts[int(f.severity)];
    line(tr("Findings: errors %1, warnings %2, infos %3")
             .arg(counts[int(Finding::Severity::Error)])
             .arg(counts[int(Finding::Severity::Warning)])
             .arg(counts[int(Finding::Severity::Info)]));
    if (list.isEmpty())
        line(QStringLiteral("  ") + tr("No problems found."));
    for (const Finding &f : list) {
        line(QStringLiteral("  [") + Finding::severityText(f.severity) + QStringLiteral("] ")
             + f.id + QStringLiteral(": ") + f.title);
        line(QStringLiteral("      ") + f.explanation);
        line(QStringLiteral("      ") + tr("Fix: %1").arg(f.fix));
    }
    return text;
}


} // namespace sse
