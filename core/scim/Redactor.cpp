#include "Redactor.h"

#include "ScimError.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

const QString Redactor::kMask = QStringLiteral("[REDACTED]");

namespace {

// Secrets shorter than this would mask random substrings of every text; none of the
// supported schemes issues such short credentials.
constexpr int kMinSecretLength = 4;
// Base64 fragments shorter than this could match unrelated base64 text.
constexpr int kMinFragmentLength = 8;

const QString& secretFieldNames()
{
    static const QString names = QStringLiteral(
        "access_token|refresh_token|id_token|client_secret|password|passwd|secret|token|api_key|apikey|assertion");
    return names;
}

QByteArray base64Url(QByteArray base64)
{
    return base64.replace('+', '-').replace('/', '_');
}

// The base64 texts a secret turns into, wherever it sits in the encoded data: alone (padded or
// not, standard or URL alphabet) and, for each of the three byte alignments, the run of
// characters that depends on the secret's bytes only (e.g. a token inside "Bearer <token>"
// encoded as a whole).
QList<QByteArray> base64Forms(const QByteArray& secret)
{
    QList<QByteArray> forms;
    const QByteArray whole = secret.toBase64();
    forms << whole << base64Url(whole)
          << secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    for (int lead = 0; lead < 3; ++lead) {
        const int first = lead == 0 ? 0 : 3 - lead; // secret bytes that share a group with what precedes
        const int full = int(secret.size() - first) / 3;
        if (full <= 0)
            continue;
        const QByteArray fragment = secret.mid(first, full * 3).toBase64();
        if (fragment.size() >= kMinFragmentLength)
            forms << fragment << base64Url(fragment);
    }
    return forms;
}

// A word after "Bearer"/"Basic" that an ordinary sentence would not contain: digits, token
// punctuation, capitals after the first letter, or sheer length. "Bearer realm" and "Bearer
// Token" stay readable; "Bearer eyJhbGciOi…" and "Basic dXNlcjpwYXNz" do not.
bool looksLikeCredential(QStringView word)
{
    if (word.size() >= 20)
        return true;
    for (qsizetype i = 0; i < word.size(); ++i) {
        const QChar c = word.at(i);
        if (c.isDigit() || QStringView(u"-._~+/").contains(c) || (i > 0 && c.isUpper()))
            return true;
    }
    return false;
}

QString maskSchemeCredentials(const QString& text)
{
    static const QRegularExpression scheme(
        QStringLiteral(R"(\b(bearer|basic)(\s+)([A-Za-z0-9\-._~+/]+)(=*))"), QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype copied = 0;
    QRegularExpressionMatchIterator it = scheme.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const qsizetype end = match.capturedEnd(0);
        const QChar next = end < text.size() ? text.at(end) : QChar();
        // `realm="x"` / `error=invalid_token` is an auth-param, not a token68.
        const bool authParam = !match.capturedView(4).isEmpty() && (next == u'"' || next.isLetterOrNumber());
        if (authParam || !looksLikeCredential(match.capturedView(3)))
            continue;
        out += QStringView(text).mid(copied, match.capturedStart(3) - copied);
        out += Redactor::kMask;
        copied = end;
    }
    if (copied == 0)
        return text;
    out += QStringView(text).mid(copied);
    return out;
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
    QStringList forms {secret, QString::fromLatin1(QUrl::toPercentEncoding(secret))};
    for (const QByteArray& form : base64Forms(secret.toUtf8()))
        forms.append(QString::fromLatin1(form));
    for (const QString& form : std::as_const(forms)) {
        if (form.size() < kMinSecretLength || m_secrets.contains(form))
            continue;
        m_secrets.append(form);
        const QByteArray utf8 = form.toUtf8();
        m_rawForms << utf8;
        if (utf8.contains('/'))
            m_rawForms << QByteArray(utf8).replace("/", "\\/"); // JSON writers that escape '/'
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
    // Every pattern below needs a ':', a '=' or white space; ids and names (most of what passes
    // here, once per request) have none.
    if (std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c == u':' || c == u'=' || c.isSpace(); }))
        return text;

