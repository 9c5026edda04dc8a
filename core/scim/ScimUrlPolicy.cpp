#include "ScimUrlPolicy.h"

#include <QCoreApplication>
#include <QHostAddress>

bool ScimUrlPolicy::isLoopbackHost(const QString& host)
{
    QString h = host.trimmed().toLower();
    if (h.endsWith(QLatin1Char('.')))
        h.chop(1);
    if (h == QLatin1String("localhost") || h.endsWith(QLatin1String(".localhost")))
        return true;
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    QHostAddress address;
    if (!address.setAddress(h))
        return false;
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // also maps ::ffff:127.x.y.z
    if (isV4)
        return (v4 >> 24) == 127;
    return address.isLoopback();
}

Status<ScimError> ScimUrlPolicy::check(const QUrl& url)
{
    auto refuse = [&](const char* text) {
        ScimError error(ScimError::Kind::Refused, QCoreApplication::translate("ScimUrlPolicy", text));
        error.url = url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
        return Status<ScimError>(error);
    };
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return refuse("the server URL is not a valid absolute URL. Enter the full SCIM endpoint URL, e.g. "
                      "https://scim.example.com/scim/v2.");
    if (!url.userInfo().isEmpty())
        return refuse("the server URL contains a user name or password. Remove it from the URL and enter the "
                      "credentials in the authentication settings.");
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http")) {
        if (isLoopbackHost(url.host()))
            return {};
        return refuse("plain http:// would send the access token unencrypted. Use an https:// URL (http:// is "
                      "accepted only for servers on this computer: localhost, 127.0.0.1, ::1).");
    }
    return refuse("the server URL must start with https://.");
}

QUrl ScimUrlPolicy::normalizedBaseUrl(const QUrl& url)
{
    QUrl normalized = url.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveFragment);
    return normalized;
}
