#include "ScimServer.h"

int ScimServer::secretAgeDays(const QDateTime& now) const
{
    if (!secretStoredAt.isValid()) {
        return -1;
    }
    return int(secretStoredAt.daysTo(now));
}
