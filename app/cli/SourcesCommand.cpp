#include "SourcesCommand.h"

#include "CliContext.h"
#include "CliJson.h"
#include "ServersCommand.h"
#include "SourceReadCommand.h"
#include "SourceTestCommand.h"

#include "secrets/HeadlessSecretSource.h"
#include "sources/SourceCache.h"
#include "sources/SourceTypeRegistry.h"
#include "storage/DirectorySourceJson.h"
#include "util/DisplayText.h"
#include "validation/SourceSettingsValidator.h"
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

// The option an admin typed for a field of the form; empty for what only --type sets.
QString fieldOption(const QString& field)
{
    static const QHash<QString, QString> options {
        {QStringLiteral("name"), QStringLiteral("--name")},
        {QStringLiteral("description"), QStringLiteral("--description")},
        {QStringLiteral("url"), QStringLiteral("--url")},
        {QStringLiteral("startTls"), QStringLiteral("--start-tls")},
        {QStringLiteral("caFilePath"), QStringLiteral("--ca-file")},
        {QStringLiteral("bindDn"), QStringLiteral("--bind-dn")},
        {QStringLiteral("baseDn"), QStringLiteral("--base-dn")},
        {QStringLiteral("pageSize"), QStringLiteral("--page-size")},
        {QStringLiteral("timeoutSeconds"), QStringLiteral("--timeout")},
        {QStringLiteral("userFilter"), QStringLiteral("--user-filter")},
        {QStringLiteral("groupFilter"), QStringLiteral("--group-filter")},
        {QStringLiteral("password"), QStringLiteral("--password-stdin")},
    };
    // userMappings[2].ldapAttribute: a mapping the admin gave with --map (or the type set).
    if (field.startsWith(QLatin1String("userMappings"))) {
        return QStringLiteral("--map");
    }
    return options.value(field);
}

QString lastReadText(const std::optional<SourceCacheState>& state)
{
    if (!state) {
        return tr("never (scimdesk-cli sources read NAME)");
    }
    return tr("%1 (%2), %3 users, %4 groups")
        .arg(CliJson::timestamp(state->readAt), state->wasDelta ? tr("incremental") : tr("full"))
        .arg(state->users)
        .arg(state->groups);
}
} // namespace

SourcesCommand::EditOptions::EditOptions()
    : name(QStringLiteral("name"), tr("Source name (unique)."), tr("name"))
    , description(QStringLiteral("description"), tr("Description."), tr("text"))
    , type(QStringLiteral("type"),
          tr("Source type (active-directory, openldap, generic-ldap): fills in the filters, the anchor, the attribute "
             "mappings, the group attributes, the disabled-account rule and the nesting; what it overwrites is "
             "printed. Options given explicitly override it."),
          tr("id"))
    , url(QStringLiteral("url"), tr("ldaps://HOST[:PORT], or ldap://HOST[:PORT] with --start-tls."), tr("url"))
    , baseDn(
          QStringLiteral("base-dn"), tr("The DN users and groups are read under, e.g. DC=corp,DC=example."), tr("dn"))
    , bindDn(QStringLiteral("bind-dn"),
          tr("The account to bind as: a DN, a user principal name or DOMAIN\\user; \"\" binds anonymously."), tr("dn"))
    , passwordStdin(QStringLiteral("password-stdin"),
          tr("Read the bind password from standard input (exactly; a final line break is not part of it) and store "
             "it in the keychain."))
    , startTls(QStringLiteral("start-tls"), tr("Encrypt an ldap:// connection with StartTLS."))
    , noStartTls(QStringLiteral("no-start-tls"), tr("No StartTLS (ldaps://, or ldap:// to this computer only)."))
    , caFile(QStringLiteral("ca-file"),
          tr("PEM file with the certificate of the CA that signed the directory's certificate, trusted for this "
             "source besides the system's; \"\" clears it. Certificate errors are never ignored."),
          tr("pem"))
    , userFilter(QStringLiteral("user-filter"), tr("LDAP filter of the users, e.g. (objectClass=inetOrgPerson)."),
          tr("filter"))
    , groupFilter(
          QStringLiteral("group-filter"), tr("LDAP filter of the groups, e.g. (objectClass=group)."), tr("filter"))
    , pageSize(QStringLiteral("page-size"), tr("Entries per page of a paged read, 1 to 10000 (default 500)."), tr("n"))
    , timeout(QStringLiteral("timeout"),
          tr("Seconds to wait for the directory to answer one request, 1 to 3600 (default 60)."), tr("seconds"))
    , map(QStringLiteral("map"),
          tr("Map an LDAP attribute to a directory attribute, e.g. costCenter=employeeType or title=title; replaces "
             "that attribute's mapping. A name of your own is a custom attribute for SCIM mappings and scoping "
             "filters. Repeatable."),
          tr("name=ldap-attribute"))
    , unmap(QStringLiteral("unmap"), tr("Remove the mapping of a directory attribute, e.g. phone. Repeatable."),
          tr("name"))
{
}

