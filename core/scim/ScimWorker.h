#pragma once

#include "AdaptiveRateLimiter.h"
#include "HttpTraceEntry.h"
#include "Redactor.h"
#include "RetryPolicy.h"
#include "ScimClientConfig.h"
#include "ScimClientStats.h"
#include "ScimError.h"
#include "ScimFilter.h"
#include "ScimHttpJob.h"

#include <util/Result.h>

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class ScimNetworkAccessManager;

// What one SCIM request asks for, before auth, retries and limits are applied.
struct ScimRequestSpec
{
    QByteArray method;
    QString path; // relative to the base URL, already percent-encoded ("/Users/abc")
    QList<QPair<QString, std::optional<QString>>> query; // nullopt: a bare key such as "cursor"
    QByteArray body; // JSON; empty for none
    // For a POST answered 409 or whose outcome is unknown: where and how to look the object up
    // (the caller's match queries, tried in order; TargetMatcher makes them for the sync).
    QString lookupPath;
    QList<ScimFilter> lookupFilters;
    bool lookUpOnConflict = false; // also look up after a 409 (else the 409 is reported)
};

struct ScimResponse
{
    int status = 0;
    QJsonObject json; // empty for 204 / empty bodies
    bool recoveredByLookup = false; // a POST answered 409 or with unknown outcome whose object was found
    QString requestId; // the server's request id (x-amzn-RequestId or equivalent)
    qint64 bodyBytes = 0; // size of the body as received
};

// The client's engine; lives on the ScimClient's worker thread and is driven only through
// queued calls. Owns the QNetworkAccessManager, the queue, the rate limiter, the OAuth
// token and the retry loop.
class ScimWorker : public QObject
{
    Q_OBJECT

public:
    using ResponseCallback = std::function<void(const Result<ScimResponse, ScimError>&)>;
    using ListCallback = std::function<void(const Result<QList<QJsonObject>, ScimError>&)>;
    using TraceSink = std::function<void(const HttpTraceEntry&)>;

    explicit ScimWorker(ScimClientConfig config, QObject* parent = nullptr);
    ~ScimWorker() override;

    // All of these run on the worker thread.
    void initialize(TraceSink traceSink);
    void shutdown();
    void startCall(quint64 id, ScimRequestSpec spec, ResponseCallback done);
    void startList(quint64 id, QString path, ScimFilter filter, int pageSize, ListCallback done);
    void cancel(quint64 id);
    void cancelAll();
    void setTraceEnabled(bool enabled) { m_config.traceEnabled = enabled; }

    // Any thread.
    ScimClientStats statistics() const;
    QUrl urlFor(const ScimRequestSpec& spec) const;

private:
    struct Call;
    struct ListState;

    void enqueue(const std::shared_ptr<Call>& call);
    void pump();
    void send(const std::shared_ptr<Call>& call);
    void onJobFinished(const std::shared_ptr<Call>& call, ScimHttpJob* job);
    // What the answer means: nullopt and *ok filled for a usable success, else the error.
    std::optional<ScimError> interpret(
        const std::shared_ptr<Call>& call, const ScimHttpJob::Response& response, ScimResponse* ok) const;
    std::optional<ScimError> interpretSuccess(
        const std::shared_ptr<Call>& call, const ScimHttpJob::Response& response, ScimResponse* ok) const;
    void recordStatistics(const ScimHttpJob::Response& response); // and tells the rate limiter
    // Retry, look up or report a failed call.
    void handleFailure(
        const std::shared_ptr<Call>& call, const ScimHttpJob::Response& response, const ScimError& error);
    bool retryWithFreshToken(const std::shared_ptr<Call>& call, const ScimError& error);
    bool lookUpAfterFailure(
        const std::shared_ptr<Call>& call, const ScimHttpJob::Response& response, const ScimError& error);
    void finish(const std::shared_ptr<Call>& call, const Result<ScimResponse, ScimError>& result);
    void retryLater(const std::shared_ptr<Call>& call, qint64 delayMs);
    enum class LookupReason
    {
        UnknownOutcome, // timeout, dropped connection, 500/502/504 after the body went out
        Conflict, // 409
    };
    void lookUpExisting(
        const std::shared_ptr<Call>& call, const ScimError& error, LookupReason reason, int attempt = 0);
    void notFoundAfterLookup(const std::shared_ptr<Call>& call, const ScimError& error, LookupReason reason);
    void requestListPage(const std::shared_ptr<ListState>& list);
    void onListPage(const std::shared_ptr<ListState>& list, const Result<ScimResponse, ScimError>& page);
    void fetchOAuthToken();
    bool needsOAuthToken() const;
    bool tracing() const;
    void trace(const ScimHttpJob* job, const std::shared_ptr<Call>& call, const ScimError* error);
    ScimError decorate(ScimError error, const std::shared_ptr<Call>& call) const;
    qint64 now() const { return m_clock.elapsed(); }

    ScimClientConfig m_config;
    std::optional<ScimError> m_configError; // set when the config is refused: every call fails with it
    QUrl m_baseUrl;
    ScimNetworkAccessManager* m_nam = nullptr;
    Redactor m_redactor;
    RetryPolicy m_retryPolicy;
    AdaptiveRateLimiter m_limiter;
    QElapsedTimer m_clock;
    QTimer* m_pumpTimer = nullptr;
    TraceSink m_traceSink;

    std::deque<std::shared_ptr<Call>> m_queue;
    QList<std::shared_ptr<Call>> m_active; // in flight or waiting for a retry
    QList<std::shared_ptr<ListState>> m_lists;
    int m_inFlight = 0;

    QByteArray m_oauthToken;
    qint64 m_oauthExpiresAtMs = 0;
    QPointer<ScimHttpJob> m_tokenJob;

    mutable QMutex m_statsMutex;
    ScimClientStats m_stats;
};
