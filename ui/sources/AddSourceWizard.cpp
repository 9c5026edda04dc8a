#include "AddSourceWizard.h"

#include "SourceAttributesEditor.h"
#include "SourceConnectionEditor.h"
#include "SourceDraft.h"
#include "SourceReviewPage.h"
#include "SourceSearchEditor.h"
#include "SourceTestDialog.h"
#include "SourceWizardPage.h"
#include "sources/SourceCatalog.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/ScreenFit.h"
#include "workspace/Workspace.h"

#include <QAbstractButton>

#include <optional>

AddSourceWizard::AddSourceWizard(std::shared_ptr<Workspace> workspace, QWidget* parent)
    : QWizard(parent)
    , m_workspace(std::move(workspace))
{
    setObjectName(QStringLiteral("addSourceWizard"));
    setWindowTitle(tr("Add Directory Source"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveFinishButtonOnEarlyPages, false);
    setButtonText(QWizard::FinishButton, tr("Create"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("createButton"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("nextButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("backButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("cancelButton"));

    m_draft = new SourceDraft(m_workspace, DirectorySource(), this);
    m_connection = new SourceConnectionEditor(m_draft, this);
    m_search = new SourceSearchEditor(m_draft, this);
    m_attributes = new SourceAttributesEditor(m_draft, this);
    auto* connection = SourceWizardPage::wrap(m_connection, QStringLiteral("sourceConnectionPage"), tr("Connection"),
        tr("Name the directory and enter its address. The Source Type fills in how it is read."), this);
    auto* search = SourceWizardPage::wrap(m_search, QStringLiteral("sourceSearchPage"), tr("Bind and Search"),
        tr("The account ScimDesk signs in with, and where and what it reads."), this);
    auto* attributes = SourceWizardPage::wrap(m_attributes, QStringLiteral("sourceAttributesPage"), tr("Attributes"),
        tr("How LDAP attributes become directory attributes. The Source Type has filled these in."), this);
    auto* review = new SourceReviewPage(m_draft, this);
    connect(review, &SourceReviewPage::testRequested, this, &AddSourceWizard::testConnection);
    // Each page after the first can finish: Create is enabled there once the pages are complete.
    search->setFinalPage(true);
    attributes->setFinalPage(true);
    setPage(ConnectionPageId, connection);
    setPage(SearchPageId, search);
    setPage(AttributesPageId, attributes);
    setPage(ReviewPageId, review);
    setStartId(ConnectionPageId);
    ScreenFit::resizeWithin(this, QSize(860, 640));
}

SourceTestDialog* AddSourceWizard::testConnection()
{
    const DirectorySource& source = m_draft->source();
    auto* dialog = new SourceTestDialog(
        m_workspace, source, source.anonymousBind() ? std::nullopt : std::optional<QString>(m_draft->password()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    dialog->start();
    return dialog;
}

void AddSourceWizard::setSaving(bool saving)
{
    m_saving = saving;
    for (auto which : {QWizard::BackButton, QWizard::FinishButton, QWizard::CancelButton}) {
        button(which)->setEnabled(!saving);
    }
}

bool AddSourceWizard::hasInput() const
{
    const DirectorySource& source = m_draft->source();
    return !m_draft->password().isEmpty() || !source.name.isEmpty() || !source.url.isEmpty()
        || !source.description.isEmpty() || !source.sourceTypeId.isEmpty() || !source.baseDn.isEmpty()
        || !source.bindDn.isEmpty();
}

void AddSourceWizard::reject()
{
    if (m_saving) {
        return;
    }
    if (m_createdId == 0 && hasInput()) {
        const QString name = m_draft->source().name.trimmed();
        const bool discard = ConfirmationDialogs::confirm(this, QStringLiteral("discardSourceQuestion"),
            tr("Discard this directory source?"),
            name.isEmpty() ? tr("The source has not been created. What you entered is lost.")
                           : tr("\u201c%1\u201d has not been created. What you entered is lost.").arg(name),
            {}, tr("Discard"));
        if (!discard) {
            return;
        }
    }
    QWizard::reject();
}

void AddSourceWizard::accept()
{
    if (m_saving || m_createdId > 0) {
        return;
    }
    m_connection->showAllErrors();
    m_search->showAllErrors();
    const DirectorySource& source = m_draft->source();
    const std::optional<QString> password
        = source.anonymousBind() || m_draft->password().isEmpty() ? std::nullopt : std::optional(m_draft->password());
    setSaving(true);
    m_workspace->sources()->create(source, password, this, [this](Result<qint64, SourceSaveError> result) {
        setSaving(false);
        if (!result) {
            const SourceSaveError& error = result.error();
            ConfirmationDialogs::showError(this, QStringLiteral("createSourceError"),
                tr("Could not create the directory source"), error.message, error.hint);
            return;
        }
        m_createdId = result.value();
        emit sourceCreated(m_createdId);
        QWizard::accept();
    });
}
