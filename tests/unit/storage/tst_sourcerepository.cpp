#include "sources/SourceCache.h"
#include "storage/ApplicationRepository.h"
#include "storage/Database.h"
#include "storage/Migrations.h"
#include "storage/SourceRepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// Directory sources in a real profile database: the migration (also of an existing profile),
// every field round-tripping, the rules every save path applies, and an application's source
// with its assignment of the source's users and groups.
class TestSourceRepository : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;

    static DirectorySource adSource(const QString& name = QStringLiteral("Corp AD"))
    {
        DirectorySource source;
        source.name = name;
        source.description = QStringLiteral("The company's domain");
        source.sourceTypeId = QStringLiteral("active-directory");
        source.url = QStringLiteral("ldaps://dc1.corp.example:636");
        source.caFilePath = QString();
        source.bindDn = QStringLiteral("CN=svc-scimdesk,OU=Service Accounts,DC=corp,DC=example");
        source.pageSize = 750;
        source.timeoutSeconds = 45;
        source.baseDn = QStringLiteral("DC=corp,DC=example");
        source.userFilter = QStringLiteral("(&(objectCategory=person)(objectClass=user))");
        source.groupFilter = QStringLiteral("(objectClass=group)");
        source.anchorAttribute = QStringLiteral("objectGUID");
        source.userMappings = {{QStringLiteral("userName"), QStringLiteral("userPrincipalName")},
            {QStringLiteral("email"), QStringLiteral("mail")},
            {QStringLiteral("costCenter"), QStringLiteral("extensionAttribute1")}};
        source.groupNameAttribute = QStringLiteral("cn");
        source.groupDescriptionAttribute = QStringLiteral("description");
        source.groupMemberAttribute = QStringLiteral("member");
        source.disabledRule = {DisabledAccountRule::Kind::FlagBitSet, QStringLiteral("userAccountControl"), 2, {}};
        source.nesting = GroupNesting::MatchingRuleInChain;
        return source;
    }

    static SourceRead readWith(const QStringList& userNames, const QStringList& groupNames)
    {
        SourceRead read;
        for (const QString& name : userNames) {
            SourceUserEntry entry;
            entry.dn = QStringLiteral("CN=%1,OU=Users,DC=corp,DC=example").arg(name);
            entry.user.objectId = QStringLiteral("guid-") + name;
            entry.user.userName = name + QStringLiteral("@corp.example");
            read.users.append(entry);
        }
        for (const QString& name : groupNames) {
            read.groups.append({QStringLiteral("CN=%1,OU=Groups,DC=corp,DC=example").arg(name),
                QStringLiteral("gguid-") + name, name, {}, {}});
        }
        read.highWaterMark = QStringLiteral("1000");
        read.readAt = QDateTime::currentDateTimeUtc();
        return read;
    }

    static QStringList tables(Database& db)
    {
        QStringList names;
        QSqlQuery query(db.connection());
        query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
        while (query.next()) {
            names << query.value(0).toString();
        }
        return names;
    }

