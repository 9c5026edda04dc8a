#include "TokenExpiry.h"

namespace TokenExpiry {

QDateTime expiresAt(const ScimServer& server)
{
    if (!server.secretStoredAt.isValid() || server.capabilities.tokenLifetimeDays <= 0) {
        return {};
    }
    return server.secretStoredAt.addDays(server.capabilities.tokenLifetimeDays);
}

int daysLeft(const ScimServer& server, const QDateTime& now)
{
    return int(now.daysTo(expiresAt(server)));
}

} // namespace TokenExpiry
