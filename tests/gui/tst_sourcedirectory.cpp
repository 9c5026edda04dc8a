#include "GuiTestSupport.h"
#include "SourceGuiSupport.h"

#include "MainWindow.h"
#include "applications/ApplicationEditDialog.h"
#include "applications/AssignmentEditor.h"
#include "applications/ScopeCounter.h"
#include "directory/DirectoryGroupModel.h"
#include "directory/DirectoryPage.h"
#include "directory/DirectoryUserModel.h"
#include "storage/ApplicationRepository.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/DirectoryPickerModel.h"
#include "workspace/Workspace.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

namespace {
using SourceGuiTest::child;

bool actionEnabled(QWidget* page, const QString& name)
{
    auto* action = page->findChild<QAction*>(name);
    return action && action->isEnabled();
}
} // namespace

// A directory source's users and groups in the GUI, against the shared slapd fixture: the
// Directory page shows them read-only (searchable, with DN and anchor), and Application Manager
// picks the source and a group from it.
class TestSourceDirectory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void directoryPageShowsTheSourceReadOnly();
    void directoryPageReadsANeverReadSource();
    void applicationManagerPicksTheSourceAndAGroup();
    void changingTheSourceAsksAndClearsTheAssignment();
    void sourcesPageLeadsToItsUsersAndGroups();

private:
    void search(DirectoryPage& page, const QString& text);

    std::unique_ptr<GuiTestProfile> m_profile;
    qint64 m_sourceId = 0;
};

void TestSourceDirectory::initTestCase()
{
    QVERIFY2(SourceGuiTest::slapd().isValid(), qPrintable(SourceGuiTest::slapd().error()));
}

void TestSourceDirectory::init()
{
    ConfirmationDialogs::reset();
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
    m_sourceId = SourceGuiTest::createSource(
        *m_profile, SourceGuiTest::slapdSource(), QString::fromUtf8(SourceGuiTest::slapd().readerPassword()));
    QVERIFY(m_sourceId > 0);
}

void TestSourceDirectory::cleanup()
{
    m_profile.reset();
    QCOMPARE(ConfirmationDialogs::pendingAnswers(), 0);
    ConfirmationDialogs::reset();
}

void TestSourceDirectory::search(DirectoryPage& page, const QString& text)
{
    QSignalSpy applied(&page, &DirectoryPage::searchApplied);
    GuiTest::typeInto(child<QLineEdit>(&page, QStringLiteral("searchEdit")), text);
    QVERIFY(applied.wait(5000));
}

void TestSourceDirectory::directoryPageShowsTheSourceReadOnly()
{
    QVERIFY(SourceGuiTest::readNow(*m_profile, m_sourceId));
    DirectoryPage page(m_profile->workspace);
    page.resize(1100, 650);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(actionEnabled(&page, QStringLiteral("addUserAction")));
    auto* users = child<QTableView>(&page, QStringLiteral("usersTable"));
    QVERIFY(users->isColumnHidden(DirectoryUserModel::DnColumn));

    auto* combo = child<QComboBox>(&page, QStringLiteral("directorySourceCombo"));
    QCOMPARE(combo->itemText(0), QStringLiteral("Embedded directory"));
    QVERIFY(GuiTest::chooseInCombo(combo, QStringLiteral("Corporate LDAP")));
    QCOMPARE(page.currentSourceId(), m_sourceId);
    QCOMPARE(page.userModel()->rowCount(), 1630);
    QCOMPARE(page.groupModel()->rowCount(), 11);
    QVERIFY(!users->isColumnHidden(DirectoryUserModel::DnColumn));
    QVERIFY(!users->isColumnHidden(DirectoryUserModel::AnchorColumn));
    // A live source is changed in the directory itself, never here.
    for (const char* name :
        {"addUserAction", "addGroupAction", "importCsvAction", "editDirectoryAction", "deleteDirectoryAction"}) {
        QVERIFY2(!actionEnabled(&page, QLatin1String(name)), name);
    }
    QVERIFY(
        child<QLabel>(&page, QStringLiteral("directorySourceHint"))->text().startsWith(QStringLiteral("Read-only")));

    search(page, QStringLiteral("ada.chief"));
    QCOMPARE(page.userModel()->rowCount(), 1);
    const auto cell = [&page](int column) { return page.userModel()->index(0, column).data().toString(); };
    QCOMPARE(cell(DirectoryUserModel::UserNameColumn), QStringLiteral("ada.chief"));
    QVERIFY2(cell(DirectoryUserModel::DnColumn).startsWith(QStringLiteral("uid=ada.chief,")),
        qPrintable(cell(DirectoryUserModel::DnColumn)));
    QCOMPARE(cell(DirectoryUserModel::AnchorColumn).size(), 36); // entryUUID
    // The page is narrower than its columns: the anchor keeps its width and the table scrolls.
    QVERIFY(users->columnWidth(DirectoryUserModel::AnchorColumn)
        >= users->fontMetrics().horizontalAdvance(cell(DirectoryUserModel::AnchorColumn)));
    users->selectRow(0);
    QVERIFY(!actionEnabled(&page, QStringLiteral("editDirectoryAction")));
    QVERIFY(!page.editSelected());
    GuiTest::screenshot(&page, QStringLiteral("directory-source-users"));

    search(page, QStringLiteral("Engineering")); // an OU of the DNs
    QVERIFY2(page.userModel()->rowCount() > 10, qPrintable(QString::number(page.userModel()->rowCount())));

    auto* tabs = child<QTabWidget>(&page, QStringLiteral("directoryTabs"));
    tabs->setCurrentIndex(1);
    search(page, QStringLiteral("AWS-Engineers"));
    QCOMPARE(page.groupModel()->rowCount(), 1);
    const auto group = [&page](int column) { return page.groupModel()->index(0, column).data().toString(); };
    QCOMPARE(group(DirectoryGroupModel::UserMembersColumn), QStringLiteral("2")); // ben.vance, ivy.off
    QCOMPARE(group(DirectoryGroupModel::GroupMembersColumn), QStringLiteral("1")); // Platform
    QVERIFY(group(DirectoryGroupModel::DnColumn).startsWith(QStringLiteral("cn=AWS-Engineers,")));
    GuiTest::screenshot(&page, QStringLiteral("directory-source-groups"));

    QVERIFY(GuiTest::chooseInCombo(combo, QStringLiteral("Embedded directory")));
    QCOMPARE(page.userModel()->rowCount(), 0);
    QVERIFY(actionEnabled(&page, QStringLiteral("addGroupAction")));
    QVERIFY(child<QTableView>(&page, QStringLiteral("groupsTable"))->isColumnHidden(DirectoryGroupModel::DnColumn));
}

