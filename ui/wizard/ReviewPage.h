#pragma once

#include <QWizardPage>

class QLabel;
class ServerDraft;
struct ServerOptions;

// The last page of Add Server: everything entered, the secret only as a mask, then Create.
class ReviewPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ReviewPage(ServerDraft* draft, QWidget* parent = nullptr);

    void initializePage() override;
    QString summaryText() const;

    // The summary as rich text; also used by tests and the edit dialog's confirmation.
    static QString summaryHtml(const ServerDraft& draft);

private:
    static QString provisioningHtml(const ServerOptions& options);

    ServerDraft* m_draft = nullptr;
    QLabel* m_summary = nullptr;
};
