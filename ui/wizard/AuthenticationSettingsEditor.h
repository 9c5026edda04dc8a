#pragma once

#include "model/AuthSettings.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class SecretLineEdit;
class ServerDraft;

// Authentication Scheme and the fields of that scheme. The secret of the chosen scheme goes
// to the draft (and from there only to the keychain). When editing an existing server an
// empty secret field means "keep the stored one".
class AuthenticationSettingsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit AuthenticationSettingsEditor(ServerDraft* draft, QWidget* parent = nullptr);

    bool isValid() const;
    QString validationError() const;

signals:
    void validityChanged();

private:
    void load();
    void schemeChosen(int index);
    void storeFields();
    QString fieldError() const;
    QString missingSecret() const;
    void updateMessages();
    SecretLineEdit* secretEditFor(AuthScheme scheme) const;

    ServerDraft* m_draft = nullptr;
    AuthScheme m_storedScheme = AuthScheme::AccessToken; // of the saved server, when editing
    QComboBox* m_schemeCombo = nullptr;
    QStackedWidget* m_schemePages = nullptr;
    SecretLineEdit* m_tokenEdit = nullptr;
    QLineEdit* m_usernameEdit = nullptr;
    SecretLineEdit* m_passwordEdit = nullptr;
    QLineEdit* m_tokenUrlEdit = nullptr;
    QLineEdit* m_clientIdEdit = nullptr;
    SecretLineEdit* m_clientSecretEdit = nullptr;
    QLineEdit* m_scopeEdit = nullptr;
    QLabel* m_error = nullptr;
    bool m_loading = false;
};