void TestSourceDirectory::directoryPageReadsANeverReadSource()
{
    DirectoryPage page(m_profile->workspace);
    page.resize(900, 500);
    page.show();
    QVERIFY(page.showSource(m_sourceId));
    QCOMPARE(page.userModel()->rowCount(), 0);
    QVERIFY(
        child<QLabel>(&page, QStringLiteral("directorySourceHint"))->text().startsWith(QStringLiteral("Not read yet")));
    GuiTest::screenshot(&page, QStringLiteral("directory-source-never-read"));
    QSignalSpy read(&page, &DirectoryPage::sourceReadFinished);
    QTest::mouseClick(child<QAbstractButton>(&page, QStringLiteral("directorySourceReadButton")), Qt::LeftButton);
    QVERIFY(read.wait(60000));
    QCOMPARE(read.first().first().toBool(), true);
    QCOMPARE(page.userModel()->rowCount(), 1630);
}

void TestSourceDirectory::applicationManagerPicksTheSourceAndAGroup()
{
    QVERIFY(SourceGuiTest::readNow(*m_profile, m_sourceId));
    const qint64 engineers = SourceGuiTest::groupId(*m_profile, m_sourceId, QStringLiteral("AWS-Engineers"));
    QVERIFY(engineers > 0);
    ApplicationEditDialog dialog(m_profile->workspace, Application());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    GuiTest::typeInto(child<QLineEdit>(&dialog, QStringLiteral("applicationNameEdit")), QStringLiteral("AWS"));
    QVERIFY(GuiTest::chooseInCombo(
        child<QComboBox>(&dialog, QStringLiteral("applicationSourceCombo")), QStringLiteral("Corporate LDAP")));
    AssignmentEditor* editor = dialog.assignmentEditor();
    QCOMPARE(editor->sourceId(), m_sourceId);
    QCOMPARE(editor->groupModel()->totalCount(), 11);

    child<QTabWidget>(&dialog, QStringLiteral("assignmentTabs"))->setCurrentIndex(1);
    QSignalSpy reloaded(editor->groupModel(), &DirectoryPickerModel::reloaded);
    GuiTest::typeInto(child<QLineEdit>(&dialog, QStringLiteral("assignGroupsSearch")), QStringLiteral("AWS-Eng"));
    QVERIFY(reloaded.wait(5000));
    QCOMPARE(editor->groupModel()->rowCount(), 1);
    auto* list = child<QListView>(&dialog, QStringLiteral("assignGroupsList"));
    const QRect rect = list->visualRect(editor->groupModel()->index(0));
    // A click on the check box ticks the group, as a person does.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, QPoint(rect.left() + rect.height() / 2, rect.center().y()));
    QCOMPARE(editor->groupModel()->checkedIds(), QList<qint64> {engineers});
    // AWS-Engineers flattened: ben.vance, ivy.off, and through Platform and SRE five more.
    QTRY_COMPARE_WITH_TIMEOUT(editor->scopeCounter()->inScopeCount(), 7, 10000);
    QTRY_VERIFY(child<QLabel>(&dialog, QStringLiteral("scopeCountLabel"))->text().contains(QLocale().toString(1630)));
    GuiTest::screenshot(&dialog, QStringLiteral("application-source-group"));

    auto* update = child<QAbstractButton>(&dialog, QStringLiteral("updateSettingsButton"));
    QVERIFY(update->isEnabled());
    QTest::mouseClick(update, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const auto saved = m_profile->workspace->applications().find(dialog.savedApplicationId());
    QVERIFY(saved);
    QCOMPARE(saved->sourceId, m_sourceId);
    QCOMPARE(saved->assignment.groupIds, QList<qint64> {engineers});

    // Reopened, it shows the source and the group as saved; "all groups" is kept too.
    ApplicationEditDialog again(m_profile->workspace, *saved);
    QCOMPARE(again.chosenSourceId(), m_sourceId);
    QCOMPARE(again.assignmentEditor()->groupModel()->checkedIds(), QList<qint64> {engineers});
    QTest::mouseClick(child<QCheckBox>(&again, QStringLiteral("allGroupsCheck")), Qt::LeftButton);
    again.accept();
    QVERIFY(m_profile->workspace->applications().find(saved->id)->assignment.allGroups);
}

void TestSourceDirectory::changingTheSourceAsksAndClearsTheAssignment()
{
    QVERIFY(SourceGuiTest::readNow(*m_profile, m_sourceId));
    Application application;
    application.name = QStringLiteral("AWS");
    application.sourceId = m_sourceId;
    application.assignment.groupIds = {SourceGuiTest::groupId(*m_profile, m_sourceId, QStringLiteral("SRE"))};
    const auto id = m_profile->workspace->applications().create(application);
    QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message));
    application.id = id.value();

    ApplicationEditDialog dialog(m_profile->workspace, application);
    dialog.show();
    auto* combo = child<QComboBox>(&dialog, QStringLiteral("applicationSourceCombo"));
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Reject);
    QVERIFY(!GuiTest::chooseInCombo(combo, QStringLiteral("Embedded directory")));
    QCOMPARE(ConfirmationDialogs::lastShown().objectName, QStringLiteral("changeSourceQuestion"));
    QCOMPARE(dialog.chosenSourceId(), m_sourceId);
    QCOMPARE(dialog.assignmentEditor()->groupModel()->checkedIds().size(), 1);

    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    QVERIFY(GuiTest::chooseInCombo(combo, QStringLiteral("Embedded directory")));
    QCOMPARE(dialog.assignmentEditor()->sourceId(), 0);
    QVERIFY(dialog.assignmentEditor()->groupModel()->checkedIds().isEmpty());
    dialog.accept();
    const auto saved = m_profile->workspace->applications().find(application.id);
    QCOMPARE(saved->sourceId, 0);
    QVERIFY(saved->assignment.groupIds.isEmpty());
}

