#pragma once

#include <QList>
#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class ColumnFitter;
class QTableView;
class AddServerWizard;
class ConnectionTestDialog;
class ServerEditDialog;
class ServerTableModel;
class Workspace;

struct ScimServer;

// SCIM Servers: the servers of the profile with their type, URL, authentication, the
// applications using them, the last connection test and the token's age.
class ServersPage : public QWidget
{
    Q_OBJECT

public:
    explicit ServersPage(std::shared_ptr<Workspace> workspace, QWidget* parent = nullptr);

    QList<QAction*> pageActions() const { return m_actions; }
    qint64 selectedServerId() const;
    void selectServer(qint64 id);

    // Open modeless-to-the-test but window-modal dialogs (open(), not exec()) and return them.
    AddServerWizard* addServer();
    ServerEditDialog* editSelected();
    AddServerWizard* duplicateSelected();
    ConnectionTestDialog* testSelected();

public slots:
    void reload();

signals:
    void statusMessage(const QString& text);
    // "Sync" on a server: show the Sync page for an application it provisions.
    void syncRequested(qint64 serverId);

private slots:
    void deleteSelected();

private:
    void updateActions();
    AddServerWizard* openWizard(const ScimServer& prefill);

    std::shared_ptr<Workspace> m_workspace;
    ServerTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    ColumnFitter* m_fitter = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QAction* m_addAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_duplicateAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_testAction = nullptr;
    QAction* m_syncAction = nullptr;
    QList<QAction*> m_actions;
};
