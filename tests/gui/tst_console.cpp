#include "GuiTestSupport.h"

#include "../support/SystemdVerify.h"
#include "AwsScimEmulator.h"
#include "MainWindow.h"
#include "applications/ApplicationEditDialog.h"
#include "applications/ApplicationsPage.h"
#include "directory/DirectoryPage.h"
#include "help/AboutDialog.h"
#include "help/DocumentViewer.h"
#include "schedule/ScheduleDialog.h"
#include "schedule/ScheduleInstaller.h"
#include "schedule/SystemdUserScheduler.h"
#include "secrets/InMemorySecretStore.h"
#include "servers/ServerCatalog.h"
#include "servers/ServerEditDialog.h"
#include "servers/ServerTableModel.h"
#include "servers/ServersPage.h"
#include "servers/TokenExpiryNotice.h"
#include "servers/TokenRotationDialog.h"
#include "sources/SourcesPage.h"
#include "storage/ApplicationRepository.h"
#include "sync/SyncPage.h"
#include "widgets/AppIcons.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/EditIcons.h"
#include "widgets/NoticeDialog.h"
#include "wizard/AddServerWizard.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <QTextBrowser>
#include <QTimeEdit>
#include <algorithm>

namespace {
const QString OldToken = QStringLiteral("old-token-4f1c");
const QString NewToken = QStringLiteral("new-token-9a2d");

QString text(const QRect& rect)
{
    return QStringLiteral("%1x%2+%3+%4").arg(rect.width()).arg(rect.height()).arg(rect.x()).arg(rect.y());
}

// The window and every named widget lie inside the screen's available area.
QString offScreen(QWidget* window, const QStringList& children = {})
{
    const QRect screen = window->screen()->availableGeometry();
    if (!screen.contains(window->frameGeometry())) {
        return QStringLiteral("%1: %2 outside %3")
            .arg(window->objectName(), text(window->frameGeometry()), text(screen));
    }
    for (const QString& name : children) {
        auto* child = window->findChild<QWidget*>(name);
        if (!child || !child->isVisible()) {
            return QStringLiteral("%1 is missing or hidden").arg(name);
        }
        const QRect inWindow(child->mapTo(window, QPoint(0, 0)), child->size());
        if (!window->rect().contains(inWindow)) {
            return QStringLiteral("%1 at %2 is outside %3 of %4")
                .arg(name, text(inWindow), text(window->rect()), window->objectName());
        }
    }
    return {};
}
} // namespace

class TestConsole : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void scheduleDialogWritesVerifiesAndRemoves();
    void scheduleActionOpensTheDialog();
    void scheduleFollowsRenameAndDelete();
    void scheduleOfAnotherProfileIsLeftAlone();
    void helpActionsOpenTheDocs();
    void tokenExpiryWarning_data();
    void tokenExpiryWarning();
    void rotationKeepsTheOldTokenUntilTheNewOnePassed();
    void dialogsFitTheScreen();
    void everyActionHasItsIcon();

private:
    qint64 addApplication(const QString& name, qint64 serverId);

    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<GuiTestProfile> m_profile;
};

void TestConsole::init()
{
    AwsScimEmulator::Options options;
    options.token = OldToken;
    m_emulator = std::make_unique<AwsScimEmulator>(options);
    QVERIFY(m_emulator->listen());
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
}

void TestConsole::cleanup()
{
    m_profile.reset();
    m_emulator.reset();
}

qint64 TestConsole::addApplication(const QString& name, qint64 serverId)
{
    Application application;
    application.name = name;
    application.signInProtocol = QStringLiteral("SAML 2.0");
    application.scimServerId = serverId;
    const auto id = m_profile->workspace->applications().create(application);
    return id ? *id : -1;
}

