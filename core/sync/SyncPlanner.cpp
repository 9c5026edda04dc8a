#include "SyncPlanner.h"

#include "IdIndex.h"
#include "ProtectedPatterns.h"
#include "TargetMatcher.h"
#include "UserComparison.h"

#include <mapping/ScimPath.h>
#include <model/DeletionThreshold.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("SyncPlanner", text);
}

const QString kExternalId = QStringLiteral("externalId");
const QString kActive = QStringLiteral("active");
const QString kGroupSchema = QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Group");

QList<QStringList> chunks(const QStringList& list, int size)
{
    QList<QStringList> result;
    if (list.isEmpty())
        return result;
    if (size <= 0)
        return {list};
    result.reserve((list.size() + size - 1) / size);
    for (qsizetype i = 0; i < list.size(); i += size)
        result.append(list.mid(i, size));
    return result;
}

// Computes one plan. Directory and target objects are numbered once (dense indexes) so that
// per-object state lives in flat arrays instead of string-keyed hashes: on 100,000 users the
// hashing of ids, not the diff, used to dominate.
class PlanBuilder
{
public:
    explicit PlanBuilder(const PlannerInput& input)
        : m_input(input)
        , m_target(input.target ? *input.target : emptyTarget())
        , m_protection(input.options.protectedPatterns)
        , m_comparison(input.updatePaths, input.caseInsensitivePaths, *input.projection, *m_target.projection)
        , m_matcher(m_target, input.caseInsensitivePaths)
    {
    }

    SyncPlan build();

private:
    enum UserFlag : quint8
    {
        KeepActive = 1, // stays provisioned and active: never deprovisioned
        MemberEligible = 2, // exists or will exist on the target
        Frozen = 4, // skipped (protected, invalid): its group membership is left as it is
        Deleted = 8, // deleted by this plan
        Created = 16, // created by this plan
    };

    // What the matching pass decided for one entry of input.users.
    enum class UserOutcome : quint8
    {
        Skip,
        Create,
        Update, // found on the target: diffed
    };

    static const TargetSnapshot& emptyTarget()
    {
        static const TargetSnapshot empty;
        return empty;
    }
    void planUpdate(
        const DesiredUser& user, int u, const UserComparison::Manager& manager, PlannedOperation& operation);

    int directoryIndex(const QString& directoryId);
    // The target ids of these directory users, "" for those not on the target yet.
    QStringList targetIdsOf(const QStringList& directoryIds) const;

    void indexUsers();
    void matchUsers();
    void skipTakenMatch(const DesiredUser& user, const QStringList& taken);
    void planUsers();
    UserComparison::Manager resolveManager(const DesiredUser& user, int targetIndex);
    void reportManagers();
    void deprovisionUsers();
    void considerDeprovision(int dense, const QString& directoryId, int targetIndex);
    void reportUntouchedUsers();
    void indexGroups();
    void planGroups();
    void planCreateGroup(const DesiredGroup& desired, const QStringList& wanted);
    void reportUntouchedGroups();
    void planGroupMembers(const DesiredGroup& desired, const TargetGroup& current, const QStringList& wanted,
        const std::vector<int>& wantedDense);
    void deprovisionGroups();
    void applyThreshold();

    const PlannerInput& m_input;
    const TargetSnapshot& m_target;
    const ProtectedPatterns m_protection;
    const UserComparison m_comparison;
    TargetMatcher::UserIndex m_matcher;
    SyncPlan m_plan;

    // Directory users: dense index per directory object id (users in scope first, then
    // linked ids out of scope). Target users: their position in the snapshot.
    IdIndex m_directoryIndex; // over m_directoryIdOf
    IdIndex m_targetIndex; // over m_target.users
    auto directoryIdAt() const
    {
        return [this](int d) { return m_directoryIdOf[d]; };
    }
    auto targetIdAt() const
    {
        return [this](int i) { return QStringView(m_target.users.at(i).id); };
    }
    int denseOf(QStringView id) const { return m_directoryIndex.find(id, directoryIdAt()); } // -1: none
    int targetOf(QStringView id) const { return m_targetIndex.find(id, targetIdAt()); }
    // Per entry of input.userLinks: the linked target index (-1: gone) and its dense index.
    std::vector<std::pair<int, int>> m_links;
    std::vector<int> m_denseOfUser; // input.users position → dense index
    std::vector<QStringView> m_directoryIdOf; // per dense index, over the input's strings
    std::vector<quint8> m_flags; // per dense index
    std::vector<int> m_linkedTarget; // per dense index: target index of its link, or -1
    std::vector<int> m_foundTarget; // per dense index: target index it was linked or matched to
    std::vector<int> m_owner; // per target index: dense index of its directory user, or -1
    std::vector<UserOutcome> m_outcome; // per input.users position
    std::vector<bool> m_linked; // per input.users position: found through its link
    std::vector<int> m_userTarget; // per input.users position: target index found, or -1
    QHash<QString, int> m_targetByFoldedUserName; // built on the first manager lookup
    int m_managedUsers = 0;

