#include "DirectoryUserModel.h"

#include "util/DisplayText.h"

DirectoryUserModel::DirectoryUserModel(DirectoryBrowser browser, QObject* parent)
    : PagedTableModel<BrowsedUser>(parent)
    , m_browser(std::move(browser))
{
}

void DirectoryUserModel::setBrowser(const DirectoryBrowser& browser)
{
    m_browser = browser;
    reload();
}

int DirectoryUserModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DirectoryUserModel::toolTip(const BrowsedUser& row) const
{
    // A source's user carries more than the columns show: every attribute the mapping filled.
    QStringList lines;
    if (!row.dn.isEmpty()) {
        lines << tr("DN: %1").arg(DisplayText::escaped(row.dn));
    }
    for (const QString& name : DirectoryUser::standardAttributeNames()) {
        const QString value = row.user.attribute(name);
        if (!value.isEmpty()) {
            lines << QStringLiteral("%1: %2").arg(name, DisplayText::escaped(value));
        }
    }
    for (auto it = row.user.customAttributes.cbegin(); it != row.user.customAttributes.cend(); ++it) {
        lines << QStringLiteral("%1: %2").arg(it.key(), DisplayText::escaped(it.value()));
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant DirectoryUserModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != UserIdRole)) {
        return {};
    }
    const auto row = rowAt(index.row());
    if (!row) {
        return {};
    }
    const DirectoryUser& user = row->user;
    if (role == UserIdRole) {
        return user.id;
    }
    if (role == Qt::ToolTipRole && m_browser.isSource()) {
        return toolTip(*row);
    }
    switch (index.column()) {
    case UserNameColumn:
        return user.userName;
    case DisplayNameColumn:
        return user.displayName;
    case EmailColumn:
        return user.email;
    case DepartmentColumn:
        return user.department;
    case TitleColumn:
        return user.title;
    case ActiveColumn:
        return user.active ? tr("Active") : tr("Inactive");
    case DnColumn:
        return DisplayText::escaped(row->dn);
    case AnchorColumn:
        return DisplayText::escaped(user.objectId);
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
    case DnColumn:
        return tr("DN");
    case AnchorColumn:
        return tr("Anchor (externalId)");
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
    return m_browser.countUsers(search);
}

QList<BrowsedUser> DirectoryUserModel::loadRows(const QString& search, int limit, int offset) const
{
    return m_browser.listUsers(search, limit, offset);
}
