#pragma once

#include <QJsonObject>
#include <QString>

struct SyncPlan;

// A sync plan as scimdesk-cli prints it: the --json document (docs/cli.md, "Sync") and the text
// an admin reviews before --apply. Both say what the apply will send: the PATCH operations of
// every update, the members of every membership change with their directory and target ids,
// the users skipped and how to fix them, and the values ScimDesk filled in.
class CliPlan
{
public:
    static QJsonObject json(const SyncPlan& plan, const QString& applicationName, const QString& serverName);
    static QString text(const SyncPlan& plan, const QString& applicationName, const QString& serverName);
};
