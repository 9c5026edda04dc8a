#include "servertypes/ServerTypeRegistry.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString aws = QStringLiteral("aws-iam-identity-center");
const QString salesforce = QStringLiteral("salesforce");

ServerType builtIn(const QString& id)
{
    const auto type = ServerTypeRegistry::load().find(id);
    return type ? *type : ServerType();
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// Plain string pieces: moc mis-parses raw string literals.
const QByteArray extraPreset
    = "{\n"
      "    \"id\": \"in-house\",\n"
      "    \"displayName\": \"In-house directory\",\n"
      "    \"urlPattern\": \"^https://idm\\\\.corp\\\\.example/scim/?$\",\n"
      "    \"urlHint\": \"https://idm.corp.example/scim\",\n"
      "    \"auth\": {\"scheme\": \"basic\", \"username\": \"provisioner\"},\n"
      "    \"userMappings\": [{\"source\": \"userName\", \"target\": \"userName\", \"matching\": true}],\n"
      "    \"staticAttributes\": [{\"target\": \"userType\", \"value\": \"Employee\"}],\n"
      "    \"capabilities\": {\"pagingMode\": \"singlePage\"}\n"
      "}";

} // namespace

class TestServerTypeRegistry : public QObject
{
    Q_OBJECT

private slots:
    void loadsBuiltInsWithoutErrors();
    void extraDirectoryAddsAndReports();
    void missingDirectoryIsReported();
    void applyToNewServer();
    void applyTwiceChangesNothing();
    void switchAwsToSalesforce();
    void switchSalesforceToAwsClearsOAuthFields();
    void reportsOnlyTheEditedMapping();
    void reportsStaticAttributeChanges();
    void reportsReorderedMappings();
    void tokenUrlOriginNeedsAValidUrl();
    void keepsAdminProtectedPatterns();
};

void TestServerTypeRegistry::loadsBuiltInsWithoutErrors()
{
    const ServerTypeRegistry registry = ServerTypeRegistry::load();
    QVERIFY2(registry.errors().isEmpty(), qPrintable(registry.errors().join(QLatin1Char('\n'))));
    QStringList ids;
    for (const auto& type : registry.all()) {
        ids.append(type.id);
    }
    ids.sort();
    QCOMPARE(ids,
        QStringList({QStringLiteral("aws-iam-identity-center"), QStringLiteral("generic-scim2"),
            QStringLiteral("github-emu"), QStringLiteral("salesforce")}));
    const auto found = registry.find(aws);
    QVERIFY(found);
    QCOMPARE(found->displayName, QStringLiteral("AWS IAM Identity Center"));
    QCOMPARE(found->sourcePath, QStringLiteral(":/server-types/aws-iam-identity-center.json"));
    QVERIFY(!registry.find(QStringLiteral("no-such-type")));
}

void TestServerTypeRegistry::extraDirectoryAddsAndReports()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("in-house.json")), extraPreset));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("broken.json")), "{\"id\": \"broken\",}"));
    QByteArray duplicate = extraPreset;
    duplicate.replace("\"in-house\"", "\"salesforce\"");
    QVERIFY(writeFile(dir.filePath(QStringLiteral("zz-duplicate.json")), duplicate));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("readme.txt")), "not a preset"));

    // Broken presets are logged as warnings too, for a headless run's log.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("broken\\.json: invalid JSON")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("zz-duplicate\\.json: id \"salesforce\"")));
    const ServerTypeRegistry registry = ServerTypeRegistry::load(dir.path());
    QCOMPARE(registry.all().size(), 5);
    const auto inHouse = registry.find(QStringLiteral("in-house"));
    QVERIFY(inHouse);
    QCOMPARE(inHouse->auth.scheme, AuthScheme::Basic);
    QCOMPARE(inHouse->auth.basicUsername, QStringLiteral("provisioner"));
    QCOMPARE(inHouse->capabilities.pagingMode, PagingMode::SinglePage);
    // The duplicate did not replace the built-in.
    QCOMPARE(registry.find(salesforce)->sourcePath, QStringLiteral(":/server-types/salesforce.json"));

    const QStringList errors = registry.errors();
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors.at(0).startsWith(
                 dir.filePath(QStringLiteral("broken.json")) + QStringLiteral(": invalid JSON at line 1")),
        qPrintable(errors.at(0)));
    QCOMPARE(errors.at(1),
        dir.filePath(QStringLiteral("zz-duplicate.json"))
            + QStringLiteral(": id \"salesforce\" is already used by :/server-types/salesforce.json; this preset is "
                             "ignored"));
}

void TestServerTypeRegistry::missingDirectoryIsReported()
{
    ServerTypeRegistry registry;
    QCOMPARE(registry.loadDirectory(QStringLiteral("/nonexistent/presets")), 0);
    QCOMPARE(registry.errors(),
        QStringList(QStringLiteral("/nonexistent/presets: the server-type directory does not exist")));
}

