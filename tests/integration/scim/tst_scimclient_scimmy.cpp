#include "ScimTestSupport.h"

#include <ScimmyPeer.h>

#include <QJsonArray>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace ScimTestSupport;

namespace {

constexpr int kWaitMs = 30000;
constexpr int kUserCount = 260;
constexpr int kPageSize = 50;
// No quotes or backslashes in filtered values here: SCIMMY's filter parser rejects the RFC 7644
// escaped form (`"a \"b\""` gives 400 invalidFilter). The emulator tests cover escaping.
const QString kGroupName = QStringLiteral("Peer Engineers (core) & friends");

using AwaitedCreate = Awaited<Result<ScimClient::CreateOutcome, ScimError>>;

// The lookup after a 409 or an unknown outcome, as the sync's match queries would send it.
QList<ScimFilter> byUserName(const QJsonObject& user)
{
    return {ScimFilter::eq(QStringLiteral("userName"), user.value(QStringLiteral("userName")).toString())};
}

QString peerUserName(int index)
{
    return QStringLiteral("Scimmy.User%1@Example.com").arg(index, 4, 10, QLatin1Char('0'));
}

QSet<QString> memberIds(const QJsonObject& group)
{
    QSet<QString> ids;
    for (const QJsonValue& member : group.value(QStringLiteral("members")).toArray())
        ids.insert(member.toObject().value(QStringLiteral("value")).toString());
    return ids;
}

} // namespace

// The client against a third-party SCIM 2.0 implementation (SCIMMY on Node.js): startIndex
// paging, filters, full user and group lifecycle, and its error shapes.
class TestScimClientScimmy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void createsAndPagesThroughAllUsers();
    void filtersByUserName();
    void userPatchPutDelete();
    void groupLifecycle();
    void conflictAndNotFoundShapes();
    void wrongTokenIsUnauthorized();
    void discovery();

private:
    std::unique_ptr<ScimClient> client(const std::function<void(ScimClientConfig&)>& adjust = {});
    QJsonObject create(ScimClient& scim, const QJsonObject& user);

    ScimmyPeer m_peer;
    QHash<QString, QString> m_idByUserName;
};

void TestScimClientScimmy::initTestCase()
{
    QString error;
    QVERIFY2(m_peer.start(&error), qPrintable(error));
}

std::unique_ptr<ScimClient> TestScimClientScimmy::client(const std::function<void(ScimClientConfig&)>& adjust)
{
    ScimClientConfig config = fastConfig(m_peer.baseUrl(), m_peer.token());
    config.capabilities.pagingMode = PagingMode::StartIndex;
    config.capabilities.maxPageSize = kPageSize;
    config.requestTimeoutMs = 10000;
    if (adjust)
        adjust(config);
    return std::make_unique<ScimClient>(config);
}

QJsonObject TestScimClientScimmy::create(ScimClient& scim, const QJsonObject& user)
{
    AwaitedCreate created;
    scim.createUser(user, byUserName(user), this, created.callback());
    [&] { QTRY_VERIFY_WITH_TIMEOUT(created.done(), kWaitMs); }();
    if (!created.done() || !*created)
        return QJsonObject();
    return created->value().resource;
}

