#include "../sync/SyncTestTenant.h"
#include "FaultServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <memory>
#include <utility>

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
    void createAnsweredWithUnusableIdFails_data();
    void createAnsweredWithUnusableIdFails();

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
    const QJsonObject good {
        {QStringLiteral("id"), QStringLiteral("t1")}, {QStringLiteral("userName"), QStringLiteral("t1")}};
    for (const auto& [name, id] : {std::pair {"no id", QJsonValue(QJsonValue::Undefined)},
             std::pair {"id \"..\"", QJsonValue(QStringLiteral(".."))}, std::pair {"empty id", QJsonValue(QString())},
             std::pair {"id with a slash", QJsonValue(QStringLiteral("x/../../Groups"))},
             std::pair {"id with NUL", QJsonValue(QStringLiteral("t") + QChar(0) + QStringLiteral("2"))}}) {
        QJsonObject bad {{QStringLiteral("userName"), QStringLiteral("victim00001")}};
        if (!id.isUndefined())
            bad.insert(QStringLiteral("id"), id);
        QTest::newRow(qPrintable(QStringLiteral("a listed resource with %1").arg(QLatin1String(name))))
            << FaultServer::Reply::json(200, listBody({good, bad}, 2));
    }
}

void TestSyncEngineHostile::createAnsweredWithUnusableIdFails_data()
{
    QTest::addColumn<QJsonValue>("id");
    QTest::newRow("no id") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("empty id") << QJsonValue(QString());
    QTest::newRow("id \"..\"") << QJsonValue(QStringLiteral(".."));
    QTest::newRow("id with NUL") << QJsonValue(QStringLiteral("u") + QChar(0) + QStringLiteral("1"));
}

void TestSyncEngineHostile::createAnsweredWithUnusableIdFails()
{
    QFETCH(QJsonValue, id);
    int writes = 0;
    m_server->setHandler([&id, &writes](const FaultServer::Request& request) {
        if (request.path().endsWith("/ServiceProviderConfig"))
            return FaultServer::Reply::json(404, QByteArray());
        if (!isWrite(request.method))
            return FaultServer::Reply::json(200, listBody({}, 0));
        ++writes;
        QJsonObject created = QJsonDocument::fromJson(request.body).object();
        if (!id.isUndefined())
            created.insert(QStringLiteral("id"), id);
        return FaultServer::Reply::json(201, QJsonDocument(created).toJson(QJsonDocument::Compact));
    });
    SyncTestTenant tenant(m_server->url(QStringLiteral("/scim/v2")), kToken, QStringLiteral("aws-iam-identity-center"));
    tenant.addUsers(QStringLiteral("created"), 3);
    tenant.assignAll();
    const auto outcome = tenant.syncOnce();
    QVERIFY2(outcome.previewed, qPrintable(outcome.previewError));
    QCOMPARE(writes, 3);
    // Never journalled as done with an empty (or unusable) target id.
    QCOMPARE(outcome.summary.failed, 3);
    JournalStore journal(tenant.database());
    const auto entries = journal.entries(outcome.summary.runId);
    QVERIFY(entries);
    QCOMPARE(entries->size(), 3);
    for (const auto& entry : entries.value()) {
        QCOMPARE(entry.status, QStringLiteral("failed"));
        QVERIFY2(entry.targetId.isEmpty(), qPrintable(entry.targetId));
    }
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
