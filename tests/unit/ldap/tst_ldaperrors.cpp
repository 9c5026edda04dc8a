#include "ldap/LdapErrorClassifier.h"
#include "ldap/LdapRemediation.h"

#include <QTest>

Q_DECLARE_METATYPE(LdapFailure)
Q_DECLARE_METATYPE(LdapErrorClassifier::Operation)
Q_DECLARE_METATYPE(SourceReadError::Kind)

namespace {

// LDAP result codes (RFC 4511) and libldap's API codes, by number so the test does not lean
// on the header it checks.
constexpr int kSizeLimitExceeded = 4;
constexpr int kTimeLimitExceeded = 3;
constexpr int kStrongerAuthRequired = 8;
constexpr int kReferral = 10;
constexpr int kAdminLimitExceeded = 11;
constexpr int kUnavailableCriticalExtension = 12;
constexpr int kConfidentialityRequired = 13;
constexpr int kNoSuchObject = 32;
constexpr int kInvalidDnSyntax = 34;
constexpr int kInappropriateAuthentication = 48;
constexpr int kInvalidCredentials = 49;
constexpr int kInsufficientAccess = 50;
constexpr int kBusy = 51;
constexpr int kUnwillingToPerform = 53;
constexpr int kOperationsError = 1;
constexpr int kProtocolError = 2;
constexpr int kServerDown = -1;
constexpr int kTimeout = -5;
constexpr int kFilterError = -7;
constexpr int kConnectError = -11;

QString adDiagnostic(const char* code)
{
    return QStringLiteral("80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data %1, v4563")
        .arg(QLatin1String(code));
}

LdapRemediation::Facts everyFact()
{
    LdapRemediation::Facts facts;
    for (const char* name : {"url", "host", "port", "bindDn", "baseDn", "timeout", "filter", "caFile", "subject",
             "issuer", "names", "expiry", "matched", "referral", "code", "codeName", "diagnostic"}) {
        facts.insert(QLatin1String(name), QStringLiteral("<%1>").arg(QLatin1String(name)));
    }
    return facts;
}

} // namespace

