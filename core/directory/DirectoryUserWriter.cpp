#include "DirectoryUserWriter.h"

#include "DirectoryRows.h"
#include "storage/SqlValues.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QUuid>

namespace {
// The messages keep the repository's translation context.
QString tr(const char* text)
{
    return QCoreApplication::translate("DirectoryRepository", text);
}

// Binds the columns that INSERT and UPDATE share, in the order of both statements.
void bindUserColumns(QSqlQuery& query, const DirectoryUser& user, QString&& customJson)
{
    const QString userName = user.userName.trimmed();
    query.addBindValue(userName);
    query.addBindValue(SqlValues::nameKey(userName));
    query.addBindValue(SqlValues::text(user.email));
    query.addBindValue(SqlValues::text(user.givenName));
    query.addBindValue(SqlValues::text(user.familyName));
    query.addBindValue(SqlValues::text(user.displayName));
    query.addBindValue(SqlValues::text(user.phone));
    query.addBindValue(SqlValues::text(user.title));
    query.addBindValue(SqlValues::text(user.department));
    query.addBindValue(SqlValues::text(user.employeeNumber));
    query.addBindValue(SqlValues::text(user.manager));
    query.addBindValue(user.active ? 1 : 0);
    query.addBindValue(std::move(customJson));
}

const char* const insertUserSql
    = "INSERT INTO directory_users (user_name, user_name_key, email, given_name, family_name, display_name, phone,"
      " title, department, employee_number, manager, active, custom_json, object_id, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// objectId never changes; the extra condition turns an attempt into "no row updated".
const char* const updateUserSql
    = "UPDATE directory_users SET user_name = ?, user_name_key = ?, email = ?, given_name = ?, family_name = ?,"
      " display_name = ?, phone = ?, title = ?, department = ?, employee_number = ?, manager = ?, active = ?,"
      " custom_json = ?, updated_at = ? WHERE id = ? AND (? = '' OR object_id = ?)";

// Maps a failed write of a user to the error an admin can act on.
StorageError userWriteError(const QSqlQuery& query, const DirectoryUser& user)
{
    const QString reason = query.lastError().text();
    if (reason.contains(QLatin1String("user_name_key"))) {
        return DirectoryUserWriter::duplicateUserName(user.userName);
    }
    if (reason.contains(QLatin1String("object_id"))) {
        return {StorageError::Kind::Duplicate,
            tr("Another user already has the object ID %1. Object IDs identify users on the SCIM server; leave "
               "it empty to generate a new one.")
                .arg(user.objectId),
            QStringLiteral("objectId")};
    }
    return {StorageError::Kind::Sql, tr("%1: %2").arg(tr("Could not save the user \"%1\"").arg(user.userName), reason)};
}

Status<StorageError> validateCustomAttributes(const DirectoryUser& user)
{
    static const QStringList standard = DirectoryUser::standardAttributeNames();
    for (auto it = user.customAttributes.constBegin(); it != user.customAttributes.constEnd(); ++it) {
        const QString name = it.key().trimmed();
        if (name.isEmpty()) {
            return StorageError::validation(
                QStringLiteral("customAttributes"), tr("A custom attribute has no name; give it a name or remove it."));
        }
        if (standard.contains(name, Qt::CaseInsensitive)) {
            return StorageError::validation(QStringLiteral("customAttributes"),
                tr("\"%1\" is a standard attribute, not a custom one; edit the standard field instead.").arg(name));
        }
    }
    return {};
}
} // namespace

DirectoryUserWriter::DirectoryUserWriter(const QSqlDatabase& db, QString now)
    : m_insert(db)
    , m_update(db)
    , m_now(std::move(now))
{
}

Status<StorageError> DirectoryUserWriter::prepare()
{
    if (!m_insert.prepare(QLatin1String(insertUserSql)) || !m_update.prepare(QLatin1String(updateUserSql))) {
        const QSqlQuery& failed = m_insert.lastError().isValid() ? m_insert : m_update;
        return StorageError {
            StorageError::Kind::Sql, tr("%1: %2").arg(tr("Could not prepare saving users"), failed.lastError().text())};
    }
    return {};
}

Status<StorageError> DirectoryUserWriter::validate(const DirectoryUser& user)
{
    if (user.userName.trimmed().isEmpty()) {
        return StorageError::validation(
            QStringLiteral("userName"), tr("Enter a user name; every directory user needs one."));
    }
    return validateCustomAttributes(user);
}

StorageError DirectoryUserWriter::duplicateUserName(const QString& userName)
{
    return {StorageError::Kind::Duplicate,
        tr("A user with the user name \"%1\" already exists (user names are compared ignoring case and "
           "surrounding spaces). Choose another user name, or edit the existing user.")
            .arg(userName.trimmed()),
        QStringLiteral("userName")};
}

QString DirectoryUserWriter::newObjectId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Status<StorageError> DirectoryUserWriter::write(QList<DirectoryUser>& users, DirectoryWriteCounts& counts)
{
    for (const auto& user : std::as_const(users)) {
        if (auto status = validate(user); !status) {
            return status;
        }
    }
    for (auto& user : users) {
        const bool create = user.id <= 0;
        if (auto written = writeOne(user, create); !written) {
            return written;
        }
        ++(create ? counts.created : counts.updated);
    }
    return {};
}

Status<StorageError> DirectoryUserWriter::writeOne(DirectoryUser& user, bool create)
{
    QSqlQuery& query = create ? m_insert : m_update;
    bindUserColumns(query, user, DirectoryRows::customToJson(user.customAttributes));
    if (create) {
        if (user.objectId.trimmed().isEmpty()) {
            user.objectId = newObjectId();
        }
        query.addBindValue(user.objectId.trimmed());
        query.addBindValue(m_now);
        query.addBindValue(m_now);
    } else {
        query.addBindValue(m_now);
        query.addBindValue(user.id);
        query.addBindValue(SqlValues::text(user.objectId.trimmed()));
        query.addBindValue(SqlValues::text(user.objectId.trimmed()));
    }
    if (!query.exec()) {
        return userWriteError(query, user);
    }
    if (create) {
        user.id = query.lastInsertId().toLongLong();
        user.createdAt = SqlValues::toDateTime(m_now);
    } else if (query.numRowsAffected() == 0) {
        return StorageError {StorageError::Kind::NotFound,
            tr("The user \"%1\" no longer exists, or its object ID was changed (object IDs cannot change). "
               "Reload the directory and try again.")
                .arg(user.userName),
            QStringLiteral("objectId")};
    }
    user.userName = user.userName.trimmed();
    user.updatedAt = SqlValues::toDateTime(m_now);
    return {};
}
