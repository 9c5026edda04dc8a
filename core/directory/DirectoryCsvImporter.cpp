#include "DirectoryCsvImporter.h"

#include "CsvWriter.h"
#include "DirectoryRepository.h"
#include "DirectorySnapshot.h"
#include "model/DirectoryUser.h"
#include "storage/Database.h"
#include "storage/SqlValues.h"
#include "util/LogCategories.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSet>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("DirectoryCsvImporter", text);
}

const QString groupColumn = QStringLiteral("group");
const QString descriptionColumn = QStringLiteral("description");
const QString memberColumn = QStringLiteral("member");
const QString membersColumn = QStringLiteral("members");
const QString parentColumn = QStringLiteral("parent");
const QString objectIdColumn = QStringLiteral("objectId");
const QString userNameColumn = QStringLiteral("userName");

// "E-mail Address", "email_address" and "EmailAddress" are the same header.
QString headerKey(const QString& header)
{
    QString key;
    for (const QChar c : header) {
        if (c.isLetterOrNumber()) {
            key.append(c.toLower());
        }
    }
    return key;
}

const QHash<QString, QString>& userAliases()
{
    static const QHash<QString, QString> aliases = [] {
        QHash<QString, QString> map;
        auto add = [&](const char* attribute, std::initializer_list<const char*> keys) {
            for (const char* key : keys) {
                map.insert(QLatin1String(key), QLatin1String(attribute));
            }
        };
        add("objectId", {"objectid", "externalid"});
        add("userName", {"username", "user", "login", "loginname", "userprincipalname", "upn"});
        add("email", {"email", "emailaddress", "mail", "workemail", "primaryemail"});
        add("givenName", {"givenname", "firstname", "first", "forename"});
        add("familyName", {"familyname", "lastname", "last", "surname"});
        add("displayName", {"displayname", "fullname", "name"});
        add("phone", {"phone", "phonenumber", "telephone", "telephonenumber", "mobile", "workphone"});
        add("title", {"title", "jobtitle"});
        add("department", {"department", "dept"});
        add("employeeNumber", {"employeenumber", "employeeid", "employeeno"});
        add("manager", {"manager", "managerusername"});
        add("active", {"active", "enabled"});
        return map;
    }();
    return aliases;
}

const QHash<QString, QString>& groupAliases()
{
    static const QHash<QString, QString> aliases = [] {
        QHash<QString, QString> map;
        auto add = [&](const QString& attribute, std::initializer_list<const char*> keys) {
            for (const char* key : keys) {
                map.insert(QLatin1String(key), attribute);
            }
        };
        add(objectIdColumn, {"objectid", "groupobjectid", "externalid"});
        add(groupColumn, {"group", "groupname", "groupdisplayname", "displayname", "name"});
        add(descriptionColumn, {"description", "groupdescription"});
        add(memberColumn, {"member", "memberusername", "username", "user"});
        add(membersColumn, {"members", "memberusernames", "usernames", "users"});
        add(parentColumn, {"parent", "parentgroup", "memberof"});
        return map;
    }();
    return aliases;
}

bool sameUser(const DirectoryUser& a, const DirectoryUser& b)
{
    return a.userName == b.userName && a.email == b.email && a.givenName == b.givenName && a.familyName == b.familyName
        && a.displayName == b.displayName && a.phone == b.phone && a.title == b.title && a.department == b.department
        && a.employeeNumber == b.employeeNumber && a.manager == b.manager && a.active == b.active
        && a.customAttributes == b.customAttributes;
}

bool sameIds(QList<qint64> a, QList<qint64> b)
{
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}
} // namespace

struct DirectoryCsvImporter::Plan
{
    QString fileError;
    QList<CsvImportIssue> issues;
    QSet<int> invalidLines;
    QList<DirectoryUser> users;
    QList<DirectoryGroup> groups;
    int toCreate = 0;
    int toUpdate = 0;
    int unchanged = 0;

    void addIssue(int line, const QString& message)
    {
        issues.append({line, message});
        invalidLines.insert(line);
    }
};

DirectoryCsvImporter::DirectoryCsvImporter(DirectoryRepository& repository, Kind kind)
    : m_repository(repository)
    , m_kind(kind)
{
}

Status<StorageError> DirectoryCsvImporter::loadFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return StorageError {StorageError::Kind::Io,
            tr("Could not open %1: %2. Check that the file exists and that you may read it.")
                .arg(path, file.errorString()),
            QStringLiteral("file")};
    }
    setData(file.readAll());
    return {};
}

