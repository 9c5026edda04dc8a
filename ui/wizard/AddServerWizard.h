#pragma once

#include "model/ScimServer.h"

#include <QWizard>

#include <memory>

class AuthenticationSettingsPage;
class ConnectionSettingsPage;
class ReviewPage;
class ScimAttributesPage;
class ServerDraft;
class ServerRepository;
class StaticAttributesPage;
class Workspace;

// Add Server: Connection Settings → Authentication Settings → SCIM Attributes → Static
// Attributes → Review → Create. Create is offered from Authentication Settings on, as soon as
// what is required is valid (the seed flow: Server Type, token, Create); the later pages stay for
// those who want them. The wizard only collects; ServerCatalog::create saves the server and its
// secret together. A failed Create keeps the wizard open with everything entered; Cancel asks
// before it throws away what was typed.
class AddServerWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        ConnectionPage,
        AuthenticationPage,
        ScimAttributesPageId,
        StaticAttributesPageId,
        ProvisioningPageId,
        ReviewPageId,
    };

    // prefill: e.g. a duplicate of an existing server (see duplicateOf); its id must be 0.
    explicit AddServerWizard(
        std::shared_ptr<Workspace> workspace, const ScimServer& prefill = {}, QWidget* parent = nullptr);

    // "Copy of <name>" (numbered if taken) with everything but identity, secret and history.
    static ScimServer duplicateOf(const ScimServer& server, const ServerRepository& repository);

    ServerDraft* draft() const { return m_draft; }
    qint64 createdServerId() const { return m_createdId; }
    bool isSaving() const { return m_saving; }

public slots:
    void accept() override;
    void reject() override;

signals:
    void serverCreated(qint64 id);

private:
    void setSaving(bool saving);
    void create();
    bool hasInput() const;

    std::shared_ptr<Workspace> m_workspace;
    ServerDraft* m_draft = nullptr;
    qint64 m_createdId = 0;
    bool m_saving = false;
    ScimServer m_prefill;
};
