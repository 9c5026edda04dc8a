#include "ScimClient.h"

#include "ScimResourceId.h"
#include "ScimWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaObject>
#include <QNetworkProxyFactory>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <mutex>
#include <utility>

namespace {

// Delivers a result on the context's thread, or drops it when the context is gone.
ScimResponseInfo& currentResponseInfo()
{
    thread_local ScimResponseInfo info;
    return info;
}

template<typename T, typename Callback>
void deliver(const QPointer<QObject>& context, const Callback& callback, T value, ScimResponseInfo info = {})
{
    if (!context || !callback)
        return;
    QMetaObject::invokeMethod(
        context.data(),
        [callback, value = std::move(value), info = std::move(info)] {
            const ScimResponseInfo previous = std::exchange(currentResponseInfo(), info);
            callback(value);
            currentResponseInfo() = previous;
        },
        Qt::QueuedConnection);
}

ScimResponseInfo responseInfo(const Result<ScimResponse, ScimError>& result)
{
    if (result)
        return {result->status, result->requestId};
    return {result.error().httpStatus, result.error().requestId};
}

// Runs spec on the worker thread and delivers toValue(response), or the error, to callback on
// the context's thread, with the response's HTTP status and request id.
template<typename T, typename Callback, typename ToValue>
void runOnWorker(
    ScimWorker* worker, quint64 id, const ScimRequestSpec& spec, QObject* context, Callback callback, ToValue toValue)
{
    QPointer<QObject> ctx(context);
    QMetaObject::invokeMethod(
        worker,
        [worker, id, spec, ctx, callback, toValue] {
            worker->startCall(id, spec, [ctx, callback, toValue](const Result<ScimResponse, ScimError>& result) {
                if (result)
                    deliver(ctx, callback, Result<T, ScimError>(toValue(*result)), responseInfo(result));
                else
                    deliver(ctx, callback, Result<T, ScimError>(result.error()), responseInfo(result));
            });
        },
        Qt::QueuedConnection);
}

const QString kUsers = QStringLiteral("/Users");
const QString kGroups = QStringLiteral("/Groups");

} // namespace

ScimResponseInfo ScimClient::currentResponse()
{
    return currentResponseInfo();
}

ScimClient::ScimClient(const ScimClientConfig& config, QObject* parent)
    : QObject(parent)
    , m_config(config)
{
    static std::once_flag proxyOnce;
    // Process-wide; honours the system and environment proxy settings admins rely on.
    std::call_once(proxyOnce, [] { QNetworkProxyFactory::setUseSystemConfiguration(true); });
    qRegisterMetaType<HttpTraceEntry>();
    qRegisterMetaType<ScimError>();

    m_thread = new QThread();
    m_thread->setObjectName(QStringLiteral("ScimClient"));
    m_worker = new ScimWorker(config);
    m_worker->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(
        m_worker, [this] { m_worker->initialize([this](const HttpTraceEntry& entry) { emit traceEntry(entry); }); },
        Qt::BlockingQueuedConnection);
}

ScimClient::~ScimClient()
{
    QMetaObject::invokeMethod(
        m_worker, [this] { m_worker->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
    delete m_thread;
}

QString ScimClient::idPath(const QString& endpoint, const QString& id)
{
    return ScimResourceId::path(endpoint, id);
}

quint64 ScimClient::objectCall(
    const QByteArray& method, const QString& path, const QJsonObject* body, QObject* context, ObjectCallback callback)
{
    const quint64 id = nextId();
    ScimRequestSpec spec;
    spec.method = method;
    spec.path = path;
    if (body)
        spec.body = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    runOnWorker<QJsonObject>(
        m_worker, id, spec, context, std::move(callback), [](const ScimResponse& response) { return response.json; });
    return id;
}

ScimClient::CreateCallback ScimClient::resourceOnly(ObjectCallback callback)
{
    return [callback](const Result<CreateOutcome, ScimError>& result) {
        if (result)
            callback(result->resource);
        else
            callback(result.error());
    };
}

quint64 ScimClient::list(
    const QString& path, const ScimFilter& filter, int pageSize, QObject* context, ListCallback callback)
{
    const quint64 id = nextId();
    QPointer<QObject> ctx(context);
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, id, path, filter, pageSize, ctx, callback] {
            worker->startList(
                id, path, filter, pageSize, [ctx, callback](const Result<QList<QJsonObject>, ScimError>& result) {
                    deliver(ctx, callback, result);
                });
        },
        Qt::QueuedConnection);
    return id;
}

