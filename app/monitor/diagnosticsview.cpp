#include "diagnosticsview.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

using sse::Finding;

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString esc(const QByteArray &s)
{
    return QString::fromUtf8(s).toHtmlEscaped();
}

QString severityColor(Finding::Severity severity)
{
    switch (severity) {
    case Finding::Severity::Error: return QStringLiteral("#c62828");
    case Finding::Severity::Warning: return QStringLiteral("#e65c00");
    case Finding::Severity::Info: break;
    }
    return QStringLiteral("#1565c0");
}

QString ms(qint64 value)
{
    return value < 0 ? QCoreApplication::translate("DiagnosticsView", "—")
                     : QCoreApplication::translate("DiagnosticsView", "%1 ms").arg(QLocale().toString(value));
}

} // namespace

DiagnosticsView::DiagnosticsView(sse::Diagnostics *diagnostics, QWidget *parent)
    : QWidget(parent)
    , m_diagnostics(diagnostics)
    , m_origin(new QLineEdit(this))
    , m_originError(new QLabel(this))
    , m_report(new QTextBrowser(this))
    , m_ticker(new QTimer(this))
{
    m_origin->setPlaceholderText(tr("Page origin for the CORS checks, e.g. http://localhost:3000"));
    m_origin->setAccessibleName(tr("Page origin"));
    m_origin->setClearButtonEnabled(true);
    m_originError->setTextFormat(Qt::PlainText);
    m_originError->hide();
    m_report->setOpenLinks(false);
    m_report->setAccessibleName(tr("Diagnostics report"));
    auto *copy = new QPushButton(tr("Copy report"), this);
    auto *exportJson = new QPushButton(tr("Export JSON…"), this);
    connect(copy, &QPushButton::clicked, this, &DiagnosticsView::copyReport);
    connect(exportJson, &QPushButton::clicked, this, &DiagnosticsView::chooseExport);
    connect(m_origin, &QLineEdit::editingFinished, this, &DiagnosticsView::applyOrigin);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Page origin:"), this));
    bar->addWidget(m_origin, 1);
    bar->addWidget(copy);
    bar->addWidget(exportJson);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_originError);
    layout->addWidget(m_report, 1);

    connect(diagnostics, &sse::Diagnostics::findingsChanged, this, &DiagnosticsView::refresh);
    connect(diagnostics, &sse::Diagnostics::exchangeChanged, this, &DiagnosticsView::refresh);
    // Timing (silence, observed time) moves on by itself: refresh while shown, and only then
    // tick (a hidden tab's timer would wake the application every second for nothing).
    connect(m_ticker, &QTimer::timeout, this, &DiagnosticsView::refresh);
    m_ticker->setInterval(1000);
    refresh();
}

QString DiagnosticsView::pageOrigin() const
{
    return m_origin->text().trimmed();
}

void DiagnosticsView::setPageOrigin(const QString &origin)
{
    m_origin->setText(origin);
    applyOrigin();
}

