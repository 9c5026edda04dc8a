#include "GuiTestSupport.h"

#include "secrets/InMemorySecretStore.h"
#include "servers/ServerCatalog.h"
#include "servers/ServersPage.h"
#include "validation/ServerSettingsValidator.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/SecretLineEdit.h"
#include "wizard/AddServerWizard.h"
#include "wizard/AttributeMappingTableModel.h"
#include "wizard/ReviewPage.h"
#include "wizard/ScimAttributesEditor.h"
#include "wizard/ScimAttributesPage.h"
#include "wizard/ServerDraft.h"
#include "wizard/StaticAttributeTableModel.h"
#include "wizard/StaticAttributesEditor.h"
#include "wizard/StaticAttributesPage.h"
#include "workspace/Workspace.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <algorithm>

namespace {
const QString awsUrl
    = QStringLiteral("https://scim.us-east-1.amazonaws.com/a1b2c3d4e5-aaaa-bbbb-cccc-1234567890ab/scim/v2/");
const QString awsType = QStringLiteral("aws-iam-identity-center");
const QString token = QStringLiteral("AQoDYXdzEJr-example-token-0123456789abcdef");

template<typename T>
T* child(QWidget* root, const QString& name)
{
    auto* found = root->findChild<T*>(name);
    if (!found) {
        qWarning("no child %s", qPrintable(name));
    }
    return found;
}
} // namespace

class TestAddServerWizard : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void seedFlowCreatesAwsServer();
    void cancelOnNoticeRestoresPreviousType();
    void choosingTheSameTypeAsksNothing();
    void duplicateNameBlocksNext();
    void invalidUrlBlocksNext_data();
    void invalidUrlBlocksNext();
    void credentialUrlShowsTheMessageEverySavePathGives();
    void keychainFailureKeepsWizardOpenAndCreatesNothing();
    void pastedTokenIsTrimmed();
    void mappingTableFlagsEmptyAndDuplicateTargets();
    void duplicateServerPrefillsWithoutToken();
    void pastedProductUrlSuggestsItsType();
    void seedFlowCreatesFromAuthenticationSettings();
    void noticeSummarisesWithDetailsBehindAButton();
    void arrowKeyOpensTheListInsteadOfAsking();
    void creatingWithoutScimAttributesAsksFirst();
    void cancelAsksBeforeDiscardingInput();
    void connectionPageMnemonicsAreUnique();

private:
    AddServerWizard* openWizardFromPage();
    void fillConnection(AddServerWizard* wizard, const QString& name, const QString& url);
    void chooseAwsType(AddServerWizard* wizard);
    // Cancel, answering "Discard" to the question it asks about what was typed.
    void discard(AddServerWizard* wizard);

    std::unique_ptr<GuiTestProfile> m_profile;
    std::unique_ptr<ServersPage> m_page;
};

void TestAddServerWizard::init()
{
    ConfirmationDialogs::reset();
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
    m_page = std::make_unique<ServersPage>(m_profile->workspace);
    m_page->resize(1000, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestAddServerWizard::cleanup()
{
    m_page.reset();
    m_profile.reset();
    // An answer left over would silently answer the next test's dialog.
    QCOMPARE(ConfirmationDialogs::pendingAnswers(), 0);
    ConfirmationDialogs::reset();
}

AddServerWizard* TestAddServerWizard::openWizardFromPage()
{
    auto* action = m_page->findChild<QAction*>(QStringLiteral("addServerAction"));
    if (!action) {
        return nullptr;
    }
    action->trigger();
    auto* wizard = m_page->findChild<AddServerWizard*>();
    if (wizard && !QTest::qWaitForWindowExposed(wizard)) {
        return nullptr;
    }
    return wizard;
}

void TestAddServerWizard::fillConnection(AddServerWizard* wizard, const QString& name, const QString& url)
{
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("serverNameEdit")), name);
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("serverDescriptionEdit")),
        QStringLiteral("Provisions our workforce to AWS IAM Identity Center"));
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("serverUrlEdit")), url);
}

void TestAddServerWizard::chooseAwsType(AddServerWizard* wizard)
{
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    QVERIFY(GuiTest::chooseInCombo(
        child<QComboBox>(wizard, QStringLiteral("serverTypeCombo")), QStringLiteral("AWS IAM Identity Center")));
    QCOMPARE(ConfirmationDialogs::pendingAnswers(), 0);
}

