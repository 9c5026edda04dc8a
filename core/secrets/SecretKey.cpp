#include "SecretKey.h"

QString SecretKey::toString() const
{
    return QStringLiteral("server/%1/%2").arg(serverId).arg(purposeId(purpose));
}

QString SecretKey::purposeId(SecretPurpose purpose)
{
    switch (purpose) {
    case SecretPurpose::AccessToken:
        return QStringLiteral("access-token");
    case SecretPurpose::BasicPassword:
        return QStringLiteral("basic-password");
    case SecretPurpose::OAuthClientSecret:
        return QStringLiteral("oauth-client-secret");
    }
    return {};
}

QList<SecretPurpose> SecretKey::allPurposes()
{
    return {SecretPurpose::AccessToken, SecretPurpose::BasicPassword, SecretPurpose::OAuthClientSecret};
}
