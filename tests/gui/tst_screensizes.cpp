// Issue 14, "Every screen size", over the demo profile: on every page the main window's minimum
// fits an 800x500 logical screen (QT_SCALE_FACTOR=2 on 1600x1000) and a 1024x700 one, each page's
// content starts right under its title, and the dialogs the GUI opens fit the screen they open on.
// Registered twice (tests/gui/CMakeLists.txt): on an offscreen 1024x700 screen and on an offscreen
// 1600x1000 screen at QT_SCALE_FACTOR=2.
#include "DemoEnvironment.h"
#include "MainWindow.h"
#include "applications/ApplicationEditDialog.h"
#include "applications/ApplicationsPage.h"
#include "connection/ConnectionTestDialog.h"
#include "directory/CsvImportDialog.h"
#include "directory/DirectoryPage.h"
#include "directory/GroupEditDialog.h"
#include "directory/UserEditDialog.h"
#include "help/AboutDialog.h"
#include "help/DocumentViewer.h"
#include "provision/ProvisionUserDialog.h"
#include "schedule/ScheduleDialog.h"
#include "schedule/SystemdUserScheduler.h"
#include "servers/ServerCatalog.h"
#include "servers/ServerEditDialog.h"
#include "servers/ServersPage.h"
#include "servers/TokenRotationDialog.h"
#include "sources/AddSourceWizard.h"
#include "sources/SourceEditDialog.h"
#include "sources/SourceTestDialog.h"
#include "sources/SourcesPage.h"
#include "storage/ApplicationRepository.h"
#include "sync/ObjectHistoryDialog.h"
#include "sync/PlanRequestDialog.h"
#include "sync/SyncHistoryView.h"
#include "sync/SyncPage.h"
#include "sync/SyncPlanView.h"
#include "sync/SyncRunDialog.h"
#include "sync/TypedConfirmationDialog.h"
#include "widgets/NoticeDialog.h"
#include "widgets/PageHeader.h"
#include "wizard/AddServerWizard.h"
#include "wizard/MappingPreviewDialog.h"
#include "wizard/ScimAttributesEditor.h"
#include "workspace/Workspace.h"

#include <QDialog>
#include <QLabel>
#include <QLayout>
#include <QPointer>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidgetItem>

