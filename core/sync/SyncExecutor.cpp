#include "SyncExecutor.h"

#include "TargetMatcher.h"
#include "UserPatch.h"

#include <mapping/AttributeDiff.h>
#include <util/LogCategories.h>

#include <QCoreApplication>
#include <QJsonArray>

namespace {
constexpr int kMaxReportedErrors = 20;
constexpr int kProgressIntervalMs = 100;

const QString kOk = QStringLiteral("ok");
const QString kFailed = QStringLiteral("failed");
const QString kCancelled = QStringLiteral("cancelled");

QJsonObject changesJson(const QList<AttributeChange>& changes, bool after)
{
    QJsonObject result;
    for (const auto& change : changes)
        result.insert(change.path, after ? change.after : change.before);
    return result;
}

QJsonArray memberArray(const QStringList& ids)
{
    QJsonArray members;
    for (const auto& id : ids)
        members.append(QJsonObject {{QStringLiteral("value"), id}});
    return members;
}
} // namespace

QString SyncProgress::phaseLabel(Phase phase)
{
    switch (phase) {
    case Phase::Reading:
        return QCoreApplication::translate("SyncProgress", "Reading the directory and the target");
    case Phase::Planning:
        return QCoreApplication::translate("SyncProgress", "Computing the plan");
    case Phase::Users:
        return QCoreApplication::translate("SyncProgress", "Users");
    case Phase::Managers:
        return QCoreApplication::translate("SyncProgress", "Managers");
    case Phase::Groups:
        return QCoreApplication::translate("SyncProgress", "Groups");
    case Phase::Memberships:
        return QCoreApplication::translate("SyncProgress", "Group memberships");
    case Phase::Deprovisioning:
        return QCoreApplication::translate("SyncProgress", "Deprovisioning");
    case Phase::Finished:
        return QCoreApplication::translate("SyncProgress", "Finished");
    }
    return QString();
}