void TestAddServerWizard::discard(AddServerWizard* wizard)
{
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    wizard->reject();
    QCOMPARE(ConfirmationDialogs::pendingAnswers(), 0);
    QCOMPARE(ConfirmationDialogs::lastShown().objectName, QStringLiteral("discardServerQuestion"));
    QVERIFY(!wizard->isVisible());
}

void TestAddServerWizard::seedFlowCreatesAwsServer()
{
    // Steps 1–2: SCIM Servers → Add Server.
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    QCOMPARE(wizard->currentId(), int(AddServerWizard::ConnectionPage));
    QCOMPARE(wizard->button(QWizard::FinishButton)->text(), QStringLiteral("Create"));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());

    // Step 3: Connection Settings.
    fillConnection(wizard, QStringLiteral("AWS SCIM Server"), awsUrl);
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    GuiTest::screenshot(wizard, QStringLiteral("wizard-1-connection-before-type"));

    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    auto* typeCombo = child<QComboBox>(wizard, QStringLiteral("serverTypeCombo"));
    QVERIFY(GuiTest::chooseInCombo(typeCombo, QStringLiteral("AWS IAM Identity Center")));
    QCOMPARE(ConfirmationDialogs::pendingAnswers(), 0);
    const auto notice = ConfirmationDialogs::lastShown();
    QCOMPARE(notice.objectName, QStringLiteral("serverTypeNotice"));
    QVERIFY2(notice.text.contains(QStringLiteral("autocomplete and overwrite the authentication settings, SCIM "
                                                 "attributes and static attributes")),
        qPrintable(notice.text));
    // The notice's details list what changes: every SCIM attribute the preset brings.
    const auto preset = m_profile->workspace->serverTypes().find(awsType);
    QVERIFY(preset);
    QVERIFY(notice.fullDetails.size() >= preset->userMappings.size());
    for (const auto& mapping : preset->userMappings) {
        const bool listed
            = std::any_of(notice.fullDetails.cbegin(), notice.fullDetails.cend(), [&](const QString& line) {
                  return line.startsWith(QStringLiteral("SCIM attribute added")) && line.contains(mapping.target);
              });
        QVERIFY2(listed, qPrintable(mapping.target));
    }
    QCOMPARE(typeCombo->currentData().toString(), awsType);
    auto* urlHint = child<QLabel>(wizard, QStringLiteral("serverUrlHint"));
    QVERIFY(urlHint->isVisible());
    QVERIFY(urlHint->text().contains(QStringLiteral("scim.<region>")));
    GuiTest::screenshot(wizard, QStringLiteral("wizard-1-connection"));

    // Step 4: Authentication Settings — Access Token, then the token.
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(AddServerWizard::AuthenticationPage));
    QCOMPARE(
        child<QComboBox>(wizard, QStringLiteral("authSchemeCombo"))->currentText(), QStringLiteral("Access Token"));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled()); // no token yet
    auto* tokenEdit = child<SecretLineEdit>(wizard, QStringLiteral("accessTokenEdit"));
    QCOMPARE(tokenEdit->echoMode(), QLineEdit::Password);
    GuiTest::typeInto(tokenEdit, token);
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    GuiTest::screenshot(wizard, QStringLiteral("wizard-2-authentication"));

    // The preset filled SCIM and static attributes.
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(AddServerWizard::ScimAttributesPageId));
    auto* mappings = static_cast<ScimAttributesPage*>(wizard->currentPage())->editor()->model();
    QCOMPARE(mappings->mappings(), preset->userMappings);
    QCOMPARE(child<QTableView>(wizard, QStringLiteral("scimAttributesTable"))->model()->rowCount(),
        int(preset->userMappings.size()));
    GuiTest::screenshot(wizard, QStringLiteral("wizard-3-scim-attributes"));
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(AddServerWizard::StaticAttributesPageId));
    QCOMPARE(static_cast<StaticAttributesPage*>(wizard->currentPage())->editor()->model()->attributes(),
        preset->staticAttributes);
    GuiTest::screenshot(wizard, QStringLiteral("wizard-4-static-attributes"));

    // Provisioning: users who leave the scope are deleted on this server.
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(AddServerWizard::ProvisioningPageId));
    GuiTest::chooseInCombo(child<QComboBox>(wizard, QStringLiteral("deprovisionCombo")), QStringLiteral("Delete"));
    GuiTest::screenshot(wizard, QStringLiteral("wizard-5-provisioning"));

    // Review: everything, the token only masked.
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(AddServerWizard::ReviewPageId));
    const QString summary = static_cast<ReviewPage*>(wizard->currentPage())->summaryText();
    QVERIFY(summary.contains(QStringLiteral("Users who leave the scope")));
    QVERIFY(summary.contains(QStringLiteral("Deleted")));
    QVERIFY(summary.contains(QStringLiteral("AWS SCIM Server")));
    QVERIFY(summary.contains(QStringLiteral("AWS IAM Identity Center")));
    QVERIFY(summary.contains(QStringLiteral("\u2022\u2022\u2022\u2022 (stored in the system keychain)")));
    QVERIFY(!summary.contains(token));
    GuiTest::screenshot(wizard, QStringLiteral("wizard-6-review"));

    // Step 5: Create.
    QSignalSpy accepted(wizard, &QDialog::accepted);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QVERIFY(accepted.count() == 1 || accepted.wait(5000));

    const auto servers = m_profile->workspace->servers()->repository().list();
    QCOMPARE(servers.size(), 1);
    const ScimServer& server = servers.first();
    QCOMPARE(server.name, QStringLiteral("AWS SCIM Server"));
    QCOMPARE(server.url, awsUrl);
    QCOMPARE(server.serverTypeId, awsType);
    QCOMPARE(server.auth.scheme, AuthScheme::AccessToken);
    QCOMPARE(server.userMappings, preset->userMappings);
    QCOMPARE(server.options.deprovisionAction, DeprovisionAction::Delete);
    QCOMPARE(m_profile->secrets->peek(SecretKey {server.id, SecretPurpose::AccessToken}), std::optional(token));
    QVERIFY(!m_profile->profileFilesContain(token));

    auto* table = child<QTableView>(m_page.get(), QStringLiteral("serversTable"));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("AWS SCIM Server"));
    QCOMPARE(m_page->selectedServerId(), server.id);
    GuiTest::screenshot(m_page.get(), QStringLiteral("servers-page"));
}

