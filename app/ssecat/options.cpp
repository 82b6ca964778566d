#include "options.h"

#include "curlcommand.h"
#include "diagnostics.h"
#include "streamset.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

namespace ssecat {

namespace {

std::optional<qint64> parseInteger(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok, 10);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

struct Parsed
{
    sse::Header header;
    QString error;
};

Parsed parseHeader(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    const qsizetype colon = utf8.indexOf(':');
    if (colon <= 0)
        return {{}, QStringLiteral("malformed header \"%1\": expected \"Name: value\"").arg(text)};
    const QByteArray name = utf8.left(colon).trimmed();
    const QByteArray value = utf8.mid(colon + 1).trimmed();
    if (!sse::isHttpToken(name))
        return {{}, QStringLiteral("malformed header \"%1\": invalid header name").arg(text)};
    if (sse::hasLineBreakOrNul(value))
        return {{}, QStringLiteral("malformed header \"%1\": line breaks are not allowed").arg(text)};
    // Credentials by name, as for a pasted curl command (X-Api-Key, X-Auth-Token, ...): masked
    // in --diagnose and never sent to another origin after a redirect.
    return {{name, value, sse::isSecretHeaderName(name)}, {}};
}

/** "[ADDR:]PORT", ADDR an IPv4 address, [IPv6] or localhost; loopback when left out. */
bool parseListenAddress(const QString &text, QHostAddress &address, quint16 &port)
{
    QString host;
    QString portText = text;
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon >= 0) {
        host = text.left(colon);
        portText = text.mid(colon + 1);
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        else if (host.contains(u':'))
            return false; // an IPv6 address needs brackets
    }
    const std::optional<qint64> number = parseInteger(portText, 0, 65535);
    if (!number || portText.trimmed() != portText || portText.isEmpty())
        return false;
    port = quint16(*number);
    if (host.isEmpty() || host == QLatin1String("localhost")) {
        address = QHostAddress(QHostAddress::LocalHost);
        return true;
    }
    return address.setAddress(host);
}

/** ssecat's options, and the checks of their values in groups; each read function returns the
 *  usage error (one line), or an empty string. */
class CommandLine
{
public:
    CommandLine()
    {
        parser.setApplicationDescription(QStringLiteral(
            "Watches Server-Sent Events streams and writes their events to standard output.\n"
            "Several URLs are watched at once; \"stream\" is the URL's position (from 0).\n"
            "--streams FILE adds the streams of a stream set (exported by sse-monitor, see\n"
            "README), numbered after the URLs, each with its own settings.\n"
            "\n"
            "Exit status: 0 when done (max events, duration, every stream closed by the server\n"
            "with 204, or SIGINT/SIGTERM), 3 when a stream failed permanently (the reason goes to\n"
            "standard error), 2 for usage errors, 1 when the output cannot be written.\n"
            "With --diagnose, a report replaces the events after the observation time (--duration,\n"
            "default 10 s): exit status 4 when a finding is a warning or an error, 0 when none is;\n"
            "1, 2 and 3 mean the same as above and take precedence.\n"
            "With --metrics, streams that stop or fail stay in the metrics: ssecat runs until\n"
            "SIGINT/SIGTERM and then exits 0 (--duration and -n end it as usual)."));
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);

        for (const auto *opt : {&headerOpt, &methodOpt, &dataOpt, &lastIdOpt, &maxEventsOpt,
                                &durationOpt, &maxRetriesOpt, &retryInitialOpt, &retryMaxOpt,
                                &noJitterOpt, &idleOpt, &connectOpt, &strictOpt, &statesOpt, &demoOpt, &formatOpt, &llmShapeOpt, &llmTextPathOpt,
                                &outputOpt, &diagnoseOpt, &diagnoseFormatOpt, &originOpt,
                                &proxyIdleOpt, &insecureOpt, &http2Opt, &metricsOpt, &streamsOpt, &versionOpt, &helpOpt})
            parser.addOption(*opt);
        parser.addPositionalArgument(QStringLiteral("URL"),
            QStringLiteral("http:// or https:// URL of an event stream."), QStringLiteral("URL..."));
    }

    QString readLimits(Options &o);
    QString readOutput(Options &o);
    QString readRequest(Options &o);
    QString readDiagnose(Options &o);
    QString readStreams(Options &o);

