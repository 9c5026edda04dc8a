#include "SecretStore.h"

#include <QMetaObject>

#include <memory>
#include <optional>

SecretStore::SecretStore(QObject* parent)
    : QObject(parent)
{
}

SecretStore::~SecretStore() = default;

QString SecretStore::scopedName(const SecretKey& key) const
{
    return m_profileScope.isEmpty() ? key.toString()
                                    : QStringLiteral("profile-%1/%2").arg(m_profileScope, key.toString());
}

void SecretStore::removeAllFor(qint64 serverId, QObject* context, StatusCallback done)
{
    struct Progress
    {
        int pending = 0;
        std::optional<SecretError> firstError;
    };
    const auto purposes = SecretKey::allPurposes();
    auto progress = std::make_shared<Progress>();
    progress->pending = int(purposes.size());
    for (SecretPurpose purpose : purposes) {
        remove(SecretKey {serverId, purpose}, context, [progress, done](Status<SecretError> status) {
            if (!status.ok() && !progress->firstError) {
                progress->firstError = status.error();
            }
            if (--progress->pending == 0 && done) {
                done(progress->firstError ? Status<SecretError>(*progress->firstError) : Status<SecretError>());
            }
        });
    }
}

void SecretStore::deliver(const QPointer<QObject>& context, std::function<void()> fn)
{
    if (!context || !fn) {
        return;
    }
    // Posting to context means Qt drops the call if context is deleted before it runs.
    QMetaObject::invokeMethod(context.data(), std::move(fn), Qt::QueuedConnection);
}
