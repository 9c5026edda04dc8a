#include "ApplicationRepository.h"

#include "Database.h"
#include "ScopingFilterJson.h"
#include "SqlValues.h"
#include "validation/AssignmentValidator.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ApplicationRepository", text);
}

StorageError sqlError(const QSqlQuery& query, const QString& what)
{
    return {StorageError::Kind::Sql, QStringLiteral("%1: %2").arg(what, query.lastError().text())};
}

const char* const selectApplication = "SELECT id, name, description, sign_in_protocol, scim_server_id, last_sync_at,"
                                      " created_at, updated_at, source_id FROM applications";

Application applicationFromRow(const QSqlQuery& q)
{
    Application app;
    app.id = q.value(0).toLongLong();
    app.name = q.value(1).toString();
    app.description = q.value(2).toString();
    app.signInProtocol = q.value(3).toString();
    app.scimServerId = q.value(4).isNull() ? 0 : q.value(4).toLongLong();
    app.lastSyncAt = SqlValues::toDateTime(q.value(5));
    app.createdAt = SqlValues::toDateTime(q.value(6));
    app.updatedAt = SqlValues::toDateTime(q.value(7));
    app.sourceId = q.value(8).isNull() ? 0 : q.value(8).toLongLong();
    return app;
}

// 0 ("none", "the embedded directory") is stored as NULL.
QVariant optionalId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

QString idList(const QList<qint64>& ids)
{
    QStringList parts;
    for (const qint64 id : ids) {
        parts << QString::number(id);
    }
    return parts.join(QLatin1Char(','));
}

// The subset of `ids` found by `sql` (which has one %1 for the id list and binds `sourceId`
// when given).
QSet<qint64> existingIds(QSqlDatabase db, const QString& sql, const QList<qint64>& ids, qint64 sourceId)
{
    QSet<qint64> found;
    if (ids.isEmpty()) {
        return found;
    }
    QSqlQuery query(db);
    query.prepare(sql.arg(idList(ids)));
    if (sourceId > 0) {
        query.addBindValue(sourceId);
    }
    if (query.exec()) {
        while (query.next()) {
            found.insert(query.value(0).toLongLong());
        }
    }
    return found;
}
} // namespace

ApplicationRepository::ApplicationRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

Status<StorageError> ApplicationRepository::validate(const Application& application, qint64 excludeId) const
{
    const QString name = application.name.trimmed();
    if (name.isEmpty()) {
        return StorageError::validation(QStringLiteral("name"), tr("Enter an application name."));
    }
    if (name.size() > 100) {
        return StorageError::validation(
            QStringLiteral("name"), tr("The application name is too long: at most 100 characters."));
    }
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT 1 FROM applications WHERE name_key = ? AND id <> ?"));
    query.addBindValue(SqlValues::nameKey(name));
    query.addBindValue(excludeId);
    if (query.exec() && query.next()) {
        return StorageError {StorageError::Kind::Duplicate,
            tr("An application named \u201c%1\u201d already exists. Choose another name.").arg(name),
            QStringLiteral("name")};
    }
    AssignmentSourceIds sourceIds;
    if (application.sourceId > 0) {
        QSqlQuery source(m_database->connection());
        source.prepare(QStringLiteral("SELECT name FROM directory_sources WHERE id = ?"));
        source.addBindValue(application.sourceId);
        if (!source.exec() || !source.next()) {
            return StorageError::validation(QStringLiteral("source"),
                tr("The selected directory source no longer exists. Refresh the list and choose again."));
        }
        sourceIds.sourceName = tr("the directory source \u201c%1\u201d").arg(source.value(0).toString());
    } else {
        sourceIds.sourceName = tr("the embedded directory");
    }
    sourceIds.userIds = assignedIdsInSource(application, true);
    sourceIds.groupIds = assignedIdsInSource(application, false);
    // A condition the engine cannot evaluate matches nobody: saved, it would deprovision the users
    // it was meant to keep.
    if (const ValidationIssues issues = AssignmentValidator::validate(application.assignment, sourceIds);
        !issues.isEmpty()) {
        return StorageError::validation(issues.constFirst().field, Validation::joinedText(issues));
    }
    return {};
}

QSet<qint64> ApplicationRepository::assignedIdsInSource(const Application& application, bool users) const
{
    const QList<qint64>& ids = users ? application.assignment.userIds : application.assignment.groupIds;
    if (application.sourceId > 0) {
        return existingIds(m_database->connection(),
            QStringLiteral("SELECT id FROM source_objects WHERE id IN (%1) AND source_id = ? AND kind = '%2'")
                .arg(QStringLiteral("%1"), users ? QStringLiteral("user") : QStringLiteral("group")),
            ids, application.sourceId);
    }
    return existingIds(m_database->connection(),
        users ? QStringLiteral("SELECT id FROM directory_users WHERE id IN (%1)")
              : QStringLiteral("SELECT id FROM directory_groups WHERE id IN (%1)"),
        ids, 0);
}

