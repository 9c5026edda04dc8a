#include "CapabilitiesCheck.h"

#include "scim/ScimClient.h"

namespace {

QString yesNo(bool value)
{
    return value ? CapabilitiesCheck::tr("yes") : CapabilitiesCheck::tr("no");
}

} // namespace

CapabilitiesCheck::CapabilitiesCheck(ConnectionCheckContext& context, QObject* parent)
    : ConnectionCheck(ConnectionStep::Capabilities, context, parent)
{
}

QString CapabilitiesCheck::checked() const
{
    return tr("GET /ServiceProviderConfig: what the server says it supports, against the server type's "
              "capabilities");
}

void CapabilitiesCheck::run()
{
    using ConfigAnswer = Result<ServiceProviderConfig, ScimError>;
    track(client().getServiceProviderConfig(
        this, guarded<const ConfigAnswer&>([this](const ConfigAnswer& answer) { discovered(answer); })));
}

void CapabilitiesCheck::discovered(const Result<ServiceProviderConfig, ScimError>& answer)
{
    if (!answer) {
        const ScimError& error = answer.error();
        if (error.kind == ScimError::Kind::Cancelled) {
            explain(error);
        } else if (error.kind == ScimError::Kind::Http && error.httpStatus == 404) {
            warn(ConnectionFailure::NoDiscovery); // the authentication step read /Users a moment ago
        } else {
            warn(ConnectionFailure::NoServiceProviderConfig);
            result().details << tr("GET /ServiceProviderConfig failed: %1").arg(error.message());
        }
        finish();
        return;
    }
    context().setDiscovered(answer.value());
    const ServiceProviderConfig& spc = *context().discovered();
    describe(spc);
    const ServerCapabilities& caps = context().server().capabilities;
    const ConnectionRemediation::Facts facts {{QStringLiteral("max"), QString::number(spc.filterMaxResults)},
        {QStringLiteral("pageSize"), QString::number(caps.maxPageSize)}};
    for (const ConnectionFailure mismatch : compare(spc))
        warn(mismatch, facts);
    finish();
}

void CapabilitiesCheck::describe(const ServiceProviderConfig& spc)
{
    QStringList& details = result().details;
    details << tr("PATCH: %1").arg(yesNo(spc.patchSupported));
    details << (spc.filterSupported && spc.filterMaxResults > 0
            ? tr("Filter: yes, at most %1 results").arg(spc.filterMaxResults)
            : tr("Filter: %1").arg(yesNo(spc.filterSupported)));
    details << (spc.bulkSupported ? tr("Bulk: yes, at most %1 operations").arg(spc.bulkMaxOperations) : tr("Bulk: no"));
    details << tr("Sorting: %1; ETags: %2; password change: %3")
                   .arg(yesNo(spc.sortSupported), yesNo(spc.etagSupported), yesNo(spc.changePasswordSupported));
}

QList<ConnectionFailure> CapabilitiesCheck::compare(const ServiceProviderConfig& spc)
{
    const ServerCapabilities& caps = context().server().capabilities;
    QList<ConnectionFailure> mismatches;
    if (caps.patchSupported && !spc.patchSupported)
        mismatches << ConnectionFailure::PatchUnsupported;
    else if (!caps.patchSupported && spc.patchSupported)
        result().details << tr("The server supports PATCH; the server type does not use it.");
    if (!caps.filterOperators.isEmpty() && !spc.filterSupported)
        mismatches << ConnectionFailure::FiltersUnsupported;
    if (spc.filterSupported && spc.filterMaxResults > 0 && spc.filterMaxResults < caps.maxPageSize) {
        if (caps.pagingMode == PagingMode::SinglePage)
            mismatches << ConnectionFailure::FilterResultsCapped;
        else
            result().details << tr("The server caps results at %1 per query; ScimDesk reads up to %2 per page and "
                                   "follows the pages.")
                                    .arg(spc.filterMaxResults)
                                    .arg(caps.maxPageSize);
    }
    if (caps.bulkSupported && !spc.bulkSupported)
        mismatches << ConnectionFailure::BulkUnsupported;
    comparePaging(spc, mismatches);
    return mismatches;
}

void CapabilitiesCheck::comparePaging(const ServiceProviderConfig& spc, QList<ConnectionFailure>& mismatches)
{
    const ServerCapabilities& caps = context().server().capabilities;
    // RFC 9865 lets a server say which paging it supports.
    const QJsonObject pagination = spc.raw.value(QLatin1String("pagination")).toObject();
    if (pagination.isEmpty()) {
        result().details << tr("Paging: not described by the server; the read step probes it (server type: %1).")
                                .arg(ServerCapabilities::pagingModeId(caps.pagingMode));
        return;
    }
    const bool cursor = pagination.value(QLatin1String("cursor")).toBool();
    const bool index = pagination.value(QLatin1String("index")).toBool();
    result().details << tr("Paging: cursor %1, startIndex %2").arg(yesNo(cursor), yesNo(index));
    if (caps.pagingMode == PagingMode::Cursor && !cursor)
        mismatches << ConnectionFailure::CursorUnsupported;
    if (caps.pagingMode == PagingMode::StartIndex && !index)
        mismatches << ConnectionFailure::StartIndexUnsupported;
}
