#include "ConnectionSettingsEditor.h"

#include "ServerDraft.h"
#include "servertypes/PresetChangeSummary.h"
#include "widgets/ArrowKeysOpenPopup.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/FormMessages.h"
#include "widgets/TrustedCaEditor.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QList>
#include <QPair>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

ConnectionSettingsEditor::ConnectionSettingsEditor(ServerDraft* draft, QWidget* parent)
    : QWidget(parent)
    , m_draft(draft)
{
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("serverNameEdit"));
    m_nameEdit->setPlaceholderText(tr("Required, unique \u2014 e.g. AWS SCIM Server"));
    m_nameError = FormMessages::errorLabel(QStringLiteral("serverNameError"), this);

    m_descriptionEdit = new QLineEdit(this);
    m_descriptionEdit->setObjectName(QStringLiteral("serverDescriptionEdit"));
    m_descriptionEdit->setPlaceholderText(tr("Optional"));

    m_urlEdit = new QLineEdit(this);
    m_urlEdit->setObjectName(QStringLiteral("serverUrlEdit"));
    m_urlEdit->setPlaceholderText(tr("https://\u2026"));
    m_urlHint = FormMessages::hintLabel(QStringLiteral("serverUrlHint"), this);
    m_urlError = FormMessages::errorLabel(QStringLiteral("serverUrlError"), this);

    createTypeSuggestion();

    m_typeCombo = new QComboBox(this);
    m_typeCombo->setObjectName(QStringLiteral("serverTypeCombo"));
    m_typeCombo->addItem(tr("Select a server type\u2026"), QString());
    for (const auto& type : m_draft->workspace().serverTypes().all()) {
        m_typeCombo->addItem(type.displayName, type.id);
    }
    m_typeDescription = FormMessages::hintLabel(QStringLiteral("serverTypeDescription"), this);
    m_trustedCa = new TrustedCaEditor(this);

    auto* nameColumn = new QVBoxLayout;
    nameColumn->setSpacing(2);
    nameColumn->addWidget(m_nameEdit);
    nameColumn->addWidget(m_nameError);
    auto* urlColumn = new QVBoxLayout;
    urlColumn->setSpacing(2);
    urlColumn->addWidget(m_urlEdit);
    urlColumn->addWidget(m_urlHint);
    urlColumn->addWidget(m_urlError);
    urlColumn->addWidget(m_suggestion);
    auto* typeColumn = new QVBoxLayout;
    typeColumn->setSpacing(2);
    typeColumn->addWidget(m_typeCombo);
    typeColumn->addWidget(m_typeDescription);

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Server Na&me:"), nameColumn);
    form->addRow(tr("&Description:"), m_descriptionEdit);
    form->addRow(tr("Server &URL:"), urlColumn);
    form->addRow(tr("Server &Type:"), typeColumn);
    form->addRow(tr("Trusted C&A certificate:"), m_trustedCa);
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(m_trustedCa))) {
        label->setBuddy(m_trustedCa->focusField());
    }
    // Mnemonics of rows holding a nested layout need their buddy set by hand.
    const QList<QPair<QLayout*, QWidget*>> nested
        = {{nameColumn, m_nameEdit}, {urlColumn, m_urlEdit}, {typeColumn, m_typeCombo}};
    for (const auto& [layout, field] : nested) {
        if (auto* label = qobject_cast<QLabel*>(form->labelForField(layout))) {
            label->setBuddy(field);
        }
    }

    connect(m_nameEdit, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_nameTouched = true;
        m_draft->setName(text);
    });
    connect(m_descriptionEdit, &QLineEdit::textEdited, m_draft, &ServerDraft::setDescription);
    connect(m_urlEdit, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_urlTouched = true;
        m_draft->setUrl(text);
    });
    // activated, not currentIndexChanged: only the admin's choice asks, never a reload.
    connect(m_typeCombo, &QComboBox::activated, this, &ConnectionSettingsEditor::serverTypeChosen);
    ArrowKeysOpenPopup::install(m_typeCombo);
    connect(m_trustedCa, &TrustedCaEditor::pathChanged, m_draft, &ServerDraft::setCaBundlePath);
    connect(m_suggestionButton, &QPushButton::clicked, this, &ConnectionSettingsEditor::useSuggestedType);
    connect(m_draft, &ServerDraft::changed, this, &ConnectionSettingsEditor::updateMessages);
    connect(m_draft, &ServerDraft::reloaded, this, &ConnectionSettingsEditor::load);
    load();
}

bool ConnectionSettingsEditor::isValid() const
{
    return m_draft->nameError().isEmpty() && m_draft->urlError().isEmpty() && m_draft->caBundleError().isEmpty();
}

void ConnectionSettingsEditor::showAllErrors()
{
    m_nameTouched = true;
    m_urlTouched = true;
    updateMessages();
}

