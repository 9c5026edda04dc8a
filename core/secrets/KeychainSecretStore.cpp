#include "KeychainSecretStore.h"

#include "util/LogCategories.h"

#include <QCoreApplication>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace {

// QtKeychain reports an unreachable Secret Service (no session bus, no keyring daemon) as
// OtherError with the D-Bus/libsecret message; these fragments tell it apart so the admin
// gets the "start a keyring" advice instead of a generic one.
bool looksLikeMissingService(const QString& message)
{
    static const char* const fragments[] = {
        "D-Bus",
        "DBus",
        "dbus",
        "autolaunch",
        "org.freedesktop.secrets",
        "was not provided by any .service files",
        "Could not connect",
        "No such file or directory",
        "Connection refused",
        "ServiceUnknown",
        "NoReply",
    };
    for (const char* fragment : fragments) {
        if (message.contains(QLatin1String(fragment))) {
            return true;
        }
    }
    return false;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString& service, QObject* parent)
    : SecretStore(parent)
    , m_service(service)
{
}

QString KeychainSecretStore::defaultServiceName()
{
    return QStringLiteral("ScimDesk");
}

void KeychainSecretStore::prepare(QKeychain::Job* job, const SecretKey& key) const
{
    job->setKey(scopedName(key));
    // Never degrade to a QSettings file in plain text: a missing keychain is an error.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
}

// The jobs are not parented to the store: QtKeychain's backends call back into a job after
// D-Bus answers, so deleting an unfinished job is unsafe. Each job deletes itself when it
// finishes; the store being gone only means the answer is dropped (the connection's
// context is the store).

void KeychainSecretStore::run(QKeychain::Job* job, const QString& keyName,
    std::function<void(QKeychain::Job*)> onFinished, std::function<void(const SecretError&)> onTimeout)
{
    auto answered = std::make_shared<bool>(false);
    connect(job, &QKeychain::Job::finished, this, [answered, onFinished](QKeychain::Job* finished) {
        if (!*answered) {
            *answered = true;
            onFinished(finished);
        }
    });
    const int timeoutMs = m_timeoutMs;
    QTimer::singleShot(timeoutMs, this, [answered, onTimeout, keyName, timeoutMs] {
        if (*answered) {
            return;
        }
        *answered = true;
        qCWarning(lcSecrets) << "the keychain did not answer for" << keyName << "within" << timeoutMs << "ms";
        onTimeout(SecretError(SecretError::Kind::Other,
            QCoreApplication::translate("KeychainSecretStore",
                "The system keychain did not answer within %n second(s).", nullptr, qMax(1, timeoutMs / 1000)),
            QCoreApplication::translate("KeychainSecretStore",
                "It may be locked and waiting for an unlock prompt that cannot be shown. Unlock the keychain (for "
                "example in your desktop's password manager), then try again.")));
    });
    job->start();
}

void KeychainSecretStore::write(const SecretKey& key, const QString& secret, QObject* context, StatusCallback done)
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    prepare(job, key);
    job->setTextData(secret);
    QPointer<QObject> guard(context);
    const QString keyName = scopedName(key);
    const auto answer = [guard, done](const Status<SecretError>& status) {
        deliver(guard, [done, status] {
            if (done) {
                done(status);
            }
        });
    };
    run(
        job, keyName,
        [answer, keyName](QKeychain::Job* finished) {
            if (finished->error() != QKeychain::NoError) {
                qCWarning(lcSecrets) << "storing" << keyName << "failed:" << finished->errorString();
                answer(errorFromKeychain(finished->error(), finished->errorString()));
                return;
            }
            qCDebug(lcSecrets) << "stored" << keyName;
            answer({});
        },
        answer);
}

void KeychainSecretStore::read(const SecretKey& key, QObject* context, ReadCallback done)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    prepare(job, key);
    QPointer<QObject> guard(context);
    const QString keyName = scopedName(key);
    const auto answer = [guard, done](const Result<QString, SecretError>& result) {
        deliver(guard, [done, result] {
            if (done) {
                done(result);
            }
        });
    };
    run(
        job, keyName,
        [answer, keyName](QKeychain::Job* finished) {
            auto* readJob = static_cast<QKeychain::ReadPasswordJob*>(finished);
            if (readJob->error() != QKeychain::NoError) {
                const SecretError error = errorFromKeychain(readJob->error(), readJob->errorString());
                if (error.kind != SecretError::Kind::NotFound) {
                    qCWarning(lcSecrets) << "reading" << keyName << "failed:" << readJob->errorString();
                }
                answer(error);
                return;
            }
            answer(readJob->textData());
        },
        [answer](const SecretError& error) { answer(error); });
}

void KeychainSecretStore::remove(const SecretKey& key, QObject* context, StatusCallback done)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    prepare(job, key);
    QPointer<QObject> guard(context);
    const QString keyName = scopedName(key);
    const auto answer = [guard, done](const Status<SecretError>& status) {
        deliver(guard, [done, status] {
            if (done) {
                done(status);
            }
        });
    };
    run(
        job, keyName,
        [answer, keyName](QKeychain::Job* finished) {
            // Deleting what is not there leaves the keychain as asked: success.
            if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound) {
                qCWarning(lcSecrets) << "deleting" << keyName << "failed:" << finished->errorString();
                answer(errorFromKeychain(finished->error(), finished->errorString()));
                return;
            }
            answer({});
        },
        answer);
}

SecretError KeychainSecretStore::errorFromKeychain(QKeychain::Error code, const QString& keychainMessage)
{
    QString message = keychainMessage.trimmed();
    if (message.isEmpty()) {
        message = QCoreApplication::translate("KeychainSecretStore", "The system keychain reported error %1.")
                      .arg(int(code));
    }
    switch (code) {
    case QKeychain::EntryNotFound:
        return SecretError(SecretError::Kind::NotFound, message);
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretError(SecretError::Kind::NoBackend, message);
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return SecretError(SecretError::Kind::AccessDenied, message);
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
    case QKeychain::NoError:
        break;
    }
    if (looksLikeMissingService(message)) {
        return SecretError(SecretError::Kind::NoBackend, message);
    }
    return SecretError(SecretError::Kind::Other, message);
}
