#include "SecretKey.h"

QString SecretKey::toString() const
{
    const QString owner = isSourceKey() ? QStringLiteral("source") : QStringLiteral("server");
    return QStringLiteral("%1/%2/%3").arg(owner).arg(ownerId).arg(purposeId(purpose));
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
    case SecretPurpose::SourceBindPassword:
        return QStringLiteral("bind-password");
    }
    return {};
}

QList<SecretPurpose> SecretKey::allPurposes()
{
    return {SecretPurpose::AccessToken, SecretPurpose::BasicPassword, SecretPurpose::OAuthClientSecret};
}
