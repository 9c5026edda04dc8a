#include "GuiTestSupport.h"

#include "AwsScimEmulator.h"
#include "directory/DirectoryRepository.h"
#include "servers/ServerCatalog.h"
#include "servertypes/ServerTypeRegistry.h"
#include "storage/ApplicationRepository.h"
#include "sync/SyncHistoryView.h"
#include "sync/SyncPage.h"
#include "sync/SyncPlanView.h"
#include "sync/SyncResultsModel.h"
#include "sync/TypedConfirmationDialog.h"
#include "workspace/Workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <QToolButton>
#include <algorithm>

namespace {
const QString Token = QStringLiteral("sync-page-token-0a1b2c3d");
}

class TestSyncPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void previewShowsPlanGroupedByAction();
    void applyReachesHundredPercentAndIsRecorded();
    void cancelStopsARunningApply();
    void deprovisionOverThresholdNeedsTypedNumber();

private:
    void setUpTenant(int users, int deletionThresholdMinimum = 1000);

    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<GuiTestProfile> m_profile;
    qint64 m_applicationId = 0;
};

void TestSyncPage::init()
{
    AwsScimEmulator::Options options;
    options.token = Token;
    m_emulator = std::make_unique<AwsScimEmulator>(options);
    QVERIFY(m_emulator->listen());
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
}

void TestSyncPage::cleanup()
{
    m_profile.reset();
    m_emulator.reset();
}

void TestSyncPage::setUpTenant(int users, int deletionThresholdMinimum)
{
    const qint64 serverId = m_profile->createAwsServer(QStringLiteral("Emulated AWS"), m_emulator->baseUrl().toString(),
        Token, [&](ScimServer& server) { server.options.deletionThresholdMinimum = deletionThresholdMinimum; });
    QVERIFY(serverId > 0);

    DirectoryRepository directory(m_profile->workspace->database());
    QList<DirectoryUser> list;
    for (int i = 0; i < users; ++i) {
        DirectoryUser user;
        user.userName = QStringLiteral("user%1").arg(i, 4, 10, QLatin1Char('0'));
        user.givenName = QStringLiteral("Given");
        user.familyName = QStringLiteral("Family %1").arg(i);
        user.displayName = QStringLiteral("Given Family %1").arg(i);
        user.email = user.userName + QStringLiteral("@example.com");
        list.append(user);
    }
    QVERIFY(directory.saveUsers(list));
    DirectoryGroup group;
    group.displayName = QStringLiteral("Engineering");
    for (int i = 0; i < std::min(5, users); ++i) {
        group.memberUserIds.append(list.at(i).id);
    }
    QVERIFY(directory.createGroup(group));

    Application application;
    application.name = QStringLiteral("AWS");
    application.scimServerId = serverId;
    application.assignment.allUsers = true;
    auto id = m_profile->workspace->applications().create(application);
    QVERIFY2(id, id ? "" : qPrintable(id.error().message));
    m_applicationId = id.value();
    m_profile->workspace->notifyApplicationsChanged();
}

void TestSyncPage::previewShowsPlanGroupedByAction()
{
    setUpTenant(12);
    SyncPage page(m_profile->workspace);
    page.show();
    QVERIFY(page.selectApplication(m_applicationId));
    QVERIFY(GuiTest::previewOnPage(page));
    QCOMPARE(m_emulator->writeCount(), 0); // a preview never writes

    auto* tree = page.findChild<SyncPlanView*>(QStringLiteral("planTree"));
    QVERIFY(tree);
    auto* creates = tree->groupItem(QStringLiteral("Create users"));
    QVERIFY(creates);
    QCOMPARE(creates->childCount(), 12);
    QVERIFY(creates->text(0).contains(QStringLiteral("(12)")));
    QVERIFY(!creates->child(0)->text(0).isEmpty());
    QVERIFY(page.findChild<QToolButton*>(QStringLiteral("applyButton"))->isEnabled());
    GuiTest::screenshot(&page, QStringLiteral("sync-preview"));
}

