#include <connection/ConnectionRemediation.h>

#include <QTest>

using Facts = ConnectionRemediation::Facts;

Q_DECLARE_METATYPE(ConnectionFailure)

namespace {

// What the AWS preset's connection hints give the table.
Facts awsHints()
{
    return {
        {QStringLiteral("urlShape"), QStringLiteral("https://scim.us-east-1.amazonaws.com/<tenant-id>/scim/v2/")},
        {QStringLiteral("urlTemplate"), QStringLiteral("https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2/")},
        {QStringLiteral("endpointLocation"),
            QStringLiteral("IAM Identity Center → Settings → Automatic provisioning → SCIM endpoint")},
        {QStringLiteral("tokenLocation"),
            QStringLiteral("IAM Identity Center → Settings → Automatic provisioning → Manage access tokens")},
        {QStringLiteral("tokenRotation"), QStringLiteral("At most two access tokens exist at a time.")},
        {QStringLiteral("urlHint"), QStringLiteral("https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2/")},
    };
}

Facts with(Facts facts, const Facts& more)
{
    facts.insert(more);
    return facts;
}

// Every fact any row names, set to a recognisable value.
Facts everyFact()
{
    Facts facts;
    for (int i = 0; i < int(ConnectionFailure::Count); ++i) {
        for (const QString& name : ConnectionRemediation::placeholders(ConnectionFailure(i)))
            facts.insert(name, QStringLiteral("<%1>").arg(name));
    }
    return facts;
}

const QStringList kHintFacts {QStringLiteral("urlShape"), QStringLiteral("urlTemplate"),
    QStringLiteral("endpointLocation"), QStringLiteral("tokenLocation"), QStringLiteral("tokenRotation"),
    QStringLiteral("unauthorizedNote"), QStringLiteral("urlHint")};

bool isRemark(ConnectionFailure failure)
{
    switch (failure) {
    case ConnectionFailure::UnusualScimPath:
    case ConnectionFailure::FilterRejected:
    case ConnectionFailure::GroupFilterRejected:
    case ConnectionFailure::GroupPagingFailed:
    case ConnectionFailure::CreateFailed:
    case ConnectionFailure::GroupCreateFailed:
    case ConnectionFailure::MemberAddFailed:
    case ConnectionFailure::MemberRemoveFailed:
    case ConnectionFailure::StoredDateUnknown:
    case ConnectionFailure::StoredLongerThanLifetime:
    case ConnectionFailure::StoredWithLifetime:
    case ConnectionFailure::StoredDaysAgo:
    case ConnectionFailure::DeleteCheckFailed: // a warning whose cause says it all
        return true;
    default:
        return false;
    }
}

} // namespace

class TestConnectionRemediation : public QObject
{
    Q_OBJECT

private slots:
    void lookup_data();
    void lookup();
    void everyFailureIsExplained();
    void everyFailureHasAGenericRow();
    void missingFactSkipsTheRow();
    void tokenAgeInWords();
};

