#include "ConnectionTestDialog.h"

#include "connection/ServerConnectionTest.h"
#include "widgets/ScreenFit.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
constexpr int StepRole = Qt::UserRole + 1;
constexpr int VerdictRole = Qt::UserRole + 2;

QIcon verdictIcon(const QStyle* style, ConnectionVerdict verdict)
{
    switch (verdict) {
    case ConnectionVerdict::Pass:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case ConnectionVerdict::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case ConnectionVerdict::Fail:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case ConnectionVerdict::Skipped:
        break;
    }
    return style->standardIcon(QStyle::SP_MediaSkipForward);
}

QTreeWidgetItem* addLine(QTreeWidgetItem* parent, const QString& label, const QString& text)
{
    auto* item = new QTreeWidgetItem(parent);
    item->setText(0, label);
    item->setText(1, text);
    item->setToolTip(1, text);
    item->setFirstColumnSpanned(false);
    return item;
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

    m_steps = new QTreeWidget(this);
    m_steps->setObjectName(QStringLiteral("stepList"));
    m_steps->setColumnCount(3);
    m_steps->setHeaderLabels({tr("Step"), tr("Result"), tr("Duration")});
    m_steps->setUniformRowHeights(false);
    m_steps->setWordWrap(true);
    m_steps->setAlternatingRowColors(true);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_steps->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_steps->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_steps->header()->setStretchLastSection(false);

    m_writeRoundTrip = new QCheckBox(tr("Include write round trip (creates and deletes a temporary user)"), this);
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

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_writeRoundTrip, 1);
    buttons->addWidget(m_startButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_copyButton);
    buttons->addWidget(m_closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_summary);
    // The full text of the selected step: causes and fixes are sentences, too long for a cell.
    m_details = new QTextBrowser(this);
    m_details->setObjectName(QStringLiteral("stepDetails"));
    m_details->setOpenLinks(false);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_steps);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);

    connect(m_startButton, &QPushButton::clicked, this, &ConnectionTestDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, this, &ConnectionTestDialog::cancel);
    connect(m_copyButton, &QPushButton::clicked, this, &ConnectionTestDialog::copyReport);
    connect(m_closeButton, &QPushButton::clicked, this, &ConnectionTestDialog::reject);

    connect(m_steps, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) { showDetails(item); });
    resetSteps();
    updateButtons();
}

void ConnectionTestDialog::showDetails(QTreeWidgetItem* item)
{
    while (item && item->parent()) {
        item = item->parent();
    }
    if (!item || !m_stepResults.contains(item->data(0, StepRole).toInt())) {
        m_details->clear();
        return;
    }
    const auto& result = m_stepResults.value(item->data(0, StepRole).toInt());
    QString html
        = QStringLiteral("<h3>%1 – %2</h3>")
              .arg(result.title().toHtmlEscaped(), ConnectionVerdicts::displayName(result.verdict).toHtmlEscaped());
    const auto paragraph = [&html](const QString& label, const QString& text) {
        if (!text.isEmpty()) {
            html += QStringLiteral("<p><b>%1</b> %2</p>").arg(label.toHtmlEscaped(), text.toHtmlEscaped());
        }
    };
    paragraph(tr("Checked:"), result.checked);
    paragraph(tr("Cause:"), result.cause);
    paragraph(tr("Fix:"), result.fix);
    if (!result.details.isEmpty()) {
        html += QStringLiteral("<ul>");
        for (const auto& detail : result.details) {
            html += QStringLiteral("<li>%1</li>").arg(detail.toHtmlEscaped());
        }
        html += QStringLiteral("</ul>");
    }
    paragraph(tr("Request ID:"), result.requestId);
    m_details->setHtml(html);
}

ConnectionTestDialog::~ConnectionTestDialog() = default;

bool ConnectionTestDialog::isRunning() const
{
    return m_test && m_test->isRunning();
}

void ConnectionTestDialog::resetSteps()
{
    m_steps->clear();
    m_stepResults.clear();
    m_details->clear();
    for (const auto step : ServerConnectionTest::steps()) {
        auto* item = new QTreeWidgetItem(m_steps);
        item->setText(0, ConnectionSteps::title(step));
        item->setData(0, StepRole, int(step));
        item->setData(0, VerdictRole, -1);
        item->setText(1, tr("Not run"));
        item->setIcon(0, style()->standardIcon(QStyle::SP_FileIcon));
        if (step == ConnectionStep::WriteRoundTrip && !m_writeRoundTrip->isChecked()) {
            item->setText(1, tr("Not requested"));
        }
    }
}

QTreeWidgetItem* ConnectionTestDialog::itemForStep(ConnectionStep step) const
{
    for (int i = 0; i < m_steps->topLevelItemCount(); ++i) {
        auto* item = m_steps->topLevelItem(i);
        if (item->data(0, StepRole).toInt() == int(step)) {
            return item;
        }
    }
    return nullptr;
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
    if (index < 0 || index >= steps.size()) {
        return;
    }
    if (auto* item = itemForStep(steps.at(index))) {
        item->setText(1, tr("Running\u2026"));
        item->setIcon(0, style()->standardIcon(QStyle::SP_BrowserReload));
        m_steps->scrollToItem(item);
    }
}

void ConnectionTestDialog::showStepFinished(int, const ConnectionStepResult& result)
{
    auto* item = itemForStep(result.step);
    if (!item) {
        return;
    }
    qDeleteAll(item->takeChildren());
    m_stepResults.insert(int(result.step), result);
    item->setIcon(0, verdictIcon(style(), result.verdict));
    item->setData(0, VerdictRole, int(result.verdict));
    item->setText(1,
        result.cause.isEmpty() ? ConnectionVerdicts::displayName(result.verdict)
                               : ConnectionVerdicts::displayName(result.verdict) + QStringLiteral(": ") + result.cause);
    item->setToolTip(1, item->text(1));
    item->setText(2, result.verdict == ConnectionVerdict::Skipped ? QString() : tr("%1 ms").arg(result.durationMs));
    if (!result.checked.isEmpty()) {
        addLine(item, tr("Checked"), result.checked);
    }
    if (!result.cause.isEmpty()) {
        addLine(item, tr("Cause"), result.cause);
    }
    if (!result.fix.isEmpty()) {
        auto* fix = addLine(item, tr("Fix"), result.fix);
        QFont bold = fix->font(1);
        bold.setBold(true);
        fix->setFont(1, bold);
    }
    for (const auto& detail : result.details) {
        addLine(item, tr("Detail"), detail);
    }
    if (!result.requestId.isEmpty()) {
        addLine(item, tr("Request id"), result.requestId);
    }
    const bool problem = result.verdict == ConnectionVerdict::Fail || result.verdict == ConnectionVerdict::Warning;
    item->setExpanded(problem);
    if (problem
        && (!m_steps->currentItem()
            || m_stepResults.value(m_steps->currentItem()->data(0, StepRole).toInt()).verdict
                == ConnectionVerdict::Pass)) {
        m_steps->setCurrentItem(item);
    }
    if (m_steps->currentItem() == item) {
        showDetails(item);
    }
}

void ConnectionTestDialog::showFinished(const ConnectionReport& report)
{
    m_report = report;
    m_hasReport = true;
    for (const auto& step : report.steps) {
        auto* item = itemForStep(step.step);
        if (item && item->data(0, VerdictRole).toInt() < 0) {
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
