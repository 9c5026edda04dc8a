#pragma once

#include <QString>
#include <QStringList>

enum class DeprovisionAction
{
    Disable, // PATCH active=false
    Delete,
    None,
};

// How ScimDesk treats one server: deprovisioning, safety limits and traffic shaping.
struct ServerOptions
{
    DeprovisionAction deprovisionAction = DeprovisionAction::Disable;
    // A plan that disables or deletes more than max(thresholdPercent % of managed objects,
    // thresholdMinimum) objects needs explicit confirmation.
    int deletionThresholdPercent = 5;
    int deletionThresholdMinimum = 10;
    int concurrency = 4;
    double rateLimitPerSecond = 0; // 0: no client-side limit
    int requestTimeoutSeconds = 30;
    QString caBundlePath; // extra CA certificates (PEM) trusted for this server
    QStringList protectedPatterns; // regexes on userName/displayName never touched

    static QString deprovisionActionId(DeprovisionAction action);
    static bool deprovisionActionFromId(const QString& id, DeprovisionAction* action);

    bool operator==(const ServerOptions& other) const;
};
