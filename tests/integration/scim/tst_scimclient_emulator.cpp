#include "ScimTestSupport.h"

#include <AwsScimEmulator.h>
#include <util/ThreadEventLoops.h>

#include <QAbstractEventDispatcher>
#include <QDir>
#include <QFile>
#include <QThread>

#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace ScimTestSupport;

namespace {
constexpr int kWaitMs = 15000;

// read() system calls so far per thread of Qt's HTTP threads ("QNetworkAccessManager thread",
// cut to 15 characters by the kernel), from /proc/self/task/<tid>/io.
QHash<QString, qint64> httpThreadReads()
{
    QHash<QString, qint64> reads;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        QFile io(tasks.filePath(tid + QStringLiteral("/io")));
        if (!comm.open(QIODevice::ReadOnly) || !comm.readAll().startsWith("QNetworkAccessM")
            || !io.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& line : io.readAll().split('\n')) {
            if (line.startsWith("syscr:"))
                reads.insert(tid, line.mid(6).trimmed().toLongLong());
        }
    }
    return reads;
}
} // namespace

// The client against the AWS IAM Identity Center emulator over real loopback HTTP(S).
class TestScimClientEmulator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void userCrud();
    void groupCrudAndMembership();
    void cursorPagingWalksAllPages();
    void singlePageServerThatStopsShortIsAnError();
    void singlePageServerWithEverything();
    void discovery();

    void unauthorized();
    void notFoundConflictAndBadRequest();
    void throttledWithRetryAfterIsRetried();
    void throttledWithoutRetryAfterIsRetried();
    void serverErrorsAreRetriedThenSucceed();
    void droppedConnectionIsRetried();
    void unknownOutcomePostIsLookedUpNotResent();
    void postAppliedThenHangingIsLookedUpAfterTimeout();
    void postDroppedBeforeProcessingIsSentAgainOnce();
    void hangTimesOut();
    void cancelAllAbortsInFlight();
    void callbackSkippedWhenContextIsGone();
    void httpsWithCustomCaAndRefusedWithout();
    void plainHttpResponsesAreReadInFewSystemCalls();
    void threadsUseQtDispatcher();

private:
    std::unique_ptr<ScimClient> client(const std::function<void(ScimClientConfig&)>& adjust = {});
    QJsonObject createUser(ScimClient& scim, const QString& userName);

    std::unique_ptr<AwsScimEmulator> m_emulator;
};

void TestScimClientEmulator::initTestCase()
{
    m_emulator = std::make_unique<AwsScimEmulator>();
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
}

void TestScimClientEmulator::init()
{
    m_emulator->reset();
}

std::unique_ptr<ScimClient> TestScimClientEmulator::client(const std::function<void(ScimClientConfig&)>& adjust)
{
    ScimClientConfig config = fastConfig(m_emulator->baseUrl(), m_emulator->options().token);
    config.capabilities.pagingMode = PagingMode::Cursor;
    config.capabilities.maxPageSize = 100;
    if (adjust)
        adjust(config);
    return std::make_unique<ScimClient>(config);
}

QJsonObject TestScimClientEmulator::createUser(ScimClient& scim, const QString& userName)
{
    AwaitedObject created;
    scim.createUser(awsUser(userName, QStringLiteral("ext-") + userName), this, created.callback());
    [&] { QTRY_VERIFY_WITH_TIMEOUT(created.done(), kWaitMs); }();
    if (!created.done() || !*created)
        return QJsonObject();
    return created->value();
}

