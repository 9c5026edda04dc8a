#include "ScimAttributesEditor.h"

#include "AttributeMappingTableModel.h"
#include "ServerDraft.h"
#include "widgets/ChoiceItemDelegate.h"
#include "widgets/EditableTable.h"
#include "widgets/FormMessages.h"

#include <QHeaderView>
#include <QLabel>
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

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);

    connect(m_table, &EditableTable::addRequested, this, [this]() { m_table->editNewRow(m_model->appendRow()); });
    connect(m_table, &EditableTable::removeRequested, m_model, &AttributeMappingTableModel::removeRowAt);
    connect(m_model, &AttributeMappingTableModel::mappingsEdited, this, &ScimAttributesEditor::store);
    connect(m_draft, &ServerDraft::reloaded, this, &ScimAttributesEditor::load);
    load();
}

bool ScimAttributesEditor::isValid() const
{
    return m_model->validationErrors().isEmpty();
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
    m_table->setErrors(m_model->validationErrors());
    emit validityChanged();
}

void ScimAttributesEditor::store()
{
    m_draft->setUserMappings(m_model->mappings());
    m_table->setErrors(m_model->validationErrors());
    emit validityChanged();
}
