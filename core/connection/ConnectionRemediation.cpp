#include "ConnectionRemediation.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <optional>

namespace {

#define REMEDY(text) QT_TRANSLATE_NOOP("ConnectionRemediation", text)

// Fix texts several failures share.
const char* const kCaFix
    = REMEDY("If this server uses a private certificate authority (or your company inspects TLS), get the CA "
             "certificate as a PEM file from its administrator and choose it as the server's Trusted CA "
             "certificate (Edit Server → Connection Settings; scimdesk-cli servers edit NAME --ca-file CA.pem). "
             "ScimDesk never ignores certificate errors.");
const char* const kOtherCaFile
    = REMEDY("Choose another file as the server's Trusted CA certificate (Edit Server → Connection Settings; "
             "scimdesk-cli servers edit NAME --ca-file CA.pem), or clear it (--ca-file \"\") to trust only this "
             "computer's certificate authorities.");
const char* const kRenewAt = REMEDY("Create a new access token in {tokenLocation}, store it in this server's "
                                    "settings and run the test again. {tokenRotation?}");
const char* const kRenew = REMEDY("Create a new access token in the server's admin console, store it in this "
                                  "server's settings and run the test again.");
const char* const kCheckType
    = REMEDY("Check that the right server type is chosen for this server; if it is, adjust its capabilities.");
const char* const kRemoveByHand = REMEDY("Remove the user with id {id} by hand in the server's admin console.");

struct Row
{
    ConnectionFailure failure;
    const char* cause;
    const char* fix; // nullptr: a remark, no fix of its own
};

// clang-format off
const Row kRows[] = {
    {ConnectionFailure::SecretMissing, REMEDY("No access token (or secret) is stored for this server."),
        REMEDY("Enter it in the server's settings; it is kept in the system keychain.")},
    {ConnectionFailure::SecretNotFound, REMEDY("No access token (or secret) was found for this server: {detail}"),
        REMEDY("{hint}")},
    {ConnectionFailure::SecretNotFound, REMEDY("No access token (or secret) is stored for this server."),
        REMEDY("Enter it in the server's settings; it is kept in the system keychain.")},
    {ConnectionFailure::SecretUnreadable,
        REMEDY("The access token (or secret) could not be read from the secret store: {detail}"),
        REMEDY("{hint} Then run the test again.")},
    {ConnectionFailure::SecretUnreadable, REMEDY("The access token (or secret) could not be read from the secret store."),
        REMEDY("Check that the system keychain works and is unlocked, then run the test again.")},

    {ConnectionFailure::DnsTimeout, REMEDY("Looking up {host} took longer than {timeout} s: no DNS server answered."),
        REMEDY("Check this computer's network connection and DNS settings (VPN, company network).")},
    {ConnectionFailure::HostNotFound,
        REMEDY("The host name {host} does not exist: the name lookup (DNS) found no address for it."),
        REMEDY("Check the host name in the URL against {urlTemplate} and copy the URL again from {endpointLocation}.")},
    {ConnectionFailure::HostNotFound,
        REMEDY("The host name {host} does not exist: the name lookup (DNS) found no address for it."),
        REMEDY("Check the host name in the URL for typos. If the server is only reachable on a company network, "
               "connect to it (VPN) first.")},
    {ConnectionFailure::DnsFailed, REMEDY("The name lookup of {host} failed: {error}."),
        REMEDY("Check this computer's network connection and DNS settings.")},
    {ConnectionFailure::CaBundleUnreadable, REMEDY("{detail}"), kOtherCaFile},
    {ConnectionFailure::CaBundleUnreadable,
        REMEDY("The trusted CA certificate file {path} set for this server cannot be read or holds no PEM "
               "certificate."),
        kOtherCaFile},
    {ConnectionFailure::TlsSelfSigned,
        REMEDY("The server's certificate is self-signed (or signed by a private CA) and this computer does not "
               "trust it."),
        kCaFix},
    {ConnectionFailure::TlsUntrustedCa,
        REMEDY("The server's certificate is signed by a certificate authority this computer does not trust."), kCaFix},
    {ConnectionFailure::TlsExpired, REMEDY("The server's certificate expired on {date}."),
        REMEDY("The server's administrator must renew the certificate. Also check that this computer's date and "
               "time are right.")},
    {ConnectionFailure::TlsNotYetValid, REMEDY("The server's certificate is valid only from {date}."),
        REMEDY("Check this computer's date and time; otherwise the server's administrator must fix the "
               "certificate.")},
    {ConnectionFailure::TlsHostMismatch, REMEDY("The server's certificate is for {names}, not for {host}."),
        REMEDY("Check the host name in the URL: use the name the certificate is issued for. Otherwise the server "
               "answering may not be the SCIM server.")},
    {ConnectionFailure::TlsRevoked, REMEDY("The server's certificate has been revoked."),
        REMEDY("Contact the server's administrator; do not use this server until the certificate is replaced.")},
    {ConnectionFailure::TlsError, REMEDY("The TLS handshake failed: {error}."), kCaFix},
    {ConnectionFailure::CertificateExpiresSoon, REMEDY("The server's certificate expires in {days} day(s)."),
        REMEDY("Tell the server's administrator to renew it; connections fail once it has expired.")},
    {ConnectionFailure::ConnectionRefused,
        REMEDY("{host} refused the connection: nothing accepts connections on port {port}."),
        REMEDY("Check the port in the URL (none means 443 for https). If the server runs on your network, check "
               "that it is started.")},
    {ConnectionFailure::ConnectHostNotFound, REMEDY("The host name {host} does not exist."),
        REMEDY("Check the host name in the URL.")},
    {ConnectionFailure::TlsHandshakeTimeout,
        REMEDY("The TCP connection to {endpoint} opened, but the TLS handshake got no answer within {timeout} s."),
        REMEDY("Check that the port speaks https; a proxy or firewall may be holding the connection.")},
    {ConnectionFailure::ConnectTimeout, REMEDY("No answer from {endpoint} within {timeout} s."),
        REMEDY("A firewall may be dropping the connection, or the host is down. Check the URL, the network and any "
               "proxy settings.")},
    {ConnectionFailure::ProxyFailed, REMEDY("The proxy failed: {error}."),
        REMEDY("Check the proxy settings of this computer or ask your network administrator.")},
    {ConnectionFailure::TlsHandshakeFailed, REMEDY("The TLS handshake with {endpoint} failed: {error}."),
        REMEDY("Check that the URL's port speaks https, and the server's TLS configuration.")},
    {ConnectionFailure::RemoteClosed, REMEDY("{endpoint} closed the connection before it was set up: {error}."),
        REMEDY("Check that the URL's scheme and port are right (https on 443 for most servers).")},
    {ConnectionFailure::ConnectFailed, REMEDY("Could not connect to {endpoint}: {error}."),
        REMEDY("Check the URL, this computer's network connection and any proxy or firewall.")},

    {ConnectionFailure::Unauthorized,
        REMEDY("The server rejected the access token (401 Unauthorized): it is wrong (mistyped or cut off when "
               "pasted), expired, deleted, or belongs to another tenant. {unauthorizedNote?} {tokenAge?}"),
        kRenewAt},
    {ConnectionFailure::Unauthorized,
        REMEDY("The server rejected the access token (401 Unauthorized): it is wrong (mistyped or cut off when "
               "pasted), expired, deleted, or belongs to another tenant. {unauthorizedNote?} {tokenAge?}"),
        kRenew},
    {ConnectionFailure::Forbidden,
        REMEDY("The server refused access (403 Forbidden): the credentials were recognised but lack the permission "
               "for this operation, or an IP allow list or firewall blocks this computer."),
        REMEDY("Check the token's permissions (role or scopes for SCIM provisioning) and any IP restrictions in the "
               "server's admin console.")},
    {ConnectionFailure::ForbiddenOperation,
        REMEDY("The server refused to {operation} (403 Forbidden): the credentials were accepted, but they lack the "
               "permission for it, or an IP allow list or firewall blocks this computer."),
        REMEDY("Check that the token has the permission to {permission} (its role or scopes for SCIM provisioning "
               "in the server's admin console) — a sync needs it — and any IP restrictions.")},
    {ConnectionFailure::EndpointNotFound,
        REMEDY("The host answered, but there is no SCIM endpoint at {url} (404 Not Found)."),
        REMEDY("Use {urlShape} from {endpointLocation}.")},
    {ConnectionFailure::EndpointNotFound,
        REMEDY("The host answered, but there is no SCIM endpoint at {url} (404 Not Found)."),
        REMEDY("Check the path of the URL. Expected: {urlHint}")},
    {ConnectionFailure::EndpointNotFound,
        REMEDY("The host answered, but there is no SCIM endpoint at {url} (404 Not Found)."),
        REMEDY("Check the path of the URL: it must be the SCIM base URL, the part before /Users and /Groups (often "
               "ending in /scim/v2).")},
    {ConnectionFailure::UnusualScimPath, REMEDY("The URL does not end in /scim/v2, as SCIM base URLs usually do."),
        nullptr},
    {ConnectionFailure::Throttled,
        REMEDY("The server kept throttling requests (429 Too Many Requests), even after ScimDesk waited and "
               "retried."),
        REMEDY("Lower Rate limit or Requests in parallel in the server's Edit \u2192 Provisioning, wait a minute and "
               "run the test again.")},
    {ConnectionFailure::ServerError,
        REMEDY("The server failed with an internal error ({status}) on {attempts} attempt(s)."),
        REMEDY("This is a problem on the server's side. Try again later; if it persists, give the request id to the "
               "vendor's support.")},
    {ConnectionFailure::Timeout,
        REMEDY("The server accepted the connection but did not answer within {timeout} s ({attempts} attempt(s))."),
        REMEDY("The server may be overloaded, or a proxy or firewall holds the request. Try again later; if the "
               "server is just slow, raise Request timeout in the server's Edit \u2192 Provisioning.")},
    {ConnectionFailure::InvalidResponse,
        REMEDY("The server answered, but not with SCIM JSON: the URL probably points to a web page (a sign-in page, "
               "a portal) instead of the SCIM endpoint."),
        REMEDY("Copy the SCIM endpoint from {endpointLocation}.")},
    {ConnectionFailure::InvalidResponse,
        REMEDY("The server answered, but not with SCIM JSON: the URL probably points to a web page (a sign-in page, "
               "a portal) instead of the SCIM endpoint."),
        REMEDY("Check the URL: it must be the SCIM base URL (often ending in /scim/v2).")},
    {ConnectionFailure::OtherScimError, REMEDY("{message}"), REMEDY("{hint}")},
    {ConnectionFailure::OtherScimError, REMEDY("{message}"), REMEDY("Check the server settings and run the test again.")},
    {ConnectionFailure::NoDiscovery,
        REMEDY("The server has no /ServiceProviderConfig (404), but /Users answered with these credentials: the URL "
               "and the token are right."),
        REMEDY("ScimDesk relies on the server type's capabilities for this server; check that the server type "
               "matches it.")},

    {ConnectionFailure::TokenAgeUnknown,
        REMEDY("ScimDesk does not know when this token was stored, so it cannot warn before it expires (tokens last "
               "{lifetime} days)."),
        REMEDY("Store the token again in the server's settings; the date is recorded from then on.")},
    {ConnectionFailure::TokenExpired,
        REMEDY("The token was stored {stored}; tokens of this server last {lifetime} days, so it expired "
               "around {expiry}. If the server still accepted it, the recorded date is wrong."),
        kRenewAt},
    {ConnectionFailure::TokenExpired,
        REMEDY("The token was stored {stored}; tokens of this server last {lifetime} days, so it expired "
               "around {expiry}. If the server still accepted it, the recorded date is wrong."),
        kRenew},
    {ConnectionFailure::TokenExpiresSoon,
        REMEDY("The token was stored {stored} and expires in about {left}, around {expiry}."),
        kRenewAt},
    {ConnectionFailure::TokenExpiresSoon,
        REMEDY("The token was stored {stored} and expires in about {left}, around {expiry}."),
        kRenew},
    {ConnectionFailure::StoredDateUnknown, REMEDY("ScimDesk has no record of when the token was stored."), nullptr},
    {ConnectionFailure::StoredLongerThanLifetime,
        REMEDY("The token was stored {stored} and tokens of this server last {lifetime} days, so it has most "
               "likely expired."),
        nullptr},
    {ConnectionFailure::StoredWithLifetime,
        REMEDY("The token was stored {stored} (tokens of this server last {lifetime} days)."), nullptr},
    {ConnectionFailure::StoredDaysAgo, REMEDY("The token was stored {stored}."), nullptr},

    {ConnectionFailure::NoServiceProviderConfig,
        REMEDY("The server does not describe its capabilities (no /ServiceProviderConfig)."),
        REMEDY("ScimDesk uses the server type's capabilities; check that the server type matches the server.")},
    {ConnectionFailure::PatchUnsupported,
        REMEDY("The server type expects PATCH, but the server says it does not support it: updates and group "
               "membership changes may fail."),
        kCheckType},
    {ConnectionFailure::FiltersUnsupported,
        REMEDY("The server says it does not support filters; ScimDesk matches existing users and groups with "
               "filters."),
        kCheckType},
    {ConnectionFailure::FilterResultsCapped,
        REMEDY("The server returns at most {max} results per query, but the server type reads lists in one page of "
               "up to {pageSize}: results beyond {max} would be missed."),
        kCheckType},
    {ConnectionFailure::BulkUnsupported,
        REMEDY("The server type expects /Bulk, but the server says it does not support it."), kCheckType},
    {ConnectionFailure::CursorUnsupported,
        REMEDY("The server type pages with cursors, but the server says it does not support them."), kCheckType},
    {ConnectionFailure::StartIndexUnsupported,
        REMEDY("The server type pages with startIndex, but the server says it does not support it."), kCheckType},

    {ConnectionFailure::FilterRejected, REMEDY("ScimDesk needs \"userName eq\" filters to find existing users."),
        nullptr},
    {ConnectionFailure::FilterIgnored,
        REMEDY("The server ignored the filter: it returned {count} user(s) for a userName that cannot exist."),
        REMEDY("ScimDesk cannot match users safely on this server. Check the server type, or report the filter "
               "problem to the server's vendor.")},
    {ConnectionFailure::ListPageInvalid,
        REMEDY("The first page of GET {endpoint} is not a usable SCIM list: {detail}"),
        REMEDY("A sync reads every page this way and stops before planning when one is unusable. Check the server "
               "type (its paging mode), and report the answer to the server's vendor.")},
    {ConnectionFailure::GroupFilterRejected, REMEDY("ScimDesk needs \"displayName eq\" filters to find existing "
                                                    "groups."),
        nullptr},
    {ConnectionFailure::GroupFilterIgnored,
        REMEDY("The server ignored the filter: it returned {count} group(s) for a group name that cannot exist."),
        REMEDY("ScimDesk cannot match groups safely on this server. Check the server type, or report the filter "
               "problem to the server's vendor.")},
    {ConnectionFailure::GroupPagingFailed, REMEDY("Reading groups page by page failed."), nullptr},

    {ConnectionFailure::CreateFailed, REMEDY("Creating the temporary user failed."), nullptr},
    {ConnectionFailure::CreatedWithoutId, REMEDY("The server created the user but returned no id."),
        REMEDY("Remove {userName} by hand in the server's admin console.")},
    {ConnectionFailure::ReadBackFailed, REMEDY("Reading the new user back failed: {error}"), REMEDY("{fix?}")},
    {ConnectionFailure::ReadBackDifferent,
        REMEDY("The user read back has a different userName than the one created."),
        REMEDY("Check the server's userName rules; ScimDesk matches users by userName.")},
    {ConnectionFailure::DeletedUserStillThere, REMEDY("The server still returns the user after deleting it."),
        REMEDY("It may delete asynchronously; check in the server's admin console that it is gone.")},
    {ConnectionFailure::DeleteCheckFailed, REMEDY("Checking that the user is gone failed: {error}"), REMEDY("")},
    {ConnectionFailure::DeactivatedInstead,
        REMEDY("Deleting the temporary user failed ({deleteError}), so it was deactivated (active = false) "
               "instead."),
        REMEDY("Remove the user with id {id} by hand in the server's admin console. If the server does not allow "
               "deletes, set this server's deprovisioning to \"disable\".")},
    {ConnectionFailure::CleanupFailed,
        REMEDY("The temporary user could neither be deleted ({deleteError}) nor deactivated ({patchError})."),
        kRemoveByHand},
    {ConnectionFailure::GroupCreateFailed, REMEDY("Creating the temporary group failed."), nullptr},
    {ConnectionFailure::MemberAddFailed, REMEDY("Adding the temporary user to the temporary group failed."), nullptr},
    {ConnectionFailure::MemberRemoveFailed, REMEDY("Removing the temporary user from the temporary group failed."),
        nullptr},
    {ConnectionFailure::GroupDeleteFailed, REMEDY("Deleting the temporary group failed: {error}"),
        REMEDY("Remove the group with id {groupId} by hand in the server's admin console, and check that the token "
               "may delete groups (a sync that deprovisions groups needs it).")},

    {ConnectionFailure::ThrottledWithRetryAfter,
        REMEDY("The server throttled {throttled} of {total} requests (429 Too Many Requests), asking to wait "
               "{retryAfter} s (Retry-After)."),
        REMEDY("Lower Rate limit or Requests in parallel in the server's Edit \u2192 Provisioning. ScimDesk slows "
               "down and retries on 429, but a sync at a rate the server accepts finishes sooner.")},
    {ConnectionFailure::ThrottledWithoutRetryAfter,
        REMEDY("The server throttled {throttled} of {total} requests (429 Too Many Requests), without saying how "
               "long to wait (no Retry-After)."),
        REMEDY("Lower Rate limit or Requests in parallel in the server's Edit \u2192 Provisioning. ScimDesk slows "
               "down and retries on 429, but a sync at a rate the server accepts finishes sooner.")},
    {ConnectionFailure::ServerErrorsRetried,
        REMEDY("The server answered {count} request(s) with an internal error (5xx); they were retried."),
        REMEDY("If this happens often, tell the server's vendor (with the request ids from the log).")},
    {ConnectionFailure::SlowServer, REMEDY("The server is slow: the median round trip is {median} ms."),
        REMEDY("A sync sends many requests; expect long runs, or raise Requests in parallel (Edit \u2192 "
               "Provisioning) if the server allows it.")},
};
// clang-format on

const QRegularExpression& placeholder()
{
    static const QRegularExpression re(QStringLiteral("\\{([A-Za-z]+)(\\?)?\\}"));
    return re;
}

// The text with its facts filled in, or nothing when a fact it needs is unknown.
std::optional<QString> fill(const char* text, const ConnectionRemediation::Facts& facts)
{
    const QString translated = QCoreApplication::translate("ConnectionRemediation", text);
    QString filled;
    qsizetype last = 0;
    for (auto it = placeholder().globalMatch(translated); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString value = facts.value(match.captured(1));
        if (value.isEmpty() && match.captured(2).isEmpty())
            return std::nullopt;
        filled += translated.mid(last, match.capturedStart() - last) + value;
        last = match.capturedEnd();
    }
    filled += translated.mid(last);
    // An optional fact left out leaves a double or trailing blank.
    return filled.simplified();
}

} // namespace

