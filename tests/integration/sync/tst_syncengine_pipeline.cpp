#include "SyncTestTenant.h"

#include <AwsScimEmulator.h>
#include <sync/LinkStore.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>

namespace {
const QString kAwsPreset = QStringLiteral("aws-iam-identity-center");
constexpr int kConcurrency = 8;
// Responses are held this long by the emulator, so requests overlap as they would over a network.
constexpr int kLatencyMs = 15;

// What the emulator saw arrive, in order.
struct Arrival
{
    QString route; // "POST /Users", "PATCH /Groups/{id}" …
    QString path;
    QJsonObject body;
    int usersOnTarget = 0; // users in the store as it arrived
};

QString routeOf(const QString& method, const QString& path)
{
    const QStringList segments = path.split(QLatin1Char('/'));
    return method + QStringLiteral(" /") + segments.value(4)
        + (segments.size() > 5 ? QStringLiteral("/{id}") : QString());
}

QStringList memberValues(const QJsonObject& body)
{
    // POST /Groups carries "members"; a membership PATCH carries Operations[].value.
    QJsonArray members = body.value(QLatin1String("members")).toArray();
    for (const auto& operation : body.value(QLatin1String("Operations")).toArray())
        members = operation.toObject().value(QLatin1String("value")).toArray();
    QStringList ids;
    for (const auto& member : std::as_const(members))
        ids.append(member.toObject().value(QLatin1String("value")).toString());
    return ids;
}
} // namespace

// The apply keeps `concurrency` requests in flight across kinds of operations: groups go out
// as soon as their members exist and membership PATCHes as soon as their group exists, in a
// correct dependency order, over real loopback HTTP against the AWS emulator.
class TestSyncEnginePipeline : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void mixedPhaseKeepsTheConcurrencyInFlightInDependencyOrder();
    void failedUserCreateBlocksOnlyItsMemberships();
    void cancelDuringTheMixedPhaseStopsCleanly();
    void slowJournalWritesDoNotStallTheWindow();

private:
    std::unique_ptr<SyncTestTenant> tenant();
    QString targetUserId(const DirectoryUser& user) const;
    QString targetGroupId(const QString& displayName) const;
    QSet<QString> targetIdsOf(const QList<DirectoryUser>& users) const;
    void record();
    static QList<JournalEntry> journalOf(SyncTestTenant& t, const QString& planId);

    std::unique_ptr<AwsScimEmulator> m_emulator;
    QList<Arrival> m_arrivals;
};

void TestSyncEnginePipeline::init()
{
    m_emulator = std::make_unique<AwsScimEmulator>();
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
    m_arrivals.clear();
}

void TestSyncEnginePipeline::cleanup()
{
    m_emulator.reset();
}

std::unique_ptr<SyncTestTenant> TestSyncEnginePipeline::tenant()
{
    auto t = std::make_unique<SyncTestTenant>(m_emulator->baseUrl(), m_emulator->options().token, kAwsPreset);
    t->server.options.concurrency = kConcurrency;
    t->makeSession();
    return t;
}

void TestSyncEnginePipeline::record()
{
    connect(m_emulator.get(), &AwsScimEmulator::requestReceived, this,
        [this](const QString& method, const QString& path, const QByteArray& body) {
            m_arrivals.append(
                {routeOf(method, path), path, QJsonDocument::fromJson(body).object(), m_emulator->userCount()});
        });
}

QString TestSyncEnginePipeline::targetUserId(const DirectoryUser& user) const
{
    return m_emulator->findUserByUserName(user.userName).value(QLatin1String("id")).toString();
}

QString TestSyncEnginePipeline::targetGroupId(const QString& displayName) const
{
    return m_emulator->store().findGroupByDisplayName(displayName).value(QLatin1String("id")).toString();
}

QSet<QString> TestSyncEnginePipeline::targetIdsOf(const QList<DirectoryUser>& users) const
{
    QSet<QString> ids;
    for (const auto& user : users)
        ids.insert(targetUserId(user));
    return ids;
}

QList<JournalEntry> TestSyncEnginePipeline::journalOf(SyncTestTenant& t, const QString& planId)
{
    const auto runs = JournalStore(t.database()).runs(t.application.id);
    for (const auto& run : runs.value()) {
        if (run.mode == QLatin1String("apply") && run.planId == planId)
            return JournalStore(t.database()).entries(run.id).value();
    }
    return {};
}

