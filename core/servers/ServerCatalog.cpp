#include "ServerCatalog.h"

#include "secrets/SecretStore.h"
#include "storage/Database.h"

#include <QCoreApplication>

namespace {
ServerSaveError fromSecret(const SecretError& error, const QString& what)
{
    return {ServerSaveError::Source::Keychain, what + QLatin1Char(' ') + error.message,
        error.hint.isEmpty() ? SecretError::defaultHint(error.kind) : error.hint, QStringLiteral("secret")};
}
} // namespace

ServerCatalog::ServerCatalog(std::shared_ptr<Database> database, SecretStore* secrets, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_repository(m_database)
    , m_secrets(secrets)
{
}

SecretPurpose ServerCatalog::secretPurpose(AuthScheme scheme)
{
    switch (scheme) {
    case AuthScheme::AccessToken:
        return SecretPurpose::AccessToken;
    case AuthScheme::Basic:
        return SecretPurpose::BasicPassword;
    case AuthScheme::OAuthClientCredentials:
        return SecretPurpose::OAuthClientSecret;
    }
    return SecretPurpose::AccessToken;
}

ServerSaveError ServerCatalog::fromStorage(const StorageError& error)
{
    const bool input = error.kind == StorageError::Kind::Validation || error.kind == StorageError::Kind::Duplicate;
    return {
        input ? ServerSaveError::Source::Validation : ServerSaveError::Source::Storage, error.message, {}, error.field};
}

Status<ServerSaveError> ServerCatalog::validate(const ScimServer& server) const
{
    if (auto status = m_repository.validate(server, server.id); !status) {
        return fromStorage(status.error());
    }
    return {};
}

void ServerCatalog::create(const ScimServer& server, const QString& secret, QObject* context, CreateCallback done)
{
    QPointer<QObject> guard(context);
    // The settings first: a URL with a password in it is the more important thing to hear about.
    if (auto status = m_repository.validate(server); !status) {
        done(fromStorage(status.error()));
        return;
    }
    const QString trimmedSecret = secret.trimmed();
    if (trimmedSecret.isEmpty()) {
        done(ServerSaveError {ServerSaveError::Source::Validation,
            tr("Enter the %1 for this server.")
                .arg(server.auth.scheme == AuthScheme::AccessToken
                        ? tr("access token")
                        : (server.auth.scheme == AuthScheme::Basic ? tr("password") : tr("client secret"))),
            {}, QStringLiteral("secret")});
        return;
    }
    ScimServer toStore = server;
    toStore.secretStoredAt = QDateTime::currentDateTimeUtc();
    auto created = m_repository.create(toStore);
    if (!created) {
        done(fromStorage(created.error()));
        return;
    }
    const qint64 id = created.value();
    if (!m_secrets) {
        m_repository.remove(id);
        done(ServerSaveError {ServerSaveError::Source::Keychain, tr("No secret store is available."), {}, {}});
        return;
    }
    const SecretKey key {id, secretPurpose(server.auth.scheme)};
    m_secrets->write(key, trimmedSecret, this, [this, id, guard, done](Status<SecretError> status) {
        if (!status) {
            // Leave nothing behind: a server whose token was never stored cannot work.
            m_repository.remove(id);
            if (guard) {
                done(fromSecret(status.error(),
                    tr("The server was not created because the access token could "
                       "not be stored in the system keychain.")));
            }
            return;
        }
        emit serversChanged();
        if (guard) {
            done(id);
        }
    });
}

void ServerCatalog::update(
    const ScimServer& server, const std::optional<QString>& newSecret, QObject* context, StatusCallback done)
{
    QPointer<QObject> guard(context);
    if (auto status = validate(server); !status) {
        done(status.error());
        return;
    }
    const auto previous = m_repository.find(server.id);
    if (!previous) {
        done(ServerSaveError {
            ServerSaveError::Source::Storage, tr("The server no longer exists; it may have been deleted."), {}, {}});
        return;
    }
    const bool schemeChanged = previous->auth.scheme != server.auth.scheme;
    const bool hasNewSecret = newSecret.has_value() && !newSecret->trimmed().isEmpty();
    if (schemeChanged && !hasNewSecret) {
        done(ServerSaveError {ServerSaveError::Source::Validation,
            tr("The authentication scheme changed: enter the new credential for it."), {}, QStringLiteral("secret")});
        return;
    }
    // The stored date belongs to the stored secret: an editor opened before a token rotation
    // must not put the old token's date back.
    auto save = [this, server, guard, done, keptStoredAt = previous->secretStoredAt](const QDateTime& secretStoredAt) {
        ScimServer toStore = server;
        toStore.secretStoredAt = secretStoredAt.isValid() ? secretStoredAt : keptStoredAt;
        auto status = m_repository.update(toStore);
        if (!status) {
            if (guard) {
                done(fromStorage(status.error()));
            }
            return;
        }
        emit serversChanged();
        if (guard) {
            done({});
        }
    };
    if (!hasNewSecret) {
        save({});
        return;
    }
    if (!m_secrets) {
        done(ServerSaveError {ServerSaveError::Source::Keychain, tr("No secret store is available."), {}, {}});
        return;
    }
    const SecretKey key {server.id, secretPurpose(server.auth.scheme)};
    m_secrets->write(key, newSecret->trimmed(), this, [save, guard, done](Status<SecretError> status) {
        if (!status) {
            if (guard) {
                done(fromSecret(status.error(),
                    tr("The changes were not saved because the new credential could "
                       "not be stored in the system keychain.")));
            }
            return;
        }
        save(QDateTime::currentDateTimeUtc());
    });
}

void ServerCatalog::remove(qint64 serverId, QObject* context, StatusCallback done)
{
    QPointer<QObject> guard(context);
    if (!m_secrets) {
        done(ServerSaveError {ServerSaveError::Source::Keychain, tr("No secret store is available."), {}, {}});
        return;
    }
    // Forget the secrets first: a server row without secrets is harmless, a secret without
    // its server would stay in the keychain forever.
    m_secrets->removeAllFor(serverId, this, [this, serverId, guard, done](Status<SecretError> status) {
        if (!status) {
            if (guard) {
                done(fromSecret(status.error(),
                    tr("The server was not deleted because its credentials could not be removed from the "
                       "system keychain.")));
            }
            return;
        }
        auto removed = m_repository.remove(serverId);
        if (!removed) {
            if (guard) {
                done(fromStorage(removed.error()));
            }
            return;
        }
        emit serversChanged();
        if (guard) {
            done({});
        }
    });
}
