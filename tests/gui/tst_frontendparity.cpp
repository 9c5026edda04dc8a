// The GUI and the CLI are two views of one core controller (ApplicationSync): the same
// scenario, driven once through the widgets an admin clicks and once through scimdesk-cli,
// must give the same plan, the same target state, the same run record and lastSyncAt, and
// the same cancel. Each half gets its own profile and a reset emulator tenant.
#include "GuiTestSupport.h"

#include "AwsScimEmulator.h"
#include "directory/DirectoryRepository.h"
#include "provision/ProvisionUserDialog.h"
#include "secrets/InMemorySecretStore.h"
#include "storage/ApplicationRepository.h"
#include "sync/JournalStore.h"
#include "sync/SyncPage.h"
#include "workspace/Workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include <csignal>

namespace {
const QString Token = QStringLiteral("parity-token-7e6d5c4b3a");
const QString AppName = QStringLiteral("AWS");

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};
} // namespace

class TestFrontendParity : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void previewApplyAndLastSyncAreTheSame();
    void provisionOneUserWithMembershipIsTheSame();
    void cancelDuringApplyIsTheSame();

private:
    // alice and bob in Engineering (assigned to the application), carol outside it.
    void setUpProfile();
    // Hands the profile to the CLI: the token in an owner-only file, the workspace closed.
    void handOverToCli();
    CliRun runCli(const QStringList& arguments);
    QProcess* startCli(const QStringList& arguments);
    // Reopens the profile of the current half and returns the application as stored.
    Application storedApplication();
    QList<SyncRunRecord> storedRuns();
    void addAliceToEngineering();
    // The target as a sorted list: every user, and each group with its members' userNames.
    QStringList targetState() const;

    // GUI half.
    bool provisionInDialog(const QString& userName, ProvisionTrace* trace);

    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<GuiTestProfile> m_profile;
    QString m_profilePath;
    QString m_tokenFile;
    qint64 m_applicationId = 0;
    qint64 m_engineeringId = 0;
    qint64 m_aliceId = 0;
};

void TestFrontendParity::init()
{
    if (!m_emulator) {
        AwsScimEmulator::Options options;
        options.token = Token;
        m_emulator = std::make_unique<AwsScimEmulator>(options);
        QVERIFY(m_emulator->listen());
    }
    m_emulator->reset();
}

void TestFrontendParity::cleanup()
{
    m_profile.reset();
    m_emulator->clearFaults();
}