SyncExecutor::SyncExecutor(ScimClient* client, std::shared_ptr<Database> database, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_database(std::move(database))
{
}

SyncExecutor::~SyncExecutor()
{
    if (m_client) {
        for (quint64 id : std::as_const(m_inFlight))
            m_client->cancel(id);
    }
    // m_writer's destructor writes what is still waiting.
}

SyncProgress::Phase SyncExecutor::phaseOf(const PlannedOperation& operation)
{
    using Kind = PlannedOperation::Kind;
    if (operation.setsPendingManager())
        return SyncProgress::Phase::Managers;
    switch (operation.kind) {
    case Kind::CreateUser:
    case Kind::LinkUser:
    case Kind::UpdateUser:
        return SyncProgress::Phase::Users;
    case Kind::CreateGroup:
    case Kind::LinkGroup:
    case Kind::RenameGroup:
        return SyncProgress::Phase::Groups;
    case Kind::AddMembers:
    case Kind::RemoveMembers:
        return SyncProgress::Phase::Memberships;
    case Kind::DisableUser:
    case Kind::DeleteUser:
    case Kind::DeleteGroup:
        return SyncProgress::Phase::Deprovisioning;
    }
    return SyncProgress::Phase::Users;
}

void SyncExecutor::execute(const SyncPlan& plan, bool confirmed, const QString& mode)
{
    m_plan = plan;
    m_mode = mode;
    m_summary = SyncRunSummary();
    m_summary.planId = plan.planId.toString(QUuid::WithoutBraces);
    m_summary.total = int(plan.operations.size());
    // Users the plan skips (the target would refuse them) are part of the run's outcome.
    m_summary.skippedObjects = int(plan.validationFailures.size());
    m_summary.skipped = m_summary.skippedObjects;
    m_summary.startedAt = QDateTime::currentDateTimeUtc();
    m_done = 0;
    m_sequence = 0;
    m_cancelled = false;
    m_cancelRequested = false;
    m_inFlight.clear();
    m_schedule = OperationSchedule();
    m_running = true;
    m_clock.start();
    m_lastProgressMs = -1;

    m_journal = std::make_unique<JournalStore>(m_database);
    m_links = std::make_unique<LinkStore>(m_database, plan.applicationId);
    m_writer = std::make_unique<JournalWriter>(m_database, plan.applicationId);
    auto run = m_journal->beginRun(plan.applicationId, m_summary.planId, mode);
    if (!run) {
        m_summary.status = SyncRunSummary::Status::Failed;
        m_summary.message = run.error().message;
        m_running = false;
        emit finished(m_summary);
        return;
    }
    m_summary.runId = run.value();

    if (plan.needsConfirmation && !confirmed) {
        m_summary.status = SyncRunSummary::Status::Refused;
        m_summary.message = tr("Nothing was changed: %1").arg(plan.confirmationReason);
        m_summary.skipped += m_summary.total;
        return finishRun();
    }

    auto users = m_links->load(TargetLink::Kind::User);
    auto groups = m_links->load(TargetLink::Kind::Group);
    if (!users || !groups) {
        m_summary.status = SyncRunSummary::Status::Failed;
        m_summary.message = (!users ? users.error() : groups.error()).message;
        return finishRun();
    }
    m_userTargets.clear();
    m_groupTargets.clear();
    m_userOwners.clear();
    m_groupOwners.clear();
    for (const auto& link : users.value()) {
        m_userTargets.insert(link.directoryObjectId, link.targetId);
        m_userOwners.insert(link.targetId, link.directoryObjectId);
    }
    for (const auto& link : groups.value()) {
        m_groupTargets.insert(link.directoryObjectId, link.targetId);
        m_groupOwners.insert(link.targetId, link.directoryObjectId);
    }

    if (m_client)
        m_statsAtStart = m_client->statistics();
    m_unfinished.clear();
    for (const auto& operation : std::as_const(m_plan.operations))
        ++m_unfinished[phaseOf(operation)];
    m_phase = m_unfinished.isEmpty() ? SyncProgress::Phase::Users : m_unfinished.firstKey();
    m_schedule = OperationSchedule(m_plan.operations);
    qCInfo(lcSync) << "Applying plan" << m_summary.planId << "with" << m_summary.total << "operations";
    emitProgress(true);
    pump();
}

void SyncExecutor::cancel()
{
    m_cancelRequested = true;
    QMetaObject::invokeMethod(this, &SyncExecutor::doCancel, Qt::QueuedConnection);
}

void SyncExecutor::doCancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    m_summary.skipped += m_schedule.notStarted();
    m_schedule.clear();
    if (m_client) {
        const auto inFlight = m_inFlight;
        for (quint64 id : inFlight)
            m_client->cancel(id);
    }
    if (m_inFlight.isEmpty())
        finishRun();
}

void SyncExecutor::pump()
{
    if (!m_running || m_pumping)
        return;
    // The client queues what it cannot send yet; twice its limit keeps it busy while answers
    // are processed, and keeps little to unwind on a cancel.
    const int window = qMax(2, (m_client ? m_client->config().maxInFlight : 1) * 2);
    // Operations that finish at once (links, failures before a request) complete inside
    // dispatch(); their pump() returns at once and this loop goes on, so there is no recursion.
    m_pumping = true;
    while (!m_cancelled && m_inFlight.size() < window) {
        const int index = m_schedule.takeReady();
        if (index < 0)
            break;
        dispatch(index);
    }
    m_pumping = false;
    if (!m_inFlight.isEmpty() || !m_running)
        return;
    if (!m_cancelled && m_schedule.notStarted() > 0) {
        // Nothing in flight and nothing ready: a dependency that can never finish. Not expected;
        // the rest is reported as not attempted rather than waited for.
        qCWarning(lcSync) << "Operations left with unmet dependencies:" << m_schedule.notStarted();
        m_summary.skipped += m_schedule.notStarted();
        m_schedule.clear();
    }
    finishRun();
}

