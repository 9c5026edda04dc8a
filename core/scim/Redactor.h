#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Removes credentials from anything that may be shown or logged: Authorization header
// values, bearer tokens, the JSON and form fields that carry secrets ("access_token",
// "client_secret", "password", "token", …) and the configured secret values wherever
// they appear (raw, percent-encoded or base64 as in Basic auth).
class Redactor
{
public:
    static const QString kMask; // "[REDACTED]"

    Redactor() = default;
    explicit Redactor(const QStringList& secrets);

    void addSecret(const QString& secret);

    QString redact(const QString& text) const;
    QByteArray redact(const QByteArray& text) const;
    // Header value as it may be shown; sensitive headers are masked entirely.
    QByteArray redactHeader(const QByteArray& name, const QByteArray& value) const;
    static bool isSensitiveHeader(const QByteArray& name);

private:
    QStringList m_secrets; // includes the derived encodings
};
