#pragma once

#include "servertypes/ServerType.h"

#include <QDateTime>
#include <QList>

// How a connection test runs. The defaults are what the GUI and the CLI use.
struct ConnectionTestOptions
{
    // Create, read back and delete a temporary user. Off by default: it writes to the target.
    bool writeRoundTrip = false;
    // Per-request timeout; 0 takes the server's option (requestTimeoutSeconds).
    int requestTimeoutMs = 0;
    // How often a failed request is tried in total (429, 5xx, timeouts). Kept low so a test
    // reports a problem quickly instead of hiding it behind long retries.
    int maxAttempts = 2;
    // "Now" for the token-age check; invalid means the current time.
    QDateTime now;
    // Every server-type preset: their connection hints recognise a product's URLs (and the
    // URLs pasted by mistake) even when the server's own type is another one.
    QList<ServerType> knownServerTypes;
};
