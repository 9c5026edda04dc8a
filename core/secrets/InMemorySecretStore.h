#pragma once

#include "SecretStore.h"

#include <QHash>
#include <QMutex>

#include <optional>

// A SecretStore in memory for tests: same asynchronous contract as the keychain (answers
// are queued, never delivered inside the call), plus knobs to make the next operation fail
// so callers' error paths ("keychain failure on Create") can be tested without a broken
// keychain.
class InMemorySecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit InMemorySecretStore(QObject* parent = nullptr);

    void write(const SecretKey& key, const QString& secret, QObject* context, StatusCallback done) override;
    void read(const SecretKey& key, QObject* context, ReadCallback done) override;
    void remove(const SecretKey& key, QObject* context, StatusCallback done) override;

    // The next call of that operation fails with error and changes nothing; one-shot.
    void failNextWrite(const SecretError& error);
    void failNextRead(const SecretError& error);
    void failNextRemove(const SecretError& error);

    // Synchronous inspection for test assertions.
    bool contains(const SecretKey& key) const;
    std::optional<QString> peek(const SecretKey& key) const;
    int count() const;
    // How many write/read/remove calls were made, failed ones included.
    int writeCount() const;
    int readCount() const;
    int removeCount() const;

private:
    mutable QMutex m_mutex; // a sync worker thread may use the store too
    QHash<QString, QString> m_secrets;
    std::optional<SecretError> m_nextWriteError;
    std::optional<SecretError> m_nextReadError;
    std::optional<SecretError> m_nextRemoveError;
    int m_writeCount = 0;
    int m_readCount = 0;
    int m_removeCount = 0;
};
