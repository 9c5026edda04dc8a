#include "ServerOptions.h"

QString ServerOptions::deprovisionActionId(DeprovisionAction action)
{
    switch (action) {
    case DeprovisionAction::Disable:
        return QStringLiteral("disable");
    case DeprovisionAction::Delete:
        return QStringLiteral("delete");
    case DeprovisionAction::None:
        return QStringLiteral("none");
    }
    return {};
}

bool ServerOptions::deprovisionActionFromId(const QString& id, DeprovisionAction* action)
{
    for (auto candidate : {DeprovisionAction::Disable, DeprovisionAction::Delete, DeprovisionAction::None}) {
        if (deprovisionActionId(candidate) == id) {
            *action = candidate;
            return true;
        }
    }
    return false;
}

bool ServerOptions::operator==(const ServerOptions& other) const
{
    return deprovisionAction == other.deprovisionAction && deletionThresholdPercent == other.deletionThresholdPercent
        && deletionThresholdMinimum == other.deletionThresholdMinimum && concurrency == other.concurrency
        && qFuzzyCompare(rateLimitPerSecond + 1, other.rateLimitPerSecond + 1)
        && requestTimeoutSeconds == other.requestTimeoutSeconds && caBundlePath == other.caBundlePath
        && protectedPatterns == other.protectedPatterns;
}
