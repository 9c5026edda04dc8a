#include "SourceSampleUserCheck.h"

#include "sources/LdapUserMapper.h"
#include "sources/SourceType.h"
#include "util/DisplayText.h"

#include <QCoreApplication>

namespace {

QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("SourceSampleUserCheck", text, nullptr, n);
}

// Every mapped attribute of the sample as "email ← mail: jane@example.com"; *empty gets the
// LDAP attributes that had no value.
QStringList describe(const DirectorySource& source, const SourceUserEntry& user, QStringList* empty)
{
    QStringList lines {tr("DN: %1").arg(DisplayText::escaped(user.dn)),
        tr("Anchor (%1): %2").arg(source.anchorAttribute, DisplayText::escaped(user.user.objectId))};
    for (const auto& mapping : source.userMappings) {
        const bool manager = mapping.directoryAttribute == QLatin1String("manager");
        const QString value = manager ? user.managerDn : user.user.attribute(mapping.directoryAttribute);
        if (value.isEmpty()) {
            empty->append(mapping.ldapAttribute);
        }
        lines.append(QStringLiteral("%1 ← %2: %3")
                         .arg(mapping.directoryAttribute, mapping.ldapAttribute,
                             value.isEmpty() ? tr("(no value)") : DisplayText::escaped(value)));
    }
    lines.append(tr("Active: %1 (disabled %2)")
                     .arg(user.user.active ? tr("yes") : tr("no"), SourceType::describe(source.disabledRule)));
    return lines;
}

constexpr int samplePage = 50;

} // namespace

SourceSampleUserCheck::SourceSampleUserCheck()
    : SourceCheck(SourceTestStep::SampleUser)
{
}

void SourceSampleUserCheck::check(SourceCheckContext& context, SourceTestStepResult& result)
{
    const DirectorySource& source = context.source();
    if (context.userCount <= 0) {
        result.verdict = ConnectionVerdict::Skipped;
        result.cause = tr("No user was found to show.");
        return;
    }
    const LdapUserMapper mapper(source, context.anchorFormat());
    LdapSearchRequest request = context.searchRequest(source.userFilter);
    request.attributes = mapper.requestedAttributes();
    // Directories start with accounts no one provisions (Active Directory's krbtgt and Guest have
    // no userPrincipalName): the sample is the first user the reader would take, among a page.
    request.maxEntries = samplePage;
    result.checked = tr("The first usable user of %1 with the attributes the mapping reads").arg(request.filter);
    SourceUserEntry user;
    bool usable = false;
    int unusable = 0;
    QString firstProblem;
    const auto searched = context.connection()->search(
        request,
        [&](const LdapEntry& entry) -> Status<SourceReadError> {
            QString problem;
            if (usable) {
                return {};
            }
            usable = mapper.map(entry, &user, &problem);
            if (!usable && unusable++ == 0) {
                firstProblem = problem;
            }
            return {};
        },
        context.cancelled());
    if (!searched) {
        fail(result, searched.error());
        return;
    }
    if (!usable) {
        report(result, ConnectionVerdict::Fail, SourceTestFinding::SampleUnusable, context,
            {{QStringLiteral("problem"), unusable > 0 ? firstProblem : tr("the directory returned no entry")}});
        return;
    }
    QStringList empty;
    result.details = describe(source, user, &empty);
    if (unusable > 0) {
        result.details.append(tr("Passed over before it, as a sync would: %n user(s) it cannot use, the first because "
                                 "%1",
            unusable)
                                  .arg(DisplayText::escaped(firstProblem)));
    }
    if (!empty.isEmpty()) {
        report(result, ConnectionVerdict::Warning, SourceTestFinding::SampleAttributesEmpty, context,
            {{QStringLiteral("attributes"), empty.join(QStringLiteral(", "))}});
    }
}
