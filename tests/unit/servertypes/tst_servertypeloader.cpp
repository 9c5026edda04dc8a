#include "servertypes/ServerTypeLoader.h"
#include "servertypes/ServerTypeRegistry.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

// A small valid preset the broken-preset rows start from.
namespace {

QJsonObject validPreset()
{
    return QJsonObject {
        {QStringLiteral("id"), QStringLiteral("test-type")},
        {QStringLiteral("displayName"), QStringLiteral("Test type")},
        {QStringLiteral("description"), QStringLiteral("For tests")},
        {QStringLiteral("urlPattern"), QStringLiteral("^https://scim\\.example\\.com/v2/?$")},
        {QStringLiteral("urlHint"), QStringLiteral("https://scim.example.com/v2/")},
        {QStringLiteral("auth"), QJsonObject {{QStringLiteral("scheme"), QStringLiteral("access-token")}}},
        {QStringLiteral("userMappings"),
            QJsonArray {
                QJsonObject {{QStringLiteral("source"), QStringLiteral("objectId")},
                    {QStringLiteral("target"), QStringLiteral("externalId")}, {QStringLiteral("matching"), true},
                    {QStringLiteral("matchingPrecedence"), 0}},
                QJsonObject {{QStringLiteral("source"), QStringLiteral("userName")},
                    {QStringLiteral("kind"), QStringLiteral("direct")},
                    {QStringLiteral("target"), QStringLiteral("userName")},
                    {QStringLiteral("applyWhen"), QStringLiteral("always")}},
            }},
        {QStringLiteral("staticAttributes"),
            QJsonArray {QJsonObject {{QStringLiteral("target"), QStringLiteral("userType")},
                {QStringLiteral("value"), QStringLiteral("Employee")}}}},
        {QStringLiteral("capabilities"), QJsonObject {{QStringLiteral("pagingMode"), QStringLiteral("startIndex")}}},
        {QStringLiteral("options"), QJsonObject {{QStringLiteral("deprovisionAction"), QStringLiteral("disable")}}},
        {QStringLiteral("connectionHints"),
            QJsonObject {
                {QStringLiteral("urlTemplate"), QStringLiteral("https://<org>.example.com/scim/v2/")},
                {QStringLiteral("urlParts"), QJsonObject {{QStringLiteral("org"), QStringLiteral("[a-z0-9-]+")}}},
                {QStringLiteral("endpointLocation"), QStringLiteral("Admin → Integrations → SCIM")},
                {QStringLiteral("tokenLocation"), QStringLiteral("Admin → Integrations → Tokens")},
                {QStringLiteral("tokenRotation"), QStringLiteral("Tokens last 90 days.")},
                {QStringLiteral("unauthorizedNote"), QStringLiteral("The token must belong to <org>.")},
                {QStringLiteral("wrongUrls"),
                    QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("example-portal")},
                        {QStringLiteral("host"), QStringLiteral("^portal\\.example\\.com$")},
                        {QStringLiteral("path"), QStringLiteral("^/start")},
                        {QStringLiteral("what"), QStringLiteral("This is the sign-in portal.")}}}},
            }},
    };
}

QByteArray toJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson();
}

// Replaces (or with an undefined value removes) the value at a dotted path; "[n]" indexes lists.
QJsonValue edited(const QJsonValue& node, QStringList path, const QJsonValue& value)
{
    const QString step = path.takeFirst();
    const QRegularExpressionMatch index = QRegularExpression(QStringLiteral("^(\\w+)\\[(\\d+)\\]$")).match(step);
    QJsonObject object = node.toObject();
    if (index.hasMatch()) {
        QJsonArray array = object.value(index.captured(1)).toArray();
        const int i = index.captured(2).toInt();
        array[i] = path.isEmpty() ? value : edited(array.at(i), path, value);
        object[index.captured(1)] = array;
        return object;
    }
    if (path.isEmpty()) {
        if (value.isUndefined()) {
            object.remove(step);
        } else {
            object[step] = value;
        }
    } else {
        object[step] = edited(object.value(step), path, value);
    }
    return object;
}

