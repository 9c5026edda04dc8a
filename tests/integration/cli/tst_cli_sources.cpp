// scimdesk-cli with directory sources, from the outside: the real binary, a temporary profile,
// the shared slapd fixture (a real OpenLDAP with StartTLS/LDAPS, a test CA, nested groups,
// locked accounts) and an AWS emulator in this process. The bind password comes from an
// owner-only file or a variable, or (keychain case) from a throwaway gnome-keyring.
#include "AwsScimEmulator.h"
#include "CliProcess.h"
#include "CliSourceProfile.h"
#include "DirectoryFixture.h"
#include "SecretScan.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

namespace {
using CliRun = CliProcess;

const QString kSource = CliSourceProfile::sourceName();
} // namespace

class CliSourcesTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void helpForEverySourcesCommand_data();
    void helpForEverySourcesCommand();
    void usageErrors_data();
    void usageErrors();
    void addShowListTestAndRead();
    void passwordFileRules();
    void syncFlattensNestedGroupsIntoTheTarget();
    void allGroupsAndAssignmentByDn();
    void lockedAccountIsDeprovisioned();
    void failedSourceReadExitsFourAndSendsNothing();
    void sourceInUseIsNotRemoved();
    void passwordInTheKeychainOnly();

private:
    CliRun cli(const QStringList& arguments, const QByteArray& input = {}, const QStringList& environment = {});
    // cli() with the emulator's token and the source's password from the owner-only file.
    CliRun cliWithSecrets(const QStringList& arguments);
    void addSource(const QStringList& extra = {});
    void addServerAndApplication(const QStringList& appOptions);

    DirectoryFixture m_slapd;
    std::unique_ptr<CliSourceProfile> m_source;
    std::unique_ptr<AwsScimEmulator> m_emulator;
    QString m_profile;
    QString m_passwordFile;
};

void CliSourcesTest::initTestCase()
{
    m_slapd = DirectoryFixture::shared(DirectoryFixture::Server::Slapd);
    QVERIFY2(m_slapd.isValid(), qPrintable(m_slapd.error()));
}

void CliSourcesTest::init()
{
    m_source = std::make_unique<CliSourceProfile>(m_slapd);
    QVERIFY2(m_source->error().isEmpty(), qPrintable(m_source->error()));
    m_profile = m_source->path();
    m_passwordFile = m_source->passwordFile();
    m_emulator = std::make_unique<AwsScimEmulator>();
    QVERIFY(m_emulator->listen());
}

void CliSourcesTest::cleanup()
{
    m_emulator.reset();
    m_source.reset();
}

CliRun CliSourcesTest::cli(const QStringList& arguments, const QByteArray& input, const QStringList& environment)
{
    return m_source->run(arguments, input, environment);
}

CliRun CliSourcesTest::cliWithSecrets(const QStringList& arguments)
{
    return m_source->runWithSecrets(arguments);
}

void CliSourcesTest::addSource(const QStringList& extra)
{
    const CliRun run = m_source->addSource(extra);
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
}

void CliSourcesTest::addServerAndApplication(const QStringList& appOptions)
{
    CliRun run = m_source->addServer(m_emulator->baseUrl());
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    run = m_source->addApplication(appOptions);
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
}

void CliSourcesTest::helpForEverySourcesCommand_data()
{
    QTest::addColumn<QString>("words");
    QTest::addColumn<QString>("option"); // an option the help must list
    QTest::newRow("list") << "sources list"
                          << "--json";
    QTest::newRow("show") << "sources show"
                          << "--json";
    QTest::newRow("add") << "sources add"
                         << "--password-stdin";
    QTest::newRow("edit") << "sources edit"
                          << "--no-start-tls";
    QTest::newRow("remove") << "sources remove"
                            << "--profile";
    QTest::newRow("test") << "sources test"
                          << "--source-password-file";
    QTest::newRow("read") << "sources read"
                          << "--full";
    QTest::newRow("apps add") << "apps add"
                              << "--all-groups";
    QTest::newRow("apps edit") << "apps edit"
                               << "--source-password-env";
    QTest::newRow("sync") << "sync"
                          << "--source-password-env";
    QTest::newRow("provision-user") << "provision-user"
                                    << "--source-password-file";
}

