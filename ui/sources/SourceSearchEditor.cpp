#include "SourceSearchEditor.h"

#include "SourceDraft.h"
#include "validation/SourceSettingsValidator.h"
#include "widgets/FormMessages.h"
#include "widgets/SecretLineEdit.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <tuple>

namespace {
QVBoxLayout* column(QWidget* field, QLabel* message)
{
    auto* layout = new QVBoxLayout;
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(message);
    return layout;
}
} // namespace

SourceSearchEditor::SourceSearchEditor(SourceDraft* draft, QWidget* parent)
    : QWidget(parent)
    , m_draft(draft)
{
    m_bindDn = addLine(QStringLiteral("bindDnEdit"),
        tr("e.g. svc-scimdesk@corp.example or CN=svc-scimdesk,OU=Service,DC=corp,DC=example"));
    m_bindDnError = FormMessages::errorLabel(QStringLiteral("bindDnError"), this);
    m_password = new SecretLineEdit(this);
    m_password->setObjectName(QStringLiteral("bindPasswordEdit"));
    // An LDAP password is exactly what was typed: its spaces are part of it.
    m_password->setKeepsWhitespace(true);
    m_passwordMessage = FormMessages::hintLabel(QStringLiteral("bindPasswordMessage"), this);
    m_baseDn = addLine(QStringLiteral("baseDnEdit"), tr("e.g. DC=corp,DC=example"));
    m_baseDnError = FormMessages::errorLabel(QStringLiteral("baseDnError"), this);
    m_userFilter = addLine(QStringLiteral("userFilterEdit"), tr("e.g. (objectClass=inetOrgPerson)"));
    m_userFilterError = FormMessages::errorLabel(QStringLiteral("userFilterError"), this);
    m_groupFilter = addLine(QStringLiteral("groupFilterEdit"), tr("e.g. (objectClass=groupOfNames)"));
    m_groupFilterError = FormMessages::errorLabel(QStringLiteral("groupFilterError"), this);
    m_pageSize = new QSpinBox(this);
    m_pageSize->setObjectName(QStringLiteral("pageSizeSpin"));
    m_pageSize->setRange(1, SourceSettingsValidator::maxPageSize);
    m_pageSize->setAccelerated(true);
    m_pageSizeHint = FormMessages::hintLabel(QStringLiteral("pageSizeHint"), this);
    FormMessages::show(m_pageSizeHint,
        tr("Entries per page of the paged read (default 500; Active Directory returns at most 1,000)."),
        FormMessages::Hint);
    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("timeoutSpin"));
    m_timeout->setRange(1, SourceSettingsValidator::maxTimeoutSeconds);
    m_timeout->setSuffix(tr(" s"));
    m_timeoutHint = FormMessages::hintLabel(QStringLiteral("timeoutHint"), this);
    FormMessages::show(m_timeoutHint,
        tr("How long to wait for the directory to answer one request (default 60 s); raise it for a slow or distant "
           "domain controller."),
        FormMessages::Hint);

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const QList<std::tuple<QString, QWidget*, QLabel*>> rows = {
        {tr("&Bind DN:"), m_bindDn, m_bindDnError},
        {tr("Bind &password:"), m_password, m_passwordMessage},
        {tr("Ba&se DN:"), m_baseDn, m_baseDnError},
        {tr("&User filter:"), m_userFilter, m_userFilterError},
        {tr("&Group filter:"), m_groupFilter, m_groupFilterError},
        {tr("Page si&ze:"), m_pageSize, m_pageSizeHint},
        {tr("&Timeout:"), m_timeout, m_timeoutHint},
    };
    for (const auto& [label, field, message] : rows) {
        auto* layout = column(field, message);
        form->addRow(label, layout);
        if (auto* rowLabel = qobject_cast<QLabel*>(form->labelForField(layout))) {
            rowLabel->setBuddy(field);
        }
    }

    const auto touch = [this] { m_touched = true; };
    connect(m_bindDn, &QLineEdit::textEdited, m_draft, &SourceDraft::setBindDn);
    connect(m_password, &QLineEdit::textEdited, this, [this] { m_draft->setPassword(m_password->secret()); });
    connect(m_baseDn, &QLineEdit::textEdited, this, touch);
    connect(m_baseDn, &QLineEdit::textEdited, m_draft, &SourceDraft::setBaseDn);
    connect(m_userFilter, &QLineEdit::textEdited, m_draft, &SourceDraft::setUserFilter);
    connect(m_groupFilter, &QLineEdit::textEdited, m_draft, &SourceDraft::setGroupFilter);
    connect(m_pageSize, &QSpinBox::valueChanged, m_draft, &SourceDraft::setPageSize);
    connect(m_timeout, &QSpinBox::valueChanged, m_draft, &SourceDraft::setTimeoutSeconds);
    connect(m_draft, &SourceDraft::changed, this, &SourceSearchEditor::updateMessages);
    connect(m_draft, &SourceDraft::reloaded, this, &SourceSearchEditor::load);
    load();
}

