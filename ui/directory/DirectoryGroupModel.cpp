#include "DirectoryGroupModel.h"

#include "directory/DirectoryRepository.h"

DirectoryGroupModel::DirectoryGroupModel(DirectoryRepository& repository, QObject* parent)
    : PagedTableModel<DirectoryGroup>(parent)
    , m_repository(repository)
{
}

int DirectoryGroupModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DirectoryGroupModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != GroupIdRole)) {
        return {};
    }
    const auto group = rowAt(index.row());
    if (!group) {
        return {};
    }
    if (role == GroupIdRole) {
        return group->id;
    }
    switch (index.column()) {
    case NameColumn:
        return group->displayName;
    case DescriptionColumn:
        return group->description;
    case UserMembersColumn:
        return int(group->memberUserIds.size());
    case GroupMembersColumn:
        return int(group->memberGroupIds.size());
    default:
        return {};
    }
}

QVariant DirectoryGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case NameColumn:
        return tr("Group");
    case DescriptionColumn:
        return tr("Description");
    case UserMembersColumn:
        return tr("Users");
    case GroupMembersColumn:
        return tr("Nested groups");
    default:
        return {};
    }
}

void DirectoryGroupModel::sort(int, Qt::SortOrder order)
{
    setOrder(order);
}

int DirectoryGroupModel::countRows(const QString& search) const
{
    return m_repository.countGroups(search);
}

QList<DirectoryGroup> DirectoryGroupModel::loadRows(const QString& search, int limit, int offset) const
{
    return m_repository.listGroups(search, limit, offset);
}
