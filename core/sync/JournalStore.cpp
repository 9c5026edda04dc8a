#include "JournalStore.h"

#include <storage/Database.h>
#include <storage/SqlValues.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace {
constexpr qint64 kFlushIntervalMs = 250;

StorageError sqlError(const QSqlQuery& query)
{
    return StorageError {StorageError::Kind::Sql,
        QCoreApplication::translate("JournalStore",
            "Could not write the sync journal (%1). Check that the profile folder is writable and has free "
            "space; the target was changed as the journal so far shows.")
            .arg(query.lastError().text())};
}

QString jsonText(const QJsonObject& object)
{
    return object.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QVariant& value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

SyncRunRecord readRun(const QSqlQuery& query)
{
    SyncRunRecord run;
    run.id = query.value(0).toLongLong();
    run.applicationId = query.value(1).toLongLong();
    run.planId = query.value(2).toString();
    run.mode = query.value(3).toString();
    run.status = query.value(4).toString();
    run.startedAt = SqlValues::toDateTime(query.value(5));
    run.finishedAt = SqlValues::toDateTime(query.value(6));
    run.summary = jsonObject(query.value(7));
    return run;
}

const QString kRunColumns = QStringLiteral(
    "SELECT id, application_id, plan_id, mode, status, started_at, finished_at, summary_json FROM sync_runs ");
} // namespace

JournalStore::JournalStore(std::shared_ptr<Database> database, int batchSize)
    : m_database(std::move(database))
    , m_batchSize(qMax(1, batchSize))
{
    m_sinceFlush.start();
}

JournalStore::~JournalStore()
{
    flush();
}

Result<qint64, StorageError> JournalStore::beginRun(qint64 applicationId, const QString& planId, const QString& mode)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("INSERT INTO sync_runs (application_id, plan_id, mode, status, started_at) "
                                 "VALUES (?, ?, ?, 'running', ?)"));
    query.addBindValue(applicationId);
    query.addBindValue(SqlValues::text(planId)); // a run cancelled before its plan has none
    query.addBindValue(mode);
    query.addBindValue(SqlValues::fromDateTime(QDateTime::currentDateTimeUtc()));
    if (!query.exec())
        return sqlError(query);
    return query.lastInsertId().toLongLong();
}

Status<StorageError> JournalStore::append(qint64 runId, JournalEntry entry)
{
    m_pending.append({runId, std::move(entry)});
    if (m_pending.size() >= m_batchSize || m_sinceFlush.elapsed() >= kFlushIntervalMs)
        return flush();
    return {};
}

Status<StorageError> JournalStore::flush()
{
    m_sinceFlush.restart();
    if (m_pending.isEmpty())
        return {};
    const auto pending = std::exchange(m_pending, {});
    return m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral(
            "INSERT INTO journal_entries (run_id, sequence, action, object_kind, object_name, directory_object_id, "
            "target_id, status, http_status, request_id, error, before_json, after_json, started_at, finished_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const auto& [runId, entry] : pending) {
            insert.addBindValue(runId);
            insert.addBindValue(entry.sequence);
            insert.addBindValue(entry.action);
            insert.addBindValue(entry.objectKind);
            insert.addBindValue(SqlValues::text(entry.objectName));
            insert.addBindValue(SqlValues::text(entry.directoryObjectId));
            insert.addBindValue(SqlValues::text(entry.targetId));
            insert.addBindValue(entry.status);
            insert.addBindValue(entry.httpStatus);
            insert.addBindValue(SqlValues::text(entry.requestId));
            insert.addBindValue(SqlValues::text(entry.error));
            insert.addBindValue(SqlValues::text(jsonText(entry.before)));
            insert.addBindValue(SqlValues::text(jsonText(entry.after)));
            insert.addBindValue(SqlValues::fromDateTime(entry.startedAt));
            insert.addBindValue(SqlValues::fromDateTime(entry.finishedAt));
            if (!insert.exec())
                return sqlError(insert);
        }
        return {};
    });
}

Status<StorageError> JournalStore::finishRun(qint64 runId, const QString& status, const QJsonObject& summary)
{
    const auto flushed = flush();
    if (!flushed)
        return flushed;
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE sync_runs SET status = ?, finished_at = ?, summary_json = ? WHERE id = ?"));
    query.addBindValue(status);
    query.addBindValue(SqlValues::fromDateTime(QDateTime::currentDateTimeUtc()));
    query.addBindValue(QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact)));
    query.addBindValue(runId);
    if (!query.exec())
        return sqlError(query);
    return {};
}

Result<QList<SyncRunRecord>, StorageError> JournalStore::runs(qint64 applicationId, int limit) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(kRunColumns + QStringLiteral("WHERE application_id = ? ORDER BY id DESC LIMIT ?"));
    query.addBindValue(applicationId);
    query.addBindValue(limit);
    if (!query.exec())
        return sqlError(query);
    QList<SyncRunRecord> result;
    while (query.next())
        result.append(readRun(query));
    return result;
}

Result<QList<SyncRunRecord>, StorageError> JournalStore::unfinishedRuns(qint64 applicationId) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(kRunColumns + QStringLiteral("WHERE application_id = ? AND status = 'running' ORDER BY id"));
    query.addBindValue(applicationId);
    if (!query.exec())
        return sqlError(query);
    QList<SyncRunRecord> result;
    while (query.next())
        result.append(readRun(query));
    return result;
}

Result<QList<JournalEntry>, StorageError> JournalStore::entries(qint64 runId) const
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT sequence, action, object_kind, object_name, directory_object_id, target_id, status, http_status, "
        "request_id, error, before_json, after_json, started_at, finished_at FROM journal_entries "
        "WHERE run_id = ? ORDER BY sequence"));
    query.addBindValue(runId);
    if (!query.exec())
        return sqlError(query);
    QList<JournalEntry> result;
    while (query.next()) {
        JournalEntry entry;
        entry.sequence = query.value(0).toLongLong();
        entry.action = query.value(1).toString();
        entry.objectKind = query.value(2).toString();
        entry.objectName = query.value(3).toString();
        entry.directoryObjectId = query.value(4).toString();
        entry.targetId = query.value(5).toString();
        entry.status = query.value(6).toString();
        entry.httpStatus = query.value(7).toInt();
        entry.requestId = query.value(8).toString();
        entry.error = query.value(9).toString();
        entry.before = jsonObject(query.value(10));
        entry.after = jsonObject(query.value(11));
        entry.startedAt = SqlValues::toDateTime(query.value(12));
        entry.finishedAt = SqlValues::toDateTime(query.value(13));
        result.append(entry);
    }
    return result;
}
