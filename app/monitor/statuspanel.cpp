#include "statuspanel.h"

#include <QApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QPushButton>
#include <QStyle>
#include <QTimer>

using sse::Session;

namespace StatusStyle {

QColor color(Session::Status status, bool dark)
{
    switch (status) {
    case Session::Status::Open: return dark ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
    case Session::Status::Silent: return dark ? QColor(0xce, 0x93, 0xd8) : QColor(0x7b, 0x1f, 0xa2);
    case Session::Status::Connecting: return dark ? QColor(0xff, 0xd5, 0x4f) : QColor(0xb2, 0x8a, 0x00);
    case Session::Status::Reconnecting: return dark ? QColor(0xff, 0xa7, 0x26) : QColor(0xe6, 0x5c, 0x00);
    case Session::Status::Failed: return dark ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
    case Session::Status::Stopped: return dark ? QColor(0x90, 0xa4, 0xae) : QColor(0x45, 0x5a, 0x64);
    case Session::Status::Idle: break;
    }
    return dark ? QColor(0x9e, 0x9e, 0x9e) : QColor(0x75, 0x75, 0x75);
}

QIcon icon(Session::Status status, bool dark)
{
    QIcon icon;
    for (int size : {16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(color(status, dark));
        const qreal margin = size * 0.2;
        const QRectF r(margin, margin, size - 2 * margin, size - 2 * margin);
        if (status == Session::Status::Failed) {
            p.drawRoundedRect(r, size * 0.1, size * 0.1); // a square: not colour alone
        } else if (status == Session::Status::Reconnecting || status == Session::Status::Connecting) {
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(color(status, dark), size * 0.14));
            p.drawArc(r, 30 * 16, 300 * 16); // an open ring
        } else if (status == Session::Status::Silent) {
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(color(status, dark), size * 0.14));
            p.drawEllipse(r); // a closed, hollow ring: up, but nothing comes
            p.setPen(Qt::NoPen);
            p.setBrush(color(status, dark));
            const qreal dot = size * 0.16;
            p.drawEllipse(r.center(), dot, dot);
        } else {
            p.drawEllipse(r);
        }
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString duration(qint64 ms)
{
    const qint64 s = qMax<qint64>(0, ms / 1000);
    if (s < 60)
        return QCoreApplication::translate("StatusStyle", "%1 s").arg(s);
    if (s < 3600)
        return QCoreApplication::translate("StatusStyle", "%1 min %2 s")
            .arg(s / 60)
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("StatusStyle", "%1 h %2 min")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

bool isDark(const QWidget *widget)
{
    return isDark(widget->palette());
}

} // namespace StatusStyle

namespace {
using StatusStyle::isDark;
} // namespace

StatusPanel::StatusPanel(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_dot(new QLabel(this))
    , m_state(new QLabel(this))
    , m_insecure(new QWidget(this))
    , m_insecureLabel(new QLabel(tr("Insecure: TLS errors ignored"), m_insecure))
    , m_countdown(new QWidget(this))
    , m_countdownLabel(new QLabel(m_countdown))
    , m_reason(new QWidget(this))
    , m_reasonLabel(new QLabel(m_reason))
    , m_retryNow(new QPushButton(tr("Retry now"), m_countdown))
    , m_stopRetrying(new QPushButton(tr("Stop retrying"), m_countdown))
    , m_ticker(new QTimer(this))
{
    setAccessibleName(tr("Connection status"));
    m_state->setTextFormat(Qt::PlainText);
    m_countdownLabel->setTextFormat(Qt::PlainText);
    m_countdownLabel->setAccessibleName(tr("Reconnect countdown"));
    // A long reason is clipped (full text on hover) rather than widening the window.
    m_countdownLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_countdownLabel->setMinimumWidth(120);
    QFont bold = m_state->font();
    bold.setBold(true);
    m_state->setFont(bold);

    // A badge, not only a tooltip: red with white bold text and the warning icon.
    m_insecure->setObjectName(QStringLiteral("insecureBadge"));
    m_insecure->setAccessibleName(tr("Insecure connection"));
    m_insecure->setAttribute(Qt::WA_StyledBackground);
    m_insecure->setStyleSheet(QStringLiteral(
        "#insecureBadge { background-color: #b71c1c; border-radius: 3px; }"
        "#insecureBadge QLabel { color: white; font-weight: bold; }"));
    auto *insecureIcon = new QLabel(m_insecure);
    insecureIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    m_insecureLabel->setTextFormat(Qt::PlainText);
    auto *insecureLayout = new QHBoxLayout(m_insecure);
    insecureLayout->setContentsMargins(4, 1, 6, 1);
    insecureLayout->setSpacing(4);
    insecureLayout->addWidget(insecureIcon);
    insecureLayout->addWidget(m_insecureLabel);
    m_insecure->hide();

    auto *countdownLayout = new QHBoxLayout(m_countdown);
    countdownLayout->setContentsMargins(12, 0, 0, 0);
    countdownLayout->addWidget(m_countdownLabel, 1);
    countdownLayout->addWidget(m_retryNow);
    countdownLayout->addWidget(m_stopRetrying);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_dot);
    layout->addWidget(m_state);
    layout->addSpacing(8);
    layout->addWidget(m_insecure);
    layout->addWidget(m_countdown, 1);
    layout->addWidget(m_reason, 1);
    layout->addStretch();

    // The reason of a failure on screen, not only on hover: the error (with what the server
    // said) and a link to the stream's diagnostics.
    m_reasonLabel->setTextFormat(Qt::PlainText);
    m_reasonLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_reasonLabel->setMinimumWidth(120);
    m_reasonLabel->setAccessibleName(tr("Last error"));
    m_reasonLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *diagnosticsLink = new QLabel(QStringLiteral("<a href=\"#diagnostics\">%1</a>").arg(tr("Diagnostics")), m_reason);
    diagnosticsLink->setTextInteractionFlags(Qt::TextBrowserInteraction);
    diagnosticsLink->setAccessibleName(tr("Show the diagnostics"));
    connect(diagnosticsLink, &QLabel::linkActivated, this, &StatusPanel::diagnosticsRequested);
    auto *reasonLayout = new QHBoxLayout(m_reason);
    reasonLayout->setContentsMargins(0, 0, 0, 0);
    reasonLayout->addWidget(m_reasonLabel, 1);
    reasonLayout->addWidget(diagnosticsLink);
    m_reason->hide();
    // The row keeps one height whether the countdown's buttons show or not: the window must
    // not jump on every reconnect.
    m_countdown->show();
    setFixedHeight(sizeHint().height());
    m_countdown->hide();

    connect(m_retryNow, &QPushButton::clicked, session, &Session::reconnectNow);
    connect(m_stopRetrying, &QPushButton::clicked, session, &Session::disconnectStream);
    connect(session, &Session::statusChanged, this, &StatusPanel::refresh);
    connect(session, &Session::configChanged, this, &StatusPanel::refresh);
    connect(session->source(), &sse::EventSource::tlsErrorsIgnored, this, &StatusPanel::refresh);
    connect(session->source(), &sse::EventSource::reconnectScheduled, this, &StatusPanel::refresh);
    connect(m_ticker, &QTimer::timeout, this, &StatusPanel::refresh);
    // Ticks only while shown: hidden tabs cost no wake-ups (refreshed when shown again).
    refresh();
}

QString StatusPanel::stateText() const
{
    return m_state->text();
}

QString StatusPanel::reasonText() const
{
    return m_reasonLabel->text();
}

bool StatusPanel::isReasonVisible() const
{
    return !m_reason->isHidden();
}

QString StatusPanel::countdownText() const
{
    return m_countdownLabel->text();
}

bool StatusPanel::isCountdownVisible() const
{
    return !m_countdown->isHidden();
}

bool StatusPanel::isInsecureBadgeVisible() const
{
    return !m_insecure->isHidden();
}

QString StatusPanel::insecureBadgeText() const
{
    return m_insecureLabel->text();
}

QString StatusPanel::insecureBadgeToolTip() const
{
    return m_insecure->toolTip();
}

void StatusPanel::refresh()
{
    if (!m_session)
        return;
    const Session::Status status = m_session->status();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool dark = isDark(this);
    // The panel ticks while shown: setting an unchanged pixmap, palette or tooltip would still
    // relayout and repaint the window every tick, so only changes are applied.
    const bool restyle = int(status) != m_styledStatus || dark != m_styledDark;
    m_styledStatus = int(status);
    m_styledDark = dark;
    if (restyle)
        m_dot->setPixmap(StatusStyle::icon(status, dark).pixmap(16, 16));
    // Connected and sent, but no response head: say so, since a buffering proxy can keep a
    // stream here for minutes and "Connecting" alone reads like a network problem.
    const qint64 awaitingSince = m_session->source()->awaitingResponseSinceMs();
    if (awaitingSince > 0 && now - awaitingSince >= AwaitingNoticeMs) {
        m_state->setText(tr("Connected, request sent, no response for %1: a proxy may be "
                            "buffering the response (nginx: proxy_buffering off / "
                            "X-Accel-Buffering: no)")
                             .arg(StatusStyle::duration(now - awaitingSince)));
    } else {
        m_state->setText(tr("%1 · %2").arg(Session::statusText(status),
                                           StatusStyle::duration(now - m_session->statusSinceMs())));
    }
    if (restyle) {
        QPalette pal = m_state->palette();
        pal.setColor(QPalette::WindowText, StatusStyle::color(status, dark));
        m_state->setPalette(pal);
    }

    QString tip = Session::statusText(status);
    if (m_session->hasError() || status == Session::Status::Failed)
        tip += u'\n' + tr("Last error: %1").arg(m_session->lastError().message);
    if (tip != toolTip())
        setToolTip(tip);

    const bool insecure = m_session->tlsErrorsIgnored();
    m_insecure->setVisible(insecure);
    if (insecure) {
        const QStringList errors = m_session->ignoredTlsErrors();
        QString insecureTip = tr("This stream ignores TLS certificate errors: the connection is "
                                 "not authenticated, so anyone on the network can read and "
                                 "alter it.");
        insecureTip += u'\n'
            + (errors.isEmpty() ? tr("No certificate error has been ignored so far.")
                                : tr("Ignored: %1").arg(errors.join(u'\n')));
        m_insecure->setToolTip(insecureTip);
    }

    const bool pending = status == Session::Status::Reconnecting && m_session->isReconnectPending();
    const bool failed = status == Session::Status::Failed && m_session->hasError();
    m_reason->setVisible(failed);
    if (failed) {
        const sse::Error error = m_session->lastError();
        m_reasonLabel->setText(error.message);
        m_reasonLabel->setToolTip(error.body.isEmpty()
                                      ? error.message
                                      : error.message + QStringLiteral("\n\n") + QString::fromUtf8(error.body.left(1024)));
    }
    m_countdown->setVisible(pending);
    // The countdown shows tenths of a second; the time in state only seconds, on the whole
    // second as the statistics' line ticks, so the window repaints once a second, not twice.
    m_ticker->setTimerType(pending ? Qt::CoarseTimer : Qt::VeryCoarseTimer);
    m_ticker->setInterval(pending ? 250 : 1000);
    if (!pending)
        return;
    const sse::ReconnectInfo info = m_session->pendingReconnect();
    const double seconds = qMax<qint64>(0, info.dueAtMs - now) / 1000.0;
    const QString attempt = info.maxRetries >= 0
        ? tr("attempt %1 of %2").arg(info.attempt).arg(info.maxRetries)
        : tr("attempt %1").arg(info.attempt);
    const QString reason = info.cleanEnd ? tr("The server ended the stream.") : info.reason.message;
    m_countdownLabel->setText(tr("Reconnecting in %1 s (%2). %3")
                                  .arg(seconds, 0, 'f', 1)
                                  .arg(attempt, reason));
    m_countdownLabel->setToolTip(reason);
}

void StatusPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_ticker->start();
}

void StatusPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_ticker->stop();
}
