#pragma once

#include <QHash>
#include <QList>
#include <QWidget>

#include <memory>

class AddSourceWizard;
class QAction;
class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class ColumnFitter;
class QTableView;
class SourceEditDialog;
class SourceReadJob;
class SourceTableModel;
class SourceTestDialog;
class Workspace;

// Directory Sources: the Active Directory and LDAP directories of the profile, with their type,
// URL, base DN, the applications reading from them and their last read (when, how many users
// and groups, the result); Add, Edit, Delete (refused while an application uses the source), Test
// Connection and Read Now.
class SourcesPage : public QWidget
{
    Q_OBJECT

public:
    explicit SourcesPage(std::shared_ptr<Workspace> workspace, QWidget* parent = nullptr);
    ~SourcesPage() override;

    QList<QAction*> pageActions() const { return m_actions; }
    SourceTableModel* model() const { return m_model; }
    qint64 selectedSourceId() const;
    void selectSource(qint64 id);
    bool isReading(qint64 sourceId) const { return m_reads.contains(sourceId); }

    // The dialogs open window-modal (open(), not exec()) and are returned for tests.
    AddSourceWizard* addSource();
    SourceEditDialog* editSelected();
    SourceTestDialog* testSelected();
    // Reads the selected source now (incrementally when possible); readFinished follows.
    // Read Now (only what changed, when the last read allows it) or Read Fully (full).
    void readSelected(bool full = false);

public slots:
    void reload();
    void deleteSelected();

signals:
    void statusMessage(const QString& text);
    void activity(const QString& text, int done, int total);
    void readFinished(qint64 sourceId, bool succeeded);
    // "Show Users and Groups": the Directory page with this source.
    void browseRequested(qint64 sourceId);

private:
    void createActions();
    void updateActions();
    void updateActivity();
    void updateDetails();

    std::shared_ptr<Workspace> m_workspace;
    SourceTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    ColumnFitter* m_fitter = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QLabel* m_details = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_testAction = nullptr;
    QAction* m_readAction = nullptr;
    QAction* m_readFullyAction = nullptr;
    QAction* m_browseAction = nullptr;
    QList<QAction*> m_actions;
    QHash<qint64, SourceReadJob*> m_reads;
};
