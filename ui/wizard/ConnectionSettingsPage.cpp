#include "ConnectionSettingsPage.h"

#include "ConnectionSettingsEditor.h"

#include <QVBoxLayout>

ConnectionSettingsPage::ConnectionSettingsPage(ServerDraft* draft, QWidget* parent)
    : QWizardPage(parent)
    , m_editor(new ConnectionSettingsEditor(draft, this))
{
    setObjectName(QStringLiteral("connectionSettingsPage"));
    setTitle(tr("Connection Settings"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor);
    connect(m_editor, &ConnectionSettingsEditor::validityChanged, this, &QWizardPage::completeChanged);
}

bool ConnectionSettingsPage::isComplete() const
{
    return m_editor->isValid();
}
