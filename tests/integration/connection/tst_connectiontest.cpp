#include <connection/ConnectionTest.h>
#include <connection/ConnectionTestRecorder.h>
#include <connection/ServerConnectionTest.h>
#include <secrets/InMemorySecretStore.h>
#include <servers/ServerCatalog.h>
#include <servertypes/ServerTypeRegistry.h>
#include <storage/Database.h>
#include <storage/ServerRepository.h>
#include <workspace/Workspace.h>

#include <AwsScimEmulator.h>

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QString kToken = QStringLiteral("connection-test-secret-token-0123456789");

// The AWS preset's capabilities that matter here (cursor paging, one-year tokens).
ServerCapabilities awsCapabilities()
{
    ServerCapabilities caps;
    caps.pagingMode = PagingMode::Cursor;
    caps.maxPageSize = 100;
    caps.requiredUserAttributes = {QStringLiteral("userName"), QStringLiteral("displayName"),
        QStringLiteral("name.givenName"), QStringLiteral("name.familyName")};
    caps.tokenLifetimeDays = 365;
    return caps;
}

ScimServer serverFor(const QString& url, int tokenAgeDays = 10)
{
    ScimServer server;
    server.id = 1;
    server.name = QStringLiteral("Emulated AWS");
    server.url = url;
    server.capabilities = awsCapabilities();
    server.secretStoredAt = QDateTime::currentDateTimeUtc().addDays(-tokenAgeDays);
    return server;
}

// The shipped presets: their connection hints recognise AWS URLs and their wrong pastes.
const QList<ServerType>& presets()
{
    static const QList<ServerType> types = ServerTypeRegistry::load().all();
    return types;
}

std::optional<ServerType> awsPreset()
{
    return ServerTypeRegistry::load().find(QStringLiteral("aws-iam-identity-center"));
}

// Waits, without polling, until a step with this index has started.
bool waitForStepStarted(QSignalSpy& started, int index)
{
    const auto reached = [&] {
        for (const QList<QVariant>& arguments : std::as_const(started)) {
            if (arguments.first().toInt() == index)
                return true;
        }
        return false;
    };
    while (!reached()) {
        if (!started.wait(10000))
            return false;
    }
    return true;
}

