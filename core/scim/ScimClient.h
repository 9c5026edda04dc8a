#pragma once

#include "HttpTraceEntry.h"
#include "PatchOperation.h"
#include "ScimClientConfig.h"
#include "ScimClientStats.h"
#include "ScimError.h"
#include "ScimFilter.h"
#include "ServiceProviderConfig.h"

#include <util/Result.h>

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>

class QThread;
class ScimWorker;

// SCIM 2.0 client. Owns a worker thread with its own QNetworkAccessManager; every public
// method is thread-safe and returns at once. The callback runs on the thread of `context`
// (queued, never re-entrantly) and is skipped when `context` is destroyed first.
// Every method returns a request id for cancel().
class ScimClient : public QObject
{
    Q_OBJECT

public:
    using ObjectCallback = std::function<void(const Result<QJsonObject, ScimError>&)>;
    using ListCallback = std::function<void(const Result<QList<QJsonObject>, ScimError>&)>;
    using DoneCallback = std::function<void(const Status<ScimError>&)>;
    using ConfigCallback = std::function<void(const Result<ServiceProviderConfig, ScimError>&)>;

    explicit ScimClient(const ScimClientConfig& config, QObject* parent = nullptr);
    ~ScimClient() override;

    const ScimClientConfig& config() const { return m_config; }

    // Users. createUser looks the user up by userName (or externalId) when the outcome of the
    // POST is unknown, and returns the found user instead of creating a duplicate.
    quint64 createUser(const QJsonObject& user, QObject* context, ObjectCallback callback);
    quint64 getUser(const QString& id, QObject* context, ObjectCallback callback);
    quint64 replaceUser(const QString& id, const QJsonObject& user, QObject* context, ObjectCallback callback);
    // The callback gets the updated resource, or an empty object for a 204 answer.
    quint64 patchUser(
        const QString& id, const QList<PatchOperation>& operations, QObject* context, ObjectCallback callback);
    quint64 deleteUser(const QString& id, QObject* context, DoneCallback callback);
    // Walks every page; pageSize 0 means capabilities.maxPageSize.
    quint64 listUsers(const ScimFilter& filter, QObject* context, ListCallback callback, int pageSize = 0);

    // Groups (looked up by displayName or externalId on an unknown-outcome create).
    quint64 createGroup(const QJsonObject& group, QObject* context, ObjectCallback callback);
    quint64 getGroup(const QString& id, QObject* context, ObjectCallback callback);
    quint64 replaceGroup(const QString& id, const QJsonObject& group, QObject* context, ObjectCallback callback);
    quint64 patchGroup(
        const QString& id, const QList<PatchOperation>& operations, QObject* context, ObjectCallback callback);
    quint64 deleteGroup(const QString& id, QObject* context, DoneCallback callback);
    quint64 listGroups(const ScimFilter& filter, QObject* context, ListCallback callback, int pageSize = 0);

    // Generic resource access for other resource types ("/Users", "/Groups", ...).
    quint64 createResource(const QString& endpoint, const QJsonObject& resource, const ScimFilter& lookupFilter,
        QObject* context, ObjectCallback callback);
    quint64 listResources(
        const QString& endpoint, const ScimFilter& filter, QObject* context, ListCallback callback, int pageSize = 0);

    // Discovery.
    quint64 getServiceProviderConfig(QObject* context, ConfigCallback callback);
    quint64 getSchemas(QObject* context, ListCallback callback);
    quint64 getResourceTypes(QObject* context, ListCallback callback);

    // The finished callbacks of the cancelled requests get ScimError::Kind::Cancelled.
    void cancel(quint64 requestId);
    void cancelAll();

    void setTraceEnabled(bool enabled);
    ScimClientStats statistics() const;

    // The filter a create is looked up with after an unknown outcome.
    static ScimFilter userLookupFilter(const QJsonObject& user);
    static ScimFilter groupLookupFilter(const QJsonObject& group);

signals:
    // Emitted from the worker thread; connect with a receiver to get it queued to its thread.
    void traceEntry(const HttpTraceEntry& entry);

private:
    quint64 nextId() { return ++m_nextId; }
    quint64 objectCall(const QByteArray& method, const QString& path, const QJsonObject* body,
        const ScimFilter& lookupFilter, const QString& lookupPath, QObject* context, ObjectCallback callback);
    quint64 list(const QString& path, const ScimFilter& filter, int pageSize, QObject* context, ListCallback callback);
    static QString idPath(const QString& endpoint, const QString& id);

    ScimClientConfig m_config;
    QThread* m_thread = nullptr;
    ScimWorker* m_worker = nullptr;
    std::atomic<quint64> m_nextId {0};
};