    // Users whose manager is created in this run: set by an update that waits for the creates.
    QList<PlannedOperation> m_managerOperations;
    QStringList m_missingManagers; // "manager (of user)" not on the target

    QList<PlannedOperation> m_userOperations;
    QList<PlannedOperation> m_groupOperations;
    QList<PlannedOperation> m_memberOperations;
    QList<PlannedOperation> m_deprovisionOperations;

    // Groups.
    QHash<QString, int> m_groupById;
    QHash<QString, int> m_groupByExternalId;
    QHash<QString, int> m_groupByName; // case-folded displayName
    std::vector<int> m_groupOwner; // per target group: position in input.groups + link ids, or -1
    QHash<QString, int> m_groupDirectoryIndex;
    std::vector<int> m_linkedGroup; // per desired group's dense index: its linked target group, or -1
    int m_desiredGroupCount = 0; // desired groups hold the dense indexes below this
    int m_managedGroups = 0;
    // Per-user stamps for one group at a time: stamp == group serial means "in this group".
    std::vector<int> m_wantedStamp;
    std::vector<int> m_presentStamp;
    int m_groupSerial = 0;
};

int PlanBuilder::directoryIndex(const QString& directoryId)
{
    // One hash of the id whether it is new or not.
    const int dense = int(m_directoryIdOf.size());
    const int stored = m_directoryIndex.insert(directoryId, dense, directoryIdAt(), false);
    if (stored != dense)
        return stored;
    m_directoryIdOf.push_back(directoryId);
    m_flags.push_back(0);
    m_linkedTarget.push_back(-1);
    m_foundTarget.push_back(-1);
    return dense;
}

QStringList PlanBuilder::targetIdsOf(const QStringList& directoryIds) const
{
    QStringList ids;
    ids.reserve(directoryIds.size());
    for (const auto& directoryId : directoryIds) {
        const int dense = denseOf(directoryId);
        const int found = dense >= 0 ? m_foundTarget[dense] : -1;
        ids.append(found >= 0 ? m_target.users.at(found).id : QString());
    }
    return ids;
}

void PlanBuilder::indexUsers()
{
    const auto& users = m_input.users;
    // Most links are of users in scope: one id for both.
    const qsizetype expected = std::max(users.size(), m_input.userLinks.size());
    m_directoryIdOf.reserve(expected);
    m_directoryIndex.reserve(expected, directoryIdAt());
    m_flags.reserve(expected);
    m_linkedTarget.reserve(expected);
    m_foundTarget.reserve(expected);

    m_targetIndex.reserve(m_target.users.size(), targetIdAt());
    for (int i = 0; i < m_target.users.size(); ++i)
        m_targetIndex.insert(m_target.users.at(i).id, i, targetIdAt(), true); // the last one wins, as before
    m_owner.assign(m_target.users.size(), -1);

    m_denseOfUser.reserve(users.size());
    for (const auto& user : users)
        m_denseOfUser.push_back(directoryIndex(user.directoryObjectId));

    m_links.reserve(m_input.userLinks.size());
    for (const auto& link : m_input.userLinks) {
        const int targetIndex = targetOf(link.targetId);
        const int dense = directoryIndex(link.directoryObjectId);
        m_linkedTarget[dense] = targetIndex;
        if (targetIndex >= 0)
            m_owner[targetIndex] = dense;
        m_links.emplace_back(targetIndex, targetIndex >= 0 ? dense : -1);
    }
    m_managedUsers = int(std::count_if(m_owner.cbegin(), m_owner.cend(), [](int owner) { return owner >= 0; }));
}

