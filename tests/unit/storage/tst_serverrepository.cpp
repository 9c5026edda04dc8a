#include "storage/Database.h"
#include "storage/ServerRepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestServerRepository : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;

    static ScimServer sampleServer(const QString& name)
    {
        ScimServer server;
        server.name = name;
        server.description = QStringLiteral("Provisioning for the AWS organisation");
        server.url = QStringLiteral("https://scim.eu-west-1.amazonaws.com/abcd1234-5678/scim/v2/");
        server.serverTypeId = QStringLiteral("aws-iam-identity-center");
        server.auth.scheme = AuthScheme::AccessToken;
        server.userMappings = {
            {MappingKind::Direct, QStringLiteral("objectId"), QStringLiteral("externalId"), ApplyWhen::Always, true, 0,
                {}},
            {MappingKind::Direct, QStringLiteral("userName"), QStringLiteral("userName"), ApplyWhen::Always, true, 1,
                {}},
            {MappingKind::Expression, QStringLiteral("Join(\" \", givenName, familyName)"),
                QStringLiteral("displayName"), ApplyWhen::OnCreate, false, 0, QStringLiteral("Unknown")},
        };
        server.staticAttributes = {{QStringLiteral("userType"), QStringLiteral("Employee")}};
        server.capabilities.pagingMode = PagingMode::Cursor;
        server.capabilities.maxMembersPerPatch = 100;
        server.options.deprovisionAction = DeprovisionAction::Delete;
        server.options.protectedPatterns = {QStringLiteral("^AWSControlTower")};
        server.options.concurrency = 8;
        return server;
    }

