// `scimdesk --demo` (README's "Try it without an AWS account"): in-process through the same
// GuiSession main() uses, and as the real binary, offscreen, with a throwaway profile folder.
#include "DemoEnvironment.h"
#include "GuiSession.h"
#include "MainWindow.h"
#include "storage/ApplicationRepository.h"
#include "workspace/Workspace.h"

#include <QAbstractItemModel>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {
bool tableHas(const QTableView* table, const QString& text)
{
    const QAbstractItemModel* model = table->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            if (model->index(row, column).data().toString() == text)
                return true;
        }
    }
    return false;
}
} // namespace

class TestGuiDemo : public QObject
{
    Q_OBJECT

private slots:
    void demoOptionIsParsed();
    void unknownOptionIsRefusedWithUsage();
    void demoWindowShowsSandboxServerAndApplication();
    void binaryStartsTheDemo();
};

void TestGuiDemo::demoOptionIsParsed()
{
    const auto options = GuiSession::parseArguments(
        {QStringLiteral("scimdesk"), QStringLiteral("--demo"), QStringLiteral("--profile"), QStringLiteral("/tmp/x")});
    QVERIFY2(options, options ? "" : qPrintable(options.error()));
    QVERIFY(options->demo);
    QCOMPARE(options->profile, QStringLiteral("/tmp/x"));
}

void TestGuiDemo::unknownOptionIsRefusedWithUsage()
{
    const auto options = GuiSession::parseArguments({QStringLiteral("scimdesk"), QStringLiteral("--dmeo")});
    QVERIFY(!options);
    QVERIFY2(options.error().contains(QStringLiteral("dmeo")), qPrintable(options.error()));
    QVERIFY(options.error().contains(QStringLiteral("--demo")));
}

void TestGuiDemo::demoWindowShowsSandboxServerAndApplication()
{
    QTemporaryDir folder;
    GuiSession session;
    GuiSession::Options options;
    options.demo = true;
    options.profile = folder.filePath(QStringLiteral("demo"));
    const auto window = session.open(options);
    QVERIFY2(window, window ? "" : qPrintable(window.error()));
    window.value()->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.value()));
    QVERIFY(window.value()->windowTitle().contains(QStringLiteral("demo")));
    QVERIFY(session.demoDescription().contains(QStringLiteral("sandbox at http://127.0.0.1:")));

    auto* servers = window.value()->findChild<QTableView*>(QStringLiteral("serversTable"));
    auto* applications = window.value()->findChild<QTableView*>(QStringLiteral("applicationsTable"));
    QVERIFY(servers && applications);
    QVERIFY(tableHas(servers, QLatin1String(DemoEnvironment::serverName)));
    QVERIFY(tableHas(applications, QLatin1String(DemoEnvironment::applicationName)));
    const auto application
        = session.workspace()->applications().findByName(QLatin1String(DemoEnvironment::applicationName));
    QVERIFY(application);
    QVERIFY(application->scimServerId > 0);
}

void TestGuiDemo::binaryStartsTheDemo()
{
    QTemporaryDir folder;
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    gui.setProcessEnvironment(env);
    QByteArray said;
    connect(&gui, &QProcess::readyReadStandardError, this, [&] { said += gui.readAllStandardError(); });
    gui.start(QStringLiteral(SCIMDESK_GUI_PATH),
        {QStringLiteral("--demo"), QStringLiteral("--profile"), folder.filePath(QStringLiteral("demo"))});
    QVERIFY(gui.waitForStarted());
    // It says where its sandbox listens once the demo profile is ready, then keeps running.
    QTRY_VERIFY_WITH_TIMEOUT(
        said.contains("sandbox at http://127.0.0.1:") || gui.state() == QProcess::NotRunning, 60000);
    QVERIFY2(gui.state() == QProcess::Running, said.constData());
    QVERIFY(!said.contains("Unknown option"));
    gui.terminate();
    QVERIFY(gui.waitForFinished(30000));
}

QTEST_MAIN(TestGuiDemo)
#include "tst_guidemo.moc"