void PlanBuilder::matchUsers()
{
    const auto& users = m_input.users;
    m_outcome.assign(users.size(), UserOutcome::Skip);
    m_linked.assign(users.size(), false);
    m_userTarget.assign(users.size(), -1);
    for (int u = 0; u < users.size(); ++u) {
        const DesiredUser& user = users.at(u);
        const int dense = m_denseOfUser[u];
        quint8& flags = m_flags[dense];
        if (!m_protection.isEmpty() && m_protection.matches(user.userName())) {
            m_plan.protectedObjects.append({QStringLiteral("user"), QString(), user.userName(),
                tr("The user name matches a protected pattern of this server.")});
            flags |= KeepActive | Frozen;
            continue;
        }
        if (!user.validationError().isEmpty()) {
            m_plan.validationFailures.append(
                {user.directoryObjectId, user.userName(), user.validationError(), user.validationFix()});
            flags |= KeepActive | Frozen; // a fixable error must not deprovision anybody
            continue;
        }

        int found = m_linkedTarget[dense];
        const bool linked = found >= 0;
        QStringList taken; // target users its keys found that belong to another directory user
        if (!linked) {
            found = m_matcher.find(
                user.matchKeys(),
                [this, dense](int candidate) { return m_owner[candidate] < 0 || m_owner[candidate] == dense; },
                [this, &taken](int candidate, const QString& attribute) {
                    taken.append(tr("\"%1\" (by %2)").arg(m_target.users.at(candidate).userName(), attribute));
                });
        }
        if (found < 0 && !taken.isEmpty() && user.active) {
            skipTakenMatch(user, taken);
            flags |= KeepActive | Frozen;
            continue;
        }
        if (!taken.isEmpty()) {
            m_plan.warnings.append(tr("The directory user \"%1\" also matches the target user(s) %2, which are linked "
                                      "to other directory users; it is not matched to them.")
                                       .arg(user.userName(), taken.join(QStringLiteral(", "))));
        }
        if (!user.filledIn().isEmpty() && user.active) {
            m_plan.filledValues.append({user.directoryObjectId, user.userName(), user.filledIn()});
            m_plan.warnings.append(tr("The user \"%1\" is sent with values ScimDesk filled in (server option), not "
                                      "read from the directory: %2.")
                                       .arg(user.userName(), user.filledIn().join(QStringLiteral("; "))));
        }

        if (found >= 0) {
            const TargetUser& current = m_target.users.at(found);
            m_owner[found] = dense;
            m_foundTarget[dense] = found;
            if (m_protection.matches(current)) {
                m_plan.protectedObjects.append({QStringLiteral("user"), current.id, current.userName(),
                    tr("The target user matches a protected pattern of this server.")});
                flags |= KeepActive | Frozen;
                continue;
            }
            if (!user.active)
                continue; // linked: deprovisioned below; matched only: left alone
            flags |= KeepActive | MemberEligible;
            m_outcome[u] = UserOutcome::Update;
            m_linked[u] = linked;
            m_userTarget[u] = found;
            continue;
        }
        if (!user.active)
            continue; // nothing to create for a disabled directory user
        flags |= KeepActive | MemberEligible | Created;
        m_outcome[u] = UserOutcome::Create;
    }
}

// Creating the user would be refused as a duplicate (userName and externalId are unique on
// every SCIM server, email on many), and linking it to the target user its keys found would give
// that target user two directory users: the plan skips it and says so, and the apply does the same.
void PlanBuilder::skipTakenMatch(const DesiredUser& user, const QStringList& taken)
{
    m_plan.validationFailures.append({user.directoryObjectId, user.userName(),
        tr("Not created: it matches the target user(s) %1, which are already linked to other directory users of "
           "this application, so creating it would be refused as a duplicate and linking it would give one target "
           "user two directory users.")
            .arg(taken.join(QStringLiteral(", "))),
        tr("Give the two directory users different user names and emails (one may be a renamed copy of the other), "
           "or remove the one that should not be provisioned; then sync again.")});
}

