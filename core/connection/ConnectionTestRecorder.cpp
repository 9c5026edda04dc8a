#include "ConnectionTestRecorder.h"

#include "storage/ServerRepository.h"

#include <QCoreApplication>

Status<StorageError> ConnectionTestRecorder::record(
    ServerRepository& repository, qint64 serverId, const ConnectionReport& report)
{
    if (report.cancelled)
        return StorageError::validation(QString(),
            QCoreApplication::translate(
                "ConnectionTestRecorder", "The connection test was cancelled; run it to the end to record a result."));
    const QDateTime when = report.finishedAt.isValid() ? report.finishedAt : QDateTime::currentDateTimeUtc();
    return repository.recordTestResult(serverId, ConnectionVerdicts::id(report.verdict()), report.summary(), when);
}
