#include "ScimWorker.h"

#include "ListPager.h"
#include "ScimHttpJob.h"
#include "ScimNetworkAccessManager.h"
#include "ScimResourceId.h"
#include "ScimResponseCheck.h"
#include "ScimUrlPolicy.h"
#include "tls/CaCertificateBundle.h"

#include <util/LogCategories.h>
#include <util/StartupTrace.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QUrlQuery>

#include <algorithm>

struct ScimWorker::Call
{
    quint64 id = 0;
    ScimRequestSpec spec;
    ResponseCallback done;
    int attempts = 0;
    qint64 startedMs = 0;
    bool authRetried = false;
    bool finished = false;
    QPointer<ScimHttpJob> job;
    QPointer<QTimer> retryTimer;
    QByteArray authUsed;
};

struct ScimWorker::ListState
{
    quint64 id = 0;
    QString path;
    ScimFilter filter;
    std::optional<ListPager> pager;
    ListCallback done;
};

ScimWorker::ScimWorker(ScimClientConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_retryPolicy(m_config.retry)
    , m_limiter(m_config.rateLimitPerSecond, m_config.rateLimitBurst)
{
    m_redactor.addSecret(m_config.secret);
    if (!m_config.auth.basicUsername.isEmpty())
        m_redactor.addSecret(m_config.auth.basicUsername + QLatin1Char(':') + m_config.secret);
    if (m_config.maxInFlight < 1)
        m_config.maxInFlight = 1;
}

ScimWorker::~ScimWorker() = default;

void ScimWorker::initialize(TraceSink traceSink)
{
    m_traceSink = std::move(traceSink);
    m_clock.start();
    m_nam = new ScimNetworkAccessManager(this);
    m_nam->setUserAgent(m_config.userAgent);
    m_nam->setConnectionsWanted(m_config.maxInFlight);
    m_pumpTimer = new QTimer(this);
    m_pumpTimer->setSingleShot(true);
    connect(m_pumpTimer, &QTimer::timeout, this, &ScimWorker::pump);

    m_baseUrl = ScimUrlPolicy::normalizedBaseUrl(m_config.baseUrl);
    if (const Status<ScimError> urlCheck = ScimUrlPolicy::check(m_baseUrl); !urlCheck) {
        m_configError = urlCheck.error();
        return;
    }
    if (m_config.auth.scheme == AuthScheme::OAuthClientCredentials) {
        if (const Status<ScimError> tokenUrlCheck = ScimUrlPolicy::check(QUrl(m_config.auth.oauthTokenUrl));
            !tokenUrlCheck) {
            ScimError error = tokenUrlCheck.error();
            error.detail = tr("OAuth token URL: ") + error.detail;
            m_configError = error;
            return;
        }
    }

    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (!m_config.caBundlePath.isEmpty()) {
        // The file was valid when the server was saved; it may have changed or gone since.
        const auto bundle = CaCertificateBundle::load(m_config.caBundlePath);
        if (!bundle) {
            m_configError = ScimError(ScimError::Kind::Refused, bundle.error());
            return;
        }
        ssl.addCaCertificates(bundle->certificates());
    }
    m_nam->setSslConfiguration(ssl);

    switch (m_config.auth.scheme) {
    case AuthScheme::AccessToken:
        m_nam->setAuthorizationHeader("Bearer " + m_config.secret.toUtf8());
        break;
    case AuthScheme::Basic:
        m_nam->setAuthorizationHeader(
            "Basic " + (m_config.auth.basicUsername + QLatin1Char(':') + m_config.secret).toUtf8().toBase64());
        break;
    case AuthScheme::OAuthClientCredentials:
        break; // set when a token has been fetched
    }
}

void ScimWorker::shutdown()
{
    cancelAll();
    delete m_nam;
    m_nam = nullptr;
    delete m_pumpTimer;
    m_pumpTimer = nullptr;
}

QUrl ScimWorker::urlFor(const ScimRequestSpec& spec) const
{
    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path(QUrl::FullyEncoded) + spec.path, QUrl::TolerantMode);
    // Built by hand: QUrlQuery drops the value-less "cursor" key AWS needs on the first page,
    // and '+' must be encoded so servers do not read it as a space.
    QStringList parts;
    for (const auto& [key, value] : spec.query) {
        const QString encodedKey = QString::fromLatin1(QUrl::toPercentEncoding(key));
        if (value)
            parts.append(encodedKey + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(*value)));
        else
            parts.append(encodedKey);
    }
    if (!parts.isEmpty())
        url.setQuery(parts.join(QLatin1Char('&')), QUrl::StrictMode);
    return url;
}

