#pragma once

#include "SyncRunSummary.h"

#include <mapping/AttributeChange.h>

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

// One step of "Provision one user", as shown while it runs and copied into a ticket.
struct ProvisionStep
{
    enum class Kind
    {
        Source, // directory attributes after mapping, the SCIM body that would be sent
        Scope, // every scope condition and the verdict
        Match, // each matching attribute tried on the target and what was found
        Action, // create / update / disable / delete / nothing, and why
        Perform, // what the target answered, memberships brought in line
    };
    enum class Status
    {
        Pending,
        Running,
        Pass,
        Info,
        Warning,
        Fail,
        Skipped,
    };

    Kind kind = Kind::Source;
    QString title;
    Status status = Status::Pending;
    QString summary; // one line
    QString details; // plain text, several lines
    QJsonObject json; // e.g. the SCIM body; empty when the step has none
    QList<AttributeChange> changes; // Action of an update: before → after
    qint64 durationMs = 0;

    bool isDone() const { return status != Status::Pending && status != Status::Running; }

    static QString kindId(Kind kind);
    static QString statusId(Status status);
    // Translated, for the dialog and the copied trace.
    static QString statusLabel(Status status);
    static QString defaultTitle(Kind kind);
};

// The whole trace of one provisioning: the five steps in order.
struct ProvisionTrace
{
    qint64 applicationId = 0;
    QString applicationName;
    QString serverName;
    QString userName;
    QString directoryObjectId;
    QList<ProvisionStep> steps;
    // Step 2's verdict and the evaluator's reasons.
    bool inScope = false;
    QStringList scopeReasons;
    // The run of step 5 (journalled like any apply); empty when step 5 did not run.
    std::optional<SyncRunSummary> run;

    // A fresh trace with the five steps pending.
    static ProvisionTrace pending();
    const ProvisionStep* step(ProvisionStep::Kind kind) const;
    ProvisionStep* step(ProvisionStep::Kind kind);

    // For the clipboard and support tickets. Holds no secret: the trace never receives a
    // token, and attribute values of secret-looking paths are masked anyway.
    QString toText() const;
    QJsonObject toJson() const;
};

Q_DECLARE_METATYPE(ProvisionStep)
Q_DECLARE_METATYPE(ProvisionTrace)
