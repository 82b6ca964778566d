#include "transcriptview.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

using sse::LlmResponse;
using sse::LlmShape;

namespace {

constexpr int RefreshMs = 100; // a growing answer is redrawn at most this often

const sse::LlmResponse *findResponse(const QList<LlmResponse> &responses, int number)
{
    for (const LlmResponse &response : responses) {
        if (response.number == number)
            return &response;
    }
    return nullptr;
}

} // namespace

TranscriptView::TranscriptView(sse::Transcript *transcript, const QString &streamName,
                               QWidget *parent)
    : QWidget(parent)
    , m_transcript(transcript)
    , m_streamName(streamName)
    , m_shape(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_responses(new QComboBox(this))
    , m_timing(new QLabel(this))
    , m_warning(new QLabel(this))
    , m_text(new QTextBrowser(this))
    , m_throttle(new QTimer(this))
{
    m_shape->addItem(tr("Detect the shape"), int(LlmShape::Auto));
    m_shape->addItem(tr("OpenAI Chat Completions"), int(LlmShape::OpenAiChat));
    m_shape->addItem(tr("OpenAI Responses"), int(LlmShape::OpenAiResponses));
    m_shape->addItem(tr("Anthropic Messages"), int(LlmShape::Anthropic));
    m_shape->addItem(tr("Generic: text at a JSON path"), int(LlmShape::Generic));
    m_shape->setAccessibleName(tr("Stream shape"));
    m_shape->setCurrentIndex(m_shape->findData(int(transcript->shape())));
    m_path->setPlaceholderText(tr("JSON path of the text, e.g. message.content"));
    m_path->setAccessibleName(tr("JSON path of the text"));
    m_path->setText(transcript->textPath());
    m_path->setVisible(transcript->shape() == LlmShape::Generic);
    m_responses->setAccessibleName(tr("Response"));
    m_responses->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *copy = new QPushButton(tr("Copy as Markdown"), this);
    auto *save = new QPushButton(tr("Save as Markdown…"), this);
    connect(copy, &QPushButton::clicked, this, &TranscriptView::copyMarkdown);
    connect(save, &QPushButton::clicked, this, &TranscriptView::chooseSave);
    connect(m_shape, &QComboBox::currentIndexChanged, this, &TranscriptView::applyShape);
    connect(m_path, &QLineEdit::editingFinished, this, &TranscriptView::applyShape);
    connect(m_responses, &QComboBox::activated, this, [this](int index) {
        m_followNewest = index == m_responses->count() - 1;
        m_shown = m_responses->itemData(index).toInt();
        refresh();
    });

    m_timing->setTextFormat(Qt::PlainText);
    m_timing->setWordWrap(true);
    m_timing->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("QLabel { color: #c0392b; font-weight: bold; }"));
    m_warning->hide();
    m_text->setAccessibleName(tr("Transcript"));
    m_text->setPlaceholderText(
        tr("No LLM response yet. Answers of OpenAI (Chat Completions, Responses), Anthropic "
           "Messages and compatible servers are assembled here as they stream."));
    m_text->setOpenLinks(false);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_shape);
    bar->addWidget(m_path, 1);
    bar->addWidget(m_responses);
    bar->addStretch();
    bar->addWidget(copy);
    bar->addWidget(save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_timing);
    layout->addWidget(m_warning);
    layout->addWidget(m_text, 1);

    m_throttle->setSingleShot(true);
    m_throttle->setInterval(RefreshMs);
    connect(m_throttle, &QTimer::timeout, this, &TranscriptView::refresh);
    connect(transcript, &sse::Transcript::changed, m_throttle, [this] {
        if (!m_throttle->isActive())
            m_throttle->start();
    });
    refresh();
}

void TranscriptView::applyShape()
{
    if (!m_transcript)
        return;
    const auto shape = LlmShape(m_shape->currentData().toInt());
    m_path->setVisible(shape == LlmShape::Generic);
    m_transcript->setShape(shape);
    m_transcript->setTextPath(m_path->text().trimmed());
}