void ScimWorker::startCall(quint64 id, ScimRequestSpec spec, ResponseCallback done)
{
    auto call = std::make_shared<Call>();
    call->id = id;
    call->spec = std::move(spec);
    call->done = std::move(done);
    call->startedMs = now();
    m_active.append(call);
    if (m_configError) {
        finish(call, decorate(*m_configError, call));
        return;
    }
    // An id from a damaged link or a hostile server must address that resource and nothing
    // else (not the collection, not the base URL).
    if (const std::optional<QString> id = ScimResponseCheck::addressedId(call->spec.path)) {
        if (const std::optional<QString> problem = ScimResourceId::problem(*id)) {
            finish(call,
                decorate(ScimError(ScimError::Kind::Refused,
                             tr("the resource id cannot be used as one path segment of the URL: %1").arg(*problem)),
                    call));
            return;
        }
    }
    enqueue(call);
}

void ScimWorker::enqueue(const std::shared_ptr<Call>& call)
{
    m_queue.push_back(call);
    pump();
}

bool ScimWorker::needsOAuthToken() const
{
    return m_config.auth.scheme == AuthScheme::OAuthClientCredentials
        && (m_oauthToken.isEmpty() || now() >= m_oauthExpiresAtMs);
}

void ScimWorker::pump()
{
    if (!m_nam)
        return;
    while (m_inFlight < m_config.maxInFlight && !m_queue.empty()) {
        if (needsOAuthToken()) {
            if (!m_tokenJob)
                fetchOAuthToken();
            return;
        }
        const qint64 wait = m_limiter.acquire(now());
        if (wait > 0) {
            if (!m_pumpTimer->isActive())
                m_pumpTimer->start(int(wait));
            return;
        }
        std::shared_ptr<Call> call = m_queue.front();
        m_queue.pop_front();
        send(call);
    }
}

