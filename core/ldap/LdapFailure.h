#pragma once

// Every reason a directory source cannot be connected to or read completely that ScimDesk can
// explain. LdapErrorClassifier finds the failure from what libldap and the server said;
// LdapRemediation turns it into the admin's message and what to do.
enum class LdapFailure
{
    // The source's settings
    InvalidUrl,
    CaFileUnusable,
    BindDnWithoutPassword,
    PasswordWithoutTls, // ldap:// without StartTLS and a password: never sent in clear
                        // Name lookup and TCP
    HostNotFound,
    ConnectionRefused,
    ConnectTimeout,
    ConnectFailed,
    // TLS
    LdapsOnPlainPort, // ldaps:// to a port that speaks plain LDAP (389)
    PlainOnLdapsPort, // ldap:// to a port that speaks TLS at once (636)
    StartTlsRefused,
    CertificateUntrusted,
    CertificateExpired,
    CertificateNotYetValid,
    HostNameMismatch,
    TlsFailed,
    // Bind
    StrongerAuthRequired,
    InvalidDnSyntax,
    InvalidCredentials,
    AdUserNotFound, // AD "data 525"
    AdWrongPassword, // 52e
    AdLogonHoursRestricted, // 530
    AdWorkstationRestricted, // 531
    AdPasswordExpired, // 532
    AdAccountDisabled, // 533
    AdAccountExpired, // 701
    AdMustChangePassword, // 773
    AdAccountLocked, // 775
    AnonymousRefused,
    BindFailed,
    // Reading
    BaseDnNotFound,
    InsufficientAccess,
    FilterRejected,
    SizeLimitExceeded,
    TimeLimitExceeded,
    AdminLimitExceeded,
    PagingUnsupported,
    PagingFailed,
    ReferralNeeded,
    ServerBusy,
    ConnectionDropped,
    Timeout,
    Cancelled,
    OtherLdapError,

    Count // not a failure: how many there are
};