JournalEntry SyncExecutor::entryFor(const PlannedOperation& operation) const
{
    JournalEntry entry;
    entry.action = PlannedOperation::kindId(operation.kind);
    entry.objectKind = operation.isUserOperation() ? QStringLiteral("user") : QStringLiteral("group");
    entry.objectName = operation.displayName;
    entry.directoryObjectId = operation.directoryObjectId;
    entry.targetId = operation.targetId;
    entry.startedAt = QDateTime::currentDateTimeUtc();
    // No status or request id yet: an entry made while another operation's callback runs would
    // otherwise carry that operation's answer. Each callback records its own (takeResponse).
    if (!operation.changes.isEmpty()) {
        entry.before = changesJson(operation.changes, false);
        entry.after = changesJson(operation.changes, true);
    }
    return entry;
}

void SyncExecutor::takeResponse(JournalEntry& entry)
{
    // Only inside the client's callback of the request that completed this operation.
    const ScimResponseInfo response = ScimClient::currentResponse();
    entry.httpStatus = response.httpStatus;
    entry.requestId = response.requestId;
}

QString SyncExecutor::otherOwner(TargetLink::Kind kind, const QString& targetId, const QString& directoryId) const
{
    const QString owner = (kind == TargetLink::Kind::User ? m_userOwners : m_groupOwners).value(targetId);
    return owner == directoryId ? QString() : owner;
}

bool SyncExecutor::refuseTakenMatch(int index, TargetLink::Kind kind, const QJsonObject& found)
{
    const PlannedOperation& operation = m_plan.operations.at(index);
    const QString id = found.value(QLatin1String("id")).toString();
    if (otherOwner(kind, id, operation.directoryObjectId).isEmpty())
        return false;
    // Linking it would give the target object two directory objects; the planner skips such a
    // match, and so does the apply when a duplicate turns up only now.
    JournalEntry entry = entryFor(operation);
    takeResponse(entry);
    entry.targetId = id;
    entry.error = tr("The server already has this %1 (id %2): the create was refused as a duplicate, and the one "
                     "it found is linked to another directory %1 of this application, so it is not linked again. "
                     "Give the two directory objects different names (and emails), then sync again.")
                      .arg(kind == TargetLink::Kind::User ? tr("user") : tr("group"), id);
    complete(index, entry, false);
    return true;
}

void SyncExecutor::applyError(JournalEntry& entry, const ScimError& error)
{
    entry.status = error.kind == ScimError::Kind::Cancelled ? kCancelled : kFailed;
    entry.httpStatus = error.httpStatus;
    entry.requestId = error.requestId;
    entry.error = error.toString();
}

