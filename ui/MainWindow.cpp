#include "MainWindow.h"

#include "applications/ApplicationsPage.h"
#include "directory/DirectoryPage.h"
#include "help/AboutDialog.h"
#include "help/DocumentViewer.h"
#include "servers/ServersPage.h"
#include "servers/TokenExpiryNotice.h"
#include "sources/SourcesPage.h"
#include "sync/SyncPage.h"
#include "widgets/AppIcons.h"
#include "widgets/PageScrollArea.h"
#include "widgets/ScreenFit.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QProgressBar>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>

MainWindow::MainWindow(std::shared_ptr<Workspace> workspace, QWidget* parent)
    : QMainWindow(parent)
    , m_workspace(std::move(workspace))
    , m_settings(std::make_unique<QSettings>(
          QDir(m_workspace->profile().directory()).filePath(QStringLiteral("window.ini")), QSettings::IniFormat))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("ScimDesk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/scimdesk.svg")));

    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setMinimumWidth(180);
    m_navigation->setMaximumWidth(260);
    m_navigation->setAccessibleName(tr("Navigation"));

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    // The pages' tables need the width more than the navigation does on a small screen.
    splitter->setSizes({200, 1000});
    setCentralWidget(splitter);

    m_toolBar = addToolBar(tr("Page Actions"));
    m_toolBar->setObjectName(QStringLiteral("pageToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto* fileMenu = menuBar()->addMenu(tr("&File"));
    auto* quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setIcon(AppIcons::icon(QStringLiteral("quit")));
    buildHelpMenu();

    buildStatusBar();

    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::switchToPage);

    addPages();
    restoreState();
    for (const auto& warning : m_workspace->profile().warnings()) {
        showStatus(warning);
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::addPages()
{
    auto* servers = new ServersPage(m_workspace, this);
    connect(servers, &ServersPage::statusMessage, this, &MainWindow::showStatus);
    addPage(QStringLiteral("servers"), tr("SCIM Servers"), AppIcons::icon(QStringLiteral("nav-servers")), servers,
        servers->pageActions());

    auto* applications = new ApplicationsPage(m_workspace, this);
    connect(applications, &ApplicationsPage::statusMessage, this, &MainWindow::showStatus);
    addPage(QStringLiteral("applications"), tr("Application Manager"),
        AppIcons::icon(QStringLiteral("nav-applications")), applications, applications->pageActions());

    auto* sources = new SourcesPage(m_workspace, this);
    connect(sources, &SourcesPage::statusMessage, this, &MainWindow::showStatus);
    connect(sources, &SourcesPage::activity, this, &MainWindow::showActivity);
    addPage(QStringLiteral("sources"), tr("Directory Sources"), AppIcons::icon(QStringLiteral("nav-sources")), sources,
        sources->pageActions());

    auto* directory = new DirectoryPage(m_workspace, this);
    connect(directory, &DirectoryPage::statusMessage, this, &MainWindow::showStatus);
    addPage(QStringLiteral("directory"), tr("Directory"), AppIcons::icon(QStringLiteral("nav-directory")), directory,
        directory->pageActions());

    auto* sync = new SyncPage(m_workspace, this);
    connect(sync, &SyncPage::statusMessage, this, &MainWindow::showStatus);
    connect(sync, &SyncPage::activity, this, &MainWindow::showActivity);
    addPage(QStringLiteral("sync"), tr("Sync & Logs"), AppIcons::icon(QStringLiteral("nav-sync")), sync,
        sync->pageActions());
    connect(sources, &SourcesPage::browseRequested, this, [this, directory](qint64 sourceId) {
        directory->showSource(sourceId);
        showPage(QStringLiteral("directory"));
    });
    connect(servers, &ServersPage::syncRequested, this, [this, sync](qint64 serverId) {
        sync->selectApplicationOfServer(serverId);
        showPage(QStringLiteral("sync"));
    });
}

void MainWindow::addPage(
    const QString& objectName, const QString& title, const QIcon& icon, QWidget* page, const QList<QAction*>& actions)
{
    page->setObjectName(objectName + QStringLiteral("Page"));
    auto* item = new QListWidgetItem(icon, title, m_navigation);
    item->setData(Qt::UserRole, objectName);
    item->setSizeHint(QSize(item->sizeHint().width(), 34));
    // A page taller or wider than the window (800x500 logical px at QT_SCALE_FACTOR=2 on a 1600x1000
    // screen) scrolls instead of setting a minimum size that pushes the window off-screen. One scroll
    // area per page: the stack takes the largest height any page needs at its width, and a short page
    // must not scroll because a tall one is hidden.
    auto* scroll = new PageScrollArea(page);
    scroll->setObjectName(objectName + QStringLiteral("Scroll"));
    m_pages->addWidget(scroll);
    m_pageActions.append(actions);
    if (m_navigation->currentRow() < 0) {
        m_navigation->setCurrentRow(0);
    }
}

QStringList MainWindow::pageNames() const
{
    QStringList names;
    for (int i = 0; i < m_navigation->count(); ++i) {
        names << m_navigation->item(i)->data(Qt::UserRole).toString();
    }
    return names;
}

bool MainWindow::showPage(const QString& objectName)
{
    const int index = int(pageNames().indexOf(objectName));
    if (index < 0) {
        return false;
    }
    m_navigation->setCurrentRow(index);
    return true;
}

QString MainWindow::currentPageName() const
{
    const auto* item = m_navigation->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void MainWindow::switchToPage(int index)
{
    if (index < 0 || index >= m_pages->count()) {
        return;
    }
    m_pages->setCurrentIndex(index);
    m_toolBar->clear();
    for (auto* action : m_pageActions.at(index)) {
        m_toolBar->addAction(action);
    }
    m_toolBar->setVisible(!m_pageActions.at(index).isEmpty());
}

void MainWindow::showActivity(const QString& text, int done, int total)
{
    const bool busy = total >= 0;
    m_activityLabel->setVisible(busy);
    m_activityBar->setVisible(busy);
    if (!busy) {
        return;
    }
    m_activityLabel->setText(text);
    m_activityBar->setRange(0, total); // 0..0 shows a busy indicator
    m_activityBar->setValue(done);
}

void MainWindow::showStatus(const QString& text)
{
    statusBar()->showMessage(text, 10000);
}

void MainWindow::buildStatusBar()
{
    m_profileLabel = new QLabel(tr("Profile: %1").arg(QDir::toNativeSeparators(m_workspace->profile().directory())));
    m_profileLabel->setObjectName(QStringLiteral("profileLabel"));
    m_activityLabel = new QLabel(this);
    m_activityLabel->setObjectName(QStringLiteral("activityLabel"));
    m_activityBar = new QProgressBar(this);
    m_activityBar->setObjectName(QStringLiteral("activityBar"));
    m_activityBar->setMaximumWidth(160);
    m_activityBar->setTextVisible(false);
    statusBar()->addPermanentWidget(new TokenExpiryNotice(m_workspace->servers(), this));
    statusBar()->addPermanentWidget(m_activityLabel);
    statusBar()->addPermanentWidget(m_activityBar);
    showActivity(QString(), 0, -1);
    statusBar()->addPermanentWidget(m_profileLabel);
    statusBar()->setObjectName(QStringLiteral("statusBar"));
}

void MainWindow::buildHelpMenu()
{
    auto* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(QStringLiteral("helpMenu"));
    auto addDocument = [this, helpMenu](const QString& objectName, const QString& icon, const QString& text,
                           const QString& document) {
        auto* action
            = helpMenu->addAction(AppIcons::icon(icon), text, this, [this, document] { openDocument(document); });
        action->setObjectName(objectName);
        return action;
    };
    addDocument(QStringLiteral("userGuideAction"), QStringLiteral("documentation"), tr("&User Guide"),
        QStringLiteral("docs/user-guide.md"))
        ->setShortcut(QKeySequence::HelpContents);
    addDocument(QStringLiteral("cliReferenceAction"), QStringLiteral("terminal"), tr("&Command-Line Reference"),
        QStringLiteral("docs/cli.md"));
    addDocument(QStringLiteral("directorySourcesHelpAction"), QStringLiteral("nav-directory"), tr("&Directory Sources"),
        QStringLiteral("docs/directory-sources.md"));
    addDocument(QStringLiteral("expressionsHelpAction"), QStringLiteral("documentation"), tr("&Expressions"),
        QStringLiteral("docs/expressions.md"));
    helpMenu->addSeparator();
    auto* aboutAction = helpMenu->addAction(
        AppIcons::icon(QStringLiteral("about")), tr("&About ScimDesk"), this, &MainWindow::showAbout);
    aboutAction->setObjectName(QStringLiteral("aboutAction"));
}

DocumentViewer* MainWindow::openDocument(const QString& document)
{
    auto* viewer = new DocumentViewer(document, this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->show();
    return viewer;
}

AboutDialog* MainWindow::showAbout()
{
    auto* about = new AboutDialog(this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->open();
    return about;
}

void MainWindow::restoreState()
{
    if (!restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray())) {
        ScreenFit::resizeWithin(this, QSize(1280, 800));
    }
    showPage(m_settings->value(QStringLiteral("window/page")).toString());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/page"), currentPageName());
    m_settings->sync();
    event->accept();
}
