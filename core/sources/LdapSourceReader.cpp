#include "LdapSourceReader.h"

#include "DistinguishedName.h"
#include "LdapGroupReader.h"
#include "LdapUserMapper.h"
#include "SourceChangeTracker.h"

#include "ldap/LdapFilter.h"
#include "ldap/LdapRemediation.h"
#include "ldap/LdapRootDse.h"
#include "ldap/OpenLdapConnection.h"

#include <QCoreApplication>
#include <QHash>

namespace {

QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("LdapSourceReader", text, nullptr, n);
}

SourceReadError invalidSettings(const QString& message, const QString& remedy)
{
    SourceReadError error;
    error.kind = SourceReadError::Kind::InvalidSettings;
    error.message = message;
    error.remedy = remedy;
    return error;
}

// What the reader needs before it talks to the server; the full rules are the source validator's.
Status<SourceReadError> checkSettings(const DirectorySource& source)
{
    QString problem;
    if (!DistinguishedName::isValid(source.baseDn, &problem)) {
        return invalidSettings(tr("The base DN \"%1\" is not a valid DN: %2").arg(source.baseDn, problem),
            tr("Write it like DC=example,DC=com or OU=Staff,DC=example,DC=com."));
    }
    if (!source.bindDn.contains(QLatin1Char('@')) && !DistinguishedName::isValid(source.bindDn, &problem)) {
        return invalidSettings(tr("The bind DN \"%1\" is not a valid DN: %2").arg(source.bindDn, problem),
            tr("Write it like CN=svc-scim,OU=Service,DC=example,DC=com, or use a user principal name "
               "(svc-scim@example.com) for Active Directory."));
    }
    if (!SourceType::isAttributeDescription(source.anchorAttribute)) {
        return invalidSettings(
            tr("The anchor attribute \"%1\" is not an LDAP attribute name.").arg(source.anchorAttribute),
            tr("Use objectGUID for Active Directory, entryUUID for OpenLDAP."));
    }
    const bool userName = std::any_of(source.userMappings.begin(), source.userMappings.end(),
        [](const LdapAttributeMapping& mapping) { return mapping.directoryAttribute == QLatin1String("userName"); });
    if (!userName) {
        return invalidSettings(tr("No LDAP attribute is mapped to userName."),
            tr("Map userName, e.g. from userPrincipalName (Active Directory) or uid (OpenLDAP)."));
    }
    return {};
}

} // namespace

struct LdapSourceReader::Context
{
    const DirectorySource& source;
    const SourceReadRequest& request;
    SourceType::AnchorFormat anchorFormat = SourceType::AnchorFormat::Text;
    std::unique_ptr<LdapConnection> connection;
    std::unique_ptr<LdapUserMapper> mapper;
    std::unique_ptr<SourceChangeTracker> tracker;
    bool domainScope = false;
    QStringList namingContexts;
    SourceRead read;
    int skippedUsers = 0;
    QString firstSkip;
};

LdapSourceReader::LdapSourceReader(SourceTypeRegistry types, ConnectionFactory factory)
    : m_types(std::move(types))
    , m_factory(std::move(factory))
{
    if (!m_factory) {
        m_factory = [] { return std::make_unique<OpenLdapConnection>(); };
    }
}

Status<SourceReadError> LdapSourceReader::connect(
    Context& context, const QByteArray& password, const std::atomic_bool& cancelled)
{
    context.connection = m_factory();
    if (auto opened = context.connection->open(connectionSettings(context.source), cancelled); !opened) {
        return opened;
    }
    // A copy of its own (QByteArray is shared), so wiping it touches nothing of the caller's.
    QByteArray secret(password.constData(), password.size());
    return context.connection->bind(context.source.bindDn, secret, cancelled);
}

LdapConnectionSettings LdapSourceReader::connectionSettings(const DirectorySource& source)
{
    LdapConnectionSettings settings;
    settings.url = source.url;
    settings.startTls = source.startTls;
    settings.caFilePath = source.caFilePath;
    settings.timeoutSeconds = source.timeoutSeconds;
    return settings;
}

