#pragma once

#include "ScimServer.h"

#include <QDateTime>

// When a server's stored token stops working. The app cannot read an expiry from the token
// (aws-scim-reference.md): it counts capabilities.tokenLifetimeDays from secretStoredAt, the
// day the token was entered, which the profile keeps next to the server (never the token).
namespace TokenExpiry {
// Invalid when unknown or when the server's tokens do not expire.
QDateTime expiresAt(const ScimServer& server);
// Whole days from now until expiresAt (negative once expired); only meaningful when
// expiresAt is valid.
int daysLeft(const ScimServer& server, const QDateTime& now = QDateTime::currentDateTimeUtc());
} // namespace TokenExpiry
