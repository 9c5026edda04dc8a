#pragma once

#include "storage/StorageError.h"
#include "util/Result.h"

#include <QString>
#include <QStringList>

class DirectorySnapshot;
class QIODevice;

// Writes the directory as CSV through CsvWriter (so formula injection is neutralised), in
// the layout DirectoryCsvImporter reads back.
//  users:  every standard attribute, then one column per custom attribute (sorted by name)
//  groups: objectId, group, description, parent, member — one row per user membership,
//          one per parent group, and one bare row for a group with neither
class DirectoryCsvExporter
{
public:
    static QStringList userColumns(const DirectorySnapshot& directory);
    static Status<StorageError> writeUsers(const DirectorySnapshot& directory, QIODevice* device);
    static Status<StorageError> writeGroups(const DirectorySnapshot& directory, QIODevice* device);
    // Written atomically: an interrupted export never leaves half a file behind.
    static Status<StorageError> exportUsersToFile(const DirectorySnapshot& directory, const QString& path);
    static Status<StorageError> exportGroupsToFile(const DirectorySnapshot& directory, const QString& path);
};
