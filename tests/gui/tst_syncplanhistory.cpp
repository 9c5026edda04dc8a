#include "GuiTestSupport.h"

#include "AwsScimEmulator.h"
#include "directory/DirectoryRepository.h"
#include "storage/ApplicationRepository.h"
#include "sync/JournalSearch.h"
#include "sync/ObjectHistoryDialog.h"
#include "sync/PlanRequestDialog.h"
#include "sync/SyncHistoryView.h"
#include "sync/SyncOverview.h"
#include "sync/SyncPage.h"
#include "sync/SyncPlanView.h"
#include "sync/SyncRunDialog.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

namespace {
const QString Token = QStringLiteral("plan-history-token-7f3e");

// The history reads the journal on the thread pool: wait until the search that the last action
// started has been shown (state, not time; the bound only ends a hung test).
bool historyLoaded(SyncHistoryView* history)
{
    return GuiTest::waitUntilLoaded(history);
}

// Saves the widget at the two sizes the screenshots cover.
void shoot(QWidget* widget, const QString& name)
{
    for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)}) {
        widget->resize(size);
        QCoreApplication::processEvents();
        GuiTest::screenshot(widget, QStringLiteral("%1-%2x%3").arg(name).arg(size.width()).arg(size.height()));
    }
}

bool chooseData(QComboBox* combo, const QString& data)
{
    const int index = combo->findData(data);
    if (index < 0) {
        return false;
    }
    combo->setCurrentIndex(index);
    emit combo->activated(index);
    return true;
}
} // namespace

class TestSyncPlanHistory : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void planShowsAttributesAndRequestJson();
    void planCountsExplainScopeLikeTheCli();
    void planTabAfterApplyIsNotPending();
    void noServerNoticeGoesWhenOneIsAssigned();
    void historySearchesByObjectActionStatusAndDate();
    void objectHistoryAcrossRuns();
    void overviewAfterRuns();

private:
    void setUpTenant(int users, bool withServer = true);
    void changeUser(int index, const std::function<void(DirectoryUser&)>& change);
    // Two runs: creates user0000..N, then user0001 renamed (its PATCH refused with 400).
    void runTwice(SyncPage& page);

    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<GuiTestProfile> m_profile;
    qint64 m_serverId = 0;
    qint64 m_applicationId = 0;
    QList<DirectoryUser> m_users;
};

void TestSyncPlanHistory::init()
{
    AwsScimEmulator::Options options;
    options.token = Token;
    m_emulator = std::make_unique<AwsScimEmulator>(options);
    QVERIFY(m_emulator->listen());
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
}

void TestSyncPlanHistory::cleanup()
{
    m_profile.reset();
    m_emulator.reset();
    m_users.clear();
}

void TestSyncPlanHistory::setUpTenant(int users, bool withServer)
{
    m_serverId = m_profile->createAwsServer(QStringLiteral("Emulated AWS"), m_emulator->baseUrl().toString(), Token);
    QVERIFY(m_serverId > 0);
    DirectoryRepository directory(m_profile->workspace->database());
    for (int i = 0; i < users; ++i) {
        DirectoryUser user;
        user.userName = QStringLiteral("user%1@example.com").arg(i, 4, 10, QLatin1Char('0'));
        user.givenName = QStringLiteral("Given");
        user.familyName = QStringLiteral("Family %1").arg(i);
        user.displayName = QStringLiteral("Given Family %1").arg(i);
        user.email = user.userName;
        m_users.append(user);
    }
    QVERIFY(directory.saveUsers(m_users));
    Application application;
    application.name = QStringLiteral("AWS");
    application.scimServerId = withServer ? m_serverId : 0;
    application.assignment.allUsers = true;
    auto id = m_profile->workspace->applications().create(application);
    QVERIFY2(id, id ? "" : qPrintable(id.error().message));
    m_applicationId = id.value();
    m_profile->workspace->notifyApplicationsChanged();
}

void TestSyncPlanHistory::changeUser(int index, const std::function<void(DirectoryUser&)>& change)
{
    DirectoryRepository directory(m_profile->workspace->database());
    change(m_users[index]);
    QVERIFY(directory.updateUser(m_users[index]));
}

