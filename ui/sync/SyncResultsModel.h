#pragma once

#include "sync/JournalStore.h"

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QList>

class QIODevice;
class QTimer;

// The per-operation results of a run (live while it applies, or read from the journal):
// status, action, object, HTTP status, request id and the server's message. Live entries
// are buffered and inserted a batch at a time so a 10,000-operation run does not insert
// rows one by one on the GUI thread.
class SyncResultsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        StatusColumn,
        ActionColumn,
        ObjectColumn,
        HttpStatusColumn,
        RequestIdColumn,
        MessageColumn,
        ColumnCount
    };

    explicit SyncResultsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEntries(const QList<JournalEntry>& entries);
    // Queues an entry; it appears with the next batch (at most 100 ms later) or on flush().
    void append(const JournalEntry& entry);
    void flush();
    void clear();
    const QList<JournalEntry>& entries() const { return m_entries; }

    // Through CsvWriter, so values a spreadsheet would evaluate are neutralised.
    bool writeCsv(QIODevice* device, QString* error) const;
    QJsonArray toJson() const;

private:
    QList<JournalEntry> m_entries;
    QList<JournalEntry> m_pending;
    QTimer* m_flushTimer = nullptr;
};
