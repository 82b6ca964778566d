#pragma once

#include <QDateTime>
#include <QFrame>
#include <QVariant>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QHBoxLayout;
class QLabel;
class QTimer;
class QToolButton;
QT_END_NAMESPACE

/** One in-window notification. Clicking it (or Enter) activates it; its × button (or Esc)
 *  dismisses it. A persistent toast stays until dismissed; the others time out. */
class Toast final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Toast)
public:
    enum class Severity { Info, Success, Warning, Error };

    Toast(const QString &key, Severity severity, const QString &title, const QString &message,
          int durationMs, bool persistent, QWidget *parent = nullptr);
    QString key() const { return m_key; }
    QString title() const;
    QString message() const;
    bool isPersistent() const { return m_persistent; }
    int repeatCount() const { return m_count; }
    /** The same notice again: counts it, updates the text and time, restarts the timeout. */
    void repeat(const QString &message);
    QToolButton *closeButton() const { return m_close; }

Q_SIGNALS:
    void clicked();
    void dismissed();
    void expired();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void restartTimeout();
    void updateTexts();

    QString m_key;
    QString m_baseTitle;
    Severity m_severity;
    bool m_persistent;
    QLabel *m_title;
    QLabel *m_message;
    QToolButton *m_close;
    QTimer *m_timeout;
    int m_durationMs;
    int m_count = 1;
    QDateTime m_at;
};

/** A row of toasts along the bottom of the window, in the layout (never over other controls);
 *  never modal, never steals focus. A notice with the key of a visible toast updates it
 *  instead of adding another. When the row is full, the oldest toast that is not persistent
 *  goes first, so routine notices never push a failure out. */
class ToastManager final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToastManager)
public:
    explicit ToastManager(QWidget *parent = nullptr);

    /** Toasts shown at most. */
    void setMaxVisible(int count);
    /** Until auto-dismissal of toasts that are not persistent. */
    void setDuration(int ms);

    /** \a key groups repeats (e.g. stream + kind); \a context is handed back on activation. */
    void show(const QString &key, Toast::Severity severity, const QString &title,
              const QString &message, const QVariant &context = {}, bool persistent = false);
    QList<Toast *> toasts() const;
    /** Dismisses every toast. */
    void clear();

Q_SIGNALS:
    void activated(const QVariant &context);

private:
    void remove(Toast *toast);
    void evict();

    QHBoxLayout *m_layout;
    QList<Toast *> m_toasts;
    int m_maxVisible = 4;
    int m_durationMs = 6000;
};
