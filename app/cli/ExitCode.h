#pragma once

// scimdesk-cli's documented exit codes (docs/cli.md). Scripts depend on them: never renumber.
enum class ExitCode : int
{
    Success = 0,
    OperationFailed = 1, // something was tried and failed (some sync operations, an import, a file)
    Usage = 2, // wrong command line: unknown option, missing argument, unknown name, refused token source
    ThresholdRefused = 3, // the plan disables/deletes more than the threshold; rerun with --confirm-deletions
    ConnectionFailed = 4, // the server could not be reached or refused the credentials
    Cancelled = 5, // interrupted (Ctrl-C)
    ProfileError = 6, // the profile database or the keychain failed
    ProfileBusy = 7, // another ScimDesk process is applying or importing into this profile; try again later
};

inline int toInt(ExitCode code)
{
    return static_cast<int>(code);
}
