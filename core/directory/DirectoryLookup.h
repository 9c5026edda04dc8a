#pragma once

#include "model/DirectoryUser.h"
#include "storage/StorageError.h"

#include <QSqlQuery>
#include <QString>

#include <optional>

class Database;

// The directory's users as an import checks a file against them, one lookup at a time through
// the unique indexes instead of loading every user: checking a file of millions of rows then
// takes memory for the file's rows only, not for the whole directory. It runs its queries on the
// calling thread's connection, so inside a transaction it sees that transaction's writes.
// The first failing query is kept in error(); lookups after it report "not found".
// A directory without users at the start needs no user lookups at all (the first import of a
// big file): the only users are then those the pass itself writes, and a row that names one of
// them again is a repeat the file check reports first.
class DirectoryLookup
{
public:
    explicit DirectoryLookup(Database& database);

    // The user whose user name has this name key (SqlValues::nameKey).
    std::optional<DirectoryUser> userByNameKey(const QString& key);
    // The id of the user with this user name (compared as name keys); 0 when there is none.
    qint64 userIdByName(const QString& userName);
    bool objectIdTaken(const QString& objectId);

    const std::optional<StorageError>& error() const { return m_error; }

private:
    bool run(QSqlQuery& query, const QString& value);

    QSqlQuery m_userByKey;
    QSqlQuery m_idByKey;
    QSqlQuery m_objectId;
    bool m_noUsers = false;
    std::optional<StorageError> m_error;
};
