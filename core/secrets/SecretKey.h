#pragma once

#include <QList>
#include <QString>

// What a stored secret is for. Each server keeps at most one secret per server purpose; a
// directory source keeps its bind password.
enum class SecretPurpose
{
    AccessToken,
    BasicPassword,
    OAuthClientSecret,
    SourceBindPassword,
};

// Where a secret lives in the SecretStore: the id of its owner (a server, or a directory source
// for SourceBindPassword) and a purpose. The database keeps only the owner's id; the key string
// is derived, so nothing secret-related is persisted there.
struct SecretKey
{
    qint64 ownerId = 0;
    SecretPurpose purpose = SecretPurpose::AccessToken;

    // The bind password of directory source `sourceId`.
    static SecretKey forSource(qint64 sourceId) { return {sourceId, SecretPurpose::SourceBindPassword}; }
    bool isSourceKey() const { return purpose == SecretPurpose::SourceBindPassword; }

    // e.g. "server/12/access-token", "source/3/bind-password"; stable, it names keychain entries
    // across versions.
    QString toString() const;

    static QString purposeId(SecretPurpose purpose);
    // The purposes a SCIM server may hold a secret for.
    static QList<SecretPurpose> allPurposes();

    bool operator==(const SecretKey& other) const { return ownerId == other.ownerId && purpose == other.purpose; }
    bool operator!=(const SecretKey& other) const { return !(*this == other); }
};
