#include "SyncTestTenant.h"

#include <AwsScimEmulator.h>

#include <QJsonArray>
#include <QSemaphore>
#include <QSet>

#include <limits>
#include <memory>

namespace {
const QString kAwsPreset = QStringLiteral("aws-iam-identity-center");

QSet<QString> userNamesOnTarget(const AwsScimEmulator& emulator)
{
    QSet<QString> names;
    AwsListQuery everything;
    everything.count = 100000;
    everything.singlePageLimit = 100000;
    const QJsonObject page = emulator.store().listUsers(everything).body;
    for (const auto& resource : page.value(QLatin1String("Resources")).toArray())
        names.insert(resource.toObject().value(QLatin1String("userName")).toString());
    return names;
}
} // namespace

// The sync engine end to end: directory → plan → apply against the AWS emulator over
// real loopback HTTP, checking what the emulator holds and how many requests it saw.
class TestSyncEngineEmulator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void initialSyncCreatesUsersGroupsAndMemberships();
    void noOpSecondRunSendsZeroWrites();
    void managersCreatedInTheSameRunAreSetByThatRun();
    void largeGroupIsWrittenInBatches();
    void emailChangeKeepsTheLinkAndPatches();
    void deprovisionPerServerOption_data();
    void deprovisionPerServerOption();
    void protectedObjectsAreNeverTouched();
    void unmanagedObjectsAreNeverTouched();
    void thresholdBlocksMassDisable();
    void sourceFailureAbortsBeforeAnyWrite();
    void capabilityReadOverlapsTheDirectoryRead();
    void directoryFailureDuringTheCapabilityReadFailsOnce();
    void conflictOnCreateLinksTheExistingUser();
    void vanishedLinkedUserIsMatchedAgain();
    void cancelMidApplyThenRerunConverges();
    void throttledTargetStillCompletes();
    void journalRecordsEveryOperation();

private:
    std::unique_ptr<SyncTestTenant> tenant();
    std::unique_ptr<AwsScimEmulator> m_emulator;
};

void TestSyncEngineEmulator::initTestCase()
{
    m_emulator = std::make_unique<AwsScimEmulator>();
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
}

void TestSyncEngineEmulator::init()
{
    m_emulator->reset();
}

void TestSyncEngineEmulator::cleanup()
{
    m_emulator->clearFaults();
}

std::unique_ptr<SyncTestTenant> TestSyncEngineEmulator::tenant()
{
    return std::make_unique<SyncTestTenant>(m_emulator->baseUrl(), m_emulator->options().token, kAwsPreset);
}

void TestSyncEngineEmulator::initialSyncCreatesUsersGroupsAndMemberships()
{
    auto t = tenant();
    const auto users = t->addUsers(QStringLiteral("user"), 30);
    const auto engineering = t->addGroup(QStringLiteral("Engineering"), users.mid(0, 20));
    const auto sales = t->addGroup(QStringLiteral("Sales"), users.mid(20, 10));
    t->assignAll();
    t->assignGroup(engineering);
    t->assignGroup(sales);

    const auto outcome = t->syncOnce();
    QVERIFY2(outcome.previewed, qPrintable(outcome.previewError));
    QCOMPARE(outcome.plan.count(PlannedOperation::Kind::CreateUser), 30);
    QCOMPARE(outcome.plan.count(PlannedOperation::Kind::CreateGroup), 2);
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(outcome.summary.failed, 0);

    QCOMPARE(m_emulator->userCount(), 30);
    QCOMPARE(m_emulator->groupCount(), 2);
    const QString engineeringId = m_emulator->store()
                                      .findGroupByDisplayName(QStringLiteral("Engineering"))
                                      .value(QLatin1String("id"))
                                      .toString();
    QCOMPARE(m_emulator->groupMemberIds(engineeringId).size(), 20);
    // Members go with the create (≤ 100), so no membership PATCH was needed.
    QCOMPARE(m_emulator->routeCount(QStringLiteral("PATCH /Groups/{id}")), 0);
    const QJsonObject user0 = m_emulator->findUserByUserName(QStringLiteral("user00000"));
    QCOMPARE(user0.value(QLatin1String("externalId")).toString(), users.first().objectId);
    QCOMPARE(user0.value(QLatin1String("emails")).toArray().first().toObject().value(QLatin1String("value")),
        QJsonValue(QStringLiteral("user00000@example.com")));
}

