#include "DirectoryPickerModel.h"

#include "util/DisplayText.h"

DirectoryPickerModel::DirectoryPickerModel(Kind kind, std::shared_ptr<Database> database, QObject* parent)
    : QAbstractListModel(parent)
    , m_kind(kind)
    , m_browser(std::move(database))
{
    reload();
}

void DirectoryPickerModel::setSourceId(qint64 sourceId)
{
    if (sourceId == m_browser.sourceId()) {
        return;
    }
    m_browser = DirectoryBrowser(m_browser.database(), sourceId);
    reload();
}

void DirectoryPickerModel::setSearch(const QString& search)
{
    if (search == m_search) {
        return;
    }
    m_search = search;
    reload();
}

void DirectoryPickerModel::reload()
{
    beginResetModel();
    m_entries.clear();
    m_total = countMatching();
    m_entries = loadPage(0);
    endResetModel();
    emit reloaded();
}

void DirectoryPickerModel::setCheckedOnly(bool checkedOnly)
{
    if (checkedOnly != m_checkedOnly) {
        m_checkedOnly = checkedOnly;
        reload();
    }
}

void DirectoryPickerModel::setCheckable(bool checkable)
{
    beginResetModel();
    m_checkable = checkable;
    endResetModel();
}

void DirectoryPickerModel::setCheckedIds(const QList<qint64>& ids)
{
    m_checked = ids;
    m_checkedSet = QSet<qint64>(ids.cbegin(), ids.cend());
    if (m_checkedOnly) {
        reload();
    } else if (!m_entries.isEmpty()) {
        emit dataChanged(index(0), index(int(m_entries.size()) - 1), {Qt::CheckStateRole});
    }
    emit checkedIdsChanged();
}

void DirectoryPickerModel::setChecked(qint64 id, bool checked)
{
    if (checked == m_checkedSet.contains(id)) {
        return;
    }
    if (checked) {
        m_checked.append(id);
        m_checkedSet.insert(id);
    } else {
        m_checked.removeOne(id);
        m_checkedSet.remove(id);
    }
    // In "checked only" mode an unchecked row stays until the next reload, so the admin can
    // re-check a row clicked by mistake.
    const int row = rowOfId(id);
    if (row >= 0) {
        emit dataChanged(index(row), index(row), {Qt::CheckStateRole});
    }
    emit checkedIdsChanged();
}

qint64 DirectoryPickerModel::idAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).id : 0;
}

int DirectoryPickerModel::rowOfId(qint64 id) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).id == id) {
            return row;
        }
    }
    return -1;
}

int DirectoryPickerModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant DirectoryPickerModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size()) {
        return {};
    }
    const Entry& entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return entry.text;
    case Qt::ToolTipRole:
        return entry.toolTip;
    case Qt::CheckStateRole:
        if (!m_checkable) {
            return {};
        }
        return m_checkedSet.contains(entry.id) ? Qt::Checked : Qt::Unchecked;
    case DirectoryIdRole:
        return entry.id;
    default:
        return {};
    }
}

bool DirectoryPickerModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!m_checkable || role != Qt::CheckStateRole || !index.isValid() || index.row() >= m_entries.size()) {
        return false;
    }
    setChecked(m_entries.at(index.row()).id, value.toInt() == Qt::Checked);
    return true;
}

Qt::ItemFlags DirectoryPickerModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags result = QAbstractListModel::flags(index);
    if (m_checkable && index.isValid()) {
        result |= Qt::ItemIsUserCheckable;
    }
    return result;
}

bool DirectoryPickerModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_entries.size() < m_total;
}

void DirectoryPickerModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    const QList<Entry> page = loadPage(int(m_entries.size()));
    if (page.isEmpty()) {
        // The directory shrank since it was counted; stop asking for more.
        m_total = int(m_entries.size());
        return;
    }
    beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + page.size()) - 1);
    m_entries.append(page);
    endInsertRows();
}

QList<qint64> DirectoryPickerModel::checkedMatching() const
{
    // Checked entries are few compared with the directory: filter them here rather than in SQL.
    if (m_search.trimmed().isEmpty()) {
        return m_checked;
    }
    QList<qint64> result;
    for (qint64 id : m_checked) {
        if (m_kind == Kind::Users) {
            const auto row = m_browser.findUser(id);
            if (row
                && (row->user.userName.contains(m_search, Qt::CaseInsensitive)
                    || row->user.displayName.contains(m_search, Qt::CaseInsensitive)
                    || row->user.email.contains(m_search, Qt::CaseInsensitive)
                    || row->dn.contains(m_search, Qt::CaseInsensitive))) {
                result.append(id);
            }
        } else {
            const auto row = m_browser.findGroup(id);
            if (row
                && (row->group.displayName.contains(m_search, Qt::CaseInsensitive)
                    || row->dn.contains(m_search, Qt::CaseInsensitive))) {
                result.append(id);
            }
        }
    }
    return result;
}

int DirectoryPickerModel::countMatching() const
{
    if (m_checkedOnly) {
        return int(checkedMatching().size());
    }
    return m_kind == Kind::Users ? m_browser.countUsers(m_search) : m_browser.countGroups(m_search);
}

QList<DirectoryPickerModel::Entry> DirectoryPickerModel::loadPage(int offset) const
{
    QList<Entry> page;
    auto addUser = [&page](const BrowsedUser& row) {
        const DirectoryUser& user = row.user;
        const QString name
            = user.displayName.isEmpty() ? user.userName : tr("%1 \u2014 %2").arg(user.userName, user.displayName);
        QStringList details;
        if (!row.dn.isEmpty()) {
            details << tr("DN: %1").arg(DisplayText::escaped(row.dn));
        }
        if (!user.email.isEmpty()) {
            details << tr("Email: %1").arg(user.email);
        }
        if (!user.department.isEmpty()) {
            details << tr("Department: %1").arg(user.department);
        }
        if (!user.active) {
            details << tr("Inactive");
        }
        page.append({user.id, name, details.join(QLatin1Char('\n'))});
    };
    auto addGroup = [&page](const BrowsedGroup& row) {
        QString details = tr("Direct user members: %1, nested groups: %2").arg(row.userMembers).arg(row.groupMembers);
        if (!row.group.description.isEmpty()) {
            details = row.group.description + QLatin1Char('\n') + details;
        }
        if (!row.dn.isEmpty()) {
            details = tr("DN: %1").arg(DisplayText::escaped(row.dn)) + QLatin1Char('\n') + details;
        }
        page.append({row.group.id, DisplayText::escaped(row.group.displayName), details});
    };

    if (m_checkedOnly) {
        const QList<qint64> ids = checkedMatching().mid(offset, PageSize);
        for (qint64 id : ids) {
            if (m_kind == Kind::Users) {
                if (const auto user = m_browser.findUser(id)) {
                    addUser(*user);
                }
            } else if (const auto group = m_browser.findGroup(id)) {
                addGroup(*group);
            }
        }
        return page;
    }
    if (m_kind == Kind::Users) {
        for (const auto& user : m_browser.listUsers(m_search, PageSize, offset)) {
            addUser(user);
        }
    } else {
        for (const auto& group : m_browser.listGroups(m_search, PageSize, offset)) {
            addGroup(group);
        }
    }
    return page;
}
