#pragma once

#include "model/DirectorySource.h"

#include <QWizard>

#include <memory>

class SourceAttributesEditor;
class SourceConnectionEditor;
class SourceDraft;
class SourceSearchEditor;
class SourceTestDialog;
class Workspace;

// Add Source: Connection (name, description, URL, Source Type, StartTLS, CA) → Bind and Search
// (bind DN and password, base DN, filters, page size) → Attributes (mapping, anchor, groups,
// disabled accounts, nesting) → Review and Test → Create. Create is offered from Bind and Search
// on, as soon as what is required is valid. The wizard only collects; SourceCatalog::create saves
// the source and its password (to the keychain only) together. A failed Create keeps the wizard
// open with everything entered; Cancel asks before it throws away what was typed.
class AddSourceWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        ConnectionPageId,
        SearchPageId,
        AttributesPageId,
        ReviewPageId,
    };

    explicit AddSourceWizard(std::shared_ptr<Workspace> workspace, QWidget* parent = nullptr);

    SourceDraft* draft() const { return m_draft; }
    qint64 createdSourceId() const { return m_createdId; }
    bool isSaving() const { return m_saving; }
    // The guided test with what was entered so far (window-modal, returned for tests).
    SourceTestDialog* testConnection();

public slots:
    void accept() override;
    void reject() override;

signals:
    void sourceCreated(qint64 id);

private:
    void setSaving(bool saving);
    bool hasInput() const;

    std::shared_ptr<Workspace> m_workspace;
    SourceDraft* m_draft = nullptr;
    SourceConnectionEditor* m_connection = nullptr;
    SourceSearchEditor* m_search = nullptr;
    SourceAttributesEditor* m_attributes = nullptr;
    qint64 m_createdId = 0;
    bool m_saving = false;
};
