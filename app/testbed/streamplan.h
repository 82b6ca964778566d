#pragma once

// What the scenarios of sse::ScenarioServer share: the plan of a timed event stream and how its
// events are formatted, the parameters every ticker-like scenario takes, and small request
// helpers. Internal to the testbed library.

#include "httpserver.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <string>

namespace sse {

class ScenarioParams;

/** How the events of one stream look and when the stream ends. */
struct StreamPlan
{
    enum class Payload {
        Tick,     ///< {"seq","ts","value"} with the current time
        Workload, ///< the same with gen_workloads.py's timestamps: small.sse byte for byte
        Unicode   ///< {"seq","msg"} as in gen_workloads.py's unicode.sse
    };
    double rate = 1;                  ///< events per second
    qint64 count = 0;                 ///< id of the last event; 0 = endless
    QByteArray eventType;             ///< `event:` of normal events; empty = none
    qint64 retryMs = -1;              ///< `retry:` sent first; -1 = none
    QByteArray contentType = QByteArrayLiteral("text/event-stream"); ///< empty = no header
    QByteArray lineEnd = QByteArrayLiteral("\n");
    /** What the `id:` lines carry. */
    enum class Ids {
        Sequence,   ///< the event's number, increasing; resumes after Last-Event-ID
        None,       ///< no id lines
        Decreasing, ///< 1000000 minus the number: numeric, counting down
        Text,       ///< "evt-<number>": not numeric
        Replay      ///< the number, but Last-Event-ID is ignored: reconnects start over at 1
    };
    Payload payload = Payload::Tick;
    Ids ids = Ids::Sequence;
    QByteArray cacheControl = QByteArrayLiteral("no-cache"); ///< empty = no header
    HttpHeaders extraHeaders;         ///< more response headers (scenario-specific)
    bool bom = false;                 ///< a UTF-8 byte order mark first
    bool comments = false;            ///< comment lines before, inside and after events
    bool gzip = false;                ///< Content-Encoding: gzip, flushed per event
    qint64 errorEvery = 0;            ///< normal events between `event: error`s; 0 = none
    qint64 dropEvery = 0;             ///< events per connection before a cut; 0 = never
    std::optional<quint32> dropSeed;  ///< cut after a pseudo-random 1..2*dropEvery events
};

namespace testbed {

constexpr qint64 MaxCount = 1'000'000'000;
constexpr qint64 ChunkBytes = 64 * 1024;      // one write of the bulk writers; below mmap size
constexpr int MaxTrackedUrls = 10000;         // `status` attempt counters kept

/** Appends event number \a seq of \a plan, as it goes on the wire. */
void appendEvent(std::string &out, const StreamPlan &plan, qint64 seq);
QByteArray formatEvent(const StreamPlan &plan, qint64 seq);
/** The resumption point a client sent; 0 when absent or not a number. */
qint64 lastEventId(const HttpRequest &request);
/** http://<host the client used>:<port>, for links and redirects to either origin. */
QByteArray origin(const HttpRequest &request, quint16 port);
/** 64 KiB of gen_workloads.py's FILL characters, for huge events and endless lines. */
const QByteArray &filler();
/** The parameters every ticker-like scenario takes (rate, count, event, retry). */
void readStreamParams(ScenarioParams &params, StreamPlan &plan);
/** The documentation of those parameters, and of the LLM scenarios', for the index. */
extern const QString streamParamsDoc;
extern const QString llmParamsDoc;

} // namespace testbed
} // namespace sse