void TestSyncEngineEmulator::noOpSecondRunSendsZeroWrites()
{
    auto t = tenant();
    const auto users = t->addUsers(QStringLiteral("noop"), 25);
    t->assignAll();
    t->assignGroup(t->addGroup(QStringLiteral("Everyone"), users));
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);

    const int writesBefore = m_emulator->writeCount();
    const int requestsBefore = m_emulator->requestCount();
    const auto second = t->syncOnce();
    QVERIFY(second.plan.isEmpty());
    QCOMPARE(second.plan.operations.size(), 0);
    QCOMPARE(m_emulator->writeCount(), writesBefore);
    // Reads: one user list page, one group list page, one membership page of the linked group.
    QCOMPARE(m_emulator->requestCount() - requestsBefore, 3);
}

void TestSyncEngineEmulator::managersCreatedInTheSameRunAreSetByThatRun()
{
    auto t = tenant();
    // A chain: the manager of each report is created in the same run, some listed after them.
    DirectoryUser ann = t->addUser(QStringLiteral("ann"));
    DirectoryUser boss = t->addUser(QStringLiteral("boss"));
    DirectoryUser chief = t->addUser(QStringLiteral("chief"));
    ann.manager = boss.userName;
    boss.manager = chief.userName;
    QVERIFY(t->directory().updateUser(ann));
    QVERIFY(t->directory().updateUser(boss));
    t->assignAll();

    const auto first = t->syncOnce();
    QCOMPARE(first.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(first.summary.failed, 0);
    QVERIFY2(first.plan.warnings.isEmpty(), qPrintable(first.plan.warnings.join(QLatin1Char('\n'))));
    auto managerOf = [this](const QString& userName) {
        return m_emulator->findUserByUserName(userName)
            .value(QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"))
            .toObject()
            .value(QLatin1String("manager"))
            .toObject()
            .value(QLatin1String("value"))
            .toString();
    };
    const QString bossId = m_emulator->findUserByUserName(QStringLiteral("boss")).value(QLatin1String("id")).toString();
    const QString chiefId
        = m_emulator->findUserByUserName(QStringLiteral("chief")).value(QLatin1String("id")).toString();
    QVERIFY(!bossId.isEmpty() && !chiefId.isEmpty());
    QCOMPARE(managerOf(QStringLiteral("ann")), bossId);
    QCOMPARE(managerOf(QStringLiteral("boss")), chiefId);

    // One apply converged: the next preview plans nothing.
    const auto second = t->preview();
    QVERIFY2(second.previewed, qPrintable(second.previewError));
    QCOMPARE(second.plan.writeCount(), 0);
}

void TestSyncEngineEmulator::largeGroupIsWrittenInBatches()
{
    auto t = tenant();
    const auto users = t->addUsers(QStringLiteral("big"), 150);
    t->assignAll();
    const auto big = t->addGroup(QStringLiteral("Big"), users);
    t->assignGroup(big);
    const auto first = t->syncOnce();
    QCOMPARE(first.summary.status, SyncRunSummary::Status::Succeeded);
    // 100 members on create, the remaining 50 in one PATCH.
    QCOMPARE(m_emulator->routeCount(QStringLiteral("POST /Groups")), 1);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("PATCH /Groups/{id}")), 1);
    const QString groupId
        = m_emulator->store().findGroupByDisplayName(QStringLiteral("Big")).value(QLatin1String("id")).toString();
    QCOMPARE(m_emulator->groupMemberIds(groupId).size(), 150);

    // An existing, empty group that gains 150 members: two PATCHes of at most 100.
    const auto empty = t->addGroup(QStringLiteral("Later"), {});
    t->assignGroup(empty);
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);
    QVERIFY(t->directory().setGroupMembers(empty.id,
        [&] {
            QList<qint64> ids;
            for (const auto& user : users)
                ids.append(user.id);
            return ids;
        }(),
        {}));
    m_emulator->resetCounters();
    const auto third = t->syncOnce();
    QCOMPARE(third.plan.count(PlannedOperation::Kind::AddMembers), 2);
    QCOMPARE(third.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("PATCH /Groups/{id}")), 2);
    const QString laterId
        = m_emulator->store().findGroupByDisplayName(QStringLiteral("Later")).value(QLatin1String("id")).toString();
    QCOMPARE(m_emulator->groupMemberIds(laterId).size(), 150);
}

