#include "LdapRemediation.h"

#include "util/DisplayText.h"
#include "util/PlaceholderText.h"

#include <QCoreApplication>

namespace {

#define REMEDY(text) QT_TRANSLATE_NOOP("LdapRemediation", text)

using Kind = SourceReadError::Kind;

struct Row
{
    LdapFailure failure;
    Kind kind;
    const char* message;
    const char* remedy;
};

const char* const kCaRemedy
    = REMEDY("Get the certificate of the CA that issued the directory's certificate as a PEM file from its "
             "administrator and choose it as the source's CA file (Edit Source; scimdesk-cli sources edit NAME "
             "--ca-file CA.pem). ScimDesk never ignores certificate errors.");
const char* const kRetypePassword
    = REMEDY("Enter the bind account's password again (Edit Source; scimdesk-cli sources edit NAME "
             "--password-stdin) and check the bind DN {bindDn}.");
const char* const kAskDirectoryAdmin = REMEDY("Ask the directory's administrator to fix the bind account {bindDn}, "
                                              "or use another account.");
const char* const kRetryLater = REMEDY("Run the read again later; no change was made to any target.");

// code-shape: data table
const Row kRows[] = {
    {LdapFailure::InvalidUrl, Kind::InvalidSettings, REMEDY("The source's URL {url} is not an LDAP URL."),
        REMEDY("Enter ldaps://HOST[:PORT] (TLS from the start, port 636) or ldap://HOST[:PORT] with StartTLS "
               "(port 389).")},
    {LdapFailure::CaFileUnusable, Kind::InvalidSettings, REMEDY("The source's CA file {caFile} cannot be used."),
        REMEDY("Choose a readable PEM file holding the CA certificate (Edit Source; scimdesk-cli sources edit NAME "
               "--ca-file CA.pem), or clear it to trust this computer's certificate authorities.")},
    {LdapFailure::BindDnWithoutPassword, Kind::InvalidSettings,
        REMEDY("A bind DN ({bindDn}) is set but no password: that would be an unauthenticated bind, which "
               "directories refuse or treat as anonymous."),
        REMEDY("Store the bind account's password (Edit Source; scimdesk-cli sources edit NAME --password-stdin), or "
               "clear the bind DN for an anonymous bind.")},
    {LdapFailure::PasswordWithoutTls, Kind::InvalidSettings,
        REMEDY("The URL {url} has neither LDAPS nor StartTLS: the bind password would cross the network "
               "unencrypted, so ScimDesk does not send it."),
        REMEDY("Switch on StartTLS (Edit Source; scimdesk-cli sources edit NAME --start-tls) or use "
               "ldaps://{host}:636.")},

    {LdapFailure::HostNotFound, Kind::Dns,
        REMEDY("The host name {host} does not exist: the name lookup (DNS) found "
               "no address for it."),
        REMEDY("Check the host name in the URL {url}. A domain controller is usually reachable under the domain's "
               "DNS name; connect to the company network (VPN) first if it is only reachable there.")},
    {LdapFailure::ConnectionRefused, Kind::Connect,
        REMEDY("{host} refused the connection on port {port}: no directory server listens there."),
        REMEDY("Check the port in {url}: LDAP with StartTLS uses 389, LDAPS 636 (Active Directory's global catalog "
               "3268/3269). Check that the directory service runs and a firewall lets the port through.")},
    {LdapFailure::ConnectTimeout, Kind::Timeout,
        REMEDY("{host} did not accept a connection on port {port} within {timeout} s."),
        REMEDY("A firewall probably drops the connection, or the host is down. Check the host and port in {url} and "
               "that this computer may reach it (VPN, firewall rules).")},
    {LdapFailure::ConnectFailed, Kind::Connect, REMEDY("The connection to {host} port {port} failed."),
        REMEDY("Check the host and port in {url} and this computer's network connection.")},

    {LdapFailure::LdapsOnPlainPort, Kind::Tls,
        REMEDY("The URL {url} asks for LDAPS (TLS from the start), but the server on port {port} answers plain LDAP."),
        REMEDY("Use ldaps://{host}:636, or ldap://{host}:{port} with StartTLS switched on.")},
    {LdapFailure::PlainOnLdapsPort, Kind::Tls,
        REMEDY("The URL {url} asks for plain LDAP, but the server on port {port} expects TLS at once (an LDAPS port)."),
        REMEDY("Use ldaps://{host}:{port}, or ldap://{host}:389 with StartTLS switched on.")},
    {LdapFailure::StartTlsRefused, Kind::Tls, REMEDY("The server at {url} refused StartTLS."),
        REMEDY("The directory has no TLS certificate configured for LDAP. Ask its administrator to install one, or "
               "use ldaps:// if the directory offers LDAPS. ScimDesk never sends a password without TLS.")},
    {LdapFailure::CertificateUntrusted, Kind::Tls,
        REMEDY("The directory's certificate ({subject}, issued by {issuer}) is not trusted: no trusted CA signed it."),
        kCaRemedy},
    {LdapFailure::CertificateExpired, Kind::Tls, REMEDY("The directory's certificate ({subject}) expired on {expiry}."),
        REMEDY("Ask the directory's administrator to renew the certificate. Check this computer's clock too.")},
    {LdapFailure::CertificateNotYetValid, Kind::Tls,
        REMEDY("The directory's certificate ({subject}) is not valid yet."),
        REMEDY("Check this computer's date and time; otherwise ask the directory's administrator to check the "
               "certificate.")},
    {LdapFailure::HostNameMismatch, Kind::Tls,
        REMEDY("The directory's certificate is for {names}, not for {host}: the host name does not match."),
        REMEDY("Use one of the names the certificate holds in the URL (e.g. the domain controller's full DNS name "
               "instead of an IP address or a short name), or ask the directory's administrator for a certificate "
               "that names {host}.")},
    {LdapFailure::TlsFailed, Kind::Tls, REMEDY("The TLS handshake with {host} port {port} failed."),
        REMEDY("Check that the port speaks TLS (LDAPS) or StartTLS as configured, and the CA file {caFile}.")},

    {LdapFailure::StrongerAuthRequired, Kind::Bind,
        REMEDY("The directory refuses a simple bind without TLS (strongerAuthRequired); Active Directory does this "
               "over plain LDAP."),
        REMEDY("Switch on StartTLS for ldap://{host} or use ldaps://{host}:636.")},
    {LdapFailure::InvalidDnSyntax, Kind::InvalidSettings,
        REMEDY("The directory says a DN is not valid syntax (bind DN {bindDn}, base DN {baseDn})."),
        REMEDY("Write DNs as CN=Name,OU=Unit,DC=example,DC=com, with commas, plus signs, quotes, backslashes, "
               "< > ; inside a name escaped by a backslash. For Active Directory you can bind with the user "
               "principal name (user@example.com) instead of a DN.")},
    {LdapFailure::InvalidCredentials, Kind::Bind,
        REMEDY("The directory refused the bind DN {bindDn} or its password (invalidCredentials)."), kRetypePassword},
    {LdapFailure::AdUserNotFound, Kind::Bind,
        REMEDY("Active Directory does not know the bind account {bindDn} (data 525: user not found)."),
        REMEDY("Check the bind DN or user principal name for typos; copy the DN from the account's "
               "distinguishedName attribute.")},
    {LdapFailure::AdWrongPassword, Kind::Bind,
        REMEDY("Active Directory refused the password of {bindDn} (data 52e: wrong password)."), kRetypePassword},
    {LdapFailure::AdLogonHoursRestricted, Kind::Bind,
        REMEDY("The bind account {bindDn} may not log on at this time (data 530: logon hours)."), kAskDirectoryAdmin},
    {LdapFailure::AdWorkstationRestricted, Kind::Bind,
        REMEDY("The bind account {bindDn} may not log on from this computer (data 531: workstation restriction)."),
        kAskDirectoryAdmin},
    {LdapFailure::AdPasswordExpired, Kind::Bind,
        REMEDY("The password of the bind account {bindDn} has expired (data 532)."),
        REMEDY("Set a new password for the account in Active Directory (a service account's should not expire), "
               "then store it in the source.")},
    {LdapFailure::AdAccountDisabled, Kind::Bind, REMEDY("The bind account {bindDn} is disabled (data 533)."),
        kAskDirectoryAdmin},
    {LdapFailure::AdAccountExpired, Kind::Bind, REMEDY("The bind account {bindDn} has expired (data 701)."),
        kAskDirectoryAdmin},
    {LdapFailure::AdMustChangePassword, Kind::Bind,
        REMEDY("The bind account {bindDn} must change its password before it can log on (data 773)."),
        REMEDY("Set a new password for the account (clear \"User must change password at next logon\"), then store "
               "it in the source.")},
    {LdapFailure::AdAccountLocked, Kind::Bind,
        REMEDY("The bind account {bindDn} is locked out (data 775), usually after too many wrong passwords."),
        REMEDY("Ask the directory's administrator to unlock it, then store the right password in the source so the "
               "next read does not lock it again.")},
    {LdapFailure::AnonymousRefused, Kind::Bind, REMEDY("The directory does not let an anonymous bind read {baseDn}."),
        REMEDY("Enter a bind DN and password of an account that may read users and groups.")},
    {LdapFailure::BindFailed, Kind::Bind, REMEDY("The bind as {bindDn} failed: {codeName} (LDAP result {code})."),
        REMEDY("Check the bind DN and password; the server's message below says more.")},

    {LdapFailure::BaseDnNotFound, Kind::BaseDnNotFound,
        REMEDY("The base DN {baseDn} does not exist on the directory (the nearest existing entry is \"{matched}\")."),
        REMEDY("Check the base DN for typos. For Active Directory it is usually the domain, e.g. DC=example,DC=com, "
               "or an OU below it.")},
    {LdapFailure::InsufficientAccess, Kind::Bind, REMEDY("The bind account {bindDn} may not read {baseDn}."),
        REMEDY("Give the account read access to the users and groups below the base DN, or use another account.")},
    {LdapFailure::FilterRejected, Kind::Filter, REMEDY("The directory refused the search filter {filter}."),
        REMEDY("Check the user and group filters: balanced parentheses, attribute names the directory knows, and "
               "special characters in values escaped (\\2a for *, \\28 and \\29 for parentheses).")},
    {LdapFailure::SizeLimitExceeded, Kind::SizeLimit,
        REMEDY("The directory stopped the search {filter} at its size limit: the read is incomplete."),
        REMEDY("Keep paging on (page size below the server's limit, e.g. 500), or ask the directory's administrator "
               "to raise the bind account's size limit. Nothing was changed on any target.")},
    {LdapFailure::TimeLimitExceeded, Kind::TimeLimit,
        REMEDY("The directory stopped the search at its time limit: the read is incomplete."),
        REMEDY("Narrow the base DN or the filters, or ask the directory's administrator to raise the time limit. "
               "Nothing was changed on any target.")},
    {LdapFailure::AdminLimitExceeded, Kind::SizeLimit,
        REMEDY("The directory stopped the search {filter} at an administrative limit: the read is incomplete."),
        REMEDY("Use a smaller page size, or ask the directory's administrator about the limit. Nothing was changed "
               "on any target.")},
    {LdapFailure::PagingUnsupported, Kind::Paging,
        REMEDY("The directory does not support paged results (RFC 2696), which a complete read needs."),
        REMEDY("Set the page size to 0 to read without paging if the directory's size limit is above the number of "
               "entries, or ask its administrator to enable paged results.")},
    {LdapFailure::PagingFailed, Kind::Paging, REMEDY("The directory broke off the paged read: the read is incomplete."),
        kRetryLater},
    {LdapFailure::ReferralNeeded, Kind::Referral,
        REMEDY("Part of {baseDn} is held by another server ({referral}); ScimDesk does not follow referrals, so the "
               "read would be incomplete."),
        REMEDY("Point the source at the server holding that part directly (its URL and base DN), or choose a base "
               "DN without it.")},
    {LdapFailure::ServerBusy, Kind::Protocol, REMEDY("The directory is busy or unavailable."), kRetryLater},
    {LdapFailure::ConnectionDropped, Kind::Dropped,
        REMEDY("The connection to {host} broke off during the read: the read is incomplete."), kRetryLater},
    {LdapFailure::Timeout, Kind::Timeout, REMEDY("The directory did not answer within {timeout} s."),
        REMEDY("Check that the server at {url} is healthy, or raise Timeout in Edit Source (sources edit NAME "
               "--timeout S). Nothing was changed on any target.")},
    {LdapFailure::Cancelled, Kind::Cancelled, REMEDY("The read was cancelled."),
        REMEDY("Nothing was changed on any target.")},
    {LdapFailure::OtherLdapError, Kind::Protocol, REMEDY("The directory answered: {codeName} (LDAP result {code})."),
        REMEDY("The server's message below says more; nothing was changed on any target.")},
};

QString tr(const char* text)
{
    return QCoreApplication::translate("LdapRemediation", text);
}

QString filled(const char* text, const LdapRemediation::Facts& facts)
{
    return PlaceholderText::fill(tr(text), facts);
}

const Row* rowOf(LdapFailure failure)
{
    for (const Row& row : kRows) {
        if (row.failure == failure) {
            return &row;
        }
    }
    return nullptr;
}

} // namespace

namespace LdapRemediation {

Text lookup(LdapFailure failure, const Facts& facts)
{
    const Row* row = rowOf(failure);
    if (!row) {
        return {Kind::Protocol, tr("The directory could not be read."), tr(kRetryLater)};
    }
    return {row->kind, filled(row->message, facts), filled(row->remedy, facts)};
}

SourceReadError error(LdapFailure failure, const Facts& facts)
{
    const Text text = lookup(failure, facts);
    SourceReadError error;
    error.kind = text.kind;
    error.message = text.message;
    error.remedy = text.remedy;
    error.ldapResultCode = facts.value(QStringLiteral("code")).toInt();
    error.diagnostic = DisplayText::escaped(facts.value(QStringLiteral("diagnostic")));
    return error;
}

QStringList placeholders(LdapFailure failure)
{
    const Row* row = rowOf(failure);
    return row ? PlaceholderText::names({QLatin1String(row->message), QLatin1String(row->remedy)}) : QStringList();
}

} // namespace LdapRemediation