void SyncExecutor::dispatch(int index)
{
    using Kind = PlannedOperation::Kind;
    const PlannedOperation& operation = m_plan.operations.at(index);
    JournalEntry entry = entryFor(operation);
    if (!m_client) {
        entry.status = kFailed;
        entry.error = tr("The connection to the SCIM server was closed.");
        return complete(index, entry, false);
    }

    switch (operation.kind) {
    case Kind::CreateUser:
        return createUser(index, operation.payload, false);
    case Kind::LinkUser:
        recordLink(TargetLink::Kind::User, operation.directoryObjectId, operation.targetId, operation.displayName);
        return complete(index, entry, true);
    case Kind::UpdateUser:
        return updateUser(index);
    case Kind::DisableUser:
        return patchUser(index, operation.targetId, operation.patch, false);
    case Kind::DeleteUser:
    case Kind::DeleteGroup: {
        const bool user = operation.kind == Kind::DeleteUser;
        auto done = [this, index, entry, user](const Status<ScimError>& result) mutable {
            const PlannedOperation& operation = m_plan.operations.at(index);
            takeResponse(entry);
            // Already gone is what a delete wants.
            if (result || result.error().httpStatus == 404) {
                dropLink(user ? TargetLink::Kind::User : TargetLink::Kind::Group, operation.directoryObjectId);
                return complete(index, entry, true);
            }
            applyError(entry, result.error());
            complete(index, entry, false);
        };
        m_inFlight.insert(index,
            user ? m_client->deleteUser(operation.targetId, this, done)
                 : m_client->deleteGroup(operation.targetId, this, done));
        return;
    }
    case Kind::CreateGroup:
        return createGroup(index);
    case Kind::LinkGroup:
        recordLink(TargetLink::Kind::Group, operation.directoryObjectId, operation.targetId, operation.displayName);
        return complete(index, entry, true);
    case Kind::RenameGroup: {
        if (operation.linkFirst)
            recordLink(TargetLink::Kind::Group, operation.directoryObjectId, operation.targetId, operation.displayName);
        m_inFlight.insert(index,
            m_client->patchGroup(operation.targetId, operation.patch, this,
                [this, index, entry](const Result<QJsonObject, ScimError>& result) mutable {
                    takeResponse(entry);
                    if (!result)
                        applyError(entry, result.error());
                    complete(index, entry, result.ok());
                }));
        return;
    }
    case Kind::AddMembers: {
        const QString groupId
            = operation.targetId.isEmpty() ? m_groupTargets.value(operation.directoryObjectId) : operation.targetId;
        if (groupId.isEmpty()) {
            entry.status = kFailed;
            entry.error = tr("The group \"%1\" does not exist on the target (creating it failed), so its members "
                             "were not added. See the error of the group's creation, then sync again.")
                              .arg(operation.displayName);
            return complete(index, entry, false);
        }
        QStringList members;
        for (const auto& directoryId : operation.memberDirectoryIds) {
            const QString targetId = m_userTargets.value(directoryId);
            if (!targetId.isEmpty())
                members.append(targetId);
        }
        return patchGroupMembers(index, groupId, PatchOperation::Op::Add, members);
    }
    case Kind::RemoveMembers:
        return patchGroupMembers(index, operation.targetId, PatchOperation::Op::Remove, operation.memberTargetIds);
    }
}

void SyncExecutor::updateUser(int index)
{
    const PlannedOperation& operation = m_plan.operations.at(index);
    if (operation.setsPendingManager())
        return setPendingManager(index);
    if (operation.linkFirst)
        recordLink(TargetLink::Kind::User, operation.directoryObjectId, operation.targetId, operation.displayName);
    patchUser(index, operation.targetId, operation.patch, true);
}

void SyncExecutor::setPendingManager(int index)
{
    const PlannedOperation& operation = m_plan.operations.at(index);
    const QString userId
        = operation.targetId.isEmpty() ? m_userTargets.value(operation.directoryObjectId) : operation.targetId;
    const QString managerId = m_userTargets.value(operation.managerDirectoryId);
    if (userId.isEmpty() || managerId.isEmpty()) {
        JournalEntry entry = entryFor(operation);
        entry.status = kFailed;
        entry.error = tr("The manager of \"%1\" was not set: %2 was not created on the target in this run. See the "
                         "error of that create, then sync again.")
                          .arg(operation.displayName, userId.isEmpty() ? tr("the user") : tr("the manager"));
        return complete(index, entry, false);
    }
    const QString path = operation.changes.isEmpty() ? QString() : operation.changes.first().path;
    patchUser(index, userId, {PatchOperation::replace(path, managerId)}, false);
}

void SyncExecutor::createUser(int index, const QJsonObject& payload, bool rematch)
{
    const PlannedOperation& planned = m_plan.operations.at(index);
    const QList<ScimFilter> lookups = TargetMatcher::userQueries(planned.matchKeys, m_client->config().capabilities);
    m_inFlight.insert(index,
        m_client->createUser(payload, lookups, this,
            [this, index, payload, rematch](const Result<ScimClient::CreateOutcome, ScimError>& result) {
                const PlannedOperation& operation = m_plan.operations.at(index);
                if (result && result->alreadyExisted) {
                    // A 409 (or a create whose answer was lost) found by the match queries: the
                    // user is there already, so it is linked, never created twice.
                    return linkExistingUser(index, result->resource, !rematch);
                }
                JournalEntry entry = entryFor(operation);
                takeResponse(entry);
                entry.action = PlannedOperation::kindId(PlannedOperation::Kind::CreateUser);
                if (!result) {
                    applyError(entry, result.error());
                    return complete(index, entry, false);
                }
                if (rematch)
                    ++m_summary.rematched;
                const QString id = result->resource.value(QLatin1String("id")).toString();
                recordLink(TargetLink::Kind::User, operation.directoryObjectId, id, operation.displayName);
                entry.targetId = id;
                entry.after = payload;
                complete(index, entry, true);
            }));
}

