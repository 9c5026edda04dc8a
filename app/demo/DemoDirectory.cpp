#include "DemoDirectory.h"

#include "directory/DirectoryRepository.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace {
const char* const givenNames[] = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances",
    "Tim", "Radia", "Edsger", "Hedy", "Donald", "Katherine", "Niklaus", "Shafi", "Leslie", "Joan", "Bjarne", "Sophie",
    "Guido", "Annie", "James", "Lynn", "Ivan", "Mary", "John", "Anita", "Whitfield"};
const char* const familyNames[] = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov",
    "Thompson", "Allen", "Berners-Lee", "Perlman", "Dijkstra", "Lamarr", "Knuth", "Johnson", "Wirth", "Goldwasser",
    "Lamport", "Clarke", "Stroustrup", "Wilson", "van Rossum", "Easley", "Gosling", "Conway", "Sutherland", "Keller",
    "McCarthy", "Borg", "Diffie", "Müller", "Øster", "García", "Dvořák"};

struct Department
{
    const char* name;
    const char* group;
    const char* titles[3];
};

const Department departments[] = {
    {"Engineering", "Engineering", {"Software Engineer", "Senior Software Engineer", "Engineering Manager"}},
    {"Platform", "Platform", {"Site Reliability Engineer", "Platform Engineer", "Staff Engineer"}},
    {"Security", "Security", {"Security Engineer", "Security Analyst", "CISO"}},
    {"Sales", "Sales", {"Account Executive", "Sales Engineer", "Sales Director"}},
    {"Finance", "Finance", {"Accountant", "Financial Analyst", "CFO"}},
    {"People", "People", {"Recruiter", "People Partner", "Head of People"}},
};
} // namespace

Status<StorageError> DemoDirectory::seed(std::shared_ptr<Database> database)
{
    DirectoryRepository directory(database);
    if (directory.countUsers() > 0) {
        return {};
    }

    QList<DirectoryUser> users;
    QHash<QString, int> seen;
    for (int i = 0; i < userCount; ++i) {
        const int givenCount = int(std::size(givenNames));
        const QString given = QString::fromUtf8(givenNames[i % givenCount]);
        const QString family = QString::fromUtf8(familyNames[(i * 17 + i / givenCount) % std::size(familyNames)]);
        const Department& department = departments[i % std::size(departments)];
        QString base = (given.left(1) + family).toLower();
        base.remove(QLatin1Char(' ')).remove(QLatin1Char('-'));
        const int n = seen[base]++;
        const QString local = n == 0 ? base : base + QString::number(n + 1);

        DirectoryUser user;
        user.userName = local + QStringLiteral("@example.com");
        user.email = user.userName;
        user.givenName = given;
        user.familyName = family;
        user.displayName = given + QLatin1Char(' ') + family;
        user.department = QString::fromLatin1(department.name);
        user.title = QString::fromLatin1(department.titles[(i / 6) % 3]);
        user.employeeNumber = QStringLiteral("E%1").arg(10000 + i);
        user.phone = QStringLiteral("+1 555 %1").arg(1000 + i, 4, 10, QLatin1Char('0'));
        user.active = i % 41 != 40; // a few leavers
        if (i % 50 == 0) {
            user.customAttributes.insert(QStringLiteral("costCenter"), QStringLiteral("CC-%1").arg(100 + i / 50));
        }
        users.append(user);
    }
    auto saved = directory.saveUsers(users);
    if (!saved) {
        return saved.error();
    }

    // Department groups, Platform nested in Engineering, and an all-staff group.
    QList<DirectoryGroup> groups;
    for (const auto& department : departments) {
        DirectoryGroup group;
        group.displayName = QString::fromLatin1(department.group);
        group.description = QStringLiteral("Everyone in %1").arg(QString::fromLatin1(department.name));
        for (const auto& user : std::as_const(users)) {
            if (user.department == QLatin1String(department.name)) {
                group.memberUserIds.append(user.id);
            }
        }
        groups.append(group);
    }
    groups[0].memberGroupIds.append(-2); // Engineering contains Platform
    DirectoryGroup admins;
    admins.displayName = QStringLiteral("AWS Administrators");
    admins.description = QStringLiteral("Administrator access to the AWS organisation");
    for (int i = 0; i < users.size(); i += 37) {
        admins.memberUserIds.append(users.at(i).id);
    }
    groups.append(admins);
    auto savedGroups = directory.saveGroups(groups);
    if (!savedGroups) {
        return savedGroups.error();
    }
    return {};
}
