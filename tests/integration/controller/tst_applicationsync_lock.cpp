// The GUI's controller (ApplicationSync) next to other writers of the same profile:
// - while a scheduled `scimdesk-cli sync --apply` (a real process, stalled on a target that never
//   answers) holds the profile's write lock, the GUI can still preview, and its apply is refused
//   at once, naming the CLI's process, with nothing sent; once the CLI is gone the apply runs;
// - a plan previewed before another apply of the same application ran is not applied (it would
//   send the same creates again): the apply is refused, "preview again".
// Real loopback HTTP (the AWS emulator, the FaultServer), a real SQLite profile.
#include "../scim/FaultServer.h"
#include "ApplicationSyncWaits.h"

#include <AwsScimEmulator.h>
#include <controller/ApplicationSync.h>
#include <directory/DirectoryRepository.h>
#include <secrets/InMemorySecretStore.h>
#include <servers/ServerCatalog.h>
#include <servertypes/ServerTypeRegistry.h>
#include <storage/ApplicationRepository.h>
#include <storage/ProfileLock.h>
#include <sync/JournalStore.h>
#include <workspace/Workspace.h>

#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {
const QString kToken = QStringLiteral("application-sync-lock-token-7d1e");
}

class TestApplicationSyncLock : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void applyIsRefusedWhileACliApplyHoldsTheLock();
    void planPreviewedBeforeAnotherApplyIsNotApplied();

private:
    qint64 addServer(const QString& presetId, const QString& name, const QString& url);
    qint64 addApplication(const QString& name, qint64 serverId);

    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<Workspace> m_workspace;
    qint64 m_awsApplication = 0;
};

void TestApplicationSyncLock::initTestCase()
{
    AwsScimEmulator::Options options;
    options.token = kToken;
    m_emulator = std::make_unique<AwsScimEmulator>(options);
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
}

void TestApplicationSyncLock::init()
{
    m_emulator->reset();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto opened = Workspace::open(m_dir->path(), new InMemorySecretStore());
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
    m_workspace = opened.value();
    const qint64 server = addServer(
        QStringLiteral("aws-iam-identity-center"), QStringLiteral("Emulated AWS"), m_emulator->baseUrl().toString());
    QVERIFY(server > 0);
    m_awsApplication = addApplication(QStringLiteral("AWS"), server);
    for (const char* name : {"alice", "bob", "carol"}) {
        DirectoryUser user;
        user.userName = QLatin1String(name);
        user.email = user.userName + QStringLiteral("@example.com");
        user.givenName = QStringLiteral("Given");
        user.familyName = user.userName;
        user.displayName = QStringLiteral("Given ") + user.userName;
        QVERIFY(DirectoryRepository(m_workspace->database()).createUser(user).ok());
    }
}

void TestApplicationSyncLock::cleanup()
{
    m_workspace.reset();
    m_dir.reset();
}

qint64 TestApplicationSyncLock::addServer(const QString& presetId, const QString& name, const QString& url)
{
    const auto preset = m_workspace->serverTypes().find(presetId);
    if (!preset)
        return -1;
    ScimServer blank;
    blank.name = name;
    blank.url = url;
    ScimServer server = ServerTypeRegistry::applyPreset(*preset, blank).result;
    server.options.deletionThresholdMinimum = 1000;
    server.options.requestTimeoutSeconds = 600; // a stalled read stays stalled, however busy the machine
    qint64 id = -1;
    bool done = false;
    m_workspace->servers()->create(server, kToken, this, [&](Result<qint64, ServerSaveError> result) {
        id = result ? result.value() : -1;
        done = true;
    });
    [&] { QTRY_VERIFY(done); }();
    return id;
}

qint64 TestApplicationSyncLock::addApplication(const QString& name, qint64 serverId)
{
    Application application;
    application.name = name;
    application.scimServerId = serverId;
    application.assignment.allUsers = true;
    const auto id = m_workspace->applications().create(application);
    return id ? id.value() : -1;
}

void TestApplicationSyncLock::applyIsRefusedWhileACliApplyHoldsTheLock()
{
    FaultServer silent;
    silent.setHandler([](const FaultServer::Request&) {
        FaultServer::Reply reply;
        reply.hang = true;
        return reply;
    });
    QVERIFY(silent.listen());
    const qint64 silentServer = addServer(
        QStringLiteral("generic-scim2"), QStringLiteral("Silent"), silent.url(QStringLiteral("/scim/v2/")).toString());
    QVERIFY(addApplication(QStringLiteral("Scheduled"), silentServer) > 0);

    // The scheduled run: a real scimdesk-cli process on the same profile.
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SCIMDESK_TEST_TOKEN"), kToken);
    cli.setProcessEnvironment(env);
    cli.start(QStringLiteral(SCIMDESK_CLI_PATH),
        {QStringLiteral("--profile"), m_dir->path(), QStringLiteral("sync"), QStringLiteral("Scheduled"),
            QStringLiteral("--apply"), QStringLiteral("--token-env"), QStringLiteral("SCIMDESK_TEST_TOKEN")});
    QTRY_VERIFY_WITH_TIMEOUT(silent.requestCount() > 0 || cli.state() == QProcess::NotRunning, 60000);
    QVERIFY2(cli.state() == QProcess::Running, cli.readAllStandardError().constData());

    // The GUI meanwhile: previewing reads only and works; applying is refused, nothing sent.
    ApplicationSync sync(m_workspace, m_awsApplication);
    const SyncPlan plan = previewOf(sync);
    QCOMPARE(plan.writeCount(), 3);
    const SyncRunSummary refused = applyOf(sync, plan);
    QCOMPARE(refused.status, SyncRunSummary::Status::Refused);
    QVERIFY2(refused.message.contains(QStringLiteral("scimdesk-cli (process %1 on ").arg(cli.processId())),
        qPrintable(refused.message));
    QCOMPARE(m_emulator->userCount(), 0);
    QVERIFY(!sync.isBusy());

    cli.kill();
    QVERIFY(cli.waitForFinished(60000));

    // The holder is gone: its stale lock is taken over, and the same plan is applied.
    const SyncRunSummary applied = applyOf(sync, plan);
    QCOMPARE(applied.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(m_emulator->userCount(), 3);
    QVERIFY(!QFileInfo::exists(ProfileLock::lockFilePath(m_workspace->database()->filePath())));
}

void TestApplicationSyncLock::planPreviewedBeforeAnotherApplyIsNotApplied()
{
    // The GUI shows a plan ...
    ApplicationSync gui(m_workspace, m_awsApplication);
    const SyncPlan stale = previewOf(gui);
    QCOMPARE(stale.writeCount(), 3);

    // ... another run of the application applies meanwhile ...
    ApplicationSync other(m_workspace, m_awsApplication);
    QCOMPARE(applyOf(other, previewOf(other)).status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(m_emulator->userCount(), 3);
    const int requests = m_emulator->requestCount();

    // ... and the shown plan is no longer applied: it would create the same users again.
    const SyncRunSummary refused = applyOf(gui, stale);
    QCOMPARE(refused.status, SyncRunSummary::Status::Refused);
    QVERIFY2(refused.message.contains(QLatin1String("Preview again")), qPrintable(refused.message));
    QCOMPARE(m_emulator->requestCount(), requests);
    const auto runs = JournalStore(m_workspace->database()).runs(m_awsApplication);
    QVERIFY(runs);
    QCOMPARE(runs->size(), 1);

    // A new preview has nothing left to do.
    QVERIFY(previewOf(gui).isEmpty());
}

QTEST_GUILESS_MAIN(TestApplicationSyncLock)
#include "tst_applicationsync_lock.moc"
