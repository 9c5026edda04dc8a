#pragma once

#include "SecretStore.h"

#include <QPointer>

// One SecretStore in front of two: the bind passwords of directory sources go to one, every
// server secret to the other. scimdesk-cli uses it when a command reads the server's token from
// --token-env/--token-file and the source's password from the keychain, or the other way round:
// each headless option then answers only for what it names.
class SecretRouter : public SecretStore
{
    Q_OBJECT

public:
    // Takes ownership of both (they may not be the same object).
    SecretRouter(SecretStore* serverSecrets, SecretStore* sourcePasswords, QObject* parent = nullptr);

    SecretStore* serverSecrets() const { return m_serverSecrets; }
    SecretStore* sourcePasswords() const { return m_sourcePasswords; }

    void write(const SecretKey& key, const QString& secret, QObject* context, StatusCallback done) override;
    void read(const SecretKey& key, QObject* context, ReadCallback done) override;
    void remove(const SecretKey& key, QObject* context, StatusCallback done) override;
    void setProfileScope(const QString& scope) override;

private:
    SecretStore* storeFor(const SecretKey& key) const;

    QPointer<SecretStore> m_serverSecrets;
    QPointer<SecretStore> m_sourcePasswords;
};
