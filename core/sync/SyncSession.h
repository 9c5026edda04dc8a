#pragma once

#include "JournalStore.h"
#include "SyncPlan.h"
#include "SyncProgress.h"
#include "SyncRunSummary.h"

#include <directory/DirectorySnapshot.h>
#include <model/Application.h>
#include <model/ScimServer.h>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

class Database;
class QThread;
class ScimClient;
class SyncExecutor;
class TargetReader;

// What the GUI and the CLI call to sync one application to its SCIM server:
//
//     SyncSession session(database, client, server);
//     connect(&session, &SyncSession::previewReady, ...);   // show the plan
//     session.preview(application);
//     ...
//     session.apply(plan.planId, confirmed);                // exactly that plan
//     connect(&session, &SyncSession::applyFinished, ...);
//
// Lives on ApplicationSync's worker thread, which receives the client's callbacks (the target
// read is converted there); the directory is read and the plan computed on the thread pool,
// and the plan applied by a SyncExecutor on a thread of its own. Single-user runs plan with
// UserProvisioner and apply through applyPlan().
class SyncSession : public QObject
{
    Q_OBJECT

public:
    using DirectoryLoader = std::function<Result<DirectorySnapshot, StorageError>()>;

    SyncSession(
        std::shared_ptr<Database> database, ScimClient* client, const ScimServer& server, QObject* parent = nullptr);
    ~SyncSession() override;

    // Replaces the default (DirectorySnapshot::load of the profile database), e.g. for a
    // directory source that can fail.
    void setDirectoryLoader(DirectoryLoader loader) { m_loader = std::move(loader); }

    // Computes the plan for the whole application. previewReady or previewFailed follows.
    void preview(const Application& application);
    // Applies a plan previously delivered by previewReady. applyFinished follows.
    void apply(const QUuid& planId, bool confirmed = false);
    // Applies a plan computed elsewhere from the same planner (UserProvisioner's one-user
    // plan) with this session's executor; applyFinished follows. mode goes to sync_runs.
    void applyPlan(const SyncPlan& plan, bool confirmed, const QString& mode);
    void cancel();
    bool isBusy() const { return m_busy; }

    std::optional<SyncPlan> plan(const QUuid& planId) const;

signals:
    void progress(const SyncProgress& progress);
    void previewReady(const SyncPlan& plan);
    void previewFailed(const QString& message);
    void operationFinished(const JournalEntry& entry);
    void applyFinished(const SyncRunSummary& summary);

private:
    struct Prepared;
    static void prepare(Prepared& prepared, const ScimServer& server, const DirectoryLoader& loader,
        const std::shared_ptr<Database>& database);
    void refineCapabilities(std::shared_ptr<Prepared> prepared);
    void readTargetWhenReady(const std::shared_ptr<Prepared>& prepared);
    void failPreview(const std::shared_ptr<Prepared>& prepared, const QString& message);
    void readTarget(std::shared_ptr<Prepared> prepared);
    void plan(std::shared_ptr<Prepared> prepared);
    void fail(const QString& message);
    void startApply(const SyncPlan& plan, bool confirmed, const QString& mode);

    std::shared_ptr<Database> m_database;
    QPointer<ScimClient> m_client;
    ScimServer m_server;
    DirectoryLoader m_loader;
    QHash<QUuid, SyncPlan> m_plans;
    QPointer<TargetReader> m_reader;
    quint64 m_configRequest = 0; // the /ServiceProviderConfig read in flight
    QThread* m_thread = nullptr;
    QPointer<SyncExecutor> m_executor;
    bool m_busy = false;
    bool m_cancelled = false;
    // The preset's capabilities refined by the server's /ServiceProviderConfig, read once per
    // session (the first preview); empty until then.
    std::optional<ServerCapabilities> m_capabilities;
    QStringList m_capabilityWarnings;
};
