#include "statspanel.h"
#include "statuspanel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QTimer>

RateGraph::RateGraph(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Events per second over the last minute"));
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void RateGraph::setValues(const QList<int> &values)
{
    m_values = values;
    int peak = 0;
    for (int v : values)
        peak = qMax(peak, v);
    setToolTip(tr("Events per second, last %1 s (peak %2)").arg(values.size()).arg(peak));
    update();
}

QSize RateGraph::sizeHint() const
{
    return {120, fontMetrics().height() + 4};
}

void RateGraph::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRectF area = rect().adjusted(0, 1, 0, -1);
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(area.bottomLeft(), area.bottomRight());
    if (m_values.isEmpty())
        return;
    int peak = 1;
    for (int v : std::as_const(m_values))
        peak = qMax(peak, v);
    const qreal barWidth = area.width() / m_values.size();
    p.setPen(Qt::NoPen);
    p.setBrush(palette().color(QPalette::Highlight));
    for (int i = 0; i < m_values.size(); ++i) {
        if (m_values[i] <= 0)
            continue;
        const qreal h = qMax<qreal>(1.0, area.height() * m_values[i] / peak);
        p.drawRect(QRectF(area.left() + i * barWidth, area.bottom() - h, qMax<qreal>(1.0, barWidth - 0.5), h));
    }
}

StatsPanel::StatsPanel(sse::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_label(new QLabel(this))
    , m_graph(new RateGraph(this))
    , m_secondary(new QLabel(this))
    , m_timer(new QTimer(this))
{
    setAccessibleName(tr("Stream statistics"));
    m_label->setTextFormat(Qt::PlainText);
    m_secondary->setTextFormat(Qt::PlainText);
    m_secondary->setForegroundRole(QPalette::PlaceholderText);
    // Secondary figures give way (clipped, full text on hover) before the window grows.
    m_secondary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_secondary->setMinimumWidth(0);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_graph);
    layout->addWidget(m_secondary, 1);
    // On the whole second, as the status line's time in state: one repaint a second for both.
    m_timer->setTimerType(Qt::VeryCoarseTimer);
    connect(m_timer, &QTimer::timeout, this, &StatsPanel::refresh);
    // Ticks only while shown: hidden tabs cost no wake-ups (refreshed when shown again).
    refresh();
}

QString StatsPanel::bytes(qint64 count)
{
    return QLocale().formattedDataSize(count, 1, QLocale::DataSizeTraditionalFormat);
}

QString StatsPanel::text() const
{
    return m_label->text() + QStringLiteral(" · ") + m_secondary->text();
}

void StatsPanel::refresh()
{
    if (!m_session)
        return;
    const sse::Statistics s = m_session->statistics();
    const QList<int> rate = m_session->eventCounts(sse::Session::Window::Minute);
    // The last complete second is the rate a user expects to read.
    const int perSecond = rate.size() >= 2 ? rate.at(rate.size() - 2) : 0;
    const QLocale locale;
    m_label->setText(tr("%1 events · %2 · %3 ev/s")
                         .arg(locale.toString(s.events), bytes(s.bodyBytes), locale.toString(perSecond)));
    m_graph->setValues(rate);
    QString since = tr("no events yet");
    if (s.lastEventAtMs > 0) {
        const qint64 ago = QDateTime::currentMSecsSinceEpoch() - s.lastEventAtMs;
        since = tr("last event %1 ago").arg(StatusStyle::duration(ago));
    }
    m_secondary->setText(tr("reconnects: %1 · connected %2% · %3")
                             .arg(s.reconnects)
                             .arg(s.connectedPercent(), 0, 'f', 0)
                             .arg(since));
    m_secondary->setToolTip(m_secondary->text());
}

void StatsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer->start(1000);
}

void StatsPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}
