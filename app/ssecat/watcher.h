#pragma once

#include "formatter.h"
#include "options.h"
#include "outputwriter.h"
#include "session.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QList>
#include <QObject>

QT_BEGIN_NAMESPACE
class QTimer;
QT_END_NAMESPACE

namespace ssecat {

/** Runs ssecat: one sse::Session per URL, all watched at once; formats what they report
 *  into the output and decides when to stop and with which exit status. */
class Watcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Watcher)
public:
    Watcher(const Options &options, OutputWriter *output, QObject *parent = nullptr);
    ~Watcher() override;

    bool isFinished() const { return m_finished; }
    /** 3 when a stream failed permanently, else 0 (finish() turns 0 into
     *  ExitDiagnosticProblems when --diagnose found a warning or an error). */
    int exitStatus() const;

    /** The session of every stream, in stream order (for the metrics exporter). */
    QList<sse::Session *> sessions() const;
    /** What metrics call stream \a index: its name when it came from a stream set (--streams),
     *  else its position (as in the output records). */
    QString streamLabel(int index) const;

public Q_SLOTS:
    /** Connects every stream. */
    void start();
    /** Stops reporting, flushes (printing the count totals or the --diagnose report) and
     *  emits finished() once. */
    void finish(int exitCode);

Q_SIGNALS:
    void finished(int exitCode);

private:
    struct Stream
    {
        sse::Session *session = nullptr;
        QUrl url;
        int attempt = 0;            // of the connection attempt in progress
        int status = 0;             // of the last response
        QUrl responseUrl;           // of the last response, after redirects
        sse::Error lastPermanentError;
        bool hasPermanentError = false;
        bool ended = false;         // closed by the server (204) or failed
        bool failed = false;        // CloseReason::Failed
        bool reported = false;      // the failure reason went to stderr
        bool tlsWarned = false;     // the --insecure warning went to stderr
        int shownResponse = 0;      // --format transcript: the response whose text is printing
        qsizetype shownChars = 0;   // ... and how much of it is printed
        bool unfinished = false;    // a response was incomplete or failed
    };

    void onStateChanged(int stream, sse::EventSource::State state);
    void onResponse(int stream, const sse::ResponseInfo &response);
    void onEvents(int stream, const QList<sse::Event> &events);
    void onError(int stream, const sse::Error &error);
    void onReconnectScheduled(int stream, const sse::ReconnectInfo &info);
    void onTlsErrorsIgnored(int stream, const QUrl &url, const QStringList &errors);
    void onTranscriptChanged(int stream);
    void onResponseFinished(int stream, const sse::LlmResponse &response);
    void reportFailure(int stream);
    void checkAllEnded();
    void writeRecord(int stream, const StateRecord &record);
    void flushOutput();
    void armDurationTimer();

    Options m_options;
    OutputWriter *m_output;
    Formatter m_formatter;
    QList<Stream> m_streams;
    QTimer *m_durationTimer = nullptr;
    QDeadlineTimer m_deadline;
    QElapsedTimer m_clock;
    Totals m_totals;
    bool m_finished = false;
};

} // namespace ssecat
