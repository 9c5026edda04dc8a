#include "ScimAttributesEditor.h"

#include "AttributeMappingTableModel.h"
#include "MappingPreviewDialog.h"
#include "ServerDraft.h"
#include "mapping/UserMapper.h"
#include "widgets/ChoiceItemDelegate.h"
#include "widgets/EditableTable.h"
#include "widgets/FormMessages.h"
#include "workspace/Workspace.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

ScimAttributesEditor::ScimAttributesEditor(ServerDraft* draft, QWidget* parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_model(new AttributeMappingTableModel(this))
{
    auto* intro = FormMessages::hintLabel(QStringLiteral("scimAttributesIntro"), this);
    FormMessages::show(intro,
        tr("Which directory attribute (or expression) fills which SCIM attribute. Checked \u201cMatching\u201d "
           "attributes find an existing SCIM user before a new one is created, in the order shown."),
        FormMessages::Hint);

    m_table = new EditableTable(QStringLiteral("scimAttributes"), tr("Add Attribute"), this);
    m_table->setModel(m_model);
    m_table->view()->setItemDelegateForColumn(AttributeMappingTableModel::ApplyColumn,
        new ChoiceItemDelegate(AttributeMappingTableModel::applyWhenChoices(), m_table->view()));

    m_previewButton = new QPushButton(tr("&Preview for User\u2026"), this);
    m_previewButton->setObjectName(QStringLiteral("previewForUserButton"));
    m_previewButton->setToolTip(
        tr("Shows the exact SCIM request for a directory user with these mappings, before anything is saved."));
    auto* previewRow = new QHBoxLayout;
    previewRow->addStretch(1);
    previewRow->addWidget(m_previewButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(previewRow);

    connect(m_table, &EditableTable::addRequested, this, [this]() { m_table->editNewRow(m_model->appendRow()); });
    connect(m_table, &EditableTable::removeRequested, m_model, &AttributeMappingTableModel::removeRowAt);
    connect(m_model, &AttributeMappingTableModel::mappingsEdited, this, &ScimAttributesEditor::store);
    connect(m_draft, &ServerDraft::reloaded, this, &ScimAttributesEditor::load);
    // Static attributes are checked by the mapping engine together with the mappings.
    connect(m_draft, &ServerDraft::changed, this, &ScimAttributesEditor::showErrors);
    connect(m_previewButton, &QPushButton::clicked, this, &ScimAttributesEditor::openPreview);
    load();
}

bool ScimAttributesEditor::isValid() const
{
    return errors().isEmpty();
}

QStringList ScimAttributesEditor::errors() const
{
    const QStringList tableErrors = m_model->validationErrors();
    if (!tableErrors.isEmpty()) {
        // Empty or duplicate rows are also refused by the engine; saying it twice would only
        // lengthen the list, so its deeper checks follow once the table itself is complete.
        return tableErrors;
    }
    const ScimServer& server = m_draft->server();
    return UserMapper(m_model->mappings(), server.staticAttributes, server.capabilities).configurationErrors();
}

MappingPreviewDialog* ScimAttributesEditor::openPreview()
{
    ScimServer server = m_draft->server();
    server.userMappings = m_model->mappings();
    auto* dialog = new MappingPreviewDialog(m_draft->workspace().database(), server, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void ScimAttributesEditor::showErrors()
{
    m_table->setErrors(errors());
    emit validityChanged();
}

void ScimAttributesEditor::load()
{
    m_model->setMappings(m_draft->server().userMappings);
    auto* header = m_table->view()->horizontalHeader();
    m_table->view()->resizeColumnsToContents();
    // Long enterprise-extension paths must stay readable without hiding the other columns.
    header->resizeSection(AttributeMappingTableModel::SourceColumn,
        qBound(160, header->sectionSize(AttributeMappingTableModel::SourceColumn), 240));
    header->resizeSection(AttributeMappingTableModel::TargetColumn,
        qBound(180, header->sectionSize(AttributeMappingTableModel::TargetColumn), 360));
    showErrors();
}

void ScimAttributesEditor::store()
{
    m_draft->setUserMappings(m_model->mappings());
    showErrors();
}
