#include "LdapErrorClassifier.h"

#include <QRegularExpression>

#include <ldap.h>

namespace {

LdapFailure fromAdSubCode(const QString& subCode)
{
    static const struct
    {
        const char* code;
        LdapFailure failure;
    } kSubCodes[] = {
        {"525", LdapFailure::AdUserNotFound},
        {"52e", LdapFailure::AdWrongPassword},
        {"530", LdapFailure::AdLogonHoursRestricted},
        {"531", LdapFailure::AdWorkstationRestricted},
        {"532", LdapFailure::AdPasswordExpired},
        {"533", LdapFailure::AdAccountDisabled},
        {"701", LdapFailure::AdAccountExpired},
        {"773", LdapFailure::AdMustChangePassword},
        {"775", LdapFailure::AdAccountLocked},
    };
    for (const auto& entry : kSubCodes) {
        if (subCode == QLatin1String(entry.code)) {
            return entry.failure;
        }
    }
    return LdapFailure::InvalidCredentials;
}

LdapFailure fromBind(int code, const QString& diagnostic, bool anonymous)
{
    switch (code) {
    case LDAP_INVALID_CREDENTIALS:
        return fromAdSubCode(LdapErrorClassifier::adSubCode(diagnostic));
    case LDAP_INAPPROPRIATE_AUTH:
    case LDAP_UNWILLING_TO_PERFORM:
        return anonymous ? LdapFailure::AnonymousRefused : LdapFailure::BindFailed;
    case LDAP_INSUFFICIENT_ACCESS:
        return anonymous ? LdapFailure::AnonymousRefused : LdapFailure::InvalidCredentials;
    default:
        return LdapFailure::BindFailed;
    }
}

LdapFailure fromSearch(int code, const QString& diagnostic, bool anonymous)
{
    switch (code) {
    case LDAP_NO_SUCH_OBJECT:
        return LdapFailure::BaseDnNotFound;
    case LDAP_SIZELIMIT_EXCEEDED:
        return LdapFailure::SizeLimitExceeded;
    case LDAP_TIMELIMIT_EXCEEDED:
        return LdapFailure::TimeLimitExceeded;
    case LDAP_ADMINLIMIT_EXCEEDED:
        return LdapFailure::AdminLimitExceeded;
    case LDAP_UNAVAILABLE_CRITICAL_EXTENSION:
        return LdapFailure::PagingUnsupported;
    case LDAP_REFERRAL:
        return LdapFailure::ReferralNeeded;
    case LDAP_FILTER_ERROR:
    case LDAP_INAPPROPRIATE_MATCHING:
        return LdapFailure::FilterRejected;
    case LDAP_INSUFFICIENT_ACCESS:
        return anonymous ? LdapFailure::AnonymousRefused : LdapFailure::InsufficientAccess;
    case LDAP_OPERATIONS_ERROR:
        // Active Directory: "In order to perform this operation a successful bind must be completed"
        if (anonymous || diagnostic.contains(QLatin1String("successful bind"), Qt::CaseInsensitive)) {
            return LdapFailure::AnonymousRefused;
        }
        return LdapFailure::OtherLdapError;
    case LDAP_UNWILLING_TO_PERFORM:
        // A paged search whose cookie the server no longer knows ends like this.
        return LdapFailure::PagingFailed;
    default:
        return LdapFailure::OtherLdapError;
    }
}

} // namespace

QString LdapErrorClassifier::adSubCode(const QString& diagnostic)
{
    static const QRegularExpression pattern(QStringLiteral("\\bdata ([0-9a-fA-F]{3,8})\\b"));
    const QRegularExpressionMatch match = pattern.match(diagnostic);
    return match.hasMatch() ? match.captured(1).toLower() : QString();
}

LdapFailure LdapErrorClassifier::fromResult(Operation operation, int code, const QString& diagnostic, bool anonymous)
{
    // Answers that mean the same in every operation.
    switch (code) {
    case LDAP_SERVER_DOWN:
        return LdapFailure::ConnectionDropped;
    case LDAP_TIMEOUT:
        return LdapFailure::Timeout;
    case LDAP_STRONG_AUTH_REQUIRED:
    case LDAP_CONFIDENTIALITY_REQUIRED:
        return LdapFailure::StrongerAuthRequired;
    case LDAP_INVALID_DN_SYNTAX:
        return LdapFailure::InvalidDnSyntax;
    case LDAP_BUSY:
    case LDAP_UNAVAILABLE:
        return LdapFailure::ServerBusy;
    default:
        break;
    }
    switch (operation) {
    case Operation::StartTls:
        return code == LDAP_CONNECT_ERROR ? LdapFailure::TlsFailed : LdapFailure::StartTlsRefused;
    case Operation::Bind:
        return fromBind(code, diagnostic, anonymous);
    case Operation::Search:
        return fromSearch(code, diagnostic, anonymous);
    }
    return LdapFailure::OtherLdapError;
}

LdapFailure LdapErrorClassifier::fromTlsErrors(const QList<QSslError::SslError>& errors, bool certificateSeen)
{
    if (!certificateSeen) {
        return LdapFailure::TlsFailed;
    }
    // Trust first: a matching name on an untrusted certificate proves nothing.
    static const QList<QSslError::SslError> kUntrusted {QSslError::UnableToGetIssuerCertificate,
        QSslError::UnableToGetLocalIssuerCertificate, QSslError::UnableToVerifyFirstCertificate,
        QSslError::SelfSignedCertificate, QSslError::SelfSignedCertificateInChain, QSslError::CertificateUntrusted,
        QSslError::CertificateRejected, QSslError::InvalidCaCertificate, QSslError::CertificateSignatureFailed,
        QSslError::UnableToDecryptCertificateSignature, QSslError::UnableToDecodeIssuerPublicKey};
    for (const QSslError::SslError error : errors) {
        if (kUntrusted.contains(error)) {
            return LdapFailure::CertificateUntrusted;
        }
    }
    if (errors.contains(QSslError::CertificateExpired)) {
        return LdapFailure::CertificateExpired;
    }
    if (errors.contains(QSslError::CertificateNotYetValid)) {
        return LdapFailure::CertificateNotYetValid;
    }
    if (errors.contains(QSslError::HostNameMismatch)) {
        return LdapFailure::HostNameMismatch;
    }
    return LdapFailure::TlsFailed;
}
