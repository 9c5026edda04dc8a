#include "Database.h"

#include "Migrations.h"
#include "util/LogCategories.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("Database", text);
}

constexpr QFileDevice::Permissions ownerReadWrite = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Checks the file header before SQLite sees the file: SQLite would happily open a text file
// lazily and fail later, and some pragmas write. A damaged profile must stay untouched.
Status<StorageError> checkExistingFile(const QString& path)
{
    QFile file(path);
    if (!file.exists() || file.size() == 0) {
        return {};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return StorageError {StorageError::Kind::Io,
            tr("The profile database %1 cannot be opened for reading: %2. Check its permissions.")
                .arg(path, file.errorString())};
    }
    const QByteArray header = file.read(16);
    if (header != QByteArray("SQLite format 3\0", 16)) {
        return StorageError {StorageError::Kind::Corrupt,
            tr("%1 is not a ScimDesk profile database (it is not an SQLite file, or it is damaged). "
               "It has not been changed. Restore it from a backup, move it away, or choose another profile "
               "with --profile.")
                .arg(path)};
    }
    return {};
}
} // namespace

Database::Database(const QString& filePath)
    : m_filePath(filePath)
    , m_connectionPrefix(QStringLiteral("scimdesk-") + QUuid::createUuid().toString(QUuid::Id128))
{
}

Database::~Database()
{
    QMutexLocker lock(&m_mutex);
    for (const auto& name : std::as_const(m_connectionNames)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

Result<std::shared_ptr<Database>, StorageError> Database::open(const QString& filePath, int targetVersion)
{
    if (auto status = checkExistingFile(filePath); !status) {
        return status.error();
    }
    const bool existed = QFileInfo(filePath).size() > 0;
    if (!QFile::exists(filePath)) {
        // Create the file ourselves so it is owner-only from the first byte.
        QFile file(filePath);
        if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(ownerReadWrite)) {
            return StorageError {StorageError::Kind::Io,
                tr("Could not create the profile database %1: %2").arg(filePath, file.errorString())};
        }
    }

    std::shared_ptr<Database> database(new Database(filePath));
    QSqlDatabase db = database->connection();
    if (!db.isOpen()) {
        return StorageError {StorageError::Kind::Io,
            tr("Could not open the profile database %1: %2").arg(filePath, db.lastError().text())};
    }
    StorageError versionError;
    if (Migrations::currentVersion(db, &versionError) < 0) {
        return versionError;
    }
    if (existed) {
        QSqlQuery check(db);
        if (!check.exec(QStringLiteral("PRAGMA quick_check(1)")) || !check.next()
            || check.value(0).toString() != QLatin1String("ok")) {
            const QString reason = check.lastError().isValid() ? check.lastError().text() : check.value(0).toString();
            return StorageError {StorageError::Kind::Corrupt,
                tr("The profile database %1 is damaged (%2). It has not been changed. Restore it from a backup, "
                   "move it away, or choose another profile with --profile.")
                    .arg(filePath, reason)};
        }
    }
    if (auto status = Migrations::apply(db, targetVersion < 0 ? Migrations::latestVersion() : targetVersion); !status) {
        return status.error();
    }
    return database;
}

int Database::schemaVersion()
{
    QSqlDatabase db = connection();
    return Migrations::currentVersion(db, nullptr);
}

QSqlDatabase Database::connection()
{
    const Qt::HANDLE thread = QThread::currentThreadId();
    QMutexLocker lock(&m_mutex);
    const auto existing = m_connectionNames.constFind(thread);
    if (existing != m_connectionNames.constEnd()) {
        return QSqlDatabase::database(*existing, false);
    }
    const QString name = m_connectionPrefix + QLatin1Char('-') + QString::number(quintptr(thread), 16);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_filePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    m_connectionNames.insert(thread, name);
    if (!db.open()) {
        qCWarning(lcStorage) << "Cannot open" << m_filePath << db.lastError().text();
        return db;
    }
    if (auto status = configure(db); !status) {
        qCWarning(lcStorage) << status.error().message;
    }
    return db;
}

void Database::releaseThreadConnection()
{
    QString name;
    {
        QMutexLocker lock(&m_mutex);
        name = m_connectionNames.take(QThread::currentThreadId());
    }
    if (name.isEmpty()) {
        return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

Status<StorageError> Database::configure(QSqlDatabase& db)
{
    QSqlQuery query(db);
    for (const auto* pragma :
        {"PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"}) {
        if (!query.exec(QLatin1String(pragma))) {
            return StorageError {StorageError::Kind::Sql,
                tr("Could not configure the profile database (%1): %2")
                    .arg(QLatin1String(pragma), query.lastError().text())};
        }
    }
    // SQLite creates -wal and -shm beside the database; keep them owner-only too.
    for (const auto* suffix : {"-wal", "-shm"}) {
        const QString path = m_filePath + QLatin1String(suffix);
        if (QFile::exists(path)) {
            QFile::setPermissions(path, ownerReadWrite);
        }
    }
    return {};
}

Status<StorageError> Database::transaction(const std::function<Status<StorageError>(QSqlDatabase&)>& body)
{
    QSqlDatabase db = connection();
    if (!db.transaction()) {
        return StorageError {
            StorageError::Kind::Sql, tr("Could not start a database transaction: %1").arg(db.lastError().text())};
    }
    Status<StorageError> status = body(db);
    if (!status) {
        db.rollback();
        return status;
    }
    if (!db.commit()) {
        const QString reason = db.lastError().text();
        db.rollback();
        return StorageError {StorageError::Kind::Sql, tr("Could not save the changes: %1").arg(reason)};
    }
    return {};
}
