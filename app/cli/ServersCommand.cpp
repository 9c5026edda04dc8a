#include "ServersCommand.h"

#include "CliContext.h"
#include "CliJson.h"
#include "InterruptWatcher.h"
#include "StepText.h"

#include "connection/ServerConnectionTest.h"
#include "secrets/HeadlessSecretSource.h"
#include "servers/ServerCatalog.h"
#include "servertypes/ServerTypeRegistry.h"
#include "tls/CaCertificateBundle.h"
#include "util/DisplayText.h"
#include "validation/ServerSettingsValidator.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTextStream>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

} // namespace

ExitCode ServersCommand::exitCodeFor(const ServerSaveError& error)
{
    switch (error.source) {
    case ServerSaveError::Source::Validation:
        return ExitCode::Usage;
    case ServerSaveError::Source::Storage:
    case ServerSaveError::Source::Keychain:
        return ExitCode::ProfileError;
    }
    return ExitCode::OperationFailed;
}

namespace {

QString fieldOption(const QString& field)
{
    // Point at the option an admin typed, not at the form field name.
    if (field == QLatin1String("secret")) {
        return QStringLiteral("--token-stdin / --token-env / --token-file");
    }
    if (field == QLatin1String("auth.basicUsername")) {
        return QStringLiteral("--basic-username");
    }
    if (field == QLatin1String("auth.oauthTokenUrl")) {
        return QStringLiteral("--oauth-token-url");
    }
    if (field == QLatin1String("auth.oauthClientId")) {
        return QStringLiteral("--oauth-client-id");
    }
    if (field == QLatin1String("options.caBundlePath")) {
        return QStringLiteral("--ca-file");
    }
    if (field == QLatin1String("name") || field == QLatin1String("url") || field == QLatin1String("description")) {
        return QStringLiteral("--") + field;
    }
    // Attribute mappings come from the preset (--type): no option of their own to point at.
    return {};
}

// A URL an older version stored with a user name or password in it: never printed, and reported
// (the client refuses to connect with it).
void warnIfUrlHasCredentials(const CliContext& context, const ScimServer& server)
{
    if (ServerSettingsValidator::urlHasCredentials(server.url)) {
        context.warn(tr("server \"%1\": %2\n  Fix it with: scimdesk-cli servers edit \"%1\" --url URL")
                         .arg(server.name, ServerSettingsValidator::urlError(server.url)));
    }
}

// `servers show`: the trusted CA file and, indented under it, each certificate's subject,
// SHA-256 fingerprint and validity — what an admin compares with what the CA's owner says.
QString trustedCaText(const QString& caFile)
{
    const QString indent(17, QLatin1Char(' '));
    if (caFile.isEmpty()) {
        return tr("Trusted CA:      none (this computer's certificate authorities only)");
    }
    QString text = tr("Trusted CA:      %1").arg(QDir::toNativeSeparators(caFile));
    const auto bundle = CaCertificateBundle::load(caFile);
    if (!bundle) {
        return text + QLatin1Char('\n') + indent + tr("error: %1").arg(bundle.error());
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const CaCertificateInfo& info : bundle->describe()) {
        text += QLatin1Char('\n') + indent + info.subject();
        text += QLatin1Char('\n') + indent + tr("  SHA-256 %1").arg(info.sha256Fingerprint);
        text += QLatin1Char('\n') + indent
            + tr("  valid %1 to %2").arg(CliJson::timestamp(info.validFrom), CliJson::timestamp(info.validUntil));
        if (const QString problem = info.validityProblem(now); !problem.isEmpty()) {
            text += QLatin1Char('\n') + indent + tr("  warning: %1").arg(problem);
        }
    }
    return text;
}
} // namespace

