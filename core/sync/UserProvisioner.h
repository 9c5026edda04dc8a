#pragma once

#include "DesiredState.h"
#include "JournalStore.h"
#include "LinkStore.h"
#include "ProvisionTrace.h"
#include "SyncPlan.h"
#include "SyncRunSummary.h"
#include "TargetSnapshot.h"

#include <directory/DirectorySnapshot.h>
#include <model/Application.h>
#include <model/ScimServer.h>
#include <scim/HttpTraceEntry.h>
#include <scim/ScimError.h>
#include <scim/ScimFilter.h>
#include <util/Result.h>

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>

class Database;
struct ProvisionPreparation;
class ScimClient;
class SyncSession;

// "Provision one user" with a step-by-step trace: reads the directory user and maps it,
// explains the scope, looks the user (and the groups that matter to them) up on the target
// with targeted filter queries, plans with the same SyncPlanner as a full sync, then, only
// after perform(), applies that one-user plan with the same SyncExecutor (through
// SyncSession). Directory reads and planning run on the thread pool, HTTP on the client's
// thread and the apply on the executor's thread: the calling (GUI) thread never blocks.
//
//     UserProvisioner provisioner(database, client, server);
//     connect(&provisioner, &UserProvisioner::stepFinished, ...);     // show each step
//     connect(&provisioner, &UserProvisioner::readyToPerform, ...);   // enable "Provision"
//     provisioner.start(application, userId);
//     ...
//     provisioner.perform();                                          // after confirmation
//     connect(&provisioner, &UserProvisioner::finished, ...);
class UserProvisioner : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Idle,
        Running, // steps 1–4
        AwaitingConfirmation, // step 4 done, a plan with work waits for perform()
        Performing,
        Finished,
    };
    using DirectoryLoader = std::function<Result<DirectorySnapshot, StorageError>()>;

    UserProvisioner(
        std::shared_ptr<Database> database, ScimClient* client, const ScimServer& server, QObject* parent = nullptr);
    ~UserProvisioner() override;

    // Replaces the default loader (DirectorySnapshot::load of the profile database).
    void setDirectoryLoader(DirectoryLoader loader) { m_loader = std::move(loader); }

    // Runs steps 1 to 4. readyToPerform follows (or finished, when a step fails).
    void start(const Application& application, qint64 userId);
    // Step 5: applies the one-user plan. Only in AwaitingConfirmation; finished follows.
    void perform();
    // Stops what runs; nothing more is sent. finished follows unless already finished.
    void cancel();

    State state() const { return m_state; }
    const ProvisionTrace& trace() const { return m_trace; }
    // The one-user plan of step 4 (empty before).
    const SyncPlan& plan() const { return m_plan; }

signals:
    void stepStarted(int index, const ProvisionStep& step);
    void stepFinished(int index, const ProvisionStep& step);
    // Step 4 is done. hasWork: the plan holds something perform() would send or record.
    void readyToPerform(bool hasWork);
    void finished(const ProvisionTrace& trace);

private:
    struct GroupNeed;

    void beginStep(ProvisionStep::Kind kind);
    void endStep(ProvisionStep::Kind kind, ProvisionStep::Status status, const QString& summary,
        const QString& details = QString());
    int indexOf(ProvisionStep::Kind kind) const;
    void abort(ProvisionStep::Kind failedAt, const QString& summary, const QString& details = QString());
    void finish();

    void reportSource();
    void reportScope();
    void matchByLink();
    void matchByKey(int index);
    void readMemberships();
    void resolveGroup(int index);
    void lookupGroup(int index, const QList<ScimFilter>& lookups, int attempt);
    void finishMatch();
    void planAction();
    void reportAction();
    // Step 4's summary for the user's own operation (none: why nothing happens); fills the
    // step's JSON and changes.
    QString actionSummary(
        const PlannedOperation* userOperation, ProvisionStep* step, ProvisionStep::Status* status) const;
    QStringList membershipLines() const;
    void onOperationFinished(const JournalEntry& entry);
    void onApplyFinished(const SyncRunSummary& summary);
    void onHttpExchange(const HttpTraceEntry& entry);

    void addTargetUser(const TargetUser& user);
    QString describeTargetUser(const TargetUser& user) const;
    QString ownerOfTargetUser(const QString& targetId) const;
    bool alive() const { return !m_cancelled && m_state == State::Running; }
    void targetReadFailed(const QString& what, const ScimError& error);

    std::shared_ptr<Database> m_database;
    QPointer<ScimClient> m_client;
    ScimServer m_server;
    DirectoryLoader m_loader;
    Application m_application;
    qint64 m_userId = 0;

    State m_state = State::Idle;
    bool m_cancelled = false;
    quint64 m_request = 0; // the client request in flight, for cancel
    ProvisionTrace m_trace;
    QElapsedTimer m_stepClock;
    std::shared_ptr<ProvisionPreparation> m_prepared;

    // What the targeted reads found: the snapshot the planner compares against.
    QList<TargetUser> m_targetUsers;
    QList<TargetGroup> m_targetGroups;
    QString m_matchedTargetId;
    QStringList m_matchLines;
    QStringList m_groupLines;
    QStringList m_groupNotes; // groups left alone, for step 4
    QList<GroupNeed> m_groupNeeds;
    bool m_membershipKnown = false;
    QSet<QString> m_memberOf; // target group ids the matched user belongs to
    QList<TargetGroup> m_memberOfGroups;

    SyncPlan m_plan;
    QPointer<SyncSession> m_session;
    QStringList m_performLines;
    QStringList m_httpLines;
    QMetaObject::Connection m_traceConnection;
};
