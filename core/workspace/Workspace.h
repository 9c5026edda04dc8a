#pragma once

#include "schedule/PlatformScheduler.h"
#include "servertypes/ServerTypeRegistry.h"
#include "sources/SourceReaderFactory.h"
#include "sources/SourceTypeRegistry.h"
#include "storage/Profile.h"
#include "storage/StorageError.h"
#include "util/Result.h"

#include <QObject>

#include <memory>

class ApplicationRepository;
class SecretStore;
class ServerCatalog;
class SourceCatalog;

// Everything one open profile offers the GUI and the CLI: its database, the secret store,
// the server catalog, the directory sources, the applications, the server-type presets and how
// directory sources are read.
class Workspace : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of secrets.
    static Result<std::shared_ptr<Workspace>, StorageError> open(const QString& profileDirectory, SecretStore* secrets);
    ~Workspace() override;

    const Profile& profile() const { return m_profile; }
    std::shared_ptr<Database> database() const { return m_profile.database(); }
    // Where this profile's scheduled runs are written: scimdesk-cli next to this program, this
    // profile, and the profile's tag in every entry name (the start of its keychain scope; empty
    // for a profile made before it had one, whose entries keep their names).
    PlatformScheduler::Setup schedulerSetup() const;
    SecretStore* secrets() const { return m_secrets; }
    ServerCatalog* servers() const { return m_servers; }
    SourceCatalog* sources() const { return m_sources; }
    ApplicationRepository& applications() const { return *m_applications; }
    const ServerTypeRegistry& serverTypes() const { return m_serverTypes; }
    const SourceTypeRegistry& sourceTypes() const { return m_sourceTypes; }
    // Makes the reader of a directory source: LdapSourceReader (libldap) by default; tests
    // replace it.
    const SourceReaderFactory& sourceReaderFactory() const { return m_sourceReaderFactory; }
    void setSourceReaderFactory(SourceReaderFactory factory) { m_sourceReaderFactory = std::move(factory); }

    // Views call this after they changed applications so other views refresh.
    void notifyApplicationsChanged() { emit applicationsChanged(); }

signals:
    void applicationsChanged();

private:
    Workspace() = default;

    Profile m_profile;
    SecretStore* m_secrets = nullptr;
    ServerCatalog* m_servers = nullptr;
    SourceCatalog* m_sources = nullptr;
    SourceReaderFactory m_sourceReaderFactory;
    std::unique_ptr<ApplicationRepository> m_applications;
    ServerTypeRegistry m_serverTypes;
    SourceTypeRegistry m_sourceTypes;
};