Result<qint64, StorageError> ApplicationRepository::create(const Application& application)
{
    if (auto status = validate(application); !status) {
        return status.error();
    }
    qint64 id = 0;
    auto status = m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QSqlQuery query(db);
        query.prepare(
            QStringLiteral("INSERT INTO applications (name, name_key, description, sign_in_protocol,"
                           " scim_server_id, source_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        query.addBindValue(application.name.trimmed());
        query.addBindValue(SqlValues::nameKey(application.name));
        query.addBindValue(SqlValues::text(application.description));
        query.addBindValue(SqlValues::text(application.signInProtocol));
        query.addBindValue(optionalId(application.scimServerId));
        query.addBindValue(optionalId(application.sourceId));
        query.addBindValue(SqlValues::fromDateTime(now));
        query.addBindValue(SqlValues::fromDateTime(now));
        if (!query.exec()) {
            return sqlError(query, tr("Could not save the application"));
        }
        id = query.lastInsertId().toLongLong();
        return writeAssignment(db, id, application.sourceId, application.assignment);
    });
    if (!status) {
        return status.error();
    }
    return id;
}

Status<StorageError> ApplicationRepository::update(const Application& application)
{
    if (auto status = validate(application, application.id); !status) {
        return status;
    }
    return m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE applications SET name = ?, name_key = ?, description = ?,"
                                     " sign_in_protocol = ?, scim_server_id = ?, source_id = ?, updated_at = ?"
                                     " WHERE id = ?"));
        query.addBindValue(application.name.trimmed());
        query.addBindValue(SqlValues::nameKey(application.name));
        query.addBindValue(SqlValues::text(application.description));
        query.addBindValue(SqlValues::text(application.signInProtocol));
        query.addBindValue(optionalId(application.scimServerId));
        query.addBindValue(optionalId(application.sourceId));
        query.addBindValue(SqlValues::fromDateTime(QDateTime::currentDateTimeUtc()));
        query.addBindValue(application.id);
        if (!query.exec()) {
            return sqlError(query, tr("Could not save the application"));
        }
        if (query.numRowsAffected() == 0) {
            return StorageError {StorageError::Kind::NotFound, tr("The application no longer exists.")};
        }
        return writeAssignment(db, application.id, application.sourceId, application.assignment);
    });
}

Status<StorageError> ApplicationRepository::writeAssignment(
    QSqlDatabase& db, qint64 applicationId, qint64 sourceId, const Assignment& assignment) const
{
    for (const auto* table : {"assignments", "assignment_users", "assignment_groups", "assignment_source_objects"}) {
        QSqlQuery clear(db);
        clear.prepare(QStringLiteral("DELETE FROM %1 WHERE application_id = ?").arg(QLatin1String(table)));
        clear.addBindValue(applicationId);
        if (!clear.exec()) {
            return sqlError(clear, tr("Could not save the assignment"));
        }
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO assignments (application_id, all_users, all_groups, scoping_filters_json)"
                                 " VALUES (?, ?, ?, ?)"));
    query.addBindValue(applicationId);
    query.addBindValue(assignment.allUsers ? 1 : 0);
    query.addBindValue(assignment.allGroups ? 1 : 0);
    query.addBindValue(QString::fromUtf8(
        QJsonDocument(ScopingFilterJson::toJson(assignment.scopingFilters)).toJson(QJsonDocument::Compact)));
    if (!query.exec()) {
        return sqlError(query, tr("Could not save the assignment"));
    }
    const bool fromSource = sourceId > 0;
    QSqlQuery users(db);
    users.prepare(fromSource
            ? QStringLiteral(
                "INSERT OR IGNORE INTO assignment_source_objects (application_id, object_id) VALUES (?, ?)")
            : QStringLiteral("INSERT OR IGNORE INTO assignment_users (application_id, user_id) VALUES (?, ?)"));
    for (qint64 userId : assignment.userIds) {
        users.addBindValue(applicationId);
        users.addBindValue(userId);
        if (!users.exec()) {
            return StorageError {StorageError::Kind::Validation,
                tr("An assigned user no longer exists in the directory (id %1). Refresh and try again.").arg(userId),
                QStringLiteral("assignment")};
        }
    }
    QSqlQuery groups(db);
    groups.prepare(fromSource
            ? QStringLiteral(
                "INSERT OR IGNORE INTO assignment_source_objects (application_id, object_id) VALUES (?, ?)")
            : QStringLiteral("INSERT OR IGNORE INTO assignment_groups (application_id, group_id) VALUES (?, ?)"));
    for (qint64 groupId : assignment.groupIds) {
        groups.addBindValue(applicationId);
        groups.addBindValue(groupId);
        if (!groups.exec()) {
            return StorageError {StorageError::Kind::Validation,
                tr("An assigned group no longer exists in the directory (id %1). Refresh and try again.").arg(groupId),
                QStringLiteral("assignment")};
        }
    }
    return {};
}

