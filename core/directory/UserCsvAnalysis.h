#pragma once

#include "CsvReader.h"
#include "SeenKeys.h"
#include "model/DirectoryUser.h"

#include <QList>
#include <QString>
#include <QStringList>

class DirectoryLookup;
struct CsvImportPlan;

// The rows of a users CSV file checked against the directory, one at a time: every valid row
// that changes something becomes a user to create or update (matched by userName) in
// plan.users, every problem an issue on its line. It keeps no row once it is checked, only a
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
    void readObjectId(Row& row, const QString& value);

    const QStringList m_headers;
    const QStringList m_attributes;
    DirectoryLookup& m_directory;
    CsvImportPlan& m_plan;
    const QList<Column> m_columnKinds;
    const int m_userNameColumn;
    const int m_columns;
    SeenKeys m_userNames; // userName key -> first line in this file
    SeenKeys m_objectIds; // objectId -> first line in this file
};
