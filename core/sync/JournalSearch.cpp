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

// The start of a name or id, with the user's % and _ taken literally. A prefix (not a part
// anywhere) is what lets SQLite search the NOCASE indexes of migration 6 instead of reading every
// entry of a journal that can hold millions.
QString prefixPattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return escaped + QLatin1Char('%');
}

// The WHERE clause of the entry filters (over alias e) and of the run filters (alias r).
void entryConditions(const JournalQuery& query, QStringList& where, QVariantList& values)
{
    if (!query.object.isEmpty()) {
        where << QStringLiteral("(e.object_name LIKE ? ESCAPE '\\' OR e.directory_object_id LIKE ? ESCAPE '\\' OR "
                                "e.target_id LIKE ? ESCAPE '\\')");
        const QString pattern = prefixPattern(query.object);
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

// The unary + keeps SQLite from starting at sync_runs' application index when the object is
// known: without statistics it would otherwise read every entry of the application's runs
// rather than the few the object indexes point at.
QString applicationCondition(const JournalQuery& query)
{
    return query.object.isEmpty() ? QStringLiteral("r.application_id = ?") : QStringLiteral("+r.application_id = ?");
}

void runConditions(const JournalQuery& query, QStringList& where, QVariantList& values)
{
    if (query.applicationId > 0) {
        where << applicationCondition(query);
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

JournalSearch::Statement JournalSearch::entriesStatement(const JournalQuery& query)
{
    QStringList where;
    Statement statement;
    runConditions(query, where, statement.values);
    entryConditions(query, where, statement.values);
    statement.values << std::max(1, query.limit) << std::max(0, query.offset);
    statement.text
        = kEntryColumns + whereClause(where) + QStringLiteral("ORDER BY r.id DESC, e.sequence LIMIT ? OFFSET ?");
    return statement;
}

JournalSearch::Statement JournalSearch::countStatement(const JournalQuery& query)
{
    QStringList where;
    Statement statement;
    runConditions(query, where, statement.values);
    entryConditions(query, where, statement.values);
    statement.text = QStringLiteral("SELECT COUNT(*) FROM journal_entries e JOIN sync_runs r ON r.id = e.run_id ")
        + whereClause(where);
    return statement;
}

JournalSearch::Statement JournalSearch::runsStatement(const JournalQuery& query)
{
    QStringList where;
    Statement statement;
    runConditions(query, where, statement.values);
    if (query.filtersEntries()) {
        QStringList inner;
        QVariantList innerValues;
        entryConditions(query, inner, innerValues);
        // With an object the indexes find its entries first; without one, each run stops at its
        // first matching entry.
        QString matches = query.object.isEmpty()
            ? QStringLiteral("EXISTS (SELECT 1 FROM journal_entries e WHERE e.run_id = r.id AND %1)")
                  .arg(inner.join(QStringLiteral(" AND ")))
            : QStringLiteral("r.id IN (SELECT e.run_id FROM journal_entries e WHERE %1)")
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
        statement.values << innerValues;
    }
    statement.values << std::max(1, query.limit) << std::max(0, query.offset);
    statement.text = kRunColumns + whereClause(where) + QStringLiteral("ORDER BY r.id DESC LIMIT ? OFFSET ?");
    return statement;
}

JournalSearch::Statement JournalSearch::objectHistoryStatement(
    qint64 applicationId, const QString& key, int limit, int offset)
{
    // Ids compare without case too: the NOCASE indexes answer, and the ids a source or a server
    // hands out (UUIDs, GUIDs, DNs) do not tell objects apart by case.
    QStringList where {QStringLiteral("(e.object_name = ? COLLATE NOCASE OR e.directory_object_id = ? COLLATE NOCASE "
                                      "OR e.target_id = ? COLLATE NOCASE)")};
    Statement statement;
    statement.values = {key, key, key};
    if (applicationId > 0) {
        where << QStringLiteral("+r.application_id = ?"); // see applicationCondition()
        statement.values << applicationId;
    }
    statement.values << std::max(1, limit) << std::max(0, offset);
    statement.text
        = kEntryColumns + whereClause(where) + QStringLiteral("ORDER BY r.id DESC, e.sequence DESC LIMIT ? OFFSET ?");
    return statement;
}

Result<QList<JournalHit>, StorageError> JournalSearch::entries(const JournalQuery& query) const
{
    const Statement statement = entriesStatement(query);
    QSqlQuery sql(m_database->connection());
    if (!run(sql, statement.text, statement.values)) {
        return readError(sql);
    }
    return readHits(sql);
}

Result<int, StorageError> JournalSearch::countEntries(const JournalQuery& query) const
{
    const Statement statement = countStatement(query);
    QSqlQuery sql(m_database->connection());
    if (!run(sql, statement.text, statement.values) || !sql.next()) {
        return readError(sql);
    }
    return sql.value(0).toInt();
}

Result<QList<SyncRunRecord>, StorageError> JournalSearch::runs(const JournalQuery& query) const
{
    const Statement statement = runsStatement(query);
    QSqlQuery sql(m_database->connection());
    if (!run(sql, statement.text, statement.values)) {
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
    const Statement statement = objectHistoryStatement(applicationId, key, limit, offset);
    QSqlQuery sql(m_database->connection());
    if (!run(sql, statement.text, statement.values)) {
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