private slots:
    void init()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction())));
        QVERIFY(db.ok());
        m_db = db.value();
    }

    void cleanup() { m_db.reset(); }

    void existingProfileIsUpgraded()
    {
        const QString path = m_dir.filePath(QStringLiteral("v2.db"));
        qint64 applicationId = 0;
        {
            auto v2 = Database::open(path, 2);
            QVERIFY(v2.ok());
            QSqlQuery query(v2.value()->connection());
            QVERIFY(query.exec(QStringLiteral(
                "INSERT INTO applications (name, name_key, created_at, updated_at) VALUES ('AWS', 'aws', 'x', 'x')")));
            applicationId = query.lastInsertId().toLongLong();
            QVERIFY(
                query.exec(QStringLiteral("INSERT INTO assignments (application_id, all_users, scoping_filters_json)"
                                          " VALUES (%1, 1, '[]')")
                               .arg(applicationId)));
            QVERIFY(!tables(*v2.value()).contains(QStringLiteral("directory_sources")));
        }
        auto latest = Database::open(path);
        QVERIFY2(latest.ok(), qPrintable(latest.ok() ? QString() : latest.error().message));
        QCOMPARE(latest.value()->schemaVersion(), Migrations::latestVersion());
        for (const char* table : {"directory_sources", "source_reads", "source_objects", "source_group_members",
                 "assignment_source_objects"}) {
            QVERIFY2(tables(*latest.value()).contains(QLatin1String(table)), table);
        }
        const auto application = ApplicationRepository(latest.value()).find(applicationId);
        QVERIFY(application.has_value());
        QCOMPARE(application->sourceId, 0); // the embedded directory, as before
        QVERIFY(application->assignment.allUsers);
        QVERIFY(!application->assignment.allGroups);
    }

    void everyFieldRoundTrips()
    {
        SourceRepository repository(m_db);
        DirectorySource source = adSource(QStringLiteral("  Corp AD  "));
        source.passwordStoredAt = QDateTime::fromString(QStringLiteral("2026-01-02T03:04:05.006Z"), Qt::ISODateWithMs);
        auto id = repository.create(source);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
        const auto stored = repository.find(id.value());
        QVERIFY(stored.has_value());
        QCOMPARE(stored->name, QStringLiteral("Corp AD"));
        QCOMPARE(stored->description, source.description);
        QCOMPARE(stored->sourceTypeId, source.sourceTypeId);
        QCOMPARE(stored->url, source.url);
        QCOMPARE(stored->startTls, false);
        QCOMPARE(stored->bindDn, source.bindDn);
        QCOMPARE(stored->pageSize, 750);
        QCOMPARE(stored->timeoutSeconds, 45);
        QCOMPARE(stored->baseDn, source.baseDn);
        QCOMPARE(stored->userFilter, source.userFilter);
        QCOMPARE(stored->groupFilter, source.groupFilter);
        QCOMPARE(stored->anchorAttribute, source.anchorAttribute);
        QCOMPARE(stored->userMappings, source.userMappings);
        QCOMPARE(stored->groupNameAttribute, source.groupNameAttribute);
        QCOMPARE(stored->groupDescriptionAttribute, source.groupDescriptionAttribute);
        QCOMPARE(stored->groupMemberAttribute, source.groupMemberAttribute);
        QVERIFY(stored->disabledRule == source.disabledRule);
        QCOMPARE(stored->nesting, GroupNesting::MatchingRuleInChain);
        QCOMPARE(stored->passwordStoredAt, source.passwordStoredAt);
        QVERIFY(stored->createdAt.isValid());
        QCOMPARE(repository.findByName(QStringLiteral("corp ad"))->id, id.value());

        DirectorySource changed = *stored;
        changed.url = QStringLiteral("ldap://ldap.corp.example");
        changed.startTls = true;
        changed.disabledRule
            = {DisabledAccountRule::Kind::AttributeEquals, QStringLiteral("nsAccountLock"), 0, QStringLiteral("TRUE")};
        changed.nesting = GroupNesting::ClientSide;
        QVERIFY(repository.update(changed).ok());
        const auto updated = repository.find(id.value());
        QVERIFY(updated->startTls);
        QVERIFY(updated->disabledRule == changed.disabledRule);
        QCOMPARE(updated->nesting, GroupNesting::ClientSide);
        QCOMPARE(repository.list().size(), 1);
    }

    void namesAreUniqueIgnoringCaseAndSpaces()
    {
        SourceRepository repository(m_db);
        QVERIFY(repository.create(adSource(QStringLiteral("Corp AD"))).ok());
        auto duplicate = repository.create(adSource(QStringLiteral("  corp ad ")));
        QVERIFY(!duplicate.ok());
        QCOMPARE(duplicate.error().kind, StorageError::Kind::Duplicate);
        QCOMPARE(duplicate.error().field, QStringLiteral("name"));
        QVERIFY(duplicate.error().message.contains(QLatin1String("already exists")));
        QCOMPARE(repository.list().size(), 1);
    }

    void invalidSettingsAreRefusedAndNothingIsWritten()
    {
        SourceRepository repository(m_db);
        DirectorySource source = adSource();
        source.url = QStringLiteral("ldaps://svc:hunter2@dc1.corp.example");
        source.pageSize = 0;
        auto created = repository.create(source);
        QVERIFY(!created.ok());
        QCOMPARE(created.error().kind, StorageError::Kind::Validation);
        QCOMPARE(created.error().field, QStringLiteral("url"));
        QVERIFY(created.error().message.contains(QLatin1String("page size")));
        QVERIFY(!created.error().message.contains(QLatin1String("hunter2")));
        QVERIFY(repository.list().isEmpty());
    }

    void sourceInUseIsNotRemoved()
    {
        SourceRepository repository(m_db);
        ApplicationRepository applications(m_db);
        const qint64 sourceId = repository.create(adSource()).value();
        Application application;
        application.name = QStringLiteral("AWS");
        application.sourceId = sourceId;
        QVERIFY(applications.create(application).ok());
        QCOMPARE(repository.applicationsUsing(sourceId), QStringList {QStringLiteral("AWS")});

        auto removed = repository.remove(sourceId);
        QVERIFY(!removed.ok());
        QCOMPARE(removed.error().field, QStringLiteral("applications"));
        QVERIFY2(removed.error().message.contains(QLatin1String("AWS")), qPrintable(removed.error().message));
        // The database refuses it as well, whoever deletes.
        QSqlQuery query(m_db->connection());
        query.prepare(QStringLiteral("DELETE FROM directory_sources WHERE id = ?"));
        query.addBindValue(sourceId);
        QVERIFY(!query.exec());
        QVERIFY(repository.find(sourceId).has_value());
    }

    void removingASourceRemovesItsCache()
    {
        SourceRepository repository(m_db);
        const qint64 sourceId = repository.create(adSource()).value();
        SourceCache cache(m_db, sourceId);
        QVERIFY(cache.store(readWith({QStringLiteral("alice")}, {QStringLiteral("Staff")})).ok());
        QVERIFY(repository.remove(sourceId).ok());
        QSqlQuery query(m_db->connection());
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM source_objects")) && query.next());
        QCOMPARE(query.value(0).toInt(), 0);
        QVERIFY(!cache.state().has_value());
    }

    void applicationKeepsSourceAndAssignmentOfItsUsersAndGroups()
    {
        SourceRepository repository(m_db);
        ApplicationRepository applications(m_db);
        const qint64 sourceId = repository.create(adSource()).value();
        SourceCache cache(m_db, sourceId);
        QVERIFY(
            cache.store(readWith({QStringLiteral("alice"), QStringLiteral("bob")}, {QStringLiteral("Staff")})).ok());
        const qint64 alice = cache.findUsers(QStringLiteral("ALICE@corp.example")).constFirst().id;
        const qint64 staff
            = cache.findGroups(QStringLiteral("cn=staff, ou=groups, dc=corp, dc=example")).constFirst().id;

        Application application;
        application.name = QStringLiteral("AWS");
        application.sourceId = sourceId;
        application.assignment.userIds = {alice};
        application.assignment.groupIds = {staff};
        application.assignment.allGroups = true;
        auto id = applications.create(application);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
        const auto stored = applications.find(id.value());
        QCOMPARE(stored->sourceId, sourceId);
        QCOMPARE(stored->assignment.userIds, QList<qint64> {alice});
        QCOMPARE(stored->assignment.groupIds, QList<qint64> {staff});
        QVERIFY(stored->assignment.allGroups);

        // Back to the embedded directory: the source's ids are not users of it.
        Application embedded = *stored;
        embedded.sourceId = 0;
        auto refused = applications.update(embedded);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().field, QStringLiteral("assignment.userIds[0]"));
        QVERIFY2(
            refused.error().message.contains(QLatin1String("embedded directory")), qPrintable(refused.error().message));
        embedded.assignment.userIds.clear();
        embedded.assignment.groupIds.clear();
        QVERIFY(applications.update(embedded).ok());
        QCOMPARE(applications.find(id.value())->sourceId, 0);
    }

    void assignmentOfAnotherSourceIsRefused()
    {
        SourceRepository repository(m_db);
        ApplicationRepository applications(m_db);
        const qint64 first = repository.create(adSource(QStringLiteral("First"))).value();
        const qint64 second = repository.create(adSource(QStringLiteral("Second"))).value();
        SourceCache firstCache(m_db, first);
        QVERIFY(firstCache.store(readWith({}, {QStringLiteral("Staff")})).ok());
        Application application;
        application.name = QStringLiteral("AWS");
        application.sourceId = second;
        application.assignment.groupIds = {firstCache.findGroups(QStringLiteral("Staff")).constFirst().id};
        auto created = applications.create(application);
        QVERIFY(!created.ok());
        QCOMPARE(created.error().field, QStringLiteral("assignment.groupIds[0]"));
        QVERIFY2(created.error().message.contains(QLatin1String("Second")), qPrintable(created.error().message));
        QVERIFY(applications.list().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSourceRepository)
#include "tst_sourcerepository.moc"
