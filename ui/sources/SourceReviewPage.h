#pragma once

#include <QWizardPage>

class QLabel;
class QPushButton;
class SourceDraft;

// The Add Source wizard's last page: every setting in one summary, and Test Connection, which
// runs the guided source test with what was entered (the password included) before anything is
// saved.
class SourceReviewPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit SourceReviewPage(SourceDraft* draft, QWidget* parent = nullptr);

    void initializePage() override;
    QString summaryText() const;
    static QString summaryHtml(const SourceDraft& draft);

signals:
    void testRequested();

private:
    SourceDraft* m_draft = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_testButton = nullptr;
};