// A throwaway CA and a server certificate for 127.0.0.1, made with the openssl CLI (EC keys:
// fast to generate). Returns an empty string on success, else what failed.
QString makeCertificates(const QTemporaryDir& dir)
{
    auto run = [&](const QStringList& args) -> QString {
        QProcess process;
        process.setWorkingDirectory(dir.path());
        process.start(QStringLiteral("openssl"), args);
        if (!process.waitForFinished(30000) || process.exitCode() != 0)
            return QStringLiteral("openssl %1: %2")
                .arg(args.join(QLatin1Char(' ')), QString::fromLocal8Bit(process.readAllStandardError()));
        return QString();
    };
    QFile ext(dir.filePath(QStringLiteral("server.ext")));
    if (!ext.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write server.ext");
    ext.write("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n"
              "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    ext.close();
    const QStringList ec {QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
        QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    const QList<QStringList> steps {
        QStringList {QStringLiteral("req"), QStringLiteral("-x509")} + ec
            + QStringList {QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-subj"),
                QStringLiteral("/CN=ScimDesk Connection Test CA")},
        QStringList {QStringLiteral("req")} + ec
            + QStringList {QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"),
                QStringLiteral("server.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")},
        {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
            QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
            QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("server.pem"),
            QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-extfile"), QStringLiteral("server.ext")},
    };
    for (const QStringList& step : steps) {
        if (const QString error = run(step); !error.isEmpty())
            return error;
    }
    return QString();
}

} // namespace

class TestConnectionTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void success();
    void wrongUrlPasteStopsBeforeTheNetwork_data();
    void wrongUrlPasteStopsBeforeTheNetwork();
    void missingScimPathIs404();
    void unknownHostIsDnsFailure();
    void closedPortIsConnectionRefused();
    void tlsWithoutAndWithTheCa();
    void wrongTokenIs401WithTokenAge();
    void forbiddenIs403();
    void notFoundIs404();
    void throttlingWithRetryAfterIsReported();
    void serverErrorIs500();
    void hangingServerTimesOut();
    void cancelMidTest();
    void cancelBeforeStart();
    void awsPresetHintsExplainA401();
    void tokenAge_data();
    void tokenAge();
    void writeRoundTrip();
    void writeRoundTripWhenDeleteFails();
    void resultIsRecordedPerServer();
    void storedServerIsTestedAndRecorded();
    void unreadableSecretFailsAuthenticationWithCauseAndFix_data();
    void unreadableSecretFailsAuthenticationWithCauseAndFix();
    void unsavedServerIsNotRecorded();

private:
    // Runs a test to the end and returns its report.
    ConnectionReport runTest(const ScimServer& server, ConnectionTestOptions options = {},
        const QString& secret = kToken, const std::optional<ServerType>& type = std::nullopt);
    static const ConnectionStepResult& step(const ConnectionReport& report, ConnectionStep which);
    static QString describe(const ConnectionReport& report) { return report.toText(); }
    // A fresh profile with an in-memory secret store.
    std::shared_ptr<Workspace> openWorkspace(const QTemporaryDir& dir, InMemorySecretStore** store);
    static void writeSecret(SecretStore* store, const SecretKey& key, const QString& secret);
    static ConnectionReport runStored(ServerConnectionTest& test);

    std::unique_ptr<AwsScimEmulator> m_emulator;
};

void TestConnectionTest::init()
{
    AwsScimEmulator::Options options;
    options.token = kToken;
    m_emulator = std::make_unique<AwsScimEmulator>(options);
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
}

void TestConnectionTest::cleanup()
{
    m_emulator.reset();
}

ConnectionReport TestConnectionTest::runTest(const ScimServer& server, ConnectionTestOptions options,
    const QString& secret, const std::optional<ServerType>& type)
{
    if (options.requestTimeoutMs == 0)
        options.requestTimeoutMs = 5000;
    if (options.knownServerTypes.isEmpty())
        options.knownServerTypes = presets();
    ConnectionTest test(server, type, secret, options);
    QSignalSpy started(&test, &ConnectionTest::stepStarted);
    QSignalSpy stepped(&test, &ConnectionTest::stepFinished);
    QSignalSpy finished(&test, &ConnectionTest::finished);
    test.start();
    if (!finished.wait(20000)) {
        qWarning("connection test did not finish");
        return {};
    }
    const ConnectionReport report = finished.first().first().value<ConnectionReport>();
    // Every step is reported exactly once, in order, and the results mirror the report.
    if (stepped.size() != ConnectionSteps::all().size() || report.steps.size() != stepped.size())
        qWarning("expected one stepFinished per step");
    for (int i = 0; i < stepped.size(); ++i) {
        if (stepped.at(i).at(0).toInt() != i)
            qWarning("steps finished out of order");
    }
    if (started.size() > stepped.size())
        qWarning("more steps started than finished");
    // The copied text report never holds the secret.
    if (!secret.isEmpty() && report.toText().contains(secret))
        qFatal("the report contains the secret");
    return report;
}

const ConnectionStepResult& TestConnectionTest::step(const ConnectionReport& report, ConnectionStep which)
{
    for (const ConnectionStepResult& result : report.steps) {
        if (result.step == which)
            return result;
    }
    static const ConnectionStepResult none;
    return none;
}

void TestConnectionTest::success()
{
    // A few groups so the cursor paging probe sees a next page.
    for (int i = 0; i < 3; ++i)
        m_emulator->store().createGroup(QJsonObject {{QStringLiteral("displayName"), QStringLiteral("g%1").arg(i)}});

    const ConnectionReport report = runTest(serverFor(m_emulator->baseUrl().toString()));
    QCOMPARE(report.steps.size(), ConnectionSteps::all().size());
    QVERIFY2(report.verdict() == ConnectionVerdict::Pass, qPrintable(describe(report)));
    QCOMPARE(step(report, ConnectionStep::WriteRoundTrip).verdict, ConnectionVerdict::Skipped);
    QVERIFY(step(report, ConnectionStep::GroupRead).details.join('\n').contains(QLatin1String("nextCursor")));
    QVERIFY(step(report, ConnectionStep::Latency).details.join('\n').contains(QLatin1String("median")));
    QVERIFY(step(report, ConnectionStep::Reachability)
                .details.join('\n')
                .contains(QLatin1String("proxy"), Qt::CaseInsensitive));
    for (const ConnectionStepResult& result : report.steps)
        QVERIFY(!result.checked.isEmpty());
    QCOMPARE(m_emulator->writeCount(), 0);
    QVERIFY(report.summary().contains(QLatin1String("passed")));
}

void TestConnectionTest::wrongUrlPasteStopsBeforeTheNetwork_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("causeWord");
    QTest::newRow("access portal") << QStringLiteral("https://d-9067642ac7.awsapps.com/start") << "access portal";
    QTest::newRow("saml sign-in") << QStringLiteral("https://portal.sso.us-east-1.amazonaws.com/saml/assertion/x")
                                  << "SAML";
    QTest::newRow("saml acs") << QStringLiteral("https://signin.aws.amazon.com/saml") << "SAML";
    QTest::newRow("console") << QStringLiteral("https://us-east-1.console.aws.amazon.com/singlesignon/home")
                             << "console";
    QTest::newRow("aws missing /scim/v2")
        << QStringLiteral("https://scim.us-east-1.amazonaws.com/a1b2c3d4e5-11111111-2222-3333-4444-555555555555")
        << "/scim/v2";
}

void TestConnectionTest::wrongUrlPasteStopsBeforeTheNetwork()
{
    QFETCH(QString, url);
    QFETCH(QString, causeWord);
    const ConnectionReport report = runTest(serverFor(url));
    const ConnectionStepResult& urlStep = step(report, ConnectionStep::Url);
    QCOMPARE(urlStep.verdict, ConnectionVerdict::Fail);
    QVERIFY2(urlStep.cause.contains(causeWord), qPrintable(urlStep.cause));
    QVERIFY(!urlStep.fix.isEmpty());
    for (int i = 1; i < report.steps.size(); ++i)
        QCOMPARE(report.steps.at(i).verdict, ConnectionVerdict::Skipped);
    QCOMPARE(report.verdict(), ConnectionVerdict::Fail);
    QVERIFY(report.summary().contains(causeWord));
}

void TestConnectionTest::missingScimPathIs404()
{
    QUrl url = m_emulator->baseUrl();
    url.setPath(url.path().remove(QStringLiteral("scim/v2/")));
    const ConnectionReport report = runTest(serverFor(url.toString()));
    const ConnectionStepResult& auth = step(report, ConnectionStep::Authentication);
    QVERIFY2(auth.verdict == ConnectionVerdict::Fail, qPrintable(describe(report)));
    QVERIFY2(auth.cause.contains(QLatin1String("404")) && auth.cause.contains(QLatin1String("/scim/v2")),
        qPrintable(auth.cause));
    QCOMPARE(step(report, ConnectionStep::Read).verdict, ConnectionVerdict::Skipped);
}

void TestConnectionTest::unknownHostIsDnsFailure()
{
    const ConnectionReport report
        = runTest(serverFor(QStringLiteral("https://scimdesk-no-such-host.invalid/tenant/scim/v2/")));
    const ConnectionStepResult& reach = step(report, ConnectionStep::Reachability);
    QVERIFY2(reach.verdict == ConnectionVerdict::Fail, qPrintable(describe(report)));
    QVERIFY2(reach.cause.contains(QLatin1String("does not exist")), qPrintable(reach.cause));
    QCOMPARE(step(report, ConnectionStep::Authentication).verdict, ConnectionVerdict::Skipped);
}

void TestConnectionTest::closedPortIsConnectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    const ConnectionReport report = runTest(serverFor(QStringLiteral("http://127.0.0.1:%1/t/scim/v2/").arg(port)));
    const ConnectionStepResult& reach = step(report, ConnectionStep::Reachability);
    QVERIFY2(reach.verdict == ConnectionVerdict::Fail, qPrintable(describe(report)));
    QVERIFY2(reach.cause.contains(QLatin1String("refused")), qPrintable(reach.cause));
}

