#include <storage/ApplicationRepository.h>
#include <storage/Database.h>
#include <sync/JournalStore.h>
#include <sync/LinkStore.h>

#include <QTemporaryDir>
#include <QTest>

// Links and the journal on a real profile database.
class TestSyncStores : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void linksUpsertReplaceAndRemove();
    void linkIdsAreOrderedPairs();
    void journalBatchesAndReadsBack();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_database;
    qint64 m_applicationId = 0;
};

void TestSyncStores::init()
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

void TestSyncStores::linksUpsertReplaceAndRemove()
{
    LinkStore links(m_database, m_applicationId);
    TargetLink a {TargetLink::Kind::User, QStringLiteral("o1"), QStringLiteral("t1"), QStringLiteral("alice"), {}, {}};
    TargetLink b {TargetLink::Kind::User, QStringLiteral("o2"), QStringLiteral("t2"), QStringLiteral("bob"), {}, {}};
    QVERIFY(links.upsertAll({a, b}));
    auto loaded = links.load(TargetLink::Kind::User);
    QVERIFY(loaded);
    QCOMPARE(loaded->size(), 2);
    QCOMPARE(loaded->value(QStringLiteral("o1")).targetId, QStringLiteral("t1"));
    QVERIFY(links.load(TargetLink::Kind::Group)->isEmpty());

    // o3 turns out to be the target object t1: the stale link of o1 goes.
    QVERIFY(links.upsert({TargetLink::Kind::User, QStringLiteral("o3"), QStringLiteral("t1"), {}, {}, {}}));
    loaded = links.load(TargetLink::Kind::User);
    QCOMPARE(loaded->size(), 2);
    QVERIFY(!loaded->contains(QStringLiteral("o1")));
    // Re-linking o2 to a new target id replaces its link.
    QVERIFY(links.upsert({TargetLink::Kind::User, QStringLiteral("o2"), QStringLiteral("t9"), {}, {}, {}}));
    QCOMPARE(links.load(TargetLink::Kind::User)->value(QStringLiteral("o2")).targetId, QStringLiteral("t9"));
    QVERIFY(links.remove(TargetLink::Kind::User, QStringLiteral("o2")));
    QCOMPARE(links.load(TargetLink::Kind::User)->size(), 1);
}

void TestSyncStores::linkIdsAreOrderedPairs()
{
    LinkStore links(m_database, m_applicationId);
    QVERIFY(links.upsertAll({{TargetLink::Kind::User, QStringLiteral("o3"), QStringLiteral("t3"), {}, {}, {}},
        {TargetLink::Kind::User, QStringLiteral("o1"), QStringLiteral("t1"), {}, {}, {}},
        {TargetLink::Kind::Group, QStringLiteral("g1"), QStringLiteral("tg1"), {}, {}, {}},
        {TargetLink::Kind::User, QStringLiteral("o2"), QStringLiteral("t2"), {}, {}, {}}}));
    const auto ids = links.loadIds(TargetLink::Kind::User);
    QVERIFY(ids);
    QCOMPARE(ids->size(), 3);
    // Ordered by directory object id, so a plan never depends on the order of a hash.
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(ids->at(i).directoryObjectId, QStringLiteral("o%1").arg(i + 1));
        QCOMPARE(ids->at(i).targetId, QStringLiteral("t%1").arg(i + 1));
    }
    const auto groups = links.loadIds(TargetLink::Kind::Group);
    QCOMPARE(groups->size(), 1);
    QCOMPARE(groups->constFirst().targetId, QStringLiteral("tg1"));
    // The same pairs, in the same order, from the whole links.
    const QList<LinkedIds> fromHash = LinkStore::idsOf(links.load(TargetLink::Kind::User).value());
    QCOMPARE(fromHash.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(fromHash.at(i).directoryObjectId, ids->at(i).directoryObjectId);
        QCOMPARE(fromHash.at(i).targetId, ids->at(i).targetId);
    }
}

void TestSyncStores::journalBatchesAndReadsBack()
{
    JournalStore journal(m_database, 10);
    auto run = journal.beginRun(m_applicationId, QStringLiteral("plan-1"), QStringLiteral("apply"));
    QVERIFY(run);
    for (int i = 1; i <= 25; ++i) {
        JournalEntry entry;
        entry.sequence = i;
        entry.action = QStringLiteral("create-user");
        entry.objectKind = QStringLiteral("user");
        entry.objectName = QStringLiteral("u%1").arg(i);
        entry.status = QStringLiteral("ok");
        entry.httpStatus = 201;
        entry.requestId = QStringLiteral("req-%1").arg(i);
        entry.after = QJsonObject {{QStringLiteral("userName"), entry.objectName}};
        entry.startedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(journal.append(run.value(), entry));
    }
    // At least the two full batches are written; the rest may wait for the next flush.
    QVERIFY(journal.entries(run.value())->size() >= 20);
    QVERIFY(journal.unfinishedRuns(m_applicationId)->size() == 1);
    QVERIFY(journal.finishRun(run.value(), QStringLiteral("succeeded"), {{QStringLiteral("total"), 25}}));
    const auto entries = journal.entries(run.value());
    QCOMPARE(entries->size(), 25);
    QCOMPARE(entries->at(24).requestId, QStringLiteral("req-25"));
    QCOMPARE(entries->at(0).after.value(QLatin1String("userName")).toString(), QStringLiteral("u1"));
    const auto runs = journal.runs(m_applicationId);
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->first().status, QStringLiteral("succeeded"));
    QCOMPARE(runs->first().summary.value(QLatin1String("total")).toInt(), 25);
    QVERIFY(journal.unfinishedRuns(m_applicationId)->isEmpty());
}

QTEST_GUILESS_MAIN(TestSyncStores)
#include "tst_syncstores.moc"