QByteArray validWith(const QString& path, const QJsonValue& value)
{
    return toJson(edited(validPreset(), path.split(QLatin1Char('.')), value).toObject());
}

QStringList shippedPresetFiles()
{
    return QDir(ServerTypeRegistry::builtInDirectory()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
}

} // namespace

class TestServerTypeLoader : public QObject
{
    Q_OBJECT

private slots:
    void shippedPresetsExist();
    void shippedPresetLoads_data();
    void shippedPresetLoads();
    void validPresetLoads();
    void awsMatchesReference();
    void otherPresetsHaveTheirFacts();
    void brokenPreset_data();
    void brokenPreset();
    void malformedJsonNamesThePosition();
    void everyProblemIsReported();
    void unreadableFile();
    void urlMatches_data();
    void urlMatches();
};

void TestServerTypeLoader::shippedPresetsExist()
{
    const QStringList files = shippedPresetFiles();
    for (const char* expected :
        {"aws-iam-identity-center.json", "github-emu.json", "salesforce.json", "generic-scim2.json"}) {
        QVERIFY2(files.contains(QLatin1String(expected)), expected);
    }
}

void TestServerTypeLoader::shippedPresetLoads_data()
{
    QTest::addColumn<QString>("path");
    for (const QString& file : shippedPresetFiles()) {
        QTest::newRow(qPrintable(file)) << ServerTypeRegistry::builtInDirectory() + QLatin1Char('/') + file;
    }
}

void TestServerTypeLoader::shippedPresetLoads()
{
    QFETCH(QString, path);
    const auto loaded = ServerTypeLoader::loadFile(path);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error()));
    const ServerType& type = loaded.value();
    QCOMPARE(type.id + QStringLiteral(".json"), QFileInfo(path).fileName());
    QVERIFY(!type.displayName.isEmpty());
    QVERIFY(!type.description.isEmpty());
    QVERIFY(!type.urlHint.isEmpty());
    QVERIFY(!type.userMappings.isEmpty());
    // Every preset links by an immutable id first, then by userName.
    QCOMPARE(type.userMappings.at(0).target, QStringLiteral("externalId"));
    QVERIFY(type.userMappings.at(0).matching);
    QCOMPARE(type.userMappings.at(1).target, QStringLiteral("userName"));
    QVERIFY(type.userMappings.at(1).matching);
    QVERIFY(type.userMappings.at(0).matchingPrecedence < type.userMappings.at(1).matchingPrecedence);
    // Every capability is spelled out, not left to defaults, so a preset says what it means.
    const QByteArray raw = [&] {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    const QJsonObject capabilities
        = QJsonDocument::fromJson(raw).object().value(QStringLiteral("capabilities")).toObject();
    for (const QString& key : type.capabilities.toJson().keys()) {
        QVERIFY2(capabilities.contains(key), qPrintable(QStringLiteral("capabilities.%1 missing").arg(key)));
    }
    // Every required user attribute is produced by a mapping or a static attribute.
    for (const QString& required : type.capabilities.requiredUserAttributes) {
        const bool mapped
            = std::any_of(type.userMappings.begin(), type.userMappings.end(), [&](const AttributeMapping& m) {
                  return m.target == required || m.target.startsWith(required + QLatin1Char('['));
              });
        QVERIFY2(mapped, qPrintable(QStringLiteral("required %1 is not mapped").arg(required)));
    }
}

