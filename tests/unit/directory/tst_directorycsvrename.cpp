// Renames and mirror imports of the CSV importer on a real SQLite profile: a row with an objectId
// keeps the identity of its user or group under a new name; setMirror removes what the file does
// not name, in the import's transaction, and never more than was confirmed.
#include "directory/DirectoryCsvImporter.h"
#include "directory/DirectoryRepository.h"
#include "storage/Database.h"

#include <QTemporaryDir>
#include <QTest>

using Mode = DirectoryCsvImporter::Mode;
using Kind = DirectoryCsvImporter::Kind;

class TestDirectoryCsvRename : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_databaseCount = 0;
    std::shared_ptr<Database> m_db;
    std::unique_ptr<DirectoryRepository> m_repo;

    static QString describe(const QList<CsvImportIssue>& issues)
    {
        QStringList text;
        for (const auto& issue : issues) {
            text << QStringLiteral("%1: %2").arg(issue.line).arg(issue.message);
        }
        return text.join(QLatin1Char('\n'));
    }

    qint64 addUser(const char* userName, const char* objectId = "")
    {
        DirectoryUser user;
        user.userName = QLatin1String(userName);
        user.objectId = QLatin1String(objectId);
        auto id = m_repo->createUser(user);
        return id.ok() ? id.value() : 0;
    }

    QStringList userNames() const
    {
        QStringList names;
        for (const DirectoryUser& user : m_repo->listUsers()) {
            names << user.userName;
        }
        return names;
    }

