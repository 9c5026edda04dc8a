#include "LdapTransportDiagnosis.h"

#include <QCoreApplication>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("LdapTransportDiagnosis", text);
}

QString joinedOr(const QStringList& values, const QString& none)
{
    return values.isEmpty() ? none : values.join(QStringLiteral(", "));
}

} // namespace

LdapTransportDiagnosis::Finding LdapTransportDiagnosis::tcp(const LdapTlsProbe::Outcome& outcome)
{
    const LdapRemediation::Facts facts {{QStringLiteral("diagnostic"), outcome.errorText}};
    if (outcome.cancelled) {
        return {LdapFailure::Cancelled, facts};
    }
    if (outcome.socketError == QAbstractSocket::HostNotFoundError) {
        return {LdapFailure::HostNotFound, facts};
    }
    if (outcome.socketError == QAbstractSocket::ConnectionRefusedError) {
        return {LdapFailure::ConnectionRefused, facts};
    }
    return {outcome.timedOut ? LdapFailure::ConnectTimeout : LdapFailure::ConnectFailed, facts};
}

std::optional<LdapTransportDiagnosis::Finding> LdapTransportDiagnosis::tls(
    const LdapTlsProbe::Outcome& outcome, bool ldaps, bool plainLdapAnswered)
{
    LdapRemediation::Facts facts {{QStringLiteral("diagnostic"), outcome.errorText}};
    if (outcome.cancelled) {
        return Finding {LdapFailure::Cancelled, facts};
    }
    if (!outcome.connected) {
        return tcp(outcome);
    }
    if (outcome.encrypted) {
        return std::nullopt;
    }
    if (!ldaps && outcome.ldapAnswered && outcome.startTlsResult != 0) {
        facts.insert(QStringLiteral("code"), QString::number(outcome.startTlsResult));
        return Finding {LdapFailure::StartTlsRefused, facts};
    }
    if (!outcome.certificateSeen) {
        if (ldaps && plainLdapAnswered) {
            return Finding {LdapFailure::LdapsOnPlainPort, facts};
        }
        if (outcome.timedOut) {
            return Finding {LdapFailure::Timeout, facts};
        }
        return Finding {
            !ldaps && !outcome.ldapAnswered ? LdapFailure::PlainOnLdapsPort : LdapFailure::TlsFailed, facts};
    }
    QList<QSslError::SslError> errors;
    for (const QSslError& error : outcome.sslErrors) {
        errors.append(error.error());
    }
    const LdapRemediation::Facts certificate = certificateFacts(outcome.chain.value(0));
    for (auto it = certificate.begin(); it != certificate.end(); ++it) {
        facts.insert(it.key(), it.value());
    }
    return Finding {LdapErrorClassifier::fromTlsErrors(errors, true), facts};
}

LdapRemediation::Facts LdapTransportDiagnosis::certificateFacts(const QSslCertificate& certificate)
{
    QStringList names;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.begin(); it != alternatives.end(); ++it) {
        names.append(it.value());
    }
    if (names.isEmpty()) {
        names = certificate.subjectInfo(QSslCertificate::CommonName);
    }
    return {
        {QStringLiteral("subject"),
            joinedOr(certificate.subjectInfo(QSslCertificate::CommonName)
                    + certificate.subjectInfo(QSslCertificate::Organization),
                tr("(no subject)"))},
        {QStringLiteral("issuer"),
            joinedOr(certificate.issuerInfo(QSslCertificate::CommonName)
                    + certificate.issuerInfo(QSslCertificate::Organization),
                tr("(no issuer name)"))},
        {QStringLiteral("names"), joinedOr(names, tr("(no name)"))},
        {QStringLiteral("expiry"), certificate.expiryDate().toUTC().toString(Qt::ISODate)},
    };
}

QStringList LdapTransportDiagnosis::details(const LdapTlsProbe::Outcome& outcome)
{
    if (!outcome.encrypted) {
        return {};
    }
    const LdapRemediation::Facts facts = certificateFacts(outcome.chain.value(0));
    return {
        tr("Protocol: %1").arg(outcome.protocol),
        tr("Certificate: %1, issued by %2")
            .arg(facts.value(QStringLiteral("subject")), facts.value(QStringLiteral("issuer"))),
        tr("Names: %1").arg(facts.value(QStringLiteral("names"))),
        tr("Valid until: %1").arg(facts.value(QStringLiteral("expiry"))),
    };
}
