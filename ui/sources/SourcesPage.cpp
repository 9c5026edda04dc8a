#include "SourcesPage.h"

#include "AddSourceWizard.h"
#include "SourceDraft.h"
#include "SourceEditDialog.h"
#include "SourceTableModel.h"
#include "SourceTestDialog.h"
#include "sources/SourceCatalog.h"
#include "sources/SourceReadJob.h"
#include "storage/ApplicationRepository.h"
#include "util/DisplayText.h"
#include "widgets/AppIcons.h"
#include "widgets/ColumnFitter.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/EditIcons.h"
#include "widgets/ElideMiddleDelegate.h"
#include "widgets/FormMessages.h"
#include "widgets/PageHeader.h"
#include "widgets/RecordTable.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

SourcesPage::SourcesPage(std::shared_ptr<Workspace> workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(std::move(workspace))
    , m_model(new SourceTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("sourcesPage"));
    auto* header = new PageHeader(tr("Directory Sources"),
        tr("Active Directory and LDAP directories ScimDesk reads users and groups from, live. Bind passwords are kept "
           "in the system keychain."),
        this);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("sourcesTable"));
    m_table->setModel(m_proxy);
    RecordTable::setUp(m_table);
    m_table->sortByColumn(SourceTableModel::NameColumn, Qt::AscendingOrder);
    // A URL or base DN keeps both ends visible and gives up its width first (tooltips show it).
    for (const int column : {SourceTableModel::UrlColumn, SourceTableModel::BaseDnColumn}) {
        m_table->setItemDelegateForColumn(column, new ElideMiddleDelegate(m_table));
    }
    m_fitter = new ColumnFitter(m_table);
    m_fitter->cutFirst(SourceTableModel::UrlColumn);
    m_fitter->cutFirst(SourceTableModel::BaseDnColumn);
    m_fitter->cutLast(SourceTableModel::NameColumn);

    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName(QStringLiteral("sourcesEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setText(tr("<p><b>No directory sources yet.</b></p><p>Add the Active Directory or LDAP directory "
                             "your users already live in; applications can then provision its users and groups "
                             "without exporting anything. Until then, applications read the embedded "
                             "directory.</p>"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(m_table);

    // Why the selected source's last read failed, in full: too long for its cell.
    m_details = FormMessages::errorLabel(QStringLiteral("sourceReadDetails"), this);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_details);

    createActions();
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SourcesPage::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SourcesPage::updateDetails);
    connect(m_table, &QTableView::doubleClicked, this, &SourcesPage::editSelected);
    connect(m_workspace->sources(), &SourceCatalog::sourcesChanged, this, &SourcesPage::reload);
    connect(m_workspace.get(), &Workspace::applicationsChanged, this, &SourcesPage::reload);
    reload();
}

SourcesPage::~SourcesPage() = default;

