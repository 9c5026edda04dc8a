#include "ApplicationSync.h"

#include "ApplicationSyncWorker.h"

#include <secrets/SecretStore.h>
#include <servers/ServerCatalog.h>
#include <sources/SourceCatalog.h>
#include <storage/ApplicationRepository.h>
#include <storage/Database.h>
#include <storage/ServerRepository.h>
#include <util/LogCategories.h>
#include <validation/AssignmentValidator.h>
#include <workspace/Workspace.h>

#include <QThread>

ApplicationSync::ApplicationSync(std::shared_ptr<Workspace> workspace, qint64 applicationId, QObject* parent)
    : QObject(parent)
    , m_workspace(std::move(workspace))
    , m_applicationId(applicationId)
{
    qRegisterMetaType<SyncFailure>();
    qRegisterMetaType<SyncPlan>();
    qRegisterMetaType<SyncProgress>();
    qRegisterMetaType<SyncRunSummary>();
    qRegisterMetaType<JournalEntry>();
    qRegisterMetaType<HttpTraceEntry>();
    qRegisterMetaType<ProvisionStep>();
    qRegisterMetaType<ProvisionTrace>();

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("ApplicationSync"));
    m_worker = new ApplicationSyncWorker(m_workspace->database());
    m_worker->moveToThread(m_thread);
    m_thread->start();

    // Worker → this object: queued, because the two live on different threads.
    connect(m_worker, &ApplicationSyncWorker::progress, this, &ApplicationSync::progress);
    connect(m_worker, &ApplicationSyncWorker::operationFinished, this, &ApplicationSync::operationFinished);
    connect(m_worker, &ApplicationSyncWorker::traceEntry, this, &ApplicationSync::traceEntry);
    connect(m_worker, &ApplicationSyncWorker::provisionStepStarted, this, &ApplicationSync::provisionStepStarted);
    connect(m_worker, &ApplicationSyncWorker::provisionStepFinished, this, &ApplicationSync::provisionStepFinished);
    connect(m_worker, &ApplicationSyncWorker::previewReady, this, [this](const SyncPlan& plan) {
        m_busy = m_applyAfterPreview;
        emit previewReady(plan);
    });
    connect(m_worker, &ApplicationSyncWorker::previewFailed, this, [this](const SyncFailure& failure) {
        m_busy = m_applyAfterPreview = false;
        emit previewFailed(failure);
    });
    connect(m_worker, &ApplicationSyncWorker::applyFinished, this, [this](const SyncRunSummary& summary) {
        m_busy = m_applyAfterPreview = false;
        m_writeLock.release();
        if (summary.runId > 0)
            m_lastRunId = summary.runId;
        emit applyFinished(summary);
        finishRun(summary.status != SyncRunSummary::Status::Refused);
    });
    connect(m_worker, &ApplicationSyncWorker::provisionReady, this, [this](bool hasWork, const ProvisionTrace& trace) {
        m_busy = false; // waiting for the admin's confirmation is not work in progress
        emit provisionReady(hasWork, trace);
    });
    connect(m_worker, &ApplicationSyncWorker::provisionFailed, this, [this](const SyncFailure& failure) {
        m_busy = false;
        emit provisionFailed(failure);
    });
    connect(m_worker, &ApplicationSyncWorker::provisionFinished, this, [this](const ProvisionTrace& trace) {
        m_busy = false;
        m_writeLock.release();
        emit provisionFinished(trace);
        finishRun(trace.run.has_value());
    });
}

