#include "DirectoryUsersCommand.h"

#include "CliContext.h"
#include "CliJson.h"
#include "DirectoryJson.h"

#include "directory/DirectoryRepository.h"
#include "util/DisplayText.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTextStream>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

QString shown(const QString& value)
{
    return DisplayText::escaped(value);
}

const QString kUsage = QStringLiteral("scimdesk-cli directory users list|show|add|edit|remove");

QCommandLineOption field(const char* name, const char* description)
{
    return QCommandLineOption(QLatin1String(name), tr(description), tr("value"));
}
} // namespace

DirectoryUsersCommand::FieldOptions::FieldOptions()
    : active(QStringLiteral("active"), tr("The user is active (the default for a new user)."))
    , inactive(QStringLiteral("inactive"),
          tr("The user is not active: a sync disables (or deletes) it on the server, as the server's deprovisioning "
             "says."))
    , attribute(QStringLiteral("attribute"),
          tr("A custom attribute NAME=VALUE (repeatable); NAME= with no value removes it."), tr("name=value"))
{
    fields = {
        {field("user-name",
             "User name (unique, compared ignoring case). On edit: renames the user; its object id "
             "stays, so the next sync renames it on the server instead of creating another."),
            QStringLiteral("userName")},
        {field("email", "E-mail address."), QStringLiteral("email")},
        {field("given-name", "First name."), QStringLiteral("givenName")},
        {field("family-name", "Last name."), QStringLiteral("familyName")},
        {field("display-name", "Display name."), QStringLiteral("displayName")},
        {field("phone", "Phone number."), QStringLiteral("phone")},
        {field("title", "Job title."), QStringLiteral("title")},
        {field("department", "Department."), QStringLiteral("department")},
        {field("employee-number", "Employee number."), QStringLiteral("employeeNumber")},
        {field("manager", "The manager's user name."), QStringLiteral("manager")},
    };
}

void DirectoryUsersCommand::FieldOptions::addTo(QCommandLineParser& parser) const
{
    for (const auto& [option, attribute] : fields) {
        parser.addOption(option);
    }
    parser.addOptions({active, inactive, attribute});
}

ExitCode DirectoryUsersCommand::exitCodeFor(const StorageError& error)
{
    // The repository's messages are the ones the GUI's editors show; only the exit code is ours.
    switch (error.kind) {
    case StorageError::Kind::Validation:
    case StorageError::Kind::Duplicate:
    case StorageError::Kind::NotFound:
        return ExitCode::Usage;
    default:
        return ExitCode::ProfileError;
    }
}

DirectoryUsersCommand::DirectoryUsersCommand(CliContext& context)
    : m_context(context)
{
}

DirectoryUsersCommand::~DirectoryUsersCommand() = default;

QString DirectoryUsersCommand::summary()
{
    return tr(
        "  directory users list|show|add|edit|remove   the embedded directory's users (edit --user-name renames)");
}

int DirectoryUsersCommand::run(const QString& action)
{
    using Action = int (DirectoryUsersCommand::*)();
    static const QList<QPair<QLatin1String, Action>> actions {{QLatin1String("list"), &DirectoryUsersCommand::list},
        {QLatin1String("show"), &DirectoryUsersCommand::show}, {QLatin1String("add"), &DirectoryUsersCommand::add},
        {QLatin1String("edit"), &DirectoryUsersCommand::edit},
        {QLatin1String("remove"), &DirectoryUsersCommand::remove}};
    for (const auto& [name, member] : actions) {
        if (action == name) {
            return (this->*member)();
        }
    }
    return m_context.fail(ExitCode::Usage,
        tr("Choose what to do with directory users: list, show, add, edit or remove."),
        tr("Usage: %1; see scimdesk-cli directory users add --help").arg(kUsage));
}

int DirectoryUsersCommand::failSave(const StorageError& error) const
{
    return m_context.fail(exitCodeFor(error), error.message, tr("Nothing was saved."));
}

std::optional<DirectoryUser> DirectoryUsersCommand::openNamedUser(
    QCommandLineParser& parser, const QString& nameDescription, const QString& usage, int* exitCode)
{
    const auto name = m_context.parseNameAndOpenWorkspace(parser, nameDescription, usage, exitCode);
    if (!name) {
        return std::nullopt;
    }
    m_repository = std::make_unique<DirectoryRepository>(m_context.workspace().database());
    auto user = m_repository->findUserByUserName(*name);
    if (!user) {
        user = m_repository->findUserByObjectId(*name);
    }
    if (!user) {
        *exitCode = m_context.fail(ExitCode::Usage, tr("There is no directory user \"%1\".").arg(*name),
            tr("Name a user by user name or object id; list them with: scimdesk-cli directory users list"));
    }
    return user;
}

