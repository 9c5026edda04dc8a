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

// Users below group (members that are not groups), at any depth, loops harmless.
QSet<QString> usersBelow(const SourceNestingCheck::GroupSample& sample, const QString& group)
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

LdapSearchRequest groupSearch(const SourceCheckContext& context)
{
    LdapSearchRequest request = context.searchRequest(context.source().groupFilter);
    request.attributes = SourceType::alternatives(context.source().groupMemberAttribute);
    request.maxEntries = kGroupSample;
    return request;
}

Status<SourceReadError> readSample(const SourceCheckContext& context, SourceNestingCheck::GroupSample* sample)
{
    const LdapSearchRequest request = groupSearch(context);
    return context.connection()->search(
        request,
        [&](const LdapEntry& entry) -> Status<SourceReadError> {
            const QString key = DistinguishedName::normalizedKey(entry.dn);
            QStringList& members = sample->members[key];
            for (const QString& name : request.attributes) {
                for (const QByteArray& value : entry.values(name)) {
                    members.append(DistinguishedName::normalizedKey(QString::fromUtf8(value)));
                }
            }
            sample->dns.insert(key, entry.dn);
            return {};
        },
        context.cancelled());
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
    result.checked = tr("Members of up to %1 groups; with the in-chain rule, one in-chain query").arg(kGroupSample);
    GroupSample sample;
    if (const auto read = readSample(context, &sample); !read) {
        fail(result, read.error());
        return;
    }
    QString nested;
    QString withMembers;
    for (auto it = sample.members.begin(); it != sample.members.end(); ++it) {
        for (const QString& member : it.value()) {
            if (nested.isEmpty() && sample.members.contains(member)) {
                nested = it.key();
                result.details.append(tr("%1 contains the group %2")
                                          .arg(DisplayText::escaped(sample.dns.value(it.key())),
                                              DisplayText::escaped(sample.dns.value(member))));
            }
        }
        if (withMembers.isEmpty() && !it.value().isEmpty()) {
            withMembers = it.key();
        }
    }
    if (nested.isEmpty()) {
        result.details.append(tr("No group among the first %1 contains another group").arg(sample.members.size()));
    }
    if (source.nesting == GroupNesting::ClientSide) {
        result.details.append(tr("Nested groups are expanded by ScimDesk; loops are harmless"));
    } else if (!withMembers.isEmpty()) {
        checkInChain(context, result, sample, nested.isEmpty() ? withMembers : nested);
    }
}

void SourceNestingCheck::checkInChain(
    SourceCheckContext& context, SourceTestStepResult& result, const GroupSample& sample, const QString& group)
{
    const QString groupDn = sample.dns.value(group);
    const LdapSearchRequest request = context.searchRequest(
        LdapGroupReader::inChainFilter(LdapFilter::parenthesized(context.source().userFilter), groupDn));
    int found = 0;
    const auto answered = context.connection()->search(
        request,
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
    if (found == 0 && expanded > 0 && !(context.rootDse && context.rootDse->isActiveDirectory())) {
        // OpenLDAP and others accept the filter and simply match nothing.
        report(result, ConnectionVerdict::Fail, SourceTestFinding::InChainUnsupported, context,
            {{QStringLiteral("error"),
                tr("it finds no member of %1, whose members include %2 users").arg(groupDn).arg(expanded)}});
        return;
    }
    result.details.append(tr("The in-chain rule finds %1 users in %2").arg(found).arg(DisplayText::escaped(groupDn)));
    if (found != expanded) {
        report(result, ConnectionVerdict::Warning, SourceTestFinding::InChainDiffers, context,
            {{QStringLiteral("group"), groupDn}, {QStringLiteral("inChain"), QString::number(found)},
                {QStringLiteral("clientSide"), QString::number(expanded)}});
    }
}
