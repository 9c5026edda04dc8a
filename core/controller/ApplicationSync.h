#pragma once

#include "SyncFailure.h"
#include "SyncSetup.h"

#include <scim/HttpTraceEntry.h>
#include <secrets/SecretError.h>
#include <storage/ProfileLock.h>
#include <sync/JournalStore.h>
#include <sync/ProvisionTrace.h>
#include <sync/SyncPlan.h>
#include <sync/SyncProgress.h>
#include <sync/SyncRunSummary.h>
#include <util/Result.h>

#include <QDateTime>
#include <QObject>
#include <QUuid>

#include <memory>
#include <optional>

class ApplicationSyncWorker;
class QThread;
class Workspace;

// How one application is synced, for every front end: the GUI's Sync & Logs page and
// Provision User dialog, and the CLI's `sync` and `provision-user`, are views of it.
//
//     ApplicationSync sync(workspace, applicationId);
//     connect(&sync, &ApplicationSync::previewReady, ...);    // show the plan
//     sync.preview();
//     sync.apply(plan.planId, confirmed);                      // exactly that plan
//     connect(&sync, &ApplicationSync::applyFinished, ...);
//
// It resolves the application, its server and its source, reads the server's secret and the
// source's bind password asynchronously from the workspace's SecretStore, builds the SCIM client
// and runs the engine (SyncSession, UserProvisioner) on its own worker thread. A directory source
// is read completely before the SCIM server is contacted: a failed read ends the run with
// SyncFailure::Kind::SourceRead and nothing is sent. This object only forwards calls and receives
// queued signals with finished results, so the calling (GUI) thread never does sync work.
// Every run it applies is journalled and sets the application's lastSyncAt.
class ApplicationSync : public QObject
{
    Q_OBJECT

public:
    ApplicationSync(std::shared_ptr<Workspace> workspace, qint64 applicationId, QObject* parent = nullptr);
    ~ApplicationSync() override;

    qint64 applicationId() const { return m_applicationId; }
    // A preview, apply or single-user run is going on (the secret read included).
    bool isBusy() const { return m_busy; }
    // Records the HTTP trace (redacted) from now on; traceEntry carries it.
    void setTraceEnabled(bool enabled);

    // Reads the directory and the target and computes the plan: previewReady or previewFailed.
    void preview();
    // Applies a plan delivered by previewReady, at most once: applyFinished follows. The apply
    // holds the profile's write lock (ProfileLock); while another process holds it, the apply is
    // refused at once (a refused summary says who holds it). So is a plan previewed before
    // another apply of this application (a scheduled run while the GUI showed the plan): it no
    // longer describes the target, and applying it would send those writes a second time.
    void apply(const QUuid& planId, bool confirmed);
    // Previews and applies that very plan at once, without waiting for anyone (the CLI's
    // `sync --apply`): previewReady, then applyFinished. A failed read ends with previewFailed.
    // A cancel before the apply started ends with applyFinished too, for a journalled run that
    // is `cancelled` and sent no write, so a stopped scheduled sync shows in the run history.
    // The caller holds the profile's write lock (the CLI's `sync --apply` takes it for the whole
    // command, before the preview).
    void previewAndApply(bool confirmed);
    // Provision one user, steps 1 to 4 (source, scope, match, action): provisionReady, or
    // provisionFinished when a step fails. Step 5 runs only after performProvision().
    void startProvisionUser(qint64 userId);
    // Step 5, holding the profile's write lock like apply(); provisionFailed when it is held elsewhere.
    void performProvision();
    // Stops what runs; nothing more is sent. The running call reports its end as usual.
    void cancel();

    // The application and its server as the next run would use them (the caller's thread).
    static Result<SyncSetup, SyncFailure> resolve(const Workspace& workspace, qint64 applicationId);

signals:
    void progress(const SyncProgress& progress);
    void previewReady(const SyncPlan& plan);
    void previewFailed(const SyncFailure& failure);
    void operationFinished(const JournalEntry& entry);
    void applyFinished(const SyncRunSummary& summary);
    void traceEntry(const HttpTraceEntry& entry);
    void provisionStepStarted(int index, const ProvisionStep& step);
    void provisionStepFinished(int index, const ProvisionStep& step);
    void provisionReady(bool hasWork, const ProvisionTrace& trace);
    // The trace is complete; trace.run holds the run when step 5 ran.
    void provisionFinished(const ProvisionTrace& trace);
    // Setting up a single-user run failed before step 1 (no server, no secret …).
    void provisionFailed(const SyncFailure& failure);

private:
    enum class Request
    {
        Preview,
        PreviewAndApply,
        Provision
    };
    void start(Request request, qint64 userId = 0, bool confirmed = false);
    // After the server's secret: the directory source's bind password (none for the embedded
    // directory or an anonymous bind), then dispatch().
    void readSourcePassword(Request request, qint64 userId, bool confirmed, quint64 generation, SyncSetup setup);
    void dispatch(Request request, qint64 userId, bool confirmed, SyncSetup setup);
    void failSecret(Request request, const SecretError& error, const QString& message, bool aboutSource = false);
    void failStart(Request request, const SyncFailure& failure);
    void finishRun(bool recorded);
    // Takes the profile's write lock for an apply; the error message when another process holds it.
    QString lockForWriting();
    // Why the previewed plan must not be applied any more; empty when it may.
    QString appliedSincePreview() const;
    template<typename Function>
    void onWorker(Function function);

    std::shared_ptr<Workspace> m_workspace;
    qint64 m_applicationId = 0;
    QThread* m_thread = nullptr;
    ApplicationSyncWorker* m_worker = nullptr;
    bool m_busy = false;
    bool m_applyAfterPreview = false; // a previewAndApply() runs: previewReady does not end it
    bool m_traceEnabled = false;
    quint64 m_generation = 0; // a secret read answered after cancel() or a new start is dropped
    std::optional<Request> m_pendingRequest; // set while the secret is being read
    ProfileLock m_writeLock; // held from apply()/performProvision() until the run is finished
    QDateTime m_previewStartedAt;
    qint64 m_lastRunId = 0; // the last run this object applied
};