namespace {
// What ScreenFit leaves for the title bar and borders a window manager adds (the offscreen
// screens have none): a window whose minimum plus this fits is usable on a real desktop too.
const QSize FrameRoom(16, 48);

QString text(const QSize& size)
{
    return QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
}

QSize minimumOf(const QWidget* window)
{
    return window->minimumSizeHint().expandedTo(window->minimumSize());
}

bool fitsIn(const QSize& size, const QSize& screen)
{
    return size.width() + FrameRoom.width() <= screen.width() && size.height() + FrameRoom.height() <= screen.height();
}

// Empty when the window lies on its screen's available area, could be made that small with its
// frame, and shows every named child (its buttons) inside itself.
QString offScreen(QWidget* window, const QStringList& children = {})
{
    QCoreApplication::sendPostedEvents();
    const QRect screen = window->screen()->availableGeometry();
    const QString name = window->objectName().isEmpty() ? QString::fromLatin1(window->metaObject()->className())
                                                        : window->objectName();
    qInfo("%s: size %s, minimum %s, screen %s", qPrintable(name), qPrintable(text(window->size())),
        qPrintable(text(minimumOf(window))), qPrintable(text(screen.size())));
    // For looking at them (scripts/screenshots): <name>-<screen>.png.
    const QString shots = qEnvironmentVariable("SCIMDESK_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        QCoreApplication::processEvents();
        window->grab().save(QStringLiteral("%1/fit-%2-%3.png").arg(shots, name, text(screen.size())));
    }
    if (!screen.contains(window->frameGeometry())) {
        return QStringLiteral("%1 at %2 is outside the screen's %3")
            .arg(name, text(window->frameGeometry().size()), text(screen.size()));
    }
    if (!fitsIn(minimumOf(window), screen.size())) {
        return QStringLiteral("%1 needs at least %2 of a %3 screen")
            .arg(name, text(minimumOf(window)), text(screen.size()));
    }
    for (const QString& childName : children) {
        auto* child = window->findChild<QWidget*>(childName);
        if (!child || !child->isVisible()) {
            return QStringLiteral("%1 of %2 is missing or hidden").arg(childName, name);
        }
        const QRect inWindow(child->mapTo(window, QPoint(0, 0)), child->size());
        if (!window->rect().contains(inWindow)) {
            return QStringLiteral("%1 is outside %2").arg(childName, name);
        }
    }
    return {};
}

// The gap between a page's title and the first widget under its header, less what the header's
// explanation needs at its width: what a person sees as an empty band under the title.
int bandUnderTitle(QWidget* page)
{
    auto* header = page->findChild<PageHeader*>();
    auto* subtitle = header->findChild<QLabel*>(QStringLiteral("pageSubtitle"));
    QLayout* layout = page->layout();
    int below = -1;
    for (int i = 0; i + 1 < layout->count(); ++i) {
        if (layout->itemAt(i)->widget() == header) {
            below = layout->itemAt(i + 1)->geometry().top();
        }
    }
    const int titleBottom = header->mapTo(page, header->titleLabel()->geometry().bottomLeft()).y();
    const int spacing = header->layout()->spacing() + layout->spacing();
    return below - titleBottom - 1 - subtitle->heightForWidth(subtitle->width()) - spacing;
}
// Where the window is large enough for a page's minimum, nothing scrolls: at 1024x700 the Sync
// page's tables shrink to fit instead of the page scrolling its buttons out of view (a page with
// wrapped labels used to get its preferred height for its width, once its tables held rows).
void verifyNoNeedlessScrolling(MainWindow& window, const QString& page)
{
    auto* shown = window.findChild<QWidget*>(page + QStringLiteral("Page"));
    auto* scroll = window.findChild<QScrollArea*>(page + QStringLiteral("Scroll"));
    QVERIFY(shown && scroll);
    QCoreApplication::sendPostedEvents();
    const QSize room = scroll->maximumViewportSize();
    qInfo("%s: page minimum %s in a viewport of %s", qPrintable(page), qPrintable(text(shown->minimumSizeHint())),
        qPrintable(text(room)));
    if (fitsIn(shown->minimumSizeHint(), room)) {
        QVERIFY2(!scroll->verticalScrollBar()->isVisible(), qPrintable(page));
        QCOMPARE(shown->size(), room);
    }
}

} // namespace

class TestScreenSizes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void mainWindowFitsOnEveryPage();
    void contentStartsUnderTheTitle();
    void dialogsFitTheScreen();
    void syncDialogsFitTheScreen();

private:
    QTemporaryDir m_folder;
    DemoEnvironment m_demo;
    std::shared_ptr<Workspace> m_workspace;
    qint64 m_application = 0;
};

void TestScreenSizes::initTestCase()
{
    auto started = m_demo.start(m_folder.filePath(QStringLiteral("demo")));
    QVERIFY2(started, started ? "" : qPrintable(started.error()));
    m_workspace = started.value();
    const auto application = m_workspace->applications().findByName(QLatin1String(DemoEnvironment::applicationName));
    QVERIFY(application);
    m_application = application->id;
    const QScreen* screen = QGuiApplication::primaryScreen();
    qInfo("screen %s logical px available (device pixel ratio %.1f)",
        qPrintable(text(screen->availableGeometry().size())), screen->devicePixelRatio());
}