void TestConnectionRemediation::lookup_data()
{
    QTest::addColumn<ConnectionFailure>("failure");
    QTest::addColumn<Facts>("facts");
    QTest::addColumn<QString>("causeContains");
    QTest::addColumn<QString>("fixContains");

    const Facts host {{QStringLiteral("host"), QStringLiteral("scim.example.com")}};
    QTest::newRow("unknown host, product console known")
        << ConnectionFailure::HostNotFound << with(awsHints(), host) << "scim.example.com does not exist"
        << "against https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2/ and copy the URL again from IAM "
           "Identity Center → Settings";
    QTest::newRow("unknown host, generic") << ConnectionFailure::HostNotFound << host << "does not exist"
                                           << "VPN";
    QTest::newRow("dns timeout") << ConnectionFailure::DnsTimeout
                                 << with(host, {{QStringLiteral("timeout"), QStringLiteral("5")}})
                                 << "took longer than 5 s"
                                 << "DNS settings";

    const Facts unauthorized {{QStringLiteral("tokenAge"), QStringLiteral("The token was stored 400 days ago.")},
        {QStringLiteral("unauthorizedNote"), QStringLiteral("The tenant id in the URL (t-1) must match.")}};
    QTest::newRow("401 with the product's token page")
        << ConnectionFailure::Unauthorized << with(awsHints(), unauthorized) << "401 Unauthorized"
        << "Manage access tokens";
    QTest::newRow("401 names the tenant and the token age")
        << ConnectionFailure::Unauthorized << with(awsHints(), unauthorized)
        << "(t-1) must match. The token was "
           "stored 400 days ago."
        << "At most two access tokens";
    QTest::newRow("401 generic") << ConnectionFailure::Unauthorized << Facts() << "401 Unauthorized"
                                 << "server's admin console";

    const Facts url {{QStringLiteral("url"), QStringLiteral("https://scim.example.com/x")}};
    QTest::newRow("404 with the product's URL shape")
        << ConnectionFailure::EndpointNotFound << with(awsHints(), url)
        << "no SCIM endpoint at https://scim.example.com/x"
        << "Use https://scim.us-east-1.amazonaws.com/<tenant-id>/scim/v2/ from IAM Identity Center";
    QTest::newRow("404 with only the type's URL hint")
        << ConnectionFailure::EndpointNotFound
        << with(url, {{QStringLiteral("urlHint"), QStringLiteral("https://example.com/scim/v2/")}}) << "404"
        << "Expected: https://example.com/scim/v2/";
    QTest::newRow("404 generic") << ConnectionFailure::EndpointNotFound << url << "404"
                                 << "/Users and /Groups";
    QTest::newRow("not SCIM JSON, product") << ConnectionFailure::InvalidResponse << awsHints() << "not with SCIM JSON"
                                            << "Copy the SCIM endpoint from IAM Identity Center";
    QTest::newRow("not SCIM JSON, generic") << ConnectionFailure::InvalidResponse << Facts() << "sign-in page"
                                            << "often ending in /scim/v2";

    QTest::newRow("secret not found, with the store's words")
        << ConnectionFailure::SecretNotFound
        << Facts {{QStringLiteral("detail"), QStringLiteral("The environment variable SCIM_TOKEN is not set.")},
               {QStringLiteral("hint"), QStringLiteral("Export SCIM_TOKEN.")}}
        << "SCIM_TOKEN is not set"
        << "Export SCIM_TOKEN.";
    QTest::newRow("secret not found, generic") << ConnectionFailure::SecretNotFound << Facts() << "is stored"
                                               << "system keychain";
    QTest::newRow("keychain locked") << ConnectionFailure::SecretUnreadable
                                     << Facts {{QStringLiteral("detail"), QStringLiteral("The keyring is locked.")},
                                            {QStringLiteral("hint"), QStringLiteral("Unlock it.")}}
                                     << "could not be read from the secret store: The keyring is locked."
                                     << "Unlock it. Then run the test again.";

    QTest::newRow("500") << ConnectionFailure::ServerError
                         << Facts {{QStringLiteral("status"), QStringLiteral("502")},
                                {QStringLiteral("attempts"), QStringLiteral("2")}}
                         << "internal error (502) on 2 attempt(s)"
                         << "request id";
    QTest::newRow("timeout") << ConnectionFailure::Timeout
                             << Facts {{QStringLiteral("timeout"), QStringLiteral("0.3")},
                                    {QStringLiteral("attempts"), QStringLiteral("2")}}
                             << "did not answer within 0.3 s"
                             << "Request timeout";
    QTest::newRow("certificate for another host")
        << ConnectionFailure::TlsHostMismatch
        << with(host, {{QStringLiteral("names"), QStringLiteral("other.example.com")}})
        << "is for other.example.com, not for scim.example.com"
        << "host name";
    QTest::newRow("self-signed") << ConnectionFailure::TlsSelfSigned << Facts() << "self-signed"
                                 << "Trusted CA certificate";
    QTest::newRow("CA file unusable") << ConnectionFailure::CaBundleUnreadable
                                      << Facts {{QStringLiteral("path"), QStringLiteral("/etc/ca.pem")},
                                             {QStringLiteral("detail"),
                                                 QStringLiteral("The file /etc/ca.pem holds no PEM certificate.")}}
                                      << "holds no PEM certificate"
                                      << "--ca-file";
    QTest::newRow("connection refused") << ConnectionFailure::ConnectionRefused
                                        << with(host, {{QStringLiteral("port"), QStringLiteral("8443")}})
                                        << "nothing accepts connections on port 8443"
                                        << "port";
    QTest::newRow("token expired, product") << ConnectionFailure::TokenExpired <<
        [] {
            Facts facts = with(awsHints(),
                {{QStringLiteral("lifetime"), QStringLiteral("365")},
                    {QStringLiteral("expiry"), QStringLiteral("2025-01-01")}});
            ConnectionRemediation::addTokenAge(facts, 400, -35);
            return facts;
        }() << "stored 400 days ago; tokens of this server last 365 days"
                                            << "Manage access tokens";
    QTest::newRow("throttled with Retry-After")
        << ConnectionFailure::ThrottledWithRetryAfter
        << Facts {{QStringLiteral("throttled"), QStringLiteral("3")}, {QStringLiteral("total"), QStringLiteral("9")},
               {QStringLiteral("retryAfter"), QStringLiteral("1, 1")}}
        << "throttled 3 of 9 requests"
        << "Rate limit";
    QTest::newRow("other SCIM error with its hint")
        << ConnectionFailure::OtherScimError
        << Facts {{QStringLiteral("message"), QStringLiteral("The connection was reset.")},
               {QStringLiteral("hint"), QStringLiteral("Check the proxy.")}}
        << "The connection was reset."
        << "Check the proxy.";
    QTest::newRow("other SCIM error without a hint")
        << ConnectionFailure::OtherScimError << Facts {{QStringLiteral("message"), QStringLiteral("Odd.")}} << "Odd."
        << "Check the server settings";
}

