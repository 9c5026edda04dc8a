#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

// The outcome of one apply, for the GUI, the CLI and sync_runs.summary_json.
struct SyncRunSummary
{
    enum class Status
    {
        Succeeded, // every operation succeeded
        Partial, // some operations failed; the others were applied
        Failed, // nothing could be applied (e.g. the journal could not be opened)
        Cancelled,
        Refused, // the plan needs confirmation and none was given
    };

    qint64 runId = 0;
    QString planId;
    Status status = Status::Succeeded;
    int total = 0;
    int succeeded = 0;
    int failed = 0;
    // Not attempted: cancelled, depended on a failed operation, or (skippedObjects) directory
    // objects the plan left out because the target would refuse them.
    int skipped = 0;
    int skippedObjects = 0;
    int conflictsLinked = 0; // 409 on create resolved by looking the object up and linking it
    int rematched = 0; // 404 on a linked object resolved by matching again
    qint64 requests = 0; // HTTP requests sent during the run, retries included
    qint64 retries = 0;
    qint64 throttled = 0;
    QStringList errors; // the first errors, worded for an admin
    QString message;
    QDateTime startedAt;
    QDateTime finishedAt;

    // A plan that was not applied at all: the caller says why and what to do.
    static SyncRunSummary refused(const QString& planId, const QString& message);
    static QString statusId(Status status);
    QJsonObject toJson() const;
};

Q_DECLARE_METATYPE(SyncRunSummary)
