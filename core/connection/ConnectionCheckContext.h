#pragma once

#include "ConnectionRemediation.h"
#include "ConnectionSecret.h"
#include "ConnectionTestOptions.h"
#include "UrlDiagnosis.h"

#include "model/ScimServer.h"
#include "scim/HttpTraceEntry.h"
#include "scim/ServiceProviderConfig.h"
#include "servertypes/ServerType.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class ScimClient;

// What the checks of one connection test share: the server, its type, the secret and the
// options, and what earlier checks found (the URL, the discovered capabilities, every HTTP
// exchange so far). The ConnectionTestRunner owns it; each check reads it and adds its findings.
class ConnectionCheckContext
{
public:
    ConnectionCheckContext(ScimServer server, std::optional<ServerType> serverType, ConnectionSecret secret,
        ConnectionTestOptions options);

    const ScimServer& server() const { return m_server; }
    const std::optional<ServerType>& serverType() const { return m_serverType; }
    const ConnectionSecret& secret() const { return m_secret; }
    const ConnectionTestOptions& options() const { return m_options; }
    const UrlDiagnosis& url() const { return m_url; }

    // The SCIM client, created once the URL check passed; null before.
    ScimClient* client() const { return m_client; }
    void setClient(ScimClient* client) { m_client = client; }

    const std::optional<ServiceProviderConfig>& discovered() const { return m_discovered; }
    void setDiscovered(const ServiceProviderConfig& config) { m_discovered = config; }

    const QList<HttpTraceEntry>& trace() const { return m_trace; }
    void addTrace(const HttpTraceEntry& entry) { m_trace.append(entry); }

    QDateTime now() const;
    int requestTimeoutMs() const;
    QString timeoutSeconds() const;
    int attempts() const;

    // Facts every remediation text may use: the server type's hints (console pages, URL
    // shape), the URL, the timeout and the token's age.
    ConnectionRemediation::Facts facts() const;

private:
    QString tokenAgeRemark() const;
    QString unauthorizedNote() const;

    ScimServer m_server;
    std::optional<ServerType> m_serverType;
    ConnectionSecret m_secret;
    ConnectionTestOptions m_options;
    UrlDiagnosis m_url;
    ScimClient* m_client = nullptr;
    std::optional<ServiceProviderConfig> m_discovered;
    QList<HttpTraceEntry> m_trace;
};