void SourcesCommand::EditOptions::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({name, description, type, url, baseDn, bindDn, passwordStdin, startTls, noStartTls, caFile,
        userFilter, groupFilter, pageSize, timeout, map, unmap});
}

SourcesCommand::SourcesCommand(CliContext& context)
    : m_context(context)
{
}

QString SourcesCommand::summary()
{
    return tr("  sources list|show|add|edit|remove|test|read   directory sources (Active Directory, LDAP)");
}

int SourcesCommand::run(const QString& subcommand)
{
    const QHash<QString, std::function<int()>> commands {
        {QStringLiteral("list"), [this] { return list(); }},
        {QStringLiteral("show"), [this] { return show(); }},
        {QStringLiteral("add"), [this] { return add(); }},
        {QStringLiteral("edit"), [this] { return edit(); }},
        {QStringLiteral("remove"), [this] { return remove(); }},
        {QStringLiteral("test"), [this] { return SourceTestCommand(m_context).run(); }},
        {QStringLiteral("read"), [this] { return SourceReadCommand(m_context).run(); }},
    };
    if (const auto command = commands.value(subcommand)) {
        return command();
    }
    return m_context.fail(ExitCode::Usage,
        tr("Choose what to do with sources: list, show, add, edit, remove, test or read."),
        tr("See: scimdesk-cli sources <subcommand> --help"));
}

int SourcesCommand::failSave(const SourceSaveError& error) const
{
    if (error.source == SourceSaveError::Source::Keychain) {
        return m_context.fail(ServersCommand::exitCodeFor(error), error.message,
            error.hint + QLatin1Char('\n')
                + tr("  On a machine without a keychain, give --source-password-env NAME or --source-password-file "
                     "PATH to the commands that read the source instead."));
    }
    QString message = error.message;
    if (const QString option = fieldOption(error.field); !option.isEmpty()) {
        const qsizetype firstLineEnd = message.indexOf(QLatin1Char('\n'));
        message.insert(firstLineEnd < 0 ? message.size() : firstLineEnd, tr(" (%1)").arg(option));
    }
    return m_context.fail(ServersCommand::exitCodeFor(error), message, error.hint);
}

std::optional<DirectorySource> SourcesCommand::openNamedSource(CliContext& context, QCommandLineParser& parser,
    const QString& nameDescription, const QString& usage, int* exitCode)
{
    const auto name = context.parseNameAndOpenWorkspace(parser, nameDescription, usage, exitCode);
    if (!name) {
        return std::nullopt;
    }
    auto source = context.workspace().sources()->repository().findByName(*name);
    if (!source) {
        *exitCode = context.fail(ExitCode::Usage, tr("There is no directory source named \"%1\".").arg(*name),
            tr("List them with: scimdesk-cli sources list"));
    }
    return source;
}

