#pragma once

#include "ConnectionReport.h"
#include "ConnectionSecret.h"
#include "ConnectionStepResult.h"
#include "ConnectionTestOptions.h"

#include "model/ScimServer.h"
#include "servertypes/ServerType.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

class ConnectionTestRunner;
class QThread;

// The guided connection test of one SCIM server: URL, network (DNS, TCP, TLS, proxy),
// authentication, token age, capabilities, reads, an optional write round trip, latency and
// throttling — one ConnectionCheck class each. Each step gets a verdict, what was checked
// and, when something is wrong, the cause and the fix in plain words (ConnectionRemediation).
// The first blocking failure skips the remaining steps. For a server stored in a workspace,
// use ServerConnectionTest: it reads the secret, runs this and records the result.
//
// Runs on a worker thread: start() and cancel() return at once and the signals arrive
// queued on the thread that owns this object. Holds the secret in memory only; it never
// appears in a result or the report.
class ConnectionTest : public QObject
{
    Q_OBJECT

public:
    // A secret that could not be read (ConnectionSecret::unreadable) fails the authentication
    // step with the secret store's cause and fix; the URL and network steps still run.
    ConnectionTest(const ScimServer& server, const std::optional<ServerType>& serverType,
        const ConnectionSecret& secret, const ConnectionTestOptions& options = {}, QObject* parent = nullptr);
    ~ConnectionTest() override;

    // The steps in the order they run, for a step list shown before the test starts.
    static QList<ConnectionStep> steps() { return ConnectionSteps::all(); }

    void start();
    // Stops the running step (its requests are cancelled); the remaining steps are skipped
    // and finished() reports cancelled.
    void cancel();

    bool isRunning() const { return m_running; }
    bool isFinished() const { return m_finished; }
    // The results so far, in step order (one per finished step).
    QList<ConnectionStepResult> results() const { return m_results; }
    // Valid after finished().
    ConnectionReport report() const { return m_report; }

signals:
    void stepStarted(int index);
    void stepFinished(int index, const ConnectionStepResult& result);
    void finished(const ConnectionReport& report);

private:
    QThread* m_thread = nullptr;
    ConnectionTestRunner* m_runner = nullptr;
    QList<ConnectionStepResult> m_results;
    ConnectionReport m_report;
    bool m_running = false;
    bool m_finished = false;
};
