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
#include "CliTestProfile.h"
#include "storage/Database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTest>

#include <unistd.h>

namespace {
constexpr uint nobody = 65534;
}

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
    CliRun cli(const QStringList& arguments) const { return m_profile->run(arguments); }
    // The CLI run by another program (e.g. setpriv, to run it as another user).
    CliRun cliThrough(const QStringList& wrapper, const QStringList& arguments) const;
    // A server and an application whose target never answers: a sync of it stays in its
    // target read, holding what it holds, until it is stopped.
    void addStalledApplication(FaultServer& target);
    // `sync App --apply` of that application, running, past taking the lock.
    std::unique_ptr<QProcess> startStalledApply(FaultServer& target);
    QString writeCsv(const QString& name, const QByteArray& data) const;
    QString lockFile() const { return m_profile->path() + QStringLiteral("/scimdesk.db.lock"); }

    std::unique_ptr<CliTestProfile> m_profile;
};

void TestCliProfile::init()
{
    m_profile = std::make_unique<CliTestProfile>();
    QVERIFY(m_profile->isValid());
}

void TestCliProfile::cleanup()
{
    // A read-only test may have left folders an ordinary user cannot delete.
    QFile::setPermissions(m_profile->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    m_profile.reset();
}

CliRun TestCliProfile::cliThrough(const QStringList& wrapper, const QStringList& arguments) const
{
    if (wrapper.isEmpty()) {
        return cli(arguments);
    }
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(wrapper.first(),
        wrapper.mid(1) + QStringList {QStringLiteral(SCIMDESK_CLI_PATH), QStringLiteral("--profile"), m_profile->path()}
            + arguments);
    process.closeWriteChannel();
    CliRun run;
    if (!finished.wait(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QString TestCliProfile::writeCsv(const QString& name, const QByteArray& data) const
{
    const QString path = m_profile->filePath(name);
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
    const QString failed
        = m_profile->setUp(target.url(QStringLiteral("/scim/v2/")), QStringLiteral("generic-scim2"), 2);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    // The first apply must stay in its read for as long as the test needs, however busy the machine.
    auto db = Database::open(m_profile->path() + QStringLiteral("/scimdesk.db"));
    QVERIFY(db.ok());
    QSqlQuery query(db.value()->connection());
    QVERIFY(query.exec(QStringLiteral("UPDATE server_options SET request_timeout_s = 600")));
}

std::unique_ptr<QProcess> TestCliProfile::startStalledApply(FaultServer& target)
{
    std::unique_ptr<QProcess> apply
        = m_profile->start({QStringLiteral("sync"), CliTestProfile::applicationName(), QStringLiteral("--apply")});
    // The lock is taken before the preview: a request at the target means it is held.
    [&] { QTRY_VERIFY_WITH_TIMEOUT(target.requestCount() > 0 || apply->state() == QProcess::NotRunning, 60000); }();
    return apply;
}

void TestCliProfile::secondWriterIsRefusedWhileTheFirstHoldsTheLock()
{
    FaultServer target;
    addStalledApplication(target);
    const QString csv = writeCsv(QStringLiteral("new.csv"), "userName\nada\n");
    const std::unique_ptr<QProcess> first = startStalledApply(target);
    QVERIFY2(first->state() == QProcess::Running, first->readAllStandardError().constData());
    QVERIFY(QFileInfo::exists(lockFile()));
    const QByteArray holder = QStringLiteral("scimdesk-cli (process %1 on %2), holding it since ")
                                  .arg(first->processId())
                                  .arg(QSysInfo::machineHostName())
                                  .toUtf8();

    const int requestsBefore = target.requestCount();
    const CliRun apply = cli({QStringLiteral("sync"), CliTestProfile::applicationName(), QStringLiteral("--apply")});
    QCOMPARE(apply.exitCode, 7);
    qInfo().noquote() << "Refusal:" << apply.err.trimmed();
    QVERIFY2(apply.err.contains("Another ScimDesk program is changing the profile"), apply.err.constData());
    QVERIFY2(apply.err.contains(holder), apply.err.constData());
    QCOMPARE(target.requestCount(), requestsBefore); // the refused apply sent nothing

    const CliRun import = cli({QStringLiteral("--json"), QStringLiteral("directory"), QStringLiteral("import"),
        QStringLiteral("users"), csv});
    QCOMPARE(import.exitCode, 7);
    QCOMPARE(import.json().value(QLatin1String("error")).toObject().value(QLatin1String("exitCode")).toInt(), 7);
    QVERIFY2(import.err.contains(holder), import.err.constData());

    // Reading is never blocked: listing and checking a file work meanwhile.
    QCOMPARE(cli({QStringLiteral("servers"), QStringLiteral("list")}).exitCode, 0);
    QCOMPARE(cli({QStringLiteral("runs"), QStringLiteral("list")}).exitCode, 0);
    const CliRun check = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), csv,
        QStringLiteral("--dry-run")});
    QVERIFY2(check.exitCode == 0, check.err.constData());

    QVERIFY(first->state() == QProcess::Running);
    first->kill();
    QVERIFY(first->waitForFinished(60000));
}

void TestCliProfile::staleLockOfAKilledProcessIsTakenOver()
{
    FaultServer target;
    addStalledApplication(target);
    const std::unique_ptr<QProcess> first = startStalledApply(target);
    QVERIFY2(first->state() == QProcess::Running, first->readAllStandardError().constData());
    const qint64 killedPid = first->processId();
    first->kill(); // SIGKILL: no chance to remove the lock file
    QVERIFY(first->waitForFinished(60000));
    QVERIFY(QFileInfo::exists(lockFile()));

    const QString csv = writeCsv(QStringLiteral("new.csv"), "userName\nada\ngrace\n");
    const CliRun import = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), csv});
    QVERIFY2(import.exitCode == 0, import.err.constData());
    qInfo().noquote() << "Takeover:" << import.err.trimmed();
    QVERIFY2(import.err.contains(QStringLiteral("Took over the profile lock left by scimdesk-cli (process %1 on %2)")
                                     .arg(killedPid)
                                     .arg(QSysInfo::machineHostName())
                                     .toUtf8()),
        import.err.constData());
    QVERIFY(import.out.contains("2 created"));
    QVERIFY(!QFileInfo::exists(lockFile())); // released when the import ended
}

