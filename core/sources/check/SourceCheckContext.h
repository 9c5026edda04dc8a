#pragma once

#include "SourceTestRemediation.h"

#include "ldap/LdapConnection.h"
#include "ldap/LdapRemediation.h"
#include "ldap/LdapRootDse.h"
#include "model/DirectorySource.h"
#include "sources/SourceType.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

// What the checks of one guided source test share: the source, its bind password (until the
// bind step takes it), the cancel flag, and what earlier checks found — the parsed URL, the CA
// certificates, the bound connection, the root DSE and the counts. Lives on the test's worker
// thread.
class SourceCheckContext
{
public:
    using ConnectionFactory = std::function<std::unique_ptr<LdapConnection>()>;

    SourceCheckContext(DirectorySource source, const QByteArray& password, SourceType::AnchorFormat anchorFormat,
        ConnectionFactory factory, const std::atomic_bool& cancelled);
    ~SourceCheckContext();

    const DirectorySource& source() const { return m_source; }
    SourceType::AnchorFormat anchorFormat() const { return m_anchorFormat; }
    const std::atomic_bool& cancelled() const { return m_cancelled; }
    int timeoutMs() const;

    // The URL's parts; false (with the URL step's error) when it is not an LDAP URL.
    bool parseUrl(QString* problem);
    const QString& host() const { return m_host; }
    quint16 port() const { return m_port; }
    bool ldaps() const { return m_ldaps; }
    bool startTls() const { return !m_ldaps && m_source.startTls; }
    bool encrypted() const { return m_ldaps || m_source.startTls; }
    QList<QSslCertificate> caCertificates;

    // The bind password, once: the bind step takes it and the connection wipes it.
    QByteArray takePassword();
    std::unique_ptr<LdapConnection> newConnection() const { return m_factory(); }
    LdapConnection* connection() const { return m_connection.get(); }
    void setConnection(std::unique_ptr<LdapConnection> connection) { m_connection = std::move(connection); }
    LdapConnectionSettings connectionSettings() const;
    // A paged subtree search of filter below the base DN, with the root DSE's DOMAIN_SCOPE support
    // and naming contexts taken into account, as the reader searches.
    LdapSearchRequest searchRequest(const QString& filter) const;

    std::optional<LdapRootDse> rootDse;
    int userCount = -1;
    int groupCount = -1;

    // Facts every remediation text may use: url, host, port, bindDn, baseDn, timeout, caFile,
    // userFilter, groupFilter.
    QHash<QString, QString> facts() const;

private:
    DirectorySource m_source;
    QByteArray m_password;
    SourceType::AnchorFormat m_anchorFormat;
    ConnectionFactory m_factory;
    const std::atomic_bool& m_cancelled;
    QString m_host;
    quint16 m_port = 0;
    bool m_ldaps = false;
    std::unique_ptr<LdapConnection> m_connection;
};
