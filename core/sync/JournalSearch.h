#pragma once

#include "JournalStore.h"

#include <storage/StorageError.h>
#include <util/Result.h>

#include <QDate>
#include <QList>
#include <QString>
#include <QVariantList>

#include <memory>

class Database;

// What the History tab asks: every field left empty matches everything. Dates are the local
// calendar days (inclusive) the entry (or run) started on.
struct JournalQuery
{
    qint64 applicationId = 0; // 0: every application
    qint64 runId = 0; // 0: every run
    QString object; // the start of the object's name, directory id or target id (case-insensitive)
    QString action; // PlannedOperation::kindId, e.g. "create-user"
    QString status; // entry status: "ok", "failed", "skipped", "cancelled"
    QDate from;
    QDate to;
    // Pages: a journal of a million entries is read 200 rows at a time.
    int limit = 200;
    int offset = 0;

    // Whether a field that concerns the entries (not only the runs' dates) is set.
    bool filtersEntries() const { return !object.isEmpty() || !action.isEmpty() || !status.isEmpty(); }
};

// A journal entry with the run it belongs to.
struct JournalHit
{
    JournalEntry entry;
    qint64 runId = 0;
    qint64 applicationId = 0;
    QString runMode;
    QDateTime runStartedAt;
};

// An application's recent sync activity, for the overview.
struct SyncActivity
{
    bool hasRun = false;
    SyncRunRecord lastRun; // the newest finished (or running) apply or single-user run
    QDateTime lastSuccessAt; // the newest run that succeeded; invalid when none did
    int runsSinceSuccess = 0; // runs after lastSuccessAt that did not succeed (all runs if none did)
    int failedOperationsSinceSuccess = 0; // failed journal entries of those runs
};

// Read-only queries over sync_runs and journal_entries: filtered, paged and per object. Every
// query is bounded by its LIMIT, so a big journal costs one page, not the whole table.
class JournalSearch
{
public:
    explicit JournalSearch(std::shared_ptr<Database> database);

    Result<QList<JournalHit>, StorageError> entries(const JournalQuery& query) const;
    Result<int, StorageError> countEntries(const JournalQuery& query) const;
    // Runs started within the dates that hold at least one entry matching the entry filters
    // (runs whose own status matches too, for a run that failed before any entry).
    Result<QList<SyncRunRecord>, StorageError> runs(const JournalQuery& query) const;
    // "What happened to alice@example.com": the entries whose object name, directory id or
    // target id is key (case-insensitive), newest first, across runs.
    Result<QList<JournalHit>, StorageError> objectHistory(
        qint64 applicationId, const QString& key, int limit = 500, int offset = 0) const;
    Result<SyncActivity, StorageError> activity(qint64 applicationId) const;

    // The local day's start, as stored (UTC ISO text), for range comparisons.
    static QString dayStart(const QDate& day);

    // The SQL each query runs, with its values in order: what a test hands to EXPLAIN QUERY PLAN
    // to check that the journal's indexes answer it.
    struct Statement
    {
        QString text;
        QVariantList values;
    };
    static Statement entriesStatement(const JournalQuery& query);
    static Statement countStatement(const JournalQuery& query);
    static Statement runsStatement(const JournalQuery& query);
    static Statement objectHistoryStatement(qint64 applicationId, const QString& key, int limit, int offset);

private:
    std::shared_ptr<Database> m_database;
};
