#pragma once

#include "SourceTestStep.h"

#include "connection/ConnectionVerdict.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

// What one step of the guided source test found. Plain sentences an admin can act on; never
// the bind password. Text the directory sent is shown with control characters escaped.
struct SourceTestStepResult
{
    SourceTestStep step = SourceTestStep::Dns;
    ConnectionVerdict verdict = ConnectionVerdict::Skipped;
    qint64 durationMs = 0;
    QString checked; // what was checked, e.g. "StartTLS on 127.0.0.1:389 with the source's CA file"
    QString cause; // for warnings and failures: what is wrong
    QString fix; // for warnings and failures: what to do
    QStringList details; // facts found on the way (addresses, certificate, counts, the sample user …)

    QString title() const { return SourceTestSteps::title(step); }
    bool isFailure() const { return verdict == ConnectionVerdict::Fail; }
};

Q_DECLARE_METATYPE(SourceTestStepResult)
