#include <scim/Redactor.h>
#include <scim/ScimError.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

namespace {
const QString kSecret = QStringLiteral("Tok3n/abcdefghijklmnopqrstuvwxyz+0123456789");

// The secret and what it becomes when a server echoes it, for the checks below.
QStringList leakForms()
{
    const QByteArray utf8 = kSecret.toUtf8();
    return {kSecret.left(8), QString::fromLatin1(utf8.toBase64()).left(12),
        QString::fromLatin1(QUrl::toPercentEncoding(kSecret)).left(12)};
}

QString firstLeak(const QString& text)
{
    for (const QString& form : leakForms()) {
        if (text.contains(form))
            return form;
    }
    return QString();
}
} // namespace

class TestRedactor : public QObject
{
    Q_OBJECT

private slots:
    void redactsText_data();
    void redactsText();
    void redactsHeaders();
    void redactsConfiguredSecretInAllEncodings();
    void keepsOrdinaryWordsAfterScheme_data();
    void keepsOrdinaryWordsAfterScheme();
    void redactsEchoedSecret_data();
    void redactsEchoedSecret();
    void excerptRedactsBeforeCutting_data();
    void excerptRedactsBeforeCutting();
    void redactsEveryErrorField();
    void redactsJsonKeysAndValues_data();
    void redactsJsonKeysAndValues();
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

void TestRedactor::keepsOrdinaryWordsAfterScheme_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("realm param") << QStringLiteral(R"(WWW-Authenticate: Bearer realm="scim", error="invalid_token")")
                                 << QStringLiteral(R"(WWW-Authenticate: Bearer realm="scim", error="invalid_token")");
    QTest::newRow("bare param") << QStringLiteral("Bearer error=invalid_token")
                                << QStringLiteral("Bearer error=invalid_token");
    QTest::newRow("sentence") << QStringLiteral("Bearer realm is required")
                              << QStringLiteral("Bearer realm is required");
    QTest::newRow("capitalised word") << QStringLiteral("Bearer Token expired")
                                      << QStringLiteral("Bearer Token expired");
    QTest::newRow("basic auth word") << QStringLiteral("use basic authentication")
                                     << QStringLiteral("use basic authentication");
    QTest::newRow("jwt") << QStringLiteral("got Bearer eyJhbGciOi.eyJzdWIi.sig here")
                         << QStringLiteral("got Bearer [REDACTED] here");
    QTest::newRow("token with digits") << QStringLiteral("bearer abc123 rejected")
                                       << QStringLiteral("bearer [REDACTED] rejected");
    QTest::newRow("basic credentials") << QStringLiteral("Basic dXNlcjpwYXNz=") << QStringLiteral("Basic [REDACTED]");
    QTest::newRow("long lowercase token")
        << QStringLiteral("Bearer abcdefghijklmnopqrstuvwxyz") << QStringLiteral("Bearer [REDACTED]");
}

void TestRedactor::keepsOrdinaryWordsAfterScheme()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(Redactor().redact(input), expected);
}

void TestRedactor::redactsEchoedSecret_data()
{
    QTest::addColumn<QString>("echo");
    const QByteArray utf8 = kSecret.toUtf8();
    QTest::newRow("plain") << kSecret;
    QTest::newRow("percent-encoded") << QString::fromLatin1(QUrl::toPercentEncoding(kSecret));
    QTest::newRow("base64") << QString::fromLatin1(utf8.toBase64());
    QTest::newRow("base64 unpadded") << QString::fromLatin1(utf8.toBase64(QByteArray::OmitTrailingEquals));
    QTest::newRow("base64url") << QString::fromLatin1(utf8.toBase64(QByteArray::Base64UrlEncoding));
    for (const char* prefix : {"", "B", "Be", "Bearer "}) {
        QTest::addRow("inside base64 of \"%s<token>\"", prefix)
            << QString::fromLatin1((QByteArray(prefix) + utf8 + "!").toBase64());
    }
    QTest::newRow("basic credentials") << QString::fromLatin1(("admin:" + utf8).toBase64());
}

void TestRedactor::redactsEchoedSecret()
{
    QFETCH(QString, echo);
    Redactor redactor({kSecret});
    const QString out = redactor.redact(QStringLiteral("request id %1 rejected").arg(echo));
    QVERIFY2(out.contains(Redactor::kMask), qPrintable(out));
    QVERIFY2(out.endsWith(QStringLiteral(" rejected")), qPrintable(out));
    // No run of base64 that encodes the secret's own bytes is left, at any of the 3 alignments.
    const QByteArray utf8 = kSecret.toUtf8();
    for (int skip = 0; skip < 3; ++skip) {
        const QString run = QString::fromLatin1(utf8.mid(skip, 6).toBase64());
        QVERIFY2(!out.contains(run), qPrintable(out + QStringLiteral(" holds ") + run));
    }
    QVERIFY2(firstLeak(out).isEmpty(), qPrintable(out));
}

void TestRedactor::excerptRedactsBeforeCutting_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("maxChars");
    for (int at : {0, 1, 280, 290, 299, 300}) {
        QTest::addRow("secret at %d of a 2 kB detail, cut at 300", at)
            << QString(QString(at, QLatin1Char('x')) + kSecret + QString(2048, QLatin1Char('y'))) << 300;
    }
    QTest::newRow("secret first, 2 kB detail, cut at 1000")
        << QString(kSecret + QString(2048, QLatin1Char('z'))) << 1000;
    // The secret straddles the end of the part read from a very long text: still no prefix.
    for (int shift : {1, 5, 20}) {
        const qsizetype window = 300 * 4 + 100 + 64; // longer than the window whatever the forms' lengths
        QString text;
        while (text.size() < window - shift)
            text += kSecret + QLatin1Char(' ');
        QTest::addRow("many secrets, one cut by the read window (%d)", shift)
            << QString(text + kSecret + QString(100000, QLatin1Char('w'))) << 300;
    }
    QTest::newRow("short text") << QString(QStringLiteral("token ") + kSecret + QStringLiteral(" bad")) << 300;
}

