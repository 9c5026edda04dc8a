#pragma once

#include "ConnectionReport.h"
#include "ConnectionSecret.h"
#include "ConnectionStepResult.h"
#include "ConnectionTestOptions.h"

#include "model/ScimServer.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

class ConnectionTest;
class Workspace;

// "Test this stored server": the one way the GUI and the CLI run the guided connection test
// of a server in a workspace. It reads the server's secret asynchronously from the
// workspace's SecretStore (the keychain, or the CLI's --token-env/--token-file source),
// runs ConnectionTest with the server's type and every known type's hints, and records the
// verdict as the server's last test (off the GUI thread). A secret that cannot be read is
// not an error of this class: the report fails at the authentication step with the secret
// store's cause and fix, and secretError() says what happened.
//
// start() and cancel() return at once; the signals arrive on this object's thread.
class ServerConnectionTest : public QObject
{
    Q_OBJECT

public:
    // options.knownServerTypes is filled from the workspace's registry.
    ServerConnectionTest(std::shared_ptr<Workspace> workspace, ScimServer server, ConnectionTestOptions options = {},
        QObject* parent = nullptr);
    ~ServerConnectionTest() override;

    // The steps in the order they run, for a step list shown before the test starts.
    static QList<ConnectionStep> steps();
    const ScimServer& server() const { return m_server; }

    void start();
    void cancel();

    bool isRunning() const { return m_running; }
    bool isFinished() const { return m_finished; }
    // Valid after finished().
    ConnectionReport report() const { return m_report; }
    // Why the secret could not be read, if it could not.
    std::optional<SecretError> secretError() const { return m_secret.readError; }
    // Whether the report was stored as the server's last test; a cancelled test and a server
    // that is not saved yet are not recorded.
    bool isRecorded() const { return m_recorded; }
    // Why recording failed; empty when it worked or was not attempted.
    QString recordError() const { return m_recordError; }

signals:
    // The test now runs its steps (the secret has been read, or could not be).
    void testing();
    void stepStarted(int index);
    void stepFinished(int index, const ConnectionStepResult& result);
    // After the report was recorded (or recording failed, see recordError()).
    void finished(const ConnectionReport& report);

private:
    void run();
    void testFinished(const ConnectionReport& report);
    void done();

    std::shared_ptr<Workspace> m_workspace;
    ScimServer m_server;
    ConnectionTestOptions m_options;
    ConnectionSecret m_secret;
    QPointer<ConnectionTest> m_test;
    ConnectionReport m_report;
    bool m_running = false;
    bool m_finished = false;
    bool m_cancelRequested = false;
    bool m_recorded = false;
    QString m_recordError;
};
