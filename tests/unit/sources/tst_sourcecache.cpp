#include "SourceReadFixture.h"

#include "sources/SourceCache.h"
#include "storage/Database.h"
#include "storage/SourceRepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// The cache of a directory source's last complete read (real SQLite file) and the snapshot the
// engine plans from: stable local ids, nested groups, managers, and a delta read merged into the
// cache giving exactly what a full read of the same directory gives.
class TestSourceCache : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    qint64 m_sourceId = 0;

    static QString userDn(const QString& cn, const QString& ou = QStringLiteral("Users"))
    {
        return QStringLiteral("CN=%1,OU=%2,DC=corp,DC=example").arg(cn, ou);
    }
    static QString groupDn(const QString& cn) { return QStringLiteral("CN=%1,OU=Groups,DC=corp,DC=example").arg(cn); }

    // Engineering ⊃ Platform ⊃ Engineering (a loop), alice and bob in them; carol in Staff with a
    // computer account that is no user of the read; dave disabled; bob manages alice and carol
    // and is in All Hands.
    static SourceReadFixture corp()
    {
        SourceReadFixture d;
        d.addUser(QStringLiteral("u-alice"), userDn(QStringLiteral("Alice")), QStringLiteral("alice@corp.example"));
        d.addUser(QStringLiteral("u-bob"), userDn(QStringLiteral("Bob")), QStringLiteral("bob@corp.example"));
        d.addUser(QStringLiteral("u-carol"),
            userDn(QStringLiteral("Carol, Jr.").replace(QLatin1String(","), QLatin1String("\\,"))),
            QStringLiteral("carol@corp.example"));
        d.addUser(QStringLiteral("u-dave"), userDn(QStringLiteral("Dave")), QStringLiteral("dave@corp.example"), false);
        d.addGroup(QStringLiteral("g-eng"), groupDn(QStringLiteral("Engineering")), QStringLiteral("Engineering"));
        d.addGroup(QStringLiteral("g-plat"), groupDn(QStringLiteral("Platform")), QStringLiteral("Platform"));
        d.addGroup(QStringLiteral("g-staff"), groupDn(QStringLiteral("Staff")), QStringLiteral("Staff"));
        d.addMember(QStringLiteral("g-eng"), groupDn(QStringLiteral("Platform")));
        d.addMember(QStringLiteral("g-eng"), userDn(QStringLiteral("Alice")));
        d.addMember(QStringLiteral("g-plat"),
            userDn(QStringLiteral("Bob")).toLower().replace(QLatin1String(","), QLatin1String(", ")));
        d.addMember(QStringLiteral("g-plat"), groupDn(QStringLiteral("Engineering")));
        d.addMember(QStringLiteral("g-staff"), d.dnOf(QStringLiteral("u-carol")));
        d.addMember(QStringLiteral("g-staff"), QStringLiteral("CN=PC-042,OU=Computers,DC=corp,DC=example"));
        d.setManager(QStringLiteral("u-alice"), userDn(QStringLiteral("Bob")));
        // Neither this group nor carol changes below: their references to bob must follow his
        // rename all the same.
        d.addGroup(QStringLiteral("g-all"), groupDn(QStringLiteral("All Hands")), QStringLiteral("All Hands"));
        d.addMember(QStringLiteral("g-all"), userDn(QStringLiteral("Bob")));
        d.setManager(QStringLiteral("u-carol"), userDn(QStringLiteral("Bob")));
        return d;
    }

    DirectorySnapshot snapshot(QStringList* notes = nullptr)
    {
        auto result = SourceCache(m_db, m_sourceId).snapshot(notes);
        if (!result.ok()) {
            qWarning() << result.error().message;
            return {};
        }
        return result.value();
    }

    static const DirectoryGroup* groupNamed(const DirectorySnapshot& snapshot, const QString& name)
    {
        return snapshot.groupByDisplayName(name);
    }