    static const QRegularExpression authHeader(
        QStringLiteral(R"(((?:proxy-)?authorization\s*[:=]\s*)[^\r\n]*)"), QRegularExpression::CaseInsensitiveOption);
    text.replace(authHeader, QStringLiteral("\\1") + kMask);
    text = maskSchemeCredentials(text);
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

QString Redactor::withoutPartialSecretAtEnd(QString text) const
{
    // A secret cut by the prefix would survive redaction as its first characters: drop any tail
    // that starts a known secret, and a short last word (a cut unknown credential too short to
    // look like one; a longer one is masked after "Bearer" anyway).
    constexpr qsizetype kShortWord = 64;
    qsizetype end = text.size();
    while (end > 0 && !text.at(end - 1).isSpace() && text.size() - end <= kShortWord)
        --end;
    if (text.size() - end <= kShortWord)
        text.truncate(end);
    for (const QString& secret : m_secrets) {
        for (qsizetype length = std::min(secret.size() - 1, text.size()); length > 0; --length) {
            if (text.endsWith(QStringView(secret).left(length))) {
                text.chop(length);
                break;
            }
        }
    }
    return text;
}

QString Redactor::excerpt(const QString& text, int maxChars) const
{
    const qsizetype longest = m_secrets.isEmpty() ? 0 : m_secrets.constFirst().size();
    const qsizetype window = qsizetype(maxChars) * 4 + longest + 64;
    const bool cut = text.size() > window;
    QString redacted = redact(cut ? withoutPartialSecretAtEnd(text.left(window)) : text);
    if (cut || redacted.size() > maxChars) {
        redacted.truncate(std::max(0, maxChars - 1));
        redacted += QStringLiteral("…");
    }
    return redacted;
}

QByteArray Redactor::excerpt(const QByteArray& utf8, int maxBytes) const
{
    const qsizetype longest = m_secrets.isEmpty() ? 0 : m_secrets.constFirst().size();
    const qsizetype window = qsizetype(maxBytes) * 4 + longest * 4 + 64;
    const bool cut = utf8.size() > window;
    QString text = QString::fromUtf8(cut ? utf8.left(window) : utf8);
    QByteArray redacted = redact(cut ? withoutPartialSecretAtEnd(text) : text).toUtf8();
    if (cut || redacted.size() > maxBytes) {
        redacted.truncate(std::max(0, maxBytes - 3));
        redacted += "…";
    }
    return redacted;
}

ScimError Redactor::redactError(ScimError error) const
{
    error.detail = excerpt(error.detail, kDetailChars);
    error.scimType = excerpt(error.scimType, kShortFieldChars);
    error.requestId = excerpt(error.requestId, kShortFieldChars);
    error.url = excerpt(error.url, kDetailChars);
    return error;
}

namespace {

QJsonValue redactValue(const QJsonValue& value, const Redactor& redactor, const QStringList& secrets, bool* changed);

bool containsAny(const QString& text, const QStringList& secrets)
{
    return std::any_of(
        secrets.cbegin(), secrets.cend(), [&text](const QString& secret) { return text.contains(secret); });
}

QJsonObject redactObject(const QJsonObject& object, const Redactor& redactor, const QStringList& secrets, bool* changed)
{
    QJsonObject out;
    bool any = false;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = containsAny(it.key(), secrets) ? redactor.redact(it.key()) : it.key();
        out.insert(key, redactValue(it.value(), redactor, secrets, &any));
        any = any || key != it.key();
    }
    *changed = *changed || any;
    return any ? out : object;
}

QJsonValue redactValue(const QJsonValue& value, const Redactor& redactor, const QStringList& secrets, bool* changed)
{
    if (value.isString()) {
        const QString text = value.toString();
        if (!containsAny(text, secrets))
            return value;
        *changed = true;
        return redactor.redact(text);
    }
    if (value.isObject())
        return redactObject(value.toObject(), redactor, secrets, changed);
    if (value.isArray()) {
        QJsonArray array;
        bool any = false;
        for (const QJsonValue& element : value.toArray())
            array.append(redactValue(element, redactor, secrets, &any));
        *changed = *changed || any;
        return any ? QJsonValue(array) : value;
    }
    return value;
}

} // namespace

QJsonObject Redactor::redactJson(const QJsonObject& json, const QByteArray& rawBody) const
{
    if (m_secrets.isEmpty())
        return json;
    const bool mayHide = rawBody.contains("\\u");
    if (!mayHide && std::none_of(m_rawForms.cbegin(), m_rawForms.cend(), [&rawBody](const QByteArray& form) {
            return rawBody.contains(form);
        }))
        return json;
    bool changed = false;
    return redactObject(json, *this, m_secrets, &changed);
}
