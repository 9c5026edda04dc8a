#include "Database.h"

#include "Migrations.h"
#include "util/LogCategories.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>
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
    if (!file.exists()) {
        return {};
    }
    // ScimDesk never leaves an empty database behind (a new one is moved into place complete), so
    // an empty file is a database that was cut off: making a new profile in its place would hide
    // that everything in it is gone.
    if (file.size() == 0) {
        return StorageError {StorageError::Kind::Corrupt,
            tr("The profile database %1 is empty (0 bytes): it was cut off, for example by a full disk or by a "
               "copy or sync tool that failed. It has not been changed, and no new profile was made in its place. "
               "Restore it from a backup; or, to start again with an empty profile, move it away or delete it.")
                .arg(path)};
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

// Whether this process may change the database: its folder (for the journal files SQLite
// creates beside it) and the file itself must be writable.
bool canWrite(const QString& path)
{
    const QFileInfo file(path);
    return QFileInfo(file.absolutePath()).isWritable() && (!file.exists() || file.isWritable());
}

void removeDatabaseFiles(const QString& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        QFile::remove(path + QLatin1String(suffix));
    }
}
} // namespace

Database::Database(const QString& filePath, bool readOnly)
    : m_filePath(filePath)
    , m_readOnly(readOnly)
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

QString Database::keychainScope()
{
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral("SELECT value FROM profile_info WHERE name = 'keychain_scope'")) || !query.next()) {
        return {}; // a read-only profile older than migration 7
    }
    return query.value(0).toString();
}

Result<std::shared_ptr<Database>, StorageError> Database::open(const QString& filePath, int targetVersion)
{
    if (auto status = checkExistingFile(filePath); !status) {
        return status.error();
    }
    const int target = targetVersion < 0 ? Migrations::latestVersion() : targetVersion;
    const bool existed = QFile::exists(filePath);
    const bool readOnly = !canWrite(filePath);
    if (!existed) {
        if (readOnly) {
            return StorageError {StorageError::Kind::ReadOnly,
                tr("There is no profile database in %1 yet, and the folder is read-only, so none can be made. Make "
                   "the folder writable for you, or choose another profile with --profile.")
                    .arg(QFileInfo(filePath).absolutePath())};
        }
        if (auto created = createFile(filePath, target); !created) {
            return created.error();
        }
    }
    std::shared_ptr<Database> database(new Database(filePath, readOnly));
    QSqlDatabase db = database->connection();
    if (!db.isOpen()) {
        return StorageError {StorageError::Kind::Io,
            tr("Could not open the profile database %1: %2").arg(filePath, db.lastError().text())};
    }
    if (auto status = database->checkAndMigrate(db, existed, target); !status) {
        return status.error();
    }
    return database;
}

Status<StorageError> Database::createFile(const QString& filePath, int targetVersion)
{
    const QString building = filePath + QStringLiteral(".new-") + QUuid::createUuid().toString(QUuid::Id128);
    {
        // Created here first so that it is owner-only from the first byte.
        QFile file(building);
        if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(ownerReadWrite)) {
            return StorageError {StorageError::Kind::Io,
                tr("Could not create the profile database %1: %2").arg(filePath, file.errorString())};
        }
    }
    StorageError failure;
    {
        Database database(building, false);
        QSqlDatabase db = database.connection();
        if (!db.isOpen()) {
            failure = {StorageError::Kind::Io,
                tr("Could not create the profile database %1: %2").arg(filePath, db.lastError().text())};
        } else if (auto status = Migrations::apply(db, targetVersion); !status) {
            failure = status.error();
        }
    } // closing the last connection folds the write-ahead log into the file
    if (!failure.message.isEmpty()) {
        removeDatabaseFiles(building);
        return failure;
    }
    if (!QFile::rename(building, filePath)) {
        // Another process made the profile meanwhile; that one is used.
        removeDatabaseFiles(building);
        if (!QFile::exists(filePath)) {
            return StorageError {StorageError::Kind::Io, tr("Could not create the profile database %1.").arg(filePath)};
        }
    }
    return {};
}

Status<StorageError> Database::checkAndMigrate(QSqlDatabase& db, bool existed, int targetVersion)
{
    StorageError versionError;
    const int current = Migrations::currentVersion(db, &versionError);
    if (current < 0) {
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
                    .arg(m_filePath, reason)};
        }
    }
    if (m_readOnly && current < targetVersion) {
        return StorageError {StorageError::Kind::ReadOnly,
            tr("The profile in %1 was made by an older ScimDesk and must be upgraded before use, but it is "
               "read-only. Make the folder and scimdesk.db writable for you once, or choose another profile with "
               "--profile.")
                .arg(QFileInfo(m_filePath).absolutePath())};
    }
    return m_readOnly ? Status<StorageError>() : Migrations::apply(db, targetVersion);
}

StorageError Database::readOnlyError() const
{
    return {StorageError::Kind::ReadOnly,
        tr("The profile in %1 is read-only (the folder or scimdesk.db cannot be written by you), so nothing can be "
           "changed in it; reading works. Make the folder and the file writable for you, or work on a copy with "
           "--profile.")
            .arg(QFileInfo(m_filePath).absolutePath())};
}

QString Database::readOnlyName() const
{
    // A folder that cannot be written cannot hold SQLite's shared-memory file either; without
    // a write-ahead log to replay the file is then read as it is (immutable).
    const QFileInfo wal(m_filePath + QLatin1String("-wal"));
    const bool immutable
        = !QFileInfo(QFileInfo(m_filePath).absolutePath()).isWritable() && (!wal.exists() || wal.size() == 0);
    QUrl url = QUrl::fromLocalFile(m_filePath);
    url.setQuery(immutable ? QStringLiteral("mode=ro&immutable=1") : QStringLiteral("mode=ro"));
    return url.toString(QUrl::FullyEncoded);
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
    if (m_readOnly) {
        db.setDatabaseName(readOnlyName());
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        db.setDatabaseName(m_filePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
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
    if (m_readOnly) {
        // Switching the journal mode writes; a read-only file keeps the mode it has.
        return {};
    }
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
        // A write refused by the read-only file reads better as what it is.
        return m_readOnly && status.error().kind == StorageError::Kind::Sql ? readOnlyError() : status;
    }
    if (!db.commit()) {
        const QString reason = db.lastError().text();
        db.rollback();
        return m_readOnly ? readOnlyError()
                          : StorageError {StorageError::Kind::Sql, tr("Could not save the changes: %1").arg(reason)};
    }
    return {};
}
