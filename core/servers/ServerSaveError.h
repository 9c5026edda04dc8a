#pragma once

#include <QString>

// Why a server could not be created, changed or deleted: invalid input (with the field to
// point at), the profile database, or the keychain (with the keychain's own message).
struct ServerSaveError
{
    enum class Source
    {
        Validation,
        Storage,
        Keychain,
    };

    Source source = Source::Storage;
    QString message;
    QString hint;
    QString field;

    QString fullMessage() const { return hint.isEmpty() ? message : message + QLatin1Char('\n') + hint; }
};
