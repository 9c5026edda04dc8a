#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// One run of the real scimdesk-cli binary (SCIMDESK_CLI_PATH) on a profile, for tests: its exit
// code (-1 when it did not end normally) and what it printed. Waiting spins the caller's event
// loop, so a server living in the test process (the AWS emulator) keeps serving.
struct CliProcess
{
    int exitCode = -1;
    QString out;
    QString err;

    QJsonObject json() const;
    QString all() const { return out + err; }

    // environment: "NAME=value" entries added to this process's environment (SCIMDESK_PROFILE is
    // removed, so --profile alone decides).
    static CliProcess run(const QString& profile, const QStringList& arguments, const QByteArray& input = {},
        const QStringList& environment = {}, int timeoutMs = 120000);
};
