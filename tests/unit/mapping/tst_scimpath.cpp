#include "mapping/ScimPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const QString enterprise = QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

class TestScimPath : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void setBuildsScimJson_data();
    void setBuildsScimJson();
    void getReadsBack_data();
    void getReadsBack();
    void setRemovesAndPrunes();
    void setKeepsExistingElements();
    void namesAreCaseInsensitive();
};

void TestScimPath::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("urn");
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<QString>("filterAttribute");
    QTest::addColumn<QString>("filterValue");
    QTest::addColumn<QString>("subAttribute");
    QTest::addColumn<QString>("attributeName");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("simple") << "userName"
                            << ""
                            << "userName"
                            << ""
                            << ""
                            << ""
                            << "userName"
                            << "userName";
    QTest::newRow("boolean") << "active"
                             << ""
                             << "active"
                             << ""
                             << ""
                             << ""
                             << "active"
                             << "active";
    QTest::newRow("sub-attribute") << "name.givenName"
                                   << ""
                                   << "name"
                                   << ""
                                   << ""
                                   << "givenName"
                                   << "name.givenName"
                                   << "name.givenName";
    QTest::newRow("email filter") << "emails[type eq \"work\"].value"
                                  << ""
                                  << "emails"
                                  << "type"
                                  << "work"
                                  << "value"
                                  << "emails.value"
                                  << "emails[type eq \"work\"].value";
    QTest::newRow("phone filter, spaces") << "phoneNumbers[ type  EQ \"mobile\" ].value"
                                          << ""
                                          << "phoneNumbers"
                                          << "type"
                                          << "mobile"
                                          << "value"
                                          << "phoneNumbers.value"
                                          << "phoneNumbers[type eq \"mobile\"].value";
    QTest::newRow("address") << "addresses[type eq \"work\"].locality"
                             << ""
                             << "addresses"
                             << "type"
                             << "work"
                             << "locality"
                             << "addresses.locality"
                             << "addresses[type eq \"work\"].locality";
    QTest::newRow("escaped quote") << "emails[type eq \"a\\\"b\"].value"
                                   << ""
                                   << "emails"
                                   << "type"
                                   << "a\"b"
                                   << "value"
                                   << "emails.value"
                                   << "emails[type eq \"a\\\"b\"].value";
    QTest::newRow("extension") << enterprise + ":department" << enterprise << "department"
                               << ""
                               << ""
                               << "" << enterprise + ":department" << enterprise + ":department";
    QTest::newRow("extension sub") << enterprise + ":manager.value" << enterprise << "manager"
                                   << ""
                                   << ""
                                   << "value" << enterprise + ":manager.value" << enterprise + ":manager.value";
    QTest::newRow("surrounding blanks") << "  title "
                                        << ""
                                        << "title"
                                        << ""
                                        << ""
                                        << ""
                                        << "title"
                                        << "title";
}

void TestScimPath::parse()
{
    QFETCH(QString, text);
    const auto parsed = ScimPath::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QTEST(parsed->schemaUrn(), "urn");
    QTEST(parsed->attribute(), "attribute");
    QTEST(parsed->filterAttribute(), "filterAttribute");
    QTEST(parsed->filterValue().toString(), "filterValue");
    QTEST(parsed->subAttribute(), "subAttribute");
    QTEST(parsed->attributeName(), "attributeName");
    QTEST(parsed->toString(), "canonical");
    QCOMPARE(ScimPath::parse(parsed->toString()).value(), parsed.value());
}

void TestScimPath::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("empty") << "" << 1 << "empty";
    QTest::newRow("blank") << "   " << 4 << "empty";
    QTest::newRow("starts with digit") << "1name" << 1 << "Expected an attribute name at 1";
    QTest::newRow("unclosed filter") << "emails[type eq \"work\"" << 22 << "Expected ']' at 22";
    QTest::newRow("other operator") << "emails[type co \"work\"].value" << 13 << "Expected 'eq' at 13";
    QTest::newRow("no filter attribute") << "emails[].value" << 8 << "at 8";
    QTest::newRow("unclosed text") << "emails[type eq \"work].value" << 16 << "no closing";
    QTest::newRow("bare word value") << "emails[type eq work].value" << 16 << "Expected a value";
    QTest::newRow("dot without name") << "name." << 6 << "after '.' at 6";
    QTest::newRow("two levels") << "name.givenName.x" << 15 << "Unexpected '.' at 15";
    QTest::newRow("space inside") << "user Name" << 6 << "Unexpected 'N' at 6";
    QTest::newRow("urn too short") << "urn:department" << 5 << "schema URN";
    QTest::newRow("urn with space") << "urn:ietf:params scim:x:department" << 16 << "spaces";
    QTest::newRow("urn without attribute") << enterprise + ":" << enterprise.size() + 2 << "attribute name";
}

