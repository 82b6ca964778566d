#include "llmstream.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace sse {

namespace {

const QString ShapeNames[] = {QStringLiteral("auto"), QStringLiteral("openai-chat"),
                              QStringLiteral("openai-responses"), QStringLiteral("anthropic"),
                              QStringLiteral("generic")};

bool isAnthropicType(const QString &type)
{
    return type == u"message_start" || type == u"message_delta" || type == u"message_stop"
        || type == u"content_block_start" || type == u"content_block_delta"
        || type == u"content_block_stop" || type == u"ping";
}

/** The value at a dotted path of keys and array indexes, e.g. "choices.0.text". */
QJsonValue valueAt(const QJsonObject &root, const QString &path)
{
    QJsonValue value = root;
    for (const QStringView key : QStringView(path).split(u'.')) {
        if (value.isObject()) {
            value = value.toObject().value(key);
        } else if (value.isArray()) {
            bool ok = false;
            const int index = key.toInt(&ok);
            if (!ok)
                return {};
            value = value.toArray().at(index);
        } else {
            return {};
        }
    }
    return value;
}

qint64 nearestRank(const QList<qint64> &sorted, int percent)
{
    const auto n = sorted.size();
    const auto rank = qsizetype(std::ceil(double(percent) / 100.0 * double(n)));
    return sorted.at(std::clamp<qsizetype>(rank - 1, 0, n - 1));
}

/** Usage objects arrive in parts (Anthropic's message_start, then message_delta). */
void merge(QJsonObject &into, const QJsonObject &from)
{
    for (auto it = from.begin(); it != from.end(); ++it)
        into.insert(it.key(), it.value());
}

} // namespace

QString llmShapeName(LlmShape shape)
{
    return ShapeNames[int(shape)];
}

std::optional<LlmShape> llmShapeFromName(const QString &name)
{
    for (int i = 0; i < int(std::size(ShapeNames)); ++i) {
        if (ShapeNames[i] == name)
            return LlmShape(i);
    }
    return std::nullopt;
}

// ---- LlmResponse

QString LlmResponse::text() const
{
    QString out;
    for (const LlmPart &part : parts) {
        if (part.kind == LlmPart::Kind::Text)
            out += part.text;
    }
    return out;
}

QString LlmResponse::thinking() const
{
    QStringList blocks;
    for (const LlmPart &part : parts) {
        if (part.kind == LlmPart::Kind::Thinking)
            blocks.append(part.text);
    }
    return blocks.join(QStringLiteral("\n\n"));
}

LlmTiming LlmResponse::timing() const
{
    LlmTiming t;
    t.chunks = chunks;
    if (firstChunkAtMs > 0)
        t.ttftMs = firstChunkAtMs - startedAtMs;
    if (chunks >= 2 && lastChunkAtMs > firstChunkAtMs)
        t.chunksPerSecond = double(chunks - 1) * 1000.0 / double(lastChunkAtMs - firstChunkAtMs);
    if (!gapsMs.isEmpty()) {
        QList<qint64> sorted = gapsMs;
        std::sort(sorted.begin(), sorted.end());
        t.gapP50Ms = nearestRank(sorted, 50);
        t.gapP99Ms = nearestRank(sorted, 99);
    }
    t.longestStallMs = longestStallMs;
    t.stallAtChar = stallAtChar;
    t.stallContext = stallContext;
    t.durationMs = std::max<qint64>(0, (endedAtMs > 0 ? endedAtMs : lastEventAtMs) - startedAtMs);
    return t;
}

QString LlmResponse::stateName(State state)
{
    switch (state) {
    case State::Streaming: return QStringLiteral("streaming");
    case State::Complete: return QStringLiteral("complete");
    case State::Incomplete: return QStringLiteral("incomplete");
    case State::Failed: return QStringLiteral("failed");
    }
    return {};
}

// ---- LlmAssembler: bookkeeping

void LlmAssembler::setShape(LlmShape shape)
{
    m_shape = shape;
    m_gaveUp = false;
    m_probed = 0;
}

