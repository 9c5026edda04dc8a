// scimdesk-cli plans that say what happens, against the AWS emulator in this process: counts of
// objects and requests, labelled member ids, users skipped with reason and fix (and exit 1),
// values filled in only when the server's options allow it and then listed, the operations an
// update really sends, and the server options `servers add|edit` sets.
#include "CliHarness.h"

#include "AwsScimEmulator.h"

#include <QJsonArray>
#include <QTest>

namespace {
using Run = CliHarness::Run;

QStringList words(const char* text)
{
    return CliHarness::words(text);
}

QJsonObject planOf(const Run& run)
{
    return run.json().value(QLatin1String("plan")).toObject();
}

QJsonObject countsOf(const QJsonObject& plan, const char* which)
{
    return plan.value(QLatin1String("counts")).toObject().value(QLatin1String(which)).toObject();
}

QJsonObject operationOf(const QJsonObject& plan, const QString& kind)
{
    for (const QJsonValue& operation : plan.value(QLatin1String("operations")).toArray()) {
        if (operation.toObject().value(QLatin1String("kind")).toString() == kind) {
            return operation.toObject();
        }
    }
    return {};
}
} // namespace

class TestCliPlan : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void countsSeparateObjectsAndRequestsAndLabelMembers();
    void userMissingARequiredValueIsSkippedAndApplyExitsOne();
    void filledValuesOnlyWhenTheServerAllowsThemAndListed();
    void serverOptionsForDeprovisioningAndThreshold();
    void matchOfAnotherDirectoryUserIsSkippedNotLinked();
    void previewShowsTheOperationsReallySent();

private:
    void addUser(const char* userName, const char* familyName = "Smith");
    void setUpServerAndApp();

    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<CliHarness> m_cli;
};

void TestCliPlan::init()
{
    m_emulator = std::make_unique<AwsScimEmulator>();
    QVERIFY(m_emulator->listen());
    m_cli = std::make_unique<CliHarness>();
    QVERIFY(m_cli->isValid());
}

void TestCliPlan::cleanup()
{
    m_cli.reset();
    m_emulator.reset();
}

