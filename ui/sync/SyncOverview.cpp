#include "SyncOverview.h"

#include "SyncText.h"
#include "servers/ServerCatalog.h"
#include "storage/ApplicationRepository.h"
#include "storage/Database.h"
#include "storage/ServerRepository.h"
#include "util/AsyncTask.h"
#include "widgets/StatusColors.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {
// "3 to create, 1 to update, 2 deprovisions" or "Nothing to change".
QString nextRunText(const SyncPlan& plan)
{
    if (plan.isEmpty()) {
        return QCoreApplication::translate("SyncOverview", "Nothing to change");
    }
    QStringList parts;
    const PlanUserCounts& users = plan.userCounts;
    if (users.create > 0) {
        parts << QCoreApplication::translate("SyncOverview", "%n user(s) to create", nullptr, users.create);
    }
    if (users.update > 0) {
        parts << QCoreApplication::translate("SyncOverview", "%n user(s) to update", nullptr, users.update);
    }
    if (plan.deprovisionCount() > 0) {
        parts << QCoreApplication::translate("SyncOverview", "%n deprovision(s)", nullptr, plan.deprovisionCount());
    }
    parts << QCoreApplication::translate("SyncOverview", "%n write(s) in all", nullptr, plan.writeCount());
    return parts.join(QStringLiteral(", "));
}
} // namespace