    QCommandLineParser parser;
    const QCommandLineOption headerOpt = QCommandLineOption({QStringLiteral("H"), QStringLiteral("header")},
        QStringLiteral("Sends an HTTP header \"Name: value\" (repeatable). Credentials "
                       "(Authorization, Cookie, and names with token, key, secret, auth, "
                       "password, session, ...) are masked in reports and not sent to another "
                       "origin after a redirect."),
        QStringLiteral("header"));
    const QCommandLineOption methodOpt = QCommandLineOption({QStringLiteral("X"), QStringLiteral("method")},
        QStringLiteral("HTTP method (default GET, or POST with --data)."), QStringLiteral("method"));
    const QCommandLineOption dataOpt = QCommandLineOption({QStringLiteral("d"), QStringLiteral("data")},
        QStringLiteral("Request body. Without a Content-Type header, "
                       "application/x-www-form-urlencoded is sent (as curl does)."),
        QStringLiteral("body"));
    const QCommandLineOption lastIdOpt = QCommandLineOption(QStringLiteral("last-event-id"),
        QStringLiteral("Last-Event-ID sent on the first connection."), QStringLiteral("id"));
    const QCommandLineOption maxEventsOpt = QCommandLineOption({QStringLiteral("n"), QStringLiteral("max-events")},
        QStringLiteral("Exits (status 0) after N events in total."), QStringLiteral("N"));
    const QCommandLineOption durationOpt = QCommandLineOption(QStringLiteral("duration"),
        QStringLiteral("Exits (status 0) after SECONDS (fractions allowed)."), QStringLiteral("SECONDS"));
    const QCommandLineOption maxRetriesOpt = QCommandLineOption(QStringLiteral("max-retries"),
        QStringLiteral("Fails a stream after N consecutive failed reconnects (default unlimited)."),
        QStringLiteral("N"));
    const QCommandLineOption retryInitialOpt = QCommandLineOption(QStringLiteral("retry-initial-ms"),
        QStringLiteral("Reconnection time until the server sends retry: (default 3000)."),
        QStringLiteral("ms"));
    const QCommandLineOption retryMaxOpt = QCommandLineOption(QStringLiteral("retry-max-ms"),
        QStringLiteral("Backoff ceiling (default 60000)."), QStringLiteral("ms"));
    const QCommandLineOption noJitterOpt = QCommandLineOption(QStringLiteral("no-jitter"),
        QStringLiteral("Waits the full backoff instead of a random part of it."));
    const QCommandLineOption idleOpt = QCommandLineOption(QStringLiteral("idle-timeout-ms"),
        QStringLiteral("Reconnects when no byte arrived for this long (default 0 = off)."),
        QStringLiteral("ms"));
    const QCommandLineOption connectOpt = QCommandLineOption(QStringLiteral("connect-timeout-ms"),
        QStringLiteral("Fails an attempt (then reconnects) when no response head arrived "
                       "for this long (default 30000; 0 = the system's TCP timeout)."),
        QStringLiteral("ms"));
    const QCommandLineOption strictOpt = QCommandLineOption(QStringLiteral("spec-strict"),
        QStringLiteral("Reconnects exactly like a browser's EventSource."));
    const QCommandLineOption statesOpt = QCommandLineOption(QStringLiteral("states"),
        QStringLiteral("Also prints connection state records (jsonl format)."));
    const QCommandLineOption demoOpt = QCommandLineOption(QStringLiteral("demo"),
        QStringLiteral("Starts the built-in scenario server on a free loopback port and also "
                       "watches its demo streams (steady, flaky, error events, 503 then back)."));
    const QCommandLineOption formatOpt = QCommandLineOption(QStringLiteral("format"),
        QStringLiteral("Output format: jsonl (default), raw (text/event-stream), count "
                       "(one line of totals at exit) or transcript (an LLM API's answer as it "
                       "arrives, then one JSON line per response with its tool calls, stop "
                       "reason, usage and timing; each stream ends with its connection)."),
        QStringLiteral("format"));
    const QCommandLineOption llmShapeOpt = QCommandLineOption(QStringLiteral("llm-shape"),
        QStringLiteral("With --format transcript: the stream's shape: auto (default), "
                       "openai-chat, openai-responses, anthropic or generic."),
        QStringLiteral("shape"));
    const QCommandLineOption llmTextPathOpt = QCommandLineOption(QStringLiteral("llm-text-path"),
        QStringLiteral("With --format transcript: the JSON path of the text delta in each event "
                       "(keys and indexes joined by dots, e.g. message.content); implies "
                       "--llm-shape generic."),
        QStringLiteral("path"));
    const QCommandLineOption outputOpt = QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("Writes to FILE instead of standard output."), QStringLiteral("FILE"));
    const QCommandLineOption diagnoseOpt = QCommandLineOption(QStringLiteral("diagnose"),
        QStringLiteral("Watches for the observation time, then prints diagnostics of each stream "
                       "(request, response, timing and findings: headers, buffering, CORS, "
                       "heartbeats, ids, retry, server errors) instead of its events."));
    const QCommandLineOption diagnoseFormatOpt = QCommandLineOption(QStringLiteral("diagnose-format"),
        QStringLiteral("Report format of --diagnose: text (default) or json."),
        QStringLiteral("format"));
    const QCommandLineOption originOpt = QCommandLineOption(QStringLiteral("origin"),
        QStringLiteral("With --diagnose: the origin of the web page that would open the stream "
                       "(e.g. http://localhost:3000), for the CORS checks. Also sends it as the "
                       "Origin header, as a browser does, unless -H sets one."),
        QStringLiteral("ORIGIN"));
    const QCommandLineOption proxyIdleOpt = QCommandLineOption(QStringLiteral("proxy-idle-ms"),
        QStringLiteral("With --diagnose: silence after which proxies drop a connection "
                       "(default 60000); a longer one is reported as no heartbeat."),
        QStringLiteral("ms"));
    const QCommandLineOption insecureOpt = QCommandLineOption({QStringLiteral("k"), QStringLiteral("insecure")},
        QStringLiteral("Ignores TLS certificate errors (self-signed, expired, wrong host), as "
                       "curl -k does. Insecure: the connection is then not authenticated, and "
                       "anyone on the network can read and alter the stream. A warning naming "
                       "the ignored errors goes to standard error once per stream."));
    const QCommandLineOption http2Opt = QCommandLineOption(QStringLiteral("http2-prior-knowledge"),
        QStringLiteral("Speaks HTTP/2 from the first byte on http:// URLs (cleartext, as curl "
                       "--http2-prior-knowledge), for servers known to support it; a server that "
                       "speaks only HTTP/1.1 fails the connection."));
    const QCommandLineOption metricsOpt = QCommandLineOption(QStringLiteral("metrics"),
        QStringLiteral("Serves the streams' health for Prometheus at http://ADDR:PORT/metrics "
                       "(loopback unless ADDR is given, e.g. 0.0.0.0:9464 or [::]:9464; port 0 = "
                       "any free port, named on standard error) and runs until SIGINT or "
                       "SIGTERM, then exits 0. Prints no events unless --format is given."),
        QStringLiteral("[ADDR:]PORT"));
    const QCommandLineOption streamsOpt = QCommandLineOption(QStringLiteral("streams"),
        QStringLiteral("Also watches the streams of a stream set FILE (the JSON file of "
                       "sse-monitor's File > Export Streams), each with its own URL, method, "
                       "headers, body and reconnect settings."),
        QStringLiteral("FILE"));
    const QCommandLineOption versionOpt = QCommandLineOption(QStringLiteral("version"),
        QStringLiteral("Displays version information."));
    const QCommandLineOption helpOpt = QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")},
        QStringLiteral("Displays help."));