void TestServerTypeLoader::validPresetLoads()
{
    const auto loaded = ServerTypeLoader::parse(toJson(validPreset()), QStringLiteral("test.json"));
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error()));
    QCOMPARE(loaded->id, QStringLiteral("test-type"));
    QCOMPARE(loaded->userMappings.size(), 2);
    QCOMPARE(loaded->staticAttributes.size(), 1);
    QCOMPARE(loaded->staticAttributes.at(0).value, QStringLiteral("Employee"));
    QCOMPARE(loaded->sourcePath, QStringLiteral("test.json"));
    const ConnectionHints& hints = loaded->connectionHints;
    QCOMPARE(hints.urlTemplate, QStringLiteral("https://<org>.example.com/scim/v2/"));
    QCOMPARE(hints.partPattern(QStringLiteral("org")), QStringLiteral("[a-z0-9-]+"));
    QCOMPARE(hints.endpointLocation, QStringLiteral("Admin → Integrations → SCIM"));
    QCOMPARE(hints.tokenLocation, QStringLiteral("Admin → Integrations → Tokens"));
    QCOMPARE(hints.tokenRotation, QStringLiteral("Tokens last 90 days."));
    QCOMPARE(hints.unauthorizedNote, QStringLiteral("The token must belong to <org>."));
    QCOMPARE(hints.wrongUrls.size(), 1);
    QCOMPARE(hints.wrongUrls.at(0).id, QStringLiteral("example-portal"));
    QCOMPARE(hints.wrongUrls.at(0).hostPattern, QStringLiteral("^portal\\.example\\.com$"));
    QCOMPARE(hints.wrongUrls.at(0).pathPattern, QStringLiteral("^/start"));
    QCOMPARE(hints.wrongUrls.at(0).what, QStringLiteral("This is the sign-in portal."));

    // The section is optional: a generic server has nothing product-specific to say.
    const auto withoutHints = ServerTypeLoader::parse(
        validWith(QStringLiteral("connectionHints"), QJsonValue::Undefined), QStringLiteral("test.json"));
    QVERIFY(withoutHints.ok());
    QVERIFY(withoutHints->connectionHints.isEmpty());
}