void TestSyncPlanHistory::runTwice(SyncPage& page)
{
    QVERIFY(page.selectApplication(m_applicationId));
    QVERIFY(GuiTest::previewOnPage(page));
    QCOMPARE(GuiTest::applyOnPage(page).status, SyncRunSummary::Status::Succeeded);
    changeUser(1, [](DirectoryUser& user) { user.displayName = QStringLiteral("Renamed One"); });
    changeUser(2, [](DirectoryUser& user) { user.displayName = QStringLiteral("Renamed Two"); });
    QVERIFY(GuiTest::previewOnPage(page));
    QCOMPARE(page.currentPlan()->writeCount(), 2);
    m_emulator->failNext(1, 400); // the first PATCH is refused for good
    const auto second = GuiTest::applyOnPage(page);
    QCOMPARE(second.status, SyncRunSummary::Status::Partial);
    QCOMPARE(second.failed, 1);
}

void TestSyncPlanHistory::planShowsAttributesAndRequestJson()
{
    setUpTenant(3);
    SyncPage page(m_profile->workspace);
    page.show();
    QVERIFY(page.selectApplication(m_applicationId));
    QVERIFY(GuiTest::previewOnPage(page));
    auto* tree = page.findChild<SyncPlanView*>(QStringLiteral("planTree"));
    auto* creates = tree->groupItem(QStringLiteral("Create users"));
    QVERIFY(creates);
    QTreeWidgetItem* row = creates->child(0);
    QCOMPARE(row->text(0), QStringLiteral("user0000@example.com"));
    // Details: who the user is, not an id.
    QVERIFY2(row->text(1).contains(QStringLiteral("Given Family 0")), qPrintable(row->text(1)));
    QVERIFY(row->text(1).contains(QStringLiteral("user0000@example.com")));
    QStringList labels;
    for (int i = 0; i < row->childCount(); ++i) {
        labels << row->child(i)->text(0);
    }
    QVERIFY2(labels.contains(QStringLiteral("Email")) && labels.contains(QStringLiteral("Display name"))
            && labels.contains(QStringLiteral("Given name")),
        qPrintable(labels.join(QLatin1Char(','))));

    // The exact JSON, on demand.
    auto* button = page.findChild<QPushButton*>(QStringLiteral("showRequestButton"));
    QVERIFY(!button->isEnabled());
    tree->setCurrentItem(row->child(0)); // an attribute row stands for its operation too
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    auto* dialog = page.findChild<PlanRequestDialog*>(QStringLiteral("planRequestDialog"));
    QVERIFY(dialog);
    const QString text = dialog->text();
    QVERIFY2(text.startsWith(QStringLiteral("POST /Users\n\n")), qPrintable(text));
    const QJsonObject body = QJsonDocument::fromJson(text.mid(text.indexOf(QLatin1Char('{'))).toUtf8()).object();
    const PlannedOperation* operation = tree->operationAt(row);
    QVERIFY(operation);
    QCOMPARE(body, operation->payload);
    QCOMPARE(body.value(QStringLiteral("userName")).toString(), QStringLiteral("user0000@example.com"));
    shoot(dialog, QStringLiteral("plan-request"));
    dialog->close();
    tree->expandAll();
    shoot(&page, QStringLiteral("plan-details"));
}

