#include <scim/Redactor.h>
#include <scim/ScimError.h>

#include <QTest>

class TestScimError : public QObject
{
    Q_OBJECT

private slots:
    void parsesBodies_data();
    void parsesBodies();
    void everyErrorHasAnActionableMessage_data();
    void everyErrorHasAnActionableMessage();
    void unauthorizedMessageSaysWhatToDo();
};

void TestScimError::parsesBodies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("headerRequestId");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("scimType");
    QTest::addColumn<QString>("requestId");

    QTest::newRow("standard-number-status")
        << 409
        << QByteArray(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":409,)"
                      R"("scimType":"uniqueness","detail":"userName taken"})")
        << QString() << QStringLiteral("userName taken") << QStringLiteral("uniqueness") << QString();
    QTest::newRow("standard-string-status")
        << 400
        << QByteArray(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400",)"
                      R"("scimType":"invalidFilter","detail":"bad filter"})")
        << QStringLiteral("hdr-1") << QStringLiteral("bad filter") << QStringLiteral("invalidFilter")
        << QStringLiteral("hdr-1");
    QTest::newRow("aws-schema-only")
        << 404
        << QByteArray(R"({"schema":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"Resource not found",)"
                      R"("status":"404","exceptionRequestId":"req-404"})")
        << QString() << QStringLiteral("Resource not found") << QString() << QStringLiteral("req-404");
    QTest::newRow("aws-both-keys") << 409
                                   << QByteArray(
                                          R"({"schema":["urn:ietf:params:scim:api:messages:2.0:Error"],)"
                                          R"("schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],)"
                                          R"("detail":"Refused to create a new, duplicate resource.","status":"409",)"
                                          R"("exceptionRequestId":"5e1f","timeStamp":"2022-03-18 10:57:08.014"})")
                                   << QStringLiteral("amzn-9")
                                   << QStringLiteral("Refused to create a new, duplicate resource.") << QString()
                                   << QStringLiteral("amzn-9");
    QTest::newRow("html") << 502
                          << QByteArray("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad "
                                        "Gateway</h1></body></html>")
                          << QString() << QStringLiteral("502 Bad Gateway Bad Gateway") << QString() << QString();
    QTest::newRow("empty") << 401 << QByteArray() << QString() << QString() << QString() << QString();
    QTest::newRow("json-array") << 500 << QByteArray("[1,2]") << QString() << QStringLiteral("[1,2]") << QString()
                                << QString();
}

void TestScimError::parsesBodies()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, headerRequestId);
    QFETCH(QString, detail);
    QFETCH(QString, scimType);
    QFETCH(QString, requestId);
    const ScimError error = ScimError::fromHttpResponse(status, body, headerRequestId, Redactor());
    QCOMPARE(error.kind, ScimError::Kind::Http);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.detail, detail);
    QCOMPARE(error.scimType, scimType);
    QCOMPARE(error.requestId, requestId);
    QVERIFY(!error.message().isEmpty());
}

void TestScimError::everyErrorHasAnActionableMessage_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("mustContain");
    using K = ScimError::Kind;
    QTest::newRow("network") << int(K::Network) << 0 << QStringLiteral("Check");
    QTest::newRow("dns") << int(K::Dns) << 0 << QStringLiteral("URL");
    QTest::newRow("tls") << int(K::Tls) << 0 << QStringLiteral("Trusted CA certificate");
    QTest::newRow("timeout") << int(K::Timeout) << 0 << QStringLiteral("timeout");
    QTest::newRow("cancelled") << int(K::Cancelled) << 0 << QStringLiteral("cancelled");
    QTest::newRow("invalid") << int(K::InvalidResponse) << 0 << QStringLiteral("/scim/v2");
    QTest::newRow("incomplete") << int(K::Incomplete) << 0 << QStringLiteral("incomplete");
    QTest::newRow("too-large") << int(K::TooLarge) << 0 << QStringLiteral("page size");
    QTest::newRow("400") << int(K::Http) << 400 << QStringLiteral("mappings");
    QTest::newRow("403") << int(K::Http) << 403 << QStringLiteral("permission");
    QTest::newRow("404") << int(K::Http) << 404 << QStringLiteral("deleted");
    QTest::newRow("409") << int(K::Http) << 409 << QStringLiteral("Link the existing");
    QTest::newRow("429") << int(K::Http) << 429 << QStringLiteral("lower the request rate");
    QTest::newRow("500") << int(K::Http) << 500 << QStringLiteral("request id");
    QTest::newRow("503") << int(K::Http) << 503 << QStringLiteral("try again later");
    QTest::newRow("418") << int(K::Http) << 418 << QStringLiteral("418");
}

void TestScimError::everyErrorHasAnActionableMessage()
{
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(QString, mustContain);
    ScimError error {ScimError::Kind(kind), QStringLiteral("d")};
    error.httpStatus = status;
    QVERIFY2(error.message().contains(mustContain, Qt::CaseInsensitive), qPrintable(error.message()));
    QVERIFY(error.toString().contains(error.message()));
}

void TestScimError::unauthorizedMessageSaysWhatToDo()
{
    const ScimError error = ScimError::fromHttpResponse(401, QByteArray(), QStringLiteral("r-1"), Redactor());
    QVERIFY(error.message().startsWith(QStringLiteral("The server rejected the access token")));
    QVERIFY(error.message().contains(QStringLiteral("Generate a new token")));
    QVERIFY(error.toString().contains(QStringLiteral("r-1")));
    const ScimError refused(ScimError::Kind::Refused, QStringLiteral("use https"));
    QVERIFY(refused.message().contains(QStringLiteral("use https")));
}

QTEST_GUILESS_MAIN(TestScimError)
#include "tst_scimerror.moc"
