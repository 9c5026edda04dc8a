#include "MappingPreviewDialog.h"

#include "directory/DirectoryRepository.h"
#include "mapping/UserMapper.h"
#include "mapping/UserValidator.h"
#include "widgets/DirectoryPickerList.h"
#include "widgets/DirectoryPickerModel.h"
#include "widgets/FormMessages.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QVBoxLayout>

MappingPreviewDialog::MappingPreviewDialog(
    std::shared_ptr<Database> database, const ScimServer& server, QWidget* parent)
    : QDialog(parent)
    , m_database(std::move(database))
    , m_server(server)
{
    setObjectName(QStringLiteral("mappingPreviewDialog"));
    setWindowTitle(server.name.isEmpty() ? tr("Preview for User") : tr("Preview for User \u2014 %1").arg(server.name));

    m_users = new DirectoryPickerModel(DirectoryPickerModel::Kind::Users, m_database, this);
    m_picker = new DirectoryPickerList(m_users, QStringLiteral("previewUser"), this);

    m_configurationErrors = FormMessages::errorLabel(QStringLiteral("previewConfigurationErrors"), this);

    m_createRadio = new QRadioButton(tr("&Create (new user)"), this);
    m_createRadio->setObjectName(QStringLiteral("previewCreateRadio"));
    m_createRadio->setToolTip(tr("What is sent when the user does not exist on the server yet: every mapping."));
    m_updateRadio = new QRadioButton(tr("&Update (existing user)"), this);
    m_updateRadio->setObjectName(QStringLiteral("previewUpdateRadio"));
    m_updateRadio->setToolTip(tr("What an update compares and sends: mappings applied \u201con create only\u201d "
                                 "are left out."));
    m_createRadio->setChecked(true);
    auto* purposeGroup = new QButtonGroup(this);
    purposeGroup->addButton(m_createRadio);
    purposeGroup->addButton(m_updateRadio);
    auto* purposeRow = new QHBoxLayout;
    purposeRow->addWidget(new QLabel(tr("Purpose:"), this));
    purposeRow->addWidget(m_createRadio);
    purposeRow->addWidget(m_updateRadio);
    purposeRow->addStretch(1);

    m_userLabel = new QLabel(tr("Choose a user on the left to see the SCIM request body."), this);
    m_userLabel->setObjectName(QStringLiteral("previewUserLabel"));
    m_userLabel->setWordWrap(true);

    m_json = new QPlainTextEdit(this);
    m_json->setObjectName(QStringLiteral("previewJson"));
    m_json->setReadOnly(true);
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setPlaceholderText(tr("No user chosen."));

    m_fallbacks = FormMessages::hintLabel(QStringLiteral("previewFallbacks"), this);
    m_violations = FormMessages::errorLabel(QStringLiteral("previewViolations"), this);
    m_violations->setTextFormat(Qt::RichText);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(purposeRow);
    rightLayout->addWidget(m_userLabel);
    rightLayout->addWidget(m_json, 1);
    rightLayout->addWidget(m_fallbacks);
    rightLayout->addWidget(m_violations);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_picker);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_configurationErrors);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    connect(m_picker, &DirectoryPickerList::currentIdChanged, this, &MappingPreviewDialog::previewUser);
    connect(m_createRadio, &QRadioButton::toggled, this, &MappingPreviewDialog::refresh);
    resize(960, 620);
    refresh();
}

void MappingPreviewDialog::setPurpose(MapPurpose purpose)
{
    (purpose == MapPurpose::Create ? m_createRadio : m_updateRadio)->setChecked(true);
}

MapPurpose MappingPreviewDialog::purpose() const
{
    return m_createRadio->isChecked() ? MapPurpose::Create : MapPurpose::Update;
}

void MappingPreviewDialog::previewUser(qint64 userId)
{
    m_userId = userId;
    refresh();
}

QString MappingPreviewDialog::previewJson() const
{
    return m_json->toPlainText();
}

void MappingPreviewDialog::refresh()
{
    // The same mapper and validator the sync uses, so the preview cannot drift from what is sent.
    const UserMapper mapper(m_server.userMappings, m_server.staticAttributes, m_server.capabilities);
    const QStringList configurationErrors = mapper.configurationErrors();
    FormMessages::show(m_configurationErrors,
        configurationErrors.isEmpty() ? QString()
                                      : tr("These mappings are left out until they are fixed:\n%1")
                                            .arg(configurationErrors.join(QLatin1Char('\n'))));

    const auto user = m_userId > 0 ? DirectoryRepository(m_database).findUser(m_userId) : std::nullopt;
    if (!user) {
        m_json->clear();
        FormMessages::show(m_fallbacks, QString());
        FormMessages::show(m_violations, QString());
        emit previewUpdated();
        return;
    }

    const MappedUser mapped = mapper.map(*user, purpose());
    const UserValidation validation
        = UserValidator(m_server.capabilities, ValidationFallbacks::fromOptions(m_server.options))
              .validate(mapped.resource);
    m_userLabel->setText(purpose() == MapPurpose::Create
            ? tr("The body of POST /Users that creates %1:").arg(user->userName)
            : tr("The attributes an update of %1 compares and sends:").arg(user->userName));
    m_json->setPlainText(QString::fromUtf8(QJsonDocument(validation.resource).toJson(QJsonDocument::Indented)));

    FormMessages::show(m_fallbacks,
        validation.fallbacksApplied.isEmpty()
            ? QString()
            : tr("Filled in because the server requires it and its settings allow it: %1.")
                  .arg(validation.fallbacksApplied.join(QStringLiteral("; "))),
        FormMessages::Hint);

    if (validation.ok()) {
        FormMessages::show(m_violations, QString());
    } else {
        QString html
            = QStringLiteral("<b>%1</b><ul style=\"margin-left:12px; -qt-list-indent:0\">")
                  .arg(tr("The server would refuse this user; it is skipped by a sync until fixed:").toHtmlEscaped());
        for (const auto& violation : validation.violations) {
            html += QStringLiteral("<li><b>%1</b>: %2 %3</li>")
                        .arg(violation.attribute.toHtmlEscaped(), violation.reason.toHtmlEscaped(),
                            violation.fix.toHtmlEscaped());
        }
        html += QStringLiteral("</ul>");
        FormMessages::show(m_violations, html);
    }
    emit previewUpdated();
}