private:
    /** Reads the integer option \a opt into \a target when it is given; false with m_error
     *  set when its value is not a whole number from \a min to \a max. */
    bool integer(const QCommandLineOption &opt, qint64 min, qint64 max, qint64 &target);

    static constexpr qint64 intMax = std::numeric_limits<int>::max();
    QString m_error;
};

bool CommandLine::integer(const QCommandLineOption &opt, qint64 min, qint64 max, qint64 &target)
{
    if (!parser.isSet(opt))
        return true;
    const QString text = parser.value(opt);
    const auto value = parseInteger(text, min, max);
    if (!value) {
        m_error = QStringLiteral("invalid value \"%1\" for --%2: expected an integer "
                                 "from %3 to %4")
                      .arg(text, opt.names().constLast())
                      .arg(min)
                      .arg(max);
        return false;
    }
    target = *value;
    return true;
}

/** -n, the reconnect policy, the timeouts and --duration. */
QString CommandLine::readLimits(Options &o)
{
    qint64 maxRetries = o.policy.maxRetries;
    qint64 retryInitial = o.policy.initialDelayMs;
    qint64 retryMax = o.policy.maxDelayMs;
    qint64 idle = 0;
    qint64 connectTimeout = o.connectTimeoutMs;
    if (!integer(maxEventsOpt, 1, std::numeric_limits<qint64>::max(), o.maxEvents)
        || !integer(maxRetriesOpt, 0, intMax, maxRetries)
        || !integer(retryInitialOpt, 0, intMax, retryInitial)
        || !integer(retryMaxOpt, 0, intMax, retryMax)
        || !integer(idleOpt, 0, intMax, idle)
        || !integer(connectOpt, 0, intMax, connectTimeout))
        return m_error;
    o.policy.maxRetries = int(maxRetries);
    o.policy.initialDelayMs = int(retryInitial);
    o.policy.maxDelayMs = int(retryMax);
    o.policy.jitter = !parser.isSet(noJitterOpt);
    o.policy.mode = parser.isSet(strictOpt) ? sse::ReconnectPolicy::Mode::SpecStrict
                                            : sse::ReconnectPolicy::Mode::Monitor;
    o.idleTimeoutMs = int(idle);
    o.connectTimeoutMs = int(connectTimeout);

    if (parser.isSet(durationOpt)) {
        const QString text = parser.value(durationOpt);
        bool ok = false;
        const double seconds = text.trimmed().toDouble(&ok);
        // Up to ~31 years; the timer re-arms itself past QTimer's int range.
        if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 1e9)
            return QStringLiteral("invalid value \"%1\" for --duration: expected a positive "
                              "number of seconds").arg(text);
        o.durationMs = std::max<qint64>(1, std::llround(seconds * 1000.0));
    }
    return {};
}