void TestConnectionTest::tlsWithoutAndWithTheCa()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString error = makeCertificates(dir);
    if (!error.isEmpty())
        QSKIP(qPrintable(error));
    AwsScimEmulator::Options options;
    options.token = kToken;
    AwsScimEmulator tls(options);
    QVERIFY2(tls.setTlsFiles(dir.filePath(QStringLiteral("server.pem")), dir.filePath(QStringLiteral("server.key"))),
        qPrintable(tls.errorString()));
    QVERIFY2(tls.listen(), qPrintable(tls.errorString()));
    QVERIFY(tls.baseUrl().scheme() == QLatin1String("https"));

    ScimServer server = serverFor(tls.baseUrl().toString());
    const ConnectionReport untrusted = runTest(server);
    const ConnectionStepResult& reach = step(untrusted, ConnectionStep::Reachability);
    QVERIFY2(reach.verdict == ConnectionVerdict::Fail, qPrintable(describe(untrusted)));
    QVERIFY2(reach.cause.contains(QLatin1String("trust")), qPrintable(reach.cause));
    QVERIFY2(reach.fix.contains(QLatin1String("Trusted CA certificate")), qPrintable(reach.fix));
    QVERIFY2(reach.fix.contains(QLatin1String("--ca-file")), qPrintable(reach.fix));
    QCOMPARE(tls.requestCount(), 0); // nothing was sent over an untrusted connection

    server.options.caBundlePath = dir.filePath(QStringLiteral("ca.pem"));
    const ConnectionReport trusted = runTest(server);
    QVERIFY2(trusted.verdict() == ConnectionVerdict::Pass, qPrintable(describe(trusted)));
    QVERIFY(step(trusted, ConnectionStep::Reachability).details.join('\n').contains(QLatin1String("TLS")));
}

