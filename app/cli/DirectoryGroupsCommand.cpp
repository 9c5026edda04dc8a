#include "DirectoryGroupsCommand.h"

#include "CliContext.h"
#include "DirectoryJson.h"
#include "DirectoryUsersCommand.h"

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

// A member named on the command line: a user or a group of the directory.
struct Member
{
    bool isGroup = false;
    qint64 id = 0;
};

const QLatin1String kUserPrefix("user:");
const QLatin1String kGroupPrefix("group:");
} // namespace

DirectoryGroupsCommand::DirectoryGroupsCommand(CliContext& context)
    : m_context(context)
{
}

DirectoryGroupsCommand::~DirectoryGroupsCommand() = default;

QString DirectoryGroupsCommand::summary()
{
    return tr("  directory groups list|show|add|edit|remove  the embedded directory's groups and their members");
}

int DirectoryGroupsCommand::run(const QString& action)
{
    using Action = int (DirectoryGroupsCommand::*)();
    static const QList<QPair<QLatin1String, Action>> actions {{QLatin1String("list"), &DirectoryGroupsCommand::list},
        {QLatin1String("show"), &DirectoryGroupsCommand::show}, {QLatin1String("add"), &DirectoryGroupsCommand::add},
        {QLatin1String("edit"), &DirectoryGroupsCommand::edit},
        {QLatin1String("remove"), &DirectoryGroupsCommand::remove}};
    for (const auto& [name, member] : actions) {
        if (action == name) {
            return (this->*member)();
        }
    }
    return m_context.fail(ExitCode::Usage,
        tr("Choose what to do with directory groups: list, show, add, edit or remove."),
        tr("See: scimdesk-cli directory groups add --help"));
}

std::optional<DirectoryGroup> DirectoryGroupsCommand::openNamedGroup(
    QCommandLineParser& parser, const QString& nameDescription, const QString& usage, int* exitCode)
{
    const auto name = m_context.parseNameAndOpenWorkspace(parser, nameDescription, usage, exitCode);
    if (!name) {
        return std::nullopt;
    }
    m_repository = std::make_unique<DirectoryRepository>(m_context.workspace().database());
    auto group = m_repository->findGroupByDisplayName(*name);
    if (!group) {
        *exitCode = m_context.fail(ExitCode::Usage, tr("There is no directory group \"%1\".").arg(*name),
            tr("List them with: scimdesk-cli directory groups list"));
    }
    return group;
}

int DirectoryGroupsCommand::failSave(const StorageError& error) const
{
    return m_context.fail(DirectoryUsersCommand::exitCodeFor(error), error.message, tr("Nothing was saved."));
}

std::optional<int> DirectoryGroupsCommand::changeMembers(
    const DirectoryRepository& repository, const QStringList& added, const QStringList& removed, DirectoryGroup& group)
{
    std::optional<int> stop;
    const auto resolve = [&](const QString& text) -> std::optional<Member> {
        const bool onlyUser = text.startsWith(kUserPrefix);
        const bool onlyGroup = text.startsWith(kGroupPrefix);
        const QString name = onlyUser ? text.mid(kUserPrefix.size()) : onlyGroup ? text.mid(kGroupPrefix.size()) : text;
        const auto user = onlyGroup ? std::nullopt : repository.findUserByUserName(name);
        const auto nested = onlyUser ? std::nullopt : repository.findGroupByDisplayName(name);
        if (user && nested) {
            stop = m_context.fail(ExitCode::Usage, tr("\"%1\" is both a user and a group.").arg(name),
                tr("Say which: user:%1 or group:%1").arg(name));
            return std::nullopt;
        }
        if (!user && !nested) {
            stop = m_context.fail(ExitCode::Usage, tr("There is no directory user or group \"%1\".").arg(name),
                tr("Name users by user name and groups by name; prefix user: or group: when a name is both."));
            return std::nullopt;
        }
        return user ? Member {false, user->id} : Member {true, nested->id};
    };
    for (const QString& text : added) {
        const auto member = resolve(text);
        if (!member) {
            return stop;
        }
        QList<qint64>& ids = member->isGroup ? group.memberGroupIds : group.memberUserIds;
        if (!ids.contains(member->id)) {
            ids.append(member->id);
        }
    }
    for (const QString& text : removed) {
        const auto member = resolve(text);
        if (!member) {
            return stop;
        }
        (member->isGroup ? group.memberGroupIds : group.memberUserIds).removeAll(member->id);
    }
    return std::nullopt;
}

