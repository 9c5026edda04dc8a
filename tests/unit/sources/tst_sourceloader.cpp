#include "ScriptedSourceReader.h"
#include "SourceReadFixture.h"

#include "sources/SourceLoader.h"
#include "storage/Database.h"
#include "storage/SourceRepository.h"

#include <QTemporaryDir>
#include <QTest>

// SourceLoader decides between a delta and a full read, falls back to a full read when the
// directory or the cache refuses the delta, and keeps the cache untouched on a failed read.
class TestSourceLoader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    DirectorySource m_source;
    std::shared_ptr<ScriptedSourceReader::Script> m_script;
    std::atomic_bool m_cancelled {false};

    static SourceReadFixture directory()
    {
        SourceReadFixture d;
        d.addUser(QStringLiteral("u1"), QStringLiteral("uid=ann,ou=people,dc=example,dc=org"), QStringLiteral("ann"));
        d.addUser(QStringLiteral("u2"), QStringLiteral("uid=ben,ou=people,dc=example,dc=org"), QStringLiteral("ben"));
        d.addGroup(QStringLiteral("g1"), QStringLiteral("cn=devs,ou=groups,dc=example,dc=org"), QStringLiteral("devs"));
        d.addMember(QStringLiteral("g1"), QStringLiteral("uid=ann,ou=people,dc=example,dc=org"));
        return d;
    }

    Result<SourceLoadSummary, SourceReadError> load(bool forceFull = false)
    {
        ScriptedSourceReader reader(m_script);
        return SourceLoader(m_db, m_source, reader).load(QByteArrayLiteral(" pass word "), forceFull, m_cancelled);
    }

private slots:
    void init()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction())));
        QVERIFY(db.ok());
        m_db = db.value();
        m_source = DirectorySource();
        m_source.name = QStringLiteral("OpenLDAP");
        m_source.url = QStringLiteral("ldap://ldap.example.org");
        m_source.startTls = true;
        m_source.baseDn = QStringLiteral("dc=example,dc=org");
        m_source.userFilter = QStringLiteral("(objectClass=inetOrgPerson)");
        m_source.groupFilter = QStringLiteral("(objectClass=groupOfNames)");
        m_source.anchorAttribute = QStringLiteral("entryUUID");
        m_source.userMappings = {{QStringLiteral("userName"), QStringLiteral("uid")}};
        auto id = SourceRepository(m_db).create(m_source);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
        m_source.id = id.value();
        m_script = std::make_shared<ScriptedSourceReader::Script>();
    }

    void cleanup() { m_db.reset(); }

    void firstReadIsFullThenDeltas()
    {
        SourceReadFixture d = directory();
        m_script->answers << d.full(QStringLiteral("20260101000000.000001Z#000000#000#000000"));
        auto first = load();
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
        QVERIFY(!first->delta);
        QCOMPARE(first->users, 2);
        QCOMPARE(first->groups, 1);
        QVERIFY(m_script->requests.at(0).full);
        QCOMPARE(m_script->passwords.at(0), QByteArrayLiteral(" pass word ")); // exactly as given

        d.user(QStringLiteral("u2")).user.email = QStringLiteral("ben@example.org");
        m_script->answers << d.delta(
            {QStringLiteral("u2")}, QStringLiteral("20260102000000.000001Z#000000#000#000000"));
        auto second = load();
        QVERIFY(second.ok());
        QVERIFY(second->delta);
        QCOMPARE(second->changes.usersUpdated, 1);
        const SourceReadRequest& request = m_script->requests.at(1);
        QVERIFY(!request.full);
        QCOMPARE(request.sinceHighWaterMark, QStringLiteral("20260101000000.000001Z#000000#000#000000"));
        QCOMPARE(request.expectedServerIdentity, QStringLiteral("dc1-invocation"));

        m_script->answers << d.full(QStringLiteral("3"));
        QVERIFY(load(true).ok());
        QVERIFY(m_script->requests.at(2).full);
    }

    void refusedDeltaFallsBackToAFullRead()
    {
        SourceReadFixture d = directory();
        m_script->answers << d.full(QStringLiteral("1"));
        QVERIFY(load().ok());
        m_script->answers << ScriptedSourceReader::error(
            SourceReadError::Kind::DeltaNotPossible, QStringLiteral("another domain controller answered"));
        m_script->answers << d.full(QStringLiteral("2"));
        auto loaded = load();
        QVERIFY(loaded.ok());
        QVERIFY(loaded->fellBackToFull);
        QCOMPARE(loaded->fallbackReason, QStringLiteral("another domain controller answered"));
        QCOMPARE(m_script->requests.size(), 3);
        QVERIFY(!m_script->requests.at(1).full);
        QVERIFY(m_script->requests.at(2).full);
    }

    void deltaTheCacheRefusesFallsBackToAFullRead()
    {
        SourceReadFixture d = directory();
        m_script->answers << d.full(QStringLiteral("1"));
        QVERIFY(load().ok());
        d.addUser(QStringLiteral("u3"), QStringLiteral("uid=cy,ou=people,dc=example,dc=org"), QStringLiteral("cy"));
        m_script->answers << d.delta({}, QStringLiteral("2")); // names u3 without returning it
        m_script->answers << d.full(QStringLiteral("2"));
        auto loaded = load();
        QVERIFY(loaded.ok());
        QVERIFY(loaded->fellBackToFull);
        QCOMPARE(loaded->users, 3);
    }

    void failedReadLeavesTheCacheAsItWas()
    {
        SourceReadFixture d = directory();
        m_script->answers << d.full(QStringLiteral("1"));
        QVERIFY(load().ok());
        m_script->answers << ScriptedSourceReader::error(
            SourceReadError::Kind::SizeLimit, QStringLiteral("size limit"));
        auto failed = load(true);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().kind, SourceReadError::Kind::SizeLimit);
        const auto state = SourceCache(m_db, m_source.id).state();
        QCOMPARE(state->highWaterMark, QStringLiteral("1"));
        QCOMPARE(state->users, 2);
    }
};

QTEST_GUILESS_MAIN(TestSourceLoader)
#include "tst_sourceloader.moc"
