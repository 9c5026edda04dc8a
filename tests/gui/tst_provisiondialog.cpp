#include "GuiTestSupport.h"

#include "AwsScimEmulator.h"
#include "directory/DirectoryRepository.h"
#include "provision/ProvisionUserDialog.h"
#include "servertypes/ServerTypeRegistry.h"
#include "storage/ApplicationRepository.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

namespace {
const QString Token = QStringLiteral("provision-dialog-token-9f8e7d6c");
}

// The Provision User dialog against the AWS emulator: picking a user, each step's status
// as it runs, the confirmation, and a copied trace without the token.
class TestProvisionDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void stepsShowStatusesAndProvisionAfterConfirmation();

private:
    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<GuiTestProfile> m_profile;
    qint64 m_applicationId = 0;
};

void TestProvisionDialog::init()
{
    AwsScimEmulator::Options options;
    options.token = Token;
    m_emulator = std::make_unique<AwsScimEmulator>(options);
    QVERIFY(m_emulator->listen());
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);

    const qint64 serverId
        = m_profile->createAwsServer(QStringLiteral("Emulated AWS"), m_emulator->baseUrl().toString(), Token);
    QVERIFY(serverId > 0);
    QCOMPARE(m_profile->addUsers({QStringLiteral("alice"), QStringLiteral("bob")}).size(), 2);
    Application application;
    application.name = QStringLiteral("AWS");
    application.scimServerId = serverId;
    application.assignment.allUsers = true;
    auto id = m_profile->workspace->applications().create(application);
    QVERIFY2(id, id ? "" : qPrintable(id.error().message));
    m_applicationId = id.value();
}

void TestProvisionDialog::cleanup()
{
    m_profile.reset();
    m_emulator.reset();
}

void TestProvisionDialog::stepsShowStatusesAndProvisionAfterConfirmation()
{
    ProvisionUserDialog dialog(m_profile->workspace, m_applicationId);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    auto* search = dialog.findChild<QLineEdit*>(QStringLiteral("userSearch"));
    auto* users = dialog.findChild<QListWidget*>(QStringLiteral("userList"));
    auto* check = dialog.findChild<QPushButton*>(QStringLiteral("checkButton"));
    auto* provision = dialog.findChild<QPushButton*>(QStringLiteral("provisionButton"));
    auto* copy = dialog.findChild<QPushButton*>(QStringLiteral("copyTraceButton"));
    auto* steps = dialog.findChild<QTreeWidget*>(QStringLiteral("stepList"));
    auto* details = dialog.findChild<QPlainTextEdit*>(QStringLiteral("stepDetails"));
    QVERIFY(search && users && check && provision && copy && steps && details);
    QCOMPARE(users->count(), 2);
    QCOMPARE(steps->topLevelItemCount(), 5);
    QVERIFY(!provision->isEnabled());

    // The picker narrows down as one types.
    GuiTest::typeInto(search, QStringLiteral("ali"));
    QTRY_COMPARE(users->count(), 1);
    users->setCurrentRow(0);
    QVERIFY(check->isEnabled());

    QSignalSpy checked(&dialog, &ProvisionUserDialog::checked);
    QTest::mouseClick(check, Qt::LeftButton);
    QVERIFY(checked.wait(30000));
    QCOMPARE(checked.first().first().toBool(), true);
    auto status = [&](int row) { return steps->topLevelItem(row)->data(0, Qt::UserRole).toString(); };
    QCOMPARE(status(0), QStringLiteral("pass"));
    QCOMPARE(status(1), QStringLiteral("pass"));
    QCOMPARE(status(2), QStringLiteral("pass"));
    QCOMPARE(status(3), QStringLiteral("info"));
    QCOMPARE(status(4), QStringLiteral("pending"));
    QVERIFY(!steps->topLevelItem(0)->icon(0).isNull());
    QVERIFY(steps->topLevelItem(3)->text(1).startsWith(QStringLiteral("Create")));
    QVERIFY(provision->isEnabled());
    QCOMPARE(m_emulator->writeCount(), 0);

    // Details of step 1: the exact SCIM body, in the monospace pane.
    steps->setCurrentItem(steps->topLevelItem(0));
    QVERIFY2(
        details->toPlainText().contains(QStringLiteral("\"userName\": \"alice\"")), qPrintable(details->toPlainText()));

    QSignalSpy provisioned(&dialog, &ProvisionUserDialog::provisioned);
    QTest::mouseClick(provision, Qt::LeftButton);
    QVERIFY(provisioned.wait(30000));
    QCOMPARE(status(4), QStringLiteral("pass"));
    QVERIFY(!provision->isEnabled());
    QVERIFY(!m_emulator->findUserByUserName(QStringLiteral("alice")).isEmpty());
    QCOMPARE(m_emulator->userCount(), 1);
    GuiTest::screenshot(&dialog, QStringLiteral("provision-user-dialog"));

    QTest::mouseClick(copy, Qt::LeftButton);
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.contains(QStringLiteral("POST /Users → HTTP 201")), qPrintable(copied));
    QVERIFY(copied.contains(QStringLiteral("alice")));
    QVERIFY(!copied.contains(Token));
    QVERIFY(!copied.contains(QStringLiteral("Bearer")));
}

QTEST_MAIN(TestProvisionDialog)
#include "tst_provisiondialog.moc"
