#include <mapping/AttributeDiff.h>
#include <sync/ResourceProjection.h>
#include <sync/SyncPlanner.h>
#include <sync/UserPatch.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

// The planner keeps a compact form of each user (CompactResource) instead of its JSON. These
// tests hold it to the JSON it came from: every value reads back as ScimPath::get() read it, the
// create body comes back equal, and a plan made from compact users is byte for byte the plan the
// JSON diff made (AttributeDiff + UserPatch on the whole resources, as the planner did before).
class TestCompactResource : public QObject
{
    Q_OBJECT

private slots:
    void valuesReadLikeTheJson_data();
    void valuesReadLikeTheJson();
    void bodyComesBackEqual();
    void desiredUserKeepsNameAndMatchKeysInTheBlob();
    void listsKeepTheMultiValuedAttributesAsSpelled();
    void pathsAreFoundWithoutCase();
    void targetUserNamesAreKeptBesideTheValues();
    void planEqualsTheJsonDiff_data();
    void planEqualsTheJsonDiff();
    void pathNotKeptIsNotChanged();
};

namespace {
const QString kWorkEmail = QStringLiteral("emails[type eq \"work\"].value");
const QString kEnterprise = QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
const QString kCustom = QStringLiteral("urn:example:params:scim:schemas:extension:acme:2.0:User");

QJsonObject email(const QString& type, const QString& value, bool primary = false)
{
    QJsonObject element {{QStringLiteral("type"), type}, {QStringLiteral("value"), value}};
    if (primary)
        element.insert(QStringLiteral("primary"), true);
    return element;
}

QJsonObject ann()
{
    return QJsonObject {
        {QStringLiteral("schemas"),
            QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User"), kEnterprise}},
        {QStringLiteral("userName"), QStringLiteral("ann")},
        {QStringLiteral("externalId"), QStringLiteral("obj-ann")},
        {QStringLiteral("displayName"), QStringLiteral("Ann Ñandú \"the\" \\ first")},
        {QStringLiteral("active"), true},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("Ann")},
                {QStringLiteral("familyName"), QStringLiteral("Smith")}}},
        {QStringLiteral("emails"), QJsonArray {email(QStringLiteral("work"), QStringLiteral("ann@example.com"), true)}},
        {kEnterprise,
            QJsonObject {{QStringLiteral("department"), QStringLiteral("Sales")},
                {QStringLiteral("employeeNumber"), QStringLiteral("42")}}},
    };
}

QString textOf(const QJsonValue& value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact));
}

// The user operations of a plan as bytes: kind, changes (before → after), PATCH body, payload.
QByteArray bytesOf(const SyncPlan& plan)
{
    QJsonArray operations;
    for (const auto& operation : plan.operations) {
        QJsonArray changes;
        for (const auto& change : operation.changes)
            changes.append(QJsonArray {change.path, change.before, change.after});
        operations.append(QJsonObject {{QStringLiteral("kind"), PlannedOperation::kindId(operation.kind)},
            {QStringLiteral("changes"), changes},
            {QStringLiteral("patch"), PatchOperation::requestBody(operation.patch)},
            {QStringLiteral("payload"), operation.payload}});
    }
    QJsonArray warnings;
    for (const auto& warning : plan.warnings)
        warnings.append(warning);
    return QJsonDocument(
        QJsonObject {{QStringLiteral("operations"), operations}, {QStringLiteral("warnings"), warnings}})
        .toJson(QJsonDocument::Compact);
}