void TestServerTypeLoader::awsMatchesReference()
{
    const auto loaded = ServerTypeLoader::loadFile(QStringLiteral(":/server-types/aws-iam-identity-center.json"));
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error()));
    const ServerType& aws = loaded.value();
    const ServerCapabilities& caps = aws.capabilities;

    QCOMPARE(aws.auth.scheme, AuthScheme::AccessToken);
    QCOMPARE(caps.pagingMode, PagingMode::Cursor);
    QCOMPARE(caps.maxPageSize, 100);
    QCOMPARE(caps.filterOperators, QStringList({QStringLiteral("eq"), QStringLiteral("and")}));
    for (const char* attribute : {"userName", "externalId", "id", "groups.value"}) {
        QVERIFY2(caps.userFilterAttributes.contains(QLatin1String(attribute)), attribute);
    }
    for (const char* attribute : {"displayName", "externalId", "id", "members.value"}) {
        QVERIFY2(caps.groupFilterAttributes.contains(QLatin1String(attribute)), attribute);
    }
    QVERIFY(caps.patchSupported);
    QVERIFY(!caps.bulkSupported);
    QCOMPARE(caps.maxMembersPerPatch, 100);
    QCOMPARE(caps.maxMembersOnCreate, 100);
    QVERIFY(!caps.groupReadReturnsMembers);
    QVERIFY(!caps.groupPutSupported);
    QVERIFY(!caps.replaceAllMembersSupported);
    for (const char* attribute : {"emails", "phoneNumbers", "addresses", "roles"}) {
        QVERIFY2(caps.singleValuedMultiAttributes.contains(QLatin1String(attribute)), attribute);
    }
    QCOMPARE(caps.requiredUserAttributes,
        QStringList({QStringLiteral("userName"), QStringLiteral("displayName"), QStringLiteral("name.givenName"),
            QStringLiteral("name.familyName")}));
    QCOMPARE(caps.userNameForbiddenCharacters, QStringLiteral("<>;:%"));
    QCOMPARE(caps.maxUserNameLength, 128);
    QCOMPARE(caps.maxStringLength, 1024);
    QCOMPARE(
        caps.reservedUserNames, QStringList({QStringLiteral("Administrator"), QStringLiteral("AWSAdministrators")}));
    QVERIFY(caps.caseInsensitiveUniqueAttributes.contains(QStringLiteral("userName")));
    QCOMPARE(caps.tokenLifetimeDays, 365);

    // Mappings from the brief: externalId first (matching 0), then userName (matching 1).
    const auto mappingFor = [&](const QString& target) -> std::optional<AttributeMapping> {
        for (const auto& m : aws.userMappings) {
            if (m.target == target) {
                return m;
            }
        }
        return std::nullopt;
    };
    const QString enterprise = QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:");
    const QList<QPair<QString, QString>> expected = {
        {QStringLiteral("externalId"), QStringLiteral("objectId")},
        {QStringLiteral("userName"), QStringLiteral("userName")},
        {QStringLiteral("displayName"), QStringLiteral("displayName")},
        {QStringLiteral("name.givenName"), QStringLiteral("givenName")},
        {QStringLiteral("name.familyName"), QStringLiteral("familyName")},
        {QStringLiteral("emails[type eq \"work\"].value"), QStringLiteral("email")},
        {QStringLiteral("phoneNumbers[type eq \"work\"].value"), QStringLiteral("phone")},
        {QStringLiteral("title"), QStringLiteral("title")},
        {enterprise + QStringLiteral("department"), QStringLiteral("department")},
        {enterprise + QStringLiteral("employeeNumber"), QStringLiteral("employeeNumber")},
        {enterprise + QStringLiteral("manager.value"), QStringLiteral("manager")},
        {QStringLiteral("active"), QStringLiteral("active")},
    };
    QCOMPARE(aws.userMappings.size(), expected.size());
    for (const auto& [target, source] : expected) {
        const auto mapping = mappingFor(target);
        QVERIFY2(mapping, qPrintable(target));
        QCOMPARE(mapping->source, source);
    }
    QVERIFY(mappingFor(QStringLiteral("externalId"))->matching);
    QCOMPARE(mappingFor(QStringLiteral("externalId"))->matchingPrecedence, 0);
    QVERIFY(mappingFor(QStringLiteral("userName"))->matching);
    QCOMPARE(mappingFor(QStringLiteral("userName"))->matchingPrecedence, 1);
    QVERIFY(!mappingFor(QStringLiteral("displayName"))->matching);

    // Control Tower and reserved names are protected.
    const auto isProtected = [&](const QString& name) {
        return std::any_of(aws.defaults.protectedPatterns.begin(), aws.defaults.protectedPatterns.end(),
            [&](const QString& pattern) { return QRegularExpression(pattern).match(name).hasMatch(); });
    };
    for (const char* name :
        {"AWSControlTowerAdmins", "AWSAccountFactory", "AWSSecurityAuditors", "AWSLogArchiveViewers",
            "AWSAuditAccountAdmins", "AWSServiceCatalogAdmins", "Administrator", "AWSAdministrators"}) {
        QVERIFY2(isProtected(QLatin1String(name)), name);
    }
    QVERIFY(!isProtected(QStringLiteral("Engineering")));
    QCOMPARE(aws.defaults.deprovisionAction, DeprovisionAction::Disable);

    // What the connection test says about AWS comes from here, not from code.
    const ConnectionHints& hints = aws.connectionHints;
    QCOMPARE(hints.urlTemplate, QStringLiteral("https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2/"));
    QVERIFY(!hints.partPattern(QStringLiteral("region")).isEmpty());
    QVERIFY(!hints.partPattern(QStringLiteral("tenant-id")).isEmpty());
    QVERIFY(hints.endpointLocation.contains(QLatin1String("Automatic provisioning")));
    QVERIFY(hints.tokenLocation.contains(QLatin1String("Manage access tokens")));
    QVERIFY(hints.tokenRotation.contains(QLatin1String("two")));
    QVERIFY(hints.unauthorizedNote.contains(QLatin1String("<tenant-id>")));
    QStringList wrongUrlIds;
    for (const ConnectionHints::WrongUrl& wrong : hints.wrongUrls) {
        wrongUrlIds << wrong.id;
    }
    for (const char* id : {"aws-access-portal", "aws-saml-url", "aws-console"}) {
        QVERIFY2(wrongUrlIds.contains(QLatin1String(id)), id);
    }
}

