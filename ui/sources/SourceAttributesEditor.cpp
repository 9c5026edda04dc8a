#include "SourceAttributesEditor.h"

#include "SourceDraft.h"
#include "SourceMappingTableModel.h"
#include "sources/SourceType.h"
#include "widgets/ChoiceItemDelegate.h"
#include "widgets/DirectoryAttributeText.h"
#include "widgets/EditableTable.h"
#include "widgets/FormMessages.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

namespace {
QLineEdit* attributeEdit(const QString& objectName, const QString& placeholder, QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

// "0x2", "2" or "0X2"; 0 when it is neither (core then asks for the bit).
qint64 parseMask(const QString& text)
{
    const QString trimmed = text.trimmed();
    bool ok = false;
    const qint64 value = trimmed.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)
        ? trimmed.mid(2).toLongLong(&ok, 16)
        : trimmed.toLongLong(&ok, 10);
    return ok ? value : 0;
}
} // namespace

SourceAttributesEditor::SourceAttributesEditor(SourceDraft* draft, QWidget* parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_model(new SourceMappingTableModel(this))
{
    auto* intro = FormMessages::hintLabel(QStringLiteral("sourceAttributesIntro"), this);
    FormMessages::show(intro,
        tr("The Source Type fills these in. Change them only when your directory keeps an attribute elsewhere; map "
           "any other LDAP attribute to a name of your own to use it in SCIM mappings and scoping filters."),
        FormMessages::Hint);

    m_table = new EditableTable(QStringLiteral("sourceMappings"), tr("Add &Mapping"), this);
    m_table->setModel(m_model);
    auto* delegate = new ChoiceItemDelegate(SourceMappingTableModel::directoryAttributeChoices(), m_table->view());
    delegate->setEditable(true);
    delegate->setLabels(DirectoryAttributeText::labelsWithKeys(SourceMappingTableModel::directoryAttributeChoices()));
    m_table->view()->setItemDelegateForColumn(SourceMappingTableModel::DirectoryColumn, delegate);
    m_table->view()->horizontalHeader()->setMinimumSectionSize(120);

    auto* columns = new QHBoxLayout;
    columns->addWidget(m_table, 3);
    columns->addWidget(createOtherSettings(), 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(columns, 1);

    connect(m_table, &EditableTable::addRequested, this, [this]() { m_table->editNewRow(m_model->appendRow()); });
    connect(m_table, &EditableTable::removeRequested, m_model, &SourceMappingTableModel::removeRowAt);
    connect(m_model, &SourceMappingTableModel::mappingsEdited, this,
        [this]() { m_draft->setUserMappings(m_model->mappings()); });
    connect(m_anchor, &QLineEdit::textEdited, m_draft, &SourceDraft::setAnchorAttribute);
    connect(m_groupName, &QLineEdit::textEdited, m_draft, &SourceDraft::setGroupNameAttribute);
    connect(m_groupDescription, &QLineEdit::textEdited, m_draft, &SourceDraft::setGroupDescriptionAttribute);
    connect(m_groupMember, &QLineEdit::textEdited, m_draft, &SourceDraft::setGroupMemberAttribute);
    connect(m_disabledKind, &QComboBox::activated, this, &SourceAttributesEditor::storeDisabledRule);
    for (QLineEdit* edit : {m_disabledAttribute, m_disabledMask, m_disabledValue}) {
        connect(edit, &QLineEdit::textEdited, this, &SourceAttributesEditor::storeDisabledRule);
    }
    connect(m_nesting, &QComboBox::activated, this,
        [this]() { m_draft->setNesting(GroupNesting(m_nesting->currentData().toInt())); });
    connect(m_draft, &SourceDraft::changed, this, &SourceAttributesEditor::updateMessages);
    connect(m_draft, &SourceDraft::reloaded, this, &SourceAttributesEditor::load);
    load();
}

QWidget* SourceAttributesEditor::createOtherSettings()
{
    auto* box = new QWidget(this);
    m_anchor = attributeEdit(QStringLiteral("anchorAttributeEdit"), tr("e.g. objectGUID or entryUUID"), box);
    m_anchorError = FormMessages::errorLabel(QStringLiteral("anchorAttributeError"), box);
    m_groupName = attributeEdit(QStringLiteral("groupNameAttributeEdit"), tr("e.g. cn"), box);
    m_groupDescription = attributeEdit(QStringLiteral("groupDescriptionAttributeEdit"), tr("Optional"), box);
    m_groupMember = attributeEdit(QStringLiteral("groupMemberAttributeEdit"), tr("e.g. member|uniqueMember"), box);
    m_groupError = FormMessages::errorLabel(QStringLiteral("groupAttributesError"), box);
    m_disabledKind = new QComboBox(box);
    m_disabledKind->setObjectName(QStringLiteral("disabledRuleCombo"));
    m_disabledKind->addItem(tr("Never"), int(DisabledAccountRule::Kind::Never));
    m_disabledKind->addItem(tr("When a flag bit is set"), int(DisabledAccountRule::Kind::FlagBitSet));
    m_disabledKind->addItem(tr("When an attribute is present"), int(DisabledAccountRule::Kind::AttributePresent));
    m_disabledKind->addItem(tr("When an attribute has a value"), int(DisabledAccountRule::Kind::AttributeEquals));
    m_disabledAttribute = attributeEdit(QStringLiteral("disabledAttributeEdit"), tr("e.g. userAccountControl"), box);
    m_disabledMask = attributeEdit(QStringLiteral("disabledMaskEdit"), tr("bit, e.g. 0x2"), box);
    m_disabledValue = attributeEdit(QStringLiteral("disabledValueEdit"), tr("value, e.g. TRUE"), box);
    m_disabledError = FormMessages::errorLabel(QStringLiteral("disabledRuleError"), box);
    m_nesting = new QComboBox(box);
    m_nesting->setObjectName(QStringLiteral("nestingCombo"));
    m_nesting->addItem(tr("Expanded by ScimDesk (any LDAP directory)"), int(GroupNesting::ClientSide));
    m_nesting->addItem(tr("Resolved by Active Directory (in-chain rule)"), int(GroupNesting::MatchingRuleInChain));

    auto* groupColumn = new QVBoxLayout;
    groupColumn->setSpacing(2);
    auto* disabledColumn = new QVBoxLayout;
    disabledColumn->setSpacing(2);
    disabledColumn->addWidget(m_disabledKind);
    auto* disabledRow = new QHBoxLayout;
    disabledRow->addWidget(m_disabledAttribute, 2);
    disabledRow->addWidget(m_disabledMask, 1);
    disabledRow->addWidget(m_disabledValue, 1);
    disabledColumn->addLayout(disabledRow);
    disabledColumn->addWidget(m_disabledError);
    auto* anchorColumn = new QVBoxLayout;
    anchorColumn->setSpacing(2);
    anchorColumn->addWidget(m_anchor);
    anchorColumn->addWidget(m_anchorError);

    auto* form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("&Anchor:"), anchorColumn);
    form->addRow(tr("Group &name:"), m_groupName);
    form->addRow(tr("Group descr&iption:"), m_groupDescription);
    form->addRow(tr("Group mem&bers:"), m_groupMember);
    form->addRow(m_groupError);
    form->addRow(tr("Disabled &accounts:"), disabledColumn);
    form->addRow(tr("Nested &groups:"), m_nesting);
    for (const auto& [layout, field] : {std::pair<QLayout*, QWidget*> {anchorColumn, m_anchor},
             std::pair<QLayout*, QWidget*> {disabledColumn, m_disabledKind}}) {
        if (auto* label = qobject_cast<QLabel*>(form->labelForField(layout))) {
            label->setBuddy(field);
        }
    }
    return box;
}

bool SourceAttributesEditor::isValid() const
{
    return !m_draft->hasIssues({QStringLiteral("anchorAttribute"), QStringLiteral("userMappings"),
        QStringLiteral("groupNameAttribute"), QStringLiteral("groupDescriptionAttribute"),
        QStringLiteral("groupMemberAttribute"), QStringLiteral("disabledRule")});
}

void SourceAttributesEditor::load()
{
    const DirectorySource& source = m_draft->source();
    m_model->setMappings(source.userMappings);
    m_table->view()->horizontalHeader()->resizeSection(SourceMappingTableModel::LdapColumn, 200);
    m_anchor->setText(source.anchorAttribute);
    m_groupName->setText(source.groupNameAttribute);
    m_groupDescription->setText(source.groupDescriptionAttribute);
    m_groupMember->setText(source.groupMemberAttribute);
    {
        const QSignalBlocker kindBlocker(m_disabledKind);
        m_disabledKind->setCurrentIndex(qMax(0, m_disabledKind->findData(int(source.disabledRule.kind))));
        const QSignalBlocker nestingBlocker(m_nesting);
        m_nesting->setCurrentIndex(qMax(0, m_nesting->findData(int(source.nesting))));
    }
    m_disabledAttribute->setText(source.disabledRule.attribute);
    m_disabledMask->setText(source.disabledRule.mask > 0
            ? QStringLiteral("0x") + QString::number(source.disabledRule.mask, 16)
            : QString());
    m_disabledValue->setText(source.disabledRule.value);
    updateMessages();
}

void SourceAttributesEditor::storeDisabledRule()
{
    DisabledAccountRule rule;
    rule.kind = DisabledAccountRule::Kind(m_disabledKind->currentData().toInt());
    if (rule.kind != DisabledAccountRule::Kind::Never) {
        rule.attribute = m_disabledAttribute->text().trimmed();
    }
    if (rule.kind == DisabledAccountRule::Kind::FlagBitSet) {
        rule.mask = parseMask(m_disabledMask->text());
    }
    if (rule.kind == DisabledAccountRule::Kind::AttributeEquals) {
        rule.value = m_disabledValue->text().trimmed();
    }
    m_draft->setDisabledRule(rule);
}

void SourceAttributesEditor::updateMessages()
{
    const ValidationIssues& issues = m_draft->issues();
    m_model->setIssues(issues);
    QStringList tableErrors;
    for (const ValidationIssue& issue : Validation::issuesOf(issues, QStringLiteral("userMappings"))) {
        tableErrors << issue.text();
    }
    m_table->setErrors(tableErrors);
    FormMessages::show(m_anchorError, m_draft->error(QStringLiteral("anchorAttribute")));
    QStringList groupErrors;
    for (const QString& field : {QStringLiteral("groupNameAttribute"), QStringLiteral("groupDescriptionAttribute"),
             QStringLiteral("groupMemberAttribute")}) {
        if (const QString error = m_draft->error(field); !error.isEmpty()) {
            groupErrors << error;
        }
    }
    FormMessages::show(m_groupError, groupErrors.join(QLatin1Char('\n')));
    const auto kind = DisabledAccountRule::Kind(m_disabledKind->currentData().toInt());
    m_disabledAttribute->setVisible(kind != DisabledAccountRule::Kind::Never);
    m_disabledMask->setVisible(kind == DisabledAccountRule::Kind::FlagBitSet);
    m_disabledValue->setVisible(kind == DisabledAccountRule::Kind::AttributeEquals);
    FormMessages::show(m_disabledError, m_draft->error(QStringLiteral("disabledRule")));
    emit validityChanged();
}
