#pragma once

#include "model/Application.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

// Application Manager's table: one row per application with its sign-in protocol, SCIM
// server, the source its users come from, how many users are in scope (counted elsewhere, off the GUI thread) and when
// it was last synchronised.
class ApplicationTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        ProtocolColumn,
        ServerColumn,
        SourceColumn,
        AssignedColumn,
        LastSyncColumn,
        EditColumn, // holds the row's pencil button
        ColumnCount,
    };

    enum Role
    {
        ApplicationIdRole = Qt::UserRole + 1,
    };

    explicit ApplicationTableModel(QObject* parent = nullptr);

    // serverNames: SCIM server id → name, for the SCIM Server column; sourceNames: directory source
    // id → name, for the Users From column.
    void setApplications(const QList<Application>& applications, const QHash<qint64, QString>& serverNames,
        const QHash<qint64, QString>& sourceNames = {});
    const Application* applicationAt(int row) const;
    int rowOfApplication(qint64 id) const;

    // Marks the in-scope counts as being computed ("Computing…") until setScopeCounts().
    void setScopeCountsPending();
    // application id → users in scope; error: why they could not be counted.
    void setScopeCounts(const QHash<qint64, int>& counts, const QString& error = {});

    static QString assignmentText(const Assignment& assignment);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Application> m_applications;
    QHash<qint64, QString> m_serverNames;
    QHash<qint64, QString> m_sourceNames;
    QHash<qint64, int> m_scopeCounts;
    bool m_scopeCountsPending = false;
    QString m_scopeCountError;
};