void TestConsole::scheduleDialogWritesVerifiesAndRemoves()
{
    QTemporaryDir config;
    // The real systemctl: in a session without a user manager enabling fails, and the dialog must say so.
    auto scheduler = std::make_shared<SystemdUserScheduler>(PlatformScheduler::Setup {QStringLiteral(SCIMDESK_CLI_PATH),
        m_profile->directory.path(), config.filePath(QStringLiteral("systemd/user")), {}});
    ScheduleDialog dialog(7, QStringLiteral("AWS 100%"), scheduler);
    dialog.show();
    auto* current = dialog.findChild<QLabel*>(QStringLiteral("currentScheduleLabel"));
    QVERIFY(current->text().startsWith(QStringLiteral("Not scheduled")));
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("removeScheduleButton"))->isEnabled());
    QVERIFY(GuiTest::chooseInCombo(
        dialog.findChild<QComboBox*>(QStringLiteral("frequencyCombo")), QStringLiteral("Every week")));
    QVERIFY(GuiTest::chooseInCombo(
        dialog.findChild<QComboBox*>(QStringLiteral("weekdayCombo")), QLocale().dayName(Qt::Wednesday)));
    dialog.findChild<QTimeEdit*>(QStringLiteral("timeEdit"))->setTime(QTime(3, 15));
    QVERIFY(dialog.findChild<QPlainTextEdit*>(QStringLiteral("entryPreview"))
                ->toPlainText()
                .contains(QStringLiteral("OnCalendar=Wed *-*-* 03:15:00")));
    GuiTest::screenshot(&dialog, QStringLiteral("schedule-dialog"));

    QSignalSpy changed(&dialog, &ScheduleDialog::scheduleChanged);
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("saveScheduleButton")), Qt::LeftButton);
    QVERIFY(changed.wait(60000));
    const QString message = changed.takeFirst().at(0).toString();
    qInfo("Save Schedule: %s", qPrintable(message));
    const QStringList paths = scheduler->entryPaths(7);
    for (const QString& path : paths) {
        QVERIFY2(QFile::exists(path), qPrintable(path));
    }
    QCOMPARE(current->text(), QStringLiteral("Every Wednesday at 03:15 (systemd user timer scimdesk-sync-app7.timer)"));
    QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("removeScheduleButton"))->isEnabled());
    auto* manual = dialog.findChild<QPlainTextEdit*>(QStringLiteral("manualCommands"));
    if (!manual->isHidden()) {
        // No user manager here (systemctl --user cannot connect): the dialog says what to run instead.
        QVERIFY(
            manual->toPlainText().contains(QStringLiteral("systemctl --user enable --now scimdesk-sync-app7.timer")));
        qInfo("Enabling was not testable here: %s", qPrintable(message));
    }
    GuiTest::screenshot(&dialog, QStringLiteral("schedule-dialog-saved"));

    if (const auto verified = systemdVerify(paths, config.path())) {
        QVERIFY2(verified->exitCode == 0 && verified->output.trimmed().isEmpty(), qPrintable(verified->output));
    }

    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("removeScheduleButton")), Qt::LeftButton);
    QVERIFY(changed.wait(60000));
    for (const QString& path : paths) {
        QVERIFY(!QFile::exists(path));
    }
    QVERIFY(current->text().startsWith(QStringLiteral("Not scheduled")));
}

namespace {
// Waits for the page's status message about the scheduled run (the entry is rewritten by
// systemctl calls that run in the background).
bool waitForScheduleMessage(QSignalSpy& messages)
{
    const auto arrived = [&messages] {
        return std::any_of(messages.cbegin(), messages.cend(),
            [](const QList<QVariant>& m) { return m.at(0).toString().contains(QLatin1String("scheduled run")); });
    };
    while (!arrived()) {
        if (!messages.wait(60000)) {
            return false;
        }
    }
    return true;
}
} // namespace

