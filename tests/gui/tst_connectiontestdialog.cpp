#include "GuiTestSupport.h"

#include "AwsScimEmulator.h"
#include "connection/ConnectionTest.h"
#include "connection/ConnectionTestDialog.h"
#include "servers/ServerCatalog.h"
#include "servertypes/ServerTypeRegistry.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

namespace {
const QString Token = QStringLiteral("gui-test-token-9f8e7d6c5b4a");

QTreeWidgetItem* stepItem(QTreeWidget* steps, ConnectionStep step)
{
    const QString title = ConnectionSteps::title(step);
    for (int i = 0; i < steps->topLevelItemCount(); ++i) {
        if (steps->topLevelItem(i)->text(0) == title) {
            return steps->topLevelItem(i);
        }
    }
    return nullptr;
}

QString childText(QTreeWidgetItem* item, const QString& label)
{
    for (int i = 0; i < item->childCount(); ++i) {
        if (item->child(i)->text(0) == label) {
            return item->child(i)->text(1);
        }
    }
    return {};
}
} // namespace

class TestConnectionTestDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void passingServerShowsEveryStepAndIsRecorded();
    void wrongTokenFailsWithFixAndSkipsTheRest();
    void copiedReportHasNoToken();
    void writeRoundTripIsOptIn();

private:
    ScimServer storedServer(const QString& secret);
    ConnectionReport runDialog(ConnectionTestDialog& dialog);

    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<GuiTestProfile> m_profile;
};

void TestConnectionTestDialog::init()
{
    AwsScimEmulator::Options options;
    options.token = Token;
    m_emulator = std::make_unique<AwsScimEmulator>(options);
    QVERIFY(m_emulator->listen());
    m_profile = std::make_unique<GuiTestProfile>();
    QVERIFY(m_profile->workspace);
}

void TestConnectionTestDialog::cleanup()
{
    m_profile.reset();
    m_emulator.reset();
}

ScimServer TestConnectionTestDialog::storedServer(const QString& secret)
{
    const auto preset = m_profile->workspace->serverTypes().find(QStringLiteral("aws-iam-identity-center"));
    ScimServer server = GuiTest::awsServer(QStringLiteral("Emulated AWS"));
    if (preset) {
        server = ServerTypeRegistry::applyPreset(*preset, server).result;
    }
    server.url = m_emulator->baseUrl().toString();
    const qint64 id = m_profile->createServer(server, secret);
    const auto stored = m_profile->workspace->servers()->repository().find(id);
    return stored ? *stored : ScimServer();
}

ConnectionReport TestConnectionTestDialog::runDialog(ConnectionTestDialog& dialog)
{
    QSignalSpy finished(&dialog, &ConnectionTestDialog::finished);
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("startButton")), Qt::LeftButton);
    if (!finished.wait(30000)) {
        return {};
    }
    return finished.first().first().value<ConnectionReport>();
}

void TestConnectionTestDialog::passingServerShowsEveryStepAndIsRecorded()
{
    const ScimServer server = storedServer(Token);
    QVERIFY(server.id > 0);
    ConnectionTestDialog dialog(m_profile->workspace, server);
    dialog.show();
    QSignalSpy recorded(&dialog, &ConnectionTestDialog::resultRecorded);
    const ConnectionReport report = runDialog(dialog);
    QVERIFY(!report.steps.isEmpty());
    QVERIFY2(report.verdict() != ConnectionVerdict::Fail, qPrintable(report.toText()));

    auto* steps = dialog.findChild<QTreeWidget*>(QStringLiteral("stepList"));
    QVERIFY(steps);
    QCOMPARE(steps->topLevelItemCount(), int(ConnectionTest::steps().size()));
    auto* auth = stepItem(steps, ConnectionStep::Authentication);
    QVERIFY(auth);
    QVERIFY2(
        auth->text(1).startsWith(ConnectionVerdicts::displayName(ConnectionVerdict::Pass)), qPrintable(auth->text(1)));
    QVERIFY(auth->text(2).endsWith(QStringLiteral("ms")));
    QVERIFY(!auth->icon(0).isNull());
    auto* write = stepItem(steps, ConnectionStep::WriteRoundTrip);
    QVERIFY(write->text(1).startsWith(ConnectionVerdicts::displayName(ConnectionVerdict::Skipped)));

    QCOMPARE(recorded.count(), 1);
    const auto stored = m_profile->workspace->servers()->repository().find(server.id);
    QCOMPARE(stored->lastTestVerdict, ConnectionVerdicts::id(report.verdict()));
    GuiTest::screenshot(&dialog, QStringLiteral("connection-test-pass"));
}

void TestConnectionTestDialog::wrongTokenFailsWithFixAndSkipsTheRest()
{
    const ScimServer server = storedServer(QStringLiteral("not-the-token"));
    ConnectionTestDialog dialog(m_profile->workspace, server);
    dialog.show();
    const ConnectionReport report = runDialog(dialog);
    QCOMPARE(report.verdict(), ConnectionVerdict::Fail);

    auto* steps = dialog.findChild<QTreeWidget*>(QStringLiteral("stepList"));
    auto* auth = stepItem(steps, ConnectionStep::Authentication);
    QVERIFY2(
        auth->text(1).startsWith(ConnectionVerdicts::displayName(ConnectionVerdict::Fail)), qPrintable(auth->text(1)));
    QVERIFY(auth->isExpanded());
    QVERIFY(!childText(auth, QStringLiteral("Fix")).isEmpty());
    QVERIFY(!childText(auth, QStringLiteral("Cause")).isEmpty());
    auto* read = stepItem(steps, ConnectionStep::Read);
    QVERIFY(read->text(1).startsWith(ConnectionVerdicts::displayName(ConnectionVerdict::Skipped)));
    QCOMPARE(m_profile->workspace->servers()->repository().find(server.id)->lastTestVerdict, QStringLiteral("fail"));
    GuiTest::screenshot(&dialog, QStringLiteral("connection-test-fail"));
}

void TestConnectionTestDialog::copiedReportHasNoToken()
{
    const ScimServer server = storedServer(Token);
    ConnectionTestDialog dialog(m_profile->workspace, server);
    dialog.show();
    auto* copy = dialog.findChild<QPushButton*>(QStringLiteral("copyReportButton"));
    QVERIFY(!copy->isEnabled());
    runDialog(dialog);
    QVERIFY(copy->isEnabled());
    QApplication::clipboard()->clear();
    QTest::mouseClick(copy, Qt::LeftButton);
    const QString text = QApplication::clipboard()->text();
    QVERIFY(text.contains(QStringLiteral("Emulated AWS")));
    QVERIFY(!text.contains(Token));
}

void TestConnectionTestDialog::writeRoundTripIsOptIn()
{
    const ScimServer server = storedServer(Token);
    ConnectionTestDialog dialog(m_profile->workspace, server);
    dialog.show();
    dialog.findChild<QCheckBox*>(QStringLiteral("writeRoundTripCheck"))->setChecked(true);
    const ConnectionReport report = runDialog(dialog);
    QVERIFY(report.writeRoundTripRequested);
    auto* write = stepItem(dialog.findChild<QTreeWidget*>(QStringLiteral("stepList")), ConnectionStep::WriteRoundTrip);
    QVERIFY2(write->text(1).startsWith(ConnectionVerdicts::displayName(ConnectionVerdict::Pass)),
        qPrintable(write->text(1)));
    QCOMPARE(m_emulator->userCount(), 0); // the temporary user is gone again
}

QTEST_MAIN(TestConnectionTestDialog)
#include "tst_connectiontestdialog.moc"