void LlmAssembler::setTextPath(const QString &path)
{
    m_textPath = path;
}

void LlmAssembler::clear()
{
    m_responses.clear();
    m_partIndex.clear();
    m_dropped = 0;
    m_nextNumber = 1;
    m_requestUsed = true;
    m_connectionResponses = 0;
}

LlmShape LlmAssembler::detectedShape() const
{
    return m_responses.isEmpty() ? LlmShape::Auto : m_responses.constLast().shape;
}

void LlmAssembler::connectionStarted(qint64 requestAtMs)
{
    connectionEnded(requestAtMs);
    m_requestAtMs = requestAtMs;
    m_requestUsed = false;
    m_connectionResponses = 0;
    m_probed = 0;
    m_gaveUp = false;
    m_genericDoneSeen = false;
}

bool LlmAssembler::connectionEnded(qint64 atMs)
{
    m_requestUsed = true;
    if (m_responses.isEmpty() || m_responses.constLast().isFinished())
        return false;
    LlmResponse *last = &m_responses.last();
    // A generic stream without a "done" flag has no terminator: its end is the connection's.
    const bool terminated = last->shape == LlmShape::Generic && !m_genericDoneSeen;
    finish(last, terminated ? LlmResponse::State::Complete : LlmResponse::State::Incomplete, atMs);
    return true;
}

LlmResponse *LlmAssembler::open(LlmShape shape, qint64 atMs)
{
    if (!m_responses.isEmpty() && !m_responses.constLast().isFinished())
        finish(&m_responses.last(), LlmResponse::State::Incomplete, atMs); // a new one began
    LlmResponse response;
    response.number = m_nextNumber++;
    response.shape = shape;
    response.startedAtMs = (!m_requestUsed && m_requestAtMs > 0) ? m_requestAtMs : atMs;
    response.lastEventAtMs = atMs;
    m_requestUsed = true;
    m_responses.append(response);
    if (m_responses.size() > MaxResponses) {
        m_responses.removeFirst();
        ++m_dropped;
    }
    m_partIndex.clear();
    ++m_connectionResponses;
    return &m_responses.last();
}

LlmResponse *LlmAssembler::current(LlmShape shape)
{
    if (m_responses.isEmpty())
        return nullptr;
    LlmResponse *last = &m_responses.last();
    return !last->isFinished() && last->shape == shape ? last : nullptr;
}

void LlmAssembler::finish(LlmResponse *response, LlmResponse::State state, qint64 atMs)
{
    response->state = state;
    response->endedAtMs = std::max(atMs, response->startedAtMs);
    response->lastEventAtMs = std::max(response->lastEventAtMs, atMs);
}

void LlmAssembler::apply(LlmResponse *response, const QList<Delta> &deltas, qint64 atMs)
{
    const bool content = std::any_of(deltas.cbegin(), deltas.cend(),
                                     [](const Delta &d) { return !d.text.isEmpty(); });
    if (content) {
        if (response->chunks == 0) {
            response->firstChunkAtMs = atMs;
        } else {
            const qint64 gap = std::max<qint64>(0, atMs - response->lastChunkAtMs);
            if (response->gapsMs.size() < MaxGaps)
                response->gapsMs.append(gap);
            if (gap > response->longestStallMs) {
                response->longestStallMs = gap;
                response->stallAtChar = response->contentChars;
                response->stallContext = response->tail;
            }
        }
        response->lastChunkAtMs = atMs;
        ++response->chunks;
    }
    for (const Delta &d : deltas) {
        auto it = m_partIndex.constFind(d.key);
        if (it == m_partIndex.cend()) {
            response->parts.append(LlmPart{d.kind, {}, {}, {}, false});
            it = m_partIndex.insert(d.key, int(response->parts.size() - 1));
        }
        LlmPart &part = response->parts[*it];
        if (!d.toolId.isEmpty())
            part.toolId = d.toolId;
        if (!d.toolName.isEmpty())
            part.toolName = d.toolName;
        if (d.text.isEmpty())
            continue;
        const qsizetype keep = std::clamp<qsizetype>(MaxResponseChars - response->keptChars, 0,
                                                     d.text.size());
        if (keep < d.text.size())
            part.truncated = true;
        part.text += QStringView(d.text).first(keep);
        response->keptChars += keep;
        response->contentChars += d.text.size();
        response->tail = (response->tail + d.text).right(TailChars);
    }
}

