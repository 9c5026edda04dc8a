// scimdesk-cli against an HTTPS target signed by a private CA: without the CA the connection
// test and a sync fail, naming the setting that fixes it; with `--ca-file` both work. The
// emulator runs in this process with a throwaway CA made by openssl (TestCertificateAuthority).
#include "AwsScimEmulator.h"
#include "TestCertificateAuthority.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;

    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    QString all() const { return out + err; }
};

const QString kServer = QStringLiteral("Corp SCIM");
} // namespace

class CliTlsTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void untrustedCaFailsAndNamesTheSetting();
    void caFileMakesTestAndSyncWork();
    void badCaFilesAreRefusedWithoutSaving_data();
    void badCaFilesAreRefusedWithoutSaving();
    void caFileGoneLaterStopsTheSyncBeforeAnyRequest();

private:
    CliRun cli(const QStringList& arguments);
    QStringList addServerArguments() const;
    void addApplication();
    QString writeFile(const QString& name, const QByteArray& content);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestCertificateAuthority> m_ca;
    std::unique_ptr<AwsScimEmulator> m_emulator;
};

void CliTlsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_ca = std::make_unique<TestCertificateAuthority>(m_dir->path());
    const QString created = m_ca->create();
    QVERIFY2(created.isEmpty(), qPrintable(created));
    m_emulator = std::make_unique<AwsScimEmulator>();
    QVERIFY2(m_emulator->setTlsFiles(m_ca->serverCertificateFile(), m_ca->serverKeyFile()),
        qPrintable(m_emulator->errorString()));
    QVERIFY2(m_emulator->listen(), qPrintable(m_emulator->errorString()));
    QCOMPARE(m_emulator->baseUrl().scheme(), QStringLiteral("https"));
}

void CliTlsTest::cleanup()
{
    m_emulator.reset();
    m_ca.reset();
    m_dir.reset();
}

CliRun CliTlsTest::cli(const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("SCIMDESK_PROFILE"));
    env.insert(QStringLiteral("SCIM_TEST_TOKEN"), m_emulator->options().token);
    process.setProcessEnvironment(env);
    // Relative --ca-file paths resolve against the folder the command runs in.
    process.setWorkingDirectory(m_dir->path());
    QEventLoop loop;
    connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    process.start(QStringLiteral(SCIMDESK_CLI_PATH),
        QStringList {QStringLiteral("--profile"), m_dir->filePath(QStringLiteral("profile"))} + arguments
            + QStringList {QStringLiteral("--token-env"), QStringLiteral("SCIM_TEST_TOKEN")});
    if (!process.waitForStarted()) {
        return {};
    }
    process.closeWriteChannel();
    // The event loop keeps running, so the in-process emulator keeps serving; ctest's timeout
    // bounds a hung command.
    if (process.state() != QProcess::NotRunning) {
        loop.exec();
    }
    CliRun run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList CliTlsTest::addServerArguments() const
{
    return {QStringLiteral("servers"), QStringLiteral("add"), QStringLiteral("--name"), kServer,
        QStringLiteral("--type"), QStringLiteral("aws-iam-identity-center"), QStringLiteral("--url"),
        m_emulator->baseUrl().toString()};
}

QString CliTlsTest::writeFile(const QString& name, const QByteArray& content)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        return {};
    }
    return path;
}

