#pragma once

#include "SecretStore.h"

#include <QString>

#include <memory>

// The explicit, opt-in secret source for scimdesk-cli on machines without a keychain
// (servers, CI runners, containers): one secret read from an environment variable or from an
// owner-only file, given for every key. The secret is held in memory for this process only.
//
// Nothing is ever stored: a write of the very value the source holds is acknowledged (the
// secret already lives where the admin put it, so "save server and secret together" works),
// any other write is refused, and removing is a no-op because the variable or file is the
// admin's, not ScimDesk's.
class HeadlessSecretSource : public SecretStore
{
    Q_OBJECT

public:
    static constexpr qint64 maximumFileSize = 64 * 1024;

    // Fails when the variable is unset or blank.
    static Result<std::unique_ptr<HeadlessSecretSource>, SecretError> fromEnvironment(const QString& variable);
    // Fails when the file is missing, unreadable, empty, too large, or readable or writable by
    // group or others (on Unix: mode & 077), so a token file cannot leak to other accounts.
    static Result<std::unique_ptr<HeadlessSecretSource>, SecretError> fromFile(const QString& path);

    // Where the secret comes from, for messages: "environment variable SCIM_TOKEN".
    QString origin() const { return m_origin; }

    void write(const SecretKey& key, const QString& secret, QObject* context, StatusCallback done) override;
    void read(const SecretKey& key, QObject* context, ReadCallback done) override;
    void remove(const SecretKey& key, QObject* context, StatusCallback done) override;

private:
    HeadlessSecretSource(QString secret, QString origin);

    QString m_secret;
    QString m_origin;
};
