#include "InMemorySecretStore.h"

#include <QCoreApplication>
#include <QMutexLocker>

namespace {
std::optional<SecretError> takeError(std::optional<SecretError>& slot)
{
    auto error = std::move(slot);
    slot.reset();
    return error;
}
} // namespace

InMemorySecretStore::InMemorySecretStore(QObject* parent)
    : SecretStore(parent)
{
}

void InMemorySecretStore::write(const SecretKey& key, const QString& secret, QObject* context, StatusCallback done)
{
    Status<SecretError> status;
    {
        QMutexLocker lock(&m_mutex);
        ++m_writeCount;
        if (auto error = takeError(m_nextWriteError)) {
            status = *error;
        } else {
            m_secrets.insert(key.toString(), secret);
        }
    }
    deliver(context, [done, status] {
        if (done) {
            done(status);
        }
    });
}

void InMemorySecretStore::read(const SecretKey& key, QObject* context, ReadCallback done)
{
    std::optional<Result<QString, SecretError>> result;
    {
        QMutexLocker lock(&m_mutex);
        ++m_readCount;
        if (auto error = takeError(m_nextReadError)) {
            result.emplace(*error);
        } else if (m_secrets.contains(key.toString())) {
            result.emplace(m_secrets.value(key.toString()));
        } else {
            result.emplace(SecretError(SecretError::Kind::NotFound,
                QCoreApplication::translate("InMemorySecretStore", "No secret stored under %1").arg(key.toString())));
        }
    }
    deliver(context, [done, result = *result] {
        if (done) {
            done(result);
        }
    });
}

void InMemorySecretStore::remove(const SecretKey& key, QObject* context, StatusCallback done)
{
    Status<SecretError> status;
    {
        QMutexLocker lock(&m_mutex);
        ++m_removeCount;
        if (auto error = takeError(m_nextRemoveError)) {
            status = *error;
        } else {
            m_secrets.remove(key.toString());
        }
    }
    deliver(context, [done, status] {
        if (done) {
            done(status);
        }
    });
}

void InMemorySecretStore::failNextWrite(const SecretError& error)
{
    QMutexLocker lock(&m_mutex);
    m_nextWriteError = error;
}

void InMemorySecretStore::failNextRead(const SecretError& error)
{
    QMutexLocker lock(&m_mutex);
    m_nextReadError = error;
}

void InMemorySecretStore::failNextRemove(const SecretError& error)
{
    QMutexLocker lock(&m_mutex);
    m_nextRemoveError = error;
}

bool InMemorySecretStore::contains(const SecretKey& key) const
{
    QMutexLocker lock(&m_mutex);
    return m_secrets.contains(key.toString());
}

std::optional<QString> InMemorySecretStore::peek(const SecretKey& key) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_secrets.constFind(key.toString());
    if (it == m_secrets.constEnd()) {
        return std::nullopt;
    }
    return *it;
}

int InMemorySecretStore::count() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_secrets.size());
}

int InMemorySecretStore::writeCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_writeCount;
}

int InMemorySecretStore::readCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_readCount;
}

int InMemorySecretStore::removeCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_removeCount;
}
