#include "ProvisioningOptionsEditor.h"

#include "validation/ServerSettingsValidator.h"
#include "widgets/FormMessages.h"
#include "wizard/ServerDraft.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
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

    auto* leaving = new QGroupBox(tr("Users who leave the scope"), this);
    // The hint under the form, not in a form row: QFormLayout sizes a wrapped label in its field
    // column for a narrower width than it gets, which left an empty band below it.
    auto* leavingForm = new QFormLayout;
    leavingForm->addRow(tr("On the server:"), m_deprovision);
    leavingForm->addRow(tr("Deletion threshold:"), m_thresholdPercent);
    leavingForm->addRow(tr("\u2026 but at least (objects):"), m_thresholdMinimum);
    auto* leavingLayout = new QVBoxLayout(leaving);
    leavingLayout->addLayout(leavingForm);
    leavingLayout->addWidget(thresholdHint);
    auto* missing = new QGroupBox(tr("Fill in missing values"), this);
    auto* missingLayout = new QVBoxLayout(missing);
    missingLayout->addWidget(m_fillDisplayName);
    missingLayout->addWidget(m_fillNames);
    missingLayout->addWidget(fillHint);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(leaving);
    layout->addWidget(missing);
    layout->addWidget(createRequestSettings());
    layout->addWidget(createProtectedObjects());
    layout->addStretch(1);

    connect(m_deprovision, &QComboBox::currentIndexChanged, this, &ProvisioningOptionsEditor::store);
    connect(m_thresholdPercent, &QSpinBox::valueChanged, this, &ProvisioningOptionsEditor::store);
    connect(m_thresholdMinimum, &QSpinBox::valueChanged, this, &ProvisioningOptionsEditor::store);
    connect(m_fillDisplayName, &QCheckBox::toggled, this, &ProvisioningOptionsEditor::store);
    connect(m_fillNames, &QCheckBox::toggled, this, &ProvisioningOptionsEditor::store);
    connect(m_concurrency, &QSpinBox::valueChanged, this, &ProvisioningOptionsEditor::store);
    connect(m_rateLimit, &QDoubleSpinBox::valueChanged, this, &ProvisioningOptionsEditor::store);
    connect(m_requestTimeout, &QSpinBox::valueChanged, this, &ProvisioningOptionsEditor::store);
    connect(m_draft, &ServerDraft::reloaded, this, &ProvisioningOptionsEditor::load);
    load();
}

QWidget* ProvisioningOptionsEditor::createProtectedObjects()
{
    auto* box = new QGroupBox(tr("Protected objects"), this);
    auto* hint = FormMessages::hintLabel(QStringLiteral("protectedHint"), box);
    FormMessages::show(hint,
        tr("Users and groups on the server whose name matches one of these regular expressions (one a line) are never "
           "changed or deleted; the plan lists them as protected. The Server Type fills these in, e.g. AWS Control "
           "Tower's groups."),
        FormMessages::Hint);
    m_protected = new QPlainTextEdit(box);
    m_protected->setObjectName(QStringLiteral("protectedPatternsEdit"));
    m_protected->setTabChangesFocus(true);
    m_protected->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_protected->setFixedHeight(m_protected->fontMetrics().lineSpacing() * 5 + 12);
    m_protectedError = FormMessages::errorLabel(QStringLiteral("protectedPatternsError"), box);
    m_protectedError->setTextFormat(Qt::PlainText); // the patterns are the admin's text, not markup
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(hint);
    layout->addWidget(m_protected);
    layout->addWidget(m_protectedError);
    connect(m_protected, &QPlainTextEdit::textChanged, this, &ProvisioningOptionsEditor::store);
    return box;
}

QStringList ProvisioningOptionsEditor::protectedPatterns() const
{
    QStringList patterns = m_protected->toPlainText().split(QLatin1Char('\n'));
    for (QString& pattern : patterns) {
        pattern = pattern.trimmed();
    }
    patterns.removeAll(QString());
    return patterns;
}

bool ProvisioningOptionsEditor::isValid() const
{
    return ServerSettingsValidator::protectedPatternsError(protectedPatterns()).isEmpty();
}

QWidget* ProvisioningOptionsEditor::createRequestSettings()
{
    auto* box = new QGroupBox(tr("Requests"), this);
    m_concurrency = new QSpinBox(box);
    m_concurrency->setObjectName(QStringLiteral("concurrencySpin"));
    m_concurrency->setRange(1, ServerSettingsValidator::maxConcurrency);
    m_rateLimit = new QDoubleSpinBox(box);
    m_rateLimit->setObjectName(QStringLiteral("rateLimitSpin"));
    m_rateLimit->setRange(0, ServerSettingsValidator::maxRateLimitPerSecond);
    m_rateLimit->setDecimals(1);
    m_rateLimit->setSuffix(tr(" per second"));
    m_rateLimit->setSpecialValueText(tr("No limit"));
    m_requestTimeout = new QSpinBox(box);
    m_requestTimeout->setObjectName(QStringLiteral("requestTimeoutSpin"));
    m_requestTimeout->setRange(1, ServerSettingsValidator::maxRequestTimeoutSeconds);
    m_requestTimeout->setSuffix(tr(" s"));
    auto* hint = FormMessages::hintLabel(QStringLiteral("requestsHint"), box);
    FormMessages::show(hint,
        tr("Lower the first two when the server answers 429 Too Many Requests; ScimDesk also slows down on its own "
           "and retries. Raise the timeout for a server that is slow but answers."),
        FormMessages::Hint);
    auto* form = new QFormLayout;
    form->addRow(tr("Requests in parallel:"), m_concurrency);
    form->addRow(tr("Rate limit:"), m_rateLimit);
    form->addRow(tr("Request timeout:"), m_requestTimeout);
    auto* layout = new QVBoxLayout(box);
    layout->addLayout(form);
    layout->addWidget(hint);
    return box;
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
    m_concurrency->setValue(options.concurrency);
    m_rateLimit->setValue(options.rateLimitPerSecond);
    m_requestTimeout->setValue(options.requestTimeoutSeconds);
    if (protectedPatterns() != options.protectedPatterns) { // keeps the cursor while typing
        m_protected->setPlainText(options.protectedPatterns.join(QLatin1Char('\n')));
    }
    FormMessages::show(m_protectedError, ServerSettingsValidator::protectedPatternsError(options.protectedPatterns),
        FormMessages::Error);
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
    options.concurrency = m_concurrency->value();
    options.rateLimitPerSecond = m_rateLimit->value();
    options.requestTimeoutSeconds = m_requestTimeout->value();
    options.protectedPatterns = protectedPatterns();
    const bool wasValid
        = ServerSettingsValidator::protectedPatternsError(m_draft->server().options.protectedPatterns).isEmpty();
    m_draft->setOptions(options);
    FormMessages::show(m_protectedError, ServerSettingsValidator::protectedPatternsError(options.protectedPatterns),
        FormMessages::Error);
    if (wasValid != isValid()) {
        emit validityChanged();
    }
}
