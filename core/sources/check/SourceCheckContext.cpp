#include "SourceCheckContext.h"

#include "ldap/LdapFilter.h"
#include "ldap/OpenLdapConnection.h"
#include "sources/LdapSourceReader.h"

#include <QCoreApplication>
#include <QUrl>

#include <algorithm>

SourceCheckContext::SourceCheckContext(DirectorySource source, const QByteArray& password,
    SourceType::AnchorFormat anchorFormat, ConnectionFactory factory, const std::atomic_bool& cancelled)
    : m_source(std::move(source))
    , m_password(password.constData(), password.size()) // a copy of its own, wiped after the bind
    , m_anchorFormat(anchorFormat)
    , m_factory(std::move(factory))
    , m_cancelled(cancelled)
{
    if (!m_factory) {
        m_factory = [] { return std::make_unique<OpenLdapConnection>(); };
    }
}

SourceCheckContext::~SourceCheckContext()
{
    m_password.fill('\0');
}

int SourceCheckContext::timeoutMs() const
{
    return std::max(1, m_source.timeoutSeconds) * 1000;
}

bool SourceCheckContext::parseUrl(QString* problem)
{
    const QUrl url(m_source.url.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    m_ldaps = scheme == QLatin1String("ldaps");
    m_host = url.host();
    if (!url.isValid() || (scheme != QLatin1String("ldap") && !m_ldaps) || m_host.isEmpty()) {
        *problem = QCoreApplication::translate("SourceCheckContext",
            "\"%1\" is not ldap://HOST[:PORT] or "
            "ldaps://HOST[:PORT]")
                       .arg(m_source.url);
        return false;
    }
    m_port = quint16(url.port(m_ldaps ? 636 : 389));
    return true;
}

QByteArray SourceCheckContext::takePassword()
{
    QByteArray password = m_password;
    m_password.fill('\0');
    m_password.clear();
    return password;
}

LdapConnectionSettings SourceCheckContext::connectionSettings() const
{
    return LdapSourceReader::connectionSettings(m_source);
}

LdapSearchRequest SourceCheckContext::searchRequest(const QString& filter) const
{
    LdapSearchRequest request;
    request.baseDn = m_source.baseDn;
    request.filter = LdapFilter::parenthesized(filter);
    request.pageSize = m_source.pageSize;
    request.domainScope = rootDse && rootDse->supports(LdapRootDse::domainScopeOid);
    request.ignoredReferences = rootDse ? rootDse->namingContexts : QStringList();
    return request;
}

QHash<QString, QString> SourceCheckContext::facts() const
{
    return {
        {QStringLiteral("url"), m_source.url},
        {QStringLiteral("host"), m_host},
        {QStringLiteral("port"), QString::number(m_port)},
        {QStringLiteral("bindDn"), m_source.bindDn.isEmpty() ? QStringLiteral("(anonymous)") : m_source.bindDn},
        {QStringLiteral("baseDn"), m_source.baseDn},
        {QStringLiteral("timeout"), QString::number(std::max(1, m_source.timeoutSeconds))},
        {QStringLiteral("caFile"),
            m_source.caFilePath.isEmpty() ? QStringLiteral("(none: the system's CAs)") : m_source.caFilePath},
        {QStringLiteral("userFilter"), m_source.userFilter},
        {QStringLiteral("groupFilter"), m_source.groupFilter},
    };
}
