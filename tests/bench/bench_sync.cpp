// scimdesk-bench-sync: measures the sync engine against the in-process AWS emulator on
// loopback and the planner alone. Prints figures; it is not a pass/fail timing test,
// except that --smoke fails when a run does not converge (writes on a no-op, lost operations).

#include <AwsScimEmulator.h>
#include <directory/DirectoryRepository.h>
#include <scim/ScimClient.h>
#include <servertypes/ServerTypeRegistry.h>
#include <storage/ApplicationRepository.h>
#include <storage/Database.h>
#include <sync/SyncPlanner.h>
#include <sync/SyncSession.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>
#include <memory>

namespace {
QTextStream out(stdout);

// CPU seconds of this process: on a shared, loaded machine wall time overstates the cost.
double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double peakMegabytes()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0; // Linux reports kilobytes
}

// One tenant: profile, directory, application, client and session against the emulator.
struct Tenant
{
    QTemporaryDir dir;
    std::shared_ptr<Database> database;
    ScimServer server;
    Application application;
    std::unique_ptr<ScimClient> client;
    std::unique_ptr<SyncSession> session;

    bool setUp(AwsScimEmulator& emulator, int users, int groups, int membersPerGroup, int concurrency)
    {
        auto db = Database::open(dir.filePath(QStringLiteral("bench.db")));
        if (!db) {
            out << "cannot open profile: " << db.error().message << Qt::endl;
            return false;
        }
        database = db.value();
        const auto preset = ServerTypeRegistry::load().find(QStringLiteral("aws-iam-identity-center"));
        ScimServer blank;
        blank.name = QStringLiteral("bench");
        blank.url = emulator.baseUrl().toString();
        server = ServerTypeRegistry::applyPreset(*preset, blank).result;
        server.options.concurrency = concurrency;
        server.options.deletionThresholdMinimum = users * 2;

        DirectoryRepository directory(database);
        QList<DirectoryUser> people;
        people.reserve(users);
        for (int i = 0; i < users; ++i) {
            DirectoryUser user;
            user.userName = QStringLiteral("bench.user%1").arg(i, 6, 10, QLatin1Char('0'));
            user.givenName = QStringLiteral("Bench");
            user.familyName = QStringLiteral("User%1").arg(i);
            user.displayName = user.givenName + QLatin1Char(' ') + user.familyName;
            user.email = user.userName + QStringLiteral("@example.com");
            user.department = QStringLiteral("Dept%1").arg(i % 50);
            people.append(user);
        }
        if (!directory.saveUsers(people)) {
            out << "cannot seed users" << Qt::endl;
            return false;
        }
        QList<DirectoryGroup> teams;
        for (int g = 0; g < groups; ++g) {
            DirectoryGroup group;
            group.displayName = QStringLiteral("Bench Group %1").arg(g);
            for (int m = 0; m < membersPerGroup && users > 0; ++m)
                group.memberUserIds.append(people.at((g * membersPerGroup + m) % users).id);
            teams.append(group);
        }
        if (!teams.isEmpty() && !directory.saveGroups(teams)) {
            out << "cannot seed groups" << Qt::endl;
            return false;
        }
        application.name = QStringLiteral("Bench");
        application.id = ApplicationRepository(database).create(application).value();
        application.assignment.allUsers = true;
        for (const auto& team : std::as_const(teams))
            application.assignment.groupIds.append(team.id);

        ScimClientConfig config;
        config.baseUrl = emulator.baseUrl();
        config.secret = emulator.options().token;
        config.capabilities = server.capabilities;
        config.maxInFlight = concurrency;
        config.requestTimeoutMs = 30000;
        config.retry.maxAttempts = 20;
        config.retry.maxTotalMs = 600000;
        client = std::make_unique<ScimClient>(config);
        session = std::make_unique<SyncSession>(database, client.get(), server);
        return true;
    }