// ---- LlmAssembler: recognising the shapes

LlmAssembler::Result LlmAssembler::feed(const Event &event)
{
    if (m_gaveUp)
        return {};
    if (!m_responses.isEmpty() && !m_responses.constLast().isFinished())
        m_responses.last().lastEventAtMs = event.receivedAtMs;
    if (event.data.size() > MaxEventBytes) {
        if (m_shape == LlmShape::Auto && m_connectionResponses == 0 && ++m_probed >= MaxProbeEvents)
            m_gaveUp = true;
        return {}; // token chunks are small: this is something else
    }
    const QByteArray data = event.data.trimmed();
    if (data == "[DONE]") {
        if (LlmResponse *response = current(LlmShape::OpenAiChat)) {
            finish(response, LlmResponse::State::Complete, event.receivedAtMs);
            return {true, std::nullopt};
        }
        return {};
    }
    QJsonObject obj;
    if (data.startsWith('{'))
        obj = QJsonDocument::fromJson(data).object();
    QString type = obj.value(u"type").toString();
    if (type.isEmpty() && event.type != "message")
        type = QString::fromUtf8(event.type);

    const bool any = m_shape == LlmShape::Auto;
    const QJsonValue error = obj.value(u"error");
    if (!obj.isEmpty()
        && (type == u"error" || ((error.isObject() || error.isString()) && !obj.contains(u"choices"))))
        return fail(event, m_shape, readErrorPayload(data), event.type == "error");
    if (m_shape == LlmShape::Generic)
        return feedGeneric(event, obj);
    if ((any || m_shape == LlmShape::OpenAiResponses) && type.startsWith(u"response."))
        return feedResponses(event, obj, type);
    if ((any || m_shape == LlmShape::Anthropic) && isAnthropicType(type))
        return feedAnthropic(event, obj, type);
    if ((any || m_shape == LlmShape::OpenAiChat)
        && (obj.value(u"choices").isArray() || obj.value(u"object").toString() == u"chat.completion.chunk"))
        return feedChat(event, obj);
    if (any && m_connectionResponses == 0 && ++m_probed >= MaxProbeEvents)
        m_gaveUp = true; // not an LLM stream, as far as we can tell: stop parsing its events
    return {};
}

LlmAssembler::Result LlmAssembler::fail(const Event &event, LlmShape shape,
                                        const ErrorPayload &error, bool reportedAsEvent)
{
    LlmResponse *response = nullptr;
    if (!m_responses.isEmpty() && !m_responses.constLast().isFinished()) {
        response = &m_responses.last();
    } else if (shape != LlmShape::Auto || m_connectionResponses > 0) {
        // After a finished response of this connection, or in a forced shape: a new response
        // that failed before its first event.
        response = open(shape != LlmShape::Auto ? shape : m_responses.constLast().shape,
                        event.receivedAtMs);
    } else if (error.code.endsWith(u"_error")) {
        // Anthropic's {"type":"error","error":{"type":"overloaded_error",...}} before anything.
        response = open(LlmShape::Anthropic, event.receivedAtMs);
    } else {
        return {}; // an error on a stream that showed no LLM shape: not ours to interpret
    }
    response->error = error;
    finish(response, LlmResponse::State::Failed, event.receivedAtMs);
    Result result{true, std::nullopt};
    if (!reportedAsEvent)
        result.serverError = error;
    return result;
}

