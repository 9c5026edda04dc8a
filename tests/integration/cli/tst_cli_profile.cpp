// scimdesk-cli and the profile's files, with real processes and real files:
// - two writers on one profile: while one `sync --apply` holds the write lock (it waits on a
//   target that never answers), a second apply or an import is refused with exit 7 and a message
//   naming the holder's program, process id, host and time; reads still work;
// - a lock left by a killed process is taken over by the next writer, which says whose it was;
// - an empty (0-byte) scimdesk.db is refused and left as it is;
// - a read-only profile folder: reads work, writes say the folder is read-only (run as an
//   unprivileged user when the test runs as root, where chmod stops nothing);
// - a CSV file past the documented size limit, and a control character in a cell.
#include "../scim/FaultServer.h"
#include "storage/Database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace {
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

constexpr uint nobody = 65534;

} // namespace

class TestCliProfile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void secondWriterIsRefusedWhileTheFirstHoldsTheLock();
    void staleLockOfAKilledProcessIsTakenOver();
    void emptyDatabaseIsRefusedAndKept();
    void newProfileLeavesOnlyItsDatabase();
    void readOnlyProfileReadsAndRefusesWrites();
    void csvBeyondTheSizeLimitIsRefused();
    void controlCharacterInACellIsRefused();

private:
    QProcess* startCli(const QStringList& arguments, const QStringList& prefix = {});
    CliRun finish(QProcess* process);
    CliRun cli(const QStringList& arguments, const QStringList& prefix = {});
    // A server and an application whose target never answers: a sync of it stays in its
    // target read, holding what it holds, until it is stopped.
    void addStalledApplication(FaultServer& target);
    QProcess* startApply();
    QString writeCsv(const QString& name, const QByteArray& data);
    QString lockFile() const { return m_profile + QStringLiteral("/scimdesk.db.lock"); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_profile;
};

void TestCliProfile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_profile = m_dir->filePath(QStringLiteral("profile"));
}

void TestCliProfile::cleanup()
{
    // A read-only test may have left folders an ordinary user cannot delete.
    QFile::setPermissions(m_profile, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    m_dir.reset();
}

QProcess* TestCliProfile::startCli(const QStringList& arguments, const QStringList& prefix)
{
    auto* process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("SCIMDESK_PROFILE"));
    env.insert(QStringLiteral("SCIM_TEST_TOKEN"), QStringLiteral("test-token-value"));
    process->setProcessEnvironment(env);
    const QStringList cliArguments = QStringList {QStringLiteral("--profile"), m_profile} + arguments;
    if (prefix.isEmpty()) {
        process->start(QStringLiteral(SCIMDESK_CLI_PATH), cliArguments);
    } else {
        process->start(prefix.first(), prefix.mid(1) + QStringList {QStringLiteral(SCIMDESK_CLI_PATH)} + cliArguments);
    }
    process->closeWriteChannel();
    return process;
}

CliRun TestCliProfile::finish(QProcess* process)
{
    CliRun run;
    if (!process->waitForFinished(60000)) {
        process->kill();
        process->waitForFinished();
    } else {
        run.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
    }
    run.out = QString::fromUtf8(process->readAllStandardOutput());
    run.err = QString::fromUtf8(process->readAllStandardError());
    process->deleteLater();
    return run;
}

CliRun TestCliProfile::cli(const QStringList& arguments, const QStringList& prefix)
{
    return finish(startCli(arguments, prefix));
}

QString TestCliProfile::writeCsv(const QString& name, const QByteArray& data)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size()) {
        return {};
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    return path;
}

