#pragma once

#include "SourceLoader.h"
#include "SourceReadError.h"
#include "SourceReaderFactory.h"
#include "model/DirectorySource.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

class Database;
class SecretStore;

// "Read Now" for one directory source, for the GUI: reads the bind password from the SecretStore
// (none for an anonymous bind), then loads the source into its cache with SourceLoader on a pool
// thread (incrementally when the last read allows it). The calling thread never waits: finished()
// or failed() arrive on it, and a job destroyed meanwhile is never called back. cancel() makes
// the read stop within the reader's 2 s; it then fails with Kind::Cancelled and keeps nothing.
class SourceReadJob : public QObject
{
    Q_OBJECT

public:
    SourceReadJob(std::shared_ptr<Database> database, SecretStore* secrets, SourceReaderFactory factory,
        DirectorySource source, QObject* parent = nullptr);
    ~SourceReadJob() override;

    const DirectorySource& source() const { return m_source; }
    bool isRunning() const { return m_running; }

    // Once per job.
    void start(bool full = false);
    void cancel();

signals:
    void finished(const SourceLoadSummary& summary);
    void failed(const SourceReadError& error);

private:
    void read(const QByteArray& password, bool full);
    void fail(const SourceReadError& error);

    std::shared_ptr<Database> m_database;
    QPointer<SecretStore> m_secrets;
    SourceReaderFactory m_factory;
    DirectorySource m_source;
    std::shared_ptr<std::atomic_bool> m_cancelled = std::make_shared<std::atomic_bool>(false);
    bool m_running = false;
    bool m_started = false;
};