void TestFrontendParity::setUpProfile()
{
    m_emulator->reset();
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
    m_profilePath = m_profile->workspace->profile().directory();
    const qint64 serverId
        = m_profile->createAwsServer(QStringLiteral("Emulated AWS"), m_emulator->baseUrl().toString(), Token);
    QVERIFY(serverId > 0);
    const QList<DirectoryUser> users
        = m_profile->addUsers({QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")});
    QCOMPARE(users.size(), 3);
    m_aliceId = users.at(0).id;
    DirectoryRepository directory(m_profile->workspace->database());
    DirectoryGroup engineering;
    engineering.displayName = QStringLiteral("Engineering");
    engineering.memberUserIds = {users.at(1).id};
    const auto groupId = directory.createGroup(engineering);
    QVERIFY(groupId);
    m_engineeringId = groupId.value();

    Application application;
    application.name = AppName;
    application.scimServerId = serverId;
    application.assignment.groupIds = {m_engineeringId};
    const auto id = m_profile->workspace->applications().create(application);
    QVERIFY2(id, id ? "" : qPrintable(id.error().message));
    m_applicationId = id.value();
    m_profile->workspace->notifyApplicationsChanged();
}

void TestFrontendParity::handOverToCli()
{
    m_tokenFile = m_profile->directory.filePath(QStringLiteral("token"));
    QFile file(m_tokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Token.toUtf8());
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    m_profile->workspace.reset();
}

QProcess* TestFrontendParity::startCli(const QStringList& arguments)
{
    auto* process = new QProcess(this);
    process->start(QStringLiteral(SCIMDESK_CLI_PATH),
        QStringList {QStringLiteral("--profile"), m_profilePath, QStringLiteral("--token-file"), m_tokenFile}
            + arguments);
    return process;
}

CliRun TestFrontendParity::runCli(const QStringList& arguments)
{
    std::unique_ptr<QProcess> process(startCli(arguments));
    QSignalSpy finished(process.get(), &QProcess::finished);
    CliRun run;
    if (!finished.wait(120000))
        return run;
    run.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
    run.out = process->readAllStandardOutput();
    run.err = process->readAllStandardError();
    return run;
}

Application TestFrontendParity::storedApplication()
{
    auto opened = Workspace::open(m_profilePath, new InMemorySecretStore());
    if (!opened)
        return {};
    return opened.value()->applications().find(m_applicationId).value_or(Application());
}

QList<SyncRunRecord> TestFrontendParity::storedRuns()
{
    auto opened = Workspace::open(m_profilePath, new InMemorySecretStore());
    if (!opened)
        return {};
    const auto runs = JournalStore(opened.value()->database()).runs(m_applicationId);
    return runs ? runs.value() : QList<SyncRunRecord>();
}

void TestFrontendParity::addAliceToEngineering()
{
    auto opened = Workspace::open(m_profilePath, new InMemorySecretStore());
    QVERIFY(opened);
    DirectoryRepository directory(opened.value()->database());
    auto group = directory.findGroup(m_engineeringId);
    QVERIFY(group);
    group->memberUserIds.append(m_aliceId);
    QVERIFY(directory.updateGroup(*group));
}

QStringList TestFrontendParity::targetState() const
{
    QStringList state;
    const AwsScimStore& store = m_emulator->store();
    for (const auto& name : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}) {
        const QJsonObject user = store.findUserByUserName(name);
        if (!user.isEmpty())
            state.append(
                QStringLiteral("user %1 active=%2")
                    .arg(name, user.value("active").toBool() ? QStringLiteral("true") : QStringLiteral("false")));
    }
    const QJsonObject group = store.findGroupByDisplayName(QStringLiteral("Engineering"));
    if (!group.isEmpty()) {
        QStringList members;
        for (const auto& id : store.groupMemberIds(group.value("id").toString()))
            members.append(store.user(id).value("userName").toString());
        members.sort();
        state.append(QStringLiteral("group Engineering: ") + members.join(QLatin1Char(',')));
    }
    return state;
}

bool TestFrontendParity::provisionInDialog(const QString& userName, ProvisionTrace* trace)
{
    ProvisionUserDialog dialog(m_profile->workspace, m_applicationId);
    dialog.show();
    auto* search = dialog.findChild<QLineEdit*>(QStringLiteral("userSearch"));
    auto* users = dialog.findChild<QListWidget*>(QStringLiteral("userList"));
    auto* check = dialog.findChild<QPushButton*>(QStringLiteral("checkButton"));
    auto* provision = dialog.findChild<QPushButton*>(QStringLiteral("provisionButton"));
    if (!search || !users || !check || !provision)
        return false;
    GuiTest::typeInto(search, userName);
    if (!QTest::qWaitFor([&] { return users->count() == 1; }, 10000))
        return false;
    users->setCurrentRow(0);
    QSignalSpy checked(&dialog, &ProvisionUserDialog::checked);
    QTest::mouseClick(check, Qt::LeftButton);
    if (!checked.wait(60000) || !checked.first().first().toBool() || !provision->isEnabled())
        return false;
    QSignalSpy provisioned(&dialog, &ProvisionUserDialog::provisioned);
    QTest::mouseClick(provision, Qt::LeftButton);
    if (!provisioned.wait(60000))
        return false;
    *trace = provisioned.first().first().value<ProvisionTrace>();
    return true;
}

void TestFrontendParity::previewApplyAndLastSyncAreTheSame()
{
    // GUI: Sync & Logs, Preview, Apply.
    setUpProfile();
    int guiWrites = 0;
    SyncRunSummary guiRun;
    {
        SyncPage page(m_profile->workspace);
        page.show();
        QVERIFY(page.selectApplication(m_applicationId));
        QVERIFY(GuiTest::previewOnPage(page));
        QCOMPARE(m_emulator->writeCount(), 0);
        guiWrites = page.currentPlan()->writeCount();
        guiRun = GuiTest::applyOnPage(page);
    }
    QCOMPARE(guiRun.status, SyncRunSummary::Status::Succeeded);
    const QStringList guiTarget = targetState();
    m_profile->workspace.reset();
    const Application guiApplication = storedApplication();
    const QList<SyncRunRecord> guiRuns = storedRuns();

    // CLI: sync --dry-run, then --apply, on a fresh profile against a fresh tenant.
    setUpProfile();
    handOverToCli();
    const CliRun dryRun
        = runCli({QStringLiteral("--json"), QStringLiteral("sync"), AppName, QStringLiteral("--dry-run")});
    QVERIFY2(dryRun.exitCode == 0, dryRun.err.constData());
    QCOMPARE(m_emulator->writeCount(), 0);
    const int cliWrites = dryRun.json().value("plan").toObject().value("writeCount").toInt();
    const CliRun apply = runCli({QStringLiteral("--json"), QStringLiteral("sync"), AppName, QStringLiteral("--apply")});
    QVERIFY2(apply.exitCode == 0, apply.err.constData());
    QCOMPARE(apply.json().value("run").toObject().value("status").toString(), QStringLiteral("succeeded"));
    const QStringList cliTarget = targetState();
    const Application cliApplication = storedApplication();
    const QList<SyncRunRecord> cliRuns = storedRuns();

    qInfo("plan writes: GUI %d, CLI %d; target: %s", guiWrites, cliWrites,
        qPrintable(guiTarget.join(QLatin1String("; "))));
    QVERIFY(guiWrites > 0);
    QCOMPARE(cliWrites, guiWrites);
    QCOMPARE(cliTarget, guiTarget);
    QCOMPARE(
        guiTarget, QStringList({QStringLiteral("user bob active=true"), QStringLiteral("group Engineering: bob")}));
    QVERIFY(guiApplication.lastSyncAt.isValid());
    QVERIFY(cliApplication.lastSyncAt.isValid());
    QCOMPARE(guiRuns.size(), 1);
    QCOMPARE(cliRuns.size(), 1);
    QCOMPARE(cliRuns.first().status, guiRuns.first().status);
    QCOMPARE(cliRuns.first().mode, guiRuns.first().mode);
}

void TestFrontendParity::provisionOneUserWithMembershipIsTheSame()
{
    // GUI: a first sync, alice joins Engineering, Provision User for alice.
    setUpProfile();
    {
        SyncPage page(m_profile->workspace);
        page.show();
        QVERIFY(page.selectApplication(m_applicationId));
        QVERIFY(GuiTest::previewOnPage(page));
        QCOMPARE(GuiTest::applyOnPage(page).status, SyncRunSummary::Status::Succeeded);
    }
    addAliceToEngineering();
    ProvisionTrace guiTrace;
    QVERIFY(provisionInDialog(QStringLiteral("alice"), &guiTrace));
    QVERIFY(guiTrace.run);
    const QStringList guiTarget = targetState();
    m_profile->workspace.reset();
    const QList<SyncRunRecord> guiRuns = storedRuns();
    const Application guiApplication = storedApplication();

    // CLI: the same through sync --apply and provision-user.
    setUpProfile();
    handOverToCli();
    QCOMPARE(runCli({QStringLiteral("sync"), AppName, QStringLiteral("--apply")}).exitCode, 0);
    addAliceToEngineering();
    const CliRun provision
        = runCli({QStringLiteral("--json"), QStringLiteral("provision-user"), AppName, QStringLiteral("alice")});
    QVERIFY2(provision.exitCode == 0, provision.err.constData());
    const QJsonObject cliTrace = provision.json();
    const QStringList cliTarget = targetState();
    const QList<SyncRunRecord> cliRuns = storedRuns();
    const Application cliApplication = storedApplication();

    QCOMPARE(guiTarget,
        QStringList({QStringLiteral("user alice active=true"), QStringLiteral("user bob active=true"),
            QStringLiteral("group Engineering: alice,bob")}));
    QCOMPARE(cliTarget, guiTarget);
    QCOMPARE(cliTrace.value("steps").toArray().size(), guiTrace.steps.size());
    QCOMPARE(cliTrace.value("run").toObject().value("status").toString(), QStringLiteral("succeeded"));
    QCOMPARE(guiTrace.run->status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(cliRuns.size(), guiRuns.size());
    QCOMPARE(cliRuns.first().mode, guiRuns.first().mode); // newest first: the single-user run
    QVERIFY(guiApplication.lastSyncAt >= guiRuns.first().startedAt);
    QVERIFY(cliApplication.lastSyncAt >= cliRuns.first().startedAt);
}

void TestFrontendParity::cancelDuringApplyIsTheSame()
{
    // GUI: every request of the apply hangs; Cancel ends the run, nothing is created.
    setUpProfile();
    {
        SyncPage page(m_profile->workspace);
        page.show();
        QVERIFY(page.selectApplication(m_applicationId));
        QVERIFY(GuiTest::previewOnPage(page));
        m_emulator->hangNext(1000);
        QSignalSpy handled(m_emulator.get(), &AwsScimEmulator::requestHandled);
        QSignalSpy finished(&page, &SyncPage::applyFinished);
        QTest::mouseClick(page.findChild<QToolButton*>(QStringLiteral("applyButton")), Qt::LeftButton);
        QVERIFY(handled.wait(30000)); // the first write reached the server and hangs there
        auto* cancel = page.findChild<QToolButton*>(QStringLiteral("cancelButton"));
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().value<SyncRunSummary>().status, SyncRunSummary::Status::Cancelled);
        QVERIFY(!page.isBusy());
    }
    QCOMPARE(m_emulator->userCount(), 0);
    m_profile->workspace.reset();
    const QList<SyncRunRecord> guiRuns = storedRuns();
    m_emulator->clearFaults();

    // CLI: the same hang, SIGINT (Ctrl-C) instead of the button.
    setUpProfile();
    handOverToCli();
    const CliRun dryRun = runCli({QStringLiteral("sync"), AppName, QStringLiteral("--dry-run")});
    QVERIFY2(dryRun.exitCode == 0, dryRun.err.constData());
    m_emulator->hangNext(1000);
    const int readsBefore = m_emulator->requestCount();
    QSignalSpy handled(m_emulator.get(), &AwsScimEmulator::requestHandled);
    std::unique_ptr<QProcess> process(startCli({QStringLiteral("sync"), AppName, QStringLiteral("--apply")}));
    QSignalSpy finished(process.get(), &QProcess::finished);
    // The apply re-reads the target first (those reads hang too), so any request will do.
    QTRY_VERIFY_WITH_TIMEOUT(m_emulator->requestCount() > readsBefore, 30000);
    ::kill(pid_t(process->processId()), SIGINT);
    QVERIFY(finished.wait(30000));
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(process->exitCode(), 5);
    QCOMPARE(m_emulator->userCount(), 0);
    const QList<SyncRunRecord> cliRuns = storedRuns();

    QCOMPARE(guiRuns.size(), 1);
    QCOMPARE(guiRuns.first().status, QStringLiteral("cancelled"));
    // The CLI's preview reads the target again before the apply and may be interrupted there;
    // a cancel before the apply is journalled as a cancelled run too, so both record one.
    QCOMPARE(cliRuns.size(), 1);
    QCOMPARE(cliRuns.first().status, QStringLiteral("cancelled"));
}

QTEST_MAIN(TestFrontendParity)
#include "tst_frontendparity.moc"
