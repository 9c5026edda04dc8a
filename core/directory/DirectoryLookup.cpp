#include "DirectoryLookup.h"

#include "DirectoryRows.h"
#include "storage/Database.h"
#include "storage/SqlValues.h"

#include <QCoreApplication>
#include <QSqlError>

DirectoryLookup::DirectoryLookup(Database& database)
    : m_userByKey(database.connection())
    , m_idByKey(database.connection())
    , m_objectId(database.connection())
{
    for (QSqlQuery* query : {&m_userByKey, &m_idByKey, &m_objectId}) {
        query->setForwardOnly(true);
    }
    m_userByKey.prepare(
        QStringLiteral("SELECT %1 FROM directory_users WHERE user_name_key = ?").arg(DirectoryRows::userColumns()));
    m_idByKey.prepare(QStringLiteral("SELECT id FROM directory_users WHERE user_name_key = ?"));
    m_objectId.prepare(QStringLiteral("SELECT 1 FROM directory_users WHERE object_id = ?"));
    QSqlQuery any(database.connection());
    m_noUsers = any.exec(QStringLiteral("SELECT NOT EXISTS (SELECT 1 FROM directory_users)")) && any.next()
        && any.value(0).toBool();
}

bool DirectoryLookup::run(QSqlQuery& query, const QString& value)
{
    if (m_error || m_noUsers) {
        return false;
    }
    query.bindValue(0, value);
    if (!query.exec()) {
        m_error = StorageError {StorageError::Kind::Sql,
            QCoreApplication::translate("DirectoryLookup",
                "Could not read the directory: %1. Close other programs using the profile and try again.")
                .arg(query.lastError().text())};
        return false;
    }
    return query.next();
}

std::optional<DirectoryUser> DirectoryLookup::userByNameKey(const QString& key)
{
    std::optional<DirectoryUser> user;
    if (run(m_userByKey, key)) {
        user = DirectoryRows::userFromQuery(m_userByKey);
    }
    m_userByKey.finish();
    return user;
}

qint64 DirectoryLookup::userIdByName(const QString& userName)
{
    const qint64 id = run(m_idByKey, SqlValues::nameKey(userName)) ? m_idByKey.value(0).toLongLong() : 0;
    m_idByKey.finish();
    return id;
}

bool DirectoryLookup::objectIdTaken(const QString& objectId)
{
    const bool taken = run(m_objectId, objectId.trimmed());
    m_objectId.finish();
    return taken;
}
