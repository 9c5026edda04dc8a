#pragma once

#include "ValidationViolation.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

// The outcome of validating one user: the resource to send (fallbacks applied) and what,
// if anything, stops it from being sent.
struct UserValidation
{
    QJsonObject resource;
    QList<ValidationViolation> violations;
    QStringList fallbacksApplied; // e.g. "displayName from name.givenName and name.familyName"

    bool ok() const { return violations.isEmpty(); }
};
