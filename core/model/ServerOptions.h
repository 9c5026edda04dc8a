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
    // Values ScimDesk may invent for an attribute the server requires when the directory leaves
    // it empty. Off unless the admin turns them on: an invented value is wrong data on the
    // target, so the plan lists every user it is used for.
    bool fillDisplayNameFromNames = false; // displayName := "<givenName> <familyName>"
    bool fillNamesFromDisplayName = false; // name.givenName/familyName split from displayName

    static QString deprovisionActionId(DeprovisionAction action);
    static bool deprovisionActionFromId(const QString& id, DeprovisionAction* action);
    // The fills that are on, as ids ("display-name-from-names", "names-from-display-name"), and
    // back; an unknown id is refused with *unknown set to it.
    QStringList fillMissingIds() const;
    static QStringList allFillMissingIds();
    bool setFillMissingIds(const QStringList& ids, QString* unknown = nullptr);

    bool operator==(const ServerOptions& other) const;
};
