#pragma once

#include "StorageError.h"
#include "util/Result.h"

#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

// One SQLite profile database. QtSql connections are bound to the thread that made them,
// so each thread that touches the database gets its own connection, opened on demand.
class Database
{
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (creating if needed, with owner-only permissions) and migrates to targetVersion.
    // A file that is not an SQLite database, an empty (0-byte) one, or one from a newer ScimDesk,
    // is refused and left exactly as it was. A new database is built beside its final name and
    // moved there complete, so an interrupted first start never leaves a half-made profile.
    // When the folder or the file cannot be written the database is opened read-only:
    // everything can be read, every write fails with readOnlyError().
    static Result<std::shared_ptr<Database>, StorageError> open(const QString& filePath, int targetVersion = -1);

    QString filePath() const { return m_filePath; }
    bool isReadOnly() const { return m_readOnly; }
    // What a write to a read-only profile answers.
    StorageError readOnlyError() const;
    int schemaVersion();
    // What keeps this profile's keychain entries apart from other profiles' (see
    // SecretStore::setProfileScope); empty for a profile that had servers or sources before
    // scopes existed, whose entries keep their names.
    QString keychainScope();

    // The calling thread's connection. Valid until releaseThreadConnection() or destruction.
    QSqlDatabase connection();
    // A worker thread calls this before it ends.
    void releaseThreadConnection();

    // Releases the current thread's connection when it goes out of scope. Every piece of work
    // that runs on a pool or worker thread holds one:
    //     const Database::ThreadConnection scope(database);
    class ThreadConnection
    {
    public:
        explicit ThreadConnection(std::shared_ptr<Database> database)
            : m_database(std::move(database))
        {
        }
        ~ThreadConnection()
        {
            if (m_database)
                m_database->releaseThreadConnection();
        }
        ThreadConnection(const ThreadConnection&) = delete;
        ThreadConnection& operator=(const ThreadConnection&) = delete;

    private:
        std::shared_ptr<Database> m_database;
    };

    // Runs body inside a transaction; commits when it returns success, rolls back otherwise.
    Status<StorageError> transaction(const std::function<Status<StorageError>(QSqlDatabase&)>& body);

private:
    Database(const QString& filePath, bool readOnly);
    static Status<StorageError> createFile(const QString& filePath, int targetVersion);
    Status<StorageError> checkAndMigrate(QSqlDatabase& db, bool existed, int targetVersion);
    Status<StorageError> configure(QSqlDatabase& db);
    QString readOnlyName() const;

    QString m_filePath;
    bool m_readOnly = false;
    QString m_connectionPrefix;
    QMutex m_mutex;
    QHash<Qt::HANDLE, QString> m_connectionNames;
};