/** --format and its LLM options, --states, -o. */
QString CommandLine::readOutput(Options &o)
{
    if (parser.isSet(formatOpt)) {
        const QString f = parser.value(formatOpt);
        if (f == QLatin1String("jsonl"))
            o.format = Format::Jsonl;
        else if (f == QLatin1String("raw"))
            o.format = Format::Raw;
        else if (f == QLatin1String("count"))
            o.format = Format::Count;
        else if (f == QLatin1String("transcript"))
            o.format = Format::Transcript;
        else
            return QStringLiteral("invalid value \"%1\" for --format: expected jsonl, raw, "
                              "count or transcript").arg(f);
    }
    if ((parser.isSet(llmShapeOpt) || parser.isSet(llmTextPathOpt)) && o.format != Format::Transcript)
        return QStringLiteral("--llm-shape and --llm-text-path need --format transcript");
    if (parser.isSet(llmTextPathOpt)) {
        o.llmTextPath = parser.value(llmTextPathOpt);
        o.llmShape = sse::LlmShape::Generic;
        if (o.llmTextPath.isEmpty() || o.llmTextPath.split(u'.').contains(QString()))
            return QStringLiteral("invalid value \"%1\" for --llm-text-path: expected keys "
                              "and indexes joined by dots").arg(o.llmTextPath);
    }
    if (parser.isSet(llmShapeOpt)) {
        const std::optional<sse::LlmShape> shape = sse::llmShapeFromName(parser.value(llmShapeOpt));
        if (!shape)
            return QStringLiteral("invalid value \"%1\" for --llm-shape: expected auto, "
                              "openai-chat, openai-responses, anthropic or generic")
                            .arg(parser.value(llmShapeOpt));
        if (*shape == sse::LlmShape::Generic && o.llmTextPath.isEmpty())
            return QStringLiteral("--llm-shape generic needs --llm-text-path");
        if (*shape != sse::LlmShape::Generic && !o.llmTextPath.isEmpty())
            return QStringLiteral("--llm-text-path is for --llm-shape generic");
        o.llmShape = *shape;
    }
    o.states = parser.isSet(statesOpt);
    if (o.states && o.format != Format::Jsonl)
        return QStringLiteral("--states needs --format jsonl");

    if (parser.isSet(outputOpt)) {
        o.outputFile = parser.value(outputOpt);
        if (o.outputFile.isEmpty())
            return QStringLiteral("--output needs a file name");
    }
    return {};
}

