#pragma once

#include "directory/DirectorySnapshot.h"
#include "model/DirectoryGroup.h"
#include "model/DirectoryUser.h"
#include "storage/StorageError.h"
#include "util/Result.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

class Database;

// A user as a directory view lists it. For a directory source, user.id is the stable local id,
// user.objectId the anchor (the externalId sent to SCIM servers) and dn the entry's DN.
struct BrowsedUser
{
    DirectoryUser user;
    QString dn;
};

// A group as a directory view lists it, with how many direct members it has. For a directory
// source, group.objectId is the anchor; unresolvedMembers counts member DNs that are no user or
// group of the last read (outside the base DN or the filters).
struct BrowsedGroup
{
    DirectoryGroup group;
    QString dn;
    int userMembers = 0;
    int groupMembers = 0;
    int unresolvedMembers = 0;
};

// Read-only, paged access to the users and groups of one identity source, whichever it is: the
// embedded directory, or a directory source's last complete read (SourceCache; the directory
// itself is not contacted). The Directory page, the assignment pickers and Provision User page,
// search and pick through it, so they work the same for both. Uses the calling thread's
// database connection.
class DirectoryBrowser
{
public:
    // sourceId 0: the embedded directory.
    DirectoryBrowser(std::shared_ptr<Database> database, qint64 sourceId = 0);

    qint64 sourceId() const { return m_sourceId; }
    bool isSource() const { return m_sourceId > 0; }
    std::shared_ptr<Database> database() const { return m_database; }

    // Users ordered by userName. search matches, ignoring case and anywhere, the userName, email,
    // display, given and family name and, for a source, the DN. limit < 0: all.
    int countUsers(const QString& search = {}) const;
    QList<BrowsedUser> listUsers(const QString& search = {}, int limit = -1, int offset = 0) const;
    std::optional<BrowsedUser> findUser(qint64 id) const;

    // Groups ordered by name. search matches the name, the description and, for a source, the DN.
    // Listed groups carry member counts; findGroup() also fills the member id lists.
    int countGroups(const QString& search = {}) const;
    QList<BrowsedGroup> listGroups(const QString& search = {}, int limit = -1, int offset = 0) const;
    std::optional<BrowsedGroup> findGroup(qint64 id) const;

    // Every user and group as the sync engine sees them (nested groups flattened for a source).
    Result<DirectorySnapshot, StorageError> snapshot() const;

private:
    std::shared_ptr<Database> m_database;
    qint64 m_sourceId = 0;
};