void SyncExecutor::linkExistingUser(int index, const QJsonObject& found, bool conflict)
{
    if (refuseTakenMatch(index, TargetLink::Kind::User, found))
        return;
    const PlannedOperation& operation = m_plan.operations.at(index);
    const QString id = found.value(QLatin1String("id")).toString();
    recordLink(TargetLink::Kind::User, operation.directoryObjectId, id, operation.displayName);
    if (conflict)
        ++m_summary.conflictsLinked;
    else
        ++m_summary.rematched;
    const QList<AttributeChange> changes
        = AttributeDiff::compare(operation.payload, found, m_plan.updatePaths, m_plan.caseInsensitivePaths);
    const UserPatch::Outcome patch
        = UserPatch::build(operation.payload, found, changes, m_client->config().capabilities);
    if (patch.operations.isEmpty()) {
        JournalEntry entry = entryFor(operation);
        takeResponse(entry);
        entry.action = PlannedOperation::kindId(PlannedOperation::Kind::LinkUser);
        entry.targetId = id;
        return complete(index, entry, true);
    }
    patchUser(index, id, patch.operations, false);
}

void SyncExecutor::patchUser(int index, const QString& targetId, const QList<PatchOperation>& patch, bool mayRematch)
{
    m_inFlight.insert(index,
        m_client->patchUser(targetId, patch, this,
            [this, index, targetId, patch, mayRematch](const Result<QJsonObject, ScimError>& result) {
                const PlannedOperation& operation = m_plan.operations.at(index);
                JournalEntry entry = entryFor(operation);
                takeResponse(entry);
                entry.targetId = targetId;
                if (entry.after.isEmpty())
                    entry.after = PatchOperation::requestBody(patch);
                if (result)
                    return complete(index, entry, true);
                if (result.error().httpStatus == 404 && !m_cancelled) {
                    if (mayRematch && !operation.payload.isEmpty())
                        return rematchUser(index);
                    if (operation.kind == PlannedOperation::Kind::DisableUser) {
                        dropLink(TargetLink::Kind::User, operation.directoryObjectId);
                        entry.error = tr("The user no longer exists on the target; nothing to disable.");
                        return complete(index, entry, true);
                    }
                }
                applyError(entry, result.error());
                complete(index, entry, false);
            }));
}

void SyncExecutor::rematchUser(int index)
{
    // The linked user was deleted on the target by someone else: match again by the same
    // queries as a create recovery, and create the user when none is found.
    const PlannedOperation& operation = m_plan.operations.at(index);
    dropLink(TargetLink::Kind::User, operation.directoryObjectId);
    lookUpUser(index, TargetMatcher::userQueries(operation.matchKeys, m_client->config().capabilities), 0);
}

void SyncExecutor::lookUpUser(int index, const QList<ScimFilter>& queries, int attempt)
{
    if (attempt >= queries.size())
        return createUser(index, m_plan.operations.at(index).payload, true);
    m_inFlight.insert(index,
        m_client->listUsers(queries.at(attempt), this,
            [this, index, queries, attempt](const Result<QList<QJsonObject>, ScimError>& found) {
                if (found && !found->isEmpty())
                    return linkExistingUser(index, found->first(), false);
                if (found)
                    return lookUpUser(index, queries, attempt + 1);
                JournalEntry entry = entryFor(m_plan.operations.at(index));
                applyError(entry, found.error());
                complete(index, entry, false);
            }));
}

