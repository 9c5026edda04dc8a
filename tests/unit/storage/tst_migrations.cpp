#include "storage/Database.h"
#include "storage/Migrations.h"
#include "storage/ServerRepository.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestMigrations : public QObject
{
    Q_OBJECT

private:
    static QByteArray fileHash(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return {};
        }
        return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
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

    static QStringList indexesOf(Database& db, const QString& table)
    {
        QStringList names;
        QSqlQuery query(db.connection());
        query.prepare(
            QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name"));
        query.addBindValue(table);
        query.exec();
        while (query.next()) {
            names << query.value(0).toString();
        }
        return names;
    }

private slots:
    void freshDatabaseReachesLatestVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fresh.db"));
        auto db = Database::open(path);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
        QCOMPARE(db.value()->schemaVersion(), Migrations::latestVersion());
        const QStringList names = tables(*db.value());
        for (const char* expected :
            {"servers", "server_auth", "server_mappings", "server_static_attributes", "server_options", "applications",
                "assignments", "assignment_users", "assignment_groups", "directory_users", "directory_groups",
                "group_user_members", "group_group_members", "target_links", "sync_runs", "journal_entries"}) {
            QVERIFY2(names.contains(QLatin1String(expected)), expected);
        }
        QSqlQuery pragma(db.value()->connection());
        QVERIFY(pragma.exec(QStringLiteral("PRAGMA foreign_keys")) && pragma.next());
        QCOMPARE(pragma.value(0).toInt(), 1);
        QVERIFY(pragma.exec(QStringLiteral("PRAGMA journal_mode")) && pragma.next());
        QCOMPARE(pragma.value(0).toString(), QStringLiteral("wal"));
    }

    void upgradeKeepsData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.db"));
        {
            auto v1 = Database::open(path, 1);
            QVERIFY(v1.ok());
            QCOMPARE(v1.value()->schemaVersion(), 1);
            QVERIFY(!tables(*v1.value()).contains(QStringLiteral("journal_entries")));
            // Written as version 1 wrote it: today's repository writes columns that came later.
            QSqlQuery insert(v1.value()->connection());
            QVERIFY(insert.exec(
                QStringLiteral("INSERT INTO servers (name, name_key, url, created_at, updated_at)"
                               " VALUES ('Kept', 'kept', 'https://scim.example.com/v2/', '2026-01-01T00:00:00Z',"
                               " '2026-01-01T00:00:00Z')")));
        }
        auto latest = Database::open(path);
        QVERIFY(latest.ok());
        QCOMPARE(latest.value()->schemaVersion(), Migrations::latestVersion());
        QVERIFY(tables(*latest.value()).contains(QStringLiteral("journal_entries")));
        ServerRepository repo(latest.value());
        QVERIFY(repo.findByName(QStringLiteral("kept")).has_value());
    }

    // Migration 7: a new profile, or one with nothing in the keychain yet, gets a keychain scope
    // of its own; one with servers keeps the entry names its tokens were stored under.
    void keychainScopeKeepsAnUpgradedProfilesTokens()
    {
        QTemporaryDir dir;
        auto fresh = Database::open(dir.filePath(QStringLiteral("fresh.db")));
        QVERIFY(fresh.ok());
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(fresh.value()->keychainScope()).hasMatch());
        auto other = Database::open(dir.filePath(QStringLiteral("other.db")));
        QVERIFY(other.ok());
        QVERIFY(other.value()->keychainScope() != fresh.value()->keychainScope());

        const QString withServer = dir.filePath(QStringLiteral("v6-server.db"));
        const QString empty = dir.filePath(QStringLiteral("v6-empty.db"));
        {
            auto v6 = Database::open(withServer, 6);
            QVERIFY(v6.ok());
            QVERIFY(QSqlQuery(v6.value()->connection())
                        .exec(QStringLiteral("INSERT INTO servers (name, name_key, url, created_at, updated_at)"
                                             " VALUES ('AWS', 'aws', 'https://scim.example.com/v2/',"
                                             " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")));
            QVERIFY(Database::open(empty, 6).ok());
        }
        auto upgraded = Database::open(withServer);
        QVERIFY(upgraded.ok());
        QCOMPARE(upgraded.value()->keychainScope(), QString());
        auto upgradedEmpty = Database::open(empty);
        QVERIFY(upgradedEmpty.ok());
        QCOMPARE(upgradedEmpty.value()->keychainScope().size(), 32);
    }

    // Migration 6 indexes a journal that a version-5 profile already holds; every entry stays.
    void journalIndexesArriveOnAnExistingProfile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v5.db"));
        {
            auto v5 = Database::open(path, 5);
            QVERIFY(v5.ok());
            QSqlQuery sql(v5.value()->connection());
            QVERIFY(sql.exec(QStringLiteral("INSERT INTO applications (name, name_key, created_at, updated_at)"
                                            " VALUES ('App', 'app', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")));
            QVERIFY(sql.exec(QStringLiteral("INSERT INTO sync_runs (application_id, plan_id, mode, status, started_at)"
                                            " VALUES (1, 'p', 'apply', 'succeeded', '2026-01-01T00:00:00Z')")));
            QVERIFY(sql.exec(
                QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)"
                               " INSERT INTO journal_entries (run_id, sequence, action, object_kind, object_name,"
                               " directory_object_id, target_id, status, started_at)"
                               " SELECT 1, i, 'create-user', 'user', 'user' || i, 'dir-' || i, 'tgt-' || i, 'ok',"
                               " '2026-01-01T00:00:00Z' FROM n")));
            QCOMPARE(indexesOf(*v5.value(), QStringLiteral("journal_entries")),
                QStringList {QStringLiteral("sqlite_autoindex_journal_entries_1")});
        }
        QElapsedTimer clock;
        clock.start();
        auto latest = Database::open(path);
        QVERIFY2(latest.ok(), qPrintable(latest.ok() ? QString() : latest.error().message));
        qInfo() << "opening a version-5 profile with 50,000 journal entries, migrations included:" << clock.elapsed()
                << "ms";
        QVERIFY(latest.value()->schemaVersion() >= 6);
        QCOMPARE(indexesOf(*latest.value(), QStringLiteral("journal_entries")),
            (QStringList {QStringLiteral("journal_entries_directory_object"),
                QStringLiteral("journal_entries_object_name"), QStringLiteral("journal_entries_target"),
                QStringLiteral("sqlite_autoindex_journal_entries_1")}));
        QSqlQuery sql(latest.value()->connection());
        QVERIFY(
            sql.exec(QStringLiteral("SELECT COUNT(*) FROM journal_entries WHERE object_name = 'USER77' COLLATE NOCASE"))
            && sql.next());
        QCOMPARE(sql.value(0).toInt(), 1);
        QVERIFY(sql.exec(QStringLiteral("SELECT COUNT(*) FROM journal_entries")) && sql.next());
        QCOMPARE(sql.value(0).toInt(), 50000);
        QVERIFY(sql.exec(QStringLiteral("PRAGMA integrity_check")) && sql.next());
        QCOMPARE(sql.value(0).toString(), QStringLiteral("ok"));
    }

    void newerSchemaIsRefusedAndUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("newer.db"));
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QSqlQuery query(db.value()->connection());
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = %1").arg(Migrations::latestVersion() + 5)));
            QVERIFY(query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        const QByteArray before = fileHash(path);
        auto reopened = Database::open(path);
        QVERIFY(!reopened.ok());
        QCOMPARE(reopened.error().kind, StorageError::Kind::NewerSchema);
        QVERIFY2(reopened.error().message.contains(QLatin1String("newer version of ScimDesk")),
            qPrintable(reopened.error().message));
        QCOMPARE(fileHash(path), before);
    }

    void corruptFileIsRefusedAndUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("text") << QByteArray("this is not a database\n");
        QTest::newRow("binary") << QByteArray(4096, '\x7f');
        QTest::newRow("truncated header") << QByteArray("SQLite for");
        // ScimDesk never leaves an empty database: an empty one was cut off, not a new profile.
        QTest::newRow("empty (0 bytes)") << QByteArray();
    }

    void corruptFileIsRefusedAndUntouched()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("corrupt.db"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();

        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().kind, StorageError::Kind::Corrupt);
        QVERIFY(db.error().message.contains(QLatin1String("has not been changed")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void damagedPagesAreReportedNotReset()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("damaged.db"));
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QSqlQuery query(db.value()->connection());
            QVERIFY(query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        // Keep a valid header but overwrite the schema page.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(100);
        file.write(QByteArray(3000, '\xee'));
        file.close();
        const QByteArray before = fileHash(path);
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY(db.error().kind == StorageError::Kind::Corrupt || db.error().kind == StorageError::Kind::Sql);
        QCOMPARE(fileHash(path), before);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
