#include "ServersPage.h"

#include "ServerEditDialog.h"
#include "ServerTableModel.h"
#include "connection/ConnectionTestDialog.h"
#include "servers/ServerCatalog.h"
#include "storage/ApplicationRepository.h"
#include "widgets/AppIcons.h"
#include "widgets/ColumnFitter.h"
#include "widgets/EditIcons.h"
#include "widgets/ElideMiddleDelegate.h"
#include "widgets/PageHeader.h"
#include "widgets/RecordTable.h"
#include "wizard/AddServerWizard.h"
#include "wizard/ServerDraft.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

ServersPage::ServersPage(std::shared_ptr<Workspace> workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(std::move(workspace))
    , m_model(new ServerTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("serversPage"));

    auto* header = new PageHeader(tr("SCIM Servers"),
        tr("The SCIM 2.0 service providers ScimDesk provisions users and groups to. Tokens are kept in the "
           "system keychain."),
        this);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("serversTable"));
    m_table->setModel(m_proxy);
    RecordTable::setUp(m_table);
    m_table->sortByColumn(ServerTableModel::NameColumn, Qt::AscendingOrder);
    // URLs differ in their tenant id, not in their scheme and host: keep both ends visible. The
    // URL gives up its width first (its tooltip shows it whole), so the token's expiry stays legible.
    m_table->setItemDelegateForColumn(ServerTableModel::UrlColumn, new ElideMiddleDelegate(m_table));
    m_fitter = new ColumnFitter(m_table);
    m_fitter->cutFirst(ServerTableModel::UrlColumn);
    m_fitter->cutLast(ServerTableModel::NameColumn); // which server a row is

    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName(QStringLiteral("serversEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setText(tr("<p><b>No SCIM servers yet.</b></p><p>Add the SCIM endpoint and access token of the "
                             "service you provision to, for example AWS IAM Identity Center "
                             "(IAM Identity Center \u2192 Settings \u2192 Automatic provisioning).</p>"));

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(m_table);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(m_stack, 1);

    m_addAction = new QAction(AppIcons::icon(QStringLiteral("add")), tr("&Add Server"), this);
    m_addAction->setObjectName(QStringLiteral("addServerAction"));
    m_addAction->setShortcut(QKeySequence::New);
    m_addAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_addAction, &QAction::triggered, this, &ServersPage::addServer);
    m_editAction = new QAction(EditIcons::pencil(), tr("&Edit"), this);
    m_editAction->setObjectName(QStringLiteral("editServerAction"));
    connect(m_editAction, &QAction::triggered, this, &ServersPage::editSelected);
    m_duplicateAction = new QAction(AppIcons::icon(QStringLiteral("duplicate")), tr("D&uplicate"), this);
    m_duplicateAction->setObjectName(QStringLiteral("duplicateServerAction"));
    connect(m_duplicateAction, &QAction::triggered, this, &ServersPage::duplicateSelected);
    m_deleteAction = new QAction(AppIcons::icon(QStringLiteral("delete")), tr("&Delete Server"), this);
    m_deleteAction->setObjectName(QStringLiteral("deleteServerAction"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteAction, &QAction::triggered, this, &ServersPage::deleteSelected);
    auto* refreshAction = new QAction(AppIcons::icon(QStringLiteral("refresh")), tr("&Refresh"), this);
    refreshAction->setObjectName(QStringLiteral("refreshServersAction"));
    refreshAction->setShortcut(QKeySequence::Refresh);
    connect(refreshAction, &QAction::triggered, this, &ServersPage::reload);
    m_testAction = new QAction(AppIcons::icon(QStringLiteral("test-connection")), tr("&Test Connection"), this);
    m_testAction->setObjectName(QStringLiteral("testConnectionAction"));
    connect(m_testAction, &QAction::triggered, this, &ServersPage::testSelected);
    m_syncAction = new QAction(AppIcons::icon(QStringLiteral("sync")), tr("S&ync"), this);
    m_syncAction->setObjectName(QStringLiteral("syncServerAction"));
    m_syncAction->setToolTip(tr("Preview and apply the sync of an application this server provisions."));
    connect(m_syncAction, &QAction::triggered, this, [this]() { emit syncRequested(selectedServerId()); });
    m_actions
        = {m_addAction, m_editAction, m_duplicateAction, m_deleteAction, m_testAction, m_syncAction, refreshAction};
    addActions(m_actions);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ServersPage::updateActions);
    connect(m_table, &QTableView::doubleClicked, this, &ServersPage::editSelected);
    connect(m_workspace->servers(), &ServerCatalog::serversChanged, this, &ServersPage::reload);
    connect(m_workspace.get(), &Workspace::applicationsChanged, this, &ServersPage::reload);
    reload();
}