void TestServerTypeLoader::otherPresetsHaveTheirFacts()
{
    const auto github = ServerTypeLoader::loadFile(QStringLiteral(":/server-types/github-emu.json"));
    QVERIFY(github.ok());
    QCOMPARE(github->auth.scheme, AuthScheme::AccessToken);
    QCOMPARE(github->capabilities.pagingMode, PagingMode::StartIndex);

    const auto salesforce = ServerTypeLoader::loadFile(QStringLiteral(":/server-types/salesforce.json"));
    QVERIFY(salesforce.ok());
    QCOMPARE(salesforce->auth.scheme, AuthScheme::OAuthClientCredentials);
    QCOMPARE(salesforce->auth.oauthTokenUrl, QStringLiteral("{origin}/services/oauth2/token"));

    const auto generic = ServerTypeLoader::loadFile(QStringLiteral(":/server-types/generic-scim2.json"));
    QVERIFY(generic.ok());
    QCOMPARE(generic->capabilities.pagingMode, PagingMode::StartIndex);
    QVERIFY(generic->capabilities.groupPutSupported);
    QVERIFY(generic->capabilities.filterOperators.contains(QStringLiteral("co")));
}

void TestServerTypeLoader::brokenPreset_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("missing displayName") << validWith(QStringLiteral("displayName"), QJsonValue::Undefined)
                                         << "broken.json: displayName: is required and must be a non-empty string";
    QTest::newRow("empty displayName") << validWith(QStringLiteral("displayName"), QStringLiteral("  "))
                                       << "broken.json: displayName: must be a non-empty string";
    QTest::newRow("missing id") << validWith(QStringLiteral("id"), QJsonValue::Undefined)
                                << "broken.json: id: is required";
    QTest::newRow("bad id") << validWith(QStringLiteral("id"), QStringLiteral("My Type"))
                            << "broken.json: id: \"My Type\" must be lower-case letters and digits";
    QTest::newRow("bad scheme") << validWith(QStringLiteral("auth.scheme"), QStringLiteral("bearer"))
                                << "broken.json: auth.scheme: \"bearer\" is not a scheme; use access-token, basic or "
                                   "oauth2-client-credentials";
    QTest::newRow("missing auth") << validWith(QStringLiteral("auth"), QJsonValue::Undefined)
                                  << "broken.json: auth: is required and must be an object";
    QTest::newRow("secret in preset") << validWith(QStringLiteral("auth.token"), QStringLiteral("abc"))
                                      << "broken.json: auth.token: presets must not contain secrets";
    QTest::newRow("oauth without token url")
        << validWith(QStringLiteral("auth.scheme"), QStringLiteral("oauth2-client-credentials"))
        << "broken.json: auth.tokenUrl: is required and must be a non-empty string";
    QTest::newRow("token url for access token")
        << validWith(QStringLiteral("auth.tokenUrl"), QStringLiteral("https://x/token"))
        << "broken.json: auth.tokenUrl: is only used by scheme oauth2-client-credentials";
    QTest::newRow("bad paging mode") << validWith(QStringLiteral("capabilities.pagingMode"), QStringLiteral("offset"))
                                     << "broken.json: capabilities.pagingMode: must be one of cursor, startIndex, "
                                        "singlePage";
    QTest::newRow("unknown capability") << validWith(QStringLiteral("capabilities.maxPages"), 3)
                                        << "broken.json: capabilities.maxPages: is not a known capability";
    QTest::newRow("capability wrong type") << validWith(QStringLiteral("capabilities.maxPageSize"),
        QStringLiteral("100")) << "broken.json: capabilities.maxPageSize: must be a whole number";
    QTest::newRow("unknown top-level key")
        << validWith(QStringLiteral("colour"), QStringLiteral("blue")) << "broken.json: colour: unknown key";
    QTest::newRow("unknown mapping key") << validWith(QStringLiteral("userMappings[1].sourec"), QStringLiteral("x"))
                                         << "broken.json: userMappings[1].sourec: unknown key";
    QTest::newRow("invalid url regex") << validWith(QStringLiteral("urlPattern"), QStringLiteral("^https://(scim"))
                                       << "broken.json: urlPattern: is not a valid regular expression: ";
    QTest::newRow("invalid protected regex")
        << validWith(
               QStringLiteral("options.protectedPatterns"), QJsonArray {QStringLiteral("^ok$"), QStringLiteral("[")})
        << "broken.json: options.protectedPatterns[1]: is not a valid regular expression";
    QTest::newRow("target not a string") << validWith(QStringLiteral("userMappings[0].target"), 5)
                                         << "broken.json: userMappings[0].target: must be a string, not a number";
    QTest::newRow("empty target") << validWith(QStringLiteral("userMappings[1].target"), QString())
                                  << "broken.json: userMappings[1].target: must be a non-empty string";
    QTest::newRow("matching not a bool") << validWith(QStringLiteral("userMappings[0].matching"),
        QStringLiteral("yes")) << "broken.json: userMappings[0].matching: must be true or false, not a string";
    QTest::newRow("negative precedence")
        << validWith(QStringLiteral("userMappings[0].matchingPrecedence"), -1)
        << "broken.json: userMappings[0].matchingPrecedence: must be a whole number of "
           "at least 0";
    QTest::newRow("bad mapping kind") << validWith(QStringLiteral("userMappings[1].kind"), QStringLiteral("constant"))
                                      << "broken.json: userMappings[1].kind: \"constant\" is not a mapping kind";
    QTest::newRow("bad applyWhen") << validWith(QStringLiteral("userMappings[1].applyWhen"), QStringLiteral("never"))
                                   << "broken.json: userMappings[1].applyWhen: \"never\" is not valid";
    QTest::newRow("duplicate target") << validWith(
        QStringLiteral("userMappings[1].target"), QStringLiteral("externalId"))
                                      << "broken.json: userMappings[1].target: \"externalId\" is already mapped by "
                                         "userMappings[0]";
    QTest::newRow("mappings not a list") << validWith(QStringLiteral("userMappings"), QJsonObject())
                                         << "broken.json: userMappings: must be a list of mappings, not an object";
    QTest::newRow("mapping not an object") << validWith(QStringLiteral("userMappings[1]"), QStringLiteral("userName"))
                                           << "broken.json: userMappings[1]: must be an object, not a string";
    QTest::newRow("static without value") << validWith(QStringLiteral("staticAttributes[0].value"),
        QJsonValue::Undefined) << "broken.json: staticAttributes[0].value: is required";
    QTest::newRow("static also mapped") << validWith(
        QStringLiteral("staticAttributes[0].target"), QStringLiteral("userName"))
                                        << "broken.json: staticAttributes[0].target: \"userName\" is also a mapped "
                                           "attribute";
    QTest::newRow("bad deprovision action")
        << validWith(QStringLiteral("options.deprovisionAction"), QStringLiteral("purge"))
        << "broken.json: options.deprovisionAction: \"purge\" is not valid; use disable, delete or none";
    QTest::newRow("threshold out of range") << validWith(QStringLiteral("options.deletionThresholdPercent"), 150)
                                            << "broken.json: options.deletionThresholdPercent: must be a whole number "
                                               "from 0 to 100";
    QTest::newRow("notes not strings") << validWith(QStringLiteral("notes"), QJsonArray {QStringLiteral("a"), 2})
                                       << "broken.json: notes[1]: must be a string, not a number";
    QTest::newRow("hints not an object") << validWith(QStringLiteral("connectionHints"), QStringLiteral("aws"))
                                         << "broken.json: connectionHints: must be an object, not a string";
    QTest::newRow("unknown hints key") << validWith(QStringLiteral("connectionHints.tokenUrl"), QStringLiteral("x"))
                                       << "broken.json: connectionHints.tokenUrl: unknown key";
    QTest::newRow("template part without pattern")
        << validWith(QStringLiteral("connectionHints.urlTemplate"), QStringLiteral("https://<org>.example.com/<team>/"))
        << "broken.json: connectionHints.urlTemplate: <team> has no pattern in connectionHints.urlParts";
    QTest::newRow("pattern for no part") << validWith(
        QStringLiteral("connectionHints.urlParts.region"), QStringLiteral("[a-z]+"))
                                         << "broken.json: connectionHints.urlParts.region: is not a <part> of "
                                            "connectionHints.urlTemplate";
    QTest::newRow("invalid part regex") << validWith(QStringLiteral("connectionHints.urlParts.org"),
        QStringLiteral("[a-z")) << "broken.json: connectionHints.urlParts.org: is not a valid regular expression";
    QTest::newRow("part pattern not a string") << validWith(QStringLiteral("connectionHints.urlParts.org"),
        5) << "broken.json: connectionHints.urlParts.org: must be a non-empty regular expression string";
    QTest::newRow("template not a URL") << validWith(
        QStringLiteral("connectionHints.urlTemplate"), QStringLiteral("<org>.example.com/scim/v2"))
                                        << "broken.json: connectionHints.urlTemplate: must be an absolute http(s) URL";
    QTest::newRow("note names an unknown part")
        << validWith(QStringLiteral("connectionHints.unauthorizedNote"), QStringLiteral("Check <tenant>."))
        << "broken.json: connectionHints.unauthorizedNote: names <tenant>, which is not a part of "
           "connectionHints.urlTemplate";
    QTest::newRow("wrong urls not a list") << validWith(QStringLiteral("connectionHints.wrongUrls"), QJsonObject())
                                           << "broken.json: connectionHints.wrongUrls: must be a list";
    QTest::newRow("wrong url without what") << validWith(QStringLiteral("connectionHints.wrongUrls[0].what"),
        QJsonValue::Undefined) << "broken.json: connectionHints.wrongUrls[0].what: is required";
    QTest::newRow("wrong url with a bad host regex")
        << validWith(QStringLiteral("connectionHints.wrongUrls[0].host"), QStringLiteral("^(portal"))
        << "broken.json: connectionHints.wrongUrls[0].host: is not a valid regular expression";
    QTest::newRow("wrong url with a bad id")
        << validWith(QStringLiteral("connectionHints.wrongUrls[0].id"), QStringLiteral("Example Portal"))
        << "broken.json: connectionHints.wrongUrls[0].id: \"Example Portal\" must be lower-case";
    QTest::newRow("wrong url unknown key") << validWith(QStringLiteral("connectionHints.wrongUrls[0].query"),
        QStringLiteral("x")) << "broken.json: connectionHints.wrongUrls[0].query: unknown key";
    QTest::newRow("root is a list") << QByteArray("[1, 2]") << "broken.json: the preset must be a JSON object";
}

