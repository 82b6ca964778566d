#pragma once

#include "llmstream.h"
#include "streamconfig.h"
#include "types.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace ssecat {

enum class Format { Jsonl, Raw, Count, Transcript };
enum class DiagnoseFormat { Text, Json };

/** Everything the command line asked for, validated. */
struct Options
{
    QList<QUrl> urls;                 ///< one stream per URL, index = position
    /** --streams FILE: the streams of a stream set (sse::StreamSet), watched after the URLs
     *  with their own settings; the request and policy options below apply to URLs only. */
    QList<sse::StreamConfig> fileStreams;
    sse::StreamRequest request;       ///< method, headers, body, Last-Event-ID and
                                      ///< --insecure (ignoreTlsErrors) for every URL
    sse::ReconnectPolicy policy;
    int idleTimeoutMs = 0;            ///< 0 = off
    int connectTimeoutMs = sse::StreamConfig::DefaultConnectTimeoutMs; ///< 0 = the system's
    qint64 maxEvents = 0;             ///< 0 = unlimited
    qint64 durationMs = 0;            ///< 0 = unlimited
    bool states = false;
    bool demo = false;                ///< also watch the built-in scenario server's demo streams
    Format format = Format::Jsonl;
    QString outputFile;               ///< empty = standard output
    /** --format transcript: the LLM shape to read (--llm-shape; Auto detects it) and the
     *  Generic shape's text path (--llm-text-path, which implies Generic). */
    sse::LlmShape llmShape = sse::LlmShape::Auto;
    QString llmTextPath;

    /** --diagnose: watch for durationMs (DefaultDiagnoseMs unless --duration), then print the
     *  sse::Diagnostics findings of every stream instead of events. */
    bool diagnose = false;
    DiagnoseFormat diagnoseFormat = DiagnoseFormat::Text;
    QUrl pageOrigin;                  ///< --origin, for the CORS checks; empty = none
    int proxyIdleMs = 60000;          ///< --proxy-idle-ms: silence that counts as no heartbeat

    /** --metrics [ADDR:]PORT: serve the streams' health in the Prometheus text format at
     *  http://ADDR:PORT/metrics (loopback unless ADDR is given; port 0 = any free port) and
     *  keep running until SIGINT/SIGTERM, whatever the streams do. */
    bool metrics = false;
    QHostAddress metricsAddress{QHostAddress::LocalHost};
    quint16 metricsPort = 0;
    /** Events are written to the output; off with --metrics unless --format asks for them. */
    bool printEvents = true;

    static constexpr qint64 DefaultDiagnoseMs = 10000;
};

/** Exit status of --format transcript when a response was incomplete or failed (and no
 *  stream failed). */
constexpr int ExitUnfinishedResponses = 5;

/** Exit status of --diagnose when a finding is a warning or an error (and nothing failed). */
constexpr int ExitDiagnosticProblems = 4;

/** What main() should do after parsing the command line. */
struct ParseOutcome
{
    enum class Action { Run, Help, Version, UsageError };
    Action action = Action::UsageError;
    Options options;
    QString text;                     ///< help text, or the usage error (one line)
};

/** Parses and validates \a arguments (argv, program name first). Prints nothing; reads the
 *  --streams file. */
ParseOutcome parseOptions(const QStringList &arguments);

/** One configuration per stream to watch: the URLs (with the request and policy options),
 *  then the --streams file's streams. Index = the "stream" number in the output. */
QList<sse::StreamConfig> streamConfigs(const Options &options);

} // namespace ssecat
