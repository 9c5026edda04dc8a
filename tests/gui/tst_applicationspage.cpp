#include "GuiTestSupport.h"

#include "applications/ApplicationEditDialog.h"
#include "applications/ApplicationTableModel.h"
#include "applications/ApplicationsPage.h"
#include "storage/ApplicationRepository.h"
#include "widgets/ConfirmationDialogs.h"
#include "workspace/Workspace.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>

class TestApplicationsPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pencilSelectServerUpdateSettings();
    void addApplicationAndDelete();

private:
    std::unique_ptr<GuiTestProfile> m_profile;
    std::unique_ptr<ApplicationsPage> m_page;
    qint64 m_serverId = 0;
};

void TestApplicationsPage::init()
{
    ConfirmationDialogs::reset();
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
    m_serverId = m_profile->createServer(GuiTest::awsServer(), QStringLiteral("token"));
    QVERIFY(m_serverId > 0);
    m_page = std::make_unique<ApplicationsPage>(m_profile->workspace);
    m_page->resize(1000, 500);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestApplicationsPage::cleanup()
{
    m_page.reset();
    m_profile.reset();
    QCOMPARE(ConfirmationDialogs::pendingAnswers(), 0);
}

void TestApplicationsPage::pencilSelectServerUpdateSettings()
{
    Application aws;
    aws.name = QStringLiteral("AWS");
    aws.description = QStringLiteral("AWS console, SAML");
    aws.signInProtocol = QStringLiteral("SAML 2.0");
    const auto created = m_profile->workspace->applications().create(aws);
    QVERIFY(created);
    m_profile->workspace->notifyApplicationsChanged();
    auto* table = m_page->findChild<QTableView*>(QStringLiteral("applicationsTable"));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, ApplicationTableModel::ServerColumn).data().toString(), QStringLiteral("None"));
    GuiTest::screenshot(m_page.get(), QStringLiteral("applications-before"));

    // Step 7: the pencil next to the AWS application.
    auto* pencil = m_page->findChild<QToolButton*>(QStringLiteral("editApplicationButton_%1").arg(created.value()));
    QVERIFY(pencil);
    QTest::mouseClick(pencil, Qt::LeftButton);
    auto* dialog = m_page->findChild<ApplicationEditDialog*>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto* label = dialog->findChild<QLabel*>(QStringLiteral("scimServerLabel"));
    auto* combo = dialog->findChild<QComboBox*>(QStringLiteral("scimServerCombo"));
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("None"));
    QVERIFY(!combo->isVisible());
    GuiTest::screenshot(dialog, QStringLiteral("application-edit-1"));

    // Step 8: the pencil in the SCIM Server section.
    QTest::mouseClick(dialog->findChild<QToolButton*>(QStringLiteral("scimServerEditButton")), Qt::LeftButton);
    QVERIFY(combo->isVisible());
    // Step 9: select the SCIM server.
    QVERIFY(GuiTest::chooseInCombo(combo, QStringLiteral("AWS SCIM Server")));
    GuiTest::screenshot(dialog, QStringLiteral("application-edit-2"));
    // Step 10: Update Settings.
    QSignalSpy accepted(dialog, &QDialog::accepted);
    QTest::mouseClick(dialog->findChild<QAbstractButton*>(QStringLiteral("updateSettingsButton")), Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);

    QCOMPARE(m_profile->workspace->applications().find(created.value())->scimServerId, m_serverId);
    QCOMPARE(table->model()->index(0, ApplicationTableModel::ServerColumn).data().toString(),
        QStringLiteral("AWS SCIM Server"));
    // Other fields were kept.
    const auto saved = m_profile->workspace->applications().find(created.value());
    QCOMPARE(saved->signInProtocol, QStringLiteral("SAML 2.0"));
    QCOMPARE(saved->description, QStringLiteral("AWS console, SAML"));
    GuiTest::screenshot(m_page.get(), QStringLiteral("applications-after"));
}

void TestApplicationsPage::addApplicationAndDelete()
{
    m_page->findChild<QAction*>(QStringLiteral("addApplicationAction"))->trigger();
    auto* dialog = m_page->findChild<ApplicationEditDialog*>();
    QVERIFY(dialog);
    auto* update = dialog->findChild<QAbstractButton*>(QStringLiteral("updateSettingsButton"));
    QVERIFY(!update->isEnabled());
    GuiTest::typeInto(
        dialog->findChild<QLineEdit*>(QStringLiteral("applicationNameEdit")), QStringLiteral("Salesforce"));
    QVERIFY(update->isEnabled());
    QVERIFY(GuiTest::chooseInCombo(
        dialog->findChild<QComboBox*>(QStringLiteral("scimServerCombo")), QStringLiteral("AWS SCIM Server")));
    QTest::mouseClick(update, Qt::LeftButton);
    const auto saved = m_profile->workspace->applications().findByName(QStringLiteral("Salesforce"));
    QVERIFY(saved);
    QCOMPARE(saved->scimServerId, m_serverId);
    QCOMPARE(saved->signInProtocol, QStringLiteral("SAML 2.0"));

    // A second one with the same name is refused with a visible message.
    m_page->findChild<QAction*>(QStringLiteral("addApplicationAction"))->trigger();
    ApplicationEditDialog* second = nullptr;
    for (auto* candidate : m_page->findChildren<ApplicationEditDialog*>()) {
        if (candidate->isVisible()) {
            second = candidate;
        }
    }
    QVERIFY(second);
    GuiTest::typeInto(
        second->findChild<QLineEdit*>(QStringLiteral("applicationNameEdit")), QStringLiteral("salesforce"));
    QVERIFY(!second->findChild<QAbstractButton*>(QStringLiteral("updateSettingsButton"))->isEnabled());
    QVERIFY(second->findChild<QLabel*>(QStringLiteral("applicationError"))->text().contains(QStringLiteral("already")));
    second->reject();

    m_page->selectApplication(saved->id);
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    m_page->findChild<QAction*>(QStringLiteral("deleteApplicationAction"))->trigger();
    QCOMPARE(ConfirmationDialogs::lastShown().objectName, QStringLiteral("confirmDeleteApplication"));
    QVERIFY(m_profile->workspace->applications().list().isEmpty());
    QVERIFY(m_page->findChild<QLabel*>(QStringLiteral("applicationsEmptyLabel"))->isVisible());
}

QTEST_MAIN(TestApplicationsPage)
#include "tst_applicationspage.moc"