void TestServerTypeRegistry::applyToNewServer()
{
    const ServerType preset = builtIn(aws);
    ScimServer server;
    server.name = QStringLiteral("AWS SCIM Server");
    server.url = QStringLiteral("https://scim.us-east-1.amazonaws.com/3f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8/scim/v2/");

    const PresetChange change = ServerTypeRegistry::applyPreset(preset, server);
    // A new server already uses an access token, so authentication is left as it is.
    QVERIFY(!change.authChanged);
    QVERIFY(change.mappingsChanged);
    QVERIFY(!change.staticChanged);
    QVERIFY(change.capabilitiesChanged);
    QVERIFY(change.optionsChanged);

    QCOMPARE(change.result.serverTypeId, aws);
    QCOMPARE(change.result.name, server.name);
    QCOMPARE(change.result.url, server.url);
    QCOMPARE(change.result.userMappings, preset.userMappings);
    QVERIFY(change.result.capabilities == preset.capabilities);
    QCOMPARE(change.result.options.protectedPatterns, preset.defaults.protectedPatterns);

    QVERIFY(change.changes.contains(
        QStringLiteral("SCIM attribute added: externalId ← objectId (matching, order 1)")));
    QVERIFY(change.changes.contains(QStringLiteral("SCIM attribute added: active ← active (default \"true\")")));
    QVERIFY(change.changes.contains(QStringLiteral("Capability pagingMode: startIndex → cursor")));
    QVERIFY(change.changes.contains(QStringLiteral("Capability maxMembersPerPatch: 0 → 100")));
    QVERIFY(change.changes.contains(QStringLiteral("Capability groupPutSupported: yes → no")));
    QVERIFY(change.changes.contains(QStringLiteral("Protected pattern added: ^AWSControlTower")));
    int added = 0;
    for (const QString& line : change.changes) {
        added += line.startsWith(QStringLiteral("SCIM attribute added: ")) ? 1 : 0;
        QVERIFY2(!line.startsWith(QStringLiteral("Authentication")), qPrintable(line));
    }
    QCOMPARE(added, preset.userMappings.size());
}

void TestServerTypeRegistry::applyTwiceChangesNothing()
{
    for (const auto& preset : ServerTypeRegistry::load().all()) {
        ScimServer server;
        server.url = QStringLiteral("https://acme.my.salesforce.com/services/scim/v2/");
        const PresetChange first = ServerTypeRegistry::applyPreset(preset, server);
        QVERIFY2(first.hasChanges(), qPrintable(preset.id));
        const PresetChange second = ServerTypeRegistry::applyPreset(preset, first.result);
        QVERIFY2(!second.hasChanges(),
            qPrintable(preset.id + QStringLiteral(": ") + second.changes.join(QLatin1Char('\n'))));
        QVERIFY(!second.authChanged);
        QVERIFY(!second.mappingsChanged);
        QVERIFY(!second.staticChanged);
        QVERIFY(!second.capabilitiesChanged);
        QVERIFY(!second.optionsChanged);
    }
}

void TestServerTypeRegistry::switchAwsToSalesforce()
{
    ScimServer server = ServerTypeRegistry::applyPreset(builtIn(aws), ScimServer()).result;
    server.url = QStringLiteral("https://acme.my.salesforce.com/services/scim/v2/");

    const PresetChange change = ServerTypeRegistry::applyPreset(builtIn(salesforce), server);
    QVERIFY(change.authChanged);
    QVERIFY(change.mappingsChanged);
    QVERIFY(!change.staticChanged);
    QVERIFY(change.capabilitiesChanged);
    QVERIFY(!change.optionsChanged);

    QCOMPARE(change.result.auth.scheme, AuthScheme::OAuthClientCredentials);
    QCOMPARE(change.result.auth.oauthTokenUrl, QStringLiteral("https://acme.my.salesforce.com/services/oauth2/token"));
    QVERIFY(
        change.changes.contains(QStringLiteral("Authentication scheme: Access Token → OAuth 2.0 Client Credentials")));
    QVERIFY(change.changes.contains(
        QStringLiteral("OAuth token URL: (empty) → https://acme.my.salesforce.com/services/oauth2/token")));
    QVERIFY(change.changes.contains(QStringLiteral("OAuth scope: (empty) → api")));
    QVERIFY(change.changes.contains(QStringLiteral(
        "SCIM attribute removed: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value ← manager")));
    QVERIFY(change.changes.contains(QStringLiteral("Capability pagingMode: cursor → startIndex")));
    // Mappings both presets share unchanged are not listed.
    for (const QString& line : change.changes) {
        QVERIFY2(
            !(line.startsWith(QStringLiteral("SCIM attribute")) && line.contains(QStringLiteral("name.givenName"))),
            qPrintable(line));
    }
    // AWS's protected patterns stay: a preset never removes protection.
    QCOMPARE(change.result.options.protectedPatterns, server.options.protectedPatterns);
}

