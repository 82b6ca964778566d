#include "toastmanager.h"

#include <QEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QTimer>
#include <QVBoxLayout>

namespace {
constexpr int Margin = 16;

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
             int durationMs, QWidget *parent)
    : QFrame(parent)
    , m_key(key)
    , m_baseTitle(title)
    , m_severity(severity)
    , m_title(new QLabel(title, this))
    , m_message(new QLabel(message, this))
    , m_timeout(new QTimer(this))
    , m_durationMs(durationMs)
{
    setObjectName(QStringLiteral("toast"));
    setAccessibleName(title);
    setAccessibleDescription(message);
    setFocusPolicy(Qt::NoFocus);
    setCursor(Qt::PointingHandCursor);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setStyleSheet(QStringLiteral("#toast { background-color: palette(window); border: 1px solid "
                                 "palette(mid); border-left: 5px solid %1; border-radius: 4px; }")
                      .arg(accent(severity).name()));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    setFixedWidth(340);
    fitHeight();
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
    m_title->setText(tr("%1 (%2 times)").arg(m_baseTitle).arg(m_count));
    m_message->setText(message);
    fitHeight();
    restartTimeout();
}

void Toast::fitHeight()
{
    // Wrapped labels report their height only for a given width.
    m_message->setVisible(!m_message->text().isEmpty());
    const int forWidth = heightForWidth(width());
    setFixedHeight(forWidth > 0 ? forWidth : sizeHint().height());
}

void Toast::restartTimeout()
{
    // Errors stay longer: they are what a user most needs to read.
    m_timeout->start(m_severity == Severity::Error ? m_durationMs * 5 / 3 : m_durationMs);
}

void Toast::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT clicked();
}

void Toast::enterEvent(QEnterEvent *)
{
    m_timeout->stop(); // reading it: keep it
}

void Toast::leaveEvent(QEvent *)
{
    restartTimeout();
}

ToastManager::ToastManager(QWidget *host)
    : QWidget(host)
    , m_layout(new QVBoxLayout(this))
{
    setAttribute(Qt::WA_TransparentForMouseEvents, false);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(8);
    host->installEventFilter(this);
    hide();
}

void ToastManager::setMaxVisible(int count)
{
    m_maxVisible = qMax(1, count);
    while (m_toasts.size() > m_maxVisible)
        remove(m_toasts.first());
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
                        const QString &message, const QVariant &context)
{
    for (Toast *t : std::as_const(m_toasts)) {
        if (t->key() == key) {
            t->repeat(message);
            reposition(); // the text, and so the height, may have changed
            return;
        }
    }
    auto *toast = new Toast(key, severity, title, message, m_durationMs, this);
    connect(toast, &Toast::clicked, this, [this, toast, context] {
        Q_EMIT activated(context);
        remove(toast);
    });
    connect(toast, &Toast::expired, this, [this, toast] { remove(toast); });
    m_toasts.append(toast);
    m_layout->addWidget(toast);
    while (m_toasts.size() > m_maxVisible)
        remove(m_toasts.first());
    QWidget::show();
    raise();
    reposition();
}

void ToastManager::remove(Toast *toast)
{
    if (!m_toasts.removeOne(toast))
        return;
    m_layout->removeWidget(toast);
    toast->hide();
    toast->deleteLater();
    if (m_toasts.isEmpty())
        hide();
    else
        reposition();
}

void ToastManager::reposition()
{
    // Each toast has a fixed size fitted to its text; the stack is their sum.
    int stackHeight = 0;
    int stackWidth = 0;
    for (const Toast *t : std::as_const(m_toasts)) {
        stackHeight += t->height();
        stackWidth = qMax(stackWidth, t->width());
    }
    stackHeight += m_layout->spacing() * int(qMax<qsizetype>(0, m_toasts.size() - 1));
    setFixedSize(stackWidth, stackHeight);
    const QWidget *host = parentWidget();
    move(host->width() - width() - Margin, host->height() - height() - Margin - 24);
}

bool ToastManager::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && !m_toasts.isEmpty())
        reposition();
    return QWidget::eventFilter(watched, event);
}
