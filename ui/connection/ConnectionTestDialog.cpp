#include "ConnectionTestDialog.h"

#include "connection/ServerConnectionTest.h"
#include "widgets/GuidedTestView.h"
#include "widgets/ScreenFit.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
GuidedTestStep viewStep(const ConnectionStepResult& result)
{
    GuidedTestStep step {int(result.step), result.title(), result.verdict, result.durationMs, result.checked,
        result.cause, result.fix, result.details, {}};
    if (!result.requestId.isEmpty()) {
        step.extra.append({ConnectionTestDialog::tr("Request id"), result.requestId});
    }
    return step;
}
} // namespace

ConnectionTestDialog::ConnectionTestDialog(
    std::shared_ptr<Workspace> workspace, const ScimServer& server, QWidget* parent)
    : QDialog(parent)
    , m_workspace(std::move(workspace))
    , m_server(server)
{
    setObjectName(QStringLiteral("connectionTestDialog"));
    setWindowTitle(tr("Test Connection \u2013 %1").arg(server.name));
    ScreenFit::resizeWithin(this, QSize(820, 560));

    auto* intro = new QLabel(tr("<b>%1</b><br>%2").arg(server.name.toHtmlEscaped(), server.url.toHtmlEscaped()), this);
    intro->setObjectName(QStringLiteral("serverLabel"));
    intro->setTextInteractionFlags(Qt::TextSelectableByMouse);
    intro->setWordWrap(true);

    m_summary
        = new QLabel(tr("Press Run Test to check the URL, the network, the token and what the server supports."), this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_view = new GuidedTestView(this);

    m_writeRoundTrip
        = new QCheckBox(tr("Include write round trip (creates and deletes a temporary user and group)"), this);
    m_writeRoundTrip->setObjectName(QStringLiteral("writeRoundTripCheck"));

    m_startButton = new QPushButton(tr("&Run Test"), this);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_startButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("&Cancel Test"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_copyButton = new QPushButton(tr("Cop&y Report"), this);
    m_copyButton->setObjectName(QStringLiteral("copyReportButton"));
    m_copyButton->setToolTip(tr("Copies the report as text for a ticket or a chat. It never contains the token."));
    m_closeButton = new QPushButton(tr("Close"), this);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));

    // The round-trip switch has a row of its own: beside the four buttons it made the dialog
    // 839 px wide, more than an 800x500 logical screen (QT_SCALE_FACTOR=2 on 1600x1000) has.
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_startButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_copyButton);
    buttons->addWidget(m_closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_writeRoundTrip);
    layout->addLayout(buttons);

    connect(m_startButton, &QPushButton::clicked, this, &ConnectionTestDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, this, &ConnectionTestDialog::cancel);
    connect(m_copyButton, &QPushButton::clicked, this, &ConnectionTestDialog::copyReport);
    connect(m_closeButton, &QPushButton::clicked, this, &ConnectionTestDialog::reject);

    resetSteps();
    updateButtons();
}

ConnectionTestDialog::~ConnectionTestDialog() = default;

bool ConnectionTestDialog::isRunning() const
{
    return m_test && m_test->isRunning();
}

void ConnectionTestDialog::resetSteps()
{
    QList<QPair<int, QString>> steps;
    for (const auto step : ServerConnectionTest::steps()) {
        steps.append({int(step), ConnectionSteps::title(step)});
    }
    m_view->reset(steps);
    if (!m_writeRoundTrip->isChecked()) {
        m_view->setPendingText(int(ConnectionStep::WriteRoundTrip), tr("Not requested"));
    }
}

void ConnectionTestDialog::start()
{
    if (isRunning()) {
        return;
    }
    m_hasReport = false;
    resetSteps();
    m_summary->setText(tr("Reading the token from the system keychain\u2026"));
    ConnectionTestOptions options;
    options.writeRoundTrip = m_writeRoundTrip->isChecked();
    if (m_test) {
        m_test->deleteLater();
    }
    m_test = new ServerConnectionTest(m_workspace, m_server, options, this);
    connect(m_test, &ServerConnectionTest::testing, this, [this] { m_summary->setText(tr("Testing\u2026")); });
    connect(m_test, &ServerConnectionTest::stepStarted, this, &ConnectionTestDialog::showStepStarted);
    connect(m_test, &ServerConnectionTest::stepFinished, this, &ConnectionTestDialog::showStepFinished);
    connect(m_test, &ServerConnectionTest::finished, this, &ConnectionTestDialog::showFinished);
    m_test->start();
    updateButtons();
}

void ConnectionTestDialog::cancel()
{
    if (isRunning()) {
        m_summary->setText(tr("Cancelling\u2026"));
        m_test->cancel();
    }
}

void ConnectionTestDialog::showStepStarted(int index)
{
    const auto steps = ServerConnectionTest::steps();
    if (index >= 0 && index < steps.size()) {
        m_view->showStarted(int(steps.at(index)));
    }
}

void ConnectionTestDialog::showStepFinished(int, const ConnectionStepResult& result)
{
    m_view->showFinished(viewStep(result));
}

void ConnectionTestDialog::showFinished(const ConnectionReport& report)
{
    m_report = report;
    m_hasReport = true;
    for (const auto& step : report.steps) {
        if (!m_view->hasResult(int(step.step))) {
            showStepFinished(-1, step);
        }
    }
    m_summary->setText(report.summary());
    if (m_test->isRecorded()) {
        emit resultRecorded(m_server.id);
    } else if (!m_test->recordError().isEmpty()) {
        m_summary->setText(report.summary() + QStringLiteral("\n")
            + tr("The result could not be stored in the profile: %1").arg(m_test->recordError()));
    }
    updateButtons();
    emit finished(report);
}

void ConnectionTestDialog::copyReport()
{
    if (m_hasReport) {
        QApplication::clipboard()->setText(m_report.toText());
    }
}

void ConnectionTestDialog::updateButtons()
{
    const bool running = isRunning();
    m_startButton->setEnabled(!running);
    m_startButton->setText(m_hasReport ? tr("&Run Again") : tr("&Run Test"));
    m_cancelButton->setEnabled(running);
    m_copyButton->setEnabled(!running && m_hasReport);
    m_writeRoundTrip->setEnabled(!running);
}

void ConnectionTestDialog::reject()
{
    // Closing while a step runs stops it; its requests are cancelled with the test.
    cancel();
    QDialog::reject();
}
