#include "CsvMirror.h"

#include "CsvImportPlan.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace {
StorageError readError(const QSqlQuery& query)
{
    return {StorageError::Kind::Sql,
        QCoreApplication::translate("DirectoryLookup",
            "Could not read the directory: %1. Close other programs using the profile and try again.")
            .arg(query.lastError().text())};
}
} // namespace

Result<CsvMirror::Start, StorageError> CsvMirror::start(Database& database)
{
    QSqlQuery query(database.connection());
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0), COUNT(*) FROM directory_users")) || !query.next()) {
        return readError(query);
    }
    return Start {query.value(0).toLongLong(), query.value(1).toInt()};
}

Status<StorageError> CsvMirror::listUserRemovals(Database& database, const Start& start, CsvImportPlan& plan)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, user_name FROM directory_users WHERE id <= ? ORDER BY user_name_key"));
    query.addBindValue(start.maxUserId);
    if (!query.exec()) {
        return readError(query);
    }
    while (query.next()) {
        const qint64 id = query.value(0).toLongLong();
        if (plan.matchedIds.contains(id)) {
            continue;
        }
        plan.removeIds.append(id);
        if (plan.removals.size() < CsvImportLimits::maxListedIssues) {
            plan.removals.append(query.value(1).toString());
        }
    }
    return {};
}

Status<StorageError> CsvMirror::removeUsers(QSqlDatabase& db, const QList<qint64>& ids)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM directory_users WHERE id = ?"));
    for (const qint64 id : ids) {
        query.addBindValue(id);
        if (!query.exec()) {
            return StorageError {StorageError::Kind::Sql,
                QCoreApplication::translate("DirectoryRepository", "Could not delete the user: %1")
                    .arg(query.lastError().text())};
        }
    }
    return {};
}
