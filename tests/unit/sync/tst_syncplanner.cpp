#include <sync/PlanUserCounts.h>
#include <sync/SyncPlanner.h>

#include <QJsonArray>
#include <QTest>

// The planner on synthetic snapshots: matching, diff, ordering, batching and safety rules.
class TestSyncPlanner : public QObject
{
    Q_OBJECT

private slots:
    void createsWhatIsMissingInPhaseOrder();
    void noOpDirectoryGivesAnEmptyPlan();
    void updatesOnlyRealDifferences_data();
    void updatesOnlyRealDifferences();
    void matchesUnlinkedUsersByPrecedence_data();
    void matchesUnlinkedUsersByPrecedence();
    void memberBatchesRespectTheLimit_data();
    void memberBatchesRespectTheLimit();
    void neverRemovesUnmanagedMembers();
    void deprovisionsManagedUsersLeavingScope();
    void unmanagedAndProtectedAreReportedNotTouched();
    void thresholdNeedsConfirmation_data();
    void thresholdNeedsConfirmation();
    void incompleteSourceDeprovisionsNothing();
    void validationFailuresAreReportedAndNotDeprovisioned();
    void singleUserScopeLeavesOthersAlone();
    void managerBecomesTheManagersTargetId_data();
    void managerBecomesTheManagersTargetId();
    void managerCreatedInThisRunIsSetInTheSameRun();
    void unknownManagerKeepsTheTargetsValue();
    void groupLeavingScopeUnderDisableIsReported_data();
    void groupLeavingScopeUnderDisableIsReported();
    void knownWarningsComeFirst();
};