void CliSourcesTest::helpForEverySourcesCommand()
{
    QFETCH(QString, words);
    QFETCH(QString, option);
    const CliRun run = cli(words.split(QLatin1Char(' ')) + QStringList {QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(QStringLiteral("Usage: scimdesk-cli ") + words), qPrintable(run.out));
    QVERIFY2(run.out.contains(option), qPrintable(run.out));
    QVERIFY(!QFile::exists(m_profile + QStringLiteral("/scimdesk.db")));
}

void CliSourcesTest::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString s = QStringLiteral("sources");
    QTest::newRow("no subcommand") << QStringList {s} << "list, show, add, edit, remove, test or read";
    QTest::newRow("add without type") << QStringList {s, QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("X"), QStringLiteral("--url"), QStringLiteral("ldaps://x"), QStringLiteral("--base-dn"),
        QStringLiteral("dc=x")} << "--type";
    QTest::newRow("unknown type") << QStringList {s, QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("X"), QStringLiteral("--type"), QStringLiteral("novell"), QStringLiteral("--url"),
        QStringLiteral("ldaps://x"), QStringLiteral("--base-dn"), QStringLiteral("dc=x")}
                                  << "active-directory";
    QTest::newRow("plain ldap to a remote host") << QStringList {s, QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("X"), QStringLiteral("--type"), QStringLiteral("openldap"), QStringLiteral("--url"),
        QStringLiteral("ldap://ldap.example.com"), QStringLiteral("--base-dn"), QStringLiteral("dc=example,dc=com")}
                                                 << "--start-tls";
    QTest::newRow("credentials in the URL") << QStringList {s, QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("X"), QStringLiteral("--type"), QStringLiteral("openldap"), QStringLiteral("--url"),
        QStringLiteral("ldaps://reader:hunter2@ldap.example.com"), QStringLiteral("--base-dn"),
        QStringLiteral("dc=example,dc=com")} << "(--url)";
    QTest::newRow("broken filter") << QStringList {s, QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("X"), QStringLiteral("--type"), QStringLiteral("openldap"), QStringLiteral("--url"),
        QStringLiteral("ldaps://ldap.example.com"), QStringLiteral("--base-dn"), QStringLiteral("dc=example,dc=com"),
        QStringLiteral("--user-filter"), QStringLiteral("(&(uid=*)")}
                                   << "(--user-filter)";
    QTest::newRow("page size") << QStringList {s, QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("X"),
        QStringLiteral("--type"), QStringLiteral("openldap"), QStringLiteral("--url"),
        QStringLiteral("ldaps://ldap.example.com"), QStringLiteral("--base-dn"), QStringLiteral("dc=example,dc=com"),
        QStringLiteral("--page-size"), QStringLiteral("20000")}
                               << "(--page-size)";
    QTest::newRow("timeout") << QStringList {s, QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("X"),
        QStringLiteral("--type"), QStringLiteral("openldap"), QStringLiteral("--url"),
        QStringLiteral("ldaps://ldap.example.com"), QStringLiteral("--base-dn"), QStringLiteral("dc=example,dc=com"),
        QStringLiteral("--timeout"), QStringLiteral("0")}
                             << "(--timeout)";
    QTest::newRow("stdin and env") << QStringList {s, QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("X"), QStringLiteral("--type"), QStringLiteral("openldap"), QStringLiteral("--url"),
        QStringLiteral("ldaps://ldap.example.com"), QStringLiteral("--base-dn"), QStringLiteral("dc=example,dc=com"),
        QStringLiteral("--bind-dn"), QStringLiteral("cn=r,dc=example,dc=com"), QStringLiteral("--password-stdin"),
        QStringLiteral("--source-password-env"), QStringLiteral("SCIM_TEST_TOKEN")}
                                   << "cannot be combined";
    QTest::newRow("unknown source") << QStringList {s, QStringLiteral("read"), QStringLiteral("Nope")}
                                    << "no directory source named";
    QTest::newRow("apps unknown source") << QStringList {QStringLiteral("apps"), QStringLiteral("add"),
        QStringLiteral("--name"), QStringLiteral("A"), QStringLiteral("--source"), QStringLiteral("Nope")}
                                         << "--source embedded";
}

void CliSourcesTest::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CliRun run = cli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(!run.all().contains(QLatin1String("hunter2")));
}

