#include "ScimServer.h"

int ScimServer::secretAgeDays(const QDateTime& now) const
{
    if (!secretStoredAt.isValid()) {
        return -1;
    }
    return int(secretStoredAt.daysTo(now));
}

ScimServer::SecretAge ScimServer::secretAge(const QDateTime& now) const
{
    const int days = secretAgeDays(now);
    const int lifetime = capabilities.tokenLifetimeDays;
    if (days < 0 || lifetime <= 0) {
        return SecretAge::Unknown;
    }
    if (days > lifetime) {
        return SecretAge::Expired;
    }
    return days >= lifetime - 30 ? SecretAge::ExpiresSoon : SecretAge::Fresh;
}