void TestSyncEnginePipeline::mixedPhaseKeepsTheConcurrencyInFlightInDependencyOrder()
{
    auto t = tenant();
    const auto users = t->addUsers(QStringLiteral("pipe"), 160);
    t->assignAll();
    // Two groups above AWS's 100 members per request (create + PATCH), four small ones.
    QList<QList<DirectoryUser>> members {users.mid(0, 20), users.mid(0, 130), users.mid(40, 20), users.mid(60, 20),
        users.mid(30, 120), users.mid(140, 20)};
    for (int g = 0; g < members.size(); ++g)
        t->assignGroup(t->addGroup(QStringLiteral("Pipe %1").arg(g), members.at(g)));
    const auto preview = t->preview();
    QVERIFY2(preview.previewed, qPrintable(preview.previewError));
    QCOMPARE(preview.plan.count(PlannedOperation::Kind::AddMembers), 2);

    m_emulator->setLatency(kLatencyMs);
    m_emulator->resetCounters();
    record();
    const SyncRunSummary summary = t->apply(preview.plan);
    QCOMPARE(summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(summary.succeeded, int(preview.plan.operations.size()));
    qInfo() << "most requests open at the emulator:" << m_emulator->maxOpenRequests() << "of" << kConcurrency;
    QCOMPARE(m_emulator->maxOpenRequests(), kConcurrency);

    int lastUserCreate = -1;
    int firstGroupCreate = -1;
    int firstPatch = -1;
    for (int i = 0; i < m_arrivals.size(); ++i) {
        const Arrival& arrival = m_arrivals.at(i);
        if (arrival.route == QLatin1String("POST /Users"))
            lastUserCreate = i;
        else if (arrival.route == QLatin1String("POST /Groups") && firstGroupCreate < 0)
            firstGroupCreate = i;
        else if (arrival.route == QLatin1String("PATCH /Groups/{id}") && firstPatch < 0)
            firstPatch = i;
    }
    // Groups and their PATCHes did not wait for the last user: the phases overlapped.
    QVERIFY2(firstGroupCreate >= 0 && firstGroupCreate < lastUserCreate, qPrintable(QString::number(firstGroupCreate)));
    QVERIFY2(firstPatch >= 0 && firstPatch < lastUserCreate, qPrintable(QString::number(firstPatch)));

    // Dependency order: a group create carries every member it is planned with (so each member's
    // create had been answered), and a PATCH names a group whose create had been answered and
    // members that all existed.
    QHash<QString, int> createdWith;
    for (const Arrival& arrival : std::as_const(m_arrivals)) {
        const QStringList ids = memberValues(arrival.body);
        if (arrival.route == QLatin1String("POST /Groups")) {
            createdWith.insert(arrival.body.value(QLatin1String("displayName")).toString(), int(ids.size()));
        } else if (arrival.route == QLatin1String("PATCH /Groups/{id}")) {
            QVERIFY(!ids.isEmpty());
            const QString groupId = arrival.path.section(QLatin1Char('/'), 5, 5);
            QVERIFY2(!m_emulator->store().group(groupId).isEmpty(), qPrintable(groupId));
        }
        for (const auto& id : ids)
            QVERIFY2(!m_emulator->store().user(id).isEmpty(), qPrintable(id));
    }
    for (int g = 0; g < members.size(); ++g) {
        const QString name = QStringLiteral("Pipe %1").arg(g);
        QCOMPARE(createdWith.value(name), qMin(100, int(members.at(g).size())));
        QCOMPARE(m_emulator->groupMemberIds(targetGroupId(name)), targetIdsOf(members.at(g)));
    }
    QCOMPARE(m_emulator->routeCount(QStringLiteral("PATCH /Groups/{id}")), 2);
    QCOMPARE(m_emulator->openRequests(), 0);

    // The journal holds one entry per planned operation, as the preview showed them.
    const auto runs = JournalStore(t->database()).runs(t->application.id);
    QVERIFY(runs);
    qint64 runId = 0;
    for (const auto& run : *runs) {
        if (run.mode == QLatin1String("apply") && run.planId == preview.plan.planId.toString(QUuid::WithoutBraces))
            runId = run.id;
    }
    QVERIFY(runId > 0);
    const auto entries = JournalStore(t->database()).entries(runId);
    QVERIFY(entries);
    QCOMPARE(entries->size(), preview.plan.operations.size());
}

void TestSyncEnginePipeline::failedUserCreateBlocksOnlyItsMemberships()
{
    auto t = tenant();
    const auto users = t->addUsers(QStringLiteral("fail"), 130);
    t->assignAll();
    const DirectoryUser victim = users.at(110);
    // Someone else holds the victim's email, which AWS keeps unique: its create gets a 409 that
    // no match query resolves, so it fails.
    const AwsScimResult squatter = m_emulator->store().createUser(QJsonObject {
        {QStringLiteral("userName"), QStringLiteral("squatter")},
        {QStringLiteral("displayName"), QStringLiteral("Squatter")},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("S")},
                {QStringLiteral("familyName"), QStringLiteral("Q")}}},
        {QStringLiteral("emails"),
            QJsonArray {QJsonObject {{QStringLiteral("value"), victim.email},
                {QStringLiteral("type"), QStringLiteral("work")}, {QStringLiteral("primary"), true}}}},
    });
    QCOMPARE(squatter.status, 201);
    // The victim is sent on create in "With victim", in the PATCH of "Large with victim" (member
    // 111 of 130), and is in neither of the others.
    const auto withVictim = users.mid(100, 20);
    const auto without = users.mid(0, 20);
    const auto large = users;
    t->assignGroup(t->addGroup(QStringLiteral("With victim"), withVictim));
    t->assignGroup(t->addGroup(QStringLiteral("Without"), without));
    t->assignGroup(t->addGroup(QStringLiteral("Large with victim"), large));
    m_emulator->setLatency(kLatencyMs);
    const auto outcome = t->syncOnce();
    QVERIFY2(outcome.previewed, qPrintable(outcome.previewError));
    QCOMPARE(outcome.summary.status, SyncRunSummary::Status::Partial);
    QCOMPARE(outcome.summary.failed, 1);
    QCOMPARE(outcome.summary.succeeded, int(outcome.plan.operations.size()) - 1);
    QVERIFY(targetUserId(victim).isEmpty());

    auto others = [&victim](QList<DirectoryUser> list) {
        list.removeIf([&victim](const DirectoryUser& user) { return user.id == victim.id; });
        return list;
    };
    QCOMPARE(m_emulator->groupMemberIds(targetGroupId(QStringLiteral("With victim"))), targetIdsOf(others(withVictim)));
    QCOMPARE(m_emulator->groupMemberIds(targetGroupId(QStringLiteral("Without"))), targetIdsOf(without));
    QCOMPARE(
        m_emulator->groupMemberIds(targetGroupId(QStringLiteral("Large with victim"))), targetIdsOf(others(large)));
}

