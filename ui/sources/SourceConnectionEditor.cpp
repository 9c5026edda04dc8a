#include "SourceConnectionEditor.h"

#include "SourceDraft.h"
#include "sources/SourceTypeChangeSummary.h"
#include "widgets/ArrowKeysOpenPopup.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/FormMessages.h"
#include "widgets/TrustedCaEditor.h"
#include "workspace/Workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QList>
#include <QPair>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace {
QVBoxLayout* column(const QList<QWidget*>& widgets)
{
    auto* layout = new QVBoxLayout;
    layout->setSpacing(2);
    for (QWidget* widget : widgets) {
        layout->addWidget(widget);
    }
    return layout;
}
} // namespace

SourceConnectionEditor::SourceConnectionEditor(SourceDraft* draft, QWidget* parent)
    : QWidget(parent)
    , m_draft(draft)
{
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("sourceNameEdit"));
    m_nameEdit->setPlaceholderText(tr("Required, unique \u2014 e.g. Corporate AD"));
    m_nameError = FormMessages::errorLabel(QStringLiteral("sourceNameError"), this);
    m_descriptionEdit = new QLineEdit(this);
    m_descriptionEdit->setObjectName(QStringLiteral("sourceDescriptionEdit"));
    m_descriptionEdit->setPlaceholderText(tr("Optional"));
    m_urlEdit = new QLineEdit(this);
    m_urlEdit->setObjectName(QStringLiteral("sourceUrlEdit"));
    m_urlEdit->setPlaceholderText(tr("ldaps://\u2026 or ldap://\u2026"));
    m_urlHint = FormMessages::hintLabel(QStringLiteral("sourceUrlHint"), this);
    m_urlError = FormMessages::errorLabel(QStringLiteral("sourceUrlError"), this);

    m_typeCombo = new QComboBox(this);
    m_typeCombo->setObjectName(QStringLiteral("sourceTypeCombo"));
    m_typeCombo->addItem(tr("Select a source type\u2026"), QString());
    for (const auto& type : m_draft->workspace().sourceTypes().all()) {
        m_typeCombo->addItem(type.displayName, type.id);
    }
    m_typeDescription = FormMessages::hintLabel(QStringLiteral("sourceTypeDescription"), this);

    m_startTls = new QCheckBox(tr("Use &StartTLS (encrypt the ldap:// connection before signing in)"), this);
    m_startTls->setObjectName(QStringLiteral("startTlsCheck"));
    m_startTlsError = FormMessages::errorLabel(QStringLiteral("startTlsError"), this);
    m_trustedCa = new TrustedCaEditor(this);
    m_trustedCa->setEmptyTexts(tr("Optional \u2014 PEM file of the directory's private certificate authority"),
        tr("Only when a private certificate authority signed the directory's certificate (common for domain "
           "controllers). Certificates and host names are always verified."));

    auto* nameColumn = column({m_nameEdit, m_nameError});
    auto* urlColumn = column({m_urlEdit, m_urlHint, m_urlError});
    auto* typeColumn = column({m_typeCombo, m_typeDescription});
    auto* tlsColumn = column({m_startTls, m_startTlsError});

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Source Na&me:"), nameColumn);
    form->addRow(tr("&Description:"), m_descriptionEdit);
    form->addRow(tr("Source &URL:"), urlColumn);
    form->addRow(tr("Source &Type:"), typeColumn);
    form->addRow(tr("Encryption:"), tlsColumn);
    form->addRow(tr("Trusted C&A certificate:"), m_trustedCa);
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(m_trustedCa))) {
        label->setBuddy(m_trustedCa->focusField());
    }
    // Mnemonics of rows holding a nested layout need their buddy set by hand.
    const QList<QPair<QLayout*, QWidget*>> nested
        = {{nameColumn, m_nameEdit}, {urlColumn, m_urlEdit}, {typeColumn, m_typeCombo}, {tlsColumn, m_startTls}};
    for (const auto& [layout, field] : nested) {
        if (auto* label = qobject_cast<QLabel*>(form->labelForField(layout))) {
            label->setBuddy(field);
        }
    }

    connect(m_nameEdit, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_nameTouched = true;
        m_draft->setName(text);
    });
    connect(m_descriptionEdit, &QLineEdit::textEdited, m_draft, &SourceDraft::setDescription);
    connect(m_urlEdit, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_urlTouched = true;
        m_draft->setUrl(text);
    });
    connect(m_startTls, &QCheckBox::clicked, m_draft, &SourceDraft::setStartTls);
    connect(m_trustedCa, &TrustedCaEditor::pathChanged, m_draft, &SourceDraft::setCaFilePath);
    // activated, not currentIndexChanged: only the admin's choice asks, never a reload.
    connect(m_typeCombo, &QComboBox::activated, this, &SourceConnectionEditor::sourceTypeChosen);
    ArrowKeysOpenPopup::install(m_typeCombo);
    connect(m_draft, &SourceDraft::changed, this, &SourceConnectionEditor::updateMessages);
    connect(m_draft, &SourceDraft::reloaded, this, &SourceConnectionEditor::load);
    load();
}

