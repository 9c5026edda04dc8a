#pragma once

#include "model/DirectorySource.h"
#include "validation/ValidationIssue.h"

#include <QAbstractTableModel>
#include <QStringList>

// A directory source's attribute mapping (LDAP attribute → directory attribute) as an editable
// table. The directory attribute is one of DirectoryUser's standard attributes or a custom name;
// the LDAP attribute may name alternatives ("displayName|cn"). Problems are core's
// (SourceSettingsValidator), handed in with setIssues() and shown on their row.
class SourceMappingTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        LdapColumn,
        DirectoryColumn,
        ColumnCount,
    };

    explicit SourceMappingTableModel(QObject* parent = nullptr);

    // The standard directory attributes a mapping can fill (objectId and active are the anchor's
    // and the disabled rule's).
    static QStringList directoryAttributeChoices();

    void setMappings(const QList<LdapAttributeMapping>& mappings);
    QList<LdapAttributeMapping> mappings() const { return m_mappings; }
    void setIssues(const ValidationIssues& issues);

    QModelIndex appendRow();
    void removeRowAt(int row);
    QString rowError(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void mappingsEdited();

private:
    QList<LdapAttributeMapping> m_mappings;
    ValidationIssues m_issues;
};
