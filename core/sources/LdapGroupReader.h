#pragma once

#include "LdapUserMapper.h"
#include "SourceChangeTracker.h"
#include "SourceRead.h"
#include "UserDnIndex.h"

#include "ldap/LdapConnection.h"
#include "model/DirectorySource.h"

#include <QList>
#include <QString>

// Reads a source's groups: name, description, anchor and direct members (the values of every
// member attribute alternative, uniqueMember's optional "#'…'B" suffix removed). Members beyond
// Active Directory's MaxValRange come by ranged retrieval after the group search. With
// GroupNesting::MatchingRuleInChain each group's members are instead every user the directory
// finds below it through LDAP_MATCHING_RULE_IN_CHAIN, one query per group.
class LdapGroupReader
{
public:
    struct Options
    {
        bool domainScope = false;
        bool nestingByServer = false; // the source's nesting is MatchingRuleInChain
        QStringList ignoredReferences; // see LdapSearchRequest
        // The users of the same read: a member value that names one of them shares its DN.
        const UserDnIndex* users = nullptr;
    };

    LdapGroupReader(LdapConnection& connection, const DirectorySource& source, const LdapUserMapper& mapper,
        SourceChangeTracker& tracker, Options options);

    // The groups matching filter (the group filter, or the changed groups of a delta read).
    Result<QList<SourceGroupEntry>, SourceReadError> read(const QString& filter, const std::atomic_bool& cancelled);

    // The users of userFilter that are members of groupDn at any depth, by Active Directory's
    // LDAP_MATCHING_RULE_IN_CHAIN (1.2.840.113556.1.4.1941).
    static QString inChainFilter(const QString& userFilter, const QString& groupDn);
    // The DNs of the users matching userFilter that are members of groupDn at any depth.
    Result<QStringList, SourceReadError> usersInChain(
        const QString& groupDn, const QString& userFilter, const std::atomic_bool& cancelled);

private:
    QStringList requestedAttributes() const;
    SourceGroupEntry groupOf(const LdapEntry& entry, QList<QPair<QString, QString>>* ranged) const;
    QString memberDn(bool uniqueMember, const QByteArray& value) const;

    LdapConnection& m_connection;
    const DirectorySource& m_source;
    const LdapUserMapper& m_mapper;
    SourceChangeTracker& m_tracker;
    Options m_options;
    // The "a|b" alternatives of the source's group attributes, split once per read.
    QStringList m_nameAlternatives;
    QStringList m_descriptionAlternatives;
    QStringList m_memberAlternatives;
};