void TestScimClientEmulator::userCrud()
{
    auto scim = client();
    const QJsonObject user = createUser(*scim, QStringLiteral("alice@example.com"));
    const QString id = user.value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());

    AwaitedObject got;
    scim->getUser(id, this, got.callback());
    QTRY_VERIFY_WITH_TIMEOUT(got.done(), kWaitMs);
    QVERIFY2(*got, qPrintable(why(*got)));
    QCOMPARE(got->value().value(QStringLiteral("userName")).toString(), QStringLiteral("alice@example.com"));

    QJsonObject replacement = awsUser(QStringLiteral("alice@example.com"), QStringLiteral("ext-alice"));
    replacement.insert(QStringLiteral("title"), QStringLiteral("Engineer"));
    AwaitedObject replaced;
    scim->replaceUser(id, replacement, this, replaced.callback());
    QTRY_VERIFY_WITH_TIMEOUT(replaced.done(), kWaitMs);
    QVERIFY2(*replaced, qPrintable(why(*replaced)));
    QCOMPARE(replaced->value().value(QStringLiteral("title")).toString(), QStringLiteral("Engineer"));

    AwaitedObject patched;
    scim->patchUser(id, {PatchOperation::replace(QStringLiteral("displayName"), QStringLiteral("Alice \"A\" Liddell"))},
        this, patched.callback());
    QTRY_VERIFY_WITH_TIMEOUT(patched.done(), kWaitMs);
    QVERIFY2(*patched, qPrintable(why(*patched)));
    QCOMPARE(m_emulator->findUserByUserName(QStringLiteral("alice@example.com")).value(QStringLiteral("displayName")),
        QStringLiteral("Alice \"A\" Liddell"));

    AwaitedList found;
    scim->listUsers(
        ScimFilter::eq(QStringLiteral("userName"), QStringLiteral("alice@example.com")), this, found.callback());
    QTRY_VERIFY_WITH_TIMEOUT(found.done(), kWaitMs);
    QVERIFY2(*found, qPrintable(why(*found)));
    QCOMPARE(found->value().size(), 1);
    QCOMPARE(found->value().first().value(QStringLiteral("id")).toString(), id);

    AwaitedStatus deleted;
    scim->deleteUser(id, this, deleted.callback());
    QTRY_VERIFY_WITH_TIMEOUT(deleted.done(), kWaitMs);
    QVERIFY2(*deleted, qPrintable(why(*deleted)));
    QCOMPARE(m_emulator->userCount(), 0);

    AwaitedObject gone;
    scim->getUser(id, this, gone.callback());
    QTRY_VERIFY_WITH_TIMEOUT(gone.done(), kWaitMs);
    QVERIFY(!*gone);
    QCOMPARE(gone->error().httpStatus, 404);
}

void TestScimClientEmulator::groupCrudAndMembership()
{
    auto scim = client();
    const QString userId = createUser(*scim, QStringLiteral("bob")).value(QStringLiteral("id")).toString();
    QVERIFY(!userId.isEmpty());

    AwaitedObject created;
    scim->createGroup(group(QStringLiteral("Engineers \\ \"core\"")), this, created.callback());
    QTRY_VERIFY_WITH_TIMEOUT(created.done(), kWaitMs);
    QVERIFY2(*created, qPrintable(why(*created)));
    const QString groupId = created->value().value(QStringLiteral("id")).toString();

    AwaitedObject patched;
    scim->patchGroup(groupId,
        {PatchOperation::add(QStringLiteral("members"), QJsonArray {QJsonObject {{QStringLiteral("value"), userId}}})},
        this, patched.callback());
    QTRY_VERIFY_WITH_TIMEOUT(patched.done(), kWaitMs);
    QVERIFY2(*patched, qPrintable(why(*patched)));
    QVERIFY(patched->value().isEmpty()); // AWS: 204, no body
    QCOMPARE(m_emulator->groupMemberIds(groupId), QSet<QString> {userId});

    AwaitedList byName;
    scim->listGroups(ScimFilter::eq(QStringLiteral("displayName"), QStringLiteral("Engineers \\ \"core\"")), this,
        byName.callback());
    QTRY_VERIFY_WITH_TIMEOUT(byName.done(), kWaitMs);
    QVERIFY2(*byName, qPrintable(why(*byName)));
    QCOMPARE(byName->value().size(), 1);

    AwaitedList members;
    scim->listUsers(ScimFilter::eq(QStringLiteral("groups.value"), groupId), this, members.callback());
    QTRY_VERIFY_WITH_TIMEOUT(members.done(), kWaitMs);
    QVERIFY2(*members, qPrintable(why(*members)));
    QCOMPARE(members->value().size(), 1);

    AwaitedObject got;
    scim->getGroup(groupId, this, got.callback());
    QTRY_VERIFY_WITH_TIMEOUT(got.done(), kWaitMs);
    QVERIFY(*got);

    AwaitedStatus deleted;
    scim->deleteGroup(groupId, this, deleted.callback());
    QTRY_VERIFY_WITH_TIMEOUT(deleted.done(), kWaitMs);
    QVERIFY(*deleted);
    QCOMPARE(m_emulator->groupCount(), 0);
}

