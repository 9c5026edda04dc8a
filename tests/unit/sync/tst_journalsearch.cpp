#include <storage/ApplicationRepository.h>
#include <storage/Database.h>
#include <sync/JournalSearch.h>
#include <sync/JournalStore.h>

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>
#include <ctime>

// The History tab's queries on a real profile database: filters, pages, the per-object view,
// the overview's activity, and the user's % and _ taken literally.
class TestJournalSearch : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void filtersAndPages();
    void objectHistoryIsExactAndAcrossRuns();
    void activityCountsFailuresSinceLastSuccess();
    void bigJournalIsReadAPageAtATime();
    void objectQueriesUseTheJournalIndexes();

private:
    QStringList queryPlan(const JournalSearch::Statement& statement);
    qint64 addRun(const QString& status, const QList<QPair<QString, QString>>& objectsAndStatuses,
        const QString& action = QStringLiteral("create-user"));

    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_database;
    qint64 m_applicationId = 0;
};

void TestJournalSearch::init()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction())));
    QVERIFY2(db, db ? "" : qPrintable(db.error().message));
    m_database = db.value();
    Application application;
    application.name = QStringLiteral("App");
    auto id = ApplicationRepository(m_database).create(application);
    QVERIFY(id);
    m_applicationId = id.value();
}

qint64 TestJournalSearch::addRun(
    const QString& status, const QList<QPair<QString, QString>>& objectsAndStatuses, const QString& action)
{
    JournalStore journal(m_database, 500);
    const auto run = journal.beginRun(m_applicationId, QStringLiteral("plan"), QStringLiteral("apply"));
    if (!run) {
        return 0;
    }
    int sequence = 0;
    for (const auto& [name, entryStatus] : objectsAndStatuses) {
        JournalEntry entry;
        entry.sequence = ++sequence;
        entry.action = action;
        entry.objectKind = QStringLiteral("user");
        entry.objectName = name;
        entry.directoryObjectId = QStringLiteral("dir-") + name;
        entry.status = entryStatus;
        entry.startedAt = QDateTime::currentDateTimeUtc();
        if (!journal.append(run.value(), entry)) {
            return 0;
        }
    }
    QJsonObject summary {{QStringLiteral("total"), int(objectsAndStatuses.size())}};
    return journal.finishRun(run.value(), status, summary) ? run.value() : 0;
}

void TestJournalSearch::filtersAndPages()
{
    QVERIFY(addRun(QStringLiteral("succeeded"),
        {{QStringLiteral("alice"), QStringLiteral("ok")}, {QStringLiteral("bob_1"), QStringLiteral("ok")},
            {QStringLiteral("bobx1"), QStringLiteral("ok")}}));
    QVERIFY(addRun(QStringLiteral("partial"),
        {{QStringLiteral("alice"), QStringLiteral("failed")}, {QStringLiteral("carol"), QStringLiteral("ok")}},
        QStringLiteral("update-user")));
    JournalSearch search(m_database);
    JournalQuery query;
    query.applicationId = m_applicationId;
    QCOMPARE(search.countEntries(query).value(), 5);
    QCOMPARE(search.runs(query)->size(), 2);

    query.object = QStringLiteral("ALICE");
    QCOMPARE(search.countEntries(query).value(), 2);
    query.object = QStringLiteral("bob_"); // "_" is a character, not a wildcard: not bobx1
    QCOMPARE(search.countEntries(query).value(), 1);
    QCOMPARE(search.entries(query)->first().entry.objectName, QStringLiteral("bob_1"));
    query.object = QStringLiteral("lice"); // the start of a name or id, not a part anywhere
    QCOMPARE(search.countEntries(query).value(), 0);
    query.object = QStringLiteral("DIR-CAR"); // a directory id, case-insensitive
    QCOMPARE(search.countEntries(query).value(), 1);
    QCOMPARE(search.runs(query)->size(), 1);

    query.object.clear();
    query.status = QStringLiteral("failed");
    QCOMPARE(search.countEntries(query).value(), 1);
    QCOMPARE(search.runs(query)->size(), 1);
    QCOMPARE(search.runs(query)->first().status, QStringLiteral("partial"));
    query.status.clear();
    query.action = QStringLiteral("update-user");
    QCOMPARE(search.countEntries(query).value(), 2);

    query.action.clear();
    query.limit = 2;
    query.offset = 0;
    const auto first = search.entries(query);
    query.offset = 2;
    const auto second = search.entries(query);
    query.offset = 4;
    const auto third = search.entries(query);
    QCOMPARE(first->size(), 2);
    QCOMPARE(second->size(), 2);
    QCOMPARE(third->size(), 1);
    QVERIFY(first->first().entry.objectName != second->first().entry.objectName
        || first->first().runId != second->first().runId);

    query = JournalQuery();
    query.applicationId = m_applicationId;
    query.from = QDate::currentDate().addDays(1);
    QCOMPARE(search.countEntries(query).value(), 0);
    query.from = QDate::currentDate();
    query.to = QDate::currentDate();
    QCOMPARE(search.countEntries(query).value(), 5);
}

