#pragma once

#include <storage/StorageError.h>
#include <util/Result.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

class Database;

// One operation of a run as the journal keeps it: enough to explain it to an admin and
// to AWS support (HTTP status, request id), and to show before → after.
struct JournalEntry
{
    qint64 sequence = 0;
    QString action; // PlannedOperation::kindId, or e.g. "link-user" for a 409 resolved by lookup
    QString objectKind; // "user" or "group"
    QString objectName;
    QString directoryObjectId;
    QString targetId;
    QString status; // "ok", "failed", "skipped", "cancelled"
    int httpStatus = 0;
    QString requestId;
    QString error;
    QJsonObject before;
    QJsonObject after;
    QDateTime startedAt;
    QDateTime finishedAt;
};

// A row of sync_runs.
struct SyncRunRecord
{
    qint64 id = 0;
    qint64 applicationId = 0;
    QString planId;
    QString mode; // "preview", "apply", "single-user"
    QString status; // "running", "succeeded", "failed", "cancelled", "partial"
    QDateTime startedAt;
    QDateTime finishedAt;
    QJsonObject summary;
};

// sync_runs and journal_entries. Entries are buffered and written in one transaction every
// `batchSize` entries or 250 ms, so a 10,000-operation run does not do 10,000 commits.
// Use from one thread at a time (an apply writes through JournalWriter's thread).
class JournalStore
{
public:
    explicit JournalStore(std::shared_ptr<Database> database, int batchSize = 200);
    ~JournalStore();

    Result<qint64, StorageError> beginRun(qint64 applicationId, const QString& planId, const QString& mode);
    // Buffers the entry; writes the buffer when it is full or older than 250 ms.
    Status<StorageError> append(qint64 runId, JournalEntry entry);
    Status<StorageError> flush();
    Status<StorageError> finishRun(qint64 runId, const QString& status, const QJsonObject& summary);

    Result<QList<SyncRunRecord>, StorageError> runs(qint64 applicationId, int limit = 50) const;
    Result<QList<JournalEntry>, StorageError> entries(qint64 runId) const;
    // A run left "running" by a crash, so the next one can say so.
    Result<QList<SyncRunRecord>, StorageError> unfinishedRuns(qint64 applicationId) const;

private:
    std::shared_ptr<Database> m_database;
    int m_batchSize;
    QList<QPair<qint64, JournalEntry>> m_pending;
    QElapsedTimer m_sinceFlush;
};
