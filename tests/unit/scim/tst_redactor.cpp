#include <scim/Redactor.h>

#include <QTest>

class TestRedactor : public QObject
{
    Q_OBJECT

private slots:
    void redactsText_data();
    void redactsText();
    void redactsHeaders();
    void redactsConfiguredSecretInAllEncodings();
};

void TestRedactor::redactsText_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("mustNotContain");
    QTest::addColumn<QString>("mustContain");
    QTest::newRow("auth-header") << QStringLiteral("Authorization: Bearer abc.def-ghi") << QStringLiteral("abc.def")
                                 << QStringLiteral("Authorization: [REDACTED]");
    QTest::newRow("bearer-in-text") << QStringLiteral("sent bearer eyJhbGciOi.x.y to server")
                                    << QStringLiteral("eyJhbGciOi") << QStringLiteral("to server");
    QTest::newRow("json-access-token") << QStringLiteral(R"({"access_token":"s3cr3tTok","expires_in":3600})")
                                       << QStringLiteral("s3cr3tTok") << QStringLiteral(R"("expires_in":3600)");
    QTest::newRow("json-client-secret-spaces") << QStringLiteral(R"({"client_secret" : "cs\"quoted"})")
                                               << QStringLiteral("quoted") << QStringLiteral("[REDACTED]");
    QTest::newRow("json-password") << QStringLiteral(R"({"userName":"bob","password":"hunter22"})")
                                   << QStringLiteral("hunter22") << QStringLiteral(R"("userName":"bob")");
    QTest::newRow("json-token") << QStringLiteral(R"({"Token":"tk-123456"})") << QStringLiteral("tk-123456")
                                << QStringLiteral("[REDACTED]");
    QTest::newRow("form") << QStringLiteral("grant_type=client_credentials&client_id=app&client_secret=xyz123")
                          << QStringLiteral("xyz123") << QStringLiteral("client_id=app");
    QTest::newRow("query-token") << QStringLiteral("https://h/x?token=abcd1234&count=10") << QStringLiteral("abcd1234")
                                 << QStringLiteral("count=10");
    QTest::newRow("no-secret") << QStringLiteral(R"({"userName":"alice"})") << QStringLiteral("[REDACTED]")
                               << QStringLiteral("alice");
}

void TestRedactor::redactsText()
{
    QFETCH(QString, input);
    QFETCH(QString, mustNotContain);
    QFETCH(QString, mustContain);
    const QString out = Redactor().redact(input);
    QVERIFY2(!out.contains(mustNotContain), qPrintable(out));
    QVERIFY2(out.contains(mustContain), qPrintable(out));
    QCOMPARE(Redactor().redact(input.toUtf8()), out.toUtf8());
}

void TestRedactor::redactsHeaders()
{
    const Redactor redactor;
    QCOMPARE(redactor.redactHeader("Authorization", "Bearer abc"), QByteArray("Bearer [REDACTED]"));
    QCOMPARE(redactor.redactHeader("authorization", "Basic dXNlcjpwYXNz"), QByteArray("Basic [REDACTED]"));
    QCOMPARE(redactor.redactHeader("Cookie", "session=1"), QByteArray("[REDACTED]"));
    QCOMPARE(redactor.redactHeader("Content-Type", "application/scim+json"), QByteArray("application/scim+json"));
}

void TestRedactor::redactsConfiguredSecretInAllEncodings()
{
    const QString secret = QStringLiteral("my secret/tok+en");
    Redactor redactor({secret});
    const QString text = QStringLiteral("raw=%1 pct=%2 b64=%3 detail: token %1 rejected")
                             .arg(secret, QString::fromLatin1(QUrl::toPercentEncoding(secret)),
                                 QString::fromLatin1(secret.toUtf8().toBase64()));
    const QString out = redactor.redact(text);
    QVERIFY2(!out.contains(QStringLiteral("secret/tok")), qPrintable(out));
    QVERIFY2(!out.contains(QString::fromLatin1(QUrl::toPercentEncoding(secret))), qPrintable(out));
    QVERIFY2(!out.contains(QString::fromLatin1(secret.toUtf8().toBase64())), qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("rejected")));
    // Too short to redact safely: ignored rather than masking every "a".
    QCOMPARE(Redactor({QStringLiteral("a")}).redact(QStringLiteral("banana")), QStringLiteral("banana"));
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
