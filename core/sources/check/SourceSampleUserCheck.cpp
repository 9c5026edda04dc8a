#include "SourceSampleUserCheck.h"

#include "sources/LdapUserMapper.h"
#include "sources/SourceType.h"
#include "util/DisplayText.h"

#include <QCoreApplication>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SourceSampleUserCheck", text);
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
    request.maxEntries = 1;
    result.checked = tr("The first user of %1 with the attributes the mapping reads").arg(request.filter);
    std::optional<LdapEntry> sample;
    const auto searched = context.connection()->search(
        request,
        [&sample](const LdapEntry& entry) -> Status<SourceReadError> {
            sample = entry.detached();
            return {};
        },
        context.cancelled());
    if (!searched) {
        fail(result, searched.error());
        return;
    }
    SourceUserEntry user;
    QString problem;
    const bool usable = sample && mapper.map(*sample, &user, &problem);
    if (!usable) {
        report(result, ConnectionVerdict::Fail, SourceTestFinding::SampleUnusable, context,
            {{QStringLiteral("problem"), sample ? problem : tr("the directory returned no entry")}});
        return;
    }
    QStringList empty;
    result.details = describe(source, user, &empty);
    if (!empty.isEmpty()) {
        report(result, ConnectionVerdict::Warning, SourceTestFinding::SampleAttributesEmpty, context,
            {{QStringLiteral("attributes"), empty.join(QStringLiteral(", "))}});
    }
}
