#include "directory/DirectoryRepository.h"
#include "directory/DirectorySnapshot.h"
#include "storage/Database.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestDirectorySnapshot : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_databaseCount = 0;
    std::shared_ptr<Database> m_db;
    std::unique_ptr<DirectoryRepository> m_repo;
    QHash<QString, qint64> m_ids;

    void user(const QString& name)
    {
        DirectoryUser u;
        u.userName = name;
        m_ids.insert(name, m_repo->createUser(u).value());
    }

    void group(const QString& name, const QStringList& users, const QStringList& groups = {})
    {
        DirectoryGroup g;
        g.displayName = name;
        for (const auto& u : users) {
            g.memberUserIds << m_ids.value(u);
        }
        for (const auto& n : groups) {
            g.memberGroupIds << m_ids.value(n);
        }
        auto id = m_repo->createGroup(g);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
        m_ids.insert(name, id.value());
    }

    QSet<qint64> ids(const QStringList& names) const
    {
        QSet<qint64> result;
        for (const auto& name : names) {
            result.insert(m_ids.value(name));
        }
        return result;
    }

private slots:
    void init()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("test%1.db").arg(++m_databaseCount)));
        QVERIFY(db.ok());
        m_db = db.value();
        m_repo = std::make_unique<DirectoryRepository>(m_db);
        m_ids.clear();
        // Engineering ⊃ {Platform ⊃ {Infra}, Web}; Everyone ⊃ {Engineering, Sales}
        for (const char* name : {"ada", "alan", "grace", "linus", "margaret", "sam", "nobody"}) {
            user(QLatin1String(name));
        }
        group(QStringLiteral("Infra"), {QStringLiteral("linus")});
        group(QStringLiteral("Platform"), {QStringLiteral("ada")}, {QStringLiteral("Infra")});
        group(QStringLiteral("Web"), {QStringLiteral("grace"), QStringLiteral("ada")});
        group(QStringLiteral("Engineering"), {QStringLiteral("alan")},
            {QStringLiteral("Platform"), QStringLiteral("Web")});
        group(QStringLiteral("Sales"), {QStringLiteral("sam")});
        group(QStringLiteral("Everyone"), {}, {QStringLiteral("Engineering"), QStringLiteral("Sales")});
        group(QStringLiteral("Empty"), {});
    }

    void cleanup()
    {
        m_repo.reset();
        m_db.reset();
    }

    void loadsEverything()
    {
        auto snapshot = DirectorySnapshot::load(*m_db);
        QVERIFY(snapshot.ok());
        QCOMPARE(snapshot->users().size(), 7);
        QCOMPARE(snapshot->groups().size(), 7);
        QCOMPARE(snapshot->userByUserName(QStringLiteral("ADA"))->id, m_ids.value(QStringLiteral("ada")));
        const DirectoryGroup* engineering = snapshot->groupByDisplayName(QStringLiteral("engineering"));
        QVERIFY(engineering);
        QCOMPARE(engineering->memberGroupIds.size(), 2);
        QCOMPARE(snapshot->user(123456), nullptr);
        const DirectoryUser* ada = snapshot->user(m_ids.value(QStringLiteral("ada")));
        QCOMPARE(snapshot->userByObjectId(ada->objectId), ada);
    }

    void flattens_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QStringList>("users");
        QTest::newRow("leaf") << "Infra" << QStringList {"linus"};
        QTest::newRow("one level") << "Platform" << QStringList {"ada", "linus"};
        QTest::newRow("two levels, shared member once")
            << "Engineering" << QStringList {"alan", "ada", "linus", "grace"};
        QTest::newRow("three levels") << "Everyone" << QStringList {"alan", "ada", "linus", "grace", "sam"};
        QTest::newRow("empty") << "Empty" << QStringList {};
    }

    void flattens()
    {
        QFETCH(QString, group);
        QFETCH(QStringList, users);
        auto snapshot = DirectorySnapshot::load(*m_db);
        QVERIFY(snapshot.ok());
        QCOMPARE(snapshot->flattenGroupMembers(m_ids.value(group)), ids(users));
    }

    void groupsOfUserWithPaths()
    {
        auto snapshot = DirectorySnapshot::load(*m_db);
        QVERIFY(snapshot.ok());
        const auto memberships = snapshot->groupsOfUser(m_ids.value(QStringLiteral("linus")));
        QStringList explained;
        for (const auto& membership : memberships) {
            explained << snapshot->explainMembership(membership);
        }
        QCOMPARE(explained,
            (QStringList {QStringLiteral("member of Engineering through Platform \u2192 Infra"),
                QStringLiteral("member of Everyone through Engineering \u2192 Platform \u2192 Infra"),
                QStringLiteral("direct member of Infra"), QStringLiteral("member of Platform through Infra")}));

        // ada is in Platform and Web directly: Engineering is reached once, through the first found.
        const auto ada = snapshot->groupsOfUser(m_ids.value(QStringLiteral("ada")));
        QCOMPARE(ada.size(), 4);
        QCOMPARE(ada.first().groupId, m_ids.value(QStringLiteral("Engineering")));
        QCOMPARE(ada.first().path.size(), 2);
        QVERIFY(snapshot->groupsOfUser(m_ids.value(QStringLiteral("nobody"))).isEmpty());
    }

    void loopsInStoredDataAreHarmless()
    {
        // The repository refuses loops; an old or hand-edited profile might still hold one.
        QSqlQuery query(m_db->connection());
        query.prepare(QStringLiteral("INSERT INTO group_group_members (group_id, member_group_id) VALUES (?, ?)"));
        query.addBindValue(m_ids.value(QStringLiteral("Infra")));
        query.addBindValue(m_ids.value(QStringLiteral("Everyone")));
        QVERIFY(query.exec());

        auto snapshot = DirectorySnapshot::load(*m_db);
        QVERIFY(snapshot.ok());
        const QSet<qint64> all = ids({"alan", "ada", "linus", "grace", "sam"});
        QCOMPARE(snapshot->flattenGroupMembers(m_ids.value(QStringLiteral("Infra"))), all);
        QCOMPARE(snapshot->flattenGroupMembers(m_ids.value(QStringLiteral("Everyone"))), all);
        // Sales, Everyone, Infra, Platform, Engineering: each once despite the loop.
        QCOMPARE(snapshot->groupsOfUser(m_ids.value(QStringLiteral("sam"))).size(), 5);
    }

    void snapshotIsUnaffectedByLaterWrites()
    {
        auto snapshot = DirectorySnapshot::load(*m_db);
        QVERIFY(snapshot.ok());
        const DirectorySnapshot copy = snapshot.value();
        QVERIFY(m_repo->removeUser(m_ids.value(QStringLiteral("ada"))).ok());
        QCOMPARE(copy.users().size(), 7);
        QVERIFY(copy.user(m_ids.value(QStringLiteral("ada"))));
    }

    // Repeated values are shared between users (the snapshot's memory per user), and every
    // value reads back exactly as stored, custom attributes included.
    void repeatedValuesAreSharedAndReadBackUnchanged()
    {
        QList<DirectoryUser> stored;
        for (int i = 0; i < 3; ++i) {
            DirectoryUser u;
            u.userName = QStringLiteral("shared%1").arg(i);
            u.givenName = QStringLiteral("Ann");
            u.familyName = i == 2 ? QStringLiteral("Other") : QStringLiteral("Lee");
            u.title = QStringLiteral("Engineer");
            u.department = QStringLiteral("R&D");
            u.manager = QStringLiteral("boss");
            u.employeeNumber = QStringLiteral("E%1").arg(i);
            u.active = i != 1;
            u.customAttributes.insert(QStringLiteral("costCenter"), QStringLiteral("CC-7"));
            if (i == 1)
                u.customAttributes.insert(QStringLiteral("building"), QStringLiteral("B%1").arg(i));
            m_ids.insert(u.userName, m_repo->createUser(u).value());
            u.id = m_ids.value(u.userName);
            stored.append(u);
        }
        const auto snapshot = DirectorySnapshot::load(*m_db);
        QVERIFY(snapshot.ok());
        QList<const DirectoryUser*> read;
        for (const DirectoryUser& expected : std::as_const(stored)) {
            const DirectoryUser* user = snapshot->userByUserName(expected.userName);
            QVERIFY(user);
            for (const QString& name : DirectoryUser::standardAttributeNames()) {
                if (name != QLatin1String("objectId"))
                    QCOMPARE(user->attribute(name), expected.attribute(name));
            }
            QCOMPARE(user->customAttributes, expected.customAttributes);
            read.append(user);
        }
        // Each read from SQLite is a string of its own; one copy is kept for equal values.
        QCOMPARE(read.at(0)->title.constData(), read.at(2)->title.constData());
        QCOMPARE(read.at(0)->department.constData(), read.at(1)->department.constData());
        QCOMPARE(read.at(0)->manager.constData(), read.at(2)->manager.constData());
        QCOMPARE(read.at(0)->familyName.constData(), read.at(1)->familyName.constData());
        QVERIFY(read.at(0)->familyName.constData() != read.at(2)->familyName.constData());
        QCOMPARE(read.at(0)->customAttributes.constFind(QStringLiteral("costCenter"))->constData(),
            read.at(1)->customAttributes.constFind(QStringLiteral("costCenter"))->constData());
    }
};

QTEST_GUILESS_MAIN(TestDirectorySnapshot)
#include "tst_directorysnapshot.moc"
