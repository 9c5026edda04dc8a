#pragma once

#include "StorageError.h"
#include "model/DirectorySource.h"
#include "util/Result.h"
#include "validation/ValidationIssue.h"

#include <QList>
#include <QStringList>

#include <memory>
#include <optional>

class Database;

// Directory sources (Active Directory, LDAP) of the profile, without their bind password (the
// SecretStore keeps it; SourceCatalog saves both together). Names are unique regardless of case
// and surrounding spaces, like servers'.
class SourceRepository
{
public:
    explicit SourceRepository(std::shared_ptr<Database> database);

    // Every rule of SourceSettingsValidator plus name uniqueness (ignoring `excludeId`, the source
    // being edited), so a form shows exactly what saving would refuse.
    ValidationIssues issues(const DirectorySource& source, qint64 excludeId = 0) const;
    // issues() as one error (every issue's text, the first one's field); create() and update()
    // refuse what it refuses and write nothing.
    Status<StorageError> validate(const DirectorySource& source, qint64 excludeId = 0) const;
    bool nameExists(const QString& name, qint64 excludeId = 0) const;

    Result<qint64, StorageError> create(const DirectorySource& source);
    Status<StorageError> update(const DirectorySource& source);
    // Refused (Validation, field "applications") while an application reads from the source; the
    // message names them. The source's cache goes with it.
    Status<StorageError> remove(qint64 id);

    std::optional<DirectorySource> find(qint64 id) const;
    std::optional<DirectorySource> findByName(const QString& name) const;
    QList<DirectorySource> list() const;

    // Names of the applications whose users and groups come from this source.
    QStringList applicationsUsing(qint64 sourceId) const;

    Status<StorageError> setPasswordStoredAt(qint64 id, const QDateTime& when);

private:
    std::shared_ptr<Database> m_database;
};