    // Preview then apply; returns false when either fails.
    bool syncOnce(SyncPlan* plan, SyncRunSummary* summary, qint64* previewMs, qint64* applyMs)
    {
        QEventLoop loop;
        bool ok = false;
        QElapsedTimer clock;
        clock.start();
        auto c1 = QObject::connect(session.get(), &SyncSession::previewReady, &loop, [&](const SyncPlan& p) {
            *plan = p;
            ok = true;
            loop.quit();
        });
        auto c2 = QObject::connect(session.get(), &SyncSession::previewFailed, &loop, [&](const QString& message) {
            out << "preview failed: " << message << Qt::endl;
            loop.quit();
        });
        session->preview(application);
        loop.exec();
        QObject::disconnect(c1);
        QObject::disconnect(c2);
        *previewMs = clock.restart();
        if (!ok)
            return false;
        auto c3 = QObject::connect(session.get(), &SyncSession::applyFinished, &loop, [&](const SyncRunSummary& s) {
            *summary = s;
            loop.quit();
        });
        session->apply(plan->planId, true);
        loop.exec();
        QObject::disconnect(c3);
        *applyMs = clock.elapsed();
        return true;
    }
};

bool benchSync(int users, int groups, int members, int concurrency)
{
    AwsScimEmulator emulator;
    if (!emulator.listen()) {
        out << "emulator: " << emulator.errorString() << Qt::endl;
        return false;
    }
    Tenant tenant;
    if (!tenant.setUp(emulator, users, groups, members, concurrency))
        return false;
    const int membersOnCreate = qMin(members, 100);
    const int extraPatches = members > 100 ? (members - 100 + 99) / 100 : 0;
    // Reads of an empty tenant (2 lists) + one POST per user and group + member overflow PATCHes.
    const int minimum = 2 + users + groups + groups * extraPatches;
    Q_UNUSED(membersOnCreate)

    SyncPlan plan;
    SyncRunSummary summary;
    qint64 previewMs = 0;
    qint64 applyMs = 0;
    if (!tenant.syncOnce(&plan, &summary, &previewMs, &applyMs))
        return false;
    const int requests = emulator.requestCount();
    out << QStringLiteral("initial sync: %1 users, %2 groups x %3 members, concurrency %4")
               .arg(users)
               .arg(groups)
               .arg(members)
               .arg(concurrency)
        << Qt::endl;
    out << QStringLiteral("  preview %1 ms, apply %2 ms, %3 operations/s; status %4, failed %5")
               .arg(previewMs)
               .arg(applyMs)
               .arg(applyMs > 0 ? summary.succeeded * 1000.0 / applyMs : 0, 0, 'f', 0)
               .arg(SyncRunSummary::statusId(summary.status))
               .arg(summary.failed)
        << Qt::endl;
    out << QStringLiteral("  requests %1 (minimum %2, ratio %3); emulator users %4 groups %5; peak RSS %6 MB")
               .arg(requests)
               .arg(minimum)
               .arg(double(requests) / minimum, 0, 'f', 3)
               .arg(emulator.userCount())
               .arg(emulator.groupCount())
               .arg(peakMegabytes(), 0, 'f', 0)
        << Qt::endl;
    const bool complete = summary.failed == 0 && emulator.userCount() == users && emulator.groupCount() == groups;

    emulator.resetCounters();
    SyncPlan second;
    SyncRunSummary secondSummary;
    if (!tenant.syncOnce(&second, &secondSummary, &previewMs, &applyMs))
        return false;
    out << QStringLiteral("no-op re-sync: preview %1 ms, plan operations %2, requests %3 (list pages + %4 "
                          "membership reads), writes %5")
               .arg(previewMs)
               .arg(second.operations.size())
               .arg(emulator.requestCount())
               .arg(groups)
               .arg(emulator.writeCount())
        << Qt::endl;
    return complete && emulator.writeCount() == 0;
}