namespace {
const QString kEmail = QStringLiteral("emails[type eq \"work\"].value");

ServerCapabilities awsLike()
{
    ServerCapabilities caps;
    caps.maxMembersPerPatch = 100;
    caps.maxMembersOnCreate = 100;
    caps.groupReadReturnsMembers = false;
    caps.replaceAllMembersSupported = false;
    return caps;
}

QJsonObject resource(
    const QString& userName, const QString& externalId, const QString& email, const QString& title = QString())
{
    QJsonObject user {
        {QStringLiteral("userName"), userName},
        {QStringLiteral("externalId"), externalId},
        {QStringLiteral("displayName"), userName.toUpper()},
        {QStringLiteral("emails"),
            QJsonArray {QJsonObject {{QStringLiteral("value"), email}, {QStringLiteral("type"), QStringLiteral("work")},
                {QStringLiteral("primary"), true}}}},
    };
    if (!title.isEmpty())
        user.insert(QStringLiteral("title"), title);
    return user;
}

const QString kEnterprise = QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
const QString kManagerPath = kEnterprise + QStringLiteral(":manager.value");

// What DesiredStateBuilder and TargetReader keep: every path the tests compare or match by.
const ResourceProjection& projection()
{
    static const auto paths = std::make_shared<const ResourceProjection>(
        QStringList {QStringLiteral("userName"), QStringLiteral("displayName"), kEmail, QStringLiteral("title"),
            kManagerPath, QStringLiteral("externalId"), QStringLiteral("emails.value")});
    return *paths;
}

std::shared_ptr<const ResourceProjection> sharedProjection()
{
    static const auto shared = std::make_shared<const ResourceProjection>(projection());
    return shared;
}

std::shared_ptr<TargetSnapshot> snapshot()
{
    auto target = std::make_shared<TargetSnapshot>();
    target->projection = sharedProjection();
    return target;
}

TargetUser targetFrom(const QJsonObject& resource)
{
    return TargetSnapshot::userFromJson(resource, projection());
}

DesiredUser desired(const QString& userName, const QString& title = QString())
{
    DesiredUser user;
    user.directoryObjectId = QStringLiteral("obj-") + userName;
    user.setResource(projection(),
        resource(userName, user.directoryObjectId, userName + QStringLiteral("@example.com"), title), userName,
        {{QStringLiteral("externalId"), user.directoryObjectId}, {QStringLiteral("userName"), userName},
            {QStringLiteral("emails.value"), userName + QStringLiteral("@example.com")}});
    return user;
}

// The target user a sync of user left behind, as the server returns it.
QJsonObject targetJson(const DesiredUser& user, const QString& id)
{
    QJsonObject json = user.resource.kept();
    json.insert(QStringLiteral("id"), id);
    json.insert(QStringLiteral("active"), true);
    return json;
}

TargetUser targetOf(const DesiredUser& user, const QString& id)
{
    return targetFrom(targetJson(user, id));
}

// Links the directory object to the target object, replacing a link it had (as LinkStore does).
void link(QList<LinkedIds>& links, const QString& directoryId, const QString& targetId)
{
    for (auto& existing : links) {
        if (existing.directoryObjectId == directoryId) {
            existing.targetId = targetId;
            return;
        }
    }
    links.append({directoryId, targetId});
}

QJsonValue managerOf(const QJsonObject& resource)
{
    return resource.value(kEnterprise)
        .toObject()
        .value(QLatin1String("manager"))
        .toObject()
        .value(QLatin1String("value"));
}

// What DesiredStateBuilder produces for a user whose directory manager is managerUserName.
void setManager(DesiredUser& user, const QString& managerUserName, const QString& managerDirectoryId)
{
    QJsonObject body = user.resource.kept();
    body.insert(kEnterprise,
        QJsonObject {{QStringLiteral("manager"), QJsonObject {{QStringLiteral("value"), managerUserName}}}});
    body.insert(QStringLiteral("schemas"),
        QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User"), kEnterprise});
    user.setResource(projection(), body, user.userName(), user.matchKeys());
    user.managerUserName = managerUserName;
    user.managerDirectoryId = managerDirectoryId;
}

PlannerInput baseInput()
{
    PlannerInput input;
    input.applicationId = 1;
    input.capabilities = awsLike();
    input.options.deletionThresholdMinimum = 1000;
    input.updatePaths = {QStringLiteral("userName"), QStringLiteral("displayName"), kEmail, QStringLiteral("title")};
    input.caseInsensitivePaths = {QStringLiteral("userName"), QStringLiteral("emails.value")};
    input.projection = sharedProjection();
    input.target = snapshot();
    return input;
}

// A tenant already in sync: n linked users, a linked group holding all of them.
PlannerInput inSync(int n)
{
    PlannerInput input = baseInput();
    auto target = snapshot();
    DesiredGroup group {QStringLiteral("grp-all"), QStringLiteral("All"), {}};
    TargetGroup targetGroup;
    targetGroup.id = QStringLiteral("tg-all");
    targetGroup.displayName = QStringLiteral("All");
    targetGroup.membersRead = true;
    for (int i = 0; i < n; ++i) {
        const DesiredUser user = desired(QStringLiteral("u%1").arg(i));
        input.users.append(user);
        const QString id = QStringLiteral("t%1").arg(i);
        target->users.append(targetOf(user, id));
        link(input.userLinks, user.directoryObjectId, id);
        group.memberDirectoryIds.append(user.directoryObjectId);
        targetGroup.memberIds.append(id);
    }
    target->groups.append(targetGroup);
    input.groups.append(group);
    link(input.groupLinks, group.directoryObjectId, targetGroup.id);
    input.target = target;
    return input;
}
} // namespace

void TestSyncPlanner::createsWhatIsMissingInPhaseOrder()
{
    PlannerInput input = baseInput();
    input.users = {desired(QStringLiteral("a")), desired(QStringLiteral("b"))};
    input.groups = {{QStringLiteral("g1"), QStringLiteral("G1"), {QStringLiteral("obj-a"), QStringLiteral("obj-b")}}};
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.operations.size(), 3);
    QCOMPARE(plan.operations[0].kind, PlannedOperation::Kind::CreateUser);
    QCOMPARE(plan.operations[1].kind, PlannedOperation::Kind::CreateUser);
    QCOMPARE(plan.operations[2].kind, PlannedOperation::Kind::CreateGroup);
    QCOMPARE(plan.operations[2].memberDirectoryIds, QStringList({QStringLiteral("obj-a"), QStringLiteral("obj-b")}));
    QCOMPARE(plan.operations[2].payload.value(QLatin1String("externalId")).toString(), QStringLiteral("g1"));
    QVERIFY(!plan.planId.isNull());
    QVERIFY(!plan.needsConfirmation);
}

void TestSyncPlanner::noOpDirectoryGivesAnEmptyPlan()
{
    const SyncPlan plan = SyncPlanner::plan(inSync(50));
    QVERIFY(plan.isEmpty());
    QCOMPARE(plan.operations.size(), 0);
    QCOMPARE(plan.managedCount, 51);
}

