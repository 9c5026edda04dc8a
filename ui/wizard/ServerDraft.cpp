#include "ServerDraft.h"

#include "scim/ScimUrlPolicy.h"
#include "servers/ServerCatalog.h"
#include "workspace/Workspace.h"

#include <QUrl>

ServerDraft::ServerDraft(std::shared_ptr<Workspace> workspace, const ScimServer& server, QObject* parent)
    : QObject(parent)
    , m_workspace(std::move(workspace))
    , m_server(server)
{
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

QString ServerDraft::nameError() const
{
    const QString name = m_server.name.trimmed();
    if (name.isEmpty()) {
        return tr("Enter a server name, for example \u201cAWS SCIM Server\u201d.");
    }
    if (m_workspace->servers()->repository().nameExists(name, m_server.id)) {
        return tr("A SCIM server named \u201c%1\u201d already exists. Choose another name.").arg(name);
    }
    // Length and other limits are the repository's; reuse its wording.
    const auto status = m_workspace->servers()->repository().validate(m_server, m_server.id);
    if (!status && status.error().field == QLatin1String("name")) {
        return status.error().message;
    }
    return {};
}

QString ServerDraft::urlError() const
{
    const QString text = m_server.url.trimmed();
    if (text.isEmpty()) {
        return tr("Enter the server's SCIM endpoint URL.");
    }
    const QUrl url(text, QUrl::StrictMode);
    if (const auto policy = ScimUrlPolicy::check(url); !policy) {
        QString detail = policy.error().detail;
        if (!detail.isEmpty()) {
            detail[0] = detail.at(0).toUpper();
        }
        return detail;
    }
    const auto status = m_workspace->servers()->repository().validate(m_server, m_server.id);
    if (!status && status.error().field == QLatin1String("url")) {
        return status.error().message;
    }
    return {};
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
