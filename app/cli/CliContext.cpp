#include "CliContext.h"

#include "DemoEnvironment.h"
#include "SandboxServer.h"

#include "InterruptWatcher.h"

#include "model/DirectorySource.h"
#include "secrets/HeadlessSecretSource.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/SecretRouter.h"
#include "servers/ServerCatalog.h"
#include "storage/Database.h"
#include "storage/Profile.h"
#include "util/DisplayText.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace {
void writeBytes(FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    if (!text.endsWith(QLatin1Char('\n'))) {
        std::fputc('\n', stream);
    }
    std::fflush(stream);
}

// Commands that change the profile's settings: on a read-only profile they are refused before
// anything is asked or sent. (Applies and imports take the write lock, which checks the same.)
bool changesProfile(const QString& commandWords)
{
    static const QStringList words {QStringLiteral("servers add"), QStringLiteral("servers edit"),
        QStringLiteral("servers remove"), QStringLiteral("apps add"), QStringLiteral("apps edit"),
        QStringLiteral("apps remove"), QStringLiteral("directory users add"), QStringLiteral("directory users edit"),
        QStringLiteral("directory users remove"), QStringLiteral("directory groups add"),
        QStringLiteral("directory groups edit"), QStringLiteral("directory groups remove")};
    return words.contains(commandWords);
}

// Text for a terminal. Commands escape each server or directory value they print (so a line
// break in a value cannot fake a line either); this is the net under them: no control
// character but line breaks and tabs ever reaches the terminal, whoever composed the text.
void writeTo(FILE* stream, const QString& text)
{
    writeBytes(stream, DisplayText::escapedKeepingLines(text));
}
} // namespace

CliContext::CliContext(QStringList arguments, QString commandWords, QObject* parent)
    : QObject(parent)
    , m_arguments(std::move(arguments))
    , m_commandWords(std::move(commandWords))
{
}

CliContext::~CliContext() = default;

std::optional<int> CliContext::parse(QCommandLineParser& parser, const QString& positionalSyntax)
{
    m_global.addTo(parser);
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(m_arguments)) {
        return fail(ExitCode::Usage, parser.errorText(), tr("See: scimdesk-cli %1 --help").arg(m_commandWords));
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // QCommandLineParser knows only the program; name the command words too.
        const int lineEnd = text.indexOf(QLatin1Char('\n'));
        text.replace(0, lineEnd,
            tr("Usage: scimdesk-cli %1 [options]%2")
                .arg(m_commandWords, positionalSyntax.isEmpty() ? QString() : QLatin1Char(' ') + positionalSyntax));
        print(text);
        return toInt(ExitCode::Success);
    }
    m_json = parser.isSet(m_global.json);
    m_demo = parser.isSet(m_global.demo);
    m_profileOverride = parser.value(m_global.profile);
    m_tokenEnvSet = parser.isSet(m_global.tokenEnv);
    m_tokenFileSet = parser.isSet(m_global.tokenFile);
    m_tokenEnv = parser.value(m_global.tokenEnv);
    m_tokenFile = parser.value(m_global.tokenFile);
    if (m_tokenEnvSet && m_tokenFileSet) {
        return fail(ExitCode::Usage, tr("--token-env and --token-file cannot be combined."),
            tr("Choose one place to read the secret from."));
    }
    if (m_sourcePasswordOptions) {
        const bool env = parser.isSet(QStringLiteral("source-password-env"));
        const bool file = parser.isSet(QStringLiteral("source-password-file"));
        if (env && file) {
            return fail(ExitCode::Usage, tr("--source-password-env and --source-password-file cannot be combined."),
                tr("Choose one place to read the bind password from."));
        }
        m_sourcePasswordEnv = env ? parser.value(QStringLiteral("source-password-env")) : QString();
        m_sourcePasswordFile = file ? parser.value(QStringLiteral("source-password-file")) : QString();
        if ((env && m_sourcePasswordEnv.isEmpty()) || (file && m_sourcePasswordFile.isEmpty())) {
            return fail(ExitCode::Usage, tr("--source-password-env and --source-password-file need a name or path."));
        }
    }
    return std::nullopt;
}

void CliContext::addSourcePasswordOptions(QCommandLineParser& parser)
{
    m_sourcePasswordOptions = true;
    parser.addOption(QCommandLineOption(QStringLiteral("source-password-env"),
        tr("Headless: read the directory source's bind password from environment variable <name> instead of the "
           "keychain (never stored)."),
        tr("name")));
    parser.addOption(QCommandLineOption(QStringLiteral("source-password-file"),
        tr("Headless: read the directory source's bind password from <path> (owner-only file, chmod 600; its "
           "content is the password, a final line break excluded) instead of the keychain (never stored)."),
        tr("path")));
}

std::optional<int> CliContext::parseAndOpenWorkspace(QCommandLineParser& parser, const QString& positionalSyntax,
    const std::function<bool(const QStringList&)>& acceptArguments, const QString& usage)
{
    if (auto stop = parse(parser, positionalSyntax)) {
        return stop;
    }
    if (!acceptArguments(parser.positionalArguments())) {
        return fail(ExitCode::Usage, usage);
    }
    return openWorkspace();
}

