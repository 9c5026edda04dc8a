#include "GuiTestSupport.h"

#include "directory/DirectoryRepository.h"
#include "servers/ServerEditDialog.h"
#include "wizard/AttributeMappingTableModel.h"
#include "wizard/MappingPreviewDialog.h"
#include "wizard/ScimAttributesEditor.h"
#include "workspace/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

namespace {
const QString enterpriseUrn = QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
}

// "Preview for user…" on the SCIM Attributes tab of Edit Server: the exact JSON the sync
// would send for a directory user, with the draft's unsaved mappings and the violations.
class TestMappingPreview : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsAwsShapedJsonForDirectoryUser();
    void reportsViolationForUserWithoutFamilyName();
    void updatePurposeUsesUnsavedOnCreateMapping();
    void badExpressionListedWithPosition();

private:
    MappingPreviewDialog* openPreview();
    // Searches the picker as a person would and clicks the only match.
    bool pickUser(MappingPreviewDialog* dialog, const QString& search);
    QJsonObject shownJson(MappingPreviewDialog* dialog) const;

    std::unique_ptr<GuiTestProfile> m_profile;
    std::unique_ptr<ServerEditDialog> m_editDialog;
    DirectoryUser m_alice;
};

void TestMappingPreview::init()
{
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
    ScimServer server = GuiTest::awsServer();
    const auto preset = m_profile->workspace->serverTypes().find(server.serverTypeId);
    QVERIFY(preset);
    server.userMappings = preset->userMappings;
    server.staticAttributes = preset->staticAttributes;
    server.capabilities = preset->capabilities;
    server.id = m_profile->createServer(server, QStringLiteral("token-for-preview"));
    QVERIFY(server.id > 0);

    DirectoryRepository directory(m_profile->workspace->database());
    m_alice.userName = QStringLiteral("alice@example.com");
    m_alice.email = QStringLiteral("alice@example.com");
    m_alice.givenName = QStringLiteral("Alice");
    m_alice.familyName = QStringLiteral("Liddell");
    m_alice.displayName = QStringLiteral("Alice Liddell");
    m_alice.title = QStringLiteral("Engineer");
    m_alice.department = QStringLiteral("Engineering");
    m_alice.employeeNumber = QStringLiteral("E-1001");
    const auto aliceId = directory.createUser(m_alice);
    QVERIFY(aliceId);
    m_alice = *directory.findUser(aliceId.value());
    QVERIFY(!m_alice.objectId.isEmpty());

    DirectoryUser bob;
    bob.userName = QStringLiteral("bob@example.com");
    bob.givenName = QStringLiteral("Bob");
    QVERIFY(directory.createUser(bob));
    for (int i = 0; i < 30; ++i) {
        DirectoryUser filler;
        filler.userName = QStringLiteral("filler%1@example.com").arg(i, 2, 10, QLatin1Char('0'));
        filler.givenName = QStringLiteral("Filler");
        filler.familyName = QString::number(i);
        QVERIFY(directory.createUser(filler));
    }

    m_editDialog = std::make_unique<ServerEditDialog>(m_profile->workspace, server);
    m_editDialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editDialog.get()));
}

void TestMappingPreview::cleanup()
{
    m_editDialog.reset();
    m_profile.reset();
}

MappingPreviewDialog* TestMappingPreview::openPreview()
{
    auto* editor = m_editDialog->findChild<ScimAttributesEditor*>();
    if (!editor) {
        return nullptr;
    }
    QTabWidget* tabs = m_editDialog->tabs();
    for (int tab = 0; tab < tabs->count(); ++tab) {
        if (tabs->widget(tab) == editor || tabs->widget(tab)->isAncestorOf(editor)) {
            tabs->setCurrentIndex(tab);
        }
    }
    auto* button = editor->findChild<QPushButton*>(QStringLiteral("previewForUserButton"));
    if (!button) {
        return nullptr;
    }
    QTest::mouseClick(button, Qt::LeftButton);
    auto* dialog = editor->findChild<MappingPreviewDialog*>(QStringLiteral("mappingPreviewDialog"));
    if (dialog && !QTest::qWaitForWindowExposed(dialog)) {
        return nullptr;
    }
    return dialog;
}

bool TestMappingPreview::pickUser(MappingPreviewDialog* dialog, const QString& search)
{
    auto* searchEdit = dialog->findChild<QLineEdit*>(QStringLiteral("previewUserSearch"));
    auto* list = dialog->findChild<QListView*>(QStringLiteral("previewUserList"));
    if (!searchEdit || !list) {
        return false;
    }
    GuiTest::typeInto(searchEdit, search);
    // The search is debounced; the list settles on the one match.
    if (!QTest::qWaitFor([list]() { return list->model()->rowCount() == 1; }, 5000)) {
        return false;
    }
    QSignalSpy updated(dialog, &MappingPreviewDialog::previewUpdated);
    const QModelIndex index = list->model()->index(0, 0);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(index).center());
    return !updated.isEmpty() || updated.wait(5000);
}

QJsonObject TestMappingPreview::shownJson(MappingPreviewDialog* dialog) const
{
    auto* view = dialog->findChild<QPlainTextEdit*>(QStringLiteral("previewJson"));
    return view ? QJsonDocument::fromJson(view->toPlainText().toUtf8()).object() : QJsonObject();
}

