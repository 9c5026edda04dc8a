#include "UserProvisioner.h"

#include "ProvisionPreparation.h"
#include "SyncPlanner.h"
#include "SyncSession.h"
#include "TargetMatcher.h"

#include <scim/ScimClient.h>
#include <storage/Database.h>
#include <util/AsyncTask.h>
#include <util/LogCategories.h>

#include <QJsonDocument>
#include <QRegularExpression>

namespace {
const QString kMembersValue = QStringLiteral("members.value");

} // namespace

// A group the application provisions that matters to this user: they should be in it, or
// they are in it on the target.
struct UserProvisioner::GroupNeed
{
    DesiredGroup desired;
    bool wanted = false;
};

UserProvisioner::UserProvisioner(
    std::shared_ptr<Database> database, ScimClient* client, const ScimServer& server, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_client(client)
    , m_server(server)
{
    qRegisterMetaType<ProvisionStep>();
    qRegisterMetaType<ProvisionTrace>();
    m_loader = [database = m_database]() { return DirectorySnapshot::load(*database); };
}

UserProvisioner::~UserProvisioner()
{
    if (m_client && m_request)
        m_client->cancel(m_request);
}

int UserProvisioner::indexOf(ProvisionStep::Kind kind) const
{
    for (int i = 0; i < m_trace.steps.size(); ++i) {
        if (m_trace.steps.at(i).kind == kind)
            return i;
    }
    return -1;
}

void UserProvisioner::beginStep(ProvisionStep::Kind kind)
{
    ProvisionStep* step = m_trace.step(kind);
    step->status = ProvisionStep::Status::Running;
    m_stepClock.start();
    emit stepStarted(indexOf(kind), *step);
}

void UserProvisioner::endStep(
    ProvisionStep::Kind kind, ProvisionStep::Status status, const QString& summary, const QString& details)
{
    ProvisionStep* step = m_trace.step(kind);
    step->status = status;
    step->summary = summary;
    if (!details.isEmpty())
        step->details = details;
    if (m_stepClock.isValid())
        step->durationMs = m_stepClock.elapsed();
    emit stepFinished(indexOf(kind), *step);
}

void UserProvisioner::abort(ProvisionStep::Kind failedAt, const QString& summary, const QString& details)
{
    endStep(failedAt, m_cancelled ? ProvisionStep::Status::Skipped : ProvisionStep::Status::Fail, summary, details);
    for (auto& step : m_trace.steps) {
        if (!step.isDone()) {
            step.status = ProvisionStep::Status::Skipped;
            step.summary = m_cancelled ? tr("Cancelled: nothing was sent to the SCIM server.")
                                       : tr("Not run, because an earlier step failed.");
            emit stepFinished(indexOf(step.kind), step);
        }
    }
    finish();
}

void UserProvisioner::finish()
{
    m_state = State::Finished;
    m_request = 0;
    emit finished(m_trace);
}

void UserProvisioner::start(const Application& application, qint64 userId)
{
    if (m_state == State::Running || m_state == State::Performing || m_state == State::AwaitingConfirmation) {
        qCWarning(lcSync) << "UserProvisioner::start while busy; ignored";
        return;
    }
    m_application = application;
    m_userId = userId;
    m_cancelled = false;
    m_state = State::Running;
    m_trace = ProvisionTrace::pending();
    m_trace.applicationId = application.id;
    m_trace.applicationName = application.name;
    m_trace.serverName = m_server.name;
    m_targetUsers.clear();
    m_targetGroups.clear();
    m_matchedTargetId.clear();
    m_matchLines.clear();
    m_groupLines.clear();
    m_groupNotes.clear();
    m_groupNeeds.clear();
    m_memberOf.clear();
    m_memberOfGroups.clear();
    m_membershipKnown = false;
    m_performLines.clear();
    m_httpLines.clear();
    m_plan = SyncPlan();
    beginStep(ProvisionStep::Kind::Source);

    auto prepared = std::make_shared<ProvisionPreparation>();
    m_prepared = prepared;
    const ScimServer server = m_server;
    const ProvisionPreparation::Loader loader {m_loader, m_database};
    const std::shared_ptr<Database> database = m_database;

    AsyncTask::run(
        this,
        [prepared, server, loader, database, application, userId]() {
            const Database::ThreadConnection connection(database);
            ProvisionPreparation::prepare(prepared.get(), server, loader, application, userId);
        },
        [this, prepared]() {
            if (prepared != m_prepared || m_state != State::Running)
                return; // cancelled or restarted meanwhile
            if (!prepared->error.isEmpty())
                return abort(ProvisionStep::Kind::Source, prepared->error);
            reportSource();
            if (m_state != State::Running)
                return;
            reportScope();
            matchByLink();
        });
}

void UserProvisioner::reportSource()
{
    const ProvisionPreparation& p = *m_prepared;
    m_trace.userName = p.user.userName;
    m_trace.directoryObjectId = p.user.objectId;
    ProvisionStep* step = m_trace.step(ProvisionStep::Kind::Source);
    step->json = p.resource;
    step->durationMs = p.sourceMs;
    QStringList lines;
    lines.append(tr("Directory attributes:"));
    for (const auto& line : p.sourceLines)
        lines.append(QStringLiteral("  ") + line);
    for (const auto& fallback : p.fallbacks)
        lines.append(tr("Filled in: %1").arg(fallback));
    for (const auto& violation : p.violations)
        lines.append(tr("Rejected: %1: %2 %3").arg(violation.attribute, violation.reason, violation.fix));
    for (const auto& error : p.configurationErrors)
        lines.append(tr("Mapping error: %1").arg(error));
    lines.append(tr("SCIM body a create would send:"));
    step->details = lines.join(QLatin1Char('\n'));
    m_stepClock.invalidate(); // the duration was measured on the pool

    if (!p.configurationErrors.isEmpty()) {
        return abort(ProvisionStep::Kind::Source,
            tr("The attribute mappings of the server \"%1\" have errors; fix them first.").arg(m_server.name));
    }
    if (!p.violations.isEmpty()) {
        endStep(ProvisionStep::Kind::Source, ProvisionStep::Status::Fail,
            tr("The SCIM server would reject this user as mapped: %1 %2")
                .arg(p.violations.first().reason, p.violations.first().fix));
        return;
    }
    endStep(ProvisionStep::Kind::Source,
        p.fallbacks.isEmpty() ? ProvisionStep::Status::Pass : ProvisionStep::Status::Info,
        tr("\"%1\" mapped to %2 SCIM attributes.").arg(p.user.userName).arg(p.resource.size()));
}

void UserProvisioner::reportScope()
{
    beginStep(ProvisionStep::Kind::Scope);
    const ProvisionPreparation& p = *m_prepared;
    m_stepClock.invalidate();
    m_trace.step(ProvisionStep::Kind::Scope)->durationMs = p.scopeMs;
    m_trace.inScope = p.explanation.inScope;
    m_trace.scopeReasons = p.explanation.reasons;
    QString summary;
    ProvisionStep::Status status = ProvisionStep::Status::Pass;
    if (p.explanation.inScope && p.user.active) {
        summary = tr("In scope: the application provisions this user.");
    } else if (p.explanation.inScope) {
        summary = tr("In scope, but disabled in the directory: the user is deprovisioned if this application "
                     "provisioned them.");
        status = ProvisionStep::Status::Info;
    } else {
        summary = tr("Out of scope: %1").arg(p.explanation.reasons.value(p.explanation.reasons.size() - 1));
        status = ProvisionStep::Status::Info;
    }
    endStep(ProvisionStep::Kind::Scope, status, summary, p.scopeLines.join(QLatin1Char('\n')));
}

void UserProvisioner::targetReadFailed(const QString& what, const ScimError& error)
{
    m_request = 0;
    if (m_cancelled || error.kind == ScimError::Kind::Cancelled)
        return; // cancel() has reported already
    m_matchLines.append(what + QStringLiteral(": ") + error.toString());
    abort(ProvisionStep::Kind::Match,
        tr("Reading the user from the SCIM server failed, so nothing was planned or changed: %1").arg(error.message()),
        (m_matchLines + m_groupLines).join(QLatin1Char('\n')));
}

void UserProvisioner::addTargetUser(const TargetUser& user)
{
    for (const auto& existing : std::as_const(m_targetUsers)) {
        if (existing.id == user.id)
            return;
    }
    m_targetUsers.append(user);
}

QString UserProvisioner::describeTargetUser(const TargetUser& user) const
{
    return tr("id %1, userName \"%2\", %3").arg(user.id, user.userName(), user.active ? tr("active") : tr("disabled"));
}

QString UserProvisioner::ownerOfTargetUser(const QString& targetId) const
{
    for (const auto& link : std::as_const(m_prepared->userLinks)) {
        if (link.targetId == targetId)
            return link.directoryObjectId;
    }
    return QString();
}

void UserProvisioner::matchByLink()
{
    beginStep(ProvisionStep::Kind::Match);
    const ProvisionPreparation& p = *m_prepared;
    const auto link = p.userLinks.constFind(p.user.objectId);
    if (link == p.userLinks.cend()) {
        m_matchLines.append(tr("Link: none (this application has not provisioned or matched the user yet)"));
        return matchByKey(0);
    }
    const QString targetId = link->targetId;
    m_request = m_client->getUser(targetId, this, [this, targetId](const Result<QJsonObject, ScimError>& result) {
        if (!alive())
            return;
        m_request = 0;
        if (!result && result.error().httpStatus == 404) {
            m_matchLines.append(tr("Link: GET /Users/%1 → 404, the linked user no longer exists on the server; "
                                   "matching again")
                                    .arg(targetId));
            return matchByKey(0);
        }
        if (!result)
            return targetReadFailed(tr("Link: GET /Users/%1").arg(targetId), result.error());
        const TargetUser user = TargetSnapshot::userFromJson(result.value(), *m_prepared->desired.projection);
        addTargetUser(user);
        m_matchedTargetId = user.id;
        m_matchLines.append(tr("Link: GET /Users/%1 → found (%2)").arg(targetId, describeTargetUser(user)));
        readMemberships();
    });
}

void UserProvisioner::matchByKey(int index)
{
    const ProvisionPreparation& p = *m_prepared;
    if (p.desired.users.isEmpty()) {
        // Only a linked user is ever deprovisioned: an out-of-scope user is not searched for.
        m_matchLines.append(tr("Matching attributes: not tried, the user is out of scope and not linked"));
        return readMemberships();
    }
    const MatchKeys keys = p.desired.users.constFirst().matchKeys();
    if (index >= keys.size()) {
        m_matchLines.append(tr("Result: no user on the server matches; a new one would be created"));
        return readMemberships();
    }
    const MatchKey key = keys.at(index);
    const QList<ScimFilter> queries = TargetMatcher::userQueries({key}, m_server.capabilities);
    if (queries.isEmpty()) {
        m_matchLines.append(tr("%1 \"%2\": skipped, the server cannot filter users by %1").arg(key.first, key.second));
        return matchByKey(index + 1);
    }
    const ScimFilter filter = queries.constFirst();
    m_request = m_client->listUsers(
        filter, this, [this, index, key, filter](const Result<QList<QJsonObject>, ScimError>& result) {
            if (!alive())
                return;
            m_request = 0;
            const QString query = tr("%1: GET /Users?filter=%2").arg(key.first, filter.toString());
            if (!result)
                return targetReadFailed(query, result.error());
            if (result.value().isEmpty()) {
                m_matchLines.append(query + tr(" → no user"));
                return matchByKey(index + 1);
            }
            bool matched = false;
            for (const auto& resource : result.value()) {
                const TargetUser user = TargetSnapshot::userFromJson(resource, *m_prepared->desired.projection);
                addTargetUser(user);
                const QString owner = ownerOfTargetUser(user.id);
                if (!owner.isEmpty() && owner != m_prepared->user.objectId) {
                    m_matchLines.append(query
                        + tr(" → %1, already linked to another directory user; not matched")
                              .arg(describeTargetUser(user)));
                    continue;
                }
                m_matchLines.append(query + tr(" → found (%1)").arg(describeTargetUser(user)));
                m_matchedTargetId = user.id;
                matched = true;
                break;
            }
            if (matched)
                return readMemberships();
            matchByKey(index + 1);
        });
}

void UserProvisioner::readMemberships()
{
    if (m_matchedTargetId.isEmpty()) {
        // A user that is not on the server belongs to no group there.
        m_membershipKnown = true;
        return finishMatch();
    }
    if (!m_server.capabilities.groupFilterAttributes.contains(kMembersValue, Qt::CaseInsensitive)) {
        m_groupLines.append(tr("Groups of the user: the server cannot filter groups by members.value; each "
                               "group is read instead"));
        return finishMatch();
    }
    const ScimFilter filter = ScimFilter::eq(kMembersValue, m_matchedTargetId);
    m_request = m_client->listGroups(filter, this, [this, filter](const Result<QList<QJsonObject>, ScimError>& result) {
        if (!alive())
            return;
        m_request = 0;
        const QString query = tr("Groups of the user: GET /Groups?filter=%1").arg(filter.toString());
        if (!result)
            return targetReadFailed(query, result.error());
        m_membershipKnown = true;
        QStringList names;
        for (const auto& resource : result.value()) {
            TargetGroup group = TargetSnapshot::groupFromJson(resource);
            group.memberIds = {m_matchedTargetId};
            group.membersRead = true;
            m_memberOf.insert(group.id);
            m_memberOfGroups.append(group);
            names.append(group.displayName);
        }
        m_groupLines.append(
            query + QStringLiteral(" → ") + (names.isEmpty() ? tr("no group") : names.join(QStringLiteral(", "))));
        finishMatch();
    });
}

void UserProvisioner::finishMatch()
{
    // Which provisioned groups matter: those the user should be in, and those they are in
    // on the target. Groups already read through the membership query need no more reads.
    const ProvisionPreparation& p = *m_prepared;
    QSet<QString> handledTargets;
    for (const auto& desired : p.desired.groups) {
        const bool wanted = desired.memberDirectoryIds.contains(p.user.objectId);
        const auto link = p.groupLinks.constFind(desired.directoryObjectId);
        const TargetGroup* present = nullptr;
        for (const auto& group : std::as_const(m_memberOfGroups)) {
            const bool same = (link != p.groupLinks.cend() && link->targetId == group.id)
                || (!group.externalId.isEmpty() && group.externalId == desired.directoryObjectId)
                || group.displayName.compare(desired.displayName, Qt::CaseInsensitive) == 0;
            if (same && !handledTargets.contains(group.id)) {
                present = &group;
                break;
            }
        }
        if (present) {
            handledTargets.insert(present->id);
            m_targetGroups.append(*present);
            m_groupNeeds.append({desired, wanted});
        } else if (wanted) {
            m_groupNeeds.append({desired, wanted});
        }
    }
    for (const auto& group : std::as_const(m_memberOfGroups)) {
        if (!handledTargets.contains(group.id)) {
            m_groupNotes.append(tr("Member of \"%1\" on the server: not a group this application assigns; left "
                                   "alone.")
                                    .arg(group.displayName));
        }
    }
    resolveGroup(0);
}

void UserProvisioner::resolveGroup(int index)
{
    // Skip needs whose target group is already known (read with the membership query).
    while (index < m_groupNeeds.size()) {
        const QString directoryId = m_groupNeeds.at(index).desired.directoryObjectId;
        const auto link = m_prepared->groupLinks.constFind(directoryId);
        bool known = false;
        for (const auto& group : std::as_const(m_targetGroups)) {
            if ((link != m_prepared->groupLinks.cend() && link->targetId == group.id) || group.externalId == directoryId
                || group.displayName.compare(m_groupNeeds.at(index).desired.displayName, Qt::CaseInsensitive) == 0)
                known = true;
        }
        if (!known)
            break;
        ++index;
    }
    if (index >= m_groupNeeds.size()) {
        ProvisionStep* step = m_trace.step(ProvisionStep::Kind::Match);
        step->details = (m_matchLines + m_groupLines).join(QLatin1Char('\n'));
        QString summary;
        if (m_matchedTargetId.isEmpty()) {
            summary = tr("Not found on the SCIM server.");
        } else {
            for (const auto& user : std::as_const(m_targetUsers)) {
                if (user.id == m_matchedTargetId)
                    summary = tr("Found: %1.").arg(describeTargetUser(user));
            }
        }
        endStep(ProvisionStep::Kind::Match, ProvisionStep::Status::Pass, summary);
        return planAction();
    }

    const DesiredGroup desired = m_groupNeeds.at(index).desired;
    const auto link = m_prepared->groupLinks.constFind(desired.directoryObjectId);
    // The group is looked up the way the planner matches it: link, then its match keys.
    QList<ScimFilter> lookups;
    if (link != m_prepared->groupLinks.cend())
        lookups.append(ScimFilter::eq(QStringLiteral("id"), link->targetId));
    lookups.append(TargetMatcher::groupQueries(
        TargetMatcher::groupKeys(desired.directoryObjectId, desired.displayName), m_server.capabilities));

    lookupGroup(index, lookups, 0);
}

void UserProvisioner::lookupGroup(int index, const QList<ScimFilter>& lookups, int attempt)
{
    const DesiredGroup desired = m_groupNeeds.at(index).desired;
    if (attempt >= lookups.size()) {
        m_groupNotes.append(tr("Group \"%1\" is not on the server yet; the next full sync creates it with its "
                               "members.")
                                .arg(desired.displayName));
        m_groupNeeds.removeAt(index);
        return resolveGroup(index);
    }
    const ScimFilter filter = lookups.at(attempt);
    m_request = m_client->listGroups(
        filter, this, [this, index, desired, lookups, attempt](const Result<QList<QJsonObject>, ScimError>& result) {
            if (!alive())
                return;
            m_request = 0;
            const ScimFilter& sent = lookups.at(attempt);
            const QString query = tr("Group \"%1\": GET /Groups?filter=%2").arg(desired.displayName, sent.toString());
            if (!result)
                return targetReadFailed(query, result.error());
            if (result.value().isEmpty()) {
                m_groupLines.append(query + tr(" → no group"));
                return lookupGroup(index, lookups, attempt + 1);
            }
            TargetGroup group = TargetSnapshot::groupFromJson(result.value().first());
            m_groupLines.append(query + tr(" → found (id %1)").arg(group.id));
            if (m_membershipKnown) {
                // Not among the user's groups, so the user is not a member.
                group.memberIds.clear();
                group.membersRead = true;
            } else {
                group.membersRead = m_server.capabilities.groupReadReturnsMembers;
            }
            m_targetGroups.append(group);
            resolveGroup(index + 1);
        });
}

void UserProvisioner::planAction()
{
    beginStep(ProvisionStep::Kind::Action);
    const ProvisionPreparation& p = *m_prepared;
    PlannerInput input;
    input.applicationId = m_application.id;
    input.capabilities = m_server.capabilities;
    input.options = m_server.options;
    input.updatePaths = p.desired.updatePaths;
    input.caseInsensitivePaths = p.desired.caseInsensitivePaths;
    input.users = p.desired.users;
    input.projection = p.desired.projection;
    for (const auto& need : std::as_const(m_groupNeeds))
        input.groups.append(need.desired);
    input.userLinks = LinkStore::idsOf(p.userLinks);
    input.groupLinks = LinkStore::idsOf(p.groupLinks);
    auto target = std::make_shared<TargetSnapshot>();
    target->users = m_targetUsers;
    target->groups = m_targetGroups;
    target->projection = p.desired.projection;
    input.target = target;
    const QString objectId = p.user.objectId;

    AsyncTask::run(
        this,
        [input, objectId]() {
            SyncPlan plan = SyncPlanner::plan(input);
            // The target snapshot holds only what concerns this user, so the planner can only
            // produce this user's operations, memberships of the groups read for them, and
            // group-level changes; the latter belong to a full sync and are left out here.
            QList<PlannedOperation> kept;
            for (const auto& operation : std::as_const(plan.operations)) {
                if (operation.isUserOperation() ? operation.directoryObjectId == objectId
                                                : (operation.kind == PlannedOperation::Kind::AddMembers
                                                    || operation.kind == PlannedOperation::Kind::RemoveMembers
                                                    || operation.kind == PlannedOperation::Kind::LinkGroup))
                    kept.append(operation);
            }
            plan.operations = kept;
            plan.unmanagedObjects.clear();
            return plan;
        },
        [this](const SyncPlan& plan) {
            if (!alive())
                return;
            m_plan = plan;
            reportAction();
        });
}

void UserProvisioner::reportAction()
{
    ProvisionStep* step = m_trace.step(ProvisionStep::Kind::Action);
    const PlannedOperation* userOperation = nullptr;
    for (const auto& operation : std::as_const(m_plan.operations)) {
        if (operation.isUserOperation())
            userOperation = &operation;
    }
    ProvisionStep::Status status = ProvisionStep::Status::Info;
    QString summary = actionSummary(userOperation, step, &status);
    QStringList lines = membershipLines();
    if (userOperation == nullptr && !lines.isEmpty() && status == ProvisionStep::Status::Pass) {
        status = ProvisionStep::Status::Info;
        summary = tr("Group memberships only: the user's attributes are in sync.");
    }
    lines.append(m_groupNotes);
    for (const auto& warning : std::as_const(m_plan.warnings))
        lines.append(tr("Warning: %1").arg(warning));
    for (const auto& object : std::as_const(m_plan.protectedObjects))
        lines.append(tr("Protected: %1 — %2").arg(object.displayName, object.reason));
    if (m_plan.writeCount() > 0)
        lines.append(tr("%n request(s) would be sent.", nullptr, m_plan.writeCount()));
    else
        lines.append(tr("Nothing would be sent to the server."));
    step->details = lines.join(QLatin1Char('\n'));
    endStep(ProvisionStep::Kind::Action, status, summary);

    if (m_plan.operations.isEmpty()) {
        ProvisionStep* perform = m_trace.step(ProvisionStep::Kind::Perform);
        perform->status = ProvisionStep::Status::Skipped;
        perform->summary = tr("Nothing to do; nothing was sent.");
        emit stepFinished(indexOf(ProvisionStep::Kind::Perform), *perform);
        emit readyToPerform(false);
        finish();
        return;
    }
    m_state = State::AwaitingConfirmation;
    emit readyToPerform(true);
}

QString UserProvisioner::actionSummary(
    const PlannedOperation* userOperation, ProvisionStep* step, ProvisionStep::Status* statusOut) const
{
    const ProvisionPreparation& p = *m_prepared;
    const bool linked = p.userLinks.contains(p.user.objectId);
    QString summary;
    ProvisionStep::Status status = ProvisionStep::Status::Info;
    if (userOperation) {
        const PlannedOperation& op = *userOperation;
        switch (op.kind) {
        case PlannedOperation::Kind::CreateUser:
            summary = tr("Create: no user on the server matches \"%1\".").arg(p.user.userName);
            step->json = op.payload;
            break;
        case PlannedOperation::Kind::LinkUser:
            summary = tr("Link: the server's user \"%1\" matches and already holds the mapped values; it is "
                         "recorded as provisioned by this application, nothing is sent.")
                          .arg(op.displayName);
            break;
        case PlannedOperation::Kind::UpdateUser:
            summary = (op.linkFirst ? tr("Link and update: %n attribute(s) of the server's user \"%1\" differ.",
                           nullptr, int(op.changes.size()))
                                    : tr("Update: %n attribute(s) of the server's user \"%1\" differ.", nullptr,
                                        int(op.changes.size())))
                          .arg(op.displayName);
            step->changes = op.changes;
            step->json = PatchOperation::requestBody(op.patch);
            break;
        case PlannedOperation::Kind::DisableUser:
            summary = p.explanation.inScope
                ? tr("Disable: the user is disabled in the directory.")
                : tr("Disable: the user is out of scope and this application provisioned them.");
            step->changes = op.changes;
            step->json = PatchOperation::requestBody(op.patch);
            break;
        case PlannedOperation::Kind::DeleteUser:
            summary = p.explanation.inScope ? tr("Delete: the user is disabled in the directory.")
                                            : tr("Delete: the user is out of scope and this application "
                                                 "provisioned them; the server deletes deprovisioned users.");
            break;
        default:
            break;
        }
    } else if (!m_plan.validationFailures.isEmpty()) {
        status = ProvisionStep::Status::Fail;
        const ValidationFailure& failure = m_plan.validationFailures.first();
        summary = tr("Nothing: the user is skipped: %1 Fix: %2").arg(failure.reason, failure.fix);
    } else if (!m_plan.protectedObjects.isEmpty()) {
        status = ProvisionStep::Status::Warning;
        summary = tr("Nothing: %1").arg(m_plan.protectedObjects.first().reason);
    } else if (p.desired.users.isEmpty() && !linked) {
        summary = tr("Nothing: the user is out of scope and this application never provisioned them.");
    } else if (p.desired.users.isEmpty() || !p.user.active) {
        if (m_matchedTargetId.isEmpty())
            summary = tr("Nothing: the user is not on the server.");
        else if (m_server.options.deprovisionAction == DeprovisionAction::None)
            summary = tr("Nothing: this server is set to leave deprovisioned users as they are.");
        else
            summary = tr("Nothing: the user is already disabled on the server.");
    } else {
        status = ProvisionStep::Status::Pass;
        summary = tr("Nothing: the user is already in sync.");
    }
    *statusOut = status;
    return summary;
}

QStringList UserProvisioner::membershipLines() const
{
    QStringList lines;
    for (const auto& operation : std::as_const(m_plan.operations)) {
        switch (operation.kind) {
        case PlannedOperation::Kind::AddMembers:
            lines.append(tr("Add to the group \"%1\"").arg(operation.displayName));
            break;
        case PlannedOperation::Kind::RemoveMembers:
            lines.append(
                tr("Remove from the group \"%1\": no longer a member for this application").arg(operation.displayName));
            break;
        case PlannedOperation::Kind::LinkGroup:
            lines.append(tr("Link the server's group \"%1\" to the directory group").arg(operation.displayName));
            break;
        default:
            break;
        }
    }
    return lines;
}

void UserProvisioner::perform()
{
    if (m_state != State::AwaitingConfirmation) {
        qCWarning(lcSync) << "UserProvisioner::perform without a plan awaiting confirmation; ignored";
        return;
    }
    m_state = State::Performing;
    beginStep(ProvisionStep::Kind::Perform);
    if (!m_session) {
        m_session = new SyncSession(m_database, m_client, m_server, this);
        connect(m_session, &SyncSession::operationFinished, this, &UserProvisioner::onOperationFinished);
        connect(m_session, &SyncSession::applyFinished, this, &UserProvisioner::onApplyFinished);
    }
    // The journal keeps HTTP status and request id for failures only; the client's (redacted)
    // HTTP trace gives them for every write, which is what an admin quotes to AWS support.
    m_traceConnection = connect(m_client, &ScimClient::traceEntry, this, &UserProvisioner::onHttpExchange);
    m_client->setTraceEnabled(true);
    // The admin confirmed exactly this plan in the trace; a one-user plan never trips the
    // mass-deprovisioning threshold meant for whole runs.
    m_session->applyPlan(m_plan, true, QStringLiteral("single-user"));
}

void UserProvisioner::onOperationFinished(const JournalEntry& entry)
{
    QString line = tr("%1 \"%2\": %3").arg(entry.action, entry.objectName, entry.status);
    if (entry.httpStatus > 0)
        line += tr(", HTTP %1").arg(entry.httpStatus);
    if (!entry.requestId.isEmpty())
        line += tr(", request id %1").arg(entry.requestId);
    if (!entry.targetId.isEmpty())
        line += tr(", target id %1").arg(entry.targetId);
    if (!entry.error.isEmpty())
        line += QStringLiteral(" — ") + entry.error;
    m_performLines.append(line);
}

void UserProvisioner::onHttpExchange(const HttpTraceEntry& entry)
{
    if (m_state != State::Performing || entry.method == "GET")
        return;
    // Paths relative to the base URL: shorter, and the tenant id stays out of tickets.
    QString path = entry.url;
    const QString base = m_client->config().baseUrl.toString();
    if (path.startsWith(base))
        path = QLatin1Char('/') + path.mid(base.size()).remove(QRegularExpression(QStringLiteral("^/+")));
    QString line = tr("%1 %2 → HTTP %3").arg(QString::fromLatin1(entry.method), path).arg(entry.status);
    if (!entry.serverRequestId.isEmpty())
        line += tr(", request id %1").arg(entry.serverRequestId);
    line += tr(" (%1 ms)").arg(entry.durationMs);
    if (!entry.error.isEmpty())
        line += QStringLiteral(" — ") + entry.error;
    m_httpLines.append(line);
}

void UserProvisioner::onApplyFinished(const SyncRunSummary& summary)
{
    if (m_state != State::Performing)
        return;
    disconnect(m_traceConnection);
    if (m_client)
        m_client->setTraceEnabled(m_client->config().traceEnabled);
    m_trace.run = summary;
    QStringList lines = m_performLines;
    if (!m_httpLines.isEmpty()) {
        lines.append(tr("Requests sent:"));
        for (const auto& line : std::as_const(m_httpLines))
            lines.append(QStringLiteral("  ") + line);
    }
    lines.append(tr("Run %1: %2 of %3 succeeded, %4 failed, %5 skipped; %6.")
                     .arg(summary.runId)
                     .arg(summary.succeeded)
                     .arg(tr("%n operation(s)", nullptr, summary.total))
                     .arg(summary.failed)
                     .arg(summary.skipped)
                     .arg(tr("%n HTTP request(s)", nullptr, summary.requests)));
    lines.append(summary.errors);
    ProvisionStep::Status status = ProvisionStep::Status::Pass;
    QString text;
    switch (summary.status) {
    case SyncRunSummary::Status::Succeeded:
        text = tr("Done: the server now holds the user as planned.");
        break;
    case SyncRunSummary::Status::Partial:
        status = ProvisionStep::Status::Warning;
        text = tr("Partly done: %n operation(s) failed; see the details.", nullptr, summary.failed);
        break;
    case SyncRunSummary::Status::Cancelled:
        status = ProvisionStep::Status::Skipped;
        text = tr("Cancelled: what finished before the cancel is kept; the next run converges.");
        break;
    case SyncRunSummary::Status::Failed:
    case SyncRunSummary::Status::Refused:
        status = ProvisionStep::Status::Fail;
        text = summary.message.isEmpty() ? summary.errors.value(0) : summary.message;
        break;
    }
    endStep(ProvisionStep::Kind::Perform, status, text, lines.join(QLatin1Char('\n')));
    finish();
}

void UserProvisioner::cancel()
{
    switch (m_state) {
    case State::Idle:
    case State::Finished:
        return;
    case State::Performing:
        if (m_session)
            m_session->cancel(); // onApplyFinished reports the outcome
        return;
    case State::Running:
    case State::AwaitingConfirmation:
        break;
    }
    m_cancelled = true;
    if (m_client && m_request)
        m_client->cancel(m_request);
    m_request = 0;
    m_prepared.reset();
    ProvisionStep::Kind current = ProvisionStep::Kind::Perform;
    for (const auto& step : std::as_const(m_trace.steps)) {
        if (!step.isDone()) {
            current = step.kind;
            break;
        }
    }
    abort(current, tr("Cancelled: nothing was sent to the SCIM server."));
}