ServersCommand::EditOptions::EditOptions()
    : name(QStringLiteral("name"), tr("Server name (unique)."), tr("name"))
    , description(QStringLiteral("description"), tr("Description."), tr("text"))
    , url(QStringLiteral("url"), tr("SCIM base URL, e.g. https://scim.us-east-1.amazonaws.com/<tenant>/scim/v2/"),
          tr("url"))
    , type(QStringLiteral("type"),
          tr("Server type preset id (aws-iam-identity-center, github-emu, salesforce, generic-scim2); fills in "
             "authentication, mappings, static attributes and capabilities."),
          tr("id"))
    , authScheme(QStringLiteral("auth-scheme"),
          tr("Authentication: access-token, basic or oauth2-client-credentials (default: the preset's)."), tr("scheme"))
    , basicUsername(QStringLiteral("basic-username"), tr("User name for Basic authentication."), tr("name"))
    , oauthTokenUrl(QStringLiteral("oauth-token-url"), tr("OAuth 2.0 token endpoint."), tr("url"))
    , oauthClientId(QStringLiteral("oauth-client-id"), tr("OAuth 2.0 client id."), tr("id"))
    , oauthScope(QStringLiteral("oauth-scope"), tr("OAuth 2.0 scope."), tr("scope"))
    , caFile(QStringLiteral("ca-file"),
          tr("PEM file with the certificate of a private certificate authority (or of your company's TLS "
             "inspection) to trust for this server, besides the system's; \"\" clears it. Certificate errors are "
             "never ignored."),
          tr("pem"))
    , tokenStdin(QStringLiteral("token-stdin"),
          tr("Read the secret (token, password or client secret) from standard input and store it in the keychain."))
{
}

void ServersCommand::EditOptions::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({name, description, url, type, authScheme, basicUsername, oauthTokenUrl, oauthClientId,
        oauthScope, caFile, tokenStdin});
    serverOptions.addTo(parser);
}

ServersCommand::ServersCommand(CliContext& context)
    : m_context(context)
{
}

QString ServersCommand::summary()
{
    return tr("  servers list|show|add|edit|remove|test   SCIM servers and their connection test");
}

int ServersCommand::failSave(const ServerSaveError& error) const
{
    if (error.source == ServerSaveError::Source::Keychain) {
        return m_context.fail(exitCodeFor(error), error.message,
            error.hint + QLatin1Char('\n')
                + tr("  On a machine without a keychain, use --token-env NAME or --token-file PATH instead."));
    }
    // The option belongs to the first message, the one error.field names.
    QString message = error.message;
    if (const QString option = fieldOption(error.field); !option.isEmpty()) {
        const qsizetype firstLineEnd = message.indexOf(QLatin1Char('\n'));
        message.insert(firstLineEnd < 0 ? message.size() : firstLineEnd, tr(" (%1)").arg(option));
    }
    return m_context.fail(exitCodeFor(error), message, error.hint);
}

int ServersCommand::usageHelp() const
{
    return m_context.fail(ExitCode::Usage, tr("Choose what to do with servers: list, show, add, edit, remove or test."),
        tr("See: scimdesk-cli servers <subcommand> --help"));
}

int ServersCommand::run(const QString& subcommand)
{
    if (subcommand == QLatin1String("list")) {
        return list();
    }
    if (subcommand == QLatin1String("show")) {
        return show();
    }
    if (subcommand == QLatin1String("add")) {
        return add();
    }
    if (subcommand == QLatin1String("edit")) {
        return edit();
    }
    if (subcommand == QLatin1String("remove")) {
        return remove();
    }
    if (subcommand == QLatin1String("test")) {
        return test();
    }
    return usageHelp();
}

std::optional<ScimServer> ServersCommand::openNamedServer(
    QCommandLineParser& parser, const QString& nameDescription, const QString& usage, int* exitCode)
{
    const auto name = m_context.parseNameAndOpenWorkspace(parser, nameDescription, usage, exitCode);
    if (!name) {
        return std::nullopt;
    }
    auto server = m_context.workspace().servers()->repository().findByName(*name);
    if (!server) {
        *exitCode = m_context.fail(ExitCode::Usage, tr("There is no server named \"%1\".").arg(*name),
            tr("List them with: scimdesk-cli servers list"));
    }
    return server;
}

