#pragma once

#include "model/StaticAttribute.h"

#include <QAbstractTableModel>
#include <QStringList>

// A server's static attributes (SCIM attribute → constant value) as an editable table.
class StaticAttributeTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TargetColumn,
        ValueColumn,
        ColumnCount,
    };

    explicit StaticAttributeTableModel(QObject* parent = nullptr);

    void setAttributes(const StaticAttributes& attributes);
    StaticAttributes attributes() const { return m_attributes; }

    QModelIndex appendRow();
    void removeRowAt(int row);

    QStringList validationErrors() const;
    QString rowError(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void attributesEdited();

private:
    StaticAttributes m_attributes;
};