// The scheduled run names the application: renaming it rewrites the entry with the new name,
// deleting it removes the entry, so no nightly run fails on a name that no longer exists.
void TestConsole::scheduleFollowsRenameAndDelete()
{
    const qint64 server = m_profile->createAwsServer(QStringLiteral("AWS"), m_emulator->baseUrl().toString(), OldToken);
    const qint64 application = addApplication(QStringLiteral("AWS"), server);
    QTemporaryDir config;
    const PlatformScheduler::Setup setup {QStringLiteral(SCIMDESK_CLI_PATH), m_profile->directory.path(),
        config.filePath(QStringLiteral("systemd/user")), {}};
    ApplicationsPage page(m_profile->workspace);
    page.setSchedulerSetup(setup);
    page.selectApplication(application);
    ScheduleDialog* schedule = page.scheduleSelected();
    QVERIFY(schedule);
    QSignalSpy scheduled(schedule, &ScheduleDialog::scheduleChanged);
    QTest::mouseClick(schedule->findChild<QPushButton*>(QStringLiteral("saveScheduleButton")), Qt::LeftButton);
    QVERIFY(scheduled.wait(60000));
    schedule->close();
    const SystemdUserScheduler entries(setup);
    QCOMPARE(entries.installed(application)->applicationName, QStringLiteral("AWS"));

    QSignalSpy messages(&page, &ApplicationsPage::statusMessage);
    ApplicationEditDialog* edit = page.editApplication(application);
    QTRY_VERIFY(edit->isVisible());
    auto* name = edit->findChild<QLineEdit*>(QStringLiteral("applicationNameEdit"));
    name->clear();
    GuiTest::typeInto(name, QStringLiteral("AWS production"));
    QTest::mouseClick(edit->findChild<QPushButton*>(QStringLiteral("updateSettingsButton")), Qt::LeftButton);
    QVERIFY(waitForScheduleMessage(messages));
    QCOMPARE(entries.installed(application)->applicationName, QStringLiteral("AWS production"));
    for (const QString& path : entries.entryPaths(application)) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("sync AWS --apply"));
    }

    messages.clear();
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    page.findChild<QAction*>(QStringLiteral("deleteApplicationAction"))->trigger();
    QVERIFY(waitForScheduleMessage(messages));
    QVERIFY(!entries.installed(application));
    QVERIFY(entries.entryPaths(application).isEmpty() || !QFile::exists(entries.entryPaths(application).first()));
}

// Two profiles made before entry names carried the profile's id share entry names: the
// dialog of the second says whose the entry is and does not offer to overwrite it.
void TestConsole::scheduleOfAnotherProfileIsLeftAlone()
{
    QTemporaryDir config;
    QTemporaryDir otherProfile;
    const QString entries = config.filePath(QStringLiteral("systemd/user"));
    auto other = std::make_shared<SystemdUserScheduler>(PlatformScheduler::Setup {
        QStringLiteral(SCIMDESK_CLI_PATH), otherProfile.path(), entries, QStringLiteral("/bin/true")});
    ScheduleInstaller installer(other);
    QSignalSpy installed(&installer, &ScheduleInstaller::finished);
    RunSchedule schedule;
    schedule.applicationId = 7;
    schedule.applicationName = QStringLiteral("Theirs");
    installer.install(schedule);
    QVERIFY(installed.count() == 1 || installed.wait(60000));

    auto mine = std::make_shared<SystemdUserScheduler>(PlatformScheduler::Setup {
        QStringLiteral(SCIMDESK_CLI_PATH), m_profile->directory.path(), entries, QStringLiteral("/bin/true")});
    ScheduleDialog dialog(7, QStringLiteral("Mine"), mine);
    dialog.show();
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("currentScheduleLabel"))->text().startsWith("Not scheduled"));
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("saveScheduleButton"))->isEnabled());
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("removeScheduleButton"))->isEnabled());
    const QString message = dialog.findChild<QLabel*>(QStringLiteral("scheduleResult"))->text();
    QVERIFY2(message.contains(QStringLiteral("another profile")) && message.contains(otherProfile.path()),
        qPrintable(message));
    QCOMPARE(other->installed(7)->applicationName, QStringLiteral("Theirs"));
}

void TestConsole::scheduleActionOpensTheDialog()
{
    const qint64 server = m_profile->createAwsServer(QStringLiteral("AWS"), m_emulator->baseUrl().toString(), OldToken);
    const qint64 application = addApplication(QStringLiteral("AWS"), server);
    ApplicationsPage page(m_profile->workspace);
    auto* action = page.findChild<QAction*>(QStringLiteral("scheduleApplicationAction"));
    QVERIFY(action);
    QVERIFY(page.pageActions().contains(action));
    QVERIFY(!action->icon().isNull());
    page.selectApplication(application);
    QVERIFY(action->isEnabled());
    action->trigger();
    auto* dialog = page.findChild<ScheduleDialog*>();
    QVERIFY(dialog);
    QCOMPARE(dialog->chosenSchedule().applicationName, QStringLiteral("AWS"));
    dialog->close();
}

