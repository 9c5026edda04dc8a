#include "SyncPage.h"
#include "widgets/AppIcons.h"
#include "widgets/PageHeader.h"
#include "widgets/StatusColors.h"

#include "PlanRequestDialog.h"
#include "SyncHistoryView.h"
#include "SyncOverview.h"
#include "SyncPlanView.h"
#include "SyncResultsExport.h"
#include "SyncResultsModel.h"
#include "SyncRunDialog.h"
#include "SyncText.h"
#include "TypedConfirmationDialog.h"
#include "controller/ApplicationSync.h"
#include "scim/HttpTraceEntry.h"
#include "servers/ServerCatalog.h"
#include "storage/ApplicationRepository.h"
#include "storage/ServerRepository.h"
#include "util/DisplayText.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace {
QToolButton* buttonFor(QAction* action, QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    return button;
}

QString durationText(int seconds)
{
    if (seconds < 0) {
        return QCoreApplication::translate("SyncPage", "unknown");
    }
    return QTime(0, 0).addSecs(seconds).toString(seconds >= 3600 ? QStringLiteral("h:mm:ss") : QStringLiteral("m:ss"));
}
} // namespace

SyncPage::SyncPage(std::shared_ptr<Workspace> workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(std::move(workspace))
    , m_results(new SyncResultsModel(this))
{
    setObjectName(QStringLiteral("syncPage"));

    auto* header = new PageHeader(tr("Sync & Logs"),
        tr("Preview exactly what a sync will change, then apply that plan. Nothing outside "
           "the previewed plan is ever written."),
        this);
    createActions();

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("syncTabs"));
    m_overview = new SyncOverview(m_workspace, this);
    m_tabs->addTab(m_overview, tr("Overview"));
    m_planTab = createPlanTab();
    m_tabs->addTab(m_planTab, tr("Plan"));
    m_runTab = createRunTab();
    m_tabs->addTab(m_runTab, tr("Run"));
    m_tabs->addTab(createHistoryTab(), tr("History"));
    m_tabs->addTab(createTraceView(), tr("HTTP Trace"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addLayout(createControls());
    layout->addWidget(m_tabs, 1);
    // Beside the tabs, not on a row of its own: the page then needs 26 px less height, which an
    // 800x500 logical screen (QT_SCALE_FACTOR=2 on 1600x1000) does not have to spare.
    m_tabs->setCornerWidget(m_trace, Qt::TopRightCorner);

    connectSignals();
    reloadApplications();
}

void SyncPage::createActions()
{
    m_previewAction = new QAction(AppIcons::icon(QStringLiteral("preview")), tr("&Preview"), this);
    m_previewAction->setObjectName(QStringLiteral("preview"));
    m_previewAction->setToolTip(tr("Read the directory and the target and compute the plan; nothing is written."));
    m_applyAction = new QAction(AppIcons::icon(QStringLiteral("apply")), tr("&Apply Plan"), this);
    m_applyAction->setObjectName(QStringLiteral("apply"));
    m_cancelAction = new QAction(AppIcons::icon(QStringLiteral("cancel")), tr("&Cancel"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancel"));
    m_exportCsvAction = new QAction(AppIcons::icon(QStringLiteral("export")), tr("Export CSV\u2026"), this);
    m_exportCsvAction->setObjectName(QStringLiteral("exportCsv"));
    m_exportJsonAction = new QAction(AppIcons::icon(QStringLiteral("export")), tr("Export JSON\u2026"), this);
    m_exportJsonAction->setObjectName(QStringLiteral("exportJson"));
    m_actions = {m_previewAction, m_applyAction, m_cancelAction, m_exportCsvAction, m_exportJsonAction};
}

QVBoxLayout* SyncPage::createControls()
{
    m_applications = new QComboBox(this);
    m_applications->setObjectName(QStringLiteral("applicationCombo"));
    // Takes the width the page has; a long "application → server" name no longer sets the
    // window's minimum width (800 logical px at QT_SCALE_FACTOR=2 on a 1600 px screen).
    m_applications->setMinimumContentsLength(16);
    m_applications->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_trace = new QCheckBox(tr("Record HTTP trace"), this);
    m_trace->setObjectName(QStringLiteral("traceCheck"));
    m_trace->setToolTip(tr("Keeps a redacted log of every request and response for troubleshooting. Tokens and "
                           "passwords are never recorded."));
    auto* application = new QHBoxLayout;
    application->addWidget(new QLabel(tr("Application:"), this));
    application->addWidget(m_applications, 1);
    application->addWidget(buttonFor(m_previewAction, this));
    application->addWidget(buttonFor(m_applyAction, this));
    application->addWidget(buttonFor(m_cancelAction, this));
    auto* controls = new QVBoxLayout;
    controls->addLayout(application);
    return controls;
}

QWidget* SyncPage::createPlanTab()
{
    auto* planTab = new QWidget(this);
    m_planSummary = new QLabel(tr("Choose an application and press Preview."), planTab);
    m_planSummary->setObjectName(QStringLiteral("planSummary"));
    m_planSummary->setWordWrap(true);
    m_planSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_planCounts = new QLabel(planTab);
    m_planCounts->setObjectName(QStringLiteral("planCounts"));
    m_planCounts->setWordWrap(true);
    m_planCounts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_planCounts->hide();
    m_planView = new SyncPlanView(planTab);
    m_planView->setObjectName(QStringLiteral("planTree"));
    m_requestButton = new QPushButton(tr("Show &Request\u2026"), planTab);
    m_requestButton->setObjectName(QStringLiteral("showRequestButton"));
    m_requestButton->setToolTip(tr("The exact request and JSON the selected change sends (or double-click it)."));
    m_requestButton->setEnabled(false);
    auto* planLayout = new QVBoxLayout(planTab);
    planLayout->addWidget(m_planSummary);
    planLayout->addWidget(m_planCounts);
    planLayout->addWidget(m_planView, 1);
    auto* planButtons = new QHBoxLayout;
    planButtons->addWidget(
        new QLabel(tr("Select a change to see its attributes and the request it sends."), planTab), 1);
    planButtons->addWidget(m_requestButton);
    planLayout->addLayout(planButtons);
    return planTab;
}

QWidget* SyncPage::createRunTab()
{
    auto* runTab = new QWidget(this);
    m_progress = new QProgressBar(runTab);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_rate = new QLabel(tr("Not running."), runTab);
    m_rate->setObjectName(QStringLiteral("rateLabel"));
    m_log = new QPlainTextEdit(runTab);
    m_log->setObjectName(QStringLiteral("liveLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setPlaceholderText(tr("The log of the current preview or apply appears here."));
    m_resultsTable = new QTableView(runTab);
    m_resultsTable->setObjectName(QStringLiteral("resultsTable"));
    m_resultsTable->setModel(m_results);
    m_resultsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_resultsTable->verticalHeader()->hide();
    m_resultsTable->horizontalHeader()->setStretchLastSection(true);
    m_resultsTable->setAlternatingRowColors(true);
    m_resultsTable->setWordWrap(false);
    m_resultsTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_resultsTable->verticalHeader()->setDefaultSectionSize(m_resultsTable->fontMetrics().height() + 8);
    m_resultsTable->setColumnWidth(SyncResultsModel::ObjectColumn, 220);
    // A request id is a UUID on AWS: the column fits one; the server's message takes the rest.
    m_resultsTable->setColumnWidth(SyncResultsModel::RequestIdColumn,
        m_resultsTable->fontMetrics().horizontalAdvance(QStringLiteral("0000000a-000b-000c-000d-00000000000e")) + 16);
    auto* runSplitter = new QSplitter(Qt::Vertical, runTab);
    runSplitter->addWidget(m_log);
    runSplitter->addWidget(m_resultsTable);
    runSplitter->setStretchFactor(1, 2);
    auto* runLayout = new QVBoxLayout(runTab);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_rate);
    runLayout->addLayout(progressRow);
    runLayout->addWidget(runSplitter, 1);
    return runTab;
}

QWidget* SyncPage::createHistoryTab()
{
    m_historyView = new SyncHistoryView(m_workspace->database(), this);
    connect(m_historyView, &SyncHistoryView::readFailed, this,
        [this](const QString& message) { log(tr("The run history could not be read: %1").arg(message)); });
    return m_historyView;
}

QWidget* SyncPage::createTraceView()
{
    m_traceView = new QPlainTextEdit(this);
    m_traceView->setObjectName(QStringLiteral("traceView"));
    m_traceView->setReadOnly(true);
    m_traceView->setMaximumBlockCount(20000);
    m_traceView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_traceView->setPlaceholderText(
        tr("Switch on \u201cRecord HTTP trace\u201d before Preview to see every request and response here "
           "(redacted: no tokens or passwords)."));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_traceView->setFont(mono);
    return m_traceView;
}

void SyncPage::connectSignals()
{
    connect(m_previewAction, &QAction::triggered, this, &SyncPage::preview);
    connect(m_applyAction, &QAction::triggered, this, &SyncPage::apply);
    connect(m_cancelAction, &QAction::triggered, this, &SyncPage::cancel);
    connect(m_exportCsvAction, &QAction::triggered, this, [this]() {
        const auto path = SyncResultsExport::askAndSave(this, *m_results, false, QStringLiteral("scimdesk-results"));
        if (!path.isEmpty()) {
            emit statusMessage(tr("Exported the results to %1.").arg(path));
        }
    });
    connect(m_exportJsonAction, &QAction::triggered, this, [this]() {
        const auto path = SyncResultsExport::askAndSave(this, *m_results, true, QStringLiteral("scimdesk-results"));
        if (!path.isEmpty()) {
            emit statusMessage(tr("Exported the results to %1.").arg(path));
        }
    });
    connect(m_requestButton, &QPushButton::clicked, this, &SyncPage::showSelectedRequest);
    connect(m_planView, &QTreeWidget::itemDoubleClicked, this, [this]() { showSelectedRequest(); });
    connect(m_planView, &QTreeWidget::itemSelectionChanged, this,
        [this]() { m_requestButton->setEnabled(m_planView->operationAt(m_planView->currentItem()) != nullptr); });
    connect(m_overview, &SyncOverview::openRequested, this, [this](qint64 applicationId) {
        if (selectApplication(applicationId)) {
            m_tabs->setCurrentWidget(m_planTab);
        }
    });
    connect(m_overview, &SyncOverview::previewRequested, this, [this](qint64 applicationId) {
        if (selectApplication(applicationId)) {
            m_tabs->setCurrentWidget(m_planTab);
            preview();
        }
    });
    connect(m_applications, qOverload<int>(&QComboBox::currentIndexChanged), this, [this]() {
        discardSession();
        m_plan.reset();
        m_planView->clear();
        m_planCounts->hide();
        m_planSummary->setText(tr("Press Preview to compute the plan of this application."));
        reloadHistory();
        updateActions();
    });
    connect(m_trace, &QCheckBox::toggled, this, [this](bool on) {
        if (m_sync) {
            m_sync->setTraceEnabled(on);
        }
    });
    connect(m_workspace.get(), &Workspace::applicationsChanged, this, &SyncPage::reloadApplications);
    connect(m_workspace->servers(), &ServerCatalog::serversChanged, this, &SyncPage::reloadApplications);
}

SyncPage::~SyncPage()
{
    discardSession();
}

void SyncPage::reloadApplications()
{
    if (isBusy()) {
        m_reloadWhenIdle = true; // the combo is locked while a run goes on; reloaded when it ends
        return;
    }
    const qint64 current = currentApplicationId();
    const QSignalBlocker blocker(m_applications);
    m_applications->clear();
    for (const auto& application : m_workspace->applications().list()) {
        if (application.scimServerId <= 0) {
            continue;
        }
        const auto server = m_workspace->servers()->repository().find(application.scimServerId);
        const QString label = server ? tr("%1 \u2192 %2").arg(application.name, server->name) : application.name;
        m_applications->addItem(label, application.id);
    }
    const int index = m_applications->findData(current);
    m_applications->setCurrentIndex(index >= 0 ? index : 0);
    if (index < 0) {
        discardSession();
        m_plan.reset();
        m_planView->clear();
        m_planCounts->hide();
    }
    // Only a change of the application replaces the summary: a reload after a run (lastSyncAt)
    // keeps its result, and the "no application" notice goes as soon as one has a server.
    if (m_applications->count() == 0) {
        m_planSummary->setText(tr("No application has a SCIM server yet. Assign one in Application Manager, then "
                                  "come back to preview its sync."));
    } else if (index < 0 && !m_applying) {
        m_planSummary->setText(tr("Press Preview to compute the plan of this application."));
    }
    reloadHistory();
    updateActions();
}

bool SyncPage::selectApplication(qint64 applicationId)
{
    const int index = m_applications->findData(applicationId);
    if (index < 0 || isBusy()) {
        return false;
    }
    m_applications->setCurrentIndex(index);
    return true;
}

TypedConfirmationDialog* SyncPage::pendingConfirmation() const
{
    return m_confirmation;
}

bool SyncPage::selectApplicationOfServer(qint64 serverId)
{
    for (const auto& application : m_workspace->applications().list()) {
        if (application.scimServerId == serverId && selectApplication(application.id)) {
            return true;
        }
    }
    return false;
}

qint64 SyncPage::currentApplicationId() const
{
    return m_applications->currentData().toLongLong();
}

bool SyncPage::isBusy() const
{
    return m_sync && m_sync->isBusy();
}

void SyncPage::discardSession()
{
    delete m_sync.data();
}

ApplicationSync* SyncPage::syncForCurrent()
{
    if (m_sync && m_sync->applicationId() == currentApplicationId()) {
        return m_sync;
    }
    discardSession();
    m_sync = new ApplicationSync(m_workspace, currentApplicationId(), this);
    m_sync->setTraceEnabled(m_trace->isChecked());
    connect(m_sync, &ApplicationSync::traceEntry, this, &SyncPage::appendTrace);
    connect(m_sync, &ApplicationSync::previewReady, this, &SyncPage::showPlan);
    connect(m_sync, &ApplicationSync::previewFailed, this, &SyncPage::showPreviewFailure);
    connect(m_sync, &ApplicationSync::progress, this, &SyncPage::showProgress);
    connect(m_sync, &ApplicationSync::operationFinished, this, &SyncPage::showOperation);
    connect(m_sync, &ApplicationSync::applyFinished, this, &SyncPage::showSummary);
    return m_sync;
}

void SyncPage::preview()
{
    if (isBusy() || currentApplicationId() <= 0) {
        return;
    }
    m_plan.reset();
    m_planView->clear();
    m_planCounts->hide();
    m_traceView->clear();
    m_log->clear();
    m_planSummary->setText(tr("Reading the directory and %1\u2026").arg(m_applications->currentText()));
    m_progress->setRange(0, 0); // busy until the plan is known
    m_rate->setText(tr("Previewing\u2026"));
    log(tr("Preview of %1 started.").arg(m_applications->currentText()));
    syncForCurrent()->preview();
    updateActions();
}

void SyncPage::showPlan(const SyncPlan& plan)
{
    emit activity(QString(), 0, -1);
    m_plan = plan;
    m_planView->setPlan(plan);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_rate->setText(tr("Ready to apply."));
    QStringList parts;
    parts << tr("%n write(s)", nullptr, plan.writeCount());
    if (plan.deprovisionCount() > 0) {
        parts << tr("%n deprovision(s)", nullptr, plan.deprovisionCount());
    }
    if (!plan.validationFailures.isEmpty()) {
        parts << tr("%n object(s) cannot be provisioned", nullptr, int(plan.validationFailures.size()));
    }
    QString text = plan.isEmpty() ? tr("<b>Nothing to change.</b> The target already matches the directory.")
                                  : tr("<b>Plan:</b> %1.").arg(parts.join(QStringLiteral(", ")));
    if (!plan.sourceComplete) {
        text += QStringLiteral("<br>") + tr("The directory could not be read completely; the plan cannot be applied.");
    }
    if (plan.needsConfirmation) {
        text += QStringLiteral("<br><span style='color:%2'>%1</span>")
                    .arg(tr("Needs your confirmation: %1").arg(plan.confirmationReason.toHtmlEscaped()),
                        StatusColors::errorName());
    }
    m_planSummary->setText(text);
    showPlanCounts(plan);
    log(tr("Plan ready: %1, %2.")
            .arg(tr("%n operation(s)", nullptr, int(plan.operations.size())),
                tr("%n write(s)", nullptr, plan.writeCount())));
    m_tabs->setCurrentWidget(m_planTab);
    m_overview->setPreview(plan);
    updateActions();
    emit previewFinished(true);
}

void SyncPage::showPlanCounts(const SyncPlan& plan)
{
    // The same numbers as the CLI's plan ("users", "protectedCount", "unmanagedCount", "skippedCount").
    QStringList leftAlone;
    leftAlone << tr("%n protected object(s)", nullptr, int(plan.protectedObjects.size()))
              << tr("%n object(s) not managed by ScimDesk", nullptr, int(plan.unmanagedObjects.size()))
              << tr("%n skipped (cannot be provisioned)", nullptr, int(plan.validationFailures.size()));
    m_planCounts->setText(QStringLiteral("%1<br>%2")
                              .arg(plan.userCounts.sentence().toHtmlEscaped(),
                                  tr("Left alone: %1.").arg(leftAlone.join(QStringLiteral(", ")))));
    m_planCounts->show();
}

void SyncPage::showPreviewFailure(const SyncFailure& failure)
{
    const QString message = failure.fullMessage();
    emit activity(QString(), 0, -1);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_rate->setText(tr("Preview failed."));
    m_planSummary->setText(QStringLiteral("<span style='color:%3'><b>%1</b></span> %2")
                               .arg(tr("Preview failed."), DisplayText::escapedKeepingLines(message).toHtmlEscaped(),
                                   StatusColors::errorName()));
    log(tr("Preview failed: %1").arg(message));
    updateActions();
    emit previewFinished(false);
}

void SyncPage::apply()
{
    if (!m_plan || !m_sync || isBusy()) {
        return;
    }
    if (!m_plan->needsConfirmation) {
        applyConfirmed(false);
        return;
    }
    const int deprovisions = m_plan->deprovisionCount();
    const QString expected = deprovisions > 0 ? QString::number(deprovisions) : tr("APPLY");
    const QString text = deprovisions > 0
        ? tr("%1\n\nThis plan disables or deletes %n object(s) on the target.", nullptr, deprovisions)
              .arg(m_plan->confirmationReason)
        : m_plan->confirmationReason;
    m_confirmation = new TypedConfirmationDialog(tr("Confirm Apply"), text, expected, this);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmation, &QDialog::accepted, this, [this]() { applyConfirmed(true); });
    m_confirmation->open();
}

void SyncPage::applyConfirmed(bool confirmed)
{
    if (!m_plan || !m_sync) {
        return;
    }
    m_results->clear();
    m_applying = true;
    m_lastPhase = SyncProgress::Phase::Finished;
    m_progress->setRange(0, std::max(1, m_plan->writeCount()));
    m_progress->setValue(0);
    m_rate->setText(tr("Starting\u2026"));
    m_tabs->setCurrentWidget(m_runTab);
    log(tr("Applying %n operation(s).", nullptr, int(m_plan->operations.size())));
    m_sync->apply(m_plan->planId, confirmed);
    updateActions();
}

void SyncPage::cancel()
{
    if (isBusy()) {
        log(tr("Cancelling\u2026 operations in flight finish or are stopped; nothing else is sent."));
        m_sync->cancel();
    }
}

void SyncPage::showProgress(const SyncProgress& progress)
{
    const QString application = m_applications->currentText();
    if (progress.phase == SyncProgress::Phase::Reading || progress.phase == SyncProgress::Phase::Planning) {
        m_rate->setText(SyncProgress::phaseLabel(progress.phase));
        emit activity(tr("%1: %2").arg(application, SyncProgress::phaseLabel(progress.phase)), 0, 0);
        return;
    }
    emit activity(tr("%1: %2").arg(application, SyncProgress::phaseLabel(progress.phase)), progress.done,
        std::max(1, progress.total));
    if (progress.phase != m_lastPhase) {
        m_lastPhase = progress.phase;
        log(SyncProgress::phaseLabel(progress.phase));
    }
    m_progress->setRange(0, std::max(1, progress.total));
    m_progress->setValue(progress.done);
    m_rate->setText(tr("%1 of %2 \u00b7 %3 failed \u00b7 %4/s \u00b7 ETA %5")
                        .arg(progress.done)
                        .arg(progress.total)
                        .arg(progress.failed)
                        .arg(progress.operationsPerSecond, 0, 'f', 1)
                        .arg(durationText(progress.etaSeconds)));
}

void SyncPage::showOperation(const JournalEntry& entry)
{
    m_results->append(entry);
    if (entry.status != QLatin1String("ok")) {
        log(tr("%1: %2 %3: %4")
                .arg(SyncText::entryStatus(entry.status), SyncText::action(entry.action), entry.objectName,
                    entry.error));
    }
}

QString SyncPage::statusSentence(SyncRunSummary::Status status)
{
    switch (status) {
    case SyncRunSummary::Status::Succeeded:
        return tr("The run succeeded.");
    case SyncRunSummary::Status::Partial:
        return tr("The run is partly done.");
    case SyncRunSummary::Status::Failed:
        return tr("The run failed.");
    case SyncRunSummary::Status::Cancelled:
        return tr("The run was cancelled.");
    case SyncRunSummary::Status::Refused:
        return tr("The run was refused.");
    }
    return QString();
}

void SyncPage::showSummary(const SyncRunSummary& summary)
{
    emit activity(QString(), 0, -1);
    m_applying = false;
    m_results->flush();
    if (summary.status == SyncRunSummary::Status::Succeeded) {
        m_progress->setRange(0, std::max(1, summary.total));
        m_progress->setValue(std::max(1, summary.total));
    }
    const QString statusText = statusSentence(summary.status);
    m_rate->setText(tr("%1 %2 done, %3 failed, %4 skipped.")
                        .arg(statusText)
                        .arg(summary.succeeded)
                        .arg(summary.failed)
                        .arg(summary.skipped));
    log(summary.message.isEmpty() ? statusText : summary.message);
    for (const auto& error : summary.errors) {
        log(error);
    }
    // The plan was used up; a new preview shows what is left to do.
    m_plan.reset();
    m_planView->clear();
    m_planCounts->hide();
    m_planSummary->setText(tr("%1 The plan is used up: press Preview to see what is left to change.").arg(statusText));
    m_overview->forgetPreview(currentApplicationId());
    if (std::exchange(m_reloadWhenIdle, false)) {
        reloadApplications();
    }
    reloadHistory();
    updateActions();
    emit statusMessage(statusText);
    emit applyFinished(summary);
}

void SyncPage::appendTrace(const HttpTraceEntry& entry)
{
    m_traceView->appendPlainText(entry.toString());
}

void SyncPage::log(const QString& line)
{
    // Log lines quote server messages and object names: their control characters are escaped.
    m_log->appendPlainText(QStringLiteral("%1  %2").arg(
        QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), DisplayText::escapedKeepingLines(line)));
}

void SyncPage::reloadHistory()
{
    m_historyView->setApplication(currentApplicationId());
    m_overview->reload();
}

SyncRunDialog* SyncPage::openRun(int historyRow)
{
    return m_historyView->openRun(historyRow);
}

PlanRequestDialog* SyncPage::showSelectedRequest()
{
    const PlannedOperation* operation = m_planView->operationAt(m_planView->currentItem());
    if (!operation) {
        return nullptr;
    }
    auto* dialog = new PlanRequestDialog(*operation, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

bool SyncPage::exportResultsCsv(const QString& path, QString* error) const
{
    QString message;
    const bool ok = SyncResultsExport::saveCsv(*m_results, path, &message);
    if (error) {
        *error = message;
    }
    return ok;
}

bool SyncPage::exportResultsJson(const QString& path, QString* error) const
{
    QString message;
    const bool ok = SyncResultsExport::saveJson(*m_results, path, &message);
    if (error) {
        *error = message;
    }
    return ok;
}

void SyncPage::updateActions()
{
    const bool busy = isBusy();
    const bool hasApplication = currentApplicationId() > 0;
    m_applications->setEnabled(!busy);
    m_previewAction->setEnabled(!busy && hasApplication);
    m_applyAction->setEnabled(!busy && m_plan && !m_plan->isEmpty() && m_plan->sourceComplete);
    m_cancelAction->setEnabled(busy);
    const bool hasResults = m_results->rowCount() > 0 || m_applying;
    m_exportCsvAction->setEnabled(hasResults && !busy);
    m_exportJsonAction->setEnabled(hasResults && !busy);
}
