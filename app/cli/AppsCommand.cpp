#include "AppsCommand.h"

#include "CliContext.h"
#include "CliJson.h"
#include "SourceReadCommand.h"

#include "directory/DirectoryRepository.h"
#include "schedule/PlatformScheduler.h"
#include "schedule/ScheduleInstaller.h"
#include "servers/ServerCatalog.h"
#include "sources/SourceCache.h"
#include "sources/SourceCatalog.h"
#include "storage/ApplicationRepository.h"
#include "validation/AssignmentValidator.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTextStream>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

const char* const filterName = "Command line";

ExitCode exitCodeFor(const StorageError& error)
{
    switch (error.kind) {
    case StorageError::Kind::Validation:
    case StorageError::Kind::Duplicate:
    case StorageError::Kind::NotFound:
        return ExitCode::Usage;
    default:
        return ExitCode::ProfileError;
    }
}

// The repository's message is the one Application Manager shows; the hint says how to recover here.
int failSave(const CliContext& context, const StorageError& error)
{
    const bool assignment = error.field.startsWith(QLatin1String("assignment.scopingFilters"));
    return context.fail(exitCodeFor(error), error.message,
        assignment ? tr("Nothing was saved. Correct the --filter clause; filters stored earlier can be replaced with "
                        "--clear-filters --filter \"...\".")
                   : QString());
}

// Filters an older version saved without checking them: said, because a sync would treat them as
// matching nobody.
void warnIfFiltersUnusable(const CliContext& context, const Application& application)
{
    const ValidationIssues issues = AssignmentValidator::validate(application.assignment);
    if (issues.isEmpty()) {
        return;
    }
    QStringList lines;
    for (const ValidationIssue& issue : issues) {
        lines << issue.text();
    }
    context.warn(tr("application \"%1\" has scoping filters that cannot be used:\n  %2\n  Fix them with: "
                    "scimdesk-cli apps edit \"%1\" --clear-filters --filter \"...\"")
                     .arg(application.name, lines.join(QStringLiteral("\n  "))));
}
} // namespace

AppsCommand::EditOptions::EditOptions()
    : name(QStringLiteral("name"), tr("Application name (unique)."), tr("name"))
    , description(QStringLiteral("description"), tr("Description."), tr("text"))
    , signInProtocol(QStringLiteral("sign-in-protocol"), tr("Sign-in protocol, e.g. \"SAML 2.0\"."), tr("protocol"))
    , server(QStringLiteral("server"), tr("The SCIM server that provisions this application."), tr("name"))
    , noServer(QStringLiteral("no-server"), tr("Unassign the SCIM server."))
    , source(QStringLiteral("source"),
          tr("Where the application's users and groups come from: a directory source's name, or \"embedded\" for "
             "the embedded directory (the default). Changing it drops the users and groups assigned from the old "
             "source."),
          tr("name"))
    , allUsers(QStringLiteral("all-users"), tr("Every user of the source is in scope."))
    , notAllUsers(QStringLiteral("not-all-users"), tr("Only assigned users and groups are in scope."))
    , allGroups(QStringLiteral("all-groups"),
          tr("Every group of the source (for a directory source: every group its group filter returns, also those "
             "added later) is assigned: provisioned with its nested members flattened, its members in scope."))
    , notAllGroups(QStringLiteral("not-all-groups"), tr("Only the groups assigned one by one."))
    , assignUser(QStringLiteral("assign-user"),
          tr("Assign a user of the application's source by userName (or, in a directory source, DN) (repeatable)."),
          tr("userName"))
    , unassignUser(QStringLiteral("unassign-user"), tr("Remove a user assignment (repeatable)."), tr("userName"))
    , assignGroup(QStringLiteral("assign-group"),
          tr("Assign a group of the application's source by name or, in a directory source, DN (repeatable)."),
          tr("name"))
    , unassignGroup(QStringLiteral("unassign-group"), tr("Remove a group assignment (repeatable)."), tr("name"))
    , filter(QStringLiteral("filter"),
          tr("Scoping clause \"attribute operator [value]\", e.g. \"department equals Engineering\" (repeatable). "
             "All --filter clauses of one command form one scoping filter and must all match (AND)."),
          tr("clause"))
    , clearFilters(QStringLiteral("clear-filters"), tr("Remove all scoping filters first."))
{
}

