#pragma once

#include "ServerSaveError.h"
#include "model/ScimServer.h"
#include "secrets/SecretKey.h"
#include "secrets/SecretStore.h"
#include "storage/ServerRepository.h"
#include "util/Result.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class Database;

// Saves SCIM servers together with their secret: the row goes to the profile database, the
// secret to the SecretStore, and either both exist afterwards or neither does. Deleting a
// server forgets its keychain entries too.
class ServerCatalog : public QObject
{
    Q_OBJECT

public:
    using CreateCallback = std::function<void(Result<qint64, ServerSaveError>)>;
    using StatusCallback = std::function<void(Status<ServerSaveError>)>;

    ServerCatalog(std::shared_ptr<Database> database, SecretStore* secrets, QObject* parent = nullptr);

    ServerRepository& repository() { return m_repository; }
    SecretStore* secretStore() const { return m_secrets; }

    // The purpose under which a server with this scheme keeps its secret.
    static SecretPurpose secretPurpose(AuthScheme scheme);

    // What saving would refuse (ServerRepository::validate), as the error create() and update()
    // report, so a caller can check before asking for the secret.
    Status<ServerSaveError> validate(const ScimServer& server) const;

    // Validates, saves and stores `secret` (trimmed). When the keychain refuses, the server is
    // removed again and the keychain's message is reported.
    void create(const ScimServer& server, const QString& secret, QObject* context, CreateCallback done);
    // Saves changes; a new secret (when given) replaces the stored one first, so a keychain
    // failure leaves the server exactly as it was.
    void update(
        const ScimServer& server, const std::optional<QString>& newSecret, QObject* context, StatusCallback done);
    // Deletes the keychain entries, then the server (its applications keep no server).
    void remove(qint64 serverId, QObject* context, StatusCallback done);

signals:
    void serversChanged();

private:
    static ServerSaveError fromStorage(const StorageError& error);

    std::shared_ptr<Database> m_database;
    ServerRepository m_repository;
    QPointer<SecretStore> m_secrets;
};
