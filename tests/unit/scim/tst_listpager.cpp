// ListPager's limits, page by page without a server: where exactly a read that does not end is
// stopped, and that reads within the limits (growth during the read included) still complete.
// The pathologies over real HTTP, with request counts and memory, are in tst_scimclient_paging.
#include <scim/ListPager.h>

#include <QJsonArray>
#include <QTest>

#include <functional>
#include <optional>

using PageAt = std::function<QJsonObject(int)>;
Q_DECLARE_METATYPE(PageAt)

namespace {

// Objects first..first+count-1, ids "u<n>".
QJsonObject page(int first, int count, std::optional<double> total = std::nullopt, const QString& next = QString())
{
    QJsonArray resources;
    for (int i = first; i < first + count; ++i)
        resources.append(QJsonObject {{QStringLiteral("id"), QStringLiteral("u%1").arg(i)}});
    QJsonObject body {{QStringLiteral("Resources"), resources}};
    if (total)
        body.insert(QStringLiteral("totalResults"), *total);
    if (!next.isEmpty())
        body.insert(QStringLiteral("nextCursor"), next);
    return body;
}

struct Outcome
{
    int pages = 0; // pages taken, the failing one included
    std::optional<ScimError> error;
    int objects = 0;
};

// Feeds pages from `pageAt(n)` (1-based) until the pager is done or fails, or 100,000 pages.
Outcome walk(ListPager& pager, const PageAt& pageAt, qint64 bodyBytes = 1000)
{
    Outcome outcome;
    for (int n = 1; n <= 100000; ++n) {
        const auto next = pager.takePage(pageAt(n), bodyBytes);
        outcome.pages = n;
        if (!next) {
            outcome.error = next.error();
            return outcome;
        }
        if (*next == ListPager::Next::Done)
            break;
    }
    outcome.objects = int(pager.takeItems().size());
    return outcome;
}

QString cursorOf(int n)
{
    return QStringLiteral("c%1").arg(n);
}

} // namespace

class TestListPager : public QObject
{
    Q_OBJECT

private slots:
    void queriesFollowTheServer();
    void readsWithinTheLimitsComplete_data();
    void readsWithinTheLimitsComplete();
    void runawayReadsStopAtTheLimit_data();
    void runawayReadsStopAtTheLimit();
    void startIndexPageAgainIsIncomplete();
};

void TestListPager::queriesFollowTheServer()
{
    ListPager cursor(PagingMode::Cursor, 50, 1000);
    const ListPager::Query first {{QStringLiteral("cursor"), std::nullopt}, {QStringLiteral("count"), "50"}};
    QCOMPARE(cursor.nextQuery(), first);
    QVERIFY(cursor.takePage(page(1, 50, std::nullopt, QStringLiteral("next/+=")), 10).ok());
    const ListPager::Query second {
        {QStringLiteral("cursor"), QStringLiteral("next/+=")}, {QStringLiteral("count"), "50"}};
    QCOMPARE(cursor.nextQuery(), second);

    ListPager startIndex(PagingMode::StartIndex, 100, 1000);
    QVERIFY(startIndex.takePage(page(1, 30, 90), 10).ok()); // a server may return fewer than asked
    const ListPager::Query next {{QStringLiteral("startIndex"), "31"}, {QStringLiteral("count"), "100"}};
    QCOMPARE(startIndex.nextQuery(), next);
    QVERIFY(ListPager(PagingMode::SinglePage, 100, 1000).nextQuery().isEmpty());
}

void TestListPager::readsWithinTheLimitsComplete_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<int>("maxResources");
    QTest::addColumn<PageAt>("pageAt");
    QTest::addColumn<int>("objects");
    using F = PageAt;
    const int cursor = int(PagingMode::Cursor);
    const int startIndex = int(PagingMode::StartIndex);

    QTest::newRow("cursor, exactly maxResources")
        << cursor << 100 << 1000
        << F([](int n) { return page(n * 100 - 99, 100, {}, n < 10 ? cursorOf(n) : QString()); }) << 1000;
    QTest::newRow("cursor, totalResults equal to maxResources")
        << cursor << 100 << 1000
        << F([](int n) { return page(n * 100 - 99, 100, 1000, n < 10 ? cursorOf(n) : QString()); }) << 1000;
    QTest::newRow("cursor, 4 pages without new objects in a row")
        << cursor << 10 << 1000 << F([](int n) { return page(n <= 5 ? 1 : n, 1, {}, n < 8 ? cursorOf(n) : QString()); })
        << 4;
    QTest::newRow("cursor, 10 objects per page up to the page limit")
        << cursor << 100 << 1000 << F([](int n) { return page(n * 10 - 9, 10, {}, n < 100 ? cursorOf(n) : QString()); })
        << 1000;
    QTest::newRow("startIndex, the list grows by the allowance (1000) while read")
        << startIndex << 100 << 1000000
        << F([](int n) { return page(n * 100 - 99, 100, 200 + std::min(n - 1, 10) * 100); }) << 1200;
    QTest::newRow("startIndex, 30 per page when 100 are asked")
        << startIndex << 100 << 1000000
        << F([](int n) { return page(n * 30 - 29, std::min(30, 1000 - (n - 1) * 30), 1000); }) << 1000;
    QTest::newRow("startIndex, no totalResults, last page short")
        << startIndex << 100 << 1000 << F([](int n) { return page(n * 100 - 99, n < 10 ? 100 : 99); }) << 999;
}