void TestSyncPlanHistory::planCountsExplainScopeLikeTheCli()
{
    setUpTenant(6);
    {
        SyncPage page(m_profile->workspace);
        QVERIFY(page.selectApplication(m_applicationId));
        QVERIFY(GuiTest::previewOnPage(page));
        QCOMPARE(GuiTest::applyOnPage(page).status, SyncRunSummary::Status::Succeeded);
    }
    // Now: 6 linked users, one of them changed, one disabled in the directory, two new (one of
    // them protected by the AWS preset's "^Administrator$", one disabled), one that the target refuses.
    changeUser(0, [](DirectoryUser& user) { user.displayName = QStringLiteral("Changed"); });
    changeUser(1, [](DirectoryUser& user) { user.active = false; });
    QList<DirectoryUser> added
        = m_profile->addUsers({QStringLiteral("newcomer"), QStringLiteral("Administrator"), QStringLiteral("offline")});
    QCOMPARE(added.size(), 3);
    added[2].active = false;
    QVERIFY(DirectoryRepository(m_profile->workspace->database()).updateUser(added[2]));

    SyncPage page(m_profile->workspace);
    page.show();
    QVERIFY(page.selectApplication(m_applicationId));
    QVERIFY(GuiTest::previewOnPage(page));
    const PlanUserCounts counts = page.currentPlan()->userCounts;
    QCOMPARE(counts.inScope, 9);
    QCOMPARE(counts.create, 1);
    QCOMPARE(counts.update, 1);
    QCOMPARE(counts.inSync, 4);
    QCOMPARE(counts.inactive, 2);
    QCOMPARE(counts.protectedUsers, 1);
    auto* label = page.findChild<QLabel*>(QStringLiteral("planCounts"));
    QVERIFY(label->isVisible());
    qInfo().noquote() << "GUI counts:" << label->text();
    QVERIFY(label->text().contains(QStringLiteral("9 users in scope: 1 to create, 1 to update, 4 already in sync, "
                                                  "2 inactive in the directory (not created), 1 protected.")));
    shoot(&page, QStringLiteral("plan-counts"));

    // The CLI's JSON for the same profile says the same.
    const QString profile = m_profile->workspace->profile().directory();
    const QString tokenFile = m_profile->directory.filePath(QStringLiteral("token"));
    QFile file(tokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Token.toUtf8());
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QProcess cli;
    QSignalSpy finished(&cli, &QProcess::finished); // the emulator answers on this thread's event loop
    cli.start(QStringLiteral(SCIMDESK_CLI_PATH),
        {QStringLiteral("--profile"), profile, QStringLiteral("--token-file"), tokenFile, QStringLiteral("--json"),
            QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--dry-run")});
    QVERIFY(finished.wait(120000));
    const QByteArray out = cli.readAllStandardOutput();
    const QJsonObject plan = QJsonDocument::fromJson(out).object().value(QStringLiteral("plan")).toObject();
    QVERIFY2(!plan.isEmpty(), out.constData());
    const PlanUserCounts cliCounts = PlanUserCounts::fromJson(plan.value(QStringLiteral("users")).toObject());
    QCOMPARE(cliCounts.toJson(), counts.toJson());
    QVERIFY(label->text().contains(cliCounts.sentence()));
    const int protectedCount = plan.value(QStringLiteral("protectedCount")).toInt();
    const int unmanaged = plan.value(QStringLiteral("unmanagedCount")).toInt();
    const int skipped = plan.value(QStringLiteral("skippedCount")).toInt();
    QCOMPARE(protectedCount, int(page.currentPlan()->protectedObjects.size()));
    QVERIFY(label->text().contains(QStringLiteral("%1 protected object").arg(protectedCount)));
    QVERIFY(label->text().contains(QStringLiteral("%1 object").arg(unmanaged)));
    QVERIFY(label->text().contains(QStringLiteral("%1 skipped").arg(skipped)));
}

void TestSyncPlanHistory::planTabAfterApplyIsNotPending()
{
    setUpTenant(4);
    SyncPage page(m_profile->workspace);
    page.show();
    QVERIFY(page.selectApplication(m_applicationId));
    QVERIFY(GuiTest::previewOnPage(page));
    auto* summary = page.findChild<QLabel*>(QStringLiteral("planSummary"));
    QVERIFY(summary->text().contains(QStringLiteral("4 writes")));
    QCOMPARE(GuiTest::applyOnPage(page).status, SyncRunSummary::Status::Succeeded);
    QVERIFY2(!summary->text().contains(QStringLiteral("write")), qPrintable(summary->text()));
    QVERIFY(summary->text().contains(QStringLiteral("used up")));
    QVERIFY(!page.findChild<QLabel*>(QStringLiteral("planCounts"))->isVisible());
    QCOMPARE(page.findChild<SyncPlanView*>(QStringLiteral("planTree"))->topLevelItemCount(), 0);
    QVERIFY(!page.findChild<QToolButton*>(QStringLiteral("applyButton"))->isEnabled());
}

void TestSyncPlanHistory::noServerNoticeGoesWhenOneIsAssigned()
{
    setUpTenant(2, false);
    SyncPage page(m_profile->workspace);
    page.show();
    auto* summary = page.findChild<QLabel*>(QStringLiteral("planSummary"));
    QVERIFY(summary->text().contains(QStringLiteral("No application has a SCIM server yet")));
    QVERIFY(page.overview()->applicationIds().isEmpty());
    auto application = *m_profile->workspace->applications().find(m_applicationId);
    application.scimServerId = m_serverId;
    QVERIFY(m_profile->workspace->applications().update(application));
    m_profile->workspace->notifyApplicationsChanged(); // what Edit Application does on save
    QVERIFY2(!summary->text().contains(QStringLiteral("No application")), qPrintable(summary->text()));
    QCOMPARE(page.currentApplicationId(), m_applicationId);
    QCOMPARE(page.overview()->applicationIds(), QList<qint64> {m_applicationId});
    QVERIFY(page.findChild<QToolButton*>(QStringLiteral("previewButton"))->isEnabled());
}

void TestSyncPlanHistory::historySearchesByObjectActionStatusAndDate()
{
    setUpTenant(5);
    SyncPage page(m_profile->workspace);
    page.show();
    runTwice(page);
    SyncHistoryView* history = page.history();
    auto* runs = history->findChild<QTableWidget*>(QStringLiteral("historyTable"));
    auto* entries = history->findChild<QTableWidget*>(QStringLiteral("historyEntriesTable"));
    QVERIFY(historyLoaded(history));
    QCOMPARE(runs->rowCount(), 2);
    QVERIFY(historyLoaded(history));
    QCOMPARE(history->matchingEntries(), 7); // 5 creates, 2 updates
    const QString duration = runs->item(0, 1)->text(); // "0:02", or a run of milliseconds
    QVERIFY2(duration.contains(QLatin1Char(':')) || duration == QStringLiteral("under 1 s"), qPrintable(duration));
    QCOMPARE(runs->item(0, 2)->text(), QStringLiteral("Apply")); // the mode in words, not "apply"

    auto* object = history->findChild<QLineEdit*>(QStringLiteral("historyObjectFilter"));
    GuiTest::typeInto(object, QStringLiteral("user0001"));
    QTest::keyClick(object, Qt::Key_Return);
    QVERIFY(historyLoaded(history));
    QCOMPARE(history->matchingEntries(), 2); // created, then renamed
    QCOMPARE(runs->rowCount(), 2);

    QVERIFY(chooseData(
        history->findChild<QComboBox*>(QStringLiteral("historyActionFilter")), QStringLiteral("update-user")));
    QVERIFY(historyLoaded(history));
    QCOMPARE(history->matchingEntries(), 1);
    QCOMPARE(runs->rowCount(), 1);

    object->clear();
    QVERIFY(chooseData(history->findChild<QComboBox*>(QStringLiteral("historyActionFilter")), QString()));
    QVERIFY(
        chooseData(history->findChild<QComboBox*>(QStringLiteral("historyStatusFilter")), QStringLiteral("failed")));
    QVERIFY(historyLoaded(history));
    QCOMPARE(history->matchingEntries(), 1);
    QCOMPARE(runs->rowCount(), 1);
    QCOMPARE(entries->item(0, 4)->text(), QStringLiteral("Failed"));
    page.findChild<QTabWidget*>(QStringLiteral("syncTabs"))->setCurrentWidget(history);
    shoot(&page, QStringLiteral("history-failed"));

    // Dates: today holds both runs, tomorrow none.
    QVERIFY(chooseData(history->findChild<QComboBox*>(QStringLiteral("historyStatusFilter")), QString()));
    auto* from = history->findChild<QDateEdit*>(QStringLiteral("historyFromDate"));
    from->setDate(QDate::currentDate());
    emit from->editingFinished();
    QVERIFY(historyLoaded(history));
    QCOMPARE(history->matchingEntries(), 7);
    from->setDate(QDate::currentDate().addDays(1));
    emit from->editingFinished();
    QVERIFY(historyLoaded(history));
    QCOMPARE(history->matchingEntries(), 0);
    QCOMPARE(runs->rowCount(), 0);
    auto* to = history->findChild<QDateEdit*>(QStringLiteral("historyToDate"));
    from->setDate(from->minimumDate());
    to->setDate(QDate::currentDate().addDays(-1));
    emit to->editingFinished();
    QVERIFY(historyLoaded(history));
    QCOMPARE(history->matchingEntries(), 0);
    to->setDate(to->minimumDate());
    emit to->editingFinished();
    QVERIFY(historyLoaded(history));
    QCOMPARE(history->matchingEntries(), 7);

    // Selecting a run shows only its operations.
    runs->selectRow(1); // the older run: the creates
    QVERIFY(historyLoaded(history));
    QCOMPARE(history->shownEntries(), 5);
}

void TestSyncPlanHistory::objectHistoryAcrossRuns()
{
    setUpTenant(3);
    SyncPage page(m_profile->workspace);
    page.show();
    runTwice(page);
    QVERIFY(historyLoaded(page.history()));
    ObjectHistoryDialog* dialog = page.history()->openObjectHistory(QStringLiteral("USER0002@example.com"));
    QVERIFY(dialog);
    QVERIFY(GuiTest::waitUntilLoaded(dialog)); // the journal is read on the thread pool
    QCOMPARE(dialog->hits().size(), 2);
    QCOMPARE(dialog->hits().at(0).entry.action, QStringLiteral("update-user"));
    QCOMPARE(dialog->hits().at(1).entry.action, QStringLiteral("create-user"));
    QVERIFY2(
        dialog->summaryText().startsWith(QStringLiteral("2 operations in 2 runs")), qPrintable(dialog->summaryText()));
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("objectHistoryTable"));
    QVERIFY(table->item(0, 4)->text().contains(QStringLiteral("Renamed")));
    shoot(dialog, QStringLiteral("object-history"));
    dialog->close();

    // From a selected operation: its object, across runs.
    auto* entries = page.history()->findChild<QTableWidget*>(QStringLiteral("historyEntriesTable"));
    int row = -1;
    for (int i = 0; i < entries->rowCount(); ++i) {
        if (entries->item(i, 3)->text() == QStringLiteral("user0001@example.com")) {
            row = i;
        }
    }
    QVERIFY(row >= 0);
    entries->selectRow(row);
    dialog = page.history()->openObjectHistory();
    QVERIFY(dialog);
    QVERIFY(GuiTest::waitUntilLoaded(dialog));
    QCOMPARE(dialog->hits().size(), 2);
    QCOMPARE(dialog->hits().at(0).entry.status, QStringLiteral("failed"));
    QVERIFY(dialog->windowTitle().contains(QStringLiteral("user0001@example.com")));
    dialog->close();

    // A run opens with its duration, in the locale's date format.
    SyncRunDialog* run = page.openRun(0);
    QVERIFY(run);
    QSignalSpy loaded(run, &SyncRunDialog::loaded);
    QVERIFY(loaded.count() > 0 || loaded.wait(30000));
    const QString header = run->findChildren<QLabel*>().first()->text();
    QVERIFY2(
        header.contains(QStringLiteral("Partly done")) && header.contains(QStringLiteral("took ")), qPrintable(header));
    QVERIFY(header.contains(
        QLocale().toString(page.history()->runs().first().startedAt.toLocalTime(), QLocale::ShortFormat)));
    shoot(run, QStringLiteral("run-dialog"));
}

void TestSyncPlanHistory::overviewAfterRuns()
{
    setUpTenant(4);
    SyncPage page(m_profile->workspace);
    page.show();
    SyncOverview* overview = page.overview();
    QVERIFY(GuiTest::waitUntilLoaded(overview)); // the activity is read on the thread pool
    QCOMPARE(overview->cellText(m_applicationId, SyncOverview::LastRunColumn), QStringLiteral("Never synced"));
    runTwice(page);
    QVERIFY(GuiTest::waitUntilLoaded(overview));
    QCOMPARE(overview->cellText(m_applicationId, SyncOverview::ResultColumn), QStringLiteral("Partly done"));
    QCOMPARE(overview->cellText(m_applicationId, SyncOverview::ChangesColumn),
        QStringLiteral("1 done, 1 failed, 0 skipped"));
    QVERIFY2(overview->cellText(m_applicationId, SyncOverview::FailuresColumn)
                 .startsWith(QStringLiteral("1 run, 1 failed operation (since ")),
        qPrintable(overview->cellText(m_applicationId, SyncOverview::FailuresColumn)));
    QVERIFY(overview->cellText(m_applicationId, SyncOverview::LastRunColumn).contains(QStringLiteral("took")));
    // The apply used the plan up: no stale "next run".
    QCOMPARE(overview->cellText(m_applicationId, SyncOverview::NextRunColumn), QStringLiteral("Not previewed"));

    // What the next run would do, on demand: the refused rename is still to do.
    auto* table = overview->findChild<QTableWidget*>(QStringLiteral("overviewTable"));
    table->selectRow(0);
    QSignalSpy previewed(&page, &SyncPage::previewFinished);
    QTest::mouseClick(overview->findChild<QPushButton*>(QStringLiteral("overviewPreviewButton")), Qt::LeftButton);
    QVERIFY(previewed.wait(60000));
    QVERIFY(GuiTest::waitUntilLoaded(overview));
    const QString next = overview->cellText(m_applicationId, SyncOverview::NextRunColumn);
    QVERIFY2(next.startsWith(QStringLiteral("1 user to update, 1 write in all (previewed ")), qPrintable(next));
    auto* tabs = page.findChild<QTabWidget*>(QStringLiteral("syncTabs"));
    tabs->setCurrentWidget(overview);
    shoot(&page, QStringLiteral("overview"));
    QVERIFY(historyLoaded(page.history()));
    tabs->setCurrentWidget(page.history());
    shoot(&page, QStringLiteral("history"));
}

QTEST_MAIN(TestSyncPlanHistory)
#include "tst_syncplanhistory.moc"
