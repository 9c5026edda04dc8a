#pragma once

#include <QString>

// Why the keychain could not do what was asked, in terms an admin can act on.
struct SecretError
{
    enum class Kind
    {
        NotFound, // no secret stored under this key
        NoBackend, // no Secret Service / keychain reachable (e.g. no D-Bus session, no keyring daemon)
        AccessDenied, // the keychain is locked or the user refused access
        Other,
    };

    Kind kind = Kind::Other;
    QString message; // what happened; for keychain failures QtKeychain's own message
    QString hint; // what to do about it

    SecretError() = default;
    SecretError(Kind kind, QString message, QString hint = {});

    // The standard advice for a kind, used when the caller has nothing more specific.
    static QString defaultHint(Kind kind);
    static QString kindId(Kind kind);

    // message and hint as one text for a dialog, a log line or the CLI.
    QString fullMessage() const;
};