void TestConnectionTest::wrongTokenIs401WithTokenAge()
{
    const ConnectionReport report
        = runTest(serverFor(m_emulator->baseUrl().toString(), 400), {}, QStringLiteral("wrong-token-value-123"));
    const ConnectionStepResult& auth = step(report, ConnectionStep::Authentication);
    QVERIFY2(auth.verdict == ConnectionVerdict::Fail, qPrintable(describe(report)));
    QVERIFY2(auth.cause.contains(QLatin1String("401")), qPrintable(auth.cause));
    QVERIFY2(auth.cause.contains(QLatin1String("400 days")), qPrintable(auth.cause));
    QVERIFY2(auth.cause.contains(QLatin1String("expired")), qPrintable(auth.cause));
    QVERIFY(!auth.fix.isEmpty());
    QVERIFY(!report.toText().contains(QLatin1String("wrong-token-value-123")));
    QVERIFY(!report.toText().contains(kToken));
}

void TestConnectionTest::forbiddenIs403()
{
    m_emulator->failNext(1, 403);
    const ConnectionReport report = runTest(serverFor(m_emulator->baseUrl().toString()));
    const ConnectionStepResult& auth = step(report, ConnectionStep::Authentication);
    QVERIFY2(auth.verdict == ConnectionVerdict::Fail, qPrintable(describe(report)));
    QVERIFY2(auth.cause.contains(QLatin1String("403")), qPrintable(auth.cause));
    QVERIFY(auth.fix.contains(QLatin1String("permission")));
}

void TestConnectionTest::notFoundIs404()
{
    // GET /Users answers 404: a wrong path.
    m_emulator->failNext(2, 404);
    const ConnectionReport report = runTest(serverFor(m_emulator->baseUrl().toString()));
    const ConnectionStepResult& auth = step(report, ConnectionStep::Authentication);
    QVERIFY2(auth.verdict == ConnectionVerdict::Fail, qPrintable(describe(report)));
    QVERIFY2(auth.cause.contains(QLatin1String("404")), qPrintable(auth.cause));
    QVERIFY(auth.fix.contains(QLatin1String("/Users")));
}

