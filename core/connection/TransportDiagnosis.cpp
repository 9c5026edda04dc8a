#include "TransportDiagnosis.h"

#include <QCoreApplication>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("TransportDiagnosis", text);
}

QString certificateName(const QSslCertificate& certificate, QSslCertificate::SubjectInfo info, bool issuer)
{
    const QStringList names = issuer ? certificate.issuerInfo(info) : certificate.subjectInfo(info);
    return names.isEmpty() ? QString() : names.first();
}

QString isoDate(const QDateTime& when)
{
    return when.toUTC().toString(Qt::ISODate);
}

TransportDiagnosis::Finding tlsFailure(const QSslError& error, const QString& host)
{
    const QSslCertificate certificate = error.certificate();
    switch (error.error()) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
        return {ConnectionFailure::TlsSelfSigned, {}};
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::InvalidCaCertificate:
        return {ConnectionFailure::TlsUntrustedCa, {}};
    case QSslError::CertificateExpired:
        return {ConnectionFailure::TlsExpired, {{QStringLiteral("date"), isoDate(certificate.expiryDate())}}};
    case QSslError::CertificateNotYetValid:
        return {ConnectionFailure::TlsNotYetValid, {{QStringLiteral("date"), isoDate(certificate.effectiveDate())}}};
    case QSslError::HostNameMismatch: {
        QString names = QStringList(certificate.subjectAlternativeNames().values()).join(QLatin1String(", "));
        if (names.isEmpty())
            names = certificateName(certificate, QSslCertificate::CommonName, false);
        return {ConnectionFailure::TlsHostMismatch, {{QStringLiteral("names"), names}, {QStringLiteral("host"), host}}};
    }
    case QSslError::CertificateRevoked:
        return {ConnectionFailure::TlsRevoked, {}};
    default:
        return {ConnectionFailure::TlsError, {{QStringLiteral("error"), error.errorString()}}};
    }
}

} // namespace

namespace TransportDiagnosis {

Finding failure(const TransportProbe::Outcome& outcome, const QString& host, int port, const QString& timeoutSeconds)
{
    if (!outcome.sslErrors.isEmpty())
        return tlsFailure(outcome.sslErrors.first(), host);
    const QString endpoint = QStringLiteral("%1:%2").arg(host).arg(port);
    const ConnectionRemediation::Facts facts {{QStringLiteral("host"), host},
        {QStringLiteral("port"), QString::number(port)}, {QStringLiteral("endpoint"), endpoint},
        {QStringLiteral("timeout"), timeoutSeconds}, {QStringLiteral("error"), outcome.errorText}};
    switch (outcome.socketError) {
    case QAbstractSocket::ConnectionRefusedError:
        return {ConnectionFailure::ConnectionRefused, facts};
    case QAbstractSocket::HostNotFoundError:
        return {ConnectionFailure::ConnectHostNotFound, facts};
    case QAbstractSocket::SocketTimeoutError:
        return {outcome.connected ? ConnectionFailure::TlsHandshakeTimeout : ConnectionFailure::ConnectTimeout, facts};
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyProtocolError:
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        return {ConnectionFailure::ProxyFailed, facts};
    case QAbstractSocket::SslHandshakeFailedError:
        return {ConnectionFailure::TlsHandshakeFailed, facts};
    case QAbstractSocket::RemoteHostClosedError:
        return {ConnectionFailure::RemoteClosed, facts};
    default:
        return {ConnectionFailure::ConnectFailed, facts};
    }
}

QStringList details(const TransportProbe::Outcome& outcome, const QString& host, int port)
{
    QStringList lines;
    if (outcome.encrypted) {
        lines << tr("TLS connection established (%1).").arg(outcome.protocol);
        lines << tr("Certificate for %1, issued by %2, valid until %3.")
                     .arg(certificateName(outcome.certificate, QSslCertificate::CommonName, false),
                         certificateName(outcome.certificate, QSslCertificate::CommonName, true),
                         isoDate(outcome.certificate.expiryDate()));
    } else if (outcome.connected) {
        lines << tr("TCP connection to %1:%2 established.").arg(host).arg(port);
    }
    for (const QSslError& error : outcome.sslErrors)
        lines << tr("TLS: %1").arg(error.errorString());
    return lines;
}

std::optional<Finding> expiryWarning(const TransportProbe::Outcome& outcome, const QDateTime& now)
{
    if (!outcome.encrypted)
        return std::nullopt;
    const qint64 daysLeft = now.daysTo(outcome.certificate.expiryDate());
    if (daysLeft < 0 || daysLeft >= 14)
        return std::nullopt;
    return Finding {ConnectionFailure::CertificateExpiresSoon, {{QStringLiteral("days"), QString::number(daysLeft)}}};
}

} // namespace TransportDiagnosis