void TestSyncPlanner::updatesOnlyRealDifferences_data()
{
    QTest::addColumn<QString>("targetEmail");
    QTest::addColumn<QString>("targetUserName");
    QTest::addColumn<QString>("targetTitle");
    QTest::addColumn<QString>("desiredTitle");
    QTest::addColumn<QStringList>("changedPaths");
    QTest::newRow("same") << "u@example.com"
                          << "u"
                          << ""
                          << "" << QStringList();
    QTest::newRow("email case only") << "U@Example.COM"
                                     << "u"
                                     << ""
                                     << "" << QStringList();
    QTest::newRow("userName case only") << "u@example.com"
                                        << "U"
                                        << ""
                                        << "" << QStringList();
    QTest::newRow("title added") << "u@example.com"
                                 << "u"
                                 << ""
                                 << "Boss" << QStringList {QStringLiteral("title")};
    QTest::newRow("title removed") << "u@example.com"
                                   << "u"
                                   << "Boss"
                                   << "" << QStringList {QStringLiteral("title")};
    QTest::newRow("title case matters") << "u@example.com"
                                        << "u"
                                        << "boss"
                                        << "Boss" << QStringList {QStringLiteral("title")};
    QTest::newRow("email changed") << "old@example.com"
                                   << "u"
                                   << ""
                                   << "" << QStringList {kEmail};
}

void TestSyncPlanner::updatesOnlyRealDifferences()
{
    QFETCH(QString, targetEmail);
    QFETCH(QString, targetUserName);
    QFETCH(QString, targetTitle);
    QFETCH(QString, desiredTitle);
    QFETCH(QStringList, changedPaths);

    PlannerInput input = baseInput();
    DesiredUser user = desired(QStringLiteral("u"), desiredTitle);
    input.users = {user};
    auto target = snapshot();
    TargetUser current = targetOf(user, QStringLiteral("t1"));
    QJsonObject held = resource(targetUserName, user.directoryObjectId, targetEmail, targetTitle);
    held.insert(QStringLiteral("displayName"), QStringLiteral("U"));
    current.resource = targetFrom(held).resource;
    target->users = {current};
    input.target = target;
    link(input.userLinks, user.directoryObjectId, QStringLiteral("t1"));

    const SyncPlan plan = SyncPlanner::plan(input);
    if (changedPaths.isEmpty()) {
        QCOMPARE(plan.operations.size(), 0);
        return;
    }
    QCOMPARE(plan.operations.size(), 1);
    const PlannedOperation& update = plan.operations.first();
    QCOMPARE(update.kind, PlannedOperation::Kind::UpdateUser);
    QStringList paths;
    for (const auto& change : update.changes)
        paths.append(change.path);
    QCOMPARE(paths, changedPaths);
    QVERIFY(!update.patch.isEmpty());
    if (changedPaths.first() == kEmail) {
        // Multi-valued attributes are replaced whole, never with a filtered path.
        QCOMPARE(update.patch.first().path, QStringLiteral("emails"));
        QCOMPARE(update.patch.first().op, PatchOperation::Op::Replace);
    }
    if (desiredTitle.isEmpty() && !targetTitle.isEmpty())
        QCOMPARE(update.patch.first().op, PatchOperation::Op::Remove);
}

void TestSyncPlanner::matchesUnlinkedUsersByPrecedence_data()
{
    QTest::addColumn<QString>("targetExternalId");
    QTest::addColumn<QString>("targetUserName");
    QTest::addColumn<QString>("targetEmail");
    QTest::addColumn<bool>("matched");
    QTest::newRow("externalId") << "obj-amy"
                                << "other"
                                << "x@example.com" << true;
    QTest::newRow("userName, other case") << ""
                                          << "AMY"
                                          << "x@example.com" << true;
    QTest::newRow("email") << ""
                           << "someone"
                           << "Amy@Example.com" << true;
    QTest::newRow("nothing") << "zzz"
                             << "someone"
                             << "x@example.com" << false;
}

