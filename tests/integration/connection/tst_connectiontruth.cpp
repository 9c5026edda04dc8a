// The connection test cannot be fooled: credentials are judged only by an endpoint that needs
// them, groups are read as well as users, full list pages must be usable, and the write round
// trip covers groups and memberships with the permission named on a 403. Real loopback HTTP: the
// AWS emulator, and the in-test FaultServer as a server that answers /ServiceProviderConfig
// without authentication (RFC 7644 allows it) or lists garbage.
#include "../scim/FaultServer.h"

#include <connection/ConnectionTest.h>

#include <AwsScimEmulator.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace {
const QString kToken = QStringLiteral("connection-truth-token-0123456789");

ScimServer serverFor(const QString& url, PagingMode paging)
{
    ScimServer server;
    server.id = 1;
    server.name = QStringLiteral("Truth");
    server.url = url;
    server.capabilities.pagingMode = paging;
    server.capabilities.requiredUserAttributes = {QStringLiteral("userName"), QStringLiteral("displayName"),
        QStringLiteral("name.givenName"), QStringLiteral("name.familyName")};
    server.secretStoredAt = QDateTime::currentDateTimeUtc().addDays(-3);
    return server;
}

FaultServer::Reply json(int status, const QJsonObject& body)
{
    return FaultServer::Reply::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QJsonObject listPage(const QJsonArray& resources, int total)
{
    return QJsonObject {
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:ListResponse")}},
        {QStringLiteral("totalResults"), total},
        {QStringLiteral("startIndex"), 1},
        {QStringLiteral("itemsPerPage"), int(resources.size())},
        {QStringLiteral("Resources"), resources},
    };
}

// A SCIM server that describes itself to anybody, and lists only for the right bearer token.
// unfilteredUsers is what an unfiltered GET /Users answers.
FaultServer::Handler openDiscoveryServer(const QJsonObject& unfilteredUsers)
{
    return [unfilteredUsers](const FaultServer::Request& request) {
        const QByteArray path = request.path();
        if (path.endsWith("/ServiceProviderConfig")) {
            return json(200,
                QJsonObject {
                    {QStringLiteral("schemas"),
                        QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig")}},
                    {QStringLiteral("patch"), QJsonObject {{QStringLiteral("supported"), true}}},
                    {QStringLiteral("filter"),
                        QJsonObject {{QStringLiteral("supported"), true}, {QStringLiteral("maxResults"), 200}}}});
        }
        if (request.header("authorization") != "Bearer " + kToken.toUtf8()) {
            return json(401,
                QJsonObject {{QStringLiteral("schemas"),
                                 QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:Error")}},
                    {QStringLiteral("status"), QStringLiteral("401")},
                    {QStringLiteral("detail"), QStringLiteral("Bad token")}});
        }
        if (path.endsWith("/Users") && request.queryValue("filter").isNull()) {
            return json(200, unfilteredUsers);
        }
        return json(200, listPage({}, 0));
    };
}

QJsonObject usableUsers()
{
    return listPage(
        {QJsonObject {{QStringLiteral("id"), QStringLiteral("u1")}, {QStringLiteral("userName"), QStringLiteral("a")}}},
        1);
}
} // namespace

class TestConnectionTruth : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void wrongTokenFailsAlthoughDiscoveryIsOpen();
    void garbageFullListFailsTheRead_data();
    void garbageFullListFailsTheRead();
    void groupsReadForbiddenNamesThePermission();
    void writeRoundTripCoversGroupsAndMembership();
    void writeRoundTripNamesTheMissingPermission_data();
    void writeRoundTripNamesTheMissingPermission();

private:
    ConnectionReport runTest(const ScimServer& server, const QString& secret = kToken, bool write = false);
    static const ConnectionStepResult& step(const ConnectionReport& report, ConnectionStep which);

    std::unique_ptr<AwsScimEmulator> m_emulator;
};

void TestConnectionTruth::init()
{
    AwsScimEmulator::Options options;
    options.token = kToken;
    m_emulator = std::make_unique<AwsScimEmulator>(options);
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
}

void TestConnectionTruth::cleanup()
{
    m_emulator.reset();
}

ConnectionReport TestConnectionTruth::runTest(const ScimServer& server, const QString& secret, bool write)
{
    ConnectionTestOptions options;
    options.requestTimeoutMs = 5000;
    options.writeRoundTrip = write;
    ConnectionTest test(server, std::nullopt, secret, options);
    QSignalSpy finished(&test, &ConnectionTest::finished);
    test.start();
    if (!finished.wait(30000)) {
        qWarning("connection test did not finish");
        return {};
    }
    return finished.first().first().value<ConnectionReport>();
}

const ConnectionStepResult& TestConnectionTruth::step(const ConnectionReport& report, ConnectionStep which)
{
    for (const ConnectionStepResult& result : report.steps) {
        if (result.step == which)
            return result;
    }
    static const ConnectionStepResult none;
    return none;
}

void TestConnectionTruth::wrongTokenFailsAlthoughDiscoveryIsOpen()
{
    FaultServer server;
    QVERIFY(server.listen());
    server.setHandler(openDiscoveryServer(usableUsers()));
    const ScimServer settings = serverFor(server.url(QStringLiteral("/scim/v2")).toString(), PagingMode::StartIndex);

    const ConnectionReport wrong = runTest(settings, QStringLiteral("not-the-token-value"));
    const ConnectionStepResult& auth = step(wrong, ConnectionStep::Authentication);
    QVERIFY2(auth.verdict == ConnectionVerdict::Fail, qPrintable(wrong.toText()));
    QVERIFY2(auth.cause.contains(QLatin1String("401")), qPrintable(auth.cause));
    QVERIFY(auth.checked.contains(QLatin1String("/Users")));
    QCOMPARE(wrong.verdict(), ConnectionVerdict::Fail);
    QCOMPARE(server.requestCount("/scim/v2/ServiceProviderConfig"), 0); // it could not have told

    const ConnectionReport right = runTest(settings);
    QVERIFY2(right.verdict() != ConnectionVerdict::Fail, qPrintable(right.toText()));
    QCOMPARE(step(right, ConnectionStep::Authentication).verdict, ConnectionVerdict::Pass);
    QCOMPARE(step(right, ConnectionStep::Capabilities).verdict, ConnectionVerdict::Pass);
}

void TestConnectionTruth::garbageFullListFailsTheRead_data()
{
    QTest::addColumn<QJsonObject>("page");
    QTest::addColumn<QString>("word");
    QTest::newRow("no userName") << listPage({QJsonObject {{QStringLiteral("id"), QStringLiteral("u1")}}}, 1)
                                 << QStringLiteral("userName");
    QTest::newRow("empty page of many") << listPage({}, 5) << QStringLiteral("totalResults says 5");
    QTest::newRow("not an object") << listPage({QStringLiteral("u1")}, 1) << QStringLiteral("not a JSON object");
}

void TestConnectionTruth::garbageFullListFailsTheRead()
{
    QFETCH(QJsonObject, page);
    QFETCH(QString, word);
    FaultServer server;
    QVERIFY(server.listen());
    server.setHandler(openDiscoveryServer(page));
    const ConnectionReport report
        = runTest(serverFor(server.url(QStringLiteral("/scim/v2")).toString(), PagingMode::StartIndex));
    const ConnectionStepResult& read = step(report, ConnectionStep::Read);
    QVERIFY2(read.verdict == ConnectionVerdict::Fail, qPrintable(report.toText()));
    QVERIFY2(read.cause.contains(QLatin1String("GET /Users")) && read.cause.contains(word), qPrintable(read.cause));
    QVERIFY(!read.fix.isEmpty());
    QCOMPARE(step(report, ConnectionStep::GroupRead).verdict, ConnectionVerdict::Skipped);
}

void TestConnectionTruth::groupsReadForbiddenNamesThePermission()
{
    m_emulator->setRefusedRoutes({QStringLiteral("GET /Groups")});
    const ConnectionReport report = runTest(serverFor(m_emulator->baseUrl().toString(), PagingMode::Cursor));
    QCOMPARE(step(report, ConnectionStep::Read).verdict, ConnectionVerdict::Pass);
    const ConnectionStepResult& groups = step(report, ConnectionStep::GroupRead);
    QVERIFY2(groups.verdict == ConnectionVerdict::Fail, qPrintable(report.toText()));
    QVERIFY2(groups.cause.contains(QLatin1String("403")), qPrintable(groups.cause));
    QVERIFY2(groups.fix.contains(QLatin1String("read groups")), qPrintable(groups.fix));
    QCOMPARE(report.verdict(), ConnectionVerdict::Fail);
}

void TestConnectionTruth::writeRoundTripCoversGroupsAndMembership()
{
    const ConnectionReport report
        = runTest(serverFor(m_emulator->baseUrl().toString(), PagingMode::Cursor), kToken, true);
    const ConnectionStepResult& write = step(report, ConnectionStep::WriteRoundTrip);
    QVERIFY2(write.verdict == ConnectionVerdict::Pass, qPrintable(report.toText()));
    QCOMPARE(m_emulator->routeCount(QStringLiteral("POST /Users")), 1);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("POST /Groups")), 1);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("PATCH /Groups/{id}")), 2); // add, then remove
    QCOMPARE(m_emulator->routeCount(QStringLiteral("DELETE /Groups/{id}")), 1);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("DELETE /Users/{id}")), 1);
    QCOMPARE(m_emulator->userCount(), 0);
    QCOMPARE(m_emulator->groupCount(), 0);
    const QString details = write.details.join(QLatin1Char('\n'));
    QVERIFY2(details.contains(QLatin1String("Added the temporary user"))
            && details.contains(QLatin1String("Removed the temporary user")),
        qPrintable(details));
}

