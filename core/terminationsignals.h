#pragma once

#include <QObject>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace sse {

/** SIGTERM and SIGINT delivered as a Qt signal, so a program stops from its event loop
 *  (state saved, servers stopped). Self-pipe: the signal handler only writes a byte. A second
 *  signal while stopping gets the default action. One instance per process. */
class TerminationSignals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminationSignals)
public:
    explicit TerminationSignals(QObject *parent = nullptr);
    /** False when the handlers could not be installed (received() then never comes). */
    bool isActive() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void received();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace sse
