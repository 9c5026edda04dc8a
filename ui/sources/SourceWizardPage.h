#pragma once

#include <QWizardPage>

#include <functional>

// A page of the Add Source wizard around one of the source editors (the same editors the Edit
// Source dialog shows as tabs): complete while the editor says its fields are valid.
class SourceWizardPage : public QWizardPage
{
    Q_OBJECT

public:
    // validityChanged: the editor's signal that its validity may have changed.
    template<typename Editor>
    static SourceWizardPage* wrap(
        Editor* editor, const QString& objectName, const QString& title, const QString& subTitle, QWidget* parent)
    {
        auto* page = new SourceWizardPage(
            editor, [editor] { return editor->isValid(); }, parent);
        page->setObjectName(objectName);
        page->setTitle(title);
        page->setSubTitle(subTitle);
        connect(editor, &Editor::validityChanged, page, &QWizardPage::completeChanged);
        return page;
    }

    bool isComplete() const override { return m_isValid(); }
    QWidget* editor() const { return m_editor; }

private:
    SourceWizardPage(QWidget* editor, std::function<bool()> isValid, QWidget* parent);

    QWidget* m_editor = nullptr;
    std::function<bool()> m_isValid;
};
