#pragma once

#include "session.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QTimer;
QT_END_NAMESPACE

/** One stream's last hour (its first five minutes, while it is younger) on one line: its status periods as coloured spans (open, silent,
 *  reconnecting, failed, ...) with the event density drawn over them, so "when did it break
 *  and for how long" takes one look. Hovering a span tells its status, times, duration and
 *  reason. It repaints on a status change and, while shown, every few seconds as time moves
 *  on; hidden, it costs nothing. */
class TimelineStrip final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineStrip)
public:
    static constexpr qint64 HourMs = 3600 * 1000;
    static constexpr qint64 ShortWindowMs = 5 * 60 * 1000;
    static constexpr int TickMs = 5000;

    explicit TimelineStrip(sse::Session *session, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /** What the strip shows at x (widget coordinates): the span's description, as its tooltip
     *  says it; empty where nothing was watched yet. For tests and accessibility. */
    QString describeAt(int x) const;
    /** The spans drawn, as x ranges with their status, at the current width. */
    struct Segment
    {
        int left = 0;
        int right = 0;     ///< exclusive
        sse::Session::Status status = sse::Session::Status::Idle;
    };
    QList<Segment> segments() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    /** The time shown: the last hour, or the first five minutes of a younger stream, so a
     *  new stream's story is not a sliver at the right edge. */
    qint64 windowMs(qint64 nowMs) const;
    QRect barRect() const;
    qint64 timeAt(int x, qint64 nowMs) const;
    int xAt(qint64 ms, qint64 nowMs) const;
    void updateSummary();

    QPointer<sse::Session> m_session;
    QTimer *m_ticker;
};