void DiagnosticsView::applyOrigin()
{
    const QString text = m_origin->text().trimmed();
    const QUrl url(text, QUrl::StrictMode);
    const bool valid = text.isEmpty()
        || (url.isValid() && !url.host().isEmpty()
            && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")));
    m_originError->setVisible(!valid);
    m_originError->setText(tr("“%1” is not an origin like http://localhost:3000.").arg(text));
    if (!valid || !m_diagnostics)
        return;
    m_diagnostics->setPageOrigin(text.isEmpty() ? QUrl() : url);
    refresh();
}

void DiagnosticsView::showEvent(QShowEvent *event)
{
    refresh();
    m_ticker->start();
    QWidget::showEvent(event);
}

void DiagnosticsView::hideEvent(QHideEvent *event)
{
    m_ticker->stop();
    QWidget::hideEvent(event);
}

QString DiagnosticsView::summary() const
{
    return m_summary;
}

QString DiagnosticsView::shownText() const
{
    return m_report->toPlainText();
}

void DiagnosticsView::refresh()
{
    if (!m_diagnostics)
        return;
    int errors = 0;
    int warnings = 0;
    for (const Finding &f : m_diagnostics->findings()) {
        errors += f.severity == Finding::Severity::Error;
        warnings += f.severity == Finding::Severity::Warning;
    }
    QString summary = tr("Diagnostics");
    if (errors || warnings)
        summary = tr("Diagnostics (%n problem(s))", nullptr, errors + warnings);
    if (summary != m_summary) {
        m_summary = summary;
        Q_EMIT summaryChanged(summary);
    }
    if (!isVisible())
        return; // rendered when shown
    const int scroll = m_report->verticalScrollBar()->value();
    m_report->setHtml(html());
    m_report->verticalScrollBar()->setValue(scroll);
}

QString DiagnosticsView::html() const
{
    const sse::Diagnostics &d = *m_diagnostics;
    QString h;
    h += QStringLiteral("<h3>") + esc(tr("Findings")) + QStringLiteral("</h3>");
    const QList<Finding> findings = d.findings();
    if (findings.isEmpty())
        h += QStringLiteral("<p>") + esc(tr("No problems found so far. Findings appear as the stream is observed.")) + QStringLiteral("</p>");
    for (const Finding &f : findings) {
        h += QStringLiteral("<p><b style=\"color:%1\">[%2]</b> <b>%3</b><br>%4<br><i>%5</i> %6</p>")
                 .arg(severityColor(f.severity), esc(Finding::severityText(f.severity)), esc(f.title),
                      esc(f.explanation), esc(tr("Fix:")), esc(f.fix));
    }

    const sse::StreamTiming t = d.timing();
    h += QStringLiteral("<h3>") + esc(tr("Timing")) + QStringLiteral("</h3><table cellspacing=\"2\">");
    const auto row = [&h](const QString &label, const QString &value) {
        h += QStringLiteral("<tr><td>") + esc(label) + QStringLiteral("</td><td>") + esc(value) + QStringLiteral("</td></tr>");
    };
    const QLocale locale;
    row(tr("Time to first byte"), ms(t.timeToFirstByteMs));
    row(tr("Time to first event"), ms(t.timeToFirstEventMs));
    row(tr("Events / comments / reads"), tr("%1 / %2 / %3")
                                              .arg(locale.toString(t.events), locale.toString(t.comments),
                                                   locale.toString(t.reads)));
    row(tr("Heartbeat interval"),
        t.heartbeatSource == sse::StreamTiming::HeartbeatSource::None
            ? tr("none detected")
            : tr("%1 (from %2)").arg(ms(t.heartbeatIntervalMs),
                                     t.heartbeatSource == sse::StreamTiming::HeartbeatSource::Comments
                                         ? tr("comments")
                                         : tr("events")));
    row(tr("Longest silence"), ms(t.longestSilenceMs));
    row(tr("Bursts (largest)"), tr("%1 (%2 events)").arg(t.bursts).arg(t.largestBurst));
    row(tr("Server retry"), ms(t.serverRetryMs));
    h += QStringLiteral("</table>");
    // The inter-arrival histogram, as bars of text.
    qint64 peak = 1;
    for (qint64 n : t.histogram)
        peak = qMax(peak, n);
    h += QStringLiteral("<p><b>") + esc(tr("Time between events")) + QStringLiteral("</b></p><table cellspacing=\"1\">");
    for (int i = 0; i < t.histogram.size(); ++i) {
        const auto &bounds = sse::StreamTiming::HistogramBoundsMs;
        const QString label = i == 0 ? QStringLiteral("< %1 ms").arg(bounds[0])
            : i < int(bounds.size())  ? QStringLiteral("%1–%2 ms").arg(bounds[i - 1]).arg(bounds[i])
                                      : QStringLiteral("≥ %1 ms").arg(bounds.back());
        const int width = int(40 * t.histogram[i] / peak);
        h += QStringLiteral("<tr><td align=\"right\">%1</td><td><tt>%2</tt> %3</td></tr>")
                 .arg(esc(label), QString(width, QChar(0x2588)), locale.toString(t.histogram[i]));
    }
    h += QStringLiteral("</table>");

    if (d.hasRequest()) {
        const sse::RequestInfo &r = d.request();
        h += QStringLiteral("<h3>") + esc(tr("Request as sent")) + QStringLiteral("</h3><p><tt>") + esc(r.method) + u' '
            + esc(r.url.toDisplayString()) + QStringLiteral("</tt><br>");
        for (const sse::Header &header : r.headers) // secret values are already masked
            h += QStringLiteral("<tt>") + esc(header.name) + QStringLiteral(": ") + esc(header.value) + QStringLiteral("</tt><br>");
        for (const sse::Header &header : r.implicitHeaders) {
            h += QStringLiteral("<tt>") + esc(header.name) + QStringLiteral(": ") + esc(header.value)
                + QStringLiteral("</tt> <i>") + esc(tr("(added by Qt)")) + QStringLiteral("</i><br>");
        }
        h += QStringLiteral("</p>");
    }
    if (!d.hasResponse() && d.timing().awaitingResponseMs > 0) {
        h += QStringLiteral("<h3>") + esc(tr("Response")) + QStringLiteral("</h3><p>")
            + esc(tr("Connected, request sent, no response for %1 s yet.")
                      .arg(double(d.timing().awaitingResponseMs) / 1000.0, 0, 'f', 1))
            + QStringLiteral("</p>");
    }
    if (d.hasResponse()) {
        const sse::ResponseInfo &r = d.response();
        h += QStringLiteral("<h3>") + esc(tr("Response")) + QStringLiteral("</h3><p><tt>") + esc(r.http2 ? QStringLiteral("HTTP/2") : QStringLiteral("HTTP/1.1"))
            + u' ' + QString::number(r.status) + u' ' + esc(r.reasonPhrase) + QStringLiteral("</tt><br>");
        for (const auto &header : r.headers)
            h += QStringLiteral("<tt>") + esc(header.first) + QStringLiteral(": ") + esc(header.second) + QStringLiteral("</tt><br>");
        h += QStringLiteral("</p>");
        if (!r.redirects.isEmpty()) {
            h += QStringLiteral("<p>") + esc(tr("Redirects:")) + QStringLiteral("<br>");
            for (const QUrl &u : r.redirects)
                h += QStringLiteral("<tt>") + esc(u.toDisplayString()) + QStringLiteral("</tt> →<br>");
            h += QStringLiteral("<tt>") + esc(r.url.toDisplayString()) + QStringLiteral("</tt></p>");
        }
        const QByteArray body = d.refusedBody();
        if (!body.isNull()) {
            h += QStringLiteral("<p>") + esc(tr("Body (first %1 bytes):").arg(sse::Error::MaxBodyBytes))
                + QStringLiteral("</p><pre>") + esc(QString::fromUtf8(body)) + QStringLiteral("</pre>");
        }
    }
    return h;
}

void DiagnosticsView::copyReport()
{
    if (m_diagnostics)
        QApplication::clipboard()->setText(m_diagnostics->toText());
}

bool DiagnosticsView::exportJson(const QString &fileName, QString *error) const
{
    QSaveFile file(fileName);
    if (!m_diagnostics || !file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(QJsonDocument(m_diagnostics->toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void DiagnosticsView::chooseExport()
{
    const QString name = QFileDialog::getSaveFileName(this, tr("Export Diagnostics"), QStringLiteral("diagnostics.json"),
                                                      tr("JSON (*.json)"));
    if (name.isEmpty())
        return;
    QString error;
    if (!exportJson(name, &error))
        QMessageBox::warning(this, tr("Export Diagnostics"), tr("The report could not be written: %1").arg(error));
}
