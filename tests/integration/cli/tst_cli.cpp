// scimdesk-cli from the outside: the real binary, a temporary profile, secrets only from
// --token-env/--token-file (no keychain needed), and an AWS emulator in this process so the
// target state can be checked directly.
#include "AwsScimEmulator.h"
#include "schedule/ScheduleInstaller.h"
#include "schedule/SystemdUserScheduler.h"
#include "servertypes/ServerTypeRegistry.h"
#include "storage/Database.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;

    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

const char* const awsPreset = "aws-iam-identity-center";
} // namespace

class CliTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void version();
    void helpForEveryCommand_data();
    void helpForEveryCommand();
    void usageErrors_data();
    void usageErrors();
    void tokenOnCommandLineIsRefused_data();
    void tokenOnCommandLineIsRefused();
    void serversAddWithPresetThenShowAndList();
    void duplicateServerNameIsUsageError();
    void tokenFromFileWorks();
    void groupOrWorldReadableTokenFileIsRefused();
    void missingTokenEnvironmentIsUsageError();
    void appsAddWithServerAndAssignments();
    void filterClauseErrors_data();
    void filterClauseErrors();
    void directoryImportReportsLineNumbers();
    void directoryExportRoundTrip();
    void syncDryRunThenApplyConverges();
    void authenticationFailureExitsFour();
    void deletionThresholdNeedsConfirmation();
    void provisionUser();
    void interruptMidApplyLeavesJournalAndRerunConverges();
    void sandboxServesUntilInterrupted();
    void appsRenameAndRemoveFollowTheSchedule();

private:
    CliRun cli(const QStringList& arguments, const QByteArray& input = {}, const QStringList& environment = {});
    // cli() with the headless token of the emulator.
    CliRun cliWithToken(const QStringList& arguments);
    void startEmulator();
    void addSandboxServer();
    void importUsers(int count, const QString& department = QStringLiteral("Engineering"));

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AwsScimEmulator> m_emulator;
    QString m_profile;
};

void CliTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_profile = m_dir->filePath(QStringLiteral("profile"));
}

void CliTest::cleanup()
{
    m_emulator.reset();
    m_dir.reset();
}

CliRun CliTest::cli(const QStringList& arguments, const QByteArray& input, const QStringList& environment)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("SCIMDESK_PROFILE"));
    env.insert(QStringLiteral("SCIM_TEST_TOKEN"), QStringLiteral("emulator-token"));
    for (const QString& entry : environment) {
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    }
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(SCIMDESK_CLI_PATH), QStringList {QStringLiteral("--profile"), m_profile} + arguments);
    if (!process.waitForStarted()) {
        return {};
    }
    process.write(input);
    process.closeWriteChannel();
    // Waiting on the signal spins this event loop, so the in-process emulator keeps serving.
    if (!finished.wait(60000)) {
        process.kill();
        process.waitForFinished();
    }
    CliRun run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

CliRun CliTest::cliWithToken(const QStringList& arguments)
{
    return cli(arguments + QStringList {QStringLiteral("--token-env"), QStringLiteral("SCIM_TEST_TOKEN")});
}

void CliTest::startEmulator()
{
    m_emulator = std::make_unique<AwsScimEmulator>();
    QVERIFY(m_emulator->listen());
}

