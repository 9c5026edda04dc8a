#pragma once

#include <QList>
#include <QMainWindow>

#include <memory>

class AboutDialog;
class DocumentViewer;
class QAction;
class QLabel;
class QProgressBar;
class QListWidget;
class QSettings;
class QStackedWidget;
class QToolBar;
class Workspace;

// The application window: a navigation list on the left, the current page on the right,
// the page's actions in the toolbar and background activity in the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(std::shared_ptr<Workspace> workspace, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Adds a page under the given navigation entry; its actions appear in the toolbar while it is shown.
    void addPage(const QString& objectName, const QString& title, const QIcon& icon, QWidget* page,
        const QList<QAction*>& actions);
    QStringList pageNames() const;
    bool showPage(const QString& objectName);
    QString currentPageName() const;

public slots:
    void showStatus(const QString& text);
    // A running background job in the status bar (total -1: none; 0: size not known yet).
    void showActivity(const QString& text, int done, int total);
    AboutDialog* showAbout();
    // Opens README.md or a file under docs/ in the documentation viewer.
    DocumentViewer* openDocument(const QString& document);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildHelpMenu();
    void buildStatusBar();
    void addPages();
    void switchToPage(int index);
    void restoreState();

    std::shared_ptr<Workspace> m_workspace;
    std::unique_ptr<QSettings> m_settings;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_pages = nullptr;
    QToolBar* m_toolBar = nullptr;
    QLabel* m_profileLabel = nullptr;
    QLabel* m_activityLabel = nullptr;
    QProgressBar* m_activityBar = nullptr;
    QList<QList<QAction*>> m_pageActions;
};
