#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class ServerDraft;
class TrustedCaEditor;

// Server Name, Description, Server URL, Server Type and the trusted CA certificate, with inline
// errors as the admin types. Choosing a Server Type asks first, summarising what the preset will
// overwrite; a pasted URL of a known product suggests its type (through the same question).
// Used by the Add Server wizard's first page and the edit dialog's first tab.
class ConnectionSettingsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionSettingsEditor(ServerDraft* draft, QWidget* parent = nullptr);

    bool isValid() const;
    // Errors of fields not yet touched are shown too (e.g. when saving is attempted).
    void showAllErrors();

signals:
    void validityChanged();

private:
    void load();
    void updateMessages();
    void serverTypeChosen(int index);
    void createTypeSuggestion();
    void updateTypeSuggestion();
    void useSuggestedType();
    int indexOfType(const QString& typeId) const;

    ServerDraft* m_draft = nullptr;
    QLineEdit* m_nameEdit = nullptr;
    QLabel* m_nameError = nullptr;
    QLineEdit* m_descriptionEdit = nullptr;
    QLineEdit* m_urlEdit = nullptr;
    QLabel* m_urlHint = nullptr;
    QLabel* m_urlError = nullptr;
    QWidget* m_suggestion = nullptr;
    QLabel* m_suggestionText = nullptr;
    QPushButton* m_suggestionButton = nullptr;
    QString m_suggestedTypeId;
    QComboBox* m_typeCombo = nullptr;
    QLabel* m_typeDescription = nullptr;
    TrustedCaEditor* m_trustedCa = nullptr;
    bool m_nameTouched = false;
    bool m_urlTouched = false;
};
