// Directory to AWS end to end, from the outside: a slapd of each test's own (changed freely:
// renames, moves, membership changes, a connection cut mid-read), the real scimdesk-cli on a
// temporary profile, and the AWS emulator in this process on loopback HTTP. Assertions are on
// the emulator's contents and on the requests it counted.
#include "AwsScimEmulator.h"
#include "CliSourceProfile.h"
#include "DroppingTcpProxy.h"
#include "PrivateSlapd.h"
#include "storage/Database.h"
#include "storage/ServerRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <algorithm>

namespace {
using Profile = CliSourceProfile;

QJsonObject planOf(const CliProcess& run)
{
    return run.json().value(QLatin1String("plan")).toObject();
}

// The plan without what differs between two plannings of the same state (its id and time),
// with operations and their member lists in one order.
QJsonArray sortedByText(const QJsonArray& array)
{
    QList<QByteArray> texts;
    for (const QJsonValue& value : array) {
        texts << QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    }
    std::sort(texts.begin(), texts.end());
    QJsonArray sorted;
    for (const QByteArray& text : std::as_const(texts)) {
        sorted.append(QJsonDocument::fromJson(text).array().first());
    }
    return sorted;
}

QJsonObject comparablePlan(QJsonObject plan)
{
    plan.remove(QLatin1String("planId"));
    plan.remove(QLatin1String("createdAt"));
    QJsonArray operations;
    for (const QJsonValue& value : plan.value(QLatin1String("operations")).toArray()) {
        QJsonObject operation = value.toObject();
        if (operation.contains(QLatin1String("members"))) {
            operation.insert(
                QLatin1String("members"), sortedByText(operation.value(QLatin1String("members")).toArray()));
        }
        operations.append(operation);
    }
    plan.insert(QLatin1String("operations"), sortedByText(operations));
    return plan;
}

QString idOf(const QJsonObject& object)
{
    return object.value(QLatin1String("id")).toString();
}
} // namespace

class CliSourcesEndToEndTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void renamedAndMovedUserIsUpdatedInPlace();
    void userLeavingANestedGroupLeavesScope_data();
    void userLeavingANestedGroupLeavesScope();
    void specialCharactersReachTheTarget();
    void droppedConnectionMidReadSendsNothing();
    void deltaPlanEqualsFullPlan();
    void recreatedUserDoesNotInheritOldMemberships();
    void customLdapAttributeScopesAndReachesTheTarget();

private:
    // Source, server (serverOptions) and application (appOptions); a failure is recorded.
    void setUp(const QStringList& appOptions, const QStringList& serverOptions = {}, const QString& url = {});
    QString dn(const QString& rdns) const { return rdns + QLatin1Char(',') + m_slapd->fixture().baseDn(); }
    void modify(const QString& ldif);
    QString groupId(const QString& displayName) const;
    // `sync --dry-run --json` after the changes made (a delta read), then after `sources read
    // --full` (sync's own read then finds nothing new, so that plan comes from the full read).
    // *merged: whether the first plan's read was merged into the kept one (not a full fallback).
    void plansFromDeltaAndFullRead(CliProcess* delta, CliProcess* full, bool* merged);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PrivateSlapd> m_slapd;
    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<CliSourceProfile> m_profile;
};

void CliSourcesEndToEndTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_slapd = std::make_unique<PrivateSlapd>(m_dir->filePath(QStringLiteral("slapd")));
    QVERIFY2(m_slapd->start(), qPrintable(m_slapd->error()));
    m_emulator = std::make_unique<AwsScimEmulator>();
    QVERIFY(m_emulator->listen());
    m_profile = std::make_unique<CliSourceProfile>(m_slapd->fixture());
    QVERIFY2(m_profile->error().isEmpty(), qPrintable(m_profile->error()));
}

void CliSourcesEndToEndTest::cleanup()
{
    m_profile.reset();
    m_emulator.reset();
    m_slapd.reset();
    m_dir.reset();
}

