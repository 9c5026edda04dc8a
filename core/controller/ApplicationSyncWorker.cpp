#include "ApplicationSyncWorker.h"

#include <scim/ScimClient.h>
#include <storage/ApplicationRepository.h>
#include <storage/Database.h>
#include <sync/ServerClientConfig.h>
#include <sync/SyncSession.h>
#include <sync/UserProvisioner.h>
#include <util/LogCategories.h>

#include <utility>

ApplicationSyncWorker::ApplicationSyncWorker(std::shared_ptr<Database> database, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
{
}

ApplicationSyncWorker::~ApplicationSyncWorker()
{
    // Runs on the worker thread (ApplicationSync deletes it there): the engine goes first,
    // then this thread's database connection.
    delete m_provisioner.data();
    delete m_session.data();
    delete m_client.data();
    m_database->releaseThreadConnection();
}

void ApplicationSyncWorker::replaceEngine(const SyncSetup& setup)
{
    delete m_provisioner.data();
    delete m_session.data();
    delete m_client.data();
    m_applicationId = setup.application.id;
    m_cancelled = false;
    ScimClientConfig config = ServerClientConfig::forServer(setup.server, setup.secret);
    config.traceEnabled = setup.traceEnabled;
    m_client = new ScimClient(config, this);
    connect(m_client, &ScimClient::traceEntry, this, &ApplicationSyncWorker::traceEntry);
}

void ApplicationSyncWorker::preview(const SyncSetup& setup)
{
    startPreview(setup, std::nullopt);
}

void ApplicationSyncWorker::previewAndApply(const SyncSetup& setup, bool confirmed)
{
    startPreview(setup, confirmed);
}

void ApplicationSyncWorker::startPreview(const SyncSetup& setup, std::optional<bool> applyConfirmed)
{
    replaceEngine(setup);
    m_applyConfirmed = applyConfirmed;
    m_session = new SyncSession(m_database, m_client, setup.server, this);
    connect(m_session, &SyncSession::progress, this, &ApplicationSyncWorker::progress);
    connect(m_session, &SyncSession::previewReady, this, &ApplicationSyncWorker::onPreviewReady);
    connect(m_session, &SyncSession::previewFailed, this, &ApplicationSyncWorker::onPreviewFailed);
    connect(m_session, &SyncSession::operationFinished, this, &ApplicationSyncWorker::operationFinished);
    const qint64 applicationId = setup.application.id;
    connect(m_session, &SyncSession::applyFinished, this, [this, applicationId](const SyncRunSummary& summary) {
        recordRun(applicationId, summary);
        emit applyFinished(summary);
    });
    m_session->preview(setup.application);
}

void ApplicationSyncWorker::onPreviewReady(const SyncPlan& plan)
{
    emit previewReady(plan);
    const std::optional<bool> confirmed = std::exchange(m_applyConfirmed, std::nullopt);
    if (!confirmed)
        return;
    if (m_cancelled)
        return finishCancelledBeforeApply(plan.planId.toString(QUuid::WithoutBraces), int(plan.operations.size()));
    m_session->apply(plan.planId, *confirmed);
}

void ApplicationSyncWorker::onPreviewFailed(const QString& message)
{
    const bool applyWaited = std::exchange(m_applyConfirmed, std::nullopt).has_value();
    if (m_cancelled && applyWaited)
        return finishCancelledBeforeApply(QString(), 0);
    const SyncFailure::Kind kind = m_cancelled ? SyncFailure::Kind::Cancelled : SyncFailure::Kind::Read;
    emit previewFailed(SyncFailure {kind, message, {}});
}

void ApplicationSyncWorker::cancelBeforeStart(qint64 applicationId)
{
    m_applicationId = applicationId;
    finishCancelledBeforeApply(QString(), 0);
}

void ApplicationSyncWorker::finishCancelledBeforeApply(const QString& planId, int operations)
{
    SyncRunSummary summary;
    summary.planId = planId;
    summary.status = SyncRunSummary::Status::Cancelled;
    summary.total = operations;
    summary.skipped = operations;
    summary.message = planId.isEmpty()
        ? tr("Cancelled while the target was read, before anything was planned; nothing was sent to the server.")
        : tr("Cancelled before the apply started; nothing was sent to the server.");
    summary.startedAt = summary.finishedAt = QDateTime::currentDateTimeUtc();
    // Not a sync for lastSyncAt, but a run the history shows: a stopped scheduled sync is seen.
    JournalStore journal(m_database);
    const auto run = journal.beginRun(m_applicationId, planId, QStringLiteral("apply"));
    const auto finished = run ? journal.finishRun(*run, SyncRunSummary::statusId(summary.status), summary.toJson())
                              : Status<StorageError>(run.error());
    if (run)
        summary.runId = *run;
    if (!finished)
        summary.errors.append(tr("The cancelled run could not be journalled: %1").arg(finished.error().message));
    emit applyFinished(summary);
}

void ApplicationSyncWorker::apply(const QUuid& planId, bool confirmed)
{
    if (!m_session) {
        emit applyFinished(SyncRunSummary::refused(planId.toString(QUuid::WithoutBraces),
            tr("There is no previewed plan to apply. Preview again, then apply the new plan.")));
        return;
    }
    m_cancelled = false;
    m_session->apply(planId, confirmed);
}

void ApplicationSyncWorker::startProvision(const SyncSetup& setup, qint64 userId)
{
    replaceEngine(setup);
    m_provisioner = new UserProvisioner(m_database, m_client, setup.server, this);
    connect(m_provisioner, &UserProvisioner::stepStarted, this, &ApplicationSyncWorker::provisionStepStarted);
    connect(m_provisioner, &UserProvisioner::stepFinished, this, &ApplicationSyncWorker::provisionStepFinished);
    connect(m_provisioner, &UserProvisioner::readyToPerform, this,
        [this](bool hasWork) { emit provisionReady(hasWork, m_provisioner->trace()); });
    const qint64 applicationId = setup.application.id;
    connect(m_provisioner, &UserProvisioner::finished, this, [this, applicationId](const ProvisionTrace& trace) {
        if (trace.run)
            recordRun(applicationId, *trace.run);
        emit provisionFinished(trace);
    });
    m_provisioner->start(setup.application, userId);
}

void ApplicationSyncWorker::performProvision()
{
    if (m_provisioner)
        m_provisioner->perform();
}

void ApplicationSyncWorker::cancel()
{
    m_cancelled = true;
    if (m_session)
        m_session->cancel();
    if (m_provisioner)
        m_provisioner->cancel();
}

void ApplicationSyncWorker::setTraceEnabled(bool enabled)
{
    if (m_client)
        m_client->setTraceEnabled(enabled);
}

void ApplicationSyncWorker::recordRun(qint64 applicationId, const SyncRunSummary& summary)
{
    // A run that sent something (or had nothing to send) counts as a sync, whatever front end
    // started it; a refused or wholly failed one does not.
    if (summary.status == SyncRunSummary::Status::Refused || summary.status == SyncRunSummary::Status::Failed)
        return;
    const QDateTime when = summary.finishedAt.isValid() ? summary.finishedAt : QDateTime::currentDateTimeUtc();
    if (auto status = ApplicationRepository(m_database).setLastSyncAt(applicationId, when); !status)
        qCWarning(lcSync) << "Could not record the time of the sync:" << status.error().message;
}