void DirectoryGroupsCommand::printGroup(const DirectoryGroup& group, const DirectoryRepository& repository) const
{
    const QJsonObject json = DirectoryJson::group(group, repository);
    if (m_context.json()) {
        m_context.printJson(json);
        return;
    }
    const auto names = [](const QJsonArray& references, const QString& key) {
        QStringList list;
        for (const QJsonValue& reference : references) {
            list << shown(reference.toObject().value(key).toString());
        }
        return list.isEmpty() ? tr("none") : list.join(QStringLiteral(", "));
    };
    const QJsonObject members = json.value(QLatin1String("members")).toObject();
    QString text;
    QTextStream stream(&text);
    stream << tr("Name:          %1").arg(shown(group.displayName)) << '\n';
    stream << tr("Description:   %1").arg(shown(group.description)) << '\n';
    stream << tr("Object id:     %1").arg(shown(group.objectId)) << '\n';
    stream << tr("Member users:  %1")
                  .arg(names(members.value(QLatin1String("users")).toArray(), QStringLiteral("userName")))
           << '\n';
    stream << tr("Member groups: %1")
                  .arg(names(members.value(QLatin1String("groups")).toArray(), QStringLiteral("displayName")))
           << '\n';
    stream << tr("Member of:     %1")
                  .arg(names(json.value(QLatin1String("memberOf")).toArray(), QStringLiteral("displayName")));
    m_context.print(text);
}

int DirectoryGroupsCommand::list()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists the directory's groups, ordered by name, with their member counts."));
    const QCommandLineOption search(
        QStringLiteral("search"), tr("Only groups whose name or description contains this text."), tr("text"));
    parser.addOption(search);
    const auto none = [](const QStringList& arguments) { return arguments.isEmpty(); };
    if (auto stop = m_context.parseAndOpenWorkspace(
            parser, QString(), none, tr("directory groups list takes no arguments; filter with --search TEXT."))) {
        return *stop;
    }
    DirectoryRepository repository(m_context.workspace().database());
    const QList<DirectoryGroup> groups = repository.listGroups(parser.value(search));
    if (m_context.json()) {
        QJsonArray array;
        for (const DirectoryGroup& group : groups) {
            array.append(DirectoryJson::groupSummary(group));
        }
        m_context.printJson(
            QJsonObject {{QStringLiteral("groups"), array}, {QStringLiteral("total"), int(groups.size())}});
        return toInt(ExitCode::Success);
    }
    QString text;
    QTextStream stream(&text);
    for (const DirectoryGroup& group : groups) {
        stream << shown(group.displayName) << '\t'
               << tr("%1 users, %2 groups").arg(group.memberUserIds.size()).arg(group.memberGroupIds.size()) << '\t'
               << shown(group.description) << '\n';
    }
    m_context.print(groups.isEmpty() ? tr("No groups.") : text);
    return toInt(ExitCode::Success);
}

int DirectoryGroupsCommand::show()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Shows one directory group with its direct members."));
    int exitCode = 0;
    const auto group = openNamedGroup(
        parser, tr("The group's name."), tr("Name one group: scimdesk-cli directory groups show NAME"), &exitCode);
    if (!group) {
        return exitCode;
    }
    printGroup(*group, *m_repository);
    return toInt(ExitCode::Success);
}

