#include "ApplicationEditDialog.h"

#include "AssignmentEditor.h"
#include "servers/ServerCatalog.h"
#include "sources/SourceChooser.h"
#include "storage/ApplicationRepository.h"
#include "widgets/ConfirmationDialogs.h"
#include "widgets/EditIcons.h"
#include "widgets/FormMessages.h"
#include "widgets/ScreenFit.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

ApplicationEditDialog::ApplicationEditDialog(
    std::shared_ptr<Workspace> workspace, const Application& application, QWidget* parent)
    : QDialog(parent)
    , m_workspace(std::move(workspace))
    , m_application(application)
{
    const bool adding = application.id <= 0;
    setObjectName(QStringLiteral("applicationEditDialog"));
    setWindowTitle(adding ? tr("Add Application") : tr("Edit Application \u2014 %1").arg(application.name));

    auto* general = createGeneralSection(application, adding);
    auto* serverSection = createServerSection(application);

    m_assignment = new AssignmentEditor(m_workspace->database(), application.assignment, application.sourceId, this);
    auto* assignmentSection = new QGroupBox(tr("Assignment"), this);
    assignmentSection->setObjectName(QStringLiteral("assignmentSection"));
    auto* assignmentLayout = new QVBoxLayout(assignmentSection);
    assignmentLayout->addWidget(createSourceRow(application));
    assignmentLayout->addWidget(m_assignment, 1);

    m_error = FormMessages::errorLabel(QStringLiteral("applicationError"), this);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_updateButton
        = buttons->addButton(adding ? tr("Add Application") : tr("Update Settings"), QDialogButtonBox::AcceptRole);
    m_updateButton->setObjectName(QStringLiteral("updateSettingsButton"));
    m_updateButton->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ApplicationEditDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // The sections scroll and the buttons stay below them: on a 1024x700 screen Update Settings
    // must remain reachable.
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(general);
    layout->addWidget(serverSection);
    // The assignment takes the spare height: the sections above keep their natural size.
    layout->addWidget(assignmentSection, 1);
    auto* scroll = ScreenFit::scrollable(content);
    scroll->setObjectName(QStringLiteral("applicationScrollArea"));
    auto* outer = new QVBoxLayout(this);
    outer->addWidget(scroll, 1);
    outer->addWidget(m_error);
    outer->addWidget(buttons);

    connect(m_serverEditButton, &QToolButton::clicked, this, &ApplicationEditDialog::editScimServer);
    connect(m_nameEdit, &QLineEdit::textEdited, this, &ApplicationEditDialog::updateError);
    connect(m_assignment, &AssignmentEditor::assignmentChanged, this, &ApplicationEditDialog::updateError);
    if (adding) {
        // A new application has no server to show yet: offer the choice at once.
        editScimServer();
    }
    updateError();
    ScreenFit::resizeWithin(this, QSize(760, 720));
}

QGroupBox* ApplicationEditDialog::createGeneralSection(const Application& application, bool adding)
{
    m_nameEdit = new QLineEdit(application.name, this);
    m_nameEdit->setObjectName(QStringLiteral("applicationNameEdit"));
    m_nameEdit->setPlaceholderText(tr("Required, e.g. AWS"));
    m_descriptionEdit = new QLineEdit(application.description, this);
    m_descriptionEdit->setObjectName(QStringLiteral("applicationDescriptionEdit"));
    m_descriptionEdit->setPlaceholderText(tr("Optional"));
    m_protocolCombo = new QComboBox(this);
    m_protocolCombo->setObjectName(QStringLiteral("signInProtocolCombo"));
    m_protocolCombo->addItem(tr("SAML 2.0"), QStringLiteral("SAML 2.0"));
    m_protocolCombo->addItem(tr("OpenID Connect"), QStringLiteral("OpenID Connect"));
    m_protocolCombo->addItem(tr("None"), QString());
    // Most applications are integrated through SAML (the seed flow's AWS is): the default for a new one.
    const QString protocol
        = adding && application.signInProtocol.isEmpty() ? QStringLiteral("SAML 2.0") : application.signInProtocol;
    const int protocolIndex = m_protocolCombo->findData(protocol);
    if (protocolIndex < 0) {
        // A protocol typed elsewhere (CLI, older version) is kept, not silently replaced.
        m_protocolCombo->addItem(application.signInProtocol, application.signInProtocol);
        m_protocolCombo->setCurrentIndex(m_protocolCombo->count() - 1);
    } else {
        m_protocolCombo->setCurrentIndex(protocolIndex);
    }

    auto* general = new QGroupBox(tr("General"), this);
    auto* generalForm = new QFormLayout(general);
    generalForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    generalForm->addRow(tr("&Name:"), m_nameEdit);
    generalForm->addRow(tr("&Description:"), m_descriptionEdit);
    generalForm->addRow(tr("Sign-in &Protocol:"), m_protocolCombo);
    return general;
}

