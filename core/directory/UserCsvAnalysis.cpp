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
    const QString key = SqlValues::nameKey(row.userName);
    // A repeated user name is not looked up: an import may already have written the first row,
    // and the issues of a row must not depend on that.
    const bool lookUp = checkUserName(row.line, row.userName, key);
    const std::optional<DirectoryUser> found = lookUp ? m_directory.userByNameKey(key) : std::nullopt;
    row.isNew = !found.has_value();
    row.user = row.isNew ? DirectoryUser() : *found;
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
        ++m_plan.toUpdate;
        m_plan.users.append(std::move(row.user));
    }
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
            readObjectId(row, value);
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

void UserCsvAnalysis::readObjectId(Row& row, const QString& value)
{
    const QString objectId = value.trimmed();
    if (objectId.isEmpty()) {
        return;
    }
    if (!row.isNew && objectId != row.user.objectId) {
        m_plan.addIssue(row.line,
            tr("Line %1: the object ID of \"%2\" cannot change (it links the user to SCIM servers). "
               "Clear the cell or use %3.")
                .arg(row.line)
                .arg(row.userName, row.user.objectId));
    } else if (row.isNew
        && (m_objectIds.firstLineOrRemember(objectId, row.line) != 0 || m_directory.objectIdTaken(objectId))) {
        m_plan.addIssue(row.line,
            tr("Line %1: the object ID %2 already belongs to another user. Clear the cell to generate "
               "a new one.")
                .arg(row.line)
                .arg(objectId));
    } else {
        row.user.objectId = objectId;
    }
}