namespace {

ScimClient::ObjectCallback toDone(ScimClient::DoneCallback callback)
{
    return [callback](const Result<QJsonObject, ScimError>& result) {
        if (result)
            callback(Status<ScimError>());
        else
            callback(Status<ScimError>(result.error()));
    };
}

} // namespace

// Users and Groups differ only by endpoint; each operation is written once below and the
// public methods name the endpoint.
quint64 ScimClient::createUser(
    const QJsonObject& user, const QList<ScimFilter>& lookups, QObject* context, CreateCallback callback)
{
    return createResource(kUsers, user, lookups, context, std::move(callback));
}

quint64 ScimClient::createGroup(
    const QJsonObject& group, const QList<ScimFilter>& lookups, QObject* context, CreateCallback callback)
{
    return createResource(kGroups, group, lookups, context, std::move(callback));
}

quint64 ScimClient::createUser(const QJsonObject& user, QObject* context, ObjectCallback callback)
{
    return create(kUsers, user, {}, false, context, resourceOnly(std::move(callback)));
}

quint64 ScimClient::createGroup(const QJsonObject& group, QObject* context, ObjectCallback callback)
{
    return create(kGroups, group, {}, false, context, resourceOnly(std::move(callback)));
}

quint64 ScimClient::getResource(const QString& endpoint, const QString& id, QObject* context, ObjectCallback callback)
{
    return objectCall("GET", idPath(endpoint, id), nullptr, context, std::move(callback));
}

quint64 ScimClient::getUser(const QString& id, QObject* context, ObjectCallback callback)
{
    return getResource(kUsers, id, context, std::move(callback));
}

quint64 ScimClient::getGroup(const QString& id, QObject* context, ObjectCallback callback)
{
    return getResource(kGroups, id, context, std::move(callback));
}

quint64 ScimClient::replaceResource(
    const QString& endpoint, const QString& id, const QJsonObject& resource, QObject* context, ObjectCallback callback)
{
    return objectCall("PUT", idPath(endpoint, id), &resource, context, std::move(callback));
}

quint64 ScimClient::replaceUser(const QString& id, const QJsonObject& user, QObject* context, ObjectCallback callback)
{
    return replaceResource(kUsers, id, user, context, std::move(callback));
}

quint64 ScimClient::replaceGroup(const QString& id, const QJsonObject& group, QObject* context, ObjectCallback callback)
{
    return replaceResource(kGroups, id, group, context, std::move(callback));
}

quint64 ScimClient::patchResource(const QString& endpoint, const QString& id, const QList<PatchOperation>& operations,
    QObject* context, ObjectCallback callback)
{
    const QJsonObject body = PatchOperation::requestBody(operations);
    return objectCall("PATCH", idPath(endpoint, id), &body, context, std::move(callback));
}

quint64 ScimClient::patchUser(
    const QString& id, const QList<PatchOperation>& operations, QObject* context, ObjectCallback callback)
{
    return patchResource(kUsers, id, operations, context, std::move(callback));
}

quint64 ScimClient::patchGroup(
    const QString& id, const QList<PatchOperation>& operations, QObject* context, ObjectCallback callback)
{
    return patchResource(kGroups, id, operations, context, std::move(callback));
}

quint64 ScimClient::deleteResource(const QString& endpoint, const QString& id, QObject* context, DoneCallback callback)
{
    return objectCall("DELETE", idPath(endpoint, id), nullptr, context, toDone(std::move(callback)));
}

quint64 ScimClient::deleteUser(const QString& id, QObject* context, DoneCallback callback)
{
    return deleteResource(kUsers, id, context, std::move(callback));
}

quint64 ScimClient::deleteGroup(const QString& id, QObject* context, DoneCallback callback)
{
    return deleteResource(kGroups, id, context, std::move(callback));
}

quint64 ScimClient::listUsers(const ScimFilter& filter, QObject* context, ListCallback callback, int pageSize)
{
    return listResources(kUsers, filter, context, std::move(callback), pageSize);
}

quint64 ScimClient::listGroups(const ScimFilter& filter, QObject* context, ListCallback callback, int pageSize)
{
    return listResources(kGroups, filter, context, std::move(callback), pageSize);
}

