#include "AddServerWizard.h"

#include "AuthenticationSettingsPage.h"
#include "ConnectionSettingsPage.h"
#include "ProvisioningPage.h"
#include "ReviewPage.h"
#include "ScimAttributesPage.h"
#include "ServerDraft.h"
#include "StaticAttributesPage.h"
#include "servers/ServerCatalog.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/ScreenFit.h"
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

    m_prefill = prefill;
    m_prefill.id = 0;
    m_draft = new ServerDraft(m_workspace, m_prefill, this);

    auto* connection = new ConnectionSettingsPage(m_draft, this);
    connection->setSubTitle(tr("Name the server and paste its SCIM endpoint. The Server Type fills in the "
                               "remaining settings."));
    auto* authentication = new AuthenticationSettingsPage(m_draft, this);
    authentication->setSubTitle(tr("How ScimDesk signs in to the SCIM endpoint."));
    auto* attributes = new ScimAttributesPage(m_draft, this);
    attributes->setSubTitle(tr("How directory attributes become SCIM attributes."));
    auto* statics = new StaticAttributesPage(m_draft, this);
    statics->setSubTitle(tr("Constant SCIM attributes sent for every user."));
    auto* provisioning = new ProvisioningPage(m_draft, this);
    provisioning->setSubTitle(tr("What happens on the server to users who leave the scope, the safety limit for "
                                 "large removals, and how fast requests are sent."));
    // Each page after the first can finish: Create is enabled there once the pages are complete.
    for (QWizardPage* page : std::initializer_list<QWizardPage*> {authentication, attributes, statics, provisioning}) {
        page->setFinalPage(true);
    }
    setPage(ConnectionPage, connection);
    setPage(AuthenticationPage, authentication);
    setPage(ScimAttributesPageId, attributes);
    setPage(StaticAttributesPageId, statics);
    setPage(ProvisioningPageId, provisioning);
    setPage(ReviewPageId, new ReviewPage(m_draft, this));
    setStartId(ConnectionPage);
    ScreenFit::resizeWithin(this, QSize(820, 620));
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

bool AddServerWizard::hasInput() const
{
    const ScimServer& server = m_draft->server();
    return !m_draft->secret().isEmpty() || server.name != m_prefill.name || server.url != m_prefill.url
        || server.description != m_prefill.description || server.serverTypeId != m_prefill.serverTypeId
        || !m_prefill.name.isEmpty();
}

void AddServerWizard::reject()
{
    if (m_saving) {
        return;
    }
    if (m_createdId == 0 && hasInput()) {
        const QString name = m_draft->server().name.trimmed();
        const bool discard
            = ConfirmationDialogs::confirm(this, QStringLiteral("discardServerQuestion"), tr("Discard this server?"),
                name.isEmpty() ? tr("The server has not been created. What you entered is lost.")
                               : tr("\u201c%1\u201d has not been created. What you entered is lost.").arg(name),
                {}, tr("Discard"));
        if (!discard) {
            return;
        }
    }
    QWizard::reject();
}

void AddServerWizard::accept()
{
    if (m_saving || m_createdId > 0) {
        return;
    }
    if (m_draft->server().userMappings.isEmpty()) {
        const bool createAnyway = ConfirmationDialogs::confirm(this, QStringLiteral("noMappingsWarning"),
            tr("Create a server without SCIM attributes?"),
            tr("This server has no SCIM attributes: a sync would send users without their names, email "
               "addresses or any other directory attribute. Choose a Server Type on the first page to fill them "
               "in, or add them on the SCIM Attributes page."),
            {}, tr("Create Anyway"));
        if (!createAnyway) {
            return;
        }
    }
    create();
}

void AddServerWizard::create()
{
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
