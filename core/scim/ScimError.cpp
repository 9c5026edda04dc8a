#include "ScimError.h"

#include "Redactor.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace {

constexpr int kBodyExcerptChars = 300;

QString tr(const char* text)
{
    return QCoreApplication::translate("ScimError", text);
}

// A non-JSON body as words for the detail: redacted while still whole, then HTML markup
// stripped, then cut (so a secret cut by the excerpt cannot survive as its first characters).
QString bodyExcerpt(const QByteArray& body, const Redactor& redactor)
{
    QString text = QString::fromUtf8(redactor.excerpt(body, kBodyExcerptChars * 16)).simplified();
    // HTML error pages: keep the words, not the markup.
    if (text.contains(QLatin1Char('<'))) {
        QString stripped;
        bool inTag = false;
        for (const QChar c : std::as_const(text)) {
            if (c == QLatin1Char('<')) {
                inTag = true;
                stripped.append(QLatin1Char(' '));
            } else if (c == QLatin1Char('>'))
                inTag = false;
            else if (!inTag)
                stripped.append(c);
        }
        text = stripped.simplified();
    }
    if (text.size() > kBodyExcerptChars)
        text = text.left(kBodyExcerptChars) + QStringLiteral("…");
    return text;
}

} // namespace

ScimError::ScimError(Kind kind, QString detail)
    : kind(kind)
    , detail(std::move(detail))
{
}

ScimError ScimError::http(int status, QString scimType, QString detail, QString requestId)
{
    ScimError error(Kind::Http, std::move(detail));
    error.httpStatus = status;
    error.scimType = std::move(scimType);
    error.requestId = std::move(requestId);
    return error;
}

ScimError ScimError::fromHttpResponse(
    int status, const QByteArray& body, const QString& headerRequestId, const Redactor& redactor)
{
    ScimError error = http(status, QString(), QString(), headerRequestId);
    if (body.trimmed().isEmpty())
        return error;

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        error.detail = bodyExcerpt(body, redactor);
        return error;
    }
    const QJsonObject json = doc.object();
    error.scimType = json.value(QLatin1String("scimType")).toString();
    const QJsonValue detail = json.value(QLatin1String("detail"));
    if (detail.isString())
        error.detail = detail.toString();
    else if (json.value(QLatin1String("message")).isString()) // common non-SCIM gateways
        error.detail = json.value(QLatin1String("message")).toString();
    else if (!json.contains(QLatin1String("schemas")) && !json.contains(QLatin1String("schema")))
        error.detail = bodyExcerpt(body, redactor);
    if (error.requestId.isEmpty())
        error.requestId = json.value(QLatin1String("exceptionRequestId")).toString();
    return error;
}

QString ScimError::kindId(Kind kind)
{
    switch (kind) {
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Dns:
        return QStringLiteral("dns");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::Http:
        return QStringLiteral("http");
    case Kind::InvalidResponse:
        return QStringLiteral("invalid-response");
    case Kind::Incomplete:
        return QStringLiteral("incomplete");
    case Kind::RunawayList:
        return QStringLiteral("runaway-list");
    case Kind::Refused:
        return QStringLiteral("refused");
    case Kind::TooLarge:
        return QStringLiteral("too-large");
    }
    return QString();
}

QString ScimError::message() const
{
    switch (kind) {
    case Kind::Network:
        return tr("Could not reach the SCIM server or the connection was cut. Check the server URL, your network "
                  "connection and any proxy or firewall, then try again.");
    case Kind::Dns:
        return tr("The server's host name could not be found. Check the SCIM server URL for typos.");
    case Kind::Tls:
        return tr("The secure (TLS) connection failed: the server's certificate is not trusted or does not match "
                  "its name. Check the URL; for a private certificate authority, choose its certificate as the "
                  "server's Trusted CA certificate (Edit Server \u2192 Connection Settings; scimdesk-cli servers edit "
                  "NAME --ca-file CA.pem).");
    case Kind::Timeout:
        return tr("The SCIM server did not answer in time. It may be overloaded or unreachable; try again later or "
                  "increase the request timeout.");
    case Kind::Cancelled:
        return tr("The request was cancelled.");
    case Kind::InvalidResponse:
        return tr("The server answered with something that is not a valid SCIM response. Check that the URL points "
                  "to the SCIM endpoint (it usually ends in /scim/v2).");
    case Kind::Incomplete:
        return tr("The server stopped returning results before the end of the list, so the list is incomplete. "
                  "Nothing was changed based on it; try again, and report it to the server's vendor if it persists.");
    case Kind::RunawayList:
        return tr("The server's list did not come to an end: it kept naming further pages beyond what its own "
                  "answers and the client's limits allow, so the read was stopped. Nothing was changed based on it. "
                  "This is a fault in the SCIM server's paging; report the detail below to its vendor.");
    case Kind::Refused:
        return tr("The request was not sent: %1").arg(detail);
    case Kind::TooLarge:
        return tr("The server's response was larger than the allowed maximum and was refused. Use a smaller page "
                  "size or raise the response size limit.");
    case Kind::Http:
        break;
    }
    switch (httpStatus) {
    case 400:
        return tr("The server rejected the request as invalid (400). Check the attribute mappings and values for "
                  "what the server does not accept.");
    case 401:
        return tr("The server rejected the access token: it is wrong, expired or for another tenant. Generate a "
                  "new token in the target's admin console and store it in the server settings.");
    case 403:
        return tr("The server refused the operation (403): the token lacks permission for it. Check the token's "
                  "permissions in the target's admin console.");
    case 404:
        return tr("The object or endpoint was not found (404). It may have been deleted on the server, or the "
                  "server URL is wrong (it usually ends in /scim/v2).");
    case 405:
    case 501:
        return tr("The server does not support this operation (%1). Check the server type's capabilities.")
            .arg(httpStatus);
    case 409:
        return tr("The server already has an object with the same unique value (409), e.g. the same userName, "
                  "email or externalId. Link the existing object or change the conflicting value.");
    case 412:
        return tr("The object changed on the server since it was read (412). Read it again and retry.");
    case 413:
        return tr("The request was too large for the server (413). Send fewer changes per request.");
    case 429:
        return tr("The server is throttling requests (429). The client slowed down and retried; if this persists, "
                  "lower the request rate in the server settings.");
    default:
        break;
    }
    if (httpStatus >= 500)
        return tr("The SCIM server had an internal error (%1). It was retried; try again later and give the "
                  "request id to the vendor's support if it persists.")
            .arg(httpStatus);
    return tr("The server answered with HTTP status %1.").arg(httpStatus);
}

QString ScimError::hint() const
{
    if (kind == Kind::Http && httpStatus == 401)
        return tr("Create a new token in the service provider's console (tokens expire; AWS IAM Identity Center "
                  "tokens after one year) and enter it with Edit Server.");
    if (kind == Kind::Http && !requestId.isEmpty())
        return tr("Quote request id %1 when contacting the server's support.").arg(requestId);
    if (kind == Kind::Tls)
        return tr("TLS errors are never ignored; fix the certificate or its trust instead.");
    return QString();
}

QString ScimError::toString() const
{
    QString text = message();
    if (!detail.isEmpty() && kind != Kind::Refused)
        text += QLatin1Char(' ') + tr("Detail: %1").arg(detail);
    if (!scimType.isEmpty())
        text += QLatin1Char(' ') + tr("(scimType %1)").arg(scimType);
    if (!requestId.isEmpty())
        text += QLatin1Char(' ') + tr("Request id: %1").arg(requestId);
    return text;
}