void AppsCommand::EditOptions::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({name, description, signInProtocol, server, noServer, source, allUsers, notAllUsers, allGroups,
        notAllGroups, assignUser, unassignUser, assignGroup, unassignGroup, filter, clearFilters});
}

AppsCommand::AppsCommand(CliContext& context)
    : m_context(context)
{
}

QString AppsCommand::summary()
{
    return tr("  apps list|show|add|edit|remove           applications, their SCIM server and who is in scope");
}

int AppsCommand::run(const QString& subcommand)
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
    return m_context.fail(ExitCode::Usage, tr("Choose what to do with apps: list, show, add, edit or remove."),
        tr("See: scimdesk-cli apps <subcommand> --help"));
}

std::optional<ScopingClause> AppsCommand::parseClause(const QString& text, QString* error)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\S+)\\s+(\\S+)(?:\\s+(.*?))?\\s*$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch()) {
        *error = tr("The filter \"%1\" is not \"attribute operator [value]\".").arg(text);
        return std::nullopt;
    }
    ScopingClause clause;
    clause.attribute = match.captured(1);
    QString op = match.captured(2);
    if (op == QLatin1String("=") || op == QLatin1String("==")) {
        op = QStringLiteral("equals");
    } else if (op == QLatin1String("!=")) {
        op = QStringLiteral("notEquals");
    }
    bool known = false;
    for (ClauseOperator candidate : {ClauseOperator::Equals, ClauseOperator::NotEquals, ClauseOperator::StartsWith,
             ClauseOperator::EndsWith, ClauseOperator::MatchesRegex, ClauseOperator::IsEmpty,
             ClauseOperator::IsNotEmpty, ClauseOperator::IsTrue, ClauseOperator::IsFalse}) {
        if (ScopingClause::operatorId(candidate).compare(op, Qt::CaseInsensitive) == 0) {
            clause.op = candidate;
            known = true;
            break;
        }
    }
    if (!known) {
        *error = tr("Unknown operator \"%1\" in the filter \"%2\". Use equals, notEquals, startsWith, endsWith, "
                    "matchesRegex, isEmpty, isNotEmpty, isTrue or isFalse.")
                     .arg(op, text);
        return std::nullopt;
    }
    QString value = match.captured(3);
    if (value.size() >= 2
        && ((value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
            || (value.startsWith(QLatin1Char('\'')) && value.endsWith(QLatin1Char('\''))))) {
        value = value.mid(1, value.size() - 2);
    }
    if (ScopingClause::operatorTakesValue(clause.op) && value.isEmpty()) {
        *error = tr("The filter \"%1\" needs a value after \"%2\".").arg(text, op);
        return std::nullopt;
    }
    if (!ScopingClause::operatorTakesValue(clause.op) && !value.isEmpty()) {
        *error = tr("The operator \"%1\" takes no value (filter \"%2\").").arg(op, text);
        return std::nullopt;
    }
    clause.value = value;
    return clause;
}

std::optional<Application> AppsCommand::openNamedApplication(
    QCommandLineParser& parser, const QString& nameDescription, const QString& usage, int* exitCode)
{
    const auto name = m_context.parseNameAndOpenWorkspace(parser, nameDescription, usage, exitCode);
    if (!name) {
        return std::nullopt;
    }
    auto application = m_context.workspace().applications().findByName(*name);
    if (!application) {
        *exitCode = m_context.fail(ExitCode::Usage, tr("There is no application named \"%1\".").arg(*name),
            tr("List them with: scimdesk-cli apps list"));
    }
    return application;
}

