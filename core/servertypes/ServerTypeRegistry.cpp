#include "ServerTypeRegistry.h"

#include "ServerTypeLoader.h"
#include "util/LogCategories.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonValue>
#include <QUrl>

#include <algorithm>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ServerTypeRegistry", text);
}

QString shown(const QString& value)
{
    return value.isEmpty() ? tr("(empty)") : value;
}

QString describeMapping(const AttributeMapping& mapping)
{
    QString text = QStringLiteral("%1 ← %2").arg(mapping.target, mapping.source);
    if (mapping.kind == MappingKind::Expression) {
        text += tr(" (expression)");
    }
    if (mapping.applyWhen == ApplyWhen::OnCreate) {
        text += tr(" (on create only)");
    }
    if (mapping.matching) {
        text += tr(" (matching, order %1)").arg(mapping.matchingPrecedence + 1);
    }
    if (!mapping.defaultValue.isEmpty()) {
        text += tr(" (default \"%1\")").arg(mapping.defaultValue);
    }
    return text;
}

QString jsonText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? tr("yes") : tr("no");
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::String:
        return shown(value.toString());
    case QJsonValue::Array: {
        QStringList items;
        for (const auto& item : value.toArray()) {
            items.append(item.toString());
        }
        return items.isEmpty() ? tr("(none)") : items.join(QStringLiteral(", "));
    }
    default:
        return shown(QString());
    }
}

QString resolveOrigin(const QString& tokenUrl, const QString& serverUrl)
{
    const QString placeholder = QStringLiteral("{origin}");
    if (!tokenUrl.contains(placeholder)) {
        return tokenUrl;
    }
    const QUrl url(serverUrl.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
        return tokenUrl; // left for the admin to complete
    }
    QString origin = url.scheme() + QStringLiteral("://") + url.host();
    if (url.port() != -1) {
        origin += QLatin1Char(':') + QString::number(url.port());
    }
    QString resolved = tokenUrl;
    return resolved.replace(placeholder, origin);
}

AuthSettings presetAuth(const ServerType& preset, const ScimServer& current)
{
    // Per-tenant identifiers (client id, user name) are not preset data: keep the admin's
    // when the scheme still uses them, drop them when it does not.
    AuthSettings auth;
    auth.scheme = preset.auth.scheme;
    if (auth.scheme == AuthScheme::Basic) {
        auth.basicUsername
            = preset.auth.basicUsername.isEmpty() ? current.auth.basicUsername : preset.auth.basicUsername;
    }
    if (auth.scheme == AuthScheme::OAuthClientCredentials) {
        auth.oauthTokenUrl = resolveOrigin(preset.auth.oauthTokenUrl, current.url);
        auth.oauthClientId = current.auth.oauthClientId;
        auth.oauthScope = preset.auth.oauthScope.isEmpty() ? current.auth.oauthScope : preset.auth.oauthScope;
    }
    return auth;
}

void diffAuth(const AuthSettings& before, const AuthSettings& after, QStringList* changes)
{
    if (before.scheme != after.scheme) {
        changes->append(
            tr("Authentication scheme: %1 → %2")
                .arg(AuthSettings::schemeDisplayName(before.scheme), AuthSettings::schemeDisplayName(after.scheme)));
    }
    const struct
    {
        const char* label;
        QString AuthSettings::*field;
    } fields[] = {
        {QT_TRANSLATE_NOOP("ServerTypeRegistry", "Basic user name"), &AuthSettings::basicUsername},
        {QT_TRANSLATE_NOOP("ServerTypeRegistry", "OAuth token URL"), &AuthSettings::oauthTokenUrl},
        {QT_TRANSLATE_NOOP("ServerTypeRegistry", "OAuth client ID"), &AuthSettings::oauthClientId},
        {QT_TRANSLATE_NOOP("ServerTypeRegistry", "OAuth scope"), &AuthSettings::oauthScope},
    };
    for (const auto& field : fields) {
        const QString& was = before.*field.field;
        const QString& now = after.*field.field;
        if (was != now) {
            changes->append(tr("%1: %2 → %3").arg(tr(field.label), shown(was), shown(now)));
        }
    }
}

