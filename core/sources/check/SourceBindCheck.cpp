#include "SourceBindCheck.h"

#include <QCoreApplication>

SourceBindCheck::SourceBindCheck()
    : SourceCheck(SourceTestStep::Bind)
{
}

void SourceBindCheck::check(SourceCheckContext& context, SourceTestStepResult& result)
{
    const DirectorySource& source = context.source();
    result.checked = source.anonymousBind()
        ? QCoreApplication::translate("SourceBindCheck", "An anonymous bind")
        : QCoreApplication::translate("SourceBindCheck", "A simple bind as %1 with the stored password")
              .arg(source.bindDn);
    std::unique_ptr<LdapConnection> connection = context.newConnection();
    if (const auto opened = connection->open(context.connectionSettings(), context.cancelled()); !opened) {
        fail(result, opened.error());
        return;
    }
    QByteArray password = context.takePassword();
    if (const auto bound = connection->bind(source.bindDn, password, context.cancelled()); !bound) {
        fail(result, bound.error());
        return;
    }
    result.details.append(source.anonymousBind()
            ? QCoreApplication::translate("SourceBindCheck", "Bound anonymously")
            : QCoreApplication::translate("SourceBindCheck", "Bound as %1").arg(source.bindDn));
    context.setConnection(std::move(connection));
}
