#pragma once

#include <QString>

// One reason a user cannot be sent to the target as it is.
struct ValidationViolation
{
    QString userName; // or "externalId <id>" when the user has no userName
    QString attribute; // SCIM path, e.g. name.familyName
    QString reason; // what is wrong, in plain words
    QString fix; // what the admin can do about it
};
