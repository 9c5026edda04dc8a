#include <scim/PatchOperation.h>
#include <scim/ServiceProviderConfig.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestServiceProviderConfig : public QObject
{
    Q_OBJECT

private slots:
    void parsesAwsConfig();
    void parsesLenientValues();
    void patchBody();
};

void TestServiceProviderConfig::parsesAwsConfig()
{
    const QByteArray body = R"({
      "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
      "patch": {"supported": true}, "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
      "filter": {"supported": true, "maxResults": 50}, "changePassword": {"supported": false},
      "sort": {"supported": false}, "etag": {"supported": false}})";
    const ServiceProviderConfig config = ServiceProviderConfig::fromJson(QJsonDocument::fromJson(body).object());
    QVERIFY(config.patchSupported);
    QVERIFY(!config.bulkSupported);
    QVERIFY(config.filterSupported);
    QCOMPARE(config.filterMaxResults, 50);
    QVERIFY(!config.sortSupported);
    QVERIFY(!config.etagSupported);
    QVERIFY(!config.changePasswordSupported);
}

void TestServiceProviderConfig::parsesLenientValues()
{
    const QByteArray body = R"({"patch": {"supported": "true"}, "bulk": {"supported": true, "maxOperations": "1000"},
      "sort": {"supported": true}, "etag": {"supported": "TRUE"}})";
    const ServiceProviderConfig config = ServiceProviderConfig::fromJson(QJsonDocument::fromJson(body).object());
    QVERIFY(config.patchSupported);
    QVERIFY(config.bulkSupported);
    QCOMPARE(config.bulkMaxOperations, 1000);
    QVERIFY(!config.filterSupported);
    QVERIFY(config.sortSupported);
    QVERIFY(config.etagSupported);
}

void TestServiceProviderConfig::patchBody()
{
    const QJsonObject body = PatchOperation::requestBody({
        PatchOperation::add(
            QStringLiteral("members"), QJsonArray {QJsonObject {{QStringLiteral("value"), QStringLiteral("u1")}}}),
        PatchOperation::replace(QStringLiteral("displayName"), QStringLiteral("X")),
        PatchOperation::remove(QStringLiteral("members[value eq \"u2\"]")),
    });
    const QJsonArray ops = body.value(QStringLiteral("Operations")).toArray();
    QCOMPARE(ops.size(), 3);
    QCOMPARE(body.value(QStringLiteral("schemas")).toArray().first().toString(),
        QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp"));
    QCOMPARE(ops.at(0).toObject().value(QStringLiteral("op")).toString(), QStringLiteral("add"));
    QCOMPARE(ops.at(0).toObject().value(QStringLiteral("value")).toArray().size(), 1);
    QCOMPARE(ops.at(1).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("X"));
    QCOMPARE(ops.at(2).toObject().value(QStringLiteral("op")).toString(), QStringLiteral("remove"));
    QVERIFY(!ops.at(2).toObject().contains(QStringLiteral("value")));
}

QTEST_GUILESS_MAIN(TestServiceProviderConfig)
#include "tst_serviceproviderconfig.moc"