void TestSyncPlanner::matchesUnlinkedUsersByPrecedence()
{
    QFETCH(QString, targetExternalId);
    QFETCH(QString, targetUserName);
    QFETCH(QString, targetEmail);
    QFETCH(bool, matched);
    PlannerInput input = baseInput();
    input.updatePaths = {QStringLiteral("externalId")};
    input.users = {desired(QStringLiteral("amy"))};
    auto target = snapshot();
    target->users = {targetFrom(resource(targetUserName, targetExternalId, targetEmail))};
    target->users[0].id = QStringLiteral("t-amy");
    input.target = target;
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.operations.size(), 1);
    const PlannedOperation& operation = plan.operations.first();
    if (!matched) {
        QCOMPARE(operation.kind, PlannedOperation::Kind::CreateUser);
        QCOMPARE(plan.unmanagedObjects.size(), 1);
        return;
    }
    QCOMPARE(operation.targetId, QStringLiteral("t-amy"));
    QVERIFY(operation.kind == PlannedOperation::Kind::LinkUser || operation.linkFirst);
    QCOMPARE(plan.unmanagedObjects.size(), 0);
}

void TestSyncPlanner::memberBatchesRespectTheLimit_data()
{
    QTest::addColumn<int>("members");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("batches");
    QTest::newRow("under") << 99 << 100 << 1;
    QTest::newRow("exact") << 100 << 100 << 1;
    QTest::newRow("over") << 101 << 100 << 2;
    QTest::newRow("250 by 100") << 250 << 100 << 3;
    QTest::newRow("no limit") << 250 << 0 << 1;
}

void TestSyncPlanner::memberBatchesRespectTheLimit()
{
    QFETCH(int, members);
    QFETCH(int, limit);
    QFETCH(int, batches);
    PlannerInput input = inSync(members);
    input.capabilities.maxMembersPerPatch = limit;
    auto target = std::make_shared<TargetSnapshot>(*input.target);
    target->groups[0].memberIds.clear(); // the group exists but is empty
    input.target = target;
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.count(PlannedOperation::Kind::AddMembers), batches);
    int total = 0;
    for (const auto& operation : plan.operations) {
        QCOMPARE(operation.kind, PlannedOperation::Kind::AddMembers);
        if (limit > 0)
            QVERIFY(operation.memberDirectoryIds.size() <= limit);
        total += int(operation.memberDirectoryIds.size());
    }
    QCOMPARE(total, members);
}

void TestSyncPlanner::neverRemovesUnmanagedMembers()
{
    PlannerInput input = inSync(3);
    auto target = std::make_shared<TargetSnapshot>(*input.target);
    TargetUser stranger = targetFrom(resource(QStringLiteral("stranger"), QString(), QString()));
    stranger.id = QStringLiteral("t-stranger");
    target->users.append(stranger);
    target->groups[0].memberIds.append(stranger.id);
    input.target = target;
    input.groups[0].memberDirectoryIds.removeAll(QStringLiteral("obj-u0")); // u0 leaves the group
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.operations.size(), 1);
    QCOMPARE(plan.operations[0].kind, PlannedOperation::Kind::RemoveMembers);
    QCOMPARE(plan.operations[0].memberTargetIds, QStringList {QStringLiteral("t0")});
}

void TestSyncPlanner::deprovisionsManagedUsersLeavingScope()
{
    PlannerInput input = inSync(4);
    input.users.removeFirst(); // u0 leaves scope
    input.users[0].active = false; // u1 is disabled in the directory
    input.groups[0].memberDirectoryIds = {QStringLiteral("obj-u2"), QStringLiteral("obj-u3")};
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.count(PlannedOperation::Kind::DisableUser), 2);
    QCOMPARE(plan.count(PlannedOperation::Kind::RemoveMembers), 1);
    // Deprovisioning comes last.
    QCOMPARE(plan.operations.last().kind, PlannedOperation::Kind::DisableUser);
    QCOMPARE(plan.operations.last().patch.first().path, QStringLiteral("active"));

    input.options.deprovisionAction = DeprovisionAction::Delete;
    const SyncPlan deleting = SyncPlanner::plan(input);
    QCOMPARE(deleting.count(PlannedOperation::Kind::DeleteUser), 2);
    // Deleted users leave their groups by themselves: no PATCH for them.
    QCOMPARE(deleting.count(PlannedOperation::Kind::RemoveMembers), 0);
}

