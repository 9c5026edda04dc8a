#include "AttributeMapping.h"

QString AttributeMapping::kindId(MappingKind kind)
{
    return kind == MappingKind::Expression ? QStringLiteral("expression") : QStringLiteral("direct");
}

QString AttributeMapping::applyWhenId(ApplyWhen when)
{
    return when == ApplyWhen::OnCreate ? QStringLiteral("on-create") : QStringLiteral("always");
}

bool AttributeMapping::kindFromId(const QString& id, MappingKind* kind)
{
    if (id == QLatin1String("direct")) {
        *kind = MappingKind::Direct;
    } else if (id == QLatin1String("expression")) {
        *kind = MappingKind::Expression;
    } else {
        return false;
    }
    return true;
}

bool AttributeMapping::applyWhenFromId(const QString& id, ApplyWhen* when)
{
    if (id == QLatin1String("always")) {
        *when = ApplyWhen::Always;
    } else if (id == QLatin1String("on-create")) {
        *when = ApplyWhen::OnCreate;
    } else {
        return false;
    }
    return true;
}

bool AttributeMapping::operator==(const AttributeMapping& other) const
{
    return kind == other.kind && source == other.source && target == other.target && applyWhen == other.applyWhen
        && matching == other.matching && matchingPrecedence == other.matchingPrecedence
        && defaultValue == other.defaultValue;
}