void CliSourcesEndToEndTest::setUp(const QStringList& appOptions, const QStringList& serverOptions, const QString& url)
{
    const QString failed = m_profile->setUp(m_emulator->baseUrl(), appOptions, serverOptions, url);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

void CliSourcesEndToEndTest::modify(const QString& ldif)
{
    const QString error = m_slapd->fixture().modify(ldif.toUtf8());
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QString CliSourcesEndToEndTest::groupId(const QString& displayName) const
{
    return idOf(m_emulator->store().findGroupByDisplayName(displayName));
}

void CliSourcesEndToEndTest::renamedAndMovedUserIsUpdatedInPlace()
{
    setUp({QStringLiteral("--assign-group"), QStringLiteral("AWS-Engineers")});
    if (QTest::currentTestFailed()) {
        return;
    }
    CliProcess run = m_profile->sync({QStringLiteral("--apply")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    const QString raeId = idOf(m_emulator->findUserByUserName(QStringLiteral("rae.mover")));
    QVERIFY(!raeId.isEmpty());
    const int users = m_emulator->userCount();
    const QString engineers = groupId(QStringLiteral("AWS-Engineers"));
    QVERIFY(m_emulator->groupMemberIds(engineers).contains(raeId));

    // A new uid (the RDN) in another OU, and a new cn and displayName.
    modify(QStringLiteral("dn: %1\nchangetype: modrdn\nnewrdn: uid=rae.moved\ndeleteoldrdn: 1\nnewsuperior: %2\n\n"
                          "dn: %3\nchangetype: modify\nreplace: cn\ncn: Rae Moved\n-\n"
                          "replace: displayName\ndisplayName: Rae Moved\n-\n")
               .arg(dn(QStringLiteral("uid=rae.mover,ou=Engineering,ou=People")),
                   dn(QStringLiteral("ou=Sales,ou=People")), dn(QStringLiteral("uid=rae.moved,ou=Sales,ou=People"))));
    m_emulator->resetCounters();
    run = m_profile->sync({QStringLiteral("--apply"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));

    QCOMPARE(m_emulator->routeCount(QStringLiteral("POST /Users")), 0);
    QCOMPARE(Profile::objectCount(run, "create-user"), 0);
    QCOMPARE(Profile::objectCount(run, "update-user"), 1);
    QCOMPARE(m_emulator->writeCount(), 1); // the one update; the membership is unchanged
    QCOMPARE(m_emulator->userCount(), users);
    QVERIFY(m_emulator->findUserByUserName(QStringLiteral("rae.mover")).isEmpty());
    const QJsonObject moved = m_emulator->findUserByUserName(QStringLiteral("rae.moved"));
    QCOMPARE(idOf(moved), raeId);
    QCOMPARE(moved.value(QLatin1String("displayName")).toString(), QStringLiteral("Rae Moved"));
    QVERIFY(m_emulator->groupMemberIds(engineers).contains(raeId));
}

void CliSourcesEndToEndTest::userLeavingANestedGroupLeavesScope_data()
{
    QTest::addColumn<QString>("deprovision");
    QTest::addColumn<int>("removeMembers"); // membership PATCHes planned
    QTest::newRow("disable") << "disable" << 1;
    // A deleted user leaves its groups with it: no membership PATCH is sent for it.
    QTest::newRow("delete") << "delete" << 0;
}

void CliSourcesEndToEndTest::userLeavingANestedGroupLeavesScope()
{
    QFETCH(QString, deprovision);
    QFETCH(int, removeMembers);
    // AWS-Engineers contains Platform, which contains SRE, which contains eve.sre.
    setUp({QStringLiteral("--assign-group"), QStringLiteral("AWS-Engineers")},
        {QStringLiteral("--deprovision"), deprovision});
    if (QTest::currentTestFailed()) {
        return;
    }
    CliProcess run = m_profile->sync({QStringLiteral("--apply")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    const QString eveId = idOf(m_emulator->findUserByUserName(QStringLiteral("eve.sre")));
    QVERIFY(!eveId.isEmpty());
    const QString engineers = groupId(QStringLiteral("AWS-Engineers"));
    QSet<QString> members = m_emulator->groupMemberIds(engineers);
    QVERIFY(members.contains(eveId));
    const int users = m_emulator->userCount();

    modify(
        QStringLiteral("dn: %1\nchangetype: modify\ndelete: member\nmember: %2\n-\n")
            .arg(dn(QStringLiteral("cn=SRE,ou=Groups")), dn(QStringLiteral("uid=eve.sre,ou=Engineering,ou=People"))));
    m_emulator->resetCounters();
    run = m_profile->sync({QStringLiteral("--apply"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));

    QCOMPARE(Profile::objectCount(run, "remove-members"), removeMembers);
    QCOMPARE(Profile::objectCount(run, deprovision == QLatin1String("delete") ? "delete-user" : "disable-user"), 1);
    members.remove(eveId);
    QCOMPARE(m_emulator->groupMemberIds(engineers), members);
    const QJsonObject eve = m_emulator->findUserByUserName(QStringLiteral("eve.sre"));
    if (deprovision == QLatin1String("delete")) {
        QVERIFY(eve.isEmpty());
        QCOMPARE(m_emulator->userCount(), users - 1);
    } else {
        QCOMPARE(idOf(eve), eveId);
        QVERIFY(!eve.value(QLatin1String("active")).toBool());
        QCOMPARE(m_emulator->userCount(), users);
    }
    // Everyone else is untouched: the one deprovision and the membership removal only.
    QCOMPARE(m_emulator->writeCount(), 1 + removeMembers);
}

void CliSourcesEndToEndTest::specialCharactersReachTheTarget()
{
    const QString ops = QStringLiteral("Ops, \"Night\" #1 <EU> + R\\D; \u00e9");
    setUp({QStringLiteral("--assign-group"), ops, QStringLiteral("--assign-group"), QStringLiteral("Developers")});
    if (QTest::currentTestFailed()) {
        return;
    }
    CliProcess run = m_profile->sync({QStringLiteral("--apply")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));

    const QList<std::pair<const char*, QString>> people {{"john.smith", QStringLiteral("Smith, John")},
        {"dara.obrien", QStringLiteral("Dara \"DQ\" O'Brien")}, {"back.slash", QStringLiteral("Back\\Slash User")},
        {"plus.minus", QStringLiteral("Plus+Minus")}, {"semi.colon", QStringLiteral("Semi;Colon")},
        {"hash.lead", QStringLiteral("#Hash Lead")}, {"angle.brackets", QStringLiteral("Angle <Brackets>")},
        {"jose.muller", QStringLiteral("Jos\u00e9 M\u00fcller-\u00d8rsted \u674e")},
        {"uma.support", QStringLiteral("Uma Support")}, {"vic.support", QStringLiteral("Vic Support")}};
    QHash<QString, QString> ids;
    for (const auto& [userName, displayName] : people) {
        const QJsonObject user = m_emulator->findUserByUserName(QLatin1String(userName));
        QVERIFY2(!user.isEmpty(), userName);
        QCOMPARE(user.value(QLatin1String("displayName")).toString(), displayName);
        ids.insert(QLatin1String(userName), idOf(user));
    }
    const QString opsId = groupId(ops);
    QVERIFY2(!opsId.isEmpty(), "the group with every DN special character is not on the target");
    QCOMPARE(m_emulator->groupMemberIds(opsId),
        (QSet<QString> {ids.value(QStringLiteral("uma.support")), ids.value(QStringLiteral("vic.support")),
            ids.value(QStringLiteral("jose.muller"))}));
    // Developers: twelve members, sam.former locked and never created.
    const QSet<QString> developers = m_emulator->groupMemberIds(groupId(QStringLiteral("Developers")));
    QCOMPARE(developers.size(), 11);
    for (const char* userName : {"john.smith", "dara.obrien", "back.slash", "plus.minus", "semi.colon", "hash.lead",
             "angle.brackets", "jose.muller"}) {
        QVERIFY2(developers.contains(ids.value(QLatin1String(userName))), userName);
    }

    // A special-character user moved under another special-character DN keeps its id and groups,
    // and nothing else is written: no name was read back differently from what was sent.
    modify(QStringLiteral("dn: %1\nchangetype: modrdn\nnewrdn: cn=Smith\\, John \\+ \\\"Jr\\\"\ndeleteoldrdn: 0\n"
                          "newsuperior: %2\n")
               .arg(dn(QStringLiteral("cn=Smith\\, John,ou=Engineering,ou=People")),
                   dn(QStringLiteral("ou=R&D\\, Z\u00fcrich,ou=People"))));
    m_emulator->resetCounters();
    run = m_profile->sync({QStringLiteral("--apply"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QCOMPARE(m_emulator->writeCount(), 0);
    QCOMPARE(
        idOf(m_emulator->findUserByUserName(QStringLiteral("john.smith"))), ids.value(QStringLiteral("john.smith")));
    QVERIFY(m_emulator->groupMemberIds(groupId(QStringLiteral("Developers"))).contains(ids.value("john.smith")));
}

void CliSourcesEndToEndTest::droppedConnectionMidReadSendsNothing()
{
    DroppingTcpProxy proxy;
    const QUrl ldaps(m_slapd->fixture().ldapsUri());
    QVERIFY(proxy.listen(QHostAddress(ldaps.host()), quint16(ldaps.port())));
    setUp({QStringLiteral("--all-users")}, {}, QStringLiteral("ldaps://127.0.0.1:%1").arg(proxy.port()));
    if (QTest::currentTestFailed()) {
        return;
    }
    // Far into the read (the users alone are several hundred kB), well past the bind.
    const qint64 cutAt = 100 * 1024;
    proxy.setDropAfter(cutAt);
    m_emulator->resetCounters();
    CliProcess run = m_profile->sync({QStringLiteral("--apply"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 4);
    QVERIFY(proxy.dropCount() >= 1);
    QVERIFY2(run.err.contains(QLatin1String("broke off during the read: the read is incomplete")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("nothing was sent to the SCIM server")), qPrintable(run.err));
    QCOMPARE(m_emulator->requestCount(), 0);
    QCOMPARE(m_emulator->userCount(), 0);

    // The same read uncut carries more than the cut one got, and then the sync writes.
    proxy.setDropAfter(0);
    run = m_profile->sync({QStringLiteral("--apply")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    qInfo(
        "a full read carried %lld bytes on one connection; the cut one stopped at %lld", proxy.maxServerBytes(), cutAt);
    QVERIFY(proxy.maxServerBytes() > cutAt);
    QVERIFY(m_emulator->userCount() > 1600);
}

void CliSourcesEndToEndTest::plansFromDeltaAndFullRead(CliProcess* delta, CliProcess* full, bool* merged)
{
    *delta = m_profile->sync({QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QVERIFY2(delta->exitCode == 0, qPrintable(delta->all()));
    CliProcess run = m_profile->run(
        {QStringLiteral("sources"), QStringLiteral("show"), CliSourceProfile::sourceName(), QStringLiteral("--json")});
    *merged = run.json().value(QLatin1String("lastRead")).toObject().value(QLatin1String("incremental")).toBool();

    run = m_profile->runWithSecrets({QStringLiteral("sources"), QStringLiteral("read"), CliSourceProfile::sourceName(),
        QStringLiteral("--full"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QVERIFY(!run.json().value(QLatin1String("incremental")).toBool());
    // sync reads again (incrementally, finding nothing new): the plan comes from the full read.
    *full = m_profile->sync({QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QVERIFY2(full->exitCode == 0, qPrintable(full->all()));
}

void CliSourcesEndToEndTest::deltaPlanEqualsFullPlan()
{
    setUp({QStringLiteral("--all-users"), QStringLiteral("--all-groups")});
    if (QTest::currentTestFailed()) {
        return;
    }
    // Someone in no group and nobody's manager, to be deleted below.
    const QString leaver = dn(QStringLiteral("uid=leaver,ou=Engineering,ou=People"));
    modify(QStringLiteral(
        "dn: %1\nchangetype: add\nobjectClass: inetOrgPerson\nuid: leaver\ncn: Lee Ver\ngivenName: Lee\nsn: Ver\n"
        "displayName: Lee Ver\nmail: leaver@scimdesk.test\n")
               .arg(leaver));
    CliProcess run = m_profile->sync({QStringLiteral("--apply")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));

    // A rename and move, a changed attribute, a membership removed and one added, a new user
    // with a manager, a deleted user and a locked one.
    const QString ben = dn(QStringLiteral("uid=ben.vance,ou=Engineering,ou=People"));
    const QString newHire = dn(QStringLiteral("uid=new.hire,ou=Engineering,ou=People"));
    modify(
        QStringLiteral("dn: %1\nchangetype: modrdn\nnewrdn: uid=rae.moved\ndeleteoldrdn: 1\nnewsuperior: %2\n\n"
                       "dn: %3\nchangetype: modify\nreplace: title\ntitle: Chief Technology Officer\n-\n\n"
                       "dn: %4\nchangetype: modify\ndelete: member\nmember: %5\n-\n\n"
                       "dn: %6\nchangetype: add\nobjectClass: inetOrgPerson\nuid: new.hire\ncn: New Hire\n"
                       "sn: Hire\ngivenName: New\ndisplayName: New Hire\nmail: new.hire@scimdesk.test\n"
                       "manager: %3\n\n"
                       "dn: %7\nchangetype: modify\nadd: member\nmember: %6\n-\n\n"
                       "dn: %8\nchangetype: delete\n\n"
                       "dn: %9\nchangetype: modify\nadd: pwdAccountLockedTime\npwdAccountLockedTime: 000001010000Z\n")
            .arg(dn(QStringLiteral("uid=rae.mover,ou=Engineering,ou=People")), dn(QStringLiteral("ou=Sales,ou=People")),
                ben, dn(QStringLiteral("cn=SRE,ou=Groups")), dn(QStringLiteral("uid=eve.sre,ou=Engineering,ou=People")),
                newHire, dn(QStringLiteral("cn=Platform,ou=Groups")), leaver,
                dn(QStringLiteral("uid=gia.dev,ou=Engineering,ou=People"))));

    CliProcess delta;
    CliProcess full;
    bool merged = false;
    plansFromDeltaAndFullRead(&delta, &full, &merged);
    if (QTest::currentTestFailed()) {
        return;
    }
    QVERIFY(merged); // the first plan really came from a delta
    const QJsonObject deltaPlan = comparablePlan(planOf(delta));
    const QJsonObject fullPlan = comparablePlan(planOf(full));
    QCOMPARE(Profile::objectCount(delta, "update-user"), Profile::objectCount(full, "update-user"));
    QVERIFY(Profile::objectCount(delta, "create-user") == 1 && Profile::objectCount(delta, "disable-user") == 2);
    QVERIFY(Profile::objectCount(delta, "remove-members") >= 2 && Profile::objectCount(delta, "add-members") >= 1);
    for (const QString& key : fullPlan.keys()) {
        if (key == QLatin1String("warnings")) {
            continue;
        }
        QVERIFY2(deltaPlan.value(key) == fullPlan.value(key),
            qPrintable(key + QStringLiteral("\ndelta: ")
                + QString::fromUtf8(QJsonDocument(QJsonObject {{key, deltaPlan.value(key)}}).toJson())
                + QStringLiteral("\nfull: ")
                + QString::fromUtf8(QJsonDocument(QJsonObject {{key, fullPlan.value(key)}}).toJson())));
    }
    QCOMPARE(deltaPlan.keys(), fullPlan.keys());
    QCOMPARE(deltaPlan.value(QLatin1String("warnings")), fullPlan.value(QLatin1String("warnings")));
}

void CliSourcesEndToEndTest::recreatedUserDoesNotInheritOldMemberships()
{
    // Deleted users are deleted on the target, so the new entry's userName is free again.
    setUp({QStringLiteral("--all-users"), QStringLiteral("--all-groups")},
        {QStringLiteral("--deprovision"), QStringLiteral("delete")});
    if (QTest::currentTestFailed()) {
        return;
    }
    CliProcess run = m_profile->sync({QStringLiteral("--apply")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    // hal.dev leaves (the directory drops it from Developers) and a new entry gets the same DN.
    const QString hal = dn(QStringLiteral("uid=hal.dev,ou=Engineering,ou=People"));
    modify(QStringLiteral("dn: %1\nchangetype: delete\n\n"
                          "dn: %1\nchangetype: add\nobjectClass: inetOrgPerson\nuid: hal.dev\ncn: Hal Other\n"
                          "sn: Other\ngivenName: Hal\ndisplayName: Hal Other\nmail: hal.other@scimdesk.test\n")
               .arg(hal));
    QByteArray ldif;
    const QString error = m_slapd->fixture().search(dn(QStringLiteral("cn=Developers,ou=Groups")),
        QStringLiteral("(objectClass=*)"), {QStringLiteral("member")}, &ldif);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(!ldif.contains("uid=hal.dev,"), ldif.constData()); // the new entry is in no group
    // The old hal.dev is deleted on the target; the new one waits for its userName to be free.
    run = m_profile->sync({QStringLiteral("--apply"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0 || run.exitCode == 1, qPrintable(run.all()));
    QCOMPARE(Profile::objectCount(run, "delete-user"), 1);
    // slapd dropped the old DN from Developers without a new entryCSN on the group: the kept
    // read cannot take that delta, and the sync's read fell back to a full one.
    run = m_profile->run(
        {QStringLiteral("sources"), QStringLiteral("show"), Profile::sourceName(), QStringLiteral("--json")});
    QVERIFY(!run.json().value(QLatin1String("lastRead")).toObject().value(QLatin1String("incremental")).toBool());

    CliProcess delta;
    CliProcess full;
    bool merged = false;
    plansFromDeltaAndFullRead(&delta, &full, &merged);
    if (QTest::currentTestFailed()) {
        return;
    }
    QCOMPARE(Profile::objectCount(full, "create-user"), 1);
    QCOMPARE(Profile::objectCount(full, "add-members"), 0);
    QCOMPARE(Profile::objectCount(delta, "create-user"), 1);
    QVERIFY(merged);
    QCOMPARE(Profile::objectCount(delta, "add-members"), 0);
    QCOMPARE(comparablePlan(planOf(delta)).value(QLatin1String("operations")),
        comparablePlan(planOf(full)).value(QLatin1String("operations")));
}

// An LDAP attribute no source type maps (employeeType), given a directory name of the admin's own
// (costCenter) with `sources edit --map`, then used by a scoping filter and by a server
// mapping to the enterprise extension's costCenter: only the users it selects are created, with
// the value; a value added later arrives through a delta read.
void CliSourcesEndToEndTest::customLdapAttributeScopesAndReachesTheTarget()
{
    setUp({QStringLiteral("--all-users")});
    if (QTest::currentTestFailed()) {
        return;
    }
    const QString costCenter = QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    // Bad mappings are refused with the option named and nothing saved.
    const QStringList refused[] = {{QStringLiteral("--map"), QStringLiteral("costCenter")},
        {QStringLiteral("--map"), QStringLiteral("=employeeType")},
        {QStringLiteral("--unmap"), QStringLiteral("costCenter")},
        {QStringLiteral("--map"), QStringLiteral("costCenter=employee type")}};
    for (const QStringList& options : refused) {
        const CliProcess bad = m_profile->run(
            QStringList {QStringLiteral("sources"), QStringLiteral("edit"), Profile::sourceName()} + options);
        QVERIFY2(bad.exitCode == 2, qPrintable(options.join(u' ') + QLatin1Char('\n') + bad.all()));
        QVERIFY2(bad.err.contains(options.first()), qPrintable(bad.all()));
    }
    CliProcess run = m_profile->run({QStringLiteral("sources"), QStringLiteral("edit"), Profile::sourceName(),
        QStringLiteral("--map"), QStringLiteral("costCenter=employeeType"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QVERIFY2(QJsonDocument(run.json()).toJson().contains("employeeType"), qPrintable(run.all()));
    {
        // The CLI edits no server mappings: the enterprise costCenter is mapped as Edit Server would.
        auto database = Database::open(m_profile->path() + QStringLiteral("/scimdesk.db"));
        QVERIFY(database.ok());
        ServerRepository servers(database.value());
        std::optional<ScimServer> server = servers.findByName(QStringLiteral("Sandbox"));
        QVERIFY(server);
        AttributeMapping mapping;
        mapping.source = QStringLiteral("costCenter");
        mapping.target = costCenter + QStringLiteral(":costCenter");
        server->userMappings.append(mapping);
        const auto savedServer = servers.update(*server);
        QVERIFY2(savedServer.ok(), qPrintable(savedServer.ok() ? QString() : savedServer.error().message));
    }
    const auto setCostCenter = [this](const QString& uid, const QString& ou, const QString& value) {
        modify(QStringLiteral("dn: %1\nchangetype: modify\nreplace: employeeType\nemployeeType: %2\n-\n")
                   .arg(dn(QStringLiteral("uid=%1,ou=%2,ou=People").arg(uid, ou)), value));
    };
    setCostCenter(QStringLiteral("ada.chief"), QStringLiteral("Engineering"), QStringLiteral("4711"));
    setCostCenter(QStringLiteral("ben.vance"), QStringLiteral("Engineering"), QStringLiteral("4711"));
    setCostCenter(QStringLiteral("leo.sales"), QStringLiteral("Sales"), QStringLiteral("9000"));
    if (QTest::currentTestFailed()) {
        return;
    }
    run = m_profile->run({QStringLiteral("apps"), QStringLiteral("edit"), Profile::applicationName(),
        QStringLiteral("--filter"), QStringLiteral("costCenter equals 4711")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));

    run = m_profile->sync({QStringLiteral("--apply"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QCOMPARE(Profile::objectCount(run, "create-user"), 2);
    QCOMPARE(m_emulator->userCount(), 2);
    const QJsonObject ada = m_emulator->findUserByUserName(QStringLiteral("ada.chief"));
    QCOMPARE(ada.value(costCenter).toObject().value(QLatin1String("costCenter")).toString(), QStringLiteral("4711"));
    QVERIFY(!m_emulator->findUserByUserName(QStringLiteral("ben.vance")).isEmpty());
    QVERIFY(m_emulator->findUserByUserName(QStringLiteral("leo.sales")).isEmpty());

    setCostCenter(QStringLiteral("leo.sales"), QStringLiteral("Sales"), QStringLiteral("4711"));
    run = m_profile->sync({QStringLiteral("--apply"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QCOMPARE(Profile::objectCount(run, "create-user"), 1);
    const QJsonObject leo = m_emulator->findUserByUserName(QStringLiteral("leo.sales"));
    QCOMPARE(leo.value(costCenter).toObject().value(QLatin1String("costCenter")).toString(), QStringLiteral("4711"));
    run = m_profile->run(
        {QStringLiteral("sources"), QStringLiteral("show"), Profile::sourceName(), QStringLiteral("--json")});
    QVERIFY(run.json().value(QLatin1String("lastRead")).toObject().value(QLatin1String("incremental")).toBool());
}

QTEST_GUILESS_MAIN(CliSourcesEndToEndTest)
#include "tst_cli_sources_e2e.moc"
