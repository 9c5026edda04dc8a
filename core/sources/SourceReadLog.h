#pragma once

#include "SourceLoader.h"
#include "SourceReadError.h"
#include "storage/StorageError.h"
#include "util/Result.h"

#include <QDateTime>
#include <QString>

#include <memory>
#include <optional>

class Database;

// How the last read of a directory source went, whoever started it (Read Now, a sync, the CLI):
// what the Directory Sources page shows. The source cache keeps complete reads only; this keeps
// a failure too, with its message (never a secret).
struct SourceReadAttempt
{
    QDateTime attemptedAt;
    bool succeeded = false;
    bool delta = false;
    int users = 0;
    int groups = 0;
    qint64 readMs = 0;
    QString message; // a failure's message and remedy; empty after a success

    static SourceReadAttempt succeededWith(const SourceLoadSummary& summary);
    static SourceReadAttempt failedWith(const SourceReadError& error);
};

// The last read attempt per source in the profile database (source_read_attempts).
class SourceReadLog
{
public:
    explicit SourceReadLog(std::shared_ptr<Database> database);

    Status<StorageError> record(qint64 sourceId, const SourceReadAttempt& attempt);
    std::optional<SourceReadAttempt> last(qint64 sourceId) const;

private:
    std::shared_ptr<Database> m_database;
};
