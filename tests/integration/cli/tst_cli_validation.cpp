// scimdesk-cli refuses what Application Manager and the Add Server wizard refuse, with the same
// message (core's validators) and exit 2, and writes nothing. A URL an older version stored with
// a password in it is never printed. The real binary, a temporary profile, the real SQLite file.
#include "storage/Database.h"
#include "validation/AssignmentValidator.h"
#include "validation/ServerSettingsValidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

const QString credentialUrl = QStringLiteral("http://admin:pw@127.0.0.1/scim/v2");
const QString validUrl = QStringLiteral("http://127.0.0.1:9/scim/v2");
} // namespace

class TestCliValidation : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void appsAddRefusesInvalidRegex();
    void appsEditRefusesInvalidRegexAndKeepsFilters();
    void serversRefuseCredentialUrl_data();
    void serversRefuseCredentialUrl();
    void storedCredentialUrlIsMaskedAndReported();

private:
    CliRun cli(const QStringList& arguments);
    CliRun cliWithToken(const QStringList& arguments);
    int count(const QString& sql);
    QString scalar(const QString& sql);
    void execute(const QString& sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_profile;
};

void TestCliValidation::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_profile = m_dir->filePath(QStringLiteral("profile"));
}

void TestCliValidation::cleanup()
{
    m_dir.reset();
}

CliRun TestCliValidation::cli(const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("SCIMDESK_PROFILE"));
    env.insert(QStringLiteral("SCIM_TEST_TOKEN"), QStringLiteral("test-token-value"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(SCIMDESK_CLI_PATH), QStringList {QStringLiteral("--profile"), m_profile} + arguments);
    process.closeWriteChannel();
    CliRun run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

CliRun TestCliValidation::cliWithToken(const QStringList& arguments)
{
    return cli(arguments + QStringList {QStringLiteral("--token-env"), QStringLiteral("SCIM_TEST_TOKEN")});
}

// The profile as the CLI left it, read through its own SQLite file.
QString TestCliValidation::scalar(const QString& sql)
{
    auto db = Database::open(m_profile + QStringLiteral("/scimdesk.db"));
    if (!db.ok()) {
        return QStringLiteral("<cannot open>");
    }
    QSqlQuery query(db.value()->connection());
    return query.exec(sql) && query.next() ? query.value(0).toString() : QString();
}

int TestCliValidation::count(const QString& sql)
{
    return scalar(sql).toInt();
}

void TestCliValidation::execute(const QString& sql)
{
    auto db = Database::open(m_profile + QStringLiteral("/scimdesk.db"));
    QVERIFY(db.ok());
    QSqlQuery query(db.value()->connection());
    QVERIFY2(query.exec(sql), qPrintable(sql));
}

void TestCliValidation::appsAddRefusesInvalidRegex()
{
    const CliRun run
        = cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("AWS"),
            QStringLiteral("--all-users"), QStringLiteral("--filter"), QStringLiteral("department matchesRegex [")});
    QCOMPARE(run.exitCode, 2);
    // Word for word what the scoping editor shows next to the condition and in its error list.
    const QString expected = QStringLiteral("Command line, condition 1: ")
        + AssignmentValidator::clauseError(
            {QStringLiteral("department"), ClauseOperator::MatchesRegex, QStringLiteral("[")});
    QVERIFY2(run.err.contains(QStringLiteral("error: ") + expected), qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("Nothing was saved")), qPrintable(run.err));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM applications")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM assignments")), 0);
}

void TestCliValidation::appsEditRefusesInvalidRegexAndKeepsFilters()
{
    CliRun run = cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("AWS"),
        QStringLiteral("--all-users"), QStringLiteral("--filter"), QStringLiteral("department equals Engineering")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString before = scalar(QStringLiteral("SELECT scoping_filters_json FROM assignments"));
    QVERIFY(before.contains(QStringLiteral("Engineering")));

    run = cli({QStringLiteral("apps"), QStringLiteral("edit"), QStringLiteral("AWS"), QStringLiteral("--description"),
        QStringLiteral("changed"), QStringLiteral("--filter"), QStringLiteral("title matchesRegex ^(eng")});
    QCOMPARE(run.exitCode, 2);
    const QString expected = QStringLiteral("Command line 2, condition 1: ")
        + AssignmentValidator::clauseError(
            {QStringLiteral("title"), ClauseOperator::MatchesRegex, QStringLiteral("^(eng")});
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    QCOMPARE(scalar(QStringLiteral("SELECT scoping_filters_json FROM assignments")), before);
    QCOMPARE(scalar(QStringLiteral("SELECT coalesce(description, '') FROM applications")), QString());

    // --json: the same message in the error object.
    run = cli({QStringLiteral("--json"), QStringLiteral("apps"), QStringLiteral("edit"), QStringLiteral("AWS"),
        QStringLiteral("--filter"), QStringLiteral("title matchesRegex ^(eng")});
    QCOMPARE(run.exitCode, 2);
    const QJsonObject error
        = QJsonDocument::fromJson(run.out.toUtf8()).object().value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("exitCode")).toInt(), 2);
    QCOMPARE(error.value(QLatin1String("message")).toString(), expected);
}

