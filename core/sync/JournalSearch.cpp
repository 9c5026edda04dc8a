#include "JournalSearch.h"

#include "JournalRows.h"

#include <storage/Database.h>
#include <storage/SqlValues.h>

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

namespace {
StorageError readError(const QSqlQuery& query)
{
    return StorageError {StorageError::Kind::Sql,
        QCoreApplication::translate("JournalSearch",
            "Could not read the sync history (%1). Check that the profile folder is readable; nothing was changed.")
            .arg(query.lastError().text())};
}

const QString kEntryColumns = QStringLiteral("SELECT %1, r.id, r.application_id, r.mode, r.started_at "
                                             "FROM journal_entries e JOIN sync_runs r ON r.id = e.run_id ")
                                  .arg(JournalRows::entryColumns(QStringLiteral("e")));

const QString kRunColumns
    = QStringLiteral("SELECT %1 FROM sync_runs r ").arg(JournalRows::runColumns(QStringLiteral("r")));

QList<JournalHit> readHits(QSqlQuery& query)
{
    QList<JournalHit> hits;
    while (query.next()) {
        JournalHit hit;
        hit.entry = JournalRows::entry(query);
        hit.runId = query.value(14).toLongLong();
        hit.applicationId = query.value(15).toLongLong();
        hit.runMode = query.value(16).toString();
        hit.runStartedAt = SqlValues::toDateTime(query.value(17));
        hits.append(hit);
    }
    return hits;
}

// LIKE with the user's % and _ taken literally.
QString likePattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// The WHERE clause of the entry filters (over alias e) and of the run filters (alias r).
void entryConditions(const JournalQuery& query, QStringList& where, QVariantList& values)
{
    if (!query.object.isEmpty()) {
        where << QStringLiteral("(e.object_name LIKE ? ESCAPE '\\' OR e.directory_object_id LIKE ? ESCAPE '\\' OR "
                                "e.target_id LIKE ? ESCAPE '\\')");
        const QString pattern = likePattern(query.object);
        values << pattern << pattern << pattern;
    }
    if (!query.action.isEmpty()) {
        where << QStringLiteral("e.action = ?");
        values << query.action;
    }
    if (!query.status.isEmpty()) {
        where << QStringLiteral("e.status = ?");
        values << query.status;
    }
}

void runConditions(const JournalQuery& query, QStringList& where, QVariantList& values)
{
    if (query.applicationId > 0) {
        where << QStringLiteral("r.application_id = ?");
        values << query.applicationId;
    }
    if (query.runId > 0) {
        where << QStringLiteral("r.id = ?");
        values << query.runId;
    }
    if (query.from.isValid()) {
        where << QStringLiteral("r.started_at >= ?");
        values << JournalSearch::dayStart(query.from);
    }
    if (query.to.isValid()) {
        where << QStringLiteral("r.started_at < ?");
        values << JournalSearch::dayStart(query.to.addDays(1));
    }
}

QString whereClause(const QStringList& where)
{
    return where.isEmpty() ? QString()
                           : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")) + QLatin1Char(' ');
}

bool run(QSqlQuery& sql, const QString& text, const QVariantList& values)
{
    sql.setForwardOnly(true);
    if (!sql.prepare(text)) {
        return false;
    }
    for (const auto& value : values) {
        sql.addBindValue(value);
    }
    return sql.exec();
}

// The run status an entry status stands for, so "failed" also finds a run that failed before
// it journalled anything.
QStringList runStatusesFor(const QString& entryStatus)
{
    if (entryStatus == QLatin1String("ok")) {
        return {QStringLiteral("succeeded")};
    }
    if (entryStatus == QLatin1String("failed")) {
        return {QStringLiteral("failed"), QStringLiteral("partial")};
    }
    return {entryStatus};
}
} // namespace

