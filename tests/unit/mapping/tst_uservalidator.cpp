#include "mapping/ScimPath.h"
#include "mapping/UserValidator.h"
#include "servertypes/ServerTypeLoader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const QString enterprise = QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");

ServerCapabilities awsCapabilities()
{
    const auto loaded = ServerTypeLoader::loadFile(QStringLiteral(":/server-types/aws-iam-identity-center.json"));
    if (!loaded) {
        qFatal("%s", qPrintable(loaded.error()));
    }
    return loaded->capabilities;
}

QJsonObject validUser()
{
    return QJsonDocument::fromJson(QStringLiteral(R"({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "%1"],
        "externalId": "obj-1",
        "userName": "ada@example.com",
        "displayName": "Ada Lovelace",
        "name": {"givenName": "Ada", "familyName": "Lovelace"},
        "emails": [{"value": "ada@example.com", "type": "work", "primary": true}],
        "active": true,
        "%1": {"department": "Engines"}
    })")
                                       .arg(enterprise)
                                       .toUtf8())
        .object();
}

QJsonValue parsed(const QString& json)
{
    return QJsonDocument::fromJson(QStringLiteral("{\"v\":%1}").arg(json).toUtf8()).object().value(QLatin1String("v"));
}

} // namespace

class TestUserValidator : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void fallbacks_data();
    void fallbacks();
    void fallbacksAreOffByDefault();
    void violationNamesUserAndFix();
    void validateAllReportsSkippedUsers();
    void genericServerIsLenient();
};

void TestUserValidator::rules_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value"); // JSON; "remove" to delete the attribute
    QTest::addColumn<QString>("attribute"); // expected violation, empty for none
    QTest::addColumn<QString>("reasonPart");

    QTest::newRow("valid") << "title"
                           << "\"Analyst\""
                           << ""
                           << "";
    QTest::newRow("userName missing") << "userName"
                                      << "remove"
                                      << "userName"
                                      << "required";
    // Fallbacks are off by default: nothing fills a blank required value in.
    QTest::newRow("displayName blank") << "displayName"
                                       << "\"  \""
                                       << "displayName"
                                       << "required by the server";
    QTest::newRow("familyName missing") << "name"
                                        << "{\"givenName\":\"Cher\"}"
                                        << "name.familyName"
                                        << "required by the server";
    QTest::newRow("two emails") << "emails"
                                << "[{\"value\":\"a@w\",\"type\":\"work\"},{\"value\":\"a@h\",\"type\":\"home\"}]"
                                << "emails"
                                << "only one value in emails, but this user has 2";
    QTest::newRow("two phones") << "phoneNumbers"
                                << "[{\"value\":\"1\"},{\"value\":\"2\"}]"
                                << "phoneNumbers"
                                << "only one value";
    QTest::newRow("one address is fine") << "addresses"
                                         << "[{\"locality\":\"Paris\"}]"
                                         << ""
                                         << "";
    QTest::newRow("forbidden characters") << "userName"
                                          << "\"ada<x>:1\""
                                          << "userName"
                                          << "< > :";
    QTest::newRow("percent") << "userName"
                             << "\"50%off\""
                             << "userName"
                             << "does not allow: %";
    QTest::newRow("userName 128 is fine")
        << "userName" << QStringLiteral("\"%1\"").arg(QString(128, QLatin1Char('u'))) << ""
        << "";
    QTest::newRow("userName too long") << "userName" << QStringLiteral("\"%1\"").arg(QString(129, QLatin1Char('u')))
                                       << "userName"
                                       << "129 characters long; the server allows at most 128";
    QTest::newRow("userName length counts characters")
        << "userName" << QStringLiteral("\"%1\"").arg(QString::fromUtf8("\xF0\x9F\x98\x80").repeated(128)) << ""
        << "";
    QTest::newRow("string 1024 is fine") << "title" << QStringLiteral("\"%1\"").arg(QString(1024, QLatin1Char('t')))
                                         << ""
                                         << "";
    QTest::newRow("string too long") << "title" << QStringLiteral("\"%1\"").arg(QString(1025, QLatin1Char('t')))
                                     << "title"
                                     << "1025 characters long; the server allows at most 1024";
    QTest::newRow("nested string too long")
        << "name.givenName" << QStringLiteral("\"%1\"").arg(QString(2000, QLatin1Char('g'))) << "name.givenName"
        << "2000 characters";
    QTest::newRow("extension string too long")
        << enterprise + QStringLiteral(":department") << QStringLiteral("\"%1\"").arg(QString(1100, QLatin1Char('d')))
        << enterprise + QStringLiteral(":department") << "1100 characters";
    QTest::newRow("control character") << "displayName"
                                       << "\"Ada\\u0007Lovelace\""
                                       << "displayName"
                                       << "control character (U+0007) at position 4";
    QTest::newRow("control in email") << "emails[type eq \"work\"].value"
                                      << "\"a\\u001b@x\""
                                      << "emails.value"
                                      << "U+001B";
    QTest::newRow("carriage return") << "title"
                                     << "\"a\\r\\nb\""
                                     << "title"
                                     << "U+000D";
    QTest::newRow("tab and newline allowed") << "title"
                                             << "\"a\\tb\\nc\""
                                             << ""
                                             << "";
    QTest::newRow("reserved name") << "userName"
                                   << "\"administrator\""
                                   << "userName"
                                   << "reserved name";
    QTest::newRow("reserved AWS name") << "userName"
                                       << "\"AWSAdministrators\""
                                       << "userName"
                                       << "reserved name";
    QTest::newRow("active not boolean") << "active"
                                        << "\"maybe\""
                                        << "active"
                                        << "true or false";
}

