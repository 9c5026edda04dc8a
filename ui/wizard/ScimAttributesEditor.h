#pragma once

#include <QWidget>

class AttributeMappingTableModel;
class EditableTable;
class MappingPreviewDialog;
class QPushButton;
class ServerDraft;

// The SCIM attribute mapping of the draft server as an editable table, with what the mapping
// engine refuses (bad expression, reserved target …) listed under it and "Preview for user…".
class ScimAttributesEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ScimAttributesEditor(ServerDraft* draft, QWidget* parent = nullptr);

    bool isValid() const;
    AttributeMappingTableModel* model() const { return m_model; }
    // Table problems first, then what UserMapper refuses (with the position in an expression).
    QStringList errors() const;

public slots:
    // Opens the preview window-modal (open(), not exec()) with the draft as it is now.
    MappingPreviewDialog* openPreview();

signals:
    void validityChanged();

private:
    void load();
    void store();
    void showErrors();

    ServerDraft* m_draft = nullptr;
    AttributeMappingTableModel* m_model = nullptr;
    EditableTable* m_table = nullptr;
    QPushButton* m_previewButton = nullptr;
};