void TestScimPath::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(int, position);
    QFETCH(QString, messagePart);
    const auto parsed = ScimPath::parse(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().position, position);
    QVERIFY2(parsed.error().message.contains(messagePart), qPrintable(parsed.error().message));
}

void TestScimPath::setBuildsScimJson_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    const QString schemas = QStringLiteral("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}");
    QTest::newRow("simple") << "{}"
                            << "userName"
                            << "ada"
                            << "{\"userName\":\"ada\"}";
    QTest::newRow("sub") << "{\"name\":{\"familyName\":\"L\"}}"
                         << "name.givenName"
                         << "Ada"
                         << "{\"name\":{\"familyName\":\"L\",\"givenName\":\"Ada\"}}";
    QTest::newRow("first email is primary")
        << "{}"
        << "emails[type eq \"work\"].value"
        << "ada@example.com"
        << "{\"emails\":[{\"primary\":true,\"type\":\"work\",\"value\":\"ada@example.com\"}]}";
    QTest::newRow("first phone is primary")
        << "{}"
        << "phoneNumbers[type eq \"mobile\"].value"
        << "+1 555"
        << "{\"phoneNumbers\":[{\"primary\":true,\"type\":\"mobile\",\"value\":\"+1 555\"}]}";
    QTest::newRow("second email is not primary")
        << "{\"emails\":[{\"primary\":true,\"type\":\"work\",\"value\":\"a@w\"}]}"
        << "emails[type eq \"home\"].value"
        << "a@h"
        << "{\"emails\":[{\"primary\":true,\"type\":\"work\",\"value\":\"a@w\"},{\"type\":\"home\",\"value\":\"a@h\"}]"
           "}";
    QTest::newRow("address has no primary") << "{}"
                                            << "addresses[type eq \"work\"].locality"
                                            << "Paris"
                                            << "{\"addresses\":[{\"locality\":\"Paris\",\"type\":\"work\"}]}";
    QTest::newRow("same element twice")
        << "{\"addresses\":[{\"locality\":\"Paris\",\"type\":\"work\"}]}"
        << "addresses[type eq \"work\"].country"
        << "FR"
        << "{\"addresses\":[{\"country\":\"FR\",\"locality\":\"Paris\",\"type\":\"work\"}]}";
    QTest::newRow("multi without filter") << "{}"
                                          << "emails.value"
                                          << "a@w"
                                          << "{\"emails\":[{\"primary\":true,\"value\":\"a@w\"}]}";
    QTest::newRow("extension adds schema")
        << schemas << enterprise + ":department"
        << "R&D"
        << QStringLiteral("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"%1\"],\"%1\":{"
                          "\"department\":\"R&D\"}}")
               .arg(enterprise);
    QTest::newRow("extension sub, schema once")
        << QStringLiteral("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"%1\"],\"%1\":{"
                          "\"department\":\"R&D\"}}")
               .arg(enterprise)
        << enterprise + ":manager.value"
        << "m-1"
        << QStringLiteral("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"%1\"],\"%1\":{"
                          "\"department\":\"R&D\",\"manager\":{\"value\":\"m-1\"}}}")
               .arg(enterprise);
    QTest::newRow("replace") << "{\"title\":\"old\"}"
                             << "title"
                             << "new"
                             << "{\"title\":\"new\"}";
}

void TestScimPath::setBuildsScimJson()
{
    QFETCH(QString, start);
    QFETCH(QString, path);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QJsonObject resource = json(start.toUtf8().constData());
    ScimPathError error;
    QVERIFY(ScimPath::set(resource, path, value, &error));
    QCOMPARE(compact(resource), compact(json(expected.toUtf8().constData())));
    QCOMPARE(ScimPath::get(resource, path).toString(), value);
}