void TestScimClientEmulator::cursorPagingWalksAllPages()
{
    for (int i = 0; i < 260; ++i)
        QVERIFY(!m_emulator->store().createUser(awsUser(QStringLiteral("user%1").arg(i))).isError());
    for (int i = 0; i < 255; ++i)
        QVERIFY(!m_emulator->store().createGroup(group(QStringLiteral("group%1").arg(i))).isError());
    auto scim = client();
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback(), 500); // capped to maxPageSize 100
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY2(*users, qPrintable(why(*users)));
    QCOMPARE(users->value().size(), 260);
    QSet<QString> ids;
    for (const QJsonObject& user : users->value())
        ids.insert(user.value(QStringLiteral("id")).toString());
    QCOMPARE(ids.size(), 260);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("GET /Users")), 3);

    AwaitedList groups;
    scim->listGroups(ScimFilter(), this, groups.callback(), 50);
    QTRY_VERIFY_WITH_TIMEOUT(groups.done(), kWaitMs);
    QVERIFY2(*groups, qPrintable(why(*groups)));
    QCOMPARE(groups->value().size(), 255);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("GET /Groups")), 6);
}

void TestScimClientEmulator::singlePageServerThatStopsShortIsAnError()
{
    for (int i = 0; i < 260; ++i)
        QVERIFY(!m_emulator->store().createUser(awsUser(QStringLiteral("user%1").arg(i))).isError());
    m_emulator->setLegacySinglePage(true);
    auto scim = client([](ScimClientConfig& config) { config.capabilities.pagingMode = PagingMode::SinglePage; });
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY(!*users);
    QCOMPARE(users->error().kind, ScimError::Kind::Incomplete);
    QVERIFY2(users->error().detail.contains(QStringLiteral("of 260")), qPrintable(users->error().detail));
}

void TestScimClientEmulator::singlePageServerWithEverything()
{
    for (int i = 0; i < 30; ++i)
        QVERIFY(!m_emulator->store().createUser(awsUser(QStringLiteral("user%1").arg(i))).isError());
    auto scim = client([](ScimClientConfig& config) { config.capabilities.pagingMode = PagingMode::SinglePage; });
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY2(*users, qPrintable(why(*users)));
    QCOMPARE(users->value().size(), 30);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("GET /Users")), 1);
}

void TestScimClientEmulator::discovery()
{
    auto scim = client();
    Awaited<Result<ServiceProviderConfig, ScimError>> config;
    scim->getServiceProviderConfig(this, config.callback());
    AwaitedList schemas;
    scim->getSchemas(this, schemas.callback());
    AwaitedList types;
    scim->getResourceTypes(this, types.callback());
    QTRY_VERIFY_WITH_TIMEOUT(config.done() && schemas.done() && types.done(), kWaitMs);
    QVERIFY2(*config, qPrintable(why(*config)));
    QVERIFY(config->value().patchSupported);
    QVERIFY(!config->value().bulkSupported);
    QVERIFY(config->value().filterSupported);
    QCOMPARE(config->value().filterMaxResults, 50);
    QVERIFY(!config->value().etagSupported);
    QVERIFY2(*schemas, qPrintable(why(*schemas)));
    QVERIFY(!schemas->value().isEmpty());
    QVERIFY2(*types, qPrintable(why(*types)));
    QCOMPARE(types->value().size(), 2);
}

void TestScimClientEmulator::unauthorized()
{
    auto scim = client([](ScimClientConfig& config) { config.secret = QStringLiteral("wrong-token-value"); });
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY(!*users);
    QCOMPARE(users->error().kind, ScimError::Kind::Http);
    QCOMPARE(users->error().httpStatus, 401);
    QVERIFY(users->error().message().contains(QStringLiteral("Generate a new token")));
    QVERIFY(!users->error().toString().contains(QStringLiteral("wrong-token-value")));
    QCOMPARE(m_emulator->requestCount(), 1); // not retried
}

