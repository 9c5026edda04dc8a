#include "SourceTestDialog.h"

#include "secrets/SecretStore.h"
#include "sources/check/SourceConnectionTest.h"
#include "widgets/GuidedTestView.h"
#include "widgets/ScreenFit.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

SourceTestDialog::SourceTestDialog(std::shared_ptr<Workspace> workspace, const DirectorySource& source,
    const std::optional<QString>& password, QWidget* parent)
    : QDialog(parent)
    , m_workspace(std::move(workspace))
    , m_source(source)
    , m_password(password)
{
    setObjectName(QStringLiteral("sourceTestDialog"));
    const QString name = source.name.trimmed().isEmpty() ? tr("New source") : source.name.trimmed();
    setWindowTitle(tr("Test Connection \u2013 %1").arg(name));
    ScreenFit::resizeWithin(this, QSize(860, 600));

    auto* intro = new QLabel(
        tr("<b>%1</b><br>%2 \u00b7 base DN %3")
            .arg(name.toHtmlEscaped(), source.url.trimmed().toHtmlEscaped(), source.baseDn.trimmed().toHtmlEscaped()),
        this);
    intro->setObjectName(QStringLiteral("sourceLabel"));
    intro->setTextInteractionFlags(Qt::TextSelectableByMouse);
    intro->setWordWrap(true);
    m_summary = new QLabel(tr("Press Run Test to check the network, TLS, the bind account, the base DN and what the "
                              "filters find."),
        this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view = new GuidedTestView(this);

    m_startButton = new QPushButton(tr("&Run Test"), this);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_startButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("&Cancel Test"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_copyButton = new QPushButton(tr("Cop&y Report"), this);
    m_copyButton->setObjectName(QStringLiteral("copyReportButton"));
    m_copyButton->setToolTip(tr("Copies the report as text for a ticket or a chat. It never contains the password."));
    m_closeButton = new QPushButton(tr("Close"), this);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    for (auto* button : {m_startButton, m_cancelButton, m_copyButton, m_closeButton}) {
        buttons->addWidget(button);
    }

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(m_startButton, &QPushButton::clicked, this, &SourceTestDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, this, &SourceTestDialog::cancel);
    connect(m_copyButton, &QPushButton::clicked, this, &SourceTestDialog::copyReport);
    connect(m_closeButton, &QPushButton::clicked, this, &SourceTestDialog::reject);
    resetSteps();
    updateButtons();
}

SourceTestDialog::~SourceTestDialog() = default;

bool SourceTestDialog::isRunning() const
{
    return m_readingPassword || (m_test && m_test->isRunning());
}

void SourceTestDialog::resetSteps()
{
    QList<QPair<int, QString>> steps;
    for (const auto step : SourceConnectionTest::steps()) {
        steps.append({int(step), SourceTestSteps::title(step)});
    }
    m_view->reset(steps);
}

void SourceTestDialog::start()
{
    if (isRunning()) {
        return;
    }
    m_hasReport = false;
    resetSteps();
    if (m_password || m_source.anonymousBind()) {
        run(m_password.value_or(QString()));
        return;
    }
    if (m_source.id <= 0) {
        failBeforeTest(tr("Enter the bind password to test the connection."));
        return;
    }
    m_readingPassword = true;
    m_summary->setText(tr("Reading the bind password from the system keychain\u2026"));
    updateButtons();
    m_workspace->secrets()->read(
        SecretKey::forSource(m_source.id), this, [this](Result<QString, SecretError> password) {
            m_readingPassword = false;
            if (!password) {
                failBeforeTest(password.error().kind == SecretError::Kind::NotFound
                        ? tr("No bind password is stored for this source. Enter it with Edit Source; it is kept in "
                             "the system keychain.")
                        : tr("The bind password cannot be read from the system keychain: %1")
                              .arg(password.error().message));
                return;
            }
            run(password.value());
        });
}

void SourceTestDialog::failBeforeTest(const QString& message)
{
    m_summary->setText(message);
    updateButtons();
}

void SourceTestDialog::run(const QString& password)
{
    m_summary->setText(tr("Testing\u2026"));
    if (m_test) {
        m_test->deleteLater();
    }
    m_test = new SourceConnectionTest(m_source, password.toUtf8(), m_workspace->sourceTypes(), {}, this);
    connect(m_test, &SourceConnectionTest::stepStarted, this, [this](int index) {
        const auto steps = SourceConnectionTest::steps();
        if (index >= 0 && index < steps.size()) {
            m_view->showStarted(int(steps.at(index)));
        }
    });
    connect(m_test, &SourceConnectionTest::stepFinished, this, &SourceTestDialog::showStepFinished);
    connect(m_test, &SourceConnectionTest::finished, this, &SourceTestDialog::showFinished);
    m_test->start();
    updateButtons();
}

void SourceTestDialog::cancel()
{
    if (m_test && m_test->isRunning()) {
        m_summary->setText(tr("Cancelling\u2026"));
        m_test->cancel();
    }
}

void SourceTestDialog::showStepFinished(int, const SourceTestStepResult& result)
{
    m_view->showFinished({int(result.step), result.title(), result.verdict, result.durationMs, result.checked,
        result.cause, result.fix, result.details, {}});
}

void SourceTestDialog::showFinished(const SourceTestReport& report)
{
    m_report = report;
    m_hasReport = true;
    for (const auto& step : report.steps) {
        if (!m_view->hasResult(int(step.step))) {
            showStepFinished(-1, step);
        }
    }
    m_summary->setText(report.summary());
    updateButtons();
    emit finished(report);
}

void SourceTestDialog::copyReport()
{
    if (m_hasReport) {
        QApplication::clipboard()->setText(m_report.toText());
    }
}

void SourceTestDialog::updateButtons()
{
    const bool running = isRunning();
    m_startButton->setEnabled(!running);
    m_startButton->setText(m_hasReport ? tr("&Run Again") : tr("&Run Test"));
    m_cancelButton->setEnabled(m_test && m_test->isRunning());
    m_copyButton->setEnabled(!running && m_hasReport);
}

void SourceTestDialog::reject()
{
    // Closing while a step runs stops it; the worker ends within the test's 2 s.
    cancel();
    QDialog::reject();
}
