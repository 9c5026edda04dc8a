#pragma once

#include "model/AttributeMapping.h"

#include <QAbstractTableModel>
#include <QStringList>

// The SCIM attribute mapping of a server as an editable table: source attribute or
// expression, SCIM attribute, when it is applied, and whether it is used for matching.
// Rows with a problem are marked; validationErrors() says what to fix.
class AttributeMappingTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SourceColumn,
        TargetColumn,
        ApplyColumn,
        MatchingColumn,
        ColumnCount,
    };

    explicit AttributeMappingTableModel(QObject* parent = nullptr);

    void setMappings(const AttributeMappings& mappings);
    AttributeMappings mappings() const { return m_mappings; }

    // Appends an empty row and returns its index (for the view to start editing it).
    QModelIndex appendRow();
    void removeRowAt(int row);

    // One message per problem, e.g. "Row 3: enter the SCIM attribute."; empty when all is fine.
    QStringList validationErrors() const;
    QString rowError(int row) const;

    static QString applyWhenText(ApplyWhen when);
    static QStringList applyWhenChoices();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void mappingsEdited();

private:
    void renumberMatching();

    AttributeMappings m_mappings;
};
