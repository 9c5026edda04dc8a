#pragma once

#include "model/DirectorySource.h"
#include "secrets/SecretStore.h"
#include "servers/ServerSaveError.h"
#include "storage/SourceRepository.h"
#include "util/Result.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class Database;

// Why a source could not be saved or deleted: the same three origins, with the field to point at,
// as a server's.
using SourceSaveError = ServerSaveError;

// Saves directory sources together with their bind password: the row goes to the profile
// database, the password to the SecretStore under SecretKey::forSource(id), and either both exist
// afterwards or neither does. A source without a stored password is fine: an anonymous bind, or a
// password that scimdesk-cli reads from --source-password-env/--source-password-file on every run.
// Deleting a source forgets its keychain entry; a source an application reads from is not deleted.
class SourceCatalog : public QObject
{
    Q_OBJECT

public:
    using CreateCallback = std::function<void(Result<qint64, SourceSaveError>)>;
    using StatusCallback = std::function<void(Status<SourceSaveError>)>;

    SourceCatalog(std::shared_ptr<Database> database, SecretStore* secrets, QObject* parent = nullptr);

    SourceRepository& repository() { return m_repository; }
    const SourceRepository& repository() const { return m_repository; }

    // What saving would refuse (SourceRepository::validate), as create() and update() report it.
    Status<SourceSaveError> validate(const DirectorySource& source) const;

    // Validates and saves; a password (taken exactly as given: spaces are part of it) is stored
    // with it. When the keychain refuses, the source is removed again and the keychain's message
    // is reported. A password for an anonymous source (no bind DN) is refused.
    void create(
        const DirectorySource& source, const std::optional<QString>& password, QObject* context, CreateCallback done);
    // Saves changes; a new password (when given) replaces the stored one first, so a keychain
    // failure leaves the source as it was. Turning the source anonymous forgets its password.
    void update(const DirectorySource& source, const std::optional<QString>& newPassword, QObject* context,
        StatusCallback done);
    // Refused while an application uses the source; otherwise forgets the password (when one was
    // stored), then the source and its cache.
    void remove(qint64 sourceId, QObject* context, StatusCallback done);

signals:
    void sourcesChanged();

private:
    static SourceSaveError fromStorage(const StorageError& error);
    static SourceSaveError fromSecret(const SecretError& error, const QString& what);
    // Stores (or with an empty optional, removes) the password, then calls save(storedAt).
    void writePassword(qint64 sourceId, const std::optional<QString>& password, const QPointer<QObject>& guard,
        StatusCallback done, std::function<void(const QDateTime&)> save);

    std::shared_ptr<Database> m_database;
    SourceRepository m_repository;
    QPointer<SecretStore> m_secrets;
};