void TestServerTypeLoader::brokenPreset()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const auto loaded = ServerTypeLoader::parse(json, QStringLiteral("broken.json"));
    QVERIFY2(!loaded.ok(), "a broken preset was accepted");
    QVERIFY2(loaded.error().contains(expected), qPrintable(QStringLiteral("got: ") + loaded.error()));
}

void TestServerTypeLoader::malformedJsonNamesThePosition()
{
    // The comma after "y" is missing: the parser stops at the next key, line 4 column 5.
    const QByteArray json = "{\n    \"id\": \"x\",\n    \"displayName\": \"y\"\n    \"urlPattern\": \"\"\n}\n";
    const auto loaded = ServerTypeLoader::parse(json, QStringLiteral("typo.json"));
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().startsWith(QStringLiteral("typo.json: invalid JSON at line 4, column ")),
        qPrintable(loaded.error()));
    QVERIFY2(loaded.error().contains(QStringLiteral("(offset ")), qPrintable(loaded.error()));

    const auto truncated = ServerTypeLoader::parse("{\"id\": \"x\"", QStringLiteral("cut.json"));
    QVERIFY(!truncated.ok());
    QVERIFY2(truncated.error().startsWith(QStringLiteral("cut.json: invalid JSON at line 1, column ")),
        qPrintable(truncated.error()));
}

