#pragma once

#include "ScopingFilter.h"

#include <QDateTime>
#include <QList>
#include <QString>

// Who of the directory an application provisions.
struct Assignment
{
    bool allUsers = false;
    QList<qint64> userIds;
    QList<qint64> groupIds;
    ScopingFilters scopingFilters;

    bool operator==(const Assignment& other) const
    {
        return allUsers == other.allUsers && userIds == other.userIds && groupIds == other.groupIds
            && scopingFilters == other.scopingFilters;
    }
};

// An application in Application Manager, e.g. "AWS" integrated through SAML, with the
// SCIM server that provisions its users.
struct Application
{
    qint64 id = 0;
    QString name;
    QString description;
    QString signInProtocol; // "SAML 2.0", "OpenID Connect", or empty
    qint64 scimServerId = 0; // 0: no SCIM server assigned
    Assignment assignment;
    QDateTime lastSyncAt;
    QDateTime createdAt;
    QDateTime updatedAt;
};
