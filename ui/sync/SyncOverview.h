#pragma once

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

public slots:
    void reload();

signals:
    // Preview Next Run, Open: the page selects the application (and previews it).
    void previewRequested(qint64 applicationId);
    void openRequested(qint64 applicationId);

private:
    struct CachedPreview
    {
        QDateTime at;
        QString text;
    };
    qint64 selectedApplication() const;
    void fillRow(int row, qint64 applicationId, const QString& label);

    std::shared_ptr<Workspace> m_workspace;
    QList<qint64> m_applicationIds;
    QHash<qint64, CachedPreview> m_previews;
    QLabel* m_intro = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_previewButton = nullptr;
    QPushButton* m_openButton = nullptr;
};