int SourcesCommand::list()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists the directory sources of the profile."));
    if (auto stop = m_context.parseAndOpenWorkspace(
            parser, {}, [](const QStringList& arguments) { return arguments.isEmpty(); },
            tr("sources list takes no arguments."))) {
        return *stop;
    }
    SourceRepository& repository = m_context.workspace().sources()->repository();
    const QList<DirectorySource> sources = repository.list();
    if (m_context.json()) {
        QJsonArray array;
        for (const DirectorySource& source : sources) {
            array.append(CliJson::source(source, repository.applicationsUsing(source.id),
                SourceCache(m_context.workspace().database(), source.id).state()));
        }
        m_context.printJson(QJsonObject {{QStringLiteral("sources"), array}});
        return toInt(ExitCode::Success);
    }
    if (sources.isEmpty()) {
        m_context.print(tr("No directory sources yet. Add one with: scimdesk-cli sources add --help"));
        return toInt(ExitCode::Success);
    }
    QString text;
    QTextStream stream(&text);
    for (const DirectorySource& source : sources) {
        stream << source.name << '\t' << source.sourceTypeId << '\t' << source.url << '\t'
               << lastReadText(SourceCache(m_context.workspace().database(), source.id).state()) << '\n';
    }
    text.chop(1);
    m_context.print(text);
    return toInt(ExitCode::Success);
}

void SourcesCommand::printSource(const DirectorySource& source, const QStringList& typeChanges)
{
    const QStringList applications = m_context.workspace().sources()->repository().applicationsUsing(source.id);
    const auto lastRead = SourceCache(m_context.workspace().database(), source.id).state();
    if (m_context.json()) {
        QJsonObject json = CliJson::source(source, applications, lastRead);
        json.insert(QStringLiteral("typeChanges"), QJsonArray::fromStringList(typeChanges));
        m_context.printJson(json);
        return;
    }
    QString text;
    QTextStream stream(&text);
    stream << tr("Name:            %1").arg(source.name) << '\n';
    stream << tr("Description:     %1").arg(source.description) << '\n';
    stream << tr("Source type:     %1").arg(source.sourceTypeId) << '\n';
    stream << tr("URL:             %1%2").arg(source.url, source.startTls ? tr(" (StartTLS)") : QString()) << '\n';
    stream << tr("Trusted CA:      %1")
                  .arg(source.caFilePath.isEmpty() ? tr("none (this computer's certificate authorities only)")
                                                   : QDir::toNativeSeparators(source.caFilePath))
           << '\n';
    stream << tr("Bind:            %1").arg(source.anonymousBind() ? tr("anonymous") : source.bindDn) << '\n';
    if (!source.anonymousBind()) {
        stream << tr("Password stored: %1")
                      .arg(source.passwordStoredAt.isValid() ? CliJson::timestamp(source.passwordStoredAt)
                                                             : tr("no (--password-stdin, or --source-password-env on "
                                                                  "every run)"))
               << '\n';
    }
    stream << tr("Base DN:         %1").arg(source.baseDn) << '\n';
    stream << tr("User filter:     %1").arg(source.userFilter) << '\n';
    stream << tr("Group filter:    %1").arg(source.groupFilter) << '\n';
    stream << tr("Anchor:          %1").arg(source.anchorAttribute) << '\n';
    QStringList mappings;
    for (const LdapAttributeMapping& mapping : source.userMappings) {
        mappings << QStringLiteral("%1 <- %2").arg(mapping.directoryAttribute, mapping.ldapAttribute);
    }
    stream << tr("Mappings:        %1").arg(mappings.join(QStringLiteral(", "))) << '\n';
    stream << tr("Groups:          name %1, members %2").arg(source.groupNameAttribute, source.groupMemberAttribute)
           << '\n';
    stream << tr("Disabled:        %1").arg(SourceType::describe(source.disabledRule)) << '\n';
    stream << tr("Nesting:         %1").arg(DirectorySourceJson::nestingId(source.nesting)) << '\n';
    stream << tr("Page size:       %1").arg(source.pageSize) << '\n';
    stream << tr("Timeout:         %1 s").arg(source.timeoutSeconds) << '\n';
    stream << tr("Last read:       %1").arg(lastReadText(lastRead)) << '\n';
    if (lastRead) {
        for (const QString& note : lastRead->notes) {
            stream << tr("                 note: %1").arg(DisplayText::escaped(note)) << '\n';
        }
    }
    stream
        << tr("Applications:    %1").arg(applications.isEmpty() ? tr("none") : applications.join(QStringLiteral(", ")));
    m_context.print(text);
}

