#include "AuthenticationSettingsEditor.h"

#include "ServerDraft.h"
#include "validation/ServerSettingsValidator.h"
#include "widgets/FormMessages.h"
#include "widgets/SecretLineEdit.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace {
QWidget* formPage(QWidget* parent, QFormLayout** form)
{
    auto* page = new QWidget(parent);
    *form = new QFormLayout(page);
    (*form)->setContentsMargins(0, 0, 0, 0);
    (*form)->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return page;
}

const AuthScheme allSchemes[] = {AuthScheme::AccessToken, AuthScheme::Basic, AuthScheme::OAuthClientCredentials};
} // namespace

AuthenticationSettingsEditor::AuthenticationSettingsEditor(ServerDraft* draft, QWidget* parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_storedScheme(draft->server().auth.scheme)
{
    m_schemeCombo = new QComboBox(this);
    m_schemeCombo->setObjectName(QStringLiteral("authSchemeCombo"));
    for (const AuthScheme scheme : allSchemes) {
        m_schemeCombo->addItem(AuthSettings::schemeDisplayName(scheme), AuthSettings::schemeId(scheme));
    }

    const QString keepPlaceholder = tr("Leave empty to keep the stored secret");
    auto secretEdit = [&](const QString& objectName, const QString& placeholder) {
        auto* edit = new SecretLineEdit(this);
        edit->setObjectName(objectName);
        edit->setPlaceholderText(m_draft->isExisting() ? keepPlaceholder : placeholder);
        connect(edit, &QLineEdit::textChanged, this, &AuthenticationSettingsEditor::storeFields);
        return edit;
    };
    auto lineEdit = [&](const QString& objectName, const QString& placeholder) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(objectName);
        edit->setPlaceholderText(placeholder);
        connect(edit, &QLineEdit::textEdited, this, &AuthenticationSettingsEditor::storeFields);
        return edit;
    };

    m_schemePages = new QStackedWidget(this);
    QFormLayout* form = nullptr;

    auto* tokenPage = formPage(m_schemePages, &form);
    m_tokenEdit = secretEdit(QStringLiteral("accessTokenEdit"), tr("Paste the access token"));
    form->addRow(tr("Access &Token:"), m_tokenEdit);
    auto* tokenHint = FormMessages::hintLabel(QStringLiteral("accessTokenHint"), tokenPage);
    FormMessages::show(tokenHint,
        tr("Sent as \u201cAuthorization: Bearer \u2026\u201d. Stored in the system keychain, never in the profile."),
        FormMessages::Hint);
    form->addRow(QString(), tokenHint);
    m_schemePages->addWidget(tokenPage);

    auto* basicPage = formPage(m_schemePages, &form);
    m_usernameEdit = lineEdit(QStringLiteral("basicUsernameEdit"), tr("Required"));
    m_passwordEdit = secretEdit(QStringLiteral("basicPasswordEdit"), tr("Required"));
    form->addRow(tr("&Username:"), m_usernameEdit);
    form->addRow(tr("&Password:"), m_passwordEdit);
    m_schemePages->addWidget(basicPage);

    auto* oauthPage = formPage(m_schemePages, &form);
    m_tokenUrlEdit = lineEdit(QStringLiteral("oauthTokenUrlEdit"), tr("https://\u2026/oauth2/token"));
    m_clientIdEdit = lineEdit(QStringLiteral("oauthClientIdEdit"), tr("Required"));
    m_clientSecretEdit = secretEdit(QStringLiteral("oauthClientSecretEdit"), tr("Required"));
    m_scopeEdit = lineEdit(QStringLiteral("oauthScopeEdit"), tr("Optional, space separated"));
    form->addRow(tr("Token &URL:"), m_tokenUrlEdit);
    form->addRow(tr("Client &ID:"), m_clientIdEdit);
    form->addRow(tr("Client &Secret:"), m_clientSecretEdit);
    form->addRow(tr("S&cope:"), m_scopeEdit);
    m_schemePages->addWidget(oauthPage);

    m_error = FormMessages::errorLabel(QStringLiteral("authError"), this);

    auto* top = new QFormLayout;
    top->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    top->addRow(tr("Authentication &Scheme:"), m_schemeCombo);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_schemePages);
    layout->addWidget(m_error);
    layout->addStretch(1);

    connect(m_schemeCombo, &QComboBox::currentIndexChanged, this, &AuthenticationSettingsEditor::schemeChosen);
    connect(m_draft, &ServerDraft::reloaded, this, &AuthenticationSettingsEditor::load);
    load();
}