void TestScimClientEmulator::notFoundConflictAndBadRequest()
{
    auto scim = client();
    AwaitedObject missing;
    scim->getUser(QStringLiteral("does-not-exist"), this, missing.callback());
    QTRY_VERIFY_WITH_TIMEOUT(missing.done(), kWaitMs);
    QCOMPARE(missing->error().httpStatus, 404);

    const QString carolId = createUser(*scim, QStringLiteral("carol")).value(QStringLiteral("id")).toString();
    QVERIFY(!carolId.isEmpty());
    // 409 on userName (case-insensitive): looked up and linked, not a failure.
    Awaited<Result<ScimClient::CreateOutcome, ScimError>> existing;
    scim->createUser(awsUser(QStringLiteral("CAROL")),
        {ScimFilter::eq(QStringLiteral("userName"), QStringLiteral("CAROL"))}, this, existing.callback());
    QTRY_VERIFY_WITH_TIMEOUT(existing.done(), kWaitMs);
    QVERIFY2(*existing, qPrintable(why(*existing)));
    QVERIFY(existing->value().alreadyExisted);
    QCOMPARE(existing->value().resource.value(QStringLiteral("id")).toString(), carolId);
    QCOMPARE(scim->statistics().conflictLookups, 1);

    // The ObjectCallback overload looks nothing up: it reports the 409.
    AwaitedObject reported;
    scim->createUser(awsUser(QStringLiteral("Carol")), this, reported.callback());
    QTRY_VERIFY_WITH_TIMEOUT(reported.done(), kWaitMs);
    QVERIFY(!*reported);
    QCOMPARE(reported->error().httpStatus, 409);
    QCOMPARE(scim->statistics().conflictLookups, 1);

    // 409 on externalId while the userName is new: the lookup finds nothing, the 409 is reported.
    Awaited<Result<ScimClient::CreateOutcome, ScimError>> duplicate;
    scim->createUser(awsUser(QStringLiteral("carol2"), QStringLiteral("ext-carol")),
        {ScimFilter::eq(QStringLiteral("userName"), QStringLiteral("carol2"))}, this, duplicate.callback());
    QTRY_VERIFY_WITH_TIMEOUT(duplicate.done(), kWaitMs);
    QVERIFY(!*duplicate);
    QCOMPARE(duplicate->error().httpStatus, 409);
    QVERIFY(!duplicate->error().detail.isEmpty());
    QVERIFY(!duplicate->error().requestId.isEmpty());
    QCOMPARE(m_emulator->userCount(), 1);

    QJsonObject invalid = awsUser(QStringLiteral("dave"));
    invalid.remove(QStringLiteral("displayName"));
    AwaitedObject rejected;
    scim->createUser(invalid, this, rejected.callback());
    QTRY_VERIFY_WITH_TIMEOUT(rejected.done(), kWaitMs);
    QCOMPARE(rejected->error().httpStatus, 400);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("POST /Users")), 5); // 4xx never retried
}

void TestScimClientEmulator::throttledWithRetryAfterIsRetried()
{
    m_emulator->setThrottle(50, 1, true);
    auto scim = client();
    QList<std::shared_ptr<AwaitedList>> lists;
    for (int i = 0; i < 4; ++i) {
        lists.append(std::make_shared<AwaitedList>());
        scim->listUsers(ScimFilter(), this, lists.last()->callback());
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(lists.begin(), lists.end(), [](const auto& l) { return l->done(); }), kWaitMs);
    for (const auto& list : lists)
        QVERIFY2(**list, qPrintable(why(**list)));
    QVERIFY(m_emulator->statusCount(429) > 0);
    QVERIFY(scim->statistics().throttled > 0);
    QVERIFY(scim->statistics().retries > 0);
}

void TestScimClientEmulator::throttledWithoutRetryAfterIsRetried()
{
    m_emulator->setThrottle(50, 1, false);
    auto scim = client([](ScimClientConfig& config) { config.retry.maxAttempts = 8; });
    QList<std::shared_ptr<AwaitedList>> lists;
    for (int i = 0; i < 4; ++i) {
        lists.append(std::make_shared<AwaitedList>());
        scim->listUsers(ScimFilter(), this, lists.last()->callback());
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(lists.begin(), lists.end(), [](const auto& l) { return l->done(); }), kWaitMs);
    for (const auto& list : lists)
        QVERIFY2(**list, qPrintable(why(**list)));
    QVERIFY(scim->statistics().throttled > 0);
}

