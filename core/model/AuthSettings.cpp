#include "AuthSettings.h"

#include <QCoreApplication>

QString AuthSettings::schemeId(AuthScheme scheme)
{
    switch (scheme) {
    case AuthScheme::AccessToken:
        return QStringLiteral("access-token");
    case AuthScheme::Basic:
        return QStringLiteral("basic");
    case AuthScheme::OAuthClientCredentials:
        return QStringLiteral("oauth2-client-credentials");
    }
    return {};
}

std::optional<AuthScheme> AuthSettings::schemeFromId(const QString& id)
{
    for (auto scheme : {AuthScheme::AccessToken, AuthScheme::Basic, AuthScheme::OAuthClientCredentials}) {
        if (schemeId(scheme) == id) {
            return scheme;
        }
    }
    return std::nullopt;
}

QString AuthSettings::schemeDisplayName(AuthScheme scheme)
{
    switch (scheme) {
    case AuthScheme::AccessToken:
        return QCoreApplication::translate("AuthSettings", "Access Token");
    case AuthScheme::Basic:
        return QCoreApplication::translate("AuthSettings", "Basic");
    case AuthScheme::OAuthClientCredentials:
        return QCoreApplication::translate("AuthSettings", "OAuth 2.0 Client Credentials");
    }
    return {};
}

bool AuthSettings::operator==(const AuthSettings& other) const
{
    return scheme == other.scheme && basicUsername == other.basicUsername && oauthTokenUrl == other.oauthTokenUrl
        && oauthClientId == other.oauthClientId && oauthScope == other.oauthScope;
}
