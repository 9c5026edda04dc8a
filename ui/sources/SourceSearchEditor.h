#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSpinBox;
class SecretLineEdit;
class SourceDraft;

// How ScimDesk signs in to the directory and what it reads: bind DN and password (the password
// goes to the system keychain only), base DN, user and group filters and page size, each judged
// as it is typed. Used by the Add Source wizard's second page and the Edit Source dialog.
class SourceSearchEditor : public QWidget
{
    Q_OBJECT

public:
    explicit SourceSearchEditor(SourceDraft* draft, QWidget* parent = nullptr);

    bool isValid() const;
    void showAllErrors();
    SecretLineEdit* passwordEdit() const { return m_password; }

signals:
    void validityChanged();

private:
    void load();
    void updateMessages();
    QLineEdit* addLine(const QString& objectName, const QString& placeholder);

    SourceDraft* m_draft = nullptr;
    QLineEdit* m_bindDn = nullptr;
    QLabel* m_bindDnError = nullptr;
    SecretLineEdit* m_password = nullptr;
    QLabel* m_passwordMessage = nullptr;
    QLineEdit* m_baseDn = nullptr;
    QLabel* m_baseDnError = nullptr;
    QLineEdit* m_userFilter = nullptr;
    QLabel* m_userFilterError = nullptr;
    QLineEdit* m_groupFilter = nullptr;
    QLabel* m_groupFilterError = nullptr;
    QSpinBox* m_pageSize = nullptr;
    QLabel* m_pageSizeHint = nullptr;
    QSpinBox* m_timeout = nullptr;
    QLabel* m_timeoutHint = nullptr;
    bool m_touched = false;
};