void DirectoryCsvImporter::setData(const QByteArray& utf8Csv)
{
    const QString text = CsvReader::decodeUtf8(utf8Csv, &m_decodingError);
    CsvReader reader(text, CsvReader::detectDelimiter(text));
    m_records = reader.readAll();
    m_headers.clear();
    m_columnAttributes.clear();
    if (!m_records.isEmpty()) {
        m_headers = m_records.takeFirst().fields;
        for (const QString& header : std::as_const(m_headers)) {
            m_columnAttributes.append(suggestAttribute(header, m_kind));
        }
    }
}

void DirectoryCsvImporter::setColumnAttribute(int column, const QString& attribute)
{
    if (column >= 0 && column < m_columnAttributes.size()) {
        m_columnAttributes[column] = attribute.trimmed();
    }
}

QString DirectoryCsvImporter::suggestAttribute(const QString& header, Kind kind)
{
    const QString key = headerKey(header);
    if (key.isEmpty()) {
        return {};
    }
    if (kind == Kind::Groups) {
        return groupAliases().value(key);
    }
    const QString standard = userAliases().value(key);
    // Any other column is kept as a custom attribute under its own name.
    return standard.isEmpty() ? header.trimmed() : standard;
}

DirectoryCsvImporter::Plan DirectoryCsvImporter::analyse() const
{
    Plan plan;
    if (!m_decodingError.isEmpty()) {
        plan.fileError = m_decodingError;
        return plan;
    }
    if (m_headers.isEmpty()) {
        plan.fileError = tr("The file is empty. A CSV file for import starts with a header row naming the columns.");
        return plan;
    }
    QHash<QString, int> seenAttributes;
    for (int column = 0; column < m_columnAttributes.size(); ++column) {
        const QString& attribute = m_columnAttributes.at(column);
        if (attribute.isEmpty()) {
            continue;
        }
        if (seenAttributes.contains(attribute)) {
            plan.fileError
                = tr("The columns \"%1\" and \"%2\" both fill %3. Ignore one of them in the column "
                     "mapping.")
                      .arg(m_headers.value(seenAttributes.value(attribute)), m_headers.value(column), attribute);
            return plan;
        }
        seenAttributes.insert(attribute, column);
    }
    if (m_kind == Kind::Users) {
        if (!seenAttributes.contains(userNameColumn)) {
            plan.fileError = tr("No column holds the user name. Name a header \"userName\" (or \"User name\"), or "
                                "map a column to userName.");
            return plan;
        }
        analyseUsers(plan);
    } else {
        if (!seenAttributes.contains(groupColumn)) {
            plan.fileError = tr("No column holds the group name. Name a header \"group\" (or \"Group name\"), or "
                                "map a column to the group.");
            return plan;
        }
        analyseGroups(plan);
    }
    return plan;
}

