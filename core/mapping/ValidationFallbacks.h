#pragma once

#include "model/ServerOptions.h"

// Values filled in before validation so that common gaps in a directory do not make the
// target refuse a user. Each applies only to an attribute the server requires and only when
// that attribute is empty; the validation result lists what was filled in. All are off unless
// the server's options turn them on: an invented value is data the directory does not hold.
struct ValidationFallbacks
{
    // displayName := "<givenName> <familyName>"
    bool displayNameFromNames = false;
    // name.givenName / name.familyName from displayName split at its last space
    // ("Mary Ann Smith" → "Mary Ann" + "Smith"); a one-word displayName fills givenName only.
    bool namesFromDisplayName = false;

    static ValidationFallbacks fromOptions(const ServerOptions& options)
    {
        return ValidationFallbacks {options.fillDisplayNameFromNames, options.fillNamesFromDisplayName};
    }
};
