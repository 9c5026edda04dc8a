#include "directory/DirectoryRepository.h"
#include "storage/Database.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

class TestDirectoryRepository : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_databaseCount = 0;
    std::shared_ptr<Database> m_db;
    std::unique_ptr<DirectoryRepository> m_repo;

    qint64 addUser(const QString& userName)
    {
        DirectoryUser user;
        user.userName = userName;
        auto id = m_repo->createUser(user);
        return id.ok() ? id.value() : 0;
    }

    qint64 addGroup(const QString& name, const QList<qint64>& users = {}, const QList<qint64>& groups = {})
    {
        DirectoryGroup group;
        group.displayName = name;
        group.memberUserIds = users;
        group.memberGroupIds = groups;
        auto id = m_repo->createGroup(group);
        return id.ok() ? id.value() : 0;
    }

private slots:
    void init()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("test%1.db").arg(++m_databaseCount)));
        QVERIFY(db.ok());
        m_db = db.value();
        m_repo = std::make_unique<DirectoryRepository>(m_db);
    }

    void cleanup()
    {
        m_repo.reset();
        m_db.reset();
    }

    void createFindUpdateRemoveUser()
    {
        DirectoryUser user;
        user.userName = QStringLiteral("  Ada.Lovelace@example.com ");
        user.email = QStringLiteral("ada@example.com");
        user.givenName = QStringLiteral("Ada");
        user.familyName = QStringLiteral("Lovelace");
        user.active = false;
        user.customAttributes.insert(QStringLiteral("costCenter"), QStringLiteral("42"));
        auto id = m_repo->createUser(user);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));

        auto stored = m_repo->findUser(id.value());
        QVERIFY(stored.has_value());
        QCOMPARE(stored->userName, QStringLiteral("Ada.Lovelace@example.com"));
        QCOMPARE(stored->email, user.email);
        QCOMPARE(stored->active, false);
        QCOMPARE(stored->customAttributes.value(QStringLiteral("costCenter")), QStringLiteral("42"));
        QVERIFY(!QUuid::fromString(stored->objectId).isNull());
        QVERIFY(stored->createdAt.isValid());

        auto byName = m_repo->findUserByUserName(QStringLiteral("ADA.LOVELACE@EXAMPLE.COM"));
        QVERIFY(byName.has_value());
        QCOMPARE(byName->id, id.value());
        QCOMPARE(m_repo->findUserByObjectId(stored->objectId)->id, id.value());

        stored->department = QStringLiteral("Maths");
        stored->customAttributes.remove(QStringLiteral("costCenter"));
        QVERIFY(m_repo->updateUser(*stored).ok());
        auto updated = m_repo->findUser(id.value());
        QCOMPARE(updated->department, QStringLiteral("Maths"));
        QVERIFY(updated->customAttributes.isEmpty());
        QCOMPARE(updated->objectId, stored->objectId);

        QVERIFY(m_repo->removeUser(id.value()).ok());
        QVERIFY(!m_repo->findUser(id.value()).has_value());
        auto again = m_repo->removeUser(id.value());
        QVERIFY(!again.ok());
        QCOMPARE(again.error().kind, StorageError::Kind::NotFound);
    }

    void userNameIsRequired()
    {
        DirectoryUser user;
        user.userName = QStringLiteral("   ");
        auto id = m_repo->createUser(user);
        QVERIFY(!id.ok());
        QCOMPARE(id.error().kind, StorageError::Kind::Validation);
        QCOMPARE(id.error().field, QStringLiteral("userName"));
    }

    void userNameIsUniqueIgnoringCaseAndSpaces_data()
    {
        QTest::addColumn<QString>("second");
        QTest::newRow("same") << "jane";
        QTest::newRow("case") << "JANE";
        QTest::newRow("spaces") << "  Jane  ";
    }

    void userNameIsUniqueIgnoringCaseAndSpaces()
    {
        QFETCH(QString, second);
        QVERIFY(addUser(QStringLiteral("jane")) > 0);
        DirectoryUser user;
        user.userName = second;
        auto id = m_repo->createUser(user);
        QVERIFY(!id.ok());
        QCOMPARE(id.error().kind, StorageError::Kind::Duplicate);
        QCOMPARE(id.error().field, QStringLiteral("userName"));
        QVERIFY(id.error().message.contains(QLatin1String("jane"), Qt::CaseInsensitive));
    }

    void renameOntoAnotherUserIsDuplicate()
    {
        addUser(QStringLiteral("a"));
        auto b = m_repo->findUser(addUser(QStringLiteral("b")));
        b->userName = QStringLiteral("A");
        auto status = m_repo->updateUser(*b);
        QVERIFY(!status.ok());
        QCOMPARE(status.error().kind, StorageError::Kind::Duplicate);
    }

    void objectIdIsImmutable()
    {
        auto user = m_repo->findUser(addUser(QStringLiteral("u")));
        user->objectId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QVERIFY(!m_repo->updateUser(*user).ok());
    }

    void customAttributeMayNotShadowStandard()
    {
        DirectoryUser user;
        user.userName = QStringLiteral("x");
        user.customAttributes.insert(QStringLiteral("Email"), QStringLiteral("x@y"));
        auto id = m_repo->createUser(user);
        QVERIFY(!id.ok());
        QCOMPARE(id.error().field, QStringLiteral("customAttributes"));
    }

    void listSearchAndPaging()
    {
        for (int i = 0; i < 25; ++i) {
            DirectoryUser user;
            user.userName = QStringLiteral("user%1").arg(i, 2, 10, QLatin1Char('0'));
            user.email = i % 5 == 0 ? QStringLiteral("boss%1@Example.com").arg(i) : QString();
            QVERIFY(m_repo->createUser(user).ok());
        }
        DirectoryUser odd;
        odd.userName = QStringLiteral("percent%user");
        QVERIFY(m_repo->createUser(odd).ok());

        QCOMPARE(m_repo->countUsers(), 26);
        QCOMPARE(m_repo->listUsers().size(), 26);
        const auto page = m_repo->listUsers({}, 10, 10);
        QCOMPARE(page.size(), 10);
        QCOMPARE(page.first().userName, QStringLiteral("user09"));
        QCOMPARE(m_repo->countUsers(QStringLiteral("BOSS")), 5);
        QCOMPARE(m_repo->listUsers(QStringLiteral("boss"), 2).size(), 2);
        // LIKE wildcards in the search text are literal.
        QCOMPARE(m_repo->countUsers(QStringLiteral("%")), 1);
        QCOMPARE(m_repo->countUsers(QStringLiteral("_")), 0);
    }

    void bulkSaveCreatesAndUpdatesInOneTransaction()
    {
        QList<DirectoryUser> users;
        for (int i = 0; i < 100; ++i) {
            DirectoryUser user;
            user.userName = QStringLiteral("bulk%1").arg(i);
            users.append(user);
        }
        auto counts = m_repo->saveUsers(users);
        QVERIFY(counts.ok());
        QCOMPARE(counts->created, 100);
        QVERIFY(users.first().id > 0);
        QVERIFY(!users.first().objectId.isEmpty());

        users[0].title = QStringLiteral("Boss");
        DirectoryUser clash;
        clash.userName = QStringLiteral("BULK5");
        QList<DirectoryUser> batch {users.first(), clash};
        auto failed = m_repo->saveUsers(batch);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().kind, StorageError::Kind::Duplicate);
        QCOMPARE(failed.error().field, QStringLiteral("userName"));
        // Rolled back: the update in the same batch did not happen.
        QCOMPARE(m_repo->findUser(users.first().id)->title, QString());
        QCOMPARE(m_repo->countUsers(), 100);
    }

    void groupsWithMembers()
    {
        const qint64 ada = addUser(QStringLiteral("ada"));
        const qint64 alan = addUser(QStringLiteral("alan"));
        const qint64 platform = addGroup(QStringLiteral("Platform"), {ada});
        const qint64 engineering = addGroup(QStringLiteral("Engineering"), {alan}, {platform});
        QVERIFY(platform > 0 && engineering > 0);

        auto group = m_repo->findGroupByDisplayName(QStringLiteral(" engineering "));
        QVERIFY(group.has_value());
        QCOMPARE(group->memberUserIds, QList<qint64> {alan});
        QCOMPARE(group->memberGroupIds, QList<qint64> {platform});
        QVERIFY(!group->objectId.isEmpty());

        QVERIFY(m_repo->setGroupMembers(platform, {ada, alan}, {}).ok());
        QCOMPARE(m_repo->findGroup(platform)->memberUserIds, (QList<qint64> {ada, alan}));
        QVERIFY(m_repo->removeGroupMembers(platform, {ada}, {}).ok());
        QCOMPARE(m_repo->findGroup(platform)->memberUserIds, QList<qint64> {alan});
        QVERIFY(m_repo->addGroupMembers(platform, {ada}, {}).ok());
        QCOMPARE(m_repo->findGroup(platform)->memberUserIds.size(), 2);

        const auto listed = m_repo->listGroups();
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed.first().displayName, QStringLiteral("Engineering"));
        QCOMPARE(listed.first().memberGroupIds, QList<qint64> {platform});
        QCOMPARE(listed.last().memberUserIds.size(), 2);
        QCOMPARE(m_repo->countGroups(QStringLiteral("plat")), 1);

        // Deleting a user removes its memberships.
        QVERIFY(m_repo->removeUser(ada).ok());
        QCOMPARE(m_repo->findGroup(platform)->memberUserIds, QList<qint64> {alan});
        QVERIFY(m_repo->removeGroup(platform).ok());
        QVERIFY(m_repo->findGroup(engineering)->memberGroupIds.isEmpty());
    }

    void groupNameUniqueAndRequired()
    {
        QVERIFY(addGroup(QStringLiteral("Sales")) > 0);
        DirectoryGroup group;
        group.displayName = QStringLiteral(" SALES");
        auto id = m_repo->createGroup(group);
        QVERIFY(!id.ok());
        QCOMPARE(id.error().kind, StorageError::Kind::Duplicate);
        QCOMPARE(id.error().field, QStringLiteral("displayName"));
        group.displayName = QString();
        id = m_repo->createGroup(group);
        QVERIFY(!id.ok());
        QCOMPARE(id.error().kind, StorageError::Kind::Validation);
    }

    void nestingLoopsAreRejected()
    {
        const qint64 a = addGroup(QStringLiteral("A"));
        const qint64 b = addGroup(QStringLiteral("B"), {}, {a});
        const qint64 c = addGroup(QStringLiteral("C"), {}, {b});
        QVERIFY(a && b && c);

        auto self = m_repo->setGroupMembers(a, {}, {a});
        QVERIFY(!self.ok());
        QCOMPARE(self.error().field, QStringLiteral("memberGroupIds"));

        auto loop = m_repo->setGroupMembers(a, {}, {c});
        QVERIFY(!loop.ok());
        QCOMPARE(loop.error().kind, StorageError::Kind::Validation);
        QCOMPARE(loop.error().field, QStringLiteral("memberGroupIds"));
        // The message names the loop so the admin knows which nesting to undo.
        QVERIFY2(loop.error().message.contains(QLatin1String("A")) && loop.error().message.contains(QLatin1String("C")),
            qPrintable(loop.error().message));
        QVERIFY(m_repo->findGroup(a)->memberGroupIds.isEmpty());

        auto group = m_repo->findGroup(c);
        group->memberGroupIds = {};
        QVERIFY(m_repo->updateGroup(*group).ok());
        QVERIFY(m_repo->setGroupMembers(a, {}, {c}).ok());
    }

    void saveGroupsNestsNewGroupsByPosition()
    {
        QList<DirectoryGroup> groups(2);
        groups[0].displayName = QStringLiteral("Parent");
        groups[0].memberGroupIds = {-2};
        groups[1].displayName = QStringLiteral("Child");
        auto counts = m_repo->saveGroups(groups);
        QVERIFY2(counts.ok(), qPrintable(counts.ok() ? QString() : counts.error().message));
        QCOMPARE(counts->created, 2);
        QCOMPARE(m_repo->findGroup(groups[0].id)->memberGroupIds, QList<qint64> {groups[1].id});
    }
};

QTEST_GUILESS_MAIN(TestDirectoryRepository)
#include "tst_directoryrepository.moc"