private slots:
    void init()
    {
        auto db = Database::open(m_dir.filePath(
            QStringLiteral("%1-%2.db")
                .arg(QTest::currentTestFunction(), QTest::currentDataTag() ? QTest::currentDataTag() : "")));
        QVERIFY(db.ok());
        m_db = db.value();
    }

    void cleanup() { m_db.reset(); }

    void roundTrip()
    {
        ServerRepository repo(m_db);
        const ScimServer server = sampleServer(QStringLiteral("  AWS SCIM Server  "));
        auto id = repo.create(server);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
        const auto stored = repo.find(id.value());
        QVERIFY(stored.has_value());
        QCOMPARE(stored->name, QStringLiteral("AWS SCIM Server"));
        QCOMPARE(stored->description, server.description);
        QCOMPARE(stored->url, server.url);
        QCOMPARE(stored->serverTypeId, server.serverTypeId);
        QVERIFY(stored->auth == server.auth);
        QCOMPARE(stored->userMappings, server.userMappings);
        QCOMPARE(stored->staticAttributes, server.staticAttributes);
        QVERIFY(stored->capabilities == server.capabilities);
        QVERIFY(stored->options == server.options);
        QVERIFY(stored->createdAt.isValid());
        QCOMPARE(repo.list().size(), 1);
    }

    void namesAreUniqueIgnoringCaseAndSpaces_data()
    {
        QTest::addColumn<QString>("second");
        QTest::newRow("same") << QStringLiteral("AWS SCIM Server");
        QTest::newRow("case") << QStringLiteral("aws scim server");
        QTest::newRow("spaces") << QStringLiteral("  AWS SCIM Server ");
        QTest::newRow("tabs") << QStringLiteral("\tAWS SCIM SERVER\n");
    }

    void namesAreUniqueIgnoringCaseAndSpaces()
    {
        QFETCH(QString, second);
        ServerRepository repo(m_db);
        QVERIFY(repo.create(sampleServer(QStringLiteral("AWS SCIM Server"))).ok());
        auto duplicate = repo.create(sampleServer(second));
        QVERIFY(!duplicate.ok());
        QCOMPARE(duplicate.error().kind, StorageError::Kind::Duplicate);
        QCOMPARE(duplicate.error().field, QStringLiteral("name"));
        QVERIFY(duplicate.error().message.contains(QLatin1String("Choose another name")));
        QCOMPARE(repo.list().size(), 1);
    }

    void validationErrors_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("field");
        QTest::newRow("empty name") << QStringLiteral("   ") << QStringLiteral("https://x.example/scim/v2/")
                                    << QStringLiteral("name");
        QTest::newRow("long name") << QString(101, QLatin1Char('n')) << QStringLiteral("https://x.example/")
                                   << QStringLiteral("name");
        QTest::newRow("empty url") << QStringLiteral("A") << QString() << QStringLiteral("url");
        QTest::newRow("no scheme") << QStringLiteral("A") << QStringLiteral("scim.example.com/v2")
                                   << QStringLiteral("url");
        QTest::newRow("ftp") << QStringLiteral("A") << QStringLiteral("ftp://scim.example.com/")
                             << QStringLiteral("url");
    }

    void validationErrors()
    {
        QFETCH(QString, name);
        QFETCH(QString, url);
        QFETCH(QString, field);
        ServerRepository repo(m_db);
        ScimServer server = sampleServer(name);
        server.url = url;
        auto result = repo.create(server);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, StorageError::Kind::Validation);
        QCOMPARE(result.error().field, field);
        QVERIFY(!result.error().message.isEmpty());
        QVERIFY(repo.list().isEmpty());
    }

    int rowCount(const char* table) const
    {
        QSqlQuery query(m_db->connection());
        if (!query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))) || !query.next()) {
            return -1;
        }
        return query.value(0).toInt();
    }

    void invalidServerIsRefusedAndNothingWritten_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("password in url") << QStringLiteral("http://admin:pw@127.0.0.1/scim/v2")
                                         << QStringLiteral("Authentication settings");
        QTest::newRow("user in url") << QStringLiteral("https://admin@scim.example.com/scim/v2")
                                     << QStringLiteral("user name or password");
        QTest::newRow("plain http to a remote host")
            << QStringLiteral("http://scim.example.com/scim/v2") << QStringLiteral("https://");
    }

    void invalidServerIsRefusedAndNothingWritten()
    {
        QFETCH(QString, url);
        QFETCH(QString, messagePart);
        ServerRepository repo(m_db);
        ScimServer server = sampleServer(QStringLiteral("Refused"));
        server.url = url;
        auto created = repo.create(server);
        QVERIFY(!created.ok());
        QCOMPARE(created.error().kind, StorageError::Kind::Validation);
        QCOMPARE(created.error().field, QStringLiteral("url"));
        QVERIFY2(created.error().message.contains(messagePart), qPrintable(created.error().message));
        QVERIFY(!created.error().message.contains(QStringLiteral("pw")));
        for (const char* table :
            {"servers", "server_auth", "server_mappings", "server_static_attributes", "server_options"}) {
            QCOMPARE(rowCount(table), 0);
        }

        // An update is refused the same way and leaves the stored server exactly as it was.
        const qint64 id = repo.create(sampleServer(QStringLiteral("Stored"))).value();
        const ScimServer before = *repo.find(id);
        ScimServer changed = before;
        changed.url = url;
        changed.description = QStringLiteral("changed");
        changed.userMappings.clear();
        auto updated = repo.update(changed);
        QVERIFY(!updated.ok());
        QCOMPARE(updated.error().field, QStringLiteral("url"));
        const ScimServer after = *repo.find(id);
        QCOMPARE(after.url, before.url);
        QCOMPARE(after.description, before.description);
        QCOMPARE(after.userMappings, before.userMappings);
        QCOMPARE(after.updatedAt, before.updatedAt);
    }

    void validateListsEveryIssueWithTheFirstField()
    {
        ServerRepository repo(m_db);
        ScimServer server = sampleServer(QString());
        server.url = QStringLiteral("https://u:p@scim.example.com/");
        const auto status = repo.validate(server);
        QVERIFY(!status.ok());
        QCOMPARE(status.error().field, QStringLiteral("name"));
        QCOMPARE(status.error().message.count(QLatin1Char('\n')), 1);
        QCOMPARE(repo.issues(server).size(), 2);
    }

    void failedChildWriteRollsBackEverything()
    {
        ServerRepository repo(m_db);
        ScimServer server = sampleServer(QStringLiteral("Rolled back"));
        server.userMappings.append(server.userMappings.first()); // externalId mapped twice
        auto result = repo.create(server);
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains(QLatin1String("mapped twice")));
        QVERIFY(repo.list().isEmpty());
        QSqlQuery query(m_db->connection());
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM server_auth")) && query.next());
        QCOMPARE(query.value(0).toInt(), 0);

        server = sampleServer(QStringLiteral("Bad options"));
        server.options.concurrency = 0;
        QVERIFY(!repo.create(server).ok());
        QVERIFY(repo.list().isEmpty());
    }

    void updateReplacesChildrenAndKeepsUniqueness()
    {
        ServerRepository repo(m_db);
        const qint64 a = repo.create(sampleServer(QStringLiteral("A"))).value();
        QVERIFY(repo.create(sampleServer(QStringLiteral("B"))).ok());
        ScimServer server = *repo.find(a);
        server.userMappings.removeLast();
        server.staticAttributes.clear();
        server.auth.scheme = AuthScheme::Basic;
        server.auth.basicUsername = QStringLiteral("svc");
        QVERIFY(repo.update(server).ok());
        const auto stored = repo.find(a);
        QCOMPARE(stored->userMappings.size(), 2);
        QVERIFY(stored->staticAttributes.isEmpty());
        QCOMPARE(stored->auth.basicUsername, QStringLiteral("svc"));

        server.name = QStringLiteral("b");
        auto clash = repo.update(server);
        QVERIFY(!clash.ok());
        QCOMPARE(clash.error().kind, StorageError::Kind::Duplicate);
        QCOMPARE(repo.find(a)->name, QStringLiteral("A"));
    }

    void removeCascadesAndReportsApplications()
    {
        ServerRepository repo(m_db);
        const qint64 id = repo.create(sampleServer(QStringLiteral("A"))).value();
        QSqlQuery query(m_db->connection());
        QVERIFY(query.exec(QStringLiteral("INSERT INTO applications (name, name_key, scim_server_id, created_at,"
                                          " updated_at) VALUES ('AWS', 'aws', %1, '', '')")
                               .arg(id)));
        QCOMPARE(repo.applicationsUsing(id), QStringList {QStringLiteral("AWS")});
        QVERIFY(repo.remove(id).ok());
        QVERIFY(!repo.find(id).has_value());
        for (const char* table : {"server_auth", "server_mappings", "server_static_attributes", "server_options"}) {
            QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))) && query.next());
            QCOMPARE(query.value(0).toInt(), 0);
        }
        QVERIFY(query.exec(QStringLiteral("SELECT scim_server_id FROM applications")) && query.next());
        QVERIFY(query.value(0).isNull());
        QCOMPARE(repo.remove(id).error().kind, StorageError::Kind::NotFound);
    }

    void testResultAndSecretDateAreRecorded()
    {
        ServerRepository repo(m_db);
        const qint64 id = repo.create(sampleServer(QStringLiteral("A"))).value();
        const QDateTime when = QDateTime::currentDateTimeUtc().addDays(-340);
        QVERIFY(repo.setSecretStoredAt(id, when).ok());
        QVERIFY(
            repo.recordTestResult(id, QStringLiteral("warning"), QStringLiteral("Token is 340 days old"), when).ok());
        const auto stored = repo.find(id);
        QCOMPARE(stored->secretAgeDays(), 340);
        QCOMPARE(stored->lastTestVerdict, QStringLiteral("warning"));
        QCOMPARE(stored->lastTestAt.toSecsSinceEpoch(), when.toSecsSinceEpoch());
    }
};

QTEST_GUILESS_MAIN(TestServerRepository)
#include "tst_serverrepository.moc"
