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
    };

    Kind kind = Kind::Sql;
    QString message;
    QString field;

    static StorageError validation(const QString& field, const QString& message)
    {
        return {Kind::Validation, message, field};
    }
};
