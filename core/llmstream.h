#pragma once

#include "errorpayload.h"
#include "types.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace sse {

/** The wire shapes of LLM token streams that LlmAssembler reads. */
enum class LlmShape {
    Auto,            ///< detect per response (only as a setting)
    OpenAiChat,      ///< Chat Completions: chat.completion.chunk objects, `data: [DONE]`
    OpenAiResponses, ///< Responses API: `response.*` events, ends with response.completed
    Anthropic,       ///< Messages API: message_start ... content_block_* ... message_stop
    Generic          ///< the text delta at a JSON path the user names (Ollama and others)
};

/** "auto", "openai-chat", "openai-responses", "anthropic", "generic" (stable, for scripts). */
QString llmShapeName(LlmShape shape);
/** The shape of a name of llmShapeName(); nullopt for anything else. */
std::optional<LlmShape> llmShapeFromName(const QString &name);

/** One piece of a response's output, in the order the stream opened them. */
struct LlmPart
{
    enum class Kind { Text, Thinking, ToolCall };
    Kind kind = Kind::Text;
    QString text;     ///< the text, the thinking, or the tool call's arguments as assembled
    QString toolId;   ///< ToolCall: the call id the server gave
    QString toolName; ///< ToolCall: the function name
    bool truncated = false; ///< the response outgrew LlmAssembler::MaxResponseChars: the rest
                            ///< of this part was dropped
};

/** Timing of one response, from the receive times of its events. */
struct LlmTiming
{
    qint64 ttftMs = -1;          ///< response start (the request, for the first response of a
                                 ///< connection) to the first content chunk; -1 = none yet
    qint64 chunks = 0;           ///< events that carried content (text, thinking, arguments)
    double chunksPerSecond = 0;  ///< (chunks - 1) / time from first to last chunk; 0 if < 2
    qint64 gapP50Ms = -1;        ///< inter-chunk gaps, nearest rank; -1 = fewer than 2 chunks
    qint64 gapP99Ms = -1;
    qint64 longestStallMs = 0;   ///< the longest inter-chunk gap
    qint64 stallAtChar = -1;     ///< content characters received before that gap ended
    QString stallContext;        ///< the last characters received before it
    qint64 durationMs = 0;       ///< response start to its end (or its last event so far)
};

/** One response of a stream, assembled. */
struct LlmResponse
{
    enum class State {
        Streaming,  ///< still arriving
        Complete,   ///< its terminator arrived
        Incomplete, ///< the connection ended before its terminator
        Failed      ///< the server reported an error inside the stream
    };

    int number = 0;              ///< 1 for the first response the assembler saw
    LlmShape shape = LlmShape::Auto;
    State state = State::Streaming;
    QString id;                  ///< the server's id of the response, if any
    QString model;
    QList<LlmPart> parts;
    QString stopReason;          ///< finish_reason, stop_reason, or the Responses status
    QJsonObject usage;           ///< token counts as the server named them
    ErrorPayload error;          ///< State::Failed: what the server said

    qint64 startedAtMs = 0;      ///< ms since the epoch; see LlmTiming::ttftMs
    qint64 endedAtMs = 0;        ///< 0 while streaming
    qint64 firstChunkAtMs = 0;   ///< 0 before the first chunk
    qint64 lastChunkAtMs = 0;
    qint64 lastEventAtMs = 0;
    qint64 contentChars = 0;     ///< characters of content received (all parts)
    qint64 chunks = 0;           ///< events that carried content
    qint64 keptChars = 0;        ///< characters of content kept in parts (<= MaxResponseChars)
    QList<qint64> gapsMs;        ///< between consecutive chunks, at most MaxGaps kept
    qint64 longestStallMs = 0;
    qint64 stallAtChar = -1;
    QString stallContext;
    QString tail;                ///< the last content characters, for stallContext

    /** The answer: every Text part, in order. */
    QString text() const;
    /** Every Thinking part, in order, separated by blank lines. */
    QString thinking() const;
    LlmTiming timing() const;
    bool isFinished() const { return state != State::Streaming; }
    /** "streaming", "complete", "incomplete" or "failed". */
    static QString stateName(State state);
};

