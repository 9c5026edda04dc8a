#include "ApplicationsPage.h"

#include "ApplicationEditDialog.h"
#include "ApplicationTableModel.h"
#include "ScopeCounter.h"
#include "provision/ProvisionUserDialog.h"
#include "schedule/PlatformScheduler.h"
#include "schedule/ScheduleDialog.h"
#include "schedule/ScheduleInstaller.h"
#include "servers/ServerCatalog.h"
#include "sources/SourceCatalog.h"
#include "storage/ApplicationRepository.h"
#include "widgets/AppIcons.h"
#include "widgets/ColumnFitter.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/EditIcons.h"
#include "widgets/PageHeader.h"
#include "widgets/RecordTable.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

ApplicationsPage::ApplicationsPage(std::shared_ptr<Workspace> workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(std::move(workspace))
    , m_model(new ApplicationTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_schedulerSetup(m_workspace->schedulerSetup())
{
    setObjectName(QStringLiteral("applicationsPage"));

    auto* header = new PageHeader(tr("Application Manager"),
        tr("The applications your users sign in to, and the SCIM server that provisions "
           "each of them. Click the pencil to change an application's settings."),
        this);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("applicationsTable"));
    m_table->setModel(m_proxy);
    RecordTable::setUp(m_table);
    m_table->sortByColumn(ApplicationTableModel::NameColumn, Qt::AscendingOrder);
    m_fitter = new ColumnFitter(m_table);
    m_fitter->keepWhole(ApplicationTableModel::EditColumn); // the pencil button
    m_fitter->cutLast(ApplicationTableModel::NameColumn);

    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName(QStringLiteral("applicationsEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setText(tr("<p><b>No applications yet.</b></p><p>Add the application your users sign in to, "
                             "for example AWS integrated through SAML, then choose the SCIM server that "
                             "provisions it.</p>"));

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(m_table);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(m_stack, 1);

    auto* addAction = new QAction(AppIcons::icon(QStringLiteral("add")), tr("&Add Application"), this);
    addAction->setObjectName(QStringLiteral("addApplicationAction"));
    addAction->setShortcut(QKeySequence::New);
    addAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(addAction, &QAction::triggered, this, &ApplicationsPage::addApplication);
    m_editAction = new QAction(EditIcons::pencil(), tr("&Edit"), this);
    m_editAction->setObjectName(QStringLiteral("editApplicationAction"));
    connect(m_editAction, &QAction::triggered, this, &ApplicationsPage::editSelected);
    m_deleteAction = new QAction(AppIcons::icon(QStringLiteral("delete")), tr("&Delete"), this);
    m_deleteAction->setObjectName(QStringLiteral("deleteApplicationAction"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteAction, &QAction::triggered, this, &ApplicationsPage::deleteSelected);
    m_provisionAction
        = new QAction(AppIcons::icon(QStringLiteral("provision-user")), tr("&Provision User\u2026"), this);
    m_provisionAction->setObjectName(QStringLiteral("provisionUserAction"));
    connect(m_provisionAction, &QAction::triggered, this, [this]() {
        auto* dialog = new ProvisionUserDialog(m_workspace, selectedApplicationId(), 0, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    m_scheduleAction = new QAction(AppIcons::icon(QStringLiteral("schedule")), tr("Sc&hedule\u2026"), this);
    m_scheduleAction->setObjectName(QStringLiteral("scheduleApplicationAction"));
    m_scheduleAction->setToolTip(tr("Run this application's sync on this computer at set times, without the window"));
    connect(m_scheduleAction, &QAction::triggered, this, &ApplicationsPage::scheduleSelected);
    m_actions = {addAction, m_editAction, m_deleteAction, m_provisionAction, m_scheduleAction};
    addActions(m_actions);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ApplicationsPage::updateActions);
    connect(m_table, &QTableView::doubleClicked, this, &ApplicationsPage::editSelected);
    connect(m_workspace.get(), &Workspace::applicationsChanged, this, &ApplicationsPage::reload);
    connect(m_workspace->servers(), &ServerCatalog::serversChanged, this, &ApplicationsPage::reload);
    connect(m_workspace->sources(), &SourceCatalog::sourcesChanged, this, &ApplicationsPage::reload);
    reload();
}

void ApplicationsPage::reload()
{
    const qint64 selected = selectedApplicationId();
    QHash<qint64, QString> serverNames;
    for (const auto& server : m_workspace->servers()->repository().list()) {
        serverNames.insert(server.id, server.name);
    }
    QHash<qint64, QString> sourceNames;
    for (const auto& source : m_workspace->sources()->repository().list()) {
        sourceNames.insert(source.id, source.name);
    }
    m_model->setApplications(m_workspace->applications().list(), serverNames, sourceNames);
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget*>(m_emptyLabel) : m_table);
    installEditButtons();
    m_fitter->refit();
    selectApplication(selected);
    updateActions();
    countUsersInScope();
}

void ApplicationsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!event->spontaneous()) {
        countUsersInScope();
    }
}

void ApplicationsPage::countUsersInScope()
{
    const QList<Application> applications = m_workspace->applications().list();
    if (applications.isEmpty()) {
        return;
    }
    const quint64 generation = ++m_countGeneration;
    m_model->setScopeCountsPending();
    ScopeCounter::countApplications(m_workspace->database(), applications, this,
        [this, generation](const QHash<qint64, int>& counts, const QString& error) {
            if (generation == m_countGeneration) {
                m_model->setScopeCounts(counts, error);
            }
        });
}

void ApplicationsPage::installEditButtons()
{
    // The seed flow's "pencil icon next to the application": one per row.
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, ApplicationTableModel::EditColumn);
        const qint64 id = index.data(ApplicationTableModel::ApplicationIdRole).toLongLong();
        auto* button = new QToolButton(m_table);
        button->setObjectName(QStringLiteral("editApplicationButton_%1").arg(id));
        button->setIcon(EditIcons::pencil());
        button->setAutoRaise(true);
        button->setToolTip(index.data(Qt::ToolTipRole).toString());
        button->setAccessibleName(button->toolTip());
        connect(button, &QToolButton::clicked, this, [this, id]() { editApplication(id); });
        m_table->setIndexWidget(index, button);
    }
}

