// `scimdesk-cli sync APP --apply` against a SCIM target on real loopback HTTP whose user list
// never ends (HostileListServer): the read fails, the sync stops before planning with exit code
// 4 and a message that says what the server did, and the server receives no write at all.
// Before, the CLI read forever while its memory grew (4 GB seen).
#include "../scim/HostileListServer.h"
#include "CliTestProfile.h"

#include <storage/Database.h>
#include <storage/Profile.h>
#include <storage/ServerRepository.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

#include <sys/resource.h>

Q_DECLARE_METATYPE(HostileListServer::Pathology)

namespace {

// The largest peak resident set size of the child processes waited for so far, in MiB.
double childrenPeakMegabytes()
{
    rusage usage {};
    getrusage(RUSAGE_CHILDREN, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// Stores a lower maxListResources for the server, as a server type could say.
QString limitListReads(const QString& profileDirectory, int maxListResources)
{
    const auto profile = Profile::open(profileDirectory);
    if (!profile)
        return profile.error().message;
    const auto database = Database::open(profile->databasePath());
    if (!database)
        return database.error().message;
    ServerRepository servers(database.value());
    std::optional<ScimServer> server = servers.findByName(CliTestProfile::serverName());
    if (!server)
        return QStringLiteral("no server");
    server->capabilities.maxListResources = maxListResources;
    const auto updated = servers.update(*server);
    return updated ? QString() : updated.error().message;
}

} // namespace

class TestCliPaging : public QObject
{
    Q_OBJECT

private slots:
    void runawayTargetReadFailsWithoutWrites_data();
    void runawayTargetReadFailsWithoutWrites();
};

void TestCliPaging::runawayTargetReadFailsWithoutWrites_data()
{
    using Pathology = HostileListServer::Pathology;
    QTest::addColumn<QString>("preset");
    QTest::addColumn<Pathology>("pathology");
    QTest::addColumn<int>("maxListResources"); // 0: the preset's (1,000,000)
    QTest::addColumn<int>("pages");
    QTest::addColumn<QString>("detail");
    const QString aws = QStringLiteral("aws-iam-identity-center");
    const QString generic = QStringLiteral("generic-scim2");
    QTest::newRow("cursors in a circle") << aws << Pathology::CursorCycle << 0 << 3
                                         << QStringLiteral("page 3 gave the same next cursor as page 1");
    QTest::newRow("fresh cursor, same users")
        << aws << Pathology::FreshCursorSameUsers << 0 << 6 << QStringLiteral("5 pages in a row (up to page 6)");
    QTest::newRow("fresh cursor and users, maxListResources 2000")
        << aws << Pathology::FreshCursorEveryPage << 2000 << 21
        << QStringLiteral("2100 different objects, more than the 2000 one list read accepts");
    QTest::newRow("totalResults 10^9 (cursor)")
        << aws << Pathology::HugeTotal << 0 << 1 << QStringLiteral("page 1 says the list holds 1000000000 objects");
    QTest::newRow("totalResults 10^9 (startIndex)")
        << generic << Pathology::HugeTotal << 0 << 1 << QStringLiteral("page 1 says the list holds 1000000000 objects");
    QTest::newRow("growing totalResults (startIndex)")
        << generic << Pathology::GrowingTotal << 0 << 13 << QStringLiteral("its first page said the list holds 200");
    QTest::newRow("users without an id") << aws << Pathology::UsersWithoutId << 0 << 1
                                         << QStringLiteral("has no \"id\" string");
}

void TestCliPaging::runawayTargetReadFailsWithoutWrites()
{
    QFETCH(QString, preset);
    QFETCH(HostileListServer::Pathology, pathology);
    QFETCH(int, maxListResources);
    QFETCH(int, pages);
    QFETCH(QString, detail);
    FaultServer server;
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    HostileListServer hostile(server, pathology);
    CliTestProfile profile;
    QVERIFY(profile.isValid());
    // Directory users the plan would create if the read were taken as complete.
    const QString setUpError = profile.setUp(server.url(QStringLiteral("/scim/v2")), preset, 5);
    QVERIFY2(setUpError.isEmpty(), qPrintable(setUpError));
    if (maxListResources > 0) {
        const QString limitError = limitListReads(profile.path(), maxListResources);
        QVERIFY2(limitError.isEmpty(), qPrintable(limitError));
    }

    QElapsedTimer clock;
    clock.start();
    const CliRun sync
        = profile.run({QStringLiteral("sync"), CliTestProfile::applicationName(), QStringLiteral("--apply")});
    qInfo().noquote() << QStringLiteral(
        "%1: exit %2 after %3 ms, %4 list pages served, %5 writes, CLI peak RSS <= %6 MiB")
                             .arg(QString::fromLatin1(QTest::currentDataTag()))
                             .arg(sync.exitCode)
                             .arg(clock.elapsed())
                             .arg(hostile.userPagesServed())
                             .arg(hostile.writes())
                             .arg(childrenPeakMegabytes(), 0, 'f', 0);
    QCOMPARE(sync.exitCode, 4);
    QCOMPARE(hostile.writes(), 0);
    QCOMPARE(hostile.userPagesServed(), pages);
    const QString err = QString::fromUtf8(sync.err);
    QVERIFY2(err.contains(detail), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("nothing was planned or changed")), qPrintable(err));
    QVERIFY2(sync.out.isEmpty(), sync.out.constData()); // no plan was printed
    QVERIFY(profile.runs().isEmpty()); // a failed read applied nothing
}

QTEST_GUILESS_MAIN(TestCliPaging)
#include "tst_cli_paging.moc"
