#pragma once

#include <QString>

// A storage failure the admin can act on. `field` names the offending input (e.g. "name")
// for validation and uniqueness errors so a form can show the message next to it.
struct StorageError
{
    enum class Kind
    {
        Validation,
        Duplicate,
        NotFound,
        NewerSchema,
        Corrupt,
        Io,
        Sql,
        Busy, // another ScimDesk process holds the profile's write lock (ProfileLock)
        ReadOnly, // the profile folder or database cannot be written
    };

    Kind kind = Kind::Sql;
    QString message;
    QString field;

    static StorageError validation(const QString& field, const QString& message)
    {
        return {Kind::Validation, message, field};
    }
};
