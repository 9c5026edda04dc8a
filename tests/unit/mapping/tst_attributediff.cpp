#include "mapping/AttributeDiff.h"
#include "mapping/AttributeNormalizer.h"
#include "mapping/UserMapper.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const QString enterprise = QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");

QJsonObject json(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QJsonValue value(const QString& text)
{
    if (text == QLatin1String("absent")) {
        return QJsonValue(QJsonValue::Undefined);
    }
    return json(QStringLiteral("{\"v\":%1}").arg(text)).value(QLatin1String("v"));
}

} // namespace

class TestAttributeDiff : public QObject
{
    Q_OBJECT

private slots:
    void equivalence_data();
    void equivalence();
    void compare_data();
    void compare();
    void onlyMappedPathsCompared();
    void reportsBeforeAndAfter();
    void noOpForMapperOutput();
};

void TestAttributeDiff::equivalence_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("caseExact");
    QTest::addColumn<bool>("equivalent");

    QTest::newRow("same text") << "\"x\""
                               << "\"x\"" << true << true;
    QTest::newRow("different text") << "\"x\""
                                    << "\"y\"" << true << false;
    QTest::newRow("case matters when exact") << "\"Ada\""
                                             << "\"ada\"" << true << false;
    QTest::newRow("case ignored otherwise") << "\"Ada\""
                                            << "\"ada\"" << false << true;
    QTest::newRow("absent vs empty") << "absent"
                                     << "\"\"" << true << true;
    QTest::newRow("absent vs null") << "absent"
                                    << "null" << true << true;
    QTest::newRow("null vs empty") << "null"
                                   << "\"\"" << true << true;
    QTest::newRow("empty array vs absent") << "[]"
                                           << "absent" << true << true;
    QTest::newRow("empty object vs absent") << "{}"
                                            << "absent" << true << true;
    QTest::newRow("absent vs value") << "absent"
                                     << "\"x\"" << true << false;
    QTest::newRow("bool vs text") << "true"
                                  << "\"true\"" << true << true;
    QTest::newRow("bool vs True text") << "false"
                                       << "\"False\"" << true << true;
    QTest::newRow("bool differs") << "true"
                                  << "\"false\"" << true << false;
    QTest::newRow("number vs text") << "42"
                                    << "\"42\"" << true << true;
    QTest::newRow("array order") << "[\"a\",\"b\"]"
                                 << "[\"b\",\"a\"]" << true << true;
    QTest::newRow("array content") << "[\"a\",\"b\"]"
                                   << "[\"a\",\"c\"]" << true << false;
    QTest::newRow("single element vs scalar") << "[\"a\"]"
                                              << "\"a\"" << true << true;
    QTest::newRow("array of objects, order")
        << "[{\"type\":\"work\",\"value\":\"a\"},{\"type\":\"home\",\"value\":\"b\"}]"
        << "[{\"value\":\"b\",\"type\":\"home\"},{\"value\":\"a\",\"type\":\"work\"}]" << true << true;
    QTest::newRow("array of objects, case-insensitive") << "[{\"value\":\"A@X\"}]"
                                                        << "[{\"value\":\"a@x\"}]" << false << true;
    QTest::newRow("object ignores empty members") << "{\"givenName\":\"A\",\"middleName\":\"\"}"
                                                  << "{\"givenName\":\"A\"}" << true << true;
    QTest::newRow("object member names ignore case") << "{\"GivenName\":\"A\"}"
                                                     << "{\"givenName\":\"A\"}" << true << true;
    QTest::newRow("array with empty element") << "[\"a\",\"\"]"
                                              << "\"a\"" << true << true;
}

void TestAttributeDiff::equivalence()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, caseExact);
    QTEST(AttributeNormalizer::equivalent(value(a), value(b), caseExact), "equivalent");
    QTEST(AttributeNormalizer::equivalent(value(b), value(a), caseExact), "equivalent");
}

void TestAttributeDiff::compare_data()
{
    QTest::addColumn<QString>("desired");
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QStringList>("changedPaths");

    const QStringList none;
    QTest::newRow("identical") << "{\"userName\":\"ada\",\"active\":true}"
                               << "{\"userName\":\"ada\",\"active\":true}" << none;
    QTest::newRow("userName case ignored") << "{\"userName\":\"Ada@Example.com\"}"
                                           << "{\"userName\":\"ada@example.com\"}" << none;
    QTest::newRow("displayName case is a change")
        << "{\"displayName\":\"Ada Lovelace\"}"
        << "{\"displayName\":\"ada lovelace\"}" << QStringList {QStringLiteral("displayName")};
    QTest::newRow("email case ignored") << "{\"emails\":[{\"type\":\"work\",\"value\":\"Ada@X.com\",\"primary\":true}]}"
                                        << "{\"emails\":[{\"type\":\"work\",\"value\":\"ada@x.com\",\"primary\":true}]}"
                                        << none;
    QTest::newRow("email type case ignored by filter")
        << "{\"emails\":[{\"type\":\"work\",\"value\":\"a@x\"}]}"
        << "{\"emails\":[{\"type\":\"Work\",\"value\":\"a@x\"}]}" << none;
    QTest::newRow("email changed") << "{\"emails\":[{\"type\":\"work\",\"value\":\"new@x\"}]}"
                                   << "{\"emails\":[{\"type\":\"work\",\"value\":\"old@x\"}]}"
                                   << QStringList {QStringLiteral("emails[type eq \"work\"].value")};
    QTest::newRow("active text vs bool") << "{\"active\":true}"
                                         << "{\"active\":\"true\"}" << none;
    QTest::newRow("active flipped") << "{\"active\":false}"
                                    << "{\"active\":true}" << QStringList {QStringLiteral("active")};
    QTest::newRow("absent vs empty title") << "{}"
                                           << "{\"title\":\"\"}" << none;
    QTest::newRow("title removed") << "{}"
                                   << "{\"title\":\"Analyst\"}" << QStringList {QStringLiteral("title")};
    QTest::newRow("title added") << "{\"title\":\"Analyst\"}"
                                 << "{}" << QStringList {QStringLiteral("title")};
    QTest::newRow("name sub-attributes")
        << "{\"name\":{\"givenName\":\"Ada\",\"familyName\":\"King\"}}"
        << "{\"name\":{\"givenName\":\"Ada\",\"familyName\":\"Lovelace\",\"formatted\":\"Ada Lovelace\"}}"
        << QStringList {QStringLiteral("name.familyName")};
    QTest::newRow("extension")
        << QStringLiteral("{\"%1\":{\"department\":\"R&D\",\"manager\":{\"value\":\"m1\"}}}").arg(enterprise)
        << QStringLiteral("{\"%1\":{\"department\":\"R&D\",\"manager\":{\"value\":\"m2\",\"displayName\":\"M\"}}}")
               .arg(enterprise)
        << QStringList {enterprise + QStringLiteral(":manager.value")};
    QTest::newRow("roles order-insensitive") << "{\"roles\":[{\"value\":\"a\"},{\"value\":\"b\"}]}"
                                             << "{\"roles\":[{\"value\":\"b\"},{\"value\":\"a\"}]}" << none;
}

