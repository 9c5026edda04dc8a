#include "ScriptedSourceReader.h"
#include "SourceReadFixture.h"

#include "directory/DirectoryRepository.h"
#include "sources/DirectoryBrowser.h"
#include "sources/SourceLoader.h"
#include "storage/Database.h"
#include "storage/SourceRepository.h"

#include <QTemporaryDir>
#include <QTest>

// DirectoryBrowser pages and searches the users and groups of either source the same way: the
// embedded directory, and a directory source's last read (its DN, anchor and member counts
// included), so the Directory page and the pickers work alike for both.
class TestDirectoryBrowser : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    qint64 m_sourceId = 0;
    int m_run = 0;
    std::atomic_bool m_cancelled {false};

    static QString userDn(const QString& uid, const QString& ou)
    {
        return QStringLiteral("uid=%1,ou=%2,dc=example,dc=org").arg(uid, ou);
    }
    static QString groupDn(const QString& cn) { return QStringLiteral("cn=%1,ou=groups,dc=example,dc=org").arg(cn); }

    qint64 createSource(const QString& name)
    {
        DirectorySource source;
        source.name = name;
        source.url = QStringLiteral("ldaps://ldap.example.org");
        source.baseDn = QStringLiteral("dc=example,dc=org");
        source.userFilter = QStringLiteral("(objectClass=inetOrgPerson)");
        source.groupFilter = QStringLiteral("(objectClass=groupOfNames)");
        source.anchorAttribute = QStringLiteral("entryUUID");
        source.userMappings = {{QStringLiteral("userName"), QStringLiteral("uid")}};
        auto id = SourceRepository(m_db).create(source);
        return id.ok() ? id.value() : -1;
    }

    void read(qint64 sourceId, const SourceRead& read)
    {
        auto script = std::make_shared<ScriptedSourceReader::Script>();
        script->answers << read;
        ScriptedSourceReader reader(script);
        const auto loaded = SourceLoader(m_db, *SourceRepository(m_db).find(sourceId), reader).load({}, true, m_cancelled);
        QVERIFY(loaded.ok());
    }

