#pragma once

#include "connection/ConnectionVerdict.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

// One step of a guided test (`servers test`, `sources test`) as the command prints it while the
// test runs: "[PASS] title (12 ms)", then what was checked, cause, fix, the details and a request
// id. Details and the request id quote the server or the directory: escaped, so they cannot fake
// lines.
namespace StepText {
struct Step
{
    ConnectionVerdict verdict;
    QString title;
    qint64 durationMs = 0;
    QString checked;
    QString cause;
    QString fix;
    QStringList details;
    QString requestId;
};

QString format(const Step& step);
// The step in the --json shape of the guided tests; stepId is the step's stable id ("tls").
// requestId is included only when includeRequestId (the server test's shape has it).
QJsonObject json(const Step& step, const QString& stepId, bool includeRequestId);
} // namespace StepText
