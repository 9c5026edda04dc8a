// scimdesk-bench-sync: measures the sync engine against the standalone AWS emulator
// (scimdesk-aws-emulator, a separate process on loopback, so the figures are the client's
// own and the server does not share its event loop) and the planner alone, and compares the
// sync apply with the capacity wrk measures on a fresh emulator at the same concurrency.
// Prints figures; it is not a pass/fail timing test, except that it fails when a run does
// not converge (writes on a no-op, lost operations).

#include "BenchTenant.h"
#include "EmulatorProcess.h"
#include "ResourceUsage.h"
#include "WrkLoad.h"

#include <directory/DirectorySnapshot.h>
#include <sync/SyncPlanner.h>

#include <util/ThreadEventLoops.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QTextStream>
#include <QThread>

#include <memory>

namespace {
QTextStream out(stdout);

// A figure for the summary block scripts/bench gathers (lines starting "summary:").
void summary(const QString& line)
{
    out << QStringLiteral("summary: ") << line << Qt::endl;
}

bool benchSync(int users, int groups, int members, int concurrency, int wrkSeconds)
{
    EmulatorProcess emulator;
    if (!emulator.start()) {
        out << "emulator: " << emulator.errorString() << Qt::endl;
        return false;
    }
    BenchTenant tenant;
    if (!tenant.setUp(emulator.baseUrl(), emulator.token(), users, groups, members, concurrency)) {
        out << tenant.errorString() << Qt::endl;
        return false;
    }
    const int extraPatches = members > 100 ? (members - 100 + 99) / 100 : 0;
    // Reads of an empty tenant (2 lists) + one POST per user and group + member overflow PATCHes.
    const int minimum = 2 + users + groups + groups * extraPatches;

    SyncPlan plan;
    SyncRunSummary result;
    BenchTenant::Run run;
    const double emulatorCpuBefore = emulator.cpuSeconds();
    if (!tenant.syncOnce(&plan, &result, &run)) {
        out << tenant.errorString() << Qt::endl;
        return false;
    }
    const double emulatorCpu = emulator.cpuSeconds() - emulatorCpuBefore;
    const qint64 requests = run.previewRequests + run.applyRequests;
    const double opsPerSecond = run.applyMs > 0 ? result.succeeded * 1000.0 / run.applyMs : 0;
    const double applyRequestsPerSecond = run.applyMs > 0 ? run.applyRequests * 1000.0 / run.applyMs : 0;
    const int usersThere = emulator.countResources(QStringLiteral("Users"));
    const int groupsThere = emulator.countResources(QStringLiteral("Groups"));
    out << QStringLiteral("initial sync: %1 users, %2 groups x %3 members, concurrency %4, standalone emulator process")
               .arg(users)
               .arg(groups)
               .arg(members)
               .arg(concurrency)
        << Qt::endl;
    out << QStringLiteral("  preview %1 ms, apply %2 ms: %3 operations/s, %4 requests/s; status %5, failed %6")
               .arg(run.previewMs)
               .arg(run.applyMs)
               .arg(opsPerSecond, 0, 'f', 0)
               .arg(applyRequestsPerSecond, 0, 'f', 0)
               .arg(SyncRunSummary::statusId(result.status))
               .arg(result.failed)
        << Qt::endl;
    out << QStringLiteral("  requests %1 (minimum %2, ratio %3); emulator users %4 groups %5; client CPU during "
                          "apply %6 s, emulator CPU %7 s; peak RSS %8 MB")
               .arg(requests)
               .arg(minimum)
               .arg(double(requests) / minimum, 0, 'f', 3)
               .arg(usersThere)
               .arg(groupsThere)
               .arg(run.applyCpuSeconds, 0, 'f', 2)
               .arg(emulatorCpu, 0, 'f', 2)
               .arg(ResourceUsage::peakMegabytes(), 0, 'f', 0)
        << Qt::endl;
    const bool complete = result.failed == 0 && usersThere == users && groupsThere == groups;

    SyncPlan second;
    SyncRunSummary secondResult;
    BenchTenant::Run noop;
    if (!tenant.syncOnce(&second, &secondResult, &noop)) {
        out << tenant.errorString() << Qt::endl;
        return false;
    }
    out << QStringLiteral("no-op re-sync: preview %1 ms, plan operations %2, requests %3 (list pages + %4 "
                          "membership reads), writes %5")
               .arg(noop.previewMs)
               .arg(second.operations.size())
               .arg(noop.previewRequests + noop.applyRequests)
               .arg(groups)
               .arg(noop.writes)
        << Qt::endl;
    const EmulatorProcess::Totals totals = emulator.stop();
    // The emulator's own count also holds the two count queries above (and one per check).
    out << QStringLiteral("  emulator saw %1 requests, %2 writes in both runs (client counted %3 + 2 checks)")
               .arg(totals.requests)
               .arg(totals.writes)
               .arg(requests + noop.previewRequests + noop.applyRequests)
        << Qt::endl;
    summary(QStringLiteral("initial sync %1 users + %2 groups x %3, concurrency %4: apply %5 ops/s (%6 req/s), "
                           "requests %7 = %8 x minimum, failed %9")
                .arg(users)
                .arg(groups)
                .arg(members)
                .arg(concurrency)
                .arg(opsPerSecond, 0, 'f', 0)
                .arg(applyRequestsPerSecond, 0, 'f', 0)
                .arg(requests)
                .arg(double(requests) / minimum, 0, 'f', 3)
                .arg(result.failed));
    summary(QStringLiteral("no-op re-sync: %1 requests, %2 writes")
                .arg(noop.previewRequests + noop.applyRequests)
                .arg(noop.writes));

    if (wrkSeconds > 0 && !WrkLoad::isAvailable()) {
        out << "wrk not found on PATH (apt-get install wrk): comparison skipped" << Qt::endl;
    } else if (wrkSeconds > 0) {
        const WrkLoad::Result wrk = WrkLoad::createUsers(concurrency, wrkSeconds);
        if (!wrk.ok) {
            out << wrk.error << Qt::endl;
            return false;
        }
        // The apply is mostly POSTs (users, then groups with their first 100 members), so
        // POST /Users capacity at the same concurrency is the load tool's ceiling for it.
        out << QStringLiteral(
            "wrk POST /Users, %1 connections, %2 s on a fresh emulator: %3 created/s (%4 non-201: %5; "
            "socket errors %6; p99 %7 ms)")
                   .arg(concurrency)
                   .arg(wrk.seconds, 0, 'f', 1)
                   .arg(wrk.createsPerSecond(), 0, 'f', 0)
                   .arg(wrk.rejected)
                   .arg(wrk.statuses)
                   .arg(wrk.socketErrors)
                   .arg(wrk.p99Ms, 0, 'f', 1)
            << Qt::endl;
        const double ratio = wrk.createsPerSecond() > 0 ? applyRequestsPerSecond / wrk.createsPerSecond() : 0;
        out << QStringLiteral("  sync apply / wrk = %1 % (requests/s; target >= 80 %)").arg(ratio * 100, 0, 'f', 0)
            << Qt::endl;
        summary(QStringLiteral("sync apply vs wrk POST /Users at concurrency %1: %2 req/s vs %3 req/s = %4 % "
                               "(target >= 80 %); wrk non-201 %5")
                    .arg(concurrency)
                    .arg(applyRequestsPerSecond, 0, 'f', 0)
                    .arg(wrk.createsPerSecond(), 0, 'f', 0)
                    .arg(ratio * 100, 0, 'f', 0)
                    .arg(wrk.rejected));
    }
    return complete && noop.writes == 0;
}

// Starts the emulator, sets the tenant up on it and runs one preview + apply; says why not.
bool startAndSync(EmulatorProcess& emulator, BenchTenant& tenant, int users, const QList<int>& groupSizes,
    int concurrency, SyncPlan* plan, SyncRunSummary* result, BenchTenant::Run* run)
{
    if (!emulator.start()) {
        out << "emulator: " << emulator.errorString() << Qt::endl;
        return false;
    }
    if (!tenant.setUp(emulator.baseUrl(), emulator.token(), users, groupSizes, concurrency)
        || !tenant.syncOnce(plan, result, run)) {
        out << tenant.errorString() << Qt::endl;
        return false;
    }
    return true;
}

bool benchThrottled(int users, double rate)
{
    EmulatorProcess emulator({QStringLiteral("--throttle-rate"), QString::number(rate),
        QStringLiteral("--throttle-burst"), QString::number(int(rate))});
    BenchTenant tenant;
    SyncPlan plan;
    SyncRunSummary result;
    BenchTenant::Run run;
    if (!startAndSync(emulator, tenant, users, {}, 4, &plan, &result, &run))
        return false;
    const double achieved = run.applyMs > 0 ? result.succeeded * 1000.0 / run.applyMs : 0;
    const int lost = int(plan.operations.size()) - result.succeeded;
    const int usersThere = emulator.countResources(QStringLiteral("Users"));
    out << QStringLiteral("throttled %1 req/s: %2 creates in %3 ms = %4 ops/s (%5 % of the allowed rate); "
                          "429 answers %6; operations lost %7; emulator users %8")
               .arg(rate)
               .arg(result.succeeded)
               .arg(run.applyMs)
               .arg(achieved, 0, 'f', 1)
               .arg(achieved * 100 / rate, 0, 'f', 0)
               .arg(run.throttled)
               .arg(lost)
               .arg(usersThere)
        << Qt::endl;
    summary(QStringLiteral("throttled %1 req/s, %2 users: %3 ops/s = %4 % of the allowed rate (target >= 90 %), "
                           "429s %5, lost %6")
                .arg(rate)
                .arg(users)
                .arg(achieved, 0, 'f', 1)
                .arg(achieved * 100 / rate, 0, 'f', 0)
                .arg(run.throttled)
                .arg(lost));
    return lost == 0 && usersThere == users;
}

// Requests on the longest dependency path of the apply: a user create, then the create of a
// group it is in, then a PATCH with the group's further members; deprovisioning comes last.
int applyChain(const SyncPlan& plan)
{
    using Kind = PlannedOperation::Kind;
    QHash<QString, int> userDepth;
    QHash<QString, int> groupDepth;
    int deepest = 0;
    auto membersDepth = [&userDepth](const PlannedOperation& operation) {
        int depth = 0;
        for (const auto& id : operation.memberDirectoryIds)
            depth = qMax(depth, userDepth.value(id));
        return depth;
    };
    for (const auto& operation : plan.operations) {
        int depth = 1;
        if (operation.isUserOperation() && !operation.isDeprovision())
            userDepth[operation.directoryObjectId] = depth = operation.isWrite() ? 1 : 0;
        else if (operation.kind == Kind::CreateGroup || operation.kind == Kind::RenameGroup)
            groupDepth[operation.directoryObjectId] = depth = 1 + membersDepth(operation);
        else if (operation.isMembershipChange())
            depth = 1 + qMax(groupDepth.value(operation.directoryObjectId), membersDepth(operation));
        else if (operation.isDeprovision())
            depth = deepest + 1;
        deepest = qMax(deepest, depth);
    }
    return deepest;
}

// The initial sync at a real network distance: what the admin waits for against what
// `concurrency` requests in flight allow at best.
bool benchLatency(int users, const QList<int>& groupSizes, int concurrency, int latencyMs)
{
    EmulatorProcess emulator({QStringLiteral("--latency-ms"), QString::number(latencyMs)});
    BenchTenant tenant;
    SyncPlan plan;
    SyncRunSummary result;
    BenchTenant::Run run;
    if (!startAndSync(emulator, tenant, users, groupSizes, concurrency, &plan, &result, &run))
        return false;
    const int usersThere = emulator.countResources(QStringLiteral("Users"));
    const int groupsThere = emulator.countResources(QStringLiteral("Groups"));
    // The re-sync reads every user page, the groups and each group's members, then writes nothing.
    SyncPlan second;
    SyncRunSummary secondResult;
    BenchTenant::Run noop;
    if (!tenant.syncOnce(&second, &secondResult, &noop)) {
        out << tenant.errorString() << Qt::endl;
        return false;
    }
    const EmulatorProcess::Totals totals = emulator.stop();
    const qint64 requests = run.previewRequests + run.applyRequests;
    const qint64 wallMs = run.previewMs + run.applyMs;
    const double idealMs = double(requests) * latencyMs / concurrency;
    // The reads of an empty tenant (the user and group lists, side by side) are one round trip.
    const int chain = 1 + applyChain(plan);
    const double boundMs = idealMs + double(chain) * latencyMs;
    int large = 0;
    for (int size : groupSizes)
        large += size > 100 ? 1 : 0;
    out << QStringLiteral("latency %1 ms: %2 users + %3 groups (%4 of them > 100 members), concurrency %5")
               .arg(latencyMs)
               .arg(users)
               .arg(groupSizes.size())
               .arg(large)
               .arg(concurrency)
        << Qt::endl;
    out << QStringLiteral("  wall %1 ms (preview %2 + apply %3); requests %4 (preview %5, apply %6); status %7, "
                          "failed %8; emulator users %9 groups %10; most requests open at the emulator %11")
               .arg(wallMs)
               .arg(run.previewMs)
               .arg(run.applyMs)
               .arg(requests)
               .arg(run.previewRequests)
               .arg(run.applyRequests)
               .arg(SyncRunSummary::statusId(result.status))
               .arg(result.failed)
               .arg(usersThere)
               .arg(groupsThere)
               .arg(totals.maxOpen)
        << Qt::endl;
    out << QStringLiteral("  ideal requests x latency / concurrency = %1 ms; dependency chain %2 requests x %3 ms = "
                          "%4 ms; wall / ideal = %5, wall / (ideal + chain) = %6 (goal <= 1.3)")
               .arg(idealMs, 0, 'f', 0)
               .arg(chain)
               .arg(latencyMs)
               .arg(chain * latencyMs)
               .arg(wallMs / idealMs, 0, 'f', 2)
               .arg(wallMs / boundMs, 0, 'f', 2)
        << Qt::endl;
    const qint64 noopRequests = noop.previewRequests + noop.applyRequests;
    out << QStringLiteral("  no-op re-sync: %1 ms, %2 requests (ideal %3 ms), %4 writes, plan operations %5")
               .arg(noop.previewMs + noop.applyMs)
               .arg(noopRequests)
               .arg(double(noopRequests) * latencyMs / concurrency, 0, 'f', 0)
               .arg(noop.writes)
               .arg(second.operations.size())
        << Qt::endl;
    summary(QStringLiteral("latency %1 ms, %2 users + %3 groups, concurrency %4: wall %5 ms, %6 requests, ideal %7 ms, "
                           "chain %8 x %1 ms; wall / ideal %9, wall / (ideal + chain) %10 (goal <= 1.3)")
                .arg(latencyMs)
                .arg(users)
                .arg(groupSizes.size())
                .arg(concurrency)
                .arg(wallMs)
                .arg(requests)
                .arg(idealMs, 0, 'f', 0)
                .arg(chain)
                .arg(wallMs / idealMs, 0, 'f', 2)
                .arg(wallMs / boundMs, 0, 'f', 2));
    return result.failed == 0 && usersThere == users && groupsThere == int(groupSizes.size()) && noop.writes == 0;
}

// Every value a fresh string, as a read from SQLite or LDAP hands them out: only the snapshot
// itself can share them.
QString fresh(const QString& value)
{
    return QString(value.constData(), value.size());
}

DirectoryUser snapshotUser(int i)
{
    static const QStringList given {QStringLiteral("Anna"), QStringLiteral("Ben"), QStringLiteral("Chloe"),
        QStringLiteral("David"), QStringLiteral("Emma"), QStringLiteral("Farid"), QStringLiteral("Grace")};
    static const QStringList family {QStringLiteral("Meyer"), QStringLiteral("Nguyen"), QStringLiteral("Okafor"),
        QStringLiteral("Petrov"), QStringLiteral("Quinn"), QStringLiteral("Rossi"), QStringLiteral("Silva")};
    static const QStringList titles {QStringLiteral("Engineer"), QStringLiteral("Senior Engineer"),
        QStringLiteral("Manager"), QStringLiteral("Analyst"), QStringLiteral("Sales Representative")};
    static const QStringList departments {QStringLiteral("Engineering"), QStringLiteral("Sales"),
        QStringLiteral("Finance"), QStringLiteral("Operations"), QStringLiteral("Human Resources")};
    DirectoryUser user;
    user.id = i + 1;
    user.objectId = QStringLiteral("3f2b6c1e-8d4a-4c7e-9b1f-%1").arg(i, 12, 10, QLatin1Char('0'));
    user.givenName = fresh(given.at(i % given.size()));
    user.familyName = fresh(family.at((i / 7) % family.size()));
    user.userName
        = QStringLiteral("%1.%2%3@example.com").arg(user.givenName.toLower(), user.familyName.toLower()).arg(i);
    user.email = fresh(user.userName);
    user.displayName = user.givenName + QLatin1Char(' ') + user.familyName;
    user.phone = QStringLiteral("+1 555 01%1").arg(i % 100000, 5, 10, QLatin1Char('0'));
    user.title = fresh(titles.at(i % titles.size()));
    user.department = fresh(departments.at((i / 3) % departments.size()));
    user.employeeNumber = QStringLiteral("E%1").arg(i, 7, 10, QLatin1Char('0'));
    user.manager = QStringLiteral("manager%1@example.com").arg(i / 50);
    user.createdAt = QDateTime::fromMSecsSinceEpoch(1700000000000LL + i, Qt::UTC);
    user.updatedAt = user.createdAt;
    return user;
}

// The directory snapshot alone: what it holds per user (heap bytes, to the byte), built from
// data the way a directory source hands it over, and a lookup of every user to check it.
bool benchSnapshot(int users, int groups, int membersPerGroup)
{
    QList<DirectoryGroup> groupList;
    for (int g = 0; g < groups; ++g) {
        DirectoryGroup group;
        group.id = g + 1;
        group.objectId = QStringLiteral("grp-%1").arg(g);
        group.displayName = QStringLiteral("Group %1").arg(g);
        for (int m = 0; m < membersPerGroup; ++m)
            group.memberUserIds.append((g * membersPerGroup + m) % users + 1);
        groupList.append(group);
    }
    const qint64 heapBefore = ResourceUsage::heapBytes();
    DirectorySnapshot snapshot;
    double cpu = 0;
    {
        QList<DirectoryUser> userList;
        userList.reserve(users);
        for (int i = 0; i < users; ++i)
            userList.append(snapshotUser(i));
        const double cpuBefore = ResourceUsage::cpuSeconds();
        snapshot = DirectorySnapshot::fromData(std::move(userList), std::move(groupList), QDateTime());
        cpu = ResourceUsage::cpuSeconds() - cpuBefore;
    }
    const double perUser = double(ResourceUsage::heapBytes() - heapBefore) / users;
    int found = 0;
    for (int i = 0; i < users; i += 97) {
        const DirectoryUser expected = snapshotUser(i);
        const DirectoryUser* user = snapshot.userByUserName(expected.userName);
        found += user && user->title == expected.title && user->manager == expected.manager
            && user->department == expected.department && user->givenName == expected.givenName;
    }
    const int checked = (users + 96) / 97;
    out << QStringLiteral("directory snapshot %1 users / %2 groups x %3: %4 bytes per user (heap, groups and "
                          "indexes included), indexed in %5 s CPU, peak RSS %6 MB; %7 of %8 sampled users read back")
               .arg(users)
               .arg(groups)
               .arg(membersPerGroup)
               .arg(perUser, 0, 'f', 0)
               .arg(cpu, 0, 'f', 2)
               .arg(ResourceUsage::peakMegabytes(), 0, 'f', 0)
               .arg(found)
               .arg(checked)
        << Qt::endl;
    summary(QStringLiteral("directory snapshot %1 users: %2 bytes per user (target <= 1024)")
                .arg(users)
                .arg(perUser, 0, 'f', 0));
    return found == checked;
}

bool benchPlan(int users, int groups, int membersPerGroup)
{
    // A tenant in sync except every 100th user (a title change): the planner's full work.
    PlannerInput input;
    input.applicationId = 1;
    input.capabilities.maxMembersPerPatch = 100;
    input.capabilities.groupReadReturnsMembers = false;
    input.options.deletionThresholdMinimum = users;
    const QString email = QStringLiteral("emails[type eq \"work\"].value");
    input.updatePaths = {QStringLiteral("externalId"), QStringLiteral("userName"), QStringLiteral("displayName"),
        QStringLiteral("name.givenName"), QStringLiteral("name.familyName"), email, QStringLiteral("title"),
        QStringLiteral("active")};
    input.caseInsensitivePaths = {QStringLiteral("userName"), QStringLiteral("emails.value")};
    // What DesiredStateBuilder and TargetReader keep of each user: the mapped paths and the
    // matching attributes.
    input.projection = std::make_shared<const ResourceProjection>(
        input.updatePaths + QStringList {QStringLiteral("externalId"), QStringLiteral("userName")});
    const double inputCpuBefore = ResourceUsage::cpuSeconds();
    const qint64 heapBefore = ResourceUsage::heapBytes();
    auto target = std::make_shared<TargetSnapshot>();
    target->projection = input.projection;
    target->users.reserve(users);
    input.users.reserve(users);
    input.userLinks.reserve(users);
    for (int i = 0; i < users; ++i) {
        const QString objectId = QStringLiteral("obj-%1").arg(i);
        const QString userName = QStringLiteral("user%1").arg(i);
        QJsonObject resource {
            {QStringLiteral("userName"), userName},
            {QStringLiteral("externalId"), objectId},
            {QStringLiteral("displayName"), QStringLiteral("User %1").arg(i)},
            {QStringLiteral("active"), true},
            {QStringLiteral("title"), QStringLiteral("Engineer")},
            {QStringLiteral("name"),
                QJsonObject {{QStringLiteral("givenName"), QStringLiteral("User")},
                    {QStringLiteral("familyName"), QString::number(i)}}},
            {QStringLiteral("emails"),
                QJsonArray {QJsonObject {{QStringLiteral("value"), userName + QStringLiteral("@example.com")},
                    {QStringLiteral("type"), QStringLiteral("work")}, {QStringLiteral("primary"), true}}}},
        };
        DesiredUser user;
        user.directoryObjectId = objectId;
        QJsonObject body = resource;
        if (i % 100 == 0)
            body.insert(QStringLiteral("title"), QStringLiteral("Manager"));
        user.setResource(*input.projection, body, userName,
            {{QStringLiteral("externalId"), objectId}, {QStringLiteral("userName"), userName}});
        input.users.append(user);
        resource.insert(QStringLiteral("id"), QStringLiteral("t-%1").arg(i));
        TargetUser current = TargetSnapshot::userFromJson(resource, *input.projection);
        target->users.append(current);
        input.userLinks.append({objectId, current.id});
    }
    for (int g = 0; g < groups; ++g) {
        DesiredGroup group;
        group.directoryObjectId = QStringLiteral("grp-%1").arg(g);
        group.displayName = QStringLiteral("Group %1").arg(g);
        TargetGroup current;
        current.id = QStringLiteral("tg-%1").arg(g);
        current.displayName = group.displayName;
        current.membersRead = true;
        for (int m = 0; m < membersPerGroup; ++m) {
            // As DesiredStateBuilder hands them over (the users' own id strings) and as the
            // target's membership pages bring them (new strings, shared by TargetReader).
            const int i = (g * membersPerGroup + m) % users;
            group.memberDirectoryIds.append(input.users.at(i).directoryObjectId);
            current.memberIds.append(QStringLiteral("t-%1").arg(i));
        }
        input.groups.append(group);
        target->groups.append(current);
        input.groupLinks.append({group.directoryObjectId, current.id});
    }
    target->shareMemberIds();
    input.target = target;
    const double inputMb = ResourceUsage::peakMegabytes();
    const double inputBytesPerUser = double(ResourceUsage::heapBytes() - heapBefore) / users;
    const double inputCpu = ResourceUsage::cpuSeconds() - inputCpuBefore;
    QElapsedTimer clock;
    clock.start();
    const double cpuBefore = ResourceUsage::cpuSeconds();
    const SyncPlan plan = SyncPlanner::plan(input);
    const qint64 ms = clock.elapsed();
    const double cpu = ResourceUsage::cpuSeconds() - cpuBefore;
    out << QStringLiteral("plan %1 users / %2 groups x %3 members: %4 ms wall, %9 s CPU, %5 operations "
                          "(expected %6), peak RSS %7 MB (%8 MB after building the input, %10 heap bytes per "
                          "user: desired state, target snapshot, links; input built from JSON in %11 s CPU)")
               .arg(users)
               .arg(groups)
               .arg(membersPerGroup)
               .arg(ms)
               .arg(plan.operations.size())
               .arg((users + 99) / 100)
               .arg(ResourceUsage::peakMegabytes(), 0, 'f', 0)
               .arg(inputMb, 0, 'f', 0)
               .arg(cpu, 0, 'f', 2)
               .arg(inputBytesPerUser, 0, 'f', 0)
               .arg(inputCpu, 0, 'f', 2)
        << Qt::endl;
    summary(QStringLiteral("plan %1 users / %2 groups: %3 ms wall, %4 s CPU, peak RSS %5 MB (target < 0.6 s, < 150 MB)")
                .arg(users)
                .arg(groups)
                .arg(ms)
                .arg(cpu, 0, 'f', 2)
                .arg(ResourceUsage::peakMegabytes(), 0, 'f', 0));
    return plan.operations.size() == (users + 99) / 100;
}
} // namespace

