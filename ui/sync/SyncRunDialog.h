#pragma once

#include "sync/JournalStore.h"

#include <QDialog>

#include <memory>

class Database;
class QLabel;
class QTableView;
class SyncResultsModel;

// One past run from the journal: its summary and every operation, exportable like a live run.
// The entries are read off the GUI thread (a run can hold 10,000 operations).
class SyncRunDialog : public QDialog
{
    Q_OBJECT

public:
    SyncRunDialog(std::shared_ptr<Database> database, const SyncRunRecord& run, QWidget* parent = nullptr);

    SyncResultsModel* model() const { return m_model; }

signals:
    void loaded();

private:
    SyncRunRecord m_run;
    SyncResultsModel* m_model = nullptr;
    QLabel* m_status = nullptr;
};