void ScimWorker::send(const std::shared_ptr<Call>& call)
{
    ++call->attempts;
    QNetworkRequest request(urlFor(call->spec));
    request.setRawHeader("Accept", "application/scim+json, application/json");
    if (!call->spec.body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/scim+json"));
    auto* job = new ScimHttpJob(
        m_nam, request, call->spec.method, call->spec.body, m_config.requestTimeoutMs, m_config.maxResponseBytes, this);
    job->setRecordRequestHeaders(tracing());
    call->job = job;
    call->authUsed = m_nam->authorizationHeader();
    ++m_inFlight;
    {
        QMutexLocker lock(&m_statsMutex);
        ++m_stats.requests;
        ++m_stats.requestsByMethod[QString::fromLatin1(call->spec.method)];
    }
    connect(job, &ScimHttpJob::finished, this, [this, call, job] { onJobFinished(call, job); });
    StartupTrace::mark("first-request");
    job->start();
}

ScimError ScimWorker::decorate(ScimError error, const std::shared_ptr<Call>& call) const
{
    error.method = QString::fromLatin1(call->spec.method);
    error.url = m_redactor.redact(urlFor(call->spec).toString(QUrl::RemoveUserInfo));
    error.detail = m_redactor.redact(error.detail);
    return error;
}

void ScimWorker::onJobFinished(const std::shared_ptr<Call>& call, ScimHttpJob* job)
{
    --m_inFlight;
    call->job = nullptr;
    const ScimHttpJob::Response& response = job->response();
    ScimResponse ok;
    const std::optional<ScimError> error = interpret(call, response, &ok);
    trace(job, call, error ? &*error : nullptr);
    recordStatistics(response);
    if (call->finished) { // cancelled while in flight
        pump();
        return;
    }
    if (error)
        handleFailure(call, response, decorate(*error, call));
    else
        finish(call, ok);
    pump();
}

std::optional<ScimError> ScimWorker::interpret(
    const std::shared_ptr<Call>& call, const ScimHttpJob::Response& response, ScimResponse* ok) const
{
    if (response.transportError)
        return *response.transportError;
    if (response.status >= 200 && response.status < 300)
        return interpretSuccess(call, response, ok);
    if (response.status >= 300 && response.status < 400) {
        return ScimError::http(response.status, QString(),
            tr("the server redirected to %1; enter that URL as the server URL if it is the SCIM endpoint")
                .arg(QString::fromUtf8(response.header("Location"))),
            response.serverRequestId);
    }
    return ScimError::fromHttpResponse(response.status, response.body, response.serverRequestId, m_redactor);
}

std::optional<ScimError> ScimWorker::interpretSuccess(
    const std::shared_ptr<Call>& call, const ScimHttpJob::Response& response, ScimResponse* ok) const
{
    ok->status = response.status;
    ok->requestId = response.serverRequestId;
    ok->bodyBytes = response.body.size();
    std::optional<ScimError> error;
    const bool bodyIsEmpty = response.body.trimmed().isEmpty();
    if (!bodyIsEmpty) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(response.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            error = ScimError(ScimError::Kind::InvalidResponse,
                tr("the response body is not a JSON object (%1): %2")
                    .arg(parseError.errorString(), QString::fromUtf8(m_redactor.excerpt(response.body, 200))));
        } else {
            ok->json = m_redactor.redactJson(doc.object(), response.body);
        }
    }
    if (!error && response.status != 204) {
        const ScimResponseCheck::Shape shape = ScimResponseCheck::expectedShape(call->spec.method, call->spec.path);
        if (const std::optional<QString> problem = ScimResponseCheck::problem(shape, ok->json, bodyIsEmpty))
            error = ScimError(ScimError::Kind::InvalidResponse, *problem);
    }
    if (error) {
        error->httpStatus = response.status;
        error->requestId = response.serverRequestId.isEmpty()
            ? ok->json.value(QLatin1String("exceptionRequestId")).toString()
            : response.serverRequestId;
    }
    return error;
}

void ScimWorker::recordStatistics(const ScimHttpJob::Response& response)
{
    {
        QMutexLocker lock(&m_statsMutex);
        m_stats.bytesReceived += response.body.size();
        if (response.status == 429)
            ++m_stats.throttled;
        else if (response.status >= 500)
            ++m_stats.serverErrors;
        else if (response.transportError && response.transportError->kind != ScimError::Kind::Cancelled)
            ++m_stats.networkErrors;
    }
    if (response.status == 429)
        m_limiter.onThrottled(now());
    else if (response.status > 0 && response.status < 500)
        m_limiter.onSuccess(now());
}

void ScimWorker::handleFailure(
    const std::shared_ptr<Call>& call, const ScimHttpJob::Response& response, const ScimError& error)
{
    if (error.kind == ScimError::Kind::Cancelled)
        return finish(call, error);
    if (retryWithFreshToken(call, error))
        return;
    if (lookUpAfterFailure(call, response, error))
        return;
    const std::optional<qint64> retryAfter
        = RetryPolicy::parseRetryAfterMs(response.header("Retry-After"), QDateTime::currentDateTimeUtc());
    const std::optional<qint64> delay
        = m_retryPolicy.nextDelayMs(error, call->attempts, now() - call->startedMs, retryAfter);
    if (!delay)
        return finish(call, error);
    qCInfo(lcScim) << "retrying" << error.method << error.url << "in" << *delay << "ms after"
                   << ScimError::kindId(error.kind) << error.httpStatus;
    retryLater(call, *delay);
}

