#pragma once

#include "SourceTestStepResult.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

// The outcome of a whole guided source test: what the GUI shows and `scimdesk-cli sources test`
// prints (exit 4 when a step failed). Holds no secret.
struct SourceTestReport
{
    QString sourceName;
    QString url;
    QDateTime startedAt;
    QDateTime finishedAt;
    bool cancelled = false;
    QList<SourceTestStepResult> steps;

    // The worst step verdict; Skipped when the test was cancelled (it proves nothing).
    ConnectionVerdict verdict() const;
    bool hasFailure() const { return verdict() == ConnectionVerdict::Fail; }
    // One line: the verdict and, for failures or warnings, which steps.
    QString summary() const;
    // The full report as plain text, to copy into a ticket.
    QString toText() const;
};

Q_DECLARE_METATYPE(SourceTestReport)
