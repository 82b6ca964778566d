#pragma once

#include <QSyntaxHighlighter>

/** Colours JSON keys, strings, numbers and literals; follows the palette (light or dark). */
class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonHighlighter)
public:
    /** Highlights nothing until setDocument() is called. */
    JsonHighlighter(bool darkPalette, QObject *parent);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key, m_string, m_number, m_literal;
};
