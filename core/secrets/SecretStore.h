#pragma once

#include "SecretError.h"
#include "SecretKey.h"
#include "util/Result.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

// Where ScimDesk keeps tokens, passwords and client secrets: the OS keychain in the app,
// memory in unit tests. Every call is asynchronous because a real keychain may block on
// D-Bus or on an unlock prompt; the GUI thread must never wait for it.
//
// Callbacks run in the thread of `context` and are skipped when `context` has been
// destroyed meanwhile, so a closed dialog never receives a late answer.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using StatusCallback = std::function<void(Status<SecretError>)>;
    using ReadCallback = std::function<void(Result<QString, SecretError>)>;

    explicit SecretStore(QObject* parent = nullptr);
    ~SecretStore() override;

    // Stores or replaces the secret under key.
    virtual void write(const SecretKey& key, const QString& secret, QObject* context, StatusCallback done) = 0;
    // Reads the secret; a missing entry is SecretError::Kind::NotFound.
    virtual void read(const SecretKey& key, QObject* context, ReadCallback done) = 0;
    // Deletes the secret; deleting a missing entry succeeds.
    virtual void remove(const SecretKey& key, QObject* context, StatusCallback done) = 0;

    // Deletes every purpose's secret of a server (used when the server is deleted). All
    // removals are attempted; the first failure, if any, is reported.
    void removeAllFor(qint64 serverId, QObject* context, StatusCallback done);

    // Keeps one profile's entries apart from another's: server and source numbers restart in
    // each profile, so "server/1/access-token" alone would be shared by every profile of the
    // account. Empty for profiles made before scopes existed (their entries keep their names).
    virtual void setProfileScope(const QString& scope) { m_profileScope = scope; }
    QString profileScope() const { return m_profileScope; }

protected:
    // "profile-SCOPE/server/1/access-token", or the key alone without a scope.
    QString scopedName(const SecretKey& key) const;

    // Runs fn in context's thread unless context is gone; queued, so callers always get
    // their answer after the call returned, whatever the backend.
    static void deliver(const QPointer<QObject>& context, std::function<void()> fn);

private:
    QString m_profileScope;
};
