#pragma once

#include <QWidget>

class EditableTable;
class QComboBox;
class QLabel;
class QLineEdit;
class SourceDraft;
class SourceMappingTableModel;

// The advanced settings of a directory source, filled by its type: the attribute mapping (LDAP
// attribute → directory attribute, custom attributes allowed), the anchor, the group attributes,
// the disabled-account rule and how nested groups are read. Problems are core's, shown next to
// their field. Used by the Add Source wizard and the Edit Source dialog.
class SourceAttributesEditor : public QWidget
{
    Q_OBJECT

public:
    explicit SourceAttributesEditor(SourceDraft* draft, QWidget* parent = nullptr);

    bool isValid() const;
    SourceMappingTableModel* mappingModel() const { return m_model; }

signals:
    void validityChanged();

private:
    QWidget* createOtherSettings();
    void load();
    void updateMessages();
    void storeDisabledRule();

    SourceDraft* m_draft = nullptr;
    SourceMappingTableModel* m_model = nullptr;
    EditableTable* m_table = nullptr;
    QLineEdit* m_anchor = nullptr;
    QLineEdit* m_groupName = nullptr;
    QLineEdit* m_groupDescription = nullptr;
    QLineEdit* m_groupMember = nullptr;
    QLabel* m_groupError = nullptr;
    QComboBox* m_disabledKind = nullptr;
    QLineEdit* m_disabledAttribute = nullptr;
    QLineEdit* m_disabledMask = nullptr;
    QLineEdit* m_disabledValue = nullptr;
    QLabel* m_disabledError = nullptr;
    QComboBox* m_nesting = nullptr;
    QLabel* m_anchorError = nullptr;
};