bool ScimWorker::retryWithFreshToken(const std::shared_ptr<Call>& call, const ScimError& error)
{
    if (error.kind != ScimError::Kind::Http || error.httpStatus != 401
        || m_config.auth.scheme != AuthScheme::OAuthClientCredentials || call->authRetried)
        return false;
    // The token may have been revoked or expired early: one fresh token, one retry.
    call->authRetried = true;
    if (call->authUsed == m_nam->authorizationHeader()) {
        m_oauthToken.clear();
        m_nam->setAuthorizationHeader(QByteArray());
    }
    enqueue(call);
    return true;
}

bool ScimWorker::lookUpAfterFailure(
    const std::shared_ptr<Call>& call, const ScimHttpJob::Response& response, const ScimError& error)
{
    if (call->spec.method != "POST")
        return false;
    const bool canLookUp = !call->spec.lookupPath.isEmpty()
        && std::any_of(call->spec.lookupFilters.cbegin(), call->spec.lookupFilters.cend(),
            [](const ScimFilter& filter) { return !filter.isEmpty() && filter.isValid(); });
    if (canLookUp && call->spec.lookUpOnConflict && error.kind == ScimError::Kind::Http && error.httpStatus == 409) {
        // Either the object existed before, or this very POST created it and its answer was lost:
        // QNetworkAccessManager re-sends a request, POST included, when the connection closes
        // before any response byte (QHttpNetworkConnectionChannel's reconnect attempts, no opt-out
        // in Qt 6.4), and the re-sent copy gets the 409. Both cases mean "link the existing object".
        lookUpExisting(call, error, LookupReason::Conflict);
        return true;
    }
    if (!RetryPolicy::isOutcomeUnknown(error) || !response.mayHaveArrived)
        return false;
    if (canLookUp)
        lookUpExisting(call, error, LookupReason::UnknownOutcome);
    else
        finish(call, error); // cannot verify, so never re-sent blindly
    return true;
}

void ScimWorker::retryLater(const std::shared_ptr<Call>& call, qint64 delayMs)
{
    {
        QMutexLocker lock(&m_statsMutex);
        ++m_stats.retries;
    }
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    // A coarse timer may fire up to 5 % early, i.e. before the server's Retry-After.
    timer->setTimerType(Qt::PreciseTimer);
    call->retryTimer = timer;
    connect(timer, &QTimer::timeout, this, [this, call, timer] {
        timer->deleteLater();
        call->retryTimer = nullptr;
        if (!call->finished)
            enqueue(call);
    });
    timer->start(int(std::min<qint64>(delayMs, std::numeric_limits<int>::max())));
}

