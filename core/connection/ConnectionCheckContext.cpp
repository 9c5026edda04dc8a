#include "ConnectionCheckContext.h"

#include <QRegularExpression>

#include <algorithm>

ConnectionCheckContext::ConnectionCheckContext(
    ScimServer server, std::optional<ServerType> serverType, ConnectionSecret secret, ConnectionTestOptions options)
    : m_server(std::move(server))
    , m_serverType(std::move(serverType))
    , m_secret(std::move(secret))
    , m_options(std::move(options))
    , m_url(UrlDiagnosis::diagnose(m_server.url, m_serverType ? &*m_serverType : nullptr, m_options.knownServerTypes))
{
}

QDateTime ConnectionCheckContext::now() const
{
    return m_options.now.isValid() ? m_options.now : QDateTime::currentDateTimeUtc();
}

int ConnectionCheckContext::requestTimeoutMs() const
{
    if (m_options.requestTimeoutMs > 0)
        return m_options.requestTimeoutMs;
    return std::max(1, m_server.options.requestTimeoutSeconds) * 1000;
}

QString ConnectionCheckContext::timeoutSeconds() const
{
    return QString::number(requestTimeoutMs() / 1000.0, 'g', 3);
}

int ConnectionCheckContext::attempts() const
{
    return std::max(1, m_options.maxAttempts);
}

QString ConnectionCheckContext::tokenAgeRemark() const
{
    const int days = m_server.secretAgeDays(now());
    const int lifetime = m_server.capabilities.tokenLifetimeDays;
    ConnectionRemediation::Facts facts {{QStringLiteral("lifetime"), QString::number(lifetime)}};
    ConnectionRemediation::addTokenAge(facts, days, lifetime - days);
    ConnectionFailure remark = ConnectionFailure::StoredDaysAgo;
    if (days < 0)
        remark = ConnectionFailure::StoredDateUnknown;
    else if (lifetime > 0 && days > lifetime)
        remark = ConnectionFailure::StoredLongerThanLifetime;
    else if (lifetime > 0)
        remark = ConnectionFailure::StoredWithLifetime;
    return ConnectionRemediation::lookup(remark, facts).cause;
}

QString ConnectionCheckContext::unauthorizedNote() const
{
    // The preset's note names URL parts (e.g. the tenant id); it only helps when they are known.
    QString note = m_url.hints().unauthorizedNote;
    const QHash<QString, QString> parts = m_url.urlParts();
    for (auto it = parts.begin(); it != parts.end(); ++it)
        note.replace(QStringLiteral("<%1>").arg(it.key()), it.value());
    static const QRegularExpression unknownPart(QStringLiteral("<[a-z0-9-]+>"));
    return unknownPart.match(note).hasMatch() ? QString() : note;
}

ConnectionRemediation::Facts ConnectionCheckContext::facts() const
{
    const ConnectionHints& hints = m_url.hints();
    ConnectionRemediation::Facts facts {
        {QStringLiteral("url"), m_url.url().toString()},
        {QStringLiteral("timeout"), timeoutSeconds()},
        {QStringLiteral("attempts"), QString::number(attempts())},
        {QStringLiteral("urlTemplate"), hints.urlTemplate},
        {QStringLiteral("urlShape"), UrlDiagnosis::filledTemplate(hints, m_url.urlParts())},
        {QStringLiteral("endpointLocation"), hints.endpointLocation},
        {QStringLiteral("tokenLocation"), hints.tokenLocation},
        {QStringLiteral("tokenRotation"), hints.tokenRotation},
        {QStringLiteral("unauthorizedNote"), unauthorizedNote()},
        {QStringLiteral("tokenAge"), tokenAgeRemark()},
    };
    if (m_serverType)
        facts.insert(QStringLiteral("urlHint"), m_serverType->urlHint);
    if (m_url.url().isValid())
        facts.insert(QStringLiteral("host"), m_url.url().host());
    return facts;
}