int DirectoryGroupsCommand::add()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Adds a group to the embedded directory, with the same checks as the app's Add Group. Members are users "
           "(by user name) and groups (by name); prefix user: or group: when a name is both."));
    const QCommandLineOption name(QStringLiteral("name"), tr("The group's name (unique)."), tr("name"));
    const QCommandLineOption description(QStringLiteral("description"), tr("Description."), tr("text"));
    const QCommandLineOption addMember(QStringLiteral("add-member"), tr("A member (repeatable)."), tr("member"));
    parser.addOptions({name, description, addMember});
    const auto none = [](const QStringList& arguments) { return arguments.isEmpty(); };
    if (auto stop = m_context.parseAndOpenWorkspace(parser, QString(), none,
            tr("Give the group with options: scimdesk-cli directory groups add --name NAME [options]"))) {
        return *stop;
    }
    if (!parser.isSet(name)) {
        return m_context.fail(ExitCode::Usage, tr("--name is required."),
            tr("Example: scimdesk-cli directory groups add --name Engineering --add-member alice@example.com"));
    }
    DirectoryRepository repository(m_context.workspace().database());
    DirectoryGroup group;
    group.displayName = parser.value(name).trimmed();
    group.description = parser.value(description).trimmed();
    if (auto stop = changeMembers(repository, parser.values(addMember), {}, group)) {
        return *stop;
    }
    const auto created = repository.createGroup(group);
    if (!created) {
        return failSave(created.error());
    }
    const auto saved = repository.findGroup(created.value());
    if (m_context.json() && saved) {
        printGroup(*saved, repository);
    } else {
        m_context.print(tr("Added group \"%1\".").arg(shown(group.displayName)));
    }
    return toInt(ExitCode::Success);
}

int DirectoryGroupsCommand::edit()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Changes a directory group; only the options given change, in one step (a refused nesting changes "
           "nothing). --name renames it: the object id stays, so the next sync renames it on the server."));
    const QCommandLineOption name(QStringLiteral("name"), tr("The group's new name."), tr("name"));
    const QCommandLineOption description(QStringLiteral("description"), tr("Description."), tr("text"));
    const QCommandLineOption addMember(QStringLiteral("add-member"), tr("A member to add (repeatable)."), tr("member"));
    const QCommandLineOption removeMember(
        QStringLiteral("remove-member"), tr("A member to remove (repeatable)."), tr("member"));
    parser.addOptions({name, description, addMember, removeMember});
    int exitCode = 0;
    auto group = openNamedGroup(parser, tr("The group's current name."),
        tr("Name one group: scimdesk-cli directory groups edit NAME [options]"), &exitCode);
    if (!group) {
        return exitCode;
    }
    DirectoryRepository& repository = *m_repository;
    if (parser.isSet(name)) {
        group->displayName = parser.value(name).trimmed();
    }
    if (parser.isSet(description)) {
        group->description = parser.value(description).trimmed();
    }
    if (auto stop = changeMembers(repository, parser.values(addMember), parser.values(removeMember), *group)) {
        return *stop;
    }
    if (auto status = repository.updateGroup(*group); !status) {
        return failSave(status.error());
    }
    const auto saved = repository.findGroup(group->id);
    if (m_context.json() && saved) {
        printGroup(*saved, repository);
    } else {
        m_context.print(tr("Saved group \"%1\".").arg(shown(group->displayName)));
    }
    return toInt(ExitCode::Success);
}

int DirectoryGroupsCommand::remove()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Deletes a directory group (its members stay in the directory). Nothing changes on a SCIM server until "
           "the next sync; with deprovisioning set to delete, that sync deletes the group there."));
    int exitCode = 0;
    const auto group = openNamedGroup(
        parser, tr("The group's name."), tr("Name one group: scimdesk-cli directory groups remove NAME"), &exitCode);
    if (!group) {
        return exitCode;
    }
    if (auto status = m_repository->removeGroup(group->id); !status) {
        return failSave(status.error());
    }
    if (m_context.json()) {
        m_context.printJson(QJsonObject {
            {QStringLiteral("removed"), group->displayName}, {QStringLiteral("objectId"), group->objectId}});
    } else {
        m_context.print(tr("Removed group \"%1\".").arg(shown(group->displayName)));
    }
    return toInt(ExitCode::Success);
}
