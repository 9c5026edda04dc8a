#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT/SIGTERM into a Qt signal on the event loop (self-pipe: the handler only writes
// one byte, which is async-signal-safe), so a long command can cancel cleanly instead of
// dying half-way. A second Ctrl-C while cancelling ends the process at once.
class InterruptWatcher : public QObject
{
    Q_OBJECT

public:
    explicit InterruptWatcher(QObject* parent = nullptr);
    ~InterruptWatcher() override;

    bool isInstalled() const { return m_notifier != nullptr; }
    bool wasInterrupted() const { return m_interrupted; }

signals:
    void interrupted();

private:
    void onReadable();

    QSocketNotifier* m_notifier = nullptr;
    bool m_interrupted = false;
};
