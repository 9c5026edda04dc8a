#pragma once

#include <QList>
#include <QWidget>

#include <memory>

class CsvImportDialog;
class DirectoryGroupModel;
class DirectoryRepository;
class DirectoryUserModel;
class GroupEditDialog;
class QAction;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;
class QTimer;
class UserEditDialog;
class Workspace;

// Directory: the embedded directory's users and groups in two tables that read the
// database a page at a time (fine with 100,000 users), a debounced search, add/edit/delete,
// group membership editing, and CSV import and export.
class DirectoryPage : public QWidget
{
    Q_OBJECT

public:
    explicit DirectoryPage(std::shared_ptr<Workspace> workspace, QWidget* parent = nullptr);
    ~DirectoryPage() override;

    QList<QAction*> pageActions() const { return m_actions; }
    DirectoryRepository& repository() const { return *m_repository; }
    DirectoryUserModel* userModel() const { return m_users; }
    DirectoryGroupModel* groupModel() const { return m_groups; }
    bool showingGroups() const;

    // The dialogs open window-modal (open(), not exec()) and are returned for tests.
    UserEditDialog* addUser();
    GroupEditDialog* addGroup();
    QDialog* editSelected();
    CsvImportDialog* importCsv();
    // Writes users or groups as CSV off the GUI thread; exportFinished follows.
    void exportTo(const QString& path, bool groups);

public slots:
    void reload();
    void deleteSelected();

signals:
    void statusMessage(const QString& text);
    void exportFinished(bool succeeded, const QString& message);
    void searchApplied();

private:
    void applySearch();
    void updateCounts();
    void updateActions();
    void exportCsv();

    std::shared_ptr<Workspace> m_workspace;
    std::unique_ptr<DirectoryRepository> m_repository;
    DirectoryUserModel* m_users = nullptr;
    DirectoryGroupModel* m_groups = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableView* m_userTable = nullptr;
    QTableView* m_groupTable = nullptr;
    QLineEdit* m_search = nullptr;
    QTimer* m_searchTimer = nullptr;
    QLabel* m_countLabel = nullptr;
    QAction* m_addUserAction = nullptr;
    QAction* m_addGroupAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_importAction = nullptr;
    QAction* m_exportAction = nullptr;
    QList<QAction*> m_actions;
};
