#include "GuiTestSupport.h"

#include "applications/ApplicationEditDialog.h"
#include "applications/ApplicationTableModel.h"
#include "applications/ApplicationsPage.h"
#include "applications/AssignmentEditor.h"
#include "applications/ScopeCounter.h"
#include "directory/DirectoryRepository.h"
#include "storage/ApplicationRepository.h"
#include "validation/AssignmentValidator.h"
#include "widgets/DirectoryPickerModel.h"
#include "workspace/Workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>

// The Assignment section of Edit Application: groups and users picked from the directory,
// scoping filters, the live count of users in scope, and what is saved.
class TestAssignmentEditor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void groupAndFilterCountAndSave();
    void invalidRegexBlocksSave();
    void messagesAreTheOnesEverySavePathGives();
    void allUsersAndPickedUser();
    void pickerPagesLargeDirectory();

private:
    ApplicationEditDialog* openEditor();
    static int shownCount(const QLabel* label);
    // Waits until the count settled (not computing) and returns it.
    static int settledCount(AssignmentEditor* editor);

    std::unique_ptr<GuiTestProfile> m_profile;
    std::unique_ptr<ApplicationsPage> m_page;
    qint64 m_applicationId = 0;
    qint64 m_engineeringId = 0;
    qint64 m_platformId = 0;
    QList<qint64> m_userIds;
};

