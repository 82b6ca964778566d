#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QUrl;
QT_END_NAMESPACE

namespace sse {
class Session;
struct Error;
struct ReconnectInfo;
} // namespace sse

namespace ssecat {

/** The two exposition formats Prometheus scrapes. */
enum class ExpositionFormat {
    Text,        ///< Prometheus text format 0.0.4
    OpenMetrics  ///< OpenMetrics 1.0.0 text
};

/** Renders the health of ssecat's streams as Prometheus metrics: per stream (labels `stream`
 *  and `url`, secret query values masked) whether it is up, its state, events, bytes,
 *  reconnects by reason, errors by kind, the last event's time, the time connected, the
 *  pending retry delay and the diagnostics findings by severity; plus sse_build_info.
 *  Counters come from the sessions' statistics and from the sources' error and reconnect
 *  signals; nothing runs between scrapes. Labels never carry event ids or data. */
class MetricsExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsExporter)
public:
    explicit MetricsExporter(QObject *parent = nullptr);

    /** Exports \a session (which must outlive this exporter or be removed by deleting it)
     *  with the label stream="\a label". */
    void addStream(const QString &label, sse::Session *session);

    /** The exposition of every stream, as of now. */
    QByteArray render(ExpositionFormat format) const;

    /** The format a scraper's Accept header asks for: OpenMetrics when it prefers (or only
     *  accepts) application/openmetrics-text, else the text format. */
    static ExpositionFormat negotiate(QByteArrayView accept);
    /** The Content-Type of \a format. */
    static QByteArray contentType(ExpositionFormat format);
    /** The url label: the URL without password and fragment, with the values of query
     *  parameters named like credentials (token, key, secret, auth, ...) masked. */
    static QString urlLabel(const QUrl &url);

private:
    struct Stream
    {
        QString label;
        QString url;
        sse::Session *session = nullptr;
        QMap<QString, qint64> reconnects; ///< by error kind name
        QMap<QString, qint64> errors;     ///< by error kind name
    };

    void onError(int index, const sse::Error &error);
    void onReconnect(int index, const sse::ReconnectInfo &info);

    QList<Stream> m_streams;
};

} // namespace ssecat
