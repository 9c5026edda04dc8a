#include "SourceLoader.h"

#include "SourceReadLog.h"
#include "storage/Database.h"
#include "util/LogCategories.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("SourceLoader", text);
}
} // namespace

SourceLoader::SourceLoader(std::shared_ptr<Database> database, DirectorySource source, DirectorySourceReader& reader)
    : m_database(database)
    , m_source(std::move(source))
    , m_reader(reader)
    , m_cache(std::move(database), m_source.id)
{
}

SourceReadError SourceLoader::storageError(const StorageError& error) const
{
    SourceReadError result;
    result.kind = SourceReadError::Kind::Protocol;
    result.message = tr("The read of \u201c%1\u201d was complete but could not be kept in the profile: %2")
                         .arg(m_source.name, error.message);
    result.remedy = tr("Nothing was changed. Check the disk space and permissions of the profile folder, then try "
                       "again.");
    return result;
}

Result<SourceLoadSummary, SourceReadError> SourceLoader::readAndStore(
    const QByteArray& password, const SourceReadRequest& request, const std::atomic_bool& cancelled)
{
    QElapsedTimer clock;
    clock.start();
    auto read = m_reader.read(m_source, password, request, cancelled);
    if (!read) {
        return read.error();
    }
    if (cancelled) {
        return SourceReadError {SourceReadError::Kind::Cancelled, tr("The read was cancelled."), {}, 0, {}};
    }
    auto stored = m_cache.store(read.value());
    if (!stored) {
        if (read->delta && stored.error().kind == StorageError::Kind::Validation) {
            return SourceReadError {SourceReadError::Kind::DeltaNotPossible, stored.error().message, {}, 0, {}};
        }
        return storageError(stored.error());
    }
    SourceLoadSummary summary;
    summary.delta = read->delta;
    summary.changes = stored.value();
    summary.notes = read->notes;
    summary.readAt = read->readAt.isValid() ? read->readAt : QDateTime::currentDateTimeUtc();
    summary.readMs = clock.elapsed();
    if (const auto state = m_cache.state()) {
        summary.users = state->users;
        summary.groups = state->groups;
    }
    return summary;
}

Result<SourceLoadSummary, SourceReadError> SourceLoader::load(
    const QByteArray& password, bool forceFull, const std::atomic_bool& cancelled)
{
    auto result = readDeltaOrFull(password, forceFull, cancelled);
    // A cancel says nothing about the directory: the last real outcome stays on record.
    if (result || result.error().kind != SourceReadError::Kind::Cancelled) {
        const auto recorded = SourceReadLog(m_database)
                                  .record(m_source.id,
                                      result ? SourceReadAttempt::succeededWith(result.value())
                                             : SourceReadAttempt::failedWith(result.error()));
        if (!recorded) {
            qCWarning(lcDirectory) << recorded.error().message;
        }
    }
    return result;
}

Result<SourceLoadSummary, SourceReadError> SourceLoader::readDeltaOrFull(
    const QByteArray& password, bool forceFull, const std::atomic_bool& cancelled)
{
    SourceReadRequest request;
    const auto state = m_cache.state();
    // Only a cache from the same server identity can take a delta; the reader checks the rest
    // (e.g. AD's invocationId after a restore) and refuses with DeltaNotPossible.
    if (!forceFull && state && !state->highWaterMark.isEmpty()) {
        request.full = false;
        request.sinceHighWaterMark = state->highWaterMark;
        request.expectedServerIdentity = state->serverIdentity;
    }
    auto result = readAndStore(password, request, cancelled);
    if (request.full || result || result.error().kind != SourceReadError::Kind::DeltaNotPossible) {
        return result;
    }
    const QString reason = result.error().message;
    request = SourceReadRequest {};
    auto full = readAndStore(password, request, cancelled);
    if (full) {
        full.value().fellBackToFull = true;
        full.value().fallbackReason = reason;
    }
    return full;
}

Result<DirectorySnapshot, SourceReadError> SourceLoader::loadSnapshot(
    const QByteArray& password, bool forceFull, const std::atomic_bool& cancelled, SourceLoadSummary* summary)
{
    auto loaded = load(password, forceFull, cancelled);
    if (!loaded) {
        return loaded.error();
    }
    QStringList notes;
    auto snapshot = m_cache.snapshot(&notes);
    if (!snapshot) {
        return storageError(snapshot.error());
    }
    if (summary) {
        *summary = loaded.value();
        summary->notes << notes;
    }
    return snapshot.value();
}

SourceLoadOutcome SourceLoader::loadWith(const SourceReaderFactory& factory, const std::shared_ptr<Database>& database,
    const DirectorySource& source, const QByteArray& password, bool forceFull, const std::atomic_bool& cancelled)
{
    const Database::ThreadConnection connection(database);
    SourceLoadOutcome outcome;
    std::unique_ptr<DirectorySourceReader> reader = factory ? factory(source) : nullptr;
    if (!reader) {
        outcome.error = {
            SourceReadError::Kind::InvalidSettings, tr("No directory reader is available for this source."), {}, 0, {}};
        return outcome;
    }
    auto snapshot
        = SourceLoader(database, source, *reader).loadSnapshot(password, forceFull, cancelled, &outcome.summary);
    if (snapshot) {
        outcome.snapshot = snapshot.value();
    } else {
        outcome.error = snapshot.error();
    }
    return outcome;
}