void TestSyncEngineEmulator::emailChangeKeepsTheLinkAndPatches()
{
    auto t = tenant();
    DirectoryUser alice = t->addUser(QStringLiteral("alice"));
    t->assignAll();
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);
    const QString id = m_emulator->findUserByUserName(QStringLiteral("alice")).value(QLatin1String("id")).toString();

    alice.email = QStringLiteral("alice.new@example.com");
    alice.userName = QStringLiteral("alice.new");
    QVERIFY(t->directory().updateUser(alice));
    m_emulator->resetCounters();
    const auto outcome = t->syncOnce();
    QCOMPARE(outcome.plan.count(PlannedOperation::Kind::UpdateUser), 1);
    QCOMPARE(outcome.plan.count(PlannedOperation::Kind::CreateUser), 0);
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("PATCH /Users/{id}")), 1);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("POST /Users")), 0);
    const QJsonObject renamed = m_emulator->findUserByUserName(QStringLiteral("alice.new"));
    QCOMPARE(renamed.value(QLatin1String("id")).toString(), id);
    QCOMPARE(renamed.value(QLatin1String("emails")).toArray().first().toObject().value(QLatin1String("value")),
        QJsonValue(QStringLiteral("alice.new@example.com")));
    QCOMPARE(m_emulator->userCount(), 1);
}

void TestSyncEngineEmulator::deprovisionPerServerOption_data()
{
    QTest::addColumn<int>("action");
    QTest::newRow("disable") << int(DeprovisionAction::Disable);
    QTest::newRow("delete") << int(DeprovisionAction::Delete);
    QTest::newRow("none") << int(DeprovisionAction::None);
}

void TestSyncEngineEmulator::deprovisionPerServerOption()
{
    QFETCH(int, action);
    auto t = tenant();
    t->server.options.deprovisionAction = DeprovisionAction(action);
    t->makeSession();
    const auto users = t->addUsers(QStringLiteral("dep"), 4);
    t->application.assignment.userIds = {users[0].id, users[1].id, users[2].id, users[3].id};
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);

    // One leaves the assignment, one becomes inactive in the directory.
    t->application.assignment.userIds.removeAll(users[0].id);
    DirectoryUser inactive = users[1];
    inactive.active = false;
    QVERIFY(t->directory().updateUser(inactive));
    const auto outcome = t->syncOnce();
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Succeeded);

    const QJsonObject left = m_emulator->findUserByUserName(users[0].userName);
    const QJsonObject disabled = m_emulator->findUserByUserName(users[1].userName);
    switch (DeprovisionAction(action)) {
    case DeprovisionAction::Disable:
        QCOMPARE(outcome.plan.count(PlannedOperation::Kind::DisableUser), 2);
        QCOMPARE(left.value(QLatin1String("active")).toBool(true), false);
        QCOMPARE(disabled.value(QLatin1String("active")).toBool(true), false);
        QCOMPARE(m_emulator->userCount(), 4);
        break;
    case DeprovisionAction::Delete:
        QCOMPARE(outcome.plan.count(PlannedOperation::Kind::DeleteUser), 2);
        QCOMPARE(m_emulator->userCount(), 2);
        QVERIFY(left.isEmpty());
        break;
    case DeprovisionAction::None:
        QCOMPARE(outcome.plan.deprovisionCount(), 0);
        QCOMPARE(left.value(QLatin1String("active")).toBool(false), true);
        QCOMPARE(m_emulator->userCount(), 4);
        break;
    }
    QCOMPARE(m_emulator->findUserByUserName(users[2].userName).value(QLatin1String("active")).toBool(false), true);
}

