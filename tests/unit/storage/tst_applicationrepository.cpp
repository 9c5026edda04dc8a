#include "storage/ApplicationRepository.h"
#include "storage/Database.h"
#include "storage/ServerRepository.h"
#include "validation/AssignmentValidator.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestApplicationRepository : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;

    qint64 addUser(const QString& userName)
    {
        QSqlQuery query(m_db->connection());
        query.prepare(QStringLiteral("INSERT INTO directory_users (object_id, user_name, user_name_key, created_at,"
                                     " updated_at) VALUES (?, ?, ?, '', '')"));
        query.addBindValue(userName + QStringLiteral("-oid"));
        query.addBindValue(userName);
        query.addBindValue(userName.toLower());
        if (!query.exec()) {
            return 0;
        }
        return query.lastInsertId().toLongLong();
    }

private slots:
    void init()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction())));
        QVERIFY(db.ok());
        m_db = db.value();
    }

    void cleanup() { m_db.reset(); }

    void roundTripWithAssignment()
    {
        ApplicationRepository apps(m_db);
        Application app;
        app.name = QStringLiteral("AWS");
        app.signInProtocol = QStringLiteral("SAML 2.0");
        app.assignment.userIds = {addUser(QStringLiteral("ada")), addUser(QStringLiteral("alan"))};
        app.assignment.scopingFilters = {{QStringLiteral("Engineers"),
            {{QStringLiteral("department"), ClauseOperator::Equals, QStringLiteral("Engineering")},
                {QStringLiteral("active"), ClauseOperator::IsTrue, {}}}}};
        auto id = apps.create(app);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
        const auto stored = apps.find(id.value());
        QVERIFY(stored.has_value());
        QCOMPARE(stored->signInProtocol, app.signInProtocol);
        QVERIFY(stored->assignment == app.assignment);
        QCOMPARE(stored->scimServerId, 0);
    }

    void assignScimServerLikeTheSeedFlow()
    {
        ServerRepository servers(m_db);
        ScimServer server;
        server.name = QStringLiteral("AWS SCIM Server");
        server.url = QStringLiteral("https://scim.us-east-1.amazonaws.com/t/scim/v2/");
        const qint64 serverId = servers.create(server).value();
        ApplicationRepository apps(m_db);
        Application app;
        app.name = QStringLiteral("AWS");
        const qint64 appId = apps.create(app).value();

        QVERIFY(apps.setScimServer(appId, serverId).ok());
        QCOMPARE(apps.find(appId)->scimServerId, serverId);
        QCOMPARE(servers.applicationsUsing(serverId), QStringList {QStringLiteral("AWS")});

        auto missing = apps.setScimServer(appId, serverId + 100);
        QVERIFY(!missing.ok());
        QCOMPARE(apps.find(appId)->scimServerId, serverId);
        QVERIFY(apps.setScimServer(appId, 0).ok());
        QCOMPARE(apps.find(appId)->scimServerId, 0);
    }

    QString storedFiltersJson(qint64 applicationId) const
    {
        QSqlQuery query(m_db->connection());
        query.prepare(QStringLiteral("SELECT scoping_filters_json FROM assignments WHERE application_id = ?"));
        query.addBindValue(applicationId);
        return query.exec() && query.next() ? query.value(0).toString() : QString();
    }

    void invalidScopingFilterIsRefusedAndNothingWritten()
    {
        ApplicationRepository apps(m_db);
        const ScopingClause badRegex {QStringLiteral("department"), ClauseOperator::MatchesRegex, QStringLiteral("[")};
        Application app;
        app.name = QStringLiteral("AWS");
        app.assignment.userIds = {addUser(QStringLiteral("ada"))};
        app.assignment.scopingFilters = {{QStringLiteral("Engineers"), {badRegex}}};
        auto created = apps.create(app);
        QVERIFY(!created.ok());
        QCOMPARE(created.error().kind, StorageError::Kind::Validation);
        QCOMPARE(created.error().field, QStringLiteral("assignment.scopingFilters[0].clauses[0].value"));
        QCOMPARE(created.error().message,
            QStringLiteral("Engineers, condition 1: ") + AssignmentValidator::clauseError(badRegex));
        QSqlQuery count(m_db->connection());
        for (const char* table : {"applications", "assignments", "assignment_users", "assignment_groups"}) {
            QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))) && count.next());
            QCOMPARE(count.value(0).toInt(), 0);
        }

        // Updating a valid application with the bad filter keeps what was stored.
        app.assignment.scopingFilters = {{QStringLiteral("Engineers"),
            {{QStringLiteral("department"), ClauseOperator::Equals, QStringLiteral("E")}}}};
        app.id = apps.create(app).value();
        const QString before = storedFiltersJson(app.id);
        Application changed = *apps.find(app.id);
        changed.description = QStringLiteral("changed");
        changed.assignment.scopingFilters.append({QStringLiteral("Bad"), {badRegex}});
        auto updated = apps.update(changed);
        QVERIFY(!updated.ok());
        QCOMPARE(updated.error().field, QStringLiteral("assignment.scopingFilters[1].clauses[0].value"));
        QCOMPARE(storedFiltersJson(app.id), before);
        QVERIFY(apps.find(app.id)->description.isEmpty());

        // A filter without conditions would put everyone in scope: refused as well.
        changed.assignment.scopingFilters = {{QStringLiteral("Empty"), {}}};
        QCOMPARE(apps.update(changed).error().field, QStringLiteral("assignment.scopingFilters[0]"));
        QCOMPARE(storedFiltersJson(app.id), before);
    }

    void duplicateNameAndMissingUserRollBack()
    {
        ApplicationRepository apps(m_db);
        Application app;
        app.name = QStringLiteral("Salesforce");
        QVERIFY(apps.create(app).ok());
        app.name = QStringLiteral(" salesforce ");
        QCOMPARE(apps.create(app).error().kind, StorageError::Kind::Duplicate);

        Application broken;
        broken.name = QStringLiteral("GitHub");
        broken.assignment.userIds = {424242};
        auto result = apps.create(broken);
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains(QLatin1String("no longer exists")));
        QVERIFY(!apps.findByName(QStringLiteral("GitHub")).has_value());
    }
};

QTEST_GUILESS_MAIN(TestApplicationRepository)
#include "tst_applicationrepository.moc"
