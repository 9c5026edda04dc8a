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

    // What the secret is, which decides how its text is taken and how messages name it.
    enum class Content
    {
        // A server's token, password or client secret (--token-env/--token-file): surrounding
        // white space is never part of a token, so it is trimmed.
        Token,
        // A directory source's bind password (--source-password-env/--source-password-file):
        // taken exactly, spaces included; only a file's final line break is not part of it.
        SourcePassword,
    };

    // Fails when the variable is unset or empty (for a token: blank).
    static Result<std::unique_ptr<HeadlessSecretSource>, SecretError> fromEnvironment(
        const QString& variable, Content content = Content::Token);
    // Fails when the file is missing, unreadable, empty, too large, or readable or writable by
    // group or others (on Unix: mode & 077), so a secret file cannot leak to other accounts.
    static Result<std::unique_ptr<HeadlessSecretSource>, SecretError> fromFile(
        const QString& path, Content content = Content::Token);

    // Where the secret comes from, for messages: "environment variable SCIM_TOKEN".
    QString origin() const { return m_origin; }

    void write(const SecretKey& key, const QString& secret, QObject* context, StatusCallback done) override;
    void read(const SecretKey& key, QObject* context, ReadCallback done) override;
    void remove(const SecretKey& key, QObject* context, StatusCallback done) override;

private:
    HeadlessSecretSource(QString secret, QString origin, Content content);
    QString normalized(const QString& secret) const;

    QString m_secret;
    QString m_origin;
    Content m_content = Content::Token;
};