LlmAssembler::Result LlmAssembler::feedChat(const Event &event, const QJsonObject &obj)
{
    const QString id = obj.value(u"id").toString();
    LlmResponse *response = current(LlmShape::OpenAiChat);
    if (!response || (!id.isEmpty() && !response->id.isEmpty() && response->id != id))
        response = open(LlmShape::OpenAiChat, event.receivedAtMs);
    if (!id.isEmpty())
        response->id = id;
    if (obj.value(u"model").isString())
        response->model = obj.value(u"model").toString();

    QList<Delta> deltas;
    for (const QJsonValue &choiceValue : obj.value(u"choices").toArray()) {
        const QJsonObject choice = choiceValue.toObject();
        if (choice.value(u"index").toInt(0) != 0)
            continue; // n > 1: the first choice is the transcript
        const QJsonObject delta = choice.value(u"delta").toObject();
        // DeepSeek and vLLM put the reasoning in reasoning_content, OpenRouter in reasoning.
        for (const auto key : {u"reasoning_content", u"reasoning"}) {
            if (delta.value(key).isString())
                deltas.append({1, LlmPart::Kind::Thinking, delta.value(key).toString(), {}, {}});
        }
        if (delta.value(u"content").isString())
            deltas.append({0, LlmPart::Kind::Text, delta.value(u"content").toString(), {}, {}});
        for (const QJsonValue &callValue : delta.value(u"tool_calls").toArray()) {
            const QJsonObject call = callValue.toObject();
            const QJsonObject function = call.value(u"function").toObject();
            deltas.append({100 + call.value(u"index").toInt(0), LlmPart::Kind::ToolCall,
                           function.value(u"arguments").toString(), call.value(u"id").toString(),
                           function.value(u"name").toString()});
        }
        const QString finish = choice.value(u"finish_reason").toString();
        if (!finish.isEmpty())
            response->stopReason = finish;
    }
    if (obj.value(u"usage").isObject())
        response->usage = obj.value(u"usage").toObject();
    apply(response, deltas, event.receivedAtMs);
    return {true, std::nullopt};
}

LlmAssembler::Result LlmAssembler::feedResponses(const Event &event, const QJsonObject &obj,
                                                 const QString &type)
{
    const qint64 at = event.receivedAtMs;
    const QJsonObject body = obj.value(u"response").toObject();
    LlmResponse *response = current(LlmShape::OpenAiResponses);
    if (type == u"response.created" || !response)
        response = open(LlmShape::OpenAiResponses, at);
    if (body.value(u"id").isString())
        response->id = body.value(u"id").toString();
    if (body.value(u"model").isString())
        response->model = body.value(u"model").toString();

    const int index = obj.value(u"output_index").toInt(0);
    const QString delta = obj.value(u"delta").toString();
    QList<Delta> deltas;
    if (type == u"response.output_item.added") {
        const QJsonObject item = obj.value(u"item").toObject();
        const QString kind = item.value(u"type").toString();
        if (kind == u"function_call")
            deltas.append({index, LlmPart::Kind::ToolCall, {}, item.value(u"call_id").toString(),
                           item.value(u"name").toString()});
        else if (kind == u"reasoning")
            deltas.append({index, LlmPart::Kind::Thinking, {}, {}, {}});
        else if (kind == u"message")
            deltas.append({index, LlmPart::Kind::Text, {}, {}, {}});
    } else if (type == u"response.output_text.delta" || type == u"response.refusal.delta") {
        deltas.append({index, LlmPart::Kind::Text, delta, {}, {}});
    } else if (type == u"response.reasoning_summary_text.delta"
               || type == u"response.reasoning_text.delta") {
        deltas.append({index, LlmPart::Kind::Thinking, delta, {}, {}});
    } else if (type == u"response.function_call_arguments.delta") {
        deltas.append({index, LlmPart::Kind::ToolCall, delta, {}, {}});
    } else if (type == u"response.completed" || type == u"response.incomplete") {
        response->usage = body.value(u"usage").toObject();
        const QString reason = body.value(u"incomplete_details").toObject().value(u"reason").toString();
        response->stopReason = reason.isEmpty() ? body.value(u"status").toString() : reason;
        finish(response, LlmResponse::State::Complete, at);
        return {true, std::nullopt};
    } else if (type == u"response.failed") {
        response->usage = body.value(u"usage").toObject();
        response->stopReason = body.value(u"status").toString();
        QJsonObject wrapper{{QStringLiteral("error"), body.value(u"error")}};
        ErrorPayload error = readErrorPayload(QJsonDocument(wrapper).toJson(QJsonDocument::Compact));
        return fail(event, LlmShape::OpenAiResponses, error, false);
    }
    apply(response, deltas, at);
    return {true, std::nullopt};
}

