#include "ScimAttributesPage.h"

#include "ScimAttributesEditor.h"

#include <QVBoxLayout>

ScimAttributesPage::ScimAttributesPage(ServerDraft* draft, QWidget* parent)
    : QWizardPage(parent)
    , m_editor(new ScimAttributesEditor(draft, this))
{
    setObjectName(QStringLiteral("scimAttributesPage"));
    setTitle(tr("SCIM Attributes"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor);
    connect(m_editor, &ScimAttributesEditor::validityChanged, this, &QWizardPage::completeChanged);
}

bool ScimAttributesPage::isComplete() const
{
    return m_editor->isValid();
}