int SourcesCommand::show()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Shows one directory source (never its password) and its last read."));
    int exitCode = 0;
    const auto source = openNamedSource(
        m_context, parser, tr("The source's name."), tr("Name one source: scimdesk-cli sources show NAME"), &exitCode);
    if (!source) {
        return exitCode;
    }
    printSource(*source);
    return toInt(ExitCode::Success);
}

std::optional<int> SourcesCommand::applyType(
    const QCommandLineParser& parser, const EditOptions& options, DirectorySource& source, QStringList* changes)
{
    if (!parser.isSet(options.type)) {
        return std::nullopt;
    }
    auto change = m_context.workspace().sourceTypes().applyType(source, parser.value(options.type).trimmed());
    if (!change) {
        return m_context.fail(ExitCode::Usage, change.error());
    }
    source = change->result;
    *changes = change->changes;
    return std::nullopt;
}

std::optional<int> SourcesCommand::applyOptions(
    const QCommandLineParser& parser, const EditOptions& options, DirectorySource& source)
{
    const auto set = [&parser](const QCommandLineOption& option, QString& field) {
        if (parser.isSet(option)) {
            field = parser.value(option);
        }
    };
    set(options.name, source.name);
    set(options.description, source.description);
    set(options.url, source.url);
    set(options.baseDn, source.baseDn);
    set(options.bindDn, source.bindDn);
    set(options.userFilter, source.userFilter);
    set(options.groupFilter, source.groupFilter);
    source.name = source.name.trimmed();
    source.url = source.url.trimmed();
    source.bindDn = source.bindDn.trimmed();
    if (parser.isSet(options.startTls) && parser.isSet(options.noStartTls)) {
        return m_context.fail(ExitCode::Usage, tr("--start-tls and --no-start-tls cannot be combined."));
    }
    if (parser.isSet(options.startTls) || parser.isSet(options.noStartTls)) {
        source.startTls = parser.isSet(options.startTls);
    }
    if (parser.isSet(options.caFile)) {
        const QString path = parser.value(options.caFile).trimmed();
        // Stored absolute: the GUI and a scheduled CLI run start in different folders.
        source.caFilePath = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    }
    if (parser.isSet(options.pageSize)) {
        bool ok = false;
        source.pageSize = parser.value(options.pageSize).toInt(&ok);
        if (!ok) {
            return m_context.fail(ExitCode::Usage, tr("--page-size must be a number from 1 to 10000."));
        }
    }
    if (parser.isSet(options.timeout)) {
        bool ok = false;
        source.timeoutSeconds = parser.value(options.timeout).trimmed().toInt(&ok);
        if (!ok) {
            return m_context.fail(ExitCode::Usage, tr("--timeout must be a number of seconds from 1 to 3600."));
        }
    }
    return applyMappingOptions(parser, options, source);
}

