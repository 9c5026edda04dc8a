#include "mapping/UserMapper.h"
#include "servertypes/ServerTypeLoader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const QString enterprise = QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");

// The preset as shipped: the source file when the tests run from the build tree (so an
// edited preset is tested before it is compiled in), else the copy compiled into the binary.
ServerType awsPreset()
{
    const QString sourceDir = qEnvironmentVariable("SCIMDESK_SOURCE_DIR");
    const QString onDisk = sourceDir + QStringLiteral("/resources/server-types/aws-iam-identity-center.json");
    const QString path = !sourceDir.isEmpty() && QFile::exists(onDisk)
        ? onDisk
        : QStringLiteral(":/server-types/aws-iam-identity-center.json");
    const auto loaded = ServerTypeLoader::loadFile(path);
    if (!loaded) {
        qFatal("%s", qPrintable(loaded.error()));
    }
    return loaded.value();
}

DirectoryUser fullUser()
{
    DirectoryUser user;
    user.objectId = QStringLiteral("6f1c0e1a-0000-4000-8000-000000000001");
    user.userName = QStringLiteral("ada@example.com");
    user.email = QStringLiteral("Ada.Lovelace@example.com");
    user.givenName = QStringLiteral("Ada");
    user.familyName = QStringLiteral("Lovelace");
    user.displayName = QStringLiteral("Ada Lovelace");
    user.phone = QStringLiteral("+44 20 7946 0000");
    user.title = QStringLiteral("Analyst");
    user.department = QStringLiteral("Engines");
    user.employeeNumber = QStringLiteral("1815");
    user.manager = QStringLiteral("c-babbage-id");
    user.active = true;
    return user;
}

AttributeMapping mapping(const QString& source, const QString& target, MappingKind kind = MappingKind::Direct,
    ApplyWhen when = ApplyWhen::Always, const QString& defaultValue = QString())
{
    AttributeMapping m;
    m.source = source;
    m.target = target;
    m.kind = kind;
    m.applyWhen = when;
    m.defaultValue = defaultValue;
    return m;
}

QString compact(const QJsonValue& value)
{
    if (value.isUndefined()) {
        return QStringLiteral("absent");
    }
    const QString wrapped
        = QString::fromUtf8(QJsonDocument(QJsonObject {{QStringLiteral("v"), value}}).toJson(QJsonDocument::Compact));
    return wrapped.mid(5, wrapped.size() - 6);
}

} // namespace

Q_DECLARE_METATYPE(MappingKind)
Q_DECLARE_METATYPE(ApplyWhen)
Q_DECLARE_METATYPE(MapPurpose)

class TestUserMapper : public QObject
{
    Q_OBJECT

private slots:
    void awsPresetCreate();
    void awsPresetLeavesEmptyAttributesOut();
    void awsPresetMappedPathsAndMatching();
    void singleMapping_data();
    void singleMapping();
    void onCreateOnlyOnCreate();
    void staticAttributes();
    void matchingOrder();
    void configurationErrors_data();
    void configurationErrors();
    void renderJsonIsTheResource();
    void caseInsensitivePaths();
};

void TestUserMapper::awsPresetCreate()
{
    const ServerType aws = awsPreset();
    const UserMapper mapper(aws.userMappings, aws.staticAttributes, aws.capabilities);
    QVERIFY2(mapper.isValid(), qPrintable(mapper.configurationErrors().join(QLatin1Char('\n'))));

    const MappedUser mapped = mapper.map(fullUser(), MapPurpose::Create);
    const QJsonObject expected = QJsonDocument::fromJson(QStringLiteral(R"({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "%1"],
        "externalId": "6f1c0e1a-0000-4000-8000-000000000001",
        "userName": "ada@example.com",
        "displayName": "Ada Lovelace",
        "name": {"givenName": "Ada", "familyName": "Lovelace"},
        "emails": [{"value": "Ada.Lovelace@example.com", "type": "work", "primary": true}],
        "phoneNumbers": [{"value": "+44 20 7946 0000", "type": "work", "primary": true}],
        "title": "Analyst",
        "active": true,
        "%1": {"department": "Engines", "employeeNumber": "1815", "manager": {"value": "c-babbage-id"}}
    })")
                                                             .arg(enterprise)
                                                             .toUtf8())
                                     .object();
    QCOMPARE(mapped.resource, expected);
    QCOMPARE(mapped.objectId, fullUser().objectId);
    QCOMPARE(mapped.userName(), QStringLiteral("ada@example.com"));
    // schemas lists the core schema first.
    QCOMPARE(mapped.resource.value(QLatin1String("schemas")).toArray().first().toString(),
        QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User"));
}

