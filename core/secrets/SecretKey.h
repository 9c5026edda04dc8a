#pragma once

#include <QList>
#include <QString>

// What a stored secret is for. Each server keeps at most one secret per purpose.
enum class SecretPurpose
{
    AccessToken,
    BasicPassword,
    OAuthClientSecret,
};

// Where a secret lives in the SecretStore: a server id and a purpose. The database keeps
// only the server id; the key string is derived, so nothing secret-related is persisted there.
struct SecretKey
{
    qint64 serverId = 0;
    SecretPurpose purpose = SecretPurpose::AccessToken;

    // e.g. "server/12/access-token"; stable, it names keychain entries across versions.
    QString toString() const;

    static QString purposeId(SecretPurpose purpose);
    static QList<SecretPurpose> allPurposes();

    bool operator==(const SecretKey& other) const { return serverId == other.serverId && purpose == other.purpose; }
    bool operator!=(const SecretKey& other) const { return !(*this == other); }
};