int ServersCommand::list()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists the SCIM servers of the profile."));
    if (auto stop = m_context.parse(parser)) {
        return *stop;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return m_context.fail(ExitCode::Usage, tr("servers list takes no arguments."));
    }
    if (auto stop = m_context.openWorkspace()) {
        return *stop;
    }
    ServerRepository& repository = m_context.workspace().servers()->repository();
    const QList<ScimServer> servers = repository.list();
    for (const ScimServer& server : servers) {
        warnIfUrlHasCredentials(m_context, server);
    }
    if (m_context.json()) {
        QJsonArray array;
        for (const ScimServer& server : servers) {
            array.append(CliJson::server(server, repository.applicationsUsing(server.id)));
        }
        m_context.printJson(QJsonObject {{QStringLiteral("servers"), array}});
        return toInt(ExitCode::Success);
    }
    if (servers.isEmpty()) {
        m_context.print(tr("No SCIM servers yet. Add one with: scimdesk-cli servers add --help"));
        return toInt(ExitCode::Success);
    }
    QString text;
    QTextStream stream(&text);
    for (const ScimServer& server : servers) {
        const QString verdict = server.lastTestVerdict.isEmpty() ? tr("never tested") : server.lastTestVerdict;
        stream << server.name << QLatin1Char('\t') << server.serverTypeId << QLatin1Char('\t')
               << ServerSettingsValidator::displayUrl(server.url) << QLatin1Char('\t') << verdict << QLatin1Char('\n');
    }
    m_context.print(text);
    return toInt(ExitCode::Success);
}

void ServersCommand::printServer(const ScimServer& server)
{
    ServerRepository& repository = m_context.workspace().servers()->repository();
    const QStringList applications = repository.applicationsUsing(server.id);
    warnIfUrlHasCredentials(m_context, server);
    if (m_context.json()) {
        m_context.printJson(CliJson::server(server, applications));
        return;
    }
    QString text;
    QTextStream stream(&text);
    stream << tr("Name:            %1").arg(server.name) << '\n';
    stream << tr("Description:     %1").arg(server.description) << '\n';
    stream << tr("URL:             %1").arg(ServerSettingsValidator::displayUrl(server.url)) << '\n';
    stream << tr("Server type:     %1").arg(server.serverTypeId) << '\n';
    stream << trustedCaText(server.options.caBundlePath) << '\n';
    stream << tr("Authentication:  %1").arg(AuthSettings::schemeDisplayName(server.auth.scheme)) << '\n';
    if (server.auth.scheme == AuthScheme::Basic) {
        stream << tr("Basic user name: %1").arg(server.auth.basicUsername) << '\n';
    }
    if (server.auth.scheme == AuthScheme::OAuthClientCredentials) {
        stream << tr("OAuth token URL: %1").arg(server.auth.oauthTokenUrl) << '\n';
        stream << tr("OAuth client id: %1").arg(server.auth.oauthClientId) << '\n';
        stream << tr("OAuth scope:     %1").arg(server.auth.oauthScope) << '\n';
    }
    stream << tr("Secret stored:   %1 (%2)")
                  .arg(server.secretStoredAt.isValid() ? CliJson::timestamp(server.secretStoredAt) : tr("never"),
                      CliJson::secretAgeId(server.secretAge()))
           << '\n';
    stream << tr("Deprovisioning:  %1; deletion threshold %2 %, at least %3")
                  .arg(ServerOptions::deprovisionActionId(server.options.deprovisionAction))
                  .arg(server.options.deletionThresholdPercent)
                  .arg(server.options.deletionThresholdMinimum)
           << '\n';
    stream << tr("Fill missing:    %1")
                  .arg(server.options.fillMissingIds().isEmpty()
                          ? tr("none")
                          : server.options.fillMissingIds().join(QStringLiteral(", ")))
           << '\n';
    stream << tr("Protected:       %1")
                  .arg(server.options.protectedPatterns.isEmpty()
                          ? tr("none")
                          : server.options.protectedPatterns.join(QStringLiteral("  ")))
           << '\n';
    stream << tr("Requests:        %1 in parallel, %2, timeout %3 s")
                  .arg(server.options.concurrency)
                  .arg(server.options.rateLimitPerSecond > 0
                          ? tr("at most %1 per second").arg(server.options.rateLimitPerSecond)
                          : tr("no rate limit"))
                  .arg(server.options.requestTimeoutSeconds)
           << '\n';
    stream << tr("Mappings:        %1 attribute mappings, %2 static attributes")
                  .arg(server.userMappings.size())
                  .arg(server.staticAttributes.size())
           << '\n';
    stream << tr("Last test:       %1")
                  .arg(server.lastTestVerdict.isEmpty()
                          ? tr("never")
                          : QStringLiteral("%1 %2 — %3")
                                .arg(server.lastTestVerdict, CliJson::timestamp(server.lastTestAt),
                                    server.lastTestSummary))
           << '\n';
    stream
        << tr("Applications:    %1").arg(applications.isEmpty() ? tr("none") : applications.join(QStringLiteral(", ")));
    m_context.print(text);
}

