#pragma once

#include <QWidget>

class AttributeMappingTableModel;
class EditableTable;
class ServerDraft;

// The SCIM attribute mapping of the draft server as an editable table.
class ScimAttributesEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ScimAttributesEditor(ServerDraft* draft, QWidget* parent = nullptr);

    bool isValid() const;
    AttributeMappingTableModel* model() const { return m_model; }

signals:
    void validityChanged();

private:
    void load();
    void store();

    ServerDraft* m_draft = nullptr;
    AttributeMappingTableModel* m_model = nullptr;
    EditableTable* m_table = nullptr;
};
