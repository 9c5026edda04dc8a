#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QJsonObject>
#include <QString>
#include <QStringList>

struct ScimError;

// Removes credentials from anything that may be shown, logged or stored: Authorization header
// values, bearer tokens, the JSON and form fields that carry secrets ("access_token",
// "client_secret", "password", "token", …) and the configured secret values wherever they
// appear (raw, percent-encoded, JSON-escaped, or base64 as in Basic auth or echoed by a server).
// The word after "Bearer"/"Basic" is masked only when it looks like a credential, so a server
// message such as `Bearer realm="scim"` keeps its words.
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

    // At most maxChars characters of text as they may be shown: redacted first, then cut
    // (ending in "…"), so no part of a secret survives the cut. Only a bounded prefix of a
    // long text is read.
    QString excerpt(const QString& text, int maxChars) const;
    QByteArray excerpt(const QByteArray& utf8, int maxBytes) const;

    // Every server-provided text of the error (detail, scimType, request id, URL) redacted
    // and cut to a length fit for a message, a log line or a journal row.
    ScimError redactError(ScimError error) const;
    // The JSON answer with every known secret masked in its keys and string values. rawBody is
    // the answer as received: when no secret (nor a JSON escape that could hide one) occurs in
    // it, the object is returned as it is without walking it.
    QJsonObject redactJson(const QJsonObject& json, const QByteArray& rawBody) const;

    static constexpr int kDetailChars = 1000;
    static constexpr int kShortFieldChars = 200; // scimType, request id

private:
    QString withoutPartialSecretAtEnd(QString text) const;

    QStringList m_secrets; // includes the derived encodings, longest first
    QByteArrayList m_rawForms; // m_secrets as UTF-8, plus their JSON-escaped forms
};