void TestSyncPage::applyReachesHundredPercentAndIsRecorded()
{
    setUpTenant(20);
    SyncPage page(m_profile->workspace);
    page.show();
    QVERIFY(page.selectApplication(m_applicationId));
    QSignalSpy activity(&page, &SyncPage::activity);
    QVERIFY(GuiTest::previewOnPage(page));
    const int writes = page.currentPlan()->writeCount();

    const SyncRunSummary summary = GuiTest::applyOnPage(page);
    QCOMPARE(summary.status, SyncRunSummary::Status::Succeeded);
    // The main window's status bar saw the apply progress and then went idle.
    QVERIFY(std::any_of(activity.cbegin(), activity.cend(), [&](const QList<QVariant>& emitted) {
        return emitted.at(2).toInt() == writes && emitted.at(1).toInt() == writes;
    }));
    QCOMPARE(activity.last().at(2).toInt(), -1);
    auto* progress = page.findChild<QProgressBar*>(QStringLiteral("progressBar"));
    QCOMPARE(progress->value(), progress->maximum());
    QCOMPARE(m_emulator->userCount(), 20);
    QCOMPARE(page.resultsModel()->rowCount(), writes);

    // The history reads the journal on the thread pool.
    if (page.history()->isLoading()) {
        QSignalSpy historyLoaded(page.history(), &SyncHistoryView::loaded);
        QVERIFY(historyLoaded.wait(60000));
    }
    auto* history = page.findChild<QTableWidget*>(QStringLiteral("historyTable"));
    QVERIFY(history->rowCount() >= 1);

    QTemporaryDir out;
    const QString csvPath = out.filePath(QStringLiteral("results.csv"));
    const QString jsonPath = out.filePath(QStringLiteral("results.json"));
    QVERIFY(page.exportResultsCsv(csvPath));
    QVERIFY(page.exportResultsJson(jsonPath));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readAll().contains("user0000"));
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(json.readAll()).array().size(), writes);

    // A second preview after the apply has nothing left to do.
    QVERIFY(GuiTest::previewOnPage(page));
    QVERIFY(page.currentPlan()->isEmpty());
    GuiTest::screenshot(&page, QStringLiteral("sync-applied"));
}

void TestSyncPage::cancelStopsARunningApply()
{
    setUpTenant(60);
    SyncPage page(m_profile->workspace);
    page.show();
    QVERIFY(page.selectApplication(m_applicationId));
    QVERIFY(GuiTest::previewOnPage(page));
    // Every write from now on reaches the server and hangs there: the cancel lands mid-run
    // whatever the machine's speed.
    m_emulator->hangNext(1000);
    QSignalSpy handled(m_emulator.get(), &AwsScimEmulator::requestHandled);

    QSignalSpy finished(&page, &SyncPage::applyFinished);
    QTest::mouseClick(page.findChild<QToolButton*>(QStringLiteral("applyButton")), Qt::LeftButton);
    QVERIFY(handled.wait(30000));
    auto* cancel = page.findChild<QToolButton*>(QStringLiteral("cancelButton"));
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    const auto summary = finished.first().first().value<SyncRunSummary>();
    QCOMPARE(summary.status, SyncRunSummary::Status::Cancelled);
    QCOMPARE(summary.succeeded, 0);
    QCOMPARE(m_emulator->userCount(), 0);
    QVERIFY(!page.isBusy());
}

void TestSyncPage::deprovisionOverThresholdNeedsTypedNumber()
{
    setUpTenant(10, 1);
    SyncPage page(m_profile->workspace);
    page.show();
    QVERIFY(page.selectApplication(m_applicationId));
    QVERIFY(GuiTest::previewOnPage(page));
    QCOMPARE(GuiTest::applyOnPage(page).status, SyncRunSummary::Status::Succeeded);

    // Unassign everybody: the plan deprovisions all ten, over the threshold.
    auto application = *m_profile->workspace->applications().find(m_applicationId);
    application.assignment.allUsers = false;
    QVERIFY(m_profile->workspace->applications().update(application));
    QVERIFY(GuiTest::previewOnPage(page));
    QVERIFY(page.currentPlan()->needsConfirmation);
    const int deprovisions = page.currentPlan()->deprovisionCount();
    QVERIFY(deprovisions >= 10);

    QSignalSpy finished(&page, &SyncPage::applyFinished);
    QTest::mouseClick(page.findChild<QToolButton*>(QStringLiteral("applyButton")), Qt::LeftButton);
    auto* dialog = page.pendingConfirmation();
    QVERIFY(dialog);
    auto* confirm = dialog->findChild<QPushButton*>(QStringLiteral("confirmButton"));
    auto* input = dialog->findChild<QLineEdit*>(QStringLiteral("confirmationInput"));
    QTest::keyClicks(input, QStringLiteral("9"));
    QVERIFY(!confirm->isEnabled());
    input->clear();
    QTest::keyClicks(input, QString::number(deprovisions));
    QVERIFY(confirm->isEnabled());
    QTest::mouseClick(confirm, Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().value<SyncRunSummary>().status, SyncRunSummary::Status::Succeeded);
}

QTEST_MAIN(TestSyncPage)
#include "tst_syncpage.moc"