void ScimWorker::lookUpExisting(
    const std::shared_ptr<Call>& call, const ScimError& error, LookupReason reason, int attempt)
{
    const QList<ScimFilter>& filters = call->spec.lookupFilters;
    const bool firstLookup = attempt == 0;
    while (attempt < filters.size() && (filters.at(attempt).isEmpty() || !filters.at(attempt).isValid()))
        ++attempt;
    if (attempt >= filters.size())
        return notFoundAfterLookup(call, error, reason);
    if (firstLookup) {
        QMutexLocker lock(&m_statsMutex);
        if (reason == LookupReason::Conflict)
            ++m_stats.conflictLookups;
        else
            ++m_stats.unknownOutcomeLookups;
    }
    const ScimFilter& filter = filters.at(attempt);
    qCInfo(lcScim) << (reason == LookupReason::Conflict ? "POST answered 409, looking up"
                                                        : "POST outcome unknown, looking up")
                   << call->spec.lookupPath << m_redactor.redact(filter.toString());
    ScimRequestSpec lookup;
    lookup.method = "GET";
    lookup.path = call->spec.lookupPath;
    lookup.query.append({QStringLiteral("filter"), filter.toString()});
    startCall(call->id, lookup, [this, call, error, reason, attempt](const Result<ScimResponse, ScimError>& found) {
        if (call->finished)
            return;
        if (!found) {
            finish(call, found.error().kind == ScimError::Kind::Cancelled ? found.error() : error);
            return;
        }
        const QJsonArray resources = found->json.value(QLatin1String("Resources")).toArray();
        if (!resources.isEmpty() && resources.first().isObject()) {
            ScimResponse recovered;
            recovered.status = 200;
            recovered.json = resources.first().toObject();
            recovered.recoveredByLookup = true;
            finish(call, recovered);
            return;
        }
        lookUpExisting(call, error, reason, attempt + 1); // the next match query
    });
}

void ScimWorker::notFoundAfterLookup(const std::shared_ptr<Call>& call, const ScimError& error, LookupReason reason)
{
    // A conflict on another unique attribute (AWS: email or externalId) than the ones looked
    // up: the caller has to decide, so the 409 is reported.
    if (reason == LookupReason::Conflict) {
        finish(call, error);
        return;
    }
    // Not there: the first POST did not take effect, so sending it again creates no duplicate.
    const std::optional<qint64> delay
        = m_retryPolicy.nextDelayMs(error, call->attempts, now() - call->startedMs, std::nullopt);
    if (delay)
        retryLater(call, *delay);
    else
        finish(call, error);
}

void ScimWorker::finish(const std::shared_ptr<Call>& call, const Result<ScimResponse, ScimError>& result)
{
    if (call->finished)
        return;
    call->finished = true;
    if (call->retryTimer)
        call->retryTimer->deleteLater();
    m_active.removeOne(call);
    m_queue.erase(std::remove(m_queue.begin(), m_queue.end(), call), m_queue.end());
    ResponseCallback done = std::move(call->done);
    if (!done)
        return;
    // Every call's result leaves the worker here: what the server said is redacted and cut once,
    // before anyone can show or store it.
    if (!result) {
        done(m_redactor.redactError(result.error()));
        return;
    }
    ScimResponse response = *result;
    response.requestId = m_redactor.excerpt(response.requestId, Redactor::kShortFieldChars);
    done(response);
}

void ScimWorker::cancel(quint64 id)
{
    const QList<std::shared_ptr<Call>> calls = m_active;
    for (const std::shared_ptr<Call>& call : calls) {
        if (call->id != id || call->finished)
            continue;
        if (call->job)
            call->job->abort(ScimError::Kind::Cancelled);
        else
            finish(call, decorate(ScimError(ScimError::Kind::Cancelled, QString()), call));
    }
}

void ScimWorker::cancelAll()
{
    // Collect first: finishing a call can start another (a list's next page is not started
    // after a cancellation, but a lookup's callback may queue a retry that is cancelled here too).
    while (!m_active.isEmpty()) {
        const std::shared_ptr<Call> call = m_active.first();
        if (call->job)
            call->job->abort(ScimError::Kind::Cancelled);
        if (!call->finished)
            finish(call, decorate(ScimError(ScimError::Kind::Cancelled, QString()), call));
    }
    if (m_tokenJob)
        m_tokenJob->abort(ScimError::Kind::Cancelled);
}

