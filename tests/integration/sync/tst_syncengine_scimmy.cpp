#include "SyncTestTenant.h"

#include <ScimmyPeer.h>

#include <QJsonArray>

// The sync engine against a third-party SCIM 2.0 implementation (SCIMMY), with the generic
// preset's capabilities: startIndex paging, members read from the group.
class TestSyncEngineScimmy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void syncConvergesAndReRunIsANoOp();

private:
    QList<QJsonObject> list(ScimClient& client, bool users);
    ScimmyPeer m_peer;
};

void TestSyncEngineScimmy::initTestCase()
{
    QString error;
    QVERIFY2(m_peer.start(&error), qPrintable(error));
}

QList<QJsonObject> TestSyncEngineScimmy::list(ScimClient& client, bool users)
{
    std::optional<Result<QList<QJsonObject>, ScimError>> result;
    auto done = [&](const Result<QList<QJsonObject>, ScimError>& value) { result = value; };
    if (users)
        client.listUsers(ScimFilter(), this, done);
    else
        client.listGroups(ScimFilter(), this, done);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000); }();
    return result && *result ? result->value() : QList<QJsonObject>();
}

void TestSyncEngineScimmy::syncConvergesAndReRunIsANoOp()
{
    SyncTestTenant t(m_peer.baseUrl(), m_peer.token(), QStringLiteral("generic-scim2"));
    const auto users = t.addUsers(QStringLiteral("peer"), 12);
    t.assignAll();
    t.assignGroup(t.addGroup(QStringLiteral("Peers"), users.mid(0, 8)));

    const auto first = t.syncOnce();
    QVERIFY2(first.previewed, qPrintable(first.previewError));
    QCOMPARE(first.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(list(*t.client, true).size(), 12);
    const auto groups = list(*t.client, false);
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups.first().value(QLatin1String("members")).toArray().size(), 8);

    // Second run: nothing to do, and nothing written.
    const auto before = t.client->statistics();
    const auto second = t.syncOnce();
    QVERIFY2(second.plan.isEmpty(), qPrintable(QString::number(second.plan.operations.size())));
    const auto after = t.client->statistics();
    for (const auto& method :
        {QStringLiteral("POST"), QStringLiteral("PATCH"), QStringLiteral("PUT"), QStringLiteral("DELETE")})
        QCOMPARE(after.requestsByMethod.value(method), before.requestsByMethod.value(method));

    // A membership change and a title change are applied as PATCHes.
    DirectoryUser changed = users.at(0);
    changed.title = QStringLiteral("Lead");
    QVERIFY(t.directory().updateUser(changed));
    QVERIFY(t.directory().addGroupMembers(t.application.assignment.groupIds.first(), {users.at(10).id}, {}));
    const auto third = t.syncOnce();
    QCOMPARE(third.plan.count(PlannedOperation::Kind::UpdateUser), 1);
    QCOMPARE(third.plan.count(PlannedOperation::Kind::AddMembers), 1);
    QCOMPARE(third.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(list(*t.client, false).first().value(QLatin1String("members")).toArray().size(), 9);
    QVERIFY(t.syncOnce().plan.isEmpty());
}

QTEST_GUILESS_MAIN(TestSyncEngineScimmy)
#include "tst_syncengine_scimmy.moc"
