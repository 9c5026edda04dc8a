#pragma once

#include "CsvReader.h"
#include "SeenKeys.h"
#include "model/DirectoryUser.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class DirectoryLookup;
struct CsvImportPlan;

// The rows of a users CSV file checked against the directory, one at a time: every valid row
// that changes something becomes a user to create or update (matched by userName) in
// plan.users, every problem an issue on its line. A row with an objectId is matched by it first
// (a changed userName is then a rename), a row without one by userName. It keeps no row once it is checked, only a
// fingerprint of each user name and object ID the file uses.
class UserCsvAnalysis
{
public:
    // headers: the file's header row; columnAttributes: what each column fills (empty: ignored).
    UserCsvAnalysis(DirectoryLookup& directory, const QStringList& headers, const QStringList& columnAttributes,
        CsvImportPlan& plan);

    void addRecord(const CsvRecord& record);

private:
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
    // The row being read and the user it creates or updates.
    struct Row
    {
        int line = 0;
        QString userName;
        QString objectId; // trimmed; empty when the file has none for this row
        bool isNew = true;
        DirectoryUser user;
    };

    static QList<Column> columnKinds(const QStringList& attributes);
    void checkCellCount(const CsvRecord& record);
    void checkCharacters(const CsvRecord& record);
    // False when the row has no user name or repeats one.
    bool checkUserName(int line, const QString& userName, const QString& key);
    void readCells(const CsvRecord& record, Row& row);
    void readActive(Row& row, const QString& attribute, const QString& value);
    // The directory user the row updates; nullopt for a new user (or an issue on the row).
    std::optional<DirectoryUser> match(const Row& row);

    const QStringList m_headers;
    const QStringList m_attributes;
    DirectoryLookup& m_directory;
    CsvImportPlan& m_plan;
    const QList<Column> m_columnKinds;
    const int m_userNameColumn;
    const int m_objectIdColumn;
    const int m_columns;
    SeenKeys m_userNames; // userName key -> first line in this file
    SeenKeys m_objectIds; // objectId of each user a line names (given or matched) -> first line
    SeenKeys m_renamedAway; // userName key a valid line renames a user away from -> that line
};
