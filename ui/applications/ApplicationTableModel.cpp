#include "ApplicationTableModel.h"

#include <QLocale>

ApplicationTableModel::ApplicationTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ApplicationTableModel::setApplications(const QList<Application>& applications,
    const QHash<qint64, QString>& serverNames, const QHash<qint64, QString>& sourceNames)
{
    beginResetModel();
    m_applications = applications;
    m_serverNames = serverNames;
    m_sourceNames = sourceNames;
    endResetModel();
}

void ApplicationTableModel::setScopeCountsPending()
{
    m_scopeCountsPending = true;
    if (!m_applications.isEmpty()) {
        emit dataChanged(index(0, AssignedColumn), index(rowCount() - 1, AssignedColumn));
    }
}

void ApplicationTableModel::setScopeCounts(const QHash<qint64, int>& counts, const QString& error)
{
    m_scopeCounts = counts;
    m_scopeCountError = error;
    m_scopeCountsPending = false;
    if (!m_applications.isEmpty()) {
        emit dataChanged(index(0, AssignedColumn), index(rowCount() - 1, AssignedColumn));
    }
}

const Application* ApplicationTableModel::applicationAt(int row) const
{
    return row >= 0 && row < m_applications.size() ? &m_applications.at(row) : nullptr;
}

int ApplicationTableModel::rowOfApplication(qint64 id) const
{
    for (int row = 0; row < m_applications.size(); ++row) {
        if (m_applications.at(row).id == id) {
            return row;
        }
    }
    return -1;
}

QString ApplicationTableModel::assignmentText(const Assignment& assignment)
{
    if (assignment.allUsers) {
        return tr("All users");
    }
    if (assignment.allGroups) {
        return tr("users: %1, all groups").arg(assignment.userIds.size());
    }
    if (assignment.userIds.isEmpty() && assignment.groupIds.isEmpty()) {
        return tr("Nobody assigned");
    }
    // Counts after a label read well in every language without plural forms.
    return tr("users: %1, groups: %2").arg(assignment.userIds.size()).arg(assignment.groupIds.size());
}

int ApplicationTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_applications.size());
}

int ApplicationTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApplicationTableModel::data(const QModelIndex& index, int role) const
{
    const Application* application = applicationAt(index.row());
    if (!application) {
        return {};
    }
    if (role == ApplicationIdRole) {
        return application->id;
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return role == Qt::ToolTipRole && !application->description.isEmpty() ? application->description
                                                                              : application->name;
    case ProtocolColumn:
        return application->signInProtocol.isEmpty() ? tr("None") : application->signInProtocol;
    case ServerColumn:
        if (application->scimServerId <= 0) {
            return tr("None");
        }
        return m_serverNames.value(application->scimServerId, tr("Missing server"));
    case SourceColumn:
        if (application->sourceId <= 0) {
            return tr("Embedded directory");
        }
        return m_sourceNames.value(application->sourceId, tr("Missing source"));
    case AssignedColumn: {
        const QString assigned = assignmentText(application->assignment);
        if (role == Qt::ToolTipRole) {
            const QString filters = application->assignment.scopingFilters.isEmpty()
                ? tr("no scoping filters")
                : tr("%n scoping filter(s)", nullptr, int(application->assignment.scopingFilters.size()));
            return m_scopeCountError.isEmpty()
                ? tr("Assigned: %1; %2. The count is of directory users the next sync provisions.")
                      .arg(assigned, filters)
                : m_scopeCountError;
        }
        if (m_scopeCountsPending || !m_scopeCounts.contains(application->id)) {
            return m_scopeCountError.isEmpty() ? tr("Computing\u2026 (%1)").arg(assigned)
                                               : tr("Unknown (%1)").arg(assigned);
        }
        return tr("%1 in scope (%2)").arg(QLocale().toString(m_scopeCounts.value(application->id)), assigned);
    }
    case LastSyncColumn:
        return application->lastSyncAt.isValid()
            ? QLocale().toString(application->lastSyncAt.toLocalTime(), QLocale::ShortFormat)
            : tr("Never");
    case EditColumn:
        return role == Qt::ToolTipRole ? tr("Edit %1").arg(application->name) : QVariant();
    default:
        return {};
    }
}

QVariant ApplicationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ProtocolColumn:
        return tr("Sign-in Protocol");
    case ServerColumn:
        return tr("SCIM Server");
    case SourceColumn:
        return tr("Users From");
    case AssignedColumn:
        return tr("Users in Scope (Assigned)");
    case LastSyncColumn:
        return tr("Last Sync");
    default:
        return {};
    }
}