void TestScimClientEmulator::serverErrorsAreRetriedThenSucceed()
{
    auto scim = client();
    m_emulator->failNext(2, 500);
    AwaitedList first;
    scim->listUsers(ScimFilter(), this, first.callback());
    QTRY_VERIFY_WITH_TIMEOUT(first.done(), kWaitMs);
    QVERIFY2(*first, qPrintable(why(*first)));
    m_emulator->failNext(1, 503);
    AwaitedList second;
    scim->listUsers(ScimFilter(), this, second.callback());
    QTRY_VERIFY_WITH_TIMEOUT(second.done(), kWaitMs);
    QVERIFY2(*second, qPrintable(why(*second)));
    QCOMPARE(scim->statistics().retries, 3);
    QCOMPARE(scim->statistics().serverErrors, 3);

    m_emulator->failNext(10, 503); // more than maxAttempts: the last error is reported
    AwaitedList third;
    scim->listUsers(ScimFilter(), this, third.callback());
    QTRY_VERIFY_WITH_TIMEOUT(third.done(), kWaitMs);
    QVERIFY(!*third);
    QCOMPARE(third->error().httpStatus, 503);
}

void TestScimClientEmulator::droppedConnectionIsRetried()
{
    auto scim = client();
    m_emulator->dropNext(1, AwsScimEmulator::DropMode::AfterRequest);
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY2(*users, qPrintable(why(*users)));
    // Qt itself re-sends once on a connection closed before any answer, so the client may not
    // see the drop at all; either way the list succeeds.
    QVERIFY(m_emulator->requestCount() >= 2);
}

void TestScimClientEmulator::unknownOutcomePostIsLookedUpNotResent()
{
    // The emulator applies the POST and drops the connection before answering. Qt re-sends the
    // POST by itself (QHttpNetworkConnectionChannel reconnect attempts, no opt-out in Qt 6.4), so
    // the client sees the copy's 409, or the dropped connection when Qt gives up: either way it
    // looks the object up and returns it, marked alreadyExisted.
    auto scim = client();
    m_emulator->dropNext(1, AwsScimEmulator::DropMode::AfterProcessing);
    Awaited<Result<ScimClient::CreateOutcome, ScimError>> created;
    scim->createUser(awsUser(QStringLiteral("erin"), QStringLiteral("ext-erin")),
        {ScimFilter::eq(QStringLiteral("userName"), QStringLiteral("erin"))}, this, created.callback());
    QTRY_VERIFY_WITH_TIMEOUT(created.done(), kWaitMs);
    QVERIFY2(*created, qPrintable(why(*created)));
    QCOMPARE(m_emulator->userCount(), 1); // no duplicate
    QCOMPARE(created->value().resource.value(QStringLiteral("userName")).toString(), QStringLiteral("erin"));
    QCOMPARE(created->value().resource.value(QStringLiteral("id")).toString(),
        m_emulator->findUserByUserName(QStringLiteral("erin")).value(QStringLiteral("id")).toString());
    QVERIFY(created->value().alreadyExisted);
    const ScimClientStats stats = scim->statistics();
    QCOMPARE(stats.unknownOutcomeLookups + stats.conflictLookups, 1);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("GET /Users")), 1); // the lookup

    m_emulator->dropNext(1, AwsScimEmulator::DropMode::AfterProcessing);
    Awaited<Result<ScimClient::CreateOutcome, ScimError>> createdGroup;
    scim->createGroup(group(QStringLiteral("Ops")),
        {ScimFilter::eq(QStringLiteral("displayName"), QStringLiteral("Ops"))}, this, createdGroup.callback());
    QTRY_VERIFY_WITH_TIMEOUT(createdGroup.done(), kWaitMs);
    QVERIFY2(*createdGroup, qPrintable(why(*createdGroup)));
    QVERIFY(createdGroup->value().alreadyExisted);
    QCOMPARE(createdGroup->value().resource.value(QStringLiteral("displayName")).toString(), QStringLiteral("Ops"));
    QCOMPARE(m_emulator->groupCount(), 1);
}