void TestAddServerWizard::cancelOnNoticeRestoresPreviousType()
{
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    fillConnection(wizard, QStringLiteral("AWS SCIM Server"), awsUrl);
    chooseAwsType(wizard);
    const ScimServer before = wizard->draft()->server();

    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Reject);
    auto* typeCombo = child<QComboBox>(wizard, QStringLiteral("serverTypeCombo"));
    GuiTest::chooseInCombo(typeCombo, QStringLiteral("GitHub Enterprise Managed Users"));
    QCOMPARE(ConfirmationDialogs::pendingAnswers(), 0);
    QCOMPARE(ConfirmationDialogs::lastShown().objectName, QStringLiteral("serverTypeNotice"));

    QCOMPARE(typeCombo->currentData().toString(), awsType);
    const ScimServer after = wizard->draft()->server();
    QCOMPARE(after.serverTypeId, before.serverTypeId);
    QCOMPARE(after.auth, before.auth);
    QCOMPARE(after.userMappings, before.userMappings);
    QCOMPARE(after.staticAttributes, before.staticAttributes);

    // The other pages show what they showed before.
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(
        child<QComboBox>(wizard, QStringLiteral("authSchemeCombo"))->currentText(), QStringLiteral("Access Token"));
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("accessTokenEdit")), token);
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(
        static_cast<ScimAttributesPage*>(wizard->currentPage())->editor()->model()->mappings(), before.userMappings);
    discard(wizard);
}

void TestAddServerWizard::choosingTheSameTypeAsksNothing()
{
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    fillConnection(wizard, QStringLiteral("AWS SCIM Server"), awsUrl);
    chooseAwsType(wizard);
    ConfirmationDialogs::reset();
    QVERIFY(GuiTest::chooseInCombo(
        child<QComboBox>(wizard, QStringLiteral("serverTypeCombo")), QStringLiteral("AWS IAM Identity Center")));
    QVERIFY(ConfirmationDialogs::lastShown().objectName.isEmpty());
    discard(wizard);
}

void TestAddServerWizard::duplicateNameBlocksNext()
{
    QVERIFY(m_profile->createServer(GuiTest::awsServer(QStringLiteral("Production AWS")), token) > 0);
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    fillConnection(wizard, QStringLiteral("production aws"), awsUrl);
    auto* error = child<QLabel>(wizard, QStringLiteral("serverNameError"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("already exists")), qPrintable(error->text()));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    GuiTest::screenshot(wizard, QStringLiteral("wizard-duplicate-name"));

    QTest::keyClicks(child<QLineEdit>(wizard, QStringLiteral("serverNameEdit")), QStringLiteral(" 2"));
    QVERIFY(!error->isVisible());
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    discard(wizard);
}

