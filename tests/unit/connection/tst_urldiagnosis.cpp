#include <connection/UrlDiagnosis.h>
#include <servertypes/ServerType.h>
#include <servertypes/ServerTypeRegistry.h>

#include <QTest>

namespace {

const QString kTenant = QStringLiteral("a1b2c3d4e5-11111111-2222-3333-4444-555555555555");
const QString kUuidTenant = QStringLiteral("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

ServerType awsType()
{
    ServerType type;
    type.id = QStringLiteral("aws-iam-identity-center");
    type.displayName = QStringLiteral("AWS IAM Identity Center");
    type.urlPattern = QStringLiteral(
        "^https://scim\\.[a-z]{2}(-[a-z]+)+-[0-9]+\\.amazonaws\\.com/([0-9a-f]{10}-)?[0-9a-f]{8}-[0-9a-f]{4}-"
        "[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/scim/v2/?$");
    type.urlHint = QStringLiteral("https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2/");
    return type;
}

// The shipped presets: their connection hints know the products' URLs.
const QList<ServerType>& presets()
{
    static const QList<ServerType> types = ServerTypeRegistry::load().all();
    return types;
}

UrlDiagnosis diagnoseWithPresets(const QString& url)
{
    return UrlDiagnosis::diagnose(url, nullptr, presets());
}

} // namespace

class TestUrlDiagnosis : public QObject
{
    Q_OBJECT

private slots:
    void diagnose_data();
    void diagnose();
    void awsShapeShowsRegionAndTenant_data();
    void awsShapeShowsRegionAndTenant();
    void wrongPasteSaysWhereTheRightUrlIs();
    void serverTypePatternMismatchIsAWarning();
    void trailingSlashIsNormalised();
    void withoutPresetsNoProductIsKnown();
    void productUrlUnderAnotherTypeIsAWarning();
};

void TestUrlDiagnosis::diagnose_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("suggested"); // "" = none expected, "*" = don't care

