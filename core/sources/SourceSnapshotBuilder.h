#pragma once

#include "CachedSourceObjects.h"
#include "directory/DirectorySnapshot.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

// Turns the cached last read of a directory source into the DirectorySnapshot the sync engine
// plans from: users and groups under their stable local ids, each group's members resolved to
// users and groups of the read. Nested groups stay nested (memberGroupIds): the snapshot and the
// scope evaluator expand them, and a loop in the nesting is harmless. Members that are neither
// (computers, foreign principals, entries outside the filters or the base DN) are left out and
// counted in the notes. Pure: no I/O, any thread.
class SourceSnapshotBuilder
{
public:
    static DirectorySnapshot build(const QList<CachedSourceUser>& users, const QList<CachedSourceGroup>& groups,
        const QDateTime& readAt, QStringList* notes = nullptr);
};