int main(int argc, char** argv)
{
    ThreadEventLoops::useQtDispatcher(); // as the application's main() does
    QCoreApplication app(argc, argv);
    out << QStringLiteral("load average %1 on %2 cores")
               .arg(ResourceUsage::loadAverage(), 0, 'f', 2)
               .arg(QThread::idealThreadCount())
        << Qt::endl;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Sync engine benchmarks against the standalone AWS emulator process."));
    parser.addHelpOption();
    const QCommandLineOption smoke(QStringLiteral("smoke"), QStringLiteral("Tiny sizes: checks the benchmarks run."));
    const QCommandLineOption only(QStringLiteral("only"),
        QStringLiteral("Run one benchmark: sync, plan, snapshot, throttled or latency (each in its own process for "
                       "clean peak memory)."),
        QStringLiteral("name"));
    const QCommandLineOption users(QStringLiteral("users"), QStringLiteral("Users for the sync benchmark."),
        QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption groups(QStringLiteral("groups"), QStringLiteral("Groups for the sync benchmark."),
        QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption concurrency(
        QStringLiteral("concurrency"), QStringLiteral("Requests in flight."), QStringLiteral("n"), QStringLiteral("8"));
    const QCommandLineOption wrkSeconds(QStringLiteral("wrk-seconds"),
        QStringLiteral("Length of the wrk comparison run (0: skip it)."), QStringLiteral("s"), QStringLiteral("10"));
    parser.addOptions({smoke, only, users, groups, concurrency, wrkSeconds});
    parser.process(app);

    const bool tiny = parser.isSet(smoke);
    const QString which = parser.value(only);
    bool ok = true;
    if (which.isEmpty() || which == QLatin1String("sync")) {
        ok &= tiny ? benchSync(60, 6, 20, 4, 1)
                   : benchSync(parser.value(users).toInt(), parser.value(groups).toInt(), 20,
                       parser.value(concurrency).toInt(), parser.value(wrkSeconds).toInt());
    }
    if (which.isEmpty() || which == QLatin1String("plan"))
        ok &= tiny ? benchPlan(2000, 200, 20) : benchPlan(100000, 10000, 20);
    if (which.isEmpty() || which == QLatin1String("snapshot"))
        ok &= tiny ? benchSnapshot(2000, 200, 20) : benchSnapshot(100000, 10000, 20);
    if (which.isEmpty() || which == QLatin1String("throttled"))
        ok &= tiny ? benchThrottled(30, 20) : benchThrottled(400, 20);
    if (which.isEmpty() || which == QLatin1String("latency")) {
        // Every tenth group is larger than AWS takes in one request (100 members).
        const int groupCount = tiny ? 6 : 100;
        QList<int> sizes;
        for (int g = 0; g < groupCount; ++g)
            sizes.append(g % 10 == 0 ? 250 : 20);
        const int latencyConcurrency = parser.isSet(concurrency) ? parser.value(concurrency).toInt() : 8;
        for (int latencyMs : tiny ? QList<int> {20} : QList<int> {50, 150})
            ok &= benchLatency(tiny ? 300 : 2000, sizes, latencyConcurrency, latencyMs);
    }
    out << (ok ? "OK" : "FAILED: a run did not converge") << Qt::endl;
    return ok ? 0 : 1;
}
