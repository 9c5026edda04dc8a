// The emulator's fault knobs and HTTPS: what a client sees must match a misbehaving server.
#include "AwsScimEmulator.h"
#include "EmulatorTestClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

QJsonObject userBody(const QString& userName)
{
    return {{QStringLiteral("userName"), userName}, {QStringLiteral("displayName"), userName},
        {QStringLiteral("name"),
            QJsonObject {{QStringLiteral("givenName"), QStringLiteral("G")},
                {QStringLiteral("familyName"), QStringLiteral("F")}}}};
}

bool runOpenssl(const QString& directory, const QStringList& arguments, QString* error)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QStringLiteral("openssl %1 failed: %2")
                     .arg(arguments.join(QLatin1Char(' ')), QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

} // namespace

class TestAwsEmulatorFaults : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void throttlesWithRetryAfter();
    void throttlesWithoutRetryAfter();
    void injectsErrorsForNextRequests();
    void injectsErrorsByRate();
    void addsLatency();
    void dropsConnectionBeforeResponse();
    void dropsConnectionAfterApplying();
    void dropsConnectionBeforeReading();
    void hangingReplyNeedsClientTimeout();
    void servesHttpsWithThrowawayCa();

private:
    std::unique_ptr<AwsScimEmulator> m_emulator;
    std::unique_ptr<EmulatorTestClient> m_client;
};

void TestAwsEmulatorFaults::init()
{
    m_emulator = std::make_unique<AwsScimEmulator>();
    m_emulator->setRandomSeed(42);
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
    m_client = std::make_unique<EmulatorTestClient>(m_emulator->baseUrl(), m_emulator->options().token);
}

void TestAwsEmulatorFaults::cleanup()
{
    m_client.reset();
    m_emulator.reset();
}

void TestAwsEmulatorFaults::throttlesWithRetryAfter()
{
    // A burst of 2 and a rate far too slow to refill during the test.
    m_emulator->setThrottle(0.01, 2, true);
    QCOMPARE(m_client->get(QStringLiteral("Users")).status, 200);
    QCOMPARE(m_client->get(QStringLiteral("Users")).status, 200);
    const auto throttled = m_client->get(QStringLiteral("Users"));
    QCOMPARE(throttled.status, 429);
    QCOMPARE(throttled.json.value(QLatin1String("status")).toString(), QStringLiteral("429"));
    QVERIFY(throttled.retryAfter.toInt() >= 1);
    QCOMPARE(m_emulator->statusCount(429), 1);
    m_emulator->clearFaults();
    QCOMPARE(m_client->get(QStringLiteral("Users")).status, 200);
}

void TestAwsEmulatorFaults::throttlesWithoutRetryAfter()
{
    m_emulator->setThrottle(0.01, 1, false);
    QCOMPARE(m_client->get(QStringLiteral("Users")).status, 200);
    const auto throttled = m_client->get(QStringLiteral("Users"));
    QCOMPARE(throttled.status, 429);
    QVERIFY(throttled.retryAfter.isEmpty());
}

void TestAwsEmulatorFaults::injectsErrorsForNextRequests()
{
    m_emulator->failNext(2, 503);
    const auto first = m_client->send("POST", QStringLiteral("Users"), userBody(QStringLiteral("a")));
    QCOMPARE(first.status, 503);
    QCOMPARE(first.json.value(QLatin1String("status")).toString(), QStringLiteral("503"));
    QCOMPARE(m_client->send("POST", QStringLiteral("Users"), userBody(QStringLiteral("a"))).status, 503);
    QCOMPARE(m_emulator->userCount(), 0); // an injected error applies nothing
    QCOMPARE(m_client->send("POST", QStringLiteral("Users"), userBody(QStringLiteral("a"))).status, 201);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("POST /Users")), 3);
}

void TestAwsEmulatorFaults::injectsErrorsByRate()
{
    m_emulator->setErrorRate(500, 1.0);
    QCOMPARE(m_client->get(QStringLiteral("Users")).status, 500);
    m_emulator->setErrorRate(500, 0.5);
    int failures = 0;
    for (int i = 0; i < 40; ++i)
        failures += m_client->get(QStringLiteral("Users")).status == 500 ? 1 : 0;
    // Seeded generator: some but not all fail.
    QVERIFY(failures > 5 && failures < 35);
}

void TestAwsEmulatorFaults::addsLatency()
{
    m_emulator->setLatency(80);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(m_client->get(QStringLiteral("Users")).status, 200);
    QVERIFY(timer.elapsed() >= 80);
}

