#include "JournalWriter.h"

#include <storage/Database.h>

#include <QThread>

#include <chrono>

JournalWriter::JournalWriter(std::shared_ptr<Database> database, qint64 applicationId, int batchSize)
    : m_database(std::move(database))
    , m_applicationId(applicationId)
    , m_batchSize(qMax(1, batchSize))
{
    // Named, so a profile or a debugger tells it from the executor's thread.
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("JournalWriter"));
    m_thread->start();
}

JournalWriter::~JournalWriter()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread->wait();
}

void JournalWriter::append(qint64 runId, JournalEntry entry)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_entries.append({runId, std::move(entry)});
    handedOver(lock);
}

void JournalWriter::upsertLink(TargetLink link)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_links.append({false, std::move(link)});
    handedOver(lock);
}

void JournalWriter::removeLink(TargetLink::Kind kind, const QString& directoryObjectId)
{
    TargetLink link;
    link.kind = kind;
    link.directoryObjectId = directoryObjectId;
    std::unique_lock<std::mutex> lock(m_mutex);
    m_links.append({true, std::move(link)});
    handedOver(lock);
}

void JournalWriter::handedOver(std::unique_lock<std::mutex>& lock)
{
    ++m_handedOver;
    const bool full = m_entries.size() + m_links.size() >= m_batchSize;
    lock.unlock();
    // Below a batch the writer's timed wait picks the rows up; no wake-up per row.
    if (full)
        m_wake.notify_one();
}

QStringList JournalWriter::drain()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    const qint64 target = m_handedOver;
    ++m_drainers;
    m_wake.notify_one();
    m_written.wait(lock, [&] { return m_done >= target; });
    --m_drainers;
    return std::exchange(m_errors, {});
}

bool JournalWriter::writeWanted() const
{
    return m_stop || (m_drainers > 0 && m_done < m_handedOver) || m_entries.size() + m_links.size() >= m_batchSize;
}

void JournalWriter::run()
{
    const Database::ThreadConnection connection(m_database);
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        if (m_entries.isEmpty() && m_links.isEmpty())
            m_wake.wait(lock, [&] { return m_stop || !m_entries.isEmpty() || !m_links.isEmpty(); });
        // The first row waits a little for company, so a commit carries a batch, not one row.
        m_wake.wait_for(lock, std::chrono::milliseconds(kMaxDelayMs), [&] { return writeWanted(); });
        auto entries = std::exchange(m_entries, {});
        auto links = std::exchange(m_links, {});
        const qint64 count = entries.size() + links.size();
        if (count > 0) {
            lock.unlock();
            QStringList errors;
            write(std::move(entries), std::move(links), &errors);
            lock.lock();
            m_errors += errors;
            m_done += count;
            m_written.notify_all();
        }
        if (m_stop && m_entries.isEmpty() && m_links.isEmpty())
            return;
    }
}

void JournalWriter::write(QList<QPair<qint64, JournalEntry>> entries, QList<LinkChange> links, QStringList* errors)
{
    if (!entries.isEmpty()) {
        JournalStore journal(m_database, int(entries.size()));
        for (auto& [runId, entry] : entries) {
            if (const auto saved = journal.append(runId, std::move(entry)); !saved)
                errors->append(saved.error().message);
        }
        if (const auto saved = journal.flush(); !saved)
            errors->append(saved.error().message);
    }
    // In the order handed over: a link dropped after a 404 and made again by the rematch stays.
    LinkStore store(m_database, m_applicationId);
    QList<TargetLink> upserts;
    const auto saveUpserts = [&] {
        if (const auto saved = store.upsertAll(std::exchange(upserts, {})); !saved)
            errors->append(saved.error().message);
    };
    for (auto& change : links) {
        if (!change.remove) {
            upserts.append(std::move(change.link));
            continue;
        }
        saveUpserts();
        if (const auto removed = store.remove(change.link.kind, change.link.directoryObjectId); !removed)
            errors->append(removed.error().message);
    }
    saveUpserts();
}
