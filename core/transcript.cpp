#include "transcript.h"

#include "eventsource.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>

#include <climits>

namespace sse {

Transcript::Transcript(QObject *parent)
    : QObject(parent)
{
}

void Transcript::setSource(EventSource *source)
{
    if (m_source)
        m_source->disconnect(this);
    m_source = source;
    if (!source)
        return;
    connect(source, &EventSource::requestSent, this, [this](const RequestInfo &request) {
        if (request.redirectHop == 0)
            m_assembler.connectionStarted(QDateTime::currentMSecsSinceEpoch());
    });
    connect(source, &EventSource::stateChanged, this, [this](EventSource::State state) {
        if (state == EventSource::State::Open)
            return;
        if (m_assembler.connectionEnded(QDateTime::currentMSecsSinceEpoch())) {
            Q_EMIT changed();
            reportFinished();
        }
    });
    connect(source, &EventSource::eventsReceived, this, &Transcript::onEvents);
}

void Transcript::setShape(LlmShape shape)
{
    m_assembler.setShape(shape);
}

void Transcript::setTextPath(const QString &path)
{
    m_assembler.setTextPath(path);
}

void Transcript::clear()
{
    m_assembler.clear();
    m_reportedUpTo = 0;
    Q_EMIT changed();
}

void Transcript::onEvents(const QList<Event> &events)
{
    if (m_assembler.hasGivenUp())
        return; // not an LLM stream: no call per event for nothing
    bool changedAny = false;
    QList<ErrorPayload> errors;
    for (const Event &event : events) {
        LlmAssembler::Result result = m_assembler.feed(event);
        changedAny |= result.changed;
        if (result.serverError)
            errors.append(*result.serverError);
    }
    if (!changedAny)
        return;
    Q_EMIT changed();
    reportFinished();
    for (const ErrorPayload &error : std::as_const(errors))
        Q_EMIT serverErrorReported(error);
}

void Transcript::reportFinished()
{
    for (const LlmResponse &response : m_assembler.responses()) {
        if (response.number > m_reportedUpTo && response.isFinished()) {
            m_reportedUpTo = response.number;
            Q_EMIT responseFinished(response);
        }
    }
}

QString Transcript::prettyArguments(const QString &arguments)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(arguments.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || doc.isNull())
        return arguments;
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}

QString Transcript::stateText(const LlmResponse &response)
{
    switch (response.state) {
    case LlmResponse::State::Streaming: return tr("streaming");
    case LlmResponse::State::Complete: return tr("complete");
    case LlmResponse::State::Incomplete:
        return tr("incomplete: the stream ended before the response's terminator");
    case LlmResponse::State::Failed: return tr("failed");
    }
    return {};
}

QString Transcript::timingText(const LlmResponse &response)
{
    const LlmTiming t = response.timing();
    const QLocale locale;
    QStringList parts;
    if (t.ttftMs >= 0)
        parts.append(tr("first token after %1 ms").arg(locale.toString(t.ttftMs)));
    parts.append(tr("%n chunk(s)", nullptr, int(std::min<qint64>(t.chunks, INT_MAX))));
    if (t.chunks >= 2) {
        parts.append(tr("%1 chunks/s").arg(locale.toString(t.chunksPerSecond, 'f', 1)));
        parts.append(tr("gap p50 %1 ms, p99 %2 ms")
                         .arg(locale.toString(t.gapP50Ms), locale.toString(t.gapP99Ms)));
        parts.append(tr("longest stall %1 ms at character %2")
                         .arg(locale.toString(t.longestStallMs), locale.toString(t.stallAtChar)));
    }
    parts.append(tr("%1 s in all").arg(locale.toString(double(t.durationMs) / 1000.0, 'f', 2)));
    return parts.join(QStringLiteral(", "));
}

QString Transcript::toMarkdown(const LlmResponse &response)
{
    QString md = tr("## Response %1 (%2, %3)")
                     .arg(response.number)
                     .arg(llmShapeName(response.shape), stateText(response))
        + QStringLiteral("\n\n");
    if (!response.model.isEmpty() || !response.id.isEmpty())
        md += tr("Model: %1, id: %2").arg(response.model, response.id) + QStringLiteral("\n\n");
    for (const LlmPart &part : response.parts) {
        switch (part.kind) {
        case LlmPart::Kind::Thinking:
            md += QStringLiteral("> **") + tr("Thinking") + QStringLiteral("**\n>\n> ")
                + QString(part.text).replace(u'\n', QStringLiteral("\n> ")) + QStringLiteral("\n\n");
            break;
        case LlmPart::Kind::Text:
            md += part.text + QStringLiteral("\n\n");
            break;
        case LlmPart::Kind::ToolCall:
            md += QStringLiteral("**") + tr("Tool call") + QStringLiteral("** `") + part.toolName
                + QStringLiteral("` (") + part.toolId + QStringLiteral(")\n\n```json\n")
                + prettyArguments(part.text) + QStringLiteral("\n```\n\n");
            break;
        }
        if (part.truncated)
            md += tr("(cut: longer than %1 characters)").arg(LlmAssembler::MaxResponseChars)
                + QStringLiteral("\n\n");
    }
    if (response.state == LlmResponse::State::Failed)
        md += QStringLiteral("**") + tr("Server error") + QStringLiteral("** ")
            + (response.error.code.isEmpty() ? QString() : response.error.code + QStringLiteral(": "))
            + response.error.message + QStringLiteral("\n\n");
    if (!response.stopReason.isEmpty())
        md += tr("Stop reason: %1").arg(response.stopReason) + QStringLiteral("  \n");
    if (!response.usage.isEmpty()) {
        QStringList usage;
        for (auto it = response.usage.begin(); it != response.usage.end(); ++it) {
            if (it.value().isDouble())
                usage.append(it.key() + QStringLiteral(" ") + QString::number(it.value().toInteger()));
        }
        md += tr("Usage: %1").arg(usage.join(QStringLiteral(", "))) + QStringLiteral("  \n");
    }
    md += tr("Timing: %1").arg(timingText(response)) + QStringLiteral("\n");
    return md;
}

QString Transcript::toMarkdown(const QString &streamName) const
{
    QString md = tr("# Transcript of %1").arg(streamName) + QStringLiteral("\n\n");
    if (m_assembler.droppedResponses() > 0)
        md += tr("(%n older response(s) not kept)", nullptr, m_assembler.droppedResponses())
            + QStringLiteral("\n\n");
    for (const LlmResponse &response : m_assembler.responses())
        md += toMarkdown(response) + u'\n';
    return md;
}

} // namespace sse