// The enterprise manager.value is the manager's SCIM id (RFC 7643 §4.3), while the directory
// names the manager by userName: look the manager up where this plan puts them. Returns the value
// the body sends instead of the mapped one, if any.
UserComparison::Manager PlanBuilder::resolveManager(const DesiredUser& user, int targetIndex)
{
    const QJsonValue mapped = m_comparison.desiredManager(user);
    if (!mapped.isString() || mapped.toString().isEmpty())
        return std::nullopt;
    const QString reference = user.managerUserName.isEmpty() ? mapped.toString() : user.managerUserName;

    QString managerId;
    bool pending = false;
    const int dense = user.managerDirectoryId.isEmpty() ? -1 : denseOf(user.managerDirectoryId);
    if (dense >= 0 && m_foundTarget[dense] >= 0) {
        managerId = m_target.users.at(m_foundTarget[dense]).id;
    } else {
        if (m_targetByFoldedUserName.isEmpty() && !m_target.users.isEmpty()) {
            m_targetByFoldedUserName.reserve(m_target.users.size());
            for (int i = 0; i < m_target.users.size(); ++i)
                m_targetByFoldedUserName.insert(m_target.users.at(i).userName().toCaseFolded(), i);
        }
        const int byName = m_targetByFoldedUserName.value(reference.toCaseFolded(), -1);
        if (byName >= 0)
            managerId = m_target.users.at(byName).id;
        else if (const QString mappedId = mapped.toString(); targetOf(mappedId) >= 0)
            managerId = mapped.toString(); // the mapping already produces the SCIM id
        else
            pending = dense >= 0 && (m_flags[dense] & Created);
    }

    if (!managerId.isEmpty())
        return managerId != mapped.toString() ? std::optional<QJsonValue>(managerId) : std::nullopt;
    // Unknown id: keep whatever manager the target has rather than send a user name as an id.
    const QJsonValue current
        = targetIndex >= 0 ? m_comparison.targetManager(m_target.users.at(targetIndex)) : QJsonValue();
    if (pending) {
        // Written without the manager first (its id does not exist yet), then set once every user
        // operation has run: one apply leaves nothing for the next run.
        PlannedOperation operation;
        operation.kind = PlannedOperation::Kind::UpdateUser;
        operation.directoryObjectId = user.directoryObjectId;
        operation.targetId = targetIndex >= 0 ? m_target.users.at(targetIndex).id : QString();
        operation.displayName = user.userName();
        operation.managerDirectoryId = user.managerDirectoryId;
        // The preview names the manager as the directory does; the apply sends the id.
        operation.changes
            = {{ResourceProjection::managerPath(), current.isUndefined() ? QJsonValue() : current, reference}};
        m_managerOperations.append(operation);
        return current;
    }
    m_missingManagers.append(tr("\"%1\" (manager of \"%2\")").arg(reference, user.userName()));
    return current;
}

void PlanBuilder::reportManagers()
{
    auto examples = [](const QStringList& list) {
        return QStringList(list.mid(0, 5)).join(QStringLiteral(", "))
            + (list.size() > 5 ? QStringLiteral(", …") : QString());
    };
    if (!m_missingManagers.isEmpty()) {
        m_plan.warnings.append(QCoreApplication::translate("SyncPlanner",
            "%n manager(s) are not on the SCIM server, so the manager of the users they "
            "manage is left as it is: %1. Assign the managers to this application (or fix "
            "the manager attribute in the directory) and sync again.",
            nullptr, int(m_missingManagers.size()))
                                   .arg(examples(m_missingManagers)));
    }
}

// Only a user that differs somewhere is parsed back into JSON and diffed: equal values are
// equivalent, so the normalising comparison and the PATCH merge run for the few that differ.
void PlanBuilder::planUpdate(
    const DesiredUser& user, int u, const UserComparison::Manager& manager, PlannedOperation& operation)
{
    const TargetUser& current = m_target.users.at(m_userTarget[u]);
    operation.targetId = current.id;
    QJsonObject resource;
    if (!m_comparison.sameValues(user, current, manager)) {
        resource = m_comparison.bodyOf(user, manager);
        const UserPatch::Outcome patch = m_comparison.patch(resource, current, m_input.capabilities);
        operation.changes = patch.sent;
        operation.patch = patch.operations;
        for (const QString& leftOut : patch.leftOut)
            m_plan.warnings.append(tr("The user \"%1\": %2").arg(user.userName(), leftOut));
    }
    if (!operation.changes.isEmpty()) {
        operation.kind = PlannedOperation::Kind::UpdateUser;
        operation.linkFirst = !m_linked[u];
        operation.payload = resource; // to re-create it if it vanished meanwhile
        m_userOperations.append(operation);
    } else if (!m_linked[u]) {
        operation.kind = PlannedOperation::Kind::LinkUser;
        m_userOperations.append(operation);
    }
}

