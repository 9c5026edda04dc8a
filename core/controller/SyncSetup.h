#pragma once

#include <model/Application.h>
#include <model/ScimServer.h>

#include <QString>

// Everything the worker needs to build the engine for one application: resolved on the
// caller's thread, the secret read from the SecretStore. Never logged.
struct SyncSetup
{
    Application application;
    ScimServer server;
    QString secret;
    bool traceEnabled = false;
};