QJsonObject AppsCommand::applicationJson(const Application& application)
{
    QStringList users;
    for (qint64 id : application.assignment.userIds) {
        users << nameInSource(application, false, id);
    }
    QStringList groups;
    for (qint64 id : application.assignment.groupIds) {
        groups << nameInSource(application, true, id);
    }
    QString serverName;
    if (application.scimServerId != 0) {
        const auto server = m_context.workspace().servers()->repository().find(application.scimServerId);
        serverName = server ? server->name : QStringLiteral("#%1").arg(application.scimServerId);
    }
    QString sourceName = QStringLiteral("embedded");
    if (application.sourceId != 0) {
        const auto source = m_context.workspace().sources()->repository().find(application.sourceId);
        sourceName = source ? source->name : QStringLiteral("#%1").arg(application.sourceId);
    }
    return CliJson::application(application, serverName, sourceName, users, groups);
}

QString AppsCommand::nameInSource(const Application& app, bool group, qint64 id)
{
    if (app.sourceId != 0) {
        const auto object = SourceCache(m_context.workspace().database(), app.sourceId).object(id);
        if (!object) {
            return QStringLiteral("#%1").arg(id);
        }
        return object->present ? object->name : tr("%1 (no longer in the source)").arg(object->name);
    }
    DirectoryRepository directory(m_context.workspace().database());
    if (group) {
        const auto found = directory.findGroup(id);
        return found ? found->displayName : QStringLiteral("#%1").arg(id);
    }
    const auto found = directory.findUser(id);
    return found ? found->userName : QStringLiteral("#%1").arg(id);
}

void AppsCommand::printApplication(const Application& application)
{
    const QJsonObject object = applicationJson(application);
    warnIfFiltersUnusable(m_context, application);
    if (m_context.json()) {
        m_context.printJson(object);
        return;
    }
    const QJsonObject assignment = object.value(QLatin1String("assignment")).toObject();
    auto names = [&assignment](const char* key) {
        QStringList list;
        for (const QJsonValue& value : assignment.value(QLatin1String(key)).toArray()) {
            list << value.toString();
        }
        return list.isEmpty() ? tr("none") : list.join(QStringLiteral(", "));
    };
    QString text;
    QTextStream stream(&text);
    stream << tr("Name:             %1").arg(application.name) << '\n';
    stream << tr("Description:      %1").arg(application.description) << '\n';
    stream << tr("Sign-in protocol: %1").arg(application.signInProtocol) << '\n';
    stream << tr("SCIM server:      %1")
                  .arg(object.value(QLatin1String("server")).isNull()
                          ? tr("none")
                          : object.value(QLatin1String("server")).toString())
           << '\n';
    stream << tr("Source:           %1")
                  .arg(application.sourceId == 0 ? tr("the embedded directory")
                                                 : object.value(QLatin1String("source")).toString())
           << '\n';
    stream << tr("All users:        %1").arg(application.assignment.allUsers ? tr("yes") : tr("no")) << '\n';
    stream << tr("All groups:       %1").arg(application.assignment.allGroups ? tr("yes") : tr("no")) << '\n';
    stream << tr("Assigned users:   %1").arg(names("users")) << '\n';
    stream << tr("Assigned groups:  %1").arg(names("groups")) << '\n';
    if (application.assignment.scopingFilters.isEmpty()) {
        stream << tr("Scoping filters:  none") << '\n';
    }
    for (const ScopingFilter& filter : application.assignment.scopingFilters) {
        QStringList clauses;
        for (const ScopingClause& clause : filter.clauses) {
            clauses << QStringLiteral("%1 %2 %3")
                           .arg(clause.attribute, ScopingClause::operatorId(clause.op), clause.value)
                           .trimmed();
        }
        stream << tr("Scoping filter:   %1: %2").arg(filter.name, clauses.join(tr(" AND "))) << '\n';
    }
    stream << tr("Last sync:        %1")
                  .arg(application.lastSyncAt.isValid() ? CliJson::timestamp(application.lastSyncAt) : tr("never"));
    m_context.print(text);
}