void TestCliValidation::serversRefuseCredentialUrl_data()
{
    QTest::addColumn<bool>("edit");
    QTest::newRow("servers add") << false;
    QTest::newRow("servers edit") << true;
}

void TestCliValidation::serversRefuseCredentialUrl()
{
    QFETCH(bool, edit);
    if (edit) {
        const CliRun added = cliWithToken({QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
            QStringLiteral("Local"), QStringLiteral("--url"), validUrl});
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    }
    const QStringList arguments = edit
        ? QStringList {QStringLiteral("servers"), QStringLiteral("edit"), QStringLiteral("Local"),
            QStringLiteral("--url"), credentialUrl}
        : QStringList {QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
            QStringLiteral("Local"), QStringLiteral("--url"), credentialUrl};
    const CliRun run = cliWithToken(arguments);
    QCOMPARE(run.exitCode, 2);
    // Word for word what the wizard shows under Server URL.
    const QString expected = ServerSettingsValidator::urlError(credentialUrl);
    QVERIFY(expected.contains(QStringLiteral("Authentication settings")));
    QVERIFY2(run.err.contains(QStringLiteral("error: ") + expected + QStringLiteral(" (--url)")), qPrintable(run.err));
    QVERIFY(!run.err.contains(QStringLiteral(":pw")));
    QVERIFY(!run.out.contains(QStringLiteral(":pw")));
    if (edit) {
        QCOMPARE(scalar(QStringLiteral("SELECT url FROM servers")), validUrl);
    } else {
        // Refused before anything was opened for writing: no row, no secret.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM servers")), 0);
    }
}

void TestCliValidation::storedCredentialUrlIsMaskedAndReported()
{
    CliRun run = cliWithToken({QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("Local"), QStringLiteral("--url"), validUrl});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // What an older version let through.
    const QString stored = QStringLiteral("http://admin:s3cret@127.0.0.1:9/scim/v2");
    execute(QStringLiteral("UPDATE servers SET url = '%1'").arg(stored));

    const QString masked = QStringLiteral("http://***@127.0.0.1:9/scim/v2");
    const QList<QStringList> commands = {
        {QStringLiteral("servers"), QStringLiteral("show"), QStringLiteral("Local")},
        {QStringLiteral("servers"), QStringLiteral("list")},
        {QStringLiteral("--json"), QStringLiteral("servers"), QStringLiteral("show"), QStringLiteral("Local")},
        {QStringLiteral("--json"), QStringLiteral("servers"), QStringLiteral("list")},
    };
    for (const QStringList& command : commands) {
        run = cli(command);
        const QString what = command.join(QLatin1Char(' '));
        QVERIFY2(run.exitCode == 0, qPrintable(what + QStringLiteral(": ") + run.err));
        QVERIFY2(!run.out.contains(QStringLiteral("s3cret")) && !run.err.contains(QStringLiteral("s3cret")),
            qPrintable(what));
        QVERIFY2(!run.out.contains(QStringLiteral("admin")), qPrintable(what));
        QVERIFY2(run.out.contains(masked), qPrintable(what + QStringLiteral(": ") + run.out));
        QVERIFY2(run.err.contains(ServerSettingsValidator::urlError(stored)), qPrintable(what + run.err));
        QVERIFY2(run.err.contains(QStringLiteral("servers edit \"Local\" --url")), qPrintable(what));
    }

    // Any other change is refused until the URL is fixed; fixing it clears the warning.
    run = cli({QStringLiteral("servers"), QStringLiteral("edit"), QStringLiteral("Local"),
        QStringLiteral("--description"), QStringLiteral("x")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(ServerSettingsValidator::urlError(stored)));
    QVERIFY(!run.err.contains(QStringLiteral("s3cret")));
    run = cli({QStringLiteral("servers"), QStringLiteral("edit"), QStringLiteral("Local"), QStringLiteral("--url"),
        validUrl});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("servers"), QStringLiteral("show"), QStringLiteral("Local")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(validUrl));
    QVERIFY2(!run.err.contains(QStringLiteral("warning")), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestCliValidation)
#include "tst_cli_validation.moc"
