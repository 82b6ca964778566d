#pragma once

#include "llmstream.h"

#include <QByteArray>
#include <QList>

namespace sse {

/** How the scenario server's LLM streams behave (see llmScript()). */
struct LlmScriptOptions
{
    enum class Fault {
        None,
        Error,    ///< a mid-stream error: Anthropic's overloaded_error, OpenAI's error
                  ///< object (Chat) or response.failed (Responses)
        Stall,    ///< one long silence in the middle of the answer
        Truncate  ///< the body ends in the middle of the answer, without a terminator
    };
    int firstTokenMs = 400;   ///< request to the first content
    int tokenMs = 40;         ///< typical gap between chunks (varies by a quarter around it)
    int stallMs = 3000;       ///< Fault::Stall: the silence
    bool tools = true;        ///< end with a tool call (its arguments in fragments)
    bool thinking = true;     ///< Anthropic and Responses: a thinking block before the text
    Fault fault = Fault::None;
    QByteArray model;         ///< echoed in the stream; a shape-specific default when empty
};

/** One write of a scripted stream: \a delayMs after the previous one. */
struct LlmScriptStep
{
    int delayMs = 0;
    QByteArray bytes;
};

/** A complete text/event-stream body in \a shape (not Auto or Generic) written from the
 *  public documentation of each API, with its pacing: what the sse-testbed `/llm/...`
 *  scenarios send. */
QList<LlmScriptStep> llmScript(LlmShape shape, const LlmScriptOptions &options);

} // namespace sse
