#include "JournalRows.h"

#include <storage/SqlValues.h>

#include <QJsonDocument>
#include <QSqlQuery>
#include <QStringList>

namespace {
QJsonObject jsonObject(const QVariant& value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QString prefixed(const QString& alias, const QStringList& columns)
{
    const QString prefix = alias.isEmpty() ? QString() : alias + QLatin1Char('.');
    QStringList result;
    for (const auto& column : columns) {
        result << prefix + column;
    }
    return result.join(QStringLiteral(", "));
}
} // namespace

QString JournalRows::runColumns(const QString& alias)
{
    return prefixed(alias,
        {QStringLiteral("id"), QStringLiteral("application_id"), QStringLiteral("plan_id"), QStringLiteral("mode"),
            QStringLiteral("status"), QStringLiteral("started_at"), QStringLiteral("finished_at"),
            QStringLiteral("summary_json")});
}

QString JournalRows::entryColumns(const QString& alias)
{
    return prefixed(alias,
        {QStringLiteral("sequence"), QStringLiteral("action"), QStringLiteral("object_kind"),
            QStringLiteral("object_name"), QStringLiteral("directory_object_id"), QStringLiteral("target_id"),
            QStringLiteral("status"), QStringLiteral("http_status"), QStringLiteral("request_id"),
            QStringLiteral("error"), QStringLiteral("before_json"), QStringLiteral("after_json"),
            QStringLiteral("started_at"), QStringLiteral("finished_at")});
}

SyncRunRecord JournalRows::run(const QSqlQuery& query, int first)
{
    SyncRunRecord run;
    run.id = query.value(first).toLongLong();
    run.applicationId = query.value(first + 1).toLongLong();
    run.planId = query.value(first + 2).toString();
    run.mode = query.value(first + 3).toString();
    run.status = query.value(first + 4).toString();
    run.startedAt = SqlValues::toDateTime(query.value(first + 5));
    run.finishedAt = SqlValues::toDateTime(query.value(first + 6));
    run.summary = jsonObject(query.value(first + 7));
    return run;
}

JournalEntry JournalRows::entry(const QSqlQuery& query, int first)
{
    JournalEntry entry;
    entry.sequence = query.value(first).toLongLong();
    entry.action = query.value(first + 1).toString();
    entry.objectKind = query.value(first + 2).toString();
    entry.objectName = query.value(first + 3).toString();
    entry.directoryObjectId = query.value(first + 4).toString();
    entry.targetId = query.value(first + 5).toString();
    entry.status = query.value(first + 6).toString();
    entry.httpStatus = query.value(first + 7).toInt();
    entry.requestId = query.value(first + 8).toString();
    entry.error = query.value(first + 9).toString();
    entry.before = jsonObject(query.value(first + 10));
    entry.after = jsonObject(query.value(first + 11));
    entry.startedAt = SqlValues::toDateTime(query.value(first + 12));
    entry.finishedAt = SqlValues::toDateTime(query.value(first + 13));
    return entry;
}