    const QString awsBase = QStringLiteral("https://scim.us-east-1.amazonaws.com/") + kTenant;
    QTest::newRow("aws ok, trailing slash") << awsBase + QStringLiteral("/scim/v2/") << "none"
                                            << "pass"
                                            << "";
    QTest::newRow("aws ok, no trailing slash") << awsBase + QStringLiteral("/scim/v2") << "none"
                                               << "pass"
                                               << "";
    QTest::newRow("aws ok, uuid tenant")
        << QStringLiteral("https://scim.eu-central-1.amazonaws.com/%1/scim/v2/").arg(kUuidTenant) << "none"
        << "pass"
        << "";
    QTest::newRow("aws ok, gov region")
        << QStringLiteral("https://scim.us-gov-west-1.amazonaws.com/%1/scim/v2").arg(kUuidTenant) << "none"
        << "pass"
        << "";
    QTest::newRow("aws ok, blanks around") << QStringLiteral("  ") + awsBase + QStringLiteral("/scim/v2/\n") << "none"
                                           << "pass"
                                           << "";
    QTest::newRow("access portal") << QStringLiteral("https://d-9067642ac7.awsapps.com/start") << "aws-access-portal"
                                   << "fail"
                                   << "";
    QTest::newRow("access portal, alias, hash route")
        << QStringLiteral("https://mycompany.awsapps.com/start/#/") << "aws-access-portal"
        << "fail"
        << "";
    QTest::newRow("saml sign-in (portal.sso)")
        << QStringLiteral("https://portal.sso.eu-west-1.amazonaws.com/saml/assertion/MDYwMzE0NTk2MjEwX2lucy0x")
        << "aws-saml-url"
        << "fail"
        << "";
    QTest::newRow("saml acs (signin.aws.amazon.com)")
        << QStringLiteral("https://signin.aws.amazon.com/saml") << "aws-saml-url"
        << "fail"
        << "";
    QTest::newRow("saml issuer") << QStringLiteral("https://identitycenter.amazonaws.com/ssoins-72233c2b6e1c5a7b")
                                 << "aws-saml-url"
                                 << "fail"
                                 << "";
    QTest::newRow("console, regional") << QStringLiteral(
        "https://us-east-1.console.aws.amazon.com/singlesignon/home?region=us-east-1#/settings")
                                       << "aws-console"
                                       << "fail"
                                       << "";
    QTest::newRow("console, global") << QStringLiteral("https://console.aws.amazon.com/singlesignon/identity/home")
                                     << "aws-console"
                                     << "fail"
                                     << "";
    QTest::newRow("aws missing /scim/v2") << awsBase << "missing-scim-path"
                                          << "fail" << awsBase + QStringLiteral("/scim/v2/");
    QTest::newRow("aws missing /scim/v2, trailing slash") << awsBase + QStringLiteral("/") << "missing-scim-path"
                                                          << "fail" << awsBase + QStringLiteral("/scim/v2/");
    QTest::newRow("aws missing tenant") << QStringLiteral("https://scim.us-east-1.amazonaws.com/scim/v2/")
                                        << "missing-url-part"
                                        << "fail"
                                        << "";
    QTest::newRow("aws host only") << QStringLiteral("https://scim.us-east-1.amazonaws.com") << "missing-url-part"
                                   << "fail"
                                   << "";
    QTest::newRow("aws resource url") << awsBase + QStringLiteral("/scim/v2/Users") << "resource-path"
                                      << "fail" << awsBase + QStringLiteral("/scim/v2/");
    QTest::newRow("aws wrong version") << awsBase + QStringLiteral("/scim/v1") << "unexpected-path"
                                       << "fail" << awsBase + QStringLiteral("/scim/v2/");
    QTest::newRow("aws truncated tenant")
        << QStringLiteral("https://scim.us-east-1.amazonaws.com/a1b2c3d4e5-1111/scim/v2/") << "unusual-url-part"
        << "warning"
        << "";
    QTest::newRow("aws over http") << QStringLiteral("http://scim.us-east-1.amazonaws.com/") + kTenant
            + QStringLiteral("/scim/v2/")
                                   << "plain-http"
                                   << "fail"
                                   << "*";
    QTest::newRow("empty") << QString() << "empty"
                           << "fail"
                           << "";
    QTest::newRow("blank") << QStringLiteral("   ") << "empty"
                           << "fail"
                           << "";
    QTest::newRow("no scheme") << QStringLiteral("scim.example.com/scim/v2") << "malformed"
                               << "fail" << QStringLiteral("https://scim.example.com/scim/v2");
    QTest::newRow("garbage") << QStringLiteral("not a url") << "malformed"
                             << "fail"
                             << "";
    QTest::newRow("ftp") << QStringLiteral("ftp://scim.example.com/scim/v2") << "unsupported-scheme"
                         << "fail"
                         << "";
    QTest::newRow("credentials") << QStringLiteral("https://admin:secret@scim.example.com/scim/v2")
                                 << "credentials-in-url"
                                 << "fail"
                                 << "";
    QTest::newRow("http remote") << QStringLiteral("http://scim.example.com/scim/v2") << "plain-http"
                                 << "fail" << QStringLiteral("https://scim.example.com/scim/v2");
    QTest::newRow("http loopback") << QStringLiteral("http://127.0.0.1:8080/t/scim/v2/") << "none"
                                   << "pass"
                                   << "";
    QTest::newRow("http localhost") << QStringLiteral("http://localhost:8080/scim/v2") << "none"
                                    << "pass"
                                    << "";
    QTest::newRow("generic ok") << QStringLiteral("https://scim.example.com/api/scim/v2/") << "none"
                                << "pass"
                                << "";
    QTest::newRow("generic resource url")
        << QStringLiteral("https://scim.example.com/scim/v2/Groups/42") << "resource-path"
        << "fail" << QStringLiteral("https://scim.example.com/scim/v2");
    QTest::newRow("generic no path") << QStringLiteral("https://scim.example.com/") << "no-path"
                                     << "warning"
                                     << "";
    QTest::newRow("github ok") << QStringLiteral("https://api.github.com/scim/v2/enterprises/acme-corp/") << "none"
                               << "pass"
                               << "";
    QTest::newRow("github missing enterprise")
        << QStringLiteral("https://api.github.com/scim/v2/enterprises") << "missing-url-part"
        << "fail"
        << "";
    QTest::newRow("github web page") << QStringLiteral("https://github.com/enterprises/acme-corp") << "github-web-url"
                                     << "fail"
                                     << "";
    QTest::newRow("salesforce lightning page")
        << QStringLiteral("https://acme.lightning.force.com/lightning/setup/SetupOneHome/home")
        << "salesforce-lightning-url"
        << "fail"
        << "";
    QTest::newRow("salesforce ok") << QStringLiteral("https://acme.my.salesforce.com/services/scim/v2") << "none"
                                   << "pass"
                                   << "";
    QTest::newRow("salesforce missing scim path")
        << QStringLiteral("https://acme.my.salesforce.com/services") << "missing-scim-path"
        << "fail" << QStringLiteral("https://acme.my.salesforce.com/services/scim/v2/");
    QTest::newRow("query dropped") << QStringLiteral("https://scim.example.com/scim/v2?x=1") << "query-or-fragment"
                                   << "warning" << QStringLiteral("https://scim.example.com/scim/v2");
}

