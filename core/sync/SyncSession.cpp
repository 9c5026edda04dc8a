#include "SyncSession.h"

#include "CapabilityRefinement.h"
#include "DesiredStateBuilder.h"
#include "LinkStore.h"
#include "SyncExecutor.h"
#include "SyncPlanner.h"
#include "TargetReader.h"

#include <scim/ScimClient.h>
#include <storage/Database.h>
#include <util/LogCategories.h>
#include <util/StartupTrace.h>

#include <util/AsyncTask.h>

#include <QSet>
#include <QThread>

#include <utility>

// Everything read before planning; shared between the pool, the reader and the planner.
struct SyncSession::Prepared
{
    Application application;
    QString error;
    DesiredState desired;
    QList<LinkedIds> userLinks;
    QList<LinkedIds> groupLinks;
    std::shared_ptr<const TargetSnapshot> target;
    // The directory side (prepare) and the /ServiceProviderConfig read run at the same time;
    // the target is read when both are done, and a preview fails once however both end.
    bool directoryDone = false;
    bool capabilitiesDone = false;
    bool failed = false;
};

SyncSession::SyncSession(
    std::shared_ptr<Database> database, ScimClient* client, const ScimServer& server, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_client(client)
    , m_server(server)
{
    qRegisterMetaType<SyncPlan>();
    qRegisterMetaType<SyncProgress>();
    qRegisterMetaType<SyncRunSummary>();
    qRegisterMetaType<JournalEntry>();
    m_loader = [database = m_database]() { return DirectorySnapshot::load(*database); };
}

SyncSession::~SyncSession()
{
    if (m_thread) {
        if (m_executor)
            m_executor->cancel();
        m_thread->quit();
        m_thread->wait();
        // The worker thread is gone, so whatever it still owned is deleted from here.
        delete m_executor.data();
    }
}

std::optional<SyncPlan> SyncSession::plan(const QUuid& planId) const
{
    const auto it = m_plans.constFind(planId);
    if (it == m_plans.cend())
        return std::nullopt;
    return it.value();
}

void SyncSession::fail(const QString& message)
{
    m_busy = false;
    qCWarning(lcSync) << "Preview failed:" << message;
    emit previewFailed(message);
}

void SyncSession::preview(const Application& application)
{
    if (m_busy) {
        emit previewFailed(tr("A sync is already running for this server. Wait for it to finish or cancel it."));
        return;
    }
    if (!m_client) {
        emit previewFailed(tr("There is no connection to the SCIM server. Test the connection, then try again."));
        return;
    }
    m_busy = true;
    m_cancelled = false;
    SyncProgress reading;
    reading.phase = SyncProgress::Phase::Reading;
    emit progress(reading);

    auto prepared = std::make_shared<Prepared>();
    prepared->application = application;
    // The capability read needs nothing from the directory: sent first, it is on the wire while
    // the directory is read, scoped and mapped (CLI start to first request), not after.
    refineCapabilities(prepared);
    // Directory, scope, mapping and links on the pool.
    AsyncTask::run(
        this,
        [prepared, server = m_server, loader = m_loader, database = m_database]() {
            prepare(*prepared, server, loader, database);
        },
        [this, prepared]() {
            prepared->directoryDone = true;
            if (prepared->failed)
                return;
            if (m_cancelled)
                return failPreview(prepared, tr("The preview was cancelled."));
            if (!prepared->error.isEmpty())
                return failPreview(prepared, prepared->error);
            readTargetWhenReady(prepared);
        });
}

void SyncSession::failPreview(const std::shared_ptr<Prepared>& prepared, const QString& message)
{
    prepared->failed = true;
    // Nothing more is needed from the server; the cancelled read's callback sees `failed`.
    if (const quint64 request = std::exchange(m_configRequest, 0); request && m_client)
        m_client->cancel(request);
    fail(message);
}

void SyncSession::readTargetWhenReady(const std::shared_ptr<Prepared>& prepared)
{
    if (prepared->directoryDone && prepared->capabilitiesDone && !prepared->failed)
        readTarget(prepared);
}

void SyncSession::prepare(Prepared& prepared, const ScimServer& server, const DirectoryLoader& loader,
    const std::shared_ptr<Database>& database)
{
    const Database::ThreadConnection connection(database);
    StartupTrace::mark("directory-read-start");
    const auto directory = loader();
    StartupTrace::mark("directory-read");
    if (!directory) {
        // No partial source ever reaches the planner: a failed read aborts the run.
        prepared.error = tr("The directory could not be read, so nothing was planned or changed: %1")
                             .arg(directory.error().message);
        return;
    }
    const DirectorySnapshot& snapshot = directory.value();
    prepared.desired = DesiredStateBuilder::build(prepared.application, server, snapshot.users(), snapshot.groups());
    if (!prepared.desired.configurationErrors.isEmpty()) {
        prepared.error = tr("The attribute mappings of the server \"%1\" have errors; fix them first: %2")
                             .arg(server.name, prepared.desired.configurationErrors.join(QLatin1Char(' ')));
    }
    StartupTrace::mark("desired-state");
    LinkStore links(database, prepared.application.id);
    auto users = links.loadIds(TargetLink::Kind::User);
    auto groups = links.loadIds(TargetLink::Kind::Group);
    if (!users || !groups) {
        prepared.error = (!users ? users.error() : groups.error()).message;
        return;
    }
    prepared.userLinks = users.value();
    prepared.groupLinks = groups.value();
    StartupTrace::mark("links");
}

void SyncSession::refineCapabilities(std::shared_ptr<Prepared> prepared)
{
    if (m_capabilities) {
        prepared->capabilitiesDone = true;
        return;
    }
    m_configRequest = m_client->getServiceProviderConfig(
        this, [this, prepared](const Result<ServiceProviderConfig, ScimError>& config) {
            m_configRequest = 0;
            if (prepared->failed)
                return;
            if (m_cancelled)
                return failPreview(prepared, tr("The preview was cancelled."));
            if (!config) {
                // /ServiceProviderConfig is optional in practice: the preset alone is enough.
                // Only a server's answer (404 …) is final; a network or auth failure is retried
                // by the next preview, and the target read below reports it properly.
                qCInfo(lcSync) << "No /ServiceProviderConfig, using the server type's capabilities:"
                               << config.error().toString();
                const ScimError::Kind kind = config.error().kind;
                const bool answered = (kind == ScimError::Kind::Http && config.error().httpStatus != 401
                                          && config.error().httpStatus != 403 && config.error().httpStatus != 429
                                          && config.error().httpStatus < 500)
                    || kind == ScimError::Kind::InvalidResponse;
                if (answered)
                    m_capabilities = m_server.capabilities;
            } else {
                const auto refined = CapabilityRefinement::refine(m_server.capabilities, config.value());
                for (const auto& note : refined.notes)
                    qCInfo(lcSync) << note;
                m_capabilities = refined.capabilities;
                m_capabilityWarnings = refined.warnings;
            }
            prepared->capabilitiesDone = true;
            readTargetWhenReady(prepared);
        });
}

void SyncSession::readTarget(std::shared_ptr<Prepared> prepared)
{
    // Membership is read only for groups this application links or would match.
    QSet<QString> linkedGroups;
    for (const auto& link : std::as_const(prepared->groupLinks))
        linkedGroups.insert(link.targetId);
    QSet<QString> wantedNames;
    QSet<QString> wantedExternalIds;
    for (const auto& group : std::as_const(prepared->desired.groups)) {
        wantedNames.insert(group.displayName.toCaseFolded());
        wantedExternalIds.insert(group.directoryObjectId);
    }
    TargetReader::MembershipSelector selector
        = [linkedGroups, wantedNames, wantedExternalIds](const TargetGroup& group) {
              return linkedGroups.contains(group.id) || wantedNames.contains(group.displayName.toCaseFolded())
                  || (!group.externalId.isEmpty() && wantedExternalIds.contains(group.externalId));
          };

    m_reader = new TargetReader(m_client, m_capabilities.value_or(m_server.capabilities), this);
    m_reader->read(prepared->desired.projection, selector,
        [this, prepared](const Result<std::shared_ptr<TargetSnapshot>, ScimError>& result) {
            m_reader->deleteLater();
            if (!result) {
                return fail(tr("Reading the users and groups of the SCIM server failed, so nothing was planned or "
                               "changed: %1")
                                .arg(result.error().toString()));
            }
            prepared->target = result.value();
            plan(prepared);
        });
}

void SyncSession::plan(std::shared_ptr<Prepared> prepared)
{
    SyncProgress planning;
    planning.phase = SyncProgress::Phase::Planning;
    emit progress(planning);

    PlannerInput input;
    input.applicationId = prepared->application.id;
    input.capabilities = m_capabilities.value_or(m_server.capabilities);
    input.warnings = m_capabilityWarnings;
    input.options = m_server.options;
    input.updatePaths = prepared->desired.updatePaths;
    input.caseInsensitivePaths = prepared->desired.caseInsensitivePaths;
    input.users = std::move(prepared->desired.users);
    input.projection = prepared->desired.projection;
    input.groups = std::move(prepared->desired.groups);
    input.userLinks = std::move(prepared->userLinks);
    input.groupLinks = std::move(prepared->groupLinks);
    input.target = prepared->target;

    AsyncTask::run(
        this, [input]() { return SyncPlanner::plan(input); },
        [this](const SyncPlan& result) {
            m_busy = false;
            if (m_cancelled)
                return fail(tr("The preview was cancelled."));
            m_plans.insert(result.planId, result);
            emit previewReady(result);
        });
}

void SyncSession::apply(const QUuid& planId, bool confirmed)
{
    const auto it = m_plans.constFind(planId);
    if (it == m_plans.cend() || m_busy) {
        emit applyFinished(SyncRunSummary::refused(planId.toString(QUuid::WithoutBraces),
            m_busy ? tr("A sync is already running for this server. Wait for it to finish.")
                   : tr("This plan is unknown or was already applied. Preview again, then apply the "
                        "new plan.")));
        return;
    }
    const SyncPlan plan = it.value();
    m_plans.erase(it); // a plan is applied at most once; the next run needs a fresh preview
    startApply(plan, confirmed, QStringLiteral("apply"));
}

void SyncSession::applyPlan(const SyncPlan& plan, bool confirmed, const QString& mode)
{
    if (m_busy) {
        emit applyFinished(SyncRunSummary::refused(plan.planId.toString(QUuid::WithoutBraces),
            tr("A sync is already running for this server. Wait for it to finish.")));
        return;
    }
    startApply(plan, confirmed, mode);
}

void SyncSession::startApply(const SyncPlan& plan, bool confirmed, const QString& mode)
{
    m_busy = true;
    m_cancelled = false;
    if (!m_thread) {
        m_thread = new QThread(this);
        m_thread->setObjectName(QStringLiteral("SyncExecutor"));
        m_thread->start();
    }
    m_executor = new SyncExecutor(m_client, m_database);
    m_executor->moveToThread(m_thread);
    connect(m_executor, &SyncExecutor::progress, this, &SyncSession::progress);
    connect(m_executor, &SyncExecutor::operationFinished, this, &SyncSession::operationFinished);
    // Runs on the worker thread, right after the executor wrote its last journal rows.
    const std::shared_ptr<Database> database = m_database;
    SyncExecutor* executor = m_executor;
    connect(
        m_executor, &SyncExecutor::finished, m_executor,
        [executor, database]() {
            const Database::ThreadConnection connection(database);
            executor->deleteLater();
        },
        Qt::DirectConnection);
    connect(m_executor, &SyncExecutor::finished, this, [this](const SyncRunSummary& summary) {
        m_executor = nullptr;
        m_busy = false;
        emit applyFinished(summary);
    });
    QMetaObject::invokeMethod(
        m_executor, [executor, plan, confirmed, mode]() { executor->execute(plan, confirmed, mode); },
        Qt::QueuedConnection);
}

void SyncSession::cancel()
{
    m_cancelled = true;
    if (m_configRequest && m_client)
        m_client->cancel(m_configRequest); // its callback reports the cancel
    if (m_reader)
        m_reader->cancel();
    if (m_executor)
        m_executor->cancel();
}
