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

// The Directory Sources table: one row per source, read-only — name, its last read (when and the
// result; a failure's message in full in the tooltip), how many users and groups the last complete
// read found, type, URL, base DN and the applications reading from it.
class SourceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        // How the source is doing first: on a narrow window the settings are what scrolls away.
        NameColumn,
        LastReadColumn, // when, and the result
        CountsColumn, // users and groups of the last complete read
        TypeColumn,
        UrlColumn,
        BaseDnColumn,
        ApplicationsColumn,
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

    // The last read's result, e.g. "Complete (incremental)" or "Failed".
    QString resultText(const SourceTableRow& row) const;
    QString resultText(int row) const { return rowAt(row) ? resultText(*rowAt(row)) : QString(); }
    // Why the last read failed and what to do (empty unless it failed).
    QString failureText(const SourceTableRow& row) const;

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
