#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QString>

#include <functional>

// What an admin needs to recognise one certificate of a trusted-CA file and compare it with
// what the CA's administrator says it is.
struct CaCertificateInfo
{
    QString commonName;
    QString organization;
    QString issuer; // the issuer's common name (its organisation when it has none)
    QString sha256Fingerprint; // upper-case hex byte pairs joined by ':', as browsers and openssl show it
    QDateTime validFrom; // UTC
    QDateTime validUntil; // UTC

    // "CN=…, O=…"; "(no subject)" for a certificate without either.
    QString subject() const;
    // What is wrong with the certificate at `now` and what to do; empty while it is valid.
    // formatDate writes a date the way the caller shows dates (ISO 8601 by default).
    QString validityProblem(
        const QDateTime& now, const std::function<QString(const QDateTime&)>& formatDate = [](const QDateTime& date) {
            return date.toUTC().toString(Qt::ISODate);
        }) const;

    static CaCertificateInfo of(const QSslCertificate& certificate);
};

// The PEM file of extra certificate authorities a server is trusted with
// (ServerOptions::caBundlePath): a private CA, or the CA of a company's TLS inspection. One
// reader for every use — the settings validator, the Add/Edit Server form and `servers show` —
// so they agree on what the file holds. The certificates are added to the system's CAs; no
// certificate error is ever ignored.
class CaCertificateBundle
{
public:
    // Far above any real CA file (the whole Mozilla bundle is ~250 KB); keeps a wrong pick
    // (a disk image, a log) from being read into memory.
    static constexpr qint64 maxFileSize = 4 * 1024 * 1024;

    // The certificates of the file, or a message that says what is wrong with it and what to do.
    static Result<CaCertificateBundle, QString> load(const QString& path);

    const QList<QSslCertificate>& certificates() const { return m_certificates; }
    QList<CaCertificateInfo> describe() const;

private:
    explicit CaCertificateBundle(QList<QSslCertificate> certificates);

    QList<QSslCertificate> m_certificates;
};
