#pragma once

#include "SourceTestReport.h"
#include "SourceTestStepResult.h"

#include "model/DirectorySource.h"
#include "sources/SourceTypeRegistry.h"

#include <QByteArray>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

class LdapConnection;
class QThread;
class SourceTestRunner;

// The guided connection test of a directory source — DNS, TCP, TLS with the CA, bind, base DN,
// users and groups found (counts), one sample user with every mapped attribute, nesting — one
// check class each, each failure with its cause and fix. The one entry point of the GUI's Add
// Source wizard and `scimdesk-cli sources test` (exit 4 when report().hasFailure()); the caller
// reads the bind password (keychain, or --source-password-env/-file) and hands it in.
//
// Runs on a worker thread: start() and cancel() return at once, a cancel ends the running step
// within 2 s, and the signals arrive queued on the thread that owns this object. The password
// is held in memory only until the bind step, then wiped; it never appears in a result.
class SourceConnectionTest : public QObject
{
    Q_OBJECT

public:
    using ConnectionFactory = std::function<std::unique_ptr<LdapConnection>()>;

    // types: how the source's type writes its anchor (for the sample user). factory: the LDAP
    // connection (OpenLdapConnection when empty).
    SourceConnectionTest(const DirectorySource& source, const QByteArray& password,
        const SourceTypeRegistry& types = SourceTypeRegistry::load(), ConnectionFactory factory = {},
        QObject* parent = nullptr);
    ~SourceConnectionTest() override;

    static QList<SourceTestStep> steps() { return SourceTestSteps::all(); }

    void start();
    void cancel();

    bool isRunning() const { return m_running; }
    bool isFinished() const { return m_finished; }
    // Valid after finished().
    SourceTestReport report() const { return m_report; }

signals:
    void stepStarted(int index);
    void stepFinished(int index, const SourceTestStepResult& result);
    void finished(const SourceTestReport& report);

private:
    std::atomic_bool m_cancelled {false};
    QThread* m_thread = nullptr;
    SourceTestRunner* m_runner = nullptr;
    SourceTestReport m_report;
    bool m_running = false;
    bool m_finished = false;
};
