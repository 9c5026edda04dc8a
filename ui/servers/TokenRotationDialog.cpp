#include "TokenRotationDialog.h"

#include "connection/ConnectionTest.h"
#include "servers/ServerCatalog.h"
#include "servers/ServerTableModel.h"
#include "widgets/FormMessages.h"
#include "widgets/ScreenFit.h"
#include "widgets/SecretLineEdit.h"
#include "widgets/WrappingLabel.h"
#include "workspace/Workspace.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

TokenRotationDialog::TokenRotationDialog(std::shared_ptr<Workspace> workspace, qint64 serverId, QWidget* parent)
    : QDialog(parent)
    , m_workspace(std::move(workspace))
    , m_serverId(serverId)
{
    setObjectName(QStringLiteral("tokenRotationDialog"));
    setWindowTitle(tr("Rotate Access Token"));
    auto* steps = new WrappingLabel(this);
    steps->setTextFormat(Qt::RichText);
    steps->setText(tr("<p>Replace the token without an outage. AWS keeps at most two tokens, each valid for a year.</p>"
                      "<ol><li>In the AWS console (IAM Identity Center \u2192 Settings \u2192 Automatic provisioning "
                      "\u2192 Manage access tokens) generate a new token. The current one keeps working.</li>"
                      "<li>Paste it below and test it. ScimDesk keeps using the stored token until the new one "
                      "passed.</li>"
                      "<li>Use the new token: ScimDesk stores it and forgets the old one. Then delete the old "
                      "token in the AWS console.</li></ol>"));
    m_current = new QLabel(this);
    m_current->setObjectName(QStringLiteral("currentTokenLabel"));
    m_newToken = new SecretLineEdit(this);
    m_newToken->setObjectName(QStringLiteral("newTokenEdit"));
    m_newToken->setPlaceholderText(tr("Paste the new access token"));
    m_testButton = new QPushButton(tr("&Test New Token"), this);
    m_testButton->setObjectName(QStringLiteral("testNewTokenButton"));
    m_testResult = FormMessages::hintLabel(QStringLiteral("rotationTestResult"), this);
    m_testResult->setWordWrap(true);
    m_done = FormMessages::hintLabel(QStringLiteral("rotationDoneLabel"), this);
    m_done->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Stored token:"), m_current);
    form->addRow(tr("&New token:"), m_newToken);
    form->addRow(QString(), m_testButton);
    form->addRow(QString(), m_testResult);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_useButton = buttons->addButton(tr("&Use New Token"), QDialogButtonBox::AcceptRole);
    m_useButton->setObjectName(QStringLiteral("useNewTokenButton"));
    m_useButton->setEnabled(false);
    connect(m_useButton, &QPushButton::clicked, this, &TokenRotationDialog::useNewToken);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_newToken, &QLineEdit::textChanged, this, &TokenRotationDialog::tokenEdited);
    connect(m_testButton, &QPushButton::clicked, this, &TokenRotationDialog::testNewToken);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(steps);
    layout->addLayout(form);
    layout->addWidget(m_done);
    layout->addStretch(1);
    layout->addWidget(buttons);
    showCurrentToken();
    tokenEdited();
    ScreenFit::resizeWithin(this, QSize(640, 460));
}

TokenRotationDialog::~TokenRotationDialog()
{
    if (m_test) {
        m_test->cancel();
    }
}

void TokenRotationDialog::showCurrentToken()
{
    const auto server = m_workspace->servers()->repository().find(m_serverId);
    m_current->setText(server ? ServerTableModel::tokenAgeText(*server, QDateTime::currentDateTimeUtc()) : QString());
}

void TokenRotationDialog::tokenEdited()
{
    // A test proves only the token it ran with: any edit asks for a new test.
    if (m_newToken->text().trimmed() != m_testedToken) {
        m_testedToken.clear();
    }
    m_useButton->setEnabled(!m_testedToken.isEmpty());
    m_testButton->setEnabled(!m_newToken->text().trimmed().isEmpty() && !m_test);
}

void TokenRotationDialog::testNewToken()
{
    auto server = m_workspace->servers()->repository().find(m_serverId);
    if (!server || m_test) {
        return;
    }
    server->secretStoredAt = QDateTime::currentDateTimeUtc(); // the age check is about the new token
    ConnectionTestOptions options;
    options.knownServerTypes = m_workspace->serverTypes().all();
    const QString token = m_newToken->text().trimmed();
    m_testedToken.clear();
    m_test = new ConnectionTest(
        *server, m_workspace->serverTypes().find(server->serverTypeId), ConnectionSecret(token), options, this);
    connect(m_test, &ConnectionTest::finished, this, [this, token](const ConnectionReport& report) {
        if (report.verdict() == ConnectionVerdict::Pass || report.verdict() == ConnectionVerdict::Warning) {
            m_testedToken = token;
        }
        testFinished(report);
    });
    FormMessages::show(
        m_testResult, tr("Testing the new token against %1\u2026").arg(server->name), FormMessages::Hint);
    m_test->start();
    tokenEdited();
}

void TokenRotationDialog::testFinished(const ConnectionReport& report)
{
    m_test->deleteLater();
    m_test = nullptr;
    const bool passed = !m_testedToken.isEmpty();
    FormMessages::show(m_testResult,
        passed ? tr("The new token works: %1").arg(report.summary())
               : tr("The new token did not pass, so the stored token stays in use. %1").arg(report.summary()),
        passed ? FormMessages::Hint : FormMessages::Error);
    tokenEdited();
}

void TokenRotationDialog::useNewToken()
{
    const auto server = m_workspace->servers()->repository().find(m_serverId);
    if (!server || m_testedToken.isEmpty()) {
        return;
    }
    m_useButton->setEnabled(false);
    m_workspace->servers()->update(*server, m_testedToken, this, [this](Status<ServerSaveError> status) {
        if (!status) {
            FormMessages::show(m_testResult,
                tr("The new token could not be stored, so the old one stays in use: %1 %2")
                    .arg(status.error().message, status.error().hint),
                FormMessages::Error);
            tokenEdited();
            return;
        }
        m_testedToken.clear();
        m_newToken->clear();
        showCurrentToken();
        FormMessages::show(m_done,
            tr("ScimDesk now uses the new token and no longer holds the old one. Delete the old token in the AWS "
               "console now: it keeps working until you do, and AWS allows only two."),
            FormMessages::Warning);
        emit rotated();
    });
}
