#include "SourceEditDialog.h"

#include "SourceAttributesEditor.h"
#include "SourceConnectionEditor.h"
#include "SourceDraft.h"
#include "SourceSearchEditor.h"
#include "SourceTestDialog.h"
#include "sources/SourceCatalog.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/ScreenFit.h"
#include "workspace/Workspace.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

#include <optional>

SourceEditDialog::SourceEditDialog(std::shared_ptr<Workspace> workspace, const DirectorySource& source, QWidget* parent)
    : QDialog(parent)
    , m_workspace(std::move(workspace))
{
    setObjectName(QStringLiteral("sourceEditDialog"));
    setWindowTitle(tr("Edit Directory Source \u2014 %1").arg(source.name));
    m_draft = new SourceDraft(m_workspace, source, this);
    m_connection = new SourceConnectionEditor(m_draft, this);
    m_search = new SourceSearchEditor(m_draft, this);
    m_attributes = new SourceAttributesEditor(m_draft, this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("sourceEditTabs"));
    // Tabs scroll rather than push Save off a small screen.
    m_tabs->addTab(ScreenFit::scrollable(m_connection), tr("Connection"));
    m_tabs->addTab(ScreenFit::scrollable(m_search), tr("Bind and Search"));
    m_tabs->addTab(ScreenFit::scrollable(m_attributes), tr("Attributes"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_saveButton = buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    m_testButton = buttons->addButton(tr("&Test Connection\u2026"), QDialogButtonBox::ActionRole);
    m_testButton->setObjectName(QStringLiteral("testSourceButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SourceEditDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_testButton, &QPushButton::clicked, this, &SourceEditDialog::testConnection);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);

    connect(m_connection, &SourceConnectionEditor::validityChanged, this, &SourceEditDialog::updateButtons);
    connect(m_search, &SourceSearchEditor::validityChanged, this, &SourceEditDialog::updateButtons);
    connect(m_attributes, &SourceAttributesEditor::validityChanged, this, &SourceEditDialog::updateButtons);
    updateButtons();
    ScreenFit::resizeWithin(this, QSize(860, 620));
}

void SourceEditDialog::updateButtons()
{
    const QList<bool> tabValid = {m_connection->isValid(), m_search->isValid(), m_attributes->isValid()};
    m_saveButton->setEnabled(!tabValid.contains(false) && !m_saving);
    m_testButton->setEnabled(m_connection->isValid() && m_search->isValid());
    // Mark the tabs that need attention so a problem on a hidden tab is not a mystery.
    for (int i = 0; i < tabValid.size(); ++i) {
        m_tabs->setTabIcon(i, tabValid.at(i) ? QIcon() : style()->standardIcon(QStyle::SP_MessageBoxWarning));
    }
}

SourceTestDialog* SourceEditDialog::testConnection()
{
    const QString password = m_draft->password();
    auto* dialog = new SourceTestDialog(
        m_workspace, m_draft->source(), password.isEmpty() ? std::nullopt : std::optional<QString>(password), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    dialog->start();
    return dialog;
}

void SourceEditDialog::accept()
{
    if (m_saving) {
        return;
    }
    m_saving = true;
    updateButtons();
    const QString password = m_draft->password();
    m_workspace->sources()->update(m_draft->source(),
        password.isEmpty() ? std::nullopt : std::optional<QString>(password), this,
        [this](Status<SourceSaveError> status) {
            m_saving = false;
            updateButtons();
            if (!status) {
                ConfirmationDialogs::showError(this, QStringLiteral("saveSourceError"),
                    tr("Could not save the directory source"), status.error().message, status.error().hint);
                return;
            }
            QDialog::accept();
        });
}
