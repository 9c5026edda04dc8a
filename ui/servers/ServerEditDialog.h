#pragma once

#include "model/ScimServer.h"

#include <QDialog>

#include <memory>

class AuthenticationSettingsEditor;
class ConnectionSettingsEditor;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTabWidget;
class ScimAttributesEditor;
class ServerDraft;
class ProvisioningOptionsEditor;
class StaticAttributesEditor;
class TokenRotationDialog;
class Workspace;

// Edit Server: the Add Server sections as tabs, with the same editors, checks and Server Type
// confirmation. The secret field starts empty and, left empty, keeps the stored secret.
class ServerEditDialog : public QDialog
{
    Q_OBJECT

public:
    ServerEditDialog(std::shared_ptr<Workspace> workspace, const ScimServer& server, QWidget* parent = nullptr);

    ServerDraft* draft() const { return m_draft; }
    QTabWidget* tabs() const { return m_tabs; }
    // Rotate Token… (access-token servers): opens the rotation dialog and returns it.
    TokenRotationDialog* rotateToken();

public slots:
    void accept() override;

private:
    void updateSaveButton();
    QWidget* authenticationTab(const ScimServer& server);
    void showTokenStatus();

    std::shared_ptr<Workspace> m_workspace;
    ServerDraft* m_draft = nullptr;
    QTabWidget* m_tabs = nullptr;
    ConnectionSettingsEditor* m_connection = nullptr;
    AuthenticationSettingsEditor* m_authentication = nullptr;
    ScimAttributesEditor* m_attributes = nullptr;
    StaticAttributesEditor* m_statics = nullptr;
    ProvisioningOptionsEditor* m_provisioning = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_saveButton = nullptr;
    QLabel* m_tokenStatus = nullptr;
    bool m_saving = false;
};
