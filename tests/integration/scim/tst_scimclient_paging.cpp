// List reads against a SCIM target on real loopback HTTP whose paging never ends (issue 12, item
// 1): cursors in a circle, a fresh cursor or a growing totalResults with fresh users on every
// page, totalResults of 10^9, users without an id. Before, each of these read forever while the
// memory grew; now each read fails with an error that says what the server did, after a number
// of requests that follows from ListPager's limits, with the peak memory printed and bounded.
#include "HostileListServer.h"
#include "ScimTestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(HostileListServer::Pathology)

namespace {

using Pathology = HostileListServer::Pathology;

qint64 statusKiB(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpression line(
        QStringLiteral("^%1:\\s+(\\d+) kB").arg(QLatin1String(field)), QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = line.match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

// The peak resident set size (VmHWM) starts again from the current one, so each read's peak is
// its own. False when the kernel does not offer it (then the peak is the process's).
bool resetPeakMemory()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

} // namespace

class TestScimClientPaging : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void runawayReadEndsWithinItsLimits_data();
    void runawayReadEndsWithinItsLimits();
    void defaultLimitEndsAMillionUserRead();

private:
    struct Figures
    {
        int requests = 0;
        qint64 peakGrowthKiB = 0;
        qint64 elapsedMs = 0;
    };
    // Reads /Users once and waits for the end; the figures are printed.
    Result<QList<QJsonObject>, ScimError> readUsers(
        PagingMode mode, int maxListResources, const QString& label, Figures* figures);

    std::unique_ptr<FaultServer> m_server;
};

void TestScimClientPaging::init()
{
    m_server = std::make_unique<FaultServer>();
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
}

void TestScimClientPaging::cleanup()
{
    m_server.reset();
}

Result<QList<QJsonObject>, ScimError> TestScimClientPaging::readUsers(
    PagingMode mode, int maxListResources, const QString& label, Figures* figures)
{
    ScimClientConfig config
        = ScimTestSupport::fastConfig(m_server->url(QStringLiteral("/scim/v2")), QStringLiteral("t"));
    config.capabilities.pagingMode = mode;
    config.capabilities.maxPageSize = 100;
    config.capabilities.maxListResources = maxListResources;
    auto client = std::make_unique<ScimClient>(config);
    const bool ownPeak = resetPeakMemory();
    const qint64 startKiB = statusKiB("VmHWM");
    QElapsedTimer clock;
    clock.start();
    AwaitedList users;
    client->listUsers(ScimFilter(), this, users.callback());
    // Generous: the largest read here is a million users on a busy machine.
    [&] { QTRY_VERIFY_WITH_TIMEOUT(users.done(), 600000); }();
    figures->elapsedMs = clock.elapsed();
    figures->requests = m_server->requestCount("/scim/v2/Users");
    figures->peakGrowthKiB = statusKiB("VmHWM") - startKiB;
    qInfo().noquote() << QStringLiteral("%1: %2 requests, peak RSS +%3 MiB%4, %5 ms")
                             .arg(label)
                             .arg(figures->requests)
                             .arg(double(figures->peakGrowthKiB) / 1024, 0, 'f', 1)
                             .arg(ownPeak ? QString() : QStringLiteral(" (process peak)"))
                             .arg(figures->elapsedMs);
    if (users.done() && !*users)
        qInfo().noquote() << "  " << users->error().toString();
    if (!users.done())
        return ScimError(ScimError::Kind::Timeout, QStringLiteral("the read did not end"));
    return *users;
}

void TestScimClientPaging::runawayReadEndsWithinItsLimits_data()
{
    QTest::addColumn<Pathology>("pathology");
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("requests");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("detail");
    const int cursor = int(PagingMode::Cursor);
    const int startIndex = int(PagingMode::StartIndex);
    const int runaway = int(ScimError::Kind::RunawayList);
    // maxListResources is 20,000 and a page holds 100 users.
    QTest::newRow("cursors in a circle A, B, A")
        << Pathology::CursorCycle << cursor << 3 << runaway << QStringLiteral("same next cursor as page 1");
    QTest::newRow("fresh cursor and fresh users, no totalResults")
        << Pathology::FreshCursorEveryPage << cursor << 201 << runaway
        << QStringLiteral("20100 different objects, more than the 20000 one list read accepts");
    QTest::newRow("full pages of fresh users, no totalResults (startIndex)")
        << Pathology::FreshCursorEveryPage << startIndex << 201 << runaway
        << QStringLiteral("more than the 20000 one list read accepts");
    QTest::newRow("fresh cursor, the same users") << Pathology::FreshCursorSameUsers << cursor << 6 << runaway
                                                  << QStringLiteral("brought no object that was not read before");
    QTest::newRow("totalResults 10^9 (cursor)")
        << Pathology::HugeTotal << cursor << 1 << runaway << QStringLiteral("says the list holds 1000000000 objects");
    QTest::newRow("totalResults 10^9 (startIndex)") << Pathology::HugeTotal << startIndex << 1 << runaway
                                                    << QStringLiteral("says the list holds 1000000000 objects");
    QTest::newRow("totalResults grows with every page (startIndex)")
        << Pathology::GrowingTotal << startIndex << 13 << runaway
        << QStringLiteral("although its first page said the list holds 200");
    QTest::newRow("users without an id") << Pathology::UsersWithoutId << cursor << 1
                                         << int(ScimError::Kind::InvalidResponse) << QStringLiteral("has no \"id\"");
}

void TestScimClientPaging::runawayReadEndsWithinItsLimits()
{
    QFETCH(Pathology, pathology);
    QFETCH(int, mode);
    QFETCH(int, requests);
    QFETCH(int, kind);
    QFETCH(QString, detail);
    HostileListServer hostile(*m_server, pathology);
    Figures figures;
    const auto read = readUsers(PagingMode(mode), 20000, QString::fromLatin1(QTest::currentDataTag()), &figures);
    QVERIFY2(!read, "a read that does not end was accepted");
    QCOMPARE(int(read.error().kind), kind);
    QVERIFY2(read.error().detail.contains(detail), qPrintable(read.error().detail));
    QVERIFY2(read.error().url.contains(QLatin1String("/Users")), qPrintable(read.error().url));
    QCOMPARE(figures.requests, requests);
    QCOMPARE(hostile.userPagesServed(), requests); // nothing more was asked after the error
    // 20,000 small users take a few MiB; before, the memory grew until the process was killed.
    QVERIFY2(figures.peakGrowthKiB < 256 * 1024, qPrintable(QString::number(figures.peakGrowthKiB)));
}

void TestScimClientPaging::defaultLimitEndsAMillionUserRead()
{
    // The default maxListResources (1,000,000): a server sending 5,000 fresh users per page
    // without end is stopped at page 201, with the memory a million small users take.
    HostileListServer hostile(*m_server, Pathology::FreshCursorEveryPage);
    hostile.setUsersPerPage(5000);
    Figures figures;
    const auto read = readUsers(PagingMode::Cursor, ServerCapabilities().maxListResources,
        QStringLiteral("default limit, 5000 fresh users per page"), &figures);
    QVERIFY(!read);
    QCOMPARE(read.error().kind, ScimError::Kind::RunawayList);
    QVERIFY2(read.error().detail.contains(QStringLiteral("more than the 1000000 one list read accepts")),
        qPrintable(read.error().detail));
    QCOMPARE(figures.requests, 201);
    QVERIFY2(figures.peakGrowthKiB < 3LL * 1024 * 1024, qPrintable(QString::number(figures.peakGrowthKiB)));
}

QTEST_GUILESS_MAIN(TestScimClientPaging)
#include "tst_scimclient_paging.moc"
