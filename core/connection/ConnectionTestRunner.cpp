#include "ConnectionTestRunner.h"

#include "AuthenticationCheck.h"
#include "CapabilitiesCheck.h"
#include "GroupReadCheck.h"
#include "LatencyCheck.h"
#include "ReachabilityCheck.h"
#include "ReadCheck.h"
#include "TokenAgeCheck.h"
#include "UrlCheck.h"
#include "WriteRoundTripCheck.h"

#include "scim/ScimClient.h"
#include "sync/ServerClientConfig.h"
#include "util/LogCategories.h"

#include <algorithm>

ConnectionTestRunner::ConnectionTestRunner(ScimServer server, std::optional<ServerType> serverType,
    ConnectionSecret secret, ConnectionTestOptions options, QObject* parent)
    : QObject(parent)
    , m_context(std::move(server), std::move(serverType), std::move(secret), std::move(options))
{
    qRegisterMetaType<HttpTraceEntry>();
    const ScimServer& stored = m_context.server();
    m_report.serverName = stored.name;
    m_report.serverTypeName = m_context.serverType() ? m_context.serverType()->displayName : QString();
    const QUrl entered(stored.url.trimmed());
    // Never echo a user:password@ part an admin may have pasted into the URL.
    m_report.url = redacted(entered.isValid() ? entered.toString(QUrl::RemoveUserInfo) : stored.url.trimmed());
    m_report.writeRoundTripRequested = m_context.options().writeRoundTrip;
}

ConnectionTestRunner::~ConnectionTestRunner()
{
    releaseCheck();
    delete m_context.client(); // cancels whatever is still in flight
}

QString ConnectionTestRunner::redacted(QString text) const
{
    // Belt and braces: nothing the checks write contains the secret, but server messages
    // and URLs are echoed, and a server could echo the token back.
    const QString& secret = m_context.secret().value;
    if (secret.size() >= 4)
        text.replace(secret, QStringLiteral("[redacted]"));
    return text;
}

ConnectionCheck* ConnectionTestRunner::createCheck(ConnectionStep step)
{
    switch (step) {
    case ConnectionStep::Url:
        return new UrlCheck(m_context, this);
    case ConnectionStep::Reachability:
        return new ReachabilityCheck(m_context, this);
    case ConnectionStep::Authentication:
        return new AuthenticationCheck(m_context, this);
    case ConnectionStep::TokenAge:
        return new TokenAgeCheck(m_context, this);
    case ConnectionStep::Capabilities:
        return new CapabilitiesCheck(m_context, this);
    case ConnectionStep::Read:
        return new ReadCheck(m_context, this);
    case ConnectionStep::GroupRead:
        return new GroupReadCheck(m_context, this);
    case ConnectionStep::WriteRoundTrip:
        return new WriteRoundTripCheck(m_context, this);
    case ConnectionStep::Latency:
        return new LatencyCheck(m_context, this);
    }
    return nullptr;
}

void ConnectionTestRunner::run()
{
    if (m_index >= 0 || m_done)
        return;
    m_report.startedAt = QDateTime::currentDateTimeUtc();
    startStep(0);
}

void ConnectionTestRunner::startStep(int index)
{
    const QList<ConnectionStep> steps = ConnectionSteps::all();
    if (index >= steps.size()) {
        finishTest();
        return;
    }
    m_index = index;
    m_stepClock.start();
    emit stepStarted(index);
    m_check = createCheck(steps.at(index));
    connect(m_check, &ConnectionCheck::finished, this, &ConnectionTestRunner::finishStep);
    m_check->start();
}

void ConnectionTestRunner::releaseCheck()
{
    if (!m_check)
        return;
    m_check->disconnect(this);
    m_check->abort();
    // It may be the sender of the signal being handled: delete it once that returned.
    m_check->deleteLater();
    m_check = nullptr;
}

void ConnectionTestRunner::finishStep(ConnectionStepResult result)
{
    if (m_done)
        return;
    releaseCheck();
    result.durationMs = m_stepClock.elapsed();
    result.checked = redacted(result.checked);
    result.cause = redacted(result.cause);
    result.fix = redacted(result.fix);
    for (QString& detail : result.details)
        detail = redacted(detail);
    m_report.steps.append(result);
    qCInfo(lcConnection) << "connection test step" << ConnectionSteps::id(result.step)
                         << ConnectionVerdicts::id(result.verdict) << result.durationMs << "ms";
    emit stepFinished(m_index, result);

    if (m_cancelled) {
        skipFrom(m_index + 1, tr("Not run: the test was cancelled."));
        return;
    }
    if (result.verdict == ConnectionVerdict::Fail && ConnectionSteps::failureBlocks(result.step)) {
        skipFrom(m_index + 1, tr("Not run: \"%1\" failed.").arg(result.title()));
        return;
    }
    if (result.step == ConnectionStep::Url)
        startClient();
    startStep(m_index + 1);
}

void ConnectionTestRunner::skipFrom(int index, const QString& cause)
{
    const QList<ConnectionStep> steps = ConnectionSteps::all();
    for (int i = index; i < steps.size(); ++i) {
        ConnectionStepResult skipped;
        skipped.step = steps.at(i);
        skipped.verdict = ConnectionVerdict::Skipped;
        skipped.cause = cause;
        m_report.steps.append(skipped);
        emit stepFinished(i, skipped);
    }
    finishTest();
}

void ConnectionTestRunner::startClient()
{
    const int timeoutMs = m_context.requestTimeoutMs();
    ScimClientConfig config = ServerClientConfig::forServer(m_context.server(), m_context.secret().value);
    config.baseUrl = m_context.url().url();
    config.requestTimeoutMs = timeoutMs;
    config.retry.maxAttempts = m_context.attempts();
    config.retry.baseDelayMs = 100;
    config.retry.maxDelayMs = 2000;
    config.retry.maxTotalMs = qint64(timeoutMs) * config.retry.maxAttempts + 5000;
    config.traceEnabled = true; // timings and 429s for the latency step
    auto* client = new ScimClient(config);
    connect(client, &ScimClient::traceEntry, this, [this](const HttpTraceEntry& entry) { m_context.addTrace(entry); });
    m_context.setClient(client);
}

void ConnectionTestRunner::finishTest()
{
    if (m_done)
        return;
    m_done = true;
    releaseCheck();
    m_report.cancelled = m_cancelled;
    m_report.finishedAt = QDateTime::currentDateTimeUtc();
    if (ScimClient* client = m_context.client())
        client->cancelAll();
    emit finished(m_report);
}

void ConnectionTestRunner::cancel()
{
    if (m_done || m_cancelled)
        return;
    m_cancelled = true;
    if (m_index < 0) { // cancelled before it started
        m_report.startedAt = QDateTime::currentDateTimeUtc();
        skipFrom(0, tr("Not run: the test was cancelled."));
        return;
    }
    ConnectionStepResult result;
    result.step = ConnectionSteps::all().at(m_index);
    result.verdict = ConnectionVerdict::Skipped;
    result.cause = tr("Cancelled while this step was running.");
    finishStep(result);
}
