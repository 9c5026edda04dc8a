#include "AddServerWizard.h"

#include "AuthenticationSettingsPage.h"
#include "ConnectionSettingsPage.h"
#include "ReviewPage.h"
#include "ScimAttributesPage.h"
#include "ServerDraft.h"
#include "StaticAttributesPage.h"
#include "servers/ServerCatalog.h"
#include "widgets/ConfirmationDialogs.h"
#include "workspace/Workspace.h"

#include <QAbstractButton>

AddServerWizard::AddServerWizard(std::shared_ptr<Workspace> workspace, const ScimServer& prefill, QWidget* parent)
    : QWizard(parent)
    , m_workspace(std::move(workspace))
{
    setObjectName(QStringLiteral("addServerWizard"));
    setWindowTitle(tr("Add SCIM Server"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveFinishButtonOnEarlyPages, false);
    setButtonText(QWizard::FinishButton, tr("Create"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("createButton"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("nextButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("backButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("cancelButton"));

    ScimServer server = prefill;
    server.id = 0;
    m_draft = new ServerDraft(m_workspace, server, this);

    auto* connection = new ConnectionSettingsPage(m_draft, this);
    connection->setSubTitle(tr("Name the server and paste its SCIM endpoint. The Server Type fills in the "
                               "remaining settings."));
    auto* authentication = new AuthenticationSettingsPage(m_draft, this);
    authentication->setSubTitle(tr("How ScimDesk signs in to the SCIM endpoint."));
    auto* attributes = new ScimAttributesPage(m_draft, this);
    attributes->setSubTitle(tr("How directory attributes become SCIM attributes."));
    auto* statics = new StaticAttributesPage(m_draft, this);
    statics->setSubTitle(tr("Constant SCIM attributes sent for every user."));
    setPage(ConnectionPage, connection);
    setPage(AuthenticationPage, authentication);
    setPage(ScimAttributesPageId, attributes);
    setPage(StaticAttributesPageId, statics);
    setPage(ReviewPageId, new ReviewPage(m_draft, this));
    setStartId(ConnectionPage);
    resize(820, 620);
}

ScimServer AddServerWizard::duplicateOf(const ScimServer& server, const ServerRepository& repository)
{
    ScimServer copy;
    copy.name = tr("Copy of %1").arg(server.name);
    for (int n = 2; repository.nameExists(copy.name); ++n) {
        copy.name = tr("Copy of %1 (%2)").arg(server.name).arg(n);
    }
    copy.description = server.description;
    copy.url = server.url;
    copy.serverTypeId = server.serverTypeId;
    copy.auth = server.auth;
    copy.userMappings = server.userMappings;
    copy.staticAttributes = server.staticAttributes;
    copy.capabilities = server.capabilities;
    copy.options = server.options;
    return copy;
}

void AddServerWizard::setSaving(bool saving)
{
    m_saving = saving;
    for (auto which : {QWizard::BackButton, QWizard::FinishButton, QWizard::CancelButton}) {
        button(which)->setEnabled(!saving);
    }
}

void AddServerWizard::accept()
{
    if (m_saving || m_createdId > 0) {
        return;
    }
    setSaving(true);
    m_workspace->servers()->create(
        m_draft->server(), m_draft->secret(), this, [this](Result<qint64, ServerSaveError> result) {
            setSaving(false);
            if (!result) {
                const ServerSaveError& error = result.error();
                ConfirmationDialogs::showError(this, QStringLiteral("createServerError"),
                    tr("Could not create the SCIM server"), error.message, error.hint);
                return;
            }
            m_createdId = result.value();
            emit serverCreated(m_createdId);
            QWizard::accept();
        });
}
