#include "StaticAttributesEditor.h"

#include "ServerDraft.h"
#include "StaticAttributeTableModel.h"
#include "widgets/EditableTable.h"
#include "widgets/FormMessages.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

StaticAttributesEditor::StaticAttributesEditor(ServerDraft* draft, QWidget* parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_model(new StaticAttributeTableModel(this))
{
    auto* intro = FormMessages::hintLabel(QStringLiteral("staticAttributesIntro"), this);
    FormMessages::show(intro,
        tr("SCIM attributes sent with the same value for every user, e.g. userType = Employee. Leave the table "
           "empty when the service needs none."),
        FormMessages::Hint);

    m_table = new EditableTable(QStringLiteral("staticAttributes"), tr("Add Static Attribute"), this);
    m_table->setModel(m_model);
    m_table->view()->horizontalHeader()->setMinimumSectionSize(120);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);

    connect(m_table, &EditableTable::addRequested, this, [this]() { m_table->editNewRow(m_model->appendRow()); });
    connect(m_table, &EditableTable::removeRequested, m_model, &StaticAttributeTableModel::removeRowAt);
    connect(m_model, &StaticAttributeTableModel::attributesEdited, this, &StaticAttributesEditor::store);
    connect(m_draft, &ServerDraft::reloaded, this, &StaticAttributesEditor::load);
    load();
}

bool StaticAttributesEditor::isValid() const
{
    return m_model->validationErrors().isEmpty();
}

void StaticAttributesEditor::load()
{
    m_model->setAttributes(m_draft->server().staticAttributes);
    m_table->view()->horizontalHeader()->resizeSection(StaticAttributeTableModel::TargetColumn, 260);
    m_table->setErrors(m_model->validationErrors());
    emit validityChanged();
}

void StaticAttributesEditor::store()
{
    m_draft->setStaticAttributes(m_model->attributes());
    m_table->setErrors(m_model->validationErrors());
    emit validityChanged();
}