void TestAwsEmulatorFaults::dropsConnectionBeforeResponse()
{
    // Every attempt is dropped: QNAM silently retries a request whose reused connection
    // closed, so a single drop could be invisible to the client.
    m_emulator->setDropRate(1.0, AwsScimEmulator::DropMode::AfterRequest);
    const auto reply = m_client->send("POST", QStringLiteral("Users"), userBody(QStringLiteral("dropped")));
    QCOMPARE(reply.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(m_emulator->userCount(), 0);
    m_emulator->clearFaults();
    QCOMPARE(m_client->get(QStringLiteral("Users")).status, 200);
}

void TestAwsEmulatorFaults::dropsConnectionAfterApplying()
{
    m_emulator->setDropRate(1.0, AwsScimEmulator::DropMode::AfterProcessing);
    const auto reply = m_client->send("POST", QStringLiteral("Users"), userBody(QStringLiteral("applied")));
    QCOMPARE(reply.error, QNetworkReply::RemoteHostClosedError);
    // The write happened although the client never saw the response.
    QVERIFY(!m_emulator->findUserByUserName(QStringLiteral("applied")).isEmpty());
}

void TestAwsEmulatorFaults::dropsConnectionBeforeReading()
{
    m_emulator->setDropRate(1.0, AwsScimEmulator::DropMode::BeforeRequest);
    const auto reply = m_client->get(QStringLiteral("Users"));
    QCOMPARE(reply.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(m_emulator->routeCount(QStringLiteral("GET /Users")), 0);
}

void TestAwsEmulatorFaults::hangingReplyNeedsClientTimeout()
{
    m_emulator->hangNext(1);
    const auto reply = m_client->send("GET", QStringLiteral("Users"), {}, 300);
    QVERIFY2(reply.error == QNetworkReply::OperationCanceledError || reply.error == QNetworkReply::TimeoutError,
        qPrintable(QString::number(reply.error)));
    QCOMPARE(reply.status, 0);
    // The next request (on a new connection) is answered normally.
    QCOMPARE(m_client->get(QStringLiteral("Users")).status, 200);
}

void TestAwsEmulatorFaults::servesHttpsWithThrowawayCa()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString d = dir.path();
    const QStringList ec {QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
        QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    QString error;
    QVERIFY2(runOpenssl(d,
                 QStringList {QStringLiteral("req"), QStringLiteral("-x509")} + ec
                     + QStringList {QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                         QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                         QStringLiteral("-subj"), QStringLiteral("/CN=ScimDesk Throwaway Test CA")},
                 &error),
        qPrintable(error));
    QVERIFY2(runOpenssl(d,
                 QStringList {QStringLiteral("req")} + ec
                     + QStringList {QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"),
                         QStringLiteral("server.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost")},
                 &error),
        qPrintable(error));
    QFile extensions(d + QStringLiteral("/server.ext"));
    QVERIFY(extensions.open(QIODevice::WriteOnly));
    extensions.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                     "extendedKeyUsage=serverAuth\n");
    extensions.close();
    QVERIFY2(
        runOpenssl(d,
            {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
                QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("server.pem"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("server.ext")},
            &error),
        qPrintable(error));

    AwsScimEmulator::Options options;
    options.tlsCertificateFile = d + QStringLiteral("/server.pem");
    options.tlsKeyFile = d + QStringLiteral("/server.key");
    AwsScimEmulator tls(options);
    QVERIFY2(tls.listen(), qPrintable(tls.errorString()));
    QCOMPARE(tls.baseUrl().scheme(), QStringLiteral("https"));

    EmulatorTestClient untrusting(tls.baseUrl(), options.token);
    const auto rejected = untrusting.get(QStringLiteral("ServiceProviderConfig"));
    QCOMPARE(rejected.error, QNetworkReply::SslHandshakeFailedError);

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(QSslCertificate::fromPath(d + QStringLiteral("/ca.pem")));
    EmulatorTestClient trusting(tls.baseUrl(), options.token);
    trusting.setSslConfiguration(configuration);
    const auto accepted = trusting.get(QStringLiteral("ServiceProviderConfig"));
    QCOMPARE(accepted.error, QNetworkReply::NoError);
    QCOMPARE(accepted.status, 200);
    QCOMPARE(trusting.send("POST", QStringLiteral("Users"), userBody(QStringLiteral("secure"))).status, 201);
}

QTEST_GUILESS_MAIN(TestAwsEmulatorFaults)
#include "tst_awsemulatorfaults.moc"
