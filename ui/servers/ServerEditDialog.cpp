#include "ServerEditDialog.h"

#include "ProvisioningOptionsEditor.h"

#include "servers/ServerCatalog.h"
#include "widgets/ConfirmationDialogs.h"
#include "wizard/AuthenticationSettingsEditor.h"
#include "wizard/ConnectionSettingsEditor.h"
#include "wizard/ScimAttributesEditor.h"
#include "wizard/ServerDraft.h"
#include "wizard/StaticAttributesEditor.h"
#include "workspace/Workspace.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

#include <optional>

ServerEditDialog::ServerEditDialog(std::shared_ptr<Workspace> workspace, const ScimServer& server, QWidget* parent)
    : QDialog(parent)
    , m_workspace(std::move(workspace))
{
    setObjectName(QStringLiteral("serverEditDialog"));
    setWindowTitle(tr("Edit SCIM Server \u2014 %1").arg(server.name));
    m_draft = new ServerDraft(m_workspace, server, this);

    m_connection = new ConnectionSettingsEditor(m_draft, this);
    m_authentication = new AuthenticationSettingsEditor(m_draft, this);
    m_attributes = new ScimAttributesEditor(m_draft, this);
    m_statics = new StaticAttributesEditor(m_draft, this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("serverEditTabs"));
    m_tabs->addTab(m_connection, tr("Connection Settings"));
    m_tabs->addTab(m_authentication, tr("Authentication Settings"));
    m_tabs->addTab(m_attributes, tr("SCIM Attributes"));
    m_tabs->addTab(m_statics, tr("Static Attributes"));
    auto* provisioning = new ProvisioningOptionsEditor(m_draft, this);
    provisioning->setObjectName(QStringLiteral("provisioningOptionsEditor"));
    m_tabs->addTab(provisioning, tr("Provisioning"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_saveButton = m_buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ServerEditDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_buttons);

    connect(m_connection, &ConnectionSettingsEditor::validityChanged, this, &ServerEditDialog::updateSaveButton);
    connect(
        m_authentication, &AuthenticationSettingsEditor::validityChanged, this, &ServerEditDialog::updateSaveButton);
    connect(m_attributes, &ScimAttributesEditor::validityChanged, this, &ServerEditDialog::updateSaveButton);
    connect(m_statics, &StaticAttributesEditor::validityChanged, this, &ServerEditDialog::updateSaveButton);
    updateSaveButton();
    resize(820, 600);
}

void ServerEditDialog::updateSaveButton()
{
    const bool valid
        = m_connection->isValid() && m_authentication->isValid() && m_attributes->isValid() && m_statics->isValid();
    m_saveButton->setEnabled(valid && !m_saving);
    // Mark the tabs that need attention so a problem on a hidden tab is not a mystery.
    const QList<bool> tabValid
        = {m_connection->isValid(), m_authentication->isValid(), m_attributes->isValid(), m_statics->isValid()};
    for (int i = 0; i < tabValid.size(); ++i) {
        m_tabs->setTabIcon(i, tabValid.at(i) ? QIcon() : style()->standardIcon(QStyle::SP_MessageBoxWarning));
    }
}

void ServerEditDialog::accept()
{
    if (m_saving) {
        return;
    }
    m_saving = true;
    updateSaveButton();
    const QString secret = m_draft->secret();
    m_workspace->servers()->update(m_draft->server(), secret.isEmpty() ? std::nullopt : std::optional<QString>(secret),
        this, [this](Status<ServerSaveError> status) {
            m_saving = false;
            updateSaveButton();
            if (!status) {
                ConfirmationDialogs::showError(this, QStringLiteral("saveServerError"),
                    tr("Could not save the SCIM server"), status.error().message, status.error().hint);
                return;
            }
            QDialog::accept();
        });
}
