#include "ScriptedSourceReader.h"
#include "SourceReadFixture.h"

#include <AwsScimEmulator.h>
#include <controller/ApplicationSync.h>
#include <secrets/InMemorySecretStore.h>
#include <servers/ServerCatalog.h>
#include <servertypes/ServerTypeRegistry.h>
#include <sources/SourceCache.h>
#include <sources/SourceCatalog.h>
#include <sources/SourceLoader.h>
#include <storage/ApplicationRepository.h>
#include <workspace/Workspace.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QString kToken = QStringLiteral("source-sync-token-77e1");
const QString kBindPassword = QStringLiteral(" bind pw 9f3c ");
} // namespace

// ApplicationSync with an application whose users come from a directory source: the source is
// read (through the workspace's reader factory; here a scripted reader, against real servers in
// the CLI tests) before the SCIM server is contacted, the engine plans from that read, and a read
// that fails or is cancelled sends nothing at all. Real workspace, SQLite file and AWS emulator.
class TestApplicationSyncSource : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void nestedGroupsAreFlattenedIntoTheTarget();
    void allGroupsProvisionsEveryGroupOfTheSource();
    void disabledAccountIsDeprovisioned();
    void failedSourceReadSendsNoRequest();
    void cancelDuringTheSourceRead();
    void missingBindPasswordFailsBeforeTheRead();
    void provisionOneUserOfTheSource();

private:
    static SourceReadFixture corp();
    qint64 createSource(bool withPassword = true);
    qint64 createApplication(qint64 sourceId, const Assignment& assignment);
    qint64 cachedGroup(qint64 sourceId, const QString& name);
    void readIntoCache(qint64 sourceId, const SourceRead& read);
    std::optional<SyncPlan> previewOf(ApplicationSync& sync, std::optional<SyncFailure>* failure = nullptr);
    SyncRunSummary applyOf(ApplicationSync& sync, const SyncPlan& plan);

    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<Workspace> m_workspace;
    std::shared_ptr<ScriptedSourceReader::Script> m_script;
    qint64 m_serverId = 0;
};

void TestApplicationSyncSource::initTestCase()
{
    AwsScimEmulator::Options options;
    options.token = kToken;
    m_emulator = std::make_unique<AwsScimEmulator>(options);
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
}

void TestApplicationSyncSource::init()
{
    m_emulator->reset();
    m_dir = std::make_unique<QTemporaryDir>();
    auto opened = Workspace::open(m_dir->path(), new InMemorySecretStore());
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
    m_workspace = opened.value();
    m_script = std::make_shared<ScriptedSourceReader::Script>();
    m_workspace->setSourceReaderFactory(
        [script = m_script](const DirectorySource&) { return std::make_unique<ScriptedSourceReader>(script); });

    const auto preset = m_workspace->serverTypes().find(QStringLiteral("aws-iam-identity-center"));
    QVERIFY(preset);
    ScimServer blank;
    blank.name = QStringLiteral("Emulated AWS");
    blank.url = m_emulator->baseUrl().toString();
    ScimServer server = ServerTypeRegistry::applyPreset(*preset, blank).result;
    server.options.deletionThresholdMinimum = 1000;
    bool done = false;
    m_workspace->servers()->create(server, kToken, this, [&](Result<qint64, ServerSaveError> result) {
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        m_serverId = result.value();
        done = true;
    });
    QTRY_VERIFY(done);
}

void TestApplicationSyncSource::cleanup()
{
    m_workspace.reset();
    m_dir.reset();
}

