#include "SourceCountCheck.h"

#include <QCoreApplication>

SourceCountCheck::SourceCountCheck(What what)
    : SourceCheck(what == What::Users ? SourceTestStep::Users : SourceTestStep::Groups)
    , m_what(what)
{
}

void SourceCountCheck::check(SourceCheckContext& context, SourceTestStepResult& result)
{
    const DirectorySource& source = context.source();
    const bool users = m_what == What::Users;
    const LdapSearchRequest request = context.searchRequest(users ? source.userFilter : source.groupFilter);
    result.checked = QCoreApplication::translate("SourceCountCheck", "A paged search of %1 below %2 (page size %3)")
                         .arg(request.filter, source.baseDn)
                         .arg(source.pageSize);
    int count = 0;
    const auto searched = context.connection()->search(
        request,
        [&count](const LdapEntry&) -> Status<SourceReadError> {
            ++count;
            return {};
        },
        context.cancelled());
    if (!searched) {
        fail(result, searched.error());
        return;
    }
    (users ? context.userCount : context.groupCount) = count;
    result.details.append(users ? QCoreApplication::translate("SourceCountCheck", "%1 users").arg(count)
                                : QCoreApplication::translate("SourceCountCheck", "%1 groups").arg(count));
    if (count == 0) {
        report(result, users ? ConnectionVerdict::Fail : ConnectionVerdict::Warning,
            users ? SourceTestFinding::NoUsersFound : SourceTestFinding::NoGroupsFound, context);
    }
}
