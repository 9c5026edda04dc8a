#include "SyncTestTenant.h"

#include <AwsScimEmulator.h>
#include <sync/LinkStore.h>
#include <sync/UserProvisioner.h>

#include <QJsonArray>

#include <memory>

namespace {
const QString kAwsPreset = QStringLiteral("aws-iam-identity-center");

QString stepText(const ProvisionStep& step)
{
    return step.summary + QLatin1Char('\n') + step.details;
}
} // namespace

// "Provision one user" against the AWS emulator over real loopback HTTP: each of the five
// steps, what was read (targeted queries only) and what was written after perform().
class TestUserProvisionerEmulator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void createsNewUserWithMemberships();
    void updateShowsBeforeAfterAndPatches();
    void outOfScopeLinkedUserIsDisabled();
    void userInSyncSendsNothing();
    void unlinkedTargetUserIsMatchedByUserNameAndLinked();
    void cancelBeforePerformSendsNothing();

private:
    std::unique_ptr<SyncTestTenant> tenant();
    // Runs steps 1–4; returns the provisioner once it waits for perform() or has finished.
    std::unique_ptr<UserProvisioner> prepare(SyncTestTenant& t, qint64 userId);
    void performAndWait(UserProvisioner& provisioner);

    std::unique_ptr<AwsScimEmulator> m_emulator;
};

void TestUserProvisionerEmulator::initTestCase()
{
    m_emulator = std::make_unique<AwsScimEmulator>();
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
}

void TestUserProvisionerEmulator::init()
{
    m_emulator->reset();
}

std::unique_ptr<SyncTestTenant> TestUserProvisionerEmulator::tenant()
{
    return std::make_unique<SyncTestTenant>(m_emulator->baseUrl(), m_emulator->options().token, kAwsPreset);
}

std::unique_ptr<UserProvisioner> TestUserProvisionerEmulator::prepare(SyncTestTenant& t, qint64 userId)
{
    auto provisioner = std::make_unique<UserProvisioner>(t.database(), t.client.get(), t.server);
    QSignalSpy ready(provisioner.get(), &UserProvisioner::readyToPerform);
    QSignalSpy finished(provisioner.get(), &UserProvisioner::finished);
    QSignalSpy started(provisioner.get(), &UserProvisioner::stepStarted);
    provisioner->start(t.application, userId);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(ready.count() + finished.count() > 0, 30000); }();
    // Every step that ran was announced before it finished.
    [&] { QVERIFY(started.count() >= 4); }();
    return provisioner;
}

void TestUserProvisionerEmulator::performAndWait(UserProvisioner& provisioner)
{
    QCOMPARE(provisioner.state(), UserProvisioner::State::AwaitingConfirmation);
    QSignalSpy finished(&provisioner, &UserProvisioner::finished);
    provisioner.perform();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
}

void TestUserProvisionerEmulator::createsNewUserWithMemberships()
{
    auto t = tenant();
    const DirectoryUser bob = t->addUser(QStringLiteral("bob"));
    const DirectoryGroup engineering = t->addGroup(QStringLiteral("Engineering"), {bob});
    t->assignGroup(engineering);
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);
    const QString groupId = m_emulator->store()
                                .findGroupByDisplayName(QStringLiteral("Engineering"))
                                .value(QLatin1String("id"))
                                .toString();
    QVERIFY(!groupId.isEmpty());

    const DirectoryUser alice = t->addUser(QStringLiteral("alice"));
    QVERIFY(t->directory().addGroupMembers(engineering.id, {alice.id}, {}));
    m_emulator->resetCounters();

    auto provisioner = prepare(*t, alice.id);
    const ProvisionTrace& trace = provisioner->trace();
    QCOMPARE(trace.userName, QStringLiteral("alice"));
    const ProvisionStep* source = trace.step(ProvisionStep::Kind::Source);
    QCOMPARE(source->status, ProvisionStep::Status::Pass);
    QCOMPARE(source->json.value(QLatin1String("userName")).toString(), QStringLiteral("alice"));
    QCOMPARE(source->json.value(QLatin1String("externalId")).toString(), alice.objectId);

    const ProvisionStep* scope = trace.step(ProvisionStep::Kind::Scope);
    QCOMPARE(scope->status, ProvisionStep::Status::Pass);
    QVERIFY2(scope->details.contains(QStringLiteral("Assigned group \"Engineering\": direct member")),
        qPrintable(scope->details));

    const ProvisionStep* match = trace.step(ProvisionStep::Kind::Match);
    QCOMPARE(match->status, ProvisionStep::Status::Pass);
    QVERIFY2(match->details.contains(QStringLiteral("externalId eq \"%1\"").arg(alice.objectId)),
        qPrintable(match->details));
    QVERIFY2(match->details.contains(QStringLiteral("userName eq \"alice\"")), qPrintable(match->details));

    const ProvisionStep* action = trace.step(ProvisionStep::Kind::Action);
    QVERIFY2(action->summary.startsWith(QStringLiteral("Create")), qPrintable(action->summary));
    QVERIFY2(action->details.contains(QStringLiteral("Add to the group \"Engineering\"")), qPrintable(action->details));
    QCOMPARE(m_emulator->writeCount(), 0); // nothing before the confirmation
    QVERIFY(m_emulator->routeCount(QStringLiteral("GET /Groups")) <= 3); // targeted lookups only

    performAndWait(*provisioner);
    const ProvisionStep* perform = trace.step(ProvisionStep::Kind::Perform);
    QCOMPARE(perform->status, ProvisionStep::Status::Pass);
    QVERIFY2(perform->details.contains(QStringLiteral("HTTP 201")), qPrintable(perform->details));
    QVERIFY2(perform->details.contains(QStringLiteral("request id")), qPrintable(perform->details));

    const QJsonObject created = m_emulator->findUserByUserName(QStringLiteral("alice"));
    QVERIFY(!created.isEmpty());
    const QString aliceId = created.value(QLatin1String("id")).toString();
    QVERIFY(m_emulator->groupMemberIds(groupId).contains(aliceId));
    QCOMPARE(m_emulator->groupMemberIds(groupId).size(), 2);
    QCOMPARE(m_emulator->userCount(), 2);
    const QString text = trace.toText();
    QVERIFY(text.contains(QStringLiteral("POST /Users → HTTP 201")));
    QVERIFY(!text.contains(m_emulator->options().token));
}