void TestAddServerWizard::invalidUrlBlocksNext_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("plain http to a remote host")
        << QStringLiteral("http://scim.example.com/scim/v2") << false << QStringLiteral("https");
    QTest::newRow("not a url") << QStringLiteral("scim endpoint") << false << QStringLiteral("URL");
    QTest::newRow("ftp") << QStringLiteral("ftp://scim.example.com/") << false << QStringLiteral("https://");
    QTest::newRow("password in the url") << QStringLiteral("http://admin:pw@127.0.0.1/scim/v2") << false
                                         << QStringLiteral("Authentication settings");
    QTest::newRow("user name in the url")
        << QStringLiteral("https://admin@scim.example.com/scim/v2") << false << QStringLiteral("user name");
    QTest::newRow("http on loopback") << QStringLiteral("http://127.0.0.1:8080/scim/v2") << true << QString();
    QTest::newRow("http on localhost") << QStringLiteral("http://localhost:8080/scim/v2/") << true << QString();
    QTest::newRow("aws https") << awsUrl << true << QString();
}

void TestAddServerWizard::invalidUrlBlocksNext()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    QFETCH(QString, messagePart);
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    fillConnection(wizard, QStringLiteral("Some server"), url);
    auto* error = child<QLabel>(wizard, QStringLiteral("serverUrlError"));
    QCOMPARE(wizard->button(QWizard::NextButton)->isEnabled(), valid);
    if (!valid) {
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(messagePart), qPrintable(error->text()));
    }
    discard(wizard);
}

void TestAddServerWizard::credentialUrlShowsTheMessageEverySavePathGives()
{
    const QString url = QStringLiteral("http://admin:pw@127.0.0.1/scim/v2");
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    fillConnection(wizard, QStringLiteral("Local"), url);
    auto* error = child<QLabel>(wizard, QStringLiteral("serverUrlError"));
    QVERIFY(error->isVisible());
    // Core's message, word for word: the one the CLI prints and the repository refuses with.
    QCOMPARE(error->text(), ServerSettingsValidator::urlError(url));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    const auto refused = m_profile->workspace->servers()->validate(wizard->findChild<ServerDraft*>()->server());
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().field, QStringLiteral("url"));
    QCOMPARE(refused.error().message, error->text());
    GuiTest::screenshot(wizard, QStringLiteral("wizard-credential-url"));
    discard(wizard);
}

void TestAddServerWizard::keychainFailureKeepsWizardOpenAndCreatesNothing()
{
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    fillConnection(wizard, QStringLiteral("AWS SCIM Server"), awsUrl);
    chooseAwsType(wizard);
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("accessTokenEdit")), token);
    while (wizard->currentId() != AddServerWizard::ReviewPageId) {
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    }

    m_profile->secrets->failNextWrite(SecretError(SecretError::Kind::AccessDenied,
        QStringLiteral("The collection \"login\" is locked."), QStringLiteral("Unlock the keyring and try again.")));
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_COMPARE(ConfirmationDialogs::lastShown().objectName, QStringLiteral("createServerError"));
    const auto shown = ConfirmationDialogs::lastShown();
    QVERIFY2(shown.text.contains(QStringLiteral("is locked")), qPrintable(shown.text));
    QCOMPARE(shown.details, QStringList {QStringLiteral("Unlock the keyring and try again.")});

    QVERIFY(wizard->isVisible());
    QCOMPARE(wizard->currentId(), int(AddServerWizard::ReviewPageId));
    QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
    QVERIFY(m_profile->workspace->servers()->repository().list().isEmpty());
    QCOMPARE(m_profile->secrets->count(), 0);
    QCOMPARE(wizard->draft()->server().name, QStringLiteral("AWS SCIM Server"));
    QCOMPARE(wizard->draft()->secret(), token);

    // Once the keychain works, the same wizard creates the server.
    QSignalSpy accepted(wizard, &QDialog::accepted);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QVERIFY(accepted.count() == 1 || accepted.wait(5000));
    QCOMPARE(m_profile->workspace->servers()->repository().list().size(), 1);
}