int ServersCommand::show()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Shows one SCIM server (never its secret)."));
    int exitCode = 0;
    const auto server = openNamedServer(
        parser, tr("The server's name."), tr("Name one server: scimdesk-cli servers show NAME"), &exitCode);
    if (!server) {
        return exitCode;
    }
    printServer(*server);
    return toInt(ExitCode::Success);
}

std::optional<int> ServersCommand::applyOptions(
    const QCommandLineParser& parser, const EditOptions& options, ScimServer& server)
{
    if (parser.isSet(options.name)) {
        server.name = parser.value(options.name).trimmed();
    }
    if (parser.isSet(options.description)) {
        server.description = parser.value(options.description);
    }
    if (parser.isSet(options.url)) {
        server.url = parser.value(options.url).trimmed();
    }
    if (parser.isSet(options.type)) {
        const QString typeId = parser.value(options.type).trimmed();
        const auto preset = m_context.workspace().serverTypes().find(typeId);
        if (!preset) {
            QStringList ids;
            for (const ServerType& type : m_context.workspace().serverTypes().all()) {
                ids << type.id;
            }
            return m_context.fail(ExitCode::Usage, tr("Unknown server type \"%1\".").arg(typeId),
                tr("Choose one of: %1").arg(ids.join(QStringLiteral(", "))));
        }
        server.serverTypeId = preset->id;
        server = ServerTypeRegistry::applyPreset(*preset, server).result;
    }
    if (parser.isSet(options.authScheme)) {
        const auto scheme = AuthSettings::schemeFromId(parser.value(options.authScheme).trimmed());
        if (!scheme) {
            return m_context.fail(ExitCode::Usage,
                tr("Unknown authentication scheme \"%1\".").arg(parser.value(options.authScheme)),
                tr("Choose one of: access-token, basic, oauth2-client-credentials"));
        }
        server.auth.scheme = *scheme;
    }
    if (parser.isSet(options.basicUsername)) {
        server.auth.basicUsername = parser.value(options.basicUsername).trimmed();
    }
    if (parser.isSet(options.oauthTokenUrl)) {
        server.auth.oauthTokenUrl = parser.value(options.oauthTokenUrl).trimmed();
    }
    if (parser.isSet(options.oauthClientId)) {
        server.auth.oauthClientId = parser.value(options.oauthClientId).trimmed();
    }
    if (parser.isSet(options.oauthScope)) {
        server.auth.oauthScope = parser.value(options.oauthScope).trimmed();
    }
    if (parser.isSet(options.caFile)) {
        // Stored absolute: a scheduled run starts in another folder than the admin's shell.
        const QString path = parser.value(options.caFile);
        server.options.caBundlePath = path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    }
    // After --type: explicit options win over the preset's.
    if (const auto problem = options.serverOptions.apply(parser, server.options)) {
        return m_context.fail(ExitCode::Usage, problem->message, problem->hint);
    }
    return std::nullopt;
}

QString ServersCommand::secretFromOptions(const QCommandLineParser& parser, const EditOptions& options)
{
    if (parser.isSet(options.tokenStdin)) {
        return CliContext::readStandardInput();
    }
    HeadlessSecretSource* headless = m_context.headlessSource();
    if (!headless) {
        return {};
    }
    QString secret;
    CliContext::waitFor([&](std::function<void()> finished) {
        headless->read(SecretKey {}, &m_context, [&secret, finished](Result<QString, SecretError> result) {
            if (result) {
                secret = result.value();
            }
            finished();
        });
    });
    return secret;
}

