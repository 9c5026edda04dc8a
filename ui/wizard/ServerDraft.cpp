#include "ServerDraft.h"

#include "servers/ServerCatalog.h"
#include "validation/ServerSettingsValidator.h"
#include "workspace/Workspace.h"

#include <QDir>
#include <QUrl>

ServerDraft::ServerDraft(std::shared_ptr<Workspace> workspace, const ScimServer& server, QObject* parent)
    : QObject(parent)
    , m_workspace(std::move(workspace))
    , m_server(server)
{
    // A URL stored with a password by an older version is never shown: the masked text stays
    // refused until the admin replaces it, so nothing is lost that could have been used.
    m_server.url = ServerSettingsValidator::displayUrl(m_server.url);
}

void ServerDraft::setName(const QString& name)
{
    m_server.name = name;
    emit changed();
}

void ServerDraft::setDescription(const QString& description)
{
    m_server.description = description;
    emit changed();
}

void ServerDraft::setUrl(const QString& url)
{
    m_server.url = url;
    emit changed();
}

void ServerDraft::setCaBundlePath(const QString& path)
{
    m_server.options.caBundlePath = QDir::fromNativeSeparators(path.trimmed());
    emit changed();
}

void ServerDraft::setAuth(const AuthSettings& auth)
{
    m_server.auth = auth;
    emit changed();
}

void ServerDraft::setUserMappings(const AttributeMappings& mappings)
{
    m_server.userMappings = mappings;
    emit changed();
}

void ServerDraft::setStaticAttributes(const StaticAttributes& attributes)
{
    m_server.staticAttributes = attributes;
    emit changed();
}

void ServerDraft::setOptions(const ServerOptions& options)
{
    m_server.options = options;
    emit changed();
}

void ServerDraft::setSecret(const QString& secret)
{
    m_secret = secret.trimmed();
    emit changed();
}

PresetChange ServerDraft::previewServerType(const QString& typeId) const
{
    const auto preset = m_workspace->serverTypes().find(typeId);
    if (!preset) {
        // "No type": keep every setting, only forget which preset they came from.
        PresetChange change;
        change.result = m_server;
        change.result.serverTypeId.clear();
        return change;
    }
    return ServerTypeRegistry::applyPreset(*preset, m_server);
}

void ServerDraft::applyPresetChange(const PresetChange& change)
{
    m_server = change.result;
    emit reloaded();
    emit changed();
}

ValidationIssues ServerDraft::issues() const
{
    return m_workspace->servers()->repository().issues(m_server, m_server.id);
}

QString ServerDraft::nameError() const
{
    return Validation::firstMessage(issues(), QStringLiteral("name"));
}

QString ServerDraft::urlError() const
{
    return ServerSettingsValidator::urlError(m_server.url);
}

QString ServerDraft::caBundleError() const
{
    return ServerSettingsValidator::caBundleError(m_server.options.caBundlePath);
}

QString ServerDraft::urlWarning() const
{
    if (!urlError().isEmpty()) {
        return {};
    }
    const auto type = m_workspace->serverTypes().find(m_server.serverTypeId);
    if (!type || type->urlPattern.isEmpty() || type->urlMatches(m_server.url)) {
        return {};
    }
    const QUrl url(m_server.url.trimmed());
    if (url.host().endsWith(QLatin1String(".awsapps.com"), Qt::CaseInsensitive)) {
        return tr("This is the AWS access portal URL, not the SCIM endpoint. Copy the SCIM endpoint from IAM "
                  "Identity Center \u2192 Settings \u2192 Automatic provisioning.");
    }
    return tr("This does not look like a %1 SCIM endpoint. Check that you copied the SCIM endpoint URL.")
        .arg(type->displayName);
}

QString ServerDraft::serverTypeName() const
{
    const auto type = m_workspace->serverTypes().find(m_server.serverTypeId);
    return type ? type->displayName : tr("None");
}
