#pragma once

#include "CsvReader.h"
#include "model/DirectoryUser.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

class DirectorySnapshot;
struct CsvImportPlan;

// The rows of a users CSV file checked against the directory: every valid row becomes a user
// to create or update (matched by userName), every problem an issue on its line.
class UserCsvAnalysis
{
public:
    // columnAttributes: what each of the header's `columns` columns fills (empty: ignored).
    UserCsvAnalysis(
        const DirectorySnapshot& directory, const QStringList& columnAttributes, int columns, CsvImportPlan& plan);

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
    void checkUserName(int line, const QString& userName, const QString& key);
    void readCells(const CsvRecord& record, Row& row);
    void readActive(Row& row, const QString& attribute, const QString& value);
    void readObjectId(Row& row, const QString& value);

    const QStringList m_attributes;
    const DirectorySnapshot& m_directory;
    CsvImportPlan& m_plan;
    const QList<Column> m_columnKinds;
    const int m_userNameColumn;
    const int m_columns;
    QHash<QString, int> m_firstLine; // userName key -> line in this file
    QHash<QString, int> m_objectIdLine; // objectId -> line in this file
};
