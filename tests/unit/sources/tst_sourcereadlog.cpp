#include "ScriptedSourceReader.h"
#include "SourceReadFixture.h"

#include "sources/SourceCache.h"
#include "sources/SourceLoader.h"
#include "sources/SourceReadLog.h"
#include "storage/Database.h"
#include "storage/SourceRepository.h"

#include <QTemporaryDir>
#include <QTest>

// The last read attempt of a source (what the Directory Sources page shows as "last read"):
// every load records its outcome, failures included, except a cancel; and changing what a
// source reads makes its next read a full one.
class TestSourceReadLog : public QObject
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
        d.addUser(QStringLiteral("u1"), QStringLiteral("uid=ann,dc=example,dc=org"), QStringLiteral("ann"));
        d.addUser(QStringLiteral("u2"), QStringLiteral("uid=ben,dc=example,dc=org"), QStringLiteral("ben"));
        d.addGroup(QStringLiteral("g1"), QStringLiteral("cn=devs,dc=example,dc=org"), QStringLiteral("devs"));
        return d;
    }

    Result<SourceLoadSummary, SourceReadError> load()
    {
        ScriptedSourceReader reader(m_script);
        return SourceLoader(m_db, m_source, reader).load({}, false, m_cancelled);
    }

private slots:
    void init()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction())));
        QVERIFY(db.ok());
        m_db = db.value();
        m_source = DirectorySource();
        m_source.name = QStringLiteral("OpenLDAP");
        m_source.url = QStringLiteral("ldaps://ldap.example.org");
        m_source.baseDn = QStringLiteral("dc=example,dc=org");
        m_source.userFilter = QStringLiteral("(objectClass=inetOrgPerson)");
        m_source.groupFilter = QStringLiteral("(objectClass=groupOfNames)");
        m_source.anchorAttribute = QStringLiteral("entryUUID");
        m_source.userMappings = {{QStringLiteral("userName"), QStringLiteral("uid")}};
        auto id = SourceRepository(m_db).create(m_source);
        QVERIFY(id.ok());
        m_source.id = id.value();
        m_script = std::make_shared<ScriptedSourceReader::Script>();
    }

    void cleanup() { m_db.reset(); }

    void nothingBeforeTheFirstRead() { QVERIFY(!SourceReadLog(m_db).last(m_source.id)); }

    void aCompleteReadIsRecordedWithItsCounts()
    {
        m_script->answers << directory().full(QStringLiteral("csn-1"));
        QVERIFY(load().ok());
        const auto attempt = SourceReadLog(m_db).last(m_source.id);
        QVERIFY(attempt);
        QVERIFY(attempt->succeeded);
        QVERIFY(!attempt->delta);
        QCOMPARE(attempt->users, 2);
        QCOMPARE(attempt->groups, 1);
        QVERIFY(attempt->message.isEmpty());
        QVERIFY(qAbs(attempt->attemptedAt.secsTo(QDateTime::currentDateTimeUtc())) < 3600);
    }

    void aFailureIsRecordedAndTheCacheKeepsTheLastCompleteRead()
    {
        m_script->answers << directory().full(QStringLiteral("csn-1"));
        QVERIFY(load().ok());
        SourceReadError error = ScriptedSourceReader::error(SourceReadError::Kind::Bind, QStringLiteral("Bind refused."));
        error.remedy = QStringLiteral("Check the bind password.");
        m_script->answers << Result<SourceRead, SourceReadError>(error);
        QVERIFY(!load().ok());
        const auto attempt = SourceReadLog(m_db).last(m_source.id);
        QVERIFY(attempt);
        QVERIFY(!attempt->succeeded);
        QCOMPARE(attempt->message, QStringLiteral("Bind refused. Check the bind password."));
        const auto state = SourceCache(m_db, m_source.id).state();
        QVERIFY(state);
        QCOMPARE(state->users, 2);
    }

    void aCancelLeavesTheLastOutcome()
    {
        m_script->answers << directory().full(QStringLiteral("csn-1"));
        QVERIFY(load().ok());
        m_script->answers << Result<SourceRead, SourceReadError>(
            ScriptedSourceReader::error(SourceReadError::Kind::Cancelled, QStringLiteral("Cancelled.")));
        QVERIFY(!load().ok());
        QVERIFY(SourceReadLog(m_db).last(m_source.id)->succeeded);
    }

    void changingWhatIsReadForgetsTheLastRead()
    {
        m_script->answers << directory().full(QStringLiteral("csn-1"));
        QVERIFY(load().ok());
        const qint64 annId = SourceCache(m_db, m_source.id).findUsers(QStringLiteral("ann")).at(0).id;
        SourceRepository repository(m_db);

        m_source.description = QStringLiteral("only the description");
        QVERIFY(repository.update(m_source).ok());
        QVERIFY2(SourceCache(m_db, m_source.id).state(), "a change that reads the same keeps the read");

        m_source.userFilter = QStringLiteral("(&(objectClass=inetOrgPerson)(ou=Engineering))");
        QVERIFY(repository.update(m_source).ok());
        QVERIFY2(!SourceCache(m_db, m_source.id).state(), "a delta against the old filter would mix both");
        // The next read is a full one, and users keep their local ids (assignments name them).
        m_script->answers << directory().full(QStringLiteral("csn-2"));
        QVERIFY(load().ok());
        QVERIFY(m_script->requests.last().full);
        QCOMPARE(SourceCache(m_db, m_source.id).findUsers(QStringLiteral("ann")).at(0).id, annId);
    }
};

QTEST_GUILESS_MAIN(TestSourceReadLog)
#include "tst_sourcereadlog.moc"
