#include "GuiTestSupport.h"

#include "secrets/InMemorySecretStore.h"
#include "servers/ServerCatalog.h"
#include "servers/ServerEditDialog.h"
#include "servers/ServerTableModel.h"
#include "servers/ServersPage.h"
#include "storage/Database.h"
#include "validation/ServerSettingsValidator.h"
#include "widgets/ConfirmationDialogs.h"
#include "wizard/ServerDraft.h"
#include "workspace/Workspace.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

namespace {
const QString token = QStringLiteral("first-token-value");
}

class TestServerEditDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void emptyTokenKeepsStoredToken();
    void newTokenReplacesStoredToken();
    void sameValidationAndTypeConfirmationAsTheWizard();
    void storedCredentialUrlIsMaskedAndMustBeReplaced();

private:
    ServerEditDialog* openEditor();

    std::unique_ptr<GuiTestProfile> m_profile;
    std::unique_ptr<ServersPage> m_page;
    qint64 m_serverId = 0;
};

void TestServerEditDialog::init()
{
    ConfirmationDialogs::reset();
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
    ScimServer server = GuiTest::awsServer();
    server.userMappings = m_profile->workspace->serverTypes().find(server.serverTypeId)->userMappings;
    m_serverId = m_profile->createServer(server, token);
    QVERIFY(m_serverId > 0);
    QVERIFY(m_profile->createServer(GuiTest::awsServer(QStringLiteral("Staging AWS")), token) > 0);
    m_page = std::make_unique<ServersPage>(m_profile->workspace);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestServerEditDialog::cleanup()
{
    m_page.reset();
    m_profile.reset();
    QCOMPARE(ConfirmationDialogs::pendingAnswers(), 0);
}

ServerEditDialog* TestServerEditDialog::openEditor()
{
    m_page->selectServer(m_serverId);
    m_page->findChild<QAction*>(QStringLiteral("editServerAction"))->trigger();
    auto* dialog = m_page->findChild<ServerEditDialog*>();
    if (dialog && !QTest::qWaitForWindowExposed(dialog)) {
        return nullptr;
    }
    return dialog;
}

void TestServerEditDialog::emptyTokenKeepsStoredToken()
{
    auto* dialog = openEditor();
    QVERIFY(dialog);
    QCOMPARE(dialog->tabs()->count(), 4);
    GuiTest::screenshot(dialog, QStringLiteral("edit-server-connection"));
    GuiTest::typeInto(
        dialog->findChild<QLineEdit*>(QStringLiteral("serverDescriptionEdit")), QStringLiteral("Renamed"));
    dialog->tabs()->setCurrentIndex(1);
    auto* tokenEdit = dialog->findChild<QLineEdit*>(QStringLiteral("accessTokenEdit"));
    QVERIFY(tokenEdit->text().isEmpty());
    QVERIFY(tokenEdit->placeholderText().contains(QStringLiteral("keep")));
    GuiTest::screenshot(dialog, QStringLiteral("edit-server-authentication"));

    QSignalSpy accepted(dialog, &QDialog::accepted);
    QTest::mouseClick(dialog->findChild<QAbstractButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
    QVERIFY(accepted.count() == 1 || accepted.wait(5000));
    QCOMPARE(m_profile->workspace->servers()->repository().find(m_serverId)->description, QStringLiteral("Renamed"));
    QCOMPARE(m_profile->secrets->peek(SecretKey {m_serverId, SecretPurpose::AccessToken}), std::optional(token));
}

void TestServerEditDialog::newTokenReplacesStoredToken()
{
    auto* dialog = openEditor();
    QVERIFY(dialog);
    dialog->tabs()->setCurrentIndex(1);
    GuiTest::typeInto(dialog->findChild<QLineEdit*>(QStringLiteral("accessTokenEdit")), QStringLiteral("rotated"));
    QSignalSpy accepted(dialog, &QDialog::accepted);
    QTest::mouseClick(dialog->findChild<QAbstractButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
    QVERIFY(accepted.count() == 1 || accepted.wait(5000));
    QCOMPARE(m_profile->secrets->peek(SecretKey {m_serverId, SecretPurpose::AccessToken}),
        std::optional(QStringLiteral("rotated")));
    QVERIFY(!m_profile->profileFilesContain(QStringLiteral("rotated")));
}

void TestServerEditDialog::sameValidationAndTypeConfirmationAsTheWizard()
{
    auto* dialog = openEditor();
    QVERIFY(dialog);
    auto* save = dialog->findChild<QAbstractButton*>(QStringLiteral("saveButton"));
    QVERIFY(save->isEnabled());

    // Its own name is not a duplicate; another server's is.
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("serverNameEdit"));
    GuiTest::typeInto(name, QStringLiteral("AWS SCIM Server"));
    QVERIFY(save->isEnabled());
    GuiTest::typeInto(name, QStringLiteral("staging aws"));
    QVERIFY(!save->isEnabled());
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("serverNameError"))->isVisible());
    GuiTest::typeInto(name, QStringLiteral("AWS SCIM Server"));

    // Switching to another type asks; Cancel keeps everything.
    const ScimServer before = dialog->draft()->server();
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Reject);
    auto* typeCombo = dialog->findChild<QComboBox*>(QStringLiteral("serverTypeCombo"));
    GuiTest::chooseInCombo(typeCombo, QStringLiteral("Generic SCIM 2.0"));
    QCOMPARE(ConfirmationDialogs::lastShown().objectName, QStringLiteral("serverTypeNotice"));
    QCOMPARE(typeCombo->currentData().toString(), before.serverTypeId);
    QCOMPARE(dialog->draft()->server().userMappings, before.userMappings);
    dialog->reject();
}

