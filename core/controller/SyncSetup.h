#pragma once

#include <model/Application.h>
#include <model/DirectorySource.h>
#include <model/ScimServer.h>
#include <sources/SourceReaderFactory.h>

#include <QString>

#include <optional>

// Everything the worker needs to build the engine for one application: resolved on the
// caller's thread, the secrets read from the SecretStore. Never logged.
struct SyncSetup
{
    Application application;
    ScimServer server;
    QString secret;
    // The application's directory source; none for the embedded directory.
    std::optional<DirectorySource> source;
    QString sourcePassword; // empty for an anonymous bind
    SourceReaderFactory sourceReaderFactory;
    bool traceEnabled = false;
};
