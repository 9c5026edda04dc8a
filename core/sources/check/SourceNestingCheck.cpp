#include "SourceNestingCheck.h"

#include "ldap/LdapFilter.h"
#include "sources/DistinguishedName.h"
#include "sources/LdapGroupReader.h"
#include "util/DisplayText.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <functional>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SourceNestingCheck", text);
}

// How many groups the check looks at: enough to find nesting, bounded for huge directories.
constexpr int kGroupSample = 1000;

struct GroupSample
{
    QHash<QString, QStringList> members; // normalised group DN -> member DNs (normalised)
    QHash<QString, QString> dns; // normalised -> as the server wrote it
};

// Users below group (members that are not groups), at any depth, loops harmless.
QSet<QString> usersBelow(const GroupSample& sample, const QString& group)
{
    QSet<QString> users;
    QSet<QString> seen {group};
    std::function<void(const QString&)> visit = [&](const QString& current) {
        for (const QString& member : sample.members.value(current)) {
            if (!sample.members.contains(member)) {
                users.insert(member);
            } else if (!seen.contains(member)) {
                seen.insert(member);
                visit(member);
            }
        }
    };
    visit(group);
    return users;
}

} // namespace

SourceNestingCheck::SourceNestingCheck()
    : SourceCheck(SourceTestStep::Nesting)
{
}

void SourceNestingCheck::check(SourceCheckContext& context, SourceTestStepResult& result)
{
    const DirectorySource& source = context.source();
    if (context.groupCount <= 0) {
        result.verdict = ConnectionVerdict::Skipped;
        result.cause = tr("No group was found to look at.");
        return;
    }
    LdapSearchRequest request;
    request.baseDn = source.baseDn;
    request.filter = LdapFilter::parenthesized(source.groupFilter);
    request.attributes = SourceType::alternatives(source.groupMemberAttribute);
    request.pageSize = source.pageSize;
    request.maxEntries = kGroupSample;
    request.domainScope = context.rootDse && context.rootDse->supports(LdapRootDse::domainScopeOid);
    request.ignoredReferences = context.rootDse ? context.rootDse->namingContexts : QStringList();
    result.checked = tr("Members of up to %1 groups; with the in-chain rule, one in-chain query").arg(kGroupSample);
    GroupSample sample;
    const auto searched = context.connection()->search(
        request,
        [&](const LdapEntry& entry) -> Status<SourceReadError> {
            const QString key = DistinguishedName::normalizedKey(entry.dn);
            QStringList& members = sample.members[key];
            for (const QString& name : request.attributes) {
                for (const QByteArray& value : entry.values(name)) {
                    members.append(DistinguishedName::normalizedKey(QString::fromUtf8(value)));
                }
            }
            sample.dns.insert(key, entry.dn);
            return {};
        },
        context.cancelled());
    if (!searched) {
        fail(result, searched.error());
        return;
    }
    QString nested;
    QString widest;
    for (auto it = sample.members.begin(); it != sample.members.end(); ++it) {
        for (const QString& member : it.value()) {
            if (sample.members.contains(member) && nested.isEmpty()) {
                nested = it.key();
                result.details.append(tr("%1 contains the group %2")
                                          .arg(DisplayText::escaped(sample.dns.value(it.key())),
                                              DisplayText::escaped(sample.dns.value(member))));
            }
        }
        if (widest.isEmpty() && !it.value().isEmpty()) {
            widest = it.key();
        }
    }
    if (nested.isEmpty()) {
        result.details.append(tr("No group among the first %1 contains another group").arg(sample.members.size()));
    }
    if (source.nesting == GroupNesting::ClientSide) {
        result.details.append(tr("Nested groups are expanded by ScimDesk; loops are harmless"));
        return;
    }
    const QString group = nested.isEmpty() ? widest : nested;
    if (group.isEmpty()) {
        return;
    }
    LdapSearchRequest inChain;
    inChain.baseDn = source.baseDn;
    inChain.filter
        = LdapGroupReader::inChainFilter(LdapFilter::parenthesized(source.userFilter), sample.dns.value(group));
    inChain.pageSize = source.pageSize;
    inChain.domainScope = request.domainScope;
    inChain.ignoredReferences = request.ignoredReferences;
    int found = 0;
    const auto answered = context.connection()->search(
        inChain,
        [&found](const LdapEntry&) -> Status<SourceReadError> {
            ++found;
            return {};
        },
        context.cancelled());
    if (!answered) {
        report(result, ConnectionVerdict::Fail, SourceTestFinding::InChainUnsupported, context,
            {{QStringLiteral("error"), answered.error().message}});
        return;
    }
    const int expanded = int(usersBelow(sample, group).size());
    result.details.append(
        tr("The in-chain rule finds %1 users in %2").arg(found).arg(DisplayText::escaped(sample.dns.value(group))));
    if (found != expanded) {
        report(result, ConnectionVerdict::Warning, SourceTestFinding::InChainDiffers, context,
            {{QStringLiteral("group"), sample.dns.value(group)}, {QStringLiteral("inChain"), QString::number(found)},
                {QStringLiteral("clientSide"), QString::number(expanded)}});
    }
}