JournalSearch::JournalSearch(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

QString JournalSearch::dayStart(const QDate& day)
{
    return SqlValues::fromDateTime(day.startOfDay()).toString();
}

Result<QList<JournalHit>, StorageError> JournalSearch::entries(const JournalQuery& query) const
{
    QStringList where;
    QVariantList values;
    runConditions(query, where, values);
    entryConditions(query, where, values);
    values << std::max(1, query.limit) << std::max(0, query.offset);
    QSqlQuery sql(m_database->connection());
    if (!run(sql,
            kEntryColumns + whereClause(where) + QStringLiteral("ORDER BY r.id DESC, e.sequence LIMIT ? OFFSET ?"),
            values)) {
        return readError(sql);
    }
    return readHits(sql);
}

Result<int, StorageError> JournalSearch::countEntries(const JournalQuery& query) const
{
    QStringList where;
    QVariantList values;
    runConditions(query, where, values);
    entryConditions(query, where, values);
    QSqlQuery sql(m_database->connection());
    if (!run(sql,
            QStringLiteral("SELECT COUNT(*) FROM journal_entries e JOIN sync_runs r ON r.id = e.run_id ")
                + whereClause(where),
            values)
        || !sql.next()) {
        return readError(sql);
    }
    return sql.value(0).toInt();
}

Result<QList<SyncRunRecord>, StorageError> JournalSearch::runs(const JournalQuery& query) const
{
    QStringList where;
    QVariantList values;
    runConditions(query, where, values);
    if (query.filtersEntries()) {
        QStringList inner {QStringLiteral("e.run_id = r.id")};
        QVariantList innerValues;
        entryConditions(query, inner, innerValues);
        QString matches = QStringLiteral("EXISTS (SELECT 1 FROM journal_entries e WHERE %1)")
                              .arg(inner.join(QStringLiteral(" AND ")));
        if (query.object.isEmpty() && query.action.isEmpty()) {
            const QStringList statuses = runStatusesFor(query.status);
            matches = QStringLiteral("(%1 OR r.status IN (%2))")
                          .arg(matches, QStringList(statuses.size(), QStringLiteral("?")).join(QLatin1Char(',')));
            for (const auto& status : statuses) {
                innerValues << status;
            }
        }
        where << matches;
        values << innerValues;
    }
    values << std::max(1, query.limit) << std::max(0, query.offset);
    QSqlQuery sql(m_database->connection());
    if (!run(sql, kRunColumns + whereClause(where) + QStringLiteral("ORDER BY r.id DESC LIMIT ? OFFSET ?"), values)) {
        return readError(sql);
    }
    QList<SyncRunRecord> result;
    while (sql.next()) {
        result.append(JournalRows::run(sql));
    }
    return result;
}

Result<QList<JournalHit>, StorageError> JournalSearch::objectHistory(
    qint64 applicationId, const QString& key, int limit, int offset) const
{
    QStringList where {QStringLiteral("(e.object_name = ? COLLATE NOCASE OR e.directory_object_id = ? OR "
                                      "e.target_id = ?)")};
    QVariantList values {key, key, key};
    if (applicationId > 0) {
        where << QStringLiteral("r.application_id = ?");
        values << applicationId;
    }
    values << std::max(1, limit) << std::max(0, offset);
    QSqlQuery sql(m_database->connection());
    if (!run(sql,
            kEntryColumns + whereClause(where) + QStringLiteral("ORDER BY r.id DESC, e.sequence DESC LIMIT ? OFFSET ?"),
            values)) {
        return readError(sql);
    }
    return readHits(sql);
}

Result<SyncActivity, StorageError> JournalSearch::activity(qint64 applicationId) const
{
    SyncActivity activity;
    QSqlQuery sql(m_database->connection());
    if (!run(sql, kRunColumns + QStringLiteral("WHERE r.application_id = ? ORDER BY r.id DESC LIMIT 1"),
            {applicationId})) {
        return readError(sql);
    }
    if (!sql.next()) {
        return activity;
    }
    activity.hasRun = true;
    activity.lastRun = JournalRows::run(sql);

    QSqlQuery success(m_database->connection());
    if (!run(success,
            QStringLiteral("SELECT MAX(id), MAX(started_at) FROM sync_runs WHERE application_id = ? AND status = "
                           "'succeeded'"),
            {applicationId})
        || !success.next()) {
        return readError(success);
    }
    const qint64 lastSuccessId = success.value(0).isNull() ? 0 : success.value(0).toLongLong();
    activity.lastSuccessAt = SqlValues::toDateTime(success.value(1));

    QSqlQuery since(m_database->connection());
    if (!run(since,
            QStringLiteral(
                "SELECT COUNT(*), (SELECT COUNT(*) FROM journal_entries e JOIN sync_runs f ON f.id = e.run_id "
                "WHERE f.application_id = ? AND f.id > ? AND e.status = 'failed') FROM sync_runs r "
                "WHERE r.application_id = ? AND r.id > ? AND r.status NOT IN ('succeeded', 'running')"),
            {applicationId, lastSuccessId, applicationId, lastSuccessId})
        || !since.next()) {
        return readError(since);
    }
    activity.runsSinceSuccess = since.value(0).toInt();
    activity.failedOperationsSinceSuccess = since.value(1).toInt();
    return activity;
}
