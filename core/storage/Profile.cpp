#include "Profile.h"

#include "util/LogCategories.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("Profile", text);
}

constexpr QFileDevice::Permissions othersAccess = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
} // namespace

QString Profile::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString Profile::resolveDirectory(const QString& commandLineOverride)
{
    if (!commandLineOverride.isEmpty()) {
        return QDir::cleanPath(QDir(commandLineOverride).absolutePath());
    }
    const QString fromEnvironment = qEnvironmentVariable(environmentVariable);
    if (!fromEnvironment.isEmpty()) {
        return QDir::cleanPath(QDir(fromEnvironment).absolutePath());
    }
    return defaultDirectory();
}

QString Profile::databasePath() const
{
    return QDir(m_directory).filePath(QLatin1String(databaseFileName));
}

Result<Profile, StorageError> Profile::open(const QString& directory)
{
    Profile profile;
    profile.m_directory = QDir::cleanPath(QDir(directory).absolutePath());

    QFileInfo info(profile.m_directory);
    if (info.exists() && !info.isDir()) {
        return StorageError {StorageError::Kind::Io,
            tr("The profile location %1 is a file, not a directory. Choose a directory with --profile.")
                .arg(profile.m_directory)};
    }
    if (!info.exists()) {
        if (!QDir().mkpath(profile.m_directory)) {
            return StorageError {StorageError::Kind::Io,
                tr("Could not create the profile directory %1. Check that its parent exists and is writable, "
                   "or choose another profile with --profile.")
                    .arg(profile.m_directory)};
        }
        QFile::setPermissions(
            profile.m_directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    } else if (QFile::permissions(profile.m_directory) & othersAccess) {
        profile.m_warnings << tr("The profile directory %1 can be read by other users of this computer. "
                                 "Restrict it to yourself (for example: chmod 700 \"%1\").")
                                  .arg(profile.m_directory);
    }

    const QString dbPath = profile.databasePath();
    if (QFile::exists(dbPath) && (QFile::permissions(dbPath) & othersAccess)) {
        profile.m_warnings << tr("The profile database %1 can be read by other users of this computer. "
                                 "Restrict it to yourself (for example: chmod 600 \"%1\").")
                                  .arg(dbPath);
    }
    auto database = Database::open(dbPath);
    if (!database) {
        return database.error();
    }
    profile.m_database = database.value();
    if (profile.m_database->isReadOnly()) {
        profile.m_warnings << tr("The profile in %1 is read-only for you: it can be shown but not changed (saving "
                                 "servers or applications, syncs and imports are refused). Make the folder and "
                                 "scimdesk.db writable for you to change it.")
                                  .arg(profile.m_directory);
    }
    for (const auto& warning : std::as_const(profile.m_warnings)) {
        qCWarning(lcStorage).noquote() << warning;
    }
    return profile;
}