// What the planner made of one linked user from the whole JSON, before CompactResource: the
// same comparison, diff and PATCH on the resources themselves.
QByteArray jsonPlan(const QJsonObject& desired, const QJsonObject& target, const QStringList& updatePaths,
    const QStringList& caseInsensitive, const ServerCapabilities& capabilities)
{
    SyncPlan plan;
    bool identical = true;
    for (const QString& path : updatePaths)
        identical = identical && ScimPath::get(desired, path) == ScimPath::get(target, path);
    if (identical)
        return bytesOf(plan);
    const UserPatch::Outcome patch = UserPatch::build(
        desired, target, AttributeDiff::compare(desired, target, updatePaths, caseInsensitive), capabilities);
    for (const QString& leftOut : patch.leftOut)
        plan.warnings.append(QStringLiteral("The user \"ann\": %1").arg(leftOut));
    if (!patch.sent.isEmpty()) {
        PlannedOperation operation;
        operation.kind = PlannedOperation::Kind::UpdateUser;
        operation.changes = patch.sent;
        operation.patch = patch.operations;
        operation.payload = desired;
        plan.operations.append(operation);
    }
    return bytesOf(plan);
}

SyncPlan compactPlan(const QJsonObject& desired, QJsonObject target, const QStringList& updatePaths,
    const QStringList& caseInsensitive, const ServerCapabilities& capabilities)
{
    PlannerInput input;
    input.capabilities = capabilities;
    input.updatePaths = updatePaths;
    input.caseInsensitivePaths = caseInsensitive;
    input.options.deletionThresholdMinimum = 10;
    // As DesiredStateBuilder and TargetReader make it: the update paths and the matching ones.
    input.projection = std::make_shared<const ResourceProjection>(
        updatePaths + QStringList {QStringLiteral("externalId"), QStringLiteral("userName")});
    DesiredUser user;
    user.directoryObjectId = QStringLiteral("obj-ann");
    user.setResource(
        *input.projection, desired, QStringLiteral("ann"), {{QStringLiteral("externalId"), user.directoryObjectId}});
    input.users = {user};
    target.insert(QStringLiteral("id"), QStringLiteral("t-ann"));
    auto snapshot = std::make_shared<TargetSnapshot>();
    snapshot->projection = input.projection;
    snapshot->users = {TargetSnapshot::userFromJson(target, *input.projection)};
    input.target = snapshot;
    input.userLinks = {{user.directoryObjectId, QStringLiteral("t-ann")}};
    return SyncPlanner::plan(input);
}
} // namespace

void TestCompactResource::valuesReadLikeTheJson_data()
{
    QTest::addColumn<QJsonObject>("resource");
    QJsonObject odd = ann();
    odd.insert(QStringLiteral("title"), QJsonValue::Null);
    odd.insert(QStringLiteral("nickName"), QString());
    odd.insert(QStringLiteral("userType"), 7);
    odd.insert(QStringLiteral("locale"), 7.5);
    odd.insert(QStringLiteral("emails"),
        QJsonArray {email(QStringLiteral("work"), QStringLiteral("ann@example.com"), true),
            email(QStringLiteral("home"), QStringLiteral("ann@home.example"))});
    odd.insert(kCustom, QJsonObject {{QStringLiteral("costCenter"), QJsonArray {1, QStringLiteral("two")}}});
    QJsonObject spelled = ann();
    spelled.remove(QStringLiteral("emails"));
    spelled.insert(
        QStringLiteral("Emails"), QJsonArray {email(QStringLiteral("WORK"), QStringLiteral("Ann@Example.com"))});
    QTest::newRow("typical") << ann();
    QTest::newRow("null, empty, numbers, two emails, custom extension") << odd;
    QTest::newRow("keys spelled otherwise") << spelled;
    QTest::newRow("empty") << QJsonObject();
}

void TestCompactResource::valuesReadLikeTheJson()
{
    QFETCH(QJsonObject, resource);
    const ResourceProjection projection({QStringLiteral("userName"), QStringLiteral("displayName"),
        QStringLiteral("name.givenName"), kWorkEmail, QStringLiteral("emails.value"), QStringLiteral("title"),
        QStringLiteral("nickName"), QStringLiteral("userType"), QStringLiteral("locale"), QStringLiteral("active"),
        QStringLiteral("name"), kEnterprise + QStringLiteral(":department"),
        kEnterprise + QStringLiteral(":employeeNumber"), kCustom + QStringLiteral(":costCenter")});
    for (const auto keep : {ResourceProjection::Keep::Whole, ResourceProjection::Keep::Lists}) {
        const CompactResource compact = projection.compact(resource, keep);
        for (int i = 0; i < projection.size(); ++i) {
            const QJsonValue expected = projection.path(i).get(resource);
            const QJsonValue value = compact.value(i);
            QVERIFY2(value == expected && value.type() == expected.type(),
                qPrintable(projection.path(i).toString() + QStringLiteral(": ") + textOf(value)));
            QCOMPARE(compact.encoded(i).isEmpty(), expected.isUndefined()); // null is not missing
        }
    }
}