void TestSyncPlanner::unmanagedAndProtectedAreReportedNotTouched()
{
    PlannerInput input = inSync(2);
    input.options.deprovisionAction = DeprovisionAction::Delete;
    input.options.protectedPatterns = {QStringLiteral("^AWSControlTower")};
    auto target = std::make_shared<TargetSnapshot>(*input.target);
    TargetUser stranger = targetFrom(resource(QStringLiteral("stranger"), QString(), QString()));
    stranger.id = QStringLiteral("t-stranger");
    target->users.append(stranger);
    TargetGroup tower;
    tower.id = QStringLiteral("tg-tower");
    tower.displayName = QStringLiteral("AWSControlTowerAdmins");
    target->groups.append(tower);
    input.target = target;
    input.users.clear(); // everybody leaves scope
    input.groups.append({QStringLiteral("grp-tower"), QStringLiteral("AWSControlTowerAdmins"), {}});
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.count(PlannedOperation::Kind::DeleteUser), 2);
    for (const auto& operation : plan.operations) {
        QVERIFY(operation.targetId != QStringLiteral("t-stranger"));
        QVERIFY(operation.targetId != QStringLiteral("tg-tower"));
    }
    QCOMPARE(plan.unmanagedObjects.size(), 1);
    QCOMPARE(plan.protectedObjects.size(), 1);
}

void TestSyncPlanner::thresholdNeedsConfirmation_data()
{
    QTest::addColumn<int>("managed");
    QTest::addColumn<int>("leaving");
    QTest::addColumn<int>("percent");
    QTest::addColumn<int>("minimum");
    QTest::addColumn<bool>("confirm");
    QTest::newRow("under minimum") << 100 << 5 << 1 << 10 << false;
    QTest::newRow("over minimum and percent") << 100 << 11 << 5 << 10 << true;
    QTest::newRow("percent wins") << 1000 << 40 << 5 << 10 << false;
    QTest::newRow("over percent") << 1000 << 60 << 5 << 10 << true;
}

void TestSyncPlanner::thresholdNeedsConfirmation()
{
    QFETCH(int, managed);
    QFETCH(int, leaving);
    QFETCH(int, percent);
    QFETCH(int, minimum);
    QFETCH(bool, confirm);
    PlannerInput input = inSync(managed);
    input.options.deletionThresholdPercent = percent;
    input.options.deletionThresholdMinimum = minimum;
    input.users = input.users.mid(leaving);
    input.groups.clear();
    input.groupLinks.clear();
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.deprovisionCount(), leaving);
    QCOMPARE(plan.needsConfirmation, confirm);
    QCOMPARE(plan.confirmationReason.isEmpty(), !confirm);
}

void TestSyncPlanner::incompleteSourceDeprovisionsNothing()
{
    PlannerInput input = inSync(10);
    input.options.deprovisionAction = DeprovisionAction::Delete;
    input.users.clear();
    input.groups.clear();
    input.sourceComplete = false;
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.deprovisionCount(), 0);
    QVERIFY(!plan.sourceComplete);
    QVERIFY(!plan.warnings.isEmpty());
}

void TestSyncPlanner::validationFailuresAreReportedAndNotDeprovisioned()
{
    PlannerInput input = inSync(2);
    input.users[0].validation = std::make_shared<const DesiredUser::Validation>(
        DesiredUser::Validation {QStringLiteral("name.familyName is required."), QString(), {}});
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.validationFailures.size(), 1);
    QCOMPARE(plan.deprovisionCount(), 0);
}

void TestSyncPlanner::singleUserScopeLeavesOthersAlone()
{
    PlannerInput input = inSync(3);
    input.users = {desired(QStringLiteral("u1"), QStringLiteral("Boss"))};
    input.groups.clear();
    input.onlyObjects = QSet<QString> {QStringLiteral("obj-u1")};
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.operations.size(), 1);
    QCOMPARE(plan.operations[0].kind, PlannedOperation::Kind::UpdateUser);
    QCOMPARE(plan.operations[0].directoryObjectId, QStringLiteral("obj-u1"));
}

void TestSyncPlanner::managerBecomesTheManagersTargetId_data()
{
    QTest::addColumn<bool>("managerLinked");
    QTest::addColumn<bool>("managerInScope");
    QTest::addColumn<QString>("managerReference");
    // The manager linked by this application, matched on the target in this run, or only
    // present on the target (not in scope): always the manager's SCIM id.
    QTest::newRow("linked manager") << true << true << QStringLiteral("boss");
    QTest::newRow("manager matched in this run") << false << true << QStringLiteral("boss");
    QTest::newRow("manager on the target only") << false << false << QStringLiteral("BOSS");
}