class TestLdapErrors : public QObject
{
    Q_OBJECT

private slots:
    void classifiesResults_data()
    {
        using Op = LdapErrorClassifier::Operation;
        QTest::addColumn<Op>("operation");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("diagnostic");
        QTest::addColumn<bool>("anonymous");
        QTest::addColumn<LdapFailure>("failure");

        QTest::newRow("AD over plain LDAP") << Op::Bind << kStrongerAuthRequired
                                            << QStringLiteral("00002028: LdapErr: DSID-0C090259, comment: The "
                                                              "server requires binds to turn on integrity checking")
                                            << false << LdapFailure::StrongerAuthRequired;
        QTest::newRow("confidentiality required")
            << Op::Bind << kConfidentialityRequired << QString() << false << LdapFailure::StrongerAuthRequired;
        QTest::newRow("bad DN syntax") << Op::Bind << kInvalidDnSyntax << QString() << false
                                       << LdapFailure::InvalidDnSyntax;
        QTest::newRow("bad base DN syntax")
            << Op::Search << kInvalidDnSyntax << QString() << false << LdapFailure::InvalidDnSyntax;
        QTest::newRow("openldap wrong password")
            << Op::Bind << kInvalidCredentials << QString() << false << LdapFailure::InvalidCredentials;
        QTest::newRow("AD 525") << Op::Bind << kInvalidCredentials << adDiagnostic("525") << false
                                << LdapFailure::AdUserNotFound;
        QTest::newRow("AD 52e") << Op::Bind << kInvalidCredentials << adDiagnostic("52e") << false
                                << LdapFailure::AdWrongPassword;
        QTest::newRow("AD 52E upper") << Op::Bind << kInvalidCredentials << adDiagnostic("52E") << false
                                      << LdapFailure::AdWrongPassword;
        QTest::newRow("AD 530") << Op::Bind << kInvalidCredentials << adDiagnostic("530") << false
                                << LdapFailure::AdLogonHoursRestricted;
        QTest::newRow("AD 531") << Op::Bind << kInvalidCredentials << adDiagnostic("531") << false
                                << LdapFailure::AdWorkstationRestricted;
        QTest::newRow("AD 532") << Op::Bind << kInvalidCredentials << adDiagnostic("532") << false
                                << LdapFailure::AdPasswordExpired;
        QTest::newRow("AD 533") << Op::Bind << kInvalidCredentials << adDiagnostic("533") << false
                                << LdapFailure::AdAccountDisabled;
        QTest::newRow("AD 701") << Op::Bind << kInvalidCredentials << adDiagnostic("701") << false
                                << LdapFailure::AdAccountExpired;
        QTest::newRow("AD 773") << Op::Bind << kInvalidCredentials << adDiagnostic("773") << false
                                << LdapFailure::AdMustChangePassword;
        QTest::newRow("AD 775") << Op::Bind << kInvalidCredentials << adDiagnostic("775") << false
                                << LdapFailure::AdAccountLocked;
        QTest::newRow("AD unknown sub-code")
            << Op::Bind << kInvalidCredentials << adDiagnostic("999") << false << LdapFailure::InvalidCredentials;
        QTest::newRow("anonymous refused")
            << Op::Bind << kUnwillingToPerform << QString() << true << LdapFailure::AnonymousRefused;
        QTest::newRow("inappropriate auth named")
            << Op::Bind << kInappropriateAuthentication << QString() << false << LdapFailure::BindFailed;
        QTest::newRow("AD search needs a bind") << Op::Search << kOperationsError
                                                << QStringLiteral("000004DC: LdapErr: DSID-0C090A5C, comment: In "
                                                                  "order to perform this operation a successful "
                                                                  "bind must be completed on the connection.")
                                                << true << LdapFailure::AnonymousRefused;
        QTest::newRow("base DN missing") << Op::Search << kNoSuchObject << QString() << false
                                         << LdapFailure::BaseDnNotFound;
        QTest::newRow("size limit") << Op::Search << kSizeLimitExceeded << QString() << false
                                    << LdapFailure::SizeLimitExceeded;
        QTest::newRow("time limit") << Op::Search << kTimeLimitExceeded << QString() << false
                                    << LdapFailure::TimeLimitExceeded;
        QTest::newRow("admin limit") << Op::Search << kAdminLimitExceeded << QString() << false
                                     << LdapFailure::AdminLimitExceeded;
        QTest::newRow("paging refused") << Op::Search << kUnavailableCriticalExtension << QString() << false
                                        << LdapFailure::PagingUnsupported;
        QTest::newRow("stale cookie") << Op::Search << kUnwillingToPerform << QString() << false
                                      << LdapFailure::PagingFailed;
        QTest::newRow("referral") << Op::Search << kReferral << QString() << false << LdapFailure::ReferralNeeded;
        QTest::newRow("filter") << Op::Search << kFilterError << QString() << false << LdapFailure::FilterRejected;
        QTest::newRow("no access") << Op::Search << kInsufficientAccess << QString() << false
                                   << LdapFailure::InsufficientAccess;
        QTest::newRow("busy") << Op::Search << kBusy << QString() << false << LdapFailure::ServerBusy;
        QTest::newRow("dropped mid-read")
            << Op::Search << kServerDown << QString() << false << LdapFailure::ConnectionDropped;
        QTest::newRow("library timeout") << Op::Search << kTimeout << QString() << false << LdapFailure::Timeout;
        QTest::newRow("StartTLS unsupported")
            << Op::StartTls << kProtocolError << QString() << false << LdapFailure::StartTlsRefused;
        QTest::newRow("StartTLS handshake")
            << Op::StartTls << kConnectError << QString() << false << LdapFailure::TlsFailed;
        QTest::newRow("other") << Op::Search << 80 << QString() << false << LdapFailure::OtherLdapError;
    }
    void classifiesResults()
    {
        QFETCH(LdapErrorClassifier::Operation, operation);
        QFETCH(int, code);
        QFETCH(QString, diagnostic);
        QFETCH(bool, anonymous);
        QFETCH(LdapFailure, failure);
        QCOMPARE(LdapErrorClassifier::fromResult(operation, code, diagnostic, anonymous), failure);
    }

