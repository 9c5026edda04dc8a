#include "ProvisioningOptionsEditor.h"

#include "widgets/FormMessages.h"
#include "wizard/ServerDraft.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

ProvisioningOptionsEditor::ProvisioningOptionsEditor(ServerDraft* draft, QWidget* parent)
    : QWidget(parent)
    , m_draft(draft)
{
    m_deprovision = new QComboBox(this);
    m_deprovision->setObjectName(QStringLiteral("deprovisionCombo"));
    m_deprovision->addItem(tr("Disable (active = false)"), int(DeprovisionAction::Disable));
    m_deprovision->addItem(tr("Delete"), int(DeprovisionAction::Delete));
    m_deprovision->addItem(tr("Leave them (none)"), int(DeprovisionAction::None));

    m_thresholdPercent = new QSpinBox(this);
    m_thresholdPercent->setObjectName(QStringLiteral("thresholdPercentSpin"));
    m_thresholdPercent->setRange(0, 100);
    m_thresholdPercent->setSuffix(QStringLiteral(" %"));
    m_thresholdMinimum = new QSpinBox(this);
    m_thresholdMinimum->setObjectName(QStringLiteral("thresholdMinimumSpin"));
    m_thresholdMinimum->setRange(0, 1000000);

    m_fillDisplayName = new QCheckBox(tr("Join first and last name into an empty displayName"), this);
    m_fillDisplayName->setObjectName(QStringLiteral("fillDisplayNameCheck"));
    m_fillNames = new QCheckBox(tr("Split an empty first or last name from the displayName"), this);
    m_fillNames->setObjectName(QStringLiteral("fillNamesCheck"));

    auto* thresholdHint = FormMessages::hintLabel(QStringLiteral("thresholdHint"), this);
    FormMessages::show(thresholdHint,
        tr("A plan that disables or deletes more than this share of the managed objects, and more than the minimum, "
           "runs only when confirmed explicitly."),
        FormMessages::Hint);
    auto* fillHint = FormMessages::hintLabel(QStringLiteral("fillMissingHint"), this);
    FormMessages::show(fillHint,
        tr("Only for attributes the server requires and only when the directory leaves them empty. Off by default: "
           "an invented value is data the directory does not hold, so the plan lists every user it is used for. "
           "Without them such users are skipped and the plan says how to fix them."),
        FormMessages::Hint);

    auto* form = new QFormLayout;
    form->addRow(tr("Users who leave the scope:"), m_deprovision);
    form->addRow(tr("Deletion threshold:"), m_thresholdPercent);
    form->addRow(tr("… but at least (objects):"), m_thresholdMinimum);
    form->addRow(QString(), thresholdHint);
    form->addRow(tr("Fill in missing values:"), m_fillDisplayName);
    form->addRow(QString(), m_fillNames);
    form->addRow(QString(), fillHint);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);

    connect(m_deprovision, &QComboBox::currentIndexChanged, this, &ProvisioningOptionsEditor::store);
    connect(m_thresholdPercent, &QSpinBox::valueChanged, this, &ProvisioningOptionsEditor::store);
    connect(m_thresholdMinimum, &QSpinBox::valueChanged, this, &ProvisioningOptionsEditor::store);
    connect(m_fillDisplayName, &QCheckBox::toggled, this, &ProvisioningOptionsEditor::store);
    connect(m_fillNames, &QCheckBox::toggled, this, &ProvisioningOptionsEditor::store);
    connect(m_draft, &ServerDraft::reloaded, this, &ProvisioningOptionsEditor::load);
    load();
}

void ProvisioningOptionsEditor::load()
{
    m_loading = true;
    const ServerOptions& options = m_draft->server().options;
    m_deprovision->setCurrentIndex(m_deprovision->findData(int(options.deprovisionAction)));
    m_thresholdPercent->setValue(options.deletionThresholdPercent);
    m_thresholdMinimum->setValue(options.deletionThresholdMinimum);
    m_fillDisplayName->setChecked(options.fillDisplayNameFromNames);
    m_fillNames->setChecked(options.fillNamesFromDisplayName);
    m_loading = false;
}

void ProvisioningOptionsEditor::store()
{
    if (m_loading) {
        return;
    }
    ServerOptions options = m_draft->server().options;
    options.deprovisionAction = DeprovisionAction(m_deprovision->currentData().toInt());
    options.deletionThresholdPercent = m_thresholdPercent->value();
    options.deletionThresholdMinimum = m_thresholdMinimum->value();
    options.fillDisplayNameFromNames = m_fillDisplayName->isChecked();
    options.fillNamesFromDisplayName = m_fillNames->isChecked();
    m_draft->setOptions(options);
}
