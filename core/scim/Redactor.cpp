#include "Redactor.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

const QString Redactor::kMask = QStringLiteral("[REDACTED]");

namespace {

// Secrets shorter than this would mask random substrings of every text; none of the
// supported schemes issues such short credentials.
constexpr int kMinSecretLength = 4;

const QString& secretFieldNames()
{
    static const QString names = QStringLiteral(
        "access_token|refresh_token|id_token|client_secret|password|passwd|secret|token|api_key|apikey|assertion");
    return names;
}

} // namespace

Redactor::Redactor(const QStringList& secrets)
{
    for (const QString& secret : secrets)
        addSecret(secret);
}

void Redactor::addSecret(const QString& secret)
{
    if (secret.size() < kMinSecretLength)
        return;
    const QStringList forms {
        secret,
        QString::fromLatin1(QUrl::toPercentEncoding(secret)),
        QString::fromLatin1(secret.toUtf8().toBase64()),
    };
    for (const QString& form : forms) {
        if (!m_secrets.contains(form))
            m_secrets.append(form);
    }
    // Longest first so a secret containing another is masked whole.
    std::sort(
        m_secrets.begin(), m_secrets.end(), [](const QString& a, const QString& b) { return a.size() > b.size(); });
}

QString Redactor::redact(const QString& input) const
{
    QString text = input;
    for (const QString& secret : m_secrets)
        text.replace(secret, kMask);

    static const QRegularExpression authHeader(
        QStringLiteral(R"(((?:proxy-)?authorization\s*[:=]\s*)[^\r\n]*)"), QRegularExpression::CaseInsensitiveOption);
    text.replace(authHeader, QStringLiteral("\\1") + kMask);
    static const QRegularExpression bearer(
        QStringLiteral(R"(\b(bearer|basic)\s+[A-Za-z0-9\-._~+/=]+)"), QRegularExpression::CaseInsensitiveOption);
    text.replace(bearer, QStringLiteral("\\1 ") + kMask);
    // JSON: "field" : "value" (escaped quotes inside the value included).
    static const QRegularExpression jsonField(
        QStringLiteral(R"re(("(?:%1)"\s*:\s*)"(?:[^"\\]|\\.)*")re").arg(secretFieldNames()),
        QRegularExpression::CaseInsensitiveOption);
    text.replace(jsonField, QStringLiteral("\\1\"") + kMask + QLatin1Char('"'));
    // Form / query fields: field=value up to the next & or whitespace.
    static const QRegularExpression formField(QStringLiteral(R"((^|[&?\s])((?:%1)=)[^&\s]*)").arg(secretFieldNames()),
        QRegularExpression::CaseInsensitiveOption);
    text.replace(formField, QStringLiteral("\\1\\2") + kMask);
    return text;
}

QByteArray Redactor::redact(const QByteArray& text) const
{
    return redact(QString::fromUtf8(text)).toUtf8();
}

bool Redactor::isSensitiveHeader(const QByteArray& name)
{
    const QByteArray lower = name.toLower();
    return lower == "authorization" || lower == "proxy-authorization" || lower == "cookie" || lower == "set-cookie"
        || lower == "x-api-key";
}

QByteArray Redactor::redactHeader(const QByteArray& name, const QByteArray& value) const
{
    if (isSensitiveHeader(name)) {
        // Keep the scheme: "Bearer [REDACTED]" tells the reader which auth was used.
        const int space = value.indexOf(' ');
        return (space > 0 ? value.left(space + 1) : QByteArray()) + kMask.toUtf8();
    }
    return redact(value);
}
