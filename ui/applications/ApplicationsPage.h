#pragma once

#include "schedule/PlatformScheduler.h"
#include <QList>

#include <QWidget>

#include <memory>

class ApplicationEditDialog;
class ApplicationTableModel;
class QAction;
class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class ColumnFitter;
class QTableView;
class ScheduleDialog;
class Workspace;

// Application Manager: the applications of the profile, the SCIM server provisioning each,
// who is assigned and when it last synchronised; add, edit (pencil) and delete.
class ApplicationsPage : public QWidget
{
    Q_OBJECT

public:
    explicit ApplicationsPage(std::shared_ptr<Workspace> workspace, QWidget* parent = nullptr);

    QList<QAction*> pageActions() const { return m_actions; }
    qint64 selectedApplicationId() const;
    void selectApplication(qint64 id);

    // Open window-modal dialogs (open(), not exec()) and return them.
    ApplicationEditDialog* addApplication();
    ApplicationEditDialog* editApplication(qint64 id);
    ApplicationEditDialog* editSelected();
    // Schedule… for the selected application (nullptr when none is selected).
    ScheduleDialog* scheduleSelected();
    // Where Schedule… and the follow-ups of a rename or a delete find the platform's scheduler
    // entries (the platform's usual place unless a test points it elsewhere).
    void setSchedulerSetup(const PlatformScheduler::Setup& setup) { m_schedulerSetup = setup; }

public slots:
    void reload();

signals:
    void statusMessage(const QString& text);

protected:
    // The directory may have changed on another page: count the users in scope again.
    void showEvent(QShowEvent* event) override;

private slots:
    void deleteSelected();

private:
    void updateActions();
    void countUsersInScope();
    void installEditButtons();
    ApplicationEditDialog* openDialog(ApplicationEditDialog* dialog);
    std::shared_ptr<const PlatformScheduler> scheduler() const;
    // The scheduled run names the application (scimdesk-cli sync NAME --apply): after a rename
    // its entry is written again with the new name, after a delete it is removed (newName
    // empty), so a nightly run never fails on a name that no longer exists.
    void followSchedule(qint64 applicationId, const QString& newName);

    std::shared_ptr<Workspace> m_workspace;
    ApplicationTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    ColumnFitter* m_fitter = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_provisionAction = nullptr; // opens ProvisionUserDialog for the selected application
    QAction* m_scheduleAction = nullptr;
    QList<QAction*> m_actions;
    quint64 m_countGeneration = 0; // only the newest count is shown
    PlatformScheduler::Setup m_schedulerSetup;
};
