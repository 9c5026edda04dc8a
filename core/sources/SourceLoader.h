#pragma once

#include "DirectorySourceReader.h"
#include "SourceCache.h"
#include "SourceReadError.h"
#include "SourceReaderFactory.h"
#include "directory/DirectorySnapshot.h"
#include "model/DirectorySource.h"
#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

class Database;

// How one load of a directory source went, for the admin.
struct SourceLoadSummary
{
    bool delta = false; // an incremental read was merged into the cache
    bool fellBackToFull = false; // an incremental read was not possible, so the source was read fully
    QString fallbackReason;
    int users = 0; // present after the read
    int groups = 0;
    SourceCacheChanges changes;
    QStringList notes; // the reader's and the snapshot's
    QDateTime readAt;
    qint64 readMs = 0;
};

// One load as a value: the snapshot, or the error (a reader's, or the profile's).
struct SourceLoadOutcome
{
    std::optional<DirectorySnapshot> snapshot;
    SourceLoadSummary summary;
    SourceReadError error;
};

// Reads a directory source completely and stores the read in the SourceCache: incrementally when
// the cache has a high-water mark from the same server, fully otherwise, on request, or when the
// directory or the cache refuses the delta. Only a complete read reaches the cache; any failure
// leaves it as it was and is returned as the reader's SourceReadError. Every outcome but a cancel
// is recorded as the source's last read attempt (SourceReadLog). Blocking: call on a worker
// thread (the Database gives it its own connection).
class SourceLoader
{
public:
    SourceLoader(std::shared_ptr<Database> database, DirectorySource source, DirectorySourceReader& reader);

    Result<SourceLoadSummary, SourceReadError> load(
        const QByteArray& password, bool forceFull, const std::atomic_bool& cancelled);
    // load(), then the cache as the engine's snapshot.
    Result<DirectorySnapshot, SourceReadError> loadSnapshot(const QByteArray& password, bool forceFull,
        const std::atomic_bool& cancelled, SourceLoadSummary* summary = nullptr);

    // The whole of one load on a worker or pool thread, for the controller and the CLI alike: the
    // reader from factory, loadSnapshot(), and this thread's database connection released after.
    static SourceLoadOutcome loadWith(const SourceReaderFactory& factory, const std::shared_ptr<Database>& database,
        const DirectorySource& source, const QByteArray& password, bool forceFull, const std::atomic_bool& cancelled);

private:
    Result<SourceLoadSummary, SourceReadError> readDeltaOrFull(
        const QByteArray& password, bool forceFull, const std::atomic_bool& cancelled);
    Result<SourceLoadSummary, SourceReadError> readAndStore(
        const QByteArray& password, const SourceReadRequest& request, const std::atomic_bool& cancelled);
    SourceReadError storageError(const StorageError& error) const;

    std::shared_ptr<Database> m_database;
    DirectorySource m_source;
    DirectorySourceReader& m_reader;
    SourceCache m_cache;
};
