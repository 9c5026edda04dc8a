#include "DirectoryUserModel.h"

#include "directory/DirectoryRepository.h"

DirectoryUserModel::DirectoryUserModel(DirectoryRepository& repository, QObject* parent)
    : PagedTableModel<DirectoryUser>(parent)
    , m_repository(repository)
{
}

int DirectoryUserModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DirectoryUserModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != UserIdRole)) {
        return {};
    }
    const auto user = rowAt(index.row());
    if (!user) {
        return {};
    }
    if (role == UserIdRole) {
        return user->id;
    }
    switch (index.column()) {
    case UserNameColumn:
        return user->userName;
    case DisplayNameColumn:
        return user->displayName;
    case EmailColumn:
        return user->email;
    case DepartmentColumn:
        return user->department;
    case TitleColumn:
        return user->title;
    case ActiveColumn:
        return user->active ? tr("Active") : tr("Inactive");
    default:
        return {};
    }
}

QVariant DirectoryUserModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case UserNameColumn:
        return tr("User name");
    case DisplayNameColumn:
        return tr("Display name");
    case EmailColumn:
        return tr("E-mail");
    case DepartmentColumn:
        return tr("Department");
    case TitleColumn:
        return tr("Title");
    case ActiveColumn:
        return tr("Status");
    default:
        return {};
    }
}

void DirectoryUserModel::sort(int, Qt::SortOrder order)
{
    setOrder(order);
}

int DirectoryUserModel::countRows(const QString& search) const
{
    return m_repository.countUsers(search);
}

QList<DirectoryUser> DirectoryUserModel::loadRows(const QString& search, int limit, int offset) const
{
    return m_repository.listUsers(search, limit, offset);
}