void TestConsole::helpActionsOpenTheDocs()
{
    MainWindow window(m_profile->workspace);
    window.show();
    auto* guide = window.findChild<QAction*>(QStringLiteral("userGuideAction"));
    QVERIFY(guide);
    QCOMPARE(guide->shortcut(), QKeySequence(QKeySequence::HelpContents));
    guide->trigger();
    auto* viewer = window.findChild<DocumentViewer*>();
    QVERIFY(viewer);
    QTRY_VERIFY(viewer->isVisible());
    // The admin's guide, not the developers' README.
    QVERIFY2(viewer->browser()->toPlainText().contains(QStringLiteral("ScimDesk user guide")),
        qPrintable(viewer->browser()->toPlainText().left(300)));
    QVERIFY2(!viewer->browser()->toPlainText().contains(QStringLiteral("scripts/test")),
        qPrintable(viewer->browser()->toPlainText().left(300)));
    GuiTest::screenshot(viewer, QStringLiteral("help-user-guide"));
    viewer->close();
    QTRY_VERIFY(!window.findChild<DocumentViewer*>());

    window.findChild<QAction*>(QStringLiteral("cliReferenceAction"))->trigger();
    viewer = window.findChild<DocumentViewer*>();
    QVERIFY(viewer);
    QVERIFY(viewer->browser()->toPlainText().contains(QStringLiteral("--token-file PATH")));
    viewer->close();

    window.findChild<QAction*>(QStringLiteral("aboutAction"))->trigger();
    auto* about = window.findChild<AboutDialog*>();
    QVERIFY(about);
    const QString text = about->findChild<QLabel*>(QStringLiteral("aboutText"))->text();
    QVERIFY(text.contains(QLatin1String(qVersion())));
    QVERIFY(text.contains(QStringLiteral("QtKeychain")));
    QVERIFY(text.contains(QStringLiteral("TLS")));
    QVERIFY(AboutDialog::versionText().contains(QStringLiteral("QtKeychain: 0.")));
    qInfo("About: %s", qPrintable(AboutDialog::versionText().replace(QLatin1Char('\n'), QStringLiteral("; "))));
    GuiTest::screenshot(about, QStringLiteral("help-about"));
    about->close();
}

void TestConsole::tokenExpiryWarning_data()
{
    QTest::addColumn<int>("daysLeft");
    QTest::addColumn<QString>("warning"); // empty: no warning
    QTest::newRow("31 days left") << 31 << QString();
    QTest::newRow("29 days left") << 29 << QStringLiteral("expires in 29 days");
    QTest::newRow("expired") << -2 << QStringLiteral("has expired");
}

void TestConsole::tokenExpiryWarning()
{
    QFETCH(int, daysLeft);
    QFETCH(QString, warning);
    const qint64 id = m_profile->createAwsServer(QStringLiteral("AWS"), m_emulator->baseUrl().toString(), OldToken);
    auto server = m_profile->workspace->servers()->repository().find(id);
    QVERIFY(server);
    // The token was stored (365 - daysLeft) days ago; AWS tokens last 365 days.
    server->secretStoredAt = QDateTime::currentDateTimeUtc().addDays(-(365 - daysLeft)).addSecs(-60);
    QVERIFY(m_profile->workspace->servers()->repository().update(*server));
    MainWindow window(m_profile->workspace);
    window.show();
    auto* notice = window.findChild<TokenExpiryNotice*>();
    QVERIFY(notice);
    const QString column = ServerTableModel::tokenAgeText(*server, QDateTime::currentDateTimeUtc());
    if (warning.isEmpty()) {
        QVERIFY2(notice->isHidden(), qPrintable(notice->text()));
        QVERIFY2(column.startsWith(QStringLiteral("Expires ")) && !column.contains(QStringLiteral("rotate")),
            qPrintable(column));
    } else {
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->text().contains(warning), qPrintable(notice->text()));
        QVERIFY(notice->text().contains(QStringLiteral("\u201cAWS\u201d")));
        QVERIFY2(column.contains(QStringLiteral("Edit \u2192 Rotate Token")), qPrintable(column));
        GuiTest::screenshot(&window, QStringLiteral("token-expiry-warning"));
    }
}

