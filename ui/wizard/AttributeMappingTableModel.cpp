#include "AttributeMappingTableModel.h"

#include <QApplication>
#include <QSet>
#include <QStyle>

namespace {
// Anything beyond a plain attribute name is an expression, e.g. Join(" ", givenName, familyName).
MappingKind kindOf(const QString& source)
{
    for (const QChar c : source) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('-'))) {
            return MappingKind::Expression;
        }
    }
    return MappingKind::Direct;
}
} // namespace

AttributeMappingTableModel::AttributeMappingTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void AttributeMappingTableModel::setMappings(const AttributeMappings& mappings)
{
    beginResetModel();
    m_mappings = mappings;
    endResetModel();
}

QModelIndex AttributeMappingTableModel::appendRow()
{
    const int row = int(m_mappings.size());
    beginInsertRows({}, row, row);
    m_mappings.append(AttributeMapping());
    endInsertRows();
    emit mappingsEdited();
    return index(row, SourceColumn);
}

void AttributeMappingTableModel::removeRowAt(int row)
{
    if (row < 0 || row >= m_mappings.size()) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_mappings.removeAt(row);
    endRemoveRows();
    renumberMatching();
    // Duplicate markers of other rows may have gone away.
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    emit mappingsEdited();
}

QString AttributeMappingTableModel::applyWhenText(ApplyWhen when)
{
    return when == ApplyWhen::OnCreate ? tr("On create only") : tr("Always");
}

QStringList AttributeMappingTableModel::applyWhenChoices()
{
    return {applyWhenText(ApplyWhen::Always), applyWhenText(ApplyWhen::OnCreate)};
}

QString AttributeMappingTableModel::rowError(int row) const
{
    const AttributeMapping& mapping = m_mappings.at(row);
    const QString target = mapping.target.trimmed();
    if (target.isEmpty()) {
        return tr("Row %1: enter the SCIM attribute, e.g. userName or name.givenName.").arg(row + 1);
    }
    if (mapping.source.trimmed().isEmpty()) {
        return tr("Row %1: enter the source attribute or expression for %2.").arg(row + 1).arg(target);
    }
    for (int other = 0; other < row; ++other) {
        if (m_mappings.at(other).target.trimmed().compare(target, Qt::CaseInsensitive) == 0) {
            return tr("Row %1: %2 is already mapped in row %3; remove one of them.")
                .arg(row + 1)
                .arg(target)
                .arg(other + 1);
        }
    }
    return {};
}

QStringList AttributeMappingTableModel::validationErrors() const
{
    QStringList errors;
    for (int row = 0; row < m_mappings.size(); ++row) {
        const QString error = rowError(row);
        if (!error.isEmpty()) {
            errors << error;
        }
    }
    return errors;
}

int AttributeMappingTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_mappings.size());
}

int AttributeMappingTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttributeMappingTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_mappings.size()) {
        return {};
    }
    const AttributeMapping& mapping = m_mappings.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case SourceColumn:
            return mapping.source;
        case TargetColumn:
            return mapping.target;
        case ApplyColumn:
            return applyWhenText(mapping.applyWhen);
        case MatchingColumn:
            if (role == Qt::DisplayRole && mapping.matching) {
                return tr("Yes (order %1)").arg(mapping.matchingPrecedence + 1);
            }
            return {};
        default:
            return {};
        }
    case Qt::CheckStateRole:
        if (index.column() == MatchingColumn) {
            return mapping.matching ? Qt::Checked : Qt::Unchecked;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == SourceColumn && !rowError(index.row()).isEmpty()) {
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        }
        return {};
    case Qt::ToolTipRole: {
        const QString error = rowError(index.row());
        if (!error.isEmpty()) {
            return error;
        }
        if (index.column() == SourceColumn) {
            return mapping.kind == MappingKind::Expression ? tr("Expression") : tr("Directory attribute");
        }
        if (index.column() == MatchingColumn) {
            return tr("Existing SCIM users are matched on the checked attributes, in order, before one is created.");
        }
        return {};
    }
    default:
        return {};
    }
}

bool AttributeMappingTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.row() >= m_mappings.size()) {
        return false;
    }
    AttributeMapping& mapping = m_mappings[index.row()];
    if (role == Qt::CheckStateRole && index.column() == MatchingColumn) {
        mapping.matching = value.toInt() == Qt::Checked;
        if (mapping.matching) {
            int next = 0;
            for (const auto& other : m_mappings) {
                if (other.matching && &other != &mapping) {
                    next = qMax(next, other.matchingPrecedence + 1);
                }
            }
            mapping.matchingPrecedence = next;
        }
        renumberMatching();
    } else if (role == Qt::EditRole) {
        switch (index.column()) {
        case SourceColumn:
            mapping.source = value.toString().trimmed();
            mapping.kind = kindOf(mapping.source);
            break;
        case TargetColumn:
            mapping.target = value.toString().trimmed();
            break;
        case ApplyColumn:
            mapping.applyWhen
                = value.toString() == applyWhenText(ApplyWhen::OnCreate) ? ApplyWhen::OnCreate : ApplyWhen::Always;
            break;
        default:
            return false;
        }
    } else {
        return false;
    }
    // A change in one row can make another row a duplicate or not.
    emit dataChanged(this->index(0, 0), this->index(rowCount() - 1, ColumnCount - 1));
    emit mappingsEdited();
    return true;
}

void AttributeMappingTableModel::renumberMatching()
{
    // Keep precedences dense (0, 1, 2 …) in their current order.
    QList<AttributeMapping*> matching;
    for (auto& mapping : m_mappings) {
        if (mapping.matching) {
            matching.append(&mapping);
        }
    }
    std::stable_sort(matching.begin(), matching.end(), [](const AttributeMapping* a, const AttributeMapping* b) {
        return a->matchingPrecedence < b->matchingPrecedence;
    });
    for (int i = 0; i < matching.size(); ++i) {
        matching[i]->matchingPrecedence = i;
    }
}

Qt::ItemFlags AttributeMappingTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == MatchingColumn) {
        return flags | Qt::ItemIsUserCheckable;
    }
    return flags | Qt::ItemIsEditable;
}

QVariant AttributeMappingTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case SourceColumn:
        return tr("Source Attribute or Expression");
    case TargetColumn:
        return tr("SCIM Attribute");
    case ApplyColumn:
        return tr("Apply");
    case MatchingColumn:
        return tr("Matching");
    default:
        return {};
    }
}
