#pragma once

#include "RetryPolicy.h"

#include <model/AuthSettings.h>
#include <model/ServerCapabilities.h>

#include <QByteArray>
#include <QString>
#include <QUrl>

// Everything a ScimClient needs. The secret (access token, Basic password or OAuth client
// secret, per auth.scheme) is held in memory only; it is never written anywhere and is
// redacted from traces, logs and error messages.
struct ScimClientConfig
{
    QUrl baseUrl; // e.g. https://scim.us-east-1.amazonaws.com/<tenant>/scim/v2 (trailing slash optional)
    AuthSettings auth;
    QString secret;
    ServerCapabilities capabilities;

    int requestTimeoutMs = 30000; // per HTTP request, whole exchange
    int maxInFlight = 4;
    double rateLimitPerSecond = 0; // 0: unlimited until the server throttles
    double rateLimitBurst = 0; // 0: same as the rate
    RetryPolicy::Settings retry;
    qint64 maxResponseBytes = 32LL * 1024 * 1024;
    int oauthExpiryMarginSeconds = 60;
    QString caBundlePath; // optional PEM file of extra trusted CAs (added to the system CAs)
    QByteArray userAgent = QByteArray("ScimDesk/") + SCIMDESK_VERSION;
    bool traceEnabled = false;
    int traceBodyExcerptBytes = 2048;
};
