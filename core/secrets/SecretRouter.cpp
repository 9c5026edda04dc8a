#include "SecretRouter.h"

SecretRouter::SecretRouter(SecretStore* serverSecrets, SecretStore* sourcePasswords, QObject* parent)
    : SecretStore(parent)
    , m_serverSecrets(serverSecrets)
    , m_sourcePasswords(sourcePasswords)
{
    Q_ASSERT(serverSecrets && sourcePasswords && serverSecrets != sourcePasswords);
    serverSecrets->setParent(this);
    sourcePasswords->setParent(this);
}

SecretStore* SecretRouter::storeFor(const SecretKey& key) const
{
    return key.isSourceKey() ? m_sourcePasswords.data() : m_serverSecrets.data();
}

void SecretRouter::write(const SecretKey& key, const QString& secret, QObject* context, StatusCallback done)
{
    storeFor(key)->write(key, secret, context, std::move(done));
}

void SecretRouter::read(const SecretKey& key, QObject* context, ReadCallback done)
{
    storeFor(key)->read(key, context, std::move(done));
}

void SecretRouter::remove(const SecretKey& key, QObject* context, StatusCallback done)
{
    storeFor(key)->remove(key, context, std::move(done));
}

void SecretRouter::setProfileScope(const QString& scope)
{
    SecretStore::setProfileScope(scope);
    for (SecretStore* store : {m_serverSecrets.data(), m_sourcePasswords.data()}) {
        if (store) {
            store->setProfileScope(scope);
        }
    }
}
