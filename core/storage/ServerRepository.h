#pragma once

#include "StorageError.h"
#include "model/ScimServer.h"
#include "util/Result.h"
#include "validation/ValidationIssue.h"

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

    // Every rule of ServerSettingsValidator plus name uniqueness (ignoring `excludeId`, the
    // server being edited), so a form shows exactly what saving would refuse.
    ValidationIssues issues(const ScimServer& server, qint64 excludeId = 0) const;
    // issues() as one error (every issue's text, the first one's field); create() and update()
    // refuse what it refuses and write nothing.
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