void DirectoryCsvImporter::analyseUsers(Plan& plan) const
{
    auto snapshot = DirectorySnapshot::load(*m_repository.database());
    if (!snapshot) {
        plan.fileError = snapshot.error().message;
        return;
    }
    const DirectorySnapshot& directory = snapshot.value();
    // What each column is, decided once rather than per cell.
    enum class Column
    {
        Ignored,
        UserName,
        Active,
        ObjectId,
        Standard,
        Custom
    };
    const QStringList standard = DirectoryUser::standardAttributeNames();
    QList<Column> columnKinds;
    for (const QString& attribute : m_columnAttributes) {
        if (attribute.isEmpty()) {
            columnKinds << Column::Ignored;
        } else if (attribute == userNameColumn) {
            columnKinds << Column::UserName;
        } else if (attribute == QLatin1String("active")) {
            columnKinds << Column::Active;
        } else if (attribute == objectIdColumn) {
            columnKinds << Column::ObjectId;
        } else {
            columnKinds << (standard.contains(attribute) ? Column::Standard : Column::Custom);
        }
    }
    const int userNameColumnIndex = int(columnKinds.indexOf(Column::UserName));
    const int columns = int(m_headers.size());
    QHash<QString, int> firstLine; // userName key -> line in this file
    QHash<QString, int> objectIdLine; // objectId -> line in this file
    plan.users.reserve(m_records.size());

    for (const CsvRecord& record : m_records) {
        const int line = record.line;
        const int issuesBefore = int(plan.issues.size());
        if (!record.error.isEmpty()) {
            plan.addIssue(line, record.error);
        }
        if (record.fields.size() > columns) {
            plan.addIssue(line,
                tr("Line %1 has %2 cells but the header has %3 columns. Quote cells that contain the delimiter, "
                   "or remove the extra cells.")
                    .arg(line)
                    .arg(record.fields.size())
                    .arg(columns));
        } else if (record.fields.size() < columns) {
            plan.addIssue(line,
                tr("Line %1 has %2 cells but the header has %3 columns. Add the missing cells (they may be empty).")
                    .arg(line)
                    .arg(record.fields.size())
                    .arg(columns));
        }

        const QString userName = CsvWriter::restoreNeutralised(record.fields.value(userNameColumnIndex)).trimmed();
        const QString key = SqlValues::nameKey(userName);
        if (userName.isEmpty()) {
            plan.addIssue(line, tr("Line %1 has no user name; every user needs one.").arg(line));
        } else if (firstLine.contains(key)) {
            plan.addIssue(line,
                tr("Line %1 repeats the user name \"%2\" of line %3 (user names are compared ignoring case). Keep "
                   "one of the two lines.")
                    .arg(line)
                    .arg(userName)
                    .arg(firstLine.value(key)));
        } else {
            firstLine.insert(key, line);
        }

        const DirectoryUser* found = directory.userByUserName(key);
        const bool isNew = found == nullptr;
        DirectoryUser user = isNew ? DirectoryUser() : *found;
        for (int column = 0; column < columns && column < record.fields.size(); ++column) {
            const Column kind = columnKinds.at(column);
            if (kind == Column::Ignored || kind == Column::UserName) {
                continue;
            }
            const QString& attribute = m_columnAttributes.at(column);
            const QString value = CsvWriter::restoreNeutralised(record.fields.at(column));
            if (kind == Column::Active) {
                if (value.trimmed().isEmpty()) {
                    continue;
                }
                if (!user.setAttribute(attribute, value)) {
                    plan.addIssue(line,
                        tr("Line %1: \"%2\" is not a valid value for active. Use true or false (yes/no and 1/0 also "
                           "work).")
                            .arg(line)
                            .arg(value));
                }
            } else if (kind == Column::ObjectId) {
                const QString objectId = value.trimmed();
                if (objectId.isEmpty()) {
                    continue;
                }
                if (!isNew && objectId != user.objectId) {
                    plan.addIssue(line,
                        tr("Line %1: the object ID of \"%2\" cannot change (it links the user to SCIM servers). "
                           "Clear the cell or use %3.")
                            .arg(line)
                            .arg(userName, user.objectId));
                } else if (isNew && (directory.userByObjectId(objectId) || objectIdLine.contains(objectId))) {
                    plan.addIssue(line,
                        tr("Line %1: the object ID %2 already belongs to another user. Clear the cell to generate "
                           "a new one.")
                            .arg(line)
                            .arg(objectId));
                } else {
                    user.objectId = objectId;
                    objectIdLine.insert(objectId, line);
                }
            } else if (kind == Column::Standard) {
                // Spaces around an e-mail or a name are spreadsheet noise, never meant.
                user.setAttribute(attribute, value.trimmed());
            } else if (value.isEmpty()) {
                user.customAttributes.remove(attribute);
            } else {
                user.customAttributes.insert(attribute, value);
            }
        }
        if (plan.issues.size() > issuesBefore) {
            continue;
        }
        user.userName = userName;
        if (isNew) {
            ++plan.toCreate;
            plan.users.append(std::move(user));
        } else if (sameUser(user, *found)) {
            ++plan.unchanged;
        } else {
            ++plan.toUpdate;
            plan.users.append(std::move(user));
        }
    }
}