void TestListPager::readsWithinTheLimitsComplete()
{
    QFETCH(int, mode);
    QFETCH(int, pageSize);
    QFETCH(int, maxResources);
    QFETCH(PageAt, pageAt);
    QFETCH(int, objects);
    ListPager pager(PagingMode(mode), pageSize, maxResources);
    const Outcome outcome = walk(pager, pageAt);
    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->detail : QString()));
    QCOMPARE(outcome.objects, objects);
}

void TestListPager::runawayReadsStopAtTheLimit_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<int>("maxResources");
    QTest::addColumn<PageAt>("pageAt");
    QTest::addColumn<qint64>("bodyBytes");
    QTest::addColumn<int>("failingPage");
    QTest::addColumn<QString>("detail");
    using F = PageAt;
    const int cursor = int(PagingMode::Cursor);
    const int startIndex = int(PagingMode::StartIndex);

    QTest::newRow("cursors in a circle A, B, A")
        << cursor << 100 << 1000 << F([](int n) { return page(n * 100 - 99, 100, {}, n % 2 ? "A" : "B"); })
        << qint64(1000) << 3 << QStringLiteral("page 3 gave the same next cursor as page 1");
    QTest::newRow("the cursor it was given")
        << cursor << 100 << 1000 << F([](int n) { return page(n * 100 - 99, 100, {}, QStringLiteral("A")); })
        << qint64(1000) << 2 << QStringLiteral("page 2 gave the same next cursor as page 1");
    QTest::newRow("a fresh cursor and fresh objects on every page, no totalResults")
        << cursor << 100 << 1000 << F([](int n) { return page(n * 100 - 99, 100, {}, cursorOf(n)); }) << qint64(1000)
        << 11 << QStringLiteral("1100 different objects, more than the 1000 one list read accepts");
    QTest::newRow("a fresh cursor and the same objects on every page")
        << cursor << 100 << 1000 << F([](int n) { return page(1, 100, {}, cursorOf(n)); }) << qint64(1000) << 6
        << QStringLiteral("5 pages in a row (up to page 6) brought no object");
    QTest::newRow("a fresh cursor on every empty page")
        << cursor << 100 << 1000 << F([](int n) { return page(1, 0, {}, cursorOf(n)); }) << qint64(1000) << 5
        << QStringLiteral("5 pages in a row (up to page 5)");
    QTest::newRow("a fresh cursor and one fresh object per page")
        << cursor << 100 << 1000 << F([](int n) { return page(n, 1, {}, cursorOf(n)); }) << qint64(1000) << 105
        << QStringLiteral("the read reached 105 pages");
    QTest::newRow("a cursor of 8193 characters")
        << cursor << 100 << 1000 << F([](int n) { return page(n, 1, {}, QString(8193, QLatin1Char('c'))); })
        << qint64(1000) << 1 << QStringLiteral("a next cursor of 8193 characters");
    QTest::newRow("totalResults 10^9, cursor")
        << cursor << 100 << 1000000 << F([](int n) { return page(n * 100 - 99, 100, 1e9, cursorOf(n)); })
        << qint64(1000) << 1 << QStringLiteral("page 1 says the list holds 1000000000 objects");
    QTest::newRow("totalResults 10^9, startIndex")
        << startIndex << 100 << 1000000 << F([](int n) { return page(n * 100 - 99, 100, 1e9); }) << qint64(1000) << 1
        << QStringLiteral("more than the 1000000 one list read accepts");
    QTest::newRow("startIndex, totalResults grows with every page")
        << startIndex << 100 << 1000000 << F([](int n) { return page(n * 100 - 99, 100, n * 100 + 50); })
        << qint64(1000) << 12
        << QStringLiteral("its first page said the list holds 150 (totalResults, 1250 on page 12)");
    QTest::newRow("startIndex, full pages, no totalResults")
        << startIndex << 100 << 1000 << F([](int n) { return page(n * 100 - 99, 100); }) << qint64(1000) << 11
        << QStringLiteral("more than the 1000 one list read accepts");
    QTest::newRow("big objects") << cursor << 100 << 1000 << F([](int n) { return page(n, 1, {}, cursorOf(n)); })
                                 << qint64(600 * 1024) << 4
                                 << QStringLiteral(
                                        "2.3 MiB, more than the 2.0 MiB a list of at most 1000 objects may take");
}

void TestListPager::runawayReadsStopAtTheLimit()
{
    QFETCH(int, mode);
    QFETCH(int, pageSize);
    QFETCH(int, maxResources);
    QFETCH(PageAt, pageAt);
    QFETCH(qint64, bodyBytes);
    QFETCH(int, failingPage);
    QFETCH(QString, detail);
    ListPager pager(PagingMode(mode), pageSize, maxResources);
    const Outcome outcome = walk(pager, pageAt, bodyBytes);
    QVERIFY2(outcome.error, qPrintable(QStringLiteral("ended after %1 pages").arg(outcome.pages)));
    QCOMPARE(outcome.error->kind, ScimError::Kind::RunawayList);
    QVERIFY2(outcome.error->detail.contains(detail), qPrintable(outcome.error->detail));
    QCOMPARE(outcome.pages, failingPage);
    QVERIFY(!outcome.error->message().isEmpty());
}

void TestListPager::startIndexPageAgainIsIncomplete()
{
    ListPager pager(PagingMode::StartIndex, 100, 1000);
    const Outcome outcome = walk(pager, [](int) { return page(1, 100, 500); });
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->kind, ScimError::Kind::Incomplete);
    QCOMPARE(outcome.pages, 2);
    QVERIFY2(outcome.error->detail.contains(QStringLiteral("ignored startIndex")), qPrintable(outcome.error->detail));
}

QTEST_GUILESS_MAIN(TestListPager)
#include "tst_listpager.moc"