QGroupBox* ApplicationEditDialog::createServerSection(const Application& application)
{
    m_serverLabel = new QLabel(serverName(application.scimServerId), this);
    m_serverLabel->setObjectName(QStringLiteral("scimServerLabel"));
    m_serverEditButton = new QToolButton(this);
    m_serverEditButton->setObjectName(QStringLiteral("scimServerEditButton"));
    m_serverEditButton->setIcon(EditIcons::pencil());
    m_serverEditButton->setAutoRaise(true);
    m_serverEditButton->setToolTip(tr("Change the SCIM server"));
    m_serverEditButton->setAccessibleName(tr("Change the SCIM server"));
    auto* labelRow = new QWidget(this);
    auto* labelLayout = new QHBoxLayout(labelRow);
    labelLayout->setContentsMargins(0, 0, 0, 0);
    labelLayout->addWidget(m_serverLabel);
    labelLayout->addWidget(m_serverEditButton);
    labelLayout->addStretch(1);

    m_serverCombo = new QComboBox(this);
    m_serverCombo->setObjectName(QStringLiteral("scimServerCombo"));
    m_serverCombo->addItem(tr("None \u2014 do not provision"), qint64(0));
    for (const auto& server : m_workspace->servers()->repository().list()) {
        m_serverCombo->addItem(server.name, server.id);
    }
    m_serverCombo->setCurrentIndex(qMax(0, m_serverCombo->findData(application.scimServerId)));

    m_serverStack = new QStackedWidget(this);
    m_serverStack->setObjectName(QStringLiteral("scimServerStack"));
    m_serverStack->addWidget(labelRow);
    m_serverStack->addWidget(m_serverCombo);
    // The combo is taller than the label row; keep the section from jumping when switching.
    m_serverStack->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    auto* serverSection = new QGroupBox(tr("SCIM Server"), this);
    serverSection->setObjectName(QStringLiteral("scimServerSection"));
    // Two short rows: the section must not take spare height from the assignment below.
    serverSection->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto* serverForm = new QFormLayout;
    serverForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    serverForm->addRow(tr("Provisioned by:"), m_serverStack);
    auto* serverHint = FormMessages::hintLabel(QStringLiteral("scimServerHint"), serverSection);
    FormMessages::show(serverHint,
        tr("The users and groups assigned to this application are provisioned to this server."), FormMessages::Hint);
    // Outside the form: QFormLayout sizes a wrapping label for its narrowest width, which left
    // an empty band under this short hint.
    auto* serverLayout = new QVBoxLayout(serverSection);
    serverLayout->addLayout(serverForm);
    serverLayout->addWidget(serverHint);
    return serverSection;
}

QWidget* ApplicationEditDialog::createSourceRow(const Application& application)
{
    m_source = new SourceChooser(m_workspace, QStringLiteral("applicationSource"), tr("Users and groups &from:"),
        tr("Users and groups kept in ScimDesk (the Directory page)."), this);
    if (!m_source->setSourceId(application.sourceId) && application.sourceId > 0) {
        // The source was deleted meanwhile: saving then asks for another (the repository refuses it).
        m_source->combo()->addItem(tr("Missing source (it was deleted)"), application.sourceId);
        m_source->setSourceId(application.sourceId);
    }
    m_source->setChoiceGuard([this](qint64 sourceId) { return confirmSourceChange(sourceId); });
    connect(m_source, &SourceChooser::sourceChosen, this, [this](qint64 sourceId) {
        m_assignment->setSourceId(sourceId);
        updateError();
    });
    connect(m_source, &SourceChooser::readFinished, this, [this](bool succeeded) {
        m_assignment->reloadDirectory();
        emit sourceReadFinished(succeeded);
    });
    return m_source;
}

