#pragma once

#include "SyncFailure.h"
#include "SyncSetup.h"

#include <scim/HttpTraceEntry.h>
#include <sync/JournalStore.h>
#include <sync/ProvisionTrace.h>
#include <sync/SyncPlan.h>
#include <sync/SyncProgress.h>
#include <sync/SyncRunSummary.h>

#include <directory/DirectorySnapshot.h>

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUuid>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class Database;
class ScimClient;
class SyncSession;
class UserProvisioner;

// The engine of one ApplicationSync, living on its worker thread: the SCIM client, the
// SyncSession of the last preview and the UserProvisioner of a single-user run. Every slot
// is called queued from ApplicationSync; every signal reaches it queued.
//
// An application with a directory source has the source read first (SourceLoader, with the
// reader from setup.sourceReaderFactory) on a pool thread, so this thread stays free to take
// cancel(); only a complete read lets the engine start, and it plans from that snapshot.
class ApplicationSyncWorker : public QObject
{
    Q_OBJECT

public:
    explicit ApplicationSyncWorker(std::shared_ptr<Database> database, QObject* parent = nullptr);
    ~ApplicationSyncWorker() override;

    void preview(const SyncSetup& setup);
    // Applies the plan as soon as it is ready, unless cancelled first (see ApplicationSync).
    void previewAndApply(const SyncSetup& setup, bool confirmed);
    // A previewAndApply cancelled before its engine was built: journals the cancelled run.
    void cancelBeforeStart(qint64 applicationId);
    void apply(const QUuid& planId, bool confirmed);
    void startProvision(const SyncSetup& setup, qint64 userId);
    void performProvision();
    void cancel();
    void setTraceEnabled(bool enabled);

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
    void provisionFinished(const ProvisionTrace& trace);
    // The directory source could not be read before step 1; nothing was sent.
    void provisionFailed(const SyncFailure& failure);

private:
    using DirectoryLoader = std::function<Result<DirectorySnapshot, StorageError>()>;
    // Reads the setup's directory source, then next(loader of that snapshot); without a source
    // next({}) at once (the embedded directory). A failed read goes to failed().
    void withDirectory(const SyncSetup& setup, std::function<void(const DirectoryLoader&)> next,
        std::function<void(const SyncFailure&)> failed);
    void startProvisionWith(const SyncSetup& setup, qint64 userId, const DirectoryLoader& loader);
    void replaceEngine(const SyncSetup& setup);
    // applyConfirmed: set for a previewAndApply (the plan is applied as soon as it is ready).
    void startPreview(const SyncSetup& setup, const DirectoryLoader& loader, std::optional<bool> applyConfirmed);
    void onPreviewReady(const SyncPlan& plan);
    void onPreviewFailed(const QString& message);
    // Ends a previewAndApply that was cancelled before its apply started: a run with nothing sent.
    void finishCancelledBeforeApply(const QString& planId, int operations);
    void recordRun(qint64 applicationId, const SyncRunSummary& summary);

    std::shared_ptr<Database> m_database;
    QPointer<ScimClient> m_client;
    QPointer<SyncSession> m_session;
    QPointer<UserProvisioner> m_provisioner;
    qint64 m_applicationId = 0;
    bool m_cancelled = false;
    std::optional<bool> m_applyConfirmed; // set while a previewAndApply waits for its plan
    // Set while a directory source is read; cancel() raises it.
    std::shared_ptr<std::atomic_bool> m_sourceCancelled;
    QStringList m_sourceNotes; // the last source read's notes, added to the plan's warnings
};
