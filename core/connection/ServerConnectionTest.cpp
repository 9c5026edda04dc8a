#include "ServerConnectionTest.h"

#include "ConnectionTest.h"
#include "ConnectionTestRecorder.h"

#include "secrets/SecretStore.h"
#include "servers/ServerCatalog.h"
#include "storage/Database.h"
#include "storage/ServerRepository.h"
#include "util/AsyncTask.h"
#include "workspace/Workspace.h"

ServerConnectionTest::ServerConnectionTest(
    std::shared_ptr<Workspace> workspace, ScimServer server, ConnectionTestOptions options, QObject* parent)
    : QObject(parent)
    , m_workspace(std::move(workspace))
    , m_server(std::move(server))
    , m_options(std::move(options))
{
    m_options.knownServerTypes = m_workspace->serverTypes().all();
}

ServerConnectionTest::~ServerConnectionTest() = default;

QList<ConnectionStep> ServerConnectionTest::steps()
{
    return ConnectionSteps::all();
}

void ServerConnectionTest::start()
{
    if (m_running || m_finished)
        return;
    m_running = true;
    const SecretKey key {m_server.id, ServerCatalog::secretPurpose(m_server.auth.scheme)};
    m_workspace->secrets()->read(key, this, [this](Result<QString, SecretError> secret) {
        m_secret = secret ? ConnectionSecret(secret.value()) : ConnectionSecret::unreadable(secret.error());
        run();
    });
}

void ServerConnectionTest::run()
{
    m_test = new ConnectionTest(
        m_server, m_workspace->serverTypes().find(m_server.serverTypeId), m_secret, m_options, this);
    connect(m_test, &ConnectionTest::stepStarted, this, &ServerConnectionTest::stepStarted);
    connect(m_test, &ConnectionTest::stepFinished, this, &ServerConnectionTest::stepFinished);
    connect(m_test, &ConnectionTest::finished, this, &ServerConnectionTest::testFinished);
    emit testing();
    m_test->start();
    if (m_cancelRequested) // cancelled while the secret was being read
        m_test->cancel();
}

void ServerConnectionTest::cancel()
{
    if (!m_running)
        return;
    m_cancelRequested = true;
    if (m_test)
        m_test->cancel();
}

void ServerConnectionTest::testFinished(const ConnectionReport& report)
{
    m_report = report;
    if (report.cancelled || m_server.id <= 0) {
        done();
        return;
    }
    // The profile write runs on the thread pool: the GUI thread never waits on disk.
    const std::shared_ptr<Database> database = m_workspace->database();
    const qint64 serverId = m_server.id;
    AsyncTask::run(
        this,
        [database, serverId, report] {
            const Database::ThreadConnection connection(database);
            ServerRepository repository(database);
            return ConnectionTestRecorder::record(repository, serverId, report);
        },
        [this](const Status<StorageError>& status) {
            m_recorded = status.ok();
            if (!status)
                m_recordError = status.error().message;
            done();
        });
}

void ServerConnectionTest::done()
{
    m_running = false;
    m_finished = true;
    emit finished(m_report);
}
