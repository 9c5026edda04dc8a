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

// The emulator as the AWS server "Sandbox", its token from the environment.
Run addSandboxServer(const CliHarness& cli, const AwsScimEmulator& emulator)
{
    return cli.runWithToken(QStringList {QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("Sandbox"), QStringLiteral("--type"), QStringLiteral("aws-iam-identity-center"),
        QStringLiteral("--url"), emulator.baseUrl().toString()});
}

bool writeText(const QString& path, const QByteArray& text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

QStringList importArguments(const QString& kind, const QString& path, const char* options)
{
    return QStringList {QStringLiteral("directory"), QStringLiteral("import"), kind, path} + CliHarness::words(options);
}

QStringList strings(const QJsonArray& array)
{
    QStringList list;
    for (const QJsonValue& value : array) {
        list << value.toString();
    }
    return list;
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
    void csvRenameKeepsIdentityOnTheServer();
    void mirrorImportShowsAndGuardsRemovals();
    void mirrorGroupsImport();
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
    Run run = addSandboxServer(cli, emulator);
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

// A CSV row with the user's objectId and a new userName renames the user: the import says so,
// and the next sync updates the same server user in place.
void TestCliDirectory::csvRenameKeepsIdentityOnTheServer()
{
    AwsScimEmulator emulator;
    QVERIFY(emulator.listen());
    CliHarness cli;
    Run run = addSandboxServer(cli, emulator);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString path = cli.filePath(QStringLiteral("users.csv"));
    QVERIFY(writeText(path,
        "objectId,userName,email,givenName,familyName,displayName\n"
        "oid-alice,alice@example.com,alice@example.com,Alice,Smith,Alice Smith\n"));
    run = cli.run(importArguments(QStringLiteral("users"), path, "--json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(run.json().value(QLatin1String("created")).toInt(), 1);
    const QString groupsPath = cli.filePath(QStringLiteral("groups.csv"));
    QVERIFY(writeText(groupsPath, "objectId,group,member\noid-admins,Admins,alice@example.com\n"));
    QCOMPARE(cli.run(importArguments(QStringLiteral("groups"), groupsPath, "")).exitCode, 0);
    run = cli.run(words("apps add --name App --server Sandbox --all-users --assign-group Admins"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli.runWithToken(words("sync App --apply"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const QString userId
        = emulator.findUserByUserName(QStringLiteral("alice@example.com")).value(QLatin1String("id")).toString();
    QVERIFY(!userId.isEmpty());
    QCOMPARE(emulator.groupCount(), 1);
    const QString groupId = emulator.store()
                                .listGroups({})
                                .body.value(QStringLiteral("Resources"))
                                .toArray()
                                .first()
                                .toObject()
                                .value(QLatin1String("id"))
                                .toString();

    QVERIFY(writeText(path,
        "objectId,userName,email,givenName,familyName,displayName\n"
        "oid-alice,alice.smith@example.com,alice.smith@example.com,Alice,Smith,Alice Smith\n"));
    run = cli.run(importArguments(QStringLiteral("users"), path, "--dry-run --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY(run.isOneJsonDocument());
    QCOMPARE(run.json().value(QLatin1String("toCreate")).toInt(-1), 0);
    QCOMPARE(run.json().value(QLatin1String("toUpdate")).toInt(), 1);
    QCOMPARE(run.json().value(QLatin1String("toRename")).toInt(), 1);
    const QJsonObject rename = run.json().value(QLatin1String("renames")).toArray().first().toObject();
    QCOMPARE(rename.value(QLatin1String("line")).toInt(), 2);
    QCOMPARE(rename.value(QLatin1String("from")).toString(), QStringLiteral("alice@example.com"));
    QCOMPARE(rename.value(QLatin1String("to")).toString(), QStringLiteral("alice.smith@example.com"));
    run = cli.run(importArguments(QStringLiteral("users"), path, ""));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(QStringLiteral("line 2: renames alice@example.com \u2192 alice.smith@example.com")),
        qPrintable(run.out));
    QVERIFY(writeText(groupsPath, "objectId,group,member\noid-admins,Administrators,alice.smith@example.com\n"));
    run = cli.run(importArguments(QStringLiteral("groups"), groupsPath, "--json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(run.json().value(QLatin1String("created")).toInt(-1), 0);
    QCOMPARE(run.json().value(QLatin1String("renamed")).toInt(), 1);

    run = cli.runWithToken(words("sync App --dry-run --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject requests = run.json()
                                     .value(QLatin1String("plan"))
                                     .toObject()
                                     .value(QLatin1String("counts"))
                                     .toObject()
                                     .value(QLatin1String("requests"))
                                     .toObject();
    QCOMPARE(requests.value(QLatin1String("update-user")).toInt(), 1);
    QCOMPARE(requests.value(QLatin1String("create-user")).toInt(-1), 0);
    QCOMPARE(requests.value(QLatin1String("rename-group")).toInt(), 1);
    QCOMPARE(requests.value(QLatin1String("create-group")).toInt(-1), 0);
    emulator.resetCounters();
    run = cli.runWithToken(words("sync App --apply"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(emulator.routeCount(QStringLiteral("POST /Users")), 0);
    QCOMPARE(emulator.routeCount(QStringLiteral("PATCH /Users/{id}"))
            + emulator.routeCount(QStringLiteral("PUT /Users/{id}")),
        1);
    QCOMPARE(emulator.routeCount(QStringLiteral("POST /Groups")), 0);
    QCOMPARE(emulator.userCount(), 1);
    QCOMPARE(emulator.groupCount(), 1);
    QCOMPARE(
        emulator.findUserByUserName(QStringLiteral("alice.smith@example.com")).value(QLatin1String("id")).toString(),
        userId);
    const QJsonArray groups = emulator.store().listGroups({}).body.value(QStringLiteral("Resources")).toArray();
    QCOMPARE(
        groups.first().toObject().value(QLatin1String("displayName")).toString(), QStringLiteral("Administrators"));
    QCOMPARE(groups.first().toObject().value(QLatin1String("id")).toString(), groupId);
}

// --mirror removes what the file does not name; above the threshold (5 %, at least 10 by default)
// it is refused with exit 3 and the list in one JSON document, until --confirm-deletions.
void TestCliDirectory::mirrorImportShowsAndGuardsRemovals()
{
    CliHarness cli;
    QByteArray all = "userName\n";
    for (int i = 1; i <= 12; ++i) {
        all += QStringLiteral("user%1\n").arg(i, 2, 10, QLatin1Char('0')).toLatin1();
    }
    const QString allPath = cli.filePath(QStringLiteral("all.csv"));
    QVERIFY(writeText(allPath, all));
    QCOMPARE(cli.run(importArguments(QStringLiteral("users"), allPath, "")).exitCode, 0);
    const QString path = cli.filePath(QStringLiteral("mirror.csv"));
    QVERIFY(writeText(path, "userName\nuser01\nuser13\n"));

    Run run = cli.run(importArguments(QStringLiteral("users"), path, "--mirror --json"));
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.isOneJsonDocument(), qPrintable(run.out));
    QJsonObject document = run.json();
    QCOMPARE(document.value(QLatin1String("written")).toBool(true), false);
    QCOMPARE(document.value(QLatin1String("toRemove")).toInt(), 11);
    QCOMPARE(document.value(QLatin1String("toCreate")).toInt(), 1);
    QCOMPARE(document.value(QLatin1String("directoryCount")).toInt(), 12);
    QCOMPARE(document.value(QLatin1String("needsConfirmation")).toBool(), true);
    QCOMPARE(document.value(QLatin1String("deletionThreshold")).toObject().value(QLatin1String("limit")).toInt(), 10);
    const QStringList removals = strings(document.value(QLatin1String("removals")).toArray());
    QCOMPARE(removals.size(), 11);
    QCOMPARE(removals.first(), QStringLiteral("user02"));
    QCOMPARE(document.value(QLatin1String("error")).toObject().value(QLatin1String("exitCode")).toInt(), 3);
    QCOMPARE(cli.run(words("directory users list --json")).json().value(QLatin1String("total")).toInt(), 12);

    run = cli.run(importArguments(QStringLiteral("users"), path, "--mirror"));
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.out.contains(QStringLiteral("removes user12 (not in the file)")), qPrintable(run.out));
    QVERIFY2(run.err.contains(QStringLiteral("--confirm-deletions")), qPrintable(run.err));

    // A dry run reports the same without refusing; a raised threshold or the confirmation imports.
    run = cli.run(importArguments(QStringLiteral("users"), path, "--mirror --dry-run --json"));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().value(QLatin1String("needsConfirmation")).toBool(), true);
    QCOMPARE(run.json().value(QLatin1String("toRemove")).toInt(), 11);
    QCOMPARE(cli.run(importArguments(QStringLiteral("users"), path, "--confirm-deletions")).exitCode, 2);
    QCOMPARE(cli.run(importArguments(QStringLiteral("users"), path, "--mirror --deletion-threshold 5")).exitCode, 2);
    run = cli.run(importArguments(QStringLiteral("users"), path, "--mirror --confirm-deletions --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY(run.isOneJsonDocument());
    QCOMPARE(run.json().value(QLatin1String("removed")).toInt(), 11);
    QCOMPARE(run.json().value(QLatin1String("created")).toInt(), 1);
    QCOMPARE(
        names(cli.run(words("directory users list --json")).json().value(QLatin1String("users")).toArray(), "userName"),
        (QStringList {QStringLiteral("user01"), QStringLiteral("user13")}));
}

void TestCliDirectory::mirrorGroupsImport()
{
    CliHarness cli;
    QCOMPARE(cli.run(words("directory users add --user-name ada")).exitCode, 0);
    QCOMPARE(cli.run(words("directory users add --user-name bob")).exitCode, 0);
    QCOMPARE(cli.run(words("directory groups add --name A --add-member ada")).exitCode, 0);
    QCOMPARE(cli.run(words("directory groups add --name B")).exitCode, 0);
    const QString path = cli.filePath(QStringLiteral("groups.csv"));
    QVERIFY(writeText(path, "group,member\nA,bob\n"));
    // One of two groups is 50 %, but not more than the minimum of 10: no confirmation needed.
    Run run = cli.run(importArguments(QStringLiteral("groups"), path, "--mirror --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(strings(run.json().value(QLatin1String("removals")).toArray()), QStringList {QStringLiteral("B")});
    QCOMPARE(run.json().value(QLatin1String("removed")).toInt(), 1);
    run = cli.run(words("directory groups list --json"));
    QCOMPARE(
        names(run.json().value(QLatin1String("groups")).toArray(), "displayName"), QStringList {QStringLiteral("A")});
    run = cli.run(words("directory groups show A --json"));
    QCOMPARE(names(run.json().value(QLatin1String("members")).toObject().value(QLatin1String("users")).toArray(),
                 "userName"),
        QStringList {QStringLiteral("bob")});
}

QTEST_GUILESS_MAIN(TestCliDirectory)
#include "tst_cli_directory.moc"
