#include "StaticAttributesPage.h"

#include "StaticAttributesEditor.h"

#include <QVBoxLayout>

StaticAttributesPage::StaticAttributesPage(ServerDraft* draft, QWidget* parent)
    : QWizardPage(parent)
    , m_editor(new StaticAttributesEditor(draft, this))
{
    setObjectName(QStringLiteral("staticAttributesPage"));
    setTitle(tr("Static Attributes"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor);
    connect(m_editor, &StaticAttributesEditor::validityChanged, this, &QWizardPage::completeChanged);
}

bool StaticAttributesPage::isComplete() const
{
    return m_editor->isValid();
}