void TestJournalSearch::objectHistoryIsExactAndAcrossRuns()
{
    QVERIFY(addRun(QStringLiteral("succeeded"),
        {{QStringLiteral("alice"), QStringLiteral("ok")}, {QStringLiteral("alice2"), QStringLiteral("ok")}}));
    QVERIFY(addRun(QStringLiteral("failed"), {{QStringLiteral("alice"), QStringLiteral("failed")}},
        QStringLiteral("update-user")));
    JournalSearch search(m_database);
    const auto byName = search.objectHistory(m_applicationId, QStringLiteral("Alice"));
    QCOMPARE(byName->size(), 2); // not alice2
    QCOMPARE(byName->first().entry.action, QStringLiteral("update-user")); // newest first
    QCOMPARE(search.objectHistory(m_applicationId, QStringLiteral("dir-alice"))->size(), 2);
    QCOMPARE(search.objectHistory(m_applicationId, QStringLiteral("DIR-Alice"))->size(), 2);
    QCOMPARE(search.objectHistory(m_applicationId, QStringLiteral("dir-ali"))->size(), 0);
    QCOMPARE(search.objectHistory(m_applicationId, QStringLiteral("dir-alice"), 1)->size(), 1);
}

void TestJournalSearch::activityCountsFailuresSinceLastSuccess()
{
    JournalSearch search(m_database);
    QVERIFY(!search.activity(m_applicationId)->hasRun);
    QVERIFY(addRun(QStringLiteral("partial"), {{QStringLiteral("a"), QStringLiteral("failed")}}));
    auto activity = search.activity(m_applicationId);
    QVERIFY(activity->hasRun);
    QVERIFY(!activity->lastSuccessAt.isValid());
    QCOMPARE(activity->runsSinceSuccess, 1);
    QCOMPARE(activity->failedOperationsSinceSuccess, 1);

    QVERIFY(addRun(QStringLiteral("succeeded"), {{QStringLiteral("a"), QStringLiteral("ok")}}));
    QVERIFY(addRun(QStringLiteral("partial"),
        {{QStringLiteral("a"), QStringLiteral("failed")}, {QStringLiteral("b"), QStringLiteral("failed")}}));
    QVERIFY(addRun(QStringLiteral("failed"), {}));
    activity = search.activity(m_applicationId);
    QVERIFY(activity->lastSuccessAt.isValid());
    QCOMPARE(activity->lastRun.status, QStringLiteral("failed"));
    QCOMPARE(activity->runsSinceSuccess, 2);
    QCOMPARE(activity->failedOperationsSinceSuccess, 2);
}

