#include "SyncHistoryView.h"

#include "ObjectHistoryDialog.h"
#include "SyncRunDialog.h"
#include "SyncText.h"
#include "storage/Database.h"
#include "sync/PlannedOperation.h"
#include "util/AsyncTask.h"
#include "util/DisplayText.h"
#include "widgets/StatusColors.h"

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {
const QDate kAnyDate(2000, 1, 1);

QTableWidget* createTable(const QStringList& headers, const QString& name, QWidget* parent)
{
    auto* table = new QTableWidget(parent);
    table->setObjectName(name);
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    // Every column fits its contents; the last takes what is left of the width.
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QDateEdit* createDateEdit(const QString& name, QWidget* parent)
{
    auto* edit = new QDateEdit(parent);
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(kAnyDate);
    edit->setSpecialValueText(QCoreApplication::translate("SyncHistoryView", "any day"));
    edit->setDate(kAnyDate);
    edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    return edit;
}

QTableWidgetItem* statusItem(const QString& text, const QString& status)
{
    auto* item = new QTableWidgetItem(text);
    if (status == QLatin1String("failed") || status == QLatin1String("partial")) {
        item->setForeground(StatusColors::error(QApplication::palette()));
    } else if (status == QLatin1String("ok") || status == QLatin1String("succeeded")) {
        item->setForeground(StatusColors::success(QApplication::palette()));
    }
    return item;
}
} // namespace

SyncHistoryView::SyncHistoryView(std::shared_ptr<Database> database, QWidget* parent)
    : QWidget(parent)
    , m_database(std::move(database))
{
    setObjectName(QStringLiteral("syncHistory"));
    m_runsTable = createTable(
        {tr("Started"), tr("Duration"), tr("Mode"), tr("Result"), tr("Operations"), tr("Failed"), tr("Details")},
        QStringLiteral("historyTable"), this);
    m_entriesTable
        = createTable({tr("When"), tr("Run"), tr("Action"), tr("Object"), tr("Status"), tr("HTTP"), tr("Message")},
            QStringLiteral("historyEntriesTable"), this);
    m_entriesLabel = new QLabel(this);
    m_entriesLabel->setObjectName(QStringLiteral("historyEntriesLabel"));
    m_moreButton = new QPushButton(tr("Show &More"), this);
    m_moreButton->setObjectName(QStringLiteral("historyMoreButton"));
    m_openRunButton = new QPushButton(tr("&Open Run"), this);
    m_openRunButton->setObjectName(QStringLiteral("openRunButton"));
    m_objectButton = new QPushButton(tr("History of &Object\u2026"), this);
    m_objectButton->setObjectName(QStringLiteral("objectHistoryButton"));
    m_objectButton->setToolTip(tr("Everything that happened to the selected operation's user or group (or the "
                                  "object typed in the filter) across all runs."));

    auto* runsBox = new QWidget(this);
    auto* runsLayout = new QVBoxLayout(runsBox);
    runsLayout->setContentsMargins(0, 0, 0, 0);
    runsLayout->addWidget(new QLabel(tr("<b>Runs</b> (select one to see only its operations)"), runsBox));
    runsLayout->addWidget(m_runsTable, 1);
    auto* entriesBox = new QWidget(this);
    auto* entriesLayout = new QVBoxLayout(entriesBox);
    entriesLayout->setContentsMargins(0, 0, 0, 0);
    entriesLayout->addWidget(m_entriesLabel);
    entriesLayout->addWidget(m_entriesTable, 1);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(runsBox);
    splitter->addWidget(entriesBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_moreButton);
    buttons->addStretch(1);
    buttons->addWidget(m_objectButton);
    buttons->addWidget(m_openRunButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createFilters());
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);

    connect(m_moreButton, &QPushButton::clicked, this, &SyncHistoryView::loadMoreEntries);
    connect(m_openRunButton, &QPushButton::clicked, this, [this]() {
        const auto rows = m_runsTable->selectionModel()->selectedRows();
        if (!rows.isEmpty()) {
            openRun(rows.first().row());
        }
    });
    connect(m_objectButton, &QPushButton::clicked, this, [this]() { openObjectHistory(); });
    connect(m_runsTable, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { openRun(row); });
    connect(m_entriesTable, &QTableWidget::cellDoubleClicked, this, [this](int, int) { openObjectHistory(); });
    connect(m_runsTable, &QTableWidget::itemSelectionChanged, this, [this]() {
        const auto rows = m_runsTable->selectionModel()->selectedRows();
        const qint64 run = rows.isEmpty() ? 0 : m_runs.value(rows.first().row()).id;
        if (run != m_selectedRun) {
            m_selectedRun = run;
            reloadEntries();
        }
        updateButtons();
    });
    connect(m_entriesTable, &QTableWidget::itemSelectionChanged, this, &SyncHistoryView::updateButtons);
    updateButtons();
}