void TestSyncPlanner::managerBecomesTheManagersTargetId()
{
    QFETCH(bool, managerLinked);
    QFETCH(bool, managerInScope);
    QFETCH(QString, managerReference);
    PlannerInput input = baseInput();
    input.updatePaths.append(kManagerPath);
    auto target = snapshot();
    const DesiredUser boss = desired(QStringLiteral("boss"));
    target->users.append(targetOf(boss, QStringLiteral("t-boss")));
    if (managerInScope)
        input.users.append(boss);
    if (managerLinked)
        link(input.userLinks, boss.directoryObjectId, QStringLiteral("t-boss"));

    DesiredUser existing = desired(QStringLiteral("ann"));
    target->users.append(targetOf(existing, QStringLiteral("t-ann")));
    link(input.userLinks, existing.directoryObjectId, QStringLiteral("t-ann"));
    setManager(existing, managerReference, managerInScope ? boss.directoryObjectId : QString());
    DesiredUser fresh = desired(QStringLiteral("new"));
    setManager(fresh, managerReference, managerInScope ? boss.directoryObjectId : QString());
    input.users << existing << fresh;
    input.target = target;

    const SyncPlan plan = SyncPlanner::plan(input);
    QVERIFY2(plan.warnings.isEmpty(), qPrintable(plan.warnings.join(QLatin1Char('\n'))));
    const auto update = std::find_if(plan.operations.cbegin(), plan.operations.cend(),
        [](const PlannedOperation& op) { return op.kind == PlannedOperation::Kind::UpdateUser; });
    QVERIFY(update != plan.operations.cend());
    QCOMPARE(update->targetId, QStringLiteral("t-ann"));
    QCOMPARE(update->changes.size(), 1);
    QCOMPARE(update->changes.first().path, kManagerPath);
    QCOMPARE(update->changes.first().after, QJsonValue(QStringLiteral("t-boss")));
    QCOMPARE(update->patch.size(), 1);
    QCOMPARE(update->patch.first().value, QJsonValue(QStringLiteral("t-boss")));
    const auto create = std::find_if(plan.operations.cbegin(), plan.operations.cend(),
        [](const PlannedOperation& op) { return op.kind == PlannedOperation::Kind::CreateUser; });
    QVERIFY(create != plan.operations.cend());
    QCOMPARE(managerOf(create->payload), QJsonValue(QStringLiteral("t-boss")));

    // Once the target holds the id, the same directory gives no change.
    auto synced = std::make_shared<TargetSnapshot>(*target);
    QJsonObject annNow = targetJson(desired(QStringLiteral("ann")), QStringLiteral("t-ann"));
    annNow.insert(kEnterprise,
        QJsonObject {{QStringLiteral("manager"), QJsonObject {{QStringLiteral("value"), QStringLiteral("t-boss")}}}});
    synced->users[1] = targetFrom(annNow);
    input.target = synced;
    input.users.removeLast();
    QCOMPARE(SyncPlanner::plan(input).count(PlannedOperation::Kind::UpdateUser), 0);
}

void TestSyncPlanner::managerCreatedInThisRunIsSetInTheSameRun()
{
    PlannerInput input = baseInput();
    input.updatePaths.append(kManagerPath);
    const DesiredUser boss = desired(QStringLiteral("boss"));
    DesiredUser ann = desired(QStringLiteral("ann"));
    setManager(ann, QStringLiteral("boss"), boss.directoryObjectId);
    input.users << ann << boss; // the report comes before the manager: order does not matter
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.count(PlannedOperation::Kind::CreateUser), 2);
    const PlannedOperation& annCreate = plan.operations.first();
    QCOMPARE(annCreate.directoryObjectId, ann.directoryObjectId);
    // Never a user name where the server expects an id: no manager on create, and no empty
    // extension left behind.
    QVERIFY(managerOf(annCreate.payload).isUndefined());
    QVERIFY(!annCreate.payload.contains(kEnterprise));
    QVERIFY2(plan.warnings.isEmpty(), qPrintable(plan.warnings.join(QLatin1Char('\n'))));
    // The manager is set in the same run, by an update that waits for boss's create (the executor
    // runs it in its own phase after every user operation and sends boss's new id).
    QCOMPARE(plan.operations.size(), 3);
    const PlannedOperation& setManager = plan.operations.last();
    QCOMPARE(setManager.kind, PlannedOperation::Kind::UpdateUser);
    QCOMPARE(setManager.directoryObjectId, ann.directoryObjectId);
    QVERIFY(setManager.targetId.isEmpty()); // ann is created in this run too
    QCOMPARE(setManager.managerDirectoryId, boss.directoryObjectId);
    QVERIFY(setManager.setsPendingManager());
    QCOMPARE(setManager.changes.size(), 1);
    QCOMPARE(setManager.changes.first().path, kManagerPath);
    QCOMPARE(setManager.changes.first().after, QJsonValue(QStringLiteral("boss")));
    QCOMPARE(plan.writeCount(), 3);
    // Two users to create; the follow-up does not make ann an update as well.
    const PlanUserCounts counts = PlanUserCounts::count(input, plan);
    QCOMPARE(counts.create, 2);
    QCOMPARE(counts.update, 0);

    // After that apply both exist, are linked and ann's manager is boss's id: nothing to write.
    auto target = snapshot();
    QJsonObject annNow = targetJson(desired(QStringLiteral("ann")), QStringLiteral("t-ann"));
    annNow.insert(kEnterprise,
        QJsonObject {{QStringLiteral("manager"), QJsonObject {{QStringLiteral("value"), QStringLiteral("t-boss")}}}});
    target->users.append(targetFrom(annNow));
    target->users.append(targetOf(boss, QStringLiteral("t-boss")));
    link(input.userLinks, ann.directoryObjectId, QStringLiteral("t-ann"));
    link(input.userLinks, boss.directoryObjectId, QStringLiteral("t-boss"));
    input.target = target;
    const SyncPlan next = SyncPlanner::plan(input);
    QVERIFY(next.warnings.isEmpty());
    QCOMPARE(next.writeCount(), 0);
}

