#include "GuiTestSupport.h"

#include "directory/CsvImportDialog.h"
#include "directory/DirectoryGroupModel.h"
#include "directory/DirectoryPage.h"
#include "directory/DirectoryRepository.h"
#include "directory/DirectoryUserModel.h"
#include "directory/GroupEditDialog.h"
#include "directory/UserEditDialog.h"
#include "widgets/ConfirmationDialogs.h"
#include "workspace/Workspace.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

class TestDirectoryPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void searchIsDebouncedAndFilters();
    void addUserThroughTheDialog();
    void addUserShowsValidationError();
    void groupMembershipPicker();
    void deleteAsksFirst();
    void csvPreviewShowsLineNumberedProblems();
    void csvSkipInvalidImportsTheRest();
    void csvPreviewShowsRenames();
    void closingThePageWhileAPreviewRuns();
    void exportWritesCsv();
    void largeDirectoryIsReadPageByPage();
    void columnsUseTheWidthTheyHave();

private:
    void addUsers(int count, const QString& prefix = QStringLiteral("user"));
    QString writeCsv(const QByteArray& content);

    std::unique_ptr<GuiTestProfile> m_profile;
    std::unique_ptr<QTemporaryDir> m_files;
};

void TestDirectoryPage::init()
{
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
    m_files = std::make_unique<QTemporaryDir>();
    ConfirmationDialogs::reset();
}

void TestDirectoryPage::cleanup()
{
    m_profile.reset();
    m_files.reset();
}

void TestDirectoryPage::addUsers(int count, const QString& prefix)
{
    DirectoryRepository repository(m_profile->workspace->database());
    QList<DirectoryUser> users;
    for (int i = 0; i < count; ++i) {
        DirectoryUser user;
        user.userName = QStringLiteral("%1%2").arg(prefix).arg(i, 6, 10, QLatin1Char('0'));
        user.givenName = QStringLiteral("Given");
        user.familyName = QStringLiteral("Family");
        user.displayName = QStringLiteral("Given Family %1").arg(i);
        user.email = user.userName + QStringLiteral("@example.com");
        users.append(user);
    }
    QVERIFY(repository.saveUsers(users));
}

