#pragma once

#include "model/ScimServer.h"

#include <QDialog>

#include <memory>

class AuthenticationSettingsEditor;
class ConnectionSettingsEditor;
class QDialogButtonBox;
class QPushButton;
class QTabWidget;
class ScimAttributesEditor;
class ServerDraft;
class StaticAttributesEditor;
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

public slots:
    void accept() override;

private:
    void updateSaveButton();

    std::shared_ptr<Workspace> m_workspace;
    ServerDraft* m_draft = nullptr;
    QTabWidget* m_tabs = nullptr;
    ConnectionSettingsEditor* m_connection = nullptr;
    AuthenticationSettingsEditor* m_authentication = nullptr;
    ScimAttributesEditor* m_attributes = nullptr;
    StaticAttributesEditor* m_statics = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_saveButton = nullptr;
    bool m_saving = false;
};