// Engineering holds Platform (and Platform holds Engineering: a loop), alice is in
// Engineering, bob in Platform; carol is in no group; dave is disabled and in Engineering.
SourceReadFixture TestApplicationSyncSource::corp()
{
    const auto userDn = [](const QString& cn) { return QStringLiteral("CN=%1,OU=Users,DC=corp,DC=example").arg(cn); };
    const auto groupDn = [](const QString& cn) { return QStringLiteral("CN=%1,OU=Groups,DC=corp,DC=example").arg(cn); };
    SourceReadFixture d;
    for (const QString& name : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}) {
        d.addUser(QStringLiteral("guid-") + name, userDn(name), name + QStringLiteral("@corp.example"));
        d.user(QStringLiteral("guid-") + name).user.givenName = name;
        d.user(QStringLiteral("guid-") + name).user.familyName = QStringLiteral("Example");
    }
    d.addUser(QStringLiteral("guid-dave"), userDn(QStringLiteral("dave")), QStringLiteral("dave@corp.example"));
    d.user(QStringLiteral("guid-dave")).user.givenName = QStringLiteral("dave");
    d.user(QStringLiteral("guid-dave")).user.familyName = QStringLiteral("Example");
    d.user(QStringLiteral("guid-dave")).user.active = false;
    d.addGroup(QStringLiteral("guid-eng"), groupDn(QStringLiteral("Engineering")), QStringLiteral("Engineering"));
    d.addGroup(QStringLiteral("guid-plat"), groupDn(QStringLiteral("Platform")), QStringLiteral("Platform"));
    d.addMember(QStringLiteral("guid-eng"), userDn(QStringLiteral("alice")));
    d.addMember(QStringLiteral("guid-eng"), userDn(QStringLiteral("dave")));
    d.addMember(QStringLiteral("guid-eng"), groupDn(QStringLiteral("Platform")));
    d.addMember(QStringLiteral("guid-plat"), userDn(QStringLiteral("bob")));
    d.addMember(QStringLiteral("guid-plat"), groupDn(QStringLiteral("Engineering")));
    return d;
}

qint64 TestApplicationSyncSource::createSource(bool withPassword)
{
    DirectorySource source;
    source.name = QStringLiteral("Corp AD");
    source.sourceTypeId = QStringLiteral("active-directory");
    source.url = QStringLiteral("ldaps://dc1.corp.example");
    source.bindDn = QStringLiteral("svc-scimdesk@corp.example");
    source.baseDn = QStringLiteral("DC=corp,DC=example");
    source.userFilter = QStringLiteral("(&(objectCategory=person)(objectClass=user))");
    source.groupFilter = QStringLiteral("(objectClass=group)");
    source.anchorAttribute = QStringLiteral("objectGUID");
    source.userMappings = {{QStringLiteral("userName"), QStringLiteral("userPrincipalName")}};
    std::optional<Result<qint64, SourceSaveError>> created;
    m_workspace->sources()->create(source, withPassword ? std::optional<QString>(kBindPassword) : std::nullopt, this,
        [&](Result<qint64, SourceSaveError> result) { created = result; });
    [&] { QTRY_VERIFY(created.has_value()); }();
    return created && created->ok() ? created->value() : -1;
}

qint64 TestApplicationSyncSource::createApplication(qint64 sourceId, const Assignment& assignment)
{
    Application application;
    application.name = QStringLiteral("AWS");
    application.scimServerId = m_serverId;
    application.sourceId = sourceId;
    application.assignment = assignment;
    const auto id = m_workspace->applications().create(application);
    if (!id)
        qWarning() << id.error().message;
    return id ? id.value() : -1;
}

void TestApplicationSyncSource::readIntoCache(qint64 sourceId, const SourceRead& read)
{
    // What `sources read` does: one read into the cache, so groups can be assigned by id.
    auto script = std::make_shared<ScriptedSourceReader::Script>();
    script->answers << read;
    ScriptedSourceReader reader(script);
    std::atomic_bool cancelled {false};
    const auto loaded
        = SourceLoader(m_workspace->database(), *m_workspace->sources()->repository().find(sourceId), reader)
              .load({}, true, cancelled);
    QVERIFY(loaded.ok());
}

qint64 TestApplicationSyncSource::cachedGroup(qint64 sourceId, const QString& name)
{
    const auto found = SourceCache(m_workspace->database(), sourceId).findGroups(name);
    return found.isEmpty() ? -1 : found.constFirst().id;
}

std::optional<SyncPlan> TestApplicationSyncSource::previewOf(ApplicationSync& sync, std::optional<SyncFailure>* failure)
{
    QSignalSpy ready(&sync, &ApplicationSync::previewReady);
    QSignalSpy failed(&sync, &ApplicationSync::previewFailed);
    sync.preview();
    [&] { QTRY_VERIFY_WITH_TIMEOUT(ready.count() + failed.count() > 0, 60000); }();
    if (!failed.isEmpty()) {
        if (failure)
            *failure = failed.first().first().value<SyncFailure>();
        return std::nullopt;
    }
    return ready.isEmpty() ? std::nullopt : std::optional(ready.first().first().value<SyncPlan>());
}

SyncRunSummary TestApplicationSyncSource::applyOf(ApplicationSync& sync, const SyncPlan& plan)
{
    QSignalSpy finished(&sync, &ApplicationSync::applyFinished);
    sync.apply(plan.planId, false);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000); }();
    return finished.isEmpty() ? SyncRunSummary() : finished.first().first().value<SyncRunSummary>();
}

