#include "ProvisioningPage.h"

#include "servers/ProvisioningOptionsEditor.h"
#include "widgets/ScreenFit.h"

#include <QScrollArea>

#include <QVBoxLayout>

ProvisioningPage::ProvisioningPage(ServerDraft* draft, QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("provisioningPage"));
    setTitle(tr("Provisioning"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_editor = new ProvisioningOptionsEditor(draft, this);
    layout->addWidget(ScreenFit::scrollable(m_editor)); // four groups: taller than the wizard's pages
    connect(m_editor, &ProvisioningOptionsEditor::validityChanged, this, &QWizardPage::completeChanged);
}

bool ProvisioningPage::isComplete() const
{
    return m_editor->isValid();
}