std::optional<int> SourcesCommand::applyMappingOptions(
    const QCommandLineParser& parser, const EditOptions& options, DirectorySource& source)
{
    const auto indexOf = [&source](const QString& name) {
        for (qsizetype i = 0; i < source.userMappings.size(); ++i) {
            if (source.userMappings.at(i).directoryAttribute.compare(name, Qt::CaseInsensitive) == 0) {
                return i;
            }
        }
        return qsizetype(-1);
    };
    for (const QString& value : parser.values(options.unmap)) {
        const qsizetype index = indexOf(value.trimmed());
        if (index < 0) {
            return m_context.fail(ExitCode::Usage,
                tr("--unmap %1: no directory attribute of that name is mapped.").arg(value.trimmed()),
                tr("scimdesk-cli sources show NAME lists the mappings."));
        }
        source.userMappings.removeAt(index);
    }
    for (const QString& value : parser.values(options.map)) {
        const qsizetype equals = value.indexOf(QLatin1Char('='));
        const QString name = value.left(equals).trimmed();
        const QString attribute = equals < 0 ? QString() : value.mid(equals + 1).trimmed();
        if (name.isEmpty() || attribute.isEmpty()) {
            return m_context.fail(ExitCode::Usage,
                tr("--map %1: give a directory attribute and an LDAP attribute, NAME=LDAP-ATTRIBUTE.").arg(value),
                tr("Example: --map costCenter=employeeType"));
        }
        if (const qsizetype index = indexOf(name); index >= 0) {
            source.userMappings[index].ldapAttribute = attribute;
        } else {
            source.userMappings.append({name, attribute});
        }
    }
    return std::nullopt;
}

std::optional<QString> SourcesCommand::passwordFromOptions(
    const QCommandLineParser& parser, const EditOptions& options, int* exitCode)
{
    if (!parser.isSet(options.passwordStdin)) {
        return std::nullopt;
    }
    if (m_context.sourcePasswordSource()) {
        *exitCode = m_context.fail(ExitCode::Usage,
            tr("--password-stdin cannot be combined with --source-password-env/--source-password-file."),
            tr("The headless options are never stored; --password-stdin stores the password in the keychain."));
        return std::nullopt;
    }
    const QString password = CliContext::readStandardInput(true);
    if (password.isEmpty()) {
        *exitCode = m_context.fail(ExitCode::Usage, tr("No password on standard input."),
            tr("Pipe it in, e.g. pass show ldap-reader | scimdesk-cli sources edit NAME --password-stdin"));
        return std::nullopt;
    }
    return password;
}

void SourcesCommand::reportSaved(const DirectorySource& source, const QStringList& typeChanges, const QString& verb)
{
    if (m_context.json()) {
        printSource(source, typeChanges);
        return;
    }
    QString text = verb == QLatin1String("add") ? tr("Added directory source \"%1\".").arg(source.name)
                                                : tr("Saved directory source \"%1\".").arg(source.name);
    if (!typeChanges.isEmpty()) {
        text += QLatin1Char('\n') + tr("The source type %1 set:").arg(source.sourceTypeId);
        for (const QString& change : typeChanges) {
            text += QStringLiteral("\n  ") + change;
        }
    }
    if (!source.anonymousBind()) {
        if (m_context.sourcePasswordSource()) {
            text += QLatin1Char('\n')
                + tr("Its bind password is not stored: give the %1 to every command that reads the source.")
                      .arg(m_context.sourcePasswordSource()->origin());
        } else if (!source.passwordStoredAt.isValid()) {
            m_context.warn(tr("no bind password is stored for \"%1\": store it with scimdesk-cli sources edit \"%1\" "
                              "--password-stdin, or give --source-password-env/--source-password-file on every run.")
                               .arg(source.name));
        } else {
            text += QLatin1Char('\n') + tr("Its bind password is stored in the system keychain.");
        }
    }
    m_context.print(text);
}