std::optional<int> DirectoryUsersCommand::applyFields(
    const QCommandLineParser& parser, const FieldOptions& options, DirectoryUser& user)
{
    for (const auto& [option, attribute] : options.fields) {
        if (parser.isSet(option)) {
            user.setAttribute(attribute, parser.value(option).trimmed());
        }
    }
    if (parser.isSet(options.active) && parser.isSet(options.inactive)) {
        return m_context.fail(ExitCode::Usage, tr("--active and --inactive cannot be combined."));
    }
    if (parser.isSet(options.active) || parser.isSet(options.inactive)) {
        user.active = parser.isSet(options.active);
    }
    for (const QString& pair : parser.values(options.attribute)) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        const QString name = pair.left(equals).trimmed();
        if (equals <= 0 || name.isEmpty()) {
            return m_context.fail(ExitCode::Usage, tr("\"%1\" is not NAME=VALUE.").arg(pair),
                tr("Example: --attribute costCenter=4711 (or --attribute costCenter= to remove it)"));
        }
        if (DirectoryUser::standardAttributeNames().contains(name, Qt::CaseInsensitive)) {
            return m_context.fail(ExitCode::Usage, tr("\"%1\" is a standard attribute, not a custom one.").arg(name),
                tr("Use its own option, e.g. --department or --user-name."));
        }
        const QString value = pair.mid(equals + 1);
        if (value.isEmpty()) {
            user.customAttributes.remove(name);
        } else {
            user.customAttributes.insert(name, value);
        }
    }
    return std::nullopt;
}

void DirectoryUsersCommand::printUser(const DirectoryUser& user, const DirectoryRepository& repository) const
{
    const QList<DirectoryGroup> groups = repository.listGroups();
    if (m_context.json()) {
        m_context.printJson(DirectoryJson::userWithGroups(user, groups));
        return;
    }
    QString text;
    QTextStream stream(&text);
    for (const QString& name : DirectoryUser::standardAttributeNames()) {
        stream << QStringLiteral("%1: %2").arg(name, -15).arg(shown(user.attribute(name))) << '\n';
    }
    for (auto it = user.customAttributes.cbegin(); it != user.customAttributes.cend(); ++it) {
        stream << QStringLiteral("%1: %2").arg(shown(it.key()), -15).arg(shown(it.value())) << '\n';
    }
    QStringList memberOf;
    for (const DirectoryGroup& group : groups) {
        if (group.memberUserIds.contains(user.id)) {
            memberOf << shown(group.displayName);
        }
    }
    stream << tr("member of:       %1").arg(memberOf.isEmpty() ? tr("no group") : memberOf.join(QStringLiteral(", ")));
    m_context.print(text);
}

int DirectoryUsersCommand::list()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists the directory's users, ordered by user name."));
    const QCommandLineOption search(QStringLiteral("search"),
        tr("Only users whose user name, e-mail, display, first or last name contains this text."), tr("text"));
    const QCommandLineOption limit(QStringLiteral("limit"), tr("At most this many users."), tr("n"));
    const QCommandLineOption offset(QStringLiteral("offset"), tr("Skip this many users first."), tr("n"));
    parser.addOptions({search, limit, offset});
    const auto none = [](const QStringList& arguments) { return arguments.isEmpty(); };
    if (auto stop = m_context.parseAndOpenWorkspace(
            parser, QString(), none, tr("directory users list takes no arguments; filter with --search TEXT."))) {
        return *stop;
    }
    bool limitOk = true;
    bool offsetOk = true;
    const int maximum = parser.isSet(limit) ? parser.value(limit).toInt(&limitOk) : -1;
    const int skip = parser.isSet(offset) ? parser.value(offset).toInt(&offsetOk) : 0;
    if (!limitOk || !offsetOk || (parser.isSet(limit) && maximum < 0) || skip < 0) {
        return m_context.fail(ExitCode::Usage, tr("--limit and --offset take a number of 0 or more."));
    }
    DirectoryRepository repository(m_context.workspace().database());
    const QList<DirectoryUser> users = repository.listUsers(parser.value(search), maximum, skip);
    if (m_context.json()) {
        QJsonArray array;
        for (const DirectoryUser& user : users) {
            array.append(DirectoryJson::user(user));
        }
        m_context.printJson(QJsonObject {
            {QStringLiteral("users"), array}, {QStringLiteral("total"), repository.countUsers(parser.value(search))}});
        return toInt(ExitCode::Success);
    }
    QString text;
    QTextStream stream(&text);
    for (const DirectoryUser& user : users) {
        stream << shown(user.userName) << '\t' << shown(user.displayName) << '\t' << shown(user.email) << '\t'
               << (user.active ? tr("active") : tr("inactive")) << '\n';
    }
    m_context.print(users.isEmpty() ? tr("No users.") : text);
    return toInt(ExitCode::Success);
}

