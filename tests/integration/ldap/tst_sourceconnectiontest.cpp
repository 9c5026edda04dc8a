#include "ReadHarness.h"
#include "TestCertificateAuthority.h"

#include "sources/check/SourceConnectionTest.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(SourceTestStep)

// The guided source connection test against the shared slapd: every step on a working source,
// and the step that fails — with its cause and fix — for each kind of mistake.
class TestSourceConnectionTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_slapd = DirectoryFixture::shared(DirectoryFixture::Server::Slapd);
        QVERIFY2(m_slapd.isValid(), qPrintable(m_slapd.error()));
    }

    void everyStepPassesOnAWorkingSource()
    {
        SourceConnectionTest test(ReadHarness::source(m_slapd, "openldap"), m_slapd.readerPassword());
        QSignalSpy steps(&test, &SourceConnectionTest::stepFinished);
        const SourceTestReport report = run(test);
        QCOMPARE(steps.count(), 9);
        QVERIFY2(!report.hasFailure(), qPrintable(report.toText()));
        QCOMPARE(verdictOf(report, SourceTestStep::Tls), ConnectionVerdict::Pass);
        QVERIFY(detailsOf(report, SourceTestStep::Users).contains(QStringLiteral("1630 users")));
        QVERIFY(detailsOf(report, SourceTestStep::Groups).contains(QStringLiteral("11 groups")));
        const QString sample = detailsOf(report, SourceTestStep::SampleUser);
        QVERIFY2(sample.contains(QStringLiteral("userName ← uid|mail: ")), qPrintable(sample));
        QVERIFY2(sample.contains(QStringLiteral("Anchor (entryUUID): ")), qPrintable(sample));
        QVERIFY2(detailsOf(report, SourceTestStep::Nesting).contains(QStringLiteral("contains the group")),
            qPrintable(report.toText()));
        QVERIFY(!report.toText().contains(QString::fromUtf8(m_slapd.readerPassword())));
        qInfo("guided test of a working source:\n%s", qPrintable(report.toText()));
    }

    void mistakesFailTheirStep_data()
    {
        QTest::addColumn<QString>("mistake");
        QTest::addColumn<SourceTestStep>("step");
        QTest::addColumn<QString>("causePart");
        QTest::newRow("wrong CA") << QStringLiteral("ca") << SourceTestStep::Tls << QStringLiteral("not trusted");
        QTest::newRow("wrong password") << QStringLiteral("password") << SourceTestStep::Bind
                                        << QStringLiteral("invalidCredentials");
        QTest::newRow("password without TLS")
            << QStringLiteral("plain") << SourceTestStep::Tls << QStringLiteral("unencrypted");
        QTest::newRow("ldaps to the plain port")
            << QStringLiteral("port") << SourceTestStep::Tls << QStringLiteral("answers plain LDAP");
        QTest::newRow("no such base DN") << QStringLiteral("base") << SourceTestStep::BaseDn
                                         << QStringLiteral("does not exist");
        QTest::newRow("nothing listens") << QStringLiteral("closed") << SourceTestStep::Tcp
                                         << QStringLiteral("refused");
        QTest::newRow("no such host") << QStringLiteral("host") << SourceTestStep::Dns
                                      << QStringLiteral("does not exist");
        QTest::newRow("filter finds nobody")
            << QStringLiteral("filter") << SourceTestStep::Users << QStringLiteral("finds no entry");
    }
    void mistakesFailTheirStep()
    {
        QFETCH(QString, mistake);
        QFETCH(SourceTestStep, step);
        QFETCH(QString, causePart);
        DirectorySource source = ReadHarness::source(m_slapd, "openldap");
        QByteArray password = m_slapd.readerPassword();
        QTemporaryDir dir;
        TestCertificateAuthority otherCa(dir.path());
        if (mistake == QLatin1String("ca")) {
            QCOMPARE(otherCa.create(), QString());
            source.caFilePath = otherCa.caCertificateFile();
        } else if (mistake == QLatin1String("password")) {
            password = "wrong";
        } else if (mistake == QLatin1String("plain")) {
            source.startTls = false;
        } else if (mistake == QLatin1String("port")) {
            source.url = m_slapd.ldapUri().replace(QStringLiteral("ldap://"), QStringLiteral("ldaps://"));
            source.startTls = false;
        } else if (mistake == QLatin1String("base")) {
            source.baseDn = QStringLiteral("ou=Nowhere,") + m_slapd.baseDn();
        } else if (mistake == QLatin1String("closed")) {
            source.url = QStringLiteral("ldap://127.0.0.1:1");
        } else if (mistake == QLatin1String("host")) {
            source.url = QStringLiteral("ldaps://no-such-host.invalid");
        } else if (mistake == QLatin1String("filter")) {
            source.userFilter = QStringLiteral("(objectClass=nothingHasThis)");
        }
        SourceConnectionTest test(source, password);
        const SourceTestReport report = run(test);
        QVERIFY(report.hasFailure());
        const SourceTestStepResult& failed = report.steps.at(SourceTestSteps::all().indexOf(step));
        QVERIFY2(failed.isFailure(), qPrintable(report.toText()));
        QVERIFY2(failed.cause.contains(causePart), qPrintable(report.toText()));
        QVERIFY(!failed.fix.isEmpty());
        const bool blocks = SourceTestSteps::failureBlocks(step);
        for (int i = SourceTestSteps::all().indexOf(step) + 1; i < report.steps.size(); ++i) {
            if (blocks) {
                QCOMPARE(report.steps.at(i).verdict, ConnectionVerdict::Skipped);
            }
        }
        if (mistake == QLatin1String("filter")) {
            QCOMPARE(verdictOf(report, SourceTestStep::Groups), ConnectionVerdict::Pass);
            QCOMPARE(verdictOf(report, SourceTestStep::SampleUser), ConnectionVerdict::Skipped);
        }
    }

    // Directories start with entries no one provisions (Active Directory's krbtgt and Guest have no
    // userPrincipalName): the sample is the first user a sync could use; those before it are counted.
    void sampleSkipsEntriesASyncCannotUse()
    {
        DirectorySource source = ReadHarness::source(m_slapd, "openldap");
        // The organizational units come before the people below them and have no uid or mail.
        source.userFilter = QStringLiteral("(|(objectClass=inetOrgPerson)(objectClass=organizationalUnit))");
        SourceConnectionTest test(source, m_slapd.readerPassword());
        const SourceTestReport report = run(test);
        QVERIFY2(verdictOf(report, SourceTestStep::SampleUser) != ConnectionVerdict::Fail, qPrintable(report.toText()));
        const QString sample = detailsOf(report, SourceTestStep::SampleUser);
        QVERIFY2(sample.contains(QStringLiteral("userName ← uid|mail: ")), qPrintable(sample));
        QVERIFY2(sample.contains(QStringLiteral("Passed over before it, as a sync would:")), qPrintable(sample));
        QVERIFY2(sample.contains(QStringLiteral("(mapped to userName)")), qPrintable(sample));

        source.userFilter = QStringLiteral("(objectClass=organizationalUnit)");
        SourceConnectionTest none(source, m_slapd.readerPassword());
        const SourceTestReport failed = run(none);
        const SourceTestStepResult& step = failed.steps.at(SourceTestSteps::all().indexOf(SourceTestStep::SampleUser));
        QCOMPARE(step.verdict, ConnectionVerdict::Fail);
        QVERIFY2(step.cause.contains(QStringLiteral("None of the first users the filter finds can be used")),
            qPrintable(step.cause));
        QVERIFY(!step.fix.isEmpty());
    }

    void inChainOnOpenLdapIsExplained()
    {
        DirectorySource source = ReadHarness::source(m_slapd, "openldap");
        source.nesting = GroupNesting::MatchingRuleInChain;
        SourceConnectionTest test(source, m_slapd.readerPassword());
        const SourceTestReport report = run(test);
        const SourceTestStepResult& nesting = report.steps.at(SourceTestSteps::all().indexOf(SourceTestStep::Nesting));
        qInfo("in-chain on OpenLDAP: %s / %s", qPrintable(nesting.cause), qPrintable(nesting.fix));
        QCOMPARE(nesting.verdict, ConnectionVerdict::Fail);
        QVERIFY2(nesting.cause.contains(QStringLiteral("LDAP_MATCHING_RULE_IN_CHAIN")), qPrintable(nesting.cause));
        QVERIFY2(nesting.fix.contains(QStringLiteral("client-side")), qPrintable(nesting.fix));
    }

    void cancelEndsTheTest()
    {
        SourceConnectionTest test(ReadHarness::source(m_slapd, "openldap"), m_slapd.readerPassword());
        QSignalSpy finished(&test, &SourceConnectionTest::finished);
        QSignalSpy started(&test, &SourceConnectionTest::stepStarted);
        test.start();
        QVERIFY(started.wait());
        QElapsedTimer clock;
        clock.start();
        test.cancel();
        QVERIFY(finished.count() == 1 || finished.wait());
        qInfo("cancelled guided test finished %lld ms after cancel()", clock.elapsed());
        QVERIFY(clock.elapsed() < 2000);
        QVERIFY(test.report().cancelled);
        QCOMPARE(test.report().verdict(), ConnectionVerdict::Skipped);
    }

private:
    static SourceTestReport run(SourceConnectionTest& test)
    {
        QSignalSpy finished(&test, &SourceConnectionTest::finished);
        test.start();
        if (!finished.wait(60000)) {
            return {};
        }
        return finished.first().first().value<SourceTestReport>();
    }

    static ConnectionVerdict verdictOf(const SourceTestReport& report, SourceTestStep step)
    {
        return report.steps.value(SourceTestSteps::all().indexOf(step)).verdict;
    }

    static QString detailsOf(const SourceTestReport& report, SourceTestStep step)
    {
        return report.steps.value(SourceTestSteps::all().indexOf(step)).details.join(QLatin1Char('\n'));
    }

    DirectoryFixture m_slapd;
};

QTEST_GUILESS_MAIN(TestSourceConnectionTest)
#include "tst_sourceconnectiontest.moc"
