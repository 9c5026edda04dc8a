#include "AuthenticationSettingsPage.h"

#include "AuthenticationSettingsEditor.h"

#include <QVBoxLayout>

AuthenticationSettingsPage::AuthenticationSettingsPage(ServerDraft* draft, QWidget* parent)
    : QWizardPage(parent)
    , m_editor(new AuthenticationSettingsEditor(draft, this))
{
    setObjectName(QStringLiteral("authenticationSettingsPage"));
    setTitle(tr("Authentication Settings"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor);
    connect(m_editor, &AuthenticationSettingsEditor::validityChanged, this, &QWizardPage::completeChanged);
}

bool AuthenticationSettingsPage::isComplete() const
{
    return m_editor->isValid();
}