void SourcesPage::createActions()
{
    auto* addAction = new QAction(AppIcons::icon(QStringLiteral("add")), tr("&Add Source"), this);
    addAction->setObjectName(QStringLiteral("addSourceAction"));
    addAction->setShortcut(QKeySequence::New);
    addAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(addAction, &QAction::triggered, this, &SourcesPage::addSource);
    m_editAction = new QAction(EditIcons::pencil(), tr("&Edit"), this);
    m_editAction->setObjectName(QStringLiteral("editSourceAction"));
    connect(m_editAction, &QAction::triggered, this, &SourcesPage::editSelected);
    m_deleteAction = new QAction(AppIcons::icon(QStringLiteral("delete")), tr("&Delete Source"), this);
    m_deleteAction->setObjectName(QStringLiteral("deleteSourceAction"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteAction, &QAction::triggered, this, &SourcesPage::deleteSelected);
    m_testAction = new QAction(AppIcons::icon(QStringLiteral("test-connection")), tr("&Test Connection"), this);
    m_testAction->setObjectName(QStringLiteral("testSourceAction"));
    connect(m_testAction, &QAction::triggered, this, &SourcesPage::testSelected);
    m_readAction = new QAction(AppIcons::icon(QStringLiteral("refresh")), tr("&Read Now"), this);
    m_readAction->setObjectName(QStringLiteral("readSourceAction"));
    m_readAction->setToolTip(tr("Read the directory now (only what changed, when the last read allows it). Nothing "
                                "is sent to any SCIM server."));
    connect(m_readAction, &QAction::triggered, this, [this]() { readSelected(); });
    m_readFullyAction = new QAction(AppIcons::icon(QStringLiteral("read-full")), tr("Read &Fully"), this);
    m_readFullyAction->setObjectName(QStringLiteral("readSourceFullyAction"));
    m_readFullyAction->setToolTip(tr("Read every user and group again, not only what changed: after the directory was "
                                     "restored from a backup, or when an incremental read seems to miss a change."));
    connect(m_readFullyAction, &QAction::triggered, this, [this]() { readSelected(true); });
    m_browseAction = new QAction(AppIcons::icon(QStringLiteral("nav-directory")), tr("Show &Users and Groups"), this);
    m_browseAction->setObjectName(QStringLiteral("browseSourceAction"));
    m_browseAction->setToolTip(tr("Show the users and groups of the last read on the Directory page."));
    connect(m_browseAction, &QAction::triggered, this, [this]() { emit browseRequested(selectedSourceId()); });
    m_actions
        = {addAction, m_editAction, m_deleteAction, m_testAction, m_readAction, m_readFullyAction, m_browseAction};
    addActions(m_actions);
}

void SourcesPage::reload()
{
    const qint64 selected = selectedSourceId();
    QHash<QString, QString> typeNames;
    for (const auto& type : m_workspace->sourceTypes().all()) {
        typeNames.insert(type.id, type.displayName);
    }
    QHash<qint64, QStringList> applications;
    for (const auto& app : m_workspace->applications().list()) {
        if (app.sourceId > 0) {
            applications[app.sourceId].append(app.name);
        }
    }
    const SourceReadLog log(m_workspace->database());
    QList<SourceTableRow> rows;
    for (const DirectorySource& source : m_workspace->sources()->repository().list()) {
        rows.append({source, typeNames.value(source.sourceTypeId, tr("Custom")), applications.value(source.id),
            log.last(source.id), SourceCache(m_workspace->database(), source.id).state()});
    }
    m_model->setRows(rows);
    m_model->setReading(QSet<qint64>(m_reads.keyBegin(), m_reads.keyEnd()));
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget*>(m_emptyLabel) : m_table);
    // One long URL, DN or message must not push the other columns off screen; tooltips show it all.
    m_fitter->refit();
    selectSource(selected);
    updateActions();
    updateDetails();
}

void SourcesPage::updateDetails()
{
    const SourceTableRow* row = m_model->rowAt(m_model->rowOfSource(selectedSourceId()));
    const QString failure = row ? m_model->failureText(*row) : QString();
    FormMessages::show(m_details,
        failure.isEmpty() ? QString()
                          : tr("The last read of \u201c%1\u201d failed: %2").arg(row->source.name, failure));
}

qint64 SourcesPage::selectedSourceId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(SourceTableModel::SourceIdRole).toLongLong();
}

void SourcesPage::selectSource(qint64 id)
{
    const int row = m_model->rowOfSource(id);
    if (row < 0) {
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->setCurrentIndex(index);
}

void SourcesPage::updateActions()
{
    const qint64 id = selectedSourceId();
    for (QAction* action : {m_editAction, m_deleteAction, m_testAction, m_browseAction}) {
        action->setEnabled(id > 0);
    }
    m_readAction->setEnabled(id > 0 && !m_reads.contains(id));
    m_readFullyAction->setEnabled(m_readAction->isEnabled());
}

AddSourceWizard* SourcesPage::addSource()
{
    auto* wizard = new AddSourceWizard(m_workspace, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &AddSourceWizard::sourceCreated, this, [this, wizard](qint64 id) {
        reload();
        selectSource(id);
        emit statusMessage(
            tr("Created the directory source \u201c%1\u201d.").arg(wizard->draft()->source().name.trimmed()));
    });
    wizard->open();
    return wizard;
}

SourceEditDialog* SourcesPage::editSelected()
{
    const auto source = m_workspace->sources()->repository().find(selectedSourceId());
    if (!source) {
        return nullptr;
    }
    auto* dialog = new SourceEditDialog(m_workspace, *source, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog]() {
        emit statusMessage(
            tr("Saved the directory source \u201c%1\u201d.").arg(dialog->draft()->source().name.trimmed()));
    });
    dialog->open();
    return dialog;
}

