#pragma once

#include "ScopingFilter.h"

#include <QDateTime>
#include <QList>
#include <QString>

// Who of the application's source an application provisions. The ids are the source's: the
// embedded directory's user and group ids, or a directory source's stable local ids (SourceCache).
struct Assignment
{
    bool allUsers = false;
    // Every group the source holds (for a directory source: every group its group filter
    // returns) is assigned, as if each were listed in groupIds: the groups are provisioned with
    // their nested members flattened, and their members are in scope. Groups that appear in the
    // source later are included by the next sync without editing the application.
    bool allGroups = false;
    QList<qint64> userIds;
    QList<qint64> groupIds;
    ScopingFilters scopingFilters;

    bool operator==(const Assignment& other) const
    {
        return allUsers == other.allUsers && allGroups == other.allGroups && userIds == other.userIds
            && groupIds == other.groupIds && scopingFilters == other.scopingFilters;
    }
};

// An application in Application Manager, e.g. "AWS" integrated through SAML, with the
// SCIM server that provisions its users and the source they come from.
struct Application
{
    qint64 id = 0;
    QString name;
    QString description;
    QString signInProtocol; // "SAML 2.0", "OpenID Connect", or empty
    qint64 scimServerId = 0; // 0: no SCIM server assigned
    qint64 sourceId = 0; // the directory source users and groups come from; 0: the embedded directory
    Assignment assignment;
    QDateTime lastSyncAt;
    QDateTime createdAt;
    QDateTime updatedAt;
};