void PlanBuilder::planUsers()
{
    const auto& users = m_input.users;
    for (int u = 0; u < users.size(); ++u) {
        if (m_outcome[u] == UserOutcome::Skip)
            continue;
        const DesiredUser& user = users.at(u);
        const bool create = m_outcome[u] == UserOutcome::Create;
        const UserComparison::Manager manager = resolveManager(user, create ? -1 : m_userTarget[u]);

        PlannedOperation operation;
        operation.directoryObjectId = user.directoryObjectId;
        operation.displayName = user.userName();
        operation.matchKeys = user.matchKeys();
        if (create) {
            operation.kind = PlannedOperation::Kind::CreateUser;
            operation.payload = m_comparison.bodyOf(user, manager);
            m_userOperations.append(operation);
            continue;
        }
        planUpdate(user, u, manager, operation);
    }
    m_userOperations << m_managerOperations;
    reportManagers();
}

void PlanBuilder::considerDeprovision(int dense, const QString& directoryId, int targetIndex)
{
    if (m_input.onlyObjects && !m_input.onlyObjects->contains(directoryId))
        return;
    const TargetUser& current = m_target.users.at(targetIndex);
    if (m_protection.matches(current)) {
        m_plan.protectedObjects.append({QStringLiteral("user"), current.id, current.userName(),
            tr("The target user matches a protected pattern of this server; it is not deprovisioned.")});
        return;
    }
    PlannedOperation operation;
    operation.directoryObjectId = directoryId;
    operation.targetId = current.id;
    operation.displayName = current.userName();
    switch (m_input.options.deprovisionAction) {
    case DeprovisionAction::Disable:
        if (!current.active)
            return;
        operation.kind = PlannedOperation::Kind::DisableUser;
        operation.patch = {PatchOperation::replace(kActive, false)};
        operation.changes = {{kActive, true, false}};
        break;
    case DeprovisionAction::Delete:
        operation.kind = PlannedOperation::Kind::DeleteUser;
        m_flags[dense] |= Deleted;
        break;
    case DeprovisionAction::None:
        return;
    }
    m_deprovisionOperations.append(operation);
}

void PlanBuilder::deprovisionUsers()
{
    if (!m_input.sourceComplete) {
        m_plan.warnings.append(tr("The directory could not be read completely, so nobody is disabled or deleted in "
                                  "this run. Fix the directory source and run the sync again."));
        return;
    }
    for (size_t i = 0; i < m_links.size(); ++i) {
        const auto [targetIndex, dense] = m_links[i]; // as indexUsers() found them
        if (targetIndex >= 0 && !(m_flags[dense] & KeepActive))
            considerDeprovision(dense, m_input.userLinks.at(qsizetype(i)).directoryObjectId, targetIndex);
    }
}

void PlanBuilder::reportUntouchedUsers()
{
    for (int i = 0; i < m_target.users.size(); ++i) {
        if (m_owner[i] >= 0)
            continue;
        const TargetUser& user = m_target.users.at(i);
        if (m_protection.matches(user))
            m_plan.protectedObjects.append({QStringLiteral("user"), user.id, user.userName(),
                tr("The target user matches a protected pattern of this server.")});
        else
            m_plan.unmanagedObjects.append({QStringLiteral("user"), user.id, user.userName(),
                tr("The target user was not created or matched by this application; it is left alone.")});
    }
}