void TestUserProvisionerEmulator::updateShowsBeforeAfterAndPatches()
{
    auto t = tenant();
    DirectoryUser alice = t->addUser(QStringLiteral("alice"));
    alice.title = QStringLiteral("Engineer");
    QVERIFY(t->directory().updateUser(alice));
    t->assignAll();
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);

    alice.title = QStringLiteral("Staff Engineer");
    QVERIFY(t->directory().updateUser(alice));
    m_emulator->resetCounters();

    auto provisioner = prepare(*t, alice.id);
    const ProvisionTrace& trace = provisioner->trace();
    QVERIFY2(trace.step(ProvisionStep::Kind::Match)->details.contains(QStringLiteral("Link: GET /Users/")),
        qPrintable(trace.step(ProvisionStep::Kind::Match)->details));
    const ProvisionStep* action = trace.step(ProvisionStep::Kind::Action);
    QVERIFY2(action->summary.startsWith(QStringLiteral("Update")), qPrintable(action->summary));
    QCOMPARE(action->changes.size(), 1);
    QCOMPARE(action->changes.first().path, QStringLiteral("title"));
    QCOMPARE(action->changes.first().before.toString(), QStringLiteral("Engineer"));
    QCOMPARE(action->changes.first().after.toString(), QStringLiteral("Staff Engineer"));
    QVERIFY(action->json.contains(QLatin1String("Operations")));
    QCOMPARE(m_emulator->writeCount(), 0);

    performAndWait(*provisioner);
    QCOMPARE(trace.step(ProvisionStep::Kind::Perform)->status, ProvisionStep::Status::Pass);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("PATCH /Users/{id}")), 1);
    QCOMPARE(m_emulator->writeCount(), 1);
    QCOMPARE(m_emulator->findUserByUserName(QStringLiteral("alice")).value(QLatin1String("title")).toString(),
        QStringLiteral("Staff Engineer"));
}

void TestUserProvisionerEmulator::outOfScopeLinkedUserIsDisabled()
{
    auto t = tenant();
    const DirectoryUser alice = t->addUser(QStringLiteral("alice"));
    const DirectoryUser bob = t->addUser(QStringLiteral("bob"));
    const DirectoryGroup engineering = t->addGroup(QStringLiteral("Engineering"), {alice, bob});
    t->assignGroup(engineering);
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);
    const QString groupId = m_emulator->store()
                                .findGroupByDisplayName(QStringLiteral("Engineering"))
                                .value(QLatin1String("id"))
                                .toString();
    const QString aliceId
        = m_emulator->findUserByUserName(QStringLiteral("alice")).value(QLatin1String("id")).toString();
    QVERIFY(m_emulator->groupMemberIds(groupId).contains(aliceId));

    QVERIFY(t->directory().removeGroupMembers(engineering.id, {alice.id}, {}));
    auto provisioner = prepare(*t, alice.id);
    const ProvisionTrace& trace = provisioner->trace();
    const ProvisionStep* scope = trace.step(ProvisionStep::Kind::Scope);
    QCOMPARE(scope->status, ProvisionStep::Status::Info);
    QVERIFY2(scope->summary.startsWith(QStringLiteral("Out of scope")), qPrintable(scope->summary));
    QVERIFY2(scope->details.contains(QStringLiteral("Assigned group \"Engineering\": not a member")),
        qPrintable(scope->details));
    const ProvisionStep* action = trace.step(ProvisionStep::Kind::Action);
    QVERIFY2(action->summary.startsWith(QStringLiteral("Disable")), qPrintable(stepText(*action)));
    QVERIFY2(action->details.contains(QStringLiteral("Remove from the group \"Engineering\"")),
        qPrintable(stepText(*action)));

    performAndWait(*provisioner);
    QCOMPARE(trace.step(ProvisionStep::Kind::Perform)->status, ProvisionStep::Status::Pass);
    QCOMPARE(
        m_emulator->findUserByUserName(QStringLiteral("alice")).value(QLatin1String("active")).toBool(true), false);
    QVERIFY(!m_emulator->groupMemberIds(groupId).contains(aliceId));
    QCOMPARE(m_emulator->groupMemberIds(groupId).size(), 1); // bob stays
    QCOMPARE(m_emulator->findUserByUserName(QStringLiteral("bob")).value(QLatin1String("active")).toBool(), true);
}