QString TestDirectoryPage::writeCsv(const QByteArray& content)
{
    const QString path = m_files->filePath(QStringLiteral("import.csv"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(content);
    }
    return path;
}

void TestDirectoryPage::searchIsDebouncedAndFilters()
{
    addUsers(5);
    addUsers(2, QStringLiteral("alice"));
    DirectoryPage page(m_profile->workspace);
    page.show();
    QCOMPARE(page.userModel()->rowCount(), 7);

    QSignalSpy applied(&page, &DirectoryPage::searchApplied);
    auto* search = page.findChild<QLineEdit*>(QStringLiteral("searchEdit"));
    QTest::keyClicks(search, QStringLiteral("alice"));
    QCOMPARE(applied.count(), 0); // typing does not query per key
    QVERIFY(applied.wait(5000));
    QCOMPARE(applied.count(), 1);
    QCOMPARE(page.userModel()->rowCount(), 2);
    QCOMPARE(page.userModel()->index(0, DirectoryUserModel::UserNameColumn).data().toString(),
        QStringLiteral("alice000000"));
}

void TestDirectoryPage::addUserThroughTheDialog()
{
    DirectoryPage page(m_profile->workspace);
    page.show();
    auto* dialog = page.addUser();
    QVERIFY(dialog);
    GuiTest::typeInto(dialog->field(QStringLiteral("userName")), QStringLiteral("jane.doe@example.com"));
    GuiTest::typeInto(dialog->field(QStringLiteral("givenName")), QStringLiteral("Jane"));
    GuiTest::typeInto(dialog->field(QStringLiteral("familyName")), QStringLiteral("Doe"));
    GuiTest::typeInto(dialog->field(QStringLiteral("email")), QStringLiteral("jane.doe@example.com"));
    GuiTest::typeInto(dialog->field(QStringLiteral("department")), QStringLiteral("Finance"));
    QSignalSpy accepted(dialog, &QDialog::accepted);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(page.userModel()->rowCount(), 1);
    const auto user = page.repository().findUserByUserName(QStringLiteral("jane.doe@example.com"));
    QVERIFY(user);
    QCOMPARE(user->department, QStringLiteral("Finance"));
    QVERIFY(!user->objectId.isEmpty());
}

void TestDirectoryPage::addUserShowsValidationError()
{
    addUsers(1);
    DirectoryPage page(m_profile->workspace);
    page.show();
    auto* dialog = page.addUser();
    GuiTest::typeInto(dialog->field(QStringLiteral("userName")), QStringLiteral("USER000000"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    auto* error = dialog->findChild<QLabel*>(QStringLiteral("errorLabel"));
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    QCOMPARE(page.userModel()->rowCount(), 1);
    dialog->reject();
}

void TestDirectoryPage::groupMembershipPicker()
{
    addUsers(3);
    DirectoryPage page(m_profile->workspace);
    page.show();
    auto* dialog = page.addGroup();
    GuiTest::typeInto(dialog->findChild<QLineEdit*>(QStringLiteral("groupNameEdit")), QStringLiteral("Admins"));
    auto* candidates = dialog->findChild<QListWidget*>(QStringLiteral("candidateList"));
    QCOMPARE(candidates->count(), 3);
    dialog->findChild<QLineEdit*>(QStringLiteral("memberSearchEdit"))->setText(QStringLiteral("user000001"));
    dialog->searchCandidates();
    QCOMPARE(candidates->count(), 1);
    candidates->item(0)->setSelected(true);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("addMemberButton")), Qt::LeftButton);
    QCOMPARE(dialog->findChild<QListWidget*>(QStringLiteral("memberList"))->count(), 1);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
    const auto group = page.repository().findGroupByDisplayName(QStringLiteral("Admins"));
    QVERIFY(group);
    QCOMPARE(group->memberUserIds.size(), 1);
    QCOMPARE(page.groupModel()->rowCount(), 1);
}

void TestDirectoryPage::deleteAsksFirst()
{
    addUsers(2);
    DirectoryPage page(m_profile->workspace);
    page.show();
    auto* table = page.findChild<QTableView*>(QStringLiteral("usersTable"));
    table->selectRow(0);
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Reject);
    page.deleteSelected();
    QCOMPARE(page.userModel()->rowCount(), 2);
    table->selectRow(0);
    ConfirmationDialogs::setNextAnswer(ConfirmationDialogs::Answer::Accept);
    page.deleteSelected();
    QCOMPARE(page.userModel()->rowCount(), 1);
}

void TestDirectoryPage::csvPreviewShowsLineNumberedProblems()
{
    addUsers(1);
    const QString path = writeCsv("userName,First name,Last name,E-mail address,Cost center\n"
                                  "new.one,New,One,new.one@example.com,CC1\n"
                                  ",Missing,Name,missing@example.com,CC2\n"
                                  "user000000,Given,Family,user000000@example.com,CC3\n"
                                  "new.one,Dup,Licate,dup@example.com,CC4\n");
    DirectoryPage page(m_profile->workspace);
    page.show();
    auto* dialog = page.importCsv();
    QSignalSpy previewed(dialog, &CsvImportDialog::previewReady);
    QVERIFY(dialog->loadFile(path));
    QVERIFY(previewed.wait(10000));

    const auto& preview = dialog->lastPreview();
    QCOMPARE(preview.rowCount, 4);
    QCOMPARE(preview.columnAttributes.value(4), QStringLiteral("Cost center")); // custom attribute
    auto* issues = dialog->findChild<QTableWidget*>(QStringLiteral("issueTable"));
    QVERIFY(issues->rowCount() >= 2);
    QStringList lines;
    for (int row = 0; row < issues->rowCount(); ++row) {
        lines << issues->item(row, 0)->text();
        QVERIFY(!issues->item(row, 1)->text().isEmpty());
    }
    QVERIFY2(lines.contains(QStringLiteral("3")), qPrintable(lines.join(QLatin1Char(','))));
    QVERIFY2(lines.contains(QStringLiteral("5")), qPrintable(lines.join(QLatin1Char(','))));
    QCOMPARE(dialog->findChild<QTableWidget*>(QStringLiteral("previewTable"))->rowCount(), 4);

    // All or nothing (the default) writes nothing and says why.
    QSignalSpy imported(dialog, &CsvImportDialog::importFinished);
    auto* importButton = dialog->findChild<QPushButton*>(QStringLiteral("importButton"));
    QVERIFY(importButton->isEnabled());
    QTest::mouseClick(importButton, Qt::LeftButton);
    QVERIFY(imported.wait(10000));
    QCOMPARE(imported.first().first().toBool(), false);
    QVERIFY(!page.repository().findUserByUserName(QStringLiteral("new.one")));
    GuiTest::screenshot(dialog, QStringLiteral("csv-import-preview"));

    // Ignoring the custom column through the mapping combo changes the preview.
    previewed.clear();
    QTRY_VERIFY(!previewed.isEmpty()); // the preview after the import
    previewed.clear();
    dialog->setColumnAttribute(4, QString());
    QVERIFY(previewed.wait(10000));
    QVERIFY(dialog->lastPreview().columnAttributes.value(4).isEmpty());
    dialog->reject();
}

