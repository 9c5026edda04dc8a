#include "LdapGroupReader.h"

#include "ldap/LdapFilter.h"
#include "ldap/LdapRangedValues.h"
#include "ldap/LdapValueText.h"

#include <QRegularExpression>

namespace {

const char* const kInChainRule = "1.2.840.113556.1.4.1941";

void addOnce(QStringList* names, const QString& name)
{
    if (!name.isEmpty() && !names->contains(name, Qt::CaseInsensitive)) {
        names->append(name);
    }
}

QString firstText(const LdapEntry& entry, const QStringList& alternatives)
{
    for (const QString& name : alternatives) {
        const QList<QByteArray>* values = entry.find(name);
        if (values && !values->isEmpty()) {
            return LdapValueText::text(name, values->first());
        }
    }
    return {};
}

bool isUniqueMember(const QString& attribute)
{
    return attribute.compare(QLatin1String("uniqueMember"), Qt::CaseInsensitive) == 0;
}

} // namespace

// nameAndOptionalUID (RFC 4517): "cn=Group,dc=x#'0101'B" -> "cn=Group,dc=x".
QString LdapGroupReader::memberDn(bool uniqueMember, const QByteArray& value) const
{
    if (!uniqueMember) {
        return m_options.users ? m_options.users->text(value) : QString::fromUtf8(value);
    }
    QString dn = QString::fromUtf8(value);
    static const QRegularExpression uid(QStringLiteral("#'[01]*'B$"));
    dn.remove(uid);
    return dn;
}

LdapGroupReader::LdapGroupReader(LdapConnection& connection, const DirectorySource& source,
    const LdapUserMapper& mapper, SourceChangeTracker& tracker, Options options)
    : m_connection(connection)
    , m_source(source)
    , m_mapper(mapper)
    , m_tracker(tracker)
    , m_options(options)
    , m_nameAlternatives(SourceType::alternatives(source.groupNameAttribute))
    , m_descriptionAlternatives(SourceType::alternatives(source.groupDescriptionAttribute))
    , m_memberAlternatives(SourceType::alternatives(source.groupMemberAttribute))
{
}

QStringList LdapGroupReader::requestedAttributes() const
{
    QStringList names;
    addOnce(&names, m_source.anchorAttribute);
    for (const QString& attribute : {m_source.groupNameAttribute, m_source.groupDescriptionAttribute}) {
        for (const QString& name : SourceType::alternatives(attribute)) {
            addOnce(&names, name);
        }
    }
    if (!m_options.nestingByServer) {
        for (const QString& name : SourceType::alternatives(m_source.groupMemberAttribute)) {
            addOnce(&names, name);
        }
    }
    for (const QString& name : m_tracker.markAttributes()) {
        addOnce(&names, name);
    }
    return names;
}

SourceGroupEntry LdapGroupReader::groupOf(const LdapEntry& entry, QList<QPair<QString, QString>>* ranged) const
{
    SourceGroupEntry group;
    group.dn = entry.dn;
    group.anchor = m_mapper.anchorOf(entry);
    group.name = firstText(entry, m_nameAlternatives);
    group.description = firstText(entry, m_descriptionAlternatives);
    if (m_options.nestingByServer) {
        return group;
    }
    for (const QString& name : m_memberAlternatives) {
        const bool uniqueMember = isUniqueMember(name);
        const QList<QByteArray>* values = entry.find(name);
        group.memberDns.reserve(values ? values->size() : 0);
        for (const QByteArray& value : values ? *values : QList<QByteArray>()) {
            // groupOfNames must have a member: an empty group holds the empty DN.
            if (!value.isEmpty()) {
                group.memberDns.append(memberDn(uniqueMember, value));
            }
        }
        if (const LdapEntry::Attribute* part = entry.ranged(name)) {
            for (const QByteArray& value : part->values) {
                group.memberDns.append(memberDn(uniqueMember, value));
            }
            ranged->append({name, QString::fromLatin1(part->name)});
        }
    }
    return group;
}

Result<QList<SourceGroupEntry>, SourceReadError> LdapGroupReader::read(
    const QString& filter, const std::atomic_bool& cancelled)
{
    LdapSearchRequest request;
    request.baseDn = m_source.baseDn;
    request.filter = filter;
    request.attributes = requestedAttributes();
    request.pageSize = m_source.pageSize;
    request.domainScope = m_options.domainScope;
    request.ignoredReferences = m_options.ignoredReferences;
    QList<SourceGroupEntry> groups;
    QList<QList<QPair<QString, QString>>> rangedOf; // per group: (attribute, "member;range=0-1499")
    const auto status = m_connection.search(
        request,
        [&](const LdapEntry& entry) -> Status<SourceReadError> {
            QList<QPair<QString, QString>> ranged;
            groups.append(groupOf(entry, &ranged));
            rangedOf.append(ranged);
            m_tracker.observe(entry);
            return {};
        },
        cancelled);
    if (!status) {
        return status.error();
    }
    for (int i = 0; i < groups.size(); ++i) {
        for (const auto& [attribute, firstRange] : std::as_const(rangedOf.at(i))) {
            QString base;
            LdapRangedValues::Range got;
            LdapRangedValues::parse(firstRange, &base, &got);
            QList<QByteArray> rest;
            const auto more
                = LdapRangedValues::readRest(m_connection, groups.at(i).dn, attribute, got, 0, &rest, cancelled);
            if (!more) {
                return more.error();
            }
            for (const QByteArray& value : std::as_const(rest)) {
                groups[i].memberDns.append(memberDn(isUniqueMember(attribute), value));
            }
        }
        if (m_options.nestingByServer) {
            const auto users = usersInChain(groups.at(i).dn, m_source.userFilter, cancelled);
            if (!users) {
                return users.error();
            }
            groups[i].memberDns = users.value();
        }
    }
    return groups;
}

QString LdapGroupReader::inChainFilter(const QString& userFilter, const QString& groupDn)
{
    return LdapFilter::allOf({userFilter,
        QStringLiteral("(memberOf:%1:=%2)").arg(QLatin1String(kInChainRule), LdapFilter::escapeValue(groupDn))});
}

Result<QStringList, SourceReadError> LdapGroupReader::usersInChain(
    const QString& groupDn, const QString& userFilter, const std::atomic_bool& cancelled)
{
    LdapSearchRequest request;
    request.baseDn = m_source.baseDn;
    request.filter = inChainFilter(userFilter, groupDn);
    request.pageSize = m_source.pageSize;
    request.domainScope = m_options.domainScope;
    request.ignoredReferences = m_options.ignoredReferences;
    QStringList dns;
    const auto status = m_connection.search(
        request,
        [&dns](const LdapEntry& entry) -> Status<SourceReadError> {
            dns.append(entry.dn);
            return {};
        },
        cancelled);
    if (!status) {
        return status.error();
    }
    return dns;
}