void TestScimClientEmulator::postAppliedThenHangingIsLookedUpAfterTimeout()
{
    // A true unknown outcome: the POST is applied but its answer never comes in time (the
    // emulator's latency is longer than the client's timeout; the emulator has no
    // "hang after processing" knob). The lookup then runs without latency.
    auto scim = client([](ScimClientConfig& config) { config.requestTimeoutMs = 400; });
    m_emulator->setLatency(20000);
    Awaited<Result<ScimClient::CreateOutcome, ScimError>> created;
    scim->createUser(awsUser(QStringLiteral("hank"), QStringLiteral("ext-hank")),
        {ScimFilter::eq(QStringLiteral("userName"), QStringLiteral("hank"))}, this, created.callback());
    QTRY_VERIFY_WITH_TIMEOUT(m_emulator->userCount() == 1, kWaitMs);
    m_emulator->setLatency(0);
    QTRY_VERIFY_WITH_TIMEOUT(created.done(), kWaitMs);
    QVERIFY2(*created, qPrintable(why(*created)));
    QVERIFY(created->value().alreadyExisted);
    QCOMPARE(created->value().resource.value(QStringLiteral("userName")).toString(), QStringLiteral("hank"));
    QCOMPARE(m_emulator->userCount(), 1);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("POST /Users")), 1); // looked up, not re-sent
    QCOMPARE(scim->statistics().unknownOutcomeLookups, 1);
    QCOMPARE(scim->statistics().conflictLookups, 0);
}

void TestScimClientEmulator::postDroppedBeforeProcessingIsSentAgainOnce()
{
    auto scim = client();
    m_emulator->dropNext(1, AwsScimEmulator::DropMode::AfterRequest);
    Awaited<Result<ScimClient::CreateOutcome, ScimError>> created;
    scim->createUser(awsUser(QStringLiteral("frank")),
        {ScimFilter::eq(QStringLiteral("userName"), QStringLiteral("frank"))}, this, created.callback());
    QTRY_VERIFY_WITH_TIMEOUT(created.done(), kWaitMs);
    QVERIFY2(*created, qPrintable(why(*created)));
    QCOMPARE(m_emulator->userCount(), 1);
}

void TestScimClientEmulator::hangTimesOut()
{
    auto scim = client([](ScimClientConfig& config) {
        config.requestTimeoutMs = 300;
        config.retry.maxAttempts = 1;
    });
    m_emulator->hangNext(1);
    AwaitedObject got;
    scim->getUser(QStringLiteral("x"), this, got.callback());
    QTRY_VERIFY_WITH_TIMEOUT(got.done(), kWaitMs);
    QVERIFY(!*got);
    // The client's own timer ended it (the emulator never answers a hung request).
    QCOMPARE(got->error().kind, ScimError::Kind::Timeout);
    QVERIFY2(got->error().detail.contains(QStringLiteral("300 ms")), qPrintable(got->error().detail));
    QCOMPARE(m_emulator->requestCount(), 1);

    // With retries allowed, a single hang costs one timeout and the retry succeeds.
    auto retrying = client([](ScimClientConfig& config) { config.requestTimeoutMs = 300; });
    m_emulator->hangNext(1);
    AwaitedList users;
    retrying->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY2(*users, qPrintable(why(*users)));
}

void TestScimClientEmulator::cancelAllAbortsInFlight()
{
    auto scim = client([](ScimClientConfig& config) { config.requestTimeoutMs = 60000; });
    m_emulator->hangNext(3);
    AwaitedList a;
    AwaitedObject b;
    AwaitedObject c;
    scim->listUsers(ScimFilter(), this, a.callback());
    scim->getUser(QStringLiteral("u1"), this, b.callback());
    scim->createUser(awsUser(QStringLiteral("gina")), this, c.callback());
    QTRY_VERIFY_WITH_TIMEOUT(m_emulator->requestCount() == 3, kWaitMs);
    scim->cancelAll();
    // The emulator never answers and the client's timeout is longer than this wait: only the
    // cancel can end these calls, and it ends them as cancelled, not as timeouts or retries.
    QTRY_VERIFY_WITH_TIMEOUT(a.done() && b.done() && c.done(), kWaitMs);
    QCOMPARE(a->error().kind, ScimError::Kind::Cancelled);
    QCOMPARE(b->error().kind, ScimError::Kind::Cancelled);
    QCOMPARE(c->error().kind, ScimError::Kind::Cancelled);
    QCOMPARE(m_emulator->userCount(), 0);
    QCOMPARE(m_emulator->requestCount(), 3);
    QCOMPARE(scim->statistics().retries, 0);
}

