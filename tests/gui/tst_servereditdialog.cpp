#include "GuiTestSupport.h"
#include "TestCertificateAuthority.h"

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
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScreen>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>

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
    void trustedCaShowsSubjectAndFingerprint();
    void provisioningTabSavesDeprovisioningThresholdAndFills();

private:
    ServerEditDialog* openEditor();

    std::unique_ptr<GuiTestProfile> m_profile;
    std::unique_ptr<ServersPage> m_page;
    qint64 m_serverId = 0;
};

void TestServerEditDialog::init()
{
    // Qt's own file dialog, which a test can answer, whatever the platform theme offers.
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
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
    QCOMPARE(dialog->tabs()->count(), 5);
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

void TestServerEditDialog::trustedCaShowsSubjectAndFingerprint()
{
    QTemporaryDir files;
    QVERIFY(files.isValid());
    TestCertificateAuthority::Options options;
    options.commonName = QStringLiteral("Example Corp Private CA");
    options.organization = QStringLiteral("Example Corp");
    TestCertificateAuthority ca(files.path(), options);
    const QString created = ca.create();
    QVERIFY2(created.isEmpty(), qPrintable(created));
    const QString notPem = files.filePath(QStringLiteral("notes.txt"));
    QFile notes(notPem);
    QVERIFY(notes.open(QIODevice::WriteOnly) && notes.write("ask the PKI team\n") > 0);
    notes.close();

    auto* dialog = openEditor();
    QVERIFY(dialog);
    auto* save = dialog->findChild<QAbstractButton*>(QStringLiteral("saveButton"));
    auto* edit = dialog->findChild<QLineEdit*>(QStringLiteral("caFileEdit"));
    auto* clear = dialog->findChild<QAbstractButton*>(QStringLiteral("caClearButton"));
    auto* description = dialog->findChild<QLabel*>(QStringLiteral("caCertificateDescription"));
    auto* message = dialog->findChild<QLabel*>(QStringLiteral("caFileMessage"));
    QVERIFY(edit && clear && description && message);
    QVERIFY(edit->text().isEmpty());
    QVERIFY(!clear->isEnabled());
    QVERIFY(description->isHidden());
    QVERIFY2(message->text().contains(QLatin1String("never ignored")), qPrintable(message->text()));

    // A file that is not PEM: core's message under the field, and nothing can be saved.
    GuiTest::typeInto(edit, notPem);
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), ServerSettingsValidator::caBundleError(notPem));
    QVERIFY2(message->text().contains(QLatin1String("holds no PEM certificate")), qPrintable(message->text()));
    QVERIFY(!save->isEnabled());
    GuiTest::screenshot(dialog, QStringLiteral("edit-server-trusted-ca-error"));

    // Browse… opens a file dialog; the chosen CA is described by subject and fingerprint.
    QTest::mouseClick(dialog->findChild<QAbstractButton*>(QStringLiteral("caBrowseButton")), Qt::LeftButton);
    auto* fileDialog = dialog->findChild<QFileDialog*>(QStringLiteral("caFileDialog"));
    QVERIFY(fileDialog);
    QVERIFY(QTest::qWaitForWindowExposed(fileDialog));
    QCOMPARE(QDir(fileDialog->directory()).canonicalPath(), QDir(files.path()).canonicalPath());
    // As a person does: type the file's name into the dialog, press Enter.
    auto* fileName = fileDialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
    QVERIFY(fileName);
    GuiTest::typeInto(fileName, ca.caCertificateFile());
    QTest::keyClick(fileName, Qt::Key_Return);
    QCOMPARE(edit->text(), QDir::toNativeSeparators(ca.caCertificateFile()));
    QVERIFY(description->isVisible());
    QVERIFY(message->isHidden());
    const QString shown = QTextDocumentFragment::fromHtml(description->text()).toPlainText();
    QVERIFY2(shown.contains(QLatin1String("CN=Example Corp Private CA, O=Example Corp")), qPrintable(shown));
    QString compact = shown;
    compact.remove(QRegularExpression(QStringLiteral("\\s")));
    const QString fingerprint = ca.caFingerprint();
    QVERIFY(!fingerprint.isEmpty());
    QVERIFY2(compact.contains(QStringLiteral("SHA-256") + fingerprint), qPrintable(shown));
    QVERIFY(save->isEnabled());
    QVERIFY(clear->isEnabled());
    GuiTest::screenshot(dialog, QStringLiteral("edit-server-trusted-ca"));
    if (!qEnvironmentVariableIsEmpty("SCIMDESK_SCREENSHOT_DIR")) {
        // The same at the whole screen's size and at a narrow one, to look for clipping.
        const QSize size = dialog->size();
        dialog->resize(dialog->screen()->availableGeometry().size());
        GuiTest::screenshot(dialog, QStringLiteral("edit-server-trusted-ca-screen"));
        dialog->resize(dialog->minimumSizeHint());
        GuiTest::screenshot(dialog, QStringLiteral("edit-server-trusted-ca-narrow"));
        dialog->resize(size);
    }

    // Clear forgets it; typing the path back is the same as choosing it.
    QTest::mouseClick(clear, Qt::LeftButton);
    QVERIFY(edit->text().isEmpty());
    QVERIFY(dialog->draft()->server().options.caBundlePath.isEmpty());
    QVERIFY(description->isHidden());
    GuiTest::typeInto(edit, ca.caCertificateFile());
    QVERIFY(description->isVisible());

    QSignalSpy accepted(dialog, &QDialog::accepted);
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(accepted.count() == 1 || accepted.wait(5000));
    QCOMPARE(
        m_profile->workspace->servers()->repository().find(m_serverId)->options.caBundlePath, ca.caCertificateFile());
}

