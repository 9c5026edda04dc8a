#include "ServerClientConfig.h"

#include <algorithm>

namespace ServerClientConfig {

ScimClientConfig forServer(const ScimServer& server, const QString& secret)
{
    ScimClientConfig config;
    config.baseUrl = QUrl(server.url.trimmed());
    config.auth = server.auth;
    config.secret = secret;
    config.capabilities = server.capabilities;
    config.requestTimeoutMs = std::max(1, server.options.requestTimeoutSeconds) * 1000;
    config.maxInFlight = std::max(1, server.options.concurrency);
    config.rateLimitPerSecond = server.options.rateLimitPerSecond;
    config.caBundlePath = server.options.caBundlePath;
    return config;
}

} // namespace ServerClientConfig
