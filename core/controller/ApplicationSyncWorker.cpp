#include "ApplicationSyncWorker.h"

#include <scim/ScimClient.h>
#include <sources/SourceLoader.h>
#include <storage/ApplicationRepository.h>
#include <storage/Database.h>
#include <sync/ServerClientConfig.h>
#include <sync/SyncSession.h>
#include <sync/UserProvisioner.h>
#include <util/AsyncTask.h>
#include <util/LogCategories.h>

#include <utility>

#include <QCoreApplication>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ApplicationSyncWorker", text);
}

SyncFailure sourceFailure(const DirectorySource& source, const SourceReadError& error)
{
    if (error.kind == SourceReadError::Kind::Cancelled) {
        return SyncFailure {SyncFailure::Kind::Cancelled,
            tr("Cancelled while reading the directory source; nothing was sent to the SCIM server."), {}, true};
    }
    QString message = tr("The directory source \"%1\" could not be read completely, so nothing was sent to the "
                         "SCIM server: %2")
                          .arg(source.name, error.message);
    if (!error.diagnostic.isEmpty()) {
        message += QLatin1Char(' ') + tr("(the directory said: %1)").arg(error.diagnostic);
    }
    return SyncFailure {SyncFailure::Kind::SourceRead, message, error.remedy, true};
}
} // namespace

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

void ApplicationSyncWorker::withDirectory(const SyncSetup& setup, std::function<void(const DirectoryLoader&)> next,
    std::function<void(const SyncFailure&)> failed)
{
    m_sourceNotes.clear();
    if (!setup.source) {
        next({});
        return;
    }
    SyncProgress reading;
    reading.phase = SyncProgress::Phase::Reading;
    emit progress(reading);
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    m_sourceCancelled = cancelled;
    AsyncTask::run(
        this,
        [database = m_database, setup, cancelled]() {
            return SourceLoader::loadWith(
                setup.sourceReaderFactory, database, *setup.source, setup.sourcePassword.toUtf8(), false, *cancelled);
        },
        [this, setup, cancelled, next, failed](SourceLoadOutcome outcome) {
            if (m_sourceCancelled == cancelled)
                m_sourceCancelled.reset();
            if (*cancelled || !outcome.snapshot) {
                if (*cancelled)
                    outcome.error.kind = SourceReadError::Kind::Cancelled;
                qCWarning(lcSync) << "Reading the directory source failed:" << outcome.error.message;
                return failed(sourceFailure(*setup.source, outcome.error));
            }
            for (const QString& note : std::as_const(outcome.summary.notes))
                m_sourceNotes.append(tr("Directory source \"%1\": %2").arg(setup.source->name, note));
            const DirectorySnapshot snapshot = *outcome.snapshot;
            next([snapshot]() -> Result<DirectorySnapshot, StorageError> { return snapshot; });
        });
}

void ApplicationSyncWorker::preview(const SyncSetup& setup)
{
    withDirectory(
        setup, [this, setup](const DirectoryLoader& loader) { startPreview(setup, loader, std::nullopt); },
        [this](const SyncFailure& failure) { emit previewFailed(failure); });
}

void ApplicationSyncWorker::previewAndApply(const SyncSetup& setup, bool confirmed)
{
    m_applicationId = setup.application.id;
    withDirectory(
        setup, [this, setup, confirmed](const DirectoryLoader& loader) { startPreview(setup, loader, confirmed); },
        [this](const SyncFailure& failure) {
            // Like a cancel during the target read: a journalled run that sent nothing.
            if (failure.kind == SyncFailure::Kind::Cancelled)
                return finishCancelledBeforeApply(QString(), 0);
            emit previewFailed(failure);
        });
}

void ApplicationSyncWorker::startPreview(
    const SyncSetup& setup, const DirectoryLoader& loader, std::optional<bool> applyConfirmed)
{
    replaceEngine(setup);
    m_applyConfirmed = applyConfirmed;
    m_session = new SyncSession(m_database, m_client, setup.server, this);
    if (loader)
        m_session->setDirectoryLoader(loader);
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
    if (m_sourceNotes.isEmpty()) {
        emit previewReady(plan);
    } else {
        SyncPlan withNotes = plan;
        withNotes.warnings << m_sourceNotes;
        emit previewReady(withNotes);
    }
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
    withDirectory(
        setup, [this, setup, userId](const DirectoryLoader& loader) { startProvisionWith(setup, userId, loader); },
        [this](const SyncFailure& failure) { emit provisionFailed(failure); });
}

void ApplicationSyncWorker::startProvisionWith(const SyncSetup& setup, qint64 userId, const DirectoryLoader& loader)
{
    replaceEngine(setup);
    m_provisioner = new UserProvisioner(m_database, m_client, setup.server, this);
    if (loader)
        m_provisioner->setDirectoryLoader(loader);
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
    if (m_sourceCancelled)
        *m_sourceCancelled = true;
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