QWidget* SyncHistoryView::createFilters()
{
    auto* filters = new QWidget(this);
    m_object = new QLineEdit(filters);
    m_object->setObjectName(QStringLiteral("historyObjectFilter"));
    m_object->setPlaceholderText(tr("User or group name, or id"));
    m_object->setClearButtonEnabled(true);
    m_object->setToolTip(tr("Finds the operations on users and groups whose name, directory id or server id starts "
                            "with this text (case-insensitive); press Enter to search."));
    // Room for a typical sign-in name at 1024 px; the action list gives way instead.
    m_object->setMinimumWidth(m_object->fontMetrics().horizontalAdvance(QStringLiteral("alice@example.com")));
    m_action = new QComboBox(filters);
    m_action->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_action->setMinimumContentsLength(10);
    m_action->setObjectName(QStringLiteral("historyActionFilter"));
    m_action->addItem(tr("Any action"), QString());
    for (const auto kind : PlannedOperation::allKinds()) {
        m_action->addItem(PlannedOperation::kindLabel(kind), PlannedOperation::kindId(kind));
    }
    m_status = new QComboBox(filters);
    m_status->setObjectName(QStringLiteral("historyStatusFilter"));
    m_status->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_status->setMinimumContentsLength(8);
    m_status->addItem(tr("Any status"), QString());
    for (const char* status : {"ok", "failed", "skipped", "cancelled"}) {
        m_status->addItem(SyncText::entryStatus(QLatin1String(status)), QLatin1String(status));
    }
    m_from = createDateEdit(QStringLiteral("historyFromDate"), filters);
    m_to = createDateEdit(QStringLiteral("historyToDate"), filters);
    auto* search = new QPushButton(tr("&Search"), filters);
    search->setObjectName(QStringLiteral("historySearchButton"));
    search->setDefault(true);

    // Two rows: in one, the filters alone made the main window wider than a 1024 px screen at
    // QT_SCALE_FACTOR=2 (800 px of logical width).
    auto* what = new QHBoxLayout;
    what->addWidget(new QLabel(tr("Object:"), filters));
    what->addWidget(m_object, 2);
    what->addWidget(m_action, 1);
    what->addWidget(m_status, 1);
    auto* when = new QHBoxLayout;
    when->addWidget(new QLabel(tr("From:"), filters));
    when->addWidget(m_from);
    when->addWidget(new QLabel(tr("To:"), filters));
    when->addWidget(m_to);
    when->addStretch(1);
    when->addWidget(search);
    auto* layout = new QVBoxLayout(filters);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(what);
    layout->addLayout(when);
    connect(search, &QPushButton::clicked, this, &SyncHistoryView::reload);
    connect(m_object, &QLineEdit::returnPressed, this, &SyncHistoryView::reload);
    connect(m_action, qOverload<int>(&QComboBox::activated), this, &SyncHistoryView::reload);
    connect(m_status, qOverload<int>(&QComboBox::activated), this, &SyncHistoryView::reload);
    connect(m_from, &QDateEdit::editingFinished, this, &SyncHistoryView::reload);
    connect(m_to, &QDateEdit::editingFinished, this, &SyncHistoryView::reload);
    return filters;
}