void TestAssignmentEditor::init()
{
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
    DirectoryRepository directory(m_profile->workspace->database());
    // 12 users: even ones in Engineering (department "Engineering"), odd ones in Sales;
    // Platform (nested in Engineering) holds users 0..3; user 10 is inactive.
    QList<DirectoryUser> users;
    for (int i = 0; i < 12; ++i) {
        DirectoryUser user;
        user.userName = QStringLiteral("user%1@example.com").arg(i, 2, 10, QLatin1Char('0'));
        user.givenName = QStringLiteral("User");
        user.familyName = QString::number(i);
        user.department = i % 2 == 0 ? QStringLiteral("Engineering") : QStringLiteral("Sales");
        user.active = i != 10;
        user.customAttributes.insert(QStringLiteral("costCenter"), QStringLiteral("CC-%1").arg(i % 3));
        users.append(user);
    }
    QVERIFY(directory.saveUsers(users));
    for (const auto& user : users) {
        m_userIds.append(user.id);
    }
    DirectoryGroup platform;
    platform.displayName = QStringLiteral("Platform");
    platform.memberUserIds = {m_userIds.at(0), m_userIds.at(1), m_userIds.at(2), m_userIds.at(3)};
    const auto platformId = directory.createGroup(platform);
    QVERIFY(platformId);
    m_platformId = platformId.value();
    DirectoryGroup engineering;
    engineering.displayName = QStringLiteral("Engineering");
    engineering.memberUserIds = {m_userIds.at(4), m_userIds.at(6), m_userIds.at(8), m_userIds.at(10)};
    engineering.memberGroupIds = {m_platformId};
    const auto engineeringId = directory.createGroup(engineering);
    QVERIFY(engineeringId);
    m_engineeringId = engineeringId.value();

    Application application;
    application.name = QStringLiteral("AWS");
    application.signInProtocol = QStringLiteral("SAML 2.0");
    const auto created = m_profile->workspace->applications().create(application);
    QVERIFY(created);
    m_applicationId = created.value();

    m_page = std::make_unique<ApplicationsPage>(m_profile->workspace);
    m_page->resize(900, 400);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestAssignmentEditor::cleanup()
{
    m_page.reset();
    m_profile.reset();
}

ApplicationEditDialog* TestAssignmentEditor::openEditor()
{
    auto* button = m_page->findChild<QWidget*>(QStringLiteral("editApplicationButton_%1").arg(m_applicationId));
    if (!button) {
        return nullptr;
    }
    QTest::mouseClick(button, Qt::LeftButton);
    auto* dialog = m_page->findChild<ApplicationEditDialog*>();
    if (dialog && !QTest::qWaitForWindowExposed(dialog)) {
        return nullptr;
    }
    return dialog;
}

int TestAssignmentEditor::shownCount(const QLabel* label)
{
    // "Users in scope: 5 of 12"
    const QString text = label->text();
    const int colon = text.indexOf(QLatin1Char(':'));
    bool ok = false;
    const int value = text.mid(colon + 1).section(QLatin1Char(' '), 1, 1).toInt(&ok);
    return ok ? value : -1;
}

int TestAssignmentEditor::settledCount(AssignmentEditor* editor)
{
    ScopeCounter* counter = editor->scopeCounter();
    if (counter->isComputing()) {
        QSignalSpy counted(counter, &ScopeCounter::counted);
        if (!counted.wait(10000)) {
            return -2;
        }
        // Another change may have been queued meanwhile; wait until nothing is pending.
        while (counter->isComputing()) {
            if (!counted.wait(10000)) {
                return -2;
            }
        }
    }
    return shownCount(editor->findChild<QLabel*>(QStringLiteral("scopeCountLabel")));
}

void TestAssignmentEditor::groupAndFilterCountAndSave()
{
    auto* dialog = openEditor();
    QVERIFY(dialog);
    AssignmentEditor* editor = dialog->assignmentEditor();
    QVERIFY(editor);
    auto* countLabel = editor->findChild<QLabel*>(QStringLiteral("scopeCountLabel"));
    QCOMPARE(settledCount(editor), 0);
    QCOMPARE(countLabel->text(), QStringLiteral("Users in scope: 0 of 12"));

    // Add the Engineering group: its own 4 users plus Platform's 4 through nesting.
    auto* tabs = editor->findChild<QTabWidget*>(QStringLiteral("assignmentTabs"));
    tabs->setCurrentIndex(1);
    auto* groupSearch = editor->findChild<QLineEdit*>(QStringLiteral("assignGroupsSearch"));
    auto* groupList = editor->findChild<QListView*>(QStringLiteral("assignGroupsList"));
    QVERIFY(groupSearch && groupList);
    GuiTest::typeInto(groupSearch, QStringLiteral("engin"));
    QTRY_COMPARE(groupList->model()->rowCount(), 1);
    QSignalSpy computing(editor->scopeCounter(), &ScopeCounter::computingChanged);
    const QModelIndex group = groupList->model()->index(0, 0);
    QCOMPARE(group.data().toString(), QStringLiteral("Engineering"));
    QVERIFY(groupList->model()->setData(group, Qt::Checked, Qt::CheckStateRole));
    // The label says so at once, while the count runs on a pool thread.
    QCOMPARE(countLabel->text(), QStringLiteral("Users in scope: computing\u2026"));
    QCOMPARE(settledCount(editor), 8);

    // A scoping filter: department equals Engineering AND active is true → 0,2,4,6,8 (10 inactive).
    tabs->setCurrentIndex(2);
    QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("addScopingFilterButton")), Qt::LeftButton);
    auto* attribute = editor->findChild<QComboBox*>(QStringLiteral("clauseAttribute_0_0"));
    auto* op = editor->findChild<QComboBox*>(QStringLiteral("clauseOperator_0_0"));
    auto* value = editor->findChild<QLineEdit*>(QStringLiteral("clauseValue_0_0"));
    QVERIFY(attribute && op && value);
    QVERIFY(GuiTest::chooseInCombo(attribute, QStringLiteral("department")));
    QCOMPARE(op->currentText(), QStringLiteral("equals"));
    GuiTest::typeInto(value, QStringLiteral("engineering"));
    QCOMPARE(settledCount(editor), 6);

    QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("addClauseButton_0")), Qt::LeftButton);
    QTRY_VERIFY(editor->findChild<QComboBox*>(QStringLiteral("clauseAttribute_0_1")));
    auto* attribute2 = editor->findChild<QComboBox*>(QStringLiteral("clauseAttribute_0_1"));
    auto* op2 = editor->findChild<QComboBox*>(QStringLiteral("clauseOperator_0_1"));
    auto* value2 = editor->findChild<QLineEdit*>(QStringLiteral("clauseValue_0_1"));
    // The attribute combo is editable: type the name as a person would.
    GuiTest::typeInto(attribute2->lineEdit(), QStringLiteral("active"));
    QCOMPARE(attribute2->currentText(), QStringLiteral("active"));
    QVERIFY(GuiTest::chooseInCombo(op2, QStringLiteral("is true")));
    QVERIFY(value2->isHidden()); // "is true" compares nothing
    QCOMPARE(settledCount(editor), 5);
    // Custom attributes seen in the directory are offered too.
    QVERIFY(attribute2->findText(QStringLiteral("costCenter")) >= 0);
    GuiTest::screenshot(dialog, QStringLiteral("application-assignment-filters"));
    tabs->setCurrentIndex(1);
    GuiTest::screenshot(dialog, QStringLiteral("application-assignment-groups"));

    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("updateSettingsButton")), Qt::LeftButton);
    QTRY_VERIFY(!m_page->findChild<ApplicationEditDialog*>());

    Assignment expected;
    expected.groupIds = {m_engineeringId};
    ScopingFilter filter;
    filter.name = QStringLiteral("Filter 1");
    filter.clauses = {{QStringLiteral("department"), ClauseOperator::Equals, QStringLiteral("engineering")},
        {QStringLiteral("active"), ClauseOperator::IsTrue, QString()}};
    expected.scopingFilters = {filter};
    const auto saved = m_profile->workspace->applications().find(m_applicationId);
    QVERIFY(saved);
    QCOMPARE(saved->assignment, expected);

    // The table shows the in-scope count, computed off the GUI thread.
    auto* table = m_page->findChild<QTableView*>(QStringLiteral("applicationsTable"));
    const QModelIndex cell = table->model()->index(0, ApplicationTableModel::AssignedColumn);
    QTRY_VERIFY2(cell.data().toString() == QStringLiteral("5 in scope (users: 0, groups: 1)"),
        qPrintable(cell.data().toString()));
    GuiTest::screenshot(m_page.get(), QStringLiteral("applications-page-in-scope"));
}

