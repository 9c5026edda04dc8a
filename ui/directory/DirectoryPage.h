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
class SourceChooser;
class QTabWidget;
class ColumnFitter;
class QTableView;
class QTimer;
class UserEditDialog;
class Workspace;

// Directory: the users and groups of the embedded directory, or of a directory source's last read,
// in two tables that read the database a page at a time (fine with 100,000 users), with a
// debounced search and CSV export. The embedded directory is edited here (add/edit/delete, group
// membership, CSV import); a live source is read-only — it shows each entry's DN and anchor and
// can be read again.
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
    // 0: the embedded directory.
    qint64 currentSourceId() const;
    // Shows the embedded directory (0) or a source; false when there is no such source.
    bool showSource(qint64 sourceId);
    // Reads the shown source now; sourceReadFinished follows.
    void readSource();

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
    void sourceReadFinished(bool succeeded);

private:
    void createActions();
    void sourceChosen();
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
    ColumnFitter* m_userFitter = nullptr;
    ColumnFitter* m_groupFitter = nullptr;
    QLineEdit* m_search = nullptr;
    QTimer* m_searchTimer = nullptr;
    QLabel* m_countLabel = nullptr;
    SourceChooser* m_chooser = nullptr;
    QAction* m_addUserAction = nullptr;
    QAction* m_addGroupAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_importAction = nullptr;
    QAction* m_exportAction = nullptr;
    QList<QAction*> m_actions;
};