void TestConnectionTest::throttlingWithRetryAfterIsReported()
{
    m_emulator->setThrottle(4, 1, true);
    ConnectionTestOptions options;
    options.maxAttempts = 4;
    const ConnectionReport report = runTest(serverFor(m_emulator->baseUrl().toString()), options);
    const ConnectionStepResult& latency = step(report, ConnectionStep::Latency);
    QVERIFY2(latency.verdict == ConnectionVerdict::Warning, qPrintable(describe(report)));
    QVERIFY2(latency.cause.contains(QLatin1String("429")) && latency.cause.contains(QLatin1String("Retry-After")),
        qPrintable(latency.cause));
    QVERIFY(latency.fix.contains(QLatin1String("Rate limit")));
    QVERIFY(m_emulator->statusCount(429) > 0);
    QCOMPARE(report.verdict(), ConnectionVerdict::Warning);
}

void TestConnectionTest::serverErrorIs500()
{
    m_emulator->failNext(2, 500); // the first attempt and its retry
    const ConnectionReport report = runTest(serverFor(m_emulator->baseUrl().toString()));
    const ConnectionStepResult& auth = step(report, ConnectionStep::Authentication);
    QVERIFY2(auth.verdict == ConnectionVerdict::Fail, qPrintable(describe(report)));
    QVERIFY2(auth.cause.contains(QLatin1String("500")), qPrintable(auth.cause));
    QVERIFY(!auth.requestId.isEmpty() || auth.fix.contains(QLatin1String("request id")));
}

void TestConnectionTest::hangingServerTimesOut()
{
    m_emulator->hangNext(2);
    ConnectionTestOptions options;
    options.requestTimeoutMs = 300;
    const ConnectionReport report = runTest(serverFor(m_emulator->baseUrl().toString()), options);
    const ConnectionStepResult& auth = step(report, ConnectionStep::Authentication);
    QVERIFY2(auth.verdict == ConnectionVerdict::Fail, qPrintable(describe(report)));
    QVERIFY2(auth.cause.contains(QLatin1String("did not answer within 0.3 s")), qPrintable(auth.cause));
    QVERIFY(auth.fix.contains(QLatin1String("timeout")));
}

void TestConnectionTest::cancelMidTest()
{
    // Every request hangs: the test stays in the authentication step until it is cancelled.
    m_emulator->hangNext(10);
    ConnectionTestOptions options;
    options.requestTimeoutMs = 60000;
    ConnectionTest test(serverFor(m_emulator->baseUrl().toString()), std::nullopt, kToken, options);
    QSignalSpy started(&test, &ConnectionTest::stepStarted);
    QSignalSpy finished(&test, &ConnectionTest::finished);
    test.start();
    const int authIndex = int(ConnectionSteps::all().indexOf(ConnectionStep::Authentication));
    QVERIFY(waitForStepStarted(started, authIndex));
    test.cancel();
    QVERIFY(finished.wait(10000));
    const ConnectionReport report = finished.first().first().value<ConnectionReport>();
    QVERIFY(report.cancelled);
    QCOMPARE(report.verdict(), ConnectionVerdict::Skipped);
    QCOMPARE(report.steps.size(), ConnectionSteps::all().size());
    QCOMPARE(report.steps.at(authIndex).verdict, ConnectionVerdict::Skipped);
    QVERIFY2(report.steps.at(authIndex).cause.contains(QLatin1String("Cancelled")),
        qPrintable(report.steps.at(authIndex).cause));
    for (int i = authIndex + 1; i < report.steps.size(); ++i) {
        QCOMPARE(report.steps.at(i).verdict, ConnectionVerdict::Skipped);
        QVERIFY(report.steps.at(i).cause.contains(QLatin1String("cancelled")));
    }
    QCOMPARE(started.last().first().toInt(), authIndex); // nothing started after the cancel
    QVERIFY(report.summary().contains(QLatin1String("cancelled")));
    QVERIFY(!test.isRunning());
    QVERIFY(test.isFinished());
    QCOMPARE(m_emulator->writeCount(), 0);
}

