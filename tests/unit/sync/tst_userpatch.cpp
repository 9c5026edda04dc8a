#include <sync/UserPatch.h>

#include <QJsonArray>
#include <QTest>

namespace {
const QString kWorkPhone = QStringLiteral("phoneNumbers[type eq \"work\"].value");

QJsonObject phone(const char* type, const char* value)
{
    return QJsonObject {{QStringLiteral("type"), QLatin1String(type)}, {QStringLiteral("value"), QLatin1String(value)}};
}

QJsonObject userWithPhones(const QJsonArray& phones)
{
    QJsonObject user {{QStringLiteral("userName"), QStringLiteral("alice")}};
    if (!phones.isEmpty())
        user.insert(QStringLiteral("phoneNumbers"), phones);
    return user;
}

ServerCapabilities withValuePaths(bool on)
{
    ServerCapabilities caps;
    caps.patchValueFilterPaths = on;
    return caps;
}
} // namespace

// Which PATCH operations a change of mapped attributes turns into; the end-to-end tests show
// what the emulator and the SCIMMY peer then hold.
class TestUserPatch : public QObject
{
    Q_OBJECT

private slots:
    void valuePathReplacesOnlyTheWorkValue();
    void valuePathRemovesOnlyTheWorkElement();
    void valuePathAddsAMissingElement();
    void mergedListKeepsTheOtherValues();
    void singleValuedServerKeepsAnUnmanagedValue();
    void singleValuedServerReplacesItsOwnValue();
    void plainAttributesAreReplacedOrRemoved();
};

void TestUserPatch::valuePathReplacesOnlyTheWorkValue()
{
    const QJsonObject current = userWithPhones({phone("work", "1"), phone("home", "2")});
    const QJsonObject desired = userWithPhones({phone("work", "9")});
    const auto outcome = UserPatch::build(
        desired, current, {{kWorkPhone, QStringLiteral("1"), QStringLiteral("9")}}, withValuePaths(true));
    QCOMPARE(outcome.operations, QList<PatchOperation> {PatchOperation::replace(kWorkPhone, QStringLiteral("9"))});
    QCOMPARE(outcome.sent.size(), 1);
    QVERIFY(outcome.leftOut.isEmpty());
}

void TestUserPatch::valuePathRemovesOnlyTheWorkElement()
{
    const QJsonObject current = userWithPhones({phone("work", "1"), phone("home", "2")});
    const auto outcome = UserPatch::build(
        userWithPhones({}), current, {{kWorkPhone, QStringLiteral("1"), QJsonValue::Null}}, withValuePaths(true));
    QCOMPARE(outcome.operations,
        QList<PatchOperation> {PatchOperation::remove(QStringLiteral("phoneNumbers[type eq \"work\"]"))});
}

void TestUserPatch::valuePathAddsAMissingElement()
{
    const QJsonObject current = userWithPhones({phone("home", "2")});
    const auto outcome = UserPatch::build(userWithPhones({phone("work", "9")}), current,
        {{kWorkPhone, QJsonValue::Null, QStringLiteral("9")}}, withValuePaths(true));
    // add to the list, never replace it; not primary, the home number was there first
    QCOMPARE(outcome.operations,
        QList<PatchOperation> {PatchOperation::add(QStringLiteral("phoneNumbers"), QJsonArray {phone("work", "9")})});
}

void TestUserPatch::mergedListKeepsTheOtherValues()
{
    const QJsonObject current = userWithPhones({phone("home", "2"), phone("work", "1")});
    auto outcome = UserPatch::build(userWithPhones({phone("work", "9")}), current,
        {{kWorkPhone, QStringLiteral("1"), QStringLiteral("9")}}, withValuePaths(false));
    QCOMPARE(outcome.operations,
        QList<PatchOperation> {PatchOperation::replace(
            QStringLiteral("phoneNumbers"), QJsonArray {phone("home", "2"), phone("work", "9")})});
    outcome = UserPatch::build(
        userWithPhones({}), current, {{kWorkPhone, QStringLiteral("1"), QJsonValue::Null}}, withValuePaths(false));
    QCOMPARE(outcome.operations,
        QList<PatchOperation> {
            PatchOperation::replace(QStringLiteral("phoneNumbers"), QJsonArray {phone("home", "2")})});
}

void TestUserPatch::singleValuedServerKeepsAnUnmanagedValue()
{
    ServerCapabilities caps;
    caps.singleValuedMultiAttributes = {QStringLiteral("phoneNumbers")};
    const auto outcome = UserPatch::build(userWithPhones({phone("work", "9")}), userWithPhones({phone("mobile", "3")}),
        {{kWorkPhone, QJsonValue::Null, QStringLiteral("9")}}, caps);
    QVERIFY(outcome.operations.isEmpty());
    QVERIFY(outcome.sent.isEmpty());
    QCOMPARE(outcome.leftOut.size(), 1);
    QVERIFY(outcome.leftOut.first().contains(QLatin1String("phoneNumbers is left unchanged")));
}

void TestUserPatch::singleValuedServerReplacesItsOwnValue()
{
    ServerCapabilities caps;
    caps.singleValuedMultiAttributes = {QStringLiteral("phoneNumbers")};
    const QJsonObject current = userWithPhones({phone("work", "1")});
    auto outcome = UserPatch::build(
        userWithPhones({phone("work", "9")}), current, {{kWorkPhone, QStringLiteral("1"), QStringLiteral("9")}}, caps);
    QCOMPARE(outcome.operations,
        QList<PatchOperation> {
            PatchOperation::replace(QStringLiteral("phoneNumbers"), QJsonArray {phone("work", "9")})});
    outcome
        = UserPatch::build(userWithPhones({}), current, {{kWorkPhone, QStringLiteral("1"), QJsonValue::Null}}, caps);
    QCOMPARE(outcome.operations, QList<PatchOperation> {PatchOperation::remove(QStringLiteral("phoneNumbers"))});
}

void TestUserPatch::plainAttributesAreReplacedOrRemoved()
{
    const auto outcome = UserPatch::build(QJsonObject {}, QJsonObject {},
        {{QStringLiteral("title"), QStringLiteral("A"), QStringLiteral("B")},
            {QStringLiteral("name.givenName"), QStringLiteral("A"), QJsonValue::Null},
            {QStringLiteral("userName"), QStringLiteral("a"), QJsonValue::Null}},
        ServerCapabilities());
    QCOMPARE(outcome.operations,
        QList<PatchOperation>({PatchOperation::replace(QStringLiteral("title"), QStringLiteral("B")),
            PatchOperation::remove(QStringLiteral("name.givenName"))}));
    QCOMPARE(outcome.sent.size(), 2); // userName cannot be removed: not sent, not claimed
}

QTEST_GUILESS_MAIN(TestUserPatch)
#include "tst_userpatch.moc"
