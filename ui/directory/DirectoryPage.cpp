#include "DirectoryPage.h"

#include "CsvImportDialog.h"
#include "DirectoryGroupModel.h"
#include "DirectoryUserModel.h"
#include "GroupEditDialog.h"
#include "UserEditDialog.h"
#include "directory/DirectoryCsvExporter.h"
#include "directory/DirectoryRepository.h"
#include "directory/DirectorySnapshot.h"
#include "sources/DirectoryBrowser.h"
#include "sources/SourceChooser.h"
#include "storage/Database.h"
#include "util/AsyncTask.h"
#include "widgets/AppIcons.h"
#include "widgets/ColumnFitter.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/EditIcons.h"
#include "widgets/PageHeader.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace {
QTableView* makeTable(QAbstractItemModel* model, const QString& objectName, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setObjectName(objectName);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table->setSortingEnabled(true);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    // Fixed row heights let the view compute its geometry without asking every row.
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Over the cells' text: a wide column cut by a narrow window (the DN) still shows its name.
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return table;
}
} // namespace

DirectoryPage::DirectoryPage(std::shared_ptr<Workspace> workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(std::move(workspace))
    , m_repository(std::make_unique<DirectoryRepository>(m_workspace->database()))
    , m_searchTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("directoryPage"));
    m_users = new DirectoryUserModel(DirectoryBrowser(m_workspace->database()), this);
    m_groups = new DirectoryGroupModel(DirectoryBrowser(m_workspace->database()), this);

    auto* header = new PageHeader(tr("Directory"),
        tr("The users and groups ScimDesk provisions from: the embedded directory, edited here or imported from CSV, "
           "or a directory source, read-only."),
        this);
    m_chooser = new SourceChooser(m_workspace, QStringLiteral("directorySource"), tr("S&how:"),
        tr("Editable. Import or export CSV from the toolbar."), this);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Search by user name, e-mail, name, group or DN\u2026"));
    m_search->setClearButtonEnabled(true);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_countLabel);

    m_userTable = makeTable(m_users, QStringLiteral("usersTable"), this);
    m_userTable->sortByColumn(DirectoryUserModel::UserNameColumn, Qt::AscendingOrder);
    m_userTable->setColumnWidth(DirectoryUserModel::UserNameColumn, 170);
    m_userTable->setColumnWidth(DirectoryUserModel::DisplayNameColumn, 150);
    m_userTable->setColumnWidth(DirectoryUserModel::EmailColumn, 210);
    m_userTable->setColumnWidth(DirectoryUserModel::DepartmentColumn, 130);
    m_userTable->setColumnWidth(DirectoryUserModel::ActiveColumn, 80);
    m_userTable->setColumnWidth(DirectoryUserModel::DnColumn, 360);
    m_groupTable = makeTable(m_groups, QStringLiteral("groupsTable"), this);
    m_groupTable->sortByColumn(DirectoryGroupModel::NameColumn, Qt::AscendingOrder);
    m_groupTable->setColumnWidth(DirectoryGroupModel::NameColumn, 240);
    m_groupTable->setColumnWidth(DirectoryGroupModel::DescriptionColumn, 320);
    m_groupTable->setColumnWidth(DirectoryGroupModel::DnColumn, 320);
    m_userFitter = new ColumnFitter(m_userTable);
    m_groupFitter = new ColumnFitter(m_groupTable);
    m_userFitter->keepWhole(DirectoryUserModel::AnchorColumn);
    m_groupFitter->keepWhole(DirectoryGroupModel::AnchorColumn);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("directoryTabs"));
    m_tabs->addTab(m_userTable, tr("Users"));
    m_tabs->addTab(m_groupTable, tr("Groups"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(m_chooser);
    layout->addLayout(searchRow);
    layout->addWidget(m_tabs, 1);

    createActions();

    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &DirectoryPage::applySearch);
    connect(m_userTable, &QTableView::doubleClicked, this, &DirectoryPage::editSelected);
    connect(m_groupTable, &QTableView::doubleClicked, this, &DirectoryPage::editSelected);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this]() {
        updateCounts();
        updateActions();
    });
    connect(m_userTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DirectoryPage::updateActions);
    connect(
        m_groupTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DirectoryPage::updateActions);
    connect(m_users, &QAbstractItemModel::modelReset, this, &DirectoryPage::updateActions);
    connect(m_groups, &QAbstractItemModel::modelReset, this, &DirectoryPage::updateActions);
    connect(m_chooser, &SourceChooser::sourceChosen, this, &DirectoryPage::sourceChosen);
    connect(m_chooser, &SourceChooser::readFinished, this, [this](bool succeeded) {
        reload();
        emit sourceReadFinished(succeeded);
    });
    sourceChosen();
}