void TestConsole::rotationKeepsTheOldTokenUntilTheNewOnePassed()
{
    const qint64 id = m_profile->createAwsServer(QStringLiteral("AWS"), m_emulator->baseUrl().toString(), OldToken);
    const SecretKey key {id, ServerCatalog::secretPurpose(AuthScheme::AccessToken)};
    const auto before = m_profile->workspace->servers()->repository().find(id);
    ServerEditDialog edit(m_profile->workspace, *before);
    edit.show();
    TokenRotationDialog* dialog = edit.rotateToken();
    QVERIFY(dialog);
    auto* use = dialog->findChild<QPushButton*>(QStringLiteral("useNewTokenButton"));
    auto* test = dialog->findChild<QPushButton*>(QStringLiteral("testNewTokenButton"));
    auto* result = dialog->findChild<QLabel*>(QStringLiteral("rotationTestResult"));
    GuiTest::typeInto(dialog->findChild<QLineEdit*>(QStringLiteral("newTokenEdit")), NewToken);
    QVERIFY(!use->isEnabled());

    // The new token is not known to the server yet: the test fails and nothing changes.
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QStringLiteral("did not pass")), 30000);
    QVERIFY(!use->isEnabled());
    QCOMPARE(m_profile->secrets->peek(key), std::optional<QString>(OldToken));
    GuiTest::screenshot(dialog, QStringLiteral("token-rotation-failed"));

    // The admin created it in the console: now it passes, and only Use replaces the stored one.
    m_emulator->setToken(NewToken);
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(use->isEnabled(), 30000);
    QVERIFY2(result->text().contains(QStringLiteral("works")), qPrintable(result->text()));
    QCOMPARE(m_profile->secrets->peek(key), std::optional<QString>(OldToken));
    // Editing the token after the test voids it.
    GuiTest::typeInto(dialog->findChild<QLineEdit*>(QStringLiteral("newTokenEdit")), NewToken + QLatin1Char('x'));
    QVERIFY(!use->isEnabled());
    GuiTest::typeInto(dialog->findChild<QLineEdit*>(QStringLiteral("newTokenEdit")), NewToken);
    QVERIFY(!use->isEnabled());
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(use->isEnabled(), 30000);

    QSignalSpy rotated(dialog, &TokenRotationDialog::rotated);
    QTest::mouseClick(use, Qt::LeftButton);
    QVERIFY(rotated.count() == 1 || rotated.wait(10000));
    QCOMPARE(m_profile->secrets->peek(key), std::optional<QString>(NewToken));
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("rotationDoneLabel"))
                ->text()
                .contains(QStringLiteral("Delete the old token")));
    const auto after = m_profile->workspace->servers()->repository().find(id);
    QVERIFY(after->secretStoredAt >= before->secretStoredAt);
    GuiTest::screenshot(dialog, QStringLiteral("token-rotation-done"));

    // Saving the editor opened before the rotation keeps the new token's date.
    QSignalSpy closed(&edit, &QDialog::finished);
    edit.accept();
    QVERIFY(closed.count() == 1 || closed.wait(10000));
    QCOMPARE(m_profile->workspace->servers()->repository().find(id)->secretStoredAt, after->secretStoredAt);
    QCOMPARE(m_profile->secrets->peek(key), std::optional<QString>(NewToken));
    QVERIFY(!m_profile->profileFilesContain(NewToken));
}

