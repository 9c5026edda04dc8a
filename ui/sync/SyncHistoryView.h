#pragma once

#include "sync/JournalSearch.h"

#include <QList>
#include <QWidget>

#include <memory>

class Database;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class ObjectHistoryDialog;
class SyncRunDialog;

// The History tab: runs with their durations and the journal's operations, filtered by object
// (user or group), action, status and dates, a page at a time; a run or an object opens its
// own view ("what happened to alice@example.com" across runs).
class SyncHistoryView : public QWidget
{
    Q_OBJECT

public:
    static constexpr int PageSize = 200;

    explicit SyncHistoryView(std::shared_ptr<Database> database, QWidget* parent = nullptr);

    void setApplication(qint64 applicationId);
    // The filters as the widgets hold them (the selected run included).
    JournalQuery query() const;
    const QList<SyncRunRecord>& runs() const { return m_runs; }
    int shownEntries() const { return int(m_hits.size()); }
    int matchingEntries() const { return m_total; }
    // A search is on its way (the journal is read on the thread pool); loaded() ends it.
    bool isLoading() const { return m_loading; }

public slots:
    void reload();
    void loadMoreEntries();
    SyncRunDialog* openRun(int row);
    // Key: a user name, group name, directory id or target id; empty: the selected operation's object.
    ObjectHistoryDialog* openObjectHistory(const QString& key = QString());

signals:
    void readFailed(const QString& message);
    // The runs and operations on screen match the filters.
    void loaded();

private:
    QWidget* createFilters();
    struct Loaded
    {
        QList<SyncRunRecord> runs;
        QList<JournalHit> hits;
        int total = 0;
        QString error;
    };
    void reloadEntries();
    void load(bool withRuns);
    void showLoaded(quint64 generation, bool withRuns, const Loaded& result);
    void showRuns(const QList<SyncRunRecord>& runs);
    void appendEntries(const QList<JournalHit>& hits);
    void updateButtons();

    std::shared_ptr<Database> m_database;
    qint64 m_applicationId = 0;
    qint64 m_selectedRun = 0;
    QList<SyncRunRecord> m_runs;
    QList<JournalHit> m_hits;
    int m_total = 0;
    quint64 m_generation = 0;
    bool m_loading = false;

    QLineEdit* m_object = nullptr;
    QComboBox* m_action = nullptr;
    QComboBox* m_status = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QTableWidget* m_runsTable = nullptr;
    QTableWidget* m_entriesTable = nullptr;
    QLabel* m_entriesLabel = nullptr;
    QPushButton* m_moreButton = nullptr;
    QPushButton* m_openRunButton = nullptr;
    QPushButton* m_objectButton = nullptr;
};
