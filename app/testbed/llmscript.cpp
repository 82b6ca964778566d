#include "llmscript.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace sse {

namespace {

const QStringList AnswerTokens = {
    QStringLiteral("Server"), QStringLiteral("-Sent"), QStringLiteral(" Events"),
    QStringLiteral(" keep"), QStringLiteral(" one"), QStringLiteral(" HTTP"),
    QStringLiteral(" response"), QStringLiteral(" open"), QStringLiteral(" and"),
    QStringLiteral(" push"), QStringLiteral(" each"), QStringLiteral(" event"),
    QStringLiteral(" as"), QStringLiteral(" soon"), QStringLiteral(" as"), QStringLiteral(" it"),
    QStringLiteral(" exists"), QStringLiteral("."), QStringLiteral(" Let"), QStringLiteral(" me"),
    QStringLiteral(" check"), QStringLiteral(" the"), QStringLiteral(" weather"),
    QStringLiteral(" in"), QStringLiteral(" Paris"), QStringLiteral(" too"), QStringLiteral(".")};
const QStringList ThinkingTokens = {QStringLiteral("The user asks"), QStringLiteral(" about SSE"),
                                    QStringLiteral(" and the weather;"),
                                    QStringLiteral(" answer, then call get_weather.")};
const QStringList ArgumentTokens = {QStringLiteral("{\"location\""), QStringLiteral(": \"Paris\""),
                                    QStringLiteral(", \"unit\""), QStringLiteral(": \"celsius\"}")};

QByteArray json(const QJsonObject &obj)
{
    return QJsonDocument(obj).toJson(QJsonDocument::Compact);
}

QByteArray frame(const QByteArray &data, const QByteArray &event = {})
{
    QByteArray out;
    if (!event.isEmpty())
        out += "event: " + event + '\n';
    return out + "data: " + data + "\n\n";
}

/** Builds the steps: content chunks paced around tokenMs, the stall before the middle one. */
class Script
{
public:
    explicit Script(const LlmScriptOptions &o) : m_o(o) {}

    void add(const QByteArray &bytes, int delayMs = 1) { m_steps.append({delayMs, bytes}); }
    /** A content chunk: the first after firstTokenMs, then about tokenMs apart. */
    void chunk(const QByteArray &bytes)
    {
        int delay = m_chunks == 0 ? m_o.firstTokenMs : m_o.tokenMs + (m_chunks % 3 - 1) * m_o.tokenMs / 4;
        if (m_o.fault == LlmScriptOptions::Fault::Stall && m_chunks == AnswerTokens.size() / 2)
            delay = m_o.stallMs;
        ++m_chunks;
        add(bytes, delay);
    }
    /** Truncate: true once the answer is half written (the caller stops there). */
    bool cutHere() const
    {
        return m_o.fault == LlmScriptOptions::Fault::Truncate && m_chunks == AnswerTokens.size() * 2 / 3;
    }
    bool errorHere() const
    {
        return m_o.fault == LlmScriptOptions::Fault::Error && m_chunks == AnswerTokens.size() / 2;
    }
    QList<LlmScriptStep> steps() const { return m_steps; }

private:
    const LlmScriptOptions &m_o;
    QList<LlmScriptStep> m_steps;
    qsizetype m_chunks = 0;
};

QList<LlmScriptStep> chatScript(const LlmScriptOptions &o)
{
    const QString model = o.model.isEmpty() ? QStringLiteral("gpt-4o-mini") : QString::fromUtf8(o.model);
    auto chunk = [&](const QJsonObject &delta, const QJsonValue &finish = QJsonValue::Null) {
        return frame(json({{QStringLiteral("id"), QStringLiteral("chatcmpl-testbed")},
                           {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                           {QStringLiteral("created"), 1733580000},
                           {QStringLiteral("model"), model},
                           {QStringLiteral("choices"),
                            QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                   {QStringLiteral("delta"), delta},
                                                   {QStringLiteral("finish_reason"), finish}}}}}));
    };
    Script s(o);
    s.add(chunk({{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), QString()}}));
    for (const QString &token : AnswerTokens) {
        if (s.cutHere())
            return s.steps();
        if (s.errorHere()) {
            s.add(frame(json({{QStringLiteral("error"),
                               QJsonObject{{QStringLiteral("message"), QStringLiteral("The server is overloaded, please retry.")},
                                           {QStringLiteral("type"), QStringLiteral("server_error")},
                                           {QStringLiteral("code"), QStringLiteral("overloaded")}}}})), o.tokenMs);
            return s.steps();
        }
        s.chunk(chunk({{QStringLiteral("content"), token}}));
    }
    if (o.tools) {
        for (int i = 0; i < ArgumentTokens.size(); ++i) {
            QJsonObject call{{QStringLiteral("index"), 0}};
            QJsonObject function{{QStringLiteral("arguments"), ArgumentTokens.at(i)}};
            if (i == 0) {
                call.insert(QStringLiteral("id"), QStringLiteral("call_testbed1"));
                call.insert(QStringLiteral("type"), QStringLiteral("function"));
                function.insert(QStringLiteral("name"), QStringLiteral("get_weather"));
            }
            call.insert(QStringLiteral("function"), function);
            s.chunk(chunk({{QStringLiteral("tool_calls"), QJsonArray{call}}}));
        }
    }
    s.add(chunk({}, o.tools ? QStringLiteral("tool_calls") : QStringLiteral("stop")), o.tokenMs);
    s.add(frame(json({{QStringLiteral("id"), QStringLiteral("chatcmpl-testbed")},
                      {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                      {QStringLiteral("model"), model},
                      {QStringLiteral("choices"), QJsonArray()},
                      {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), 31},
                                                            {QStringLiteral("completion_tokens"), 33},
                                                            {QStringLiteral("total_tokens"), 64}}}})));
    s.add(frame("[DONE]"));
    return s.steps();
}