ApplicationSync::~ApplicationSync()
{
    // Stop what runs, then let the worker delete its engine on its own thread.
    ApplicationSyncWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [worker] {
            worker->cancel();
            delete worker;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

template<typename Function>
void ApplicationSync::onWorker(Function function)
{
    QMetaObject::invokeMethod(m_worker, std::move(function), Qt::QueuedConnection);
}

Result<SyncSetup, SyncFailure> ApplicationSync::resolve(const Workspace& workspace, qint64 applicationId)
{
    const auto application = workspace.applications().find(applicationId);
    if (!application) {
        return SyncFailure {SyncFailure::Kind::Setup, tr("The application no longer exists."),
            tr("Choose another application, or create it again in Application Manager.")};
    }
    if (application->scimServerId <= 0) {
        return SyncFailure {SyncFailure::Kind::Setup,
            tr("The application \"%1\" has no SCIM server assigned.").arg(application->name),
            tr("Assign a server to it in Application Manager (or with scimdesk-cli apps edit \"%1\" --server NAME).")
                .arg(application->name)};
    }
    const auto server = workspace.servers()->repository().find(application->scimServerId);
    if (!server) {
        return SyncFailure {SyncFailure::Kind::Setup,
            tr("The SCIM server of the application \"%1\" no longer exists.").arg(application->name),
            tr("Assign another server to it in Application Manager.")};
    }
    // A stored assignment the engine cannot evaluate (saved by an older version) would match
    // nobody and deprovision everyone it was meant to keep: nothing is planned from it.
    if (const ValidationIssues issues = AssignmentValidator::validate(application->assignment); !issues.isEmpty()) {
        return SyncFailure {SyncFailure::Kind::Setup,
            tr("The scoping filters of the application \"%1\" cannot be used: %2")
                .arg(application->name, Validation::joinedText(issues)),
            tr("Fix them in Application Manager (or with scimdesk-cli apps edit \"%1\"); nothing was read or "
               "changed.")
                .arg(application->name)};
    }
    SyncSetup setup;
    setup.application = *application;
    setup.server = *server;
    if (application->sourceId > 0) {
        setup.source = workspace.sources()->repository().find(application->sourceId);
        if (!setup.source) {
            return SyncFailure {SyncFailure::Kind::Setup,
                tr("The directory source of the application \"%1\" no longer exists.").arg(application->name),
                tr("Choose its source again in Application Manager (or with scimdesk-cli apps edit \"%1\" --source "
                   "NAME|embedded).")
                    .arg(application->name)};
        }
        setup.sourceReaderFactory = workspace.sourceReaderFactory();
    }
    return setup;
}

void ApplicationSync::preview()
{
    if (!m_busy)
        m_previewStartedAt = QDateTime::currentDateTimeUtc();
    start(Request::Preview);
}

void ApplicationSync::previewAndApply(bool confirmed)
{
    // The CLI's `sync --apply` holds the profile's write lock for the whole command.
    start(Request::PreviewAndApply, 0, confirmed);
}

void ApplicationSync::startProvisionUser(qint64 userId)
{
    start(Request::Provision, userId);
}

void ApplicationSync::start(Request request, qint64 userId, bool confirmed)
{
    if (m_busy) {
        return failStart(request,
            SyncFailure {SyncFailure::Kind::Busy, tr("A sync of this application is already running."),
                tr("Wait for it to finish or cancel it.")});
    }
    auto resolved = resolve(*m_workspace, m_applicationId);
    if (!resolved)
        return failStart(request, resolved.error());
    m_busy = true;
    m_applyAfterPreview = request == Request::PreviewAndApply;
    m_pendingRequest = request;
    const quint64 generation = ++m_generation;
    SyncSetup setup = resolved.value();
    const SecretKey key {setup.server.id, ServerCatalog::secretPurpose(setup.server.auth.scheme)};
    m_workspace->secrets()->read(
        key, this, [this, request, userId, confirmed, generation, setup](Result<QString, SecretError> secret) mutable {
            if (generation != m_generation)
                return; // cancelled meanwhile: failStart was already reported
            if (!secret) {
                return failSecret(request, secret.error(),
                    tr("The secret of the server \"%1\" cannot be read: %2")
                        .arg(setup.server.name, secret.error().message));
            }
            setup.secret = secret.value();
            readSourcePassword(request, userId, confirmed, generation, setup);
        });
}

void ApplicationSync::readSourcePassword(
    Request request, qint64 userId, bool confirmed, quint64 generation, SyncSetup setup)
{
    if (!setup.source || setup.source->anonymousBind())
        return dispatch(request, userId, confirmed, setup);
    m_workspace->secrets()->read(SecretKey::forSource(setup.source->id), this,
        [this, request, userId, confirmed, generation, setup](Result<QString, SecretError> password) mutable {
            if (generation != m_generation)
                return;
            if (!password) {
                SecretError error = password.error();
                if (error.kind == SecretError::Kind::NotFound) {
                    error.hint = tr("Store it with Edit Source (or scimdesk-cli sources edit \"%1\" --password-stdin); "
                                    "on a machine without a keychain give --source-password-env NAME or "
                                    "--source-password-file PATH.")
                                     .arg(setup.source->name);
                }
                return failSecret(request, error,
                    tr("The bind password of the directory source \"%1\" cannot be read: %2")
                        .arg(setup.source->name, error.message),
                    true);
            }
            setup.sourcePassword = password.value();
            dispatch(request, userId, confirmed, setup);
        });
}

void ApplicationSync::failSecret(Request request, const SecretError& error, const QString& message, bool aboutSource)
{
    m_pendingRequest.reset();
    m_busy = m_applyAfterPreview = false;
    const bool missing = error.kind == SecretError::Kind::NotFound;
    failStart(request,
        SyncFailure {missing ? SyncFailure::Kind::Secret : SyncFailure::Kind::Keychain, message,
            error.hint.isEmpty() ? SecretError::defaultHint(error.kind) : error.hint, aboutSource});
}

void ApplicationSync::dispatch(Request request, qint64 userId, bool confirmed, SyncSetup setup)
{
    m_pendingRequest.reset();
    setup.traceEnabled = m_traceEnabled;
    ApplicationSyncWorker* worker = m_worker;
    switch (request) {
    case Request::Preview:
        return onWorker([worker, setup] { worker->preview(setup); });
    case Request::PreviewAndApply:
        return onWorker([worker, setup, confirmed] { worker->previewAndApply(setup, confirmed); });
    case Request::Provision:
        return onWorker([worker, setup, userId] { worker->startProvision(setup, userId); });
    }
}

void ApplicationSync::failStart(Request request, const SyncFailure& failure)
{
    if (request == Request::Provision)
        emit provisionFailed(failure);
    else
        emit previewFailed(failure);
}

void ApplicationSync::apply(const QUuid& planId, bool confirmed)
{
    if (m_busy) {
        emit applyFinished(SyncRunSummary::refused(planId.toString(QUuid::WithoutBraces),
            tr("A sync of this application is already running. Wait for it to finish.")));
        return;
    }
    QString refused = lockForWriting();
    if (refused.isEmpty())
        refused = appliedSincePreview();
    if (!refused.isEmpty()) {
        m_writeLock.release();
        emit applyFinished(SyncRunSummary::refused(planId.toString(QUuid::WithoutBraces), refused));
        return;
    }
    m_busy = true;
    ApplicationSyncWorker* worker = m_worker;
    onWorker([worker, planId, confirmed] { worker->apply(planId, confirmed); });
}

void ApplicationSync::performProvision()
{
    if (m_busy)
        return;
    if (const QString refused = lockForWriting(); !refused.isEmpty()) {
        emit provisionFailed(SyncFailure {SyncFailure::Kind::Busy, refused, {}});
        return;
    }
    m_busy = true;
    ApplicationSyncWorker* worker = m_worker;
    onWorker([worker] { worker->performProvision(); });
}

void ApplicationSync::cancel()
{
    ApplicationSyncWorker* worker = m_worker;
    if (m_pendingRequest) {
        // Still waiting for the keychain: nothing reached the worker, so end here.
        const Request request = *m_pendingRequest;
        m_pendingRequest.reset();
        ++m_generation;
        if (request == Request::PreviewAndApply) {
            const qint64 applicationId = m_applicationId;
            return onWorker([worker, applicationId] { worker->cancelBeforeStart(applicationId); });
        }
        m_busy = false;
        return failStart(request,
            SyncFailure {SyncFailure::Kind::Cancelled, tr("Cancelled before anything was read or changed."), {}});
    }
    onWorker([worker] { worker->cancel(); });
}

void ApplicationSync::setTraceEnabled(bool enabled)
{
    m_traceEnabled = enabled;
    ApplicationSyncWorker* worker = m_worker;
    onWorker([worker, enabled] { worker->setTraceEnabled(enabled); });
}

void ApplicationSync::finishRun(bool recorded)
{
    // The worker stored lastSyncAt; views that show it (Application Manager) refresh.
    if (recorded)
        m_workspace->notifyApplicationsChanged();
}

QString ApplicationSync::lockForWriting()
{
    auto lock = ProfileLock::acquire(m_workspace->database()->filePath());
    if (!lock)
        return lock.error().message;
    if (!lock->takenOver().isEmpty())
        qCWarning(lcSync).noquote() << lock->takenOver();
    m_writeLock = std::move(lock).value();
    return {};
}

QString ApplicationSync::appliedSincePreview() const
{
    if (!m_previewStartedAt.isValid())
        return {};
    const auto runs = JournalStore(m_workspace->database()).runs(m_applicationId, 5);
    if (!runs)
        return {};
    for (const SyncRunRecord& run : runs.value()) {
        // This object's own last run is the session's to refuse ("at most once").
        const bool wrote
            = run.mode == QLatin1String("apply") && run.status != QLatin1String("refused") && run.id != m_lastRunId;
        const bool sincePreview
            = run.startedAt >= m_previewStartedAt || (run.finishedAt.isValid() && run.finishedAt >= m_previewStartedAt);
        if (wrote && sincePreview) {
            return tr("Run %1 of this application was applied after this plan was previewed (by another ScimDesk "
                      "program, or a scheduled run), so the plan no longer shows the target as it is. Nothing was "
                      "sent. Preview again, then apply the new plan.")
                .arg(run.id);
        }
    }
    return {};
}
