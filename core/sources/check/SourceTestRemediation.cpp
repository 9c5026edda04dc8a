#include "SourceTestRemediation.h"

#include "util/PlaceholderText.h"

#include <QCoreApplication>

namespace {

#define REMEDY(text) QT_TRANSLATE_NOOP("SourceTestRemediation", text)

struct Row
{
    SourceTestFinding finding;
    const char* cause;
    const char* fix;
};

// code-shape: data table
const Row kRows[] = {
    {SourceTestFinding::NoTls,
        REMEDY("The connection to {host} is not encrypted (ldap:// without StartTLS); the anonymous bind sends no "
               "password, but names and attributes cross the network in clear."),
        REMEDY("Switch on StartTLS or use ldaps://, and give the source the directory's CA file if it uses a private "
               "CA.")},
    {SourceTestFinding::CertificateExpiresSoon,
        REMEDY("The directory's certificate expires on {expiry}, in {days} days."),
        REMEDY("Ask the directory's administrator to renew it before then; reads fail from that day on.")},
    {SourceTestFinding::NoUsersFound, REMEDY("The user filter {userFilter} finds no entry below {baseDn}."),
        REMEDY("Check the base DN (the users may be in another OU) and the user filter; the bind account must be "
               "allowed to read them.")},
    {SourceTestFinding::NoGroupsFound, REMEDY("The group filter {groupFilter} finds no entry below {baseDn}."),
        REMEDY("Nothing to do if applications assign users directly; otherwise check the base DN and the group "
               "filter.")},
    {SourceTestFinding::SampleUnusable, REMEDY("None of the first users the filter finds can be used; the first: {problem}."),
        REMEDY("Check the anchor attribute and the attribute mapped to userName, or narrow the user filter to "
               "accounts that have them.")},
    {SourceTestFinding::SampleAttributesEmpty, REMEDY("The sample user has no value for {attributes}."),
        REMEDY("Nothing to do if this user simply lacks them; if every user does, the mapping names an attribute the "
               "directory does not use (or the bind account may not read).")},
    {SourceTestFinding::InChainUnsupported,
        REMEDY("The directory does not answer the in-chain rule (LDAP_MATCHING_RULE_IN_CHAIN): {error}"),
        REMEDY("Choose client-side nesting for this source; only Active Directory supports the in-chain rule.")},
    {SourceTestFinding::InChainDiffers,
        REMEDY("The in-chain rule finds {inChain} users in {group}, expanding its members here finds {clientSide}."),
        REMEDY("Nested groups outside the base DN or the group filter explain a difference; choose the nesting "
               "strategy whose answer is right for your groups.")},
};

QString tr(const char* text)
{
    return QCoreApplication::translate("SourceTestRemediation", text);
}

QString filled(const char* text, const SourceTestRemediation::Facts& facts)
{
    return PlaceholderText::fill(tr(text), facts);
}

const Row* rowOf(SourceTestFinding finding)
{
    for (const Row& row : kRows) {
        if (row.finding == finding) {
            return &row;
        }
    }
    return nullptr;
}

} // namespace

namespace SourceTestRemediation {

Text lookup(SourceTestFinding finding, const Facts& facts)
{
    const Row* row = rowOf(finding);
    return row ? Text {filled(row->cause, facts), filled(row->fix, facts)} : Text {};
}

QStringList placeholders(SourceTestFinding finding)
{
    const Row* row = rowOf(finding);
    return row ? PlaceholderText::names({QLatin1String(row->cause), QLatin1String(row->fix)}) : QStringList();
}

} // namespace SourceTestRemediation