void TestUserValidator::rules()
{
    QFETCH(QString, path);
    QFETCH(QString, value);
    QFETCH(QString, attribute);
    QFETCH(QString, reasonPart);

    QJsonObject resource = validUser();
    if (value == QLatin1String("remove")) {
        ScimPath::set(resource, path, QJsonValue());
    } else {
        ScimPath::set(resource, path, parsed(value));
    }
    const UserValidation result = UserValidator(awsCapabilities()).validate(resource);
    if (attribute.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.violations.first().reason));
        return;
    }
    QCOMPARE(result.violations.size(), 1);
    QCOMPARE(result.violations.first().attribute, attribute);
    QVERIFY2(result.violations.first().reason.contains(reasonPart), qPrintable(result.violations.first().reason));
    QVERIFY(!result.violations.first().fix.isEmpty());
}

void TestUserValidator::fallbacks_data()
{
    QTest::addColumn<QString>("displayName"); // "" = absent
    QTest::addColumn<QString>("givenName");
    QTest::addColumn<QString>("familyName");
    QTest::addColumn<QString>("expectedDisplayName");
    QTest::addColumn<QString>("expectedGivenName");
    QTest::addColumn<QString>("expectedFamilyName");
    QTest::addColumn<int>("fallbackCount");
    QTest::addColumn<bool>("ok");

    QTest::newRow("all present") << "Ada L."
                                 << "Ada"
                                 << "Lovelace"
                                 << "Ada L."
                                 << "Ada"
                                 << "Lovelace" << 0 << true;
    QTest::newRow("displayName from names") << ""
                                            << "Ada"
                                            << "Lovelace"
                                            << "Ada Lovelace"
                                            << "Ada"
                                            << "Lovelace" << 1 << true;
    QTest::newRow("displayName from given only") << ""
                                                 << "Ada"
                                                 << ""
                                                 << "Ada"
                                                 << "Ada"
                                                 << "" << 1 << false;
    QTest::newRow("names from displayName") << "Ada Lovelace"
                                            << ""
                                            << ""
                                            << "Ada Lovelace"
                                            << "Ada"
                                            << "Lovelace" << 2 << true;
    QTest::newRow("split at last space") << "Mary  Ann Smith"
                                         << ""
                                         << ""
                                         << "Mary  Ann Smith"
                                         << "Mary Ann"
                                         << "Smith" << 2 << true;
    QTest::newRow("only family missing") << "Ada Lovelace"
                                         << "Augusta"
                                         << ""
                                         << "Ada Lovelace"
                                         << "Augusta"
                                         << "Lovelace" << 1 << true;
    QTest::newRow("one word fills givenName only") << "Cher"
                                                   << ""
                                                   << ""
                                                   << "Cher"
                                                   << "Cher"
                                                   << "" << 1 << false;
    QTest::newRow("nothing to go on") << ""
                                      << ""
                                      << ""
                                      << ""
                                      << ""
                                      << "" << 0 << false;
}

void TestUserValidator::fallbacks()
{
    QFETCH(QString, displayName);
    QFETCH(QString, givenName);
    QFETCH(QString, familyName);
    QFETCH(int, fallbackCount);

    QJsonObject resource = validUser();
    resource.remove(QStringLiteral("displayName"));
    resource.remove(QStringLiteral("name"));
    auto setIf = [&](const char* path, const QString& value) {
        if (!value.isEmpty()) {
            ScimPath::set(resource, QLatin1String(path), value);
        }
    };
    setIf("displayName", displayName);
    setIf("name.givenName", givenName);
    setIf("name.familyName", familyName);

    const UserValidation result = UserValidator(awsCapabilities(), ValidationFallbacks {true, true}).validate(resource);
    QTEST(ScimPath::get(result.resource, QStringLiteral("displayName")).toString(), "expectedDisplayName");
    QTEST(ScimPath::get(result.resource, QStringLiteral("name.givenName")).toString(), "expectedGivenName");
    QTEST(ScimPath::get(result.resource, QStringLiteral("name.familyName")).toString(), "expectedFamilyName");
    QCOMPARE(result.fallbacksApplied.size(), fallbackCount);
    QTEST(result.ok(), "ok");
}