Assignment ApplicationRepository::readAssignment(qint64 applicationId, qint64 sourceId) const
{
    Assignment assignment;
    QSqlDatabase db = m_database->connection();
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT all_users, scoping_filters_json, all_groups FROM assignments WHERE application_id = ?"));
    query.addBindValue(applicationId);
    if (query.exec() && query.next()) {
        assignment.allUsers = query.value(0).toBool();
        assignment.scopingFilters
            = ScopingFilterJson::fromJson(QJsonDocument::fromJson(query.value(1).toString().toUtf8()).array());
        assignment.allGroups = query.value(2).toBool();
    }
    const auto readIds = [&db, applicationId](const QString& sql, QList<qint64>& ids) {
        QSqlQuery rows(db);
        rows.prepare(sql);
        rows.addBindValue(applicationId);
        if (rows.exec()) {
            while (rows.next()) {
                ids.append(rows.value(0).toLongLong());
            }
        }
    };
    if (sourceId > 0) {
        const QString sql = QStringLiteral("SELECT a.object_id FROM assignment_source_objects a JOIN source_objects o"
                                           " ON o.id = a.object_id WHERE a.application_id = ? AND o.kind = '%1'"
                                           " ORDER BY a.object_id");
        readIds(sql.arg(QLatin1String("user")), assignment.userIds);
        readIds(sql.arg(QLatin1String("group")), assignment.groupIds);
        return assignment;
    }
    readIds(QStringLiteral("SELECT user_id FROM assignment_users WHERE application_id = ? ORDER BY user_id"),
        assignment.userIds);
    readIds(QStringLiteral("SELECT group_id FROM assignment_groups WHERE application_id = ? ORDER BY group_id"),
        assignment.groupIds);
    return assignment;
}

Status<StorageError> ApplicationRepository::remove(qint64 id)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("DELETE FROM applications WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        return sqlError(query, tr("Could not delete the application"));
    }
    if (query.numRowsAffected() == 0) {
        return StorageError {StorageError::Kind::NotFound, tr("The application no longer exists.")};
    }
    return {};
}

Status<StorageError> ApplicationRepository::setScimServer(qint64 applicationId, qint64 serverId)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE applications SET scim_server_id = ?, updated_at = ? WHERE id = ?"));
    query.addBindValue(optionalId(serverId));
    query.addBindValue(SqlValues::fromDateTime(QDateTime::currentDateTimeUtc()));
    query.addBindValue(applicationId);
    if (!query.exec()) {
        return StorageError {StorageError::Kind::Validation,
            tr("The selected SCIM server no longer exists. Refresh the list and choose again."),
            QStringLiteral("scimServer")};
    }
    if (query.numRowsAffected() == 0) {
        return StorageError {StorageError::Kind::NotFound, tr("The application no longer exists.")};
    }
    return {};
}

Status<StorageError> ApplicationRepository::setLastSyncAt(qint64 applicationId, const QDateTime& when)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE applications SET last_sync_at = ? WHERE id = ?"));
    query.addBindValue(SqlValues::fromDateTime(when));
    query.addBindValue(applicationId);
    if (!query.exec()) {
        return sqlError(query, tr("Could not record the sync time"));
    }
    return {};
}

std::optional<Application> ApplicationRepository::find(qint64 id) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QLatin1String(selectApplication) + QStringLiteral(" WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    Application app = applicationFromRow(query);
    app.assignment = readAssignment(app.id, app.sourceId);
    return app;
}

std::optional<Application> ApplicationRepository::findByName(const QString& name) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QLatin1String(selectApplication) + QStringLiteral(" WHERE name_key = ?"));
    query.addBindValue(SqlValues::nameKey(name));
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    Application app = applicationFromRow(query);
    app.assignment = readAssignment(app.id, app.sourceId);
    return app;
}

QList<Application> ApplicationRepository::list() const
{
    QList<Application> apps;
    QSqlQuery query(m_database->connection());
    if (!query.exec(QLatin1String(selectApplication) + QStringLiteral(" ORDER BY name_key"))) {
        return apps;
    }
    while (query.next()) {
        apps.append(applicationFromRow(query));
    }
    for (auto& app : apps) {
        app.assignment = readAssignment(app.id, app.sourceId);
    }
    return apps;
}
