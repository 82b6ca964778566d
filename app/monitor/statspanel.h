#pragma once

#include "session.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QTimer;
QT_END_NAMESPACE

/** A small bar graph of events per second over the last minute. */
class RateGraph final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RateGraph)
public:
    explicit RateGraph(QWidget *parent = nullptr);
    void setValues(const QList<int> &values);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<int> m_values;
};

/** Statistics of one stream: events, bytes, rate with its graph, reconnects, connected time
 *  and time since the last event; refreshed every second. */
class StatsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsPanel)
public:
    explicit StatsPanel(sse::Session *session, QWidget *parent = nullptr);
    QString text() const;
    void refresh();

    static QString bytes(qint64 count);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QPointer<sse::Session> m_session;
    QLabel *m_label;
    RateGraph *m_graph;
    QLabel *m_secondary;
    QTimer *m_timer;
};
