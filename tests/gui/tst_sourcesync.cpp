#include "GuiTestSupport.h"
#include "SourceGuiSupport.h"

#include "AwsScimEmulator.h"
#include "provision/ProvisionUserDialog.h"
#include "storage/ApplicationRepository.h"
#include "sync/SyncPage.h"
#include "sync/SyncPlan.h"
#include "sync/SyncPlanView.h"
#include "workspace/Workspace.h"

#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidgetItem>

namespace {
const QString Token = QStringLiteral("source-sync-gui-token-5d4c3b2a");
const QString kEnterprise = QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
} // namespace

// Sync & Logs and Provision User, unchanged, for an application whose users come from an LDAP
// source: the shared slapd fixture is read (through ApplicationSync) and the plan applied to the
// AWS emulator, nested groups flattened (AWS has none), disabled accounts never created.
class TestSourceSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void previewAndApplyFlattenNestedGroups();
    void provisionOneUserOfTheSource();

private:
    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<GuiTestProfile> m_profile;
    qint64 m_sourceId = 0;
    qint64 m_applicationId = 0;
};

void TestSourceSync::initTestCase()
{
    QVERIFY2(SourceGuiTest::slapd().isValid(), qPrintable(SourceGuiTest::slapd().error()));
}

void TestSourceSync::init()
{
    AwsScimEmulator::Options options;
    options.token = Token;
    m_emulator = std::make_unique<AwsScimEmulator>(options);
    QVERIFY(m_emulator->listen());
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
    const qint64 serverId
        = m_profile->createAwsServer(QStringLiteral("Emulated AWS"), m_emulator->baseUrl().toString(), Token);
    QVERIFY(serverId > 0);
    m_sourceId = SourceGuiTest::createSource(
        *m_profile, SourceGuiTest::slapdSource(), QString::fromUtf8(SourceGuiTest::slapd().readerPassword()));
    QVERIFY(m_sourceId > 0);
    // Read once so the group can be assigned by its local id, as Application Manager does.
    QVERIFY(SourceGuiTest::readNow(*m_profile, m_sourceId));

    Application application;
    application.name = QStringLiteral("AWS");
    application.scimServerId = serverId;
    application.sourceId = m_sourceId;
    application.assignment.groupIds = {SourceGuiTest::groupId(*m_profile, m_sourceId, QStringLiteral("AWS-Engineers"))};
    QVERIFY(application.assignment.groupIds.first() > 0);
    const auto id = m_profile->workspace->applications().create(application);
    QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message));
    m_applicationId = id.value();
    m_profile->workspace->notifyApplicationsChanged();
}

void TestSourceSync::cleanup()
{
    m_profile.reset();
    m_emulator.reset();
}

