#include "CaCertificateBundle.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <utility>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("CaCertificateBundle", text);
}

QString firstInfo(const QSslCertificate& certificate, QSslCertificate::SubjectInfo info, bool issuer)
{
    const QStringList values = issuer ? certificate.issuerInfo(info) : certificate.subjectInfo(info);
    return values.join(QStringLiteral(", "));
}

// Why a file with no PEM certificate was refused, from what it looks like instead.
QString notPemError(const QString& shownPath, const QByteArray& data)
{
    if (data.contains("-----BEGIN CERTIFICATE-----")) {
        return tr("The CA certificate file %1 holds a damaged certificate: its text between -----BEGIN "
                  "CERTIFICATE----- and -----END CERTIFICATE----- cannot be read. Copy the file again from the "
                  "certificate authority's administrator.")
            .arg(shownPath);
    }
    if (!QSslCertificate::fromData(data, QSsl::Der).isEmpty()) {
        return tr("The CA certificate file %1 is a binary (DER) certificate, not PEM. Convert it with "
                  "\u201copenssl x509 -inform der -in %1 -out ca.pem\u201d and choose ca.pem.")
            .arg(shownPath);
    }
    if (data.contains("PRIVATE KEY-----")) {
        return tr("The file %1 holds a private key, not a CA certificate. Choose the certificate of the "
                  "certificate authority (a PEM file that starts with -----BEGIN CERTIFICATE-----); never give "
                  "a private key to ScimDesk.")
            .arg(shownPath);
    }
    return tr("The file %1 holds no PEM certificate. Choose the certificate of the authority that signed the "
              "server's certificate, exported as PEM (Base64): a text file that starts with -----BEGIN "
              "CERTIFICATE-----.")
        .arg(shownPath);
}
} // namespace

QString CaCertificateInfo::subject() const
{
    QStringList parts;
    if (!commonName.isEmpty()) {
        parts << QStringLiteral("CN=") + commonName;
    }
    if (!organization.isEmpty()) {
        parts << QStringLiteral("O=") + organization;
    }
    return parts.isEmpty() ? tr("(no subject)") : parts.join(QStringLiteral(", "));
}

QString CaCertificateInfo::validityProblem(
    const QDateTime& now, const std::function<QString(const QDateTime&)>& formatDate) const
{
    if (validUntil.isValid() && now > validUntil) {
        return tr("The certificate \u201c%1\u201d expired on %2: servers it signed cannot be trusted with it. Get "
                  "the certificate authority's current certificate from its administrator.")
            .arg(subject(), formatDate(validUntil));
    }
    if (validFrom.isValid() && now < validFrom) {
        return tr("The certificate \u201c%1\u201d is valid only from %2. Check this computer's date and time.")
            .arg(subject(), formatDate(validFrom));
    }
    return {};
}

CaCertificateInfo CaCertificateInfo::of(const QSslCertificate& certificate)
{
    CaCertificateInfo info;
    info.commonName = firstInfo(certificate, QSslCertificate::CommonName, false);
    info.organization = firstInfo(certificate, QSslCertificate::Organization, false);
    info.issuer = firstInfo(certificate, QSslCertificate::CommonName, true);
    if (info.issuer.isEmpty()) {
        info.issuer = firstInfo(certificate, QSslCertificate::Organization, true);
    }
    info.sha256Fingerprint = QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    info.validFrom = certificate.effectiveDate().toUTC();
    info.validUntil = certificate.expiryDate().toUTC();
    return info;
}

CaCertificateBundle::CaCertificateBundle(QList<QSslCertificate> certificates)
    : m_certificates(std::move(certificates))
{
}

Result<CaCertificateBundle, QString> CaCertificateBundle::load(const QString& path)
{
    const QString shownPath = QDir::toNativeSeparators(path);
    const QString choose = tr("Choose the PEM file with the certificate authority's certificate, or clear the "
                              "setting.");
    const QFileInfo info(path);
    if (path.isEmpty() || !info.exists()) {
        return tr("The CA certificate file %1 does not exist. %2").arg(shownPath, choose);
    }
    if (!info.isFile()) {
        return tr("%1 is not a regular file. %2").arg(shownPath, choose);
    }
    if (info.size() > maxFileSize) {
        return tr("The file %1 is too large for a CA certificate file (%2 MB, at most %3 MB). %4")
            .arg(shownPath, QString::number(double(info.size()) / (1024 * 1024), 'f', 1),
                QString::number(maxFileSize / (1024 * 1024)), choose);
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return tr("The CA certificate file %1 cannot be read (%2). Let the account that runs ScimDesk read it, "
                  "or copy it to a folder of your own and choose the copy.")
            .arg(shownPath, file.errorString());
    }
    // Read at most the limit even if the file grew since it was measured.
    const QByteArray data = file.read(maxFileSize + 1);
    QList<QSslCertificate> certificates;
    for (const QSslCertificate& certificate : QSslCertificate::fromData(data, QSsl::Pem)) {
        if (!certificate.isNull()) {
            certificates.append(certificate);
        }
    }
    if (certificates.isEmpty()) {
        return notPemError(shownPath, data);
    }
    return CaCertificateBundle(std::move(certificates));
}

QList<CaCertificateInfo> CaCertificateBundle::describe() const
{
    QList<CaCertificateInfo> infos;
    infos.reserve(m_certificates.size());
    for (const QSslCertificate& certificate : m_certificates) {
        infos.append(CaCertificateInfo::of(certificate));
    }
    return infos;
}