void TestServerTypeLoader::everyProblemIsReported()
{
    QJsonObject preset = validPreset();
    preset.remove(QStringLiteral("displayName"));
    preset.insert(QStringLiteral("urlPattern"), QStringLiteral("(("));
    preset.insert(QStringLiteral("extra"), true);
    const auto loaded = ServerTypeLoader::parse(toJson(preset), QStringLiteral("many.json"));
    QVERIFY(!loaded.ok());
    const QStringList lines = loaded.error().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    for (const QString& line : lines) {
        QVERIFY2(line.startsWith(QStringLiteral("many.json: ")), qPrintable(line));
    }
}

void TestServerTypeLoader::unreadableFile()
{
    const auto loaded = ServerTypeLoader::loadFile(QStringLiteral("/nonexistent/dir/preset.json"));
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().startsWith(QStringLiteral("/nonexistent/dir/preset.json: cannot be read")),
        qPrintable(loaded.error()));
}

void TestServerTypeLoader::urlMatches_data()
{
    QTest::addColumn<QString>("typeId");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("matches");
    const QString aws = QStringLiteral("aws-iam-identity-center");
    QTest::newRow("aws uuid tenant, slash")
        << aws << "https://scim.us-east-1.amazonaws.com/3f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8/scim/v2/" << true;
    QTest::newRow("aws uuid tenant, no slash")
        << aws << "https://scim.eu-central-1.amazonaws.com/3f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8/scim/v2" << true;
    QTest::newRow("aws legacy tenant")
        << aws << "https://scim.us-west-2.amazonaws.com/a1b2c3d4e5-3f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8/scim/v2/"
        << true;
    QTest::newRow("aws gov region")
        << aws << "https://scim.us-gov-west-1.amazonaws.com/3f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8/scim/v2/" << true;
    QTest::newRow("aws pasted with blanks")
        << aws << "  https://scim.us-east-1.amazonaws.com/3f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8/scim/v2/ " << true;
    QTest::newRow("aws access portal") << aws << "https://d-1234567890.awsapps.com/start" << false;
    QTest::newRow("aws http") << aws
                              << "http://scim.us-east-1.amazonaws.com/3f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8/scim/v2/"
                              << false;
    QTest::newRow("aws missing scim/v2") << aws
                                         << "https://scim.us-east-1.amazonaws.com/3f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8/"
                                         << false;
    QTest::newRow("github") << "github-emu"
                            << "https://api.github.com/scim/v2/enterprises/acme/" << true;
    QTest::newRow("github org scim") << "github-emu"
                                     << "https://api.github.com/scim/v2/organizations/acme/" << false;
    QTest::newRow("salesforce") << "salesforce"
                                << "https://acme.my.salesforce.com/services/scim/v2/" << true;
    QTest::newRow("salesforce sandbox") << "salesforce"
                                        << "https://acme--uat.sandbox.my.salesforce.com/services/scim/v2" << true;
    QTest::newRow("salesforce classic") << "salesforce"
                                        << "https://login.salesforce.com/services/scim/v2/" << false;
    QTest::newRow("generic https") << "generic-scim2"
                                   << "https://idm.example.com/scim/v2/" << true;
    QTest::newRow("generic loopback") << "generic-scim2"
                                      << "http://127.0.0.1:8080/scim/v2" << true;
    QTest::newRow("generic not a url") << "generic-scim2"
                                       << "scim server" << false;
}

void TestServerTypeLoader::urlMatches()
{
    QFETCH(QString, typeId);
    QFETCH(QString, url);
    QFETCH(bool, matches);
    const auto type = ServerTypeRegistry::load().find(typeId);
    QVERIFY(type);
    QCOMPARE(type->urlMatches(url), matches);
}

QTEST_GUILESS_MAIN(TestServerTypeLoader)
#include "tst_servertypeloader.moc"
