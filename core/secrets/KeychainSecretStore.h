#pragma once

#include "SecretStore.h"

#include <qt6keychain/keychain.h>

// SecretStore on the OS keychain through QtKeychain: Secret Service (GNOME Keyring,
// KWallet) on Linux, Keychain on macOS, Credential Manager on Windows. The insecure
// plain-text fallback is always off: if there is no keychain, storing fails with a
// SecretError that says how to get one, and nothing is written anywhere else.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    // service names the keychain entries' owner; tests pass their own so they never touch
    // the real "ScimDesk" entries.
    explicit KeychainSecretStore(const QString& service = defaultServiceName(), QObject* parent = nullptr);

    static QString defaultServiceName();
    QString serviceName() const { return m_service; }

    // A keychain waiting on an unlock prompt nobody sees would otherwise never answer; after
    // this long the caller gets a SecretError (Kind::Other) and a late answer is ignored.
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int timeout() const { return m_timeoutMs; }

    void write(const SecretKey& key, const QString& secret, QObject* context, StatusCallback done) override;
    void read(const SecretKey& key, QObject* context, ReadCallback done) override;
    void remove(const SecretKey& key, QObject* context, StatusCallback done) override;

    // Maps a finished QtKeychain job's error to a SecretError that keeps QtKeychain's
    // message and adds what the admin can do.
    static SecretError errorFromKeychain(QKeychain::Error code, const QString& keychainMessage);

private:
    void prepare(QKeychain::Job* job, const SecretKey& key) const;
    // Runs job; exactly one of onFinished(job) or onTimeout(error) is called.
    void run(QKeychain::Job* job, const QString& keyName, std::function<void(QKeychain::Job*)> onFinished,
        std::function<void(const SecretError&)> onTimeout);

    QString m_service;
    int m_timeoutMs = 60000;
};
