#include "TestCertificateAuthority.h"
#include "tls/CaCertificateBundle.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// What the Add/Edit Server form and `servers show` say about a trusted-CA file: subject,
// SHA-256 fingerprint (checked against openssl's own) and validity.
class TestCaCertificateBundle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void describesSubjectAndFingerprint();
    void everyCertificateOfABundle();
    void expiredAndNotYetValidAreNamed();
    void refusalsComeFromLoad();

private:
    QTemporaryDir m_files;
    std::unique_ptr<TestCertificateAuthority> m_ca;
};

void TestCaCertificateBundle::initTestCase()
{
    QVERIFY(m_files.isValid());
    TestCertificateAuthority::Options options;
    options.commonName = QStringLiteral("Example Corp Private CA");
    options.organization = QStringLiteral("Example Corp");
    options.days = 10;
    m_ca = std::make_unique<TestCertificateAuthority>(m_files.path(), options);
    const QString created = m_ca->create();
    QVERIFY2(created.isEmpty(), qPrintable(created));
}

void TestCaCertificateBundle::describesSubjectAndFingerprint()
{
    const auto bundle = CaCertificateBundle::load(m_ca->caCertificateFile());
    QVERIFY2(bundle, qPrintable(bundle ? QString() : bundle.error()));
    const QList<CaCertificateInfo> infos = bundle->describe();
    QCOMPARE(infos.size(), 1);
    const CaCertificateInfo& info = infos.constFirst();
    QCOMPARE(info.commonName, QStringLiteral("Example Corp Private CA"));
    QCOMPARE(info.organization, QStringLiteral("Example Corp"));
    QCOMPARE(info.subject(), QStringLiteral("CN=Example Corp Private CA, O=Example Corp"));
    QCOMPARE(info.issuer, QStringLiteral("Example Corp Private CA")); // self-signed root
    const QString expected = m_ca->caFingerprint();
    QVERIFY(!expected.isEmpty());
    QCOMPARE(info.sha256Fingerprint, expected);
    QCOMPARE(info.sha256Fingerprint.count(QLatin1Char(':')), 31);
    QCOMPARE(info.validFrom.timeSpec(), Qt::UTC);
    QCOMPARE(info.validFrom.daysTo(info.validUntil), 10);
    QVERIFY(info.validityProblem(info.validFrom.addDays(1)).isEmpty());
}

void TestCaCertificateBundle::everyCertificateOfABundle()
{
    QFile ca(m_ca->caCertificateFile());
    QFile server(m_ca->serverCertificateFile());
    QVERIFY(ca.open(QIODevice::ReadOnly) && server.open(QIODevice::ReadOnly));
    const QString path = m_files.filePath(QStringLiteral("bundle.pem"));
    QFile bundleFile(path);
    QVERIFY(bundleFile.open(QIODevice::WriteOnly));
    bundleFile.write(ca.readAll() + "\n" + server.readAll());
    bundleFile.close();

    const auto bundle = CaCertificateBundle::load(path);
    QVERIFY(bundle);
    QCOMPARE(bundle->certificates().size(), 2);
    const QList<CaCertificateInfo> infos = bundle->describe();
    QCOMPARE(infos.at(1).commonName, QStringLiteral("127.0.0.1"));
    QCOMPARE(infos.at(1).subject(), QStringLiteral("CN=127.0.0.1"));
    QCOMPARE(infos.at(1).issuer, QStringLiteral("Example Corp Private CA"));
    QVERIFY(infos.at(0).sha256Fingerprint != infos.at(1).sha256Fingerprint);
}

void TestCaCertificateBundle::expiredAndNotYetValidAreNamed()
{
    const auto bundle = CaCertificateBundle::load(m_ca->caCertificateFile());
    QVERIFY(bundle);
    const CaCertificateInfo info = bundle->describe().constFirst();

    const QString expired = info.validityProblem(info.validUntil.addSecs(1));
    QVERIFY2(expired.contains(QLatin1String("expired on ")), qPrintable(expired));
    QVERIFY2(expired.contains(info.validUntil.toString(Qt::ISODate)), qPrintable(expired));
    QVERIFY2(expired.contains(QLatin1String("CN=Example Corp Private CA")), qPrintable(expired));
    QVERIFY2(expired.contains(QLatin1String("current certificate")), qPrintable(expired)); // what to do

    const QString early = info.validityProblem(info.validFrom.addSecs(-1));
    QVERIFY2(early.contains(QLatin1String("valid only from")), qPrintable(early));
    QVERIFY2(early.contains(QLatin1String("date and time")), qPrintable(early));

    // The caller's date format (the GUI: the locale's).
    const QString formatted
        = info.validityProblem(info.validUntil.addDays(1), [](const QDateTime&) { return QStringLiteral("DAY"); });
    QVERIFY2(formatted.contains(QLatin1String("expired on DAY")), qPrintable(formatted));
}

void TestCaCertificateBundle::refusalsComeFromLoad()
{
    // The rows of each refusal are tst_serversettingsvalidator's; here only that load refuses.
    const auto missing = CaCertificateBundle::load(m_files.filePath(QStringLiteral("missing.pem")));
    QVERIFY(!missing);
    QVERIFY2(missing.error().contains(QLatin1String("missing.pem")), qPrintable(missing.error()));
    const auto key = CaCertificateBundle::load(m_ca->caKeyFile());
    QVERIFY(!key);
}

QTEST_GUILESS_MAIN(TestCaCertificateBundle)
#include "tst_cacertificatebundle.moc"