void diffMappings(const AttributeMappings& before, const AttributeMappings& after, QStringList* changes)
{
    for (const auto& mapping : after) {
        const auto old = std::find_if(before.begin(), before.end(),
            [&](const AttributeMapping& candidate) { return candidate.target == mapping.target; });
        if (old == before.end()) {
            changes->append(tr("SCIM attribute added: %1").arg(describeMapping(mapping)));
        } else if (!(*old == mapping)) {
            changes->append(tr("SCIM attribute changed: %1 → %2").arg(describeMapping(*old), describeMapping(mapping)));
        }
    }
    for (const auto& mapping : before) {
        const bool kept = std::any_of(after.begin(), after.end(),
            [&](const AttributeMapping& candidate) { return candidate.target == mapping.target; });
        if (!kept) {
            changes->append(tr("SCIM attribute removed: %1").arg(describeMapping(mapping)));
        }
    }
}

void diffStatic(const StaticAttributes& before, const StaticAttributes& after, QStringList* changes)
{
    for (const auto& attribute : after) {
        const auto old = std::find_if(before.begin(), before.end(),
            [&](const StaticAttribute& candidate) { return candidate.target == attribute.target; });
        if (old == before.end()) {
            changes->append(tr("Static attribute added: %1 = \"%2\"").arg(attribute.target, attribute.value));
        } else if (old->value != attribute.value) {
            changes->append(tr("Static attribute changed: %1 = \"%2\" → \"%3\"")
                                .arg(attribute.target, old->value, attribute.value));
        }
    }
    for (const auto& attribute : before) {
        const bool kept = std::any_of(after.begin(), after.end(),
            [&](const StaticAttribute& candidate) { return candidate.target == attribute.target; });
        if (!kept) {
            changes->append(tr("Static attribute removed: %1 = \"%2\"").arg(attribute.target, attribute.value));
        }
    }
}

void diffCapabilities(const ServerCapabilities& before, const ServerCapabilities& after, QStringList* changes)
{
    const QJsonObject was = before.toJson();
    const QJsonObject now = after.toJson();
    for (auto it = now.begin(); it != now.end(); ++it) {
        if (was.value(it.key()) != it.value()) {
            changes->append(
                tr("Capability %1: %2 → %3").arg(it.key(), jsonText(was.value(it.key())), jsonText(it.value())));
        }
    }
}

} // namespace

QString ServerTypeRegistry::builtInDirectory()
{
    return QStringLiteral(":/server-types");
}

ServerTypeRegistry ServerTypeRegistry::load(const QString& extraDirectory)
{
    ServerTypeRegistry registry;
    registry.m_presets.load(builtInDirectory(), extraDirectory);
    return registry;
}

std::optional<ServerType> ServerTypeRegistry::suggestForUrl(const QString& url) const
{
    if (url.trimmed().isEmpty()) {
        return std::nullopt;
    }
    for (const auto& type : m_presets.all()) {
        if (!type.connectionHints.urlTemplate.isEmpty() && !type.urlPattern.isEmpty() && type.urlMatches(url)) {
            return type;
        }
    }
    return std::nullopt;
}

PresetChange ServerTypeRegistry::applyPreset(const ServerType& preset, const ScimServer& current)
{
    PresetChange change;
    change.result = current;
    ScimServer& result = change.result;
    result.serverTypeId = preset.id;

    const AuthSettings auth = presetAuth(preset, current);
    if (auth != current.auth) {
        change.authChanged = true;
        diffAuth(current.auth, auth, &change.changes);
        result.auth = auth;
    }

    if (preset.userMappings != current.userMappings) {
        change.mappingsChanged = true;
        const int before = int(change.changes.size());
        diffMappings(current.userMappings, preset.userMappings, &change.changes);
        if (change.changes.size() == before) {
            change.changes.append(tr("SCIM attribute mappings reordered as in the preset"));
        }
        result.userMappings = preset.userMappings;
    }

    if (preset.staticAttributes != current.staticAttributes) {
        change.staticChanged = true;
        const int before = int(change.changes.size());
        diffStatic(current.staticAttributes, preset.staticAttributes, &change.changes);
        if (change.changes.size() == before) {
            change.changes.append(tr("Static attributes reordered as in the preset"));
        }
        result.staticAttributes = preset.staticAttributes;
    }

    if (!(preset.capabilities == current.capabilities)) {
        change.capabilitiesChanged = true;
        diffCapabilities(current.capabilities, preset.capabilities, &change.changes);
        result.capabilities = preset.capabilities;
    }

    // Protected patterns only ever grow: a preset never un-protects what the admin protected.
    for (const QString& pattern : preset.defaults.protectedPatterns) {
        if (!result.options.protectedPatterns.contains(pattern)) {
            result.options.protectedPatterns.append(pattern);
            change.optionsChanged = true;
            change.changes.append(tr("Protected pattern added: %1").arg(pattern));
        }
    }
    return change;
}