void TestApplicationSyncSource::nestedGroupsAreFlattenedIntoTheTarget()
{
    const qint64 sourceId = createSource();
    SourceReadFixture d = corp();
    readIntoCache(sourceId, d.full(QStringLiteral("1")));
    Assignment assignment;
    assignment.groupIds = {cachedGroup(sourceId, QStringLiteral("Engineering"))};
    const qint64 applicationId = createApplication(sourceId, assignment);
    QVERIFY(applicationId > 0);

    m_script->answers << d.full(QStringLiteral("2"));
    ApplicationSync sync(m_workspace, applicationId);
    const auto plan = previewOf(sync);
    QVERIFY(plan);
    QCOMPARE(m_script->passwords.size(), 1);
    QCOMPARE(m_script->passwords.constFirst(), kBindPassword.toUtf8()); // from the secret store, exactly
    QCOMPARE(applyOf(sync, *plan).status, SyncRunSummary::Status::Succeeded);

    // alice and bob (through Platform, through the loop too) are in scope; dave is disabled and
    // never created; carol is in no assigned group. AWS has no nesting: one flat group.
    QCOMPARE(m_emulator->userCount(), 2);
    QCOMPARE(m_emulator->groupCount(), 1);
    const QJsonObject alice = m_emulator->findUserByUserName(QStringLiteral("alice@corp.example"));
    QCOMPARE(alice.value(QLatin1String("externalId")).toString(), QStringLiteral("guid-alice"));
    const QString groupId
        = m_emulator->store().findGroupByDisplayName(QStringLiteral("Engineering")).value("id").toString();
    QCOMPARE(m_emulator->groupMemberIds(groupId),
        (QSet<QString> {alice.value("id").toString(),
            m_emulator->findUserByUserName(QStringLiteral("bob@corp.example")).value("id").toString()}));
}

