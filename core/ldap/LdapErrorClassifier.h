#pragma once

#include "LdapFailure.h"

#include <QList>
#include <QSslError>
#include <QString>

// Which LdapFailure explains what libldap or the server said. Pure: the facts come in as
// values, so every rule is tested with data rows.
class LdapErrorClassifier
{
public:
    enum class Operation
    {
        StartTls,
        Bind,
        Search,
    };

    // An LDAP result code (server-side, or libldap's negative API codes such as
    // LDAP_SERVER_DOWN) of operation. anonymous: the bind had no DN. diagnostic: the
    // server's diagnostic message, e.g. Active Directory's "... AcceptSecurityContext error,
    // data 52e, v4563".
    static LdapFailure fromResult(Operation operation, int code, const QString& diagnostic, bool anonymous);

    // Active Directory's sub-code of an invalidCredentials answer ("data 52e" -> "52e"), lower-case;
    // empty when the diagnostic has none.
    static QString adSubCode(const QString& diagnostic);

    // What a failed TLS handshake means, from the certificate errors a verifying probe saw.
    // certificateSeen: the server sent a certificate at all (a plain LDAP port sends none).
    static LdapFailure fromTlsErrors(const QList<QSslError::SslError>& errors, bool certificateSeen);
};