qint64 ApplicationEditDialog::chosenSourceId() const
{
    return m_source->sourceId();
}

bool ApplicationEditDialog::chooseSource(qint64 sourceId)
{
    const int index = m_source->combo()->findData(sourceId);
    if (index < 0 || !confirmSourceChange(sourceId)) {
        return false;
    }
    m_source->setSourceId(sourceId);
    m_assignment->setSourceId(sourceId);
    updateError();
    return true;
}

bool ApplicationEditDialog::confirmSourceChange(qint64 sourceId)
{
    if (sourceId == m_assignment->sourceId()) {
        return true;
    }
    const Assignment current = m_assignment->assignment();
    const int assigned = int(current.userIds.size() + current.groupIds.size());
    if (assigned == 0) {
        return true;
    }
    const QString name = m_source->combo()->itemText(m_source->combo()->findData(sourceId));
    const bool switchSource = ConfirmationDialogs::confirm(this, QStringLiteral("changeSourceQuestion"),
        tr("Change the source of \u201c%1\u201d?").arg(m_nameEdit->text().trimmed()),
        tr("The %n assigned user(s) and group(s) belong to the current source and are cleared. Pick users and "
           "groups of \u201c%1\u201d afterwards. On the SCIM server, users that leave the scope are deprovisioned "
           "by the next sync.",
            nullptr, assigned)
            .arg(name),
        {}, tr("Change Source"));
    if (!switchSource) {
        m_source->setSourceId(m_assignment->sourceId());
    }
    return switchSource;
}

void ApplicationEditDialog::readSource()
{
    m_source->readNow();
}

QString ApplicationEditDialog::serverName(qint64 id) const
{
    if (id <= 0) {
        return tr("None");
    }
    const auto server = m_workspace->servers()->repository().find(id);
    return server ? server->name : tr("Missing server (it was deleted)");
}

void ApplicationEditDialog::editScimServer()
{
    m_serverStack->setCurrentWidget(m_serverCombo);
    m_serverCombo->setFocus(Qt::OtherFocusReason);
}

qint64 ApplicationEditDialog::chosenServerId() const
{
    return m_serverCombo->currentData().toLongLong();
}

void ApplicationEditDialog::updateError()
{
    Application candidate = m_application;
    candidate.name = m_nameEdit->text();
    candidate.sourceId = chosenSourceId();
    candidate.assignment = m_assignment->assignment();
    // The same check saving applies; the assignment's part of it is shown by the editor itself,
    // next to each condition and in the list below.
    const auto status = m_workspace->applications().validate(candidate, m_application.id);
    const bool assignmentIssue = !status && status.error().field.startsWith(QLatin1String("assignment"));
    // An empty name on a fresh form is not an error yet; a duplicate is.
    const bool untouchedEmpty = m_nameEdit->text().isEmpty() && !m_nameEdit->isModified();
    QStringList errors;
    if (!status && !assignmentIssue && !untouchedEmpty) {
        errors << status.error().message;
    }
    const QStringList assignmentErrors = m_assignment->validationErrors();
    errors << assignmentErrors;
    FormMessages::show(m_error, errors.join(QLatin1Char('\n')));
    m_updateButton->setEnabled(bool(status) && assignmentErrors.isEmpty());
}

void ApplicationEditDialog::accept()
{
    Application application = m_application;
    application.name = m_nameEdit->text().trimmed();
    application.description = m_descriptionEdit->text().trimmed();
    application.signInProtocol = m_protocolCombo->currentData().toString();
    application.scimServerId = chosenServerId();
    application.sourceId = chosenSourceId();
    application.assignment = m_assignment->assignment();

    ApplicationRepository& repository = m_workspace->applications();
    if (application.id > 0) {
        if (const auto status = repository.update(application); !status) {
            FormMessages::show(m_error, status.error().message);
            return;
        }
    } else {
        const auto created = repository.create(application);
        if (!created) {
            FormMessages::show(m_error, created.error().message);
            return;
        }
        application.id = created.value();
    }
    m_application = application;
    m_workspace->notifyApplicationsChanged();
    QDialog::accept();
}