void TestCliPlan::addUser(const char* userName, const char* familyName)
{
    QStringList arguments = words("directory users add --given-name Given");
    arguments << QStringLiteral("--display-name") << QStringLiteral("Given Person") << QStringLiteral("--user-name")
              << QLatin1String(userName) << QStringLiteral("--email") << QLatin1String(userName);
    if (*familyName) {
        arguments << QStringLiteral("--family-name") << QLatin1String(familyName);
    }
    const Run run = m_cli->run(arguments);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void TestCliPlan::setUpServerAndApp()
{
    Run run = m_cli->runWithToken(QStringList {QStringLiteral("servers"), QStringLiteral("add"),
        QStringLiteral("--name"), QStringLiteral("Sandbox"), QStringLiteral("--type"),
        QStringLiteral("aws-iam-identity-center"), QStringLiteral("--url"), m_emulator->baseUrl().toString()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = m_cli->run(words("apps add --name App --server Sandbox --all-users"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

void TestCliPlan::countsSeparateObjectsAndRequestsAndLabelMembers()
{
    addUser("a@example.com");
    addUser("b@example.com");
    QCOMPARE(m_cli->run(words("directory groups add --name Team --add-member a@example.com --add-member b@example.com"))
                 .exitCode,
        0);
    setUpServerAndApp();
    QCOMPARE(m_cli->run(words("apps edit App --assign-group Team")).exitCode, 0);
    Run run = m_cli->runWithToken(words("sync App --apply --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY(run.isOneJsonDocument());
    QJsonObject plan = planOf(run);
    // Every kind, zero counts included.
    QCOMPARE(countsOf(plan, "objects").size(), 11);
    QCOMPARE(countsOf(plan, "requests").size(), 11);
    QCOMPARE(countsOf(plan, "objects").value(QLatin1String("delete-group")).toInt(-1), 0);
    QCOMPARE(countsOf(plan, "objects").value(QLatin1String("create-user")).toInt(), 2);
    QCOMPARE(countsOf(plan, "requests").value(QLatin1String("create-group")).toInt(), 1);
    // Members sent on create carry both labelled ids; the users are created in the same run.
    const QJsonArray created
        = operationOf(plan, QStringLiteral("create-group")).value(QLatin1String("members")).toArray();
    QCOMPARE(created.size(), 2);
    QVERIFY(!created.first().toObject().value(QLatin1String("directoryObjectId")).toString().isEmpty());
    QVERIFY(created.first().toObject().value(QLatin1String("targetId")).isNull());

    // Both leave the group: two members removed in one request.
    QCOMPARE(m_cli
                 ->run(words("directory groups edit Team --remove-member a@example.com --remove-member "
                             "b@example.com"))
                 .exitCode,
        0);
    run = m_cli->runWithToken(words("sync App --dry-run --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    plan = planOf(run);
    QCOMPARE(countsOf(plan, "objects").value(QLatin1String("remove-members")).toInt(), 2);
    QCOMPARE(countsOf(plan, "requests").value(QLatin1String("remove-members")).toInt(), 1);
    QCOMPARE(plan.value(QLatin1String("writeCount")).toInt(), 1);
    const QJsonArray removed
        = operationOf(plan, QStringLiteral("remove-members")).value(QLatin1String("members")).toArray();
    QCOMPARE(removed.size(), 2);
    const QString aId
        = m_emulator->findUserByUserName(QStringLiteral("a@example.com")).value(QLatin1String("id")).toString();
    const QString aObject = m_cli->run(words("directory users show a@example.com --json"))
                                .json()
                                .value(QLatin1String("objectId"))
                                .toString();
    bool foundA = false;
    for (const QJsonValue& member : removed) {
        const QJsonObject ids = member.toObject();
        foundA = foundA
            || (ids.value(QLatin1String("targetId")).toString() == aId
                && ids.value(QLatin1String("directoryObjectId")).toString() == aObject);
    }
    QVERIFY2(foundA, qPrintable(QJsonDocument(removed).toJson()));
    run = m_cli->runWithToken(words("sync App --dry-run"));
    QVERIFY2(run.out.contains(QStringLiteral("remove-members (2 members in 1 request); 1 write request")),
        qPrintable(run.out));
}

void TestCliPlan::userMissingARequiredValueIsSkippedAndApplyExitsOne()
{
    addUser("complete@example.com");
    addUser("nofamily@example.com", "");
    setUpServerAndApp();
    Run run = m_cli->runWithToken(words("sync App --apply --json"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.isOneJsonDocument());
    const QJsonArray skipped = planOf(run).value(QLatin1String("validationFailures")).toArray();
    QCOMPARE(skipped.size(), 1);
    const QJsonObject failure = skipped.first().toObject();
    QCOMPARE(failure.value(QLatin1String("displayName")).toString(), QStringLiteral("nofamily@example.com"));
    QVERIFY(failure.value(QLatin1String("reason")).toString().contains(QLatin1String("name.familyName")));
    QVERIFY2(failure.value(QLatin1String("fix")).toString().contains(QLatin1String("--fill-missing")),
        qPrintable(failure.value(QLatin1String("fix")).toString()));
    // Nothing invented by default, and nothing sent for the skipped user.
    QVERIFY(planOf(run).value(QLatin1String("filledValues")).toArray().isEmpty());
    const QJsonObject summary = run.json().value(QLatin1String("run")).toObject();
    QCOMPARE(summary.value(QLatin1String("status")).toString(), QStringLiteral("partial"));
    QCOMPARE(summary.value(QLatin1String("skipped")).toInt(), 1);
    QCOMPARE(summary.value(QLatin1String("skippedObjects")).toInt(), 1);
    QCOMPARE(summary.value(QLatin1String("failed")).toInt(), 0);
    QCOMPARE(m_emulator->userCount(), 1);
    QVERIFY(m_emulator->findUserByUserName(QStringLiteral("nofamily@example.com")).isEmpty());

    run = m_cli->runWithToken(words("sync App --dry-run"));
    QCOMPARE(run.exitCode, 0); // a dry run reports; only an apply fails
    QVERIFY2(run.out.contains(QStringLiteral("skipped: nofamily@example.com")), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("fix: ")));
}

void TestCliPlan::filledValuesOnlyWhenTheServerAllowsThemAndListed()
{
    addUser("nofamily@example.com", "");
    setUpServerAndApp();
    Run run = m_cli->runWithToken(words("servers edit Sandbox --fill-missing names-from-display-name --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.json().value(QLatin1String("fillMissing")).toArray(),
        QJsonArray {QStringLiteral("names-from-display-name")});
    run = m_cli->runWithToken(words("sync App --apply --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const QJsonObject plan = planOf(run);
    const QJsonArray filled = plan.value(QLatin1String("filledValues")).toArray();
    QCOMPARE(filled.size(), 1);
    QCOMPARE(filled.first().toObject().value(QLatin1String("displayName")).toString(),
        QStringLiteral("nofamily@example.com"));
    bool warned = false;
    for (const QJsonValue& warning : plan.value(QLatin1String("warnings")).toArray()) {
        warned = warned
            || (warning.toString().contains(QLatin1String("nofamily@example.com"))
                && warning.toString().contains(QLatin1String("name.familyName from displayName")));
    }
    QVERIFY(warned);
    const QJsonObject user = m_emulator->findUserByUserName(QStringLiteral("nofamily@example.com"));
    QCOMPARE(user.value(QLatin1String("name")).toObject().value(QLatin1String("familyName")).toString(),
        QStringLiteral("Person"));

    QCOMPARE(m_cli->run(words("servers edit Sandbox --fill-missing bogus")).exitCode, 2);
    run = m_cli->run(words("servers edit Sandbox --fill-missing none --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.json().value(QLatin1String("fillMissing")).toArray().isEmpty());
}

void TestCliPlan::serverOptionsForDeprovisioningAndThreshold()
{
    addUser("stay@example.com");
    addUser("leave1@example.com");
    addUser("leave2@example.com");
    setUpServerAndApp();
    Run run = m_cli->run(words("servers edit Sandbox --deprovision delete --deletion-threshold 10,1 --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.json().value(QLatin1String("deprovisionAction")).toString(), QStringLiteral("delete"));
    QCOMPARE(run.json().value(QLatin1String("deletionThresholdPercent")).toInt(), 10);
    QCOMPARE(run.json().value(QLatin1String("deletionThresholdMinimum")).toInt(), 1);
    // How requests are sent: the settings the connection test's remedies point to.
    run = m_cli->run(words("servers edit Sandbox --concurrency 2 --rate-limit 2.5 --request-timeout 90 --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.json().value(QLatin1String("concurrency")).toInt(), 2);
    QCOMPARE(run.json().value(QLatin1String("rateLimitPerSecond")).toDouble(), 2.5);
    QCOMPARE(run.json().value(QLatin1String("requestTimeoutSeconds")).toInt(), 90);
    run = m_cli->run(words("servers show Sandbox"));
    QVERIFY2(
        run.out.contains(QLatin1String("2 in parallel, at most 2.5 per second, timeout 90 s")), qPrintable(run.out));
    QCOMPARE(m_cli->run(words("servers edit Sandbox --concurrency 8 --rate-limit 0 --request-timeout 30")).exitCode, 0);
    // Protected patterns: added, listed, refused when not a regular expression, removed.
    run = m_cli->run(words("servers edit Sandbox --protect ^Break-glass --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.json().value(QLatin1String("protectedPatterns")).toArray().contains(QStringLiteral("^Break-glass")));
    QVERIFY(m_cli->run(words("servers show Sandbox")).out.contains(QLatin1String("^Break-glass")));
    run = m_cli->run(words("servers edit Sandbox --protect ^(oops"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QLatin1String("not a regular expression")), qPrintable(run.err));
    QCOMPARE(m_cli->run(words("servers edit Sandbox --unprotect ^Nothing")).exitCode, 2);
    run = m_cli->run(words("servers edit Sandbox --unprotect ^Break-glass --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(!run.json().value(QLatin1String("protectedPatterns")).toArray().contains(QStringLiteral("^Break-glass")));
    for (const char* bad : {"--deprovision archive", "--deletion-threshold 101,1", "--deletion-threshold 5",
             "--deletion-threshold five,1", "--concurrency 0", "--concurrency 65", "--rate-limit -1",
             "--rate-limit fast", "--request-timeout 0", "--request-timeout 1h"}) {
        run = m_cli->run(
            QStringList {QStringLiteral("servers"), QStringLiteral("edit"), QStringLiteral("Sandbox")} + words(bad));
        QVERIFY2(run.exitCode == 2, bad);
    }
    QCOMPARE(
        m_cli->run(words("servers show Sandbox --json")).json().value(QLatin1String("deprovisionAction")).toString(),
        QStringLiteral("delete"));

    QCOMPARE(m_cli->runWithToken(words("sync App --apply")).exitCode, 0);
    QCOMPARE(m_cli->run(words("directory users remove leave1@example.com")).exitCode, 0);
    QCOMPARE(m_cli->run(words("directory users remove leave2@example.com")).exitCode, 0);
    // Two of three deleted: above 10 % and above 1, so refused until confirmed.
    run = m_cli->runWithToken(words("sync App --apply --json"));
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(countsOf(planOf(run), "objects").value(QLatin1String("delete-user")).toInt(), 2);
    QCOMPARE(m_emulator->userCount(), 3);
    run = m_cli->run(words("servers edit Sandbox --deletion-threshold 100,5"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = m_cli->runWithToken(words("sync App --apply"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(m_emulator->userCount(), 1);
}

void TestCliPlan::matchOfAnotherDirectoryUserIsSkippedNotLinked()
{
    addUser("bob@example.com");
    setUpServerAndApp();
    QCOMPARE(m_cli->runWithToken(words("sync App --apply")).exitCode, 0);
    const QString bobId
        = m_emulator->findUserByUserName(QStringLiteral("bob@example.com")).value(QLatin1String("id")).toString();
    // The linked user is renamed and a new user takes its old name in the same change: the new one
    // matches the server's bob, which belongs to the renamed user.
    QCOMPARE(m_cli
                 ->run(words("directory users edit bob@example.com --user-name robert@example.com --email "
                             "robert@example.com"))
                 .exitCode,
        0);
    addUser("bob@example.com");
    Run run = m_cli->runWithToken(words("sync App --apply --json"));
    QCOMPARE(run.exitCode, 1);
    const QJsonObject plan = planOf(run);
    const QJsonArray skipped = plan.value(QLatin1String("validationFailures")).toArray();
    QCOMPARE(skipped.size(), 1);
    QVERIFY2(skipped.first()
                 .toObject()
                 .value(QLatin1String("reason"))
                 .toString()
                 .contains(QLatin1String("already "
                                         "linked")),
        qPrintable(QJsonDocument(skipped).toJson()));
    QCOMPARE(countsOf(plan, "objects").value(QLatin1String("create-user")).toInt(), 0);
    QCOMPARE(countsOf(plan, "objects").value(QLatin1String("link-user")).toInt(), 0);
    QCOMPARE(m_emulator->userCount(), 1);
    QCOMPARE(m_emulator->findUserByUserName(QStringLiteral("robert@example.com")).value(QLatin1String("id")).toString(),
        bobId);
    // The old name is free now: the next run creates the new bob, a second user.
    run = m_cli->runWithToken(words("sync App --apply"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(m_emulator->userCount(), 2);
    QVERIFY(m_emulator->findUserByUserName(QStringLiteral("bob@example.com")).value(QLatin1String("id")).toString()
        != bobId);
}

void TestCliPlan::previewShowsTheOperationsReallySent()
{
    addUser("alice@example.com");
    QCOMPARE(m_cli->run(words("directory users edit alice@example.com --phone +1-555-0100")).exitCode, 0);
    setUpServerAndApp();
    QCOMPARE(m_cli->runWithToken(words("sync App --apply")).exitCode, 0);
    QCOMPARE(m_cli
                 ->run(QStringList {QStringLiteral("directory"), QStringLiteral("users"), QStringLiteral("edit"),
                     QStringLiteral("alice@example.com"), QStringLiteral("--phone"), QString()})
                 .exitCode,
        0);
    Run run = m_cli->runWithToken(words("sync App --dry-run --json"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject update = operationOf(planOf(run), QStringLiteral("update-user"));
    QCOMPARE(
        update.value(QLatin1String("changes")).toArray().first().toObject().value(QLatin1String("path")).toString(),
        QStringLiteral("phoneNumbers[type eq \"work\"].value"));
    // AWS keeps one phone number, and it is the work one: the list goes, and only it.
    const QJsonArray patch = update.value(QLatin1String("patch")).toArray();
    QCOMPARE(patch.size(), 1);
    QCOMPARE(patch.first().toObject().value(QLatin1String("op")).toString(), QStringLiteral("remove"));
    QCOMPARE(patch.first().toObject().value(QLatin1String("path")).toString(), QStringLiteral("phoneNumbers"));
    run = m_cli->runWithToken(words("sync App --dry-run"));
    QVERIFY2(run.out.contains(QStringLiteral("sends: remove phoneNumbers")), qPrintable(run.out));
}

QTEST_GUILESS_MAIN(TestCliPlan)
#include "tst_cli_plan.moc"