void TestScimClientEmulator::callbackSkippedWhenContextIsGone()
{
    auto scim = client();
    auto context = std::make_unique<QObject>();
    bool called = false;
    scim->listUsers(
        ScimFilter(), context.get(), [&called](const Result<QList<QJsonObject>, ScimError>&) { called = true; });
    context.reset();
    AwaitedList after; // same queue: when this arrives, the first answer has been handled
    scim->listUsers(ScimFilter(), this, after.callback());
    QTRY_VERIFY_WITH_TIMEOUT(after.done(), kWaitMs);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("GET /Users")), 2);
    QVERIFY(!called);
}

void TestScimClientEmulator::httpsWithCustomCaAndRefusedWithout()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString certError = makeTestCertificates(dir);
    if (!certError.isEmpty())
        QFAIL(qPrintable(certError));
    AwsScimEmulator tls;
    QVERIFY2(tls.setTlsFiles(dir.filePath(QStringLiteral("server.pem")), dir.filePath(QStringLiteral("server.key"))),
        qPrintable(tls.errorString()));
    QVERIFY2(tls.listen(), qPrintable(tls.errorString()));
    QCOMPARE(tls.baseUrl().scheme(), QStringLiteral("https"));

    ScimClientConfig config = fastConfig(tls.baseUrl(), tls.options().token);
    config.capabilities.pagingMode = PagingMode::Cursor;
    config.caBundlePath = dir.filePath(QStringLiteral("ca.pem"));
    {
        ScimClient trusting(config);
        AwaitedList users;
        trusting.listUsers(ScimFilter(), this, users.callback());
        QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
        QVERIFY2(*users, qPrintable(why(*users)));
    }
    config.caBundlePath.clear();
    {
        ScimClient untrusting(config);
        AwaitedList users;
        untrusting.listUsers(ScimFilter(), this, users.callback());
        QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
        QVERIFY(!*users);
        QCOMPARE(users->error().kind, ScimError::Kind::Tls);
        QCOMPARE(untrusting.statistics().retries, 0); // TLS failures are not retried
    }
    config.caBundlePath = dir.filePath(QStringLiteral("missing.pem"));
    {
        ScimClient misconfigured(config);
        AwaitedList users;
        misconfigured.listUsers(ScimFilter(), this, users.callback());
        QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
        QCOMPARE(users->error().kind, ScimError::Kind::Refused);
        QVERIFY(users->error().message().contains(QStringLiteral("missing.pem")));
    }
}

void TestScimClientEmulator::plainHttpResponsesAreReadInFewSystemCalls()
{
    // Qt 6.4 parses the response headers of an unbuffered plain-http connection with one read()
    // per byte (~180 per response here); ScimProxyFactory makes it buffer the connection. The
    // rest are the event loop's wake-up reads, a few per request and more on a busy machine.
    if (!QFile::exists(QStringLiteral("/proc/self/task")))
        QSKIP("needs Linux /proc per-thread I/O counters");
    auto scim = client();
    createUser(*scim, QStringLiteral("warm.up@example.com")); // connection and HTTP thread exist
    const QHash<QString, qint64> before = httpThreadReads();
    QVERIFY(!before.isEmpty());
    constexpr int kRequests = 20;
    for (int i = 0; i < kRequests; ++i)
        createUser(*scim, QStringLiteral("reader%1@example.com").arg(i));
    const QHash<QString, qint64> after = httpThreadReads();
    qint64 reads = 0;
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        reads += it.value() - before.value(it.key(), 0);
    qInfo("read() calls per request in Qt's HTTP threads: %.1f", double(reads) / kRequests);
    QCOMPARE(m_emulator->userCount(), kRequests + 1);
    QVERIFY2(reads < kRequests * 60,
        qPrintable(QStringLiteral("%1 read() calls for %2 requests").arg(reads).arg(kRequests)));
}

void TestScimClientEmulator::threadsUseQtDispatcher()
{
    // What the application's main() does before any thread exists.
    ThreadEventLoops::useQtDispatcher();
    QThread thread;
    QObject inThread;
    inThread.moveToThread(&thread);
    thread.start();
    QString dispatcher;
    QMetaObject::invokeMethod(
        &inThread,
        [&dispatcher] {
            dispatcher = QString::fromLatin1(QAbstractEventDispatcher::instance()->metaObject()->className());
        },
        Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    QCOMPARE(dispatcher, QStringLiteral("QEventDispatcherUNIX"));
}
QTEST_GUILESS_MAIN(TestScimClientEmulator)

#include "tst_scimclient_emulator.moc"
