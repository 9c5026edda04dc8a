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
// The HTTP status and server request id of the response whose callback is running.
struct ScimResponseInfo
{
    int httpStatus = 0;
    QString requestId;
};

class ScimClient : public QObject
{
    Q_OBJECT

public:
    // Valid only while a ScimClient callback runs on the calling thread (like QObject::sender());
    // outside a callback it is empty. Journals use it to record status and request id of
    // successful operations, which the result values do not carry.
    static ScimResponseInfo currentResponse();

    using ObjectCallback = std::function<void(const Result<QJsonObject, ScimError>&)>;
    using ListCallback = std::function<void(const Result<QList<QJsonObject>, ScimError>&)>;
    using DoneCallback = std::function<void(const Status<ScimError>&)>;
    using ConfigCallback = std::function<void(const Result<ServiceProviderConfig, ScimError>&)>;

    // What a create produced. alreadyExisted is true when the object was not returned by the
    // POST but found with one of the caller's lookup queries (tried in order) after
    //  - a 409: someone created it before, or this very POST created it and Qt re-sent the
    //    request internally after the connection closed without an answer, so the copy got 409;
    //  - an unknown outcome (timeout, dropped connection, 500/502/504 after the body went out).
    // The sync engine passes its match queries (TargetMatcher) and treats an already-existing
    // object as "link it", never as a failure and never as a reason to create a second one. A
    // 409 whose lookups find nothing (a conflict on another unique attribute, e.g. AWS email) is
    // reported as the 409 error.
    struct CreateOutcome
    {
        QJsonObject resource;
        bool alreadyExisted = false;
    };
    using CreateCallback = std::function<void(const Result<CreateOutcome, ScimError>&)>;

    explicit ScimClient(const ScimClientConfig& config, QObject* parent = nullptr);
    ~ScimClient() override;

    const ScimClientConfig& config() const { return m_config; }

    // Users. With lookups, a 409 or an unknown outcome is resolved by looking the user up (see
    // CreateOutcome). The ObjectCallback overloads look nothing up: a 409 is reported, and an
    // unknown outcome fails without re-sending (a temporary object of the connection test).
    quint64 createUser(
        const QJsonObject& user, const QList<ScimFilter>& lookups, QObject* context, CreateCallback callback);
    quint64 createUser(const QJsonObject& user, QObject* context, ObjectCallback callback);
    quint64 getUser(const QString& id, QObject* context, ObjectCallback callback);
    quint64 replaceUser(const QString& id, const QJsonObject& user, QObject* context, ObjectCallback callback);
    // The callback gets the updated resource, or an empty object for a 204 answer.
    quint64 patchUser(
        const QString& id, const QList<PatchOperation>& operations, QObject* context, ObjectCallback callback);
    quint64 deleteUser(const QString& id, QObject* context, DoneCallback callback);
    // Walks every page; pageSize 0 means capabilities.maxPageSize.
    quint64 listUsers(const ScimFilter& filter, QObject* context, ListCallback callback, int pageSize = 0);

    // Groups, the same way.
    quint64 createGroup(
        const QJsonObject& group, const QList<ScimFilter>& lookups, QObject* context, CreateCallback callback);
    quint64 createGroup(const QJsonObject& group, QObject* context, ObjectCallback callback);
    quint64 getGroup(const QString& id, QObject* context, ObjectCallback callback);
    quint64 replaceGroup(const QString& id, const QJsonObject& group, QObject* context, ObjectCallback callback);
    quint64 patchGroup(
        const QString& id, const QList<PatchOperation>& operations, QObject* context, ObjectCallback callback);
    quint64 deleteGroup(const QString& id, QObject* context, DoneCallback callback);
    quint64 listGroups(const ScimFilter& filter, QObject* context, ListCallback callback, int pageSize = 0);

    // Generic resource access for other resource types ("/Users", "/Groups", ...). Empty
    // lookups turn the lookup off: a 409 is then reported and an unknown outcome fails without
    // re-sending.
    quint64 createResource(const QString& endpoint, const QJsonObject& resource, const QList<ScimFilter>& lookups,
        QObject* context, CreateCallback callback);
    quint64 listResources(
        const QString& endpoint, const ScimFilter& filter, QObject* context, ListCallback callback, int pageSize = 0);

    // The first page of a list ("/Users", "/Groups") with at most `count` objects, in the paging
    // mode of the capabilities, as the server sent it (Resources, totalResults, nextCursor …).
    // Nothing more is read: for checks that must not walk a whole tenant (the connection test).
    quint64 readFirstPage(
        const QString& endpoint, const ScimFilter& filter, int count, QObject* context, ObjectCallback callback);

    // Discovery.
    quint64 getServiceProviderConfig(QObject* context, ConfigCallback callback);
    quint64 getSchemas(QObject* context, ListCallback callback);
    quint64 getResourceTypes(QObject* context, ListCallback callback);

    // The finished callbacks of the cancelled requests get ScimError::Kind::Cancelled.
    void cancel(quint64 requestId);
    void cancelAll();

    void setTraceEnabled(bool enabled);
    ScimClientStats statistics() const;

signals:
    // Emitted from the worker thread; connect with a receiver to get it queued to its thread.
    void traceEntry(const HttpTraceEntry& entry);

private:
    quint64 nextId() { return ++m_nextId; }
    quint64 objectCall(const QByteArray& method, const QString& path, const QJsonObject* body, QObject* context,
        ObjectCallback callback);
    quint64 create(const QString& endpoint, const QJsonObject& resource, const QList<ScimFilter>& lookups,
        bool lookUpOnConflict, QObject* context, CreateCallback callback);
    static CreateCallback resourceOnly(ObjectCallback callback);
    quint64 list(const QString& path, const ScimFilter& filter, int pageSize, QObject* context, ListCallback callback);
    static QString idPath(const QString& endpoint, const QString& id);
    // One implementation per operation for every resource type; the User and Group methods name
    // the endpoint.
    quint64 getResource(const QString& endpoint, const QString& id, QObject* context, ObjectCallback callback);
    quint64 replaceResource(const QString& endpoint, const QString& id, const QJsonObject& resource, QObject* context,
        ObjectCallback callback);
    quint64 patchResource(const QString& endpoint, const QString& id, const QList<PatchOperation>& operations,
        QObject* context, ObjectCallback callback);
    quint64 deleteResource(const QString& endpoint, const QString& id, QObject* context, DoneCallback callback);

    ScimClientConfig m_config;
    QThread* m_thread = nullptr;
    ScimWorker* m_worker = nullptr;
    std::atomic<quint64> m_nextId {0};
};