void TestCompactResource::bodyComesBackEqual()
{
    const ResourceProjection projection({QStringLiteral("userName")});
    QJsonObject resource = ann();
    resource.insert(QStringLiteral("userType"), 7);
    resource.insert(QStringLiteral("locale"), 7.25);
    resource.insert(QStringLiteral("title"), QJsonValue::Null);
    const QJsonObject back = projection.compact(resource, ResourceProjection::Keep::Whole).kept();
    QCOMPARE(back, resource);
    QCOMPARE(QJsonDocument(back).toJson(), QJsonDocument(resource).toJson());
    QVERIFY(projection.compact(QJsonObject(), ResourceProjection::Keep::Whole).kept().isEmpty());
}

void TestCompactResource::listsKeepTheMultiValuedAttributesAsSpelled()
{
    const ResourceProjection projection({kWorkEmail, QStringLiteral("phoneNumbers[type eq \"work\"].value"),
        QStringLiteral("title"), kEnterprise + QStringLiteral(":department")});
    QJsonObject resource = ann();
    const QJsonArray emails = resource.take(QStringLiteral("emails")).toArray();
    resource.insert(QStringLiteral("EMAILS"), emails);
    // What a PATCH of the work email merges into, under the key the server used; nothing else.
    QCOMPARE(projection.compact(resource, ResourceProjection::Keep::Lists).kept(),
        (QJsonObject {{QStringLiteral("EMAILS"), emails}}));
    QVERIFY(projection
                .compact(QJsonObject {{QStringLiteral("title"), QStringLiteral("x")}}, ResourceProjection::Keep::Lists)
                .kept()
                .isEmpty());
}

void TestCompactResource::pathsAreFoundWithoutCase()
{
    const ResourceProjection projection({kWorkEmail, QStringLiteral("userName")});
    QCOMPARE(projection.indexOf(QStringLiteral("EMAILS[Type eq \"Work\"].VALUE")), projection.indexOf(kWorkEmail));
    QCOMPARE(projection.indexOf(QStringLiteral("username")), projection.indexOf(QStringLiteral("userName")));
    QCOMPARE(projection.indexOf(QStringLiteral("title")), -1);
    QCOMPARE(projection.indexOf(QStringLiteral("[broken")), -1);
    QVERIFY(projection.indexOf(ResourceProjection::managerPath()) >= 0); // always kept
}

void TestCompactResource::targetUserNamesAreKeptBesideTheValues()
{
    const ResourceProjection projection({QStringLiteral("title"), kWorkEmail});
    QJsonObject resource = ann();
    resource.insert(QStringLiteral("id"), QStringLiteral("t-1"));
    resource.insert(QStringLiteral("title"), QStringLiteral("Boss"));
    const TargetUser user = TargetSnapshot::userFromJson(resource, projection);
    QCOMPARE(user.id, QStringLiteral("t-1"));
    QCOMPARE(user.userName(), QStringLiteral("ann"));
    QCOMPARE(user.displayName(), resource.value(QLatin1String("displayName")).toString());
    QCOMPARE(user.externalId(), QStringLiteral("obj-ann"));
    QCOMPARE(user.resource.value(projection.indexOf(QStringLiteral("title"))), QJsonValue(QStringLiteral("Boss")));
    QCOMPARE(user.resource.kept(), (QJsonObject {{QStringLiteral("emails"), resource.value(QLatin1String("emails"))}}));
    const TargetUser bare
        = TargetSnapshot::userFromJson(QJsonObject {{QStringLiteral("id"), QStringLiteral("t-2")}}, projection);
    QVERIFY(bare.displayName().isEmpty());
    QVERIFY(bare.externalId().isEmpty());
    QVERIFY(bare.userName().isEmpty());
    QVERIFY(bare.resource.kept().isEmpty());
}