void TestMappingPreview::showsAwsShapedJsonForDirectoryUser()
{
    auto* dialog = openPreview();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLabel*>(QStringLiteral("previewUserCount"))->text(), QStringLiteral("Found: 32"));
    QVERIFY(pickUser(dialog, QStringLiteral("alice")));
    GuiTest::screenshot(dialog, QStringLiteral("mapping-preview-alice"));

    const QJsonObject json = shownJson(dialog);
    QCOMPARE(json.value(QStringLiteral("externalId")).toString(), m_alice.objectId);
    QCOMPARE(json.value(QStringLiteral("userName")).toString(), m_alice.userName);
    QCOMPARE(json.value(QStringLiteral("displayName")).toString(), QStringLiteral("Alice Liddell"));
    QCOMPARE(json.value(QStringLiteral("name")).toObject().value(QStringLiteral("familyName")).toString(),
        QStringLiteral("Liddell"));
    const QJsonArray emails = json.value(QStringLiteral("emails")).toArray();
    QCOMPARE(emails.size(), 1);
    QCOMPARE(emails.at(0).toObject().value(QStringLiteral("value")).toString(), m_alice.email);
    QCOMPARE(emails.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("work"));
    QCOMPARE(emails.at(0).toObject().value(QStringLiteral("primary")), QJsonValue(true));
    QCOMPARE(json.value(QStringLiteral("active")), QJsonValue(true));
    const QJsonObject enterprise = json.value(enterpriseUrn).toObject();
    QCOMPARE(enterprise.value(QStringLiteral("department")).toString(), QStringLiteral("Engineering"));
    QCOMPARE(enterprise.value(QStringLiteral("employeeNumber")).toString(), QStringLiteral("E-1001"));
    const QJsonArray schemas = json.value(QStringLiteral("schemas")).toArray();
    QVERIFY(schemas.contains(QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")));
    QVERIFY(schemas.contains(enterpriseUrn));
    QVERIFY(!json.contains(QStringLiteral("phoneNumbers"))); // empty values are left out
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("previewViolations"))->isHidden());
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("previewConfigurationErrors"))->isHidden());
}

void TestMappingPreview::reportsViolationForUserWithoutFamilyName()
{
    auto* dialog = openPreview();
    QVERIFY(dialog);
    QVERIFY(pickUser(dialog, QStringLiteral("bob@")));
    GuiTest::screenshot(dialog, QStringLiteral("mapping-preview-violation"));
    auto* violations = dialog->findChild<QLabel*>(QStringLiteral("previewViolations"));
    QVERIFY(violations->isVisible());
    QVERIFY2(violations->text().contains(QStringLiteral("name.familyName")), qPrintable(violations->text()));
    // The shown body is still the one that would be sent, without the missing attribute.
    const QJsonObject json = shownJson(dialog);
    QCOMPARE(json.value(QStringLiteral("userName")).toString(), QStringLiteral("bob@example.com"));
    QVERIFY(!json.value(QStringLiteral("name")).toObject().contains(QStringLiteral("familyName")));
}

void TestMappingPreview::updatePurposeUsesUnsavedOnCreateMapping()
{
    auto* editor = m_editDialog->findChild<ScimAttributesEditor*>();
    QVERIFY(editor);
    AttributeMappingTableModel* model = editor->model();
    int titleRow = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, AttributeMappingTableModel::TargetColumn).data().toString() == QLatin1String("title")) {
            titleRow = row;
        }
    }
    QVERIFY(titleRow >= 0);
    // Not saved: the preview must use the table as it is now.
    QVERIFY(model->setData(model->index(titleRow, AttributeMappingTableModel::ApplyColumn),
        AttributeMappingTableModel::applyWhenText(ApplyWhen::OnCreate)));

    auto* dialog = openPreview();
    QVERIFY(dialog);
    QVERIFY(pickUser(dialog, QStringLiteral("alice")));
    QCOMPARE(shownJson(dialog).value(QStringLiteral("title")).toString(), QStringLiteral("Engineer"));

    QSignalSpy updated(dialog, &MappingPreviewDialog::previewUpdated);
    QTest::mouseClick(dialog->findChild<QRadioButton*>(QStringLiteral("previewUpdateRadio")), Qt::LeftButton);
    QVERIFY(!updated.isEmpty());
    QCOMPARE(dialog->purpose(), MapPurpose::Update);
    const QJsonObject update = shownJson(dialog);
    QVERIFY(!update.contains(QStringLiteral("title")));
    QCOMPARE(update.value(QStringLiteral("externalId")).toString(), m_alice.objectId);
}

void TestMappingPreview::badExpressionListedWithPosition()
{
    auto* editor = m_editDialog->findChild<ScimAttributesEditor*>();
    QVERIFY(editor);
    AttributeMappingTableModel* model = editor->model();
    QVERIFY(editor->isValid());
    QVERIFY(model->setData(
        model->index(2, AttributeMappingTableModel::SourceColumn), QStringLiteral("Join(\" \", givenName")));
    QVERIFY(!editor->isValid());
    m_editDialog->tabs()->setCurrentIndex(2);
    auto* errors = editor->findChild<QLabel*>(QStringLiteral("scimAttributesErrors"));
    QVERIFY(errors);
    QVERIFY(!errors->isHidden());
    QVERIFY2(errors->text().startsWith(QStringLiteral("Mapping 3")), qPrintable(errors->text()));
    GuiTest::screenshot(m_editDialog.get(), QStringLiteral("scim-attributes-bad-expression"));

    // The preview says which mapping is left out, and still previews the rest.
    auto* dialog = openPreview();
    QVERIFY(dialog);
    auto* configurationErrors = dialog->findChild<QLabel*>(QStringLiteral("previewConfigurationErrors"));
    QVERIFY(configurationErrors->isVisible());
    QVERIFY(configurationErrors->text().contains(QStringLiteral("Mapping 3")));
    QVERIFY(pickUser(dialog, QStringLiteral("alice")));
    QCOMPARE(shownJson(dialog).value(QStringLiteral("userName")).toString(), m_alice.userName);
}

QTEST_MAIN(TestMappingPreview)
#include "tst_mappingpreview.moc"