QList<LlmScriptStep> responsesScript(const LlmScriptOptions &o)
{
    const QString model = o.model.isEmpty() ? QStringLiteral("gpt-4.1") : QString::fromUtf8(o.model);
    int sequence = 0;
    auto event = [&](const QString &type, QJsonObject fields) {
        fields.insert(QStringLiteral("type"), type);
        fields.insert(QStringLiteral("sequence_number"), sequence++);
        return frame(json(fields), type.toUtf8());
    };
    auto response = [&](const QString &status, const QJsonObject &extra = {}) {
        QJsonObject r{{QStringLiteral("id"), QStringLiteral("resp_testbed")},
                      {QStringLiteral("object"), QStringLiteral("response")},
                      {QStringLiteral("status"), status},
                      {QStringLiteral("model"), model}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            r.insert(it.key(), it.value());
        return QJsonObject{{QStringLiteral("response"), r}};
    };
    Script s(o);
    s.add(event(QStringLiteral("response.created"), response(QStringLiteral("in_progress"))));
    int output = 0;
    if (o.thinking) {
        s.add(event(QStringLiteral("response.output_item.added"),
                    {{QStringLiteral("output_index"), output},
                     {QStringLiteral("item"), QJsonObject{{QStringLiteral("id"), QStringLiteral("rs_1")},
                                                          {QStringLiteral("type"), QStringLiteral("reasoning")}}}}));
        for (const QString &token : ThinkingTokens)
            s.chunk(event(QStringLiteral("response.reasoning_summary_text.delta"),
                          {{QStringLiteral("item_id"), QStringLiteral("rs_1")},
                           {QStringLiteral("output_index"), output}, {QStringLiteral("summary_index"), 0},
                           {QStringLiteral("delta"), token}}));
        ++output;
    }
    s.add(event(QStringLiteral("response.output_item.added"),
                {{QStringLiteral("output_index"), output},
                 {QStringLiteral("item"), QJsonObject{{QStringLiteral("id"), QStringLiteral("msg_1")},
                                                      {QStringLiteral("type"), QStringLiteral("message")},
                                                      {QStringLiteral("role"), QStringLiteral("assistant")}}}}));
    for (const QString &token : AnswerTokens) {
        if (s.cutHere())
            return s.steps();
        if (s.errorHere()) {
            s.add(event(QStringLiteral("response.failed"),
                        response(QStringLiteral("failed"),
                                 {{QStringLiteral("error"),
                                   QJsonObject{{QStringLiteral("code"), QStringLiteral("server_error")},
                                               {QStringLiteral("message"), QStringLiteral("The server had an error while processing your request.")}}}})),
                  o.tokenMs);
            return s.steps();
        }
        s.chunk(event(QStringLiteral("response.output_text.delta"),
                      {{QStringLiteral("item_id"), QStringLiteral("msg_1")},
                       {QStringLiteral("output_index"), output}, {QStringLiteral("content_index"), 0},
                       {QStringLiteral("delta"), token}}));
    }
    ++output;
    if (o.tools) {
        s.add(event(QStringLiteral("response.output_item.added"),
                    {{QStringLiteral("output_index"), output},
                     {QStringLiteral("item"), QJsonObject{{QStringLiteral("id"), QStringLiteral("fc_1")},
                                                          {QStringLiteral("type"), QStringLiteral("function_call")},
                                                          {QStringLiteral("call_id"), QStringLiteral("call_testbed1")},
                                                          {QStringLiteral("name"), QStringLiteral("get_weather")},
                                                          {QStringLiteral("arguments"), QString()}}}}));
        for (const QString &token : ArgumentTokens)
            s.chunk(event(QStringLiteral("response.function_call_arguments.delta"),
                          {{QStringLiteral("item_id"), QStringLiteral("fc_1")},
                           {QStringLiteral("output_index"), output}, {QStringLiteral("delta"), token}}));
    }
    s.add(event(QStringLiteral("response.completed"),
                response(QStringLiteral("completed"),
                         {{QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), 31},
                                                                {QStringLiteral("output_tokens"), 45},
                                                                {QStringLiteral("total_tokens"), 76}}}})),
          o.tokenMs);
    return s.steps();
}