void TestUserValidator::fallbacksAreOffByDefault()
{
    // Nothing is invented unless the server's options ask for it: a missing required value is a
    // violation, never a made-up one.
    QJsonObject resource = validUser();
    resource.remove(QStringLiteral("displayName"));
    const UserValidation result = UserValidator(awsCapabilities()).validate(resource);
    QVERIFY(result.fallbacksApplied.isEmpty());
    QCOMPARE(result.violations.size(), 1);
    QCOMPARE(result.violations.first().attribute, QStringLiteral("displayName"));
    QVERIFY(!result.resource.contains(QLatin1String("displayName")));
}

void TestUserValidator::violationNamesUserAndFix()
{
    QJsonObject resource = validUser();
    resource.remove(QStringLiteral("userName"));
    const UserValidation result = UserValidator(awsCapabilities()).validate(resource);
    QCOMPARE(result.violations.size(), 1);
    const ValidationViolation& v = result.violations.first();
    QCOMPARE(v.userName, QStringLiteral("externalId obj-1"));
    QCOMPARE(v.reason, QStringLiteral("userName is required by the server but is empty for this user."));
    QCOMPARE(v.fix,
        QStringLiteral("Fill it in for this user in the directory, or give the mapping to userName a default value."));

    QJsonObject several = validUser();
    several.insert(QStringLiteral("userName"), QStringLiteral("Administrator"));
    several.insert(QStringLiteral("title"), QStringLiteral("a\u0001b"));
    const UserValidation two = UserValidator(awsCapabilities()).validate(several);
    QCOMPARE(two.violations.size(), 2); // every problem at once, so one fix round is enough
    QCOMPARE(two.violations.at(0).userName, QStringLiteral("Administrator"));
    QCOMPARE(two.violations.at(1).attribute, QStringLiteral("title"));
}

void TestUserValidator::validateAllReportsSkippedUsers()
{
    QJsonObject bad = validUser();
    bad.insert(QStringLiteral("userName"), QStringLiteral("bad:name"));
    QJsonObject needsFallback = validUser();
    needsFallback.remove(QStringLiteral("displayName"));
    const QList<MappedUser> users {MappedUser {validUser(), QStringLiteral("obj-1")},
        MappedUser {bad, QStringLiteral("obj-2")}, MappedUser {needsFallback, QStringLiteral("obj-3")}};

    const ValidationReport report
        = UserValidator(awsCapabilities(), ValidationFallbacks {true, true}).validateAll(users);
    QCOMPARE(report.accepted.size() + report.skipped.size(), users.size());
    QCOMPARE(report.accepted.size(), 2);
    QCOMPARE(report.accepted.at(1).objectId, QStringLiteral("obj-3"));
    QCOMPARE(
        report.accepted.at(1).resource.value(QLatin1String("displayName")).toString(), QStringLiteral("Ada Lovelace"));
    QCOMPARE(report.skipped.size(), 1);
    QCOMPARE(report.skipped.first().objectId, QStringLiteral("obj-2"));
    QCOMPARE(report.skipped.first().userName, QStringLiteral("bad:name"));
    QCOMPARE(report.skipped.first().violations.first().attribute, QStringLiteral("userName"));
}

void TestUserValidator::genericServerIsLenient()
{
    // Defaults: only userName required, no limits; fallbacks only fill what a server requires.
    QJsonObject resource {{QStringLiteral("userName"), QStringLiteral("x<y>:%")},
        {QStringLiteral("emails"),
            QJsonArray {QJsonObject {{QStringLiteral("value"), QStringLiteral("a")}},
                QJsonObject {{QStringLiteral("value"), QStringLiteral("b")}}}},
        {QStringLiteral("name"), QJsonObject {{QStringLiteral("givenName"), QStringLiteral("X")}}}};
    const UserValidation result = UserValidator(ServerCapabilities()).validate(resource);
    QVERIFY(result.ok());
    QVERIFY(result.fallbacksApplied.isEmpty());
    QCOMPARE(result.resource, resource);
}

QTEST_GUILESS_MAIN(TestUserValidator)
#include "tst_uservalidator.moc"
