#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class SourceDraft;
class TrustedCaEditor;

// Source Name, Description, URL, Source Type, StartTLS and the trusted CA file, with inline
// errors as the admin types. Choosing a Source Type asks first, summarising what the type will
// overwrite (the full list behind Show Details), like the Server Type notice. Used by the Add
// Source wizard's first page and the Edit Source dialog's first tab.
class SourceConnectionEditor : public QWidget
{
    Q_OBJECT

public:
    explicit SourceConnectionEditor(SourceDraft* draft, QWidget* parent = nullptr);

    bool isValid() const;
    // Errors of fields not yet touched are shown too (e.g. when saving is attempted).
    void showAllErrors();

signals:
    void validityChanged();

private:
    void load();
    void updateMessages();
    void sourceTypeChosen(int index);
    int indexOfType(const QString& typeId) const;

    SourceDraft* m_draft = nullptr;
    QLineEdit* m_nameEdit = nullptr;
    QLabel* m_nameError = nullptr;
    QLineEdit* m_descriptionEdit = nullptr;
    QLineEdit* m_urlEdit = nullptr;
    QLabel* m_urlHint = nullptr;
    QLabel* m_urlError = nullptr;
    QComboBox* m_typeCombo = nullptr;
    QLabel* m_typeDescription = nullptr;
    QCheckBox* m_startTls = nullptr;
    QLabel* m_startTlsError = nullptr;
    TrustedCaEditor* m_trustedCa = nullptr;
    bool m_nameTouched = false;
    bool m_urlTouched = false;
};
