#include <scim/ScimUrlPolicy.h>

#include <QTest>

class TestScimUrlPolicy : public QObject
{
    Q_OBJECT

private slots:
    void checksUrls_data();
    void checksUrls();
    void normalizesTrailingSlash();
};

void TestScimUrlPolicy::checksUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("aws-https") << QStringLiteral("https://scim.us-east-1.amazonaws.com/abc/scim/v2/") << true;
    QTest::newRow("https-port") << QStringLiteral("https://10.1.2.3:8443/scim") << true;
    QTest::newRow("http-127.0.0.1") << QStringLiteral("http://127.0.0.1:8080/scim/v2") << true;
    QTest::newRow("http-127.5.6.7") << QStringLiteral("http://127.5.6.7/scim") << true;
    QTest::newRow("http-localhost") << QStringLiteral("http://localhost:3000/scim") << true;
    QTest::newRow("http-LOCALHOST") << QStringLiteral("http://LOCALHOST/scim") << true;
    QTest::newRow("http-ipv6-loopback") << QStringLiteral("http://[::1]:8080/scim") << true;
    QTest::newRow("http-remote") << QStringLiteral("http://scim.example.com/scim") << false;
    QTest::newRow("http-private") << QStringLiteral("http://192.168.1.5/scim") << false;
    QTest::newRow("http-128") << QStringLiteral("http://128.0.0.1/scim") << false;
    QTest::newRow("http-localhost-lookalike") << QStringLiteral("http://localhost.evil.com/scim") << false;
    QTest::newRow("http-127-lookalike") << QStringLiteral("http://127.0.0.1.nip.io/scim") << false;
    QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1/scim") << false;
    QTest::newRow("userinfo") << QStringLiteral("https://user:pw@scim.example.com/") << false;
    QTest::newRow("relative") << QStringLiteral("/scim/v2") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("no-scheme") << QStringLiteral("scim.example.com/scim") << false;
}

void TestScimUrlPolicy::checksUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    const Status<ScimError> status = ScimUrlPolicy::check(QUrl(url));
    QCOMPARE(status.ok(), allowed);
    if (!allowed) {
        QCOMPARE(status.error().kind, ScimError::Kind::Refused);
        QVERIFY(!status.error().detail.isEmpty());
        QVERIFY(!status.error().message().contains(QStringLiteral("pw@")));
    }
}

void TestScimUrlPolicy::normalizesTrailingSlash()
{
    QCOMPARE(ScimUrlPolicy::normalizedBaseUrl(QUrl(QStringLiteral("https://h/t/scim/v2/"))),
        QUrl(QStringLiteral("https://h/t/scim/v2")));
    QCOMPARE(ScimUrlPolicy::normalizedBaseUrl(QUrl(QStringLiteral("https://h/t/scim/v2"))),
        QUrl(QStringLiteral("https://h/t/scim/v2")));
}

QTEST_GUILESS_MAIN(TestScimUrlPolicy)
#include "tst_scimurlpolicy.moc"