void TestSyncEngineEmulator::protectedObjectsAreNeverTouched()
{
    auto t = tenant();
    t->server.options.deprovisionAction = DeprovisionAction::Delete;
    t->server.options.protectedPatterns.append(QStringLiteral("^svc-"));
    t->makeSession();
    // A hand-made Control Tower group and a service user with the same names as directory objects.
    QJsonObject controlTower {{QStringLiteral("displayName"), QStringLiteral("AWSControlTowerAdmins")}};
    QVERIFY(!m_emulator->store().createGroup(controlTower).isError());
    QJsonObject serviceUser {{QStringLiteral("userName"), QStringLiteral("svc-deploy")},
        {QStringLiteral("displayName"), QStringLiteral("Deploy bot")},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("Deploy")},
                {QStringLiteral("familyName"), QStringLiteral("Bot")}}}};
    QVERIFY(!m_emulator->store().createUser(serviceUser).isError());

    const auto svc = t->addUser(QStringLiteral("svc-deploy"));
    const auto bob = t->addUser(QStringLiteral("bob"));
    t->assignAll();
    t->assignGroup(t->addGroup(QStringLiteral("AWSControlTowerAdmins"), {svc, bob}));
    const auto outcome = t->syncOnce();
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(outcome.plan.operations.size(), 1); // bob's creation only
    QCOMPARE(outcome.plan.count(PlannedOperation::Kind::CreateUser), 1);
    QVERIFY(outcome.plan.protectedObjects.size() >= 2);
    QCOMPARE(m_emulator->findUserByUserName(QStringLiteral("svc-deploy")).value(QLatin1String("displayName")),
        QJsonValue(QStringLiteral("Deploy bot")));
    const QString towerId = m_emulator->store()
                                .findGroupByDisplayName(QStringLiteral("AWSControlTowerAdmins"))
                                .value(QLatin1String("id"))
                                .toString();
    QVERIFY(m_emulator->groupMemberIds(towerId).isEmpty());
}

void TestSyncEngineEmulator::unmanagedObjectsAreNeverTouched()
{
    auto t = tenant();
    t->server.options.deprovisionAction = DeprovisionAction::Delete;
    t->makeSession();
    QJsonObject handmade {{QStringLiteral("userName"), QStringLiteral("handmade")},
        {QStringLiteral("displayName"), QStringLiteral("Hand Made")},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("Hand")},
                {QStringLiteral("familyName"), QStringLiteral("Made")}}}};
    QVERIFY(!m_emulator->store().createUser(handmade).isError());
    QVERIFY(!m_emulator->store()
                 .createGroup(QJsonObject {{QStringLiteral("displayName"), QStringLiteral("Handmade group")}})
                 .isError());

    t->addUsers(QStringLiteral("managed"), 3);
    t->assignAll();
    const auto first = t->syncOnce();
    QCOMPARE(first.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(first.plan.unmanagedObjects.size(), 2);

    // Everybody leaves scope: only our three users are deleted.
    t->application.assignment.allUsers = false;
    const auto second = t->syncOnce();
    QCOMPARE(second.plan.count(PlannedOperation::Kind::DeleteUser), 3);
    QCOMPARE(second.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(m_emulator->userCount(), 1);
    QCOMPARE(m_emulator->groupCount(), 1);
    QVERIFY(!m_emulator->findUserByUserName(QStringLiteral("handmade")).isEmpty());
}

void TestSyncEngineEmulator::thresholdBlocksMassDisable()
{
    auto t = tenant();
    t->server.options.deletionThresholdPercent = 10;
    t->server.options.deletionThresholdMinimum = 2;
    t->makeSession();
    t->addUsers(QStringLiteral("mass"), 20);
    t->assignAll();
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);

    t->application.assignment.allUsers = false; // e.g. a mistaken assignment change
    const int writesBefore = m_emulator->writeCount();
    const auto blocked = t->syncOnce(false);
    QVERIFY(blocked.plan.needsConfirmation);
    QCOMPARE(blocked.plan.count(PlannedOperation::Kind::DisableUser), 20);
    QCOMPARE(blocked.summary.status, SyncRunSummary::Status::Refused);
    QCOMPARE(m_emulator->writeCount(), writesBefore);

    const auto confirmed = t->syncOnce(true);
    QCOMPARE(confirmed.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(m_emulator->writeCount(), writesBefore + 20);
}

void TestSyncEngineEmulator::sourceFailureAbortsBeforeAnyWrite()
{
    auto t = tenant();
    t->addUsers(QStringLiteral("src"), 5);
    t->assignAll();
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);

    const int writesBefore = m_emulator->writeCount();
    t->session->setDirectoryLoader([]() -> Result<DirectorySnapshot, StorageError> {
        return StorageError {StorageError::Kind::Io, QStringLiteral("LDAP server timed out")};
    });
    const auto outcome = t->syncOnce();
    QVERIFY(!outcome.previewed);
    QVERIFY2(outcome.previewError.contains(QStringLiteral("LDAP server timed out")), qPrintable(outcome.previewError));
    QCOMPARE(m_emulator->writeCount(), writesBefore);
    for (const auto& resource : m_emulator->store().listUsers({}).body.value(QLatin1String("Resources")).toArray())
        QCOMPARE(resource.toObject().value(QLatin1String("active")).toBool(false), true);
}

