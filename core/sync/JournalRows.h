#pragma once

#include "JournalStore.h"

class QSqlQuery;

// Reads sync_runs and journal_entries rows from a query positioned on a row, for the journal
// store and its searches alike; columns from `first` on, in the order of runColumns()/entryColumns().
class JournalRows
{
public:
    // "id, application_id, plan_id, mode, status, started_at, finished_at, summary_json" over alias.
    static QString runColumns(const QString& alias);
    // "sequence, action, …, finished_at" over alias.
    static QString entryColumns(const QString& alias);
    static SyncRunRecord run(const QSqlQuery& query, int first = 0);
    static JournalEntry entry(const QSqlQuery& query, int first = 0);
};