bool SourceConnectionEditor::isValid() const
{
    return !m_draft->hasIssues({QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("url"),
        QStringLiteral("startTls"), QStringLiteral("caFilePath")});
}

void SourceConnectionEditor::showAllErrors()
{
    m_nameTouched = true;
    m_urlTouched = true;
    updateMessages();
}

void SourceConnectionEditor::load()
{
    const DirectorySource& source = m_draft->source();
    m_nameEdit->setText(source.name);
    m_descriptionEdit->setText(source.description);
    m_urlEdit->setText(source.url);
    {
        const QSignalBlocker blocker(m_typeCombo);
        m_typeCombo->setCurrentIndex(qMax(0, indexOfType(source.sourceTypeId)));
    }
    // Prefilled values (edit) are judged at once.
    m_nameTouched = m_nameTouched || !source.name.isEmpty();
    m_urlTouched = m_urlTouched || !source.url.isEmpty();
    m_trustedCa->setPath(source.caFilePath);
    updateMessages();
}

int SourceConnectionEditor::indexOfType(const QString& typeId) const
{
    return typeId.isEmpty() ? 0 : m_typeCombo->findData(typeId);
}

void SourceConnectionEditor::updateMessages()
{
    const DirectorySource& source = m_draft->source();
    FormMessages::show(m_nameError, m_nameTouched ? m_draft->error(QStringLiteral("name")) : QString());
    FormMessages::show(m_urlError, m_urlTouched ? m_draft->error(QStringLiteral("url")) : QString());
    const auto type = m_draft->workspace().sourceTypes().find(source.sourceTypeId);
    FormMessages::show(m_urlHint,
        type && !type->urlHint.isEmpty()
            ? type->urlHint
            : tr("ldaps://dc1.corp.example (port 636), or ldap://dc1.corp.example (port 389) with StartTLS"),
        FormMessages::Hint);
    FormMessages::show(m_typeDescription,
        type ? type->description
             : tr("Choosing a type fills in the filters, the anchor, the attribute mapping, the disabled-account rule "
                  "and how nested groups are read."),
        FormMessages::Hint);
    m_startTls->setChecked(source.startTls);
    // ldaps:// is encrypted from the start; StartTLS only applies to ldap://.
    m_startTls->setEnabled(!source.url.trimmed().startsWith(QLatin1String("ldaps://"), Qt::CaseInsensitive));
    FormMessages::show(m_startTlsError, m_urlTouched ? m_draft->error(QStringLiteral("startTls")) : QString());
    m_trustedCa->updateMessages();
    emit validityChanged();
}

void SourceConnectionEditor::sourceTypeChosen(int index)
{
    const QString typeId = m_typeCombo->itemData(index).toString();
    if (typeId == m_draft->source().sourceTypeId) {
        return;
    }
    const SourceTypeChange change = m_draft->previewSourceType(typeId);
    const auto type = m_draft->workspace().sourceTypes().find(typeId);
    if (change.hasChanges() && type) {
        const QString typeName = m_typeCombo->itemText(index);
        const bool accepted = ConfirmationDialogs::confirm(this, QStringLiteral("sourceTypeNotice"),
            tr("Apply Source Type \u201c%1\u201d?").arg(typeName),
            tr("Selecting %1 will fill in and overwrite how this source is read with the settings of that source "
               "type. The URL, the bind account, the base DN and the page size stay as they are.")
                .arg(typeName),
            SourceTypeChangeSummary::summarize(change, *type, m_draft->source()), tr("Continue"), change.changes);
        if (!accepted) {
            const QSignalBlocker blocker(m_typeCombo);
            m_typeCombo->setCurrentIndex(qMax(0, indexOfType(m_draft->source().sourceTypeId)));
            return;
        }
    }
    m_draft->applySourceTypeChange(change);
}
