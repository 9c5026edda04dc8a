#pragma once

#include <QWizardPage>

class StaticAttributesEditor;
class ServerDraft;

// The wizard's page for static attributes.
class StaticAttributesPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit StaticAttributesPage(ServerDraft* draft, QWidget* parent = nullptr);

    bool isComplete() const override;
    StaticAttributesEditor* editor() const { return m_editor; }

private:
    StaticAttributesEditor* m_editor = nullptr;
};