void TestScimClientScimmy::createsAndPagesThroughAllUsers()
{
    auto scim = client();
    QList<std::shared_ptr<AwaitedCreate>> creates;
    for (int i = 0; i < kUserCount; ++i) {
        creates.append(std::make_shared<AwaitedCreate>());
        const QJsonObject user = awsUser(peerUserName(i), QStringLiteral("ext-%1").arg(i));
        scim->createUser(user, byUserName(user), this, creates.last()->callback());
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(creates.begin(), creates.end(), [](const auto& c) { return c->done(); }), kWaitMs);
    for (const auto& created : std::as_const(creates)) {
        QVERIFY2(**created, qPrintable(why(**created)));
        QVERIFY(!(*created)->value().alreadyExisted);
        const QJsonObject& user = (*created)->value().resource;
        m_idByUserName.insert(
            user.value(QStringLiteral("userName")).toString(), user.value(QStringLiteral("id")).toString());
    }
    QCOMPARE(m_idByUserName.size(), kUserCount);

    const qint64 getsBefore = scim->statistics().requestsByMethod.value(QStringLiteral("GET"));
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback(), 500); // capped to maxPageSize
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY2(*users, qPrintable(why(*users)));
    QCOMPARE(users->value().size(), kUserCount);
    QSet<QString> ids;
    for (const QJsonObject& user : users->value())
        ids.insert(user.value(QStringLiteral("id")).toString());
    QCOMPARE(ids.size(), kUserCount);
    // ceil(260 / 50) pages, nothing more.
    QCOMPARE(scim->statistics().requestsByMethod.value(QStringLiteral("GET")) - getsBefore,
        qint64((kUserCount + kPageSize - 1) / kPageSize));
}

void TestScimClientScimmy::filtersByUserName()
{
    QVERIFY(!m_idByUserName.isEmpty());
    auto scim = client();
    const QString userName = peerUserName(42);
    AwaitedList exact;
    scim->listUsers(ScimFilter::eq(QStringLiteral("userName"), userName), this, exact.callback());
    // userName is caseExact=false (RFC 7643 §4.1.1): another case finds the same user.
    AwaitedList otherCase;
    scim->listUsers(ScimFilter::eq(QStringLiteral("userName"), userName.toLower()), this, otherCase.callback());
    AwaitedList none;
    scim->listUsers(
        ScimFilter::eq(QStringLiteral("userName"), QStringLiteral("nobody.here@example.com")), this, none.callback());
    QTRY_VERIFY_WITH_TIMEOUT(exact.done() && otherCase.done() && none.done(), kWaitMs);
    QVERIFY2(*exact, qPrintable(why(*exact)));
    QCOMPARE(exact->value().size(), 1);
    QCOMPARE(exact->value().first().value(QStringLiteral("id")).toString(), m_idByUserName.value(userName));
    QVERIFY2(*otherCase, qPrintable(why(*otherCase)));
    QCOMPARE(otherCase->value().size(), 1);
    QVERIFY2(*none, qPrintable(why(*none)));
    QVERIFY(none->value().isEmpty());
}

void TestScimClientScimmy::userPatchPutDelete()
{
    auto scim = client();
    const QString id = create(*scim, awsUser(QStringLiteral("lifecycle@example.com"), QStringLiteral("ext-lc")))
                           .value(QStringLiteral("id"))
                           .toString();
    QVERIFY(!id.isEmpty());

    AwaitedObject patched;
    scim->patchUser(id, {PatchOperation::replace(QStringLiteral("displayName"), QStringLiteral("Life \"Cycle\""))},
        this, patched.callback());
    QTRY_VERIFY_WITH_TIMEOUT(patched.done(), kWaitMs);
    QVERIFY2(*patched, qPrintable(why(*patched)));
    AwaitedObject read;
    scim->getUser(id, this, read.callback());
    QTRY_VERIFY_WITH_TIMEOUT(read.done(), kWaitMs);
    QVERIFY2(*read, qPrintable(why(*read)));
    QCOMPARE(read->value().value(QStringLiteral("displayName")).toString(), QStringLiteral("Life \"Cycle\""));

    QJsonObject replacement = awsUser(QStringLiteral("lifecycle@example.com"), QStringLiteral("ext-lc"));
    replacement.insert(QStringLiteral("title"), QStringLiteral("Engineer"));
    AwaitedObject replaced;
    scim->replaceUser(id, replacement, this, replaced.callback());
    QTRY_VERIFY_WITH_TIMEOUT(replaced.done(), kWaitMs);
    QVERIFY2(*replaced, qPrintable(why(*replaced)));
    QCOMPARE(replaced->value().value(QStringLiteral("title")).toString(), QStringLiteral("Engineer"));
    QCOMPARE(replaced->value().value(QStringLiteral("displayName")).toString(),
        QStringLiteral("lifecycle@example.com Display"));

    AwaitedStatus deleted;
    scim->deleteUser(id, this, deleted.callback());
    QTRY_VERIFY_WITH_TIMEOUT(deleted.done(), kWaitMs);
    QVERIFY2(*deleted, qPrintable(why(*deleted)));
    AwaitedObject gone;
    scim->getUser(id, this, gone.callback());
    QTRY_VERIFY_WITH_TIMEOUT(gone.done(), kWaitMs);
    QVERIFY(!*gone);
    QCOMPARE(gone->error().httpStatus, 404);
}