void CliTest::addSandboxServer()
{
    const CliRun run = cliWithToken({QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("Sandbox"), QStringLiteral("--type"), QLatin1String(awsPreset), QStringLiteral("--url"),
        m_emulator->baseUrl().toString()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void CliTest::importUsers(int count, const QString& department)
{
    QString csv = QStringLiteral("userName,email,givenName,familyName,displayName,department\n");
    for (int i = 0; i < count; ++i) {
        csv += QStringLiteral("user%1@example.com,user%1@example.com,Given%1,Family%1,User %1,%2\n")
                   .arg(i)
                   .arg(department);
    }
    const QString path = m_dir->filePath(QStringLiteral("users.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv.toUtf8());
    file.close();
    const CliRun run = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), path});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void CliTest::version()
{
    const CliRun run = cli({QStringLiteral("--version")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.trimmed(), QStringLiteral("scimdesk-cli %1").arg(QStringLiteral(SCIMDESK_VERSION)));
}

void CliTest::helpForEveryCommand_data()
{
    QTest::addColumn<QString>("words");
    for (const char* words : {"servers list", "servers show", "servers add", "servers edit", "servers remove",
             "servers test", "apps list", "apps show", "apps add", "apps edit", "apps remove", "directory import",
             "directory export", "directory users list", "directory users show", "directory users add",
             "directory users edit", "directory users remove", "directory groups list", "directory groups show",
             "directory groups add", "directory groups edit", "directory groups remove", "sync", "provision-user",
             "runs list", "runs show", "sandbox"}) {
        QTest::newRow(words) << QString::fromLatin1(words);
    }
}

void CliTest::helpForEveryCommand()
{
    QFETCH(QString, words);
    const CliRun run = cli(words.split(QLatin1Char(' ')) + QStringList {QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(QStringLiteral("Usage: scimdesk-cli ") + words), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("--profile")));
    // Nothing was created by asking for help.
    QVERIFY(!QFile::exists(m_profile + QStringLiteral("/scimdesk.db")));
}

void CliTest::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no command") << QStringList {};
    QTest::newRow("unknown command") << QStringList {QStringLiteral("frobnicate")};
    QTest::newRow("unknown option") << QStringList {
        QStringLiteral("servers"), QStringLiteral("list"), QStringLiteral("--frobnicate")};
    QTest::newRow("servers without subcommand") << QStringList {QStringLiteral("servers")};
    QTest::newRow("show without name") << QStringList {QStringLiteral("servers"), QStringLiteral("show")};
    QTest::newRow("show unknown server") << QStringList {
        QStringLiteral("servers"), QStringLiteral("show"), QStringLiteral("Nope")};
    QTest::newRow("add without url") << QStringList {
        QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("X")};
    QTest::newRow("unknown preset") << QStringList {QStringLiteral("servers"), QStringLiteral("add"),
        QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--url"),
        QStringLiteral("https://x.example/scim/v2"), QStringLiteral("--type"), QStringLiteral("nope"),
        QStringLiteral("--token-env"), QStringLiteral("SCIM_TEST_TOKEN")};
    QTest::newRow("no secret") << QStringList {QStringLiteral("servers"), QStringLiteral("add"),
        QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--url"),
        QStringLiteral("https://x.example/scim/v2")};
    QTest::newRow("env and file") << QStringList {QStringLiteral("servers"), QStringLiteral("list"),
        QStringLiteral("--token-env"), QStringLiteral("A"), QStringLiteral("--token-file"),
        QStringLiteral("/nonexistent")};
    QTest::newRow("apps add without name") << QStringList {QStringLiteral("apps"), QStringLiteral("add")};
    QTest::newRow("apps unknown server") << QStringList {QStringLiteral("apps"), QStringLiteral("add"),
        QStringLiteral("--name"), QStringLiteral("A"), QStringLiteral("--server"), QStringLiteral("Nope")};
    QTest::newRow("apps unknown user") << QStringList {QStringLiteral("apps"), QStringLiteral("add"),
        QStringLiteral("--name"), QStringLiteral("A"), QStringLiteral("--assign-user"), QStringLiteral("nobody")};
    QTest::newRow("sync without mode") << QStringList {QStringLiteral("sync"), QStringLiteral("App")};
    QTest::newRow("sync both modes") << QStringList {
        QStringLiteral("sync"), QStringLiteral("App"), QStringLiteral("--dry-run"), QStringLiteral("--apply")};
    QTest::newRow("confirm without apply") << QStringList {QStringLiteral("sync"), QStringLiteral("App"),
        QStringLiteral("--dry-run"), QStringLiteral("--confirm-deletions")};
    QTest::newRow("import unknown kind") << QStringList {
        QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("things"), QStringLiteral("x.csv")};
    QTest::newRow("sandbox bad port") << QStringList {
        QStringLiteral("sandbox"), QStringLiteral("--port"), QStringLiteral("99999")};
}

void CliTest::usageErrors()
{
    QFETCH(QStringList, arguments);
    const CliRun run = cli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(!run.err.trimmed().isEmpty(), "a usage error says what is wrong");
}

void CliTest::tokenOnCommandLineIsRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("--token VALUE") << QStringList {QStringLiteral("servers"), QStringLiteral("add"),
        QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--token"), QStringLiteral("s3cr3t-value")};
    QTest::newRow("--token=VALUE") << QStringList {
        QStringLiteral("servers"), QStringLiteral("list"), QStringLiteral("--token=s3cr3t-value")};
    QTest::newRow("before the command") << QStringList {
        QStringLiteral("--token=s3cr3t-value"), QStringLiteral("apps"), QStringLiteral("list")};
}

void CliTest::tokenOnCommandLineIsRefused()
{
    QFETCH(QStringList, arguments);
    const CliRun run = cli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QStringLiteral("ps")));
    QVERIFY(run.err.contains(QStringLiteral("--token-stdin")));
    QVERIFY(!run.err.contains(QStringLiteral("s3cr3t-value")));
    QVERIFY(!run.out.contains(QStringLiteral("s3cr3t-value")));
    QVERIFY(!QFile::exists(m_profile + QStringLiteral("/scimdesk.db")));
}

void CliTest::serversAddWithPresetThenShowAndList()
{
    const QString url = QStringLiteral(
        "https://scim.eu-west-1.amazonaws.com/a1b2c3d4e5-11111111-2222-3333-4444-555555555555/scim/v2/");
    CliRun run = cliWithToken({QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("AWS prod"), QStringLiteral("--description"), QStringLiteral("Production"),
        QStringLiteral("--type"), QLatin1String(awsPreset), QStringLiteral("--url"), url});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(!run.out.contains(QStringLiteral("emulator-token")));

    // The preset filled in what the GUI's preset confirmation would.
    const ServerTypeRegistry registry = ServerTypeRegistry::load();
    const auto preset = registry.find(QLatin1String(awsPreset));
    QVERIFY(preset.has_value());
    ScimServer expected;
    expected.url = url;
    expected = ServerTypeRegistry::applyPreset(*preset, expected).result;

    run = cli(
        {QStringLiteral("servers"), QStringLiteral("show"), QStringLiteral("AWS prod"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject server = run.json();
    QCOMPARE(server.value(QLatin1String("name")).toString(), QStringLiteral("AWS prod"));
    QCOMPARE(server.value(QLatin1String("description")).toString(), QStringLiteral("Production"));
    QCOMPARE(server.value(QLatin1String("serverType")).toString(), QLatin1String(awsPreset));
    QCOMPARE(server.value(QLatin1String("url")).toString(), url);
    QCOMPARE(server.value(QLatin1String("auth")).toObject().value(QLatin1String("scheme")).toString(),
        AuthSettings::schemeId(expected.auth.scheme));
    const QJsonArray mappings = server.value(QLatin1String("userMappings")).toArray();
    QCOMPARE(mappings.size(), expected.userMappings.size());
    for (int i = 0; i < mappings.size(); ++i) {
        QCOMPARE(
            mappings.at(i).toObject().value(QLatin1String("target")).toString(), expected.userMappings.at(i).target);
        QCOMPARE(
            mappings.at(i).toObject().value(QLatin1String("source")).toString(), expected.userMappings.at(i).source);
    }
    QCOMPARE(server.value(QLatin1String("staticAttributes")).toArray().size(), expected.staticAttributes.size());
    QVERIFY(!server.value(QLatin1String("secretStoredAt")).toString().isEmpty());
    QVERIFY(!QJsonDocument(server).toJson().contains("emulator-token"));

    run = cli({QStringLiteral("servers"), QStringLiteral("show"), QStringLiteral("AWS prod")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("Server type:     aws-iam-identity-center")));

    run = cli({QStringLiteral("servers"), QStringLiteral("list")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("AWS prod\taws-iam-identity-center\t") + url));

    run = cli({QStringLiteral("servers"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray servers = run.json().value(QLatin1String("servers")).toArray();
    QCOMPARE(servers.size(), 1);
    QCOMPARE(servers.at(0).toObject().value(QLatin1String("name")).toString(), QStringLiteral("AWS prod"));

    // Edit with a non-secret option only, then remove.
    run = cliWithToken({QStringLiteral("servers"), QStringLiteral("edit"), QStringLiteral("AWS prod"),
        QStringLiteral("--description"), QStringLiteral("Changed")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli(
        {QStringLiteral("servers"), QStringLiteral("show"), QStringLiteral("AWS prod"), QStringLiteral("--json")});
    QCOMPARE(run.json().value(QLatin1String("description")).toString(), QStringLiteral("Changed"));
    run = cliWithToken({QStringLiteral("servers"), QStringLiteral("remove"), QStringLiteral("AWS prod")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("servers"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(run.json().value(QLatin1String("servers")).toArray().size(), 0);
}

void CliTest::duplicateServerNameIsUsageError()
{
    const QStringList add {QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("Dup"), QStringLiteral("--type"), QStringLiteral("generic-scim2"), QStringLiteral("--url"),
        QStringLiteral("https://scim.example.com/scim/v2")};
    QCOMPARE(cliWithToken(add).exitCode, 0);
    const CliRun run = cliWithToken(add + QStringList {QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("already exists")), qPrintable(run.err));
    QCOMPARE(run.json().value(QLatin1String("error")).toObject().value(QLatin1String("exitCode")).toInt(), 2);
}

void CliTest::tokenFromFileWorks()
{
    startEmulator();
    const QString tokenFile = m_dir->filePath(QStringLiteral("token"));
    QFile file(tokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("emulator-token\n");
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    CliRun run = cli({QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("Sandbox"), QStringLiteral("--type"), QLatin1String(awsPreset), QStringLiteral("--url"),
        m_emulator->baseUrl().toString(), QStringLiteral("--token-file"), tokenFile});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // The token read from the file authenticates against the target.
    run = cli({QStringLiteral("servers"), QStringLiteral("test"), QStringLiteral("Sandbox"), QStringLiteral("--json"),
        QStringLiteral("--token-file"), tokenFile});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY(run.json().value(QLatin1String("verdict")).toString() != QLatin1String("fail"));
    QVERIFY(!run.out.contains(QStringLiteral("emulator-token")));
    QVERIFY(!run.err.contains(QStringLiteral("emulator-token")));
    // ... and the result is recorded as the server's last test.
    run = cli({QStringLiteral("servers"), QStringLiteral("show"), QStringLiteral("Sandbox"), QStringLiteral("--json")});
    QVERIFY(run.json().value(QLatin1String("lastTest")).isObject());
}

void CliTest::groupOrWorldReadableTokenFileIsRefused()
{
    const QString tokenFile = m_dir->filePath(QStringLiteral("token"));
    QFile file(tokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("secret-in-a-shared-file\n");
    file.close();
    QVERIFY(file.setPermissions(
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const CliRun run = cli({QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("X"), QStringLiteral("--url"), QStringLiteral("https://scim.example.com/scim/v2"),
        QStringLiteral("--token-file"), tokenFile});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("chmod 600")), qPrintable(run.err));
    QVERIFY(!run.err.contains(QStringLiteral("secret-in-a-shared-file")));
}

void CliTest::missingTokenEnvironmentIsUsageError()
{
    const CliRun run = cli({QStringLiteral("servers"), QStringLiteral("list"), QStringLiteral("--token-env"),
        QStringLiteral("SCIMDESK_TEST_UNSET_VARIABLE")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QStringLiteral("SCIMDESK_TEST_UNSET_VARIABLE")));
}

void CliTest::appsAddWithServerAndAssignments()
{
    startEmulator();
    addSandboxServer();
    importUsers(3);
    const QString groups = m_dir->filePath(QStringLiteral("groups.csv"));
    QFile file(groups);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("group,member\nAdmins,user0@example.com\nAdmins,user1@example.com\n");
    file.close();
    CliRun run = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("groups"), groups});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    run = cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("AWS"),
        QStringLiteral("--description"), QStringLiteral("Console"), QStringLiteral("--sign-in-protocol"),
        QStringLiteral("SAML 2.0"), QStringLiteral("--server"), QStringLiteral("Sandbox"),
        QStringLiteral("--assign-user"), QStringLiteral("user2@example.com"), QStringLiteral("--assign-group"),
        QStringLiteral("Admins"), QStringLiteral("--filter"), QStringLiteral("department equals Engineering"),
        QStringLiteral("--filter"), QStringLiteral("email endsWith \"@example.com\""), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject app = run.json();
    QCOMPARE(app.value(QLatin1String("server")).toString(), QStringLiteral("Sandbox"));
    QCOMPARE(app.value(QLatin1String("signInProtocol")).toString(), QStringLiteral("SAML 2.0"));
    const QJsonObject assignment = app.value(QLatin1String("assignment")).toObject();
    QCOMPARE(assignment.value(QLatin1String("allUsers")).toBool(), false);
    QCOMPARE(assignment.value(QLatin1String("users")).toArray(), QJsonArray {QStringLiteral("user2@example.com")});
    QCOMPARE(assignment.value(QLatin1String("groups")).toArray(), QJsonArray {QStringLiteral("Admins")});
    const QJsonArray filters = assignment.value(QLatin1String("filters")).toArray();
    QCOMPARE(filters.size(), 1);
    const QJsonArray clauses = filters.at(0).toObject().value(QLatin1String("clauses")).toArray();
    QCOMPARE(clauses.size(), 2);
    QCOMPARE(clauses.at(1).toObject().value(QLatin1String("operator")).toString(), QStringLiteral("endsWith"));
    QCOMPARE(clauses.at(1).toObject().value(QLatin1String("value")).toString(), QStringLiteral("@example.com"));

    run = cli({QStringLiteral("apps"), QStringLiteral("edit"), QStringLiteral("AWS"), QStringLiteral("--unassign-user"),
        QStringLiteral("user2@example.com"), QStringLiteral("--all-users"), QStringLiteral("--clear-filters")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("apps"), QStringLiteral("show"), QStringLiteral("AWS"), QStringLiteral("--json")});
    const QJsonObject edited = run.json().value(QLatin1String("assignment")).toObject();
    QCOMPARE(edited.value(QLatin1String("allUsers")).toBool(), true);
    QCOMPARE(edited.value(QLatin1String("users")).toArray().size(), 0);
    QCOMPARE(edited.value(QLatin1String("filters")).toArray().size(), 0);

    run = cli({QStringLiteral("apps"), QStringLiteral("list")});
    QVERIFY(run.out.contains(QStringLiteral("AWS\tSandbox")));
    run = cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("AWS")});
    QCOMPARE(run.exitCode, 2);
}

void CliTest::filterClauseErrors_data()
{
    QTest::addColumn<QString>("clause");
    QTest::newRow("one word") << QStringLiteral("department");
    QTest::newRow("unknown operator") << QStringLiteral("department like Eng");
    QTest::newRow("missing value") << QStringLiteral("department equals");
    QTest::newRow("value for isEmpty") << QStringLiteral("manager isEmpty bob");
}

void CliTest::filterClauseErrors()
{
    QFETCH(QString, clause);
    const CliRun run = cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("A"), QStringLiteral("--filter"), clause});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QStringLiteral("filter")));
}

void CliTest::directoryImportReportsLineNumbers()
{
    const QString path = m_dir->filePath(QStringLiteral("bad.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("userName,email\nok@example.com,ok@example.com\n,missing@example.com\nok2@example.com,x\n");
    file.close();
    CliRun run = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(QStringLiteral("line 3")), qPrintable(run.out));
    run = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), path,
        QStringLiteral("--skip-invalid"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.json().value(QLatin1String("skipped")).toInt() >= 1);
    QVERIFY(run.json().value(QLatin1String("created")).toInt() >= 1);
    QCOMPARE(
        run.json().value(QLatin1String("issues")).toArray().at(0).toObject().value(QLatin1String("line")).toInt(), 3);
}

void CliTest::directoryExportRoundTrip()
{
    importUsers(4);
    const QString path = m_dir->filePath(QStringLiteral("export.csv"));
    CliRun run = cli({QStringLiteral("directory"), QStringLiteral("export"), QStringLiteral("users"), path,
        QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.json().value(QLatin1String("users")).toInt(), 4);
    run = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), path,
        QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().value(QLatin1String("unchanged")).toInt(), 4);
}

void CliTest::syncDryRunThenApplyConverges()
{
    startEmulator();
    addSandboxServer();
    importUsers(5);
    CliRun run = cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("AWS"),
        QStringLiteral("--server"), QStringLiteral("Sandbox"), QStringLiteral("--all-users")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    run = cliWithToken(
        {QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject plan = run.json().value(QLatin1String("plan")).toObject();
    const QJsonObject counts = plan.value(QLatin1String("counts")).toObject();
    QCOMPARE(counts.value(QLatin1String("objects")).toObject().value(QLatin1String("create-user")).toInt(), 5);
    QCOMPARE(counts.value(QLatin1String("requests")).toObject().value(QLatin1String("create-user")).toInt(), 5);
    QCOMPARE(plan.value(QLatin1String("writeCount")).toInt(), 5);
    QCOMPARE(plan.value(QLatin1String("operations")).toArray().size(), 5);
    QCOMPARE(m_emulator->writeCount(), 0); // a dry run writes nothing
    QCOMPARE(m_emulator->userCount(), 0);

    run = cliWithToken({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--dry-run")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("create-user")));
    QVERIFY(run.out.contains(QStringLiteral("user3@example.com")));
    QVERIFY(!run.err.contains(QLatin1Char('\r'))); // no progress when stderr is not a terminal

    run = cliWithToken(
        {QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const QJsonObject result = run.json().value(QLatin1String("run")).toObject();
    QCOMPARE(result.value(QLatin1String("status")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(m_emulator->userCount(), 5);
    QVERIFY(!m_emulator->findUserByUserName(QStringLiteral("user4@example.com")).isEmpty());

    // Change a user in the directory: the plan shows before → after.
    const QString path = m_dir->filePath(QStringLiteral("rename.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("userName,givenName\nuser1@example.com,Renamed\n");
    file.close();
    QCOMPARE(cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), path}).exitCode, 0);
    run = cliWithToken({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--dry-run")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("\"Given1\" → \"Renamed\"")), qPrintable(run.out));
    run = cliWithToken({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply")});
    QCOMPARE(run.exitCode, 0);

    m_emulator->resetCounters();
    run = cliWithToken(
        {QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QCOMPARE(run.json().value(QLatin1String("plan")).toObject().value(QLatin1String("writeCount")).toInt(), 0);
    QCOMPARE(m_emulator->writeCount(), 0);

    run = cli({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray runs = run.json().value(QLatin1String("runs")).toArray();
    QCOMPARE(runs.size(), 2);
    const qint64 firstRun = runs.last().toObject().value(QLatin1String("id")).toInteger();
    run = cli({QStringLiteral("runs"), QStringLiteral("show"), QString::number(firstRun), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().value(QLatin1String("entries")).toArray().size(), 5);
}

void CliTest::authenticationFailureExitsFour()
{
    startEmulator();
    addSandboxServer();
    importUsers(1);
    QCOMPARE(cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("AWS"),
                     QStringLiteral("--server"), QStringLiteral("Sandbox"), QStringLiteral("--all-users")})
                 .exitCode,
        0);
    m_emulator->setToken(QStringLiteral("rotated-token"));
    CliRun run = cliWithToken({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply")});
    QCOMPARE(run.exitCode, 4);
    QCOMPARE(m_emulator->userCount(), 0);
    run = cliWithToken({QStringLiteral("servers"), QStringLiteral("test"), QStringLiteral("Sandbox")});
    QCOMPARE(run.exitCode, 4);
    QVERIFY(run.out.contains(QStringLiteral("[FAIL]")));
}

void CliTest::deletionThresholdNeedsConfirmation()
{
    startEmulator();
    addSandboxServer();
    importUsers(12);
    QCOMPARE(cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("AWS"),
                     QStringLiteral("--server"), QStringLiteral("Sandbox"), QStringLiteral("--all-users")})
                 .exitCode,
        0);
    QCOMPARE(cliWithToken({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply")}).exitCode, 0);
    QCOMPARE(m_emulator->userCount(), 12);
    // Scope shrinks to nobody: all 12 would be disabled, above the threshold of 10.
    QCOMPARE(cli({QStringLiteral("apps"), QStringLiteral("edit"), QStringLiteral("AWS"), QStringLiteral("--filter"),
                     QStringLiteral("department equals Nobody")})
                 .exitCode,
        0);
    m_emulator->resetCounters();
    CliRun run = cliWithToken(
        {QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 3);
    QVERIFY(run.json().value(QLatin1String("plan")).toObject().value(QLatin1String("needsConfirmation")).toBool());
    QCOMPARE(m_emulator->writeCount(), 0);
    run = cliWithToken({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply"),
        QStringLiteral("--confirm-deletions")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(
        m_emulator->findUserByUserName(QStringLiteral("user0@example.com")).value(QLatin1String("active")).toBool(),
        false);
}

void CliTest::provisionUser()
{
    startEmulator();
    addSandboxServer();
    importUsers(3);
    QCOMPARE(cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("AWS"),
                     QStringLiteral("--server"), QStringLiteral("Sandbox"), QStringLiteral("--all-users")})
                 .exitCode,
        0);
    const CliRun run = cliWithToken({QStringLiteral("provision-user"), QStringLiteral("AWS"),
        QStringLiteral("user1@example.com"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY(run.json().value(QLatin1String("inScope")).toBool());
    QCOMPARE(m_emulator->userCount(), 1);
    QVERIFY(!m_emulator->findUserByUserName(QStringLiteral("user1@example.com")).isEmpty());
}

void CliTest::interruptMidApplyLeavesJournalAndRerunConverges()
{
    startEmulator();
    addSandboxServer();
    const int users = 40;
    importUsers(users);
    QCOMPARE(cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("AWS"),
                     QStringLiteral("--server"), QStringLiteral("Sandbox"), QStringLiteral("--all-users")})
                 .exitCode,
        0);
    m_emulator->setLatency(150); // slow enough that the apply is still running when interrupted

    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SCIM_TEST_TOKEN"), QStringLiteral("emulator-token"));
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    QSignalSpy writes(m_emulator.get(), &AwsScimEmulator::requestHandled);
    process.start(QStringLiteral(SCIMDESK_CLI_PATH),
        {QStringLiteral("--profile"), m_profile, QStringLiteral("sync"), QStringLiteral("AWS"),
            QStringLiteral("--apply"), QStringLiteral("--token-env"), QStringLiteral("SCIM_TEST_TOKEN")});
    QVERIFY(process.waitForStarted());
    // Interrupt once some users exist on the target, i.e. in the middle of the apply.
    QTRY_VERIFY_WITH_TIMEOUT(m_emulator->userCount() >= 3, 30000);
    QVERIFY(m_emulator->userCount() < users);
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(finished.wait(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 5);

    m_emulator->setLatency(0);
    CliRun run = cli({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--json")});
    const QJsonArray runs = run.json().value(QLatin1String("runs")).toArray();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.at(0).toObject().value(QLatin1String("status")).toString(), QStringLiteral("cancelled"));
    run = cli({QStringLiteral("runs"), QStringLiteral("show"),
        QString::number(runs.at(0).toObject().value(QLatin1String("id")).toInteger()), QStringLiteral("--json")});
    int ok = 0;
    for (const QJsonValue& entry : run.json().value(QLatin1String("entries")).toArray()) {
        const QString status = entry.toObject().value(QLatin1String("status")).toString();
        QVERIFY2(status == QLatin1String("ok") || status == QLatin1String("cancelled")
                || status == QLatin1String("skipped") || status == QLatin1String("failed"),
            qPrintable(status));
        ok += status == QLatin1String("ok") ? 1 : 0;
    }
    // Every user the journal calls done exists; the target may hold at most the in-flight extras.
    QVERIFY(m_emulator->userCount() >= ok);

    run = cliWithToken({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(m_emulator->userCount(), users); // converged, no duplicates
    run = cliWithToken(
        {QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QCOMPARE(run.json().value(QLatin1String("plan")).toObject().value(QLatin1String("writeCount")).toInt(), 0);
}

void CliTest::sandboxServesUntilInterrupted()
{
    QProcess sandbox;
    QSignalSpy finished(&sandbox, &QProcess::finished);
    sandbox.start(QStringLiteral(SCIMDESK_CLI_PATH),
        {QStringLiteral("--profile"), m_profile, QStringLiteral("sandbox"), QStringLiteral("--json")});
    QVERIFY(sandbox.waitForStarted());
    QSignalSpy output(&sandbox, &QProcess::readyReadStandardOutput);
    while (!sandbox.canReadLine() && output.wait(20000)) { }
    QVERIFY(sandbox.canReadLine());
    const QJsonObject first = QJsonDocument::fromJson(sandbox.readLine()).object();
    const QString baseUrl = first.value(QLatin1String("baseUrl")).toString();
    const QString tokenFile = first.value(QLatin1String("tokenFile")).toString();
    QVERIFY2(baseUrl.startsWith(QLatin1String("http://127.0.0.1:")), qPrintable(baseUrl));
    QVERIFY(QFile::exists(tokenFile));
    QCOMPARE(
        QFile::permissions(tokenFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());

    // The sandbox is a working target for the rest of the CLI.
    CliRun run = cli({QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("Sandbox"), QStringLiteral("--type"), QLatin1String(awsPreset), QStringLiteral("--url"), baseUrl,
        QStringLiteral("--token-file"), tokenFile});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("servers"), QStringLiteral("test"), QStringLiteral("Sandbox"),
        QStringLiteral("--token-file"), tokenFile});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));

    ::kill(pid_t(sandbox.processId()), SIGINT);
    QVERIFY(finished.wait(20000));
    QCOMPARE(sandbox.exitStatus(), QProcess::NormalExit);
    QCOMPARE(sandbox.exitCode(), 0);
}

QTEST_GUILESS_MAIN(CliTest)
// The scheduled run names the application: `apps edit --name` rewrites the entry Schedule… wrote
// and `apps remove` removes it, so no nightly run fails on a name that is gone. The entry lives
// in a systemd user folder under a temporary XDG_CONFIG_HOME.
void CliTest::appsRenameAndRemoveFollowTheSchedule()
{
#if !defined(Q_OS_LINUX)
    QSKIP("The entry written here is a systemd user unit.");
#endif
    CliRun run = cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("Nightly"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const qint64 id = run.json().value(QLatin1String("id")).toInteger();
    QString tag;
    {
        auto database = Database::open(QDir(m_profile).filePath(QStringLiteral("scimdesk.db")));
        QVERIFY(database.ok());
        tag = database.value()->keychainScope().left(8);
    }
    QVERIFY(!tag.isEmpty());
    const QString config = m_dir->filePath(QStringLiteral("config"));
    auto scheduler = std::make_shared<SystemdUserScheduler>(PlatformScheduler::Setup {
        QStringLiteral(SCIMDESK_CLI_PATH), m_profile, config + QStringLiteral("/systemd/user"), {}, tag});
    {
        ScheduleInstaller installer(scheduler);
        QSignalSpy done(&installer, &ScheduleInstaller::finished);
        RunSchedule schedule;
        schedule.applicationId = id;
        schedule.applicationName = QStringLiteral("Nightly");
        installer.install(schedule);
        QVERIFY(done.count() == 1 || done.wait(60000));
    }
    QCOMPARE(scheduler->installed(id)->applicationName, QStringLiteral("Nightly"));
    const QStringList environment {QStringLiteral("XDG_CONFIG_HOME=") + config};

    run = cli({QStringLiteral("apps"), QStringLiteral("edit"), QStringLiteral("Nightly"), QStringLiteral("--name"),
                  QStringLiteral("Nightly prod"), QStringLiteral("--json")},
        {}, environment);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("the scheduled run now names \"Nightly prod\"")), qPrintable(run.err));
    QVERIFY(!run.json().isEmpty()); // standard output stays JSON
    QCOMPARE(scheduler->installed(id)->applicationName, QStringLiteral("Nightly prod"));
    QFile service(scheduler->entryPaths(id).at(1));
    QVERIFY(service.open(QIODevice::ReadOnly));
    QVERIFY(service.readAll().contains("\"Nightly prod\""));

    run = cli({QStringLiteral("apps"), QStringLiteral("remove"), QStringLiteral("Nightly prod")}, {}, environment);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("scheduled run was removed")), qPrintable(run.err));
    QVERIFY(!scheduler->installed(id));
    for (const QString& path : scheduler->entryPaths(id)) {
        QVERIFY(!QFile::exists(path));
    }
}

#include "tst_cli.moc"
