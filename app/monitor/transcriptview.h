#pragma once

#include "transcript.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QTextBrowser;
class QTimer;
QT_END_NAMESPACE

/** The LLM transcript of one stream: the chosen response (the newest, unless the user picks
 *  another) rendered from its Markdown as it grows, its timing and state, the shape setting
 *  (auto-detected, or forced, with the text path of the generic shape), and copy and save as
 *  Markdown. */
class TranscriptView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TranscriptView)
public:
    explicit TranscriptView(sse::Transcript *transcript, const QString &streamName,
                            QWidget *parent = nullptr);

    /** The rendered response, as plain text (for tests and accessibility). */
    QString shownText() const;
    /** The timing line and any warning shown above the text. */
    QString timingText() const;
    /** "Transcript" or "Transcript (3)": for the tab title. */
    QString summary() const;
    /** The number of the response shown, 0 when there is none. */
    int shownResponse() const { return m_shown; }
    bool saveMarkdown(const QString &fileName, QString *error = nullptr) const;

public Q_SLOTS:
    void refresh();
    void copyMarkdown();

Q_SIGNALS:
    void summaryChanged(const QString &summary);

private:
    void applyShape();
    void chooseSave();
    void updateResponseList();

    QPointer<sse::Transcript> m_transcript;
    QString m_streamName;
    QComboBox *m_shape;
    QLineEdit *m_path;
    QComboBox *m_responses;
    QLabel *m_timing;
    QLabel *m_warning;
    QTextBrowser *m_text;
    QTimer *m_throttle;
    int m_shown = 0;          // response number shown
    bool m_followNewest = true;
    QString m_shownMarkdown;
    QString m_summary;
};
