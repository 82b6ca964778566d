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

using Labels = QList<QPair<QByteArray, QString>>;

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

    void family(QByteArrayView name, Type type, QByteArrayView help, QByteArrayView unit)
    {
        m_sampleName = name.toByteArray();
        QByteArray metadataName = m_sampleName;
        QByteArray typeName = "gauge";
        const bool open = m_format == ExpositionFormat::OpenMetrics;
        if (type == Type::Counter) {
            m_sampleName += "_total";
            typeName = "counter";
        } else if (type == Type::Info) {
            m_sampleName += "_info";
            typeName = open ? "info" : "gauge";
        }
        // OpenMetrics names the family, the text format the sample.
        if (!open)
            metadataName = m_sampleName;
        m_out += "# HELP " + metadataName + ' ' + help.toByteArray() + '\n';
        m_out += "# TYPE " + metadataName + ' ' + typeName + '\n';
        if (open && !unit.isEmpty())
            m_out += "# UNIT " + metadataName + ' ' + unit.toByteArray() + '\n';
    }

    void sample(const Labels &labels, const QByteArray &value)
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

/** One stream as a scrape sees it. */
struct Snapshot
{
    Labels labels; ///< stream and url
    const sse::Session *session;
    sse::Statistics stats;
    const QMap<QString, qint64> *reconnects;
    const QMap<QString, qint64> *errors;
};

void samples(Writer &w, const Labels &labels, const QByteArray &name,
             const QMap<QString, qint64> &counts)
{
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        w.sample(labels + Labels{{name, it.key()}}, QByteArray::number(it.value()));
}

/** A metric family and how each stream's samples of it are written. */
struct Family
{
    QByteArrayView name; ///< of counters and infos without their _total / _info
    Type type;
    QByteArrayView help;
    QByteArrayView unit; ///< empty = none
    void (*write)(Writer &, const Snapshot &);
};

const Family Families[] = {
    {"sse_stream_up", Type::Gauge, "1 while the stream is open (connected, receiving events), else 0.",
     {}, [](Writer &w, const Snapshot &s) {
         w.sample(s.labels, sse::Session::isUp(s.session->status()) ? "1" : "0");
     }},
    {"sse_stream_state", Type::Gauge, "The stream's state: 1 for the current one.", {},
     [](Writer &w, const Snapshot &s) {
         const QMetaEnum statuses = QMetaEnum::fromType<sse::Session::Status>();
         for (int i = 0; i < statuses.keyCount(); ++i) {
             const bool current = int(s.session->status()) == statuses.value(i);
             w.sample(s.labels + Labels{{"state", QString::fromLatin1(statuses.key(i)).toLower()}},
                      current ? "1" : "0");
         }
     }},
    {"sse_events", Type::Counter, "Events received.", {},
     [](Writer &w, const Snapshot &s) { w.sample(s.labels, QByteArray::number(s.stats.events)); }},
    {"sse_bytes", Type::Counter, "Body bytes received (after decompression), comments included.",
     "bytes",
     [](Writer &w, const Snapshot &s) { w.sample(s.labels, QByteArray::number(s.stats.bodyBytes)); }},
    {"sse_reconnects", Type::Counter,
     "Reconnects scheduled, by the kind of error that ended the connection (a clean end of the "
     "body counts as network).",
     {}, [](Writer &w, const Snapshot &s) { samples(w, s.labels, "reason", *s.reconnects); }},
    {"sse_errors", Type::Counter, "Errors, by kind (network, http-status, server-reported, ...).", {},
     [](Writer &w, const Snapshot &s) { samples(w, s.labels, "kind", *s.errors); }},
    {"sse_last_event_timestamp_seconds", Type::Gauge,
     "Unix time of the last event received, 0 before the first.", "seconds",
     [](Writer &w, const Snapshot &s) { w.sample(s.labels, seconds(s.stats.lastEventAtMs)); }},
    {"sse_connected_seconds", Type::Counter, "Time spent open.", "seconds",
     [](Writer &w, const Snapshot &s) { w.sample(s.labels, seconds(s.stats.connectedMs)); }},
    {"sse_retry_delay_seconds", Type::Gauge,
     "Delay of the pending reconnect, 0 when none is pending.", "seconds",
     [](Writer &w, const Snapshot &s) {
         const bool pending = s.session->isReconnectPending();
         w.sample(s.labels, seconds(pending ? s.session->pendingReconnect().delayMs : 0));
     }},
    {"sse_findings", Type::Gauge, "Current diagnostics findings, by severity.", {},
     [](Writer &w, const Snapshot &s) {
         const QList<sse::Finding> findings = s.session->diagnostics()->findings();
         for (const auto severity : {sse::Finding::Severity::Error, sse::Finding::Severity::Warning,
                                     sse::Finding::Severity::Info}) {
             const auto count = std::count_if(findings.cbegin(), findings.cend(),
                                              [severity](const sse::Finding &f) {
                                                  return f.severity == severity;
                                              });
             w.sample(s.labels + Labels{{"severity", sse::Finding::severityName(severity)}},
                      QByteArray::number(qint64(count)));
         }
     }},
};

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
    QList<Snapshot> snapshots;
    for (const Stream &stream : m_streams) {
        if (stream.session)
            snapshots.append({{{"stream", stream.label}, {"url", stream.url}},
                              stream.session,
                              stream.session->statistics(),
                              &stream.reconnects,
                              &stream.errors});
    }

    QByteArray out;
    out.reserve(4096 + snapshots.size() * 4096);
    Writer w(out, format);
    for (const Family &family : Families) {
        w.family(family.name, family.type, family.help, family.unit);
        for (const Snapshot &snapshot : std::as_const(snapshots))
            family.write(w, snapshot);
    }
    w.family("sse_build", Type::Info, "The ssecat build that exports these metrics.", {});
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
            if (sse::isSecretHeaderName(name))
                item.second = QString::fromLatin1(MaskText);
        }
        query.setQueryItems(items);
        masked.setQuery(query);
    }
    return masked.toDisplayString();
}

} // namespace ssecat
