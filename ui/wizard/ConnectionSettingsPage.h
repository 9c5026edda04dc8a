#pragma once

#include <QWizardPage>

class ConnectionSettingsEditor;
class ServerDraft;

// The wizard's first page: name, description, URL and Server Type of the new server.
class ConnectionSettingsPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ConnectionSettingsPage(ServerDraft* draft, QWidget* parent = nullptr);

    bool isComplete() const override;
    ConnectionSettingsEditor* editor() const { return m_editor; }

private:
    ConnectionSettingsEditor* m_editor = nullptr;
};