void TestSyncEngineEmulator::capabilityReadOverlapsTheDirectoryRead()
{
    // The loader (on the pool) holds the directory read until the emulator has answered
    // /ServiceProviderConfig: a session that reads the directory first would never see it.
    auto t = tenant();
    t->addUsers(QStringLiteral("overlap"), 3);
    t->assignAll();
    QSemaphore configAnswered;
    connect(m_emulator.get(), &AwsScimEmulator::requestHandled, t->session.get(),
        [&configAnswered](const QString&, const QString& path, int) {
            if (path.endsWith(QLatin1String("/ServiceProviderConfig")))
                configAnswered.release();
        });
    bool sawConfigFirst = false;
    t->session->setDirectoryLoader(
        [&sawConfigFirst, &configAnswered, database = t->database()]() -> Result<DirectorySnapshot, StorageError> {
            sawConfigFirst = configAnswered.tryAcquire(1, 30000);
            return DirectorySnapshot::load(*database);
        });
    const auto outcome = t->syncOnce();
    m_emulator->disconnect(t->session.get());
    QVERIFY2(sawConfigFirst, "the directory was read before /ServiceProviderConfig was asked");
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(m_emulator->userCount(), 3);
}

void TestSyncEngineEmulator::directoryFailureDuringTheCapabilityReadFailsOnce()
{
    // /ServiceProviderConfig hangs while the directory read fails: one failure, reported once,
    // the hanging read given up, and the next preview works.
    auto t = tenant();
    t->addUsers(QStringLiteral("once"), 2);
    t->assignAll();
    m_emulator->hangNext(1);
    t->session->setDirectoryLoader([]() -> Result<DirectorySnapshot, StorageError> {
        return StorageError {StorageError::Kind::Io, QStringLiteral("LDAP server timed out")};
    });
    QSignalSpy failed(t->session.get(), &SyncSession::previewFailed);
    const auto broken = t->preview();
    QVERIFY(!broken.previewed);
    QVERIFY2(broken.previewError.contains(QStringLiteral("LDAP server timed out")), qPrintable(broken.previewError));
    QVERIFY(!t->session->isBusy());

    m_emulator->clearFaults();
    t->session->setDirectoryLoader([database = t->database()]() -> Result<DirectorySnapshot, StorageError> {
        return DirectorySnapshot::load(*database);
    });
    const auto outcome = t->syncOnce();
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(m_emulator->userCount(), 2);
}

void TestSyncEngineEmulator::conflictOnCreateLinksTheExistingUser()
{
    auto t = tenant();
    t->addUser(QStringLiteral("carol"));
    t->assignAll();
    const auto preview = t->preview();
    QCOMPARE(preview.plan.count(PlannedOperation::Kind::CreateUser), 1);
    // Somebody creates the same user between preview and apply.
    QJsonObject carol {{QStringLiteral("userName"), QStringLiteral("carol")},
        {QStringLiteral("displayName"), QStringLiteral("Someone else's Carol")},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("C")},
                {QStringLiteral("familyName"), QStringLiteral("D")}}}};
    QVERIFY(!m_emulator->store().createUser(carol).isError());
    const auto summary = t->apply(preview.plan);
    QCOMPARE(summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(summary.conflictsLinked, 1);
    QCOMPARE(m_emulator->userCount(), 1);
    QCOMPARE(m_emulator->findUserByUserName(QStringLiteral("carol")).value(QLatin1String("displayName")),
        QJsonValue(QStringLiteral("Given carol")));
    QVERIFY(t->syncOnce().plan.isEmpty());
}

void TestSyncEngineEmulator::vanishedLinkedUserIsMatchedAgain()
{
    auto t = tenant();
    DirectoryUser dave = t->addUser(QStringLiteral("dave"));
    t->assignAll();
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);
    dave.title = QStringLiteral("Engineer");
    QVERIFY(t->directory().updateUser(dave));
    const auto preview = t->preview();
    QCOMPARE(preview.plan.count(PlannedOperation::Kind::UpdateUser), 1);
    const QString id = m_emulator->findUserByUserName(QStringLiteral("dave")).value(QLatin1String("id")).toString();
    QCOMPARE(m_emulator->store().deleteUser(id).status, 204);
    const auto summary = t->apply(preview.plan);
    QCOMPARE(summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(summary.rematched, 1);
    QCOMPARE(m_emulator->findUserByUserName(QStringLiteral("dave")).value(QLatin1String("title")),
        QJsonValue(QStringLiteral("Engineer")));
    QVERIFY(t->syncOnce().plan.isEmpty());
}

