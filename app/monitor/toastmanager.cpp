#include "toastmanager.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {

QColor accent(Toast::Severity severity)
{
    switch (severity) {
    case Toast::Severity::Success: return QColor(0x2e, 0x7d, 0x32);
    case Toast::Severity::Warning: return QColor(0xe6, 0x5c, 0x00);
    case Toast::Severity::Error: return QColor(0xc6, 0x28, 0x28);
    case Toast::Severity::Info: break;
    }
    return QColor(0x15, 0x65, 0xc0);
}

} // namespace

Toast::Toast(const QString &key, Severity severity, const QString &title, const QString &message,
             int durationMs, bool persistent, QWidget *parent)
    : QFrame(parent)
    , m_key(key)
    , m_baseTitle(title)
    , m_severity(severity)
    , m_persistent(persistent)
    , m_title(new QLabel(this))
    , m_message(new QLabel(message, this))
    , m_close(new QToolButton(this))
    , m_timeout(new QTimer(this))
    , m_durationMs(durationMs)
    , m_at(QDateTime::currentDateTime())
{
    setObjectName(QStringLiteral("toast"));
    setFocusPolicy(Qt::TabFocus); // reachable by keyboard, never takes focus by itself
    setCursor(Qt::PointingHandCursor);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setStyleSheet(QStringLiteral("#toast { background-color: palette(window); border: 1px solid "
                                 "palette(mid); border-left: 5px solid %1; border-radius: 4px; }"
                                 "#toast:focus { border: 2px solid palette(highlight); "
                                 "border-left: 5px solid %1; }")
                      .arg(accent(severity).name()));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss (Esc)"));
    m_close->setAccessibleName(tr("Dismiss notification"));
    m_close->setCursor(Qt::ArrowCursor);
    connect(m_close, &QToolButton::clicked, this, &Toast::dismissed);
    auto *head = new QHBoxLayout;
    head->setSpacing(4);
    head->addWidget(m_title, 1);
    head->addWidget(m_close, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 6, 6, 8);
    layout->setSpacing(2);
    layout->addLayout(head);
    layout->addWidget(m_message);
    setFixedWidth(340);
    setMaximumHeight(140);
    updateTexts();
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, &Toast::expired);
    restartTimeout();
}

QString Toast::title() const
{
    return m_title->text();
}

QString Toast::message() const
{
    return m_message->text();
}

void Toast::repeat(const QString &message)
{
    ++m_count;
    m_at = QDateTime::currentDateTime();
    m_message->setText(message);
    updateTexts();
    restartTimeout();
}

void Toast::updateTexts()
{
    // The time it happened, never a relative time that would go stale on screen.
    const QString title = m_count > 1 ? tr("%1 (%2 times)").arg(m_baseTitle).arg(m_count) : m_baseTitle;
    m_title->setText(tr("%1 · %2").arg(m_at.toString(QStringLiteral("HH:mm:ss")), title));
    m_message->setVisible(!m_message->text().isEmpty());
    setAccessibleName(m_title->text());
    setAccessibleDescription(m_message->text());
}

void Toast::restartTimeout()
{
    if (m_persistent)
        m_timeout->stop();
    else
        m_timeout->start(m_durationMs);
}

void Toast::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT clicked();
}

void Toast::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
    case Qt::Key_Delete:
        Q_EMIT dismissed();
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        Q_EMIT clicked();
        return;
    default:
        QFrame::keyPressEvent(event);
    }
}

void Toast::enterEvent(QEnterEvent *)
{
    m_timeout->stop(); // reading it: keep it
}

void Toast::leaveEvent(QEvent *)
{
    restartTimeout();
}

ToastManager::ToastManager(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(8, 4, 8, 4);
    m_layout->setSpacing(8);
    m_layout->addStretch();
    setAccessibleName(tr("Notifications"));
    hide();
}

void ToastManager::setMaxVisible(int count)
{
    m_maxVisible = qMax(1, count);
    evict();
}

void ToastManager::setDuration(int ms)
{
    m_durationMs = qMax(500, ms);
}

QList<Toast *> ToastManager::toasts() const
{
    return m_toasts;
}

void ToastManager::show(const QString &key, Toast::Severity severity, const QString &title,
                        const QString &message, const QVariant &context, bool persistent)
{
    for (Toast *t : std::as_const(m_toasts)) {
        if (t->key() == key) {
            t->repeat(message);
            return;
        }
    }
    auto *toast = new Toast(key, severity, title, message, m_durationMs, persistent, this);
    connect(toast, &Toast::clicked, this, [this, toast, context] {
        Q_EMIT activated(context);
        remove(toast);
    });
    connect(toast, &Toast::dismissed, this, [this, toast] { remove(toast); });
    connect(toast, &Toast::expired, this, [this, toast] { remove(toast); });
    m_toasts.append(toast);
    m_layout->addWidget(toast, 0, Qt::AlignBottom);
    evict();
    QWidget::show();
}

void ToastManager::evict()
{
    while (m_toasts.size() > m_maxVisible) {
        // The oldest routine toast goes first; a failure is only pushed out by failures.
        const auto routine = std::find_if(m_toasts.cbegin(), m_toasts.cend(),
                                          [](const Toast *t) { return !t->isPersistent(); });
        remove(routine != m_toasts.cend() ? *routine : m_toasts.constFirst());
    }
}

void ToastManager::clear()
{
    while (!m_toasts.isEmpty())
        remove(m_toasts.constFirst());
}

void ToastManager::remove(Toast *toast)
{
    if (!m_toasts.removeOne(toast))
        return;
    const bool hadFocus = toast->hasFocus() || toast->isAncestorOf(QApplication::focusWidget());
    m_layout->removeWidget(toast);
    toast->hide();
    toast->deleteLater();
    if (m_toasts.isEmpty())
        hide();
    else if (hadFocus)
        m_toasts.constLast()->setFocus(Qt::TabFocusReason); // Esc, Esc, … dismisses them all
}