void TestConnectionTest::cancelBeforeStart()
{
    // A cancel queued right behind start() stops the test before its first step ends.
    ConnectionTest test(serverFor(m_emulator->baseUrl().toString()), std::nullopt, kToken);
    QSignalSpy finished(&test, &ConnectionTest::finished);
    test.start();
    test.cancel();
    QVERIFY(finished.wait(10000));
    const ConnectionReport report = finished.first().first().value<ConnectionReport>();
    QVERIFY(report.cancelled);
    QCOMPARE(report.steps.size(), ConnectionSteps::all().size());
    for (const ConnectionStepResult& result : report.steps)
        QVERIFY(result.verdict == ConnectionVerdict::Skipped || result.step == ConnectionStep::Url);
}

void TestConnectionTest::awsPresetHintsExplainA401()
{
    // The fix for a rejected token names the console page from the preset's connection hints.
    const std::optional<ServerType> aws = awsPreset();
    QVERIFY(aws);
    const ConnectionReport report
        = runTest(serverFor(m_emulator->baseUrl().toString()), {}, QStringLiteral("wrong-token-value-123"), aws);
    const ConnectionStepResult& auth = step(report, ConnectionStep::Authentication);
    QVERIFY2(auth.verdict == ConnectionVerdict::Fail, qPrintable(describe(report)));
    QVERIFY2(auth.fix.contains(aws->connectionHints.tokenLocation), qPrintable(auth.fix));
    QVERIFY2(auth.fix.contains(aws->connectionHints.tokenRotation), qPrintable(auth.fix));
    // Without a type the fix stays generic.
    const ConnectionReport generic
        = runTest(serverFor(m_emulator->baseUrl().toString()), {}, QStringLiteral("wrong-token-value-123"));
    QVERIFY(!step(generic, ConnectionStep::Authentication).fix.contains(QLatin1String("IAM Identity Center")));
}

void TestConnectionTest::tokenAge_data()
{
    QTest::addColumn<int>("ageDays");
    QTest::addColumn<int>("verdict");
    QTest::newRow("fresh") << 10 << int(ConnectionVerdict::Pass);
    QTest::newRow("day 334") << 334 << int(ConnectionVerdict::Pass);
    QTest::newRow("day 335") << 335 << int(ConnectionVerdict::Warning);
    QTest::newRow("day 365") << 365 << int(ConnectionVerdict::Warning);
    QTest::newRow("day 366") << 366 << int(ConnectionVerdict::Fail);
    QTest::newRow("unknown") << -1 << int(ConnectionVerdict::Warning);
}

void TestConnectionTest::tokenAge()
{
    QFETCH(int, ageDays);
    QFETCH(int, verdict);
    const QDateTime now = QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC);
    ScimServer server = serverFor(m_emulator->baseUrl().toString());
    server.secretStoredAt = ageDays < 0 ? QDateTime() : now.addDays(-ageDays);
    ConnectionTestOptions options;
    options.now = now;
    const ConnectionReport report = runTest(server, options);
    const ConnectionStepResult& age = step(report, ConnectionStep::TokenAge);
    QVERIFY2(int(age.verdict) == verdict, qPrintable(describe(report)));
    if (age.verdict != ConnectionVerdict::Pass)
        QVERIFY(!age.fix.isEmpty());
    // A token-age failure does not stop the test: the token worked just now.
    QVERIFY(step(report, ConnectionStep::Latency).verdict != ConnectionVerdict::Skipped);
}

void TestConnectionTest::writeRoundTrip()
{
    ConnectionTestOptions options;
    options.writeRoundTrip = true;
    const ConnectionReport report = runTest(serverFor(m_emulator->baseUrl().toString()), options);
    const ConnectionStepResult& write = step(report, ConnectionStep::WriteRoundTrip);
    QVERIFY2(write.verdict == ConnectionVerdict::Pass, qPrintable(describe(report)));
    QVERIFY(write.checked.contains(QLatin1String("scimdesk-connection-test-")));
    QVERIFY(write.details.join('\n').contains(QLatin1String("404")));
    QCOMPARE(m_emulator->userCount(), 0);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("POST /Users")), 1);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("DELETE /Users/{id}")), 1);
}

