#include "Workspace.h"

#include "secrets/SecretStore.h"
#include "servers/ServerCatalog.h"
#include "sources/LdapSourceReader.h"
#include "sources/SourceCatalog.h"
#include "storage/ApplicationRepository.h"
#include "storage/Database.h"
#include "util/LogCategories.h"
#include "util/StartupTrace.h"

PlatformScheduler::Setup Workspace::schedulerSetup() const
{
    return {PlatformScheduler::installedCliPath(), m_profile.directory(), {}, {}, database()->keychainScope().left(8)};
}

Result<std::shared_ptr<Workspace>, StorageError> Workspace::open(const QString& profileDirectory, SecretStore* secrets)
{
    std::unique_ptr<SecretStore> ownedSecrets(secrets);
    auto profile = Profile::open(profileDirectory);
    if (!profile) {
        return profile.error();
    }
    StartupTrace::mark("profile-open");
    std::shared_ptr<Workspace> workspace(new Workspace);
    workspace->m_profile = profile.value();
    workspace->m_secrets = ownedSecrets.release();
    workspace->m_secrets->setParent(workspace.get());
    workspace->m_secrets->setProfileScope(workspace->database()->keychainScope());
    workspace->m_servers = new ServerCatalog(workspace->database(), workspace->m_secrets, workspace.get());
    workspace->m_sources = new SourceCatalog(workspace->database(), workspace->m_secrets, workspace.get());
    workspace->m_applications = std::make_unique<ApplicationRepository>(workspace->database());
    StartupTrace::mark("catalogs");
    workspace->m_serverTypes = ServerTypeRegistry::load();
    for (const auto& error : workspace->m_serverTypes.errors()) {
        qCWarning(lcServerTypes).noquote() << error;
    }
    workspace->m_sourceTypes = SourceTypeRegistry::load();
    for (const auto& error : workspace->m_sourceTypes.errors()) {
        qCWarning(lcServerTypes).noquote() << error;
    }
    StartupTrace::mark("presets");
    workspace->m_sourceReaderFactory = [types = workspace->m_sourceTypes](const DirectorySource&) {
        return std::make_unique<LdapSourceReader>(types);
    };
    return workspace;
}

Workspace::~Workspace() = default;
