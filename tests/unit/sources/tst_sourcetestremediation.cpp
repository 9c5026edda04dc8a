#include "sources/check/SourceTestRemediation.h"
#include "sources/check/SourceTestReport.h"

#include <QTest>

Q_DECLARE_METATYPE(SourceTestFinding)

namespace {

SourceTestRemediation::Facts everyFact()
{
    SourceTestRemediation::Facts facts;
    for (const char* name : {"host", "url", "baseDn", "userFilter", "groupFilter", "attributes", "expiry", "days",
             "problem", "group", "inChain", "clientSide", "error"}) {
        facts.insert(QLatin1String(name), QStringLiteral("<%1>").arg(QLatin1String(name)));
    }
    return facts;
}

SourceTestStepResult step(SourceTestStep which, ConnectionVerdict verdict)
{
    SourceTestStepResult result;
    result.step = which;
    result.verdict = verdict;
    return result;
}

} // namespace

class TestSourceTestRemediation : public QObject
{
    Q_OBJECT

private slots:
    void everyFindingIsExplained()
    {
        const QStringList promised = everyFact().keys();
        for (int i = 0; i < int(SourceTestFinding::Count); ++i) {
            const auto text = SourceTestRemediation::lookup(SourceTestFinding(i), everyFact());
            QVERIFY2(!text.cause.isEmpty() && !text.fix.isEmpty(), qPrintable(QString::number(i)));
            QVERIFY(!text.cause.contains(QLatin1Char('{')) && !text.fix.contains(QLatin1Char('{')));
            for (const QString& name : SourceTestRemediation::placeholders(SourceTestFinding(i))) {
                QVERIFY2(promised.contains(name), qPrintable(name));
            }
        }
    }

    void rows_data()
    {
        QTest::addColumn<SourceTestFinding>("finding");
        QTest::addColumn<QString>("causePart");
        QTest::addColumn<QString>("fixPart");
        QTest::newRow("no users") << SourceTestFinding::NoUsersFound
                                  << QStringLiteral("<userFilter> finds no entry below <baseDn>")
                                  << QStringLiteral("base DN");
        QTest::newRow("no groups") << SourceTestFinding::NoGroupsFound << QStringLiteral("<groupFilter>")
                                   << QStringLiteral("assign users directly");
        QTest::newRow("plain LDAP") << SourceTestFinding::NoTls << QStringLiteral("not encrypted")
                                    << QStringLiteral("StartTLS");
        QTest::newRow("expiring certificate") << SourceTestFinding::CertificateExpiresSoon
                                              << QStringLiteral("<expiry>, in <days> days") << QStringLiteral("renew");
        QTest::newRow("sample unusable") << SourceTestFinding::SampleUnusable << QStringLiteral("<problem>")
                                         << QStringLiteral("userName");
        QTest::newRow("attributes empty")
            << SourceTestFinding::SampleAttributesEmpty << QStringLiteral("<attributes>") << QStringLiteral("mapping");
        QTest::newRow("in-chain unsupported")
            << SourceTestFinding::InChainUnsupported << QStringLiteral("<error>") << QStringLiteral("client-side");
        QTest::newRow("in-chain differs") << SourceTestFinding::InChainDiffers
                                          << QStringLiteral("<inChain> users in <group>") << QStringLiteral("nesting");
    }
    void rows()
    {
        QFETCH(SourceTestFinding, finding);
        QFETCH(QString, causePart);
        QFETCH(QString, fixPart);
        const auto text = SourceTestRemediation::lookup(finding, everyFact());
        QVERIFY2(text.cause.contains(causePart), qPrintable(text.cause));
        QVERIFY2(text.fix.contains(fixPart), qPrintable(text.fix));
    }

    void factsCannotInjectPlaceholdersOrControls()
    {
        SourceTestRemediation::Facts facts = everyFact();
        facts.insert(QStringLiteral("problem"), QStringLiteral("{userFilter}\x1b[2J"));
        const auto text = SourceTestRemediation::lookup(SourceTestFinding::SampleUnusable, facts);
        QVERIFY(text.cause.contains(QStringLiteral("{userFilter}")));
        QVERIFY(!text.cause.contains(QChar(0x1b)));
    }

    void reportVerdicts()
    {
        SourceTestReport report;
        report.steps = {step(SourceTestStep::Dns, ConnectionVerdict::Pass),
            step(SourceTestStep::Groups, ConnectionVerdict::Warning)};
        QCOMPARE(report.verdict(), ConnectionVerdict::Warning);
        QVERIFY(!report.hasFailure());
        QVERIFY(report.summary().contains(SourceTestSteps::title(SourceTestStep::Groups)));
        report.steps.append(step(SourceTestStep::Users, ConnectionVerdict::Fail));
        QVERIFY(report.hasFailure());
        QVERIFY(report.summary().startsWith(QStringLiteral("Failed:")));
        report.cancelled = true;
        QCOMPARE(report.verdict(), ConnectionVerdict::Skipped);
    }

    void stepIdsAreStable()
    {
        QStringList ids;
        for (const SourceTestStep which : SourceTestSteps::all()) {
            ids.append(SourceTestSteps::id(which));
        }
        QCOMPARE(
            ids, (QStringList {"dns", "tcp", "tls", "bind", "base-dn", "users", "groups", "sample-user", "nesting"}));
    }
};

QTEST_GUILESS_MAIN(TestSourceTestRemediation)
#include "tst_sourcetestremediation.moc"
