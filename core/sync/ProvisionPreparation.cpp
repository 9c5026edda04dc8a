#include "ProvisionPreparation.h"

#include "DesiredStateBuilder.h"

#include <mapping/UserMapper.h>
#include <mapping/UserValidator.h>

#include <QCoreApplication>
#include <QElapsedTimer>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("UserProvisioner", text);
}

QString yesNo(bool value)
{
    return value ? tr("yes") : tr("no");
}
} // namespace

QStringList ProvisionPreparation::explainScope(const Assignment& assignment, const QList<qint64>& assignedGroups,
    const DirectorySnapshot& snapshot, const DirectoryUser& user, const ScopeExplanation& explanation)
{
    QStringList lines;
    lines.append(tr("Active in the directory: %1").arg(yesNo(user.active)));
    lines.append(tr("Application assigned to all users: %1").arg(yesNo(assignment.allUsers)));
    lines.append(tr("Assigned to the application directly: %1").arg(yesNo(assignment.userIds.contains(user.id))));
    if (assignment.allGroups) {
        lines.append(tr("Application assigned to all groups: yes"));
    }
    if (assignedGroups.isEmpty()) {
        lines.append(tr("Assigned groups: none"));
    } else {
        const auto memberships = snapshot.groupsOfUser(user.id);
        for (qint64 groupId : assignedGroups) {
            const DirectoryGroup* group = snapshot.group(groupId);
            const QString name = group ? group->displayName : QString::number(groupId);
            QString how;
            for (const auto& membership : memberships) {
                if (membership.groupId == groupId)
                    how = snapshot.explainMembership(membership);
            }
            lines.append(how.isEmpty() ? tr("Assigned group \"%1\": not a member").arg(name)
                                       : tr("Assigned group \"%1\": %2").arg(name, how));
        }
    }
    if (assignment.scopingFilters.isEmpty()) {
        lines.append(tr("Scoping filters: none (everybody assigned is in scope)"));
    } else {
        for (const auto& filter : assignment.scopingFilters) {
            bool all = true;
            QStringList clauses;
            for (const auto& clause : filter.clauses) {
                const bool held = ScopeEvaluator::clauseMatches(clause, user);
                all = all && held;
                clauses.append(tr("    %1 %2 \"%3\" — the user's value \"%4\": %5")
                                   .arg(clause.attribute, ScopingClause::operatorId(clause.op), clause.value,
                                       user.attribute(clause.attribute), held ? tr("holds") : tr("does not hold")));
            }
            lines.append(tr("Scoping filter \"%1\": %2").arg(filter.name, all ? tr("holds") : tr("does not hold")));
            lines.append(clauses);
        }
    }
    lines.append(tr("Verdict: %1").arg(explanation.inScope ? tr("in scope") : tr("out of scope")));
    for (const auto& reason : std::as_const(explanation.reasons))
        lines.append(QStringLiteral("  ") + reason);
    return lines;
}

void ProvisionPreparation::prepare(ProvisionPreparation* prepared, const ScimServer& server, const Loader& loader,
    const Application& application, qint64 userId)
{
    QElapsedTimer clock;
    clock.start();
    const auto directory = loader.read();
    if (!directory) {
        prepared->error = tr("The directory could not be read, so nothing was planned or changed: %1")
                              .arg(directory.error().message);
        return;
    }
    const DirectorySnapshot& snapshot = directory.value();
    const DirectoryUser* user = snapshot.user(userId);
    if (!user) {
        prepared->error = tr("The directory has no user with the id %1; it may have been deleted. Pick the "
                             "user again.")
                              .arg(userId);
        return;
    }
    prepared->user = *user;

    // Step 1: the same mapper and validator the desired state is built with.
    const UserMapper mapper(server.userMappings, server.staticAttributes, server.capabilities);
    prepared->configurationErrors = mapper.configurationErrors();
    const UserValidation validation
        = UserValidator(server.capabilities, ValidationFallbacks::fromOptions(server.options))
              .validate(mapper.map(*user, MapPurpose::Create).resource);
    prepared->resource = validation.resource;
    prepared->violations = validation.violations;
    prepared->fallbacks = validation.fallbacksApplied;
    for (const auto& name : DirectoryUser::standardAttributeNames())
        prepared->sourceLines.append(QStringLiteral("%1: %2").arg(name, user->attribute(name)));
    for (auto it = user->customAttributes.cbegin(); it != user->customAttributes.cend(); ++it)
        prepared->sourceLines.append(QStringLiteral("%1: %2").arg(it.key(), it.value()));
    prepared->sourceMs = clock.restart();

    // Step 2: every condition of the scope, then the evaluator's own verdict.
    const Assignment& assignment = application.assignment;
    const ScopeEvaluator scope(assignment, snapshot.users(), snapshot.groups());
    prepared->explanation = scope.explain(userId);
    prepared->scopeLines = explainScope(assignment, scope.assignedGroups(), snapshot, *user, prepared->explanation);

    // The desired state of the full sync, built from this user alone: the scope of one
    // user does not depend on the others, and each assigned group keeps just this member.
    prepared->desired
        = DesiredStateBuilder::build(application, server, QList<DirectoryUser> {*user}, snapshot.groups());
    prepared->scopeMs = clock.restart();

    LinkStore links(loader.database, application.id);
    auto users = links.load(TargetLink::Kind::User);
    auto groups = links.load(TargetLink::Kind::Group);
    if (!users || !groups) {
        prepared->error = (!users ? users.error() : groups.error()).message;
    } else {
        prepared->userLinks = users.value();
        prepared->groupLinks = groups.value();
    }
}
