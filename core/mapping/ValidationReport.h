#pragma once

#include "MappedUser.h"
#include "ValidationViolation.h"

#include <QList>
#include <QString>

// A user left out of a sync because it would be refused; always shown to the admin.
struct SkippedUser
{
    QString objectId;
    QString userName;
    QList<ValidationViolation> violations;
};

// Every user ends up in exactly one of the two lists.
struct ValidationReport
{
    QList<MappedUser> accepted; // resources with fallbacks applied, ready to send
    QList<SkippedUser> skipped;
};
