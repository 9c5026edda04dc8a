#pragma once

#include "DirectoryUserWriter.h"
#include "model/DirectoryGroup.h"
#include "model/DirectoryUser.h"
#include "storage/StorageError.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class Database;

// Users and groups of the embedded directory in the profile database.
// userName is unique ignoring case and surrounding spaces; so is a group's displayName.
// objectId is immutable (it is the SCIM externalId) and generated when empty.
class DirectoryRepository
{
public:
    explicit DirectoryRepository(std::shared_ptr<Database> database);

    std::shared_ptr<Database> database() const { return m_database; }

    // --- users
    // Field-level checks without writing; errors carry field "userName", "objectId" or
    // "customAttributes".
    Status<StorageError> validateUser(const DirectoryUser& user) const;
    Result<qint64, StorageError> createUser(const DirectoryUser& user);
    Status<StorageError> updateUser(const DirectoryUser& user);
    Status<StorageError> removeUser(qint64 id);
    Status<StorageError> removeUsers(const QList<qint64>& ids);

    std::optional<DirectoryUser> findUser(qint64 id) const;
    std::optional<DirectoryUser> findUserByUserName(const QString& userName) const;
    std::optional<DirectoryUser> findUserByObjectId(const QString& objectId) const;
    // Ordered by userName. `search` matches (case-insensitively, anywhere) userName, email,
    // displayName, given and family name; limit < 0 means all.
    QList<DirectoryUser> listUsers(const QString& search = {}, int limit = -1, int offset = 0) const;
    int countUsers(const QString& search = {}) const;

    // Creates users with id 0 and updates the others, all in one transaction with prepared
    // statements (100,000 users take seconds, not minutes). Any failure writes nothing.
    // Created users get their id and objectId filled in.
    Result<DirectoryWriteCounts, StorageError> saveUsers(QList<DirectoryUser>& users);

    // What nextBatch says after filling its batch.
    enum class BatchStep
    {
        More, // write this batch and ask again
        Last, // write this batch (it may be empty), then commit
        Abandon, // write nothing at all: roll back every earlier batch
    };
    // Writes users as nextBatch hands them over, batch after batch, in one transaction with the
    // same prepared statements as saveUsers, so that a file of millions of rows never has to be
    // held in memory and still lands completely or not at all. nextBatch fills the empty list it
    // is given and runs on this thread inside the transaction (its reads see earlier batches).
    // std::nullopt when it abandoned the write; any failure writes nothing.
    Result<std::optional<DirectoryWriteCounts>, StorageError> saveUserBatches(
        const std::function<BatchStep(QList<DirectoryUser>& batch)>& nextBatch);

    // --- groups
    Status<StorageError> validateGroup(const DirectoryGroup& group) const;
    // Creates the group with its members (memberUserIds / memberGroupIds).
    Result<qint64, StorageError> createGroup(const DirectoryGroup& group);
    // Updates name/description and replaces the members.
    Status<StorageError> updateGroup(const DirectoryGroup& group);
    Status<StorageError> removeGroup(qint64 id);
    // Replaces the direct members. A nesting that would make a group contain itself is
    // refused with a Validation error on field "memberGroupIds" naming the loop.
    Status<StorageError> setGroupMembers(qint64 groupId, const QList<qint64>& userIds, const QList<qint64>& groupIds);
    Status<StorageError> addGroupMembers(qint64 groupId, const QList<qint64>& userIds, const QList<qint64>& groupIds);
    Status<StorageError> removeGroupMembers(
        qint64 groupId, const QList<qint64>& userIds, const QList<qint64>& groupIds);

    // Groups come with their direct members filled in.
    std::optional<DirectoryGroup> findGroup(qint64 id) const;
    std::optional<DirectoryGroup> findGroupByDisplayName(const QString& displayName) const;
    QList<DirectoryGroup> listGroups(const QString& search = {}, int limit = -1, int offset = 0) const;
    int countGroups(const QString& search = {}) const;

    // Creates groups with id 0, updates the others and replaces their members, in one
    // transaction. A memberGroupIds entry -n (n >= 1) means the n-th group of this list, so a
    // batch can nest groups it creates. Created groups get their id and objectId filled in.
    Result<DirectoryWriteCounts, StorageError> saveGroups(QList<DirectoryGroup>& groups);

private:
    Status<StorageError> writeUser(QSqlDatabase& db, DirectoryUser& user, bool create) const;
    Status<StorageError> writeGroup(QSqlDatabase& db, DirectoryGroup& group, bool create) const;
    Status<StorageError> replaceMembers(
        QSqlDatabase& db, qint64 groupId, const QList<qint64>& userIds, const QList<qint64>& groupIds) const;
    Status<StorageError> checkNoNestingLoop(QSqlDatabase& db) const;
    std::optional<DirectoryUser> findUserWhere(const QString& where, const QVariant& value) const;
    std::optional<DirectoryGroup> findGroupWhere(const QString& where, const QVariant& value) const;
    void loadMembers(DirectoryGroup& group) const;

    std::shared_ptr<Database> m_database;
};