    void classifiesTlsErrors_data()
    {
        QTest::addColumn<QList<QSslError::SslError>>("errors");
        QTest::addColumn<bool>("certificateSeen");
        QTest::addColumn<LdapFailure>("failure");
        QTest::newRow("no certificate") << QList<QSslError::SslError> {} << false << LdapFailure::TlsFailed;
        QTest::newRow("self-signed") << QList<QSslError::SslError> {QSslError::SelfSignedCertificate} << true
                                     << LdapFailure::CertificateUntrusted;
        QTest::newRow("unknown CA") << QList<QSslError::SslError> {QSslError::UnableToGetLocalIssuerCertificate} << true
                                    << LdapFailure::CertificateUntrusted;
        QTest::newRow("untrusted and wrong name: trust first")
            << QList<QSslError::SslError> {QSslError::HostNameMismatch, QSslError::UnableToGetLocalIssuerCertificate}
            << true << LdapFailure::CertificateUntrusted;
        QTest::newRow("wrong name") << QList<QSslError::SslError> {QSslError::HostNameMismatch} << true
                                    << LdapFailure::HostNameMismatch;
        QTest::newRow("expired") << QList<QSslError::SslError> {QSslError::CertificateExpired} << true
                                 << LdapFailure::CertificateExpired;
        QTest::newRow("not yet valid") << QList<QSslError::SslError> {QSslError::CertificateNotYetValid} << true
                                       << LdapFailure::CertificateNotYetValid;
        QTest::newRow("verified, still failed") << QList<QSslError::SslError> {} << true << LdapFailure::TlsFailed;
    }
    void classifiesTlsErrors()
    {
        QFETCH(QList<QSslError::SslError>, errors);
        QFETCH(bool, certificateSeen);
        QFETCH(LdapFailure, failure);
        QCOMPARE(LdapErrorClassifier::fromTlsErrors(errors, certificateSeen), failure);
    }

    void adSubCode_data()
    {
        QTest::addColumn<QString>("diagnostic");
        QTest::addColumn<QString>("code");
        QTest::newRow("52e") << adDiagnostic("52e") << QStringLiteral("52e");
        QTest::newRow("upper case") << adDiagnostic("775") << QStringLiteral("775");
        QTest::newRow("none") << QStringLiteral("Invalid credentials") << QString();
        QTest::newRow("database is no sub-code") << QStringLiteral("database error") << QString();
    }
    void adSubCode()
    {
        QFETCH(QString, diagnostic);
        QFETCH(QString, code);
        QCOMPARE(LdapErrorClassifier::adSubCode(diagnostic), code);
    }

    // Every failure has a row whose texts use only the facts the header promises, and says
    // what happened and what to do.
    void everyFailureIsExplained()
    {
        const QStringList promised = everyFact().keys();
        for (int i = 0; i < int(LdapFailure::Count); ++i) {
            const auto failure = LdapFailure(i);
            const LdapRemediation::Text text = LdapRemediation::lookup(failure, everyFact());
            QVERIFY2(!text.message.isEmpty() && !text.remedy.isEmpty(), qPrintable(QString::number(i)));
            QVERIFY2(!text.message.contains(QLatin1Char('{')) && !text.remedy.contains(QLatin1Char('{')),
                qPrintable(text.message + QLatin1Char(' ') + text.remedy));
            for (const QString& name : LdapRemediation::placeholders(failure)) {
                QVERIFY2(promised.contains(name), qPrintable(name));
            }
        }
    }

