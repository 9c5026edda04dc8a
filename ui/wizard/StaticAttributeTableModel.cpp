#include "StaticAttributeTableModel.h"

#include <QApplication>
#include <QStyle>

StaticAttributeTableModel::StaticAttributeTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void StaticAttributeTableModel::setAttributes(const StaticAttributes& attributes)
{
    beginResetModel();
    m_attributes = attributes;
    endResetModel();
}

QModelIndex StaticAttributeTableModel::appendRow()
{
    const int row = int(m_attributes.size());
    beginInsertRows({}, row, row);
    m_attributes.append(StaticAttribute());
    endInsertRows();
    emit attributesEdited();
    return index(row, TargetColumn);
}

void StaticAttributeTableModel::removeRowAt(int row)
{
    if (row < 0 || row >= m_attributes.size()) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_attributes.removeAt(row);
    endRemoveRows();
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    emit attributesEdited();
}

QString StaticAttributeTableModel::rowError(int row) const
{
    const QString target = m_attributes.at(row).target.trimmed();
    if (target.isEmpty()) {
        return tr("Row %1: enter the SCIM attribute, e.g. userType.").arg(row + 1);
    }
    for (int other = 0; other < row; ++other) {
        if (m_attributes.at(other).target.trimmed().compare(target, Qt::CaseInsensitive) == 0) {
            return tr("Row %1: %2 already has a value in row %3; remove one of them.")
                .arg(row + 1)
                .arg(target)
                .arg(other + 1);
        }
    }
    return {};
}

QStringList StaticAttributeTableModel::validationErrors() const
{
    QStringList errors;
    for (int row = 0; row < m_attributes.size(); ++row) {
        const QString error = rowError(row);
        if (!error.isEmpty()) {
            errors << error;
        }
    }
    return errors;
}

int StaticAttributeTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_attributes.size());
}

int StaticAttributeTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StaticAttributeTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_attributes.size()) {
        return {};
    }
    const StaticAttribute& attribute = m_attributes.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        return index.column() == TargetColumn ? attribute.target : attribute.value;
    }
    if (role == Qt::DecorationRole && index.column() == TargetColumn && !rowError(index.row()).isEmpty()) {
        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    }
    if (role == Qt::ToolTipRole) {
        return rowError(index.row());
    }
    return {};
}

bool StaticAttributeTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || index.row() >= m_attributes.size()) {
        return false;
    }
    StaticAttribute& attribute = m_attributes[index.row()];
    if (index.column() == TargetColumn) {
        attribute.target = value.toString().trimmed();
    } else {
        // Values are sent as typed; surrounding blanks are never intended.
        attribute.value = value.toString().trimmed();
    }
    emit dataChanged(this->index(0, 0), this->index(rowCount() - 1, ColumnCount - 1));
    emit attributesEdited();
    return true;
}

Qt::ItemFlags StaticAttributeTableModel::flags(const QModelIndex& index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable : Qt::NoItemFlags;
}

QVariant StaticAttributeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    return section == TargetColumn ? tr("SCIM Attribute") : tr("Value");
}
