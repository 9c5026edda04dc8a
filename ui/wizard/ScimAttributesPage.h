#pragma once

#include <QWizardPage>

class ScimAttributesEditor;
class ServerDraft;

// The wizard's page for the SCIM attribute mapping.
class ScimAttributesPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ScimAttributesPage(ServerDraft* draft, QWidget* parent = nullptr);

    bool isComplete() const override;
    ScimAttributesEditor* editor() const { return m_editor; }

private:
    ScimAttributesEditor* m_editor = nullptr;
};
