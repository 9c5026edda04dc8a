#include "DirectoryGroupModel.h"

#include "util/DisplayText.h"

DirectoryGroupModel::DirectoryGroupModel(DirectoryBrowser browser, QObject* parent)
    : PagedTableModel<BrowsedGroup>(parent)
    , m_browser(std::move(browser))
{
}

void DirectoryGroupModel::setBrowser(const DirectoryBrowser& browser)
{
    m_browser = browser;
    reload();
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
    const auto row = rowAt(index.row());
    if (!row) {
        return {};
    }
    if (role == GroupIdRole) {
        return row->group.id;
    }
    switch (index.column()) {
    case NameColumn:
        return DisplayText::escaped(row->group.displayName);
    case DescriptionColumn:
        return row->group.description;
    case UserMembersColumn:
        return row->userMembers;
    case GroupMembersColumn:
        if (role == Qt::ToolTipRole && row->unresolvedMembers > 0) {
            return tr(
                "%n member(s) outside the base DN or the filters are not counted.", nullptr, row->unresolvedMembers);
        }
        return row->groupMembers;
    case DnColumn:
        return DisplayText::escaped(row->dn);
    case AnchorColumn:
        return DisplayText::escaped(row->group.objectId);
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
    case DnColumn:
        return tr("DN");
    case AnchorColumn:
        return tr("Anchor (externalId)");
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
    return m_browser.countGroups(search);
}

QList<BrowsedGroup> DirectoryGroupModel::loadRows(const QString& search, int limit, int offset) const
{
    return m_browser.listGroups(search, limit, offset);
}
