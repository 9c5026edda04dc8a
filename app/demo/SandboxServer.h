#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

class AwsScimEmulator;
class QThread;

// The AWS IAM Identity Center emulator as a local sandbox target, on its own thread so a
// demo sync never competes with the window for the event loop. Loopback only.
class SandboxServer : public QObject
{
    Q_OBJECT

public:
    explicit SandboxServer(QObject* parent = nullptr);
    ~SandboxServer() override;

    // Starts listening on 127.0.0.1:port (0: any free port) with the given bearer token.
    bool start(const QString& token, quint16 port = 0, QString* error = nullptr);
    void stop();
    QUrl baseUrl() const { return m_baseUrl; }

    // Runs fn on the sandbox's thread with its emulator, and waits for it (seeding only).
    void withEmulator(const std::function<void(AwsScimEmulator&)>& fn);

private:
    QThread* m_thread = nullptr;
    AwsScimEmulator* m_emulator = nullptr;
    QUrl m_baseUrl;
};
