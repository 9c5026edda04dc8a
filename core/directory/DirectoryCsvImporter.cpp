#include "DirectoryCsvImporter.h"

#include "CsvCellCheck.h"
#include "CsvImportPlan.h"
#include "CsvImportRows.h"
#include "DirectoryLookup.h"
#include "DirectoryRepository.h"
#include "DirectorySnapshot.h"
#include "GroupCsvAnalysis.h"
#include "UserCsvAnalysis.h"
#include "storage/Database.h"
#include "storage/ProfileLock.h"
#include "util/LogCategories.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
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

// Users are written in batches of this size inside the import's one transaction.
constexpr qsizetype writeBatchSize = 1000;

StorageError fileError(const QString& message)
{
    return {StorageError::Kind::Validation, message, QStringLiteral("file")};
}

// The listed problems, and a last line for those that were only counted.
QList<CsvImportIssue> listedIssues(const CsvImportPlan& plan)
{
    QList<CsvImportIssue> issues = plan.issues;
    if (plan.issueCount > plan.issues.size()) {
        issues.append({0,
            QCoreApplication::translate("DirectoryCsvImporter",
                "%n more problem(s) are not listed. Fix the ones above and check the file again.", nullptr,
                plan.issueCount - int(plan.issues.size()))});
    }
    return issues;
}

CsvImportCounts countsOf(const CsvImportPlan& plan)
{
    CsvImportCounts counts;
    counts.issues = listedIssues(plan);
    counts.rowCount = plan.rowCount;
    counts.invalidRowCount = plan.invalidRowCount;
    counts.toCreate = plan.toCreate;
    counts.toUpdate = plan.toUpdate;
    counts.unchanged = plan.unchanged;
    return counts;
}

CsvImportResult resultOf(const CsvImportPlan& plan, const std::optional<DirectoryWriteCounts>& written)
{
    CsvImportResult result;
    static_cast<CsvImportCounts&>(result) = countsOf(plan);
    result.written = written.has_value();
    result.created = written ? written->created : 0;
    result.updated = written ? written->updated : 0;
    result.skipped = written ? plan.invalidRowCount : plan.rowCount;
    return result;
}

// A pass ends early on the first failed lookup or unreadable part of the file.
void finishPass(CsvImportPlan& plan, const CsvImportRows& rows, const DirectoryLookup& lookup)
{
    plan.rowCount = rows.rowCount();
    if (lookup.error()) {
        plan.fileError = lookup.error()->message;
    } else if (!rows.error().isEmpty()) {
        plan.fileError = rows.error();
    }
}
} // namespace

DirectoryCsvImporter::DirectoryCsvImporter(const DirectoryRepository& repository, Kind kind)
    : m_repository(repository)
    , m_kind(kind)
{
}

Status<StorageError> DirectoryCsvImporter::loadFile(const QString& path)
{
    m_path.clear();
    m_data.clear();
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        return StorageError {StorageError::Kind::Io,
            tr("%1 is not a regular file (it is a folder, a pipe or a device). Save the CSV data to a file and "
               "import that file.")
                .arg(path),
            QStringLiteral("file")};
    }
    if (info.size() > m_limits.maxFileBytes) {
        return fileError(m_limits.fileTooLarge(path, info.size()));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return StorageError {StorageError::Kind::Io,
            tr("Could not open %1: %2. Check that the file exists and that you may read it.")
                .arg(path, file.errorString()),
            QStringLiteral("file")};
    }
    m_path = path;
    readHeader(file);
    return {};
}

void DirectoryCsvImporter::setData(const QByteArray& utf8Csv)
{
    m_path.clear();
    m_data = utf8Csv;
    QBuffer buffer(&m_data);
    buffer.open(QIODevice::ReadOnly);
    readHeader(buffer);
}