LlmAssembler::Result LlmAssembler::feedAnthropic(const Event &event, const QJsonObject &obj,
                                                 const QString &type)
{
    const qint64 at = event.receivedAtMs;
    if (type == u"ping")
        return {};
    LlmResponse *response = current(LlmShape::Anthropic);
    if (type == u"message_start" || !response)
        response = open(LlmShape::Anthropic, at);
    const int index = obj.value(u"index").toInt(0);
    QList<Delta> deltas;
    if (type == u"message_start") {
        const QJsonObject message = obj.value(u"message").toObject();
        response->id = message.value(u"id").toString();
        response->model = message.value(u"model").toString();
        response->usage = message.value(u"usage").toObject();
    } else if (type == u"content_block_start") {
        const QJsonObject block = obj.value(u"content_block").toObject();
        const QString kind = block.value(u"type").toString();
        if (kind == u"tool_use" || kind == u"server_tool_use")
            deltas.append({index, LlmPart::Kind::ToolCall, {}, block.value(u"id").toString(),
                           block.value(u"name").toString()});
        else if (kind == u"thinking")
            deltas.append({index, LlmPart::Kind::Thinking, block.value(u"thinking").toString(), {}, {}});
        else if (kind == u"text")
            deltas.append({index, LlmPart::Kind::Text, block.value(u"text").toString(), {}, {}});
    } else if (type == u"content_block_delta") {
        const QJsonObject delta = obj.value(u"delta").toObject();
        const QString kind = delta.value(u"type").toString();
        if (kind == u"text_delta")
            deltas.append({index, LlmPart::Kind::Text, delta.value(u"text").toString(), {}, {}});
        else if (kind == u"thinking_delta")
            deltas.append({index, LlmPart::Kind::Thinking, delta.value(u"thinking").toString(), {}, {}});
        else if (kind == u"input_json_delta")
            deltas.append({index, LlmPart::Kind::ToolCall, delta.value(u"partial_json").toString(), {}, {}});
    } else if (type == u"message_delta") {
        const QString reason = obj.value(u"delta").toObject().value(u"stop_reason").toString();
        if (!reason.isEmpty())
            response->stopReason = reason;
        merge(response->usage, obj.value(u"usage").toObject());
    } else if (type == u"message_stop") {
        finish(response, LlmResponse::State::Complete, at);
        return {true, std::nullopt};
    }
    apply(response, deltas, at);
    return {true, std::nullopt};
}

LlmAssembler::Result LlmAssembler::feedGeneric(const Event &event, const QJsonObject &obj)
{
    if (obj.isEmpty() || m_textPath.isEmpty())
        return {};
    const QJsonValue text = valueAt(obj, m_textPath);
    const QJsonValue done = obj.value(u"done");
    if (!text.isString() && !done.isBool())
        return {};
    LlmResponse *response = current(LlmShape::Generic);
    if (!response)
        response = open(LlmShape::Generic, event.receivedAtMs);
    if (obj.value(u"model").isString())
        response->model = obj.value(u"model").toString();
    apply(response, {{0, LlmPart::Kind::Text, text.toString(), {}, {}}}, event.receivedAtMs);
    if (done.isBool()) {
        m_genericDoneSeen = true;
        if (done.toBool()) {
            response->stopReason = obj.value(u"done_reason").toString();
            finish(response, LlmResponse::State::Complete, event.receivedAtMs);
        }
    }
    return {true, std::nullopt};
}

} // namespace sse