void TestRedactor::excerptRedactsBeforeCutting()
{
    QFETCH(QString, text);
    QFETCH(int, maxChars);
    Redactor redactor({kSecret});
    const QString out = redactor.excerpt(text, maxChars);
    QVERIFY2(out.size() <= maxChars, qPrintable(QString::number(out.size())));
    QVERIFY2(firstLeak(out).isEmpty(), qPrintable(out));
    for (int length = 4; length < kSecret.size(); ++length)
        QVERIFY2(!out.endsWith(kSecret.left(length)), qPrintable(out.right(60)));
    const QByteArray bytes = redactor.excerpt(text.toUtf8(), maxChars);
    QVERIFY2(bytes.size() <= maxChars, qPrintable(QString::number(bytes.size())));
    QVERIFY2(firstLeak(QString::fromUtf8(bytes)).isEmpty(), bytes.constData());
    for (int length = 4; length < kSecret.size(); ++length)
        QVERIFY2(!bytes.endsWith(kSecret.left(length).toUtf8()), bytes.right(60).constData());
}

void TestRedactor::redactsEveryErrorField()
{
    Redactor redactor({kSecret});
    const QByteArray base64 = kSecret.toUtf8().toBase64();
    ScimError error = ScimError::http(400, QStringLiteral("Bearer ") + kSecret,
        kSecret + QString(2048, QLatin1Char('d')), QString::fromLatin1(base64));
    error.url = QStringLiteral("https://h/scim/v2/Users/") + QString::fromLatin1(QUrl::toPercentEncoding(kSecret));
    const ScimError redacted = redactor.redactError(error);
    for (const QString& field :
        {redacted.detail, redacted.scimType, redacted.requestId, redacted.url, redacted.toString()})
        QVERIFY2(firstLeak(field).isEmpty(), qPrintable(field));
    QVERIFY(redacted.detail.startsWith(Redactor::kMask));
    QVERIFY(redacted.detail.size() <= Redactor::kDetailChars);
    QCOMPARE(redacted.scimType, QStringLiteral("Bearer [REDACTED]"));
    QCOMPARE(redacted.requestId, Redactor::kMask);
    // Redacting twice changes nothing more.
    QCOMPARE(redactor.redactError(redacted).detail, redacted.detail);
    // From a non-JSON body, the excerpt is redacted before it is cut.
    const QByteArray html = "<html><body>" + QByteArray(290, 'h') + kSecret.toUtf8() + "</body></html>";
    const ScimError fromBody = ScimError::fromHttpResponse(500, html, QString(), redactor);
    QVERIFY2(firstLeak(fromBody.detail).isEmpty(), qPrintable(fromBody.detail));
    QVERIFY2(!fromBody.detail.contains(kSecret.left(4)), qPrintable(fromBody.detail));
}

void TestRedactor::redactsJsonKeysAndValues_data()
{
    QTest::addColumn<QByteArray>("body");
    const QByteArray secret = kSecret.toUtf8();
    QByteArray slashEscaped = secret;
    slashEscaped.replace("/", "\\/");
    QByteArray unicodeEscaped;
    for (char c : secret)
        unicodeEscaped += QByteArray("\\u00") + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
    QTest::newRow("value") << QByteArray(R"({"id":"1","displayName":")" + secret + R"("})");
    QTest::newRow("nested value") << QByteArray(R"({"id":"1","name":{"givenName":"x)" + secret + R"("}})");
    QTest::newRow("array value") << QByteArray(R"({"id":"1","emails":[{"value":")" + secret + R"("}]})");
    QTest::newRow("key") << QByteArray(R"({"id":"1",")" + secret + R"(":true})");
    QTest::newRow("slash escaped") << QByteArray(R"({"id":"1","title":")" + slashEscaped + R"("})");
    QTest::newRow("unicode escaped") << QByteArray(R"({"id":"1","title":")" + unicodeEscaped + R"("})");
    QTest::newRow("base64 value") << QByteArray(R"({"id":"1","title":")" + secret.toBase64() + R"("})");
}

void TestRedactor::redactsJsonKeysAndValues()
{
    QFETCH(QByteArray, body);
    Redactor redactor({kSecret});
    const QJsonObject parsed = QJsonDocument::fromJson(body).object();
    QVERIFY2(!parsed.isEmpty(), body.constData());
    const QJsonObject redacted = redactor.redactJson(parsed, body);
    const QString text = QString::fromUtf8(QJsonDocument(redacted).toJson(QJsonDocument::Compact));
    QVERIFY2(firstLeak(text).isEmpty(), qPrintable(text));
    QVERIFY2(text.contains(Redactor::kMask), qPrintable(text));
    QCOMPARE(redacted.value(QLatin1String("id")).toString(), QStringLiteral("1"));
    // Nothing to redact: the same object comes back.
    const QByteArray clean = R"({"id":"2","userName":"alice"})";
    QCOMPARE(
        redactor.redactJson(QJsonDocument::fromJson(clean).object(), clean), QJsonDocument::fromJson(clean).object());
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