void CliSourcesTest::addShowListTestAndRead()
{
    addSource();
    CliRun run = cli({QStringLiteral("sources"), QStringLiteral("show"), kSource, QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QJsonObject source = run.json();
    QCOMPARE(source.value(QLatin1String("type")).toString(), QStringLiteral("openldap"));
    QCOMPARE(source.value(QLatin1String("anchorAttribute")).toString(), QStringLiteral("entryUUID"));
    QVERIFY(source.value(QLatin1String("startTls")).toBool());
    QCOMPARE(source.value(QLatin1String("passwordStoredAt")).toString(), QString()); // never stored from a file
    QVERIFY(source.value(QLatin1String("lastRead")).isNull());
    QVERIFY(!source.value(QLatin1String("userMappings")).toArray().isEmpty());
    QCOMPARE(source.value(QLatin1String("timeoutSeconds")).toInt(), 60);
    run = cli({QStringLiteral("sources"), QStringLiteral("edit"), kSource, QStringLiteral("--timeout"),
        QStringLiteral("120"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QCOMPARE(run.json().value(QLatin1String("timeoutSeconds")).toInt(), 120);

    run = cli({QStringLiteral("sources"), QStringLiteral("list")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(kSource) && run.out.contains(QLatin1String("never")), qPrintable(run.out));

    run = cliWithSecrets({QStringLiteral("sources"), QStringLiteral("test"), kSource, QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QVERIFY(run.json().value(QLatin1String("verdict")).toString() != QLatin1String("fail"));
    QCOMPARE(run.json().value(QLatin1String("steps")).toArray().size(), 9);

    run = cliWithSecrets({QStringLiteral("sources"), QStringLiteral("read"), kSource, QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QVERIFY(!run.json().value(QLatin1String("incremental")).toBool());
    const int users = run.json().value(QLatin1String("users")).toInt();
    QVERIFY2(users > 1600, qPrintable(run.out)); // 30 people and the 1,600 of Bulk-1600
    QVERIFY(run.json().value(QLatin1String("groups")).toInt() >= 10);

    // The next read is incremental and finds the same directory.
    run = cliWithSecrets({QStringLiteral("sources"), QStringLiteral("read"), kSource, QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QVERIFY(run.json().value(QLatin1String("incremental")).toBool());
    QCOMPARE(run.json().value(QLatin1String("users")).toInt(), users);

    run = cli({QStringLiteral("sources"), QStringLiteral("show"), kSource});
    QVERIFY2(run.out.contains(QLatin1String("incremental")), qPrintable(run.out));
}

void CliSourcesTest::passwordFileRules()
{
    addSource();
    QFile::setPermissions(m_passwordFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup);
    CliRun run = cliWithSecrets({QStringLiteral("sources"), QStringLiteral("read"), kSource});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QLatin1String("chmod 600")), qPrintable(run.err));
    QFile::setPermissions(m_passwordFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    // The variable's value is the password exactly: with a trailing space the bind fails.
    run = cli({QStringLiteral("sources"), QStringLiteral("read"), kSource, QStringLiteral("--source-password-env"),
                  QStringLiteral("LDAP_PW")},
        {}, {QStringLiteral("LDAP_PW=") + QString::fromUtf8(m_slapd.readerPassword()) + QLatin1Char(' ')});
    QCOMPARE(run.exitCode, 4);
    run = cli({QStringLiteral("sources"), QStringLiteral("read"), kSource, QStringLiteral("--source-password-env"),
                  QStringLiteral("LDAP_PW")},
        {}, {QStringLiteral("LDAP_PW=") + QString::fromUtf8(m_slapd.readerPassword())});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    run = cli({QStringLiteral("sources"), QStringLiteral("read"), kSource, QStringLiteral("--source-password-env"),
        QStringLiteral("LDAP_PW"), QStringLiteral("--source-password-file"), m_passwordFile});
    QCOMPARE(run.exitCode, 2);
}

void CliSourcesTest::syncFlattensNestedGroupsIntoTheTarget()
{
    addSource();
    // The source was never read: assigning a group by name reads it first.
    addServerAndApplication({QStringLiteral("--assign-group"), QStringLiteral("AWS-Engineers")});
    CliRun run = cli({QStringLiteral("apps"), QStringLiteral("show"), QStringLiteral("AWS"), QStringLiteral("--json")});
    QCOMPARE(run.json().value(QLatin1String("source")).toString(), kSource);
    QCOMPARE(run.json().value(QLatin1String("assignment")).toObject().value(QLatin1String("groups")).toArray(),
        QJsonArray {QStringLiteral("AWS-Engineers")});

    run = cliWithSecrets(
        {QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QCOMPARE(m_emulator->writeCount(), 0);
    run = cliWithSecrets(
        {QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));

    // AWS-Engineers > Platform > SRE, flattened into one AWS group; ivy.off is locked
    // (pwdAccountLockedTime) and never created; Platform and SRE are not assigned.
    QCOMPARE(m_emulator->groupCount(), 1);
    const QString groupId
        = m_emulator->store().findGroupByDisplayName(QStringLiteral("AWS-Engineers")).value("id").toString();
    QSet<QString> expected;
    for (const char* userName : {"ben.vance", "dan.platform", "rae.mover", "eve.sre", "finn.sre", "kim.off"}) {
        const QJsonObject user = m_emulator->findUserByUserName(QLatin1String(userName));
        QVERIFY2(!user.isEmpty(), userName);
        QVERIFY(!user.value(QLatin1String("externalId")).toString().isEmpty()); // the entryUUID
        expected.insert(user.value(QLatin1String("id")).toString());
    }
    QVERIFY(m_emulator->findUserByUserName(QStringLiteral("ivy.off")).isEmpty());
    QCOMPARE(m_emulator->userCount(), 6);
    QCOMPARE(m_emulator->groupMemberIds(groupId), expected);
    // The password from the file is in no output and no file of the profile.
    QVERIFY(!run.all().contains(QString::fromUtf8(m_slapd.readerPassword())));
    QStringList scanned;
    QCOMPARE(SecretScan::filesContaining(m_profile, m_slapd.readerPassword(), &scanned), QStringList());
    QVERIFY(!scanned.isEmpty());

    // One sync converges: the managers created in it were set by it too, nothing is left to write.
    run = cliWithSecrets(
        {QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QCOMPARE(run.json().value(QLatin1String("plan")).toObject().value(QLatin1String("writeCount")).toInt(), 0);
}

void CliSourcesTest::allGroupsAndAssignmentByDn()
{
    addSource();
    addServerAndApplication({QStringLiteral("--all-groups")});
    CliRun run = cliWithSecrets(
        {QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    // Per kind, the objects the operations touch (docs/cli.md).
    const QJsonObject counts = run.json()
                                   .value(QLatin1String("plan"))
                                   .toObject()
                                   .value(QLatin1String("counts"))
                                   .toObject()
                                   .value(QLatin1String("objects"))
                                   .toObject();
    QVERIFY2(counts.value(QLatin1String("create-group")).toInt() >= 10, qPrintable(run.out.left(2000)));

    // A group named by its DN, in another spelling than the directory's.
    run = cliWithSecrets(
        {QStringLiteral("apps"), QStringLiteral("edit"), QStringLiteral("AWS"), QStringLiteral("--not-all-groups"),
            QStringLiteral("--assign-group"), QStringLiteral("CN=Loop-A, OU=Groups, ") + m_slapd.baseDn().toUpper()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    run = cliWithSecrets({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    // Loop-A contains Loop-B, which contains Loop-A: both members, once each.
    const QString loopA = m_emulator->store().findGroupByDisplayName(QStringLiteral("Loop-A")).value("id").toString();
    QCOMPARE(m_emulator->groupMemberIds(loopA).size(), 2);

    run = cli({QStringLiteral("apps"), QStringLiteral("edit"), QStringLiteral("AWS"), QStringLiteral("--assign-group"),
        QStringLiteral("No Such Group")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QLatin1String("sources read")), qPrintable(run.err));
}

void CliSourcesTest::lockedAccountIsDeprovisioned()
{
    addSource();
    addServerAndApplication({QStringLiteral("--assign-group"), QStringLiteral("SRE")});
    CliRun run = cliWithSecrets({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QVERIFY(m_emulator->findUserByUserName(QStringLiteral("eve.sre")).value("active").toBool());

    const QString eve = QStringLiteral("uid=eve.sre,ou=Engineering,ou=People,") + m_slapd.baseDn();
    QString error = m_slapd.modify(("dn: " + eve
        + "\nchangetype: modify\nadd: pwdAccountLockedTime\n"
          "pwdAccountLockedTime: 000001010000Z\n")
                                       .toUtf8());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    struct Restore
    {
        const DirectoryFixture& slapd;
        QString dn;
        ~Restore() { slapd.modify(("dn: " + dn + "\nchangetype: modify\ndelete: pwdAccountLockedTime\n").toUtf8()); }
    } restore {m_slapd, eve};

    run = cliWithSecrets(
        {QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QCOMPARE(CliSourceProfile::objectCount(run, "disable-user"), 1);
    QVERIFY(!m_emulator->findUserByUserName(QStringLiteral("eve.sre")).value("active").toBool());
}

void CliSourcesTest::failedSourceReadExitsFourAndSendsNothing()
{
    addSource();
    addServerAndApplication({QStringLiteral("--all-users")});
    QFile file(m_passwordFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not-the-password\n");
    file.close();
    m_emulator->resetCounters();
    CliRun run = cliWithSecrets(
        {QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 4);
    QCOMPARE(run.json().value(QLatin1String("error")).toObject().value(QLatin1String("exitCode")).toInt(), 4);
    QVERIFY2(run.err.contains(QLatin1String("nothing was sent to the SCIM server")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("sources test")), qPrintable(run.err));
    QCOMPARE(m_emulator->requestCount(), 0);

    // Certificate not trusted (no CA file): the same, before any request.
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_slapd.readerPassword());
    file.close();
    run = cli({QStringLiteral("sources"), QStringLiteral("edit"), kSource, QStringLiteral("--ca-file"), QString()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    run = cliWithSecrets({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--dry-run")});
    QCOMPARE(run.exitCode, 4);
    run = cliWithSecrets({QStringLiteral("provision-user"), QStringLiteral("AWS"), QStringLiteral("ben.vance")});
    QCOMPARE(run.exitCode, 4);
    QCOMPARE(m_emulator->requestCount(), 0);
    run = cliWithSecrets({QStringLiteral("sources"), QStringLiteral("test"), kSource});
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.out.contains(QLatin1String("[FAIL]")), qPrintable(run.out));
}

void CliSourcesTest::sourceInUseIsNotRemoved()
{
    addSource();
    addServerAndApplication({});
    CliRun run = cli({QStringLiteral("sources"), QStringLiteral("remove"), kSource});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QLatin1String("AWS")), qPrintable(run.err));
    run = cli({QStringLiteral("apps"), QStringLiteral("edit"), QStringLiteral("AWS"), QStringLiteral("--source"),
        QStringLiteral("embedded")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    run = cli({QStringLiteral("sources"), QStringLiteral("remove"), kSource, QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QCOMPARE(run.json().value(QLatin1String("removed")).toString(), kSource);
}

void CliSourcesTest::passwordInTheKeychainOnly()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        if (qEnvironmentVariableIntValue("SCIMDESK_REQUIRE_KEYCHAIN")) {
            QFAIL("No D-Bus session: run the tests through scripts/with-test-keyring");
        }
        QSKIP("No D-Bus session; run through scripts/with-test-keyring for the real keychain");
    }
    const QByteArray password = m_slapd.readerPassword();
    QStringList outputs;
    CliRun run = cli(
        {QStringLiteral("sources"), QStringLiteral("add"), QStringLiteral("--name"), kSource, QStringLiteral("--type"),
            QStringLiteral("openldap"), QStringLiteral("--url"), m_slapd.ldapsUri(), QStringLiteral("--ca-file"),
            m_slapd.caFile(), QStringLiteral("--base-dn"), m_slapd.baseDn(), QStringLiteral("--bind-dn"),
            m_slapd.readerDn(), QStringLiteral("--password-stdin"), QStringLiteral("--json")},
        password + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QVERIFY(!run.json().value(QLatin1String("passwordStoredAt")).toString().isEmpty());
    outputs << run.all();
    // Read, test and sync take it from the keychain.
    for (const QStringList& arguments : {QStringList {QStringLiteral("sources"), QStringLiteral("read"), kSource},
             QStringList {QStringLiteral("sources"), QStringLiteral("test"), kSource, QStringLiteral("--json")},
             QStringList {QStringLiteral("sources"), QStringLiteral("show"), kSource, QStringLiteral("--json")}}) {
        run = cli(arguments);
        QVERIFY2(run.exitCode == 0, qPrintable(arguments.join(QLatin1Char(' ')) + QLatin1Char('\n') + run.all()));
        outputs << run.all();
    }
    // The server's token from a variable, the source's password from the keychain: each
    // headless option answers only for what it names.
    addServerAndApplication({QStringLiteral("--all-users")});
    run = cli({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply"), QStringLiteral("--token-env"),
        QStringLiteral("SCIM_TEST_TOKEN")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QVERIFY(m_emulator->userCount() > 1600);
    outputs << run.all();
    for (const QString& output : std::as_const(outputs)) {
        QVERIFY(!output.contains(QString::fromUtf8(password)));
    }
    QStringList scanned;
    QCOMPARE(SecretScan::filesContaining(m_profile, password, &scanned), QStringList());
    QVERIFY(scanned.size() >= 1);
    run = cli({QStringLiteral("apps"), QStringLiteral("remove"), QStringLiteral("AWS")});
    QCOMPARE(run.exitCode, 0);
    run = cli({QStringLiteral("sources"), QStringLiteral("remove"), kSource});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
}

QTEST_GUILESS_MAIN(CliSourcesTest)
#include "tst_cli_sources.moc"