void TestCliProfile::addStalledApplication(FaultServer& target)
{
    target.setHandler([](const FaultServer::Request&) {
        FaultServer::Reply reply;
        reply.hang = true;
        return reply;
    });
    QVERIFY(target.listen());
    CliRun run = cli({QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("Silent"), QStringLiteral("--type"), QStringLiteral("generic-scim2"), QStringLiteral("--url"),
        target.url(QStringLiteral("/scim/v2/")).toString(), QStringLiteral("--token-env"),
        QStringLiteral("SCIM_TEST_TOKEN")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("App"),
        QStringLiteral("--server"), QStringLiteral("Silent"), QStringLiteral("--all-users")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // The first apply must stay in its read for as long as the test needs, however busy the machine.
    auto db = Database::open(m_profile + QStringLiteral("/scimdesk.db"));
    QVERIFY(db.ok());
    QSqlQuery query(db.value()->connection());
    QVERIFY(query.exec(QStringLiteral("UPDATE server_options SET request_timeout_s = 600")));
}

QProcess* TestCliProfile::startApply()
{
    return startCli({QStringLiteral("sync"), QStringLiteral("App"), QStringLiteral("--apply"),
        QStringLiteral("--token-env"), QStringLiteral("SCIM_TEST_TOKEN")});
}

void TestCliProfile::secondWriterIsRefusedWhileTheFirstHoldsTheLock()
{
    FaultServer target;
    addStalledApplication(target);
    const QString csv = writeCsv(QStringLiteral("users.csv"), "userName\nada\n");
    QProcess* first = startApply();
    // The lock is taken before the preview: a request at the target means it is held.
    QTRY_VERIFY_WITH_TIMEOUT(target.requestCount() > 0 || first->state() == QProcess::NotRunning, 60000);
    QVERIFY2(first->state() == QProcess::Running, qPrintable(first->readAllStandardError()));
    QVERIFY(QFileInfo::exists(lockFile()));
    const QString holder = QStringLiteral("scimdesk-cli (process %1 on %2), holding it since ")
                               .arg(first->processId())
                               .arg(QSysInfo::machineHostName());

    const int requestsBefore = target.requestCount();
    const CliRun apply = finish(startApply());
    QCOMPARE(apply.exitCode, 7);
    qInfo().noquote() << "Refusal:" << apply.err.trimmed();
    QVERIFY2(
        apply.err.contains(QLatin1String("Another ScimDesk program is changing the profile")), qPrintable(apply.err));
    QVERIFY2(apply.err.contains(holder), qPrintable(apply.err));
    QCOMPARE(target.requestCount(), requestsBefore); // the refused apply sent nothing

    const CliRun import = cli({QStringLiteral("--json"), QStringLiteral("directory"), QStringLiteral("import"),
        QStringLiteral("users"), csv});
    QCOMPARE(import.exitCode, 7);
    QCOMPARE(QJsonDocument::fromJson(import.out.toUtf8())["error"]["exitCode"].toInt(), 7);
    QVERIFY2(import.err.contains(holder), qPrintable(import.err));

    // Reading is never blocked: listing, showing and checking a file work meanwhile.
    QCOMPARE(cli({QStringLiteral("servers"), QStringLiteral("list")}).exitCode, 0);
    QCOMPARE(cli({QStringLiteral("runs"), QStringLiteral("list")}).exitCode, 0);
    const CliRun check = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), csv,
        QStringLiteral("--dry-run")});
    QVERIFY2(check.exitCode == 0, qPrintable(check.err));

    QVERIFY(first->state() == QProcess::Running);
    first->kill();
    finish(first);
}

void TestCliProfile::staleLockOfAKilledProcessIsTakenOver()
{
    FaultServer target;
    addStalledApplication(target);
    QProcess* first = startApply();
    QTRY_VERIFY_WITH_TIMEOUT(target.requestCount() > 0 || first->state() == QProcess::NotRunning, 60000);
    QVERIFY2(first->state() == QProcess::Running, qPrintable(first->readAllStandardError()));
    const qint64 killedPid = first->processId();
    first->kill(); // SIGKILL: no chance to remove the lock file
    finish(first);
    QVERIFY(QFileInfo::exists(lockFile()));

    const QString csv = writeCsv(QStringLiteral("users.csv"), "userName\nada\ngrace\n");
    const CliRun import = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), csv});
    QVERIFY2(import.exitCode == 0, qPrintable(import.err));
    qInfo().noquote() << "Takeover:" << import.err.trimmed();
    QVERIFY2(import.err.contains(QStringLiteral("Took over the profile lock left by scimdesk-cli (process %1 on %2)")
                                     .arg(killedPid)
                                     .arg(QSysInfo::machineHostName())),
        qPrintable(import.err));
    QVERIFY(import.out.contains(QLatin1String("2 created")));
    QVERIFY(!QFileInfo::exists(lockFile())); // released when the import ended
}

