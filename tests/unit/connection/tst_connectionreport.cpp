#include <connection/ConnectionReport.h>

#include <QTest>

namespace {

ConnectionStepResult result(ConnectionStep step, ConnectionVerdict verdict, const QString& cause = {})
{
    ConnectionStepResult r;
    r.step = step;
    r.verdict = verdict;
    r.durationMs = 12;
    r.checked = QStringLiteral("checked %1").arg(ConnectionSteps::id(step));
    r.cause = cause;
    if (!cause.isEmpty())
        r.fix = QStringLiteral("fix for %1").arg(ConnectionSteps::id(step));
    return r;
}

} // namespace

class TestConnectionReport : public QObject
{
    Q_OBJECT

private slots:
    void verdictIsTheWorstStep_data();
    void verdictIsTheWorstStep();
    void summaryNamesTheFailingStep();
    void textListsEveryStep();
    void verdictIds();
};

void TestConnectionReport::verdictIsTheWorstStep_data()
{
    QTest::addColumn<QList<int>>("verdicts");
    QTest::addColumn<bool>("cancelled");
    QTest::addColumn<QString>("expected");
    const int pass = int(ConnectionVerdict::Pass);
    const int warning = int(ConnectionVerdict::Warning);
    const int fail = int(ConnectionVerdict::Fail);
    const int skipped = int(ConnectionVerdict::Skipped);
    QTest::newRow("all pass") << QList<int> {pass, pass, pass} << false << "pass";
    QTest::newRow("skipped counts as pass") << QList<int> {pass, skipped, pass} << false << "pass";
    QTest::newRow("one warning") << QList<int> {pass, warning, pass} << false << "warning";
    QTest::newRow("fail beats warning") << QList<int> {warning, fail, skipped} << false << "fail";
    QTest::newRow("cancelled proves nothing") << QList<int> {pass, skipped} << true << "skipped";
}

void TestConnectionReport::verdictIsTheWorstStep()
{
    QFETCH(QList<int>, verdicts);
    QFETCH(bool, cancelled);
    QFETCH(QString, expected);
    ConnectionReport report;
    report.cancelled = cancelled;
    const QList<ConnectionStep> steps = ConnectionSteps::all();
    for (int i = 0; i < verdicts.size(); ++i)
        report.steps << result(steps.at(i), ConnectionVerdict(verdicts.at(i)));
    QCOMPARE(ConnectionVerdicts::id(report.verdict()), expected);
}

void TestConnectionReport::summaryNamesTheFailingStep()
{
    ConnectionReport report;
    report.steps << result(ConnectionStep::Url, ConnectionVerdict::Pass)
                 << result(ConnectionStep::Reachability, ConnectionVerdict::Warning, QStringLiteral("slowish"))
                 << result(ConnectionStep::Authentication, ConnectionVerdict::Fail, QStringLiteral("token rejected"))
                 << result(ConnectionStep::TokenAge, ConnectionVerdict::Skipped);
    QVERIFY(report.summary().contains(ConnectionSteps::title(ConnectionStep::Authentication)));
    QVERIFY(report.summary().contains(QLatin1String("token rejected")));

    report.steps[2].verdict = ConnectionVerdict::Pass;
    QVERIFY(report.summary().contains(QLatin1String("warnings")));
    QVERIFY(report.summary().contains(ConnectionSteps::title(ConnectionStep::Reachability)));
}

void TestConnectionReport::textListsEveryStep()
{
    ConnectionReport report;
    report.serverName = QStringLiteral("Prod AWS");
    report.url = QStringLiteral("https://scim.us-east-1.amazonaws.com/t/scim/v2/");
    report.startedAt = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), Qt::UTC);
    for (ConnectionStep step : ConnectionSteps::all())
        report.steps << result(step, ConnectionVerdict::Pass);
    report.steps[2] = result(ConnectionStep::Authentication, ConnectionVerdict::Fail, QStringLiteral("401 here"));
    report.steps[2].requestId = QStringLiteral("req-123");
    report.steps[2].details << QStringLiteral("The server said: nope");
    report.steps[3].verdict = ConnectionVerdict::Skipped;

    const QString text = report.toText();
    QVERIFY(text.contains(QLatin1String("Prod AWS")));
    QVERIFY(text.contains(report.url));
    QVERIFY(text.contains(QLatin1String("2025-01-02T03:04:05Z")));
    for (ConnectionStep step : ConnectionSteps::all())
        QVERIFY2(text.contains(ConnectionSteps::title(step)), qPrintable(ConnectionSteps::id(step)));
    QVERIFY(text.contains(QLatin1String("Cause: 401 here")));
    QVERIFY(text.contains(QLatin1String("Fix: fix for authentication")));
    QVERIFY(text.contains(QLatin1String("Server request id: req-123")));
    QVERIFY(text.contains(QLatin1String("- The server said: nope")));
    QVERIFY(text.contains(QLatin1String("[Failed]")));
    // A skipped step has no duration.
    const QString skippedLine
        = text.section(QLatin1Char('\n'), 0, -1).split(QLatin1Char('\n')).filter(QLatin1String("[Skipped]")).value(0);
    QVERIFY(!skippedLine.isEmpty());
    QVERIFY(!skippedLine.contains(QLatin1String(" ms)")));
}

void TestConnectionReport::verdictIds()
{
    QCOMPARE(ConnectionVerdicts::id(ConnectionVerdict::Pass), QStringLiteral("pass"));
    QCOMPARE(ConnectionVerdicts::id(ConnectionVerdict::Warning), QStringLiteral("warning"));
    QCOMPARE(ConnectionVerdicts::id(ConnectionVerdict::Fail), QStringLiteral("fail"));
    QCOMPARE(ConnectionVerdicts::id(ConnectionVerdict::Skipped), QStringLiteral("skipped"));
    QStringList ids;
    for (ConnectionStep step : ConnectionSteps::all())
        ids << ConnectionSteps::id(step);
    ids.removeDuplicates();
    QCOMPARE(ids.size(), ConnectionSteps::all().size());
}

QTEST_GUILESS_MAIN(TestConnectionReport)
#include "tst_connectionreport.moc"