void SyncExecutor::createGroup(int index)
{
    const PlannedOperation& operation = m_plan.operations.at(index);
    QStringList members;
    for (const auto& directoryId : operation.memberDirectoryIds) {
        const QString targetId = m_userTargets.value(directoryId);
        if (!targetId.isEmpty())
            members.append(targetId);
    }
    QJsonObject payload = operation.payload;
    if (!members.isEmpty())
        payload.insert(QStringLiteral("members"), memberArray(members));
    const QList<ScimFilter> lookups = TargetMatcher::groupQueries(
        TargetMatcher::groupKeys(operation.directoryObjectId, operation.displayName), m_client->config().capabilities);
    m_inFlight.insert(index,
        m_client->createGroup(payload, lookups, this,
            [this, index, payload, members](const Result<ScimClient::CreateOutcome, ScimError>& result) {
                const PlannedOperation& operation = m_plan.operations.at(index);
                JournalEntry entry = entryFor(operation);
                takeResponse(entry);
                if (!result) {
                    applyError(entry, result.error());
                    return complete(index, entry, false);
                }
                if (result->alreadyExisted && refuseTakenMatch(index, TargetLink::Kind::Group, result->resource))
                    return;
                const QString id = result->resource.value(QLatin1String("id")).toString();
                recordLink(TargetLink::Kind::Group, operation.directoryObjectId, id, operation.displayName);
                if (result->alreadyExisted) {
                    // Found by the match queries after a 409: link it and bring the members in.
                    ++m_summary.conflictsLinked;
                    return patchGroupMembers(index, id, PatchOperation::Op::Add, members);
                }
                entry.targetId = id;
                entry.after = payload;
                complete(index, entry, true);
            }));
}

void SyncExecutor::patchGroupMembers(
    int index, const QString& groupId, PatchOperation::Op op, const QStringList& memberIds)
{
    JournalEntry entry = entryFor(m_plan.operations.at(index));
    entry.targetId = groupId;
    if (memberIds.isEmpty())
        return complete(index, entry, true);
    const QJsonArray members = memberArray(memberIds);
    entry.after = QJsonObject {{QStringLiteral("members"), members}};
    const PatchOperation operation {op, QStringLiteral("members"), members};
    m_inFlight.insert(index,
        m_client->patchGroup(
            groupId, {operation}, this, [this, index, entry](const Result<QJsonObject, ScimError>& result) mutable {
                takeResponse(entry);
                if (!result)
                    applyError(entry, result.error());
                complete(index, entry, result.ok());
            }));
}

void SyncExecutor::recordLink(
    TargetLink::Kind kind, const QString& directoryId, const QString& targetId, const QString& name)
{
    if (targetId.isEmpty())
        return;
    (kind == TargetLink::Kind::User ? m_userTargets : m_groupTargets).insert(directoryId, targetId);
    (kind == TargetLink::Kind::User ? m_userOwners : m_groupOwners).insert(targetId, directoryId);
    TargetLink link;
    link.kind = kind;
    link.directoryObjectId = directoryId;
    link.targetId = targetId;
    link.targetName = name;
    m_writer->upsertLink(std::move(link));
}

void SyncExecutor::dropLink(TargetLink::Kind kind, const QString& directoryId)
{
    const QString targetId = (kind == TargetLink::Kind::User ? m_userTargets : m_groupTargets).take(directoryId);
    auto& owners = kind == TargetLink::Kind::User ? m_userOwners : m_groupOwners;
    if (owners.value(targetId) == directoryId)
        owners.remove(targetId);
    m_writer->removeLink(kind, directoryId);
}

void SyncExecutor::drainWriter()
{
    if (!m_writer)
        return;
    for (const QString& error : m_writer->drain()) {
        qCWarning(lcSync) << "Writing the journal or the links failed:" << error;
        if (m_summary.errors.size() < kMaxReportedErrors)
            m_summary.errors.append(error);
    }
}