void ServersPage::reload()
{
    const qint64 selected = selectedServerId();
    QHash<QString, QString> typeNames;
    for (const auto& type : m_workspace->serverTypes().all()) {
        typeNames.insert(type.id, type.displayName);
    }
    QHash<qint64, QStringList> applications;
    for (const auto& app : m_workspace->applications().list()) {
        if (app.scimServerId > 0) {
            applications[app.scimServerId].append(app.name);
        }
    }
    m_model->setServers(m_workspace->servers()->repository().list(), typeNames, applications);
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget*>(m_emptyLabel) : m_table);
    // Columns as wide as the page has room for; one long URL or summary does not push the others
    // off screen (tooltips show it all).
    m_fitter->refit();
    selectServer(selected);
    updateActions();
}

qint64 ServersPage::selectedServerId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        return 0;
    }
    return rows.first().data(ServerTableModel::ServerIdRole).toLongLong();
}

void ServersPage::selectServer(qint64 id)
{
    const int row = m_model->rowOfServer(id);
    if (row < 0) {
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->setCurrentIndex(index);
}

void ServersPage::updateActions()
{
    const bool selected = selectedServerId() > 0;
    m_editAction->setEnabled(selected);
    m_duplicateAction->setEnabled(selected);
    m_deleteAction->setEnabled(selected);
    m_testAction->setEnabled(selected);
    m_syncAction->setEnabled(
        selected && !m_workspace->servers()->repository().applicationsUsing(selectedServerId()).isEmpty());
}

AddServerWizard* ServersPage::openWizard(const ScimServer& prefill)
{
    auto* wizard = new AddServerWizard(m_workspace, prefill, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &AddServerWizard::serverCreated, this, [this, wizard](qint64 id) {
        reload();
        selectServer(id);
        emit statusMessage(tr("Created the SCIM server \u201c%1\u201d.").arg(wizard->draft()->server().name.trimmed()));
    });
    wizard->open();
    return wizard;
}

AddServerWizard* ServersPage::addServer()
{
    return openWizard(ScimServer());
}

AddServerWizard* ServersPage::duplicateSelected()
{
    const auto server = m_workspace->servers()->repository().find(selectedServerId());
    if (!server) {
        return nullptr;
    }
    return openWizard(AddServerWizard::duplicateOf(*server, m_workspace->servers()->repository()));
}

ServerEditDialog* ServersPage::editSelected()
{
    const auto server = m_workspace->servers()->repository().find(selectedServerId());
    if (!server) {
        return nullptr;
    }
    auto* dialog = new ServerEditDialog(m_workspace, *server, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog]() {
        emit statusMessage(tr("Saved the SCIM server \u201c%1\u201d.").arg(dialog->draft()->server().name.trimmed()));
    });
    dialog->open();
    return dialog;
}

ConnectionTestDialog* ServersPage::testSelected()
{
    const auto server = m_workspace->servers()->repository().find(selectedServerId());
    if (!server) {
        return nullptr;
    }
    auto* dialog = new ConnectionTestDialog(m_workspace, *server, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectionTestDialog::resultRecorded, this, &ServersPage::reload);
    dialog->open();
    dialog->start();
    return dialog;
}

void ServersPage::deleteSelected()
{
    const qint64 id = selectedServerId();
    const auto server = m_workspace->servers()->repository().find(id);
    if (!server) {
        return;
    }
    const QStringList apps = m_workspace->servers()->repository().applicationsUsing(id);
    QString text = tr("Delete the SCIM server \u201c%1\u201d? Its access token is removed from the system keychain.")
                       .arg(server->name);
    if (!apps.isEmpty()) {
        text += QStringLiteral("\n\n")
            + tr("These applications use it and will no longer be provisioned: %1.")
                  .arg(apps.join(QStringLiteral(", ")));
    }
    QMessageBox box(QMessageBox::Warning, tr("Delete SCIM Server"), text, QMessageBox::Cancel, this);
    auto* deleteButton = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.setObjectName(QStringLiteral("confirmDeleteServer"));
    box.exec();
    if (box.clickedButton() != deleteButton) {
        return;
    }
    const QString name = server->name;
    m_workspace->servers()->remove(id, this, [this, name](Status<ServerSaveError> status) {
        if (!status) {
            QMessageBox::critical(this, tr("Delete SCIM Server"), status.error().fullMessage());
            return;
        }
        emit statusMessage(tr("Deleted the SCIM server \u201c%1\u201d.").arg(name));
    });
}