void TestJournalSearch::bigJournalIsReadAPageAtATime()
{
    QList<QPair<QString, QString>> many;
    for (int i = 0; i < 50000; ++i) {
        many.append({QStringLiteral("user%1").arg(i), i % 100 == 0 ? QStringLiteral("failed") : QStringLiteral("ok")});
    }
    QVERIFY(addRun(QStringLiteral("partial"), many));
    JournalSearch search(m_database);
    JournalQuery query;
    query.applicationId = m_applicationId;
    query.object = QStringLiteral("user4999");
    search.countEntries(query); // the first read of a freshly written journal pays for the page cache
    QElapsedTimer timer;
    timer.start();
    const auto page = search.entries(query);
    const qint64 pageMs = timer.restart();
    const auto total = search.countEntries(query);
    qInfo() << "over 50,000 entries: filtered page" << pageMs << "ms, count" << timer.elapsed() << "ms";
    QCOMPARE(page->size(), 11); // user4999 and user49990..49999
    QCOMPARE(total.value(), 11);
    query.object.clear();
    query.status = QStringLiteral("failed");
    QCOMPARE(search.entries(query)->size(), 200); // one page
    QCOMPARE(search.countEntries(query).value(), 500);

    // The per-object view with the indexes of migration 6, then without them (same file, warm):
    // this thread's CPU time per query (the machine is shared), wall time beside it.
    struct Cost
    {
        double cpuMs = -1;
        double wallMs = -1;
    };
    const auto objectCost = [&search, this](int rounds) {
        Cost cost;
        QElapsedTimer wall;
        timespec cpuStart {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpuStart);
        wall.start();
        for (int round = 0; round < rounds; ++round) {
            const auto hits = search.objectHistory(m_applicationId, QStringLiteral("dir-user4999"));
            if (!hits || hits->size() != 1) {
                return cost;
            }
        }
        timespec cpuEnd {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpuEnd);
        cost.wallMs = double(wall.nsecsElapsed()) / 1e6 / rounds;
        cost.cpuMs = (double(cpuEnd.tv_sec - cpuStart.tv_sec) * 1e3 + double(cpuEnd.tv_nsec - cpuStart.tv_nsec) / 1e6)
            / rounds;
        return cost;
    };
    objectCost(1);
    const Cost indexed = objectCost(20);
    QSqlQuery drop(m_database->connection());
    for (const char* index :
        {"journal_entries_object_name", "journal_entries_directory_object", "journal_entries_target"}) {
        QVERIFY(drop.exec(QStringLiteral("DROP INDEX %1").arg(QLatin1String(index))));
    }
    objectCost(1);
    const Cost scanned = objectCost(5);
    double load[1] = {-1};
    getloadavg(load, 1);
    qInfo().noquote() << QStringLiteral(
        "per-object history over 50,000 entries (CPU / wall per query, load average %5): with the indexes "
        "%1 / %2 ms, without %3 / %4 ms")
                             .arg(indexed.cpuMs, 0, 'f', 2)
                             .arg(indexed.wallMs, 0, 'f', 2)
                             .arg(scanned.cpuMs, 0, 'f', 2)
                             .arg(scanned.wallMs, 0, 'f', 2)
                             .arg(load[0], 0, 'f', 2);
    QVERIFY(indexed.cpuMs >= 0 && scanned.cpuMs >= 0);
}

QStringList TestJournalSearch::queryPlan(const JournalSearch::Statement& statement)
{
    QSqlQuery sql(m_database->connection());
    if (!sql.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + statement.text)) {
        return {};
    }
    for (const auto& value : statement.values) {
        sql.addBindValue(value);
    }
    QStringList steps;
    if (sql.exec()) {
        while (sql.next()) {
            steps << sql.value(3).toString();
        }
    }
    return steps;
}

// SQLite must answer the object filter and the per-object view from migration 6's indexes, not
// by reading every entry: a query change that loses them fails here, not in a slow History tab.
void TestJournalSearch::objectQueriesUseTheJournalIndexes()
{
    QVERIFY(addRun(QStringLiteral("succeeded"), {{QStringLiteral("alice"), QStringLiteral("ok")}}));
    const auto usesAllThree = [](const QStringList& plan) {
        const QString text = plan.join(QLatin1Char('\n'));
        return !plan.isEmpty() && text.contains(QLatin1String("USING INDEX journal_entries_object_name"))
            && text.contains(QLatin1String("USING INDEX journal_entries_directory_object"))
            && text.contains(QLatin1String("USING INDEX journal_entries_target"))
            && !text.contains(QLatin1String("SCAN e"));
    };
    QStringList plan
        = queryPlan(JournalSearch::objectHistoryStatement(m_applicationId, QStringLiteral("alice"), 500, 0));
    QVERIFY2(usesAllThree(plan), qPrintable(plan.join(QStringLiteral(" | "))));
    plan = queryPlan(JournalSearch::objectHistoryStatement(0, QStringLiteral("alice"), 500, 0));
    QVERIFY2(usesAllThree(plan), qPrintable(plan.join(QStringLiteral(" | "))));

    JournalQuery query;
    query.applicationId = m_applicationId;
    query.object = QStringLiteral("ali");
    for (const auto& statement : {JournalSearch::entriesStatement(query), JournalSearch::countStatement(query),
             JournalSearch::runsStatement(query)}) {
        plan = queryPlan(statement);
        QVERIFY2(usesAllThree(plan), qPrintable(plan.join(QStringLiteral(" | "))));
    }
    query.action = QStringLiteral("create-user");
    query.from = QDate::currentDate();
    plan = queryPlan(JournalSearch::entriesStatement(query));
    QVERIFY2(usesAllThree(plan), qPrintable(plan.join(QStringLiteral(" | "))));
}

QTEST_GUILESS_MAIN(TestJournalSearch)
#include "tst_journalsearch.moc"