void TestCliProfile::emptyDatabaseIsRefusedAndKept()
{
    QVERIFY(QDir().mkpath(m_profile));
    const QString database = m_profile + QStringLiteral("/scimdesk.db");
    {
        QFile file(database);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    for (const QStringList& command : {QStringList {QStringLiteral("servers"), QStringLiteral("list")},
             QStringList {
                 QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("A")}}) {
        const CliRun run = cli(command);
        QCOMPARE(run.exitCode, 6);
        QVERIFY2(run.err.contains(QLatin1String("is empty (0 bytes)")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QLatin1String("no new profile was made in its place")), qPrintable(run.err));
    }
    QCOMPARE(QFileInfo(database).size(), 0);
    QCOMPARE(QDir(m_profile).entryList(QDir::Files | QDir::Hidden), QStringList {QStringLiteral("scimdesk.db")});
}

// A new profile's database is built beside its name and moved there complete.
void TestCliProfile::newProfileLeavesOnlyItsDatabase()
{
    const CliRun run = cli({QStringLiteral("servers"), QStringLiteral("list")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(QDir(m_profile).entryList(QDir::Files | QDir::Hidden), QStringList {QStringLiteral("scimdesk.db")});
    QVERIFY(QFileInfo(m_profile + QStringLiteral("/scimdesk.db")).size() > 0);
}

void TestCliProfile::readOnlyProfileReadsAndRefusesWrites()
{
    CliRun run = cli({QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("Kept"), QStringLiteral("--type"), QStringLiteral("generic-scim2"), QStringLiteral("--url"),
        QStringLiteral("http://127.0.0.1:9/scim/v2/"), QStringLiteral("--token-env"),
        QStringLiteral("SCIM_TEST_TOKEN")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString csv = writeCsv(QStringLiteral("users.csv"), "userName\nada\n");

    // As root, permissions stop nothing: the CLI then runs as an unprivileged user, for whom
    // the folder and the database are read-only.
    QStringList asUser;
    if (::geteuid() == 0) {
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        if (setpriv.isEmpty()) {
            QSKIP("Running as root, where a read-only folder stops no write, and setpriv (util-linux) is not "
                  "installed to run the CLI as an unprivileged user.");
        }
        asUser = {setpriv, QStringLiteral("--reuid=%1").arg(nobody), QStringLiteral("--regid=%1").arg(nobody),
            QStringLiteral("--clear-groups"), QStringLiteral("--")};
        for (const QString& path : {m_profile, m_profile + QStringLiteral("/scimdesk.db")}) {
            QVERIFY(::chown(QFile::encodeName(path).constData(), nobody, nobody) == 0);
        }
        QVERIFY(QFile::setPermissions(m_dir->path(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ExeGroup
                | QFileDevice::ExeOther));
    }
    QVERIFY(QFile::setPermissions(m_profile + QStringLiteral("/scimdesk.db"), QFileDevice::ReadOwner));
    QVERIFY(QFile::setPermissions(m_profile, QFileDevice::ReadOwner | QFileDevice::ExeOwner));

    run = cli({QStringLiteral("servers"), QStringLiteral("list")}, asUser);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(QLatin1String("Kept")));
    QVERIFY2(
        run.err.contains(QLatin1String("is read-only for you: it can be shown but not changed")), qPrintable(run.err));
    QVERIFY2(!run.err.contains(QLatin1String("damaged")), qPrintable(run.err));
    QCOMPARE(cli({QStringLiteral("servers"), QStringLiteral("show"), QStringLiteral("Kept")}, asUser).exitCode, 0);

    const QList<QStringList> writes {
        {QStringLiteral("servers"), QStringLiteral("remove"), QStringLiteral("Kept")},
        {QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("A")},
        {QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), csv},
    };
    for (const QStringList& write : writes) {
        run = cli(write, asUser);
        QCOMPARE(run.exitCode, 6);
        QVERIFY2(run.err.contains(QLatin1String("is read-only (the folder or scimdesk.db cannot be written by you)")),
            qPrintable(run.err));
        QVERIFY2(!run.err.contains(QLatin1String("damaged")), qPrintable(run.err));
    }
    qInfo().noquote() << "Read-only write:" << run.err.trimmed();
    QVERIFY(!QFileInfo::exists(lockFile()));
}

void TestCliProfile::csvBeyondTheSizeLimitIsRefused()
{
    const QString path = m_dir->filePath(QStringLiteral("huge.csv"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("userName\n");
        QVERIFY(file.resize((qint64(1) << 30) + 1)); // sparse: no disk, no time
    }
    const CliRun run = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), path});
    QCOMPARE(run.exitCode, 1);
    qInfo().noquote() << "Limit:" << run.err.trimmed();
    QVERIFY2(run.err.contains(QLatin1String("a CSV import takes files of at most 1.0 GiB and 5,000,000 rows")),
        qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("Split the file into smaller files")), qPrintable(run.err));
}

void TestCliProfile::controlCharacterInACellIsRefused()
{
    const QString csv = writeCsv(QStringLiteral("users.csv"), "userName,title\nada,\x1b]0;owned\x07\n");
    const CliRun run = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), csv});
    QCOMPARE(run.exitCode, 1);
    qInfo().noquote() << "Control character:" << run.out.trimmed();
    QVERIFY2(run.out.contains(QLatin1String("Line 2, column 2 (\"title\"): the value holds the control character "
                                            "U+001B (ESC) at position 1")),
        qPrintable(run.out));
    QVERIFY2(!run.out.contains(QChar(0x1b)) && !run.err.contains(QChar(0x1b)), "the ESC reached the terminal");
    QVERIFY(run.err.contains(QLatin1String("Nothing was imported")));
}

QTEST_GUILESS_MAIN(TestCliProfile)
#include "tst_cli_profile.moc"
