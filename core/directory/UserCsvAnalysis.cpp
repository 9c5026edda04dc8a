#include "UserCsvAnalysis.h"

#include "CsvCellCheck.h"
#include "CsvImportPlan.h"
#include "CsvWriter.h"
#include "DirectoryLookup.h"
#include "storage/SqlValues.h"

#include <QCoreApplication>

namespace {
// The messages keep the importer's translation context.
QString tr(const char* text)
{
    return QCoreApplication::translate("DirectoryCsvImporter", text);
}

bool sameUser(const DirectoryUser& a, const DirectoryUser& b)
{
    return a.userName == b.userName && a.email == b.email && a.givenName == b.givenName && a.familyName == b.familyName
        && a.displayName == b.displayName && a.phone == b.phone && a.title == b.title && a.department == b.department
        && a.employeeNumber == b.employeeNumber && a.manager == b.manager && a.active == b.active
        && a.customAttributes == b.customAttributes;
}
} // namespace

UserCsvAnalysis::UserCsvAnalysis(
    DirectoryLookup& directory, const QStringList& headers, const QStringList& columnAttributes, CsvImportPlan& plan)
    : m_headers(headers)
    , m_attributes(columnAttributes)
    , m_directory(directory)
    , m_plan(plan)
    , m_columnKinds(columnKinds(columnAttributes))
    , m_userNameColumn(int(m_columnKinds.indexOf(Column::UserName)))
    , m_objectIdColumn(int(m_columnKinds.indexOf(Column::ObjectId)))
    , m_columns(int(headers.size()))
{
}

QList<UserCsvAnalysis::Column> UserCsvAnalysis::columnKinds(const QStringList& attributes)
{
    const QStringList standard = DirectoryUser::standardAttributeNames();
    QList<Column> kinds;
    for (const QString& attribute : attributes) {
        if (attribute.isEmpty()) {
            kinds << Column::Ignored;
        } else if (attribute == CsvImportColumn::userName) {
            kinds << Column::UserName;
        } else if (attribute == QLatin1String("active")) {
            kinds << Column::Active;
        } else if (attribute == CsvImportColumn::objectId) {
            kinds << Column::ObjectId;
        } else {
            kinds << (standard.contains(attribute) ? Column::Standard : Column::Custom);
        }
    }
    return kinds;
}

void UserCsvAnalysis::addRecord(const CsvRecord& record)
{
    const int issuesBefore = m_plan.issueCount;
    if (!record.error.isEmpty()) {
        m_plan.addIssue(record.line, record.error);
    }
    checkCellCount(record);
    checkCharacters(record);

    Row row;
    row.line = record.line;
    row.userName = CsvWriter::restoreNeutralised(record.fields.value(m_userNameColumn)).trimmed();
    row.objectId = CsvWriter::restoreNeutralised(record.fields.value(m_objectIdColumn)).trimmed();
    // A repeated user name is not looked up: an import may already have written the first row,
    // and the issues of a row must not depend on that.
    const std::optional<DirectoryUser> found
        = checkUserName(row.line, row.userName, SqlValues::nameKey(row.userName)) ? match(row) : std::nullopt;
    if (found && m_plan.mirror) {
        m_plan.matchedIds.insert(found->id);
    }
    row.isNew = !found.has_value();
    row.user = row.isNew ? DirectoryUser() : *found;
    if (row.isNew && !row.objectId.isEmpty()) {
        row.user.objectId = row.objectId;
    }
    readCells(record, row);
    if (m_plan.issueCount > issuesBefore) {
        ++m_plan.invalidRowCount;
        return;
    }
    row.user.userName = row.userName;
    if (row.isNew) {
        ++m_plan.toCreate;
        m_plan.users.append(std::move(row.user));
    } else if (sameUser(row.user, *found)) {
        ++m_plan.unchanged;
    } else {
        if (found->userName != row.userName) {
            m_plan.addRename(row.line, found->userName, row.userName);
            m_renamedAway.firstLineOrRemember(SqlValues::nameKey(found->userName), row.line);
        }
        ++m_plan.toUpdate;
        m_plan.users.append(std::move(row.user));
    }
}

