#pragma once

#include <QHash>
#include <QList>
#include <QString>

// Every problem the connection test can explain. A few are remarks: one more cause
// sentence a check appends to another failure's (they have no fix of their own).
enum class ConnectionFailure
{
    // The stored secret
    SecretMissing,
    SecretNotFound,
    SecretUnreadable,
    // Name lookup, TCP, TLS, proxy
    DnsTimeout,
    HostNotFound,
    DnsFailed,
    CaBundleUnreadable,
    TlsSelfSigned,
    TlsUntrustedCa,
    TlsExpired,
    TlsNotYetValid,
    TlsHostMismatch,
    TlsRevoked,
    TlsError,
    CertificateExpiresSoon,
    ConnectionRefused,
    ConnectHostNotFound,
    TlsHandshakeTimeout,
    ConnectTimeout,
    ProxyFailed,
    TlsHandshakeFailed,
    RemoteClosed,
    ConnectFailed,
    // A SCIM call
    Unauthorized,
    Forbidden,
    ForbiddenOperation, // a 403 on a step that knows which permission it needed
    EndpointNotFound,
    UnusualScimPath, // remark
    Throttled,
    ServerError,
    Timeout,
    InvalidResponse,
    OtherScimError,
    NoDiscovery,
    // How old the token is (the Stored* are remarks for a 401)
    TokenAgeUnknown,
    TokenExpired,
    TokenExpiresSoon,
    StoredDateUnknown,
    StoredLongerThanLifetime,
    StoredWithLifetime,
    StoredDaysAgo,
    // What the server supports
    NoServiceProviderConfig,
    PatchUnsupported,
    FiltersUnsupported,
    FilterResultsCapped,
    BulkUnsupported,
    CursorUnsupported,
    StartIndexUnsupported,
    // Reads
    FilterRejected, // remark
    FilterIgnored,
    ListPageInvalid,
    GroupFilterRejected, // remark
    GroupFilterIgnored,
    GroupPagingFailed, // remark
                       // The write round trip
    CreateFailed, // remark
    CreatedWithoutId,
    ReadBackFailed,
    ReadBackDifferent,
    DeletedUserStillThere,
    DeleteCheckFailed,
    DeactivatedInstead,
    CleanupFailed,
    GroupCreateFailed, // remark
    MemberAddFailed, // remark
    MemberRemoveFailed, // remark
    GroupDeleteFailed,
    // Latency and throttling of the whole test
    ThrottledWithRetryAfter,
    ThrottledWithoutRetryAfter,
    ServerErrorsRetried,
    SlowServer,

    Count // not a failure: how many there are
};

// What is wrong and what to do about it, in plain words.
struct Remediation
{
    QString cause;
    QString fix;
};

// The remediation table: from a failure and the facts around it to the cause and the fix an
// admin reads. Pure: no network, no state. Texts name facts as {name}; a text can only be
// used when every fact it names is known (non-empty), so a failure has several rows, the
// specific ones first (say, "copy the URL from <the product's console page>" when the
// server type's hints say where that is) and a generic one last. {name?} may be empty.
//
// Facts the connection test passes: host, port, endpoint, url, timeout, attempts, status,
// error, detail, hint, path, date, names, days, stored ("today", "3 days ago"), lifetime, expiry,
// daysLeft, left ("1 day", "30 days"), count, max,
// pageSize, userName, id, deleteError, patchError, throttled, total, retryAfter, median,
// message, tokenAge, operation, permission, endpoint, groupId, and from the server type: urlHint, urlShape (the URL
// template with the parts known from the URL filled in), endpointLocation, tokenLocation, tokenRotation,
// unauthorizedNote, urlTemplate.
namespace ConnectionRemediation {

using Facts = QHash<QString, QString>;

Remediation lookup(ConnectionFailure failure, const Facts& facts);
// The facts of a token stored `days` ago with `left` days to go: days and daysLeft as numbers,
// stored ("today", "1 day ago", "12 days ago") and left ("1 day", "30 days") in words.
void addTokenAge(Facts& facts, int days, int left);
// Every placeholder name the rows of failure use, for tests.
QList<QString> placeholders(ConnectionFailure failure);

} // namespace ConnectionRemediation
