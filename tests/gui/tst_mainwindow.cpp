#include "GuiTestSupport.h"

#include "MainWindow.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QListWidget>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTest>
#include <QToolBar>

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void opensWithPagesListed();
};

void TestMainWindow::opensWithPagesListed()
{
    GuiTestProfile profile;
    QVERIFY(profile.workspace);
    QVERIFY(profile.createServer(GuiTest::awsServer(), QStringLiteral("token")) > 0);
    MainWindow window(profile.workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const QStringList pages = window.pageNames();
    QVERIFY(pages.contains(QStringLiteral("servers")));
    QVERIFY(pages.contains(QStringLiteral("applications")));
    auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigation"));
    QCOMPARE(navigation->count(), int(pages.size()));
    GuiTest::screenshot(&window, QStringLiteral("main-window-servers"));

    auto* toolBar = window.findChild<QToolBar*>(QStringLiteral("pageToolBar"));
    QVERIFY(window.showPage(QStringLiteral("servers")));
    QVERIFY(toolBar->actions().contains(window.findChild<QAction*>(QStringLiteral("addServerAction"))));

    QVERIFY(window.showPage(QStringLiteral("applications")));
    QCOMPARE(window.currentPageName(), QStringLiteral("applications"));
    auto* stack = window.findChild<QStackedWidget*>(QStringLiteral("pages"));
    // Each page sits in its own scroll area (for screens smaller than the page).
    auto* scroll = qobject_cast<QScrollArea*>(stack->currentWidget());
    QVERIFY(scroll);
    QCOMPARE(scroll->widget()->objectName(), QStringLiteral("applicationsPage"));
    auto* addApplication = window.findChild<QAction*>(QStringLiteral("addApplicationAction"));
    QVERIFY(toolBar->actions().contains(addApplication));
    QTRY_VERIFY(toolBar->widgetForAction(addApplication) && toolBar->widgetForAction(addApplication)->isVisible());
    GuiTest::screenshot(&window, QStringLiteral("main-window-applications"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
