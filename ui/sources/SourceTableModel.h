#pragma once

#include "model/DirectorySource.h"
#include "sources/SourceCache.h"
#include "sources/SourceReadLog.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>
#include <QStringList>

#include <optional>

// One row of the Directory Sources table, assembled by the page (which owns the lookups).
struct SourceTableRow
{
    DirectorySource source;
    QString typeName;
    QStringList applications;
    std::optional<SourceReadAttempt> lastAttempt; // the last read, failed or not
    std::optional<SourceCacheState> lastRead; // the last complete read, what the counts are of
};

// The Directory Sources table: one row per source, read-only — name, type, URL, base DN, the
// applications reading from it, and its last read: when, how many users and groups, the result.
class SourceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        TypeColumn,
        UrlColumn,
        BaseDnColumn,
        ApplicationsColumn,
        LastReadColumn,
        UsersColumn,
        GroupsColumn,
        ResultColumn,
        ColumnCount,
    };

    enum Role
    {
        SourceIdRole = Qt::UserRole + 1,
    };

    explicit SourceTableModel(QObject* parent = nullptr);

    void setRows(const QList<SourceTableRow>& rows);
    // Sources being read now show "Reading…" as their result.
    void setReading(const QSet<qint64>& sourceIds);
    const SourceTableRow* rowAt(int row) const;
    int rowOfSource(qint64 id) const;

    // The result column's text, e.g. "Complete (incremental)" or "Failed: …".
    QString resultText(const SourceTableRow& row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const SourceTableRow& row, int column, bool toolTip) const;
    QVariant decoration(const SourceTableRow& row, int column) const;

    QList<SourceTableRow> m_rows;
    QSet<qint64> m_reading;
};
