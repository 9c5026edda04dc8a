#include "UserMapper.h"

#include "ExpressionParser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("UserMapper", text);
}

bool isBooleanTarget(const ScimPath& path)
{
    const QString leaf = path.subAttribute().isEmpty() ? path.attribute() : path.subAttribute();
    return path.schemaUrn().isEmpty()
        && ((path.subAttribute().isEmpty() && leaf.compare(QLatin1String("active"), Qt::CaseInsensitive) == 0)
            || leaf.compare(QLatin1String("primary"), Qt::CaseInsensitive) == 0);
}

QJsonValue typedValue(const ScimPath& target, const QString& text)
{
    if (isBooleanTarget(target)) {
        const QString v = text.trimmed().toLower();
        if (v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("yes")) {
            return true;
        }
        if (v == QLatin1String("false") || v == QLatin1String("0") || v == QLatin1String("no")) {
            return false;
        }
        // Left as text so UserValidator can say what is wrong with it.
    }
    return text;
}

// Attributes the server assigns or ScimDesk manages itself; a mapping must not write them.
bool isReservedTarget(const ScimPath& path)
{
    if (!path.schemaUrn().isEmpty()) {
        return false;
    }
    for (const char* name : {"id", "meta", "schemas", "groups"}) {
        if (path.attribute().compare(QLatin1String(name), Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

bool isExternalId(const ScimPath& path)
{
    return path.schemaUrn().isEmpty() && path.subAttribute().isEmpty() && !path.hasFilter()
        && path.attribute().compare(QLatin1String("externalId"), Qt::CaseInsensitive) == 0;
}

} // namespace

UserMapper::UserMapper(
    const AttributeMappings& mappings, const StaticAttributes& staticAttributes, const ServerCapabilities& capabilities)
    : m_capabilities(capabilities)
{
    QList<ScimPath> targets;
    QStringList targetLabels;
    auto checkTarget = [&](const QString& label, const QString& text, ScimPath* path) {
        const auto parsed = ScimPath::parse(text);
        if (!parsed) {
            m_errors.append(
                tr("%1: the target \"%2\" is not a SCIM attribute path: %3").arg(label, text, parsed.error().message));
            return false;
        }
        if (isReservedTarget(*parsed)) {
            m_errors.append(tr("%1: the target \"%2\" is set by the server or by ScimDesk itself — map to "
                               "another attribute or remove the row")
                                .arg(label, text));
            return false;
        }
        const int duplicate = targets.indexOf(*parsed);
        if (duplicate >= 0) {
            m_errors.append(tr("%1 writes %2 like %3 — keep one of them").arg(label, text, targetLabels.at(duplicate)));
            return false;
        }
        targets.append(*parsed);
        targetLabels.append(label);
        *path = *parsed;
        return true;
    };

    for (int i = 0; i < mappings.size(); ++i) {
        const AttributeMapping& mapping = mappings.at(i);
        const QString label = tr("Mapping %1 (→ %2)").arg(QString::number(i + 1), mapping.target);
        Row row;
        row.mapping = mapping;
        if (mapping.kind == MappingKind::Expression) {
            const auto parsed = ExpressionParser::parse(mapping.source);
            if (!parsed) {
                m_errors.append(tr("%1: %2").arg(label, parsed.error().message));
                continue;
            }
            row.expression = *parsed;
        } else if (mapping.source.trimmed().isEmpty()) {
            m_errors.append(tr("%1: no source attribute — choose the directory attribute to send").arg(label));
            continue;
        }
        if (!checkTarget(label, mapping.target, &row.target)) {
            continue;
        }
        m_rows.append(row);
    }
    for (int i = 0; i < staticAttributes.size(); ++i) {
        const StaticAttribute& attribute = staticAttributes.at(i);
        const QString label = tr("Static attribute %1 (→ %2)").arg(QString::number(i + 1), attribute.target);
        ScimPath target;
        if (checkTarget(label, attribute.target, &target)) {
            m_staticAttributes.append(attribute);
            m_staticTargets.append(target);
        }
    }
}

QString UserMapper::valueFor(const Row& row, const DirectoryUser& user) const
{
    QString value = row.mapping.kind == MappingKind::Expression ? row.expression.evaluate(user)
                                                                : user.attribute(row.mapping.source.trimmed());
    if (value.trimmed().isEmpty()) {
        value = row.mapping.defaultValue;
    }
    return value.trimmed().isEmpty() ? QString() : value;
}

MappedUser UserMapper::map(const DirectoryUser& user, MapPurpose purpose) const
{
    MappedUser mapped;
    mapped.objectId = user.objectId;
    QJsonObject& resource = mapped.resource;
    resource.insert(QStringLiteral("schemas"), QJsonArray {ScimPath::coreUserSchema()});

    for (int i = 0; i < m_staticAttributes.size(); ++i) {
        const QString value = m_staticAttributes.at(i).value;
        if (!value.trimmed().isEmpty()) {
            m_staticTargets.at(i).set(resource, typedValue(m_staticTargets.at(i), value));
        }
    }
    for (const Row& row : m_rows) {
        if (row.mapping.applyWhen == ApplyWhen::OnCreate && purpose != MapPurpose::Create) {
            continue;
        }
        const QString value = valueFor(row, user);
        if (!value.isEmpty()) {
            row.target.set(resource, typedValue(row.target, value));
        }
    }
    return mapped;
}

QList<ScimPath> UserMapper::mappedScimPaths(MapPurpose purpose) const
{
    QList<ScimPath> paths = m_staticTargets;
    for (const Row& row : m_rows) {
        if (row.mapping.applyWhen == ApplyWhen::Always || purpose == MapPurpose::Create) {
            paths.append(row.target);
        }
    }
    return paths;
}

QStringList UserMapper::mappedPaths(MapPurpose purpose) const
{
    QStringList paths;
    for (const ScimPath& path : mappedScimPaths(purpose)) {
        paths.append(path.toString());
    }
    return paths;
}

QStringList UserMapper::matchingAttributeNames() const
{
    QStringList names;
    for (const Row& row : m_rows) {
        if ((row.mapping.matching || isExternalId(row.target)) && !names.contains(row.target.attributeName())) {
            names.append(row.target.attributeName());
        }
    }
    return names;
}

QList<MatchingAttribute> UserMapper::matchingAttributes(const DirectoryUser& user) const
{
    QList<const Row*> rows;
    for (const Row& row : m_rows) {
        if (row.mapping.matching || isExternalId(row.target)) {
            rows.append(&row);
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row* a, const Row* b) {
        const bool aFirst = isExternalId(a->target);
        const bool bFirst = isExternalId(b->target);
        if (aFirst != bFirst) {
            return aFirst;
        }
        return a->mapping.matchingPrecedence < b->mapping.matchingPrecedence;
    });

    QList<MatchingAttribute> result;
    for (const Row* row : rows) {
        const QString value = valueFor(*row, user);
        if (value.isEmpty()) {
            continue;
        }
        result.append(MatchingAttribute {
            row->target.toString(), row->target.attributeName(), row->mapping.matchingPrecedence, value});
    }
    return result;
}

QStringList UserMapper::caseInsensitivePaths() const
{
    QStringList paths = m_capabilities.caseInsensitiveUniqueAttributes;
    if (!paths.contains(QLatin1String("emails.value"), Qt::CaseInsensitive)) {
        paths.append(QStringLiteral("emails.value"));
    }
    return paths;
}

QString UserMapper::renderJson(const DirectoryUser& user, MapPurpose purpose) const
{
    return QString::fromUtf8(QJsonDocument(map(user, purpose).resource).toJson(QJsonDocument::Indented));
}