void TestScreenSizes::mainWindowFitsOnEveryPage()
{
    MainWindow window(m_workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (const QString& page : window.pageNames()) {
        QVERIFY(window.showPage(page));
        QCoreApplication::sendPostedEvents();
        const QSize minimum = minimumOf(&window);
        qInfo("%s: window minimum %s", qPrintable(page), qPrintable(text(minimum)));
        QVERIFY2(fitsIn(minimum, QSize(800, 500)), qPrintable(page + QStringLiteral(": ") + text(minimum)));
        QVERIFY2(fitsIn(minimum, QSize(1024, 700)), qPrintable(page + QStringLiteral(": ") + text(minimum)));
        const QString problem = offScreen(&window);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // The page itself is shown (scrolled when the window is smaller than it), not cut off.
        auto* shown = window.findChild<QWidget*>(page + QStringLiteral("Page"));
        QVERIFY(shown && shown->isVisible());
        QVERIFY(shown->height() >= shown->minimumSizeHint().height());
        verifyNoNeedlessScrolling(window, page);
    }
}

void TestScreenSizes::contentStartsUnderTheTitle()
{
    MainWindow window(m_workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // As a screenshot or the first paint does: the hidden pages get their pending resize events.
    window.grab();
    for (const QString& name : window.pageNames()) {
        QVERIFY(window.showPage(name));
        auto* page = window.findChild<QWidget*>(name + QStringLiteral("Page"));
        // What the first paint after the switch shows, then after the layout settled.
        const int atOnce = bandUnderTitle(page);
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        const int settled = bandUnderTitle(page);
        qInfo("%s: band under the title %d px at once, %d px settled", qPrintable(name), atOnce, settled);
        QVERIFY2(atOnce <= 4, qPrintable(QStringLiteral("%1: %2 px").arg(name).arg(atOnce)));
        QVERIFY2(settled <= 4, qPrintable(QStringLiteral("%1: %2 px").arg(name).arg(settled)));
    }
}

void TestScreenSizes::dialogsFitTheScreen()
{
    MainWindow window(m_workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto check = [](QDialog* dialog, const QStringList& buttons = {}) {
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        const QString problem = offScreen(dialog, buttons);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    };

    auto* servers = window.findChild<ServersPage*>();
    const ScimServer server = m_workspace->servers()->repository().list().first();
    servers->selectServer(server.id);
    QPointer<AddServerWizard> wizard = servers->addServer();
    check(wizard);
    wizard->reject();
    QPointer<ServerEditDialog> edit = servers->editSelected();
    check(edit, {QStringLiteral("saveButton")});
    for (int tab = 0; tab < edit->tabs()->count(); ++tab) {
        edit->tabs()->setCurrentIndex(tab);
        check(edit, {QStringLiteral("saveButton")});
    }
    check(edit->findChild<ScimAttributesEditor*>()->openPreview());
    check(edit->rotateToken(), {QStringLiteral("useNewTokenButton")});
    edit->reject();
    QPointer<ConnectionTestDialog> test = servers->testSelected();
    QVERIFY(test);
    QSignalSpy tested(test.data(), &ConnectionTestDialog::finished);
    QVERIFY(tested.count() > 0 || tested.wait(60000));
    check(test);
    test->close();

    auto* applications = window.findChild<ApplicationsPage*>();
    check(applications->addApplication(), {QStringLiteral("cancelButton")});
    check(applications->editApplication(m_application),
        {QStringLiteral("updateSettingsButton"), QStringLiteral("cancelButton")});
    auto* provision = new ProvisionUserDialog(m_workspace, m_application, 0, &window);
    provision->show();
    check(provision);
    auto scheduler = std::make_shared<SystemdUserScheduler>(
        PlatformScheduler::Setup {QStringLiteral("/usr/bin/scimdesk-cli"), m_folder.path(), m_folder.path(), {}});
    auto* schedule = new ScheduleDialog(m_application, QStringLiteral("AWS (demo)"), scheduler, &window);
    schedule->show();
    check(schedule, {QStringLiteral("saveScheduleButton")});

    auto* directory = window.findChild<DirectoryPage*>();
    check(directory->addUser());
    check(directory->addGroup());
    check(directory->importCsv());
    check(window.findChild<SourcesPage*>()->addSource());
    DirectorySource source;
    source.name = QStringLiteral("Corporate LDAP");
    auto* editSource = new SourceEditDialog(m_workspace, source, &window);
    editSource->show();
    check(editSource, {QStringLiteral("saveButton"), QStringLiteral("cancelButton")});
    // The guided source test after a failed step (nothing listens on port 1): its cause and fix
    // shown, the buttons on screen.
    source.url = QStringLiteral("ldap://127.0.0.1:1");
    source.baseDn = QStringLiteral("dc=example,dc=com");
    auto* sourceTest = new SourceTestDialog(m_workspace, source, QString(), &window);
    QSignalSpy sourceTested(sourceTest, &SourceTestDialog::finished);
    sourceTest->show();
    sourceTest->start();
    QVERIFY(sourceTested.count() > 0 || sourceTested.wait(60000));
    QVERIFY(sourceTest->report().hasFailure());
    check(sourceTest, {QStringLiteral("copyReportButton"), QStringLiteral("closeButton")});
    check(window.showAbout());
    check(window.openDocument(QStringLiteral("docs/user-guide.md")));

    QStringList details;
    for (int i = 0; i < 45; ++i) {
        details << QStringLiteral("SCIM attribute %1: from the directory's attribute %1").arg(i);
    }
    auto* notice = new NoticeDialog(QStringLiteral("Apply Server Type?"),
        QStringLiteral("Selecting it will overwrite settings."), details, QStringLiteral("Continue"), details, &window);
    notice->show();
    check(notice, {QStringLiteral("continueButton"), QStringLiteral("cancelButton")});
    auto* confirm = new TypedConfirmationDialog(QStringLiteral("Delete 40 users?"),
        QStringLiteral("Type the application's name to delete 40 users from AWS."), QStringLiteral("AWS (demo)"),
        &window);
    confirm->show();
    check(confirm);
}

void TestScreenSizes::syncDialogsFitTheScreen()
{
    MainWindow window(m_workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.showPage(QStringLiteral("sync")));
    auto* sync = window.findChild<SyncPage*>();
    QVERIFY(sync->selectApplication(m_application));
    QSignalSpy previewed(sync, &SyncPage::previewFinished);
    sync->preview();
    QVERIFY(previewed.wait(120000));
    auto* tree = sync->findChild<SyncPlanView*>(QStringLiteral("planTree"));
    QTreeWidgetItem* creates = tree->groupItem(QStringLiteral("Create users"));
    QVERIFY(creates && creates->childCount() > 0);
    tree->setCurrentItem(creates->child(0));
    auto* request = sync->showSelectedRequest();
    QVERIFY(request);
    QString problem = offScreen(request);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    request->close();

    QSignalSpy applied(sync, &SyncPage::applyFinished);
    sync->apply();
    QVERIFY(applied.wait(180000));
    SyncHistoryView* history = sync->history();
    if (history->isLoading()) {
        QSignalSpy loaded(history, &SyncHistoryView::loaded);
        QVERIFY(loaded.wait(60000));
    }
    auto* tabs = sync->findChild<QTabWidget*>();
    QVERIFY(tabs);
    tabs->setCurrentWidget(history);
    verifyNoNeedlessScrolling(window, QStringLiteral("sync"));
    SyncRunDialog* run = sync->openRun(0);
    QVERIFY(run);
    QTRY_VERIFY(run->isVisible());
    problem = offScreen(run);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    run->close();
    ObjectHistoryDialog* object = history->openObjectHistory(QStringLiteral("aallen@example.com"));
    QVERIFY(object);
    QTRY_VERIFY(object->isVisible());
    problem = offScreen(object);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QTEST_MAIN(TestScreenSizes)
#include "tst_screensizes.moc"