void TranscriptView::updateResponseList()
{
    const QList<LlmResponse> &responses = m_transcript->responses();
    // Rebuilt only when the list of responses or a state changed, not for every chunk.
    QStringList labels;
    for (const LlmResponse &r : responses)
        labels.append(tr("Response %1: %2").arg(r.number).arg(sse::Transcript::stateText(r)));
    bool same = labels.size() == m_responses->count();
    for (int i = 0; same && i < labels.size(); ++i)
        same = m_responses->itemText(i) == labels.at(i);
    if (!same) {
        m_responses->clear();
        for (int i = 0; i < labels.size(); ++i)
            m_responses->addItem(labels.at(i), responses.at(i).number);
    }
    if (m_followNewest || !findResponse(responses, m_shown))
        m_shown = responses.isEmpty() ? 0 : responses.constLast().number;
    m_responses->setCurrentIndex(m_responses->findData(m_shown));
    m_responses->setVisible(!responses.isEmpty());
}

void TranscriptView::refresh()
{
    if (!m_transcript)
        return;
    updateResponseList();
    const LlmResponse *response = findResponse(m_transcript->responses(), m_shown);
    const QString summary = m_transcript->responses().isEmpty()
        ? tr("Transcript")
        : tr("Transcript (%1)").arg(m_transcript->responses().size());
    if (summary != m_summary) {
        m_summary = summary;
        Q_EMIT summaryChanged(summary);
    }
    if (!response) {
        m_timing->setText(tr("Shape: %1").arg(m_shape->currentText()));
        m_warning->hide();
        m_text->clear();
        m_shownMarkdown.clear();
        return;
    }
    m_timing->setText(sse::Transcript::timingText(*response));
    QString warning;
    if (response->state == LlmResponse::State::Failed)
        warning = tr("Server error: %1").arg(response->error.message.isEmpty()
                                                 ? response->error.code : response->error.message);
    else if (response->state == LlmResponse::State::Incomplete)
        warning = tr("Incomplete: the stream ended before the response's terminator; this is "
                     "not the whole answer.");
    else if (response->longestStallMs >= sse::Transcript::StallWarningMs)
        warning = tr("Stalled %1 ms after “%2”").arg(response->longestStallMs).arg(response->stallContext.right(30));
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());

    const QString markdown = sse::Transcript::toMarkdown(*response);
    if (markdown == m_shownMarkdown)
        return;
    m_shownMarkdown = markdown;
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum();
    const int value = bar->value();
    m_text->setMarkdown(markdown);
    bar->setValue(atEnd ? bar->maximum() : value);
}

QString TranscriptView::shownText() const
{
    return m_text->toPlainText();
}

QString TranscriptView::timingText() const
{
    return !m_warning->isHidden() ? m_timing->text() + u'\n' + m_warning->text() : m_timing->text();
}

QString TranscriptView::summary() const
{
    return m_summary;
}

void TranscriptView::copyMarkdown()
{
    if (m_transcript)
        QApplication::clipboard()->setText(m_transcript->toMarkdown(m_streamName));
}

bool TranscriptView::saveMarkdown(const QString &fileName, QString *error) const
{
    if (!m_transcript)
        return false;
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_transcript->toMarkdown(m_streamName).toUtf8()) < 0
        || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void TranscriptView::chooseSave()
{
    const QString name = QFileDialog::getSaveFileName(this, tr("Save Transcript"),
                                                      QStringLiteral("transcript.md"),
                                                      tr("Markdown (*.md)"));
    if (name.isEmpty())
        return;
    QString error;
    if (!saveMarkdown(name, &error))
        QMessageBox::warning(this, tr("Save Transcript"),
                             tr("The transcript could not be written: %1").arg(error));
}
