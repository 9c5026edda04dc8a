#pragma once

#include "LdapConnection.h"
#include "LdapErrorClassifier.h"
#include "LdapFailure.h"
#include "LdapRemediation.h"
#include "LdapTlsProbe.h"

#include <QList>
#include <QSslCertificate>

#include <memory>

class LdapSession;
struct ldapmsg; // libldap's LDAPMessage: <ldap.h> stays inside core/ldap's .cpp files

// LdapConnection on the OpenLDAP client library (libldap): LDAPv3, referrals never chased,
// certificates always verified (LDAP_OPT_X_TLS_REQUIRE_CERT = DEMAND, TLS 1.2 or newer) with a
// TLS context of its own, so the source's CA file applies to this connection only.
class OpenLdapConnection : public LdapConnection
{
public:
    OpenLdapConnection();
    ~OpenLdapConnection() override;

    // A password is only sent over TLS; allowing it without is for tests that prove how a
    // directory answers a simple bind over plain LDAP (Active Directory: strongerAuthRequired).
    void setAllowPasswordWithoutTls(bool allow) { m_allowPasswordWithoutTls = allow; }

    Status<SourceReadError> open(const LdapConnectionSettings& settings, const std::atomic_bool& cancelled) override;
    Status<SourceReadError> bind(const QString& dn, QByteArray& password, const std::atomic_bool& cancelled) override;
    Status<SourceReadError> search(
        const LdapSearchRequest& request, const EntryHandler& onEntry, const std::atomic_bool& cancelled) override;
    bool isEncrypted() const override { return m_encrypted; }

private:
    Status<SourceReadError> parseUrl();
    Status<SourceReadError> configure();
    // What the connection's own TLS context trusts: the system's CAs (as libldap's
    // configuration names them: a handle does not inherit those names, and a new context starts
    // empty) and the source's CA file.
    bool setTrust();
    // The CA file or folder libldap's configuration (ldap.conf, LDAPTLS_CACERT…) names, when it exists.
    static QByteArray systemTrust(int option);
    Status<SourceReadError> connectTransport(const std::atomic_bool& cancelled);
    Status<SourceReadError> startTls(const std::atomic_bool& cancelled);
    enum class Trouble
    {
        HandshakeFailed, // connecting (ldaps) or the StartTLS handshake failed
        PlainLdapClosed, // the server hung up on the first plain LDAP message
    };
    // Why the connection failed, found by probing the port independently of libldap.
    SourceReadError diagnose(Trouble trouble, const std::atomic_bool& cancelled) const;
    // The result message's code (freed here): success, or the error it means.
    Status<SourceReadError> checkResult(LdapErrorClassifier::Operation operation, ldapmsg* result);
    SourceReadError fail(LdapFailure failure, const LdapRemediation::Facts& extra = {}) const;
    SourceReadError resultError(LdapErrorClassifier::Operation operation, int code, const QString& diagnostic) const;
    LdapRemediation::Facts facts() const;
    int timeoutMs() const;

    LdapConnectionSettings m_settings;
    QString m_scheme;
    QString m_host;
    quint16 m_port = 0;
    QList<QSslCertificate> m_caCertificates;
    QString m_bindDn;
    std::shared_ptr<LdapSession> m_session;
    bool m_encrypted = false;
    bool m_allowPasswordWithoutTls = false;
};
