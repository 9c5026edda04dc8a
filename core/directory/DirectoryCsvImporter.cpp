#include "DirectoryCsvImporter.h"

#include "CsvImportPlan.h"
#include "DirectoryRepository.h"
#include "DirectorySnapshot.h"
#include "GroupCsvAnalysis.h"
#include "UserCsvAnalysis.h"
#include "storage/Database.h"
#include "util/LogCategories.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("DirectoryCsvImporter", text);
}

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
        add(CsvImportColumn::objectId, {"objectid", "groupobjectid", "externalid"});
        add(CsvImportColumn::group, {"group", "groupname", "groupdisplayname", "displayname", "name"});
        add(CsvImportColumn::description, {"description", "groupdescription"});
        add(CsvImportColumn::member, {"member", "memberusername", "username", "user"});
        add(CsvImportColumn::members, {"members", "memberusernames", "usernames", "users"});
        add(CsvImportColumn::parent, {"parent", "parentgroup", "memberof"});
        return map;
    }();
    return aliases;
}

} // namespace

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

CsvImportPlan DirectoryCsvImporter::analyse() const
{
    CsvImportPlan plan;
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
        if (!seenAttributes.contains(CsvImportColumn::userName)) {
            plan.fileError = tr("No column holds the user name. Name a header \"userName\" (or \"User name\"), or "
                                "map a column to userName.");
            return plan;
        }
        analyseUsers(plan);
    } else {
        if (!seenAttributes.contains(CsvImportColumn::group)) {
            plan.fileError = tr("No column holds the group name. Name a header \"group\" (or \"Group name\"), or "
                                "map a column to the group.");
            return plan;
        }
        analyseGroups(plan);
    }
    return plan;
}

void DirectoryCsvImporter::analyseUsers(CsvImportPlan& plan) const
{
    auto snapshot = DirectorySnapshot::load(*m_repository.database());
    if (!snapshot) {
        plan.fileError = snapshot.error().message;
        return;
    }
    UserCsvAnalysis analysis(snapshot.value(), m_columnAttributes, int(m_headers.size()), plan);
    plan.users.reserve(m_records.size());
    for (const CsvRecord& record : m_records) {
        analysis.addRecord(record);
    }
}

void DirectoryCsvImporter::analyseGroups(CsvImportPlan& plan) const
{
    auto snapshot = DirectorySnapshot::load(*m_repository.database());
    if (!snapshot) {
        plan.fileError = snapshot.error().message;
        return;
    }
    GroupCsvAnalysis analysis(snapshot.value(), m_columnAttributes, int(m_headers.size()), m_replaceGroupMembers, plan);
    for (const CsvRecord& record : m_records) {
        analysis.addRecord(record);
    }
    analysis.finish();
}

CsvImportPreview DirectoryCsvImporter::preview(int maxRows) const
{
    const CsvImportPlan plan = analyse();
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
    CsvImportPlan plan = analyse();
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