void TestConsole::dialogsFitTheScreen()
{
    const QSize screen = QGuiApplication::primaryScreen()->availableGeometry().size();
    qInfo("available screen: %dx%d", screen.width(), screen.height());
    const qint64 server = m_profile->createAwsServer(QStringLiteral("AWS"), m_emulator->baseUrl().toString(), OldToken);
    const qint64 application = addApplication(QStringLiteral("AWS"), server);
    m_profile->addUsers({QStringLiteral("alice"), QStringLiteral("bob")});

    MainWindow window(m_profile->workspace);
    window.show();
    QVERIFY2(offScreen(&window).isEmpty(), qPrintable(offScreen(&window)));
    GuiTest::screenshot(&window, QStringLiteral("main-window-default-size"));

    ApplicationsPage page(m_profile->workspace);
    auto* editApp = page.editApplication(application);
    QVERIFY(editApp);
    QTRY_VERIFY(editApp->isVisible());
    QVERIFY2(offScreen(editApp, {QStringLiteral("updateSettingsButton"), QStringLiteral("cancelButton")}).isEmpty(),
        qPrintable(offScreen(editApp, {QStringLiteral("updateSettingsButton")})));
    GuiTest::screenshot(editApp, QStringLiteral("edit-application-fit"));
    editApp->reject();

    ServerEditDialog editServer(m_profile->workspace, *m_profile->workspace->servers()->repository().find(server));
    editServer.show();
    QVERIFY2(offScreen(&editServer, {QStringLiteral("saveButton")}).isEmpty(), qPrintable(offScreen(&editServer)));
    editServer.tabs()->setCurrentIndex(1);
    QVERIFY(editServer.findChild<QPushButton*>(QStringLiteral("rotateTokenButton"))->isVisible());
    GuiTest::screenshot(&editServer, QStringLiteral("edit-server-token"));
    TokenRotationDialog* rotation = editServer.rotateToken();
    QTRY_VERIFY(rotation->isVisible());
    QVERIFY2(offScreen(rotation, {QStringLiteral("useNewTokenButton")}).isEmpty(), qPrintable(offScreen(rotation)));
    GuiTest::screenshot(rotation, QStringLiteral("token-rotation"));
    rotation->reject();

    // The Server Type notice with a long list of changes still shows Continue and Cancel.
    QStringList details;
    for (int i = 0; i < 45; ++i) {
        details << QStringLiteral("SCIM attribute %1: from the directory's attribute %1").arg(i);
    }
    NoticeDialog notice(QStringLiteral("Apply Server Type?"), QStringLiteral("Selecting it will overwrite settings."),
        details, QStringLiteral("Continue"), details);
    notice.setObjectName(QStringLiteral("serverTypeNotice"));
    notice.show();
    QVERIFY2(offScreen(&notice, {QStringLiteral("continueButton"), QStringLiteral("cancelButton")}).isEmpty(),
        qPrintable(offScreen(&notice, {QStringLiteral("continueButton"), QStringLiteral("cancelButton")})));
    QVERIFY(notice.cancelButton()->isDefault());
    GuiTest::screenshot(&notice, QStringLiteral("server-type-notice-long"));

    AddServerWizard wizard(m_profile->workspace);
    wizard.show();
    QVERIFY2(offScreen(&wizard).isEmpty(), qPrintable(offScreen(&wizard)));

    auto* about = window.showAbout();
    QTRY_VERIFY(about->isVisible());
    QVERIFY2(offScreen(about).isEmpty(), qPrintable(offScreen(about)));
    auto* guide = window.openDocument(QStringLiteral("docs/user-guide.md"));
    QVERIFY2(offScreen(guide).isEmpty(), qPrintable(offScreen(guide)));
    auto scheduler = std::make_shared<SystemdUserScheduler>(PlatformScheduler::Setup {
        QStringLiteral("/usr/bin/scimdesk-cli"), m_profile->directory.path(), m_profile->directory.path(), {}});
    ScheduleDialog schedule(application, QStringLiteral("AWS"), scheduler, &window);
    schedule.show();
    QVERIFY2(offScreen(&schedule, {QStringLiteral("saveScheduleButton")}).isEmpty(), qPrintable(offScreen(&schedule)));
}

void TestConsole::everyActionHasItsIcon()
{
    MainWindow window(m_profile->workspace);
    window.show();
    auto image = [](const QIcon& icon) { return icon.pixmap(QSize(24, 24), 2.0).toImage(); };
    QStringList names;
    const QList<QAction*> actions = window.findChild<ServersPage*>()->pageActions()
        + window.findChild<ApplicationsPage*>()->pageActions() + window.findChild<DirectoryPage*>()->pageActions()
        + window.findChild<SourcesPage*>()->pageActions() + window.findChild<SyncPage*>()->pageActions();
    QVERIFY(actions.size() >= 25);
    {
        for (auto* action : actions) {
            QVERIFY2(!action->icon().isNull(), qPrintable(action->objectName()));
            // Drawn as vectors: sharp at a device pixel ratio of 2.
            QCOMPARE(action->icon().pixmap(QSize(24, 24), 2.0).size(), QSize(48, 48));
            names << action->objectName();
        }
    }
    qInfo("actions checked: %s", qPrintable(names.join(QStringLiteral(", "))));
    auto find = [&window](const char* name) { return window.findChild<QAction*>(QLatin1String(name)); };
    const QImage pencil = image(EditIcons::pencil());
    for (const char* edit : {"editServerAction", "editApplicationAction", "editDirectoryAction", "editSourceAction"}) {
        QVERIFY2(find(edit) && image(find(edit)->icon()) == pencil, edit);
    }
    QVERIFY(image(find("syncServerAction")->icon()) != image(find("refreshServersAction")->icon()));
    QCOMPARE(image(find("addServerAction")->icon()), image(AppIcons::icon(QStringLiteral("add"))));
    QCOMPARE(image(find("addApplicationAction")->icon()), image(AppIcons::icon(QStringLiteral("add"))));
    QCOMPARE(image(find("addSourceAction")->icon()), image(AppIcons::icon(QStringLiteral("add"))));
}

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
