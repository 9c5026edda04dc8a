#pragma once

#include "DirectorySourceReader.h"
#include "SourceTypeRegistry.h"
#include "UserDnIndex.h"

#include "ldap/LdapConnection.h"

#include <functional>
#include <memory>

class LdapRootDse;
class LdapUserMapper;
class SourceChangeTracker;

// Reads an LDAP or Active Directory source completely, or fails: binds, reads the users (paged,
// only the mapped attributes), the groups (paged, members including ranged retrieval, nesting
// resolved by the server when the source asks for the in-chain rule), resolves each manager's DN
// to that user's userName and returns one SourceRead. Any incomplete search — a limit, a paging
// error, a referral it would need, a dropped connection, a timeout — is an error, never a
// partial result.
//
// A delta read (SourceReadRequest::full == false) returns the users and groups changed since the
// previous read's high-water mark plus the anchors of everything present, after checking that
// the mark still applies (AD: the same domain controller database, by invocationId).
class LdapSourceReader : public DirectorySourceReader
{
public:
    using ConnectionFactory = std::function<std::unique_ptr<LdapConnection>()>;

    // types: where a source's type says how its anchor is written and how changes are found.
    // factory: the LDAP connection to use (OpenLdapConnection when empty).
    explicit LdapSourceReader(SourceTypeRegistry types = SourceTypeRegistry::load(), ConnectionFactory factory = {});

    Result<SourceRead, SourceReadError> read(const DirectorySource& source, const QByteArray& password,
        const SourceReadRequest& request, const std::atomic_bool& cancelled) override;

    // How a source's connection is opened (URL, StartTLS, CA file, timeout).
    static LdapConnectionSettings connectionSettings(const DirectorySource& source);

private:
    struct Context;

    Status<SourceReadError> connect(Context& context, const QByteArray& password, const std::atomic_bool& cancelled);
    Status<SourceReadError> readUsers(Context& context, const QString& filter, const std::atomic_bool& cancelled);
    Status<SourceReadError> readGroups(
        Context& context, const QString& filter, const UserDnIndex& users, const std::atomic_bool& cancelled);
    Status<SourceReadError> readAnchors(
        Context& context, const QString& filter, QStringList* anchors, const std::atomic_bool& cancelled);
    void resolveManagers(SourceRead* read, const UserDnIndex& exact) const;

    SourceTypeRegistry m_types;
    ConnectionFactory m_factory;
};