void TestScimClientScimmy::groupLifecycle()
{
    QVERIFY(m_idByUserName.size() >= 3);
    auto scim = client();
    const QString first = m_idByUserName.value(peerUserName(1));
    const QString second = m_idByUserName.value(peerUserName(2));
    const QString third = m_idByUserName.value(peerUserName(3));

    QJsonObject body = group(kGroupName);
    body.insert(QStringLiteral("members"),
        QJsonArray {QJsonObject {{QStringLiteral("value"), first}}, QJsonObject {{QStringLiteral("value"), second}}});
    AwaitedCreate created;
    scim->createGroup(body, {ScimFilter::eq(QStringLiteral("displayName"), kGroupName)}, this, created.callback());
    QTRY_VERIFY_WITH_TIMEOUT(created.done(), kWaitMs);
    QVERIFY2(*created, qPrintable(why(*created)));
    QVERIFY(!created->value().alreadyExisted);
    const QString groupId = created->value().resource.value(QStringLiteral("id")).toString();
    QCOMPARE(memberIds(created->value().resource), (QSet<QString> {first, second}));

    AwaitedObject patched;
    scim->patchGroup(groupId,
        {PatchOperation::add(QStringLiteral("members"), QJsonArray {QJsonObject {{QStringLiteral("value"), third}}}),
            PatchOperation::remove(QStringLiteral("members[value eq \"%1\"]").arg(first))},
        this, patched.callback());
    QTRY_VERIFY_WITH_TIMEOUT(patched.done(), kWaitMs);
    QVERIFY2(*patched, qPrintable(why(*patched)));
    AwaitedObject read;
    scim->getGroup(groupId, this, read.callback());
    QTRY_VERIFY_WITH_TIMEOUT(read.done(), kWaitMs);
    QVERIFY2(*read, qPrintable(why(*read)));
    QCOMPARE(memberIds(read->value()), (QSet<QString> {second, third}));

    AwaitedList byName;
    scim->listGroups(ScimFilter::eq(QStringLiteral("displayName"), kGroupName), this, byName.callback());
    AwaitedList ofUser;
    scim->listUsers(ScimFilter::eq(QStringLiteral("groups.value"), groupId), this, ofUser.callback());
    QTRY_VERIFY_WITH_TIMEOUT(byName.done() && ofUser.done(), kWaitMs);
    QVERIFY2(*byName, qPrintable(why(*byName)));
    QCOMPARE(byName->value().size(), 1);
    QVERIFY2(*ofUser, qPrintable(why(*ofUser)));
    QCOMPARE(ofUser->value().size(), 2);

    QJsonObject replacement = group(QStringLiteral("Peer Renamed"));
    replacement.insert(QStringLiteral("members"), QJsonArray {QJsonObject {{QStringLiteral("value"), third}}});
    AwaitedObject replaced;
    scim->replaceGroup(groupId, replacement, this, replaced.callback());
    QTRY_VERIFY_WITH_TIMEOUT(replaced.done(), kWaitMs);
    QVERIFY2(*replaced, qPrintable(why(*replaced)));
    QCOMPARE(replaced->value().value(QStringLiteral("displayName")).toString(), QStringLiteral("Peer Renamed"));
    QCOMPARE(memberIds(replaced->value()), QSet<QString> {third});

    AwaitedStatus deleted;
    scim->deleteGroup(groupId, this, deleted.callback());
    QTRY_VERIFY_WITH_TIMEOUT(deleted.done(), kWaitMs);
    QVERIFY2(*deleted, qPrintable(why(*deleted)));
    AwaitedStatus again;
    scim->deleteGroup(groupId, this, again.callback());
    QTRY_VERIFY_WITH_TIMEOUT(again.done(), kWaitMs);
    QVERIFY(!*again);
    QCOMPARE(again->error().httpStatus, 404);
}

