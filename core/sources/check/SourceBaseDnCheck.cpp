#include "SourceBaseDnCheck.h"

#include "util/DisplayText.h"

#include <QCoreApplication>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SourceBaseDnCheck", text);
}

} // namespace

SourceBaseDnCheck::SourceBaseDnCheck()
    : SourceCheck(SourceTestStep::BaseDn)
{
}

void SourceBaseDnCheck::check(SourceCheckContext& context, SourceTestStepResult& result)
{
    const DirectorySource& source = context.source();
    result.checked = tr("The entry %1").arg(source.baseDn);
    const auto rootDse = LdapRootDse::read(*context.connection(), context.cancelled());
    if (!rootDse) {
        fail(result, rootDse.error());
        return;
    }
    context.rootDse = rootDse.value();
    LdapSearchRequest request;
    request.baseDn = source.baseDn;
    request.scope = LdapSearchRequest::Scope::Base;
    request.attributes = {QStringLiteral("objectClass")};
    QStringList classes;
    const auto found = context.connection()->search(
        request,
        [&classes](const LdapEntry& entry) -> Status<SourceReadError> {
            for (const QByteArray& value : entry.values(QStringLiteral("objectClass"))) {
                classes.append(QString::fromUtf8(value));
            }
            return {};
        },
        context.cancelled());
    if (!found) {
        fail(result, found.error());
        return;
    }
    if (rootDse->isActiveDirectory()) {
        result.details.append(tr("The server is an Active Directory domain controller"));
    } else if (!rootDse->vendorName.isEmpty()) {
        result.details.append(tr("The server is %1").arg(DisplayText::escaped(rootDse->vendorName)));
    }
    result.details.append(tr("Object classes: %1").arg(DisplayText::escaped(classes.join(QStringLiteral(", ")))));
}
