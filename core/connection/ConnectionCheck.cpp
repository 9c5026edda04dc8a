#include "ConnectionCheck.h"

#include "scim/ScimClient.h"

ConnectionCheck::ConnectionCheck(ConnectionStep step, ConnectionCheckContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context)
{
    m_result.step = step;
    m_result.verdict = ConnectionVerdict::Pass;
}

ConnectionCheck::~ConnectionCheck() = default;

ScimClient& ConnectionCheck::client() const
{
    Q_ASSERT(m_context.client()); // the runner skips every network check when the URL step failed
    return *m_context.client();
}

void ConnectionCheck::start()
{
    m_result.checked = checked();
    run();
}

void ConnectionCheck::abort()
{
    if (m_over)
        return;
    m_over = true;
    if (ScimClient* client = m_context.client()) {
        for (const quint64 id : std::as_const(m_requests))
            client->cancel(id);
    }
    m_requests.clear();
    stop();
}

void ConnectionCheck::finish()
{
    if (m_over)
        return;
    m_over = true;
    m_requests.clear();
    stop();
    emit finished(m_result);
}

quint64 ConnectionCheck::track(quint64 requestId)
{
    m_requests.append(requestId);
    return requestId;
}

void ConnectionCheck::add(ConnectionVerdict verdict, const Remediation& remediation)
{
    m_result.verdict = ConnectionVerdicts::worst(m_result.verdict, verdict);
    const auto append = [](QString& text, const QString& more) {
        if (more.isEmpty() || text.contains(more))
            return;
        text = text.isEmpty() ? more : text + QLatin1Char(' ') + more;
    };
    append(m_result.cause, remediation.cause);
    append(m_result.fix, remediation.fix);
}

void ConnectionCheck::fail(ConnectionFailure failure, const ConnectionRemediation::Facts& facts)
{
    ConnectionRemediation::Facts all = m_context.facts();
    all.insert(facts);
    add(ConnectionVerdict::Fail, ConnectionRemediation::lookup(failure, all));
}

void ConnectionCheck::warn(ConnectionFailure failure, const ConnectionRemediation::Facts& facts)
{
    ConnectionRemediation::Facts all = m_context.facts();
    all.insert(facts);
    add(ConnectionVerdict::Warning, ConnectionRemediation::lookup(failure, all));
}

void ConnectionCheck::remark(ConnectionFailure failure, bool prepend)
{
    const QString sentence = ConnectionRemediation::lookup(failure, m_context.facts()).cause;
    if (sentence.isEmpty())
        return;
    if (m_result.cause.isEmpty())
        m_result.cause = sentence;
    else
        m_result.cause
            = prepend ? sentence + QLatin1Char(' ') + m_result.cause : m_result.cause + QLatin1Char(' ') + sentence;
}

std::pair<ConnectionFailure, ConnectionRemediation::Facts> ConnectionCheck::classify(const ScimError& error) const
{
    if (error.kind == ScimError::Kind::Http) {
        const int status = error.httpStatus;
        const ConnectionStep step = m_result.step;
        if (status == 401)
            return {ConnectionFailure::Unauthorized, {}};
        if (status == 403 && !m_operation.isEmpty())
            return {ConnectionFailure::ForbiddenOperation,
                {{QStringLiteral("operation"), m_operation}, {QStringLiteral("permission"), m_permission}}};
        if (status == 403)
            return {ConnectionFailure::Forbidden, {}};
        if (status == 404
            && (step == ConnectionStep::Authentication || step == ConnectionStep::Read
                || step == ConnectionStep::GroupRead))
            return {ConnectionFailure::EndpointNotFound, {}};
        if (status == 429)
            return {ConnectionFailure::Throttled, {}};
        if (status >= 500)
            return {ConnectionFailure::ServerError, {{QStringLiteral("status"), QString::number(status)}}};
    }
    if (error.kind == ScimError::Kind::Timeout)
        return {ConnectionFailure::Timeout, {}};
    if (error.kind == ScimError::Kind::InvalidResponse)
        return {ConnectionFailure::InvalidResponse, {}};
    return {ConnectionFailure::OtherScimError,
        {{QStringLiteral("message"), error.message()}, {QStringLiteral("hint"), error.hint()}}};
}

void ConnectionCheck::setOperation(const QString& operation, const QString& permission)
{
    m_operation = operation;
    m_permission = permission;
}

Remediation ConnectionCheck::remediationFor(const ScimError& error) const
{
    const auto [failure, facts] = classify(error);
    ConnectionRemediation::Facts all = m_context.facts();
    all.insert(facts);
    return ConnectionRemediation::lookup(failure, all);
}

void ConnectionCheck::explain(const ScimError& error)
{
    if (error.kind == ScimError::Kind::Http && !error.detail.isEmpty())
        m_result.details << tr("The server said: %1").arg(error.detail);
    if (!error.requestId.isEmpty())
        m_result.requestId = error.requestId;
    if (error.kind == ScimError::Kind::Cancelled) {
        m_result.verdict = ConnectionVerdict::Skipped;
        m_result.cause = tr("Cancelled.");
        return;
    }
    const auto [failure, facts] = classify(error);
    fail(failure, facts);
    if (failure == ConnectionFailure::EndpointNotFound
        && !m_context.url().url().path().endsWith(QLatin1String("/scim/v2"), Qt::CaseInsensitive))
        remark(ConnectionFailure::UnusualScimPath);
    if (failure == ConnectionFailure::OtherScimError && error.kind != ScimError::Kind::Http && !error.detail.isEmpty())
        m_result.details << tr("Technical detail: %1").arg(error.detail);
}
