#pragma once

#include <QFrame>
#include <QVariant>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QTimer;
class QVBoxLayout;
QT_END_NAMESPACE

/** One in-window notification; clicking it activates it. */
class Toast final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Toast)
public:
    enum class Severity { Info, Success, Warning, Error };

    Toast(const QString &key, Severity severity, const QString &title, const QString &message,
          int durationMs, QWidget *parent = nullptr);
    QString key() const { return m_key; }
    QString title() const;
    QString message() const;
    int repeatCount() const { return m_count; }
    /** The same notice again: counts it and restarts the timeout. */
    void repeat(const QString &message);

Q_SIGNALS:
    void clicked();
    void expired();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void restartTimeout();
    void fitHeight();

    QString m_key;
    QString m_baseTitle;
    Severity m_severity;
    QLabel *m_title;
    QLabel *m_message;
    QTimer *m_timeout;
    int m_durationMs;
    int m_count = 1;
};

/** Stacks toasts in the bottom-right corner of a host widget; never modal, never steals
 *  focus. A notice with the key of a visible toast updates it instead of stacking another. */
class ToastManager final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToastManager)
public:
    explicit ToastManager(QWidget *host);

    /** Toasts stacked at most; the oldest goes first. */
    void setMaxVisible(int count);
    /** Until auto-dismissal (errors stay longer). */
    void setDuration(int ms);

    /** \a key groups repeats (e.g. stream + kind); \a context is handed back on activation. */
    void show(const QString &key, Toast::Severity severity, const QString &title,
              const QString &message, const QVariant &context = {});
    QList<Toast *> toasts() const;

Q_SIGNALS:
    void activated(const QVariant &context);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void reposition();
    void remove(Toast *toast);

    QVBoxLayout *m_layout;
    QList<Toast *> m_toasts;
    int m_maxVisible = 4;
    int m_durationMs = 6000;
};
