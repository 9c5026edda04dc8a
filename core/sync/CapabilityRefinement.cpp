#include "CapabilityRefinement.h"

#include <QCoreApplication>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("CapabilityRefinement", text);
}
} // namespace

CapabilityRefinement::Outcome CapabilityRefinement::refine(
    const ServerCapabilities& preset, const ServiceProviderConfig& config)
{
    Outcome outcome;
    outcome.capabilities = preset;
    ServerCapabilities& caps = outcome.capabilities;

    if (preset.patchSupported && !config.patchSupported) {
        caps.patchSupported = false;
        const QString note = preset.groupPutSupported
            ? tr("The server says it does not support PATCH (/ServiceProviderConfig). ScimDesk updates users and "
                 "group memberships with PATCH, so updates may be refused; if they are, check the server type and "
                 "the server's SCIM settings.")
            : tr("The server says it does not support PATCH (/ServiceProviderConfig), and its server type does not "
                 "allow replacing groups with PUT either: updates and membership changes may be refused. Check "
                 "the server type and the server's SCIM settings.");
        outcome.notes.append(note);
        outcome.warnings.append(note);
    }

    if (!config.filterSupported) {
        if (!preset.filterOperators.isEmpty()) {
            const QString note = tr("The server says it does not support filters (/ServiceProviderConfig). ScimDesk "
                                    "uses filters to find an existing user after a conflict and, where group reads "
                                    "carry no members, to read memberships; those steps may fail.");
            outcome.notes.append(note);
            outcome.warnings.append(note);
        }
    } else if (config.filterMaxResults > 0 && (caps.maxPageSize <= 0 || config.filterMaxResults < caps.maxPageSize)) {
        outcome.notes.append(tr("The server returns at most %1 resources per response (/ServiceProviderConfig); "
                                "pages are read %1 at a time instead of %2.")
                                 .arg(config.filterMaxResults)
                                 .arg(caps.maxPageSize > 0 ? QString::number(caps.maxPageSize) : tr("all")));
        caps.maxPageSize = config.filterMaxResults;
    }

    // ScimDesk does not use /Bulk: what the server says about it changes nothing.
    if (config.bulkSupported && !preset.bulkSupported)
        outcome.notes.append(tr("The server supports /Bulk; ScimDesk sends individual requests."));
    return outcome;
}