void TestSourceSync::previewAndApplyFlattenNestedGroups()
{
    SyncPage page(m_profile->workspace);
    page.resize(1100, 700);
    page.show();
    QVERIFY(page.selectApplication(m_applicationId));
    QVERIFY(GuiTest::previewOnPage(page));
    QCOMPARE(m_emulator->writeCount(), 0);
    auto* tree = page.findChild<SyncPlanView*>(QStringLiteral("planTree"));
    QVERIFY(tree);
    auto* creates = tree->groupItem(QStringLiteral("Create users"));
    QVERIFY(creates);
    // AWS-Engineers > Platform > SRE: seven people, ivy.off locked (disabled) and never created.
    QCOMPARE(creates->childCount(), 6);
    // Four of them report to someone created in the same run: their manager is set by the same
    // apply, once the manager exists, and the preview says so.
    auto* updates = tree->groupItem(QStringLiteral("Update users"));
    QVERIFY(updates);
    QCOMPARE(updates->childCount(), 4);
    for (int i = 0; i < updates->childCount(); ++i) {
        QVERIFY2(
            updates->child(i)->text(1).startsWith(QStringLiteral("Manager: ")), qPrintable(updates->child(i)->text(1)));
    }
    GuiTest::screenshot(&page, QStringLiteral("sync-source-preview"));

    const SyncRunSummary summary = GuiTest::applyOnPage(page);
    QCOMPARE(summary.status, SyncRunSummary::Status::Succeeded);
    QCOMPARE(m_emulator->userCount(), 6);
    QCOMPARE(m_emulator->groupCount(), 1);
    const QJsonObject group = m_emulator->store().findGroupByDisplayName(QStringLiteral("AWS-Engineers"));
    QVERIFY(!group.isEmpty());
    QSet<QString> expected;
    for (const QString& user :
        {QStringLiteral("ben.vance"), QStringLiteral("dan.platform"), QStringLiteral("rae.mover"),
            QStringLiteral("eve.sre"), QStringLiteral("finn.sre"), QStringLiteral("kim.off")}) {
        const QJsonObject created = m_emulator->findUserByUserName(user);
        QVERIFY2(!created.isEmpty(), qPrintable(user));
        // The anchor (entryUUID) is the externalId: renames and moves keep the link.
        QCOMPARE(created.value(QLatin1String("externalId")).toString().size(), 36);
        expected.insert(created.value(QLatin1String("id")).toString());
    }
    QCOMPARE(m_emulator->groupMemberIds(group.value(QLatin1String("id")).toString()), expected);
    QVERIFY(m_emulator->findUserByUserName(QStringLiteral("ivy.off")).isEmpty());
    GuiTest::screenshot(&page, QStringLiteral("sync-source-applied"));

    // One sync converges: the managers created in that run were set by it too (dan.platform,
    // eve.sre, finn.sre and rae.mover report to people created with them), so a new preview plans
    // no write at all.
    for (const QString& user : {QStringLiteral("dan.platform"), QStringLiteral("eve.sre"), QStringLiteral("finn.sre"),
             QStringLiteral("rae.mover")}) {
        const QJsonObject created = m_emulator->findUserByUserName(user);
        const QString managerId = created.value(kEnterprise)
                                      .toObject()
                                      .value(QLatin1String("manager"))
                                      .toObject()
                                      .value(QLatin1String("value"))
                                      .toString();
        QVERIFY2(!managerId.isEmpty(), qPrintable(user));
        QVERIFY2(!m_emulator->store().user(managerId).isEmpty(), qPrintable(user + QLatin1Char(' ') + managerId));
    }
    const int writes = m_emulator->writeCount();
    QVERIFY(GuiTest::previewOnPage(page));
    QCOMPARE(page.currentPlan()->writeCount(), 0);
    QCOMPARE(m_emulator->writeCount(), writes);
}

void TestSourceSync::provisionOneUserOfTheSource()
{
    ProvisionUserDialog dialog(m_profile->workspace, m_applicationId);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* search = dialog.findChild<QLineEdit*>(QStringLiteral("userSearch"));
    auto* users = dialog.findChild<QListWidget*>(QStringLiteral("userList"));
    auto* check = dialog.findChild<QPushButton*>(QStringLiteral("checkButton"));
    auto* provision = dialog.findChild<QPushButton*>(QStringLiteral("provisionButton"));
    QVERIFY(search && users && check && provision);
    // The picker lists the source's users.
    GuiTest::typeInto(search, QStringLiteral("eve.sre"));
    QTRY_COMPARE(users->count(), 1);
    users->setCurrentRow(0);
    QSignalSpy checked(&dialog, &ProvisionUserDialog::checked);
    QTest::mouseClick(check, Qt::LeftButton);
    QVERIFY(checked.wait(60000));
    QCOMPARE(checked.first().first().toBool(), true);
    QCOMPARE(m_emulator->writeCount(), 0);
    QSignalSpy provisioned(&dialog, &ProvisionUserDialog::provisioned);
    QTest::mouseClick(provision, Qt::LeftButton);
    QVERIFY(provisioned.wait(60000));
    const QJsonObject eve = m_emulator->findUserByUserName(QStringLiteral("eve.sre"));
    QVERIFY(!eve.isEmpty());
    QCOMPARE(eve.value(QLatin1String("emails")).toArray().first().toObject().value(QLatin1String("value")).toString(),
        QStringLiteral("eve.sre@scimdesk.test"));
    GuiTest::screenshot(&dialog, QStringLiteral("provision-source-user"));
}

QTEST_MAIN(TestSourceSync)
#include "tst_sourcesync.moc"