void TestServerEditDialog::storedCredentialUrlIsMaskedAndMustBeReplaced()
{
    // What an older version let through.
    const QString cleanUrl = GuiTest::awsServer().url;
    const QString masked = QString(cleanUrl).insert(8, QStringLiteral("***@"));
    const QString stored = QString(cleanUrl).insert(8, QStringLiteral("admin:s3cret@"));
    QSqlQuery query(m_profile->workspace->database()->connection());
    query.prepare(QStringLiteral("UPDATE servers SET url = ? WHERE id = ?"));
    query.addBindValue(stored);
    query.addBindValue(m_serverId);
    QVERIFY(query.exec());
    m_page->reload();

    auto* table = m_page->findChild<QTableView*>(QStringLiteral("serversTable"));
    QVERIFY(table);
    bool found = false;
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex cell = table->model()->index(row, ServerTableModel::UrlColumn);
        QVERIFY(!cell.data().toString().contains(QStringLiteral("s3cret")));
        if (cell.data().toString() == masked) {
            found = true;
            QCOMPARE(cell.data(Qt::ToolTipRole).toString(), ServerSettingsValidator::urlError(stored));
        }
    }
    QVERIFY(found);

    auto* dialog = openEditor();
    QVERIFY(dialog);
    auto* urlEdit = dialog->findChild<QLineEdit*>(QStringLiteral("serverUrlEdit"));
    QCOMPARE(urlEdit->text(), masked);
    auto* error = dialog->findChild<QLabel*>(QStringLiteral("serverUrlError"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), ServerSettingsValidator::urlError(stored));
    auto* save = dialog->findChild<QAbstractButton*>(QStringLiteral("saveButton"));
    QVERIFY(!save->isEnabled());

    GuiTest::typeInto(urlEdit, cleanUrl);
    QVERIFY(error->isHidden());
    QVERIFY(save->isEnabled());
    QSignalSpy accepted(dialog, &QDialog::accepted);
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(accepted.count() == 1 || accepted.wait(5000));
    QCOMPARE(m_profile->workspace->servers()->repository().find(m_serverId)->url, cleanUrl);
}

QTEST_MAIN(TestServerEditDialog)
#include "tst_servereditdialog.moc"
