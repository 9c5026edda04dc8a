#pragma once

#include "Database.h"
#include "StorageError.h"
#include "util/Result.h"

#include <QString>
#include <QStringList>

#include <memory>

// A profile is a directory holding one SQLite database (and nothing secret). The GUI and
// the CLI share the default profile; --profile DIR or SCIMDESK_PROFILE choose another.
class Profile
{
public:
    static constexpr const char* environmentVariable = "SCIMDESK_PROFILE";
    static constexpr const char* databaseFileName = "scimdesk.db";

    static QString defaultDirectory();
    // --profile wins over SCIMDESK_PROFILE, which wins over the platform default.
    static QString resolveDirectory(const QString& commandLineOverride = {});

    // Creates the directory owner-only (0700) when missing and opens the database. An existing
    // directory or database readable by others is used, with a warning in warnings().
    static Result<Profile, StorageError> open(const QString& directory);

    QString directory() const { return m_directory; }
    QString databasePath() const;
    std::shared_ptr<Database> database() const { return m_database; }
    QStringList warnings() const { return m_warnings; }

private:
    QString m_directory;
    std::shared_ptr<Database> m_database;
    QStringList m_warnings;
};
