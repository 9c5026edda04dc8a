#pragma once

#include "StorageError.h"
#include "model/Application.h"
#include "util/Result.h"

#include <QList>
#include <QSet>
#include <QSqlDatabase>

#include <memory>
#include <optional>

class Database;

// Applications of Application Manager with their SCIM server and assignment.
class ApplicationRepository
{
public:
    explicit ApplicationRepository(std::shared_ptr<Database> database);

    // Name (required, unique ignoring `excludeId`, at most 100 characters), the source (0, the
    // embedded directory, or an existing directory source) and the assignment's rules
    // (AssignmentValidator: every scoping condition usable, every assigned user and group one of
    // the application's source). create() and update() refuse what it refuses and write nothing.
    // The error holds every issue's text and the first one's field.
    Status<StorageError> validate(const Application& application, qint64 excludeId = 0) const;

    Result<qint64, StorageError> create(const Application& application);
    Status<StorageError> update(const Application& application);
    Status<StorageError> remove(qint64 id);
    // The seed flow's "SCIM Server" section: assign (or clear with 0) the provisioning server.
    Status<StorageError> setScimServer(qint64 applicationId, qint64 serverId);
    Status<StorageError> setLastSyncAt(qint64 applicationId, const QDateTime& when);

    std::optional<Application> find(qint64 id) const;
    std::optional<Application> findByName(const QString& name) const;
    QList<Application> list() const;

private:
    Status<StorageError> writeAssignment(
        QSqlDatabase& db, qint64 applicationId, qint64 sourceId, const Assignment& assignment) const;
    Assignment readAssignment(qint64 applicationId, qint64 sourceId) const;
    // The assigned user (or group) ids that are users (groups) of the application's source.
    QSet<qint64> assignedIdsInSource(const Application& application, bool users) const;

    std::shared_ptr<Database> m_database;
};