void SyncExecutor::complete(int index, JournalEntry entry, bool ok)
{
    m_inFlight.remove(index);
    m_schedule.finished(index);
    const SyncProgress::Phase phase = phaseOf(m_plan.operations.at(index));
    if (--m_unfinished[phase] <= 0)
        m_unfinished.remove(phase);
    const SyncProgress::Phase earliest = m_unfinished.isEmpty() ? m_phase : m_unfinished.firstKey();
    const bool phaseChanged = earliest != m_phase;
    m_phase = earliest;
    entry.finishedAt = QDateTime::currentDateTimeUtc();
    entry.sequence = ++m_sequence;
    if (ok) {
        entry.status = kOk;
        ++m_summary.succeeded;
    } else if (entry.status == kCancelled) {
        ++m_summary.skipped;
    } else {
        entry.status = kFailed;
        ++m_summary.failed;
        if (m_summary.errors.size() < kMaxReportedErrors)
            m_summary.errors.append(
                QStringLiteral("%1 %2: %3")
                    .arg(PlannedOperation::kindLabel(m_plan.operations.at(index).kind), entry.objectName, entry.error));
        qCWarning(lcSync) << "Operation failed:" << entry.action << entry.objectName << entry.error;
    }
    ++m_done;
    if (m_writer && m_summary.runId > 0)
        m_writer->append(m_summary.runId, entry);
    emit operationFinished(entry);
    emitProgress(phaseChanged);
    pump();
}

void SyncExecutor::emitProgress(bool force)
{
    const qint64 now = m_clock.elapsed();
    if (!force && m_lastProgressMs >= 0 && now - m_lastProgressMs < kProgressIntervalMs)
        return;
    m_lastProgressMs = now;
    SyncProgress progress;
    progress.phase = m_phase;
    progress.done = m_done;
    progress.total = m_summary.total;
    progress.failed = m_summary.failed;
    progress.operationsPerSecond = now > 0 ? m_done * 1000.0 / now : 0;
    if (progress.operationsPerSecond > 0)
        progress.etaSeconds = int((progress.total - progress.done) / progress.operationsPerSecond);
    emit this->progress(progress);
}

void SyncExecutor::finishRun()
{
    if (!m_running)
        return;
    m_running = false;
    // The run is reported finished only once every entry and link of it is written.
    drainWriter();
    if (m_summary.status != SyncRunSummary::Status::Refused && m_summary.status != SyncRunSummary::Status::Failed) {
        if (m_cancelled)
            m_summary.status = SyncRunSummary::Status::Cancelled;
        else if (m_summary.failed > 0)
            m_summary.status
                = m_summary.succeeded > 0 ? SyncRunSummary::Status::Partial : SyncRunSummary::Status::Failed;
        else if (m_summary.skippedObjects > 0)
            m_summary.status = SyncRunSummary::Status::Partial; // a scheduled job must notice skipped users
        else
            m_summary.status = SyncRunSummary::Status::Succeeded;
    }
    if (m_client) {
        const ScimClientStats stats = m_client->statistics();
        m_summary.requests = stats.requests - m_statsAtStart.requests;
        m_summary.retries = stats.retries - m_statsAtStart.retries;
        m_summary.throttled = stats.throttled - m_statsAtStart.throttled;
    }
    m_summary.finishedAt = QDateTime::currentDateTimeUtc();
    if (m_summary.message.isEmpty()) {
        m_summary.message = tr("%1 of %2 operations succeeded, %3 failed, %4 not attempted.")
                                .arg(m_summary.succeeded)
                                .arg(m_summary.total)
                                .arg(m_summary.failed)
                                .arg(m_summary.skipped - m_summary.skippedObjects);
        if (m_summary.skippedObjects > 0)
            m_summary.message += QLatin1Char(' ')
                + tr("%n object(s) skipped because the server would refuse them; the plan says why and how to fix "
                     "it.",
                    nullptr, m_summary.skippedObjects);
    }
    if (m_journal && m_summary.runId > 0) {
        const auto saved
            = m_journal->finishRun(m_summary.runId, SyncRunSummary::statusId(m_summary.status), m_summary.toJson());
        if (!saved)
            m_summary.errors.append(saved.error().message);
    }
    m_phase = SyncProgress::Phase::Finished;
    emitProgress(true);
    emit finished(m_summary);
}
