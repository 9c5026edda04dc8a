#pragma once

#include "CsvImportLimits.h"
#include "CsvReader.h"
#include "DirectoryRepository.h"
#include "storage/StorageError.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

class CsvImportRows;
class QIODevice;
struct CsvImportPlan;

// One problem with one CSV record; line is where the record starts (0: the whole file).
struct CsvImportIssue
{
    int line = 0;
    QString message;
};

// What the rows of a file amount to: the same for a preview and for an import, written or not.
struct CsvImportCounts
{
    QList<CsvImportIssue> issues; // for every row of the file, not only the previewed ones
    int rowCount = 0; // data records in the file
    int invalidRowCount = 0;
    int toCreate = 0;
    int toUpdate = 0;
    int unchanged = 0;
};

// What an import would do, computed without writing.
struct CsvImportPreview : CsvImportCounts
{
    QString fileError; // set when nothing can be imported (not UTF-8, no userName column …)
    QStringList headers;
    QStringList columnAttributes; // per column: the attribute it fills, empty = ignored
    QList<CsvRecord> rows; // the first rows, as read
};

// What an import did; the counts say what the file held, also when nothing was written.
struct CsvImportResult : CsvImportCounts
{
    bool written = false;
    int created = 0;
    int updated = 0;
    int skipped = 0; // invalid rows not imported (every row when nothing was written)
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
//
// The file is streamed: each preview() or import() is one pass over it that holds one record at
// a time, so memory stays well below 3x the file size (tests/bench, bench_csv_import). Files
// beyond limits() are refused with what to do instead.
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

    // Keeps its own handle on the repository's database, so a copy handed to a worker thread
    // stays valid when the object that created it is gone.
    explicit DirectoryCsvImporter(const DirectoryRepository& repository, Kind kind = Kind::Users);

    // Reads the header row of a regular file; preview() and import() read the rest. A folder,
    // pipe or device, or a file larger than limits().maxFileBytes, is refused here.
    Status<StorageError> loadFile(const QString& path);
    // The same for CSV text held in memory.
    void setData(const QByteArray& utf8Csv);
    void setLimits(const CsvImportLimits& limits) { m_limits = limits; }
    const CsvImportLimits& limits() const { return m_limits; }

    QStringList headers() const { return m_headers; }
    // The attribute each column fills; empty = column ignored.
    QStringList columnAttributes() const { return m_columnAttributes; }
    // Overrides the automatic mapping of one column (empty attribute ignores the column).
    void setColumnAttribute(int column, const QString& attribute);
    void setReplaceGroupMembers(bool replace) { m_replaceGroupMembers = replace; }

    // The attribute a header maps to by default for this kind; empty when none.
    static QString suggestAttribute(const QString& header, Kind kind = Kind::Users);

    // Checks every row without writing.
    CsvImportPreview preview(int maxRows = 50) const;
    // Checks and writes in one pass, in one transaction (all or nothing, or the valid rows).
    Result<CsvImportResult, StorageError> import(Mode mode);

private:
    void readHeader(QIODevice& device);
    // Why the column mapping cannot be imported at all; empty when it can.
    QString checkColumns() const;
    std::unique_ptr<CsvImportRows> openRows(QString* error) const;
    // Runs the check over every row; keeps the first maxRows records in *firstRows.
    void analyseUsers(CsvImportRows& rows, CsvImportPlan& plan, QList<CsvRecord>* firstRows, int maxRows) const;
    void analyseGroups(CsvImportRows& rows, CsvImportPlan& plan, QList<CsvRecord>* firstRows, int maxRows) const;
    Result<CsvImportResult, StorageError> importUsers(Mode mode, CsvImportRows& rows);
    Result<CsvImportResult, StorageError> importGroups(Mode mode, CsvImportRows& rows);

    DirectoryRepository m_repository;
    Kind m_kind;
    QString m_path; // the file; empty when m_data holds the text
    QByteArray m_data;
    QString m_headerError;
    QStringList m_headers;
    QStringList m_columnAttributes;
    CsvImportLimits m_limits;
    bool m_replaceGroupMembers = false;
};
