#pragma once

#include "LdapEntry.h"

#include "sources/SourceReadError.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

// Where and how to connect. Certificates and host names are always verified; there is no
// setting to turn that off.
struct LdapConnectionSettings
{
    QString url; // ldap://HOST[:PORT] or ldaps://HOST[:PORT]
    bool startTls = false; // ldap:// only: upgrade with StartTLS before anything else is sent
    QString caFilePath; // PEM; trusted in addition to the system's certificate authorities
    int timeoutSeconds = 60; // connecting, and the longest wait for any answer of the server
};

struct LdapSearchRequest
{
    enum class Scope
    {
        Base,
        OneLevel,
        Subtree,
    };

    QString baseDn;
    Scope scope = Scope::Subtree;
    QString filter = QStringLiteral("(objectClass=*)");
    QStringList attributes; // only these are requested; empty requests none ("1.1")
    int pageSize = 0; // > 0: the paged-results control (RFC 2696), marked critical; 0: one unpaged search
    bool domainScope = false; // Active Directory's DOMAIN_SCOPE control: no continuation references
    // Continuation references to these DNs are not part of the read: the server's other naming
    // contexts (its root DSE's namingContexts), which Active Directory refers to from a domain
    // root (CN=Configuration, the DNS zones). Every other reference makes the search incomplete.
    QStringList ignoredReferences;
    // > 0: a sample, not a read: the search ends (successfully) after this many entries.
    int maxEntries = 0;
};

// A connection to one directory server, used by one thread at a time. The one seam between
// ScimDesk and a directory protocol library: OpenLdapConnection implements it on libldap
// (Linux, macOS). A Windows implementation on Wldap32 fits behind it too: its bind() can use the
// signed-in user's Negotiate (Kerberos) credentials when the DN and password are empty and the
// source asks for it — not built here, as nothing could test it.
//
// Every blocking call gives up within 2 seconds once `cancelled` is set (Kind::Cancelled), and
// with Kind::Timeout when the server does not answer within the timeout. Nothing ever logs or
// keeps the password.
class LdapConnection
{
public:
    // Called for each entry in the order the server sends them. An error returned ends the
    // search with that error (the entry was not acceptable, e.g. a value too large).
    using EntryHandler = std::function<Status<SourceReadError>(const LdapEntry& entry)>;

    virtual ~LdapConnection() = default;

    // Connects; with ldaps:// or startTls, completes a verified TLS handshake first.
    virtual Status<SourceReadError> open(const LdapConnectionSettings& settings, const std::atomic_bool& cancelled) = 0;
    // Simple bind with a DN or (Active Directory) a user principal name; an empty dn and
    // password bind anonymously. password is wiped (overwritten and cleared) before this returns.
    virtual Status<SourceReadError> bind(const QString& dn, QByteArray& password, const std::atomic_bool& cancelled)
        = 0;
    // Every entry of the search, page by page; referrals are never followed. A continuation
    // reference makes the search fail (Kind::Referral): the read would be incomplete. Only
    // references to request.ignoredReferences are passed over. (Ignoring references by their
    // URL's DN alone is not safe: a referral object inside the base may name any DN.)
    virtual Status<SourceReadError> search(
        const LdapSearchRequest& request, const EntryHandler& onEntry, const std::atomic_bool& cancelled)
        = 0;
    // Whether TLS protects the connection (after open()).
    virtual bool isEncrypted() const = 0;
};
