#pragma once

// Values filled in before validation so that common gaps in a directory do not make the
// target refuse a user. Each applies only to an attribute the server requires and only when
// that attribute is empty; the validation result lists what was filled in.
struct ValidationFallbacks
{
    // displayName := "<givenName> <familyName>"
    bool displayNameFromNames = true;
    // name.givenName / name.familyName from displayName split at its last space
    // ("Mary Ann Smith" → "Mary Ann" + "Smith"); a one-word displayName fills givenName only.
    bool namesFromDisplayName = true;
};