void ScimWorker::fetchOAuthToken()
{
    QNetworkRequest request {QUrl(m_config.auth.oauthTokenUrl)};
    request.setAttribute(ScimNetworkAccessManager::kNoAuthAttribute, true);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    QByteArray form = "grant_type=client_credentials&client_id=" + QUrl::toPercentEncoding(m_config.auth.oauthClientId)
        + "&client_secret=" + QUrl::toPercentEncoding(m_config.secret);
    if (!m_config.auth.oauthScope.isEmpty())
        form += "&scope=" + QUrl::toPercentEncoding(m_config.auth.oauthScope);
    auto* job
        = new ScimHttpJob(m_nam, request, "POST", form, m_config.requestTimeoutMs, m_config.maxResponseBytes, this);
    job->setRecordRequestHeaders(tracing());
    m_tokenJob = job;
    {
        QMutexLocker lock(&m_statsMutex);
        ++m_stats.oauthTokenRequests;
        ++m_stats.requests;
        ++m_stats.requestsByMethod[QStringLiteral("POST")];
    }
    connect(job, &ScimHttpJob::finished, this, [this, job] {
        const ScimHttpJob::Response& response = job->response();
        auto tokenCall = std::make_shared<Call>();
        tokenCall->spec.method = "POST";
        std::optional<ScimError> error;
        if (response.transportError) {
            error = *response.transportError;
        } else if (response.status != 200) {
            error = ScimError::fromHttpResponse(response.status, response.body, response.serverRequestId, m_redactor);
            // OAuth error bodies: {"error": "invalid_client", "error_description": "..."}
            const QJsonObject json = QJsonDocument::fromJson(response.body).object();
            if (json.contains(QLatin1String("error")))
                error->detail = json.value(QLatin1String("error")).toString() + QLatin1String(": ")
                    + json.value(QLatin1String("error_description")).toString();
        } else {
            const QJsonObject json = QJsonDocument::fromJson(response.body).object();
            const QString token = json.value(QLatin1String("access_token")).toString();
            if (token.isEmpty()) {
                error = ScimError(ScimError::Kind::InvalidResponse, tr("the token endpoint returned no access_token"));
            } else {
                m_redactor.addSecret(token);
                const qint64 expiresIn = qint64(json.value(QLatin1String("expires_in")).toDouble(3600)) * 1000;
                const qint64 margin = std::min<qint64>(m_config.oauthExpiryMarginSeconds * 1000LL, expiresIn / 2);
                m_oauthToken = token.toUtf8();
                m_oauthExpiresAtMs = now() + expiresIn - margin;
                m_nam->setAuthorizationHeader("Bearer " + m_oauthToken);
            }
        }
        if (tracing())
            trace(job, tokenCall, error ? &*error : nullptr);
        if (error) {
            ScimError decorated = *error;
            decorated.method = QStringLiteral("POST");
            decorated.url = m_config.auth.oauthTokenUrl;
            decorated.detail = m_redactor.redact(tr("OAuth token request failed: ") + decorated.detail);
            if (decorated.kind == ScimError::Kind::Http && (decorated.httpStatus == 400 || decorated.httpStatus == 401))
                decorated.detail += QLatin1Char(' ') + tr("Check the OAuth client id and client secret.");
            const std::deque<std::shared_ptr<Call>> waiting = m_queue;
            for (const std::shared_ptr<Call>& call : waiting)
                finish(call, decorated);
            return;
        }
        pump();
    });
    job->start();
}

void ScimWorker::startList(quint64 id, QString path, ScimFilter filter, int pageSize, ListCallback listDone)
{
    // Like finish(): a list's error leaves the worker redacted, whichever path reports it (its
    // objects were redacted page by page when they were parsed).
    ListCallback done = [this, listDone = std::move(listDone)](const Result<QList<QJsonObject>, ScimError>& result) {
        if (result)
            listDone(result);
        else
            listDone(m_redactor.redactError(result.error()));
    };
    if (m_configError) {
        ScimError error = *m_configError;
        done(error);
        return;
    }
    if (!filter.isValid()) {
        done(ScimError(ScimError::Kind::Refused,
            tr("the filter uses an invalid attribute name. Use SCIM attribute names such as userName or "
               "externalId.")));
        return;
    }
    auto list = std::make_shared<ListState>();
    list->id = id;
    list->path = std::move(path);
    list->filter = std::move(filter);
    const int maxPage = m_config.capabilities.maxPageSize;
    int size = pageSize > 0 ? pageSize : (maxPage > 0 ? maxPage : 100);
    if (maxPage > 0)
        size = std::min(size, maxPage);
    list->pager.emplace(m_config.capabilities.pagingMode, size, m_config.capabilities.maxListResources);
    list->done = std::move(done);
    requestListPage(list);
}