int ServersCommand::add()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Adds a SCIM server. --type applies the server type's preset (authentication, attribute mappings, "
           "static attributes, capabilities) as the GUI does; options given explicitly override it.\n"
           "The secret is stored in the system keychain. Give it on standard input (--token-stdin); a token is "
           "never accepted as a command-line argument. With --token-env/--token-file the secret stays in the "
           "variable/file and is read from there on every run."));
    const EditOptions options;
    options.addTo(parser);
    if (auto stop = m_context.parse(parser)) {
        return *stop;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return m_context.fail(ExitCode::Usage,
            tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().constFirst()),
            tr("Give the server's name with --name."));
    }
    if (!parser.isSet(options.name) || !parser.isSet(options.url)) {
        return m_context.fail(ExitCode::Usage, tr("--name and --url are required."),
            tr("Example: scimdesk-cli servers add --name AWS --type aws-iam-identity-center --url URL --token-stdin"));
    }
    if (parser.isSet(options.tokenStdin) && m_context.headlessSource()) {
        return m_context.fail(ExitCode::Usage, tr("--token-stdin cannot be combined with --token-env/--token-file."));
    }
    if (auto stop = m_context.openWorkspace()) {
        return *stop;
    }
    ScimServer server;
    if (auto stop = applyOptions(parser, options, server)) {
        return *stop;
    }
    // The settings before the secret: nothing is read from stdin or the keychain for a server
    // that would be refused anyway.
    if (auto status = m_context.workspace().servers()->validate(server); !status) {
        return failSave(status.error());
    }
    const QString secret = secretFromOptions(parser, options);
    if (secret.isEmpty()) {
        return m_context.fail(ExitCode::Usage, tr("No secret given for the server."),
            tr("Pipe it in with --token-stdin (e.g. from your password manager), or use --token-env NAME / "
               "--token-file PATH on a machine without a keychain."));
    }
    const auto id = CliContext::waitForResult<qint64, ServerSaveError>(
        [&](auto done) { m_context.workspace().servers()->create(server, secret, &m_context, done); });
    if (!id) {
        return failSave(id.error());
    }
    const auto created = m_context.workspace().servers()->repository().find(id.value());
    if (!created) {
        return m_context.fail(ExitCode::ProfileError, tr("The server was saved but cannot be read back."));
    }
    if (m_context.json()) {
        printServer(*created);
    } else {
        m_context.print(m_context.headlessSource()
                ? tr("Added server \"%1\". Its secret is read from the %2 on every run.")
                      .arg(created->name, m_context.headlessSource()->origin())
                : tr("Added server \"%1\"; its secret is stored in the system keychain.").arg(created->name));
    }
    return toInt(ExitCode::Success);
}

int ServersCommand::edit()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Changes a SCIM server. Only the options given change; --name renames it, --type re-applies a preset, "
           "--ca-file \"\" stops trusting the server's own CA, --token-stdin replaces the stored secret."));
    const EditOptions options;
    options.addTo(parser);
    int exitCode = 0;
    auto server = openNamedServer(parser, tr("The server's current name."),
        tr("Name one server: scimdesk-cli servers edit NAME [options]"), &exitCode);
    if (!server) {
        return exitCode;
    }
    if (auto stop = applyOptions(parser, options, *server)) {
        return *stop;
    }
    if (auto status = m_context.workspace().servers()->validate(*server); !status) {
        return failSave(status.error());
    }
    std::optional<QString> newSecret;
    if (parser.isSet(options.tokenStdin) || m_context.headlessSource()) {
        newSecret = secretFromOptions(parser, options);
    }
    std::optional<ServerSaveError> error;
    CliContext::waitFor([&](std::function<void()> finished) {
        m_context.workspace().servers()->update(
            *server, newSecret, &m_context, [&error, finished](Status<ServerSaveError> status) {
                if (!status) {
                    error = status.error();
                }
                finished();
            });
    });
    if (error) {
        return failSave(*error);
    }
    const auto updated = m_context.workspace().servers()->repository().find(server->id);
    if (m_context.json() && updated) {
        printServer(*updated);
    } else {
        m_context.print(tr("Saved server \"%1\".").arg(server->name));
    }
    return toInt(ExitCode::Success);
}

int ServersCommand::remove()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Deletes a SCIM server and its keychain entries. Applications that used it keep no server."));
    int exitCode = 0;
    const auto server = openNamedServer(
        parser, tr("The server's name."), tr("Name one server: scimdesk-cli servers remove NAME"), &exitCode);
    if (!server) {
        return exitCode;
    }
    std::optional<ServerSaveError> error;
    CliContext::waitFor([&](std::function<void()> finished) {
        m_context.workspace().servers()->remove(
            server->id, &m_context, [&error, finished](Status<ServerSaveError> status) {
                if (!status) {
                    error = status.error();
                }
                finished();
            });
    });
    if (error) {
        return failSave(*error);
    }
    if (m_context.json()) {
        m_context.printJson(QJsonObject {{QStringLiteral("removed"), server->name}});
    } else {
        m_context.print(tr("Removed server \"%1\".").arg(server->name));
    }
    return toInt(ExitCode::Success);
}

