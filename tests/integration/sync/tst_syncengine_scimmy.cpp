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
    void oneValueChangesByValuePathAndKeepsTheOthers();

private:
    QList<QJsonObject> list(ScimClient& client, bool users);
    QJsonObject user(ScimClient& client, const QString& userName);
    void patch(ScimClient& client, const QString& id, const QList<PatchOperation>& operations);
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

QJsonObject TestSyncEngineScimmy::user(ScimClient& client, const QString& userName)
{
    for (const QJsonObject& candidate : list(client, true)) {
        if (candidate.value(QLatin1String("userName")).toString() == userName)
            return candidate;
    }
    return {};
}

void TestSyncEngineScimmy::patch(ScimClient& client, const QString& id, const QList<PatchOperation>& operations)
{
    std::optional<Result<QJsonObject, ScimError>> result;
    client.patchUser(id, operations, this, [&](const Result<QJsonObject, ScimError>& value) { result = value; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
    QVERIFY2(result->ok(), result->ok() ? "" : qPrintable(result->error().toString()));
}

namespace {
QStringList valuesOf(const QJsonObject& user, const char* attribute)
{
    QStringList values;
    for (const QJsonValue& element : user.value(QLatin1String(attribute)).toArray()) {
        values << element.toObject().value(QLatin1String("type")).toString() + QLatin1Char('=')
                + element.toObject().value(QLatin1String("value")).toString();
    }
    values.sort();
    return values;
}
} // namespace

void TestSyncEngineScimmy::oneValueChangesByValuePathAndKeepsTheOthers()
{
    // The generic preset patches by value-filter path (RFC 7644 §3.5.2): the work phone and the
    // work email change alone, the home ones someone added on the server stay.
    SyncTestTenant t(m_peer.baseUrl(), m_peer.token(), QStringLiteral("generic-scim2"));
    DirectoryUser frank = t.addUser(QStringLiteral("frank.values"));
    frank.phone = QStringLiteral("+1-555-0100");
    QVERIFY(t.directory().updateUser(frank));
    t.assignAll();
    QCOMPARE(t.syncOnce().summary.status, SyncRunSummary::Status::Succeeded);
    const QString id = user(*t.client, frank.userName).value(QLatin1String("id")).toString();
    QVERIFY(!id.isEmpty());
    const auto home = [](const char* value) {
        return QJsonArray {QJsonObject {
            {QStringLiteral("type"), QStringLiteral("home")}, {QStringLiteral("value"), QLatin1String(value)}}};
    };
    patch(*t.client, id,
        {PatchOperation::add(QStringLiteral("phoneNumbers"), home("+1-555-0111")),
            PatchOperation::add(QStringLiteral("emails"), home("frank@home.example"))});

    frank.phone = QStringLiteral("+1-555-0200");
    frank.email = QStringLiteral("frank.new@example.com");
    QVERIFY(t.directory().updateUser(frank));
    auto outcome = t.syncOnce();
    QCOMPARE(outcome.plan.count(PlannedOperation::Kind::UpdateUser), 1);
    QStringList paths;
    for (const PatchOperation& operation : outcome.plan.operations.first().patch)
        paths << PatchOperation::opName(operation.op) + QLatin1Char(' ') + operation.path;
    paths.sort();
    QCOMPARE(paths,
        QStringList({QStringLiteral("replace emails[type eq \"work\"].value"),
            QStringLiteral("replace phoneNumbers[type eq \"work\"].value")}));
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Succeeded);
    QJsonObject onTarget = user(*t.client, frank.userName);
    QCOMPARE(valuesOf(onTarget, "phoneNumbers"),
        QStringList({QStringLiteral("home=+1-555-0111"), QStringLiteral("work=+1-555-0200")}));
    QCOMPARE(valuesOf(onTarget, "emails"),
        QStringList({QStringLiteral("home=frank@home.example"), QStringLiteral("work=frank.new@example.com")}));

    // Clearing the work phone removes that one element, not the list.
    frank.phone.clear();
    QVERIFY(t.directory().updateUser(frank));
    outcome = t.syncOnce();
    QCOMPARE(outcome.plan.count(PlannedOperation::Kind::UpdateUser), 1);
    QCOMPARE(outcome.plan.operations.first().patch,
        QList<PatchOperation> {PatchOperation::remove(QStringLiteral("phoneNumbers[type eq \"work\"]"))});
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Succeeded);
    onTarget = user(*t.client, frank.userName);
    QCOMPARE(valuesOf(onTarget, "phoneNumbers"), QStringList {QStringLiteral("home=+1-555-0111")});
    QVERIFY(t.syncOnce().plan.isEmpty());
}

QTEST_GUILESS_MAIN(TestSyncEngineScimmy)
#include "tst_syncengine_scimmy.moc"