void CliTlsTest::addApplication()
{
    const QString users = writeFile(QStringLiteral("users.csv"),
        "userName,email,givenName,familyName,displayName\n"
        "ada@example.com,ada@example.com,Ada,Lovelace,Ada Lovelace\n"
        "alan@example.com,alan@example.com,Alan,Turing,Alan Turing\n"
        "grace@example.com,grace@example.com,Grace,Hopper,Grace Hopper\n");
    QVERIFY(!users.isEmpty());
    CliRun run = cli({QStringLiteral("directory"), QStringLiteral("import"), QStringLiteral("users"), users});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    run = cli({QStringLiteral("apps"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("AWS"),
        QStringLiteral("--server"), kServer, QStringLiteral("--all-users")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
}

void CliTlsTest::untrustedCaFailsAndNamesTheSetting()
{
    CliRun run = cli(addServerArguments());
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    addApplication();

    run = cli({QStringLiteral("servers"), QStringLiteral("test"), kServer, QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 4);
    QJsonObject reach;
    for (const QJsonValue& step : run.json().value(QLatin1String("steps")).toArray()) {
        if (step.toObject().value(QLatin1String("step")).toString() == QLatin1String("reachability")) {
            reach = step.toObject();
        }
    }
    QCOMPARE(reach.value(QLatin1String("verdict")).toString(), QStringLiteral("fail"));
    const QString cause = reach.value(QLatin1String("cause")).toString();
    const QString fix = reach.value(QLatin1String("fix")).toString();
    QVERIFY2(cause.contains(QLatin1String("does not trust")), qPrintable(cause));
    QVERIFY2(fix.contains(QLatin1String("Trusted CA certificate")), qPrintable(fix));
    QVERIFY2(fix.contains(QLatin1String("--ca-file")), qPrintable(fix));

    run = cli({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply")});
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.err.contains(QLatin1String("--ca-file")), qPrintable(run.err));
    QCOMPARE(m_emulator->requestCount(), 0); // nothing was sent over an untrusted connection
    QCOMPARE(m_emulator->userCount(), 0);
}

void CliTlsTest::caFileMakesTestAndSyncWork()
{
    // Relative to the command's folder, stored absolute.
    CliRun run = cli(addServerArguments() + QStringList {QStringLiteral("--ca-file"), QStringLiteral("ca.pem")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    addApplication();

    run = cli({QStringLiteral("servers"), QStringLiteral("show"), kServer, QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject trusted = run.json().value(QLatin1String("trustedCa")).toObject();
    QCOMPARE(trusted.value(QLatin1String("file")).toString(), m_ca->caCertificateFile());
    const QJsonObject certificate = trusted.value(QLatin1String("certificates")).toArray().at(0).toObject();
    QCOMPARE(certificate.value(QLatin1String("subject")).toString(),
        QStringLiteral("CN=ScimDesk Test CA, O=ScimDesk Tests"));
    const QString fingerprint = m_ca->caFingerprint();
    QVERIFY(!fingerprint.isEmpty());
    QCOMPARE(certificate.value(QLatin1String("sha256Fingerprint")).toString(), fingerprint);

    run = cli({QStringLiteral("servers"), QStringLiteral("show"), kServer});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("Trusted CA:      ") + m_ca->caCertificateFile()), qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("CN=ScimDesk Test CA, O=ScimDesk Tests")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("SHA-256 ") + fingerprint), qPrintable(run.out));

    run = cli({QStringLiteral("servers"), QStringLiteral("test"), kServer});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QVERIFY2(run.out.contains(QLatin1String("Extra trusted CA certificates from")), qPrintable(run.out));

    run = cli({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    QCOMPARE(run.json().value(QLatin1String("run")).toObject().value(QLatin1String("status")).toString(),
        QStringLiteral("succeeded"));
    QCOMPARE(m_emulator->userCount(), 3);
    QVERIFY(!m_emulator->findUserByUserName(QStringLiteral("grace@example.com")).isEmpty());

    // `--ca-file ""` clears it: the target is untrusted again.
    run = cli({QStringLiteral("servers"), QStringLiteral("edit"), kServer, QStringLiteral("--ca-file"), QString()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.all()));
    run = cli({QStringLiteral("servers"), QStringLiteral("show"), kServer, QStringLiteral("--json")});
    QVERIFY(run.json().value(QLatin1String("trustedCa")).isNull());
    QCOMPARE(cli({QStringLiteral("servers"), QStringLiteral("test"), kServer}).exitCode, 4);
}

void CliTlsTest::badCaFilesAreRefusedWithoutSaving_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content"); // written to file first unless empty
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("missing") << QStringLiteral("missing.pem") << QByteArray() << QStringLiteral("does not exist");
    QTest::newRow("not PEM") << QStringLiteral("notes.txt") << QByteArray("ask the PKI team\n")
                             << QStringLiteral("holds no PEM certificate");
    QTest::newRow("private key") << QStringLiteral("ca.key") << QByteArray() << QStringLiteral("private key");
}

void CliTlsTest::badCaFilesAreRefusedWithoutSaving()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, messagePart);
    if (!content.isEmpty()) {
        QVERIFY(!writeFile(file, content).isEmpty());
    }
    CliRun run = cli(addServerArguments() + QStringList {QStringLiteral("--ca-file"), file});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(messagePart), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("(--ca-file)")), qPrintable(run.err));
    run = cli({QStringLiteral("servers"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(run.json().value(QLatin1String("servers")).toArray().size(), 0);

    // edit refuses the same file and keeps the stored one.
    QCOMPARE(
        cli(addServerArguments() + QStringList {QStringLiteral("--ca-file"), QStringLiteral("ca.pem")}).exitCode, 0);
    run = cli({QStringLiteral("servers"), QStringLiteral("edit"), kServer, QStringLiteral("--ca-file"), file});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(messagePart), qPrintable(run.err));
    run = cli({QStringLiteral("servers"), QStringLiteral("show"), kServer, QStringLiteral("--json")});
    QCOMPARE(run.json().value(QLatin1String("trustedCa")).toObject().value(QLatin1String("file")).toString(),
        m_ca->caCertificateFile());
}

void CliTlsTest::caFileGoneLaterStopsTheSyncBeforeAnyRequest()
{
    QCOMPARE(
        cli(addServerArguments() + QStringList {QStringLiteral("--ca-file"), QStringLiteral("ca.pem")}).exitCode, 0);
    addApplication();
    QVERIFY(QFile::remove(m_ca->caCertificateFile()));

    CliRun run = cli({QStringLiteral("servers"), QStringLiteral("show"), kServer});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("does not exist")), qPrintable(run.out));
    run = cli({QStringLiteral("servers"), QStringLiteral("test"), kServer});
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.out.contains(QLatin1String("does not exist")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("--ca-file")), qPrintable(run.out));
    run = cli({QStringLiteral("sync"), QStringLiteral("AWS"), QStringLiteral("--apply")});
    QVERIFY2(run.exitCode == 4, qPrintable(QString::number(run.exitCode) + run.all()));
    QVERIFY2(run.err.contains(m_ca->caCertificateFile()), qPrintable(run.err));
    QCOMPARE(m_emulator->requestCount(), 0);
}

QTEST_GUILESS_MAIN(CliTlsTest)
#include "tst_cli_tls.moc"