void TestServerTypeRegistry::switchSalesforceToAwsClearsOAuthFields()
{
    ScimServer server;
    server.url = QStringLiteral("https://acme.my.salesforce.com/services/scim/v2/");
    server = ServerTypeRegistry::applyPreset(builtIn(salesforce), server).result;
    server.auth.oauthClientId = QStringLiteral("3MVG9-client");

    const PresetChange change = ServerTypeRegistry::applyPreset(builtIn(aws), server);
    QVERIFY(change.authChanged);
    QCOMPARE(change.result.auth, AuthSettings());
    QVERIFY(change.changes.contains(QStringLiteral("OAuth client ID: 3MVG9-client → (empty)")));
    QVERIFY(
        change.changes.contains(QStringLiteral("Authentication scheme: OAuth 2.0 Client Credentials → Access Token")));

    // Re-applying Salesforce to a server that has a client id keeps it: it is the admin's, not the preset's.
    const PresetChange back = ServerTypeRegistry::applyPreset(builtIn(salesforce), server);
    QVERIFY(!back.authChanged);
    QCOMPARE(back.result.auth.oauthClientId, QStringLiteral("3MVG9-client"));
}

void TestServerTypeRegistry::reportsOnlyTheEditedMapping()
{
    const ServerType preset = builtIn(aws);
    ScimServer server = ServerTypeRegistry::applyPreset(preset, ScimServer()).result;
    for (auto& mapping : server.userMappings) {
        if (mapping.target == QLatin1String("title")) {
            mapping.source = QStringLiteral("jobTitle");
        }
    }
    const PresetChange change = ServerTypeRegistry::applyPreset(preset, server);
    QCOMPARE(change.changes, QStringList(QStringLiteral("SCIM attribute changed: title ← jobTitle → title ← title")));
    QVERIFY(change.mappingsChanged);
    QVERIFY(!change.authChanged);
    QVERIFY(!change.staticChanged);
    QVERIFY(!change.capabilitiesChanged);
    QVERIFY(!change.optionsChanged);
    QCOMPARE(change.result.userMappings, preset.userMappings);
}

void TestServerTypeRegistry::reportsStaticAttributeChanges()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("in-house.json")), extraPreset));
    const auto preset = ServerTypeRegistry::load(dir.path()).find(QStringLiteral("in-house"));
    QVERIFY(preset);

    ScimServer server = ServerTypeRegistry::applyPreset(*preset, ScimServer()).result;
    QCOMPARE(server.auth.basicUsername, QStringLiteral("provisioner"));
    server.staticAttributes = {{QStringLiteral("userType"), QStringLiteral("Contractor")},
        {QStringLiteral("locale"), QStringLiteral("de_DE")}};

    const PresetChange change = ServerTypeRegistry::applyPreset(*preset, server);
    QVERIFY(change.staticChanged);
    QVERIFY(!change.mappingsChanged);
    QVERIFY(!change.authChanged);
    QVERIFY(!change.capabilitiesChanged);
    QCOMPARE(change.changes,
        QStringList({QStringLiteral("Static attribute changed: userType = \"Contractor\" → \"Employee\""),
            QStringLiteral("Static attribute removed: locale = \"de_DE\"")}));
    QCOMPARE(change.result.staticAttributes, preset->staticAttributes);
}

void TestServerTypeRegistry::reportsReorderedMappings()
{
    const ServerType preset = builtIn(aws);
    ScimServer server = ServerTypeRegistry::applyPreset(preset, ScimServer()).result;
    server.userMappings.move(2, 5);
    const PresetChange change = ServerTypeRegistry::applyPreset(preset, server);
    QVERIFY(change.mappingsChanged);
    QCOMPARE(change.changes, QStringList(QStringLiteral("SCIM attribute mappings reordered as in the preset")));
}

void TestServerTypeRegistry::tokenUrlOriginNeedsAValidUrl()
{
    ScimServer server; // no URL yet: the placeholder stays for the admin to complete
    PresetChange change = ServerTypeRegistry::applyPreset(builtIn(salesforce), server);
    QCOMPARE(change.result.auth.oauthTokenUrl, QStringLiteral("{origin}/services/oauth2/token"));

    server.url = QStringLiteral("https://acme.my.salesforce.com:8443/services/scim/v2/");
    change = ServerTypeRegistry::applyPreset(builtIn(salesforce), server);
    QCOMPARE(
        change.result.auth.oauthTokenUrl, QStringLiteral("https://acme.my.salesforce.com:8443/services/oauth2/token"));
}

void TestServerTypeRegistry::keepsAdminProtectedPatterns()
{
    ScimServer server;
    server.options.protectedPatterns = {QStringLiteral("^break-glass-"), QStringLiteral("^AWSControlTower")};
    const PresetChange change = ServerTypeRegistry::applyPreset(builtIn(aws), server);
    QCOMPARE(change.result.options.protectedPatterns.first(), QStringLiteral("^break-glass-"));
    QCOMPARE(change.result.options.protectedPatterns.count(QStringLiteral("^AWSControlTower")), 1);
    QVERIFY(!change.changes.contains(QStringLiteral("Protected pattern added: ^AWSControlTower")));
    QVERIFY(change.changes.contains(QStringLiteral("Protected pattern added: ^AWSAccountFactory")));
}

QTEST_GUILESS_MAIN(TestServerTypeRegistry)
#include "tst_servertyperegistry.moc"