void TestAssignmentEditor::invalidRegexBlocksSave()
{
    auto* dialog = openEditor();
    QVERIFY(dialog);
    AssignmentEditor* editor = dialog->assignmentEditor();
    editor->findChild<QTabWidget*>(QStringLiteral("assignmentTabs"))->setCurrentIndex(2);
    QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("addScopingFilterButton")), Qt::LeftButton);
    QVERIFY(GuiTest::chooseInCombo(
        editor->findChild<QComboBox*>(QStringLiteral("clauseOperator_0_0")), QStringLiteral("matches regex")));
    GuiTest::typeInto(editor->findChild<QLineEdit*>(QStringLiteral("clauseValue_0_0")), QStringLiteral("^(eng"));
    auto* error = editor->findChild<QLabel*>(QStringLiteral("clauseError_0_0"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("regular expression")), qPrintable(error->text()));
    auto* update = dialog->findChild<QPushButton*>(QStringLiteral("updateSettingsButton"));
    QVERIFY(!update->isEnabled());
    GuiTest::screenshot(dialog, QStringLiteral("application-assignment-bad-regex"));

    GuiTest::typeInto(editor->findChild<QLineEdit*>(QStringLiteral("clauseValue_0_0")), QStringLiteral("^(eng)"));
    QVERIFY(error->isHidden());
    QVERIFY(update->isEnabled());
}