void TestAddServerWizard::pastedTokenIsTrimmed()
{
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    fillConnection(wizard, QStringLiteral("AWS SCIM Server"), awsUrl);
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    auto* tokenEdit = child<SecretLineEdit>(wizard, QStringLiteral("accessTokenEdit"));
    QApplication::clipboard()->setText(QStringLiteral("  ") + token + QStringLiteral("\n"));
    tokenEdit->setFocus();
    QTest::keyClick(tokenEdit, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(tokenEdit->text(), token);
    QCOMPARE(wizard->draft()->secret(), token);

    // Show/hide toggle.
    tokenEdit->revealAction()->trigger();
    QCOMPARE(tokenEdit->echoMode(), QLineEdit::Normal);
    tokenEdit->revealAction()->trigger();
    QCOMPARE(tokenEdit->echoMode(), QLineEdit::Password);
    discard(wizard);
}

void TestAddServerWizard::mappingTableFlagsEmptyAndDuplicateTargets()
{
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    fillConnection(wizard, QStringLiteral("AWS SCIM Server"), awsUrl);
    chooseAwsType(wizard);
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("accessTokenEdit")), token);
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(AddServerWizard::ScimAttributesPageId));
    auto* next = wizard->button(QWizard::NextButton);
    QVERIFY(next->isEnabled());

    auto* table = child<QTableView>(wizard, QStringLiteral("scimAttributesTable"));
    const int rows = table->model()->rowCount();
    QTest::mouseClick(child<QAbstractButton>(wizard, QStringLiteral("addScimAttributesButton")), Qt::LeftButton);
    QCOMPARE(table->model()->rowCount(), rows + 1);
    auto* errors = child<QLabel>(wizard, QStringLiteral("scimAttributesErrors"));
    QVERIFY(errors->isVisible());
    QVERIFY2(errors->text().contains(QStringLiteral("enter the SCIM attribute")), qPrintable(errors->text()));
    QVERIFY(!next->isEnabled());

    // The new row is in edit mode on the source column: type the source, then edit the SCIM attribute.
    // The cell editor lives on the viewport (the offscreen window is never "active", so
    // QApplication::focusWidget() cannot be used).
    QWidget* editor = table->viewport()->findChild<QLineEdit*>();
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("mail"));
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits on Return through a queued call.
    QTRY_COMPARE(table->model()->index(rows, AttributeMappingTableModel::SourceColumn).data().toString(),
        QStringLiteral("mail"));
    table->setCurrentIndex(table->model()->index(rows, AttributeMappingTableModel::TargetColumn));
    QTest::keyClick(table, Qt::Key_F2);
    editor = table->viewport()->findChild<QLineEdit*>();
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("userName"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(table->model()->index(rows, AttributeMappingTableModel::TargetColumn).data().toString(),
        QStringLiteral("userName"));
    QVERIFY2(errors->text().contains(QStringLiteral("already mapped")), qPrintable(errors->text()));
    QVERIFY(!next->isEnabled());
    GuiTest::screenshot(wizard, QStringLiteral("wizard-3-scim-attributes-invalid"));

    // Removing the duplicate row makes the page complete again.
    table->setCurrentIndex(table->model()->index(rows, 0));
    QTest::mouseClick(child<QAbstractButton>(wizard, QStringLiteral("removeScimAttributesButton")), Qt::LeftButton);
    QCOMPARE(table->model()->rowCount(), rows);
    QVERIFY(!errors->isVisible());
    QVERIFY(next->isEnabled());
    discard(wizard);
}

void TestAddServerWizard::duplicateServerPrefillsWithoutToken()
{
    ScimServer original = GuiTest::awsServer();
    original.description = QStringLiteral("Production tenant");
    const auto preset = m_profile->workspace->serverTypes().find(awsType);
    original.userMappings = preset->userMappings;
    const qint64 id = m_profile->createServer(original, token);
    QVERIFY(id > 0);
    m_page->selectServer(id);
    m_page->findChild<QAction*>(QStringLiteral("duplicateServerAction"))->trigger();
    auto* wizard = m_page->findChild<AddServerWizard*>();
    QVERIFY(wizard);
    QCOMPARE(
        child<QLineEdit>(wizard, QStringLiteral("serverNameEdit"))->text(), QStringLiteral("Copy of AWS SCIM Server"));
    QCOMPARE(child<QLineEdit>(wizard, QStringLiteral("serverUrlEdit"))->text(), original.url);
    QCOMPARE(child<QComboBox>(wizard, QStringLiteral("serverTypeCombo"))->currentData().toString(), awsType);
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QVERIFY(child<QLineEdit>(wizard, QStringLiteral("accessTokenEdit"))->text().isEmpty());
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    discard(wizard);
}

