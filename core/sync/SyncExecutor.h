#pragma once

#include "JournalStore.h"
#include "JournalWriter.h"
#include "LinkStore.h"
#include "OperationSchedule.h"
#include "SyncPlan.h"
#include "SyncProgress.h"
#include "SyncRunSummary.h"

#include <scim/ScimClient.h>

#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <atomic>
#include <memory>

// Applies exactly one SyncPlan, keeping the client's requests in flight across kinds of
// operations: each operation starts as soon as the ones it depends on have finished
// (OperationSchedule: a group after its members' users, a membership change after its group;
// deprovisioning last), within the client's limits. Every
// operation gets a journal entry; links are recorded as objects are created or matched, so
// a crash or cancel leaves a state the next plan converges from without duplicates.
// A failed operation does not stop the independent ones. Lives on a worker thread; talk to
// it with queued calls and signals.
class SyncExecutor : public QObject
{
    Q_OBJECT

public:
    SyncExecutor(ScimClient* client, std::shared_ptr<Database> database, QObject* parent = nullptr);
    ~SyncExecutor() override;

    // mode is recorded in sync_runs ("apply" or "single-user").
    Q_INVOKABLE void execute(const SyncPlan& plan, bool confirmed, const QString& mode = QStringLiteral("apply"));
    // Thread-safe. In-flight requests are aborted; finished() follows with Cancelled.
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void progress(const SyncProgress& progress);
    void operationFinished(const JournalEntry& entry);
    void finished(const SyncRunSummary& summary);

private:
    struct Running
    {
        int index = -1;
        JournalEntry entry;
    };

    void pump();
    void dispatch(int index);
    void complete(int index, JournalEntry entry, bool ok);
    void finishRun();
    void doCancel();
    void emitProgress(bool force);
    // Waits until the writer has written every row handed over; its errors go to the summary.
    void drainWriter();

    // rematch: the create follows a lookup that found nothing after the link's 404.
    void updateUser(int index);
    // The manager of a user, created in this run, set with the id the run recorded.
    void setPendingManager(int index);
    void createUser(int index, const QJsonObject& payload, bool rematch);
    void lookUpUser(int index, const QList<ScimFilter>& queries, int attempt);
    void linkExistingUser(int index, const QJsonObject& found, bool conflict);
    void patchUser(int index, const QString& targetId, const QList<PatchOperation>& patch, bool mayRematch);
    void rematchUser(int index);
    void createGroup(int index);
    void patchGroupMembers(int index, const QString& groupId, PatchOperation::Op op, const QStringList& memberIds);
    void recordLink(TargetLink::Kind kind, const QString& directoryId, const QString& targetId, const QString& name);
    void dropLink(TargetLink::Kind kind, const QString& directoryId);

    JournalEntry entryFor(const PlannedOperation& operation) const;
    // The HTTP status and request id of the answer whose callback is running.
    static void takeResponse(JournalEntry& entry);
    // The directory object other than directoryId that targetId is linked to, or "".
    QString otherOwner(TargetLink::Kind kind, const QString& targetId, const QString& directoryId) const;
    // Fails the operation when a create's duplicate lookup found an object linked to another
    // directory object; returns whether it did.
    bool refuseTakenMatch(int index, TargetLink::Kind kind, const QJsonObject& found);
    static void applyError(JournalEntry& entry, const ScimError& error);
    static SyncProgress::Phase phaseOf(const PlannedOperation& operation);

    QPointer<ScimClient> m_client;
    std::shared_ptr<Database> m_database;
    std::unique_ptr<JournalStore> m_journal;
    std::unique_ptr<LinkStore> m_links;
    std::unique_ptr<JournalWriter> m_writer;
    SyncPlan m_plan;
    QString m_mode;
    SyncRunSummary m_summary;
    ScimClientStats m_statsAtStart;
    QHash<QString, QString> m_userTargets; // directory object id → target id
    QHash<QString, QString> m_groupTargets;
    QHash<QString, QString> m_userOwners; // target id → directory object id
    QHash<QString, QString> m_groupOwners;
    OperationSchedule m_schedule;
    QHash<int, quint64> m_inFlight; // operation index → client request id
    // Unfinished operations per phase; the progress shows the earliest phase with any.
    QMap<SyncProgress::Phase, int> m_unfinished;
    SyncProgress::Phase m_phase = SyncProgress::Phase::Users;
    bool m_pumping = false;
    int m_done = 0;
    qint64 m_sequence = 0;
    QElapsedTimer m_clock;
    qint64 m_lastProgressMs = -1;
    std::atomic<bool> m_cancelRequested {false};
    bool m_running = false;
    bool m_cancelled = false;
};