SyncOverview::SyncOverview(std::shared_ptr<Workspace> workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(std::move(workspace))
{
    setObjectName(QStringLiteral("syncOverview"));
    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("overviewIntro"));
    m_intro->setWordWrap(true);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("overviewTable"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels(
        {tr("Application"), tr("Last run"), tr("Result"), tr("Changes"), tr("Failures"), tr("Next run would")});
    m_table->horizontalHeaderItem(FailuresColumn)
        ->setToolTip(tr("Runs and operations that failed since the last run "
                        "that succeeded"));
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    // Names and dates fit their contents; the sentences share the rest of the width and wrap,
    // so nothing hides behind a horizontal scroll bar on a small screen.
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ResultColumn, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_previewButton = new QPushButton(tr("&Preview Next Run"), this);
    m_previewButton->setObjectName(QStringLiteral("overviewPreviewButton"));
    m_previewButton->setToolTip(tr("Reads the directory and the server and shows what the next run would do; "
                                   "nothing is written."));
    m_openButton = new QPushButton(tr("Show &Plan"), this);
    m_openButton->setObjectName(QStringLiteral("overviewOpenButton"));
    auto* refresh = new QPushButton(tr("&Refresh"), this);
    refresh->setObjectName(QStringLiteral("overviewRefreshButton"));

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(refresh);
    buttons->addWidget(m_openButton);
    buttons->addWidget(m_previewButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(refresh, &QPushButton::clicked, this, &SyncOverview::reload);
    connect(m_previewButton, &QPushButton::clicked, this, [this]() {
        if (const qint64 id = selectedApplication(); id > 0) {
            emit previewRequested(id);
        }
    });
    connect(m_openButton, &QPushButton::clicked, this, [this]() {
        if (const qint64 id = selectedApplication(); id > 0) {
            emit openRequested(id);
        }
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this,
        [this](int row, int) { emit openRequested(m_applicationIds.value(row)); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this]() {
        m_previewButton->setEnabled(selectedApplication() > 0);
        m_openButton->setEnabled(selectedApplication() > 0);
    });
}

qint64 SyncOverview::selectedApplication() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_applicationIds.value(rows.first().row());
}

void SyncOverview::reload()
{
    const qint64 selected = selectedApplication();
    m_applicationIds.clear();
    m_table->setRowCount(0);
    for (const auto& application : m_workspace->applications().list()) {
        if (application.scimServerId <= 0) {
            continue;
        }
        const auto server = m_workspace->servers()->repository().find(application.scimServerId);
        const QString label = server ? tr("%1 \u2192 %2").arg(application.name, server->name) : application.name;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_applicationIds.append(application.id);
        fillRow(row, application.id, label);
    }
    m_intro->setText(m_applicationIds.isEmpty()
            ? tr("No application has a SCIM server yet. Assign one in Application Manager; its runs show here.")
            : tr("Every application with a SCIM server: how its last run went, what failed since the last run that "
                 "succeeded, and what the next run would do (select a row and press Preview Next Run)."));
    // The selection survives a reload; without one the first application is selected, so its
    // buttons work at once.
    const int row = int(m_applicationIds.indexOf(selected));
    if (!m_applicationIds.isEmpty()) {
        m_table->selectRow(std::max(0, row));
    }
    m_previewButton->setEnabled(selectedApplication() > 0);
    m_openButton->setEnabled(selectedApplication() > 0);
    loadActivity();
}

// The activity counts every failed entry since the last run that succeeded: over a journal of
// millions that is a read the GUI thread must not wait for. A newer reload makes the answers of
// older ones void (the generation); the task holds the database and the ids by value, so a page
// closed meanwhile leaves it nothing to touch (AsyncTask drops the callback).
void SyncOverview::loadActivity()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    AsyncTask::run(
        this,
        [database = m_workspace->database(), ids = m_applicationIds]() {
            const Database::ThreadConnection connection(database);
            const JournalSearch search(database);
            QHash<qint64, Activity> activities;
            for (const qint64 id : ids) {
                const auto activity = search.activity(id);
                activities.insert(
                    id, activity ? Activity {activity.value(), {}} : Activity {{}, activity.error().message});
            }
            return activities;
        },
        [this, generation](const QHash<qint64, Activity>& activities) { showActivity(generation, activities); });
}

void SyncOverview::showActivity(quint64 generation, const QHash<qint64, Activity>& activities)
{
    if (generation != m_generation) {
        return; // a newer reload is on its way
    }
    m_activities = activities;
    for (int row = 0; row < m_applicationIds.size(); ++row) {
        fillActivity(row, m_applicationIds.at(row));
    }
    m_loading = false;
    emit loaded();
}

void SyncOverview::fillRow(int row, qint64 applicationId, const QString& label)
{
    auto* item = new QTableWidgetItem(label);
    item->setToolTip(label);
    m_table->setItem(row, ApplicationColumn, item);
    fillActivity(row, applicationId);
}

void SyncOverview::fillActivity(int row, qint64 applicationId)
{
    const auto set = [this, row](int column, const QString& text) {
        auto* item = new QTableWidgetItem(text);
        item->setToolTip(text);
        m_table->setItem(row, column, item);
        return item;
    };
    const auto known = m_activities.constFind(applicationId);
    if (known == m_activities.cend()) {
        set(LastRunColumn, tr("Loading\u2026"));
        set(ResultColumn, QString());
        set(ChangesColumn, QString());
        set(FailuresColumn, QString());
    } else if (!known->error.isEmpty() || !known->value.hasRun) {
        set(LastRunColumn, known->error.isEmpty() ? tr("Never synced") : known->error);
        set(ResultColumn, QString());
        set(ChangesColumn, QString());
        set(FailuresColumn, QString());
    } else {
        const SyncActivity& value = known->value;
        const SyncRunRecord& run = value.lastRun;
        set(LastRunColumn,
            tr("%1 (took %2)")
                .arg(SyncText::dateTime(run.startedAt), SyncText::duration(run.startedAt, run.finishedAt)));
        auto* result = set(ResultColumn, SyncText::runStatus(run.status));
        const bool bad = run.status == QLatin1String("failed") || run.status == QLatin1String("partial");
        result->setForeground(
            bad ? StatusColors::error(QApplication::palette()) : StatusColors::success(QApplication::palette()));
        set(ChangesColumn,
            tr("%1 done, %2 failed, %3 skipped")
                .arg(QLocale().toString(run.summary.value(QStringLiteral("succeeded")).toInt()),
                    QLocale().toString(run.summary.value(QStringLiteral("failed")).toInt()),
                    QLocale().toString(run.summary.value(QStringLiteral("skipped")).toInt())));
        const QString since = value.lastSuccessAt.isValid()
            ? tr("since %1").arg(SyncText::dateTime(value.lastSuccessAt))
            : tr("no run has succeeded yet");
        set(FailuresColumn,
            value.runsSinceSuccess == 0 && value.failedOperationsSinceSuccess == 0
                ? tr("None")
                : tr("%1, %2 (%3)")
                      .arg(tr("%n run(s)", nullptr, value.runsSinceSuccess),
                          tr("%n failed operation(s)", nullptr, value.failedOperationsSinceSuccess), since));
    }
    const auto preview = m_previews.constFind(applicationId);
    set(NextRunColumn,
        preview == m_previews.cend() ? tr("Not previewed")
                                     : tr("%1 (previewed %2)").arg(preview->text, SyncText::dateTime(preview->at)));
}

QString SyncOverview::cellText(qint64 applicationId, Column column) const
{
    const int row = int(m_applicationIds.indexOf(applicationId));
    const auto* item = row >= 0 ? m_table->item(row, column) : nullptr;
    return item ? item->text() : QString();
}

void SyncOverview::setPreview(const SyncPlan& plan)
{
    m_previews.insert(plan.applicationId, {plan.createdAt, nextRunText(plan)});
    reload();
}

void SyncOverview::forgetPreview(qint64 applicationId)
{
    m_previews.remove(applicationId);
    reload();
}
