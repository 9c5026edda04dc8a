#pragma once

#include "LdapFailure.h"

#include "sources/SourceReadError.h"

#include <QHash>
#include <QString>

// The remediation table of directory sources: from a failure and the facts around it to the
// SourceReadError kind, the admin's message and the remedy. Pure: no network, no state.
// Texts name facts as {name}; every failure's texts use only facts the classifier always
// supplies for it:
//   url, host, port, bindDn, baseDn, timeout (seconds) — always;
//   filter (FilterRejected, SizeLimitExceeded, AdminLimitExceeded), caFile (TLS failures),
//   subject, issuer, names, expiry (certificate failures), matched (BaseDnNotFound),
//   referral (ReferralNeeded), code and codeName (OtherLdapError, BindFailed).
// The server's own words travel in SourceReadError::diagnostic, never mixed into the texts.
namespace LdapRemediation {

using Facts = QHash<QString, QString>;

struct Text
{
    SourceReadError::Kind kind = SourceReadError::Kind::Protocol;
    QString message;
    QString remedy;
};

Text lookup(LdapFailure failure, const Facts& facts);
// lookup() as a SourceReadError, with ldapResultCode and diagnostic from the facts "code" and
// "diagnostic" (the diagnostic with control characters escaped).
SourceReadError error(LdapFailure failure, const Facts& facts);
// Every {name} the texts of failure use, for tests.
QStringList placeholders(LdapFailure failure);

} // namespace LdapRemediation