int AppsCommand::list()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists the applications of the profile."));
    if (auto stop = m_context.parse(parser)) {
        return *stop;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return m_context.fail(ExitCode::Usage, tr("apps list takes no arguments."));
    }
    if (auto stop = m_context.openWorkspace()) {
        return *stop;
    }
    const QList<Application> applications = m_context.workspace().applications().list();
    if (m_context.json()) {
        QJsonArray array;
        for (const Application& application : applications) {
            array.append(applicationJson(application));
        }
        m_context.printJson(QJsonObject {{QStringLiteral("applications"), array}});
        return toInt(ExitCode::Success);
    }
    if (applications.isEmpty()) {
        m_context.print(tr("No applications yet. Add one with: scimdesk-cli apps add --help"));
        return toInt(ExitCode::Success);
    }
    QString text;
    QTextStream stream(&text);
    for (const Application& application : applications) {
        const QJsonObject object = applicationJson(application);
        const QString server = object.value(QLatin1String("server")).isNull()
            ? tr("(no SCIM server)")
            : object.value(QLatin1String("server")).toString();
        stream << application.name << '\t' << server << '\t'
               << (application.lastSyncAt.isValid() ? CliJson::timestamp(application.lastSyncAt) : tr("never synced"))
               << '\n';
    }
    m_context.print(text);
    return toInt(ExitCode::Success);
}

int AppsCommand::show()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Shows one application with its SCIM server and assignment."));
    int exitCode = 0;
    const auto application = openNamedApplication(
        parser, tr("The application's name."), tr("Name one application: scimdesk-cli apps show NAME"), &exitCode);
    if (!application) {
        return exitCode;
    }
    printApplication(*application);
    return toInt(ExitCode::Success);
}

std::optional<int> AppsCommand::applyOptions(
    const QCommandLineParser& parser, const EditOptions& options, Application& app)
{
    if (parser.isSet(options.name)) {
        app.name = parser.value(options.name).trimmed();
    }
    if (parser.isSet(options.description)) {
        app.description = parser.value(options.description);
    }
    if (parser.isSet(options.signInProtocol)) {
        app.signInProtocol = parser.value(options.signInProtocol).trimmed();
    }
    if (parser.isSet(options.server) && parser.isSet(options.noServer)) {
        return m_context.fail(ExitCode::Usage, tr("--server and --no-server cannot be combined."));
    }
    if (parser.isSet(options.server)) {
        const QString serverName = parser.value(options.server);
        const auto server = m_context.workspace().servers()->repository().findByName(serverName);
        if (!server) {
            return m_context.fail(ExitCode::Usage, tr("There is no SCIM server named \"%1\".").arg(serverName),
                tr("List them with: scimdesk-cli servers list"));
        }
        app.scimServerId = server->id;
    }
    if (parser.isSet(options.noServer)) {
        app.scimServerId = 0;
    }
    if (parser.isSet(options.allUsers) && parser.isSet(options.notAllUsers)) {
        return m_context.fail(ExitCode::Usage, tr("--all-users and --not-all-users cannot be combined."));
    }
    if (parser.isSet(options.allUsers)) {
        app.assignment.allUsers = true;
    }
    if (parser.isSet(options.notAllUsers)) {
        app.assignment.allUsers = false;
    }
    if (parser.isSet(options.allGroups) && parser.isSet(options.notAllGroups)) {
        return m_context.fail(ExitCode::Usage, tr("--all-groups and --not-all-groups cannot be combined."));
    }
    if (parser.isSet(options.allGroups) || parser.isSet(options.notAllGroups)) {
        app.assignment.allGroups = parser.isSet(options.allGroups);
    }
    if (auto stop = applySourceOption(parser, options, app)) {
        return stop;
    }
    if (auto stop = applyAssignmentOptions(parser, options, app)) {
        return stop;
    }
    return applyFilterOptions(parser, options, app.assignment);
}