void TestDirectoryPage::csvSkipInvalidImportsTheRest()
{
    const QString path = writeCsv("userName,givenName,familyName,email\n"
                                  "a.one,A,One,a.one@example.com\n"
                                  ",B,Two,b@example.com\n"
                                  "c.three,C,Three,c@example.com\n");
    DirectoryPage page(m_profile->workspace);
    page.show();
    auto* dialog = page.importCsv();
    QSignalSpy previewed(dialog, &CsvImportDialog::previewReady);
    QVERIFY(dialog->loadFile(path));
    QVERIFY(previewed.wait(10000));
    dialog->findChild<QRadioButton*>(QStringLiteral("skipInvalidRadio"))->setChecked(true);
    QSignalSpy imported(dialog, &CsvImportDialog::importFinished);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("importButton")), Qt::LeftButton);
    QVERIFY(imported.wait(10000));
    QCOMPARE(imported.first().first().toBool(), true);
    QCOMPARE(dialog->lastResult().created, 2);
    QCOMPARE(dialog->lastResult().skipped, 1);
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("resultLabel"))->text().contains(QStringLiteral("2 created")));
    QCOMPARE(page.userModel()->rowCount(), 2);
    dialog->reject();
}

// A row carrying a user's objectId under another userName renames that user: the preview says so
// on the row, and the import updates the user in place.
void TestDirectoryPage::csvPreviewShowsRenames()
{
    DirectoryRepository repository(m_profile->workspace->database());
    DirectoryUser alice;
    alice.userName = QStringLiteral("alice");
    alice.objectId = QStringLiteral("oid-alice");
    const qint64 aliceId = repository.createUser(alice).value();
    const QString path = writeCsv("objectId,userName,email\n"
                                  "oid-alice,alice.smith,alice.smith@example.com\n"
                                  ",bob,bob@example.com\n");
    DirectoryPage page(m_profile->workspace);
    page.show();
    auto* dialog = page.importCsv();
    QSignalSpy previewed(dialog, &CsvImportDialog::previewReady);
    QVERIFY(dialog->loadFile(path));
    QVERIFY(previewed.wait(10000));
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("previewTable"));
    QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("Change"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("renames alice \u2192 alice.smith"));
    QCOMPARE(table->item(1, 1)->text(), QString());
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("alice.smith")); // the file's cells follow
    QVERIFY2(dialog->findChild<QLabel*>(QStringLiteral("previewSummary"))->text().contains(QStringLiteral("1 renamed")),
        qPrintable(dialog->findChild<QLabel*>(QStringLiteral("previewSummary"))->text()));
    for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)}) {
        dialog->resize(size);
        dialog->layout()->activate();
        GuiTest::screenshot(dialog, QStringLiteral("csv-import-rename-%1x%2").arg(size.width()).arg(size.height()));
    }

    QSignalSpy imported(dialog, &CsvImportDialog::importFinished);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("importButton")), Qt::LeftButton);
    QVERIFY(imported.wait(10000));
    QCOMPARE(imported.first().first().toBool(), true);
    QCOMPARE(repository.findUser(aliceId)->userName, QStringLiteral("alice.smith"));
    QCOMPARE(repository.countUsers(), 2);
    dialog->reject();
}

