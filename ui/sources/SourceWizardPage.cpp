#include "SourceWizardPage.h"

#include <QVBoxLayout>

SourceWizardPage::SourceWizardPage(QWidget* editor, std::function<bool()> isValid, QWidget* parent)
    : QWizardPage(parent)
    , m_editor(editor)
    , m_isValid(std::move(isValid))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(editor);
}
