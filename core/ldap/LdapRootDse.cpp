#include "LdapRootDse.h"

namespace {

QStringList texts(const LdapEntry& entry, const QString& name)
{
    QStringList values;
    for (const QByteArray& value : entry.values(name)) {
        values.append(QString::fromUtf8(value));
    }
    return values;
}

} // namespace

QStringList LdapRootDse::attributes()
{
    return {QStringLiteral("supportedControl"), QStringLiteral("namingContexts"),
        QStringLiteral("defaultNamingContext"), QStringLiteral("vendorName"), QStringLiteral("dsServiceName"),
        QStringLiteral("highestCommittedUSN")};
}

Result<LdapRootDse, SourceReadError> LdapRootDse::read(LdapConnection& connection, const std::atomic_bool& cancelled)
{
    LdapSearchRequest request;
    request.baseDn = QString();
    request.scope = LdapSearchRequest::Scope::Base;
    request.attributes = attributes();
    LdapRootDse dse;
    const auto status = connection.search(
        request,
        [&dse](const LdapEntry& entry) -> Status<SourceReadError> {
            dse.supportedControls = texts(entry, QStringLiteral("supportedControl"));
            dse.namingContexts = texts(entry, QStringLiteral("namingContexts"));
            dse.defaultNamingContext = entry.text(QStringLiteral("defaultNamingContext"));
            dse.vendorName = entry.text(QStringLiteral("vendorName"));
            dse.dsServiceName = entry.text(QStringLiteral("dsServiceName"));
            dse.highestCommittedUsn = entry.text(QStringLiteral("highestCommittedUSN"));
            return {};
        },
        cancelled);
    if (!status) {
        return status.error();
    }
    return dse;
}
