#pragma once

#include "ConnectionStepResult.h"
#include "ConnectionVerdict.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

// The outcome of a whole connection test: what the GUI shows, `scimdesk-cli servers test`
// prints and the profile stores as the server's last test. Holds no secret.
struct ConnectionReport
{
    QString serverName;
    QString url; // as entered (never with credentials: the URL step refuses those)
    QString serverTypeName;
    QDateTime startedAt;
    QDateTime finishedAt;
    bool cancelled = false;
    bool writeRoundTripRequested = false;
    QList<ConnectionStepResult> steps;

    // The worst step verdict; Skipped when the test was cancelled (it proves nothing).
    ConnectionVerdict verdict() const;
    // One line: the verdict and, for a failure or warnings, which steps and why.
    QString summary() const;
    // The full report as plain text, to copy into a ticket or a chat.
    QString toText() const;
};

Q_DECLARE_METATYPE(ConnectionReport)
