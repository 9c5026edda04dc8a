#pragma once

#include <QWizardPage>

class ProvisioningOptionsEditor;
class ServerDraft;

// The wizard's page for what provisioning does on this server: users who leave the scope, the
// deletion threshold and the values ScimDesk may fill in (the Provisioning tab of Edit Server).
class ProvisioningPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ProvisioningPage(ServerDraft* draft, QWidget* parent = nullptr);

    bool isComplete() const override;

private:
    ProvisioningOptionsEditor* m_editor = nullptr;
};