void TestApplicationSyncSource::allGroupsProvisionsEveryGroupOfTheSource()
{
    const qint64 sourceId = createSource();
    Assignment assignment;
    assignment.allGroups = true;
    const qint64 applicationId = createApplication(sourceId, assignment);
    m_script->answers << corp().full(QStringLiteral("1"));
    ApplicationSync sync(m_workspace, applicationId);
    const auto plan = previewOf(sync);
    QVERIFY(plan);
    QCOMPARE(applyOf(sync, *plan).status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(m_emulator->groupCount(), 2);
    QCOMPARE(m_emulator->userCount(), 2); // members of some group, disabled dave aside
    const QString platform
        = m_emulator->store().findGroupByDisplayName(QStringLiteral("Platform")).value("id").toString();
    QCOMPARE(m_emulator->groupMemberIds(platform).size(), 2); // bob, and alice through Engineering
}

void TestApplicationSyncSource::disabledAccountIsDeprovisioned()
{
    const qint64 sourceId = createSource();
    Assignment assignment;
    assignment.allUsers = true;
    const qint64 applicationId = createApplication(sourceId, assignment);
    SourceReadFixture d = corp();
    m_script->answers << d.full(QStringLiteral("1"));
    ApplicationSync sync(m_workspace, applicationId);
    auto plan = previewOf(sync);
    QVERIFY(plan);
    QCOMPARE(applyOf(sync, *plan).status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(m_emulator->userCount(), 3);

    // carol's account is disabled in the directory (AD: userAccountControl bit 0x2).
    d.user(QStringLiteral("guid-carol")).user.active = false;
    m_script->answers << d.delta({QStringLiteral("guid-carol")}, QStringLiteral("2"));
    plan = previewOf(sync);
    QVERIFY(plan);
    QVERIFY(!m_script->requests.last().full); // an incremental read
    QCOMPARE(plan->counts().value(PlannedOperation::Kind::DisableUser), 1);
    QCOMPARE(applyOf(sync, *plan).status, SyncRunSummary::Status::Succeeded);
    QVERIFY(!m_emulator->findUserByUserName(QStringLiteral("carol@corp.example")).value("active").toBool());
}

void TestApplicationSyncSource::failedSourceReadSendsNoRequest()
{
    const qint64 sourceId = createSource();
    Assignment assignment;
    assignment.allUsers = true;
    const qint64 applicationId = createApplication(sourceId, assignment);
    SourceReadError bind = ScriptedSourceReader::error(SourceReadError::Kind::Bind,
        QStringLiteral("The directory refused the bind account's credentials (invalid credentials)."));
    bind.diagnostic = QStringLiteral("80090308: LdapErr: DSID-0C09044E, data 52e");
    m_script->answers << bind;
    ApplicationSync sync(m_workspace, applicationId);
    std::optional<SyncFailure> failure;
    QVERIFY(!previewOf(sync, &failure));
    QVERIFY(failure);
    QCOMPARE(failure->kind, SyncFailure::Kind::SourceRead);
    QVERIFY2(failure->message.contains(QLatin1String("Corp AD")), qPrintable(failure->message));
    QVERIFY(failure->message.contains(QLatin1String("invalid credentials")));
    QVERIFY(failure->message.contains(QLatin1String("data 52e")));
    QCOMPARE(failure->hint, QStringLiteral("scripted remedy"));
    QVERIFY(!failure->message.contains(kBindPassword.trimmed()));
    QCOMPARE(m_emulator->requestCount(), 0);
    QVERIFY(!sync.isBusy());
    QVERIFY(!SourceCache(m_workspace->database(), sourceId).state().has_value()); // nothing kept
}

void TestApplicationSyncSource::cancelDuringTheSourceRead()
{
    const qint64 sourceId = createSource();
    Assignment assignment;
    assignment.allUsers = true;
    ApplicationSync sync(m_workspace, createApplication(sourceId, assignment));
    m_script->blockUntilCancelled = true;
    QSignalSpy failed(&sync, &ApplicationSync::previewFailed);
    sync.preview();
    QTRY_VERIFY(m_script->started.available() > 0); // the reader is reading
    QElapsedTimer clock;
    clock.start();
    sync.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
    qInfo() << "cancel during the source read answered after" << clock.elapsed() << "ms";
    QVERIFY(clock.elapsed() < 2000);
    QCOMPARE(failed.first().first().value<SyncFailure>().kind, SyncFailure::Kind::Cancelled);
    QVERIFY(!sync.isBusy());
    QCOMPARE(m_emulator->requestCount(), 0);
}

void TestApplicationSyncSource::missingBindPasswordFailsBeforeTheRead()
{
    const qint64 sourceId = createSource(false);
    Assignment assignment;
    assignment.allUsers = true;
    ApplicationSync sync(m_workspace, createApplication(sourceId, assignment));
    std::optional<SyncFailure> failure;
    QVERIFY(!previewOf(sync, &failure));
    QCOMPARE(failure->kind, SyncFailure::Kind::Secret);
    QVERIFY2(failure->message.contains(QLatin1String("bind password")), qPrintable(failure->message));
    QVERIFY2(failure->hint.contains(QLatin1String("--source-password-env")), qPrintable(failure->hint));
    QVERIFY(m_script->requests.isEmpty());
    QCOMPARE(m_emulator->requestCount(), 0);
}

void TestApplicationSyncSource::provisionOneUserOfTheSource()
{
    const qint64 sourceId = createSource();
    SourceReadFixture d = corp();
    readIntoCache(sourceId, d.full(QStringLiteral("1")));
    Assignment assignment;
    assignment.groupIds = {cachedGroup(sourceId, QStringLiteral("Platform"))};
    const qint64 applicationId = createApplication(sourceId, assignment);
    const qint64 bob
        = SourceCache(m_workspace->database(), sourceId).findUsers(QStringLiteral("bob@corp.example")).constFirst().id;

    m_script->answers << d.full(QStringLiteral("2"));
    ApplicationSync sync(m_workspace, applicationId);
    QSignalSpy ready(&sync, &ApplicationSync::provisionReady);
    QSignalSpy finished(&sync, &ApplicationSync::provisionFinished);
    sync.startProvisionUser(bob);
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), 60000);
    QVERIFY(ready.first().at(1).value<ProvisionTrace>().inScope);
    sync.performProvision();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
    QCOMPARE(m_emulator->userCount(), 1);

    // A failed read ends the single-user run before step 1, with nothing sent.
    m_emulator->resetCounters();
    m_script->answers << ScriptedSourceReader::error(SourceReadError::Kind::Dropped, QStringLiteral("connection lost"));
    QSignalSpy provisionFailed(&sync, &ApplicationSync::provisionFailed);
    sync.startProvisionUser(bob);
    QTRY_VERIFY_WITH_TIMEOUT(!provisionFailed.isEmpty(), 60000);
    QCOMPARE(provisionFailed.first().first().value<SyncFailure>().kind, SyncFailure::Kind::SourceRead);
    QCOMPARE(m_emulator->requestCount(), 0);
}

QTEST_GUILESS_MAIN(TestApplicationSyncSource)
#include "tst_applicationsync_source.moc"
