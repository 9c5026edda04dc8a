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

namespace {
const QString kDisplayNameFromNames = QStringLiteral("display-name-from-names");
const QString kNamesFromDisplayName = QStringLiteral("names-from-display-name");
} // namespace

QStringList ServerOptions::allFillMissingIds()
{
    return {kDisplayNameFromNames, kNamesFromDisplayName};
}

QStringList ServerOptions::fillMissingIds() const
{
    QStringList ids;
    if (fillDisplayNameFromNames)
        ids << kDisplayNameFromNames;
    if (fillNamesFromDisplayName)
        ids << kNamesFromDisplayName;
    return ids;
}

bool ServerOptions::setFillMissingIds(const QStringList& ids, QString* unknown)
{
    bool displayName = false;
    bool names = false;
    for (const QString& id : ids) {
        if (id == kDisplayNameFromNames) {
            displayName = true;
        } else if (id == kNamesFromDisplayName) {
            names = true;
        } else {
            if (unknown)
                *unknown = id;
            return false;
        }
    }
    fillDisplayNameFromNames = displayName;
    fillNamesFromDisplayName = names;
    return true;
}

bool ServerOptions::operator==(const ServerOptions& other) const
{
    return deprovisionAction == other.deprovisionAction && deletionThresholdPercent == other.deletionThresholdPercent
        && deletionThresholdMinimum == other.deletionThresholdMinimum && concurrency == other.concurrency
        && qFuzzyCompare(rateLimitPerSecond + 1, other.rateLimitPerSecond + 1)
        && requestTimeoutSeconds == other.requestTimeoutSeconds && caBundlePath == other.caBundlePath
        && protectedPatterns == other.protectedPatterns && fillDisplayNameFromNames == other.fillDisplayNameFromNames
        && fillNamesFromDisplayName == other.fillNamesFromDisplayName;
}
