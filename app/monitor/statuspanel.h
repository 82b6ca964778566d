#pragma once

#include "session.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPalette;
class QPushButton;
class QTimer;
QT_END_NAMESPACE

/** Colours and icons for a session status; text always accompanies the colour. */
namespace StatusStyle {
QColor color(sse::Session::Status status, bool darkPalette);
QIcon icon(sse::Session::Status status, bool darkPalette);
/** "12 s", "3 min 04 s", "2 h 05 min". */
QString duration(qint64 ms);
/** Whether \a palette is dark (its window colour is); a widget's, or the application's. */
bool isDark(const QPalette &palette);
bool isDark(const QWidget *widget);
}

/** The connection indicator of one stream: a coloured dot with the status in words and the
 *  time spent in it (the last error on hover), and, while a reconnect is scheduled, a live
 *  countdown with the attempt number, the reason and the "Retry now" / "Stop retrying"
 *  buttons. While the stream ignores TLS certificate errors, an "Insecure" badge says so
 *  (the ignored errors on hover). */
class StatusPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusPanel)
public:
    explicit StatusPanel(sse::Session *session, QWidget *parent = nullptr);

    /** After this long without a response head, the state says a proxy may be buffering. */
    static constexpr int AwaitingNoticeMs = 3000;
    /** The texts shown now, for tests and accessibility. */
    QString stateText() const;
    QString countdownText() const;
    bool isCountdownVisible() const;
    /** The "Insecure: TLS errors ignored" badge, shown while the option is on. */
    bool isInsecureBadgeVisible() const;
    QString insecureBadgeText() const;
    QString insecureBadgeToolTip() const;
    /** The last error, on screen while the stream is failed or reconnecting after an error. */
    QString reasonText() const;
    bool isReasonVisible() const;

Q_SIGNALS:
    /** The "Diagnostics" link next to the reason was activated. */
    void diagnosticsRequested();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void refresh();

    QPointer<sse::Session> m_session;
    QLabel *m_dot;
    QLabel *m_state;
    QWidget *m_insecure;
    QLabel *m_insecureLabel;
    QWidget *m_countdown;
    QLabel *m_countdownLabel;
    QWidget *m_reason;
    QLabel *m_reasonLabel;
    QPushButton *m_retryNow;
    QPushButton *m_stopRetrying;
    QTimer *m_ticker;
    int m_styledStatus = -1;  // the sse::Session::Status m_dot and m_state show (-1: none yet)
    bool m_styledDark = false;
};
