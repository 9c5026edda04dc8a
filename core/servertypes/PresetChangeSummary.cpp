#include "PresetChangeSummary.h"

#include <QCoreApplication>

namespace {
QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("PresetChangeSummary", text, nullptr, n);
}

QString authenticationLine(const PresetChange& change, const ScimServer& before)
{
    const AuthScheme now = change.result.auth.scheme;
    if (now != before.auth.scheme) {
        return tr("Authentication: %1 (instead of %2).")
            .arg(AuthSettings::schemeDisplayName(now), AuthSettings::schemeDisplayName(before.auth.scheme));
    }
    return tr("Authentication: %1, with the type's settings.").arg(AuthSettings::schemeDisplayName(now));
}

QString mappingsLine(const PresetChange& change, const ServerType& preset, const ScimServer& before)
{
    const int now = int(change.result.userMappings.size());
    const int was = int(before.userMappings.size());
    const QString attributes = tr("%n SCIM attribute(s)", now);
    if (was == 0) {
        return tr("SCIM attributes: %1 as %2 expects them.").arg(attributes, preset.displayName);
    }
    return tr("SCIM attributes: %1 as %2 expects them, replacing the %3 you have now.")
        .arg(attributes, preset.displayName, tr("%n attribute(s)", was));
}

QString staticLine(const PresetChange& change, const ScimServer& before)
{
    const int now = int(change.result.staticAttributes.size());
    const int was = int(before.staticAttributes.size());
    if (now == 0) {
        return tr("Static attributes: none; the %1 you have now are removed.").arg(tr("%n attribute(s)", was));
    }
    QStringList names;
    for (const auto& attribute : change.result.staticAttributes) {
        names.append(QStringLiteral("%1 = \"%2\"").arg(attribute.target, attribute.value));
    }
    return tr("Static attributes: %1.").arg(names.join(QStringLiteral(", ")));
}
} // namespace

QStringList PresetChangeSummary::describeCapabilities(const ServerCapabilities& capabilities)
{
    QStringList lines;
    switch (capabilities.pagingMode) {
    case PagingMode::Cursor:
        lines.append(
            tr("reads users and groups page by page with a cursor, up to %1 at a time").arg(capabilities.maxPageSize));
        break;
    case PagingMode::StartIndex:
        lines.append(tr("reads users and groups in pages of up to %1").arg(capabilities.maxPageSize));
        break;
    case PagingMode::SinglePage:
        lines.append(tr("returns every user and group in one answer"));
        break;
    }
    if (capabilities.maxMembersPerPatch > 0) {
        lines.append(tr("changes at most %1 group members per request").arg(capabilities.maxMembersPerPatch));
    }
    if (!capabilities.groupReadReturnsMembers) {
        lines.append(tr("does not list a group's members when a group is read"));
    }
    if (!capabilities.groupPutSupported) {
        lines.append(tr("changes groups only by PATCH, never by replacing them"));
    }
    if (!capabilities.singleValuedMultiAttributes.isEmpty()) {
        lines.append(tr("keeps one value only of %1").arg(capabilities.singleValuedMultiAttributes.join(tr(", "))));
    }
    if (capabilities.requiredUserAttributes.size() > 1) {
        lines.append(tr("requires %1 on every user").arg(capabilities.requiredUserAttributes.join(tr(", "))));
    }
    if (capabilities.tokenLifetimeDays > 0) {
        lines.append(tr("issues access tokens that expire after %n day(s)", capabilities.tokenLifetimeDays));
    }
    return lines;
}

QStringList PresetChangeSummary::summarize(
    const PresetChange& change, const ServerType& preset, const ScimServer& before)
{
    QStringList lines;
    if (change.authChanged) {
        lines.append(authenticationLine(change, before));
    }
    if (change.mappingsChanged) {
        lines.append(mappingsLine(change, preset, before));
    }
    if (change.staticChanged) {
        lines.append(staticLine(change, before));
    }
    if (change.capabilitiesChanged) {
        lines.append(tr("How the server behaves: it %1.")
                         .arg(describeCapabilities(change.result.capabilities).join(tr("; it "))));
    }
    if (change.optionsChanged) {
        const int added = int(change.result.options.protectedPatterns.size() - before.options.protectedPatterns.size());
        lines.append(tr("Protected objects: %n pattern(s) added; matching users and groups are never changed "
                        "or removed.",
            added));
    }
    return lines;
}
