#include "UserEditDialog.h"

#include "widgets/DirectoryAttributeText.h"
#include "widgets/FormMessages.h"

#include "directory/DirectoryRepository.h"
#include "widgets/ScreenFit.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

UserEditDialog::UserEditDialog(DirectoryRepository& repository, const DirectoryUser& user, QWidget* parent)
    : QDialog(parent)
    , m_repository(repository)
    , m_user(user)
{
    setObjectName(QStringLiteral("userEditDialog"));
    setWindowTitle(user.id == 0 ? tr("Add User") : tr("Edit User \u2013 %1").arg(user.userName));

    const QStringList attributes = {QStringLiteral("userName"), QStringLiteral("givenName"),
        QStringLiteral("familyName"), QStringLiteral("displayName"), QStringLiteral("email"), QStringLiteral("phone"),
        QStringLiteral("title"), QStringLiteral("department"), QStringLiteral("employeeNumber"),
        QStringLiteral("manager"), QStringLiteral("objectId")};
    auto* form = new QFormLayout;
    for (const QString& attribute : attributes) {
        auto* edit = new QLineEdit(user.attribute(attribute), this);
        edit->setObjectName(attribute + QStringLiteral("Edit"));
        m_fields.insert(attribute, edit);
        const bool manager = attribute == QLatin1String("manager"); // typed as the manager's user name
        form->addRow(
            manager ? tr("Manager (user name):") : tr("%1:").arg(DirectoryAttributeText::label(attribute)), edit);
    }
    auto* objectId = m_fields.value(QStringLiteral("objectId"));
    objectId->setPlaceholderText(tr("Generated when empty"));
    objectId->setToolTip(tr("Sent to SCIM servers as externalId; it never changes once the user exists."));
    objectId->setReadOnly(user.id != 0);
    m_active = new QCheckBox(tr("Active"), this);
    m_active->setObjectName(QStringLiteral("activeCheck"));
    m_active->setChecked(user.active);
    form->addRow(QString(), m_active);
    QWidget* custom = createCustomAttributes(user); // before the buttons: the Tab order

    m_error = FormMessages::errorLabel(QStringLiteral("errorLabel"), this);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &UserEditDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // The fields scroll, Save and Cancel stay: eleven rows and the table are taller than an
    // 800x500 logical screen (QT_SCALE_FACTOR=2 on 1600x1000).
    auto* fields = new QWidget(this);
    auto* fieldsLayout = new QVBoxLayout(fields);
    fieldsLayout->setContentsMargins(0, 0, 0, 0);
    fieldsLayout->addLayout(form);
    fieldsLayout->addWidget(custom, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(ScreenFit::scrollable(fields), 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    ScreenFit::resizeWithin(this, QSize(520, 640));
}

QWidget* UserEditDialog::createCustomAttributes(const DirectoryUser& user)
{
    m_custom = new QTableWidget(0, 2, this);
    m_custom->setObjectName(QStringLiteral("customAttributesTable"));
    m_custom->setHorizontalHeaderLabels({tr("Custom attribute"), tr("Value")});
    m_custom->horizontalHeader()->setStretchLastSection(true);
    m_custom->verticalHeader()->hide();
    m_custom->setMinimumHeight(110);
    for (auto it = user.customAttributes.cbegin(); it != user.customAttributes.cend(); ++it) {
        const int row = m_custom->rowCount();
        m_custom->insertRow(row);
        m_custom->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_custom->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
    auto* addCustom = new QPushButton(tr("Add Attribute"), this);
    addCustom->setObjectName(QStringLiteral("addCustomButton"));
    auto* removeCustom = new QPushButton(tr("Remove Attribute"), this);
    removeCustom->setObjectName(QStringLiteral("removeCustomButton"));
    connect(addCustom, &QPushButton::clicked, this, [this]() {
        const int row = m_custom->rowCount();
        m_custom->insertRow(row);
        m_custom->setItem(row, 0, new QTableWidgetItem);
        m_custom->setItem(row, 1, new QTableWidgetItem);
        m_custom->editItem(m_custom->item(row, 0));
    });
    connect(removeCustom, &QPushButton::clicked, this, [this]() {
        if (m_custom->currentRow() >= 0) {
            m_custom->removeRow(m_custom->currentRow());
        }
    });
    auto* section = new QWidget(this);
    auto* customButtons = new QHBoxLayout;
    customButtons->addWidget(addCustom);
    customButtons->addWidget(removeCustom);
    customButtons->addStretch(1);
    auto* layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_custom, 1);
    layout->addLayout(customButtons);
    return section;
}

DirectoryUser UserEditDialog::user() const
{
    DirectoryUser user = m_user;
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        user.setAttribute(it.key(), it.value()->text().trimmed());
    }
    user.active = m_active->isChecked();
    user.customAttributes.clear();
    for (int row = 0; row < m_custom->rowCount(); ++row) {
        const auto* name = m_custom->item(row, 0);
        const auto* value = m_custom->item(row, 1);
        if (name && !name->text().trimmed().isEmpty()) {
            user.customAttributes.insert(name->text().trimmed(), value ? value->text() : QString());
        }
    }
    return user;
}

void UserEditDialog::accept()
{
    const DirectoryUser edited = user();
    if (edited.id == 0) {
        const auto created = m_repository.createUser(edited);
        if (!created) {
            FormMessages::show(m_error, created.error().message, FormMessages::Error);
            return;
        }
        m_savedId = created.value();
    } else {
        const auto updated = m_repository.updateUser(edited);
        if (!updated) {
            FormMessages::show(m_error, updated.error().message, FormMessages::Error);
            return;
        }
        m_savedId = edited.id;
    }
    QDialog::accept();
}
