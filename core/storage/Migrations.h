#pragma once

#include "StorageError.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QStringList>

// The profile database schema, as an ordered list of migrations. Each migration runs in
// one transaction together with the PRAGMA user_version bump, so a failure leaves the
// database exactly at the previous version.
class Migrations
{
public:
    static int latestVersion();
    static int currentVersion(QSqlDatabase& db, StorageError* error);
    // Upgrades the database to `targetVersion` (normally latestVersion()). Refuses a database
    // whose version is newer than this build knows, without touching it.
    static Status<StorageError> apply(QSqlDatabase& db, int targetVersion);

private:
    struct Migration
    {
        int version;
        const char* description;
        QStringList statements;
    };
    static const QList<Migration>& all();
};