void TestSourceDirectory::sourcesPageLeadsToItsUsersAndGroups()
{
    QVERIFY(SourceGuiTest::readNow(*m_profile, m_sourceId));
    MainWindow window(m_profile->workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QStringList pages = window.pageNames();
    // Next to the Directory page it fills.
    QCOMPARE(pages.indexOf(QStringLiteral("sources")) + 1, pages.indexOf(QStringLiteral("directory")));
    QVERIFY(window.showPage(QStringLiteral("sources")));
    auto* table = child<QTableView>(&window, QStringLiteral("sourcesTable"));
    table->selectRow(0);
    GuiTest::screenshotAtReviewSizes(&window, QStringLiteral("main-window-sources"));
    child<QAction>(&window, QStringLiteral("browseSourceAction"))->trigger();
    QCOMPARE(window.currentPageName(), QStringLiteral("directory"));
    auto* page = child<DirectoryPage>(&window, QStringLiteral("directoryPage"));
    QCOMPARE(page->currentSourceId(), m_sourceId);
    QCOMPARE(page->userModel()->rowCount(), 1630);
    GuiTest::screenshotAtReviewSizes(&window, QStringLiteral("main-window-directory-source"));
}

QTEST_MAIN(TestSourceDirectory)
#include "tst_sourcedirectory.moc"