namespace {

StepText::Step stepOf(const ConnectionStepResult& result)
{
    return {result.verdict, result.title(), result.durationMs, result.checked, result.cause, result.fix, result.details,
        result.requestId};
}

QJsonObject reportJson(const QString& serverName, const ConnectionReport& report)
{
    QJsonArray steps;
    for (const ConnectionStepResult& result : report.steps) {
        steps.append(StepText::json(stepOf(result), ConnectionSteps::id(result.step), true));
    }
    return QJsonObject {
        {QStringLiteral("server"), serverName},
        {QStringLiteral("verdict"),
            report.cancelled ? QStringLiteral("cancelled") : ConnectionVerdicts::id(report.verdict())},
        {QStringLiteral("summary"), report.summary()},
        {QStringLiteral("cancelled"), report.cancelled},
        {QStringLiteral("steps"), steps},
    };
}

} // namespace

int ServersCommand::test()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Runs the guided connection test: URL, network, authentication, token age, capabilities, reads and "
           "latency. Exit code 0 when it passes (warnings included), 4 when a step fails, 5 when cancelled."));
    const QCommandLineOption writeRoundTrip(QStringLiteral("write-round-trip"),
        tr("Also create, read back and delete a temporary user (writes to the target)."));
    parser.addOption(writeRoundTrip);
    int exitCode = 0;
    const auto server = openNamedServer(
        parser, tr("The server's name."), tr("Name one server: scimdesk-cli servers test NAME"), &exitCode);
    if (!server) {
        return exitCode;
    }

    ConnectionTestOptions testOptions;
    testOptions.writeRoundTrip = parser.isSet(writeRoundTrip);
    ServerConnectionTest connectionTest(m_context.workspacePointer(), *server, testOptions);
    QObject::connect(&connectionTest, &ServerConnectionTest::stepStarted, &m_context, [this](int index) {
        const auto steps = ServerConnectionTest::steps();
        if (index >= 0 && index < steps.size()) {
            m_context.progress(tr("Testing: %1 …").arg(ConnectionSteps::title(steps.at(index))));
        }
    });
    QObject::connect(&connectionTest, &ServerConnectionTest::stepFinished, &m_context,
        [this](int, const ConnectionStepResult& result) {
            if (!m_context.json()) {
                m_context.progress(QString());
                m_context.print(StepText::format(stepOf(result)));
            }
        });
    QObject::connect(
        m_context.interrupts(), &InterruptWatcher::interrupted, &connectionTest, &ServerConnectionTest::cancel);
    CliContext::waitFor([&](std::function<void()> finished) {
        QObject::connect(&connectionTest, &ServerConnectionTest::finished, &m_context, finished);
        connectionTest.start();
    });
    if (!connectionTest.recordError().isEmpty()) {
        m_context.warn(tr("The test result could not be saved: %1").arg(connectionTest.recordError()));
    }

    const ConnectionReport report = connectionTest.report();
    QJsonObject json = reportJson(server->name, report);
    ExitCode code = ExitCode::Success;
    if (report.cancelled) {
        code = ExitCode::Cancelled;
    } else if (report.verdict() == ConnectionVerdict::Fail) {
        code = ExitCode::ConnectionFailed;
    }
    // An unreadable secret keeps the exit code and the error a missing secret always had.
    if (const auto secretError = connectionTest.secretError(); secretError && !report.cancelled) {
        code = secretError->kind == SecretError::Kind::NotFound ? ExitCode::ConnectionFailed : ExitCode::ProfileError;
        const QString message
            = tr("The secret of the server \"%1\" cannot be read: %2").arg(server->name, secretError->message);
        const QString hint
            = (secretError->hint.isEmpty() ? SecretError::defaultHint(secretError->kind) : secretError->hint)
            + QLatin1Char('\n') + tr("  On a machine without a keychain, use --token-env NAME or --token-file PATH.");
        m_context.printError(message, hint);
        json.insert(QStringLiteral("error"), CliContext::errorJson(code, message, hint));
    }
    if (m_context.json()) {
        m_context.printJson(json);
    } else {
        m_context.print(report.summary());
    }
    return toInt(code);
}