std::optional<QString> CliContext::parseNameAndOpenWorkspace(
    QCommandLineParser& parser, const QString& nameDescription, const QString& usage, int* exitCode)
{
    parser.addPositionalArgument(QStringLiteral("name"), nameDescription);
    const auto oneName = [](const QStringList& arguments) { return arguments.size() == 1; };
    if (auto stop = parseAndOpenWorkspace(parser, QStringLiteral("NAME"), oneName, usage)) {
        *exitCode = *stop;
        return std::nullopt;
    }
    return parser.positionalArguments().constFirst();
}

void CliContext::print(const QString& text) const
{
    writeTo(stdout, text);
}

void CliContext::printJson(const QJsonObject& object) const
{
    // JSON escapes control characters itself; the document stays exactly what JSON says.
    writeBytes(stdout, QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

void CliContext::progress(const QString& text) const
{
    if (m_json || !::isatty(STDERR_FILENO)) {
        return;
    }
    // \r keeps one updating line; the final newline is written by the caller's next message.
    const QByteArray bytes = (QLatin1Char('\r') + DisplayText::escaped(text) + QStringLiteral("\x1b[K")).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void CliContext::warn(const QString& text) const
{
    writeTo(stderr, tr("warning: %1").arg(text));
}

int CliContext::fail(ExitCode code, const QString& message, const QString& hint) const
{
    printError(message, hint);
    if (m_json) {
        printJson(QJsonObject {{QStringLiteral("error"), errorJson(code, message, hint)}});
    }
    return toInt(code);
}

void CliContext::printError(const QString& message, const QString& hint) const
{
    writeTo(stderr, hint.isEmpty() ? tr("error: %1").arg(message) : tr("error: %1\n  %2").arg(message, hint));
}

QJsonObject CliContext::errorJson(ExitCode code, const QString& message, const QString& hint)
{
    QJsonObject error {{QStringLiteral("exitCode"), toInt(code)}, {QStringLiteral("message"), message}};
    if (!hint.isEmpty()) {
        error.insert(QStringLiteral("hint"), hint);
    }
    return error;
}

std::optional<int> CliContext::openWorkspace()
{
    if (m_demo) {
        // The demo's sandbox lives as long as this command; its token is in memory only.
        m_demoEnvironment = std::make_unique<DemoEnvironment>();
        const QString directory = m_profileOverride.isEmpty() ? DemoEnvironment::defaultDirectory()
                                                              : Profile::resolveDirectory(m_profileOverride);
        auto started = m_demoEnvironment->start(directory);
        if (!started) {
            return fail(ExitCode::ProfileError, tr("Cannot start the demo: %1").arg(started.error()),
                tr("Check the directory and its permissions, or choose another one with --profile."));
        }
        m_workspace = started.value();
        warn(tr("demo profile %1, sandbox at %2").arg(directory, m_demoEnvironment->sandbox().baseUrl().toString()));
        return std::nullopt;
    }
    SecretStore* secrets = nullptr;
    if (auto stop = createSecretStore(&secrets)) {
        return stop;
    }
    const QString directory = Profile::resolveDirectory(m_profileOverride);
    auto opened = Workspace::open(directory, secrets);
    if (!opened) {
        m_headless = nullptr;
        m_sourcePassword = nullptr;
        return fail(ExitCode::ProfileError,
            tr("Cannot open the profile in %1: %2").arg(directory, opened.error().message),
            tr("Check the directory and its permissions, or choose another one with --profile."));
    }
    m_workspace = opened.value();
    for (const QString& warning : m_workspace->profile().warnings()) {
        warn(warning);
    }
    if (changesProfile(m_commandWords) && m_workspace->database()->isReadOnly()) {
        const StorageError error = m_workspace->database()->readOnlyError();
        return fail(ExitCode::ProfileError, error.message);
    }
    return std::nullopt;
}

std::optional<int> CliContext::createSecretStore(SecretStore** store)
{
    std::unique_ptr<SecretStore> serverSecrets;
    if (m_tokenEnvSet || m_tokenFileSet) {
        auto source = m_tokenEnvSet ? HeadlessSecretSource::fromEnvironment(m_tokenEnv)
                                    : HeadlessSecretSource::fromFile(m_tokenFile);
        if (!source) {
            return fail(ExitCode::Usage, source.error().message, source.error().hint);
        }
        m_headless = source.value().get();
        serverSecrets = std::move(source.value());
    }
    std::unique_ptr<SecretStore> sourcePasswords;
    if (!m_sourcePasswordEnv.isEmpty() || !m_sourcePasswordFile.isEmpty()) {
        const auto content = HeadlessSecretSource::Content::SourcePassword;
        auto source = m_sourcePasswordEnv.isEmpty()
            ? HeadlessSecretSource::fromFile(m_sourcePasswordFile, content)
            : HeadlessSecretSource::fromEnvironment(m_sourcePasswordEnv, content);
        if (!source) {
            m_headless = nullptr;
            return fail(ExitCode::Usage, source.error().message, source.error().hint);
        }
        m_sourcePassword = source.value().get();
        sourcePasswords = std::move(source.value());
    }
    if (!serverSecrets && !sourcePasswords) {
        *store = new KeychainSecretStore();
        return std::nullopt;
    }
    // Each headless option answers only for what it names; the rest stays with the keychain.
    SecretStore* servers = serverSecrets ? serverSecrets.release() : new KeychainSecretStore();
    SecretStore* sources = sourcePasswords ? sourcePasswords.release() : new KeychainSecretStore();
    *store = new SecretRouter(servers, sources);
    return std::nullopt;
}

std::optional<QString> CliContext::readSourcePassword(const DirectorySource& source, int* exitCode)
{
    if (source.anonymousBind()) {
        return QString();
    }
    std::optional<Result<QString, SecretError>> password;
    waitFor([&](std::function<void()> finished) {
        m_workspace->secrets()->read(
            SecretKey::forSource(source.id), this, [&password, finished](Result<QString, SecretError> result) {
                password = result;
                finished();
            });
    });
    if (password->ok()) {
        return password->value();
    }
    const SecretError& error = password->error();
    const bool missing = error.kind == SecretError::Kind::NotFound;
    const QString hint = missing
        ? tr("Store it with: scimdesk-cli sources edit \"%1\" --password-stdin").arg(source.name)
        : (error.hint.isEmpty() ? SecretError::defaultHint(error.kind) : error.hint);
    *exitCode = fail(missing ? ExitCode::ConnectionFailed : ExitCode::ProfileError,
        tr("The bind password of the directory source \"%1\" cannot be read: %2").arg(source.name, error.message),
        hint + QLatin1Char('\n')
            + tr("  On a machine without a keychain, use --source-password-env NAME or --source-password-file PATH."));
    return std::nullopt;
}

std::optional<QString> CliContext::readServerSecret(const ScimServer& server, int* exitCode)
{
    std::optional<Result<QString, SecretError>> secret;
    waitFor([&](std::function<void()> finished) {
        const SecretKey key {server.id, ServerCatalog::secretPurpose(server.auth.scheme)};
        m_workspace->secrets()->read(key, this, [&secret, finished](Result<QString, SecretError> result) {
            secret = result;
            finished();
        });
    });
    if (secret->ok()) {
        return secret->value();
    }
    const SecretError& error = secret->error();
    const QString hint = error.hint.isEmpty() ? SecretError::defaultHint(error.kind) : error.hint;
    *exitCode = fail(error.kind == SecretError::Kind::NotFound ? ExitCode::ConnectionFailed : ExitCode::ProfileError,
        tr("The secret of the server \"%1\" cannot be read: %2").arg(server.name, error.message),
        hint + QLatin1Char('\n') + tr("  On a machine without a keychain, use --token-env NAME or --token-file PATH."));
    return std::nullopt;
}

QString CliContext::readStandardInput(bool exact)
{
    if (::isatty(STDIN_FILENO)) {
        // Typed by hand: one line, not echoed, so the secret never shows on screen.
        writeTo(stderr, tr("Enter the secret (input is hidden), then press Enter:"));
        termios saved {};
        const bool canHide = ::tcgetattr(STDIN_FILENO, &saved) == 0;
        if (canHide) {
            termios hidden = saved;
            hidden.c_lflag &= ~tcflag_t(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSANOW, &hidden);
        }
        QTextStream input(stdin);
        const QString line = input.readLine();
        if (canHide) {
            ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
            std::fputc('\n', stderr);
        }
        return exact ? line : line.trimmed();
    }
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly)) {
        return {};
    }
    QString text = QString::fromUtf8(input.readAll());
    if (!exact) {
        return text.trimmed();
    }
    if (text.endsWith(QLatin1Char('\n'))) {
        text.chop(text.endsWith(QLatin1String("\r\n")) ? 2 : 1);
    }
    return text;
}

void CliContext::waitFor(const std::function<void(std::function<void()> finished)>& start)
{
    QEventLoop loop;
    bool done = false;
    start([&done, &loop] {
        done = true;
        loop.quit();
    });
    if (!done) {
        loop.exec();
    }
}

InterruptWatcher* CliContext::interrupts()
{
    if (!m_interrupts) {
        m_interrupts = new InterruptWatcher(this);
    }
    return m_interrupts;
}

std::optional<int> CliContext::lockProfileForWriting()
{
    if (m_workspace->database()->isReadOnly()) {
        return fail(ExitCode::ProfileError, m_workspace->database()->readOnlyError().message);
    }
    auto lock = ProfileLock::acquire(m_workspace->database()->filePath());
    if (!lock) {
        const StorageError& error = lock.error();
        return fail(
            error.kind == StorageError::Kind::Busy ? ExitCode::ProfileBusy : ExitCode::ProfileError, error.message);
    }
    if (!lock->takenOver().isEmpty()) {
        warn(lock->takenOver());
    }
    m_writeLock = std::move(lock).value();
    return std::nullopt;
}