private slots:
    void init()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction())));
        QVERIFY(db.ok());
        m_db = db.value();
        DirectorySource source;
        source.name = QStringLiteral("Corp");
        source.url = QStringLiteral("ldaps://dc1.corp.example");
        source.baseDn = QStringLiteral("DC=corp,DC=example");
        source.userFilter = QStringLiteral("(objectClass=user)");
        source.groupFilter = QStringLiteral("(objectClass=group)");
        source.anchorAttribute = QStringLiteral("objectGUID");
        source.userMappings = {{QStringLiteral("userName"), QStringLiteral("userPrincipalName")}};
        auto id = SourceRepository(m_db).create(source);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
        m_sourceId = id.value();
    }

    void cleanup() { m_db.reset(); }

    void snapshotOfAFullRead()
    {
        SourceCache cache(m_db, m_sourceId);
        QVERIFY(!cache.state().has_value());
        auto stored = cache.store(corp().full(QStringLiteral("100")));
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().message));
        QCOMPARE(stored->usersAdded, 4);
        QCOMPARE(stored->groupsAdded, 4);
        QCOMPARE(cache.state()->highWaterMark, QStringLiteral("100"));
        QCOMPARE(cache.state()->users, 4);

        QStringList notes;
        const DirectorySnapshot s = snapshot(&notes);
        QCOMPARE(s.users().size(), 4);
        const DirectoryUser* alice = s.userByObjectId(QStringLiteral("u-alice"));
        const DirectoryUser* bob = s.userByObjectId(QStringLiteral("u-bob"));
        QVERIFY(alice && bob);
        QCOMPARE(alice->manager, QStringLiteral("bob@corp.example"));
        QVERIFY(!s.userByObjectId(QStringLiteral("u-dave"))->active);
        // Nesting stays nesting; the snapshot flattens it and the loop is harmless.
        const DirectoryGroup* engineering = groupNamed(s, QStringLiteral("Engineering"));
        const DirectoryGroup* platform = groupNamed(s, QStringLiteral("Platform"));
        QCOMPARE(engineering->memberGroupIds, QList<qint64> {platform->id});
        QCOMPARE(platform->memberUserIds, QList<qint64> {bob->id}); // matched despite the DN's spelling
        QCOMPARE(s.flattenGroupMembers(engineering->id), (QSet<qint64> {alice->id, bob->id}));
        QCOMPARE(s.flattenGroupMembers(platform->id), (QSet<qint64> {alice->id, bob->id}));
        // The computer is no user of the read: left out and said.
        QCOMPARE(groupNamed(s, QStringLiteral("Staff"))->memberUserIds.size(), 1);
        QCOMPARE(notes.size(), 1);
        QVERIFY2(notes.constFirst().contains(QLatin1String("1 group member")), qPrintable(notes.constFirst()));
    }

    void idsAreStableAcrossReads()
    {
        SourceCache cache(m_db, m_sourceId);
        QVERIFY(cache.store(corp().full(QStringLiteral("1"))).ok());
        const QString first = SourceReadFixture::dump(snapshot());
        SourceReadFixture d = corp();
        QVERIFY(cache.store(d.full(QStringLiteral("2"))).ok());
        QCOMPARE(SourceReadFixture::dump(snapshot()), first);

        // An entry that leaves the source and comes back keeps its id.
        const qint64 carolId = snapshot().userByObjectId(QStringLiteral("u-carol"))->id;
        SourceReadFixture without = d;
        without.remove(QStringLiteral("u-carol"));
        auto stored = cache.store(without.full(QStringLiteral("3")));
        QCOMPARE(stored->usersRemoved, 1);
        QVERIFY(!snapshot().userByObjectId(QStringLiteral("u-carol")));
        QVERIFY(cache.object(carolId).has_value());
        QVERIFY(!cache.object(carolId)->present);
        QVERIFY(cache.store(d.full(QStringLiteral("4"))).ok());
        QCOMPARE(snapshot().userByObjectId(QStringLiteral("u-carol"))->id, carolId);
    }

    // The directory changes; a delta read of what changed, merged into the cache, must give the
    // snapshot a full read gives: ids, attributes, memberships (nested), managers.
    void deltaMergedIntoTheCacheEqualsAFullRead()
    {
        SourceCache cache(m_db, m_sourceId);
        SourceReadFixture d = corp();
        QVERIFY(cache.store(d.full(QStringLiteral("100"))).ok());

        QSet<QString> changed;
        // bob renamed and moved to another OU: AD rewrites the member and manager values that
        // name him, without counting Platform or alice as changed.
        d.rename(QStringLiteral("u-bob"), userDn(QStringLiteral("Robert"), QStringLiteral("Staff")));
        d.user(QStringLiteral("u-bob")).user.userName = QStringLiteral("robert@corp.example");
        changed << QStringLiteral("u-bob");
        // dave deleted; erin created and added to Staff; carol leaves Staff.
        d.remove(QStringLiteral("u-dave"));
        d.addUser(QStringLiteral("u-erin"), userDn(QStringLiteral("Erin")), QStringLiteral("erin@corp.example"));
        d.addMember(QStringLiteral("g-staff"), userDn(QStringLiteral("Erin")));
        d.removeMember(QStringLiteral("g-staff"), d.dnOf(QStringLiteral("u-carol")));
        changed << QStringLiteral("u-erin") << QStringLiteral("g-staff");
        // alice disabled and given a new mail; Platform leaves Engineering (no more loop).
        d.user(QStringLiteral("u-alice")).user.active = false;
        d.user(QStringLiteral("u-alice")).user.email = QStringLiteral("alice.new@corp.example");
        d.removeMember(QStringLiteral("g-plat"), groupDn(QStringLiteral("Engineering")));
        changed << QStringLiteral("u-alice") << QStringLiteral("g-plat");
        // A new group nested in Engineering.
        d.addGroup(QStringLiteral("g-sre"), groupDn(QStringLiteral("SRE")), QStringLiteral("SRE"));
        d.addMember(QStringLiteral("g-sre"), userDn(QStringLiteral("Erin")));
        d.addMember(QStringLiteral("g-eng"), groupDn(QStringLiteral("SRE")));
        changed << QStringLiteral("g-sre") << QStringLiteral("g-eng");

        auto merged = cache.store(d.delta(changed, QStringLiteral("200")));
        QVERIFY2(merged.ok(), qPrintable(merged.ok() ? QString() : merged.error().message));
        QCOMPARE(merged->usersRemoved, 1);
        QCOMPARE(merged->usersAdded, 1);
        QCOMPARE(merged->usersUpdated, 2);
        QVERIFY(cache.state()->wasDelta);
        const DirectorySnapshot fromDelta = snapshot();
        QCOMPARE(fromDelta.userByObjectId(QStringLiteral("u-alice"))->manager, QStringLiteral("robert@corp.example"));
        QCOMPARE(fromDelta.userByObjectId(QStringLiteral("u-carol"))->manager, QStringLiteral("robert@corp.example"));
        QCOMPARE(groupNamed(fromDelta, QStringLiteral("All Hands"))->memberUserIds,
            QList<qint64> {fromDelta.userByObjectId(QStringLiteral("u-bob"))->id});
        QVERIFY(fromDelta.flattenGroupMembers(groupNamed(fromDelta, QStringLiteral("Engineering"))->id)
                    .contains(fromDelta.userByObjectId(QStringLiteral("u-erin"))->id));

        QVERIFY(cache.store(d.full(QStringLiteral("200"))).ok());
        QVERIFY(!cache.state()->wasDelta);
        QCOMPARE(SourceReadFixture::dump(fromDelta), SourceReadFixture::dump(snapshot()));
    }

    // A delta looks up only the DNs its changed entries name (not every DN of the cache): those
    // naming unchanged objects, written in another case and spacing, or nothing present, resolve
    // as a full read resolves them.
    void deltaResolvesUnchangedMembersAndManagersByDn()
    {
        SourceCache cache(m_db, m_sourceId);
        SourceReadFixture d = corp();
        QVERIFY(cache.store(d.full(QStringLiteral("100"))).ok());
        d.addMember(QStringLiteral("g-staff"),
            userDn(QStringLiteral("Bob")).toUpper().replace(QLatin1String(","), QLatin1String(" , ")));
        d.addMember(QStringLiteral("g-staff"), groupDn(QStringLiteral("Platform")).toLower());
        d.addMember(QStringLiteral("g-staff"), userDn(QStringLiteral("Nobody")));
        d.setManager(QStringLiteral("u-alice"), d.dnOf(QStringLiteral("u-carol")).toLower());
        d.setManager(QStringLiteral("u-dave"), userDn(QStringLiteral("Nobody")));
        QVERIFY(cache
                    .store(d.delta({QStringLiteral("g-staff"), QStringLiteral("u-alice"), QStringLiteral("u-dave")},
                        QStringLiteral("200")))
                    .ok());
        const DirectorySnapshot fromDelta = snapshot();
        QCOMPARE(fromDelta.userByObjectId(QStringLiteral("u-alice"))->manager, QStringLiteral("carol@corp.example"));
        QVERIFY(fromDelta.userByObjectId(QStringLiteral("u-dave"))->manager.isEmpty());
        const DirectoryGroup* staff = groupNamed(fromDelta, QStringLiteral("Staff"));
        QVERIFY(staff->memberUserIds.contains(fromDelta.userByObjectId(QStringLiteral("u-bob"))->id));
        QVERIFY(staff->memberGroupIds.contains(groupNamed(fromDelta, QStringLiteral("Platform"))->id));

        QVERIFY(cache.store(d.full(QStringLiteral("200"))).ok());
        QCOMPARE(SourceReadFixture::dump(fromDelta), SourceReadFixture::dump(snapshot()));
    }

    void deltaTheCacheCannotTakeIsRefusedAndChangesNothing()
    {
        SourceCache cache(m_db, m_sourceId);
        SourceReadFixture d = corp();
        QVERIFY(cache.store(d.full(QStringLiteral("100"))).ok());
        const QString before = SourceReadFixture::dump(snapshot());
        // A user present now that the delta does not return and the cache never saw.
        d.addUser(QStringLiteral("u-zoe"), userDn(QStringLiteral("Zoe")), QStringLiteral("zoe@corp.example"));
        d.remove(QStringLiteral("u-dave"));
        auto refused = cache.store(d.delta({}, QStringLiteral("200")));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, StorageError::Kind::Validation);
        QCOMPARE(SourceReadFixture::dump(snapshot()), before);
        QCOMPARE(cache.state()->highWaterMark, QStringLiteral("100"));
    }

    // OpenLDAP's refint overlay drops a deleted user from the groups that list them without a
    // new entryCSN on those groups, so a delta returns the deletion but not the groups. Kept as
    // they are, the member lists would name a DN nobody holds, and a new entry given that DN
    // later would inherit the memberships: the cache refuses such a delta (the loader then reads
    // in full) and takes it when the group comes back changed, as AD returns it.
    void deltaRemovingAnEntryAnUnchangedGroupStillNamesIsRefused()
    {
        SourceCache cache(m_db, m_sourceId);
        SourceReadFixture d = corp();
        QVERIFY(cache.store(d.full(QStringLiteral("100"))).ok());
        const QString before = SourceReadFixture::dump(snapshot());
        d.remove(QStringLiteral("u-carol"));

        auto refused = cache.store(d.delta({}, QStringLiteral("200")));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, StorageError::Kind::Validation);
        QVERIFY2(refused.error().message.contains(QLatin1String("Staff")), qPrintable(refused.error().message));
        QVERIFY(refused.error().message.contains(QLatin1String("full read")));
        QCOMPARE(SourceReadFixture::dump(snapshot()), before);
        QCOMPARE(cache.state()->highWaterMark, QStringLiteral("100"));

        auto merged = cache.store(d.delta({QStringLiteral("g-staff")}, QStringLiteral("200")));
        QVERIFY2(merged.ok(), qPrintable(merged.ok() ? QString() : merged.error().message));
        QCOMPARE(merged->usersRemoved, 1);
        const DirectorySnapshot fromDelta = snapshot();
        QVERIFY(cache.store(d.full(QStringLiteral("200"))).ok());
        QCOMPARE(SourceReadFixture::dump(fromDelta), SourceReadFixture::dump(snapshot()));
    }

    // The same for a manager: alice and carol name bob, who is deleted while they are unchanged.
    void deltaRemovingAManagerOfUnchangedUsersIsRefused()
    {
        SourceCache cache(m_db, m_sourceId);
        SourceReadFixture d = corp();
        QVERIFY(cache.store(d.full(QStringLiteral("100"))).ok());
        d.remove(QStringLiteral("u-bob"));
        auto refused = cache.store(d.delta({QStringLiteral("g-plat"), QStringLiteral("g-all")}, QStringLiteral("200")));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, StorageError::Kind::Validation);
        QCOMPARE(cache.state()->highWaterMark, QStringLiteral("100"));
    }

    void lookupsByNameOrDn()
    {
        SourceCache cache(m_db, m_sourceId);
        QVERIFY(cache.store(corp().full(QStringLiteral("1"))).ok());
        QCOMPARE(cache.findGroups(QStringLiteral("  engineering ")).size(), 1);
        QCOMPARE(cache.findGroups(QStringLiteral("cn=ENGINEERING, ou=groups,dc=corp, dc=example")).size(), 1);
        QCOMPARE(cache.findUsers(QStringLiteral("Carol@Corp.Example")).size(), 1);
        QCOMPARE(cache.findUsers(QStringLiteral("cn=carol\\2c jr.,ou=users,dc=corp,dc=example")).size(), 1);
        QVERIFY(cache.findGroups(QStringLiteral("Alice")).isEmpty()); // a user, not a group
        QVERIFY(cache.findUsers(QStringLiteral("nobody")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSourceCache)
#include "tst_sourcecache.moc"