quint64 ScimClient::createResource(const QString& endpoint, const QJsonObject& resource,
    const QList<ScimFilter>& lookups, QObject* context, CreateCallback callback)
{
    return create(endpoint, resource, lookups, true, context, std::move(callback));
}

quint64 ScimClient::create(const QString& endpoint, const QJsonObject& resource, const QList<ScimFilter>& lookups,
    bool lookUpOnConflict, QObject* context, CreateCallback callback)
{
    const quint64 id = nextId();
    ScimRequestSpec spec;
    spec.method = "POST";
    spec.path = endpoint;
    spec.body = QJsonDocument(resource).toJson(QJsonDocument::Compact);
    spec.lookupFilters = lookups;
    spec.lookupPath = endpoint;
    spec.lookUpOnConflict = lookUpOnConflict;
    runOnWorker<CreateOutcome>(m_worker, id, spec, context, std::move(callback), [](const ScimResponse& response) {
        return CreateOutcome {response.json, response.recoveredByLookup};
    });
    return id;
}

quint64 ScimClient::listResources(
    const QString& endpoint, const ScimFilter& filter, QObject* context, ListCallback callback, int pageSize)
{
    return list(endpoint, filter, pageSize, context, std::move(callback));
}

quint64 ScimClient::readFirstPage(
    const QString& endpoint, const ScimFilter& filter, int count, QObject* context, ObjectCallback callback)
{
    const quint64 id = nextId();
    ScimRequestSpec spec;
    spec.method = "GET";
    spec.path = endpoint;
    const QString countText = QString::number(std::max(1, count));
    switch (m_config.capabilities.pagingMode) {
    case PagingMode::Cursor:
        spec.query.append({QStringLiteral("cursor"), std::nullopt}); // AWS wants the bare, empty cursor
        spec.query.append({QStringLiteral("count"), countText});
        break;
    case PagingMode::StartIndex:
        spec.query.append({QStringLiteral("startIndex"), QStringLiteral("1")});
        spec.query.append({QStringLiteral("count"), countText});
        break;
    case PagingMode::SinglePage:
        break;
    }
    if (!filter.isEmpty())
        spec.query.append({QStringLiteral("filter"), filter.toString()});
    runOnWorker<QJsonObject>(
        m_worker, id, spec, context, std::move(callback), [](const ScimResponse& response) { return response.json; });
    return id;
}

quint64 ScimClient::getServiceProviderConfig(QObject* context, ConfigCallback callback)
{
    return objectCall("GET", QStringLiteral("/ServiceProviderConfig"), nullptr, context,
        [callback](const Result<QJsonObject, ScimError>& result) {
            if (result)
                callback(ServiceProviderConfig::fromJson(*result));
            else
                callback(result.error());
        });
}

namespace {

// Discovery endpoints answer with a ListResponse (RFC 7644 §4) or, on some servers, a bare array
// wrapped by nothing; both are accepted.
ScimClient::ObjectCallback discoveryList(ScimClient::ListCallback callback)
{
    return [callback](const Result<QJsonObject, ScimError>& result) {
        if (!result) {
            callback(result.error());
            return;
        }
        QList<QJsonObject> items;
        const QJsonValue resources = result->value(QLatin1String("Resources"));
        if (resources.isArray()) {
            for (const QJsonValue& value : resources.toArray())
                items.append(value.toObject());
        } else if (!result->isEmpty()) {
            items.append(*result);
        }
        callback(items);
    };
}

} // namespace

quint64 ScimClient::getSchemas(QObject* context, ListCallback callback)
{
    return objectCall("GET", QStringLiteral("/Schemas"), nullptr, context, discoveryList(std::move(callback)));
}

quint64 ScimClient::getResourceTypes(QObject* context, ListCallback callback)
{
    return objectCall("GET", QStringLiteral("/ResourceTypes"), nullptr, context, discoveryList(std::move(callback)));
}

void ScimClient::cancel(quint64 requestId)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, requestId] { worker->cancel(requestId); }, Qt::QueuedConnection);
}

void ScimClient::cancelAll()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->cancelAll(); }, Qt::QueuedConnection);
}

void ScimClient::setTraceEnabled(bool enabled)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, enabled] { worker->setTraceEnabled(enabled); }, Qt::QueuedConnection);
}

ScimClientStats ScimClient::statistics() const
{
    return m_worker->statistics();
}