SecretLineEdit* AuthenticationSettingsEditor::secretEditFor(AuthScheme scheme) const
{
    switch (scheme) {
    case AuthScheme::AccessToken:
        return m_tokenEdit;
    case AuthScheme::Basic:
        return m_passwordEdit;
    case AuthScheme::OAuthClientCredentials:
        return m_clientSecretEdit;
    }
    return m_tokenEdit;
}

void AuthenticationSettingsEditor::load()
{
    m_loading = true;
    const AuthSettings& auth = m_draft->server().auth;
    m_schemeCombo->setCurrentIndex(m_schemeCombo->findData(AuthSettings::schemeId(auth.scheme)));
    m_schemePages->setCurrentIndex(m_schemeCombo->currentIndex());
    m_usernameEdit->setText(auth.basicUsername);
    m_tokenUrlEdit->setText(auth.oauthTokenUrl);
    m_clientIdEdit->setText(auth.oauthClientId);
    m_scopeEdit->setText(auth.oauthScope);
    m_loading = false;
    // Secrets already typed stay: a preset never carries one.
    storeFields();
}

void AuthenticationSettingsEditor::schemeChosen(int index)
{
    m_schemePages->setCurrentIndex(index);
    storeFields();
}

void AuthenticationSettingsEditor::storeFields()
{
    if (m_loading) {
        return;
    }
    AuthSettings auth = m_draft->server().auth;
    auth.scheme = AuthSettings::schemeFromId(m_schemeCombo->currentData().toString()).value_or(AuthScheme::AccessToken);
    auth.basicUsername = m_usernameEdit->text().trimmed();
    auth.oauthTokenUrl = m_tokenUrlEdit->text().trimmed();
    auth.oauthClientId = m_clientIdEdit->text().trimmed();
    auth.oauthScope = m_scopeEdit->text().trimmed();
    if (auth != m_draft->server().auth) {
        m_draft->setAuth(auth);
    }
    m_draft->setSecret(secretEditFor(auth.scheme)->secret());
    updateMessages();
}

QString AuthenticationSettingsEditor::validationError() const
{
    const QString error = fieldError();
    return error.isEmpty() ? missingSecret() : error;
}

QString AuthenticationSettingsEditor::fieldError() const
{
    const ValidationIssues issues = ServerSettingsValidator::authIssues(m_draft->server().auth);
    return issues.isEmpty() ? QString() : issues.constFirst().message;
}

QString AuthenticationSettingsEditor::missingSecret() const
{
    const AuthSettings& auth = m_draft->server().auth;
    const bool secretRequired = !m_draft->isExisting() || auth.scheme != m_storedScheme;
    if (secretRequired && m_draft->secret().isEmpty()) {
        switch (auth.scheme) {
        case AuthScheme::AccessToken:
            return m_draft->isExisting()
                ? tr("The authentication scheme changed: enter the access token.")
                : tr("Enter the access token (for AWS: IAM Identity Center \u2192 Settings \u2192 Automatic "
                     "provisioning \u2192 Show token).");
        case AuthScheme::Basic:
            return tr("Enter the password for Basic authentication.");
        case AuthScheme::OAuthClientCredentials:
            return tr("Enter the OAuth 2.0 client secret.");
        }
    }
    return {};
}

bool AuthenticationSettingsEditor::isValid() const
{
    return validationError().isEmpty();
}

void AuthenticationSettingsEditor::updateMessages()
{
    // A secret not yet entered is the normal state of a new form: say what is needed
    // without alarming; anything else is an error to fix.
    const QString error = fieldError();
    if (error.isEmpty()) {
        FormMessages::show(m_error, missingSecret(), FormMessages::Hint);
    } else {
        FormMessages::show(m_error, error, FormMessages::Error);
    }
    emit validityChanged();
}
