// scimdesk-cli directory users|groups: editing the embedded directory without the GUI, through
// the GUI's repository and checks, and renames that keep identity on the SCIM server (the AWS
// emulator in this process).
#include "CliHarness.h"

#include "AwsScimEmulator.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

namespace {
using Run = CliHarness::Run;

QStringList words(const char* text)
{
    return CliHarness::words(text);
}

QStringList names(const QJsonArray& references, const char* key)
{
    QStringList list;
    for (const QJsonValue& reference : references) {
        list << reference.toObject().value(QLatin1String(key)).toString();
    }
    return list;
}
} // namespace

class TestCliDirectory : public QObject
{
    Q_OBJECT

private slots:
    void usersAddShowListEditRemove();
    void badUserInputIsRefusedAndNothingSaved();
    void groupsNestMembersAndRefuseLoops();
    void renamesKeepIdentityOnTheServer();
    void refusedImportPrintsOneJsonDocument();
};

void TestCliDirectory::usersAddShowListEditRemove()
{
    CliHarness cli;
    QVERIFY(cli.isValid());
    Run run = cli.run(words("directory users add --user-name alice@example.com --given-name Alice --family-name Smith "
                            "--department Engineering --attribute costCenter=4711 --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.isOneJsonDocument());
    const QJsonObject added = run.json();
    const QString objectId = added.value(QLatin1String("objectId")).toString();
    QVERIFY(!objectId.isEmpty());
    QCOMPARE(added.value(QLatin1String("userName")).toString(), QStringLiteral("alice@example.com"));
    QCOMPARE(added.value(QLatin1String("active")).toBool(), true);
    QCOMPARE(added.value(QLatin1String("customAttributes")).toObject().value(QLatin1String("costCenter")).toString(),
        QStringLiteral("4711"));

    QCOMPARE(cli.run(words("directory users add --user-name bob@example.com --inactive")).exitCode, 0);
    run = cli.run(words("directory users list --json"));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().value(QLatin1String("total")).toInt(), 2);
    QCOMPARE(names(run.json().value(QLatin1String("users")).toArray(), "userName"),
        QStringList({QStringLiteral("alice@example.com"), QStringLiteral("bob@example.com")}));
    run = cli.run(words("directory users list --search bob --json"));
    QCOMPARE(run.json().value(QLatin1String("total")).toInt(), 1);

    // Edit by object id; only what is given changes.
    run = cli.run(QStringList {QStringLiteral("directory"), QStringLiteral("users"), QStringLiteral("edit"), objectId,
        QStringLiteral("--title"), QStringLiteral("Lead"), QStringLiteral("--attribute"), QStringLiteral("costCenter="),
        QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.json().value(QLatin1String("title")).toString(), QStringLiteral("Lead"));
    QCOMPARE(run.json().value(QLatin1String("department")).toString(), QStringLiteral("Engineering"));
    QVERIFY(run.json().value(QLatin1String("customAttributes")).toObject().isEmpty());

    run = cli.run(words("directory users show alice@example.com"));
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(
        run.out.contains(QStringLiteral("title")) && run.out.contains(QStringLiteral("Lead")), qPrintable(run.out));

    run = cli.run(words("directory users remove bob@example.com --json"));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().value(QLatin1String("removed")).toString(), QStringLiteral("bob@example.com"));
    QCOMPARE(cli.run(words("directory users list --json")).json().value(QLatin1String("total")).toInt(), 1);
}

void TestCliDirectory::badUserInputIsRefusedAndNothingSaved()
{
    CliHarness cli;
    QCOMPARE(cli.run(words("directory users add --user-name alice@example.com")).exitCode, 0);
    QCOMPARE(cli.run(words("directory users add --user-name carol@example.com")).exitCode, 0);

    // The repository's own message, as the GUI's editor shows it.
    Run run = cli.run(words("directory users add --user-name ALICE@example.com --json"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("already exists")), qPrintable(run.err));
    QVERIFY(run.isOneJsonDocument());
    run = cli.run(words("directory users edit carol@example.com --user-name alice@example.com"));
    QCOMPARE(run.exitCode, 2);
    run = cli.run(words("directory users edit carol@example.com --attribute department=X"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("standard attribute")), qPrintable(run.err));
    QCOMPARE(cli.run(words("directory users show nobody@example.com")).exitCode, 2);
    QCOMPARE(cli.run(words("directory users add --email x@example.com")).exitCode, 2);
    QCOMPARE(cli.run(words("directory users frobnicate")).exitCode, 2);
    QCOMPARE(cli.run(words("directory users list --json")).json().value(QLatin1String("total")).toInt(), 2);
    QCOMPARE(cli.run(words("directory users show carol@example.com --json"))
                 .json()
                 .value(QLatin1String("department"))
                 .toString(),
        QString());
}

void TestCliDirectory::groupsNestMembersAndRefuseLoops()
{
    CliHarness cli;
    QCOMPARE(cli.run(words("directory users add --user-name alice@example.com")).exitCode, 0);
    QCOMPARE(cli.run(words("directory groups add --name Ops")).exitCode, 0);
    // "Admins" is a user name and a group name at once: a bare name is ambiguous.
    QCOMPARE(cli.run(words("directory users add --user-name Ops")).exitCode, 0);
    Run run = cli.run(words("directory groups add --name Admins --add-member alice@example.com --add-member Ops"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("group:Ops")), qPrintable(run.err));
    QCOMPARE(cli.run(words("directory groups list --json")).json().value(QLatin1String("total")).toInt(), 1);

    run = cli.run(
        words("directory groups add --name Admins --add-member alice@example.com --add-member group:Ops --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject members = run.json().value(QLatin1String("members")).toObject();
    QCOMPARE(names(members.value(QLatin1String("users")).toArray(), "userName"),
        QStringList {QStringLiteral("alice@example.com")});
    QCOMPARE(
        names(members.value(QLatin1String("groups")).toArray(), "displayName"), QStringList {QStringLiteral("Ops")});

    // Ops inside Admins inside Ops: refused as in the GUI, and nothing of the edit is saved.
    run = cli.run(words("directory groups edit Ops --description Operations --add-member group:Admins"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("contain itself")), qPrintable(run.err));
    run = cli.run(words("directory groups show Ops --json"));
    QCOMPARE(run.json().value(QLatin1String("description")).toString(), QString());
    QCOMPARE(names(run.json().value(QLatin1String("memberOf")).toArray(), "displayName"),
        QStringList {QStringLiteral("Admins")});

    run = cli.run(words("directory groups edit Admins --remove-member group:Ops --remove-member alice@example.com "
                        "--add-member user:Ops --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.json().value(QLatin1String("memberGroupCount")).toInt(), 0);
    QCOMPARE(names(run.json().value(QLatin1String("members")).toObject().value(QLatin1String("users")).toArray(),
                 "userName"),
        QStringList {QStringLiteral("Ops")});
    run = cli.run(words("directory groups remove Admins --json"));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().value(QLatin1String("removed")).toString(), QStringLiteral("Admins"));
    QCOMPARE(cli.run(words("directory groups show Admins")).exitCode, 2);
}

void TestCliDirectory::renamesKeepIdentityOnTheServer()
{
    AwsScimEmulator emulator;
    QVERIFY(emulator.listen());
    CliHarness cli;
    Run run = cli.runWithToken(QStringList {QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("Sandbox"), QStringLiteral("--type"), QStringLiteral("aws-iam-identity-center"),
        QStringLiteral("--url"), emulator.baseUrl().toString()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(cli.run(words("directory users add --user-name alice@example.com --email alice@example.com "
                           "--given-name Alice --family-name Smith --display-name Alice_Smith"))
                 .exitCode,
        0);
    QCOMPARE(cli.run(words("directory groups add --name Admins --add-member alice@example.com")).exitCode, 0);
    run = cli.run(words("apps add --name App --server Sandbox --all-users --assign-group Admins"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli.runWithToken(words("sync App --apply"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const QString userId
        = emulator.findUserByUserName(QStringLiteral("alice@example.com")).value(QLatin1String("id")).toString();
    QVERIFY(!userId.isEmpty());
    QCOMPARE(emulator.groupCount(), 1);

    QCOMPARE(cli.run(words("directory users edit alice@example.com --user-name alice.smith@example.com")).exitCode, 0);
    QCOMPARE(cli.run(words("directory groups edit Admins --name Administrators")).exitCode, 0);
    run = cli.runWithToken(words("sync App --dry-run --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject plan = run.json().value(QLatin1String("plan")).toObject();
    const QJsonObject requests
        = plan.value(QLatin1String("counts")).toObject().value(QLatin1String("requests")).toObject();
    QCOMPARE(requests.value(QLatin1String("update-user")).toInt(), 1);
    QCOMPARE(requests.value(QLatin1String("rename-group")).toInt(), 1);
    QCOMPARE(requests.value(QLatin1String("create-user")).toInt(), 0);
    QCOMPARE(requests.value(QLatin1String("create-group")).toInt(), 0);

    emulator.resetCounters();
    run = cli.runWithToken(words("sync App --apply"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    // The same objects, renamed in place: no create, no second user or group.
    QCOMPARE(emulator.routeCount(QStringLiteral("POST /Users")), 0);
    QCOMPARE(emulator.routeCount(QStringLiteral("POST /Groups")), 0);
    QCOMPARE(emulator.routeCount(QStringLiteral("PATCH /Users/{id}")), 1);
    QCOMPARE(emulator.routeCount(QStringLiteral("PATCH /Groups/{id}")), 1);
    QCOMPARE(emulator.userCount(), 1);
    QCOMPARE(emulator.groupCount(), 1);
    QCOMPARE(
        emulator.findUserByUserName(QStringLiteral("alice.smith@example.com")).value(QLatin1String("id")).toString(),
        userId);
    const QJsonArray groups = emulator.store().listGroups({}).body.value(QStringLiteral("Resources")).toArray();
    QCOMPARE(
        groups.first().toObject().value(QLatin1String("displayName")).toString(), QStringLiteral("Administrators"));
    QCOMPARE(emulator.groupMemberIds(groups.first().toObject().value(QLatin1String("id")).toString()),
        QSet<QString> {userId});
}

void TestCliDirectory::refusedImportPrintsOneJsonDocument()
{
    CliHarness cli;
    QFile file(cli.filePath(QStringLiteral("users.csv")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("userName,email\nalice@example.com,alice@example.com\n,nobody@example.com\n");
    file.close();
    const Run run = cli.run({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"),
        file.fileName(), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.isOneJsonDocument(), qPrintable(run.out));
    const QJsonObject document = run.json();
    QCOMPARE(document.value(QLatin1String("written")).toBool(true), false);
    QCOMPARE(document.value(QLatin1String("invalidRows")).toInt(), 1);
    QCOMPARE(document.value(QLatin1String("error")).toObject().value(QLatin1String("exitCode")).toInt(), 1);
    QVERIFY(run.err.contains(QStringLiteral("Nothing was imported")));
}

QTEST_GUILESS_MAIN(TestCliDirectory)
#include "tst_cli_directory.moc"