void TestSyncEngineEmulator::cancelMidApplyThenRerunConverges()
{
    auto t = tenant();
    const auto users = t->addUsers(QStringLiteral("cancel"), 200);
    t->assignAll();
    t->assignGroup(t->addGroup(QStringLiteral("Cancel group"), users));
    const auto preview = t->preview();
    QVERIFY(preview.previewed);

    // Mid-run by state, not by timing: the emulator answers 30 user creates, then holds every
    // further request unanswered, and the cancel is issued at that very point. Only the cancel
    // can end the run now (the held requests would otherwise end by timeout and retries).
    constexpr int kCreatedBeforeCancel = 30;
    int created = 0;
    SyncSession* session = t->session.get();
    connect(m_emulator.get(), &AwsScimEmulator::requestHandled, session,
        [this, session, &created](const QString& method, const QString& path, int status) {
            if (method != QLatin1String("POST") || !path.endsWith(QLatin1String("/Users")) || status != 201)
                return;
            if (++created == kCreatedBeforeCancel) {
                m_emulator->hangNext(std::numeric_limits<int>::max());
                session->cancel();
            }
        });
    QSignalSpy finished(t->session.get(), &SyncSession::applyFinished);
    t->session->apply(preview.plan.planId);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
    m_emulator->disconnect(session);
    const auto cancelled = finished.first().first().value<SyncRunSummary>();
    QCOMPARE(cancelled.status, SyncRunSummary::Status::Cancelled);
    QCOMPARE(created, kCreatedBeforeCancel);
    QCOMPARE(m_emulator->userCount(), kCreatedBeforeCancel);

    m_emulator->clearFaults();
    const auto rerun = t->syncOnce();
    QCOMPARE(rerun.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(m_emulator->userCount(), 200);
    QCOMPARE(userNamesOnTarget(*m_emulator).size(), 200);
    QVERIFY(t->syncOnce().plan.isEmpty());
    const QString groupId = m_emulator->store()
                                .findGroupByDisplayName(QStringLiteral("Cancel group"))
                                .value(QLatin1String("id"))
                                .toString();
    QCOMPARE(m_emulator->groupMemberIds(groupId).size(), 200);
}

void TestSyncEngineEmulator::throttledTargetStillCompletes()
{
    auto t = tenant();
    t->addUsers(QStringLiteral("throttle"), 60);
    t->assignAll();
    m_emulator->setThrottle(40, 5, true);
    const auto outcome = t->syncOnce();
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(outcome.summary.failed, 0);
    QVERIFY(m_emulator->statusCount(429) > 0);
    QCOMPARE(m_emulator->userCount(), 60);
    m_emulator->clearFaults();
    QVERIFY(t->syncOnce().plan.isEmpty());
}

void TestSyncEngineEmulator::journalRecordsEveryOperation()
{
    auto t = tenant();
    t->addUsers(QStringLiteral("journal"), 5);
    t->assignAll();
    const auto outcome = t->syncOnce();
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Succeeded);
    JournalStore journal(t->database());
    const auto entries = journal.entries(outcome.summary.runId);
    QVERIFY(entries);
    QCOMPARE(entries->size(), 5);
    for (const auto& entry : entries.value()) {
        QCOMPARE(entry.status, QStringLiteral("ok"));
        QCOMPARE(entry.action, QStringLiteral("create-user"));
        QVERIFY(!entry.targetId.isEmpty());
        QVERIFY(entry.finishedAt.isValid());
        // The emulator answers a create with 201 and an x-amzn-RequestId, as AWS does.
        QCOMPARE(entry.httpStatus, 201);
        QVERIFY(!entry.requestId.isEmpty());
    }
    const auto runs = journal.runs(t->application.id);
    QVERIFY(runs);
    QCOMPARE(runs->first().status, QStringLiteral("succeeded"));
    QCOMPARE(runs->first().planId, outcome.plan.planId.toString(QUuid::WithoutBraces));
}

QTEST_GUILESS_MAIN(TestSyncEngineEmulator)
#include "tst_syncengine_emulator.moc"
