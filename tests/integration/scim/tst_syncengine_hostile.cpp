#include "../sync/SyncTestTenant.h"
#include "FaultServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(FaultServer::Reply)

namespace {

const QString kToken = QStringLiteral("hostile-target-token");

QByteArray listBody(const QJsonArray& resources, qint64 total)
{
    return QJsonDocument(
        QJsonObject {{QStringLiteral("schemas"),
                         QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:ListResponse")}},
            {QStringLiteral("totalResults"), total}, {QStringLiteral("itemsPerPage"), int(resources.size())},
            {QStringLiteral("Resources"), resources}})
        .toJson(QJsonDocument::Compact);
}

bool isWrite(const QByteArray& method)
{
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

} // namespace

// The whole sync engine against a hostile or broken SCIM target on real loopback HTTP: whatever
// the target answers to the read, a read that is not valid fails the preview and nothing is
// written. (Before, an empty or cut 200 read as "the target is empty" and apply created every
// user and group again.)
class TestSyncEngineHostile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void badTargetReadSendsNoWrites_data();
    void badTargetReadSendsNoWrites();

private:
    std::unique_ptr<FaultServer> m_server;
};

void TestSyncEngineHostile::init()
{
    m_server = std::make_unique<FaultServer>();
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
}

void TestSyncEngineHostile::cleanup()
{
    m_server.reset();
}

void TestSyncEngineHostile::badTargetReadSendsNoWrites_data()
{
    using Ending = FaultServer::Reply::Ending;
    QTest::addColumn<FaultServer::Reply>("answer");
    const QByteArray empty = listBody({}, 0);
    QTest::newRow("200 with an empty body") << FaultServer::Reply::json(200, QByteArray());
    QTest::newRow("200 with an empty object") << FaultServer::Reply::json(200, "{}");
    QTest::newRow("200 with a SCIM error body") << FaultServer::Reply::json(
        200, R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"500","detail":"try later"})");
    QTest::newRow("200 headers only, then close") << FaultServer::Reply::truncated(200, empty, 0, Ending::Close);
    QTest::newRow("200 body cut, close") << FaultServer::Reply::truncated(200, empty, empty.size() / 2, Ending::Close);
    QTest::newRow("200 body cut, reset") << FaultServer::Reply::truncated(200, empty, empty.size() / 2, Ending::Reset);
}

void TestSyncEngineHostile::badTargetReadSendsNoWrites()
{
    QFETCH(FaultServer::Reply, answer);
    int writes = 0;
    m_server->setHandler([&answer, &writes](const FaultServer::Request& request) {
        if (isWrite(request.method)) {
            ++writes;
            QJsonObject created = QJsonDocument::fromJson(request.body).object();
            created.insert(QStringLiteral("id"), QStringLiteral("created-%1").arg(writes));
            return FaultServer::Reply::json(201, QJsonDocument(created).toJson(QJsonDocument::Compact));
        }
        if (request.path().endsWith("/ServiceProviderConfig"))
            return FaultServer::Reply::json(404, QByteArray());
        return answer;
    });
    SyncTestTenant tenant(m_server->url(QStringLiteral("/scim/v2")), kToken, QStringLiteral("aws-iam-identity-center"));
    const auto users = tenant.addUsers(QStringLiteral("victim"), 5);
    tenant.assignAll();
    tenant.assignGroup(tenant.addGroup(QStringLiteral("Everyone"), users));

    const auto outcome = tenant.syncOnce();
    QCOMPARE(writes, 0);
    QVERIFY2(!outcome.previewed,
        qPrintable(QStringLiteral("planned %1 operations on a bad read").arg(outcome.plan.operations.size())));
    QVERIFY2(outcome.previewError.contains(QStringLiteral("nothing was planned or changed")),
        qPrintable(outcome.previewError));
}


QTEST_GUILESS_MAIN(TestSyncEngineHostile)
#include "tst_syncengine_hostile.moc"