std::optional<DirectoryUser> UserCsvAnalysis::match(const Row& row)
{
    const QString key = SqlValues::nameKey(row.userName);
    if (row.objectId.isEmpty()) {
        // The user who had this name is renamed by an earlier valid line: the name is free for a new
        // user (an import may have written that rename already, or not yet).
        if (m_renamedAway.firstLine(key) != 0) {
            return std::nullopt;
        }
        std::optional<DirectoryUser> byName = m_directory.userByNameKey(key);
        if (byName) {
            m_objectIds.firstLineOrRemember(byName->objectId, row.line);
        }
        return byName;
    }
    if (const int first = m_objectIds.firstLineOrRemember(row.objectId, row.line); first != 0) {
        m_plan.addIssue(row.line,
            tr("Line %1 names the same user as line %2 (object ID %3). Keep one of the two lines.")
                .arg(row.line)
                .arg(first)
                .arg(row.objectId));
        return std::nullopt;
    }
    std::optional<DirectoryUser> byId = m_directory.userByObjectId(row.objectId);
    if (byId && SqlValues::nameKey(byId->userName) == key) {
        return byId;
    }
    // A new user, or a rename: the name must not belong to a user the file keeps.
    const std::optional<DirectoryUser> holder
        = m_renamedAway.firstLine(key) != 0 ? std::nullopt : m_directory.userByNameKey(key);
    if (holder) {
        m_plan.addIssue(row.line,
            tr("Line %1: the user name \"%2\" belongs to another directory user (object ID %3), and the object "
               "ID %4 on this line is not theirs. Use their object ID to update them; to give the name to "
               "another user, rename or remove them first (on an earlier line, or in another import).")
                .arg(row.line)
                .arg(row.userName, holder->objectId, row.objectId));
    }
    return byId;
}

void UserCsvAnalysis::checkCellCount(const CsvRecord& record)
{
    const int line = record.line;
    if (record.fields.size() > m_columns) {
        m_plan.addIssue(line,
            tr("Line %1 has %2 cells but the header has %3 columns. Quote cells that contain the delimiter, "
               "or remove the extra cells.")
                .arg(line)
                .arg(record.fields.size())
                .arg(m_columns));
    } else if (record.fields.size() < m_columns) {
        m_plan.addIssue(line,
            tr("Line %1 has %2 cells but the header has %3 columns. Add the missing cells (they may be empty).")
                .arg(line)
                .arg(record.fields.size())
                .arg(m_columns));
    }
}

void UserCsvAnalysis::checkCharacters(const CsvRecord& record)
{
    for (int column = 0; column < m_columns && column < record.fields.size(); ++column) {
        const Column kind = m_columnKinds.at(column);
        if (kind == Column::Ignored) {
            continue;
        }
        const bool singleLine
            = kind == Column::UserName || kind == Column::ObjectId || m_attributes.at(column) == QLatin1String("email");
        const QString& cell = record.fields.at(column);
        const qsizetype position = CsvCellCheck::forbiddenCharacter(cell, singleLine);
        if (position >= 0) {
            m_plan.addIssue(
                record.line, CsvCellCheck::issue(record.line, column + 1, m_headers.at(column), cell, position));
        }
    }
}

bool UserCsvAnalysis::checkUserName(int line, const QString& userName, const QString& key)
{
    if (userName.isEmpty()) {
        m_plan.addIssue(line, tr("Line %1 has no user name; every user needs one.").arg(line));
        return false;
    }
    if (const int first = m_userNames.firstLineOrRemember(key, line); first != 0) {
        m_plan.addIssue(line,
            tr("Line %1 repeats the user name \"%2\" of line %3 (user names are compared ignoring case). Keep "
               "one of the two lines.")
                .arg(line)
                .arg(userName)
                .arg(first));
        return false;
    }
    return true;
}

void UserCsvAnalysis::readCells(const CsvRecord& record, Row& row)
{
    for (int column = 0; column < m_columns && column < record.fields.size(); ++column) {
        const Column kind = m_columnKinds.at(column);
        if (kind == Column::Ignored || kind == Column::UserName) {
            continue;
        }
        const QString& attribute = m_attributes.at(column);
        const QString value = CsvWriter::restoreNeutralised(record.fields.at(column));
        if (kind == Column::Active) {
            readActive(row, attribute, value);
        } else if (kind == Column::ObjectId) {
            continue; // read by match()
        } else if (kind == Column::Standard) {
            // Spaces around an e-mail or a name are spreadsheet noise, never meant.
            row.user.setAttribute(attribute, value.trimmed());
        } else if (value.isEmpty()) {
            row.user.customAttributes.remove(attribute);
        } else {
            row.user.customAttributes.insert(attribute, value);
        }
    }
}

void UserCsvAnalysis::readActive(Row& row, const QString& attribute, const QString& value)
{
    if (value.trimmed().isEmpty()) {
        return;
    }
    if (!row.user.setAttribute(attribute, value)) {
        m_plan.addIssue(row.line,
            tr("Line %1: \"%2\" is not a valid value for active. Use true or false (yes/no and 1/0 also "
               "work).")
                .arg(row.line)
                .arg(value));
    }
}