void PlanBuilder::indexGroups()
{
    const auto& groups = m_target.groups;
    m_groupById.reserve(groups.size());
    m_groupByExternalId.reserve(groups.size());
    m_groupByName.reserve(groups.size());
    for (int i = 0; i < groups.size(); ++i) {
        const TargetGroup& group = groups.at(i);
        m_groupById.insert(group.id, i);
        if (!group.externalId.isEmpty())
            m_groupByExternalId.insert(group.externalId, i);
        m_groupByName.insert(group.displayName.toCaseFolded(), i);
    }
    // Group owners are numbered like users: desired groups first, then linked ids.
    m_groupDirectoryIndex.reserve(m_input.groups.size() + m_input.groupLinks.size());
    auto groupIndex = [this](const QString& directoryId) {
        const auto it = m_groupDirectoryIndex.constFind(directoryId);
        if (it != m_groupDirectoryIndex.cend())
            return it.value();
        const int dense = int(m_groupDirectoryIndex.size());
        m_groupDirectoryIndex.insert(directoryId, dense);
        return dense;
    };
    for (const auto& desired : m_input.groups)
        groupIndex(desired.directoryObjectId);
    m_desiredGroupCount = int(m_groupDirectoryIndex.size());
    m_groupOwner.assign(groups.size(), -1);
    m_linkedGroup.assign(m_desiredGroupCount, -1);
    for (const auto& link : m_input.groupLinks) {
        const int targetIndex = m_groupById.value(link.targetId, -1);
        const int owner = targetIndex >= 0 ? groupIndex(link.directoryObjectId) : -1;
        if (targetIndex >= 0)
            m_groupOwner[targetIndex] = owner;
        if (owner >= 0 && owner < m_desiredGroupCount)
            m_linkedGroup[owner] = targetIndex;
    }
    m_managedGroups
        = int(std::count_if(m_groupOwner.cbegin(), m_groupOwner.cend(), [](int owner) { return owner >= 0; }));
    m_wantedStamp.assign(m_flags.size(), 0);
    m_presentStamp.assign(m_flags.size(), 0);
}

void PlanBuilder::planGroups()
{
    indexGroups();
    const auto& groups = m_target.groups;
    QStringList wanted;
    std::vector<int> wantedDense;
    for (const auto& desired : m_input.groups) {
        if (m_protection.matches(desired.displayName)) {
            m_plan.protectedObjects.append({QStringLiteral("group"), QString(), desired.displayName,
                tr("The group name matches a protected pattern of this server.")});
            continue;
        }
        const int self = m_groupDirectoryIndex.value(desired.directoryObjectId);
        int found = m_linkedGroup[self];
        const bool linked = found >= 0;
        // Not linked: matched by its keys in order (externalId, then displayName), like users.
        for (const auto& [attribute, value] :
            TargetMatcher::groupKeys(desired.directoryObjectId, desired.displayName)) {
            const int candidate = attribute == kExternalId ? m_groupByExternalId.value(value, -1)
                                                           : m_groupByName.value(value.toCaseFolded(), -1);
            if (found >= 0 || candidate < 0)
                continue;
            const int owner = m_groupOwner[candidate];
            if (owner < 0 || owner == self)
                found = candidate;
        }

        wanted.clear();
        wantedDense.clear();
        wanted.reserve(desired.memberDirectoryIds.size());
        for (const auto& member : desired.memberDirectoryIds) {
            const int dense = denseOf(member);
            if (dense >= 0 && (m_flags[dense] & MemberEligible)) {
                wanted.append(member);
                wantedDense.push_back(dense);
            }
        }

        if (found < 0) {
            planCreateGroup(desired, wanted);
            continue;
        }

        const TargetGroup& current = groups.at(found);
        m_groupOwner[found] = self;
        if (m_protection.matches(current.displayName)) {
            m_plan.protectedObjects.append({QStringLiteral("group"), current.id, current.displayName,
                tr("The target group matches a protected pattern of this server.")});
            continue;
        }
        PlannedOperation groupOperation;
        groupOperation.directoryObjectId = desired.directoryObjectId;
        groupOperation.targetId = current.id;
        groupOperation.displayName = desired.displayName;
        groupOperation.linkFirst = !linked;
        if (current.displayName != desired.displayName) {
            groupOperation.kind = PlannedOperation::Kind::RenameGroup;
            groupOperation.patch = {PatchOperation::replace(QStringLiteral("displayName"), desired.displayName)};
            groupOperation.changes = {{QStringLiteral("displayName"), current.displayName, desired.displayName}};
            m_groupOperations.append(groupOperation);
        } else if (!linked) {
            groupOperation.kind = PlannedOperation::Kind::LinkGroup;
            m_groupOperations.append(groupOperation);
        }

        if (!current.membersRead) {
            m_plan.warnings.append(tr("The members of the target group \"%1\" were not read; its membership is "
                                      "left unchanged.")
                                       .arg(current.displayName));
            continue;
        }
        planGroupMembers(desired, current, wanted, wantedDense);
    }
    deprovisionGroups();

    reportUntouchedGroups();
}

