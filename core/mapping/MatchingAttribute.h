#pragma once

#include <QString>

// One way to find a directory user's counterpart on the target, in the order to try them.
struct MatchingAttribute
{
    QString path; // the mapping target, e.g. emails[type eq "work"].value
    QString attributeName; // as a SCIM filter names it, e.g. emails.value
    int precedence = 0;
    QString value; // the user's value; never empty (empty ones are left out)
};