// The page destroys its own members before the dialogs it owns; a preview still checking the
// file on a pool thread must not use anything the page owned (CI crash of stop 17).
void TestDirectoryPage::closingThePageWhileAPreviewRuns()
{
    QByteArray content("userName,givenName,familyName,email\n");
    for (int i = 0; i < 20000; ++i) {
        content += QStringLiteral("u%1,Given,Family,u%1@example.com\n").arg(i).toUtf8();
    }
    const QString path = writeCsv(content);
    for (int round = 0; round < 3; ++round) {
        auto page = std::make_unique<DirectoryPage>(m_profile->workspace);
        auto* dialog = page->importCsv();
        QSignalSpy previewed(dialog, &CsvImportDialog::previewReady);
        QVERIFY(dialog->loadFile(path));
        QVERIFY(previewed.wait(20000));
        QCOMPARE(dialog->findChild<QTableWidget*>(QStringLiteral("previewTable"))->rowCount(), 50);
        dialog->setColumnAttribute(1, QString()); // starts another full check of the 20,000 rows
        page.reset();
    }
    // The profile is intact and still usable after the pages are gone.
    DirectoryRepository repository(m_profile->workspace->database());
    QCOMPARE(repository.countUsers(), 0);
}

void TestDirectoryPage::exportWritesCsv()
{
    addUsers(3);
    DirectoryPage page(m_profile->workspace);
    QSignalSpy exported(&page, &DirectoryPage::exportFinished);
    const QString path = m_files->filePath(QStringLiteral("users.csv"));
    page.exportTo(path, false);
    QVERIFY(exported.wait(10000));
    QVERIFY(exported.first().first().toBool());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.contains("user000002"));
}

void TestDirectoryPage::largeDirectoryIsReadPageByPage()
{
    addUsers(20000);
    DirectoryPage page(m_profile->workspace);
    page.resize(1000, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* model = page.userModel();
    QCOMPARE(model->rowCount(), 20000);
    QCOMPARE(model->index(19999, 0).data().toString(), QStringLiteral("user019999"));
    // Descending order reads from the end without loading everything.
    auto* table = page.findChild<QTableView*>(QStringLiteral("usersTable"));
    table->sortByColumn(DirectoryUserModel::UserNameColumn, Qt::DescendingOrder);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("user019999"));
    table->scrollToBottom();
    QCOMPARE(model->index(19999, 0).data().toString(), QStringLiteral("user000000"));
}

// At 1600 px the columns show whole names and addresses and end at the table's edge, instead of
// cutting titles to "Financial Ana..." beside an empty band; narrower, each keeps its header; once
// the admin resizes a column by hand, a later resize keeps that width.
void TestDirectoryPage::columnsUseTheWidthTheyHave()
{
    addUsers(30, QStringLiteral("a.rather.long.sign.in.name."));
    DirectoryPage page(m_profile->workspace);
    page.resize(1400, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* table = page.findChild<QTableView*>(QStringLiteral("usersTable"));
    QHeaderView* header = table->horizontalHeader();
    const auto visibleColumns = [&] {
        QList<int> columns;
        for (int column = 0; column < table->model()->columnCount(); ++column) {
            if (!table->isColumnHidden(column)) {
                columns << column;
            }
        }
        return columns;
    };
    const auto usedWidth = [&] {
        int used = 0;
        for (int column : visibleColumns()) {
            used += table->columnWidth(column);
        }
        return used;
    };
    QTRY_COMPARE(usedWidth(), table->viewport()->width());
    for (int column : visibleColumns()) {
        QVERIFY2(table->columnWidth(column) >= static_cast<QAbstractItemView*>(table)->sizeHintForColumn(column),
            qPrintable(QStringLiteral("column %1: %2 < %3")
                           .arg(column)
                           .arg(table->columnWidth(column))
                           .arg(static_cast<QAbstractItemView*>(table)->sizeHintForColumn(column))));
    }

    page.resize(560, 700);
    QTRY_VERIFY(usedWidth() < 1000);
    for (int column : visibleColumns()) {
        QVERIFY(table->columnWidth(column) >= header->sectionSizeHint(column));
    }

    page.resize(1400, 700);
    QTRY_COMPARE(usedWidth(), table->viewport()->width());
    // A hand-made width stays (the drag is a press on the header, a resize, a release).
    QTest::mousePress(header->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
    header->resizeSection(DirectoryUserModel::EmailColumn, 123);
    QTest::mouseRelease(header->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
    const int before = table->viewport()->width();
    page.resize(1300, 700);
    QTRY_VERIFY(table->viewport()->width() != before);
    QCoreApplication::processEvents();
    QCOMPARE(table->columnWidth(DirectoryUserModel::EmailColumn), 123);
}

QTEST_MAIN(TestDirectoryPage)
#include "tst_directorypage.moc"
