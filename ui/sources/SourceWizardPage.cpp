#include "SourceWizardPage.h"

#include "widgets/ScreenFit.h"

#include <QScrollArea>
#include <QVBoxLayout>

SourceWizardPage::SourceWizardPage(QWidget* editor, std::function<bool()> isValid, QWidget* parent)
    : QWizardPage(parent)
    , m_editor(editor)
    , m_isValid(std::move(isValid))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The editors are taller than an 800x500 logical screen leaves the wizard: they scroll.
    layout->addWidget(ScreenFit::scrollable(editor));
}