void DirectoryCsvImporter::analyseGroups(Plan& plan) const
{
    auto snapshot = DirectorySnapshot::load(*m_repository.database());
    if (!snapshot) {
        plan.fileError = snapshot.error().message;
        return;
    }
    const DirectorySnapshot& directory = snapshot.value();

    // The groups as they will be, keyed by name key; nesting is checked on this state.
    struct Target
    {
        DirectoryGroup group;
        DirectoryGroup original;
        QSet<QString> childKeys;
        bool touched = false;
    };
    QHash<QString, Target> targets;
    QHash<qint64, QString> keyOfId;
    for (const DirectoryGroup& group : directory.groups()) {
        keyOfId.insert(group.id, SqlValues::nameKey(group.displayName));
    }
    for (const DirectoryGroup& group : directory.groups()) {
        Target target;
        target.group = group;
        target.original = group;
        for (const qint64 child : group.memberGroupIds) {
            target.childKeys.insert(keyOfId.value(child));
        }
        targets.insert(keyOfId.value(group.id), target);
    }
    QList<QString> order; // creation/update order: first mention in the file
    QSet<QString> replacedNesting;
    QSet<QString> replacedUsers;
    auto ensure = [&](const QString& name) -> Target& {
        const QString key = SqlValues::nameKey(name);
        auto it = targets.find(key);
        if (it == targets.end()) {
            Target target;
            target.group.displayName = name.trimmed();
            it = targets.insert(key, target);
        }
        if (!it->touched) {
            it->touched = true;
            order.append(key);
        }
        return *it;
    };
    // Whether `from` contains `to`, directly or through nesting.
    auto reaches = [&](const QString& from, const QString& to) {
        QSet<QString> visited;
        QList<QString> pending {from};
        while (!pending.isEmpty()) {
            const QString current = pending.takeLast();
            if (current == to) {
                return true;
            }
            if (visited.contains(current)) {
                continue;
            }
            visited.insert(current);
            for (const QString& child : targets.value(current).childKeys) {
                pending.append(child);
            }
        }
        return false;
    };

    const int columns = int(m_headers.size());
    const int groupIndex = int(m_columnAttributes.indexOf(groupColumn));
    const int descriptionIndex = int(m_columnAttributes.indexOf(descriptionColumn));
    const int memberIndex = int(m_columnAttributes.indexOf(memberColumn));
    const int membersIndex = int(m_columnAttributes.indexOf(membersColumn));
    const int parentIndex = int(m_columnAttributes.indexOf(parentColumn));
    const int objectIdIndex = int(m_columnAttributes.indexOf(objectIdColumn));
    auto cell = [](const CsvRecord& record, int index) {
        return index < 0 ? QString() : CsvWriter::restoreNeutralised(record.fields.value(index)).trimmed();
    };

    for (const CsvRecord& record : m_records) {
        const int line = record.line;
        const int issuesBefore = int(plan.issues.size());
        if (!record.error.isEmpty()) {
            plan.addIssue(line, record.error);
        }
        if (record.fields.size() != columns) {
            plan.addIssue(line,
                tr("Line %1 has %2 cells but the header has %3 columns. Make every line match the header.")
                    .arg(line)
                    .arg(record.fields.size())
                    .arg(columns));
        }
        const QString name = cell(record, groupIndex);
        if (name.isEmpty()) {
            plan.addIssue(line, tr("Line %1 has no group name.").arg(line));
        }
        QStringList memberNames;
        if (!cell(record, memberIndex).isEmpty()) {
            memberNames << cell(record, memberIndex);
        }
        for (const QString& part : cell(record, membersIndex).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            if (!part.trimmed().isEmpty()) {
                memberNames << part.trimmed();
            }
        }
        QList<qint64> memberIds;
        QStringList unknown;
        for (const QString& memberName : std::as_const(memberNames)) {
            const DirectoryUser* user = directory.userByUserName(memberName);
            if (user) {
                memberIds.append(user->id);
            } else {
                unknown << memberName;
            }
        }
        if (!unknown.isEmpty()) {
            plan.addIssue(line,
                tr("Line %1: no directory user has the user name %2. Import the users first, or fix the name.")
                    .arg(line)
                    .arg(QLatin1Char('"') + unknown.join(QLatin1String("\", \"")) + QLatin1Char('"')));
        }
        const QString parent = cell(record, parentIndex);
        const QString key = SqlValues::nameKey(name);
        const QString parentKey = SqlValues::nameKey(parent);
        if (!parent.isEmpty() && !name.isEmpty()) {
            if (parentKey == key) {
                plan.addIssue(line, tr("Line %1: the group \"%2\" cannot be its own parent.").arg(line).arg(name));
            } else if (reaches(key, parentKey)) {
                plan.addIssue(line,
                    tr("Line %1: nesting \"%2\" inside \"%3\" would make a group contain itself, because \"%2\" "
                       "already contains \"%3\". Remove one of these nestings.")
                        .arg(line)
                        .arg(name, parent));
            }
        }
        const QString objectId = cell(record, objectIdIndex);
        if (!objectId.isEmpty() && !name.isEmpty()) {
            const auto existing = targets.constFind(key);
            const bool isNew = existing == targets.constEnd() || existing->group.id == 0;
            const QString current = existing == targets.constEnd() ? QString() : existing->group.objectId;
            if (!current.isEmpty() && current != objectId) {
                plan.addIssue(line,
                    tr("Line %1: the object ID of the group \"%2\" cannot change. Clear the cell or use %3.")
                        .arg(line)
                        .arg(name, current));
            } else if (isNew && current.isEmpty()) {
                for (const auto& other : std::as_const(targets)) {
                    if (other.group.objectId == objectId) {
                        plan.addIssue(line,
                            tr("Line %1: the object ID %2 already belongs to the group \"%3\".")
                                .arg(line)
                                .arg(objectId, other.group.displayName));
                        break;
                    }
                }
            }
        }
        if (plan.issues.size() > issuesBefore) {
            continue;
        }

        Target& target = ensure(name);
        if (m_replaceGroupMembers && !replacedUsers.contains(key)) {
            replacedUsers.insert(key);
            target.group.memberUserIds.clear();
        }
        if (target.group.objectId.isEmpty() && !objectId.isEmpty()) {
            target.group.objectId = objectId;
        }
        const QString description = cell(record, descriptionIndex);
        if (!description.isEmpty()) {
            target.group.description = description;
        }
        for (const qint64 id : std::as_const(memberIds)) {
            if (!target.group.memberUserIds.contains(id)) {
                target.group.memberUserIds.append(id);
            }
        }
        if (!parent.isEmpty()) {
            Target& parentTarget = ensure(parent);
            if (m_replaceGroupMembers && !replacedNesting.contains(parentKey)) {
                replacedNesting.insert(parentKey);
                parentTarget.childKeys.clear();
            }
            parentTarget.childKeys.insert(key);
        }
    }

    // Turn the touched targets into writes; nested groups that are new are referenced by
    // their position in the batch (see DirectoryRepository::saveGroups).
    QHash<QString, qsizetype> batchPosition;
    QList<QString> changed;
    for (const QString& key : std::as_const(order)) {
        Target& target = targets[key];
        target.group.memberGroupIds.clear();
        for (const QString& childKey : std::as_const(target.childKeys)) {
            target.group.memberGroupIds.append(targets.value(childKey).group.id);
        }
        const bool isNew = target.group.id == 0;
        const bool same = !isNew && target.group.description == target.original.description
            && sameIds(target.group.memberUserIds, target.original.memberUserIds)
            && sameIds(target.group.memberGroupIds, target.original.memberGroupIds);
        if (same) {
            ++plan.unchanged;
            continue;
        }
        ++(isNew ? plan.toCreate : plan.toUpdate);
        batchPosition.insert(key, changed.size());
        changed.append(key);
    }
    for (const QString& key : std::as_const(changed)) {
        DirectoryGroup group = targets.value(key).group;
        group.memberGroupIds.clear();
        for (const QString& childKey : targets.value(key).childKeys) {
            const qint64 id = targets.value(childKey).group.id;
            group.memberGroupIds.append(id != 0 ? id : -(batchPosition.value(childKey) + 1));
        }
        plan.groups.append(group);
    }
}