void TestUserProvisionerEmulator::userInSyncSendsNothing()
{
    auto t = tenant();
    const DirectoryUser alice = t->addUser(QStringLiteral("alice"));
    const DirectoryGroup engineering = t->addGroup(QStringLiteral("Engineering"), {alice});
    t->assignGroup(engineering);
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);
    m_emulator->resetCounters();

    auto provisioner = prepare(*t, alice.id);
    QCOMPARE(provisioner->state(), UserProvisioner::State::Finished);
    const ProvisionTrace& trace = provisioner->trace();
    const ProvisionStep* action = trace.step(ProvisionStep::Kind::Action);
    QCOMPARE(action->status, ProvisionStep::Status::Pass);
    QVERIFY2(action->summary.contains(QStringLiteral("already in sync")), qPrintable(stepText(*action)));
    QCOMPARE(trace.step(ProvisionStep::Kind::Perform)->status, ProvisionStep::Status::Skipped);
    QCOMPARE(m_emulator->writeCount(), 0);
    // The linked user and their groups, nothing more: no listing of the tenant.
    QCOMPARE(m_emulator->requestCount(), 2);
}

void TestUserProvisionerEmulator::unlinkedTargetUserIsMatchedByUserNameAndLinked()
{
    auto t = tenant();
    const DirectoryUser carol = t->addUser(QStringLiteral("carol"));
    t->assignAll();
    const auto seeded = m_emulator->store().createUser(QJsonObject {
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")}},
        {QStringLiteral("userName"), QStringLiteral("Carol")},
        {QStringLiteral("displayName"), QStringLiteral("Carol by hand")},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("Carol")},
                {QStringLiteral("familyName"), QStringLiteral("Hand")}}},
    });
    QVERIFY(!seeded.isError());
    const QString seededId = seeded.body.value(QLatin1String("id")).toString();
    m_emulator->resetCounters();

    auto provisioner = prepare(*t, carol.id);
    const ProvisionTrace& trace = provisioner->trace();
    const ProvisionStep* match = trace.step(ProvisionStep::Kind::Match);
    QVERIFY2(match->details.contains(
                 QStringLiteral("externalId eq \"%1\"").arg(carol.objectId) + QStringLiteral(" → no user")),
        qPrintable(match->details));
    QVERIFY2(match->details.contains(QStringLiteral("userName eq \"carol\" → found")), qPrintable(match->details));
    QVERIFY2(match->summary.contains(seededId), qPrintable(match->summary));
    const ProvisionStep* action = trace.step(ProvisionStep::Kind::Action);
    QVERIFY2(action->summary.startsWith(QStringLiteral("Link and update")), qPrintable(stepText(*action)));
    bool externalIdChange = false;
    for (const auto& change : action->changes)
        externalIdChange = externalIdChange || change.path == QStringLiteral("externalId");
    QVERIFY(externalIdChange);

    performAndWait(*provisioner);
    QCOMPARE(trace.step(ProvisionStep::Kind::Perform)->status, ProvisionStep::Status::Pass);
    QCOMPARE(m_emulator->userCount(), 1); // no duplicate
    QCOMPARE(m_emulator->routeCount(QStringLiteral("POST /Users")), 0);
    const QJsonObject user = m_emulator->store().user(seededId);
    QCOMPARE(user.value(QLatin1String("externalId")).toString(), carol.objectId);
    LinkStore links(t->database(), t->application.id);
    const auto loaded = links.load(TargetLink::Kind::User);
    QVERIFY(loaded);
    QCOMPARE(loaded->value(carol.objectId).targetId, seededId);
}

void TestUserProvisionerEmulator::cancelBeforePerformSendsNothing()
{
    auto t = tenant();
    const DirectoryUser dave = t->addUser(QStringLiteral("dave"));
    t->assignAll();
    auto provisioner = prepare(*t, dave.id);
    QCOMPARE(provisioner->state(), UserProvisioner::State::AwaitingConfirmation);
    QSignalSpy finished(provisioner.get(), &UserProvisioner::finished);
    provisioner->cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(provisioner->trace().step(ProvisionStep::Kind::Perform)->status, ProvisionStep::Status::Skipped);
    provisioner->perform(); // ignored: nothing awaits confirmation any more
    QCOMPARE(m_emulator->writeCount(), 0);
    QCOMPARE(m_emulator->userCount(), 0);
}

QTEST_GUILESS_MAIN(TestUserProvisionerEmulator)
#include "tst_userprovisioner_emulator.moc"
