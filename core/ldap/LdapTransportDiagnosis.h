#pragma once

#include "LdapErrorClassifier.h"
#include "LdapFailure.h"
#include "LdapRemediation.h"
#include "LdapTlsProbe.h"

#include <QSslCertificate>
#include <QStringList>

#include <optional>

// What LdapTlsProbe outcomes mean, as a remediation-table failure with its facts. Pure: the
// reader's connection (explaining a failed connect) and the guided source test (its TCP and TLS
// steps) read probes the same way.
class LdapTransportDiagnosis
{
public:
    struct Finding
    {
        LdapFailure failure = LdapFailure::ConnectFailed;
        LdapRemediation::Facts facts;
    };

    // A TCP connection that was not established: name lookup, refused, timed out.
    static Finding tcp(const LdapTlsProbe::Outcome& outcome);
    // A TLS probe: nothing when the handshake completed and the certificate verified. ldaps: the
    // URL asked for TLS from the start; plainLdapAnswered: a StartTLS probe of the same port got an
    // LDAP answer, i.e. the port speaks plain LDAP.
    static std::optional<Finding> tls(const LdapTlsProbe::Outcome& outcome, bool ldaps, bool plainLdapAnswered);
    // subject, issuer, names (the names the certificate is for) and expiry of a certificate.
    static LdapRemediation::Facts certificateFacts(const QSslCertificate& certificate);
    // What an established TLS connection tells: protocol, certificate subject, issuer, names, expiry.
    static QStringList details(const LdapTlsProbe::Outcome& outcome);
};