void PlanBuilder::planCreateGroup(const DesiredGroup& desired, const QStringList& wanted)
{
    PlannedOperation create;
    create.kind = PlannedOperation::Kind::CreateGroup;
    create.directoryObjectId = desired.directoryObjectId;
    create.displayName = desired.displayName;
    create.payload = QJsonObject {
        {QStringLiteral("schemas"), QJsonArray {kGroupSchema}},
        {QStringLiteral("displayName"), desired.displayName},
        {kExternalId, desired.directoryObjectId},
    };
    const int onCreate
        = m_input.capabilities.maxMembersOnCreate > 0 ? m_input.capabilities.maxMembersOnCreate : int(wanted.size());
    create.memberDirectoryIds = wanted.mid(0, onCreate);
    create.memberTargetIds = targetIdsOf(create.memberDirectoryIds);
    m_groupOperations.append(create);
    const auto batches = chunks(wanted.mid(onCreate), m_input.capabilities.maxMembersPerPatch);
    for (const auto& batch : batches) {
        PlannedOperation add;
        add.kind = PlannedOperation::Kind::AddMembers;
        add.directoryObjectId = desired.directoryObjectId;
        add.displayName = desired.displayName;
        add.memberDirectoryIds = batch;
        add.memberTargetIds = targetIdsOf(batch);
        m_memberOperations.append(add);
    }
}

void PlanBuilder::reportUntouchedGroups()
{
    const auto& groups = m_target.groups;
    for (int i = 0; i < groups.size(); ++i) {
        if (m_groupOwner[i] >= 0)
            continue;
        const TargetGroup& group = groups.at(i);
        if (m_protection.matches(group.displayName))
            m_plan.protectedObjects.append({QStringLiteral("group"), group.id, group.displayName,
                tr("The target group matches a protected pattern of this server.")});
        else
            m_plan.unmanagedObjects.append({QStringLiteral("group"), group.id, group.displayName,
                tr("The target group was not created or matched by this application; it is left alone.")});
    }
}

void PlanBuilder::planGroupMembers(const DesiredGroup& desired, const TargetGroup& current, const QStringList& wanted,
    const std::vector<int>& wantedDense)
{
    const int serial = ++m_groupSerial;
    for (int dense : wantedDense)
        m_wantedStamp[dense] = serial;
    QStringList removeTargets;
    for (const auto& memberId : current.memberIds) {
        const int targetIndex = targetOf(memberId);
        const int owner = targetIndex >= 0 ? m_owner[targetIndex] : -1;
        if (owner < 0)
            continue; // not ours: never removed
        m_presentStamp[owner] = serial;
        if (m_wantedStamp[owner] != serial && !(m_flags[owner] & (Deleted | Frozen)))
            removeTargets.append(memberId);
    }
    QStringList adds;
    for (size_t i = 0; i < wantedDense.size(); ++i) {
        if (m_presentStamp[wantedDense[i]] != serial)
            adds.append(wanted.at(qsizetype(i)));
    }
    const int maxPerPatch = m_input.capabilities.maxMembersPerPatch;
    const auto addBatches = chunks(adds, maxPerPatch);
    for (const auto& batch : addBatches) {
        PlannedOperation add;
        add.kind = PlannedOperation::Kind::AddMembers;
        add.directoryObjectId = desired.directoryObjectId;
        add.targetId = current.id;
        add.displayName = desired.displayName;
        add.memberDirectoryIds = batch;
        add.memberTargetIds = targetIdsOf(batch);
        m_memberOperations.append(add);
    }
    const auto removeBatches = chunks(removeTargets, maxPerPatch);
    for (const auto& batch : removeBatches) {
        PlannedOperation remove;
        remove.kind = PlannedOperation::Kind::RemoveMembers;
        remove.directoryObjectId = desired.directoryObjectId;
        remove.targetId = current.id;
        remove.displayName = desired.displayName;
        remove.memberTargetIds = batch;
        for (const auto& targetId : batch)
            remove.memberDirectoryIds.append(m_directoryIdOf[m_owner[targetOf(targetId)]].toString());
        m_memberOperations.append(remove);
    }
}