void TestConnectionTest::writeRoundTripWhenDeleteFails()
{
    // Refuse the DELETE of the user that follows the deletion of the temporary group.
    bool armed = false;
    connect(m_emulator.get(), &AwsScimEmulator::requestHandled, this,
        [&](const QString& method, const QString& path, int status) {
            if (!armed && method == QLatin1String("DELETE") && path.contains(QLatin1String("/Groups/"))
                && status == 204) {
                armed = true;
                m_emulator->failNext(1, 403);
            }
        });
    ConnectionTestOptions options;
    options.writeRoundTrip = true;
    const ConnectionReport report = runTest(serverFor(m_emulator->baseUrl().toString()), options);
    const ConnectionStepResult& write = step(report, ConnectionStep::WriteRoundTrip);
    QVERIFY2(write.verdict == ConnectionVerdict::Warning, qPrintable(describe(report)));
    QVERIFY2(write.cause.contains(QLatin1String("deactivated")), qPrintable(write.cause));
    QVERIFY(write.fix.contains(QLatin1String("by hand")));
    QCOMPARE(m_emulator->userCount(), 1);
    const QJsonArray users = m_emulator->store().listUsers({}).body.value(QStringLiteral("Resources")).toArray();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first().toObject().value(QStringLiteral("active")).toBool(true), false);
}

void TestConnectionTest::resultIsRecordedPerServer()
{
    QTemporaryDir dir;
    auto database = Database::open(dir.filePath(QStringLiteral("profile.sqlite")));
    QVERIFY2(database.ok(), database.ok() ? "" : qPrintable(database.error().message));
    ServerRepository repository(database.value());
    ScimServer server = serverFor(m_emulator->baseUrl().toString());
    server.id = 0;
    const auto id = repository.create(server);
    QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message));

    m_emulator->failNext(1, 403);
    const ConnectionReport report = runTest(server);
    QVERIFY(ConnectionTestRecorder::record(repository, id.value(), report).ok());
    const std::optional<ScimServer> stored = repository.find(id.value());
    QVERIFY(stored);
    QCOMPARE(stored->lastTestVerdict, QStringLiteral("fail"));
    QCOMPARE(stored->lastTestSummary, report.summary());
    QVERIFY(stored->lastTestAt.isValid());

    ConnectionReport cancelled = report;
    cancelled.cancelled = true;
    QVERIFY(!ConnectionTestRecorder::record(repository, id.value(), cancelled).ok());
}

std::shared_ptr<Workspace> TestConnectionTest::openWorkspace(const QTemporaryDir& dir, InMemorySecretStore** store)
{
    *store = new InMemorySecretStore();
    auto opened = Workspace::open(dir.path(), *store);
    if (!opened) {
        qWarning("cannot open the workspace: %s", qPrintable(opened.error().message));
        return {};
    }
    return opened.value();
}

void TestConnectionTest::writeSecret(SecretStore* store, const SecretKey& key, const QString& secret)
{
    QEventLoop loop;
    store->write(key, secret, &loop, [&loop](const Status<SecretError>&) { loop.quit(); });
    loop.exec();
}

ConnectionReport TestConnectionTest::runStored(ServerConnectionTest& test)
{
    QSignalSpy finished(&test, &ServerConnectionTest::finished);
    test.start();
    if (!finished.wait(20000)) {
        qWarning("connection test did not finish");
        return {};
    }
    return finished.first().first().value<ConnectionReport>();
}

void TestConnectionTest::storedServerIsTestedAndRecorded()
{
    QTemporaryDir dir;
    InMemorySecretStore* store = nullptr;
    const std::shared_ptr<Workspace> workspace = openWorkspace(dir, &store);
    QVERIFY(workspace);
    ScimServer server = serverFor(m_emulator->baseUrl().toString());
    server.id = 0;
    server.serverTypeId = QStringLiteral("aws-iam-identity-center");
    const auto id = workspace->servers()->repository().create(server);
    QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message));
    server.id = id.value();
    writeSecret(store, {server.id, ServerCatalog::secretPurpose(server.auth.scheme)}, kToken);

    ConnectionTestOptions options;
    options.requestTimeoutMs = 5000;
    ServerConnectionTest test(workspace, server, options);
    QSignalSpy testing(&test, &ServerConnectionTest::testing);
    QSignalSpy stepped(&test, &ServerConnectionTest::stepFinished);
    const ConnectionReport report = runStored(test);
    QVERIFY2(report.verdict() != ConnectionVerdict::Fail, qPrintable(describe(report)));
    QCOMPARE(report.serverTypeName, QStringLiteral("AWS IAM Identity Center"));
    QCOMPARE(testing.count(), 1);
    QCOMPARE(stepped.count(), int(ConnectionSteps::all().size()));
    QVERIFY(!test.secretError());
    QVERIFY(test.isRecorded());
    QVERIFY(!test.isRunning());
    const std::optional<ScimServer> stored = workspace->servers()->repository().find(server.id);
    QVERIFY(stored);
    QCOMPARE(stored->lastTestVerdict, ConnectionVerdicts::id(report.verdict()));
    QCOMPARE(stored->lastTestSummary, report.summary());
}

