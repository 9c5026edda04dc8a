#pragma once

#include "model/DirectorySource.h"
#include "sources/SourceLoader.h"

#include <optional>

class CliContext;

// scimdesk-cli sources read NAME [--full]: reads a directory source now into its cache (an
// incremental read when the last one allows it), prints the counts and what the admin should
// know, and writes to no SCIM server. Also the read `apps add|edit` and `provision-user` run
// when a source's cache is still empty, to find users and groups by name.
class SourceReadCommand
{
public:
    explicit SourceReadCommand(CliContext& context);

    int run();

    // Reads source now with progress and Ctrl-C; the bind password comes from the keychain or
    // --source-password-env/-file. Reports a failure itself and returns its exit code (4, or 5
    // when interrupted, 6 when the keychain fails).
    std::optional<int> readNow(const DirectorySource& source, bool full, SourceLoadSummary* summary);
    // readNow() unless the source's cache already holds a read.
    std::optional<int> ensureRead(const DirectorySource& source);
    // The local id of a user (by userName or DN) or group (by name or DN) of the source's last
    // read, reading the source first when it was never read. Reports a missing or ambiguous name.
    std::optional<int> find(const DirectorySource& source, bool group, const QString& name, qint64* id);

private:
    int failRead(const DirectorySource& source, const SourceReadError& error) const;
    void printSummary(const DirectorySource& source, const SourceLoadSummary& summary) const;

    CliContext& m_context;
};
