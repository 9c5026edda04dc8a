#pragma once

#include <QString>

#include <optional>

enum class AuthScheme
{
    AccessToken,
    Basic,
    OAuthClientCredentials,
};

// The non-secret half of a server's authentication. The access token, Basic password
// and OAuth client secret live in the SecretStore, keyed by server id and SecretPurpose.
struct AuthSettings
{
    AuthScheme scheme = AuthScheme::AccessToken;
    QString basicUsername;
    QString oauthTokenUrl;
    QString oauthClientId;
    QString oauthScope;

    static QString schemeId(AuthScheme scheme);
    static std::optional<AuthScheme> schemeFromId(const QString& id);
    static QString schemeDisplayName(AuthScheme scheme);

    bool operator==(const AuthSettings& other) const;
    bool operator!=(const AuthSettings& other) const { return !(*this == other); }
};