void TestAddServerWizard::pastedProductUrlSuggestsItsType()
{
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    auto* suggest = child<QAbstractButton>(wizard, QStringLiteral("suggestTypeButton"));
    fillConnection(wizard, QStringLiteral("Corp SCIM"), QStringLiteral("https://scim.example.com/scim/v2/"));
    QVERIFY(!suggest->isVisible()); // a generic address suggests nothing

    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("serverUrlEdit")), awsUrl);
    QVERIFY(suggest->isVisible());
    QVERIFY2(suggest->text().contains(QStringLiteral("AWS IAM Identity Center")), qPrintable(suggest->text()));
    GuiTest::screenshot(wizard, QStringLiteral("wizard-type-suggestion"));

    // Declining the notice keeps the server as it was, and the suggestion stays.
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Reject);
    QTest::mouseClick(suggest, Qt::LeftButton);
    QCOMPARE(ConfirmationDialogs::lastShown().objectName, QStringLiteral("serverTypeNotice"));
    QVERIFY(wizard->draft()->server().serverTypeId.isEmpty());
    QVERIFY(child<QComboBox>(wizard, QStringLiteral("serverTypeCombo"))->currentData().toString().isEmpty());
    QVERIFY(suggest->isVisible());

    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    QTest::mouseClick(suggest, Qt::LeftButton);
    QCOMPARE(wizard->draft()->server().serverTypeId, awsType);
    QCOMPARE(child<QComboBox>(wizard, QStringLiteral("serverTypeCombo"))->currentData().toString(), awsType);
    QVERIFY(!wizard->draft()->server().userMappings.isEmpty());
    QVERIFY(!suggest->isVisible());
    discard(wizard);
}

void TestAddServerWizard::seedFlowCreatesFromAuthenticationSettings()
{
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    auto* create = wizard->button(QWizard::FinishButton);
    QVERIFY(!create->isVisible() || !create->isEnabled());
    fillConnection(wizard, QStringLiteral("AWS SCIM Server"), awsUrl);
    chooseAwsType(wizard);
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(AddServerWizard::AuthenticationPage));
    QVERIFY(create->isVisible());
    QVERIFY(!create->isEnabled()); // no token yet
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("accessTokenEdit")), token);
    QVERIFY(create->isEnabled());
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled()); // the later pages stay reachable
    GuiTest::screenshot(wizard, QStringLiteral("wizard-2-authentication-create"));

    QSignalSpy accepted(wizard, &QDialog::accepted);
    QTest::mouseClick(create, Qt::LeftButton);
    QVERIFY(accepted.count() == 1 || accepted.wait(5000));
    const auto servers = m_profile->workspace->servers()->repository().list();
    QCOMPARE(servers.size(), 1);
    QCOMPARE(servers.first().userMappings, m_profile->workspace->serverTypes().find(awsType)->userMappings);
    QCOMPARE(
        m_profile->secrets->peek(SecretKey {servers.first().id, SecretPurpose::AccessToken}), std::optional(token));
}

void TestAddServerWizard::noticeSummarisesWithDetailsBehindAButton()
{
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    fillConnection(wizard, QStringLiteral("AWS SCIM Server"), awsUrl);
    chooseAwsType(wizard);
    const auto notice = ConfirmationDialogs::lastShown();
    const auto preset = m_profile->workspace->serverTypes().find(awsType);
    // A few lines in an admin's words, one per section that changes.
    QVERIFY2(notice.details.size() <= 5, qPrintable(notice.details.join(QLatin1Char('\n'))));
    const QString summary = notice.details.join(QLatin1Char('\n'));
    QVERIFY2(summary.contains(QStringLiteral("SCIM attributes: %1 SCIM attributes").arg(preset->userMappings.size())),
        qPrintable(summary));
    QVERIFY(summary.contains(QStringLiteral("How the server behaves:")));
    QVERIFY(summary.contains(QStringLiteral("page by page with a cursor")));
    for (const char* rawKey : {"groupPutSupported", "pagingMode", "precedence", "Capability"})
        QVERIFY2(!summary.contains(QLatin1String(rawKey)), rawKey);
    // The full list is still there, behind Show Details, with the wizard's word for matching order.
    QVERIFY(notice.fullDetails.size() > notice.details.size());
    const QString full = notice.fullDetails.join(QLatin1Char('\n'));
    QVERIFY(full.contains(QStringLiteral("(matching, order 1)")));
    QVERIFY(!full.contains(QStringLiteral("precedence")));
    discard(wizard);
}