void SyncHistoryView::setApplication(qint64 applicationId)
{
    m_applicationId = applicationId;
    reload();
}

JournalQuery SyncHistoryView::query() const
{
    JournalQuery query;
    query.applicationId = m_applicationId;
    query.runId = m_selectedRun;
    query.object = m_object->text().trimmed();
    query.action = m_action->currentData().toString();
    query.status = m_status->currentData().toString();
    query.from = m_from->date() == kAnyDate ? QDate() : m_from->date();
    query.to = m_to->date() == kAnyDate ? QDate() : m_to->date();
    query.limit = PageSize;
    return query;
}

void SyncHistoryView::reload()
{
    m_selectedRun = 0;
    load(true);
}

void SyncHistoryView::reloadEntries()
{
    load(false);
}

// The journal can hold millions of rows: every query runs on the pool, never on the GUI thread.
// A newer search makes the answers of older ones void (the generation), so what is shown always
// matches the filters on screen.
void SyncHistoryView::load(bool withRuns)
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    if (m_applicationId <= 0) {
        showLoaded(generation, withRuns, {});
        return;
    }
    JournalQuery filter = query();
    AsyncTask::run(
        this,
        [database = m_database, filter, withRuns]() {
            const Database::ThreadConnection connection(database);
            JournalSearch search(database);
            Loaded loaded;
            if (withRuns) {
                JournalQuery runsFilter = filter;
                runsFilter.runId = 0;
                auto runs = search.runs(runsFilter);
                if (!runs) {
                    loaded.error = runs.error().message;
                    return loaded;
                }
                loaded.runs = runs.value();
            }
            const auto total = search.countEntries(filter);
            const auto hits = search.entries(filter);
            if (!total || !hits) {
                loaded.error = total ? hits.error().message : total.error().message;
                return loaded;
            }
            loaded.total = total.value();
            loaded.hits = hits.value();
            return loaded;
        },
        [this, generation, withRuns](const Loaded& result) { showLoaded(generation, withRuns, result); });
}

void SyncHistoryView::showLoaded(quint64 generation, bool withRuns, const Loaded& result)
{
    if (generation != m_generation) {
        return; // a newer search is on its way
    }
    if (withRuns) {
        showRuns(result.runs);
    }
    m_entriesTable->setRowCount(0);
    m_hits.clear();
    m_total = result.total;
    appendEntries(result.hits);
    m_loading = false;
    updateButtons();
    if (!result.error.isEmpty()) {
        emit readFailed(result.error);
    }
    emit loaded();
}

void SyncHistoryView::showRuns(const QList<SyncRunRecord>& runs)
{
    const QSignalBlocker blocker(m_runsTable);
    m_runs = runs;
    m_runsTable->setRowCount(int(m_runs.size()));
    for (int row = 0; row < m_runs.size(); ++row) {
        const auto& run = m_runs.at(row);
        m_runsTable->setItem(row, 0, new QTableWidgetItem(SyncText::dateTime(run.startedAt)));
        m_runsTable->setItem(row, 1, new QTableWidgetItem(SyncText::duration(run.startedAt, run.finishedAt)));
        m_runsTable->setItem(row, 2, new QTableWidgetItem(SyncText::runMode(run.mode)));
        m_runsTable->setItem(row, 3, statusItem(SyncText::runStatus(run.status), run.status));
        m_runsTable->setItem(
            row, 4, new QTableWidgetItem(QLocale().toString(run.summary.value(QStringLiteral("total")).toInt())));
        m_runsTable->setItem(
            row, 5, new QTableWidgetItem(QLocale().toString(run.summary.value(QStringLiteral("failed")).toInt())));
        // The run's own words, else its first error: what an admin reads first about a run.
        QString details = run.summary.value(QStringLiteral("message")).toString();
        if (details.isEmpty()) {
            details = run.summary.value(QStringLiteral("errors")).toArray().at(0).toString();
        }
        auto* detailsItem = new QTableWidgetItem(DisplayText::escaped(details));
        detailsItem->setToolTip(detailsItem->text());
        m_runsTable->setItem(row, 6, detailsItem);
    }
}

