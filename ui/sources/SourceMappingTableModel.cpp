#include "SourceMappingTableModel.h"

#include "model/DirectoryUser.h"
#include "widgets/DirectoryAttributeText.h"

#include <QApplication>
#include <QStyle>

SourceMappingTableModel::SourceMappingTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

QStringList SourceMappingTableModel::directoryAttributeChoices()
{
    QStringList choices = DirectoryUser::standardAttributeNames();
    choices.removeAll(QStringLiteral("objectId"));
    choices.removeAll(QStringLiteral("active"));
    return choices;
}

void SourceMappingTableModel::setMappings(const QList<LdapAttributeMapping>& mappings)
{
    beginResetModel();
    m_mappings = mappings;
    endResetModel();
}

void SourceMappingTableModel::setIssues(const ValidationIssues& issues)
{
    m_issues = Validation::issuesOf(issues, QStringLiteral("userMappings"));
    if (!m_mappings.isEmpty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DecorationRole, Qt::ToolTipRole});
    }
}

QModelIndex SourceMappingTableModel::appendRow()
{
    const int row = int(m_mappings.size());
    beginInsertRows({}, row, row);
    m_mappings.append(LdapAttributeMapping());
    endInsertRows();
    emit mappingsEdited();
    return index(row, LdapColumn);
}

void SourceMappingTableModel::removeRowAt(int row)
{
    if (row < 0 || row >= m_mappings.size()) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_mappings.removeAt(row);
    endRemoveRows();
    emit mappingsEdited();
}

QString SourceMappingTableModel::rowError(int row) const
{
    return Validation::firstMessage(m_issues, QStringLiteral("userMappings[%1]").arg(row));
}

int SourceMappingTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_mappings.size());
}

int SourceMappingTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SourceMappingTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_mappings.size()) {
        return {};
    }
    const LdapAttributeMapping& mapping = m_mappings.at(index.row());
    if (role == Qt::EditRole) {
        return index.column() == LdapColumn ? mapping.ldapAttribute : mapping.directoryAttribute;
    }
    if (role == Qt::DisplayRole) {
        return index.column() == LdapColumn ? mapping.ldapAttribute
                                            : DirectoryAttributeText::labelWithKey(mapping.directoryAttribute);
    }
    if (role == Qt::DecorationRole && index.column() == LdapColumn && !rowError(index.row()).isEmpty()) {
        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    }
    if (role == Qt::ToolTipRole) {
        const QString error = rowError(index.row());
        if (!error.isEmpty()) {
            return error;
        }
        return index.column() == LdapColumn
            ? tr("The LDAP attribute read; alternatives separated by \u201c|\u201d: the first with a value wins.")
            : tr("The directory attribute it fills: a standard one, or a name of your own for a custom attribute.");
    }
    return {};
}

bool SourceMappingTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || index.row() >= m_mappings.size()) {
        return false;
    }
    LdapAttributeMapping& mapping = m_mappings[index.row()];
    // Attribute names never carry surrounding blanks.
    (index.column() == LdapColumn ? mapping.ldapAttribute : mapping.directoryAttribute) = value.toString().trimmed();
    emit dataChanged(index, index);
    emit mappingsEdited();
    return true;
}

Qt::ItemFlags SourceMappingTableModel::flags(const QModelIndex& index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable : Qt::NoItemFlags;
}

QVariant SourceMappingTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    return section == LdapColumn ? tr("LDAP Attribute") : tr("Directory Attribute");
}
