#pragma once

#include "diagnostics.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QTextBrowser;
class QTimer;
QT_END_NAMESPACE

/** The diagnostics of one stream: the checklist of findings (severity, explanation, fix), the
 *  request as sent and the response, and the timing analysis; live, with the page origin for
 *  the CORS checks, a text report to copy and a JSON export. */
class DiagnosticsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsView)
public:
    explicit DiagnosticsView(sse::Diagnostics *diagnostics, QWidget *parent = nullptr);

    QString pageOrigin() const;
    void setPageOrigin(const QString &origin);
    /** The rendered report, as plain text (for tests and accessibility). */
    QString shownText() const;
    /** A one-line summary for the tab title: "Diagnostics (2 warnings)". */
    QString summary() const;
    bool exportJson(const QString &fileName, QString *error = nullptr) const;

public Q_SLOTS:
    void refresh();
    void copyReport();

Q_SIGNALS:
    void summaryChanged(const QString &summary);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void applyOrigin();
    void chooseExport();
    QString html() const;

    QPointer<sse::Diagnostics> m_diagnostics;
    QLineEdit *m_origin;
    QLabel *m_originError;
    QTextBrowser *m_report;
    QTimer *m_ticker;
    QString m_summary;
};
