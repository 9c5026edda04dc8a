#pragma once

#include "sync/JournalSearch.h"
#include "sync/SyncPlan.h"

#include <QDateTime>
#include <QHash>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTableWidget;
class Workspace;

// Per application with a SCIM server: the last run's result, counts, time and duration, the
// failures since the last run that succeeded, and what the next run would do — the cached
// counts of the last preview (on demand: Preview Next Run), dropped when a run changes the target.
class SyncOverview : public QWidget
{
    Q_OBJECT

public:
    enum Column
    {
        ApplicationColumn,
        LastRunColumn,
        ResultColumn,
        ChangesColumn,
        FailuresColumn,
        NextRunColumn,
        ColumnCount
    };

    explicit SyncOverview(std::shared_ptr<Workspace> workspace, QWidget* parent = nullptr);

    // The application of each row, in order.
    QList<qint64> applicationIds() const { return m_applicationIds; }
    QString cellText(qint64 applicationId, Column column) const;
    // What the next run would do, from a preview of applicationId (the Plan tab's included).
    void setPreview(const SyncPlan& plan);
    // A run changed the target: the cached preview no longer says what the next run does.
    void forgetPreview(qint64 applicationId);
    // The runs' activity is read on the thread pool; loaded() ends it.
    bool isLoading() const { return m_loading; }

public slots:
    void reload();

signals:
    // Preview Next Run, Open: the page selects the application (and previews it).
    void previewRequested(qint64 applicationId);
    void openRequested(qint64 applicationId);
    // Every row shows the activity read by the newest reload().
    void loaded();

private:
    struct CachedPreview
    {
        QDateTime at;
        QString text;
    };
    // An application's activity as read on the pool: the value, or why it could not be read.
    struct Activity
    {
        SyncActivity value;
        QString error;
    };
    qint64 selectedApplication() const;
    void loadActivity();
    void showActivity(quint64 generation, const QHash<qint64, Activity>& activities);
    void fillRow(int row, qint64 applicationId, const QString& label);
    void fillActivity(int row, qint64 applicationId);

    std::shared_ptr<Workspace> m_workspace;
    QList<qint64> m_applicationIds;
    QHash<qint64, CachedPreview> m_previews;
    // The last activity read per application: shown again while a newer read runs.
    QHash<qint64, Activity> m_activities;
    quint64 m_generation = 0;
    bool m_loading = false;
    QLabel* m_intro = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_previewButton = nullptr;
    QPushButton* m_openButton = nullptr;
};
