#include "GroupCsvAnalysis.h"

#include "CsvCellCheck.h"
#include "CsvImportPlan.h"
#include "CsvWriter.h"
#include "DirectoryLookup.h"
#include "DirectorySnapshot.h"
#include "storage/SqlValues.h"

#include <QCoreApplication>

#include <algorithm>

namespace {
// The messages keep the importer's translation context.
QString tr(const char* text)
{
    return QCoreApplication::translate("DirectoryCsvImporter", text);
}

QList<qint64> sorted(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

bool sameIds(const QList<qint64>& a, const QList<qint64>& b)
{
    return a.size() == b.size() && sorted(a) == sorted(b);
}
} // namespace

GroupCsvAnalysis::GroupCsvAnalysis(const DirectorySnapshot& groups, DirectoryLookup& users, const QStringList& headers,
    const QStringList& columnAttributes, bool replaceMembers, CsvImportPlan& plan)
    : m_directory(groups)
    , m_users(users)
    , m_headers(headers)
    , m_attributes(columnAttributes)
    , m_plan(plan)
    , m_replaceMembers(replaceMembers)
    , m_columns(int(headers.size()))
    , m_groupIndex(int(columnAttributes.indexOf(CsvImportColumn::group)))
    , m_descriptionIndex(int(columnAttributes.indexOf(CsvImportColumn::description)))
    , m_memberIndex(int(columnAttributes.indexOf(CsvImportColumn::member)))
    , m_membersIndex(int(columnAttributes.indexOf(CsvImportColumn::members)))
    , m_parentIndex(int(columnAttributes.indexOf(CsvImportColumn::parent)))
    , m_objectIdIndex(int(columnAttributes.indexOf(CsvImportColumn::objectId)))
{
    loadTargets();
}

QString GroupCsvAnalysis::cell(const CsvRecord& record, int index)
{
    return index < 0 ? QString() : CsvWriter::restoreNeutralised(record.fields.value(index)).trimmed();
}

void GroupCsvAnalysis::loadTargets()
{
    QHash<qint64, QString> keyOfId;
    for (const DirectoryGroup& group : m_directory.groups()) {
        keyOfId.insert(group.id, SqlValues::nameKey(group.displayName));
    }
    for (const DirectoryGroup& group : m_directory.groups()) {
        Target target;
        target.group = group;
        for (const qint64 child : group.memberGroupIds) {
            target.childKeys.insert(keyOfId.value(child));
        }
        m_targets.insert(keyOfId.value(group.id), target);
    }
}

void GroupCsvAnalysis::addRecord(const CsvRecord& record)
{
    Row row;
    row.line = record.line;
    const int issuesBefore = m_plan.issueCount;
    if (!record.error.isEmpty()) {
        m_plan.addIssue(row.line, record.error);
    }
    if (record.fields.size() != m_columns) {
        m_plan.addIssue(row.line,
            tr("Line %1 has %2 cells but the header has %3 columns. Make every line match the header.")
                .arg(row.line)
                .arg(record.fields.size())
                .arg(m_columns));
    }
    checkCharacters(record);
    row.name = cell(record, m_groupIndex);
    if (row.name.isEmpty()) {
        m_plan.addIssue(row.line, tr("Line %1 has no group name.").arg(row.line));
    }
    row.memberIds = readMembers(record, row.line);
    row.parent = cell(record, m_parentIndex);
    row.key = SqlValues::nameKey(row.name);
    row.parentKey = SqlValues::nameKey(row.parent);
    checkParent(row);
    row.objectId = cell(record, m_objectIdIndex);
    checkObjectId(row);
    if (m_plan.issueCount > issuesBefore) {
        ++m_plan.invalidRowCount;
        return;
    }
    row.description = cell(record, m_descriptionIndex);
    apply(row);
}

void GroupCsvAnalysis::checkCharacters(const CsvRecord& record)
{
    for (int column = 0; column < m_columns && column < record.fields.size(); ++column) {
        const QString& attribute = m_attributes.at(column);
        if (attribute.isEmpty()) {
            continue;
        }
        const QString& value = record.fields.at(column);
        const qsizetype position = CsvCellCheck::forbiddenCharacter(value, attribute != CsvImportColumn::description);
        if (position >= 0) {
            m_plan.addIssue(
                record.line, CsvCellCheck::issue(record.line, column + 1, m_headers.at(column), value, position));
        }
    }
}

QList<qint64> GroupCsvAnalysis::readMembers(const CsvRecord& record, int line)
{
    QStringList memberNames;
    if (!cell(record, m_memberIndex).isEmpty()) {
        memberNames << cell(record, m_memberIndex);
    }
    for (const QString& part : cell(record, m_membersIndex).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty()) {
            memberNames << part.trimmed();
        }
    }
    QList<qint64> memberIds;
    QStringList unknown;
    for (const QString& memberName : std::as_const(memberNames)) {
        const qint64 id = m_users.userIdByName(memberName);
        if (id != 0) {
            memberIds.append(id);
        } else {
            unknown << memberName;
        }
    }
    if (!unknown.isEmpty()) {
        m_plan.addIssue(line,
            tr("Line %1: no directory user has the user name %2. Import the users first, or fix the name.")
                .arg(line)
                .arg(QLatin1Char('"') + unknown.join(QLatin1String("\", \"")) + QLatin1Char('"')));
    }
    return memberIds;
}