void SyncHistoryView::loadMoreEntries()
{
    if (m_loading) {
        return;
    }
    const quint64 generation = ++m_generation;
    m_loading = true;
    updateButtons();
    JournalQuery filter = query();
    filter.offset = int(m_hits.size());
    AsyncTask::run(
        this,
        [database = m_database, filter]() {
            const Database::ThreadConnection connection(database);
            return JournalSearch(database).entries(filter);
        },
        [this, generation](const Result<QList<JournalHit>, StorageError>& hits) {
            if (generation != m_generation) {
                return;
            }
            m_loading = false;
            if (!hits) {
                emit readFailed(hits.error().message);
            } else {
                appendEntries(hits.value());
            }
            updateButtons();
            emit loaded();
        });
}

void SyncHistoryView::appendEntries(const QList<JournalHit>& hits)
{
    int row = m_entriesTable->rowCount();
    m_entriesTable->setRowCount(row + int(hits.size()));
    for (const auto& hit : hits) {
        const JournalEntry& entry = hit.entry;
        m_entriesTable->setItem(row, 0, new QTableWidgetItem(SyncText::dateTime(entry.startedAt)));
        m_entriesTable->setItem(row, 1, new QTableWidgetItem(QString::number(hit.runId)));
        m_entriesTable->setItem(row, 2, new QTableWidgetItem(SyncText::action(entry.action)));
        m_entriesTable->setItem(row, 3, new QTableWidgetItem(DisplayText::escaped(entry.objectName)));
        m_entriesTable->setItem(row, 4, statusItem(SyncText::entryStatus(entry.status), entry.status));
        m_entriesTable->setItem(
            row, 5, new QTableWidgetItem(entry.httpStatus > 0 ? QString::number(entry.httpStatus) : QString()));
        auto* message = new QTableWidgetItem(DisplayText::escaped(entry.error));
        message->setToolTip(message->text());
        m_entriesTable->setItem(row, 6, message);
        ++row;
    }
    m_hits.append(hits);
    m_entriesLabel->setText(
        tr("<b>Operations</b>: %1 of %n matching", nullptr, m_total).arg(QLocale().toString(int(m_hits.size()))));
}

void SyncHistoryView::updateButtons()
{
    m_moreButton->setEnabled(!m_loading && m_hits.size() < m_total);
    m_openRunButton->setEnabled(m_runsTable->selectionModel()->hasSelection());
    m_objectButton->setEnabled(
        m_entriesTable->selectionModel()->hasSelection() || !m_object->text().trimmed().isEmpty());
}

SyncRunDialog* SyncHistoryView::openRun(int row)
{
    if (row < 0 || row >= m_runs.size()) {
        return nullptr;
    }
    auto* dialog = new SyncRunDialog(m_database, m_runs.at(row), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

ObjectHistoryDialog* SyncHistoryView::openObjectHistory(const QString& key)
{
    QString object = key;
    QString title = key;
    const auto rows = m_entriesTable->selectionModel()->selectedRows();
    if (object.isEmpty() && !rows.isEmpty() && rows.first().row() < m_hits.size()) {
        const JournalEntry& entry = m_hits.at(rows.first().row()).entry;
        object = !entry.directoryObjectId.isEmpty() ? entry.directoryObjectId
            : !entry.targetId.isEmpty()             ? entry.targetId
                                                    : entry.objectName;
        title = entry.objectName;
    }
    if (object.isEmpty()) {
        object = title = m_object->text().trimmed();
    }
    if (object.isEmpty()) {
        return nullptr;
    }
    auto* dialog = new ObjectHistoryDialog(m_database, m_applicationId, object, title, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}
