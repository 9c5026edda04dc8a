#pragma once

#include "CsvReader.h"
#include "storage/StorageError.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

class DirectoryRepository;
struct CsvImportPlan;

// One problem with one CSV record; line is where the record starts (0: the whole file).
struct CsvImportIssue
{
    int line = 0;
    QString message;
};

// What an import would do, computed without writing.
struct CsvImportPreview
{
    QString fileError; // set when nothing can be imported (not UTF-8, no userName column …)
    QStringList headers;
    QStringList columnAttributes; // per column: the attribute it fills, empty = ignored
    QList<CsvRecord> rows; // the first rows, as read
    QList<CsvImportIssue> issues; // for every row of the file, not only the previewed ones
    int rowCount = 0; // data records in the file
    int invalidRowCount = 0;
    int toCreate = 0;
    int toUpdate = 0;
    int unchanged = 0;
};

struct CsvImportResult
{
    bool written = false;
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    int skipped = 0; // invalid rows not imported
    QList<CsvImportIssue> issues;
};

// Imports users or groups from CSV into the embedded directory.
//
// Users: the header row names the attributes; common spellings are recognised ("E-mail
// address", "First name", "user_name" …) and any other header becomes a custom attribute.
// Existing users (matched by userName, ignoring case and spaces) are updated, others created.
//
// Groups: one row per membership — group, member (a userName) — or a "members" column with
// userNames separated by ';'; an optional "parent" column nests the group inside another.
// Missing groups are created; memberships are added (or, with setReplaceGroupMembers, the
// file's members replace those of the groups it names).
class DirectoryCsvImporter
{
public:
    enum class Kind
    {
        Users,
        Groups,
    };
    enum class Mode
    {
        AllOrNothing, // any invalid row: nothing is written, every problem is reported
        SkipInvalid, // valid rows are written; each skipped row is reported with its reason
    };

    explicit DirectoryCsvImporter(DirectoryRepository& repository, Kind kind = Kind::Users);

    Status<StorageError> loadFile(const QString& path);
    void setData(const QByteArray& utf8Csv);

    QStringList headers() const { return m_headers; }
    // The attribute each column fills; empty = column ignored.
    QStringList columnAttributes() const { return m_columnAttributes; }
    // Overrides the automatic mapping of one column (empty attribute ignores the column).
    void setColumnAttribute(int column, const QString& attribute);
    void setReplaceGroupMembers(bool replace) { m_replaceGroupMembers = replace; }

    // The attribute a header maps to by default for this kind; empty when none.
    static QString suggestAttribute(const QString& header, Kind kind = Kind::Users);

    CsvImportPreview preview(int maxRows = 50) const;
    Result<CsvImportResult, StorageError> import(Mode mode);

private:
    CsvImportPlan analyse() const;
    void analyseUsers(CsvImportPlan& plan) const;
    void analyseGroups(CsvImportPlan& plan) const;

    DirectoryRepository& m_repository;
    Kind m_kind;
    QString m_decodingError;
    QStringList m_headers;
    QStringList m_columnAttributes;
    QList<CsvRecord> m_records; // data records, header excluded
    bool m_replaceGroupMembers = false;
};