int DirectoryUsersCommand::show()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Shows one directory user with the groups it is a direct member of."));
    int exitCode = 0;
    const auto user = openNamedUser(parser, tr("The user's user name or object id."),
        tr("Name one user: scimdesk-cli directory users show USER"), &exitCode);
    if (!user) {
        return exitCode;
    }
    printUser(*user, *m_repository);
    return toInt(ExitCode::Success);
}

int DirectoryUsersCommand::add()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Adds a user to the embedded directory, with the same checks as the app's Add User. The object id is "
           "generated unless --object-id gives one; it is what SCIM servers see as externalId and never changes."));
    const FieldOptions options;
    options.addTo(parser);
    const QCommandLineOption objectId(
        QStringLiteral("object-id"), tr("The object id (default: a new UUID). It cannot change later."), tr("id"));
    parser.addOption(objectId);
    const auto none = [](const QStringList& arguments) { return arguments.isEmpty(); };
    if (auto stop = m_context.parseAndOpenWorkspace(parser, QString(), none,
            tr("Give the user with options: scimdesk-cli directory users add --user-name NAME [options]"))) {
        return *stop;
    }
    if (!parser.isSet(options.fields.constFirst().first)) {
        return m_context.fail(ExitCode::Usage, tr("--user-name is required."),
            tr("Example: scimdesk-cli directory users add --user-name alice@example.com --given-name Alice"));
    }
    DirectoryUser user;
    user.objectId = parser.value(objectId).trimmed();
    if (auto stop = applyFields(parser, options, user)) {
        return *stop;
    }
    DirectoryRepository repository(m_context.workspace().database());
    const auto created = repository.createUser(user);
    if (!created) {
        return failSave(created.error());
    }
    const auto saved = repository.findUser(created.value());
    if (m_context.json() && saved) {
        printUser(*saved, repository);
    } else {
        m_context.print(tr("Added user \"%1\".").arg(shown(user.userName.trimmed())));
    }
    return toInt(ExitCode::Success);
}

int DirectoryUsersCommand::edit()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Changes a directory user; only the options given change. --user-name renames the user: the object id "
           "stays, so the next sync renames it on each server (PATCH) instead of creating a second user."));
    const FieldOptions options;
    options.addTo(parser);
    int exitCode = 0;
    auto user = openNamedUser(parser, tr("The user's current user name or object id."),
        tr("Name one user: scimdesk-cli directory users edit USER [options]"), &exitCode);
    if (!user) {
        return exitCode;
    }
    DirectoryRepository& repository = *m_repository;
    if (auto stop = applyFields(parser, options, *user)) {
        return *stop;
    }
    if (auto status = repository.updateUser(*user); !status) {
        return failSave(status.error());
    }
    const auto saved = repository.findUser(user->id);
    if (m_context.json() && saved) {
        printUser(*saved, repository);
    } else {
        m_context.print(tr("Saved user \"%1\".").arg(shown(user->userName.trimmed())));
    }
    return toInt(ExitCode::Success);
}

int DirectoryUsersCommand::remove()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Deletes a directory user and its group memberships. Nothing changes on a SCIM server until the next "
           "sync, which deprovisions the user as the server's deprovisioning says (disable, delete or none)."));
    int exitCode = 0;
    const auto user = openNamedUser(parser, tr("The user's user name or object id."),
        tr("Name one user: scimdesk-cli directory users remove USER"), &exitCode);
    if (!user) {
        return exitCode;
    }
    if (auto status = m_repository->removeUser(user->id); !status) {
        return failSave(status.error());
    }
    if (m_context.json()) {
        m_context.printJson(
            QJsonObject {{QStringLiteral("removed"), user->userName}, {QStringLiteral("objectId"), user->objectId}});
    } else {
        m_context.print(tr("Removed user \"%1\".").arg(shown(user->userName)));
    }
    return toInt(ExitCode::Success);
}
