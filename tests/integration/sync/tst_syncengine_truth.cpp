#include "SyncTestTenant.h"

#include <AwsScimEmulator.h>
#include <sync/LinkStore.h>

#include <QJsonArray>
#include <QSet>

// What the engine records and sends is what happens, against the AWS emulator over loopback HTTP:
// journal rows carry their own request's status and id, a duplicate found only at apply time is
// never linked to a second directory user, and a change to one value of a multi-valued attribute
// keeps the values ScimDesk does not manage.
class TestSyncEngineTruth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void journalRowsCarryTheirOwnStatusAndRequestId();
    void duplicateFoundAtApplyIsNotLinkedToASecondUser();
    void emailChangeSendsTheMergedSingleValue();
    void unmanagedValueOnASingleValuedServerIsKept();

private:
    std::unique_ptr<SyncTestTenant> tenant();
    QJsonObject userOnTarget(const QString& userName) const;
    std::unique_ptr<AwsScimEmulator> m_emulator;
};

void TestSyncEngineTruth::initTestCase()
{
    m_emulator = std::make_unique<AwsScimEmulator>();
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
}

void TestSyncEngineTruth::init()
{
    m_emulator->reset();
}

std::unique_ptr<SyncTestTenant> TestSyncEngineTruth::tenant()
{
    return std::make_unique<SyncTestTenant>(
        m_emulator->baseUrl(), m_emulator->options().token, QStringLiteral("aws-iam-identity-center"));
}

QJsonObject TestSyncEngineTruth::userOnTarget(const QString& userName) const
{
    return m_emulator->findUserByUserName(userName);
}

void TestSyncEngineTruth::journalRowsCarryTheirOwnStatusAndRequestId()
{
    auto t = tenant();
    const DirectoryUser alice = t->addUser(QStringLiteral("alice"));
    const DirectoryGroup team = t->addGroup(QStringLiteral("Team"), {alice});
    t->assignAll();
    t->assignGroup(team);
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);

    // A create (201) followed by a membership PATCH (204) dispatched from the create's callback.
    const DirectoryUser carol = t->addUser(QStringLiteral("carol"));
    QVERIFY(t->directory().addGroupMembers(team.id, {carol.id}, {}));
    const auto outcome = t->syncOnce();
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Succeeded);
    const auto entries = JournalStore(t->database()).entries(outcome.summary.runId);
    QVERIFY(entries.ok());
    QCOMPARE(entries->size(), 2);
    QSet<QString> requestIds;
    for (const JournalEntry& entry : entries.value()) {
        if (entry.action == QLatin1String("create-user"))
            QCOMPARE(entry.httpStatus, 201);
        else if (entry.action == QLatin1String("add-members"))
            QCOMPARE(entry.httpStatus, 204);
        else
            QFAIL(qPrintable(entry.action));
        QVERIFY(!entry.requestId.isEmpty());
        requestIds.insert(entry.requestId);
    }
    QCOMPARE(requestIds.size(), 2);
}

void TestSyncEngineTruth::duplicateFoundAtApplyIsNotLinkedToASecondUser()
{
    auto t = tenant();
    t->addUser(QStringLiteral("bob"));
    t->assignAll();
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);
    const QString bobId = userOnTarget(QStringLiteral("bob")).value(QLatin1String("id")).toString();

    // Planned while the name is free; taken by the linked user before the apply.
    t->addUser(QStringLiteral("bobby"), QStringLiteral("bobby@example.com"));
    const auto preview = t->preview();
    QCOMPARE(preview.plan.count(PlannedOperation::Kind::CreateUser), 1);
    const QJsonObject rename {
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
        {QStringLiteral("Operations"),
            QJsonArray {QJsonObject {{QStringLiteral("op"), QStringLiteral("replace")},
                {QStringLiteral("path"), QStringLiteral("userName")},
                {QStringLiteral("value"), QStringLiteral("bobby")}}}}};
    QVERIFY(!m_emulator->store().patchUser(bobId, rename).isError());

    const SyncRunSummary summary = t->apply(preview.plan);
    QCOMPARE(summary.failed, 1);
    QCOMPARE(summary.conflictsLinked, 0);
    QVERIFY2(summary.errors.join(QLatin1Char('\n')).contains(QLatin1String("linked to another directory")),
        qPrintable(summary.errors.join(QLatin1Char('\n'))));
    const auto links = LinkStore(t->database(), t->application.id).load(TargetLink::Kind::User);
    QVERIFY(links.ok());
    QCOMPARE(links->size(), 1); // bob keeps its link; bobby got none
    QCOMPARE(links->cbegin()->targetId, bobId);
    QCOMPARE(m_emulator->userCount(), 1);
}