void TestScimPath::getReadsBack_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected"); // compact JSON of the value, "undefined" when absent

    const QString user = QStringLiteral(
        "{\"userName\":\"ada\",\"active\":true,\"name\":{\"givenName\":\"Ada\"},"
        "\"emails\":[{\"type\":\"home\",\"value\":\"h@x\"},{\"type\":\"Work\",\"value\":\"w@x\",\"primary\":true}],"
        "\"%1\":{\"department\":\"R&D\",\"manager\":{\"value\":\"m-1\"}}}")
                             .arg(enterprise);
    QTest::newRow("simple") << user << "userName"
                            << "\"ada\"";
    QTest::newRow("bool") << user << "active"
                          << "true";
    QTest::newRow("sub") << user << "name.givenName"
                         << "\"Ada\"";
    QTest::newRow("missing sub") << user << "name.familyName"
                                 << "undefined";
    QTest::newRow("filter, value case-insensitive") << user << "emails[type eq \"work\"].value"
                                                    << "\"w@x\"";
    QTest::newRow("filter no match") << user << "emails[type eq \"other\"].value"
                                     << "undefined";
    QTest::newRow("filter element") << user << "emails[type eq \"home\"]"
                                    << "{\"type\":\"home\",\"value\":\"h@x\"}";
    QTest::newRow("all values") << user << "emails.value"
                                << "[\"h@x\",\"w@x\"]";
    QTest::newRow("extension") << user << enterprise + ":department"
                               << "\"R&D\"";
    QTest::newRow("extension sub") << user << enterprise + ":manager.value"
                                   << "\"m-1\"";
    QTest::newRow("extension absent") << "{}" << enterprise + ":department"
                                      << "undefined";
    QTest::newRow("invalid path") << user << "emails["
                                  << "undefined";
}

void TestScimPath::getReadsBack()
{
    QFETCH(QString, resource);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const QJsonValue value = ScimPath::get(json(resource.toUtf8().constData()), path);
    QString actual;
    if (value.isUndefined()) {
        actual = QStringLiteral("undefined");
    } else {
        actual = compact(QJsonObject {{QStringLiteral("v"), value}});
        actual = actual.mid(5, actual.size() - 6); // strip {"v":…}
    }
    QCOMPARE(actual, expected);
}

void TestScimPath::setRemovesAndPrunes()
{
    QJsonObject resource = json("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}");
    ScimPath::set(resource, enterprise + QStringLiteral(":manager.value"), QStringLiteral("m"));
    ScimPath::set(resource, QStringLiteral("emails[type eq \"work\"].value"), QStringLiteral("a@w"));
    ScimPath::set(resource, QStringLiteral("name.givenName"), QStringLiteral("Ada"));
    QVERIFY(resource.contains(enterprise));

    ScimPath::set(resource, enterprise + QStringLiteral(":manager.value"), QJsonValue::Null);
    ScimPath::set(resource, QStringLiteral("emails[type eq \"work\"].value"), QJsonValue());
    ScimPath::set(resource, QStringLiteral("name.givenName"), QJsonValue::Null);
    QCOMPARE(compact(resource), QStringLiteral("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}"));
}

void TestScimPath::setKeepsExistingElements()
{
    QJsonObject resource = json("{\"emails\":[{\"type\":\"work\",\"value\":\"old\",\"primary\":true,\"display\":"
                                "\"Work\"}]}");
    ScimPath::set(resource, QStringLiteral("emails[type eq \"work\"].value"), QStringLiteral("new"));
    QCOMPARE(compact(resource),
        QStringLiteral("{\"emails\":[{\"display\":\"Work\",\"primary\":true,\"type\":\"work\",\"value\":\"new\"}]}"));
}

void TestScimPath::namesAreCaseInsensitive()
{
    const QJsonObject resource = json("{\"UserName\":\"ada\",\"NAME\":{\"GivenName\":\"Ada\"}}");
    QCOMPARE(ScimPath::get(resource, QStringLiteral("userName")).toString(), QStringLiteral("ada"));
    QCOMPARE(ScimPath::get(resource, QStringLiteral("name.givenName")).toString(), QStringLiteral("Ada"));
    QJsonObject copy = resource;
    ScimPath::set(copy, QStringLiteral("username"), QStringLiteral("bob"));
    QCOMPARE(compact(copy), QStringLiteral("{\"NAME\":{\"GivenName\":\"Ada\"},\"UserName\":\"bob\"}"));
}

QTEST_GUILESS_MAIN(TestScimPath)
#include "tst_scimpath.moc"
