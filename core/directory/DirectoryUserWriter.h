#pragma once

#include "model/DirectoryUser.h"
#include "storage/StorageError.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

// What a bulk write did.
struct DirectoryWriteCounts
{
    int created = 0;
    int updated = 0;
};

// Writes directory users through two prepared statements (INSERT for id 0, UPDATE for the
// others) inside the caller's transaction on one connection: DirectoryRepository's saves, one
// user or a file of millions, all go through it. Created users get their id and objectId.
class DirectoryUserWriter
{
public:
    // now: the timestamp the writes record.
    DirectoryUserWriter(const QSqlDatabase& db, QString now);

    Status<StorageError> prepare();
    Status<StorageError> write(QList<DirectoryUser>& users, DirectoryWriteCounts& counts);

    // What saving needs of every user, on top of the database's own constraints.
    static Status<StorageError> validate(const DirectoryUser& user);
    static StorageError duplicateUserName(const QString& userName);
    static QString newObjectId();

private:
    Status<StorageError> writeOne(DirectoryUser& user, bool create);

    QSqlQuery m_insert;
    QSqlQuery m_update;
    QString m_now;
};
