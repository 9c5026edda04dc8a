#pragma once

#include <QWizardPage>

class AuthenticationSettingsEditor;
class ServerDraft;

// The wizard's page for the authentication scheme and its secret.
class AuthenticationSettingsPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit AuthenticationSettingsPage(ServerDraft* draft, QWidget* parent = nullptr);

    bool isComplete() const override;
    AuthenticationSettingsEditor* editor() const { return m_editor; }

private:
    AuthenticationSettingsEditor* m_editor = nullptr;
};