void TestUrlDiagnosis::diagnose()
{
    QFETCH(QString, url);
    QFETCH(QString, problem);
    QFETCH(QString, verdict);
    QFETCH(QString, suggested);

    const UrlDiagnosis d = diagnoseWithPresets(url);
    QCOMPARE(d.code(), problem);
    QCOMPARE(ConnectionVerdicts::id(d.verdict()), verdict);
    if (suggested != QLatin1String("*"))
        QCOMPARE(d.suggestedUrl(), suggested);
    if (d.verdict() == ConnectionVerdict::Pass) {
        QVERIFY(d.cause().isEmpty());
        QVERIFY(d.url().isValid());
    } else {
        QVERIFY2(!d.cause().isEmpty(), "a problem must say what is wrong");
        QVERIFY2(!d.fix().isEmpty(), "a problem must say what to do");
    }
    if (d.verdict() == ConnectionVerdict::Fail)
        QVERIFY(!d.url().isValid());
    // A password in the URL is never echoed back.
    QVERIFY(!d.cause().contains(QLatin1String("secret")));
    QVERIFY(!d.fix().contains(QLatin1String("secret")));
}

void TestUrlDiagnosis::awsShapeShowsRegionAndTenant_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("tenant");
    QTest::newRow("legacy tenant") << QStringLiteral("https://scim.us-east-1.amazonaws.com/%1/scim/v2/").arg(kTenant)
                                   << "us-east-1" << kTenant;
    QTest::newRow("uuid tenant")
        << QStringLiteral("https://scim.ap-southeast-2.amazonaws.com/%1/scim/v2").arg(kUuidTenant) << "ap-southeast-2"
        << kUuidTenant;
    QTest::newRow("missing scim path still shows both")
        << QStringLiteral("https://scim.eu-west-3.amazonaws.com/%1").arg(kUuidTenant) << "eu-west-3" << kUuidTenant;
}

void TestUrlDiagnosis::awsShapeShowsRegionAndTenant()
{
    QFETCH(QString, url);
    QFETCH(QString, region);
    QFETCH(QString, tenant);
    const UrlDiagnosis d = diagnoseWithPresets(url);
    QCOMPARE(d.recognisedTypeId(), QStringLiteral("aws-iam-identity-center"));
    QCOMPARE(d.urlParts().value(QStringLiteral("region")), region);
    QCOMPARE(d.urlParts().value(QStringLiteral("tenant-id")), tenant);
    QVERIFY(!d.hints().tokenLocation.isEmpty());
    QVERIFY(d.details().join('\n').contains(region));
    QVERIFY(d.details().join('\n').contains(tenant));
}

void TestUrlDiagnosis::wrongPasteSaysWhereTheRightUrlIs()
{
    const UrlDiagnosis portal = diagnoseWithPresets(QStringLiteral("https://d-9067642ac7.awsapps.com/start"));
    QVERIFY(portal.cause().contains(QLatin1String("access portal")));
    QVERIFY(portal.fix().contains(QLatin1String("Automatic provisioning")));
    QVERIFY(portal.fix().contains(QLatin1String("https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2/")));

    const UrlDiagnosis saml
        = diagnoseWithPresets(QStringLiteral("https://portal.sso.eu-west-1.amazonaws.com/saml/assertion/abc"));
    QVERIFY(saml.cause().contains(QLatin1String("SAML")));
    // The region seen in the wrong URL is carried into the hint.
    QVERIFY(saml.fix().contains(QLatin1String("https://scim.eu-west-1.amazonaws.com/<tenant-id>/scim/v2/")));

    const UrlDiagnosis console = diagnoseWithPresets(
        QStringLiteral("https://console.aws.amazon.com/singlesignon/home?region=ap-northeast-1#/"));
    QVERIFY(console.cause().contains(QLatin1String("console")));
    QVERIFY(console.fix().contains(QLatin1String("scim.ap-northeast-1.amazonaws.com")));
}

