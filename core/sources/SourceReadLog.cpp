#include "SourceReadLog.h"

#include "storage/Database.h"
#include "storage/SqlValues.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("SourceReadLog", text);
}

// A failure message is the reader's sentence plus what the directory said: bounded, so a
// directory that answers with megabytes cannot bloat the profile.
constexpr int maxMessageLength = 2000;
} // namespace

SourceReadAttempt SourceReadAttempt::succeededWith(const SourceLoadSummary& summary)
{
    SourceReadAttempt attempt;
    attempt.attemptedAt = summary.readAt.isValid() ? summary.readAt : QDateTime::currentDateTimeUtc();
    attempt.succeeded = true;
    attempt.delta = summary.delta;
    attempt.users = summary.users;
    attempt.groups = summary.groups;
    attempt.readMs = summary.readMs;
    return attempt;
}

SourceReadAttempt SourceReadAttempt::failedWith(const SourceReadError& error)
{
    SourceReadAttempt attempt;
    attempt.attemptedAt = QDateTime::currentDateTimeUtc();
    QString message = error.message;
    if (!error.remedy.isEmpty()) {
        message += QLatin1Char(' ') + error.remedy;
    }
    attempt.message = message.left(maxMessageLength);
    return attempt;
}

SourceReadLog::SourceReadLog(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

Status<StorageError> SourceReadLog::record(qint64 sourceId, const SourceReadAttempt& attempt)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO source_read_attempts (source_id, attempted_at, succeeded,"
                                 " delta, users, groups, read_ms, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(sourceId);
    query.addBindValue(SqlValues::fromDateTime(attempt.attemptedAt));
    query.addBindValue(attempt.succeeded ? 1 : 0);
    query.addBindValue(attempt.delta ? 1 : 0);
    query.addBindValue(attempt.users);
    query.addBindValue(attempt.groups);
    query.addBindValue(attempt.readMs);
    query.addBindValue(SqlValues::text(attempt.message.left(maxMessageLength)));
    if (!query.exec()) {
        return StorageError {StorageError::Kind::Sql,
            tr("Could not record the read of the directory source: %1").arg(query.lastError().text())};
    }
    return {};
}

std::optional<SourceReadAttempt> SourceReadLog::last(qint64 sourceId) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT attempted_at, succeeded, delta, users, groups, read_ms, message"
                                 " FROM source_read_attempts WHERE source_id = ?"));
    query.addBindValue(sourceId);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    SourceReadAttempt attempt;
    attempt.attemptedAt = SqlValues::toDateTime(query.value(0));
    attempt.succeeded = query.value(1).toBool();
    attempt.delta = query.value(2).toBool();
    attempt.users = query.value(3).toInt();
    attempt.groups = query.value(4).toInt();
    attempt.readMs = query.value(5).toLongLong();
    attempt.message = query.value(6).toString();
    return attempt;
}