/** -H, -d, -X, --last-event-id, -k. */
QString CommandLine::readRequest(Options &o)
{
    bool hasContentType = false;
    for (const QString &h : parser.values(headerOpt)) {
        const Parsed parsed = parseHeader(h);
        if (!parsed.error.isEmpty())
            return parsed.error;
        hasContentType |= parsed.header.name.compare("content-type", Qt::CaseInsensitive) == 0;
        o.request.headers.append(parsed.header);
    }
    if (parser.isSet(dataOpt)) {
        o.request.body = parser.value(dataOpt).toUtf8();
        o.request.method = QByteArrayLiteral("POST");
        if (!hasContentType)
            o.request.headers.append({QByteArrayLiteral("Content-Type"),
                                      QByteArrayLiteral("application/x-www-form-urlencoded"),
                                      false});
    }
    if (parser.isSet(methodOpt)) {
        const QByteArray method = parser.value(methodOpt).toUtf8();
        if (!sse::isHttpToken(method))
            return QStringLiteral("invalid value \"%1\" for --method")
                            .arg(parser.value(methodOpt));
        o.request.method = method;
    }
    if (parser.isSet(lastIdOpt)) {
        const QByteArray id = parser.value(lastIdOpt).toUtf8();
        if (sse::hasLineBreakOrNul(id))
            return QStringLiteral("--last-event-id must not contain line breaks");
        o.request.lastEventId = id;
    }

    o.request.ignoreTlsErrors = parser.isSet(insecureOpt);
    o.request.http2PriorKnowledge = parser.isSet(http2Opt);
    return {};
}

