#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

// A group of the embedded directory; groups can contain users and other groups.
struct DirectoryGroup
{
    qint64 id = 0;
    QString objectId;
    QString displayName;
    QString description;
    QList<qint64> memberUserIds;
    QList<qint64> memberGroupIds;
    QDateTime createdAt;
    QDateTime updatedAt;
};
