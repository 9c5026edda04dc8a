#pragma once

#include <QWidget>

class EditableTable;
class ServerDraft;
class StaticAttributeTableModel;

// The static attributes (SCIM attribute → constant) of the draft server as an editable table.
class StaticAttributesEditor : public QWidget
{
    Q_OBJECT

public:
    explicit StaticAttributesEditor(ServerDraft* draft, QWidget* parent = nullptr);

    bool isValid() const;
    StaticAttributeTableModel* model() const { return m_model; }

signals:
    void validityChanged();

private:
    void load();
    void store();

    ServerDraft* m_draft = nullptr;
    StaticAttributeTableModel* m_model = nullptr;
    EditableTable* m_table = nullptr;
};
