#include "ServerEditDialog.h"

#include "ProvisioningOptionsEditor.h"
#include "ServerTableModel.h"
#include "TokenRotationDialog.h"

#include "servers/ServerCatalog.h"
#include "widgets/AppIcons.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/ScreenFit.h"
#include "wizard/AuthenticationSettingsEditor.h"
#include "wizard/ConnectionSettingsEditor.h"
#include "wizard/ScimAttributesEditor.h"
#include "wizard/ServerDraft.h"
#include "wizard/StaticAttributesEditor.h"
#include "workspace/Workspace.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
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
    // Each tab scrolls, so the dialog and its Save button fit a 1024x700 screen.
    m_tabs->addTab(ScreenFit::scrollable(m_connection), tr("Connection Settings"));
    m_tabs->addTab(ScreenFit::scrollable(authenticationTab(server)), tr("Authentication Settings"));
    m_tabs->addTab(ScreenFit::scrollable(m_attributes), tr("SCIM Attributes"));
    m_tabs->addTab(ScreenFit::scrollable(m_statics), tr("Static Attributes"));
    m_provisioning = new ProvisioningOptionsEditor(m_draft, this);
    m_provisioning->setObjectName(QStringLiteral("provisioningOptionsEditor"));
    m_tabs->addTab(ScreenFit::scrollable(m_provisioning), tr("Provisioning"));

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
    connect(m_provisioning, &ProvisioningOptionsEditor::validityChanged, this, &ServerEditDialog::updateSaveButton);
    updateSaveButton();
    ScreenFit::resizeWithin(this, QSize(820, 600));
}

QWidget* ServerEditDialog::authenticationTab(const ScimServer& server)
{
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_authentication);
    if (server.auth.scheme == AuthScheme::AccessToken) {
        // Rotation is its own flow: the stored token stays in use until the new one passed a test.
        auto* box = new QGroupBox(tr("Access token"), tab);
        m_tokenStatus = new QLabel(box);
        m_tokenStatus->setObjectName(QStringLiteral("tokenStatusLabel"));
        m_tokenStatus->setWordWrap(true);
        auto* rotate = new QPushButton(AppIcons::icon(QStringLiteral("token")), tr("&Rotate Token\u2026"), box);
        rotate->setObjectName(QStringLiteral("rotateTokenButton"));
        connect(rotate, &QPushButton::clicked, this, &ServerEditDialog::rotateToken);
        auto* row = new QHBoxLayout(box);
        row->addWidget(m_tokenStatus, 1);
        row->addWidget(rotate);
        layout->addWidget(box);
        showTokenStatus();
    }
    layout->addStretch(1);
    return tab;
}

void ServerEditDialog::showTokenStatus()
{
    if (const auto stored = m_workspace->servers()->repository().find(m_draft->server().id)) {
        m_tokenStatus->setText(ServerTableModel::tokenAgeText(*stored, QDateTime::currentDateTimeUtc()));
    }
}

TokenRotationDialog* ServerEditDialog::rotateToken()
{
    auto* dialog = new TokenRotationDialog(m_workspace, m_draft->server().id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TokenRotationDialog::rotated, this, &ServerEditDialog::showTokenStatus);
    dialog->open();
    return dialog;
}

void ServerEditDialog::updateSaveButton()
{
    // Mark the tabs that need attention so a problem on a hidden tab is not a mystery.
    const QList<bool> tabValid = {m_connection->isValid(), m_authentication->isValid(), m_attributes->isValid(),
        m_statics->isValid(), m_provisioning->isValid()};
    m_saveButton->setEnabled(!tabValid.contains(false) && !m_saving);
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
