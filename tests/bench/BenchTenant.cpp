#include "BenchTenant.h"

#include "ResourceUsage.h"

#include <directory/DirectoryRepository.h>
#include <scim/ScimClient.h>
#include <servertypes/ServerTypeRegistry.h>
#include <storage/ApplicationRepository.h>
#include <storage/Database.h>
#include <sync/SyncSession.h>

#include <QElapsedTimer>
#include <QEventLoop>

BenchTenant::BenchTenant() = default;

BenchTenant::~BenchTenant()
{
    // The session uses the client; it goes first.
    m_session.reset();
    m_client.reset();
}

bool BenchTenant::setUp(
    const QUrl& baseUrl, const QString& token, int users, int groups, int membersPerGroup, int concurrency)
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("bench.db")));
    if (!db) {
        m_error = QStringLiteral("cannot open profile: ") + db.error().message;
        return false;
    }
    m_database = db.value();
    const auto server = awsServer(ServerTypeRegistry::load(), baseUrl, users, concurrency);
    if (!server) {
        m_error = QStringLiteral("the AWS server type preset is missing");
        return false;
    }
    m_server = *server;

    QList<DirectoryGroup> teams;
    if (!seedDirectory(DirectoryRepository(m_database), users, groups, membersPerGroup, &teams, &m_error))
        return false;
    m_application.name = QStringLiteral("Bench");
    m_application.id = ApplicationRepository(m_database).create(m_application).value();
    m_application.assignment.allUsers = true;
    for (const auto& team : std::as_const(teams))
        m_application.assignment.groupIds.append(team.id);

    ScimClientConfig config;
    config.baseUrl = baseUrl;
    config.secret = token;
    config.capabilities = m_server.capabilities;
    config.maxInFlight = concurrency;
    config.requestTimeoutMs = 30000;
    // A loaded machine may throttle or time out now and then; the figures count such retries.
    config.retry.maxAttempts = 20;
    config.retry.maxTotalMs = 600000;
    m_client = std::make_unique<ScimClient>(config);
    m_session = std::make_unique<SyncSession>(m_database, m_client.get(), m_server);
    return true;
}

bool BenchTenant::seedDirectory(DirectoryRepository directory, int users, int groups, int membersPerGroup,
    QList<DirectoryGroup>* teams, QString* error)
{
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
        *error = QStringLiteral("cannot seed users");
        return false;
    }
    for (int g = 0; g < groups; ++g) {
        DirectoryGroup group;
        group.displayName = QStringLiteral("Bench Group %1").arg(g);
        for (int m = 0; m < membersPerGroup && users > 0; ++m)
            group.memberUserIds.append(people.at((g * membersPerGroup + m) % users).id);
        teams->append(group);
    }
    if (!teams->isEmpty() && !directory.saveGroups(*teams)) {
        *error = QStringLiteral("cannot seed groups");
        return false;
    }
    return true;
}

std::optional<ScimServer> BenchTenant::awsServer(
    const ServerTypeRegistry& types, const QUrl& baseUrl, int users, int concurrency)
{
    const auto preset = types.find(QStringLiteral("aws-iam-identity-center"));
    if (!preset)
        return std::nullopt;
    ScimServer blank;
    blank.name = QStringLiteral("bench");
    blank.url = baseUrl.toString();
    ScimServer server = ServerTypeRegistry::applyPreset(*preset, blank).result;
    server.options.concurrency = concurrency;
    server.options.deletionThresholdMinimum = users * 2;
    return server;
}

qint64 BenchTenant::writesIn(const ScimClientStats& stats)
{
    qint64 writes = 0;
    for (const char* method : {"POST", "PUT", "PATCH", "DELETE"})
        writes += stats.requestsByMethod.value(QLatin1String(method));
    return writes;
}

bool BenchTenant::syncOnce(SyncPlan* plan, SyncRunSummary* summary, Run* run)
{
    QEventLoop loop;
    bool ok = false;
    const ScimClientStats before = m_client->statistics();
    QElapsedTimer clock;
    clock.start();
    auto ready = QObject::connect(m_session.get(), &SyncSession::previewReady, &loop, [&](const SyncPlan& p) {
        *plan = p;
        ok = true;
        loop.quit();
    });
    auto failed = QObject::connect(m_session.get(), &SyncSession::previewFailed, &loop, [&](const QString& message) {
        m_error = QStringLiteral("preview failed: ") + message;
        loop.quit();
    });
    m_session->preview(m_application);
    loop.exec();
    QObject::disconnect(ready);
    QObject::disconnect(failed);
    run->previewMs = clock.restart();
    if (!ok)
        return false;
    const ScimClientStats previewed = m_client->statistics();
    const double cpuBefore = ResourceUsage::cpuSeconds();
    auto finished = QObject::connect(m_session.get(), &SyncSession::applyFinished, &loop, [&](const SyncRunSummary& s) {
        *summary = s;
        loop.quit();
    });
    m_session->apply(plan->planId, true);
    loop.exec();
    QObject::disconnect(finished);
    run->applyMs = clock.elapsed();
    run->applyCpuSeconds = ResourceUsage::cpuSeconds() - cpuBefore;
    const ScimClientStats after = m_client->statistics();
    run->previewRequests = previewed.requests - before.requests;
    run->applyRequests = after.requests - previewed.requests;
    run->writes = writesIn(after) - writesIn(before);
    run->throttled = after.throttled - before.throttled;
    return true;
}