void TestScimClientScimmy::conflictAndNotFoundShapes()
{
    QVERIFY(!m_idByUserName.isEmpty());
    auto scim = client();
    const QString userName = peerUserName(7);

    // The ObjectCallback overload looks nothing up: it reports SCIMMY's 409 as it is.
    AwaitedObject duplicate;
    scim->createUser(awsUser(userName.toUpper()), this, duplicate.callback());
    QTRY_VERIFY_WITH_TIMEOUT(duplicate.done(), kWaitMs);
    QVERIFY(!*duplicate);
    QCOMPARE(duplicate->error().kind, ScimError::Kind::Http);
    QCOMPARE(duplicate->error().httpStatus, 409);
    QCOMPARE(duplicate->error().scimType, QStringLiteral("uniqueness"));
    QVERIFY2(
        duplicate->error().detail.contains(QStringLiteral("already taken")), qPrintable(duplicate->error().detail));

    // With lookup queries the 409 is looked up and linked.
    AwaitedCreate linked;
    scim->createUser(awsUser(userName.toUpper()), {ScimFilter::eq(QStringLiteral("userName"), userName.toUpper())},
        this, linked.callback());
    QTRY_VERIFY_WITH_TIMEOUT(linked.done(), kWaitMs);
    QVERIFY2(*linked, qPrintable(why(*linked)));
    QVERIFY(linked->value().alreadyExisted);
    QCOMPARE(linked->value().resource.value(QStringLiteral("id")).toString(), m_idByUserName.value(userName));

    AwaitedObject missing;
    scim->getUser(QStringLiteral("00000000-0000-0000-0000-000000000000"), this, missing.callback());
    QTRY_VERIFY_WITH_TIMEOUT(missing.done(), kWaitMs);
    QVERIFY(!*missing);
    QCOMPARE(missing->error().kind, ScimError::Kind::Http);
    QCOMPARE(missing->error().httpStatus, 404);
    QVERIFY(!missing->error().message().isEmpty());
    QCOMPARE(scim->statistics().retries, 0);
}

void TestScimClientScimmy::wrongTokenIsUnauthorized()
{
    auto scim = client([](ScimClientConfig& config) { config.secret = QStringLiteral("not-the-peer-token"); });
    AwaitedList users;
    scim->listUsers(ScimFilter(), this, users.callback());
    QTRY_VERIFY_WITH_TIMEOUT(users.done(), kWaitMs);
    QVERIFY(!*users);
    QCOMPARE(users->error().kind, ScimError::Kind::Http);
    QCOMPARE(users->error().httpStatus, 401);
    QVERIFY(!users->error().toString().contains(QStringLiteral("not-the-peer-token")));
    QCOMPARE(scim->statistics().requests, 1); // never retried
}

void TestScimClientScimmy::discovery()
{
    auto scim = client();
    Awaited<Result<ServiceProviderConfig, ScimError>> config;
    scim->getServiceProviderConfig(this, config.callback());
    AwaitedList types;
    scim->getResourceTypes(this, types.callback());
    QTRY_VERIFY_WITH_TIMEOUT(config.done() && types.done(), kWaitMs);
    QVERIFY2(*config, qPrintable(why(*config)));
    QVERIFY(config->value().patchSupported);
    QVERIFY2(*types, qPrintable(why(*types)));
    QVERIFY(types->value().size() >= 2);
}

QTEST_GUILESS_MAIN(TestScimClientScimmy)
#include "tst_scimclient_scimmy.moc"
