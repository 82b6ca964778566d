#include "metricsexporter.h"

#include "curlcommand.h"
#include "diagnostics.h"
#include "session.h"

#include <QMetaEnum>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace ssecat {

namespace {

const QByteArray MaskText = QByteArrayLiteral("********");

enum class Type { Gauge, Counter, Info };

/** One metric family; counters and infos are named here without their _total / _info. */
struct Family
{
    QByteArrayView name;
    Type type;
    QByteArrayView help;
    QByteArrayView unit; ///< empty = none
};

QString kindName(sse::ErrorKind kind)
{
    sse::Error error;
    error.kind = kind;
    return error.kindName();
}

/** Every error kind's name, in the enum's order. */
QStringList allKindNames()
{
    QStringList names;
    const QMetaEnum kinds = QMetaEnum::fromType<sse::ErrorKind>();
    for (int i = 0; i < kinds.keyCount(); ++i)
        names.append(kindName(sse::ErrorKind(kinds.value(i))));
    return names;
}

/** Label values: backslash, double quote and line feed escaped (both formats). */
QByteArray escapeLabel(const QString &value)
{
    QByteArray out;
    const QByteArray utf8 = value.toUtf8();
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray seconds(qint64 ms)
{
    return QByteArray::number(double(ms) / 1000.0, 'f', 3);
}

/** Appends families and samples in one format. */
class Writer
{
public:
    Writer(QByteArray &out, ExpositionFormat format)
        : m_out(out)
        , m_format(format)
    {
    }

    void family(const Family &f)
    {
        m_sampleName = f.name.toByteArray();
        QByteArray metadataName = m_sampleName;
        QByteArray type = "gauge";
        const bool open = m_format == ExpositionFormat::OpenMetrics;
        if (f.type == Type::Counter) {
            m_sampleName += "_total";
            type = "counter";
        } else if (f.type == Type::Info) {
            m_sampleName += "_info";
            type = open ? "info" : "gauge";
        }
        // OpenMetrics names the family, the text format the sample.
        if (!open)
            metadataName = m_sampleName;
        m_out += "# HELP " + metadataName + ' ' + f.help.toByteArray() + '\n';
        m_out += "# TYPE " + metadataName + ' ' + type + '\n';
        if (open && !f.unit.isEmpty())
            m_out += "# UNIT " + metadataName + ' ' + f.unit.toByteArray() + '\n';
    }

    void sample(const QList<QPair<QByteArray, QString>> &labels, const QByteArray &value)
    {
        m_out += m_sampleName;
        if (!labels.isEmpty()) {
            m_out += '{';
            for (qsizetype i = 0; i < labels.size(); ++i) {
                if (i > 0)
                    m_out += ',';
                m_out += labels.at(i).first + "=\"" + escapeLabel(labels.at(i).second) + '"';
            }
            m_out += '}';
        }
        m_out += ' ' + value + '\n';
    }

private:
    QByteArray &m_out;
    ExpositionFormat m_format;
    QByteArray m_sampleName;
};

constexpr Family Up{"sse_stream_up", Type::Gauge,
                    "1 while the stream is open (connected, receiving events), else 0.", {}};
constexpr Family State{"sse_stream_state", Type::Gauge,
                       "The stream's state: 1 for the current one.", {}};
constexpr Family Events{"sse_events", Type::Counter, "Events received.", {}};
constexpr Family Bytes{"sse_bytes", Type::Counter,
                       "Body bytes received (after decompression), comments included.", "bytes"};
constexpr Family Reconnects{"sse_reconnects", Type::Counter,
                            "Reconnects scheduled, by the kind of error that ended the connection "
                            "(a clean end of the body counts as network).", {}};
constexpr Family Errors{"sse_errors", Type::Counter,
                        "Errors, by kind (network, http-status, server-reported, ...).", {}};
constexpr Family LastEvent{"sse_last_event_timestamp_seconds", Type::Gauge,
                           "Unix time of the last event received, 0 before the first.", "seconds"};
constexpr Family Connected{"sse_connected_seconds", Type::Counter, "Time spent open.", "seconds"};
constexpr Family RetryDelay{"sse_retry_delay_seconds", Type::Gauge,
                            "Delay of the pending reconnect, 0 when none is pending.", "seconds"};
constexpr Family Findings{"sse_findings", Type::Gauge,
                          "Current diagnostics findings, by severity.", {}};
constexpr Family Build{"sse_build", Type::Info, "The ssecat build that exports these metrics.", {}};

} // namespace

MetricsExporter::MetricsExporter(QObject *parent)
    : QObject(parent)
{
}

void MetricsExporter::addStream(const QString &label, sse::Session *session)
{
    Stream stream;
    stream.label = label;
    stream.url = urlLabel(session->config().request.url);
    stream.session = session;
    // Series exist from the start, so that rate() and increase() see the first one.
    for (const sse::ErrorKind kind : {sse::ErrorKind::Network, sse::ErrorKind::HttpStatus,
                                      sse::ErrorKind::IdleTimeout})
        stream.reconnects.insert(kindName(kind), 0);
    for (const QString &name : allKindNames())
        stream.errors.insert(name, 0);
    const int index = int(m_streams.size());
    m_streams.append(stream);

    const sse::EventSource *source = session->source();
    connect(source, &sse::EventSource::errorOccurred, this,
            [this, index](const sse::Error &error) { onError(index, error); });
    connect(source, &sse::EventSource::reconnectScheduled, this,
            [this, index](const sse::ReconnectInfo &info) { onReconnect(index, info); });
    connect(session, &QObject::destroyed, this, [this, index] {
        m_streams[index].session = nullptr;
    });
}

void MetricsExporter::onError(int index, const sse::Error &error)
{
    ++m_streams[index].errors[error.kindName()];
}

void MetricsExporter::onReconnect(int index, const sse::ReconnectInfo &info)
{
    ++m_streams[index].reconnects[info.reason.kindName()];
}

QByteArray MetricsExporter::render(ExpositionFormat format) const
{
    using Labels = QList<QPair<QByteArray, QString>>;
    QList<const Stream *> live;
    for (const Stream &stream : m_streams) {
        if (stream.session)
            live.append(&stream);
    }
    auto labels = [](const Stream *stream, Labels extra = {}) {
        Labels all{{"stream", stream->label}, {"url", stream->url}};
        all.append(extra);
        return all;
    };

    QByteArray out;
    out.reserve(4096 + live.size() * 4096);
    Writer w(out, format);

    w.family(Up);
    for (const Stream *s : live)
        w.sample(labels(s), s->session->status() == sse::Session::Status::Open ? "1" : "0");

    w.family(State);
    const QMetaEnum statuses = QMetaEnum::fromType<sse::Session::Status>();
    for (const Stream *s : live) {
        for (int i = 0; i < statuses.keyCount(); ++i) {
            const QString state = QString::fromLatin1(statuses.key(i)).toLower();
            const bool current = int(s->session->status()) == statuses.value(i);
            w.sample(labels(s, {{"state", state}}), current ? "1" : "0");
        }
    }

    QList<sse::Statistics> stats;
    for (const Stream *s : live)
        stats.append(s->session->statistics());

    w.family(Events);
    for (qsizetype i = 0; i < live.size(); ++i)
        w.sample(labels(live.at(i)), QByteArray::number(stats.at(i).events));

    w.family(Bytes);
    for (qsizetype i = 0; i < live.size(); ++i)
        w.sample(labels(live.at(i)), QByteArray::number(stats.at(i).bodyBytes));

    w.family(Reconnects);
    for (const Stream *s : live) {
        for (auto it = s->reconnects.cbegin(); it != s->reconnects.cend(); ++it)
            w.sample(labels(s, {{"reason", it.key()}}), QByteArray::number(it.value()));
    }

    w.family(Errors);
    for (const Stream *s : live) {
        for (auto it = s->errors.cbegin(); it != s->errors.cend(); ++it)
            w.sample(labels(s, {{"kind", it.key()}}), QByteArray::number(it.value()));
    }

    w.family(LastEvent);
    for (qsizetype i = 0; i < live.size(); ++i)
        w.sample(labels(live.at(i)), seconds(stats.at(i).lastEventAtMs));

    w.family(Connected);
    for (qsizetype i = 0; i < live.size(); ++i)
        w.sample(labels(live.at(i)), seconds(stats.at(i).connectedMs));

    w.family(RetryDelay);
    for (const Stream *s : live) {
        const qint64 delayMs = s->session->isReconnectPending()
            ? s->session->pendingReconnect().delayMs
            : 0;
        w.sample(labels(s), seconds(delayMs));
    }

    w.family(Findings);
    for (const Stream *s : live) {
        const QList<sse::Finding> findings = s->session->diagnostics()->findings();
        for (const auto severity : {sse::Finding::Severity::Error, sse::Finding::Severity::Warning,
                                    sse::Finding::Severity::Info}) {
            const auto count = std::count_if(findings.cbegin(), findings.cend(),
                                             [severity](const sse::Finding &f) {
                                                 return f.severity == severity;
                                             });
            w.sample(labels(s, {{"severity", sse::Finding::severityName(severity)}}),
                     QByteArray::number(qint64(count)));
        }
    }

    w.family(Build);
    w.sample({{"version", QStringLiteral(SSE_VERSION)},
              {"qt_version", QString::fromLatin1(qVersion())}},
             "1");

    if (format == ExpositionFormat::OpenMetrics)
        out += "# EOF\n";
    return out;
}

ExpositionFormat MetricsExporter::negotiate(QByteArrayView accept)
{
    double openMetricsQ = 0;
    double textQ = 0;
    const QList<QByteArray> ranges = accept.toByteArray().split(',');
    for (const QByteArray &range : ranges) {
        const QList<QByteArray> parts = range.split(';');
        const QByteArray type = parts.constFirst().trimmed().toLower();
        double q = 1;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray param = parts.at(i).trimmed();
            if (param.startsWith("q=") || param.startsWith("Q=")) {
                bool ok = false;
                q = param.mid(2).toDouble(&ok);
                if (!ok)
                    q = 0;
            }
        }
        if (type == "application/openmetrics-text")
            openMetricsQ = std::max(openMetricsQ, q);
        else if (type == "text/plain" || type == "text/*" || type == "*/*")
            textQ = std::max(textQ, q);
    }
    return openMetricsQ > 0 && openMetricsQ >= textQ ? ExpositionFormat::OpenMetrics
                                                     : ExpositionFormat::Text;
}

QByteArray MetricsExporter::contentType(ExpositionFormat format)
{
    return format == ExpositionFormat::OpenMetrics
        ? QByteArrayLiteral("application/openmetrics-text; version=1.0.0; charset=utf-8")
        : QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
}

QString MetricsExporter::urlLabel(const QUrl &url)
{
    QUrl masked = url;
    masked.setPassword({});
    masked.setFragment({});
    if (masked.hasQuery()) {
        QUrlQuery query(masked);
        QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
        for (auto &item : items) {
            const QByteArray name = QUrl::fromPercentEncoding(item.first.toUtf8()).toUtf8();
            if (sse::CurlCommand::isSecretHeaderName(name))
                item.second = QString::fromLatin1(MaskText);
        }
        query.setQueryItems(items);
        masked.setQuery(query);
    }
    return masked.toDisplayString();
}

} // namespace ssecat
