#pragma once

#include "StorageError.h"
#include "model/ScimServer.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <memory>
#include <optional>

class Database;

// SCIM servers and everything that belongs to them, except their secrets.
class ServerRepository
{
public:
    explicit ServerRepository(std::shared_ptr<Database> database);

    // Checks what a form can check before saving: required fields, lengths, URL shape and
    // name uniqueness (ignoring `excludeId`, the server being edited).
    Status<StorageError> validate(const ScimServer& server, qint64 excludeId = 0) const;
    bool nameExists(const QString& name, qint64 excludeId = 0) const;

    Result<qint64, StorageError> create(const ScimServer& server);
    Status<StorageError> update(const ScimServer& server);
    Status<StorageError> remove(qint64 id);

    std::optional<ScimServer> find(qint64 id) const;
    std::optional<ScimServer> findByName(const QString& name) const;
    QList<ScimServer> list() const;

    // Names of the applications provisioned through this server.
    QStringList applicationsUsing(qint64 serverId) const;

    Status<StorageError> setSecretStoredAt(qint64 id, const QDateTime& when);
    Status<StorageError> recordTestResult(
        qint64 id, const QString& verdict, const QString& summary, const QDateTime& when);

private:
    Status<StorageError> writeChildren(QSqlDatabase& db, const ScimServer& server) const;
    ScimServer readChildren(ScimServer server) const;

    std::shared_ptr<Database> m_database;
};