void GroupCsvAnalysis::checkParent(const Row& row)
{
    if (row.parent.isEmpty() || row.name.isEmpty()) {
        return;
    }
    if (row.parentKey == row.key) {
        m_plan.addIssue(
            row.line, tr("Line %1: the group \"%2\" cannot be its own parent.").arg(row.line).arg(row.name));
    } else if (reaches(row.key, row.parentKey)) {
        m_plan.addIssue(row.line,
            tr("Line %1: nesting \"%2\" inside \"%3\" would make a group contain itself, because \"%2\" "
               "already contains \"%3\". Remove one of these nestings.")
                .arg(row.line)
                .arg(row.name, row.parent));
    }
}

void GroupCsvAnalysis::checkObjectId(const Row& row)
{
    if (row.objectId.isEmpty() || row.name.isEmpty()) {
        return;
    }
    const auto existing = m_targets.constFind(row.key);
    const bool isNew = existing == m_targets.constEnd() || existing->group.id == 0;
    const QString current = existing == m_targets.constEnd() ? QString() : existing->group.objectId;
    if (!current.isEmpty() && current != row.objectId) {
        m_plan.addIssue(row.line,
            tr("Line %1: the object ID of the group \"%2\" cannot change. Clear the cell or use %3.")
                .arg(row.line)
                .arg(row.name, current));
    } else if (isNew && current.isEmpty()) {
        for (const auto& other : std::as_const(m_targets)) {
            if (other.group.objectId == row.objectId) {
                m_plan.addIssue(row.line,
                    tr("Line %1: the object ID %2 already belongs to the group \"%3\".")
                        .arg(row.line)
                        .arg(row.objectId, other.group.displayName));
                break;
            }
        }
    }
}

void GroupCsvAnalysis::apply(const Row& row)
{
    Target& target = ensure(row.name);
    if (m_replaceMembers && !m_replacedUsers.contains(row.key)) {
        m_replacedUsers.insert(row.key);
        target.memberIds.clear();
    }
    if (target.group.objectId.isEmpty() && !row.objectId.isEmpty()) {
        target.group.objectId = row.objectId;
    }
    if (!row.description.isEmpty()) {
        target.group.description = row.description;
    }
    for (const qint64 id : std::as_const(row.memberIds)) {
        target.memberIds.insert(id);
    }
    if (!row.parent.isEmpty()) {
        Target& parentTarget = ensure(row.parent);
        if (m_replaceMembers && !m_replacedNesting.contains(row.parentKey)) {
            m_replacedNesting.insert(row.parentKey);
            parentTarget.childKeys.clear();
        }
        parentTarget.childKeys.insert(row.key);
    }
}

GroupCsvAnalysis::Target& GroupCsvAnalysis::ensure(const QString& name)
{
    const QString key = SqlValues::nameKey(name);
    auto it = m_targets.find(key);
    if (it == m_targets.end()) {
        Target target;
        target.group.displayName = name.trimmed();
        it = m_targets.insert(key, target);
    }
    if (!it->touched) {
        it->touched = true;
        it->memberIds = QSet<qint64>(it->group.memberUserIds.cbegin(), it->group.memberUserIds.cend());
        m_order.append(key);
    }
    return *it;
}

bool GroupCsvAnalysis::reaches(const QString& from, const QString& to) const
{
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
        for (const QString& child : m_targets.value(current).childKeys) {
            pending.append(child);
        }
    }
    return false;
}

void GroupCsvAnalysis::finish()
{
    QHash<QString, qsizetype> batchPosition;
    QList<QString> changed;
    for (const QString& key : std::as_const(m_order)) {
        Target& target = m_targets[key];
        QList<qint64> childIds;
        for (const QString& childKey : std::as_const(target.childKeys)) {
            childIds.append(m_targets.value(childKey).group.id);
        }
        const QList<qint64> memberIds(target.memberIds.cbegin(), target.memberIds.cend());
        const DirectoryGroup* stored = m_directory.group(target.group.id);
        const bool isNew = target.group.id == 0;
        const bool same = !isNew && stored && target.group.description == stored->description
            && sameIds(memberIds, stored->memberUserIds) && sameIds(childIds, stored->memberGroupIds);
        target.group.memberUserIds = sorted(memberIds);
        target.memberIds.clear();
        if (same) {
            ++m_plan.unchanged;
            continue;
        }
        ++(isNew ? m_plan.toCreate : m_plan.toUpdate);
        batchPosition.insert(key, changed.size());
        changed.append(key);
    }
    for (const QString& key : std::as_const(changed)) {
        DirectoryGroup group = m_targets.value(key).group;
        group.memberGroupIds.clear();
        for (const QString& childKey : m_targets.value(key).childKeys) {
            const qint64 id = m_targets.value(childKey).group.id;
            group.memberGroupIds.append(id != 0 ? id : -(batchPosition.value(childKey) + 1));
        }
        m_plan.groups.append(group);
    }
}
