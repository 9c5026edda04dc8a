// SIGTERM (systemctl stop) and SIGINT (Ctrl-C) while `scimdesk-cli sync APP --apply` waits for a
// SCIM server that never answers, in each phase: the /ServiceProviderConfig read, the target read
// (the second page of users hangs) and the apply (every create hangs). Each ends within 2 s with
// exit code 5 and a journalled run whose status is `cancelled`; a signal before the apply sends
// no write. The signal is sent once the server has received the request that hangs.
#include "../scim/FaultServer.h"
#include "CliTestProfile.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

namespace {

enum class Phase
{
    ServiceProviderConfig,
    TargetRead,
    Apply,
};

QByteArray listBody(const QJsonArray& resources, const QString& nextCursor)
{
    QJsonObject body {
        {QStringLiteral("schemas"), QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:ListResponse")}},
        {QStringLiteral("itemsPerPage"), int(resources.size())}, {QStringLiteral("Resources"), resources}};
    if (!nextCursor.isEmpty())
        body.insert(QStringLiteral("nextCursor"), nextCursor);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// A target whose answers stop at `phase`: that request, and every later one, hangs.
FaultServer::Reply answer(Phase phase, const FaultServer::Request& request)
{
    FaultServer::Reply hang;
    hang.hang = true;
    if (request.path().endsWith("/ServiceProviderConfig"))
        return phase == Phase::ServiceProviderConfig ? hang : FaultServer::Reply::json(404, QByteArray());
    if (request.method != "GET")
        return hang; // only the apply phase gets this far
    const QByteArray cursor = request.queryValue("cursor");
    if (request.path().endsWith("/Users") && request.queryValue("filter").isNull() && phase == Phase::TargetRead) {
        if (!cursor.isEmpty())
            return hang; // the second page
        QJsonArray users;
        for (int i = 0; i < 100; ++i) {
            users.append(QJsonObject {{QStringLiteral("id"), QStringLiteral("t%1").arg(i)},
                {QStringLiteral("userName"), QStringLiteral("target%1@example.com").arg(i)}});
        }
        return FaultServer::Reply::json(200, listBody(users, QStringLiteral("page-2")));
    }
    return FaultServer::Reply::json(200, listBody({}, QString()));
}

bool isHangingRequest(Phase phase, const FaultServer::Request& request)
{
    switch (phase) {
    case Phase::ServiceProviderConfig:
        return request.path().endsWith("/ServiceProviderConfig");
    case Phase::TargetRead:
        return request.path().endsWith("/Users") && !request.queryValue("cursor").isEmpty();
    case Phase::Apply:
        return request.method == "POST";
    }
    return false;
}

} // namespace

Q_DECLARE_METATYPE(Phase)

class TestCliInterrupt : public QObject
{
    Q_OBJECT

private slots:
    void signalEndsEveryPhaseWithExitCode5_data();
    void signalEndsEveryPhaseWithExitCode5();
};

void TestCliInterrupt::signalEndsEveryPhaseWithExitCode5_data()
{
    QTest::addColumn<Phase>("phase");
    QTest::addColumn<int>("signal");
    for (const auto& [name, signal] : {std::pair {"SIGTERM", SIGTERM}, std::pair {"SIGINT", SIGINT}}) {
        QTest::addRow("%s during the /ServiceProviderConfig read", name) << Phase::ServiceProviderConfig << signal;
        QTest::addRow("%s during the target read", name) << Phase::TargetRead << signal;
        QTest::addRow("%s during the apply", name) << Phase::Apply << signal;
    }
}

void TestCliInterrupt::signalEndsEveryPhaseWithExitCode5()
{
    QFETCH(Phase, phase);
    QFETCH(int, signal);
    FaultServer server;
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    server.setHandler([phase](const FaultServer::Request& request) { return answer(phase, request); });
    CliTestProfile profile;
    QVERIFY(profile.isValid());
    const int users = 20;
    const QString setUpError
        = profile.setUp(server.url(QStringLiteral("/scim/v2")), QStringLiteral("aws-iam-identity-center"), users);
    QVERIFY2(setUpError.isEmpty(), qPrintable(setUpError));

    const std::unique_ptr<QProcess> sync
        = profile.start({QStringLiteral("sync"), CliTestProfile::applicationName(), QStringLiteral("--apply")});
    QSignalSpy finished(sync.get(), &QProcess::finished);
    QVERIFY(sync->waitForStarted());
    const auto hanging = [&server, phase] {
        int count = 0;
        for (const FaultServer::Request& request : server.requests())
            count += isHangingRequest(phase, request) ? 1 : 0;
        return count;
    };
    QTRY_VERIFY_WITH_TIMEOUT(hanging() > 0 || !finished.isEmpty(), 60000);
    QVERIFY2(finished.isEmpty(), sync->readAllStandardError().constData());

    QElapsedTimer clock;
    clock.start();
    QCOMPARE(::kill(pid_t(sync->processId()), signal), 0);
    QVERIFY(finished.wait(30000));
    const qint64 exitMs = clock.elapsed();
    const QByteArray err = sync->readAllStandardError();
    qInfo().noquote() << QStringLiteral("%1: exit %2 after %3 ms")
                             .arg(QString::fromLatin1(QTest::currentDataTag()))
                             .arg(sync->exitCode())
                             .arg(exitMs);
    QCOMPARE(sync->exitStatus(), QProcess::NormalExit);
    QCOMPARE(sync->exitCode(), 5);
    // The promise is 2 s (docs/cli.md); the figure is printed above for the record. The bound
    // here is generous so a machine starved by other work cannot fail the test on timing
    // alone: what is asserted is that the process ends by itself, with exit 5 and a journal.
    QVERIFY2(exitMs < 15000, qPrintable(QStringLiteral("%1 ms").arg(exitMs)));

    int writes = 0;
    for (const FaultServer::Request& request : server.requests())
        writes += request.method != "GET" ? 1 : 0;
    const QJsonArray runs = profile.runs();
    QVERIFY2(runs.size() == 1, err.constData());
    const QJsonObject run = runs.first().toObject();
    QCOMPARE(run.value(QLatin1String("status")).toString(), QStringLiteral("cancelled"));
    if (phase == Phase::Apply) {
        // The creates in flight reached it and none was answered. How many arrived depends on the
        // moment the signal lands (Qt may also re-send a POST whose connection went away), so the
        // count is printed, and what is asserted is that nothing succeeded.
        qInfo("writes received before the signal ended the run: %d", writes);
        QVERIFY2(writes >= 1, qPrintable(QString::number(writes)));
        QCOMPARE(run.value(QLatin1String("summary")).toObject().value(QLatin1String("succeeded")).toInt(), 0);
    } else {
        QCOMPARE(writes, 0);
        QVERIFY2(run.value(QLatin1String("summary"))
                     .toObject()
                     .value(QLatin1String("message"))
                     .toString()
                     .contains(QStringLiteral("nothing was sent")),
            qPrintable(QJsonDocument(run).toJson()));
    }
    QVERIFY2(err.contains("Cancelling"), err.constData());
}

QTEST_GUILESS_MAIN(TestCliInterrupt)
#include "tst_cli_interrupt.moc"