void TestUrlDiagnosis::serverTypePatternMismatchIsAWarning()
{
    const ServerType type = awsType();
    const UrlDiagnosis d = UrlDiagnosis::diagnose(QStringLiteral("https://scim.example.com/scim/v2"), &type);
    QCOMPARE(d.problem(), UrlDiagnosis::Problem::TypeMismatch);
    QCOMPARE(d.verdict(), ConnectionVerdict::Warning);
    QVERIFY(d.fix().contains(type.urlHint));

    const UrlDiagnosis ok = UrlDiagnosis::diagnose(
        QStringLiteral("https://scim.us-east-1.amazonaws.com/%1/scim/v2/").arg(kTenant), &type);
    QCOMPARE(ok.verdict(), ConnectionVerdict::Pass);

    // The demo's sandbox and test emulators listen on loopback: no shape warning there.
    const UrlDiagnosis local
        = UrlDiagnosis::diagnose(QStringLiteral("http://127.0.0.1:40007/%1/scim/v2/").arg(kTenant), &type);
    QCOMPARE(local.verdict(), ConnectionVerdict::Pass);
    QVERIFY(local.details().join(QLatin1Char(' ')).contains(QLatin1String("Local test endpoint")));

    const UrlDiagnosis empty = UrlDiagnosis::diagnose(QString(), &type);
    QVERIFY(empty.fix().contains(type.urlHint));
}

void TestUrlDiagnosis::trailingSlashIsNormalised()
{
    const UrlDiagnosis a
        = diagnoseWithPresets(QStringLiteral("https://scim.us-east-1.amazonaws.com/%1/scim/v2/").arg(kTenant));
    const UrlDiagnosis b
        = diagnoseWithPresets(QStringLiteral("https://scim.us-east-1.amazonaws.com/%1/scim/v2").arg(kTenant));
    QCOMPARE(a.url(), b.url());
    QVERIFY(!a.url().path().endsWith(QLatin1Char('/')));
}

void TestUrlDiagnosis::withoutPresetsNoProductIsKnown()
{
    // Product knowledge is data: without presets an AWS access portal URL is just a URL.
    const UrlDiagnosis portal = UrlDiagnosis::diagnose(QStringLiteral("https://d-9067642ac7.awsapps.com/start"));
    QVERIFY(portal.recognisedTypeId().isEmpty());
    QVERIFY(portal.problem() != UrlDiagnosis::Problem::WrongUrl);
    const UrlDiagnosis scim
        = UrlDiagnosis::diagnose(QStringLiteral("https://scim.us-east-1.amazonaws.com/%1/scim/v2/").arg(kTenant));
    QCOMPARE(scim.verdict(), ConnectionVerdict::Pass);
    QVERIFY(scim.urlParts().isEmpty());
}

void TestUrlDiagnosis::productUrlUnderAnotherTypeIsAWarning()
{
    const std::optional<ServerType> github = ServerTypeRegistry::load().find(QStringLiteral("github-emu"));
    QVERIFY(github);
    const UrlDiagnosis d = UrlDiagnosis::diagnose(
        QStringLiteral("https://scim.us-east-1.amazonaws.com/%1/scim/v2/").arg(kTenant), &*github, presets());
    QCOMPARE(d.problem(), UrlDiagnosis::Problem::TypeMismatch);
    QCOMPARE(d.recognisedTypeId(), QStringLiteral("aws-iam-identity-center"));
    QVERIFY(d.fix().contains(QLatin1String("AWS IAM Identity Center")));
    // The hints that apply are the product's the URL belongs to.
    QVERIFY(d.hints().endpointLocation.contains(QLatin1String("IAM Identity Center")));
}

QTEST_GUILESS_MAIN(TestUrlDiagnosis)
#include "tst_urldiagnosis.moc"