std::optional<int> AppsCommand::applySourceOption(
    const QCommandLineParser& parser, const EditOptions& options, Application& app)
{
    if (!parser.isSet(options.source)) {
        return std::nullopt;
    }
    const QString name = parser.value(options.source).trimmed();
    qint64 sourceId = 0;
    if (name.compare(QLatin1String("embedded"), Qt::CaseInsensitive) != 0) {
        const auto source = m_context.workspace().sources()->repository().findByName(name);
        if (!source) {
            return m_context.fail(ExitCode::Usage, tr("There is no directory source named \"%1\".").arg(name),
                tr("List them with: scimdesk-cli sources list (or use --source embedded for the embedded "
                   "directory)"));
        }
        sourceId = source->id;
    }
    if (sourceId == app.sourceId) {
        return std::nullopt;
    }
    // Assigned ids are the old source's: they name nobody in the new one.
    if (!app.assignment.userIds.isEmpty() || !app.assignment.groupIds.isEmpty()) {
        m_context.warn(tr("the %1 user(s) and %2 group(s) assigned from the previous source were removed from the "
                          "assignment; assign users and groups of the new source.")
                           .arg(app.assignment.userIds.size())
                           .arg(app.assignment.groupIds.size()));
        app.assignment.userIds.clear();
        app.assignment.groupIds.clear();
    }
    app.sourceId = sourceId;
    return std::nullopt;
}

std::optional<int> AppsCommand::findInSource(const Application& app, bool group, const QString& name, qint64* id)
{
    if (app.sourceId == 0) {
        DirectoryRepository directory(m_context.workspace().database());
        std::optional<qint64> found;
        if (group) {
            if (const auto g = directory.findGroupByDisplayName(name)) {
                found = g->id;
            }
        } else if (const auto u = directory.findUserByUserName(name)) {
            found = u->id;
        }
        if (!found) {
            return m_context.fail(ExitCode::Usage,
                group ? tr("There is no directory group \"%1\".").arg(name)
                      : tr("There is no directory user \"%1\".").arg(name),
                group ? tr("Import groups first: scimdesk-cli directory import groups FILE.csv")
                      : tr("Import users first: scimdesk-cli directory import users FILE.csv"));
        }
        *id = *found;
        return std::nullopt;
    }
    const auto source = m_context.workspace().sources()->repository().find(app.sourceId);
    if (!source) {
        return m_context.fail(ExitCode::Usage, tr("The application's directory source no longer exists."));
    }
    return SourceReadCommand(m_context).find(*source, group, name, id);
}

std::optional<int> AppsCommand::applyAssignmentOptions(
    const QCommandLineParser& parser, const EditOptions& options, Application& app)
{
    Assignment& assignment = app.assignment;
    for (const bool group : {false, true}) {
        QList<qint64>& ids = group ? assignment.groupIds : assignment.userIds;
        for (const QString& name : parser.values(group ? options.assignGroup : options.assignUser)) {
            qint64 id = 0;
            if (auto stop = findInSource(app, group, name, &id)) {
                return stop;
            }
            if (!ids.contains(id)) {
                ids.append(id);
            }
        }
        for (const QString& name : parser.values(group ? options.unassignGroup : options.unassignUser)) {
            qint64 id = 0;
            if (auto stop = findInSource(app, group, name, &id)) {
                return stop;
            }
            if (!ids.removeAll(id)) {
                return m_context.fail(ExitCode::Usage,
                    group ? tr("The group \"%1\" is not assigned.").arg(name)
                          : tr("The user \"%1\" is not assigned.").arg(name));
            }
        }
    }
    return std::nullopt;
}

std::optional<int> AppsCommand::applyFilterOptions(
    const QCommandLineParser& parser, const EditOptions& options, Assignment& assignment)
{
    if (parser.isSet(options.clearFilters)) {
        assignment.scopingFilters.clear();
    }
    const QStringList clauses = parser.values(options.filter);
    if (!clauses.isEmpty()) {
        ScopingFilter filter;
        filter.name = tr(filterName);
        if (assignment.scopingFilters.size() > 0) {
            filter.name = tr("Command line %1").arg(assignment.scopingFilters.size() + 1);
        }
        for (const QString& text : clauses) {
            QString error;
            const auto clause = parseClause(text, &error);
            if (!clause) {
                return m_context.fail(ExitCode::Usage, error);
            }
            filter.clauses.append(*clause);
        }
        assignment.scopingFilters.append(filter);
    }
    return std::nullopt;
}

