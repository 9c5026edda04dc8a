#include "SourceTestCommand.h"

#include "CliContext.h"
#include "InterruptWatcher.h"

#include "sources/SourceCatalog.h"
#include "sources/check/SourceConnectionTest.h"
#include "util/DisplayText.h"
#include "workspace/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

QString stepText(const SourceTestStepResult& result)
{
    QString text = QStringLiteral("[%1] %2 (%3 ms)")
                       .arg(ConnectionVerdicts::id(result.verdict).toUpper(), result.title())
                       .arg(result.durationMs);
    if (!result.checked.isEmpty()) {
        text += QStringLiteral("\n    ") + result.checked;
    }
    if (!result.cause.isEmpty()) {
        text += QStringLiteral("\n    ") + tr("cause: %1").arg(result.cause);
    }
    if (!result.fix.isEmpty()) {
        text += QStringLiteral("\n    ") + tr("fix: %1").arg(result.fix);
    }
    // Details quote the directory (the sample user's values): escaped, so they cannot fake lines.
    for (const QString& detail : result.details) {
        text += QStringLiteral("\n    - ") + DisplayText::escaped(detail);
    }
    return text;
}

QJsonObject reportJson(const SourceTestReport& report)
{
    QJsonArray steps;
    for (const SourceTestStepResult& result : report.steps) {
        steps.append(QJsonObject {
            {QStringLiteral("step"), SourceTestSteps::id(result.step)},
            {QStringLiteral("title"), result.title()},
            {QStringLiteral("verdict"), ConnectionVerdicts::id(result.verdict)},
            {QStringLiteral("durationMs"), result.durationMs},
            {QStringLiteral("checked"), result.checked},
            {QStringLiteral("cause"), result.cause},
            {QStringLiteral("fix"), result.fix},
            {QStringLiteral("details"), QJsonArray::fromStringList(result.details)},
        });
    }
    return QJsonObject {
        {QStringLiteral("source"), report.sourceName},
        {QStringLiteral("verdict"),
            report.cancelled ? QStringLiteral("cancelled") : ConnectionVerdicts::id(report.verdict())},
        {QStringLiteral("summary"), report.summary()},
        {QStringLiteral("cancelled"), report.cancelled},
        {QStringLiteral("steps"), steps},
    };
}
} // namespace

SourceTestCommand::SourceTestCommand(CliContext& context)
    : m_context(context)
{
}

int SourceTestCommand::run()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Runs the guided connection test of a directory source: DNS, TCP, TLS (with the source's CA), bind, base "
           "DN, users and groups found, one sample user with every mapped attribute, nesting. Exit code 0 when it "
           "passes (warnings included), 4 when a step fails, 5 when cancelled."));
    m_context.addSourcePasswordOptions(parser);
    int exitCode = 0;
    const auto name = m_context.parseNameAndOpenWorkspace(
        parser, tr("The source's name."), tr("Name one source: scimdesk-cli sources test NAME"), &exitCode);
    if (!name) {
        return exitCode;
    }
    const auto source = m_context.workspace().sources()->repository().findByName(*name);
    if (!source) {
        return m_context.fail(ExitCode::Usage, tr("There is no directory source named \"%1\".").arg(*name),
            tr("List them with: scimdesk-cli sources list"));
    }
    const auto password = m_context.readSourcePassword(*source, &exitCode);
    if (!password) {
        return exitCode;
    }
    SourceConnectionTest test(*source, password->toUtf8(), m_context.workspace().sourceTypes());
    QObject::connect(&test, &SourceConnectionTest::stepStarted, &m_context, [this](int index) {
        const auto steps = SourceConnectionTest::steps();
        if (index >= 0 && index < steps.size()) {
            m_context.progress(tr("Testing: %1 …").arg(SourceTestSteps::title(steps.at(index))));
        }
    });
    QObject::connect(
        &test, &SourceConnectionTest::stepFinished, &m_context, [this](int, const SourceTestStepResult& result) {
            if (!m_context.json()) {
                m_context.progress(QString());
                m_context.print(stepText(result));
            }
        });
    QObject::connect(m_context.interrupts(), &InterruptWatcher::interrupted, &test, &SourceConnectionTest::cancel);
    CliContext::waitFor([&](std::function<void()> finished) {
        QObject::connect(&test, &SourceConnectionTest::finished, &m_context, finished);
        test.start();
    });
    const SourceTestReport report = test.report();
    if (m_context.json()) {
        m_context.printJson(reportJson(report));
    } else {
        m_context.print(report.summary());
    }
    if (report.cancelled) {
        return toInt(ExitCode::Cancelled);
    }
    return toInt(report.hasFailure() ? ExitCode::ConnectionFailed : ExitCode::Success);
}