private slots:
    void init()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("rename%1.db").arg(++m_databaseCount)));
        QVERIFY(db.ok());
        m_db = db.value();
        m_repo = std::make_unique<DirectoryRepository>(m_db);
    }

    void cleanup()
    {
        m_repo.reset();
        m_db.reset();
    }

    void userRenameKeepsIdentity()
    {
        const qint64 alice = addUser("alice", "oid-alice");
        QVERIFY(alice > 0);
        DirectoryCsvImporter importer(*m_repo);
        importer.setData("objectId,userName,email\noid-alice,alice.smith,alice.smith@example.com\n");
        const CsvImportPreview preview = importer.preview();
        QVERIFY2(preview.issues.isEmpty(), qPrintable(describe(preview.issues)));
        QCOMPARE(preview.toCreate, 0);
        QCOMPARE(preview.toUpdate, 1);
        QCOMPARE(preview.renameCount, 1);
        QCOMPARE(preview.renames.value(0).line, 2);
        QCOMPARE(preview.renames.value(0).from, QStringLiteral("alice"));
        QCOMPARE(preview.renames.value(0).to, QStringLiteral("alice.smith"));

        auto result = importer.import(Mode::AllOrNothing);
        QVERIFY(result.ok());
        QCOMPARE(result->created, 0);
        QCOMPARE(result->updated, 1);
        const auto renamed = m_repo->findUserByObjectId(QStringLiteral("oid-alice"));
        QVERIFY(renamed.has_value());
        QCOMPARE(renamed->id, alice);
        QCOMPARE(renamed->userName, QStringLiteral("alice.smith"));
        QCOMPARE(renamed->email, QStringLiteral("alice.smith@example.com"));
        QCOMPARE(userNames(), QStringList {QStringLiteral("alice.smith")});
    }

    // A name renamed away on one line is free for a new user on a later line; the preview and the
    // import (which writes the rename first) agree.
    void renamedAwayNameIsFreeForANewUser()
    {
        addUser("alice", "oid-alice");
        DirectoryCsvImporter importer(*m_repo);
        importer.setData("userName,objectId\nalice.smith,oid-alice\nalice,\n");
        const CsvImportPreview preview = importer.preview();
        QVERIFY2(preview.issues.isEmpty(), qPrintable(describe(preview.issues)));
        QCOMPARE(preview.toUpdate, 1);
        QCOMPARE(preview.toCreate, 1);
        auto result = importer.import(Mode::AllOrNothing);
        QVERIFY(result.ok());
        QVERIFY2(result->written, qPrintable(describe(result->issues)));
        QCOMPARE(userNames(), (QStringList {QStringLiteral("alice"), QStringLiteral("alice.smith")}));
        QVERIFY(m_repo->findUserByUserName(QStringLiteral("alice"))->objectId != QLatin1String("oid-alice"));
    }

    void renameOntoAKeptUserIsRefused()
    {
        addUser("alice", "oid-alice");
        addUser("bob", "oid-bob");
        DirectoryCsvImporter importer(*m_repo);
        importer.setData("userName,objectId\nbob,oid-alice\n");
        auto result = importer.import(Mode::AllOrNothing);
        QVERIFY(result.ok());
        QVERIFY(!result->written);
        QCOMPARE(result->issues.size(), 1);
        QVERIFY2(result->issues.first().message.contains(QLatin1String("belongs to another directory user (object ID "
                                                                       "oid-bob)")),
            qPrintable(describe(result->issues)));
        QCOMPARE(userNames(), (QStringList {QStringLiteral("alice"), QStringLiteral("bob")}));

        // A skipped rename frees nothing: a later line with the old name updates that same user.
        DirectoryCsvImporter skipping(*m_repo);
        skipping.setData("userName,objectId,title\nbob,oid-alice,\nalice,,Lead\n");
        auto partly = skipping.import(Mode::SkipInvalid);
        QVERIFY2(partly.ok(), qPrintable(partly.ok() ? QString() : partly.error().message));
        QCOMPARE(partly->skipped, 1);
        QCOMPARE(partly->updated, 1);
        QCOMPARE(partly->created, 0);
        QCOMPARE(m_repo->findUserByObjectId(QStringLiteral("oid-alice"))->title, QStringLiteral("Lead"));

        // A new object ID with a taken name is refused the same way, instead of a second "bob".
        DirectoryCsvImporter second(*m_repo);
        second.setData("userName,objectId\nbob,oid-new\n");
        QCOMPARE(second.preview().invalidRowCount, 1);
    }

    void oneUserOnTwoLinesIsRefused()
    {
        addUser("alice", "oid-alice");
        DirectoryCsvImporter importer(*m_repo);
        importer.setData("userName,objectId\nalice,\nalice.smith,oid-alice\n");
        const CsvImportPreview preview = importer.preview();
        QCOMPARE(preview.invalidRowCount, 1);
        QCOMPARE(preview.issues.value(0).line, 3);
        QVERIFY2(preview.issues.value(0).message.contains(QLatin1String("same user as line 2")),
            qPrintable(describe(preview.issues)));
    }

    void groupRenameKeepsIdentityAndNesting()
    {
        const qint64 ada = addUser("ada");
        DirectoryGroup admins;
        admins.displayName = QStringLiteral("Admins");
        admins.objectId = QStringLiteral("oid-admins");
        admins.memberUserIds = {ada};
        const qint64 adminsId = m_repo->createGroup(admins).value();
        DirectoryGroup staff;
        staff.displayName = QStringLiteral("Staff");
        staff.memberGroupIds = {adminsId};
        QVERIFY(m_repo->createGroup(staff).ok());

        DirectoryCsvImporter importer(*m_repo, Kind::Groups);
        importer.setData("objectId,group,member\noid-admins,Administrators,ada\n");
        const CsvImportPreview preview = importer.preview();
        QVERIFY2(preview.issues.isEmpty(), qPrintable(describe(preview.issues)));
        QCOMPARE(preview.toCreate, 0);
        QCOMPARE(preview.toUpdate, 1);
        QCOMPARE(preview.renameCount, 1);
        QCOMPARE(preview.renames.value(0).from, QStringLiteral("Admins"));
        QCOMPARE(preview.renames.value(0).to, QStringLiteral("Administrators"));
        auto result = importer.import(Mode::AllOrNothing);
        QVERIFY(result.ok());
        QCOMPARE(result->created, 0);
        const auto renamed = m_repo->findGroup(adminsId);
        QCOMPARE(renamed->displayName, QStringLiteral("Administrators"));
        QCOMPARE(renamed->memberUserIds, QList<qint64> {ada});
        QCOMPARE(m_repo->findGroupByDisplayName(QStringLiteral("Staff"))->memberGroupIds, QList<qint64> {adminsId});
        QCOMPARE(m_repo->countGroups(), 2);

        // Onto the name of another group: refused, nothing renamed.
        DirectoryCsvImporter clash(*m_repo, Kind::Groups);
        clash.setData("objectId,group\noid-admins,staff\n");
        auto refused = clash.import(Mode::AllOrNothing);
        QVERIFY(refused.ok());
        QVERIFY(!refused->written);
        QVERIFY2(refused->issues.value(0).message.contains(QLatin1String("another group has that name")),
            qPrintable(describe(refused->issues)));
        QCOMPARE(m_repo->findGroup(adminsId)->displayName, QStringLiteral("Administrators"));
    }

    void mirrorRemovesUsersTheFileDoesNotName()
    {
        addUser("ada");
        addUser("bob");
        addUser("carol");
        DirectoryGroup team;
        team.displayName = QStringLiteral("Team");
        team.memberUserIds = {m_repo->findUserByUserName(QStringLiteral("bob"))->id};
        QVERIFY(m_repo->createGroup(team).ok());
        DirectoryCsvImporter importer(*m_repo);
        importer.setMirror(true);
        importer.setData("userName\nada\ndave\n");
        const CsvImportPreview preview = importer.preview();
        QCOMPARE(preview.toCreate, 1);
        QCOMPARE(preview.unchanged, 1);
        QCOMPARE(preview.toRemove, 2);
        QCOMPARE(preview.directoryCount, 3);
        QCOMPARE(preview.removals, (QStringList {QStringLiteral("bob"), QStringLiteral("carol")}));
        auto result = importer.import(Mode::AllOrNothing);
        QVERIFY(result.ok());
        QCOMPARE(result->removed, 2);
        QCOMPARE(result->created, 1);
        QCOMPARE(userNames(), (QStringList {QStringLiteral("ada"), QStringLiteral("dave")}));
        QVERIFY(m_repo->findGroupByDisplayName(QStringLiteral("Team"))->memberUserIds.isEmpty());
    }

    // The directory changed after the preview that was confirmed: the import writes nothing.
    void mirrorNeverRemovesMoreThanConfirmed()
    {
        addUser("ada");
        addUser("bob");
        DirectoryCsvImporter importer(*m_repo);
        importer.setData("userName\nada\ndave\n");
        importer.setMirror(true, 1);
        QCOMPARE(importer.preview().toRemove, 1);
        addUser("carol");
        auto result = importer.import(Mode::AllOrNothing);
        QVERIFY(!result.ok());
        QVERIFY2(
            result.error().message.contains(QLatin1String("not the 1 confirmed")), qPrintable(result.error().message));
        QCOMPARE(userNames(), (QStringList {QStringLiteral("ada"), QStringLiteral("bob"), QStringLiteral("carol")}));
    }

    // A user named on an invalid line is still named: skipping the line must not remove the user.
    void mirrorKeepsUsersOfSkippedLines()
    {
        addUser("ada");
        addUser("bob");
        DirectoryCsvImporter importer(*m_repo);
        importer.setMirror(true);
        importer.setData("userName,active\nada,true\nbob,maybe\n");
        auto result = importer.import(Mode::SkipInvalid);
        QVERIFY(result.ok());
        QCOMPARE(result->skipped, 1);
        QCOMPARE(result->removed, 0);
        QCOMPARE(userNames(), (QStringList {QStringLiteral("ada"), QStringLiteral("bob")}));
    }

    void mirrorGroupsRemovesGroupsAndReplacesMembers()
    {
        const qint64 ada = addUser("ada");
        const qint64 bob = addUser("bob");
        DirectoryGroup a;
        a.displayName = QStringLiteral("A");
        a.memberUserIds = {ada};
        const qint64 aId = m_repo->createGroup(a).value();
        DirectoryGroup b;
        b.displayName = QStringLiteral("B");
        QVERIFY(m_repo->createGroup(b).ok());
        DirectoryCsvImporter importer(*m_repo, Kind::Groups);
        importer.setMirror(true);
        importer.setData("group,member\nA,bob\n");
        const CsvImportPreview preview = importer.preview();
        QCOMPARE(preview.toRemove, 1);
        QCOMPARE(preview.removals, QStringList {QStringLiteral("B")});
        QCOMPARE(preview.directoryCount, 2);
        auto result = importer.import(Mode::AllOrNothing);
        QVERIFY(result.ok());
        QCOMPARE(result->removed, 1);
        QCOMPARE(m_repo->countGroups(), 1);
        QCOMPARE(m_repo->findGroup(aId)->memberUserIds, QList<qint64> {bob});
    }
};

QTEST_GUILESS_MAIN(TestDirectoryCsvRename)
#include "tst_directorycsvrename.moc"