void TestSyncEngineTruth::emailChangeSendsTheMergedSingleValue()
{
    auto t = tenant();
    DirectoryUser dana = t->addUser(QStringLiteral("dana"));
    t->assignAll();
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);

    dana.email = QStringLiteral("dana.new@example.com");
    QVERIFY(t->directory().updateUser(dana));
    const auto outcome = t->syncOnce();
    QCOMPARE(outcome.plan.count(PlannedOperation::Kind::UpdateUser), 1);
    const PlannedOperation& update = outcome.plan.operations.first();
    QCOMPARE(update.patch.size(), 1);
    QCOMPARE(update.patch.first().op, PatchOperation::Op::Replace);
    QCOMPARE(update.patch.first().path, QStringLiteral("emails"));
    const QJsonArray sent = update.patch.first().value.toArray();
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().toObject().value(QLatin1String("value")).toString(), QStringLiteral("dana.new@example.com"));
    QCOMPARE(sent.first().toObject().value(QLatin1String("primary")).toBool(), true); // AWS wants it primary
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Succeeded);
    const QJsonArray emails = userOnTarget(QStringLiteral("dana")).value(QLatin1String("emails")).toArray();
    QCOMPARE(emails.size(), 1);
    QCOMPARE(
        emails.first().toObject().value(QLatin1String("value")).toString(), QStringLiteral("dana.new@example.com"));
    QVERIFY(t->syncOnce().plan.isEmpty());
}

void TestSyncEngineTruth::unmanagedValueOnASingleValuedServerIsKept()
{
    auto t = tenant();
    t->addUser(QStringLiteral("erin"));
    t->assignAll();
    QCOMPARE(t->syncOnce().summary.status, SyncRunSummary::Status::Succeeded);
    const QString erinId = userOnTarget(QStringLiteral("erin")).value(QLatin1String("id")).toString();
    // Someone gave erin a mobile number on the server; ScimDesk manages only the work number.
    const QJsonObject mobile {
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
        {QStringLiteral("Operations"),
            QJsonArray {QJsonObject {{QStringLiteral("op"), QStringLiteral("add")},
                {QStringLiteral("path"), QStringLiteral("phoneNumbers")},
                {QStringLiteral("value"),
                    QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("mobile")},
                        {QStringLiteral("value"), QStringLiteral("+1-555-0199")}}}}}}}};
    QVERIFY(!m_emulator->store().patchUser(erinId, mobile).isError());

    auto erin = *t->directory().findUserByUserName(QStringLiteral("erin"));
    erin.phone = QStringLiteral("+1-555-0100");
    QVERIFY(t->directory().updateUser(erin));
    const auto outcome = t->syncOnce();
    // AWS keeps one phone number: the work one cannot be added without replacing the mobile one.
    QCOMPARE(outcome.plan.count(PlannedOperation::Kind::UpdateUser), 0);
    QVERIFY2(outcome.plan.warnings.join(QLatin1Char('\n')).contains(QLatin1String("phoneNumbers is left unchanged")),
        qPrintable(outcome.plan.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Succeeded);
    const QJsonArray phones = userOnTarget(QStringLiteral("erin")).value(QLatin1String("phoneNumbers")).toArray();
    QCOMPARE(phones.size(), 1);
    QCOMPARE(phones.first().toObject().value(QLatin1String("type")).toString(), QStringLiteral("mobile"));
}

QTEST_GUILESS_MAIN(TestSyncEngineTruth)
#include "tst_syncengine_truth.moc"
