#pragma once

#include "secrets/SecretError.h"

#include <QString>

#include <optional>
#include <utility>

// The secret a connection test authenticates with, or why it could not be read. Held in
// memory only; it never appears in a result or the report.
struct ConnectionSecret
{
    ConnectionSecret() = default;
    ConnectionSecret(QString secret) // NOLINT(google-explicit-constructor): a read secret is a ConnectionSecret
        : value(std::move(secret))
    {
    }
    static ConnectionSecret unreadable(SecretError error)
    {
        ConnectionSecret secret;
        secret.readError = std::move(error);
        return secret;
    }

    QString value;
    // Set when the secret store could not deliver it; the authentication step then fails with
    // the store's cause and fix instead of sending an empty token.
    std::optional<SecretError> readError;
};