void TestCompactResource::planEqualsTheJsonDiff_data()
{
    QTest::addColumn<QJsonObject>("desired");
    QTest::addColumn<QJsonObject>("target");
    QTest::addColumn<QStringList>("updatePaths");
    QTest::addColumn<bool>("valuePaths");
    const QStringList core {QStringLiteral("userName"), QStringLiteral("displayName"), QStringLiteral("name.givenName"),
        kWorkEmail, QStringLiteral("title"), QStringLiteral("active")};
    const QStringList extension {kEnterprise + QStringLiteral(":department"),
        kEnterprise + QStringLiteral(":employeeNumber"), kCustom + QStringLiteral(":costCenter")};
    const QJsonObject base = ann();
    auto with = [&base](const QString& key, const QJsonValue& value) {
        QJsonObject changed = base;
        if (value.isUndefined())
            changed.remove(key);
        else
            changed.insert(key, value);
        return changed;
    };
    const QJsonArray twoEmails {email(QStringLiteral("work"), QStringLiteral("old@example.com"), true),
        email(QStringLiteral("home"), QStringLiteral("ann@home.example"))};
    QJsonObject custom = with(kCustom, QJsonObject {{QStringLiteral("costCenter"), QStringLiteral("CC-1")}});
    QJsonObject enterpriseChanged = custom;
    enterpriseChanged.insert(kEnterprise,
        QJsonObject {
            {QStringLiteral("department"), QStringLiteral("Finance")}, {QStringLiteral("employeeNumber"), 42}});

    QTest::newRow("in sync") << base << base << core << false;
    QTest::newRow("absent on the target")
        << with(QStringLiteral("title"), QStringLiteral("Boss")) << base << core << false;
    QTest::newRow("absent in the directory")
        << base << with(QStringLiteral("title"), QStringLiteral("Boss")) << core << false;
    QTest::newRow("null vs missing") << base << with(QStringLiteral("title"), QJsonValue::Null) << core << false;
    QTest::newRow("empty vs missing") << with(QStringLiteral("title"), QString()) << base << core << false;
    QTest::newRow("case only, case-insensitive path")
        << base << with(QStringLiteral("userName"), QStringLiteral("ANN")) << core << false;
    QTest::newRow("case only, case-exact path")
        << base << with(QStringLiteral("displayName"), base.value(QStringLiteral("displayName")).toString().toUpper())
        << core << false;
    QTest::newRow("key spelled otherwise on the target")
        << base << with(QStringLiteral("DisplayName"), QStringLiteral("Someone")) << core << false;
    QTest::newRow("work email changed, home email kept (merged list)")
        << base << with(QStringLiteral("emails"), twoEmails) << core << false;
    QTest::newRow("work email changed, home email kept (value path)")
        << base << with(QStringLiteral("emails"), twoEmails) << core << true;
    QTest::newRow("work email missing on the target")
        << base
        << with(QStringLiteral("emails"), QJsonArray {email(QStringLiteral("home"), QStringLiteral("h@x.example"))})
        << core << true;
    QTest::newRow("emails.value without a filter")
        << base << with(QStringLiteral("emails"), twoEmails) << QStringList {QStringLiteral("emails.value")} << false;
    QTest::newRow("path spelled otherwise")
        << with(QStringLiteral("title"), QStringLiteral("Boss")) << base
        << QStringList {QStringLiteral("TITLE"), QStringLiteral("Emails[Type eq \"WORK\"].Value")} << false;
    QTest::newRow("active as text") << base << with(QStringLiteral("active"), QStringLiteral("true")) << core << false;
    QTest::newRow("active false") << base << with(QStringLiteral("active"), false) << core << false;
    QTest::newRow("extension and custom attributes") << custom << enterpriseChanged << core + extension << false;
    QTest::newRow("number vs text") << enterpriseChanged
                                    << with(kEnterprise,
                                           QJsonObject {{QStringLiteral("department"), QStringLiteral("Finance")},
                                               {QStringLiteral("employeeNumber"), QStringLiteral("42")}})
                                    << extension << false;
    QTest::newRow("custom attribute removed") << base << custom << core + extension << false;
}