void PlanBuilder::deprovisionGroups()
{
    if (!m_input.sourceComplete || m_input.options.deprovisionAction == DeprovisionAction::None)
        return;
    const int desiredCount = m_desiredGroupCount;
    for (const auto& link : m_input.groupLinks) {
        // Desired groups hold the first dense indexes.
        if (m_groupDirectoryIndex.value(link.directoryObjectId, desiredCount) < desiredCount)
            continue;
        const int targetIndex = m_groupById.value(link.targetId, -1);
        if (targetIndex < 0)
            continue;
        const TargetGroup& current = m_target.groups.at(targetIndex);
        if (m_protection.matches(current.displayName)) {
            if (m_input.options.deprovisionAction == DeprovisionAction::Delete)
                m_plan.protectedObjects.append({QStringLiteral("group"), current.id, current.displayName,
                    tr("The target group matches a protected pattern of this server; it is not deleted.")});
            continue;
        }
        if (m_input.options.deprovisionAction == DeprovisionAction::Disable) {
            // SCIM groups have no "active" attribute, so disabling has no group equivalent.
            m_plan.warnings.append(tr("The group \"%1\" left the scope of this application; groups cannot be "
                                      "disabled, so it is left in place. Set the server's deprovisioning to Delete "
                                      "to remove it.")
                                       .arg(current.displayName));
            continue;
        }
        PlannedOperation remove;
        remove.kind = PlannedOperation::Kind::DeleteGroup;
        remove.directoryObjectId = link.directoryObjectId;
        remove.targetId = current.id;
        remove.displayName = current.displayName;
        m_deprovisionOperations.append(remove);
    }
}

void PlanBuilder::applyThreshold()
{
    m_plan.managedCount = m_managedUsers + m_managedGroups;
    const int deprovisions = int(m_deprovisionOperations.size());
    // The rule a mirror import of the directory uses too.
    const DeletionThreshold threshold {
        m_input.options.deletionThresholdPercent, m_input.options.deletionThresholdMinimum};
    const int limit = threshold.limit(m_plan.managedCount);
    if (deprovisions > limit) {
        m_plan.needsConfirmation = true;
        m_plan.confirmationReason = tr("This plan disables or deletes %1 of %2 managed objects, more than the "
                                       "server's threshold of %3. Check that the directory and the assignment are "
                                       "right; apply only if you mean it, by confirming explicitly.")
                                        .arg(deprovisions)
                                        .arg(m_plan.managedCount)
                                        .arg(limit);
    }
}

SyncPlan PlanBuilder::build()
{
    m_plan.planId = QUuid::createUuid();
    m_plan.applicationId = m_input.applicationId;
    m_plan.createdAt = QDateTime::currentDateTimeUtc();
    m_plan.sourceComplete = m_input.sourceComplete;
    m_plan.updatePaths = m_input.updatePaths;
    m_plan.caseInsensitivePaths = m_input.caseInsensitivePaths;
    m_plan.warnings = m_input.warnings;
    for (const QString& path : m_comparison.uncomparedPaths())
        m_plan.warnings.append(tr("The attribute %1 was not read for comparison, so it is left as the SCIM server "
                                  "has it. Preview again; if this stays, report it.")
                                   .arg(path));

    indexUsers();
    matchUsers();
    planUsers();
    deprovisionUsers();
    reportUntouchedUsers();
    if (!m_input.onlyObjects)
        planGroups(); // single-user provisioning leaves groups alone
    m_plan.mergeProtectedObjects();

    m_plan.operations.reserve(m_userOperations.size() + m_groupOperations.size() + m_memberOperations.size()
        + m_deprovisionOperations.size());
    m_plan.operations << m_userOperations << m_groupOperations << m_memberOperations << m_deprovisionOperations;
    applyThreshold();
    return std::move(m_plan);
}
} // namespace

SyncPlan SyncPlanner::plan(const PlannerInput& input)
{
    SyncPlan plan = PlanBuilder(input).build();
    plan.userCounts = PlanUserCounts::count(input, plan);
    return plan;
}