qint64 ApplicationsPage::selectedApplicationId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(ApplicationTableModel::ApplicationIdRole).toLongLong();
}

void ApplicationsPage::selectApplication(qint64 id)
{
    const int row = m_model->rowOfApplication(id);
    if (row < 0) {
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->setCurrentIndex(index);
}

void ApplicationsPage::updateActions()
{
    const bool selected = selectedApplicationId() > 0;
    m_editAction->setEnabled(selected);
    m_deleteAction->setEnabled(selected);
    m_provisionAction->setEnabled(selected);
    m_scheduleAction->setEnabled(selected);
}

ScheduleDialog* ApplicationsPage::scheduleSelected()
{
    const auto application = m_workspace->applications().find(selectedApplicationId());
    if (!application) {
        return nullptr;
    }
    auto* dialog = new ScheduleDialog(application->id, application->name, scheduler(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ScheduleDialog::scheduleChanged, this, &ApplicationsPage::statusMessage);
    dialog->open();
    return dialog;
}

std::shared_ptr<const PlatformScheduler> ApplicationsPage::scheduler() const
{
    return PlatformScheduler::forThisPlatform(m_schedulerSetup);
}

void ApplicationsPage::followSchedule(qint64 applicationId, const QString& newName)
{
    auto* installer = new ScheduleInstaller(scheduler(), this);
    connect(installer, &ScheduleInstaller::finished, this, [this, installer, newName](const ScheduleOutcome& outcome) {
        emit statusMessage(newName.isEmpty()
                ? tr("Removed the deleted application's scheduled run. %1").arg(outcome.message)
                : tr("The scheduled run now names \u201c%1\u201d. %2").arg(newName, outcome.message));
        installer->deleteLater();
    });
    if (!installer->follow(applicationId, newName)) {
        delete installer;
    }
}

ApplicationEditDialog* ApplicationsPage::openDialog(ApplicationEditDialog* dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog]() {
        const qint64 id = dialog->savedApplicationId();
        selectApplication(id);
        if (const auto application = m_workspace->applications().find(id)) {
            emit statusMessage(tr("Saved the application \u201c%1\u201d.").arg(application->name));
            followSchedule(id, application->name);
        }
    });
    dialog->open();
    return dialog;
}

ApplicationEditDialog* ApplicationsPage::addApplication()
{
    return openDialog(new ApplicationEditDialog(m_workspace, Application(), this));
}

ApplicationEditDialog* ApplicationsPage::editApplication(qint64 id)
{
    const auto application = m_workspace->applications().find(id);
    if (!application) {
        return nullptr;
    }
    selectApplication(id);
    return openDialog(new ApplicationEditDialog(m_workspace, *application, this));
}

ApplicationEditDialog* ApplicationsPage::editSelected()
{
    return editApplication(selectedApplicationId());
}

void ApplicationsPage::deleteSelected()
{
    const auto application = m_workspace->applications().find(selectedApplicationId());
    if (!application) {
        return;
    }
    const bool confirmed
        = ConfirmationDialogs::confirm(this, QStringLiteral("confirmDeleteApplication"), tr("Delete Application"),
            tr("Delete the application \u201c%1\u201d? Nothing is removed from its SCIM server; ScimDesk only stops "
               "provisioning it.")
                .arg(application->name),
            {}, tr("Delete"));
    if (!confirmed) {
        return;
    }
    if (const auto status = m_workspace->applications().remove(application->id); !status) {
        ConfirmationDialogs::showError(
            this, QStringLiteral("deleteApplicationError"), tr("Delete Application"), status.error().message, {});
        return;
    }
    m_workspace->notifyApplicationsChanged();
    emit statusMessage(tr("Deleted the application \u201c%1\u201d.").arg(application->name));
    followSchedule(application->id, QString());
}