void TestCompactResource::planEqualsTheJsonDiff()
{
    QFETCH(QJsonObject, desired);
    QFETCH(QJsonObject, target);
    QFETCH(QStringList, updatePaths);
    QFETCH(bool, valuePaths);
    const QStringList caseInsensitive {QStringLiteral("userName"), QStringLiteral("emails.value")};
    ServerCapabilities capabilities;
    capabilities.patchValueFilterPaths = valuePaths;
    const QByteArray expected = jsonPlan(desired, target, updatePaths, caseInsensitive, capabilities);
    SyncPlan plan = compactPlan(desired, target, updatePaths, caseInsensitive, capabilities);
    for (auto& operation : plan.operations) {
        // The reference builds only what the comparison decides; the rest is the planner's own.
        operation.directoryObjectId.clear();
        operation.targetId.clear();
        operation.displayName.clear();
        operation.matchKeys.clear();
    }
    QCOMPARE(bytesOf(plan), expected);
}

void TestCompactResource::pathNotKeptIsNotChanged()
{
    // A target read with a projection that lacks an update path (a bug elsewhere) must not make
    // every user look changed on it: the path is left alone and the plan says so.
    QJsonObject desired = ann();
    desired.insert(QStringLiteral("title"), QStringLiteral("Boss"));
    PlannerInput input;
    input.updatePaths = {QStringLiteral("title")};
    input.projection = std::make_shared<const ResourceProjection>(input.updatePaths);
    DesiredUser user;
    user.directoryObjectId = QStringLiteral("obj-ann");
    user.setResource(*input.projection, desired, QStringLiteral("ann"), {});
    input.users = {user};
    auto snapshot = std::make_shared<TargetSnapshot>(); // its projection keeps no title
    QJsonObject target = ann();
    target.insert(QStringLiteral("id"), QStringLiteral("t-ann"));
    snapshot->users = {TargetSnapshot::userFromJson(target, *snapshot->projection)};
    input.target = snapshot;
    input.userLinks = {{user.directoryObjectId, QStringLiteral("t-ann")}};
    const SyncPlan plan = SyncPlanner::plan(input);
    QCOMPARE(plan.operations.size(), 0);
    QCOMPARE(plan.warnings.size(), 1);
    QVERIFY(plan.warnings.first().contains(QLatin1String("title was not read for comparison")));
}

void TestCompactResource::desiredUserKeepsNameAndMatchKeysInTheBlob()
{
    const ResourceProjection projection({QStringLiteral("title"), kWorkEmail});
    const QJsonObject body = ann();
    const MatchKeys keys {{QStringLiteral("externalId"), QStringLiteral("obj-ann")},
        {QStringLiteral("emails.value"), QStringLiteral("ann@example.com")}};
    DesiredUser user;
    user.setResource(projection, body, QStringLiteral("ann"), keys);
    QCOMPARE(user.userName(), QStringLiteral("ann"));
    QCOMPARE(user.matchKeys(), keys);
    QCOMPARE(user.resource.kept(), body);
    const int email = projection.indexOf(kWorkEmail);
    QCOMPARE(user.resource.value(email), ScimPath::parse(kWorkEmail).value().get(body));
    QCOMPARE(user.resource.encoded(email).toByteArray(),
        projection.compact(body, ResourceProjection::Keep::Whole).encoded(email).toByteArray());
    DesiredUser bare;
    bare.setResource(projection, body, QString(), {});
    QVERIFY(bare.userName().isEmpty());
    QVERIFY(bare.matchKeys().isEmpty());
}

QTEST_GUILESS_MAIN(TestCompactResource)
#include "tst_compactresource.moc"
