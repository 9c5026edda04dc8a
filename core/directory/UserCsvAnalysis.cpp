#include "UserCsvAnalysis.h"

#include "CsvImportPlan.h"
#include "CsvWriter.h"
#include "DirectorySnapshot.h"
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
    const DirectorySnapshot& directory, const QStringList& columnAttributes, int columns, CsvImportPlan& plan)
    : m_attributes(columnAttributes)
    , m_directory(directory)
    , m_plan(plan)
    , m_columnKinds(columnKinds(columnAttributes))
    , m_userNameColumn(int(m_columnKinds.indexOf(Column::UserName)))
    , m_columns(columns)
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
    const int issuesBefore = int(m_plan.issues.size());
    if (!record.error.isEmpty()) {
        m_plan.addIssue(record.line, record.error);
    }
    checkCellCount(record);

    Row row;
    row.line = record.line;
    row.userName = CsvWriter::restoreNeutralised(record.fields.value(m_userNameColumn)).trimmed();
    const QString key = SqlValues::nameKey(row.userName);
    checkUserName(row.line, row.userName, key);

    const DirectoryUser* found = m_directory.userByUserName(key);
    row.isNew = found == nullptr;
    row.user = row.isNew ? DirectoryUser() : *found;
    readCells(record, row);
    if (m_plan.issues.size() > issuesBefore) {
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

void UserCsvAnalysis::checkUserName(int line, const QString& userName, const QString& key)
{
    if (userName.isEmpty()) {
        m_plan.addIssue(line, tr("Line %1 has no user name; every user needs one.").arg(line));
    } else if (m_firstLine.contains(key)) {
        m_plan.addIssue(line,
            tr("Line %1 repeats the user name \"%2\" of line %3 (user names are compared ignoring case). Keep "
               "one of the two lines.")
                .arg(line)
                .arg(userName)
                .arg(m_firstLine.value(key)));
    } else {
        m_firstLine.insert(key, line);
    }
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
    } else if (row.isNew && (m_directory.userByObjectId(objectId) || m_objectIdLine.contains(objectId))) {
        m_plan.addIssue(row.line,
            tr("Line %1: the object ID %2 already belongs to another user. Clear the cell to generate "
               "a new one.")
                .arg(row.line)
                .arg(objectId));
    } else {
        row.user.objectId = objectId;
        m_objectIdLine.insert(objectId, row.line);
    }
}