void ScimWorker::requestListPage(const std::shared_ptr<ListState>& list)
{
    ScimRequestSpec spec;
    spec.method = "GET";
    spec.path = list->path;
    spec.query = list->pager->nextQuery();
    if (!list->filter.isEmpty())
        spec.query.append({QStringLiteral("filter"), list->filter.toString()});
    startCall(list->id, spec, [this, list](const Result<ScimResponse, ScimError>& page) { onListPage(list, page); });
}

void ScimWorker::onListPage(const std::shared_ptr<ListState>& list, const Result<ScimResponse, ScimError>& page)
{
    if (!page) {
        const ListCallback done = std::move(list->done);
        done(page.error());
        return;
    }
    const Result<ListPager::Next, ScimError> next = list->pager->takePage(page->json, page->bodyBytes);
    if (!next) {
        ScimError error = next.error();
        error.method = QStringLiteral("GET");
        error.url = list->path;
        error.requestId = page->requestId;
        qCWarning(lcScim).noquote() << "List read of" << list->path << "stopped at page" << list->pager->pagesRead()
                                    << "-" << m_redactor.redact(error.detail);
        const ListCallback done = std::move(list->done);
        done(error);
        return;
    }
    if (*next == ListPager::Next::AnotherPage) {
        requestListPage(list);
        return;
    }
    const ListCallback done = std::move(list->done);
    done(list->pager->takeItems());
}

void ScimWorker::trace(const ScimHttpJob* job, const std::shared_ptr<Call>& call, const ScimError* error)
{
    if (!tracing())
        return;
    const bool toLog = lcScimTrace().isDebugEnabled();
    const ScimHttpJob::Response& response = job->response();
    HttpTraceEntry entry;
    entry.requestId = call->id;
    entry.attempt = std::max(1, call->attempts);
    entry.method = job->method();
    entry.url = m_redactor.redact(job->request().url().toString(QUrl::RemoveUserInfo));
    entry.status = response.status;
    for (const auto& [name, value] : response.requestHeaders)
        entry.requestHeaders.append({name, m_redactor.redactHeader(name, value)});
    for (const auto& [name, value] : response.headers)
        entry.responseHeaders.append({name, m_redactor.redactHeader(name, value)});
    const int excerpt = m_config.traceBodyExcerptBytes;
    entry.requestBodyExcerpt = m_redactor.excerpt(call->spec.body, excerpt);
    if (job->method() == "POST" && call->spec.body.isEmpty())
        entry.requestBodyExcerpt = Redactor::kMask.toUtf8(); // the token request form
    entry.responseBodyExcerpt = m_redactor.excerpt(response.body, excerpt);
    entry.durationMs = response.durationMs;
    entry.serverRequestId = m_redactor.excerpt(response.serverRequestId, Redactor::kShortFieldChars);
    if (error)
        entry.error = m_redactor.excerpt(
            ScimError::kindId(error->kind) + QLatin1String(": ") + error->detail, Redactor::kDetailChars);
    if (toLog)
        qCDebug(lcScimTrace).noquote() << entry.toString();
    if (m_config.traceEnabled && m_traceSink)
        m_traceSink(entry);
}

bool ScimWorker::tracing() const
{
    return m_config.traceEnabled || lcScimTrace().isDebugEnabled();
}

ScimClientStats ScimWorker::statistics() const
{
    QMutexLocker lock(&m_statsMutex);
    return m_stats;
}
