#include <sync/OperationSchedule.h>

#include <QTest>

namespace {
using Kind = PlannedOperation::Kind;

PlannedOperation operation(Kind kind, const QString& directoryId, const QStringList& members = {})
{
    PlannedOperation result;
    result.kind = kind;
    result.directoryObjectId = directoryId;
    result.memberDirectoryIds = members;
    return result;
}

// Takes every ready operation, in the order the schedule gives them.
QList<int> drain(OperationSchedule& schedule)
{
    QList<int> taken;
    for (int index = schedule.takeReady(); index >= 0; index = schedule.takeReady())
        taken.append(index);
    return taken;
}
PlannedOperation managerFollowUp(const QString& userId, const QString& managerId)
{
    PlannedOperation result = operation(Kind::UpdateUser, userId);
    result.managerDirectoryId = managerId;
    return result;
}
} // namespace

// Which operation of a plan may start when: the dependencies the apply keeps while it keeps
// the pipe full.
class TestOperationSchedule : public QObject
{
    Q_OBJECT

private slots:
    void groupWaitsForItsMembersOnly();
    void membershipWaitsForItsGroupAndMembers();
    void failedDependencyStillReleases();
    void deprovisioningWaitsForEverythingElse();
    void clearForgetsWhatWasNotStarted();
    void managerFollowUpWaitsForBothUsers();
};

void TestOperationSchedule::groupWaitsForItsMembersOnly()
{
    // u1, u2, u3 created; g1 = {u1, u2}, g2 = {u3, an already linked user}.
    const QList<PlannedOperation> plan {operation(Kind::CreateUser, QStringLiteral("u1")),
        operation(Kind::CreateUser, QStringLiteral("u2")), operation(Kind::CreateUser, QStringLiteral("u3")),
        operation(Kind::CreateGroup, QStringLiteral("g1"), {QStringLiteral("u1"), QStringLiteral("u2")}),
        operation(Kind::CreateGroup, QStringLiteral("g2"), {QStringLiteral("u3"), QStringLiteral("linked")})};
    OperationSchedule schedule(plan);
    QCOMPARE(schedule.dependenciesOf(3), (QList<int> {0, 1}));
    QCOMPARE(schedule.dependenciesOf(4), (QList<int> {2}));
    QCOMPARE(drain(schedule), (QList<int> {0, 1, 2}));
    QCOMPARE(schedule.notStarted(), 2);
    schedule.finished(2);
    QCOMPARE(drain(schedule), (QList<int> {4})); // before u1 and u2 are done
    schedule.finished(0);
    QCOMPARE(schedule.takeReady(), -1);
    schedule.finished(1);
    QCOMPARE(drain(schedule), (QList<int> {3}));
    QCOMPARE(schedule.notStarted(), 0);
}

void TestOperationSchedule::membershipWaitsForItsGroupAndMembers()
{
    const QList<PlannedOperation> plan {operation(Kind::CreateUser, QStringLiteral("u1")),
        operation(Kind::CreateUser, QStringLiteral("u2")),
        operation(Kind::CreateGroup, QStringLiteral("g1"), {QStringLiteral("u1")}),
        operation(Kind::AddMembers, QStringLiteral("g1"), {QStringLiteral("u2")}),
        operation(Kind::RemoveMembers, QStringLiteral("g9")), operation(Kind::CreateUser, QStringLiteral("u3"))};
    OperationSchedule schedule(plan);
    QCOMPARE(schedule.dependenciesOf(3), (QList<int> {1, 2}));
    QVERIFY(schedule.dependenciesOf(4).isEmpty());
    // Ready memberships go first, then users in plan order.
    QCOMPARE(drain(schedule), (QList<int> {4, 0, 1, 5}));
    schedule.finished(0);
    schedule.finished(1);
    QCOMPARE(drain(schedule), (QList<int> {2}));
    schedule.finished(2);
    QCOMPARE(drain(schedule), (QList<int> {3}));
}

void TestOperationSchedule::failedDependencyStillReleases()
{
    // The executor calls finished() for failed operations too: dependents go on without them.
    const QList<PlannedOperation> plan {operation(Kind::CreateUser, QStringLiteral("u1")),
        operation(Kind::CreateGroup, QStringLiteral("g1"), {QStringLiteral("u1")})};
    OperationSchedule schedule(plan);
    QCOMPARE(drain(schedule), (QList<int> {0}));
    schedule.finished(0);
    schedule.finished(0); // a repeat changes nothing
    QCOMPARE(drain(schedule), (QList<int> {1}));
}

void TestOperationSchedule::deprovisioningWaitsForEverythingElse()
{
    const QList<PlannedOperation> plan {operation(Kind::DisableUser, QStringLiteral("old")),
        operation(Kind::UpdateUser, QStringLiteral("u1")), operation(Kind::RenameGroup, QStringLiteral("g1")),
        operation(Kind::DeleteGroup, QStringLiteral("g2"))};
    OperationSchedule schedule(plan);
    QCOMPARE(drain(schedule), (QList<int> {2, 1}));
    schedule.finished(2);
    QCOMPARE(schedule.takeReady(), -1);
    schedule.finished(1);
    QCOMPARE(drain(schedule), (QList<int> {0, 3}));

    // A plan of deprovisioning only starts at once.
    OperationSchedule only({operation(Kind::DeleteUser, QStringLiteral("old"))});
    QCOMPARE(drain(only), (QList<int> {0}));
}

void TestOperationSchedule::clearForgetsWhatWasNotStarted()
{
    const QList<PlannedOperation> plan {operation(Kind::CreateUser, QStringLiteral("u1")),
        operation(Kind::CreateUser, QStringLiteral("u2")),
        operation(Kind::CreateGroup, QStringLiteral("g1"), {QStringLiteral("u1")}),
        operation(Kind::DeleteUser, QStringLiteral("old"))};
    OperationSchedule schedule(plan);
    QCOMPARE(schedule.takeReady(), 0);
    QCOMPARE(schedule.notStarted(), 3);
    schedule.clear();
    QCOMPARE(schedule.notStarted(), 0);
    schedule.finished(0); // the answer of what was in flight still arrives
    QCOMPARE(schedule.takeReady(), -1);
}

QTEST_GUILESS_MAIN(TestOperationSchedule)
void TestOperationSchedule::managerFollowUpWaitsForBothUsers()
{
    // ann and bob, created in this run, manage each other; a group holds ann.
    const QList<PlannedOperation> plan {operation(Kind::CreateUser, QStringLiteral("ann")),
        operation(Kind::CreateUser, QStringLiteral("bob")),
        operation(Kind::CreateGroup, QStringLiteral("g"), {QStringLiteral("ann")}),
        managerFollowUp(QStringLiteral("ann"), QStringLiteral("bob")),
        managerFollowUp(QStringLiteral("bob"), QStringLiteral("ann"))};
    OperationSchedule schedule(plan);
    QCOMPARE(schedule.dependenciesOf(3), (QList<int> {0, 1}));
    QCOMPARE(schedule.dependenciesOf(4), (QList<int> {1, 0}));
    QCOMPARE(schedule.dependenciesOf(2), (QList<int> {0})); // never waits for a follow-up
    QCOMPARE(drain(schedule), (QList<int> {0, 1}));
    schedule.finished(0);
    QCOMPARE(drain(schedule), (QList<int> {2})); // the group goes; the follow-ups still wait for bob
    schedule.finished(1);
    QCOMPARE(drain(schedule), (QList<int> {3, 4})); // no circle between the two follow-ups
}

#include "tst_operationschedule.moc"
