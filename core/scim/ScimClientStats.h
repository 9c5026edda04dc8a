#pragma once

#include <QHash>
#include <QString>

// Request-level counters, for benchmarks and the run summary.
struct ScimClientStats
{
    QHash<QString, qint64> requestsByMethod; // HTTP requests actually sent, retries included
    qint64 requests = 0;
    qint64 retries = 0;
    qint64 throttled = 0; // 429 answers
    qint64 serverErrors = 0; // 5xx answers
    qint64 networkErrors = 0; // no HTTP answer (dropped, refused, timeout, TLS)
    qint64 unknownOutcomeLookups = 0; // POSTs with unknown outcome that were looked up
    qint64 conflictLookups = 0; // POSTs answered 409 that were looked up
    qint64 oauthTokenRequests = 0;
    qint64 bytesReceived = 0;
};