namespace ConnectionRemediation {

void addTokenAge(Facts& facts, int days, int left)
{
    facts.insert(QStringLiteral("days"), QString::number(days));
    facts.insert(QStringLiteral("stored"),
        days == 0 ? QCoreApplication::translate("ConnectionRemediation", "today")
                  : QCoreApplication::translate("ConnectionRemediation", "%n day(s) ago", nullptr, days));
    facts.insert(QStringLiteral("daysLeft"), QString::number(left));
    facts.insert(
        QStringLiteral("left"), QCoreApplication::translate("ConnectionRemediation", "%n day(s)", nullptr, left));
}

Remediation lookup(ConnectionFailure failure, const Facts& facts)
{
    for (const Row& row : kRows) {
        if (row.failure != failure)
            continue;
        const std::optional<QString> cause = fill(row.cause, facts);
        const std::optional<QString> fix = row.fix ? fill(row.fix, facts) : std::optional<QString>(QString());
        if (cause && fix)
            return {*cause, *fix};
    }
    return {};
}

QList<QString> placeholders(ConnectionFailure failure)
{
    QList<QString> names;
    for (const Row& row : kRows) {
        if (row.failure != failure)
            continue;
        for (const char* text : {row.cause, row.fix}) {
            if (!text)
                continue;
            for (auto it = placeholder().globalMatch(QString::fromUtf8(text)); it.hasNext();) {
                const QString name = it.next().captured(1);
                if (!names.contains(name))
                    names.append(name);
            }
        }
    }
    return names;
}

} // namespace ConnectionRemediation
