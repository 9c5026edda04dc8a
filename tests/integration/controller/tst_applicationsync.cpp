#include "ApplicationSyncWaits.h"

#include <AwsScimEmulator.h>
#include <controller/ApplicationSync.h>
#include <directory/DirectoryRepository.h>
#include <scim/ScimClient.h>
#include <secrets/InMemorySecretStore.h>
#include <servers/ServerCatalog.h>
#include <servertypes/ServerTypeRegistry.h>
#include <storage/ApplicationRepository.h>
#include <sync/JournalStore.h>
#include <sync/TargetReader.h>
#include <workspace/Workspace.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {
const QString kToken = QStringLiteral("application-sync-token-5c4b3a29");
}

// ApplicationSync is what the Sync & Logs page, the Provision User dialog and the CLI's
// `sync` and `provision-user` drive: one set-up (application → server → secret → client),
// one engine on a worker thread, one record of the run. Everything is asserted on state
// (the emulator's tenant, the profile database) and waited for on signals.
class TestApplicationSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void previewAndApplyRecordTheRunAndLastSync();
    void applyRunsExactlyThePreviewedPlanOnce();
    void provisionOneUserBringsGroupMemberships();
    void provisionOutOfScopeUserSendsNothing();
    void missingSecretFailsBeforeAnyRequest();
    void applicationWithoutServerIsASetupFailure();
    void cancelWhileTheServerHangsEndsThePreview();
    void previewAndApplyAppliesThatPlan();
    void previewAndApplyCancelledBeforeTheApplyIsAJournalledRun();
    void targetReaderCancelCallsBackAtOnce();

private:
    qint64 addUser(const QString& userName);
    qint64 addGroup(const QString& name, const QList<qint64>& members);
    qint64 createApplication(const Assignment& assignment, bool withServer = true);
    // One directory user and an application that assigns all users.
    qint64 allUsersApplicationWith(const QString& userName);

    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<Workspace> m_workspace;
    InMemorySecretStore* m_secrets = nullptr;
    qint64 m_serverId = 0;
};

void TestApplicationSync::initTestCase()
{
    AwsScimEmulator::Options options;
    options.token = kToken;
    m_emulator = std::make_unique<AwsScimEmulator>(options);
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
}

void TestApplicationSync::init()
{
    m_emulator->reset();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_secrets = new InMemorySecretStore();
    auto opened = Workspace::open(m_dir->path(), m_secrets);
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
    m_workspace = opened.value();

    const auto preset = m_workspace->serverTypes().find(QStringLiteral("aws-iam-identity-center"));
    QVERIFY(preset);
    ScimServer blank;
    blank.name = QStringLiteral("Emulated AWS");
    blank.url = m_emulator->baseUrl().toString();
    ScimServer server = ServerTypeRegistry::applyPreset(*preset, blank).result;
    server.options.deletionThresholdMinimum = 1000;
    QSignalSpy saved(m_workspace->servers(), &ServerCatalog::serversChanged);
    bool done = false;
    m_workspace->servers()->create(server, kToken, this, [&](Result<qint64, ServerSaveError> result) {
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        m_serverId = result.value();
        done = true;
    });
    QTRY_VERIFY(done);
}

void TestApplicationSync::cleanup()
{
    m_workspace.reset();
    m_dir.reset();
    m_emulator->clearFaults();
}

qint64 TestApplicationSync::addUser(const QString& userName)
{
    DirectoryUser user;
    user.userName = userName;
    user.givenName = QStringLiteral("Given");
    user.familyName = userName;
    user.displayName = QStringLiteral("Given ") + userName;
    user.email = userName + QStringLiteral("@example.com");
    const auto id = DirectoryRepository(m_workspace->database()).createUser(user);
    return id ? id.value() : -1;
}

qint64 TestApplicationSync::addGroup(const QString& name, const QList<qint64>& members)
{
    DirectoryGroup group;
    group.displayName = name;
    group.memberUserIds = members;
    const auto id = DirectoryRepository(m_workspace->database()).createGroup(group);
    return id ? id.value() : -1;
}