    void kinds_data()
    {
        QTest::addColumn<LdapFailure>("failure");
        QTest::addColumn<SourceReadError::Kind>("kind");
        QTest::addColumn<QString>("messagePart");
        QTest::addColumn<QString>("remedyPart");
        QTest::newRow("wrong port for ldaps") << LdapFailure::LdapsOnPlainPort << SourceReadError::Kind::Tls
                                              << QStringLiteral("answers plain LDAP") << QStringLiteral(":636");
        QTest::newRow("ldap on the ldaps port") << LdapFailure::PlainOnLdapsPort << SourceReadError::Kind::Tls
                                                << QStringLiteral("expects TLS") << QStringLiteral("ldaps://");
        QTest::newRow("strongerAuthRequired") << LdapFailure::StrongerAuthRequired << SourceReadError::Kind::Bind
                                              << QStringLiteral("strongerAuthRequired") << QStringLiteral("StartTLS");
        QTest::newRow("bad DN") << LdapFailure::InvalidDnSyntax << SourceReadError::Kind::InvalidSettings
                                << QStringLiteral("not valid syntax") << QStringLiteral("escaped");
        QTest::newRow("52e") << LdapFailure::AdWrongPassword << SourceReadError::Kind::Bind
                             << QStringLiteral("data 52e") << QStringLiteral("password");
        QTest::newRow("775") << LdapFailure::AdAccountLocked << SourceReadError::Kind::Bind
                             << QStringLiteral("locked out") << QStringLiteral("unlock");
        QTest::newRow("untrusted") << LdapFailure::CertificateUntrusted << SourceReadError::Kind::Tls
                                   << QStringLiteral("not trusted") << QStringLiteral("--ca-file");
        QTest::newRow("host name") << LdapFailure::HostNameMismatch << SourceReadError::Kind::Tls
                                   << QStringLiteral("does not match") << QStringLiteral("names");
        QTest::newRow("base DN") << LdapFailure::BaseDnNotFound << SourceReadError::Kind::BaseDnNotFound
                                 << QStringLiteral("does not exist") << QStringLiteral("base DN");
        QTest::newRow("size limit") << LdapFailure::SizeLimitExceeded << SourceReadError::Kind::SizeLimit
                                    << QStringLiteral("incomplete") << QStringLiteral("paging");
        QTest::newRow("time limit") << LdapFailure::TimeLimitExceeded << SourceReadError::Kind::TimeLimit
                                    << QStringLiteral("incomplete") << QStringLiteral("Nothing was changed");
        QTest::newRow("dropped") << LdapFailure::ConnectionDropped << SourceReadError::Kind::Dropped
                                 << QStringLiteral("broke off") << QStringLiteral("no change");
        QTest::newRow("timeout") << LdapFailure::Timeout << SourceReadError::Kind::Timeout
                                 << QStringLiteral("<timeout> s") << QStringLiteral("timeout");
        QTest::newRow("referral") << LdapFailure::ReferralNeeded << SourceReadError::Kind::Referral
                                  << QStringLiteral("<referral>") << QStringLiteral("base DN");
        QTest::newRow("password in clear") << LdapFailure::PasswordWithoutTls << SourceReadError::Kind::InvalidSettings
                                           << QStringLiteral("unencrypted") << QStringLiteral("--start-tls");
    }
    void kinds()
    {
        QFETCH(LdapFailure, failure);
        QFETCH(SourceReadError::Kind, kind);
        QFETCH(QString, messagePart);
        QFETCH(QString, remedyPart);
        const SourceReadError error = LdapRemediation::error(failure, everyFact());
        QCOMPARE(error.kind, kind);
        QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
        QVERIFY2(error.remedy.contains(remedyPart), qPrintable(error.remedy));
    }

    void serverTextIsEscapedAndKeptApart()
    {
        LdapRemediation::Facts facts = everyFact();
        facts.insert(QStringLiteral("diagnostic"), QStringLiteral("data 52e\x1b[2J"));
        facts.insert(QStringLiteral("code"), QStringLiteral("49"));
        facts.insert(QStringLiteral("bindDn"), QStringLiteral("cn=evil\x1b[31m"));
        const SourceReadError error = LdapRemediation::error(LdapFailure::AdWrongPassword, facts);
        QCOMPARE(error.ldapResultCode, 49);
        QVERIFY(!error.diagnostic.contains(QChar(0x1b)));
        QVERIFY(error.diagnostic.contains(QStringLiteral("data 52e")));
        QVERIFY(!error.message.contains(QChar(0x1b)));
        QVERIFY(!error.message.contains(QStringLiteral("data 52e\\x1b")));
    }
};

QTEST_GUILESS_MAIN(TestLdapErrors)
#include "tst_ldaperrors.moc"