QLineEdit* SourceSearchEditor::addLine(const QString& objectName, const QString& placeholder)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

bool SourceSearchEditor::isValid() const
{
    return !m_draft->hasIssues({QStringLiteral("bindDn"), QStringLiteral("baseDn"), QStringLiteral("pageSize"),
        QStringLiteral("timeoutSeconds"), QStringLiteral("userFilter"), QStringLiteral("groupFilter")});
}

void SourceSearchEditor::showAllErrors()
{
    m_touched = true;
    updateMessages();
}

void SourceSearchEditor::load()
{
    const DirectorySource& source = m_draft->source();
    m_bindDn->setText(source.bindDn);
    m_password->setPlaceholderText(m_draft->isExisting() && source.passwordStoredAt.isValid()
            ? tr("Stored in the system keychain \u2014 type to replace it")
            : tr("Kept in the system keychain only"));
    m_baseDn->setText(source.baseDn);
    m_userFilter->setText(source.userFilter);
    m_groupFilter->setText(source.groupFilter);
    {
        const QSignalBlocker blocker(m_pageSize);
        m_pageSize->setValue(source.pageSize);
    }
    {
        const QSignalBlocker blocker(m_timeout);
        m_timeout->setValue(source.timeoutSeconds);
    }
    m_touched = m_touched || !source.baseDn.isEmpty();
    updateMessages();
}

void SourceSearchEditor::updateMessages()
{
    const DirectorySource& source = m_draft->source();
    FormMessages::show(m_bindDnError, m_draft->error(QStringLiteral("bindDn")));
    m_password->setEnabled(!source.anonymousBind());
    const QString warning = m_draft->passwordWarning();
    if (source.anonymousBind()) {
        FormMessages::show(
            m_passwordMessage, tr("No bind DN: ScimDesk binds anonymously, without a password."), FormMessages::Hint);
    } else if (!warning.isEmpty() && m_touched) {
        FormMessages::show(m_passwordMessage, warning, FormMessages::Warning);
    } else {
        FormMessages::show(m_passwordMessage, {}, FormMessages::Hint);
    }
    FormMessages::show(m_baseDnError, m_touched ? m_draft->error(QStringLiteral("baseDn")) : QString());
    // A type fills the filters; an empty one is only an error once the admin has been here.
    FormMessages::show(m_userFilterError,
        m_touched || !source.userFilter.isEmpty() ? m_draft->error(QStringLiteral("userFilter")) : QString());
    FormMessages::show(m_groupFilterError,
        m_touched || !source.groupFilter.isEmpty() ? m_draft->error(QStringLiteral("groupFilter")) : QString());
    const QString pageError = m_draft->error(QStringLiteral("pageSize"));
    FormMessages::show(m_pageSizeHint,
        pageError.isEmpty() ? tr("Entries per page of the paged read (default 500; Active Directory returns at most "
                                 "1,000).")
                            : pageError,
        pageError.isEmpty() ? FormMessages::Hint : FormMessages::Error);
    emit validityChanged();
}
