#include "SyncRunSummary.h"

#include <QJsonArray>

SyncRunSummary SyncRunSummary::refused(const QString& planId, const QString& message)
{
    SyncRunSummary summary;
    summary.planId = planId;
    summary.status = Status::Refused;
    summary.message = message;
    return summary;
}

QString SyncRunSummary::statusId(Status status)
{
    switch (status) {
    case Status::Succeeded:
        return QStringLiteral("succeeded");
    case Status::Partial:
        return QStringLiteral("partial");
    case Status::Failed:
        return QStringLiteral("failed");
    case Status::Cancelled:
        return QStringLiteral("cancelled");
    case Status::Refused:
        return QStringLiteral("refused");
    }
    return QString();
}

QJsonObject SyncRunSummary::toJson() const
{
    return QJsonObject {
        {QStringLiteral("planId"), planId},
        {QStringLiteral("status"), statusId(status)},
        {QStringLiteral("total"), total},
        {QStringLiteral("succeeded"), succeeded},
        {QStringLiteral("failed"), failed},
        {QStringLiteral("skipped"), skipped},
        {QStringLiteral("skippedObjects"), skippedObjects},
        {QStringLiteral("conflictsLinked"), conflictsLinked},
        {QStringLiteral("rematched"), rematched},
        {QStringLiteral("requests"), requests},
        {QStringLiteral("retries"), retries},
        {QStringLiteral("throttled"), throttled},
        {QStringLiteral("errors"), QJsonArray::fromStringList(errors)},
        {QStringLiteral("message"), message},
    };
}