void TestSyncPlanner::unknownManagerKeepsTheTargetsValue()
{
    PlannerInput input = baseInput();
    input.updatePaths.append(kManagerPath);
    auto target = snapshot();
    DesiredUser ann = desired(QStringLiteral("ann"));
    QJsonObject annNow = targetJson(ann, QStringLiteral("t-ann"));
    annNow.insert(kEnterprise,
        QJsonObject {{QStringLiteral("manager"), QJsonObject {{QStringLiteral("value"), QStringLiteral("t-old")}}}});
    target->users.append(targetFrom(annNow));
    link(input.userLinks, ann.directoryObjectId, QStringLiteral("t-ann"));
    setManager(ann, QStringLiteral("nobody"), QString());
    input.users << ann;
    input.target = target;
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.operations.size(), 0); // neither "nobody" sent as an id nor the old manager removed
    QCOMPARE(plan.warnings.size(), 1);
    QVERIFY(plan.warnings.first().contains(QLatin1String("\"nobody\" (manager of \"ann\")")));
    QVERIFY(plan.warnings.first().contains(QLatin1String("not on the SCIM server")));
}

void TestSyncPlanner::groupLeavingScopeUnderDisableIsReported_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<int>("deletes");
    QTest::addColumn<bool>("warned");
    QTest::newRow("disable: left in place, said so") << int(DeprovisionAction::Disable) << 0 << true;
    QTest::newRow("delete: deleted") << int(DeprovisionAction::Delete) << 1 << false;
    QTest::newRow("none: left in place as configured") << int(DeprovisionAction::None) << 0 << false;
}

void TestSyncPlanner::groupLeavingScopeUnderDisableIsReported()
{
    QFETCH(int, action);
    QFETCH(int, deletes);
    QFETCH(bool, warned);
    PlannerInput input = inSync(3);
    input.options.deprovisionAction = DeprovisionAction(action);
    input.groups.clear(); // the group is no longer assigned
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.count(PlannedOperation::Kind::DeleteGroup), deletes);
    QCOMPARE(plan.operations.size(), deletes);
    const QString expected = QStringLiteral("The group \"All\" left the scope of this application; groups cannot be "
                                            "disabled, so it is left in place. Set the server's deprovisioning to "
                                            "Delete to remove it.");
    QCOMPARE(plan.warnings.contains(expected), warned);
    QCOMPARE(plan.warnings.size(), warned ? 1 : 0);
}

void TestSyncPlanner::knownWarningsComeFirst()
{
    PlannerInput input = inSync(2);
    input.warnings = {QStringLiteral("from the service provider config")};
    input.sourceComplete = false;
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.warnings.size(), 2);
    QCOMPARE(plan.warnings.first(), QStringLiteral("from the service provider config"));
}

QTEST_GUILESS_MAIN(TestSyncPlanner)
#include "tst_syncplanner.moc"