SourceTestDialog* SourcesPage::testSelected()
{
    const auto source = m_workspace->sources()->repository().find(selectedSourceId());
    if (!source) {
        return nullptr;
    }
    auto* dialog = new SourceTestDialog(m_workspace, *source, std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    dialog->start();
    return dialog;
}

void SourcesPage::readSelected(bool full)
{
    const auto source = m_workspace->sources()->repository().find(selectedSourceId());
    if (!source || m_reads.contains(source->id)) {
        return;
    }
    auto* job = new SourceReadJob(
        m_workspace->database(), m_workspace->secrets(), m_workspace->sourceReaderFactory(), *source, this);
    m_reads.insert(source->id, job);
    const qint64 id = source->id;
    const QString name = source->name;
    const auto done = [this, job, id](bool succeeded) {
        m_reads.remove(id);
        job->deleteLater();
        reload();
        updateActivity();
        emit readFinished(id, succeeded);
    };
    connect(job, &SourceReadJob::finished, this, [this, done, name](const SourceLoadSummary& summary) {
        emit statusMessage(tr("Read \u201c%1\u201d: %2 users, %3 groups (%4, %5 ms).")
                               .arg(name)
                               .arg(summary.users)
                               .arg(summary.groups)
                               .arg(summary.delta ? tr("incremental") : tr("full read"))
                               .arg(summary.readMs));
        done(true);
    });
    connect(job, &SourceReadJob::failed, this, [this, done, name](const SourceReadError& error) {
        done(false);
        if (error.kind == SourceReadError::Kind::Cancelled) {
            return;
        }
        QString text = tr("\u201c%1\u201d could not be read completely: %2").arg(name, error.message);
        if (!error.diagnostic.isEmpty()) {
            text += QLatin1Char(' ') + tr("(the directory said: %1)").arg(DisplayText::escaped(error.diagnostic));
        }
        ConfirmationDialogs::showError(this, QStringLiteral("readSourceError"), tr("Read Now"), text,
            error.remedy.isEmpty() ? tr("Nothing was kept. Test the connection to find out what is wrong.")
                                   : error.remedy + QLatin1Char(' ') + tr("Nothing was kept."));
    });
    job->start(full);
    m_model->setReading(QSet<qint64>(m_reads.keyBegin(), m_reads.keyEnd()));
    updateActions();
    updateActivity();
}

void SourcesPage::updateActivity()
{
    if (m_reads.isEmpty()) {
        emit activity(QString(), 0, -1);
        return;
    }
    emit activity(tr("Reading %n directory source(s)\u2026", nullptr, int(m_reads.size())), 0, 0);
}

void SourcesPage::deleteSelected()
{
    const qint64 id = selectedSourceId();
    const auto source = m_workspace->sources()->repository().find(id);
    if (!source) {
        return;
    }
    const QStringList apps = m_workspace->sources()->repository().applicationsUsing(id);
    if (!apps.isEmpty()) {
        ConfirmationDialogs::showError(this, QStringLiteral("deleteSourceRefused"), tr("Delete Directory Source"),
            tr("\u201c%1\u201d cannot be deleted: %n application(s) read their users and groups from it: %2.", nullptr,
                int(apps.size()))
                .arg(source->name, apps.join(QStringLiteral(", "))),
            tr("Choose another source for them in Application Manager (Edit \u2192 Users and groups from), then "
               "delete it."));
        return;
    }
    const bool confirmed
        = ConfirmationDialogs::confirm(this, QStringLiteral("confirmDeleteSource"), tr("Delete Directory Source"),
            tr("Delete the directory source \u201c%1\u201d? Its bind password is removed from the system keychain and "
               "its last read from the profile. The directory itself is not changed.")
                .arg(source->name),
            {}, tr("Delete"));
    if (!confirmed) {
        return;
    }
    const QString name = source->name;
    m_workspace->sources()->remove(id, this, [this, name](Status<SourceSaveError> status) {
        if (!status) {
            ConfirmationDialogs::showError(this, QStringLiteral("deleteSourceError"), tr("Delete Directory Source"),
                status.error().message, status.error().hint);
            return;
        }
        emit statusMessage(tr("Deleted the directory source \u201c%1\u201d.").arg(name));
    });
}
