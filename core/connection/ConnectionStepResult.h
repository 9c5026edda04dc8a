#pragma once

#include "ConnectionStep.h"
#include "ConnectionVerdict.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

// What one step of the connection test found. Text fields are translated, plain sentences
// an admin can act on; none of them ever holds a secret.
struct ConnectionStepResult
{
    ConnectionStep step = ConnectionStep::Url;
    ConnectionVerdict verdict = ConnectionVerdict::Skipped;
    qint64 durationMs = 0;
    QString checked; // what was checked, e.g. "GET /ServiceProviderConfig with the stored token"
    QString cause; // for warnings and failures: what is wrong, in plain words
    QString fix; // for warnings and failures: what to do about it
    QStringList details; // facts found on the way (region, tenant, proxy, certificate, timings, ...)
    QString requestId; // the server's request id of a failed call, for the vendor's support

    QString title() const { return ConnectionSteps::title(step); }
    bool isFailure() const { return verdict == ConnectionVerdict::Fail; }
};

Q_DECLARE_METATYPE(ConnectionStepResult)
