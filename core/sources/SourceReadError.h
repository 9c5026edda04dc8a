#pragma once

#include <QString>

// Why a directory source could not be read completely. Every kind aborts the run before the
// SCIM server is contacted: an incomplete read never leads to a write, let alone a deletion.
struct SourceReadError
{
    enum class Kind
    {
        InvalidSettings,   // the source's settings cannot be used as they are
        Dns,
        Connect,           // TCP refused or unreachable
        Tls,               // handshake, untrusted certificate, host name mismatch, StartTLS refused
        Bind,              // invalid credentials, strongerAuthRequired, account locked …
        BaseDnNotFound,
        Filter,            // the server refused a filter
        SizeLimit,
        TimeLimit,
        Paging,            // the paged-results control was refused or broke off
        Referral,          // the read needs a referral ScimDesk does not follow
        Dropped,           // the connection went away mid-read
        Timeout,
        Cancelled,
        DeltaNotPossible,  // the caller should read fully instead
        Protocol,          // anything else the server answered
    };

    Kind kind = Kind::Protocol;
    QString message; // what happened, in the admin's words
    QString remedy;  // what to do about it
    int ldapResultCode = 0;
    QString diagnostic; // the server's diagnostic message (escaped when shown), e.g. AD's "data 52e"
};