qint64 TestApplicationSync::createApplication(const Assignment& assignment, bool withServer)
{
    Application application;
    application.name = QStringLiteral("AWS");
    application.scimServerId = withServer ? m_serverId : 0;
    application.assignment = assignment;
    const auto id = m_workspace->applications().create(application);
    return id ? id.value() : -1;
}

qint64 TestApplicationSync::allUsersApplicationWith(const QString& userName)
{
    addUser(userName);
    Assignment assignment;
    assignment.allUsers = true;
    return createApplication(assignment);
}

void TestApplicationSync::previewAndApplyRecordTheRunAndLastSync()
{
    const qint64 alice = addUser(QStringLiteral("alice"));
    const qint64 bob = addUser(QStringLiteral("bob"));
    const qint64 engineers = addGroup(QStringLiteral("Engineers"), {alice, bob});
    Assignment assignment;
    assignment.groupIds = {engineers};
    const qint64 applicationId = createApplication(assignment);
    QVERIFY(applicationId > 0);
    QVERIFY(!m_workspace->applications().find(applicationId)->lastSyncAt.isValid());

    ApplicationSync sync(m_workspace, applicationId);
    const SyncPlan plan = previewOf(sync);
    QVERIFY(!plan.planId.isNull());
    QCOMPARE(plan.writeCount(), 3); // two users, one group created with its members
    QCOMPARE(m_emulator->userCount(), 0); // a preview writes nothing

    QSignalSpy applicationsChanged(m_workspace.get(), &Workspace::applicationsChanged);
    const SyncRunSummary summary = applyOf(sync, plan);
    QCOMPARE(summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(m_emulator->userCount(), 2);
    QCOMPARE(m_emulator->groupCount(), 1);
    QVERIFY(!sync.isBusy());

    // The run is journalled and the application's last sync is set, whoever started it.
    const auto application = m_workspace->applications().find(applicationId);
    QVERIFY(application->lastSyncAt.isValid());
    QVERIFY(!applicationsChanged.isEmpty());
    const auto runs = JournalStore(m_workspace->database()).runs(applicationId);
    QVERIFY(runs);
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->first().planId, plan.planId.toString(QUuid::WithoutBraces));

    // Converged: the next preview has nothing to do.
    QVERIFY(previewOf(sync).isEmpty());
}

void TestApplicationSync::applyRunsExactlyThePreviewedPlanOnce()
{
    addUser(QStringLiteral("carol"));
    Assignment assignment;
    assignment.allUsers = true;
    ApplicationSync sync(m_workspace, createApplication(assignment));
    const SyncPlan plan = previewOf(sync);
    QCOMPARE(applyOf(sync, plan).status, SyncRunSummary::Status::Succeeded);
    // A plan is applied at most once; applying it again is refused and sends nothing.
    const int handled = m_emulator->userCount();
    const SyncRunSummary again = applyOf(sync, plan);
    QCOMPARE(again.status, SyncRunSummary::Status::Refused);
    QCOMPARE(m_emulator->userCount(), handled);
}