void TestAttributeDiff::compare()
{
    QFETCH(QString, desired);
    QFETCH(QString, actual);
    QFETCH(QStringList, changedPaths);
    const QStringList mapped {QStringLiteral("userName"), QStringLiteral("displayName"), QStringLiteral("active"),
        QStringLiteral("title"), QStringLiteral("name.givenName"), QStringLiteral("name.familyName"),
        QStringLiteral("emails[type eq \"work\"].value"), enterprise + QStringLiteral(":department"),
        enterprise + QStringLiteral(":manager.value"), QStringLiteral("roles")};
    const QStringList caseInsensitive {QStringLiteral("userName"), QStringLiteral("emails.value")};

    const QList<AttributeChange> changes = AttributeDiff::compare(json(desired), json(actual), mapped, caseInsensitive);
    QStringList paths;
    for (const AttributeChange& change : changes) {
        paths.append(change.path);
    }
    QCOMPARE(paths, changedPaths);
}

void TestAttributeDiff::onlyMappedPathsCompared()
{
    const QJsonObject desired = json(QStringLiteral("{\"userName\":\"ada\"}"));
    const QJsonObject actual = json(QStringLiteral(
        "{\"id\":\"9\",\"userName\":\"ada\",\"nickName\":\"set by hand\",\"meta\":{\"resourceType\":\"User\"}}"));
    QVERIFY(AttributeDiff::compare(desired, actual, {QStringLiteral("userName")}, {}).isEmpty());
}

void TestAttributeDiff::reportsBeforeAndAfter()
{
    const AttributeDiff diff({QStringLiteral("title"), QStringLiteral("nickName"), QStringLiteral("active")}, {});
    const QList<AttributeChange> changes = diff.compare(json(QStringLiteral("{\"title\":\"New\",\"active\":false}")),
        json(QStringLiteral("{\"title\":\"Old\",\"nickName\":\"N\",\"active\":true}")));
    QCOMPARE(changes.size(), 3);
    QCOMPARE(changes.at(0), (AttributeChange {QStringLiteral("title"), QStringLiteral("Old"), QStringLiteral("New")}));
    QCOMPARE(changes.at(1), (AttributeChange {QStringLiteral("nickName"), QStringLiteral("N"), QJsonValue::Null}));
    QCOMPARE(changes.at(2), (AttributeChange {QStringLiteral("active"), true, false}));
}

void TestAttributeDiff::noOpForMapperOutput()
{
    // What the target sends back after a create, reordered and case-folded, is no change.
    AttributeMapping userName;
    userName.source = QStringLiteral("userName");
    userName.target = QStringLiteral("userName");
    AttributeMapping email;
    email.source = QStringLiteral("email");
    email.target = QStringLiteral("emails[type eq \"work\"].value");
    AttributeMapping active;
    active.source = QStringLiteral("active");
    active.target = QStringLiteral("active");
    AttributeMapping department;
    department.source = QStringLiteral("department");
    department.target = enterprise + QStringLiteral(":department");
    ServerCapabilities capabilities;
    const UserMapper mapper({userName, email, active, department}, {}, capabilities);

    DirectoryUser user;
    user.userName = QStringLiteral("Ada@Example.com");
    user.email = QStringLiteral("Ada@Example.com");
    const QJsonObject desired = mapper.map(user, MapPurpose::Update).resource;
    const QJsonObject actual = json(QStringLiteral(
        "{\"id\":\"1\",\"userName\":\"ada@example.com\",\"active\":\"True\","
        "\"emails\":[{\"value\":\"ada@example.com\",\"type\":\"work\",\"primary\":true}],\"%1\":{\"department\":\"\"}}")
                                        .arg(enterprise));
    const AttributeDiff diff(mapper.mappedScimPaths(), mapper.caseInsensitivePaths());
    QVERIFY(diff.compare(desired, actual).isEmpty());

    // Many users: the parsed-once diff stays cheap.
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 20000; ++i) {
        QVERIFY(diff.compare(desired, actual).isEmpty());
    }
    qInfo("20000 compares in %lld ms", timer.elapsed());
}

QTEST_GUILESS_MAIN(TestAttributeDiff)
#include "tst_attributediff.moc"