QList<LlmScriptStep> anthropicScript(const LlmScriptOptions &o)
{
    const QString model = o.model.isEmpty() ? QStringLiteral("claude-sonnet-4-20250514") : QString::fromUtf8(o.model);
    auto event = [](const QString &type, QJsonObject fields) {
        fields.insert(QStringLiteral("type"), type);
        return frame(json(fields), type.toUtf8());
    };
    auto delta = [&](int index, const QString &kind, const QString &key, const QString &text) {
        return event(QStringLiteral("content_block_delta"),
                     {{QStringLiteral("index"), index},
                      {QStringLiteral("delta"), QJsonObject{{QStringLiteral("type"), kind}, {key, text}}}});
    };
    auto blockStart = [&](int index, const QJsonObject &block) {
        return event(QStringLiteral("content_block_start"),
                     {{QStringLiteral("index"), index}, {QStringLiteral("content_block"), block}});
    };
    auto blockStop = [&](int index) {
        return event(QStringLiteral("content_block_stop"), {{QStringLiteral("index"), index}});
    };
    Script s(o);
    s.add(event(QStringLiteral("message_start"),
                {{QStringLiteral("message"),
                  QJsonObject{{QStringLiteral("id"), QStringLiteral("msg_testbed")},
                              {QStringLiteral("type"), QStringLiteral("message")},
                              {QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), QJsonArray()},
                              {QStringLiteral("model"), model},
                              {QStringLiteral("stop_reason"), QJsonValue::Null},
                              {QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), 31},
                                                                    {QStringLiteral("output_tokens"), 1}}}}}}));
    int index = 0;
    if (o.thinking) {
        s.add(blockStart(index, {{QStringLiteral("type"), QStringLiteral("thinking")}, {QStringLiteral("thinking"), QString()}}));
        for (const QString &token : ThinkingTokens)
            s.chunk(delta(index, QStringLiteral("thinking_delta"), QStringLiteral("thinking"), token));
        s.add(delta(index, QStringLiteral("signature_delta"), QStringLiteral("signature"), QStringLiteral("EqQBCgIYAhIM")));
        s.add(blockStop(index++));
    }
    s.add(blockStart(index, {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString()}}));
    s.add(event(QStringLiteral("ping"), {}));
    for (const QString &token : AnswerTokens) {
        if (s.cutHere())
            return s.steps();
        if (s.errorHere()) {
            s.add(event(QStringLiteral("error"),
                        {{QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), QStringLiteral("overloaded_error")},
                                                               {QStringLiteral("message"), QStringLiteral("Overloaded")}}}}),
                  o.tokenMs);
            return s.steps();
        }
        s.chunk(delta(index, QStringLiteral("text_delta"), QStringLiteral("text"), token));
    }
    s.add(blockStop(index++));
    if (o.tools) {
        s.add(blockStart(index, {{QStringLiteral("type"), QStringLiteral("tool_use")},
                                 {QStringLiteral("id"), QStringLiteral("toolu_testbed1")},
                                 {QStringLiteral("name"), QStringLiteral("get_weather")},
                                 {QStringLiteral("input"), QJsonObject()}}));
        for (const QString &token : ArgumentTokens)
            s.chunk(delta(index, QStringLiteral("input_json_delta"), QStringLiteral("partial_json"), token));
        s.add(blockStop(index));
    }
    s.add(event(QStringLiteral("message_delta"),
                {{QStringLiteral("delta"), QJsonObject{{QStringLiteral("stop_reason"), o.tools ? QStringLiteral("tool_use") : QStringLiteral("end_turn")},
                                                       {QStringLiteral("stop_sequence"), QJsonValue::Null}}},
                 {QStringLiteral("usage"), QJsonObject{{QStringLiteral("output_tokens"), 45}}}}),
          o.tokenMs);
    s.add(event(QStringLiteral("message_stop"), {}));
    return s.steps();
}

} // namespace

QList<LlmScriptStep> llmScript(LlmShape shape, const LlmScriptOptions &options)
{
    switch (shape) {
    case LlmShape::OpenAiChat: return chatScript(options);
    case LlmShape::OpenAiResponses: return responsesScript(options);
    case LlmShape::Anthropic: return anthropicScript(options);
    case LlmShape::Auto:
    case LlmShape::Generic:
        break;
    }
    return {};
}

} // namespace sse