bool benchThrottled(int users, double rate)
{
    AwsScimEmulator emulator;
    if (!emulator.listen())
        return false;
    Tenant tenant;
    if (!tenant.setUp(emulator, users, 0, 0, 4))
        return false;
    emulator.setThrottle(rate, int(rate), true);
    SyncPlan plan;
    SyncRunSummary summary;
    qint64 previewMs = 0;
    qint64 applyMs = 0;
    if (!tenant.syncOnce(&plan, &summary, &previewMs, &applyMs))
        return false;
    const double achieved = applyMs > 0 ? summary.succeeded * 1000.0 / applyMs : 0;
    const int lost = int(plan.operations.size()) - summary.succeeded;
    out << QStringLiteral("throttled %1 req/s: %2 creates in %3 ms = %4 ops/s (%5 % of the allowed rate); "
                          "429 answers %6; operations lost %7")
               .arg(rate)
               .arg(summary.succeeded)
               .arg(applyMs)
               .arg(achieved, 0, 'f', 1)
               .arg(achieved * 100 / rate, 0, 'f', 0)
               .arg(emulator.statusCount(429))
               .arg(lost)
        << Qt::endl;
    return lost == 0 && emulator.userCount() == users;
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
    auto target = std::make_shared<TargetSnapshot>();
    target->users.reserve(users);
    input.users.reserve(users);
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
        user.userName = userName;
        user.resource = resource;
        if (i % 100 == 0)
            user.resource.insert(QStringLiteral("title"), QStringLiteral("Manager"));
        user.matchKeys = {{QStringLiteral("externalId"), objectId}, {QStringLiteral("userName"), userName}};
        input.users.append(user);
        TargetUser current = TargetSnapshot::userFromJson(resource);
        current.id = QStringLiteral("t-%1").arg(i);
        target->users.append(current);
        TargetLink link;
        link.directoryObjectId = objectId;
        link.targetId = current.id;
        input.userLinks.insert(objectId, link);
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
            const int i = (g * membersPerGroup + m) % users;
            group.memberDirectoryIds.append(QStringLiteral("obj-%1").arg(i));
            current.memberIds.append(QStringLiteral("t-%1").arg(i));
        }
        input.groups.append(group);
        target->groups.append(current);
        TargetLink link;
        link.kind = TargetLink::Kind::Group;
        link.directoryObjectId = group.directoryObjectId;
        link.targetId = current.id;
        input.groupLinks.insert(group.directoryObjectId, link);
    }
    input.target = target;
    const double inputMb = peakMegabytes();
    QElapsedTimer clock;
    clock.start();
    const double cpuBefore = cpuSeconds();
    const SyncPlan plan = SyncPlanner::plan(input);
    const qint64 ms = clock.elapsed();
    const double cpu = cpuSeconds() - cpuBefore;
    out << QStringLiteral("plan %1 users / %2 groups x %3 members: %4 ms wall, %9 s CPU, %5 operations "
                          "(expected %6), peak RSS %7 MB (%8 MB after building the input)")
               .arg(users)
               .arg(groups)
               .arg(membersPerGroup)
               .arg(ms)
               .arg(plan.operations.size())
               .arg((users + 99) / 100)
               .arg(peakMegabytes(), 0, 'f', 0)
               .arg(inputMb, 0, 'f', 0)
               .arg(cpu, 0, 'f', 2)
        << Qt::endl;
    return plan.operations.size() == (users + 99) / 100;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sync engine benchmarks against the in-process AWS emulator."));
    parser.addHelpOption();
    const QCommandLineOption smoke(QStringLiteral("smoke"), QStringLiteral("Tiny sizes: checks the benchmarks run."));
    const QCommandLineOption only(QStringLiteral("only"),
        QStringLiteral("Run one benchmark: sync, plan or throttled (each in its own process for clean peak memory)."),
        QStringLiteral("name"));
    const QCommandLineOption users(QStringLiteral("users"), QStringLiteral("Users for the sync benchmark."),
        QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption groups(QStringLiteral("groups"), QStringLiteral("Groups for the sync benchmark."),
        QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption concurrency(
        QStringLiteral("concurrency"), QStringLiteral("Requests in flight."), QStringLiteral("n"), QStringLiteral("8"));
    parser.addOptions({smoke, only, users, groups, concurrency});
    parser.process(app);

    const bool tiny = parser.isSet(smoke);
    const QString which = parser.value(only);
    bool ok = true;
    if (which.isEmpty() || which == QLatin1String("sync")) {
        ok &= tiny ? benchSync(60, 6, 20, 4)
                   : benchSync(parser.value(users).toInt(), parser.value(groups).toInt(), 20,
                       parser.value(concurrency).toInt());
    }
    if (which.isEmpty() || which == QLatin1String("plan"))
        ok &= tiny ? benchPlan(2000, 200, 20) : benchPlan(100000, 10000, 20);
    if (which.isEmpty() || which == QLatin1String("throttled"))
        ok &= tiny ? benchThrottled(30, 20) : benchThrottled(400, 20);
    out << (ok ? "OK" : "FAILED: a run did not converge") << Qt::endl;
    return ok ? 0 : 1;
}