void DirectoryPage::createActions()
{
    m_addUserAction = new QAction(AppIcons::icon(QStringLiteral("user")), tr("Add &User"), this);
    m_addUserAction->setObjectName(QStringLiteral("addUserAction"));
    m_addGroupAction = new QAction(AppIcons::icon(QStringLiteral("group")), tr("Add &Group"), this);
    m_addGroupAction->setObjectName(QStringLiteral("addGroupAction"));
    m_editAction = new QAction(EditIcons::pencil(), tr("&Edit"), this);
    m_editAction->setObjectName(QStringLiteral("editDirectoryAction"));
    m_deleteAction = new QAction(AppIcons::icon(QStringLiteral("delete")), tr("&Delete"), this);
    m_deleteAction->setObjectName(QStringLiteral("deleteDirectoryAction"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_importAction = new QAction(AppIcons::icon(QStringLiteral("import")), tr("&Import CSV\u2026"), this);
    m_importAction->setObjectName(QStringLiteral("importCsvAction"));
    m_exportAction = new QAction(AppIcons::icon(QStringLiteral("export")), tr("E&xport CSV\u2026"), this);
    m_exportAction->setObjectName(QStringLiteral("exportCsvAction"));
    m_actions = {m_addUserAction, m_addGroupAction, m_editAction, m_deleteAction, m_importAction, m_exportAction};
    addActions(m_actions);
    connect(m_addUserAction, &QAction::triggered, this, &DirectoryPage::addUser);
    connect(m_addGroupAction, &QAction::triggered, this, &DirectoryPage::addGroup);
    connect(m_editAction, &QAction::triggered, this, &DirectoryPage::editSelected);
    connect(m_deleteAction, &QAction::triggered, this, &DirectoryPage::deleteSelected);
    connect(m_importAction, &QAction::triggered, this, &DirectoryPage::importCsv);
    connect(m_exportAction, &QAction::triggered, this, &DirectoryPage::exportCsv);
}

qint64 DirectoryPage::currentSourceId() const
{
    return m_chooser ? m_chooser->sourceId() : 0;
}

bool DirectoryPage::showSource(qint64 sourceId)
{
    if (!m_chooser->setSourceId(sourceId)) {
        return false;
    }
    sourceChosen();
    return true;
}

void DirectoryPage::readSource()
{
    m_chooser->readNow();
}

void DirectoryPage::sourceChosen()
{
    const DirectoryBrowser browser(m_workspace->database(), currentSourceId());
    m_users->setBrowser(browser);
    m_groups->setBrowser(browser);
    // The DN and the anchor only mean something for a directory source; there they take the place of
    // department and title (which the row's tooltip lists with every other attribute), so the DN is
    // on screen without scrolling.
    for (auto column : {DirectoryUserModel::DnColumn, DirectoryUserModel::AnchorColumn}) {
        m_userTable->setColumnHidden(column, !browser.isSource());
    }
    for (auto column : {DirectoryUserModel::DepartmentColumn, DirectoryUserModel::TitleColumn}) {
        m_userTable->setColumnHidden(column, browser.isSource());
    }
    for (auto column : {DirectoryGroupModel::DnColumn, DirectoryGroupModel::AnchorColumn}) {
        m_groupTable->setColumnHidden(column, !browser.isSource());
    }
    // The columns shown changed: widths from the header and the rows on screen again (the anchor,
    // a GUID or UUID, gets its whole width where the view has it; a narrow window scrolls).
    m_userFitter->refit();
    m_groupFitter->refit();
    updateCounts();
    updateActions();
}

DirectoryPage::~DirectoryPage() = default;

bool DirectoryPage::showingGroups() const
{
    return m_tabs->currentWidget() == m_groupTable;
}

void DirectoryPage::reload()
{
    m_users->reload();
    m_groups->reload();
    updateCounts();
    updateActions();
}

void DirectoryPage::applySearch()
{
    const QString search = m_search->text().trimmed();
    m_users->setSearch(search);
    m_groups->setSearch(search);
    updateCounts();
    emit searchApplied();
}

void DirectoryPage::updateCounts()
{
    const int count = showingGroups() ? m_groups->rowCount() : m_users->rowCount();
    m_countLabel->setText(showingGroups() ? tr("%n group(s)", nullptr, count) : tr("%n user(s)", nullptr, count));
    m_tabs->setTabText(0, tr("Users (%1)").arg(m_users->rowCount()));
    m_tabs->setTabText(1, tr("Groups (%1)").arg(m_groups->rowCount()));
}

void DirectoryPage::updateActions()
{
    const auto* table = showingGroups() ? m_groupTable : m_userTable;
    const int selected = int(table->selectionModel()->selectedRows().size());
    // A live source is changed in the directory itself, never here.
    const bool editable = currentSourceId() <= 0;
    m_editAction->setEnabled(editable && selected == 1);
    m_deleteAction->setEnabled(editable && selected > 0);
    m_addUserAction->setEnabled(editable);
    m_addGroupAction->setEnabled(editable);
    m_importAction->setEnabled(editable);
}

UserEditDialog* DirectoryPage::addUser()
{
    if (currentSourceId() > 0) {
        return nullptr;
    }
    auto* dialog = new UserEditDialog(*m_repository, DirectoryUser(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog]() {
        reload();
        emit statusMessage(tr("Added the user \u201c%1\u201d.").arg(dialog->user().userName));
    });
    dialog->open();
    return dialog;
}

GroupEditDialog* DirectoryPage::addGroup()
{
    if (currentSourceId() > 0) {
        return nullptr;
    }
    auto* dialog = new GroupEditDialog(*m_repository, DirectoryGroup(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog]() {
        reload();
        emit statusMessage(tr("Added the group \u201c%1\u201d.").arg(dialog->group().displayName));
    });
    dialog->open();
    return dialog;
}

QDialog* DirectoryPage::editSelected()
{
    if (currentSourceId() > 0) {
        return nullptr;
    }
    QDialog* dialog = nullptr;
    if (showingGroups()) {
        const auto rows = m_groupTable->selectionModel()->selectedRows();
        const auto group = rows.size() == 1
            ? m_repository->findGroup(rows.first().data(DirectoryGroupModel::GroupIdRole).toLongLong())
            : std::nullopt;
        if (!group) {
            return nullptr;
        }
        dialog = new GroupEditDialog(*m_repository, *group, this);
    } else {
        const auto rows = m_userTable->selectionModel()->selectedRows();
        const auto user = rows.size() == 1
            ? m_repository->findUser(rows.first().data(DirectoryUserModel::UserIdRole).toLongLong())
            : std::nullopt;
        if (!user) {
            return nullptr;
        }
        dialog = new UserEditDialog(*m_repository, *user, this);
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, &DirectoryPage::reload);
    dialog->open();
    return dialog;
}

void DirectoryPage::deleteSelected()
{
    if (currentSourceId() > 0) {
        return;
    }
    const bool groups = showingGroups();
    const auto* table = groups ? m_groupTable : m_userTable;
    const auto rows = table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        return;
    }
    QList<qint64> ids;
    QStringList names;
    for (const auto& row : rows) {
        ids << row.data(groups ? DirectoryGroupModel::GroupIdRole : DirectoryUserModel::UserIdRole).toLongLong();
        if (names.size() < 10) {
            names << row.siblingAtColumn(0).data().toString();
        }
    }
    const QString text = groups
        ? tr("Delete %n group(s) from the directory? Their users stay. On SCIM servers, groups ScimDesk manages are "
             "deprovisioned by the next sync.",
            nullptr, int(ids.size()))
        : tr("Delete %n user(s) from the directory? On SCIM servers, users ScimDesk manages are deprovisioned by the "
             "next sync.",
            nullptr, int(ids.size()));
    if (!ConfirmationDialogs::confirm(
            this, QStringLiteral("confirmDeleteDirectoryObjects"), tr("Delete"), text, names, tr("Delete"))) {
        return;
    }
    Status<StorageError> status;
    if (groups) {
        for (const qint64 id : ids) {
            status = m_repository->removeGroup(id);
            if (!status) {
                break;
            }
        }
    } else {
        status = m_repository->removeUsers(ids);
    }
    reload();
    if (!status) {
        ConfirmationDialogs::showError(this, QStringLiteral("deleteDirectoryError"), tr("Delete"),
            tr("The directory could not be changed: %1").arg(status.error().message),
            tr("Check that the profile folder is writable and try again."));
        return;
    }
    emit statusMessage(tr("Deleted %n object(s).", nullptr, int(ids.size())));
}

CsvImportDialog* DirectoryPage::importCsv()
{
    if (currentSourceId() > 0) {
        return nullptr;
    }
    auto* dialog = new CsvImportDialog(*m_repository, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (showingGroups()) {
        dialog->setKind(DirectoryCsvImporter::Kind::Groups);
    }
    connect(dialog, &CsvImportDialog::importFinished, this, [this](bool written) {
        if (written) {
            reload();
        }
    });
    dialog->open();
    return dialog;
}

void DirectoryPage::exportCsv()
{
    const bool groups = showingGroups();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"),
        QDir::home().filePath(groups ? QStringLiteral("groups.csv") : QStringLiteral("users.csv")),
        tr("CSV files (*.csv)"));
    if (!path.isEmpty()) {
        exportTo(path, groups);
    }
}

void DirectoryPage::exportTo(const QString& path, bool groups)
{
    auto database = m_workspace->database();
    const qint64 sourceId = currentSourceId();
    const auto write = [database, sourceId, path, groups]() -> QString {
        Result<DirectorySnapshot, StorageError> snapshot = [&database, sourceId] {
            const Database::ThreadConnection connection(database);
            return DirectoryBrowser(database, sourceId).snapshot();
        }();
        if (!snapshot) {
            return snapshot.error().message;
        }
        const auto written = groups ? DirectoryCsvExporter::exportGroupsToFile(snapshot.value(), path)
                                    : DirectoryCsvExporter::exportUsersToFile(snapshot.value(), path);
        return written ? QString() : written.error().message;
    };
    AsyncTask::run(this, write, [this, path](const QString& error) {
        if (!error.isEmpty()) {
            ConfirmationDialogs::showError(this, QStringLiteral("exportDirectoryError"), tr("Export CSV"),
                tr("The directory could not be exported: %1").arg(error),
                tr("Choose a folder you can write to and try again."));
            emit exportFinished(false, error);
            return;
        }
        const QString message = tr("Exported to %1.").arg(QDir::toNativeSeparators(path));
        emit statusMessage(message);
        emit exportFinished(true, message);
    });
}