void ConnectionSettingsEditor::load()
{
    const ScimServer& server = m_draft->server();
    m_nameEdit->setText(server.name);
    m_descriptionEdit->setText(server.description);
    m_urlEdit->setText(server.url);
    const QSignalBlocker blocker(m_typeCombo);
    m_typeCombo->setCurrentIndex(qMax(0, indexOfType(server.serverTypeId)));
    // Prefilled values (edit, duplicate) are judged at once.
    m_nameTouched = m_nameTouched || !server.name.isEmpty();
    m_urlTouched = m_urlTouched || !server.url.isEmpty();
    m_trustedCa->setPath(server.options.caBundlePath);
    updateMessages();
}

int ConnectionSettingsEditor::indexOfType(const QString& typeId) const
{
    return typeId.isEmpty() ? 0 : m_typeCombo->findData(typeId);
}

void ConnectionSettingsEditor::updateMessages()
{
    FormMessages::show(m_nameError, m_nameTouched ? m_draft->nameError() : QString());
    const QString urlError = m_urlTouched ? m_draft->urlError() : QString();
    FormMessages::show(m_urlError, urlError.isEmpty() ? m_draft->urlWarning() : urlError,
        urlError.isEmpty() ? FormMessages::Warning : FormMessages::Error);

    const auto type = m_draft->workspace().serverTypes().find(m_draft->server().serverTypeId);
    FormMessages::show(m_urlHint,
        type && !type->urlHint.isEmpty()
            ? type->urlHint
            : tr("The SCIM 2.0 base URL of the service, e.g. https://scim.example.com/scim/v2/"),
        FormMessages::Hint);
    FormMessages::show(m_typeDescription,
        type ? type->description
             : tr("Choosing a type fills in the authentication settings, SCIM attributes and static attributes "
                  "that suit the service."),
        FormMessages::Hint);
    m_trustedCa->updateMessages();
    updateTypeSuggestion();
    emit validityChanged();
}

void ConnectionSettingsEditor::createTypeSuggestion()
{
    m_suggestion = new QWidget(this);
    m_suggestionText = FormMessages::hintLabel(QStringLiteral("serverTypeSuggestionText"), m_suggestion);
    m_suggestionButton = new QPushButton(m_suggestion);
    m_suggestionButton->setObjectName(QStringLiteral("suggestTypeButton"));
    auto* suggestionRow = new QHBoxLayout(m_suggestion);
    suggestionRow->setContentsMargins(0, 0, 0, 0);
    suggestionRow->addWidget(m_suggestionText, 1);
    suggestionRow->addWidget(m_suggestionButton);
    m_suggestion->setVisible(false);
}

void ConnectionSettingsEditor::updateTypeSuggestion()
{
    const auto suggested = m_draft->workspace().serverTypes().suggestForUrl(m_draft->server().url);
    const bool show = suggested && suggested->id != m_draft->server().serverTypeId;
    m_suggestedTypeId = show ? suggested->id : QString();
    if (show) {
        FormMessages::show(
            m_suggestionText, tr("This address belongs to %1.").arg(suggested->displayName), FormMessages::Hint);
        m_suggestionButton->setText(tr("Use Server Type %1").arg(suggested->displayName));
    }
    m_suggestion->setVisible(show);
}

void ConnectionSettingsEditor::useSuggestedType()
{
    const int index = indexOfType(m_suggestedTypeId);
    if (index <= 0) {
        return;
    }
    {
        const QSignalBlocker blocker(m_typeCombo);
        m_typeCombo->setCurrentIndex(index);
    }
    serverTypeChosen(index);
}

void ConnectionSettingsEditor::serverTypeChosen(int index)
{
    const QString typeId = m_typeCombo->itemData(index).toString();
    if (typeId == m_draft->server().serverTypeId) {
        return;
    }
    const PresetChange change = m_draft->previewServerType(typeId);
    const auto type = m_draft->workspace().serverTypes().find(typeId);
    if (change.hasChanges() && type) {
        const QString typeName = m_typeCombo->itemText(index);
        const bool accepted = ConfirmationDialogs::confirm(this, QStringLiteral("serverTypeNotice"),
            tr("Apply Server Type \u201c%1\u201d?").arg(typeName),
            tr("Selecting %1 will autocomplete and overwrite the authentication settings, SCIM attributes and "
               "static attributes of this server with the settings of that server type:")
                .arg(typeName),
            PresetChangeSummary::summarize(change, *type, m_draft->server()), tr("Continue"), change.changes);
        if (!accepted) {
            const QSignalBlocker blocker(m_typeCombo);
            m_typeCombo->setCurrentIndex(qMax(0, indexOfType(m_draft->server().serverTypeId)));
            return;
        }
    }
    m_draft->applyPresetChange(change);
}
