#pragma once

#include "JournalStore.h"
#include "LinkStore.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <condition_variable>
#include <memory>
#include <mutex>

class QThread;

// Writes an apply's journal entries and link changes on a thread of its own, through that
// thread's own SQLite connection. The executor only hands rows over, so a slow commit (a
// checkpoint, the index upkeep of a big journal, another process holding the profile's write
// lock) no longer stops it from refilling the client's window while the rows are written.
// Rows are written in the order handed over, in batches: when `batchSize` are waiting, at the
// latest kMaxDelayMs after one was handed over (so a crash loses at most that much of the
// journal, as the executor's own 250 ms batches did before), and at once on drain().
class JournalWriter
{
public:
    JournalWriter(std::shared_ptr<Database> database, qint64 applicationId, int batchSize = 500);
    // Writes what is still waiting, then stops the thread.
    ~JournalWriter();

    JournalWriter(const JournalWriter&) = delete;
    JournalWriter& operator=(const JournalWriter&) = delete;

    void append(qint64 runId, JournalEntry entry);
    void upsertLink(TargetLink link);
    void removeLink(TargetLink::Kind kind, const QString& directoryObjectId);
    // Blocks until every row handed over so far is written (durable as far as the database
    // is); returns the write errors since the last drain.
    QStringList drain();

    static constexpr int kMaxDelayMs = 100;

private:
    struct LinkChange
    {
        bool remove = false;
        TargetLink link;
    };

    // Counts a row just queued under the lock, releases it and wakes the writer for a full batch.
    void handedOver(std::unique_lock<std::mutex>& lock);
    void run();
    bool writeWanted() const;
    void write(QList<QPair<qint64, JournalEntry>> entries, QList<LinkChange> links, QStringList* errors);

    std::shared_ptr<Database> m_database;
    const qint64 m_applicationId;
    const int m_batchSize;
    std::mutex m_mutex;
    std::condition_variable m_wake; // rows waiting, a drain, or stop
    std::condition_variable m_written; // a batch is written
    QList<QPair<qint64, JournalEntry>> m_entries;
    QList<LinkChange> m_links;
    QStringList m_errors;
    qint64 m_handedOver = 0;
    qint64 m_done = 0;
    int m_drainers = 0;
    bool m_stop = false;
    std::unique_ptr<QThread> m_thread;
};