void TestConnectionTest::unreadableSecretFailsAuthenticationWithCauseAndFix_data()
{
    QTest::addColumn<bool>("stored");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("causeWord");
    QTest::newRow("nothing stored") << false << int(SecretError::Kind::NotFound) << "No access token";
    QTest::newRow("keychain locked") << true << int(SecretError::Kind::AccessDenied) << "could not be read";
    QTest::newRow("no keychain") << true << int(SecretError::Kind::NoBackend) << "could not be read";
}

void TestConnectionTest::unreadableSecretFailsAuthenticationWithCauseAndFix()
{
    QFETCH(bool, stored);
    QFETCH(int, kind);
    QFETCH(QString, causeWord);
    QTemporaryDir dir;
    InMemorySecretStore* store = nullptr;
    const std::shared_ptr<Workspace> workspace = openWorkspace(dir, &store);
    QVERIFY(workspace);
    ScimServer server = serverFor(m_emulator->baseUrl().toString());
    server.id = 0;
    const auto id = workspace->servers()->repository().create(server);
    QVERIFY(id.ok());
    server.id = id.value();
    if (stored) {
        writeSecret(store, {server.id, ServerCatalog::secretPurpose(server.auth.scheme)}, kToken);
        store->failNextRead(SecretError(SecretError::Kind(kind), QStringLiteral("The keychain said no.")));
    }

    ServerConnectionTest test(workspace, server);
    const ConnectionReport report = runStored(test);
    QVERIFY(test.secretError());
    QCOMPARE(int(test.secretError()->kind), kind);
    QCOMPARE(report.verdict(), ConnectionVerdict::Fail);
    // The URL and the network are still checked; authentication fails with the store's words.
    QCOMPARE(step(report, ConnectionStep::Url).verdict, ConnectionVerdict::Pass);
    QCOMPARE(step(report, ConnectionStep::Reachability).verdict, ConnectionVerdict::Pass);
    const ConnectionStepResult& auth = step(report, ConnectionStep::Authentication);
    QCOMPARE(auth.verdict, ConnectionVerdict::Fail);
    QVERIFY2(auth.cause.contains(causeWord), qPrintable(auth.cause));
    QVERIFY(!auth.fix.isEmpty());
    if (stored)
        QVERIFY2(auth.cause.contains(QLatin1String("The keychain said no.")), qPrintable(auth.cause));
    QCOMPARE(step(report, ConnectionStep::Read).verdict, ConnectionVerdict::Skipped);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("GET /ServiceProviderConfig")), 0); // nothing sent without a token
    QVERIFY(test.isRecorded());
    QCOMPARE(workspace->servers()->repository().find(server.id)->lastTestVerdict, QStringLiteral("fail"));
}

void TestConnectionTest::unsavedServerIsNotRecorded()
{
    QTemporaryDir dir;
    InMemorySecretStore* store = nullptr;
    const std::shared_ptr<Workspace> workspace = openWorkspace(dir, &store);
    QVERIFY(workspace);
    ScimServer server = serverFor(m_emulator->baseUrl().toString());
    server.id = 0;
    ServerConnectionTest test(workspace, server);
    const ConnectionReport report = runStored(test);
    QCOMPARE(report.steps.size(), ConnectionSteps::all().size());
    QVERIFY(!test.isRecorded());
    QVERIFY(test.recordError().isEmpty());
}

QTEST_GUILESS_MAIN(TestConnectionTest)
#include "tst_connectiontest.moc"