/** Reads the events of an LLM API's token stream and assembles each response: its text,
 *  thinking and tool calls, stop reason, usage, the errors reported inside the stream, and
 *  the timing of its chunks. Pure: events in, responses out; the caller tells it when a
 *  connection starts and ends (Transcript does that for an EventSource).
 *
 *  In Auto mode each response's shape is recognised from its events (the documented shapes
 *  of the OpenAI Chat Completions and Responses APIs and of Anthropic's Messages API); a
 *  stream that shows none of them within MaxProbeEvents events of a connection is left
 *  alone until the next connection, and an event over MaxEventBytes is not read. Bounded: at
 *  most MaxResponses responses (the oldest go), MaxResponseChars characters of content kept
 *  per response (timing counts them all) and MaxGaps gaps per response. */
class LlmAssembler
{
public:
    static constexpr int MaxResponses = 50;
    static constexpr qsizetype MaxResponseChars = 1024 * 1024;
    static constexpr qsizetype MaxEventBytes = 1024 * 1024;
    static constexpr qsizetype MaxGaps = 100000;
    static constexpr int MaxProbeEvents = 16;
    static constexpr int TailChars = 40;

    /** What one feed() did. */
    struct Result
    {
        bool changed = false;
        /** An error reported inside the stream that the SSE layer did not report as
         *  `event: error` (a response.failed, an error object in a chunk). */
        std::optional<ErrorPayload> serverError;
    };

    /** Auto (the default) recognises the shape; any other value reads only that shape. */
    void setShape(LlmShape shape);
    LlmShape shape() const { return m_shape; }
    /** The Generic shape's path to the text delta: keys and array indexes separated by dots,
     *  e.g. "message.content" (Ollama) or "choices.0.text". */
    void setTextPath(const QString &path);
    QString textPath() const { return m_textPath; }

    /** A connection started: its request went out at \a requestAtMs (ms since the epoch). */
    void connectionStarted(qint64 requestAtMs);
    Result feed(const Event &event);
    /** No shape was seen within MaxProbeEvents events: feed() ignores the rest of this
     *  connection's events. */
    bool hasGivenUp() const { return m_gaveUp; }
    /** The connection ended at \a atMs: a response still streaming is incomplete. Returns
     *  true when that changed a response. */
    bool connectionEnded(qint64 atMs);

    const QList<LlmResponse> &responses() const { return m_responses; }
    int droppedResponses() const { return m_dropped; }
    /** The shape of the newest response, Auto before any. */
    LlmShape detectedShape() const;
    void clear();

private:
    using Object = QJsonObject;
    Result feedChat(const Event &event, const Object &obj);
    Result feedResponses(const Event &event, const Object &obj, const QString &type);
    Result feedAnthropic(const Event &event, const Object &obj, const QString &type);
    Result feedGeneric(const Event &event, const Object &obj);
    Result fail(const Event &event, LlmShape shape, const ErrorPayload &error, bool reportedAsEvent);

    LlmResponse *open(LlmShape shape, qint64 atMs);
    LlmResponse *current(LlmShape shape);
    void finish(LlmResponse *response, LlmResponse::State state, qint64 atMs);
    /** Content one event carried for one part (created on first use, keyed per shape). */
    struct Delta
    {
        int key = 0;
        LlmPart::Kind kind = LlmPart::Kind::Text;
        QString text;
        QString toolId;
        QString toolName;
    };
    /** Applies the deltas of one event: counts a chunk when any carries text. */
    void apply(LlmResponse *response, const QList<Delta> &deltas, qint64 atMs);

    LlmShape m_shape = LlmShape::Auto;
    QString m_textPath;
    QList<LlmResponse> m_responses;
    QHash<int, int> m_partIndex;  // the open response's part keys -> index in parts
    int m_dropped = 0;
    int m_nextNumber = 1;
    qint64 m_requestAtMs = 0;
    bool m_requestUsed = true;     // the request time started a response already
    int m_connectionResponses = 0; // responses opened on this connection
    int m_probed = 0;              // events of this connection that matched no shape
    bool m_gaveUp = false;
    bool m_genericDoneSeen = false; // the generic stream has a "done" flag
};

} // namespace sse