void TestAssignmentEditor::messagesAreTheOnesEverySavePathGives()
{
    auto* dialog = openEditor();
    QVERIFY(dialog);
    AssignmentEditor* editor = dialog->assignmentEditor();
    editor->findChild<QTabWidget*>(QStringLiteral("assignmentTabs"))->setCurrentIndex(2);
    QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("addScopingFilterButton")), Qt::LeftButton);
    GuiTest::typeInto(editor->findChild<QLineEdit*>(QStringLiteral("filterName_0")), QStringLiteral("Engineers"));
    QVERIFY(GuiTest::chooseInCombo(
        editor->findChild<QComboBox*>(QStringLiteral("clauseOperator_0_0")), QStringLiteral("matches regex")));
    GuiTest::typeInto(editor->findChild<QLineEdit*>(QStringLiteral("clauseValue_0_0")), QStringLiteral("["));

    // Next to the condition: core's message, word for word.
    const ScopingClause clause {QStringLiteral("department"), ClauseOperator::MatchesRegex, QStringLiteral("[")};
    auto* error = editor->findChild<QLabel*>(QStringLiteral("clauseError_0_0"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), AssignmentValidator::clauseError(clause));
    // Under the form: the text the repository refuses with and the CLI prints.
    const QString listed = QStringLiteral("Engineers, condition 1: ") + AssignmentValidator::clauseError(clause);
    QVERIFY2(dialog->findChild<QLabel*>(QStringLiteral("applicationError"))->text().contains(listed),
        qPrintable(dialog->findChild<QLabel*>(QStringLiteral("applicationError"))->text()));
    Application candidate = *m_profile->workspace->applications().find(m_applicationId);
    candidate.assignment = editor->assignment();
    const auto refused = m_profile->workspace->applications().validate(candidate, m_applicationId);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().message, listed);

    // Removing the only condition leaves a filter that would match everyone: said, and blocked.
    QTest::mouseClick(editor->findChild<QToolButton*>(QStringLiteral("removeClauseButton_0_0")), Qt::LeftButton);
    QTRY_VERIFY(!editor->findChild<QComboBox*>(QStringLiteral("clauseOperator_0_0")));
    auto* filterError = editor->findChild<QLabel*>(QStringLiteral("filterError_0"));
    QVERIFY(filterError);
    // The rebuilt rows are shown by the layout on the next pass of the event loop.
    QTRY_VERIFY(filterError->isVisible());
    QCOMPARE(filterError->text(), AssignmentValidator::filterError(ScopingFilter {QStringLiteral("Engineers"), {}}));
    QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("updateSettingsButton"))->isEnabled());
}

void TestAssignmentEditor::allUsersAndPickedUser()
{
    auto* dialog = openEditor();
    QVERIFY(dialog);
    AssignmentEditor* editor = dialog->assignmentEditor();
    QCOMPARE(settledCount(editor), 0);
    auto* userList = editor->findChild<QListView*>(QStringLiteral("assignUsersList"));
    QTRY_COMPARE(userList->model()->rowCount(), 12);
    QVERIFY(userList->model()->setData(userList->model()->index(11, 0), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(settledCount(editor), 1);

    QTest::mouseClick(editor->findChild<QCheckBox*>(QStringLiteral("allUsersCheck")), Qt::LeftButton);
    QVERIFY(!userList->isEnabled());
    QCOMPARE(settledCount(editor), 12);

    // "Show assigned only" lists just the picked user.
    QTest::mouseClick(editor->findChild<QCheckBox*>(QStringLiteral("allUsersCheck")), Qt::LeftButton);
    editor->findChild<QCheckBox*>(QStringLiteral("assignUsersCheckedOnly"))->setChecked(true);
    QCOMPARE(userList->model()->rowCount(), 1);
    QCOMPARE(userList->model()->index(0, 0).data(DirectoryPickerModel::DirectoryIdRole).toLongLong(), m_userIds.at(11));
    QCOMPARE(settledCount(editor), 1);

    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("updateSettingsButton")), Qt::LeftButton);
    QTRY_VERIFY(!m_page->findChild<ApplicationEditDialog*>());
    Assignment expected;
    expected.userIds = {m_userIds.at(11)};
    QCOMPARE(m_profile->workspace->applications().find(m_applicationId)->assignment, expected);
}

void TestAssignmentEditor::pickerPagesLargeDirectory()
{
    DirectoryRepository directory(m_profile->workspace->database());
    QList<DirectoryUser> users;
    for (int i = 0; i < 1000; ++i) {
        DirectoryUser user;
        user.userName = QStringLiteral("bulk%1@example.com").arg(i, 4, 10, QLatin1Char('0'));
        users.append(user);
    }
    QVERIFY(directory.saveUsers(users));

    DirectoryPickerModel model(DirectoryPickerModel::Kind::Users, m_profile->workspace->database());
    QCOMPARE(model.totalCount(), 1012);
    QCOMPARE(model.rowCount(), DirectoryPickerModel::PageSize); // only the first page is read
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2 * DirectoryPickerModel::PageSize);
    model.setSearch(QStringLiteral("bulk09"));
    QCOMPARE(model.totalCount(), 100);
    QCOMPARE(model.rowCount(), 100);
    QVERIFY(!model.canFetchMore({}));
}

QTEST_MAIN(TestAssignmentEditor)
#include "tst_assignmenteditor.moc"