void TestAddServerWizard::arrowKeyOpensTheListInsteadOfAsking()
{
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    fillConnection(wizard, QStringLiteral("AWS SCIM Server"), awsUrl);
    auto* combo = child<QComboBox>(wizard, QStringLiteral("serverTypeCombo"));
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QVERIFY(ConfirmationDialogs::lastShown().objectName.isEmpty()); // nothing asked, nothing applied
    QVERIFY(wizard->draft()->server().serverTypeId.isEmpty());
    QTRY_VERIFY(combo->view()->isVisible());
    combo->hidePopup();
    discard(wizard);
}

void TestAddServerWizard::creatingWithoutScimAttributesAsksFirst()
{
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    fillConnection(wizard, QStringLiteral("Bare server"), QStringLiteral("https://scim.example.com/scim/v2/"));
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    GuiTest::typeInto(child<QLineEdit>(wizard, QStringLiteral("accessTokenEdit")), token);
    auto* create = wizard->button(QWizard::FinishButton);
    QVERIFY(create->isEnabled());

    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Reject);
    QTest::mouseClick(create, Qt::LeftButton);
    QCOMPARE(ConfirmationDialogs::lastShown().objectName, QStringLiteral("noMappingsWarning"));
    QVERIFY(wizard->isVisible());
    QVERIFY(m_profile->workspace->servers()->repository().list().isEmpty());

    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    QSignalSpy accepted(wizard, &QDialog::accepted);
    QTest::mouseClick(create, Qt::LeftButton);
    QVERIFY(accepted.count() == 1 || accepted.wait(5000));
    QCOMPARE(m_profile->workspace->servers()->repository().list().size(), 1);
}

void TestAddServerWizard::cancelAsksBeforeDiscardingInput()
{
    // Nothing typed: Cancel closes at once.
    QPointer<AddServerWizard> empty = openWizardFromPage();
    QVERIFY(empty);
    empty->reject();
    QVERIFY(ConfirmationDialogs::lastShown().objectName.isEmpty());
    QVERIFY(!empty || !empty->isVisible());
    QTRY_VERIFY(!empty); // closed wizards are deleted

    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    fillConnection(wizard, QStringLiteral("AWS SCIM Server"), awsUrl);
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Reject);
    QTest::mouseClick(wizard->button(QWizard::CancelButton), Qt::LeftButton);
    QCOMPARE(ConfirmationDialogs::lastShown().objectName, QStringLiteral("discardServerQuestion"));
    QVERIFY2(ConfirmationDialogs::lastShown().text.contains(QStringLiteral("AWS SCIM Server")),
        qPrintable(ConfirmationDialogs::lastShown().text));
    QVERIFY(wizard->isVisible());
    QCOMPARE(child<QLineEdit>(wizard, QStringLiteral("serverNameEdit"))->text(), QStringLiteral("AWS SCIM Server"));
    discard(wizard);
}

void TestAddServerWizard::connectionPageMnemonicsAreUnique()
{
    AddServerWizard* wizard = openWizardFromPage();
    QVERIFY(wizard);
    QStringList texts;
    for (const auto* label : wizard->currentPage()->findChildren<QLabel*>()) {
        if (label->buddy())
            texts.append(label->text());
    }
    for (auto which : {QWizard::BackButton, QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton})
        texts.append(wizard->buttonText(which));
    QSet<QChar> keys;
    for (const QString& text : texts) {
        const int at = text.indexOf(QLatin1Char('&'));
        if (at < 0 || at + 1 >= text.size())
            continue;
        const QChar key = text.at(at + 1).toLower();
        QVERIFY2(!keys.contains(key), qPrintable(QStringLiteral("Alt+%1 is bound twice (%2)").arg(key).arg(text)));
        keys.insert(key);
    }
    QVERIFY(keys.size() >= 5);
    wizard->reject();
}

QTEST_MAIN(TestAddServerWizard)
#include "tst_addserverwizard.moc"