/** --diagnose and its options. */
QString CommandLine::readDiagnose(Options &o)
{
    o.diagnose = parser.isSet(diagnoseOpt);
    for (const auto *opt : {&diagnoseFormatOpt, &originOpt, &proxyIdleOpt}) {
        if (parser.isSet(*opt) && !o.diagnose)
            return QStringLiteral("--%1 needs --diagnose").arg(opt->names().constLast());
    }
    if (o.diagnose) {
        // The report replaces the events: options about printing events make no sense.
        for (const auto *opt : {&formatOpt, &statesOpt}) {
            if (parser.isSet(*opt))
                return QStringLiteral("--%1 cannot be used with --diagnose (use "
                                  "--diagnose-format)").arg(opt->names().constLast());
        }
        if (o.durationMs == 0)
            o.durationMs = Options::DefaultDiagnoseMs;
        if (parser.isSet(diagnoseFormatOpt)) {
            const QString f = parser.value(diagnoseFormatOpt);
            if (f == QLatin1String("text"))
                o.diagnoseFormat = DiagnoseFormat::Text;
            else if (f == QLatin1String("json"))
                o.diagnoseFormat = DiagnoseFormat::Json;
            else
                return QStringLiteral("invalid value \"%1\" for --diagnose-format: expected "
                                  "text or json").arg(f);
        }
        qint64 proxyIdle = o.proxyIdleMs;
        if (!integer(proxyIdleOpt, 1, intMax, proxyIdle))
            return m_error;
        o.proxyIdleMs = int(proxyIdle);
        if (parser.isSet(originOpt)) {
            const QString text = parser.value(originOpt);
            const QUrl origin(text, QUrl::StrictMode);
            const QString scheme = origin.scheme();
            if (!origin.isValid() || origin.host().isEmpty()
                || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
                return QStringLiteral("invalid value \"%1\" for --origin: expected an "
                                  "http:// or https:// origin").arg(text);
            o.pageOrigin = origin;
            const bool hasOrigin = std::any_of(
                o.request.headers.cbegin(), o.request.headers.cend(), [](const sse::Header &h) {
                    return h.name.compare("origin", Qt::CaseInsensitive) == 0;
                });
            if (!hasOrigin)
                o.request.headers.append({QByteArrayLiteral("Origin"),
                                          sse::Diagnostics::originOf(origin).toUtf8(), false});
        }
    }
    return {};
}

/** --metrics, --demo, --streams and the URLs. */
QString CommandLine::readStreams(Options &o)
{
    if (parser.isSet(metricsOpt)) {
        const QString text = parser.value(metricsOpt);
        if (!parseListenAddress(text, o.metricsAddress, o.metricsPort))
            return QStringLiteral("invalid value \"%1\" for --metrics: expected [ADDR:]PORT, "
                              "ADDR an IP address ([...] for IPv6) or localhost")
                            .arg(text);
        if (o.diagnose)
            return QStringLiteral("--metrics cannot be used with --diagnose");
        o.metrics = true;
        o.printEvents = parser.isSet(formatOpt);
        if (o.states && !o.printEvents)
            return QStringLiteral("--states with --metrics needs --format jsonl");
    }

    o.demo = parser.isSet(demoOpt);
    if (parser.isSet(streamsOpt)) {
        const QString file = parser.value(streamsOpt);
        const sse::StreamSet::ReadResult set = sse::StreamSet::readFile(file);
        if (!set.ok())
            return QStringLiteral("%1: %2").arg(file, set.errorText());
        for (qsizetype i = 0; i < set.streams.size(); ++i) {
            const sse::StreamSet::Entry &entry = set.streams.at(i);
            if (!entry.missingSecrets.isEmpty())
                return QStringLiteral("%1: stream %2 (\"%3\"): header %4 has no value (secrets "
                                  "are left out of exports unless asked for): add it to the file")
                                .arg(file, QString::number(i + 1), entry.config.name,
                                     QString::fromLatin1(entry.missingSecrets.first()));
            o.fileStreams.append(entry.config);
        }
        if (set.streams.isEmpty())
            return QStringLiteral("%1: the stream set has no streams").arg(file);
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty() && !o.demo && o.fileStreams.isEmpty())
        return QStringLiteral("no URL given");
    for (const QString &arg : positional) {
        const QUrl url(arg, QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty()
            || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return QStringLiteral("invalid URL \"%1\": expected an http:// or https:// URL")
                            .arg(arg);
        o.urls.append(url);
    }
    return {};
}

} // namespace

ParseOutcome parseOptions(const QStringList &arguments)
{
    ParseOutcome outcome;
    CommandLine commandLine;
    QCommandLineParser &parser = commandLine.parser;
    if (!parser.parse(arguments)) {
        outcome.text = parser.errorText();
        return outcome;
    }
    if (parser.isSet(commandLine.helpOpt)) {
        outcome.action = ParseOutcome::Action::Help;
        outcome.text = parser.helpText();
        return outcome;
    }
    if (parser.isSet(commandLine.versionOpt)) {
        outcome.action = ParseOutcome::Action::Version;
        return outcome;
    }
    // In this order: later groups depend on earlier ones (--diagnose sets the default
    // duration, --metrics checks --states and --format).
    for (const auto read : {&CommandLine::readLimits, &CommandLine::readOutput,
                            &CommandLine::readRequest, &CommandLine::readDiagnose,
                            &CommandLine::readStreams}) {
        if (QString error = (commandLine.*read)(outcome.options); !error.isEmpty()) {
            outcome.action = ParseOutcome::Action::UsageError;
            outcome.text = std::move(error);
            return outcome;
        }
    }
    outcome.action = ParseOutcome::Action::Run;
    return outcome;
}

QList<sse::StreamConfig> streamConfigs(const Options &options)
{
    QList<sse::StreamConfig> configs;
    for (const QUrl &url : options.urls) {
        sse::StreamConfig config;
        config.name = url.toDisplayString();
        config.request = options.request;
        config.request.url = url;
        config.policy = options.policy;
        config.idleTimeoutMs = options.idleTimeoutMs;
        config.connectTimeoutMs = options.connectTimeoutMs;
        configs.append(config);
    }
    configs += options.fileStreams;
    for (sse::StreamConfig &config : configs)
        config.autoConnect = false; // the watcher connects each stream itself
    return configs;
}

} // namespace ssecat