int SourcesCommand::add()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Adds a directory source. --type applies the source type (filters, anchor, attribute mappings, group "
           "attributes, disabled-account rule, nesting) as the GUI does; options given explicitly override it. The "
           "bind password is read with --password-stdin and stored in the system keychain; with "
           "--source-password-env/--source-password-file it is never stored and must be given on every run."));
    const EditOptions options;
    options.addTo(parser);
    m_context.addSourcePasswordOptions(parser);
    if (auto stop = m_context.parse(parser)) {
        return *stop;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return m_context.fail(ExitCode::Usage,
            tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().constFirst()),
            tr("Give the source's name with --name."));
    }
    for (const auto* required : {&options.name, &options.type, &options.url, &options.baseDn}) {
        if (!parser.isSet(*required)) {
            return m_context.fail(ExitCode::Usage, tr("--name, --type, --url and --base-dn are required."),
                tr("Example: scimdesk-cli sources add --name \"Corp AD\" --type active-directory --url "
                   "ldaps://dc1.corp.example --base-dn DC=corp,DC=example --bind-dn svc-scimdesk@corp.example "
                   "--password-stdin"));
        }
    }
    if (auto stop = m_context.openWorkspace()) {
        return *stop;
    }
    DirectorySource source;
    QStringList typeChanges;
    if (auto stop = applyType(parser, options, source, &typeChanges)) {
        return *stop;
    }
    if (auto stop = applyOptions(parser, options, source)) {
        return *stop;
    }
    // The settings before the password: nothing is read from stdin for a source that would be refused.
    if (auto status = m_context.workspace().sources()->validate(source); !status) {
        return failSave(status.error());
    }
    int exitCode = 0;
    const auto password = passwordFromOptions(parser, options, &exitCode);
    if (exitCode != 0) {
        return exitCode;
    }
    const auto id = CliContext::waitForResult<qint64, SourceSaveError>(
        [&](auto done) { m_context.workspace().sources()->create(source, password, &m_context, done); });
    if (!id) {
        return failSave(id.error());
    }
    const auto created = m_context.workspace().sources()->repository().find(id.value());
    if (!created) {
        return m_context.fail(ExitCode::ProfileError, tr("The source was saved but cannot be read back."));
    }
    reportSaved(*created, typeChanges, QStringLiteral("add"));
    return toInt(ExitCode::Success);
}

int SourcesCommand::edit()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Changes a directory source. Only the options given change; --name renames it, --type re-applies a source "
           "type and prints what it overwrote, --bind-dn \"\" binds anonymously (the stored password is forgotten), "
           "--ca-file \"\" clears the trusted CA, --password-stdin replaces the stored password."));
    const EditOptions options;
    options.addTo(parser);
    m_context.addSourcePasswordOptions(parser);
    int exitCode = 0;
    auto source = openNamedSource(m_context, parser, tr("The source's current name."),
        tr("Name one source: scimdesk-cli sources edit NAME [options]"), &exitCode);
    if (!source) {
        return exitCode;
    }
    QStringList typeChanges;
    if (auto stop = applyType(parser, options, *source, &typeChanges)) {
        return *stop;
    }
    if (auto stop = applyOptions(parser, options, *source)) {
        return *stop;
    }
    if (auto status = m_context.workspace().sources()->validate(*source); !status) {
        return failSave(status.error());
    }
    const auto password = passwordFromOptions(parser, options, &exitCode);
    if (exitCode != 0) {
        return exitCode;
    }
    const auto error = CliContext::waitForStatus<SourceSaveError>(
        [&](auto done) { m_context.workspace().sources()->update(*source, password, &m_context, done); });
    if (error) {
        return failSave(*error);
    }
    const auto updated = m_context.workspace().sources()->repository().find(source->id);
    reportSaved(updated.value_or(*source), typeChanges, QStringLiteral("edit"));
    return toInt(ExitCode::Success);
}

int SourcesCommand::remove()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Deletes a directory source, its stored password and its last read. A source "
                                        "an application reads from is not deleted."));
    int exitCode = 0;
    const auto source = openNamedSource(m_context, parser, tr("The source's name."),
        tr("Name one source: scimdesk-cli sources remove NAME"), &exitCode);
    if (!source) {
        return exitCode;
    }
    const auto error = CliContext::waitForStatus<SourceSaveError>(
        [&](auto done) { m_context.workspace().sources()->remove(source->id, &m_context, done); });
    if (error) {
        return failSave(*error);
    }
    if (m_context.json()) {
        m_context.printJson(QJsonObject {{QStringLiteral("removed"), source->name}});
    } else {
        m_context.print(tr("Removed directory source \"%1\".").arg(source->name));
    }
    return toInt(ExitCode::Success);
}
