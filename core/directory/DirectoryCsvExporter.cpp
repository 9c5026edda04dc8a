#include "DirectoryCsvExporter.h"

#include "CsvWriter.h"
#include "DirectorySnapshot.h"
#include "storage/SqlValues.h"
#include "util/OutputFile.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <functional>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("DirectoryCsvExporter", text);
}

StorageError writeError(const QString& reason)
{
    return {StorageError::Kind::Io,
        tr("Could not write the CSV file: %1. Check the free space and that you may write there.").arg(reason)};
}

// Sorted by name key, computed once per item rather than once per comparison.
template<typename T>
QList<const T*> sortedByName(const QList<T>& items, const std::function<QString(const T&)>& name)
{
    QList<std::pair<QString, const T*>> keyed;
    keyed.reserve(items.size());
    for (const T& item : items) {
        keyed.append({SqlValues::nameKey(name(item)), &item});
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QList<const T*> sorted;
    sorted.reserve(keyed.size());
    for (const auto& entry : std::as_const(keyed)) {
        sorted.append(entry.second);
    }
    return sorted;
}

Status<StorageError> saveTo(const QString& path, const std::function<Status<StorageError>(QIODevice*)>& write)
{
    const auto written = OutputFile::write(path, [&write](QIODevice* device, QString* error) {
        const auto status = write(device);
        if (!status) {
            *error = status.error().message;
        }
        return status.ok();
    });
    if (!written) {
        return StorageError {StorageError::Kind::Io, written.error()};
    }
    return {};
}
} // namespace

QStringList DirectoryCsvExporter::userColumns(const DirectorySnapshot& directory)
{
    QSet<QString> custom;
    for (const DirectoryUser& user : directory.users()) {
        for (auto it = user.customAttributes.constBegin(); it != user.customAttributes.constEnd(); ++it) {
            custom.insert(it.key());
        }
    }
    QStringList customColumns(custom.cbegin(), custom.cend());
    customColumns.sort(Qt::CaseInsensitive);
    return DirectoryUser::standardAttributeNames() + customColumns;
}

Status<StorageError> DirectoryCsvExporter::writeUsers(const DirectorySnapshot& directory, QIODevice* device)
{
    CsvWriter writer(device);
    const QStringList columns = userColumns(directory);
    writer.writeRecord(columns);
    QStringList row;
    for (const DirectoryUser* user :
        sortedByName<DirectoryUser>(directory.users(), [](const DirectoryUser& u) { return u.userName; })) {
        row.clear();
        for (const QString& column : columns) {
            row.append(user->attribute(column));
        }
        if (!writer.writeRecord(row)) {
            break;
        }
    }
    if (!writer.ok()) {
        return writeError(writer.errorString());
    }
    return {};
}

Status<StorageError> DirectoryCsvExporter::writeGroups(const DirectorySnapshot& directory, QIODevice* device)
{
    CsvWriter writer(device);
    writer.writeRecord({QStringLiteral("objectId"), QStringLiteral("group"), QStringLiteral("description"),
        QStringLiteral("parent"), QStringLiteral("member")});
    for (const DirectoryGroup* group :
        sortedByName<DirectoryGroup>(directory.groups(), [](const DirectoryGroup& g) { return g.displayName; })) {
        const QStringList prefix {group->objectId, group->displayName, group->description};
        QStringList members;
        for (const qint64 userId : group->memberUserIds) {
            if (const DirectoryUser* user = directory.user(userId)) {
                members.append(user->userName);
            }
        }
        members.sort(Qt::CaseInsensitive);
        QStringList parents;
        for (const qint64 parentId : directory.parentGroups(group->id)) {
            if (const DirectoryGroup* parent = directory.group(parentId)) {
                parents.append(parent->displayName);
            }
        }
        parents.sort(Qt::CaseInsensitive);
        if (members.isEmpty() && parents.isEmpty()) {
            writer.writeRecord(prefix + QStringList {QString(), QString()});
        }
        for (const QString& parent : std::as_const(parents)) {
            writer.writeRecord(prefix + QStringList {parent, QString()});
        }
        for (const QString& member : std::as_const(members)) {
            writer.writeRecord(prefix + QStringList {QString(), member});
        }
    }
    if (!writer.ok()) {
        return writeError(writer.errorString());
    }
    return {};
}

Status<StorageError> DirectoryCsvExporter::exportUsersToFile(const DirectorySnapshot& directory, const QString& path)
{
    return saveTo(path, [&](QIODevice* device) { return writeUsers(directory, device); });
}

Status<StorageError> DirectoryCsvExporter::exportGroupsToFile(const DirectorySnapshot& directory, const QString& path)
{
    return saveTo(path, [&](QIODevice* device) { return writeGroups(directory, device); });
}