void DirectoryCsvImporter::readHeader(QIODevice& device)
{
    CsvReader reader(&device, QChar());
    CsvRecord header;
    m_headers = reader.readRecord(header) ? header.fields : QStringList();
    // A bad byte is reported by the pass with its line; only a header that cannot be read at all stops here.
    m_headerError = reader.error();
    m_columnAttributes.clear();
    for (const QString& name : std::as_const(m_headers)) {
        m_columnAttributes.append(suggestAttribute(name, m_kind));
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

QString DirectoryCsvImporter::checkColumns() const
{
    if (!m_headerError.isEmpty()) {
        return m_headerError;
    }
    if (m_headers.isEmpty()) {
        return tr("The file is empty. A CSV file for import starts with a header row naming the columns.");
    }
    QHash<QString, int> seenAttributes;
    for (int column = 0; column < m_columnAttributes.size(); ++column) {
        const QString& attribute = m_columnAttributes.at(column);
        const qsizetype bad = CsvCellCheck::forbiddenCharacter(m_headers.at(column), true);
        if (bad >= 0) {
            return CsvCellCheck::issue(1, column + 1, m_headers.at(column), m_headers.at(column), bad);
        }
        if (attribute.isEmpty()) {
            continue;
        }
        if (seenAttributes.contains(attribute)) {
            return tr("The columns \"%1\" and \"%2\" both fill %3. Ignore one of them in the column mapping.")
                .arg(m_headers.value(seenAttributes.value(attribute)), m_headers.value(column), attribute);
        }
        seenAttributes.insert(attribute, column);
    }
    if (m_kind == Kind::Users && !seenAttributes.contains(CsvImportColumn::userName)) {
        return tr("No column holds the user name. Name a header \"userName\" (or \"User name\"), or map a column "
                  "to userName.");
    }
    if (m_kind == Kind::Groups && !seenAttributes.contains(CsvImportColumn::group)) {
        return tr("No column holds the group name. Name a header \"group\" (or \"Group name\"), or map a column to "
                  "the group.");
    }
    return {};
}

std::unique_ptr<CsvImportRows> DirectoryCsvImporter::openRows(QString* error) const
{
    std::unique_ptr<QIODevice> device;
    if (m_path.isEmpty()) {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(m_data);
        device = std::move(buffer);
    } else {
        device = std::make_unique<QFile>(m_path);
    }
    if (!device->open(QIODevice::ReadOnly)) {
        *error = tr("Could not open %1: %2. Check that the file exists and that you may read it.")
                     .arg(m_path, device->errorString());
        return nullptr;
    }
    const QString name = m_path.isEmpty() ? tr("The CSV text") : m_path;
    return std::make_unique<CsvImportRows>(std::move(device), name, m_headers, m_limits);
}

void DirectoryCsvImporter::analyseUsers(
    CsvImportRows& rows, CsvImportPlan& plan, QList<CsvRecord>* firstRows, int maxRows) const
{
    DirectoryLookup lookup(*m_repository.database());
    UserCsvAnalysis analysis(lookup, m_headers, m_columnAttributes, plan);
    CsvRecord record;
    while (!lookup.error() && rows.next(record)) {
        if (firstRows && firstRows->size() < maxRows) {
            firstRows->append(record);
        }
        analysis.addRecord(record);
        plan.users.clear(); // only counted here
    }
    finishPass(plan, rows, lookup);
}

void DirectoryCsvImporter::analyseGroups(
    CsvImportRows& rows, CsvImportPlan& plan, QList<CsvRecord>* firstRows, int maxRows) const
{
    auto groups = DirectorySnapshot::load(*m_repository.database(), DirectorySnapshot::Contents::GroupsOnly);
    if (!groups) {
        plan.fileError = groups.error().message;
        return;
    }
    DirectoryLookup lookup(*m_repository.database());
    GroupCsvAnalysis analysis(groups.value(), lookup, m_headers, m_columnAttributes, m_replaceGroupMembers, plan);
    CsvRecord record;
    while (!lookup.error() && rows.next(record)) {
        if (firstRows && firstRows->size() < maxRows) {
            firstRows->append(record);
        }
        analysis.addRecord(record);
    }
    analysis.finish();
    finishPass(plan, rows, lookup);
}

CsvImportPreview DirectoryCsvImporter::preview(int maxRows) const
{
    CsvImportPlan plan;
    CsvImportPreview preview;
    plan.fileError = checkColumns();
    if (plan.fileError.isEmpty()) {
        if (auto rows = openRows(&plan.fileError)) {
            if (m_kind == Kind::Users) {
                analyseUsers(*rows, plan, &preview.rows, qMax(0, maxRows));
            } else {
                analyseGroups(*rows, plan, &preview.rows, qMax(0, maxRows));
            }
        }
    }
    static_cast<CsvImportCounts&>(preview) = countsOf(plan);
    preview.fileError = plan.fileError;
    preview.headers = m_headers;
    preview.columnAttributes = m_columnAttributes;
    return preview;
}

Result<CsvImportResult, StorageError> DirectoryCsvImporter::import(Mode mode)
{
    QElapsedTimer timer;
    timer.start();
    if (const QString problem = checkColumns(); !problem.isEmpty()) {
        return fileError(problem);
    }
    // Two imports, or an import and an apply, must not write into one profile at once.
    auto lock = ProfileLock::acquire(m_repository.database()->filePath());
    if (!lock) {
        return lock.error();
    }
    if (!lock->takenOver().isEmpty()) {
        qCWarning(lcDirectory).noquote() << lock->takenOver();
    }
    QString openError;
    auto rows = openRows(&openError);
    if (!rows) {
        return StorageError {StorageError::Kind::Io, openError, QStringLiteral("file")};
    }
    auto imported = m_kind == Kind::Users ? importUsers(mode, *rows) : importGroups(mode, *rows);
    if (imported) {
        qCInfo(lcDirectory) << "CSV import:" << imported->rowCount << "rows," << imported->created << "created,"
                            << imported->updated << "updated," << imported->unchanged << "unchanged,"
                            << imported->skipped << "skipped in" << timer.elapsed() << "ms";
    }
    return imported;
}

Result<CsvImportResult, StorageError> DirectoryCsvImporter::importUsers(Mode mode, CsvImportRows& rows)
{
    using Step = DirectoryRepository::BatchStep;
    CsvImportPlan plan;
    DirectoryLookup lookup(*m_repository.database());
    UserCsvAnalysis analysis(lookup, m_headers, m_columnAttributes, plan);
    auto written = m_repository.saveUserBatches([&](QList<DirectoryUser>& batch) {
        CsvRecord record;
        while (batch.size() < writeBatchSize) {
            if (!rows.next(record)) {
                return rows.error().isEmpty() ? Step::Last : Step::Abandon;
            }
            analysis.addRecord(record);
            batch.append(std::move(plan.users));
            plan.users.clear();
            if (lookup.error() || (mode == Mode::AllOrNothing && plan.invalidRowCount > 0)) {
                return Step::Abandon;
            }
        }
        return Step::More;
    });
    if (!written) {
        return written.error();
    }
    if (!written->has_value()) {
        // Nothing was written; the rest of the file is still checked so every problem is listed.
        CsvRecord record;
        while (!lookup.error() && rows.next(record)) {
            analysis.addRecord(record);
            plan.users.clear();
        }
    }
    finishPass(plan, rows, lookup);
    if (!plan.fileError.isEmpty()) {
        return lookup.error() ? *lookup.error() : fileError(plan.fileError);
    }
    return resultOf(plan, written.value());
}

Result<CsvImportResult, StorageError> DirectoryCsvImporter::importGroups(Mode mode, CsvImportRows& rows)
{
    CsvImportPlan plan;
    analyseGroups(rows, plan, nullptr, 0);
    if (!plan.fileError.isEmpty()) {
        return fileError(plan.fileError);
    }
    if (mode == Mode::AllOrNothing && plan.invalidRowCount > 0) {
        return resultOf(plan, std::nullopt);
    }
    auto written = m_repository.saveGroups(plan.groups);
    if (!written) {
        return written.error();
    }
    return resultOf(plan, written.value());
}