// "stored 0 days ago" and "in about 1 day(s)" read as what they are.
void TestConnectionRemediation::tokenAgeInWords()
{
    Facts facts {{QStringLiteral("lifetime"), QStringLiteral("365")}};
    ConnectionRemediation::addTokenAge(facts, 0, 365);
    QCOMPARE(ConnectionRemediation::lookup(ConnectionFailure::StoredWithLifetime, facts).cause,
        QStringLiteral("The token was stored today (tokens of this server last 365 days)."));
    ConnectionRemediation::addTokenAge(facts, 364, 1);
    facts.insert(QStringLiteral("expiry"), QStringLiteral("2027-12-06"));
    QCOMPARE(ConnectionRemediation::lookup(ConnectionFailure::TokenExpiresSoon, facts).cause,
        QStringLiteral("The token was stored 364 days ago and expires in about 1 day, around 2027-12-06."));
    ConnectionRemediation::addTokenAge(facts, 1, 364);
    QCOMPARE(facts.value(QStringLiteral("stored")), QStringLiteral("1 day ago"));
}

void TestConnectionRemediation::lookup()
{
    QFETCH(ConnectionFailure, failure);
    QFETCH(Facts, facts);
    QFETCH(QString, causeContains);
    QFETCH(QString, fixContains);
    const Remediation remediation = ConnectionRemediation::lookup(failure, facts);
    QVERIFY2(remediation.cause.contains(causeContains), qPrintable(remediation.cause));
    QVERIFY2(remediation.fix.contains(fixContains), qPrintable(remediation.fix));
    // Optional facts that are missing leave no gap or stray blank behind.
    QVERIFY(!remediation.cause.contains(QLatin1String("  ")));
    QVERIFY(!remediation.fix.endsWith(QLatin1Char(' ')));
    QVERIFY(!remediation.cause.contains(QLatin1Char('{')));
    QVERIFY(!remediation.fix.contains(QLatin1Char('{')));
}

void TestConnectionRemediation::everyFailureIsExplained()
{
    const Facts facts = everyFact();
    for (int i = 0; i < int(ConnectionFailure::Count); ++i) {
        const auto failure = ConnectionFailure(i);
        const Remediation remediation = ConnectionRemediation::lookup(failure, facts);
        QVERIFY2(!remediation.cause.isEmpty(), qPrintable(QStringLiteral("failure %1 has no cause").arg(i)));
        if (isRemark(failure))
            QVERIFY2(remediation.fix.isEmpty() || failure == ConnectionFailure::DeleteCheckFailed,
                qPrintable(QStringLiteral("remark %1 has a fix").arg(i)));
        else
            QVERIFY2(!remediation.fix.isEmpty(), qPrintable(QStringLiteral("failure %1 has no fix").arg(i)));
    }
}

void TestConnectionRemediation::everyFailureHasAGenericRow()
{
    // Without any server-type hint (a generic SCIM server) every failure is still explained.
    Facts facts = everyFact();
    for (const QString& hint : kHintFacts)
        facts.remove(hint);
    for (int i = 0; i < int(ConnectionFailure::Count); ++i) {
        const Remediation remediation = ConnectionRemediation::lookup(ConnectionFailure(i), facts);
        QVERIFY2(!remediation.cause.isEmpty(), qPrintable(QStringLiteral("failure %1 needs a hint").arg(i)));
        for (const QString& hint : kHintFacts)
            QVERIFY(!remediation.fix.contains(QStringLiteral("<%1>").arg(hint)));
    }
}

void TestConnectionRemediation::missingFactSkipsTheRow()
{
    // A row never prints a placeholder: without the host there is nothing to say about it.
    QVERIFY(ConnectionRemediation::lookup(ConnectionFailure::DnsTimeout, {}).cause.isEmpty());
    QVERIFY(ConnectionRemediation::placeholders(ConnectionFailure::DnsTimeout).contains(QStringLiteral("host")));
}

QTEST_GUILESS_MAIN(TestConnectionRemediation)
#include "tst_connectionremediation.moc"
