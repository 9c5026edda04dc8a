#include "SourceCatalog.h"

#include "storage/Database.h"

SourceCatalog::SourceCatalog(std::shared_ptr<Database> database, SecretStore* secrets, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_repository(m_database)
    , m_secrets(secrets)
{
}

SourceSaveError SourceCatalog::fromStorage(const StorageError& error)
{
    const bool input = error.kind == StorageError::Kind::Validation || error.kind == StorageError::Kind::Duplicate;
    return {
        input ? SourceSaveError::Source::Validation : SourceSaveError::Source::Storage, error.message, {}, error.field};
}

SourceSaveError SourceCatalog::fromSecret(const SecretError& error, const QString& what)
{
    return {SourceSaveError::Source::Keychain, what + QLatin1Char(' ') + error.message,
        error.hint.isEmpty() ? SecretError::defaultHint(error.kind) : error.hint, QStringLiteral("password")};
}

Status<SourceSaveError> SourceCatalog::validate(const DirectorySource& source) const
{
    if (auto status = m_repository.validate(source, source.id); !status) {
        return fromStorage(status.error());
    }
    return {};
}

void SourceCatalog::create(
    const DirectorySource& source, const std::optional<QString>& password, QObject* context, CreateCallback done)
{
    QPointer<QObject> guard(context);
    if (auto status = m_repository.validate(source); !status) {
        done(fromStorage(status.error()));
        return;
    }
    const bool storePassword = password.has_value() && !password->isEmpty();
    if (storePassword && source.anonymousBind()) {
        done(SourceSaveError {SourceSaveError::Source::Validation,
            tr("A password was given but no bind DN: enter the account the password belongs to, or bind "
               "anonymously without a password."),
            {}, QStringLiteral("bindDn")});
        return;
    }
    DirectorySource toStore = source;
    toStore.passwordStoredAt = storePassword ? QDateTime::currentDateTimeUtc() : QDateTime();
    auto created = m_repository.create(toStore);
    if (!created) {
        done(fromStorage(created.error()));
        return;
    }
    const qint64 id = created.value();
    if (!storePassword) {
        emit sourcesChanged();
        done(id);
        return;
    }
    if (!m_secrets) {
        m_repository.remove(id);
        done(SourceSaveError {SourceSaveError::Source::Keychain, tr("No secret store is available."), {}, {}});
        return;
    }
    m_secrets->write(SecretKey::forSource(id), *password, this, [this, id, guard, done](Status<SecretError> status) {
        if (!status) {
            // Leave nothing behind: the admin meant this source to bind with that password.
            m_repository.remove(id);
            if (guard) {
                done(fromSecret(status.error(),
                    tr("The source was not created because its bind password could not be stored in the system "
                       "keychain.")));
            }
            return;
        }
        emit sourcesChanged();
        if (guard) {
            done(id);
        }
    });
}

void SourceCatalog::writePassword(qint64 sourceId, const std::optional<QString>& password,
    const QPointer<QObject>& guard, StatusCallback done, std::function<void(const QDateTime&)> save)
{
    if (!m_secrets) {
        done(SourceSaveError {SourceSaveError::Source::Keychain, tr("No secret store is available."), {}, {}});
        return;
    }
    const auto answer = [save, guard, done, removing = !password.has_value()](Status<SecretError> status) {
        if (!status) {
            if (guard) {
                done(fromSecret(status.error(),
                    removing ? tr("The changes were not saved because the old bind password could not be removed "
                                  "from the system keychain.")
                             : tr("The changes were not saved because the new bind password could not be stored in "
                                  "the system keychain.")));
            }
            return;
        }
        save(removing ? QDateTime() : QDateTime::currentDateTimeUtc());
    };
    if (password) {
        m_secrets->write(SecretKey::forSource(sourceId), *password, this, answer);
    } else {
        m_secrets->remove(SecretKey::forSource(sourceId), this, answer);
    }
}

void SourceCatalog::update(
    const DirectorySource& source, const std::optional<QString>& newPassword, QObject* context, StatusCallback done)
{
    QPointer<QObject> guard(context);
    if (auto status = validate(source); !status) {
        done(status.error());
        return;
    }
    const auto previous = m_repository.find(source.id);
    if (!previous) {
        done(SourceSaveError {SourceSaveError::Source::Storage,
            tr("The directory source no longer exists; it may have been deleted."), {}, {}});
        return;
    }
    const bool hasNewPassword = newPassword.has_value() && !newPassword->isEmpty();
    if (hasNewPassword && source.anonymousBind()) {
        done(SourceSaveError {SourceSaveError::Source::Validation,
            tr("A password was given but no bind DN: enter the account the password belongs to."), {},
            QStringLiteral("bindDn")});
        return;
    }
    auto save = [this, source, previous, guard, done](const QDateTime& storedAt) {
        DirectorySource toStore = source;
        toStore.passwordStoredAt = storedAt.isValid() || source.anonymousBind() ? storedAt : previous->passwordStoredAt;
        if (auto status = m_repository.update(toStore); !status) {
            if (guard) {
                done(fromStorage(status.error()));
            }
            return;
        }
        emit sourcesChanged();
        if (guard) {
            done({});
        }
    };
    if (hasNewPassword) {
        writePassword(source.id, newPassword, guard, done, save);
    } else if (source.anonymousBind() && previous->passwordStoredAt.isValid()) {
        writePassword(source.id, std::nullopt, guard, done, save); // an anonymous source keeps no password
    } else {
        save({});
    }
}

void SourceCatalog::remove(qint64 sourceId, QObject* context, StatusCallback done)
{
    QPointer<QObject> guard(context);
    // The source in use is refused before anything is forgotten.
    if (const QStringList users = m_repository.applicationsUsing(sourceId); !users.isEmpty()) {
        done(fromStorage(m_repository.remove(sourceId).error()));
        return;
    }
    const auto source = m_repository.find(sourceId);
    if (source && !source->passwordStoredAt.isValid()) {
        // No password was ever stored (anonymous, or given headless on every run): nothing to
        // forget, so a machine without a keychain can remove it too.
        auto removed = m_repository.remove(sourceId);
        if (removed) {
            emit sourcesChanged();
        }
        done(removed ? Status<SourceSaveError>() : Status<SourceSaveError>(fromStorage(removed.error())));
        return;
    }
    if (!m_secrets) {
        done(SourceSaveError {SourceSaveError::Source::Keychain, tr("No secret store is available."), {}, {}});
        return;
    }
    // The password first: a source row without it is harmless, a password without its source
    // would stay in the keychain forever.
    m_secrets->remove(SecretKey::forSource(sourceId), this, [this, sourceId, guard, done](Status<SecretError> status) {
        if (!status) {
            if (guard) {
                done(fromSecret(status.error(),
                    tr("The source was not deleted because its bind password could not be removed from the system "
                       "keychain.")));
            }
            return;
        }
        if (auto removed = m_repository.remove(sourceId); !removed) {
            if (guard) {
                done(fromStorage(removed.error()));
            }
            return;
        }
        emit sourcesChanged();
        if (guard) {
            done({});
        }
    });
}
