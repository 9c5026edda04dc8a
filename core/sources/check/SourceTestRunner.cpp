#include "SourceTestRunner.h"

#include "SourceBaseDnCheck.h"
#include "SourceBindCheck.h"
#include "SourceCheckContext.h"
#include "SourceCountCheck.h"
#include "SourceDnsCheck.h"
#include "SourceNestingCheck.h"
#include "SourceSampleUserCheck.h"
#include "SourceTcpCheck.h"
#include "SourceTlsCheck.h"

#include <QCoreApplication>

#include <vector>

namespace {

std::vector<std::unique_ptr<SourceCheck>> allChecks()
{
    std::vector<std::unique_ptr<SourceCheck>> checks;
    checks.push_back(std::make_unique<SourceDnsCheck>());
    checks.push_back(std::make_unique<SourceTcpCheck>());
    checks.push_back(std::make_unique<SourceTlsCheck>());
    checks.push_back(std::make_unique<SourceBindCheck>());
    checks.push_back(std::make_unique<SourceBaseDnCheck>());
    checks.push_back(std::make_unique<SourceCountCheck>(SourceCountCheck::What::Users));
    checks.push_back(std::make_unique<SourceCountCheck>(SourceCountCheck::What::Groups));
    checks.push_back(std::make_unique<SourceSampleUserCheck>());
    checks.push_back(std::make_unique<SourceNestingCheck>());
    return checks;
}

SourceTestStepResult skipped(SourceTestStep step, const QString& cause)
{
    SourceTestStepResult result;
    result.step = step;
    result.verdict = ConnectionVerdict::Skipped;
    result.cause = cause;
    return result;
}

} // namespace

SourceTestRunner::SourceTestRunner(DirectorySource source, const QByteArray& password, int anchorFormat,
    ConnectionFactory factory, const std::atomic_bool& cancelled, QObject* parent)
    : QObject(parent)
    , m_source(std::move(source))
    , m_password(password.constData(), password.size())
    , m_anchorFormat(anchorFormat)
    , m_factory(std::move(factory))
    , m_cancelled(cancelled)
{
}

SourceTestRunner::~SourceTestRunner()
{
    m_password.fill('\0');
}

void SourceTestRunner::run()
{
    SourceTestReport report;
    report.sourceName = m_source.name;
    report.url = m_source.url;
    report.startedAt = QDateTime::currentDateTimeUtc();
    SourceCheckContext context(m_source, m_password, SourceType::AnchorFormat(m_anchorFormat), m_factory, m_cancelled);
    m_password.fill('\0');
    m_password.clear();
    QString skipCause;
    const auto checks = allChecks();
    for (int index = 0; index < int(checks.size()); ++index) {
        const SourceTestStep step = checks.at(index)->step();
        if (skipCause.isEmpty() && m_cancelled) {
            skipCause = QCoreApplication::translate("SourceTestRunner", "The test was cancelled.");
            report.cancelled = true;
        }
        if (!skipCause.isEmpty()) {
            report.steps.append(skipped(step, skipCause));
            emit stepFinished(index, report.steps.last());
            continue;
        }
        emit stepStarted(index);
        report.steps.append(checks.at(index)->run(context));
        emit stepFinished(index, report.steps.last());
        if (report.steps.last().isFailure() && SourceTestSteps::failureBlocks(step)) {
            skipCause = QCoreApplication::translate("SourceTestRunner", "Skipped: \"%1\" failed.")
                            .arg(SourceTestSteps::title(step));
        }
    }
    report.cancelled = report.cancelled || m_cancelled;
    report.finishedAt = QDateTime::currentDateTimeUtc();
    emit finished(report);
}