private slots:
    void init()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("%1-%2.db").arg(QTest::currentTestFunction(), QString::number(++m_run))));
        QVERIFY(db.ok());
        m_db = db.value();
        m_sourceId = createSource(QStringLiteral("OpenLDAP"));
        QVERIFY(m_sourceId > 0);
        SourceReadFixture d;
        d.addUser(QStringLiteral("u-carl"), userDn(QStringLiteral("carl"), QStringLiteral("Sales")),
            QStringLiteral("carl@example.org"));
        d.addUser(QStringLiteral("u-ann"), userDn(QStringLiteral("ann"), QStringLiteral("Engineering")),
            QStringLiteral("ann@example.org"));
        d.addUser(QStringLiteral("u-ben"), userDn(QStringLiteral("ben"), QStringLiteral("Engineering")),
            QStringLiteral("ben@example.org"));
        d.user(QStringLiteral("u-ben")).user.familyName = QStringLiteral("Müller");
        d.addGroup(QStringLiteral("g-devs"), groupDn(QStringLiteral("devs")), QStringLiteral("devs"));
        d.addGroup(QStringLiteral("g-ops"), groupDn(QStringLiteral("ops")), QStringLiteral("ops"));
        d.addMember(QStringLiteral("g-devs"), userDn(QStringLiteral("ann"), QStringLiteral("Engineering")));
        d.addMember(QStringLiteral("g-devs"), groupDn(QStringLiteral("ops")));
        d.addMember(QStringLiteral("g-devs"), QStringLiteral("uid=ghost,ou=Elsewhere,dc=other,dc=org"));
        d.addMember(QStringLiteral("g-ops"), userDn(QStringLiteral("ben"), QStringLiteral("Engineering")));
        read(m_sourceId, d.full(QStringLiteral("csn-1")));
    }

    void cleanup() { m_db.reset(); }

    void sourceUsersArePagedInUserNameOrderWithDnAndAnchor()
    {
        const DirectoryBrowser browser(m_db, m_sourceId);
        QVERIFY(browser.isSource());
        QCOMPARE(browser.countUsers(), 3);
        const auto all = browser.listUsers();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(0).user.userName, QStringLiteral("ann@example.org"));
        QCOMPARE(all.at(0).user.objectId, QStringLiteral("u-ann"));
        QCOMPARE(all.at(0).dn, userDn(QStringLiteral("ann"), QStringLiteral("Engineering")));
        QVERIFY(all.at(0).user.id > 0);
        const auto second = browser.listUsers({}, 1, 1);
        QCOMPARE(second.size(), 1);
        QCOMPARE(second.at(0).user.userName, QStringLiteral("ben@example.org"));
        const auto found = browser.findUser(all.at(2).user.id);
        QVERIFY(found);
        QCOMPARE(found->user.userName, QStringLiteral("carl@example.org"));
    }

    void sourceSearchMatchesValuesAndDnsNotAttributeNames_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<int>("count");
        QTest::newRow("by user name, other case") << QStringLiteral("ANN@") << 1;
        QTest::newRow("by an OU of the DN") << QStringLiteral("ou=sales") << 1;
        QTest::newRow("by family name, non-ASCII") << QStringLiteral("müller") << 1;
        QTest::newRow("an attribute's name is no match") << QStringLiteral("familyName") << 0;
        QTest::newRow("LIKE wildcards are literal") << QStringLiteral("%") << 0;
        QTest::newRow("everyone at example.org") << QStringLiteral("example.org") << 3;
    }
    void sourceSearchMatchesValuesAndDnsNotAttributeNames()
    {
        QFETCH(QString, search);
        QFETCH(int, count);
        const DirectoryBrowser browser(m_db, m_sourceId);
        QCOMPARE(browser.countUsers(search), count);
        QCOMPARE(int(browser.listUsers(search).size()), count);
    }

    void sourceGroupsCountMembersByKind()
    {
        const DirectoryBrowser browser(m_db, m_sourceId);
        QCOMPARE(browser.countGroups(), 2);
        const auto groups = browser.listGroups();
        QCOMPARE(groups.at(0).group.displayName, QStringLiteral("devs"));
        QCOMPARE(groups.at(0).dn, groupDn(QStringLiteral("devs")));
        QCOMPARE(groups.at(0).group.objectId, QStringLiteral("g-devs"));
        QCOMPARE(groups.at(0).userMembers, 1);
        QCOMPARE(groups.at(0).groupMembers, 1);
        QCOMPARE(groups.at(0).unresolvedMembers, 1);
        QCOMPARE(browser.countGroups(QStringLiteral("cn=ops")), 1);
        QCOMPARE(browser.countGroups(QStringLiteral("about dev")), 1); // the description
        const auto devs = browser.findGroup(groups.at(0).group.id);
        QVERIFY(devs);
        QCOMPARE(devs->group.memberUserIds.size(), 1);
        QCOMPARE(devs->group.memberGroupIds, QList<qint64> {groups.at(1).group.id});
    }

    void anotherSourceSeesNoneOfThem()
    {
        const qint64 other = createSource(QStringLiteral("Other"));
        const DirectoryBrowser browser(m_db, other);
        QCOMPARE(browser.countUsers(), 0);
        QCOMPARE(browser.countGroups(), 0);
        const auto ann = DirectoryBrowser(m_db, m_sourceId).listUsers(QStringLiteral("ann")).at(0);
        QVERIFY(!browser.findUser(ann.user.id));
    }

    void embeddedDirectoryThroughTheSameCalls()
    {
        DirectoryRepository repository(m_db);
        DirectoryUser user;
        user.userName = QStringLiteral("zoe@example.org");
        QVERIFY(repository.createUser(user).ok());
        const DirectoryBrowser browser(m_db);
        QVERIFY(!browser.isSource());
        QCOMPARE(browser.countUsers(), 1);
        const auto users = browser.listUsers(QStringLiteral("zoe"));
        QCOMPARE(users.size(), 1);
        QVERIFY(users.at(0).dn.isEmpty());
        QVERIFY(browser.findUser(users.at(0).user.id));
    }

    void snapshotFlattensNestedGroups()
    {
        const auto snapshot = DirectoryBrowser(m_db, m_sourceId).snapshot();
        QVERIFY(snapshot.ok());
        QCOMPARE(snapshot->users().size(), 3);
        QCOMPARE(snapshot->groups().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDirectoryBrowser)
#include "tst_directorybrowser.moc"
