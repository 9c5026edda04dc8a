#include "ProvisioningPage.h"

#include "servers/ProvisioningOptionsEditor.h"

#include <QVBoxLayout>

ProvisioningPage::ProvisioningPage(ServerDraft* draft, QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("provisioningPage"));
    setTitle(tr("Provisioning"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new ProvisioningOptionsEditor(draft, this));
}