void TestApplicationSync::provisionOneUserBringsGroupMemberships()
{
    const qint64 alice = addUser(QStringLiteral("alice"));
    const qint64 bob = addUser(QStringLiteral("bob"));
    const qint64 engineers = addGroup(QStringLiteral("Engineers"), {bob});
    Assignment assignment;
    assignment.groupIds = {engineers};
    const qint64 applicationId = createApplication(assignment);
    ApplicationSync sync(m_workspace, applicationId);
    QCOMPARE(applyOf(sync, previewOf(sync)).status, SyncRunSummary::Status::Succeeded);
    const QString groupId
        = m_emulator->store().findGroupByDisplayName(QStringLiteral("Engineers")).value("id").toString();
    QVERIFY(!groupId.isEmpty());
    QCOMPARE(m_emulator->groupMemberIds(groupId).size(), 1);

    // alice joins the group in the directory; provisioning her alone creates her on the
    // target and adds her to the group, with the five steps reported on the way.
    DirectoryRepository directory(m_workspace->database());
    auto group = directory.findGroup(engineers);
    group->memberUserIds.append(alice);
    QVERIFY(directory.updateGroup(*group));

    QSignalSpy steps(&sync, &ApplicationSync::provisionStepFinished);
    QSignalSpy ready(&sync, &ApplicationSync::provisionReady);
    QSignalSpy finished(&sync, &ApplicationSync::provisionFinished);
    sync.startProvisionUser(alice);
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), 60000);
    QVERIFY(ready.first().at(0).toBool());
    QCOMPARE(m_emulator->userCount(), 1); // nothing is sent before the confirmation
    sync.performProvision();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
    const auto trace = finished.first().first().value<ProvisionTrace>();
    QVERIFY(trace.inScope);
    QVERIFY(trace.run);
    QCOMPARE(trace.run->status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(trace.steps.size(), 5);
    for (const auto& step : trace.steps)
        QVERIFY2(step.status != ProvisionStep::Status::Fail, qPrintable(step.summary));
    QVERIFY(steps.count() >= 5);

    const QString aliceId = m_emulator->findUserByUserName(QStringLiteral("alice")).value("id").toString();
    QVERIFY(!aliceId.isEmpty());
    QVERIFY(m_emulator->groupMemberIds(groupId).contains(aliceId));
    QCOMPARE(m_emulator->groupMemberIds(groupId).size(), 2);
    const auto runs = JournalStore(m_workspace->database()).runs(applicationId);
    QCOMPARE(runs->size(), 2);
    QCOMPARE(runs->first().mode, QStringLiteral("single-user"));
}

void TestApplicationSync::provisionOutOfScopeUserSendsNothing()
{
    addUser(QStringLiteral("dave"));
    const qint64 erin = addUser(QStringLiteral("erin"));
    Assignment assignment;
    assignment.userIds = {};
    ApplicationSync sync(m_workspace, createApplication(assignment));
    QSignalSpy ready(&sync, &ApplicationSync::provisionReady);
    QSignalSpy finished(&sync, &ApplicationSync::provisionFinished);
    sync.startProvisionUser(erin);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() + finished.count() > 0, 60000);
    if (!ready.isEmpty()) {
        QVERIFY(!ready.first().at(0).toBool());
        QVERIFY(!ready.first().at(1).value<ProvisionTrace>().inScope);
    }
    QCOMPARE(m_emulator->userCount(), 0);
}

void TestApplicationSync::missingSecretFailsBeforeAnyRequest()
{
    Assignment assignment;
    assignment.allUsers = true;
    const qint64 applicationId = createApplication(assignment);
    const auto server = m_workspace->servers()->repository().find(m_serverId);
    bool removed = false;
    m_secrets->remove({m_serverId, ServerCatalog::secretPurpose(server->auth.scheme)}, this,
        [&](Status<SecretError>) { removed = true; });
    QTRY_VERIFY(removed);

    QSignalSpy requests(m_emulator.get(), &AwsScimEmulator::requestHandled);
    ApplicationSync sync(m_workspace, applicationId);
    QSignalSpy failed(&sync, &ApplicationSync::previewFailed);
    sync.preview();
    QTRY_VERIFY(!failed.isEmpty());
    QCOMPARE(failed.first().first().value<SyncFailure>().kind, SyncFailure::Kind::Secret);
    QVERIFY(!sync.isBusy());
    QCOMPARE(requests.count(), 0);
}

void TestApplicationSync::applicationWithoutServerIsASetupFailure()
{
    Assignment assignment;
    assignment.allUsers = true;
    ApplicationSync sync(m_workspace, createApplication(assignment, false));
    QSignalSpy failed(&sync, &ApplicationSync::previewFailed);
    QSignalSpy provisionFailed(&sync, &ApplicationSync::provisionFailed);
    sync.preview();
    sync.startProvisionUser(addUser(QStringLiteral("frank")));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().first().value<SyncFailure>().kind, SyncFailure::Kind::Setup);
    QCOMPARE(provisionFailed.count(), 1);
}

