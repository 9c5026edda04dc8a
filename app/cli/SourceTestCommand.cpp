#include "SourceTestCommand.h"

#include "CliContext.h"
#include "InterruptWatcher.h"
#include "SourcesCommand.h"
#include "StepText.h"

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

StepText::Step stepOf(const SourceTestStepResult& result)
{
    return {result.verdict, result.title(), result.durationMs, result.checked, result.cause, result.fix, result.details,
        {}};
}

QJsonObject reportJson(const SourceTestReport& report)
{
    QJsonArray steps;
    for (const SourceTestStepResult& result : report.steps) {
        steps.append(StepText::json(stepOf(result), SourceTestSteps::id(result.step), false));
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
    const auto source = SourcesCommand::openNamedSource(
        m_context, parser, tr("The source's name."), tr("Name one source: scimdesk-cli sources test NAME"), &exitCode);
    if (!source) {
        return exitCode;
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
                m_context.print(StepText::format(stepOf(result)));
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
