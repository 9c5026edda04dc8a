#pragma once

#include "storage/StorageError.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QtGlobal>

class Database;
struct CsvImportPlan;

// The users side of a mirror import (DirectoryCsvImporter::setMirror): which directory users the
// file does not name. Users the import creates get ids above the highest id before it, so "not
// named" is "id at most that, and not matched by a row", also inside the import's transaction.
class CsvMirror
{
public:
    struct Start
    {
        qint64 maxUserId = 0;
        int userCount = 0;
    };

    // Read before the pass.
    static Result<Start, StorageError> start(Database& database);
    // The users present at start that no row matched, into plan.removeIds and plan.removals
    // (ordered by user name). Runs on this thread's connection, so inside a transaction too.
    static Status<StorageError> listUserRemovals(Database& database, const Start& start, CsvImportPlan& plan);
    // Deletes plan.removeIds; runs inside the caller's transaction.
    static Status<StorageError> removeUsers(QSqlDatabase& db, const QList<qint64>& ids);
};