int AppsCommand::add()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Adds an application, optionally with its SCIM server, its source and its assignment. Users and groups "
           "are named as in the application's source: userName and group name, or a DN in a directory source."));
    const EditOptions options;
    options.addTo(parser);
    m_context.addSourcePasswordOptions(parser);
    if (auto stop = m_context.parse(parser)) {
        return *stop;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return m_context.fail(ExitCode::Usage,
            tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().constFirst()),
            tr("Give the application's name with --name."));
    }
    if (!parser.isSet(options.name)) {
        return m_context.fail(ExitCode::Usage, tr("--name is required."));
    }
    for (const auto* option :
        {&options.unassignUser, &options.unassignGroup, &options.noServer, &options.notAllGroups}) {
        if (parser.isSet(*option)) {
            return m_context.fail(
                ExitCode::Usage, tr("--%1 only applies to apps edit.").arg(option->names().constFirst()));
        }
    }
    if (auto stop = m_context.openWorkspace()) {
        return *stop;
    }
    Application application;
    if (auto stop = applyOptions(parser, options, application)) {
        return *stop;
    }
    auto created = m_context.workspace().applications().create(application);
    if (!created) {
        return failSave(m_context, created.error());
    }
    const auto saved = m_context.workspace().applications().find(created.value());
    if (m_context.json() && saved) {
        printApplication(*saved);
    } else {
        m_context.print(tr("Added application \"%1\".").arg(application.name));
    }
    return toInt(ExitCode::Success);
}

int AppsCommand::edit()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Changes an application. Only the options given change; assignments are added (--assign-*) or removed "
           "(--unassign-*); --filter adds one more scoping filter (OR-ed with the existing ones)."));
    const EditOptions options;
    options.addTo(parser);
    m_context.addSourcePasswordOptions(parser);
    int exitCode = 0;
    auto application = openNamedApplication(parser, tr("The application's current name."),
        tr("Name one application: scimdesk-cli apps edit NAME [options]"), &exitCode);
    if (!application) {
        return exitCode;
    }
    if (auto stop = applyOptions(parser, options, *application)) {
        return *stop;
    }
    if (auto status = m_context.workspace().applications().update(*application); !status) {
        return failSave(m_context, status.error());
    }
    const auto saved = m_context.workspace().applications().find(application->id);
    if (m_context.json() && saved) {
        printApplication(*saved);
    } else {
        m_context.print(tr("Saved application \"%1\".").arg(application->name));
    }
    followSchedule(application->id, application->name);
    return toInt(ExitCode::Success);
}

void AppsCommand::followSchedule(qint64 applicationId, const QString& newName) const
{
    const std::shared_ptr<const PlatformScheduler> scheduler
        = PlatformScheduler::forThisPlatform(m_context.workspace().schedulerSetup());
    ScheduleInstaller installer(scheduler);
    std::optional<ScheduleOutcome> outcome;
    CliContext::waitFor([&](std::function<void()> finished) {
        QObject::connect(
            &installer, &ScheduleInstaller::finished, &installer, [&outcome, finished](const ScheduleOutcome& result) {
                outcome = result;
                finished();
            });
        if (!installer.follow(applicationId, newName)) {
            finished();
        }
    });
    if (!outcome) {
        return;
    }
    // On standard error: with --json, standard output carries only the JSON.
    const QString what = newName.isEmpty() ? tr("the deleted application's scheduled run was removed")
                                           : tr("the scheduled run now names \"%1\"").arg(newName);
    m_context.warn(tr("%1. %2").arg(what, outcome->message));
}

int AppsCommand::remove()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Deletes an application (nothing is changed on its SCIM server)."));
    int exitCode = 0;
    const auto application = openNamedApplication(
        parser, tr("The application's name."), tr("Name one application: scimdesk-cli apps remove NAME"), &exitCode);
    if (!application) {
        return exitCode;
    }
    if (auto status = m_context.workspace().applications().remove(application->id); !status) {
        return m_context.fail(exitCodeFor(status.error()), status.error().message);
    }
    if (m_context.json()) {
        m_context.printJson(QJsonObject {{QStringLiteral("removed"), application->name}});
    } else {
        m_context.print(tr("Removed application \"%1\".").arg(application->name));
    }
    followSchedule(application->id, QString());
    return toInt(ExitCode::Success);
}
