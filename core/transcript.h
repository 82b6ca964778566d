#pragma once

#include "llmstream.h"

#include <QObject>
#include <QPointer>

namespace sse {

class EventSource;

/** The LLM transcript of one stream: feeds an EventSource's events to an LlmAssembler,
 *  telling it when connections start and end, and reports what changed. The GUI's
 *  Transcript tab and `ssecat --format transcript` both read it. */
class Transcript final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transcript)
public:
    /** A gap between chunks this long is a stall worth a warning: far beyond the tens of
     *  milliseconds between tokens of a healthy stream. */
    static constexpr qint64 StallWarningMs = 2000;

    explicit Transcript(QObject *parent = nullptr);

    /** Watches \a source from now on (nullptr stops watching). */
    void setSource(EventSource *source);

    const LlmAssembler &assembler() const { return m_assembler; }
    const QList<LlmResponse> &responses() const { return m_assembler.responses(); }
    void setShape(LlmShape shape);
    LlmShape shape() const { return m_assembler.shape(); }
    void setTextPath(const QString &path);
    QString textPath() const { return m_assembler.textPath(); }

    /** \a response as Markdown: thinking as a quote, the text, each tool call with its
     *  arguments (pretty-printed when they are JSON), stop reason, usage, error and timing;
     *  translated labels. */
    static QString toMarkdown(const LlmResponse &response);
    /** Every response, oldest first, under a heading naming \a streamName. */
    QString toMarkdown(const QString &streamName) const;
    /** One line of timing: time to first token, chunks, rate, gaps, stall, duration. */
    static QString timingText(const LlmResponse &response);
    /** The translated state ("complete", "incomplete: no terminator" ...). */
    static QString stateText(const LlmResponse &response);
    /** Tool call arguments indented when they are JSON, else as they arrived. */
    static QString prettyArguments(const QString &arguments);

public Q_SLOTS:
    /** Forgets every response (the shape setting stays). */
    void clear();

Q_SIGNALS:
    /** Responses changed (once per batch of events at most). */
    void changed();
    /** A response ended: complete, incomplete or failed. */
    void responseFinished(const sse::LlmResponse &response);
    /** The server reported an error inside the stream other than as `event: error` (which
     *  EventSource reports itself): a response.failed, an error object in a chunk. */
    void serverErrorReported(const sse::ErrorPayload &error);

private:
    void onEvents(const QList<sse::Event> &events);
    void reportFinished();

    QPointer<EventSource> m_source;
    LlmAssembler m_assembler;
    int m_reportedUpTo = 0;   // the highest response number reported as finished
};

} // namespace sse

Q_DECLARE_METATYPE(sse::LlmResponse)
Q_DECLARE_METATYPE(sse::ErrorPayload)
