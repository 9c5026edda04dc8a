#pragma once

#include "ExitCode.h"
#include "GlobalOptions.h"

#include "storage/ProfileLock.h"
#include "util/Result.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class DemoEnvironment;

class HeadlessSecretSource;
struct DirectorySource;
struct ScimServer;
class InterruptWatcher;
class SecretStore;
class Workspace;

// What every command works with: the parsed global options, output (text or JSON, progress
// only on a terminal), errors with their exit code, and the profile opened with the chosen
// secret source.
class CliContext : public QObject
{
    Q_OBJECT

public:
    // commandWords e.g. "servers add", used in usage lines and messages.
    CliContext(QStringList arguments, QString commandWords, QObject* parent = nullptr);
    ~CliContext() override;

    const GlobalOptions& globalOptions() const { return m_global; }
    QString commandWords() const { return m_commandWords; }

    // Commands that may read a directory source call this before parse():
    // --source-password-env NAME / --source-password-file PATH, the headless bind password.
    void addSourcePasswordOptions(QCommandLineParser& parser);

    // Adds the global options and --help, parses the command's arguments and reads the
    // global options. Returns an exit code when the command must stop here (help shown, usage
    // error reported).
    std::optional<int> parse(QCommandLineParser& parser, const QString& positionalSyntax = {});

    // The usual start of a subcommand: parse(), a usage error (usage) unless acceptArguments
    // accepts the positional arguments, then openWorkspace(). The arguments are checked before
    // the profile is opened so that a mistyped command stays a usage error even when the profile
    // cannot be opened. Returns an exit code when the command must stop here.
    std::optional<int> parseAndOpenWorkspace(QCommandLineParser& parser, const QString& positionalSyntax,
        const std::function<bool(const QStringList&)>& acceptArguments, const QString& usage);
    // The start of a subcommand that takes exactly one NAME (show, edit, remove, test): adds the
    // NAME argument, parses and opens the workspace. Returns the name, or std::nullopt with
    // *exitCode set (0 when --help was shown).
    std::optional<QString> parseNameAndOpenWorkspace(
        QCommandLineParser& parser, const QString& nameDescription, const QString& usage, int* exitCode);

    bool json() const { return m_json; }

    // Output. Text goes to stdout; progress goes to stderr and only when it is a terminal.
    void print(const QString& text) const;
    void printJson(const QJsonObject& object) const;
    void progress(const QString& text) const;
    void warn(const QString& text) const;
    // Reports an error (stderr; with --json also {"error": …} on stdout) and returns code.
    int fail(ExitCode code, const QString& message, const QString& hint = {}) const;
    // The parts of fail(), for a command that puts the error into its own JSON document.
    void printError(const QString& message, const QString& hint = {}) const;
    static QJsonObject errorJson(ExitCode code, const QString& message, const QString& hint = {});

    // The profile with the secret source the options chose (keychain, or the headless source
    // for --token-env/--token-file). Reports failures itself and returns the exit code.
    std::optional<int> openWorkspace();
    Workspace& workspace() const { return *m_workspace; }
    std::shared_ptr<Workspace> workspacePointer() const { return m_workspace; }
    // Non-null when --token-env or --token-file was given (owned by the workspace).
    HeadlessSecretSource* headlessSource() const { return m_headless; }
    // Non-null when --source-password-env or --source-password-file was given (owned by the
    // workspace); it answers only for source bind passwords.
    HeadlessSecretSource* sourcePasswordSource() const { return m_sourcePassword; }

    // The server's secret from the chosen source. Reports a failure itself (exit code 4 when
    // none is stored, 6 when the keychain fails) and returns std::nullopt with *exitCode set.
    std::optional<QString> readServerSecret(const ScimServer& server, int* exitCode);

    // The bind password of the source (empty for an anonymous bind) from the chosen source: the
    // keychain, or --source-password-env/--source-password-file. Reports a failure itself (exit
    // code 4 when none is stored, 6 when the keychain fails).
    std::optional<QString> readSourcePassword(const DirectorySource& source, int* exitCode);

    // The whole of stdin, trimmed (for --token-stdin); exact keeps it as it is but for its final
    // line break (a password).
    static QString readStandardInput(bool exact = false);

    // Runs the event loop until start's completion callback was called.
    static void waitFor(const std::function<void(std::function<void()> finished)>& start);
    // waitFor() for a call that answers with a Result.
    template<typename Value, typename Error>
    static Result<Value, Error> waitForResult(
        const std::function<void(std::function<void(Result<Value, Error>)>)>& call)
    {
        std::optional<Result<Value, Error>> answer;
        waitFor([&](std::function<void()> finished) {
            call([&answer, finished](Result<Value, Error> result) {
                answer = std::move(result);
                finished();
            });
        });
        return std::move(*answer);
    }
    // waitFor() for a call that answers with a Status: its error, or std::nullopt on success.
    template<typename Error>
    static std::optional<Error> waitForStatus(const std::function<void(std::function<void(Status<Error>)>)>& call)
    {
        std::optional<Error> error;
        waitFor([&](std::function<void()> finished) {
            call([&error, finished](Status<Error> status) {
                if (!status) {
                    error = status.error();
                }
                finished();
            });
        });
        return error;
    }

    // Ctrl-C/SIGTERM watcher for long commands; created on first use.
    InterruptWatcher* interrupts();

    // Takes the profile's write lock (ProfileLock) for a command that applies or imports, until
    // the command ends. Reports a refusal itself and returns its exit code: 7 while another
    // process holds the lock, 6 when the profile is read-only. A stale lock taken over is a warning.
    std::optional<int> lockProfileForWriting();

private:
    // The keychain, or the headless sources of --token-env/--token-file and
    // --source-password-env/--source-password-file, each answering for what it names.
    std::optional<int> createSecretStore(SecretStore** store);

    QStringList m_arguments;
    QString m_commandWords;
    GlobalOptions m_global;
    bool m_json = false;
    QString m_profileOverride;
    QString m_tokenEnv;
    QString m_tokenFile;
    bool m_tokenEnvSet = false;
    bool m_tokenFileSet = false;
    bool m_sourcePasswordOptions = false;
    QString m_sourcePasswordEnv;
    QString m_sourcePasswordFile;
    std::shared_ptr<Workspace> m_workspace;
    HeadlessSecretSource* m_headless = nullptr;
    HeadlessSecretSource* m_sourcePassword = nullptr;
    bool m_demo = false;
    std::unique_ptr<DemoEnvironment> m_demoEnvironment;
    InterruptWatcher* m_interrupts = nullptr;
    ProfileLock m_writeLock;
};