void TestSyncEnginePipeline::cancelDuringTheMixedPhaseStopsCleanly()
{
    auto t = tenant();
    const auto users = t->addUsers(QStringLiteral("stop"), 200);
    t->assignAll();
    for (int g = 0; g < 8; ++g)
        t->assignGroup(t->addGroup(QStringLiteral("Stop %1").arg(g), users.mid(g * 25, 25)));
    const auto preview = t->preview();
    QVERIFY2(preview.previewed, qPrintable(preview.previewError));

    // Cancel as the first group create arrives, while user creates are still going out: the
    // mixed phase, found by state.
    m_emulator->setLatency(kLatencyMs);
    SyncSession* session = t->session.get();
    int receivedAtCancel = -1;
    connect(m_emulator.get(), &AwsScimEmulator::requestReceived, session,
        [this, session, &receivedAtCancel](const QString& method, const QString& path, const QByteArray&) {
            if (receivedAtCancel < 0 && routeOf(method, path) == QLatin1String("POST /Groups")) {
                receivedAtCancel = m_emulator->requestCount();
                session->cancel();
            }
        });
    QSignalSpy finished(session, &SyncSession::applyFinished);
    QSignalSpy operations(session, &SyncSession::operationFinished);
    session->apply(preview.plan.planId);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
    m_emulator->disconnect(session);
    const auto cancelled = finished.first().first().value<SyncRunSummary>();
    QCOMPARE(cancelled.status, SyncRunSummary::Status::Cancelled);
    // The journal writer had written every operation that finished before the run was reported.
    const QList<JournalEntry> journal = journalOf(*t, cancelled.planId);
    QCOMPARE(journal.size(), operations.size());
    QVERIFY(!journal.isEmpty());
    QCOMPARE(journal.last().sequence, qint64(operations.size()));
    QVERIFY(receivedAtCancel > 0);
    QVERIFY2(m_emulator->userCount() < 200, qPrintable(QString::number(m_emulator->userCount())));
    // Every operation is accounted for, and nothing went out after the cancel but what was
    // already handed to the client then (its window) and a few answers processed before the cancel.
    QCOMPARE(cancelled.succeeded + cancelled.failed + cancelled.skipped, cancelled.total);
    QVERIFY2(m_emulator->requestCount() <= receivedAtCancel + 3 * kConcurrency,
        qPrintable(QStringLiteral("%1 vs %2").arg(m_emulator->requestCount()).arg(receivedAtCancel)));
    QTRY_COMPARE_WITH_TIMEOUT(m_emulator->openRequests(), 0, 10000);

    m_emulator->setLatency(0);
    const auto rerun = t->syncOnce();
    QCOMPARE(rerun.summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(m_emulator->userCount(), 200);
    QCOMPARE(m_emulator->groupCount(), 8);
    for (int g = 0; g < 8; ++g) {
        QCOMPARE(m_emulator->groupMemberIds(targetGroupId(QStringLiteral("Stop %1").arg(g))),
            targetIdsOf(users.mid(g * 25, 25)));
    }
    QVERIFY(t->syncOnce().plan.isEmpty());
}

void TestSyncEnginePipeline::slowJournalWritesDoNotStallTheWindow()
{
    auto t = tenant();
    constexpr int kUsers = 400;
    t->addUsers(QStringLiteral("slow"), kUsers);
    t->assignAll();
    const auto preview = t->preview();
    QVERIFY2(preview.previewed, qPrintable(preview.previewError));
    QCOMPARE(preview.plan.operations.size(), kUsers);

    // Another connection takes the profile's write lock as the first request arrives (the run
    // is begun by then) and keeps it, so no journal row or link of the apply can be committed.
    QSqlDatabase blocker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("blocker"));
    blocker.setDatabaseName(t->database()->filePath());
    QVERIFY(blocker.open());
    bool locked = false;
    m_emulator->setLatency(kLatencyMs);
    m_emulator->resetCounters();
    SyncSession* session = t->session.get();
    connect(m_emulator.get(), &AwsScimEmulator::requestReceived, session, [&](const QString&, const QString&) {
        if (!locked)
            locked = QSqlQuery(blocker).exec(QStringLiteral("BEGIN IMMEDIATE"));
    });
    QSignalSpy finished(session, &SyncSession::applyFinished);
    session->apply(preview.plan.planId);

    // Every create goes out and is answered while the writes wait, `concurrency` at a time.
    QTRY_COMPARE_WITH_TIMEOUT(m_emulator->userCount(), kUsers, 8000);
    QVERIFY(locked);
    qInfo() << "most requests open while the journal could not be written:" << m_emulator->maxOpenRequests();
    QCOMPARE(m_emulator->maxOpenRequests(), kConcurrency);
    // The run is not reported finished before its journal is written.
    QVERIFY(finished.isEmpty());

    QVERIFY(QSqlQuery(blocker).exec(QStringLiteral("ROLLBACK")));
    m_emulator->disconnect(session);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    const auto summary = finished.first().first().value<SyncRunSummary>();
    QCOMPARE(summary.status, SyncRunSummary::Status::Succeeded);
    QVERIFY2(summary.errors.isEmpty(), qPrintable(summary.errors.join(QLatin1Char('\n'))));
    QCOMPARE(journalOf(*t, summary.planId).size(), kUsers);
    const auto links = LinkStore(t->database(), t->application.id).load(TargetLink::Kind::User);
    QVERIFY(links);
    QCOMPARE(links->size(), kUsers);
    blocker = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("blocker"));
}

QTEST_GUILESS_MAIN(TestSyncEnginePipeline)
#include "tst_syncengine_pipeline.moc"