void TestUserMapper::awsPresetLeavesEmptyAttributesOut()
{
    const ServerType aws = awsPreset();
    const UserMapper mapper(aws.userMappings, aws.staticAttributes, aws.capabilities);
    DirectoryUser user;
    user.objectId = QStringLiteral("obj-2");
    user.userName = QStringLiteral("bob");
    user.givenName = QStringLiteral("Bob");
    user.familyName = QStringLiteral("  ");
    user.active = false;

    const QJsonObject resource = mapper.map(user, MapPurpose::Update).resource;
    QCOMPARE(resource,
        (QJsonObject {
            {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")}},
            {QStringLiteral("externalId"), QStringLiteral("obj-2")},
            {QStringLiteral("userName"), QStringLiteral("bob")},
            {QStringLiteral("name"), QJsonObject {{QStringLiteral("givenName"), QStringLiteral("Bob")}}},
            {QStringLiteral("active"), false}}));
}

void TestUserMapper::awsPresetMappedPathsAndMatching()
{
    const ServerType aws = awsPreset();
    const UserMapper mapper(aws.userMappings, aws.staticAttributes, aws.capabilities);
    const QStringList expected {QStringLiteral("externalId"), QStringLiteral("userName"), QStringLiteral("displayName"),
        QStringLiteral("name.givenName"), QStringLiteral("name.familyName"),
        QStringLiteral("emails[type eq \"work\"].value"), QStringLiteral("phoneNumbers[type eq \"work\"].value"),
        QStringLiteral("title"), enterprise + QStringLiteral(":department"),
        enterprise + QStringLiteral(":employeeNumber"), enterprise + QStringLiteral(":manager.value"),
        QStringLiteral("active")};
    QCOMPARE(mapper.mappedPaths(MapPurpose::Update), expected);
    QCOMPARE(mapper.mappedPaths(MapPurpose::Create), expected);

    const QList<MatchingAttribute> matching = mapper.matchingAttributes(fullUser());
    QCOMPARE(matching.size(), 2);
    QCOMPARE(matching.at(0).path, QStringLiteral("externalId"));
    QCOMPARE(matching.at(0).value, fullUser().objectId);
    QCOMPARE(matching.at(1).path, QStringLiteral("userName"));
    QCOMPARE(matching.at(1).value, QStringLiteral("ada@example.com"));
}

void TestUserMapper::singleMapping_data()
{
    QTest::addColumn<MappingKind>("kind");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("target");
    QTest::addColumn<ApplyWhen>("applyWhen");
    QTest::addColumn<QString>("defaultValue");
    QTest::addColumn<MapPurpose>("purpose");
    QTest::addColumn<QString>("expected"); // compact JSON at target, or "absent"

    const auto direct = MappingKind::Direct;
    const auto expression = MappingKind::Expression;
    const auto always = ApplyWhen::Always;
    const auto onCreate = ApplyWhen::OnCreate;
    const auto create = MapPurpose::Create;
    const auto update = MapPurpose::Update;

    QTest::newRow("direct") << direct << "title"
                            << "title" << always << "" << update << "\"Analyst\"";
    QTest::newRow("custom attribute") << direct << "cost center"
                                      << "urn:x:ext:costCenter" << always << "" << update << "\"CC-7\"";
    QTest::newRow("expression") << expression << "ToLower(Append(Left(givenName, 1), familyName))"
                                << "nickName" << always << "" << update << "\"alovelace\"";
    QTest::newRow("empty uses default") << direct << "nickname"
                                        << "nickName" << always << "Nick" << update << "\"Nick\"";
    QTest::newRow("empty expression uses default") << expression << "Trim(\"   \")"
                                                   << "userType" << always << "Employee" << update << "\"Employee\"";
    QTest::newRow("empty without default is absent") << direct << "nickname"
                                                     << "nickName" << always << "" << create << "absent";
    QTest::newRow("value wins over default") << direct << "title"
                                             << "title" << always << "Staff" << update << "\"Analyst\"";
    QTest::newRow("on-create on create") << direct << "title"
                                         << "title" << onCreate << "" << create << "\"Analyst\"";
    QTest::newRow("on-create on update") << direct << "title"
                                         << "title" << onCreate << "" << update << "absent";
    QTest::newRow("active true is boolean") << direct << "active"
                                            << "active" << always << "" << update << "true";
    QTest::newRow("active from text") << expression << "\"FALSE\""
                                      << "active" << always << "" << update << "false";
    QTest::newRow("active left as odd text") << expression << "\"maybe\""
                                             << "active" << always << "" << update << "\"maybe\"";
    QTest::newRow("active text elsewhere stays text") << direct << "active"
                                                      << "title" << always << "" << update << "\"true\"";
    QTest::newRow("address filter") << direct << "department"
                                    << "addresses[type eq \"work\"].locality" << always << "" << update
                                    << "\"Engines\"";
    QTest::newRow("mobile phone") << direct << "phone"
                                  << "phoneNumbers[type eq \"mobile\"].value" << always << "" << update
                                  << "\"+44 20 7946 0000\"";
}

void TestUserMapper::singleMapping()
{
    QFETCH(MappingKind, kind);
    QFETCH(QString, source);
    QFETCH(QString, target);
    QFETCH(ApplyWhen, applyWhen);
    QFETCH(QString, defaultValue);
    QFETCH(MapPurpose, purpose);

    DirectoryUser user = fullUser();
    user.customAttributes.insert(QStringLiteral("cost center"), QStringLiteral("CC-7"));
    const UserMapper mapper({mapping(source, target, kind, applyWhen, defaultValue)}, {});
    QVERIFY2(mapper.isValid(), qPrintable(mapper.configurationErrors().join(QLatin1Char('\n'))));
    const QJsonObject resource = mapper.map(user, purpose).resource;
    QTEST(compact(ScimPath::get(resource, target)), "expected");
    // Nothing but schemas and the one target: no empty strings anywhere.
    for (auto it = resource.begin(); it != resource.end(); ++it) {
        QVERIFY(it.value() != QJsonValue(QString()));
    }
}

void TestUserMapper::onCreateOnlyOnCreate()
{
    const UserMapper mapper({mapping(QStringLiteral("userName"), QStringLiteral("userName")),
                                mapping(QStringLiteral("\"Welcome\""), QStringLiteral("nickName"),
                                    MappingKind::Expression, ApplyWhen::OnCreate)},
        {});
    QVERIFY(mapper.isValid());
    QCOMPARE(
        mapper.mappedPaths(MapPurpose::Create), (QStringList {QStringLiteral("userName"), QStringLiteral("nickName")}));
    QCOMPARE(mapper.mappedPaths(MapPurpose::Update), QStringList {QStringLiteral("userName")});
    QCOMPARE(mapper.map(fullUser(), MapPurpose::Create).resource.value(QLatin1String("nickName")).toString(),
        QStringLiteral("Welcome"));
    QVERIFY(!mapper.map(fullUser(), MapPurpose::Update).resource.contains(QLatin1String("nickName")));
}

void TestUserMapper::staticAttributes()
{
    const UserMapper mapper({mapping(QStringLiteral("userName"), QStringLiteral("userName"))},
        {StaticAttribute {QStringLiteral("userType"), QStringLiteral("Employee")},
            StaticAttribute {enterprise + QStringLiteral(":organization"), QStringLiteral("Analytical Engines Ltd")},
            StaticAttribute {QStringLiteral("preferredLanguage"), QString()}});
    QVERIFY(mapper.isValid());
    const QJsonObject resource = mapper.map(fullUser(), MapPurpose::Update).resource;
    QCOMPARE(resource.value(QLatin1String("userType")).toString(), QStringLiteral("Employee"));
    QCOMPARE(ScimPath::get(resource, enterprise + QStringLiteral(":organization")).toString(),
        QStringLiteral("Analytical Engines Ltd"));
    QVERIFY(!resource.contains(QLatin1String("preferredLanguage")));
    QVERIFY(resource.value(QLatin1String("schemas")).toArray().contains(enterprise));
    QVERIFY(mapper.mappedPaths().contains(QStringLiteral("userType")));
}

void TestUserMapper::matchingOrder()
{
    AttributeMapping email = mapping(QStringLiteral("email"), QStringLiteral("emails[type eq \"work\"].value"));
    email.matching = true;
    email.matchingPrecedence = 2;
    AttributeMapping userName = mapping(QStringLiteral("userName"), QStringLiteral("userName"));
    userName.matching = true;
    userName.matchingPrecedence = 1;
    // externalId comes first whatever its precedence and even unmarked: it is the immutable link.
    AttributeMapping externalId = mapping(QStringLiteral("objectId"), QStringLiteral("externalId"));
    externalId.matchingPrecedence = 9;
    const AttributeMapping title = mapping(QStringLiteral("title"), QStringLiteral("title"));
    const UserMapper mapper({email, title, userName, externalId}, {});

    const QList<MatchingAttribute> matching = mapper.matchingAttributes(fullUser());
    QCOMPARE(matching.size(), 3);
    QCOMPARE(matching.at(0).attributeName, QStringLiteral("externalId"));
    QCOMPARE(matching.at(1).attributeName, QStringLiteral("userName"));
    QCOMPARE(matching.at(2).attributeName, QStringLiteral("emails.value"));
    QCOMPARE(matching.at(2).path, QStringLiteral("emails[type eq \"work\"].value"));
    QCOMPARE(matching.at(2).precedence, 2);
    QCOMPARE(matching.at(2).value, QStringLiteral("Ada.Lovelace@example.com"));

    DirectoryUser noEmail = fullUser();
    noEmail.email.clear();
    QCOMPARE(mapper.matchingAttributes(noEmail).size(), 2);
}

void TestUserMapper::configurationErrors_data()
{
    QTest::addColumn<MappingKind>("kind");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("message");

    QTest::newRow("expression typo") << MappingKind::Expression << "Jion(\" \", givenName)"
                                     << "displayName"
                                     << "Mapping 2 (→ displayName): Unknown function 'Jion' at 1 — did you mean Join?";
    QTest::newRow("bad target") << MappingKind::Direct << "title"
                                << "emails[type eq \"work\""
                                << "Mapping 2 (→ emails[type eq \"work\"): the target \"emails[type eq \"work\"\" is "
                                   "not a SCIM attribute path: Expected ']' at 22";
    QTest::newRow("duplicate target") << MappingKind::Direct << "email"
                                      << "UserName"
                                      << "Mapping 2 (→ UserName) writes UserName like Mapping 1 (→ userName)";
    QTest::newRow("server-assigned target") << MappingKind::Direct << "objectId"
                                            << "id"
                                            << "is set by the server or by ScimDesk itself";
    QTest::newRow("groups target") << MappingKind::Direct << "department"
                                   << "groups.value"
                                   << "is set by the server or by ScimDesk itself";
    QTest::newRow("no source") << MappingKind::Direct << " "
                               << "title"
                               << "no source attribute";
}

void TestUserMapper::configurationErrors()
{
    QFETCH(MappingKind, kind);
    QFETCH(QString, source);
    QFETCH(QString, target);
    QFETCH(QString, message);
    const UserMapper mapper(
        {mapping(QStringLiteral("userName"), QStringLiteral("userName")), mapping(source, target, kind)}, {});
    QVERIFY(!mapper.isValid());
    QCOMPARE(mapper.configurationErrors().size(), 1);
    QVERIFY2(mapper.configurationErrors().first().contains(message), qPrintable(mapper.configurationErrors().first()));
    // The broken row is left out; the rest still maps.
    QCOMPARE(mapper.mappedPaths(), QStringList {QStringLiteral("userName")});
    QCOMPARE(mapper.map(fullUser(), MapPurpose::Create).userName(), QStringLiteral("ada@example.com"));
}

void TestUserMapper::renderJsonIsTheResource()
{
    const ServerType aws = awsPreset();
    const UserMapper mapper(aws.userMappings, aws.staticAttributes, aws.capabilities);
    const QString json = mapper.renderJson(fullUser());
    QCOMPARE(json,
        QString::fromUtf8(
            QJsonDocument(mapper.map(fullUser(), MapPurpose::Create).resource).toJson(QJsonDocument::Indented)));
    QVERIFY(json.contains(QStringLiteral("\n    \"userName\": \"ada@example.com\"\n}")));
    QVERIFY(json.contains(QStringLiteral("\"primary\": true")));
    QCOMPARE(QJsonDocument::fromJson(json.toUtf8()).object(), mapper.map(fullUser(), MapPurpose::Create).resource);
}

void TestUserMapper::caseInsensitivePaths()
{
    const ServerType aws = awsPreset();
    const UserMapper mapper(aws.userMappings, aws.staticAttributes, aws.capabilities);
    QCOMPARE(mapper.caseInsensitivePaths(), (QStringList {QStringLiteral("userName"), QStringLiteral("emails.value")}));
}

QTEST_GUILESS_MAIN(TestUserMapper)
#include "tst_usermapper.moc"