void TestApplicationSync::cancelWhileTheServerHangsEndsThePreview()
{
    addUser(QStringLiteral("gina"));
    Assignment assignment;
    assignment.allUsers = true;
    const qint64 applicationId = createApplication(assignment);
    // Every request hangs: only the cancel can end this preview before the request timeout.
    m_emulator->setHangRate(1.0);
    ApplicationSync sync(m_workspace, applicationId);
    QSignalSpy progress(&sync, &ApplicationSync::progress);
    QSignalSpy failed(&sync, &ApplicationSync::previewFailed);
    sync.preview();
    QTRY_VERIFY(!progress.isEmpty()); // the engine runs
    sync.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 20000);
    QCOMPARE(failed.first().first().value<SyncFailure>().kind, SyncFailure::Kind::Cancelled);
    QVERIFY(!sync.isBusy());
    QCOMPARE(m_emulator->userCount(), 0);
}

void TestApplicationSync::previewAndApplyAppliesThatPlan()
{
    const qint64 applicationId = allUsersApplicationWith(QStringLiteral("hank"));
    ApplicationSync sync(m_workspace, applicationId);
    QSignalSpy ready(&sync, &ApplicationSync::previewReady);
    QSignalSpy finished(&sync, &ApplicationSync::applyFinished);
    sync.previewAndApply(false);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
    QCOMPARE(ready.count(), 1); // the plan is shown, then exactly that plan is applied
    const auto summary = finished.first().first().value<SyncRunSummary>();
    QCOMPARE(summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(summary.planId, ready.first().first().value<SyncPlan>().planId.toString(QUuid::WithoutBraces));
    QCOMPARE(m_emulator->userCount(), 1);
    QVERIFY(!sync.isBusy());
    QVERIFY(m_workspace->applications().find(applicationId)->lastSyncAt.isValid());
}

void TestApplicationSync::previewAndApplyCancelledBeforeTheApplyIsAJournalledRun()
{
    const qint64 applicationId = allUsersApplicationWith(QStringLiteral("iris"));
    ApplicationSync sync(m_workspace, applicationId);
    QSignalSpy failed(&sync, &ApplicationSync::previewFailed);
    QSignalSpy finished(&sync, &ApplicationSync::applyFinished);
    const int requestsBefore = m_emulator->requestCount();
    sync.previewAndApply(true);
    sync.cancel(); // the secret is still being read: nothing reached the worker yet
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
    QVERIFY(failed.isEmpty());
    const auto summary = finished.first().first().value<SyncRunSummary>();
    QCOMPARE(summary.status, SyncRunSummary::Status::Cancelled);
    QVERIFY(summary.runId > 0);
    QVERIFY2(summary.message.contains(QStringLiteral("nothing was sent")), qPrintable(summary.message));
    QCOMPARE(m_emulator->requestCount(), requestsBefore);
    QVERIFY(!sync.isBusy());
    const auto runs = JournalStore(m_workspace->database()).runs(applicationId);
    QVERIFY(runs);
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->first().status, QStringLiteral("cancelled"));
    QCOMPARE(runs->first().id, summary.runId);
    // Nothing was sent, so it is no sync: the last sync stays unset.
    QVERIFY(!m_workspace->applications().find(applicationId)->lastSyncAt.isValid());
}

void TestApplicationSync::targetReaderCancelCallsBackAtOnce()
{
    m_emulator->setHangRate(1.0);
    ScimClientConfig config;
    config.baseUrl = m_emulator->baseUrl();
    config.secret = kToken;
    config.requestTimeoutMs = 600000; // the cancel, not a timeout, must end the read
    ScimClient client(config);
    TargetReader reader(&client, ServerCapabilities());
    std::optional<ScimError::Kind> outcome;
    reader.read(nullptr, {}, [&outcome](const Result<std::shared_ptr<TargetSnapshot>, ScimError>& result) {
        outcome = result ? ScimError::Kind::Network : result.error().kind;
    });
    QVERIFY(!outcome);
    reader.cancel();
    // Called back from inside cancel(): a Ctrl-C or a closed window never waits for the server.
    QVERIFY(outcome.has_value());
    QCOMPARE(*outcome, ScimError::Kind::Cancelled);
}

QTEST_GUILESS_MAIN(TestApplicationSync)
#include "tst_applicationsync.moc"
