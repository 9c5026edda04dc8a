// Keeping a directory source's read in the profile: a full read of 50,000 users and 5,000 groups
// (20 members each, every tenth group nested in the one before) stored into a fresh profile,
// the snapshot the engine plans from built from it, then a delta read of 100 changed users merged
// in. The reads are built in memory: this measures the cache, not the LDAP reader
// (ldap-read-bench.sh does). Prints figures; `--smoke` runs it at 1,000 users as a test.
#include "ResourceUsage.h"

#include "sources/SourceCache.h"
#include "storage/Database.h"
#include "storage/SourceRepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

namespace {
QString userDn(int i)
{
    return QStringLiteral("uid=user%1,ou=People,dc=bench,dc=test").arg(i);
}

SourceRead fullRead(int users, int groups)
{
    SourceRead read;
    read.users.reserve(users);
    for (int i = 0; i < users; ++i) {
        SourceUserEntry entry;
        entry.dn = userDn(i);
        entry.user.objectId = QStringLiteral("u-%1").arg(i);
        entry.user.userName = QStringLiteral("user%1").arg(i);
        entry.user.email = QStringLiteral("user%1@bench.test").arg(i);
        entry.user.givenName = QStringLiteral("Given%1").arg(i);
        entry.user.familyName = QStringLiteral("Family%1").arg(i);
        entry.user.displayName = QStringLiteral("User %1").arg(i);
        entry.user.department = QStringLiteral("Dept %1").arg(i % 50);
        entry.managerDn = i > 0 ? userDn(i / 10) : QString();
        read.users.append(entry);
    }
    for (int g = 0; g < groups; ++g) {
        SourceGroupEntry group {QStringLiteral("cn=group%1,ou=Groups,dc=bench,dc=test").arg(g),
            QStringLiteral("g-%1").arg(g), QStringLiteral("group%1").arg(g), {}, {}};
        for (int m = 0; m < 20; ++m) {
            group.memberDns.append(userDn((g * 20 + m) % users));
        }
        if (g % 10 == 1) {
            group.memberDns.append(QStringLiteral("cn=group%1,ou=Groups,dc=bench,dc=test").arg(g - 1));
        }
        read.groups.append(group);
    }
    read.highWaterMark = QStringLiteral("1");
    read.serverIdentity = QStringLiteral("bench");
    return read;
}

SourceRead deltaRead(const SourceRead& full, int changes)
{
    SourceRead delta;
    delta.delta = true;
    delta.highWaterMark = QStringLiteral("2");
    delta.serverIdentity = QStringLiteral("bench");
    for (const SourceUserEntry& user : full.users) {
        delta.presentUserAnchors.append(user.user.objectId);
    }
    for (const SourceGroupEntry& group : full.groups) {
        delta.presentGroupAnchors.append(group.anchor);
    }
    for (int i = 0; i < changes; ++i) {
        SourceUserEntry changed = full.users.at(i * (full.users.size() / changes));
        changed.user.title = QStringLiteral("Changed");
        delta.users.append(changed);
    }
    return delta;
}

void report(const char* what, const QElapsedTimer& clock, double cpuBefore)
{
    std::printf("%-34s wall %7.3f s   cpu %7.3f s   peak RSS %6.1f MB\n", what, clock.nsecsElapsed() / 1e9,
        ResourceUsage::cpuSeconds() - cpuBefore, ResourceUsage::peakMegabytes());
    std::fflush(stdout);
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const bool smoke = app.arguments().contains(QStringLiteral("--smoke"));
    const int users = smoke ? 1000 : 50000;
    const int groups = smoke ? 100 : 5000;
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("bench.db")));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    DirectorySource source;
    source.name = QStringLiteral("Bench");
    source.url = QStringLiteral("ldaps://127.0.0.1");
    source.baseDn = QStringLiteral("dc=bench,dc=test");
    source.userFilter = QStringLiteral("(objectClass=inetOrgPerson)");
    source.groupFilter = QStringLiteral("(objectClass=groupOfNames)");
    source.anchorAttribute = QStringLiteral("entryUUID");
    source.userMappings = {{QStringLiteral("userName"), QStringLiteral("uid")}};
    const qint64 sourceId = SourceRepository(db.value()).create(source).value();
    SourceCache cache(db.value(), sourceId);
    std::printf(
        "source cache, %d users + %d groups (load average %.2f)\n", users, groups, ResourceUsage::loadAverage());

    const SourceRead full = fullRead(users, groups);
    QElapsedTimer clock;
    double cpu = ResourceUsage::cpuSeconds();
    clock.start();
    if (!cache.store(full)) {
        return 1;
    }
    report("store a full read", clock, cpu);

    cpu = ResourceUsage::cpuSeconds();
    clock.restart();
    const auto snapshot = cache.snapshot();
    if (!snapshot || snapshot->users().size() != users) {
        return 1;
    }
    report("snapshot from the cache", clock, cpu);

    cpu = ResourceUsage::cpuSeconds();
    clock.restart();
    const auto merged = cache.store(deltaRead(full, 100));
    if (!merged || merged->usersUpdated != 100) {
        return 1;
    }
    report("merge a delta of 100 users", clock, cpu);
    return 0;
}
