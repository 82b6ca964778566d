#include "timelinestrip.h"

#include "statuspanel.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QPainter>
#include <QTimer>
#include <QToolTip>

#include <algorithm>
#include <cmath>

using Status = sse::Session::Status;
using StatusStyle::isDark;

namespace {

QString clock(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

TimelineStrip::TimelineStrip(sse::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_ticker(new QTimer(this))
{
    setAccessibleName(tr("Last hour"));
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_ticker->setInterval(TickMs);
    m_ticker->setTimerType(Qt::VeryCoarseTimer);
    connect(m_ticker, &QTimer::timeout, this, [this] {
        update();
        updateSummary();
    });
    connect(session, &sse::Session::statusChanged, this, [this] {
        if (isVisible()) {
            update();
            updateSummary();
        }
    });
}

QSize TimelineStrip::sizeHint() const
{
    return {400, fontMetrics().height() + 8};
}

QSize TimelineStrip::minimumSizeHint() const
{
    return {120, fontMetrics().height() + 8};
}

void TimelineStrip::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_ticker->start();
    updateSummary();
}

void TimelineStrip::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_ticker->stop();
}

qint64 TimelineStrip::windowMs(qint64 nowMs) const
{
    return m_session && nowMs - m_session->createdAtMs() < ShortWindowMs ? ShortWindowMs : HourMs;
}

QRect TimelineStrip::barRect() const
{
    // Room for "1 h ago" on the left and "now" on the right.
    const int left = std::max(fontMetrics().horizontalAdvance(tr("1 h ago")),
                              fontMetrics().horizontalAdvance(tr("5 min ago"))) + 8;
    const int right = fontMetrics().horizontalAdvance(tr("now")) + 8;
    return QRect(left, 2, std::max(1, width() - left - right), height() - 4);
}

int TimelineStrip::xAt(qint64 ms, qint64 nowMs) const
{
    const QRect bar = barRect();
    const qint64 window = windowMs(nowMs);
    const qint64 from = nowMs - window;
    const double share = double(std::clamp(ms, from, nowMs) - from) / double(window);
    return bar.left() + int(std::lround(share * (bar.width() - 1))); // now is the last pixel
}

qint64 TimelineStrip::timeAt(int x, qint64 nowMs) const
{
    const QRect bar = barRect();
    const double share = double(x - bar.left()) / double(std::max(1, bar.width() - 1));
    const qint64 window = windowMs(nowMs);
    return nowMs - window + qint64(share * double(window));
}

QList<TimelineStrip::Segment> TimelineStrip::segments() const
{
    QList<Segment> list;
    if (!m_session)
        return list;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const auto &span : m_session->statusSpans(now - windowMs(now))) {
        const int left = xAt(span.startMs, now);
        // right is exclusive: the span lasting until now covers the last pixel.
        const int right = span.endMs == 0 ? xAt(now, now) + 1 : xAt(span.endMs, now);
        // A span shorter than a pixel still shows: a drop of 200 ms is worth seeing.
        list.append(Segment{left, std::max(right, left + 1), span.status});
    }
    return list;
}

void TimelineStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const bool dark = isDark(this);
    const QRect bar = barRect();
    const QColor muted = palette().color(QPalette::PlaceholderText);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool shortWindow = windowMs(now) == ShortWindowMs;
    p.setPen(muted);
    p.drawText(QRect(0, 0, bar.left() - 4, height()), Qt::AlignRight | Qt::AlignVCenter,
               shortWindow ? tr("5 min ago") : tr("1 h ago"));
    p.drawText(QRect(bar.right() + 5, 0, width() - bar.right() - 5, height()),
               Qt::AlignLeft | Qt::AlignVCenter, tr("now"));
    p.fillRect(bar, palette().color(QPalette::AlternateBase));
    if (!m_session)
        return;

    // Status spans; time before the stream was watched stays empty.
    for (const Segment &s : segments()) {
        QColor colour = s.status == Status::Idle ? palette().color(QPalette::Mid)
                                                 : StatusStyle::color(s.status, dark);
        colour.setAlpha(s.status == Status::Idle ? 90 : 170);
        p.fillRect(QRect(s.left, bar.top(), s.right - s.left, bar.height()), colour);
    }

    // Event density per minute (per 5 s in the short window), as bars from the bottom.
    const auto density = shortWindow ? sse::Session::Window::FiveMinutes : sse::Session::Window::Hour;
    const QList<int> counts = m_session->eventCounts(density);
    const int peak = counts.isEmpty() ? 0 : *std::max_element(counts.cbegin(), counts.cend());
    if (peak > 0) {
        QColor ink = palette().color(QPalette::WindowText);
        ink.setAlpha(dark ? 130 : 100);
        const qint64 slot = sse::Session::slotMs(density);
        const qint64 currentSlot = now / slot;
        for (qsizetype i = 0; i < counts.size(); ++i) {
            if (counts.at(i) == 0)
                continue;
            const qint64 start = (currentSlot - (counts.size() - 1 - i)) * slot;
            const int left = xAt(start, now);
            const int right = std::max(left + 1, xAt(start + slot, now) - 1);
            // The lower half: the status colour stays readable above the bars.
            const int h = std::max(2, int(double(bar.height()) / 2.0 * counts.at(i) / peak));
            p.fillRect(QRect(left, bar.bottom() - h + 1, right - left, h), ink);
        }
    }
    p.setPen(palette().color(QPalette::Mid));
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar.adjusted(0, 0, -1, -1));
}

QString TimelineStrip::describeAt(int x) const
{
    if (!m_session || !barRect().contains(x, barRect().center().y()))
        return {};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 t = timeAt(x, now);
    for (const auto &span : m_session->statusSpans(now - windowMs(now))) {
        const qint64 end = span.endMs == 0 ? now : span.endMs;
        if (t < span.startMs || t > end)
            continue;
        QString text = tr("%1, %2 to %3 (%4)")
                           .arg(sse::Session::statusText(span.status), clock(span.startMs),
                                span.endMs == 0 ? tr("now") : clock(span.endMs),
                                StatusStyle::duration(end - span.startMs));
        if (!span.reason.isEmpty())
            text += u'\n' + span.reason;
        const qint64 slot = sse::Session::slotMs(sse::Session::Window::Hour);
        const QList<int> counts = m_session->eventCounts(sse::Session::Window::Hour);
        const qint64 index = counts.size() - 1 - (now / slot - t / slot);
        if (index >= 0 && index < counts.size())
            text += u'\n' + tr("%n event(s) in the minute from %1", nullptr, counts.at(index))
                                .arg(QDateTime::fromMSecsSinceEpoch(t / slot * slot).toString(QStringLiteral("HH:mm")));
        return text;
    }
    return tr("Not watched yet");
}

bool TimelineStrip::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = describeAt(help->pos().x());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void TimelineStrip::updateSummary()
{
    if (!m_session)
        return;
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - HourMs;
    const double up = m_session->upPercent(since);
    int drops = 0;
    for (const auto &span : m_session->statusSpans(since))
        drops += span.status == Status::Reconnecting || span.status == Status::Failed ? 1 : 0;
    const QString text = up < 0 ? tr("Last hour: not watched")
                                : tr("Last hour: up %1 %, %n interruption(s)", nullptr, drops)
                                      .arg(QString::number(up, 'f', up >= 99.95 || up < 0.05 ? 0 : 1));
    setAccessibleDescription(text);
    setToolTip(QString()); // tooltips come from event(), per position
    setStatusTip(text);
}