void TestConnectionTruth::writeRoundTripNamesTheMissingPermission_data()
{
    QTest::addColumn<QString>("route");
    QTest::addColumn<QString>("permission");
    QTest::addColumn<int>("groupsLeft");
    QTest::newRow("create group") << QStringLiteral("POST /Groups") << QStringLiteral("create and delete groups") << 0;
    QTest::newRow("membership") << QStringLiteral("PATCH /Groups/{id}") << QStringLiteral("change group memberships")
                                << 0;
    QTest::newRow("delete group") << QStringLiteral("DELETE /Groups/{id}") << QStringLiteral("delete groups") << 1;
    QTest::newRow("create user") << QStringLiteral("POST /Users") << QStringLiteral("create users") << 0;
}

void TestConnectionTruth::writeRoundTripNamesTheMissingPermission()
{
    QFETCH(QString, route);
    QFETCH(QString, permission);
    QFETCH(int, groupsLeft);
    m_emulator->setRefusedRoutes({route});
    const ConnectionReport report
        = runTest(serverFor(m_emulator->baseUrl().toString(), PagingMode::Cursor), kToken, true);
    const ConnectionStepResult& write = step(report, ConnectionStep::WriteRoundTrip);
    QVERIFY2(write.verdict != ConnectionVerdict::Pass, qPrintable(report.toText()));
    QVERIFY2(write.cause.contains(QLatin1String("403")) || write.cause.contains(QLatin1String("Forbidden")),
        qPrintable(write.cause));
    QVERIFY2(write.fix.contains(permission), qPrintable(write.fix));
    // Whatever was created is removed again, except what the server refused to delete.
    QCOMPARE(m_emulator->userCount(), 0);
    QCOMPARE(m_emulator->groupCount(), groupsLeft);
}

QTEST_GUILESS_MAIN(TestConnectionTruth)
#include "tst_connectiontruth.moc"