Result<SourceRead, SourceReadError> LdapSourceReader::read(const DirectorySource& source, const QByteArray& password,
    const SourceReadRequest& request, const std::atomic_bool& cancelled)
{
    if (auto settings = checkSettings(source); !settings) {
        return settings.error();
    }
    Context context {source, request};
    const auto type = m_types.find(source.sourceTypeId);
    context.anchorFormat = type ? type->anchorFormat : SourceType::AnchorFormat::Text;
    context.mapper = std::make_unique<LdapUserMapper>(source, context.anchorFormat);
    if (auto connected = connect(context, password, cancelled); !connected) {
        return connected.error();
    }
    const auto rootDse = LdapRootDse::read(*context.connection, cancelled);
    if (!rootDse) {
        return rootDse.error();
    }
    context.domainScope = rootDse->supports(LdapRootDse::domainScopeOid);
    context.namingContexts = rootDse->namingContexts;
    SourceType::HighWaterMark mechanism = type ? type->highWaterMark : SourceType::HighWaterMark::None;
    if (!type) {
        mechanism = rootDse->isActiveDirectory() ? SourceType::HighWaterMark::Usn
                                                 : SourceType::HighWaterMark::ModifyTimestamp;
    }
    context.tracker = std::make_unique<SourceChangeTracker>(mechanism);
    if (auto begun = context.tracker->begin(*context.connection, *rootDse, source.baseDn, cancelled); !begun) {
        return begun.error();
    }
    QString userFilter = LdapFilter::parenthesized(source.userFilter);
    QString groupFilter = LdapFilter::parenthesized(source.groupFilter);
    if (!request.full) {
        if (auto possible = context.tracker->checkDelta(request); !possible) {
            return possible.error();
        }
        context.tracker->continueFrom(request);
        const QString changed = context.tracker->changedSince(request);
        if (auto users = readAnchors(context, userFilter, &context.read.presentUserAnchors, cancelled); !users) {
            return users.error();
        }
        if (auto groups = readAnchors(context, groupFilter, &context.read.presentGroupAnchors, cancelled); !groups) {
            return groups.error();
        }
        userFilter = LdapFilter::allOf({userFilter, changed});
        groupFilter = LdapFilter::allOf({groupFilter, changed});
        context.read.delta = true;
    }
    if (auto users = readUsers(context, userFilter, cancelled); !users) {
        return users.error();
    }
    const UserDnIndex userDns(context.read.users);
    if (auto groups = readGroups(context, groupFilter, userDns, cancelled); !groups) {
        return groups.error();
    }
    resolveManagers(&context.read, userDns);
    if (context.skippedUsers > 0) {
        context.read.notes.append(tr("%n user(s) skipped, e.g. %1", context.skippedUsers).arg(context.firstSkip));
    }
    context.read.highWaterMark = context.tracker->highWaterMark();
    context.read.serverIdentity = context.tracker->serverIdentity();
    context.read.readAt = QDateTime::currentDateTimeUtc();
    return std::move(context.read);
}

Status<SourceReadError> LdapSourceReader::readUsers(
    Context& context, const QString& filter, const std::atomic_bool& cancelled)
{
    LdapSearchRequest request;
    request.baseDn = context.source.baseDn;
    request.filter = filter;
    request.attributes = context.mapper->requestedAttributes() + context.tracker->markAttributes();
    request.pageSize = context.source.pageSize;
    request.domainScope = context.domainScope;
    request.ignoredReferences = context.namingContexts;
    return context.connection->search(
        request,
        [&context](const LdapEntry& entry) -> Status<SourceReadError> {
            context.tracker->observe(entry);
            // Mapped in place: a SourceUserEntry is 14 strings, a map and two times to move.
            QList<SourceUserEntry>& users = context.read.users;
            QString problem;
            if (!context.mapper->map(entry, &users.emplaceBack(), &problem)) {
                users.removeLast();
                if (context.skippedUsers++ == 0) {
                    context.firstSkip = problem;
                }
            }
            return {};
        },
        cancelled);
}

Status<SourceReadError> LdapSourceReader::readGroups(
    Context& context, const QString& filter, const UserDnIndex& users, const std::atomic_bool& cancelled)
{
    LdapGroupReader::Options options;
    options.users = &users;
    options.domainScope = context.domainScope;
    options.nestingByServer = context.source.nesting == GroupNesting::MatchingRuleInChain;
    options.ignoredReferences = context.namingContexts;
    LdapGroupReader groups(*context.connection, context.source, *context.mapper, *context.tracker, options);
    auto read = groups.read(filter, cancelled);
    if (!read) {
        return read.error();
    }
    for (const SourceGroupEntry& group : read.value()) {
        if (group.anchor.isEmpty()) {
            return invalidSettings(
                tr("The group %1 has no %2 (the anchor).").arg(group.dn, context.source.anchorAttribute),
                tr("Check the source's anchor attribute: objectGUID for Active Directory, entryUUID for OpenLDAP."));
        }
    }
    context.read.groups = std::move(read.value());
    return {};
}

Status<SourceReadError> LdapSourceReader::readAnchors(
    Context& context, const QString& filter, QStringList* anchors, const std::atomic_bool& cancelled)
{
    LdapSearchRequest request;
    request.baseDn = context.source.baseDn;
    request.filter = filter;
    request.attributes = {context.source.anchorAttribute};
    request.pageSize = context.source.pageSize;
    request.domainScope = context.domainScope;
    request.ignoredReferences = context.namingContexts;
    return context.connection->search(
        request,
        [&context, anchors](const LdapEntry& entry) -> Status<SourceReadError> {
            const QString anchor = context.mapper->anchorOf(entry);
            if (!anchor.isEmpty()) {
                anchors->append(anchor);
            }
            return {};
        },
        cancelled);
}

void LdapSourceReader::resolveManagers(SourceRead* read, const UserDnIndex& exact) const
{
    // Manager values are nearly always written as the directory writes the entry's DN: look them
    // up as they are, and compare normalised DNs only for the rest (escapes, spacing, case).
    QHash<QString, const DirectoryUser*> normalised;
    for (SourceUserEntry& entry : read->users) {
        if (entry.managerDn.isEmpty()) {
            continue;
        }
        const SourceUserEntry* found = exact.find(entry.managerDn);
        const DirectoryUser* manager = found ? &found->user : nullptr;
        if (!manager) {
            if (normalised.isEmpty()) {
                normalised.reserve(read->users.size());
                for (const SourceUserEntry& other : std::as_const(read->users)) {
                    normalised.insert(DistinguishedName::normalizedKey(other.dn), &other.user);
                }
            }
            manager = normalised.value(DistinguishedName::normalizedKey(entry.managerDn));
        }
        entry.user.manager = manager ? manager->userName : QString();
    }
}