void TestCliProfile::emptyDatabaseIsRefusedAndKept()
{
    QVERIFY(QDir().mkpath(m_profile->path()));
    const QString database = m_profile->path() + QStringLiteral("/scimdesk.db");
    {
        QFile file(database);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    for (const QStringList& command : {QStringList {QStringLiteral("servers"), QStringLiteral("list")},
             QStringList {
                 QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("A")}}) {
        const CliRun run = cli(command);
        QCOMPARE(run.exitCode, 6);
        QVERIFY2(run.err.contains("is empty (0 bytes)"), run.err.constData());
        QVERIFY2(run.err.contains("no new profile was made in its place"), run.err.constData());
    }
    QCOMPARE(QFileInfo(database).size(), 0);
    QCOMPARE(
        QDir(m_profile->path()).entryList(QDir::Files | QDir::Hidden), QStringList {QStringLiteral("scimdesk.db")});
}

// A new profile's database is built beside its name and moved there complete.
void TestCliProfile::newProfileLeavesOnlyItsDatabase()
{
    const CliRun run = cli({QStringLiteral("servers"), QStringLiteral("list")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(
        QDir(m_profile->path()).entryList(QDir::Files | QDir::Hidden), QStringList {QStringLiteral("scimdesk.db")});
    QVERIFY(QFileInfo(m_profile->path() + QStringLiteral("/scimdesk.db")).size() > 0);
}

void TestCliProfile::readOnlyProfileReadsAndRefusesWrites()
{
    CliRun run = cli({QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"),
        QStringLiteral("Kept"), QStringLiteral("--type"), QStringLiteral("generic-scim2"), QStringLiteral("--url"),
        QStringLiteral("http://127.0.0.1:9/scim/v2/")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QString csv = writeCsv(QStringLiteral("new.csv"), "userName\nada\n");
    const QString profile = m_profile->path();

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
        for (const QString& path : {profile, profile + QStringLiteral("/scimdesk.db")}) {
            QVERIFY(::chown(QFile::encodeName(path).constData(), nobody, nobody) == 0);
        }
        QVERIFY(QFile::setPermissions(QFileInfo(profile).absolutePath(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ExeGroup
                | QFileDevice::ExeOther));
    }
    QVERIFY(QFile::setPermissions(profile + QStringLiteral("/scimdesk.db"), QFileDevice::ReadOwner));
    QVERIFY(QFile::setPermissions(profile, QFileDevice::ReadOwner | QFileDevice::ExeOwner));

    run = cliThrough(asUser, {QStringLiteral("servers"), QStringLiteral("list")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("Kept"));
    QVERIFY2(run.err.contains("is read-only for you: it can be shown but not changed"), run.err.constData());
    QVERIFY2(!run.err.contains("damaged"), run.err.constData());
    QCOMPARE(
        cliThrough(asUser, {QStringLiteral("servers"), QStringLiteral("show"), QStringLiteral("Kept")}).exitCode, 0);

    const QList<QStringList> writes {
        {QStringLiteral("servers"), QStringLiteral("remove"), QStringLiteral("Kept")},
        {QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("A")},
        {QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), csv},
    };
    for (const QStringList& write : writes) {
        run = cliThrough(asUser, write);
        QCOMPARE(run.exitCode, 6);
        QVERIFY2(
            run.err.contains("is read-only (the folder or scimdesk.db cannot be written by you)"), run.err.constData());
        QVERIFY2(!run.err.contains("damaged"), run.err.constData());
    }
    qInfo().noquote() << "Read-only write:" << run.err.trimmed();
    QVERIFY(!QFileInfo::exists(lockFile()));
}

void TestCliProfile::csvBeyondTheSizeLimitIsRefused()
{
    const QString path = m_profile->filePath(QStringLiteral("huge.csv"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("userName\n");
        QVERIFY(file.resize((qint64(1) << 30) + 1)); // sparse: no disk, no time
    }
    const CliRun run = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), path});
    QCOMPARE(run.exitCode, 1);
    qInfo().noquote() << "Limit:" << run.err.trimmed();
    QVERIFY2(run.err.contains("a CSV import takes files of at most 1.0 GiB and 5,000,000 rows"), run.err.constData());
    QVERIFY2(run.err.contains("Split the file into smaller files"), run.err.constData());
}

void TestCliProfile::controlCharacterInACellIsRefused()
{
    const QString csv = writeCsv(QStringLiteral("new.csv"), "userName,title\nada,\x1b]0;owned\x07\n");
    const CliRun run = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), csv});
    QCOMPARE(run.exitCode, 1);
    qInfo().noquote() << "Control character:" << run.out.trimmed();
    QVERIFY2(run.out.contains("Line 2, column 2 (\"title\"): the value holds the control character U+001B (ESC) at "
                              "position 1"),
        run.out.constData());
    QVERIFY2(!run.out.contains('\x1b') && !run.err.contains('\x1b'), "the ESC reached the terminal");
    QVERIFY(run.err.contains("Nothing was imported"));
}

QTEST_GUILESS_MAIN(TestCliProfile)
#include "tst_cli_profile.moc"