void TestServerEditDialog::provisioningTabSavesDeprovisioningThresholdAndFills()
{
    auto* dialog = openEditor();
    QVERIFY(dialog);
    dialog->tabs()->setCurrentIndex(4);
    auto* fillNames = dialog->findChild<QCheckBox*>(QStringLiteral("fillNamesCheck"));
    auto* fillDisplayName = dialog->findChild<QCheckBox*>(QStringLiteral("fillDisplayNameCheck"));
    QVERIFY(fillNames && fillDisplayName);
    // Nothing is invented unless the admin turns it on.
    QVERIFY(!fillNames->isChecked());
    QVERIFY(!fillDisplayName->isChecked());
    GuiTest::chooseInCombo(dialog->findChild<QComboBox*>(QStringLiteral("deprovisionCombo")), QStringLiteral("Delete"));
    dialog->findChild<QSpinBox*>(QStringLiteral("thresholdPercentSpin"))->setValue(20);
    dialog->findChild<QSpinBox*>(QStringLiteral("thresholdMinimumSpin"))->setValue(3);
    QTest::mouseClick(fillNames, Qt::LeftButton);
    dialog->findChild<QSpinBox*>(QStringLiteral("concurrencySpin"))->setValue(2);
    dialog->findChild<QDoubleSpinBox*>(QStringLiteral("rateLimitSpin"))->setValue(5.5);
    dialog->findChild<QSpinBox*>(QStringLiteral("requestTimeoutSpin"))->setValue(90);
    // A protected pattern that is not a regular expression says why and blocks Save.
    auto* save = dialog->findChild<QAbstractButton*>(QStringLiteral("saveButton"));
    auto* patterns = dialog->findChild<QPlainTextEdit*>(QStringLiteral("protectedPatternsEdit"));
    auto* patternError = dialog->findChild<QLabel*>(QStringLiteral("protectedPatternsError"));
    QVERIFY(save->isEnabled());
    patterns->setFocus();
    QTest::keyClicks(patterns, QStringLiteral("^(Break-glass"));
    QVERIFY(!save->isEnabled());
    QVERIFY2(!patternError->isHidden() && patternError->text().contains(QStringLiteral("not a regular expression")),
        qPrintable(patternError->text()));
    QTest::keyClick(patterns, Qt::Key_End, Qt::ControlModifier);
    QTest::keyClick(patterns, Qt::Key_Home);
    QTest::keyClick(patterns, Qt::Key_Right);
    QTest::keyClick(patterns, Qt::Key_Delete); // "^Break-glass"
    QVERIFY(save->isEnabled());
    QVERIFY(patternError->isHidden());
    GuiTest::screenshot(dialog, QStringLiteral("edit-server-provisioning"));

    QSignalSpy accepted(dialog, &QDialog::accepted);
    QTest::mouseClick(dialog->findChild<QAbstractButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
    QVERIFY(accepted.count() == 1 || accepted.wait(5000));
    const ServerOptions saved = m_profile->workspace->servers()->repository().find(m_serverId)->options;
    QCOMPARE(saved.deprovisionAction, DeprovisionAction::Delete);
    QCOMPARE(saved.deletionThresholdPercent, 20);
    QCOMPARE(saved.deletionThresholdMinimum, 3);
    QVERIFY(saved.fillNamesFromDisplayName);
    QVERIFY(!saved.fillDisplayNameFromNames);
    QCOMPARE(saved.concurrency, 2);
    QCOMPARE(saved.rateLimitPerSecond, 5.5);
    QCOMPARE(saved.requestTimeoutSeconds, 90);
    QCOMPARE(saved.protectedPatterns, QStringList {QStringLiteral("^Break-glass")});
}

QTEST_MAIN(TestServerEditDialog)
#include "tst_servereditdialog.moc"