CsvImportPreview DirectoryCsvImporter::preview(int maxRows) const
{
    const Plan plan = analyse();
    CsvImportPreview preview;
    preview.fileError = plan.fileError;
    preview.headers = m_headers;
    preview.columnAttributes = m_columnAttributes;
    preview.rows = m_records.mid(0, qMax(0, maxRows));
    preview.issues = plan.issues;
    preview.rowCount = int(m_records.size());
    preview.invalidRowCount = int(plan.invalidLines.size());
    preview.toCreate = plan.toCreate;
    preview.toUpdate = plan.toUpdate;
    preview.unchanged = plan.unchanged;
    return preview;
}

Result<CsvImportResult, StorageError> DirectoryCsvImporter::import(Mode mode)
{
    QElapsedTimer timer;
    timer.start();
    Plan plan = analyse();
    if (!plan.fileError.isEmpty()) {
        return StorageError {StorageError::Kind::Validation, plan.fileError, QStringLiteral("file")};
    }
    CsvImportResult result;
    result.issues = plan.issues;
    if (mode == Mode::AllOrNothing && !plan.issues.isEmpty()) {
        result.skipped = int(m_records.size());
        return result;
    }
    result.skipped = int(plan.invalidLines.size());
    if (m_kind == Kind::Users) {
        auto written = m_repository.saveUsers(plan.users);
        if (!written) {
            return written.error();
        }
        result.created = written->created;
        result.updated = written->updated;
    } else {
        auto written = m_repository.saveGroups(plan.groups);
        if (!written) {
            return written.error();
        }
        result.created = written->created;
        result.updated = written->updated;
    }
    result.unchanged = plan.unchanged;
    result.written = true;
    qCInfo(lcDirectory) << "CSV import:" << result.created << "created," << result.updated << "updated,"
                        << result.unchanged << "unchanged," << result.skipped << "skipped in" << timer.elapsed()
                        << "ms";
    return result;
}
